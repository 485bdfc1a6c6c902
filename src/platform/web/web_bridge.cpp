// All JavaScript glue of the browser bundle, in one file: EM_JS functions called from C++, and
// EMSCRIPTEN_KEEPALIVE functions called from JavaScript (web/index.html wraps them in
// window.stsPlayground). Add new exports here, and list them in web/index.html.
#include "platform/web/web_bridge.h"

#include <emscripten/emscripten.h>

namespace {
int g_frames_rendered = 0;
}  // namespace

// ---- C++ -> JavaScript -----------------------------------------------------------------------
// `Module` is the instance created by createStsPlayground({canvas}) in index.html.

EM_JS(double, sts_js_canvas_css_width, (), {
    return Module['canvas'].getBoundingClientRect().width;
});
EM_JS(double, sts_js_canvas_css_height, (), {
    return Module['canvas'].getBoundingClientRect().height;
});
EM_JS(double, sts_js_device_pixel_ratio, (), {
    return window.devicePixelRatio || 1.0;
});
// Writing canvas.width/height clears the drawing buffer, so only write when the size changes.
EM_JS(void, sts_js_set_canvas_backing_size, (int width, int height), {
    var canvas = Module['canvas'];
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
});

namespace sts::web {

CanvasMetrics QueryCanvas() {
    CanvasMetrics m;
    m.css_width = sts_js_canvas_css_width();
    m.css_height = sts_js_canvas_css_height();
    m.device_pixel_ratio = sts_js_device_pixel_ratio();
    if (!(m.device_pixel_ratio > 0)) m.device_pixel_ratio = 1;
    return m;
}

void SetCanvasBackingSize(int width, int height) { sts_js_set_canvas_backing_size(width, height); }

void NotifyFrameRendered() { ++g_frames_rendered; }

}  // namespace sts::web

// ---- JavaScript -> C++ -----------------------------------------------------------------------

extern "C" {

// Number of frames rendered so far (tests wait for the first frames before a screenshot).
EMSCRIPTEN_KEEPALIVE int sts_frame_count() { return g_frames_rendered; }

}  // extern "C"
