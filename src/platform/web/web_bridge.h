// C++ side of the page <-> wasm bridge. Every piece of JavaScript glue (EM_JS functions and
// EMSCRIPTEN_KEEPALIVE exports called from index.html) lives in web_bridge.cpp, and only there.
#pragma once

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

// Counts rendered frames; the page reads the count (stsPlayground.frameCount()).
void NotifyFrameRendered();

}  // namespace sts::web
