// Browser entry point: Dear ImGui over WebGL2, through Emscripten's built-in JS GLFW.
//
// Sizes: ImGui works in CSS pixels (io.DisplaySize) and renders into a backing store of
// CSS size x devicePixelRatio (io.DisplayFramebufferScale), like ImGui on a Retina Mac; the font
// atlas is rasterised at the device pixel size, so text stays crisp on HiDPI screens.
// Both are re-read every frame, so window resizes and browser zoom are followed.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>

#include "platform/web/web_bridge.h"

namespace {

constexpr float kBaseFontSize = 13.0f;  // ProggyClean's native size, in CSS pixels
constexpr float kClearColor[4] = {0.07f, 0.08f, 0.10f, 1.0f};

struct App {
    GLFWwindow* window = nullptr;
    float font_scale = 0;  // device pixel ratio the font atlas was built for
    bool gl_fonts_ready = false;
};

// (Re)build the font atlas for a device pixel ratio.
void BuildFonts(App& app, float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.SizePixels = std::round(kBaseFontSize * dpr);
    io.Fonts->AddFontDefault(&cfg);
    io.FontGlobalScale = 1.0f / dpr;  // glyphs rasterised at device size, laid out in CSS px
    if (app.gl_fonts_ready) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    app.font_scale = dpr;
}

void DrawUi() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 24, vp->WorkPos.y + 24), ImGuiCond_FirstUseEver);
    ImGui::Begin("StatefulSet Playground", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextUnformatted("A deterministic Kubernetes StatefulSet controller, in your browser.");
    ImGui::Spacing();
    ImGui::TextDisabled("%.0f x %.0f CSS px, devicePixelRatio %.2f", vp->Size.x, vp->Size.y,
                        ImGui::GetIO().DisplayFramebufferScale.x);
    ImGui::End();
}

void Frame(void* arg) {
    App& app = *static_cast<App*>(arg);
    ImGuiIO& io = ImGui::GetIO();

    const sts::web::CanvasMetrics m = sts::web::QueryCanvas();
    const float css_w = static_cast<float>(std::max(1.0, m.css_width));
    const float css_h = static_cast<float>(std::max(1.0, m.css_height));
    const int fb_w = std::max(1, static_cast<int>(std::lround(css_w * m.device_pixel_ratio)));
    const int fb_h = std::max(1, static_cast<int>(std::lround(css_h * m.device_pixel_ratio)));
    sts::web::SetCanvasBackingSize(fb_w, fb_h);
    const float scale_x = static_cast<float>(fb_w) / css_w;
    const float scale_y = static_cast<float>(fb_h) / css_h;

    if (static_cast<float>(m.device_pixel_ratio) != app.font_scale) {
        BuildFonts(app, static_cast<float>(m.device_pixel_ratio));
    }

    ImGui_ImplOpenGL3_NewFrame();  // creates GL objects (and the font texture) on first use
    app.gl_fonts_ready = true;
    ImGui_ImplGlfw_NewFrame();
    // Emscripten's GLFW reports its creation size and mouse positions in backing-store pixels;
    // override with CSS pixels and the real framebuffer scale.
    io.DisplaySize = ImVec2(css_w, css_h);
    io.DisplayFramebufferScale = ImVec2(scale_x, scale_y);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX) {
        io.MousePos = ImVec2(io.MousePos.x / scale_x, io.MousePos.y / scale_y);
    }

    ImGui::NewFrame();
    DrawUi();
    ImGui::Render();

    glViewport(0, 0, fb_w, fb_h);
    glClearColor(kClearColor[0], kClearColor[1], kClearColor[2], kClearColor[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    sts::web::NotifyFrameRendered();
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "glfwInit failed\n");
        return 1;
    }
    // The size is replaced on the first frame by the canvas's CSS size x devicePixelRatio.
    static App app;
    app.window = glfwCreateWindow(1280, 720, "StatefulSet Playground", nullptr, nullptr);
    if (app.window == nullptr) {
        std::fprintf(stderr, "glfwCreateWindow failed (is WebGL2 available?)\n");
        return 1;
    }
    glfwMakeContextCurrent(app.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: the page keeps no state between loads
    ImGui::StyleColorsDark();

    ImGui_ImplGlfw_InitForOpenGL(app.window, /*install_callbacks=*/true);
    ImGui_ImplOpenGL3_Init("#version 300 es");  // WebGL2

    // Driven by requestAnimationFrame; main() returns to the browser here (no exit).
    emscripten_set_main_loop_arg(Frame, &app, 0, true);
    return 0;
}
