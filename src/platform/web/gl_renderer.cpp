// WebGL2 renderer of the cluster scene: instanced quads, everything else in the shaders.
#include "platform/web/gl_renderer.h"

#include <cstddef>
#include <cstdio>

#include "platform/web/embedded.h"

namespace sts::web {

namespace {

// The instance structs go to the GPU as they are: all floats, no padding.
static_assert(sizeof(ui::CardInstance) == 25 * sizeof(float), "CardInstance layout");
static_assert(sizeof(ui::LinkInstance) == 11 * sizeof(float), "LinkInstance layout");
static_assert(sizeof(ui::CylinderInstance) == 18 * sizeof(float), "CylinderInstance layout");

GLuint Compile(GLenum type, const char* name, const char* source) {
    GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    GLint ok = 0;
    glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetShaderInfoLog(s, sizeof log, nullptr, log);
        std::fprintf(stderr, "shader %s: %s\n", name, log);
        glDeleteShader(s);
        return 0;
    }
    return s;
}

void InstanceAttrib(GLuint loc, GLint size, GLsizei stride, size_t offset) {
    glEnableVertexAttribArray(loc);
    glVertexAttribPointer(loc, size, GL_FLOAT, GL_FALSE, stride, reinterpret_cast<const void*>(offset));
    glVertexAttribDivisor(loc, 1);
}

}  // namespace

bool GlSceneRenderer::Build(Program* p, const char* vert, const char* frag) {
    const char* vs_src = FindShader(vert);
    const char* fs_src = FindShader(frag);
    if (vs_src == nullptr || fs_src == nullptr) {
        std::fprintf(stderr, "shader source %s / %s not embedded\n", vert, frag);
        return false;
    }
    GLuint vs = Compile(GL_VERTEX_SHADER, vert, vs_src);
    GLuint fs = Compile(GL_FRAGMENT_SHADER, frag, fs_src);
    if (vs == 0 || fs == 0) return false;
    p->id = glCreateProgram();
    glAttachShader(p->id, vs);
    glAttachShader(p->id, fs);
    glLinkProgram(p->id);
    glDeleteShader(vs);
    glDeleteShader(fs);
    GLint ok = 0;
    glGetProgramiv(p->id, GL_LINK_STATUS, &ok);
    if (!ok) {
        char log[2048];
        glGetProgramInfoLog(p->id, sizeof log, nullptr, log);
        std::fprintf(stderr, "program %s+%s: %s\n", vert, frag, log);
        return false;
    }
    p->viewport = glGetUniformLocation(p->id, "u_viewport");
    p->dpr = glGetUniformLocation(p->id, "u_dpr");
    p->time = glGetUniformLocation(p->id, "u_time");
    return true;
}

bool GlSceneRenderer::Init() {
    if (!Build(&card_, "card.vert", "card.frag") || !Build(&link_, "link.vert", "link.frag") ||
        !Build(&cylinder_, "cylinder.vert", "cylinder.frag")) {
        return false;
    }
    const float quad[] = {0, 0, 1, 0, 0, 1, 1, 1};  // a triangle strip
    glGenBuffers(1, &quad_);
    glBindBuffer(GL_ARRAY_BUFFER, quad_);
    glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);

    auto corner = [&] {
        glBindBuffer(GL_ARRAY_BUFFER, quad_);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
        glVertexAttribDivisor(0, 0);
    };

    using ui::CardInstance;
    glGenVertexArrays(1, &card_vao_);
    glBindVertexArray(card_vao_);
    corner();
    glGenBuffers(1, &card_buf_);
    glBindBuffer(GL_ARRAY_BUFFER, card_buf_);
    const GLsizei cs = sizeof(CardInstance);
    InstanceAttrib(1, 4, cs, offsetof(CardInstance, x));
    InstanceAttrib(2, 4, cs, offsetof(CardInstance, radius));
    InstanceAttrib(3, 1, cs, offsetof(CardInstance, dashed));
    InstanceAttrib(4, 4, cs, offsetof(CardInstance, fill));
    InstanceAttrib(5, 4, cs, offsetof(CardInstance, border));
    InstanceAttrib(6, 4, cs, offsetof(CardInstance, glow));
    InstanceAttrib(7, 4, cs, offsetof(CardInstance, stripe_color));

    using ui::LinkInstance;
    glGenVertexArrays(1, &link_vao_);
    glBindVertexArray(link_vao_);
    corner();
    glGenBuffers(1, &link_buf_);
    glBindBuffer(GL_ARRAY_BUFFER, link_buf_);
    const GLsizei ls = sizeof(LinkInstance);
    InstanceAttrib(1, 4, ls, offsetof(LinkInstance, x0));
    InstanceAttrib(2, 3, ls, offsetof(LinkInstance, width));
    InstanceAttrib(3, 4, ls, offsetof(LinkInstance, color));

    using ui::CylinderInstance;
    glGenVertexArrays(1, &cylinder_vao_);
    glBindVertexArray(cylinder_vao_);
    corner();
    glGenBuffers(1, &cylinder_buf_);
    glBindBuffer(GL_ARRAY_BUFFER, cylinder_buf_);
    const GLsizei ys = sizeof(CylinderInstance);
    InstanceAttrib(1, 4, ys, offsetof(CylinderInstance, x));
    InstanceAttrib(2, 2, ys, offsetof(CylinderInstance, fill));
    InstanceAttrib(3, 4, ys, offsetof(CylinderInstance, body));
    InstanceAttrib(4, 4, ys, offsetof(CylinderInstance, top));
    InstanceAttrib(5, 4, ys, offsetof(CylinderInstance, rim));

    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    ready_ = true;
    return true;
}

void GlSceneRenderer::DrawCards(const std::vector<ui::CardInstance>& cards) {
    if (cards.empty()) return;
    glBindVertexArray(card_vao_);
    glBindBuffer(GL_ARRAY_BUFFER, card_buf_);
    glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(cards.size() * sizeof(ui::CardInstance)), cards.data(),
                 GL_STREAM_DRAW);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(cards.size()));
    ++draw_calls_;
}

void GlSceneRenderer::Render(int fb_width, int fb_height, float css_width, float css_height, float dpr) {
    draw_calls_ = 0;
    if (!ready_ || frame_ == nullptr || frame_->clip_w <= 0 || frame_->clip_h <= 0) return;
    const ui::SceneFrame& f = *frame_;
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);  // the shaders write premultiplied alpha
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glEnable(GL_SCISSOR_TEST);
    const float sx = static_cast<float>(fb_width) / css_width;
    const float sy = static_cast<float>(fb_height) / css_height;
    glScissor(static_cast<GLint>(f.clip_x * sx), static_cast<GLint>((css_height - f.clip_y - f.clip_h) * sy),
              static_cast<GLsizei>(f.clip_w * sx), static_cast<GLsizei>(f.clip_h * sy));

    auto uniforms = [&](const Program& p) {
        glUseProgram(p.id);
        if (p.viewport >= 0) glUniform2f(p.viewport, css_width, css_height);
        if (p.dpr >= 0) glUniform1f(p.dpr, dpr);
        if (p.time >= 0) glUniform1f(p.time, f.time);
    };

    uniforms(card_);
    DrawCards(f.regions);
    if (!f.links.empty()) {
        uniforms(link_);
        glBindVertexArray(link_vao_);
        glBindBuffer(GL_ARRAY_BUFFER, link_buf_);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(f.links.size() * sizeof(ui::LinkInstance)), f.links.data(),
                     GL_STREAM_DRAW);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(f.links.size()));
        ++draw_calls_;
    }
    if (!f.cylinders.empty()) {
        uniforms(cylinder_);
        glBindVertexArray(cylinder_vao_);
        glBindBuffer(GL_ARRAY_BUFFER, cylinder_buf_);
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(f.cylinders.size() * sizeof(ui::CylinderInstance)),
                     f.cylinders.data(), GL_STREAM_DRAW);
        glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, static_cast<GLsizei>(f.cylinders.size()));
        ++draw_calls_;
    }
    uniforms(card_);
    DrawCards(f.cards);

    glBindVertexArray(0);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glDisable(GL_SCISSOR_TEST);
    glUseProgram(0);
}

}  // namespace sts::web
