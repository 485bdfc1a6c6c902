// The cluster scene on WebGL2: our own shaders (shaders/*.glsl, embedded at build time), one
// instanced draw call per instance list (regions, links, cylinders, cards), whatever the number
// of pods. Drawn under ImGui's output, clipped to the cluster view.
#pragma once

#include <GLES3/gl3.h>

#include "ui/scene.h"

namespace sts::web {

class GlSceneRenderer final : public ui::SceneRenderer {
public:
    // Compiles the programs and creates the buffers; false (with a message on stderr) on failure.
    bool Init();
    // Keeps a pointer to the frame: it must stay alive until Render (DrawUi's frame does).
    void Submit(const ui::SceneFrame& frame) override { frame_ = &frame; }
    // Draws the submitted frame into the current framebuffer (fb_* in device pixels).
    void Render(int fb_width, int fb_height, float css_width, float css_height, float dpr);
    int draw_calls() const { return draw_calls_; }

private:
    struct Program {
        GLuint id = 0;
        GLint viewport = -1, dpr = -1, time = -1;
    };
    bool Build(Program* p, const char* vert, const char* frag);
    void DrawCards(const std::vector<ui::CardInstance>& cards);

    const ui::SceneFrame* frame_ = nullptr;
    Program card_, link_, cylinder_;
    GLuint quad_ = 0;
    GLuint card_vao_ = 0, link_vao_ = 0, cylinder_vao_ = 0;
    GLuint card_buf_ = 0, link_buf_ = 0, cylinder_buf_ = 0;
    int draw_calls_ = 0;
    bool ready_ = false;
};

}  // namespace sts::web
