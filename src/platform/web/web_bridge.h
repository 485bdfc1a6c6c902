// C++ side of the page <-> wasm bridge. Every piece of JavaScript glue (EM_JS functions and
// EMSCRIPTEN_KEEPALIVE exports wrapped by web/index.html as window.stsPlayground) lives in
// web_bridge.cpp, and only there.
#pragma once

namespace sts::ui {
class App;
}

namespace sts::web {

// The canvas as laid out by the page's CSS, and the display's device pixel ratio.
struct CanvasMetrics {
    double css_width = 0;   // CSS pixels
    double css_height = 0;  // CSS pixels
    double device_pixel_ratio = 1;
};

CanvasMetrics QueryCanvas();

// Sets the canvas backing store (drawing buffer) size in device pixels, if it differs.
void SetCanvasBackingSize(int width, int height);

// Counts rendered frames (stsPlayground.frameCount()); the first one also records its time
// (stsPlayground.firstFrameAt, ms since navigation start).
void NotifyFrameRendered();

// The app the page's exports act on (set once, before the first frame).
void AttachApp(ui::App* app);

// After the app's tick: resolves exec() promises of commands that ended, and sends what
// happened to the page's live region.
void AfterTick(ui::App& app);

// The CSS cursor for ImGui's wanted mouse cursor (only written when it changes).
void SetCursor(int imgui_cursor);

// Routes ImGui's clipboard through the browser's (paste events in, navigator.clipboard out).
void InstallClipboard();

}  // namespace sts::web
