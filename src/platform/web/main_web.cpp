// Browser entry point and frame driver: Dear ImGui over WebGL2 through Emscripten's built-in JS
// GLFW, the playground's App, and the WebGL2 scene renderer.
//
// Each frame: wall dt (the only wall clock of the program, clamped to 50 ms so a background tab
// or a slow frame never makes the simulation leap) goes to App::Tick, which advances simulated
// time by dt x speed; then ImGui builds every panel, the scene renderer draws the cluster view
// and ImGui draws text and overlays on top.
//
// Sizes: ImGui works in CSS pixels (io.DisplaySize) and renders into a backing store of
// CSS size x devicePixelRatio (io.DisplayFramebufferScale); fonts are rasterised at the device
// pixel size, so text stays crisp on HiDPI screens. Re-read every frame: resizes and zoom follow.
#include <GLES3/gl3.h>
#include <GLFW/glfw3.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cfloat>
#include <cstddef>
#include <cmath>
#include <cstdio>
#include <memory>
#include <vector>

#include "platform/web/embedded.h"
#include "platform/web/gl_renderer.h"
#include "platform/web/web_bridge.h"
#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace {

constexpr float kMaxFrameMs = 50.0f;
constexpr float kClearColor[4] = {13 / 255.0f, 16 / 255.0f, 22 / 255.0f, 1.0f};

struct Web {
    GLFWwindow* window = nullptr;
    float font_dpr = 0;  // device pixel ratio the font atlas was built for
    bool gl_fonts_ready = false;
    double last_ms = -1;
    std::unique_ptr<sts::ui::App> app;
    sts::web::GlSceneRenderer renderer;
};

// Key events wait in a queue and reach ImGui at most one change per key per frame: ImGui 1.86
// polls io.KeysDown at NewFrame, so a key pressed and released between two frames (a quick tap
// on a slow frame, or a test's keyboard.press) would otherwise never be seen, and Enter would
// be lost. Characters are queued by ImGui itself and go straight through.
struct KeyEvent {
    int key, scancode, action, mods;
};
std::vector<KeyEvent> g_keys;

void QueueKey(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_keys.push_back({key, scancode, action, mods});
}

void FeedKeys(GLFWwindow* window) {
    std::vector<int> changed;
    size_t i = 0;
    for (; i < g_keys.size(); ++i) {
        const KeyEvent& e = g_keys[i];
        if (std::find(changed.begin(), changed.end(), e.key) != changed.end()) break;
        if (e.action != GLFW_REPEAT) changed.push_back(e.key);
        ImGui_ImplGlfw_KeyCallback(window, e.key, e.scancode, e.action, e.mods);
    }
    g_keys.erase(g_keys.begin(), g_keys.begin() + static_cast<std::ptrdiff_t>(i));
}

ImFont* AddFont(const char* name, float css_px, float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    const sts::web::EmbeddedFont* f = sts::web::FindFont(name);
    ImFontConfig cfg;
    cfg.SizePixels = std::round(css_px * dpr);
    cfg.FontDataOwnedByAtlas = false;  // static data
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    if (f == nullptr) return io.Fonts->AddFontDefault(&cfg);
    return io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(f->data), static_cast<int>(f->size),
                                          cfg.SizePixels, &cfg);
}

// (Re)builds the font atlas for a device pixel ratio.
void BuildFonts(Web& web, float dpr) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    sts::ui::Fonts& fonts = sts::ui::GetFonts();
    fonts.body = AddFont("sans", 14.0f, dpr);
    fonts.bold = AddFont("sans-bold", 14.0f, dpr);
    fonts.mono = AddFont("mono", 13.5f, dpr);
    fonts.small = AddFont("sans", 12.0f, dpr);
    fonts.title = AddFont("sans-bold", 16.0f, dpr);
    io.FontDefault = fonts.body;
    io.FontGlobalScale = 1.0f / dpr;  // glyphs rasterised at device size, laid out in CSS px
    if (web.gl_fonts_ready) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    web.font_dpr = dpr;
}

void Frame(void* arg) {
    Web& web = *static_cast<Web*>(arg);
    ImGuiIO& io = ImGui::GetIO();

    // The frame clock.
    const double now = emscripten_get_now();
    const double dt = web.last_ms < 0 ? 0.0 : std::clamp(now - web.last_ms, 0.0, static_cast<double>(kMaxFrameMs));
    web.last_ms = now;
    web.app->Tick(dt);
    sts::web::AfterTick(*web.app);

    const sts::web::CanvasMetrics m = sts::web::QueryCanvas();
    const float css_w = static_cast<float>(std::max(1.0, m.css_width));
    const float css_h = static_cast<float>(std::max(1.0, m.css_height));
    const float dpr = static_cast<float>(m.device_pixel_ratio);
    const int fb_w = std::max(1, static_cast<int>(std::lround(css_w * dpr)));
    const int fb_h = std::max(1, static_cast<int>(std::lround(css_h * dpr)));
    sts::web::SetCanvasBackingSize(fb_w, fb_h);
    const float scale_x = static_cast<float>(fb_w) / css_w;
    const float scale_y = static_cast<float>(fb_h) / css_h;
    if (dpr != web.font_dpr) BuildFonts(web, dpr);

    ImGui_ImplOpenGL3_NewFrame();  // creates GL objects (and the font texture) on first use
    web.gl_fonts_ready = true;
    FeedKeys(web.window);
    ImGui_ImplGlfw_NewFrame();
    // Emscripten's GLFW reports its creation size and mouse positions in backing-store pixels;
    // override with CSS pixels and the real framebuffer scale.
    io.DisplaySize = ImVec2(css_w, css_h);
    io.DisplayFramebufferScale = ImVec2(scale_x, scale_y);
    io.DeltaTime = std::max(static_cast<float>(dt) / 1000.0f, 1e-4f);
    if (io.MousePos.x != -FLT_MAX && io.MousePos.y != -FLT_MAX) {
        io.MousePos = ImVec2(io.MousePos.x / scale_x, io.MousePos.y / scale_y);
    }

    ImGui::NewFrame();
    sts::ui::DrawUi(*web.app, web.renderer);
    sts::web::SetCursor(ImGui::GetMouseCursor());
    ImGui::Render();

    glViewport(0, 0, fb_w, fb_h);
    glClearColor(kClearColor[0], kClearColor[1], kClearColor[2], kClearColor[3]);
    glClear(GL_COLOR_BUFFER_BIT);
    web.renderer.Render(fb_w, fb_h, css_w, css_h, dpr);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    sts::web::NotifyFrameRendered();
}

}  // namespace

int main() {
    if (!glfwInit()) {
        std::fprintf(stderr, "glfwInit failed\n");
        return 1;
    }
    static Web web;
    // The size is replaced on the first frame by the canvas's CSS size x devicePixelRatio.
    web.window = glfwCreateWindow(1280, 720, "StatefulSet Playground", nullptr, nullptr);
    if (web.window == nullptr) {
        std::fprintf(stderr, "glfwCreateWindow failed (is WebGL2 available?)\n");
        return 1;
    }
    glfwMakeContextCurrent(web.window);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no imgui.ini: the page keeps no state between loads
    sts::ui::ApplyStyle();

    ImGui_ImplGlfw_InitForOpenGL(web.window, /*install_callbacks=*/true);
    glfwSetKeyCallback(web.window, QueueKey);  // replaces the backend's: see FeedKeys
    ImGui_ImplOpenGL3_Init("#version 300 es");  // WebGL2
    sts::web::InstallClipboard();
    if (!web.renderer.Init()) std::fprintf(stderr, "cluster scene renderer unavailable\n");

    // First load: the tutorial's manifest applied, pods coming up at 4x.
    web.app = std::make_unique<sts::ui::App>();
    sts::web::AttachApp(web.app.get());

    // Driven by requestAnimationFrame; main() returns to the browser here (no exit).
    emscripten_set_main_loop_arg(Frame, &web, 0, true);
    return 0;
}
