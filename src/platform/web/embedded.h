// Data compiled into the browser bundle at build time (src/platform/web/embed_web.cmake): our
// GLSL ES 3.00 shaders from shaders/*.glsl and the TrueType fonts of the page. No fetch at start.
#pragma once

#include <string_view>
#include <vector>

namespace sts::web {

struct EmbeddedShader {
    const char* name;    // "card.vert", "card.frag", ...
    const char* source;  // GLSL ES 3.00
};

struct EmbeddedFont {
    const char* name;    // "sans", "sans-bold", "mono"
    const unsigned char* data;
    unsigned size;
};

const std::vector<EmbeddedShader>& EmbeddedShaders();
const std::vector<EmbeddedFont>& EmbeddedFonts();

inline const char* FindShader(std::string_view name) {
    for (const auto& s : EmbeddedShaders())
        if (name == s.name) return s.source;
    return nullptr;
}

inline const EmbeddedFont* FindFont(std::string_view name) {
    for (const auto& f : EmbeddedFonts())
        if (name == f.name) return &f;
    return nullptr;
}

}  // namespace sts::web
