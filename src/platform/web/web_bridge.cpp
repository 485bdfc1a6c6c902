// All JavaScript glue of the browser bundle, in one file: EM_JS functions called from C++, and
// EMSCRIPTEN_KEEPALIVE functions called from JavaScript (web/index.html wraps them in
// window.stsPlayground). Add new exports here, and list them in web/index.html.
//
// Index of this file:
// [SECTION] C++ -> JavaScript
// [SECTION] Canvas, frames, cursor, clipboard, announcements
// [SECTION] JavaScript -> C++ (window.stsPlayground)
#include "platform/web/web_bridge.h"

#include <emscripten/emscripten.h>
#include <imgui.h>

#include <cstdio>
#include <string>
#include <vector>

#include "core/value.h"
#include "ui/app.h"
#include "ui/panels.h"

namespace {
int g_frames_rendered = 0;
sts::ui::App* g_app = nullptr;
std::string g_clipboard;
std::string g_result;  // the string returned by the last string export (valid until the next)
int g_cursor = -1;
}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] C++ -> JavaScript
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
EM_JS(void, sts_js_first_frame, (), {
    Module['stsFirstFrameAt'] = performance.now();
});
// Resolves the promise of stsPlayground.exec(command) number `id`.
EM_JS(void, sts_js_exec_done, (int id, const char* output), {
    if (Module['stsResolve']) Module['stsResolve'](id, UTF8ToString(output));
});
// The page's visually hidden aria-live region.
EM_JS(void, sts_js_announce, (const char* text), {
    var el = document.getElementById('announcer');
    if (!el) return;
    el.textContent = UTF8ToString(text);
});
EM_JS(void, sts_js_set_cursor, (const char* css), {
    Module['canvas'].style.cursor = UTF8ToString(css);
});
// ImGui copied something (Ctrl-C in the console or an editor, a Copy button).
EM_JS(void, sts_js_write_clipboard, (const char* text), {
    var t = UTF8ToString(text);
    Module['stsClipboard'] = t;
    if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(t).catch(function () {});
    }
});

// ---------------------------------------------------------------------------------------------
// [SECTION] Canvas, frames, cursor, clipboard, announcements

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

void NotifyFrameRendered() {
    if (g_frames_rendered == 0) sts_js_first_frame();
    ++g_frames_rendered;
}

void AttachApp(ui::App* app) { g_app = app; }

void AfterTick(ui::App& app) {
    for (const auto& c : app.TakeCompleted()) sts_js_exec_done(c.id, c.output.c_str());
    std::vector<std::string> said = app.TakeAnnouncements();
    if (!said.empty()) {
        // A burst (a fast speed) is read as one sentence; very long bursts keep their tail.
        if (said.size() > 6) said.erase(said.begin(), said.end() - 6);
        std::string text;
        for (const auto& s : said) text += (text.empty() ? "" : ". ") + s;
        sts_js_announce((text + ".").c_str());
    }
}

void SetCursor(int imgui_cursor) {
    if (imgui_cursor == g_cursor) return;
    g_cursor = imgui_cursor;
    const char* css = "default";
    switch (imgui_cursor) {
        case ImGuiMouseCursor_TextInput: css = "text"; break;
        case ImGuiMouseCursor_Hand: css = "pointer"; break;
        case ImGuiMouseCursor_ResizeEW: css = "ew-resize"; break;
        case ImGuiMouseCursor_ResizeNS: css = "ns-resize"; break;
        case ImGuiMouseCursor_ResizeAll: css = "move"; break;
        case ImGuiMouseCursor_NotAllowed: css = "not-allowed"; break;
        case ImGuiMouseCursor_None: css = "none"; break;
        default: break;
    }
    sts_js_set_cursor(css);
}

void InstallClipboard() {
    ImGuiIO& io = ImGui::GetIO();
    io.GetClipboardTextFn = [](void*) { return g_clipboard.c_str(); };
    io.SetClipboardTextFn = [](void*, const char* text) {
        g_clipboard = text;
        sts_js_write_clipboard(text);
    };
}

}  // namespace sts::web

// ---------------------------------------------------------------------------------------------
// [SECTION] JavaScript -> C++ (window.stsPlayground)

namespace {

const char* Result(std::string s) {
    g_result = std::move(s);
    return g_result.c_str();
}

void Deliver() {
    if (g_app != nullptr) sts::web::AfterTick(*g_app);
}

double Seconds(sts::Time t) { return static_cast<double>(t - g_app->Start()) / 1000.0; }

sts::Value RectValue(const sts::ui::Rect& r) {
    return sts::Value::MakeObject({{"x", static_cast<double>(r.x)},
                                   {"y", static_cast<double>(r.y)},
                                   {"w", static_cast<double>(r.w)},
                                   {"h", static_cast<double>(r.h)}});
}

sts::Value NamedRects(const std::vector<sts::ui::NamedRect>& rects) {
    sts::Value out = sts::Value::MakeArray();
    for (const auto& r : rects) {
        sts::Value v = RectValue(r.rect);
        v.Set("name", r.name);
        if (!r.ns.empty()) v.Set("namespace", r.ns);
        out.Push(std::move(v));
    }
    return out;
}

}  // namespace

extern "C" {

// Number of frames rendered so far (tests wait for the first frames before a screenshot).
EMSCRIPTEN_KEEPALIVE int sts_frame_count() { return g_frames_rendered; }

// Runs a console line as if typed; returns the id that sts_js_exec_done reports when it ends.
EMSCRIPTEN_KEEPALIVE int sts_exec(const char* line) {
    if (g_app == nullptr) return 0;
    const int id = g_app->Exec(line);
    Deliver();
    return id;
}

EMSCRIPTEN_KEEPALIVE void sts_advance(double ms) {
    if (g_app == nullptr || !(ms > 0)) return;
    g_app->AdvanceBy(static_cast<sts::Duration>(ms));
    Deliver();
}

// Runs until nothing more is scheduled (at most 10 simulated minutes); 1 when it went quiet.
EMSCRIPTEN_KEEPALIVE int sts_settle() {
    if (g_app == nullptr) return 0;
    const bool quiet = g_app->Settle(sts::Minutes(10));
    Deliver();
    return quiet ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE const char* sts_state_json() { return Result(g_app ? g_app->StateJson() : "{}"); }

EMSCRIPTEN_KEEPALIVE const char* sts_state_hash() {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%016llx", g_app ? static_cast<unsigned long long>(g_app->StateHash()) : 0ull);
    return Result(buf);
}

EMSCRIPTEN_KEEPALIVE void sts_set_speed(double speed) {
    if (g_app != nullptr) g_app->SetSpeed(speed);
}
EMSCRIPTEN_KEEPALIVE void sts_pause() {
    if (g_app != nullptr) g_app->Pause();
}
EMSCRIPTEN_KEEPALIVE void sts_play() {
    if (g_app != nullptr) g_app->Play();
}
EMSCRIPTEN_KEEPALIVE void sts_step() {
    if (g_app == nullptr) return;
    g_app->Pause();
    g_app->StepToNextEvent();
    Deliver();
}

// Goes to a moment, in seconds since the session began (back: by replay).
EMSCRIPTEN_KEEPALIVE void sts_seek(double seconds) {
    if (g_app == nullptr) return;
    g_app->SeekTo(g_app->Start() + static_cast<sts::Time>(seconds * 1000.0));
    Deliver();
}

// Puts YAML into the manifest editor and applies it; returns the exec id of the apply.
EMSCRIPTEN_KEEPALIVE int sts_load_manifest(const char* yaml) {
    if (g_app == nullptr) return 0;
    auto& ed = g_app->ui().editor;
    ed.text = yaml;
    ed.loaded = true;
    ed.file = "manifest.yaml";
    sts::ui::ApplyEditor(*g_app);
    const int id = ed.apply_request;
    Deliver();
    return id;
}

EMSCRIPTEN_KEEPALIVE const char* sts_layout_json() {
    if (g_app == nullptr) return Result("{}");
    const auto& l = g_app->ui().layout;
    sts::Value v = sts::Value::MakeObject();
    v.Set("pods", NamedRects(l.pods));
    v.Set("nodes", NamedRects(l.nodes));
    v.Set("pvcs", NamedRects(l.pvcs));
    v.Set("clusterView", RectValue(l.cluster_view));
    v.Set("console", RectValue(l.console_input));
    return Result(v.ToJson());
}

EMSCRIPTEN_KEEPALIVE const char* sts_console_text() { return Result(g_app ? g_app->log().Text() : ""); }

EMSCRIPTEN_KEEPALIVE const char* sts_timeline_json() {
    if (g_app == nullptr) return Result("{}");
    const auto& tl = g_app->timeline();
    sts::Value entries = sts::Value::MakeArray();
    for (size_t i = 0; i < tl.entries().size(); ++i) {
        const auto& e = tl.entries()[i];
        const char* kind = e.kind == sts::ui::TimelineEntry::Kind::kLine        ? "line"
                           : e.kind == sts::ui::TimelineEntry::Kind::kInterrupt ? "interrupt"
                                                                                  : "file";
        entries.Push(sts::Value::MakeObject(
            {{"t", Seconds(e.at)}, {"kind", kind}, {"text", e.text}, {"future", i >= tl.next()}}));
    }
    sts::Value markers = sts::Value::MakeArray();
    for (const auto& m : tl.markers()) {
        markers.Push(sts::Value::MakeObject({{"t", Seconds(m.at)},
                                             {"kind", sts::ui::MarkerKindName(m.kind)},
                                             {"object", m.object},
                                             {"text", m.text}}));
    }
    sts::Value v = sts::Value::MakeObject({{"now", Seconds(g_app->Now())},
                                           {"horizon", Seconds(g_app->Horizon())},
                                           {"speed", g_app->speed()},
                                           {"paused", g_app->paused()},
                                           {"busy", g_app->ConsoleBusy()}});
    v.Set("entries", std::move(entries));
    v.Set("markers", std::move(markers));
    return Result(v.ToJson());
}

// What the user selected in the cluster view: {"kind":"pod","name":"web-0"} ({} when nothing).
EMSCRIPTEN_KEEPALIVE const char* sts_selection_json() {
    if (g_app == nullptr || g_app->ui().selection.kind == sts::ui::Selection::Kind::kNone) return Result("{}");
    const auto& sel = g_app->ui().selection;
    const char* kind = "pod";
    switch (sel.kind) {
        case sts::ui::Selection::Kind::kNode: kind = "node"; break;
        case sts::ui::Selection::Kind::kPvc: kind = "persistentvolumeclaim"; break;
        case sts::ui::Selection::Kind::kPv: kind = "persistentvolume"; break;
        case sts::ui::Selection::Kind::kService: kind = "service"; break;
        case sts::ui::Selection::Kind::kStatefulSet: kind = "statefulset"; break;
        default: break;
    }
    return Result(sts::Value::MakeObject({{"kind", kind}, {"name", sel.name}}).ToJson());
}

// Opens a side panel by its tab label ("Inspector", "Manifest", "DNS", "Storage", "Events").
EMSCRIPTEN_KEEPALIVE int sts_show_panel(const char* label) {
    if (g_app == nullptr) return 0;
    for (const auto& p : sts::ui::SidePanels()) {
        if (std::string(label) == p.label) {
            g_app->ui().side_tab = p.tab;
            g_app->ui().side_tab_request = true;
            return 1;
        }
    }
    return 0;
}

// The text of the page's last paste event (ImGui reads it on Ctrl-V).
EMSCRIPTEN_KEEPALIVE void sts_set_clipboard(const char* text) { g_clipboard = text; }

}  // extern "C"
