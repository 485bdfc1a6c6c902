// The page layout, the panel registry and helpers shared by the panels.
#include "ui/panels.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/app.h"
#include "ui/theme.h"

namespace sts::ui {

const std::vector<Panel>& SidePanels() {
    static const std::vector<Panel> kPanels = {
        {"Inspector", SideTab::kInspector, DrawInspectorPanel},
        {"Manifest", SideTab::kManifest, DrawEditorPanel},
        {"DNS", SideTab::kDns, DrawDnsPanel},
        {"Storage", SideTab::kStorage, DrawStoragePanel},
        {"Events", SideTab::kEvents, DrawEventsPanel},
    };
    return kPanels;
}

namespace {

struct ModelCache {
    const App* app = nullptr;
    int generation = -1;
    uint64_t resource_version = ~0ull;
    Time built_at = 0;
    ClusterModel model;
};

ModelCache& Cache() {
    static ModelCache cache;
    return cache;
}

constexpr ImGuiWindowFlags kFixedWindow = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                          ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoFocusOnAppearing;

// Begins a fixed window covering r; returns its content rectangle.
Rect BeginFixed(const char* name, const Rect& r, ImGuiWindowFlags extra, ImVec2 padding, ImU32 bg) {
    ImGui::SetNextWindowPos(ImVec2(r.x, r.y));
    ImGui::SetNextWindowSize(ImVec2(r.w, r.h));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, padding);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, bg);
    ImGui::Begin(name, nullptr, kFixedWindow | extra);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    const ImVec2 min = ImGui::GetWindowContentRegionMin();
    const ImVec2 max = ImGui::GetWindowContentRegionMax();
    const ImVec2 pos = ImGui::GetWindowPos();
    return Rect{pos.x + min.x, pos.y + min.y, max.x - min.x, max.y - min.y};
}

}  // namespace

const ClusterModel& CurrentModel(App& app) {
    ModelCache& c = Cache();
    const uint64_t rv = app.sim().api().CurrentResourceVersion();
    // The controller's explanation can change without a write: refresh at least every 500 ms.
    if (c.app != &app || c.generation != app.generation() || c.resource_version != rv ||
        app.Now() - c.built_at >= 500 || app.Now() < c.built_at) {
        c.app = &app;
        c.generation = app.generation();
        c.resource_version = rv;
        c.built_at = app.Now();
        c.model = BuildModel(app.sim());
    }
    return c.model;
}

void SelectPod(App& app, const std::string& name) {
    UiState& ui = app.ui();
    ui.selection = Selection{Selection::Kind::kPod, "default", name};
    ui.side_tab = SideTab::kInspector;
    ui.side_tab_request = true;
}

void TypeIntoConsole(App& app, const std::string& text) {
    SetConsoleInput(app.ui().console, text);
    app.ui().console.focus_input = 3;
}

std::string ClockText(const App& app, Time t) {
    const long long s = std::max<long long>(0, (t - app.Start()) / 1000);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%02lld:%02lld", s / 60, s % 60);
    return buf;
}

void RunFromButton(App& app, const std::string& line) {
    if (app.ConsoleBusy()) {
        app.log().AppendNotice("(queued until the running command ends: press Ctrl-C in the console to stop it)");
    }
    auto& history = app.ui().console.history;
    if (history.empty() || history.back() != line) history.push_back(line);
    app.SubmitLine(line);
}

void DrawUi(App& app, SceneRenderer& renderer) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ClusterModel& model = CurrentModel(app);
    static SceneFrame scene;
    scene.Clear();
    scene.time = static_cast<float>(app.visual_time());
    UiState& ui = app.ui();
    ui.layout = LayoutInfo{};

    const float W = vp->Size.x, H = vp->Size.y;
    const float x0 = vp->Pos.x, y0 = vp->Pos.y;
    const float top_h = 54;
    const float main_h = std::max(100.0f, H - top_h);
    Rect top{x0, y0, W, top_h};
    Rect cluster, console, side;
    if (W >= 980) {
        const float side_w = std::clamp(W * 0.34f, 360.0f, 560.0f);
        const float left_w = W - side_w;
        const float cluster_h = std::max(220.0f, main_h * 0.64f);
        cluster = Rect{x0, y0 + top_h, left_w, cluster_h};
        console = Rect{x0, y0 + top_h + cluster_h, left_w, main_h - cluster_h};
        side = Rect{x0 + left_w, y0 + top_h, side_w, main_h};
    } else {
        // Stacked: the cluster view first and largest (on a short window its lanes would
        // otherwise shrink pods to dots), then the console, then the side panels.
        const float cluster_h = main_h * 0.52f;
        const float console_h = main_h * 0.22f;
        cluster = Rect{x0, y0 + top_h, W, cluster_h};
        console = Rect{x0, y0 + top_h + cluster_h, W, console_h};
        side = Rect{x0, y0 + top_h + cluster_h + console_h, W, main_h - cluster_h - console_h};
    }

    {
        Rect r = BeginFixed("##timeline", top, ImGuiWindowFlags_NoScrollbar, ImVec2(14, 8), color::kPanel);
        PanelContext ctx{model, scene, r};
        DrawTimelinePanel(app, ctx);
        ImGui::End();
    }
    {
        Rect r = BeginFixed("##cluster", cluster,
                            ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoScrollbar |
                                ImGuiWindowFlags_NoScrollWithMouse,
                            ImVec2(0, 0), color::kBackground);
        PanelContext ctx{model, scene, r};
        ui.layout.cluster_view = r;
        DrawClusterPanel(app, ctx);
        ImGui::End();
    }
    {
        Rect r = BeginFixed("##console", console, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse,
                            ImVec2(12, 8), IM_COL32(10, 12, 17, 255));
        PanelContext ctx{model, scene, r};
        DrawConsolePanel(app, ctx);
        ImGui::End();
    }
    {
        BeginFixed("##side", side, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse,
                            ImVec2(12, 8), color::kPanel);
        if (ImGui::BeginTabBar("##sidetabs")) {
            for (const Panel& p : SidePanels()) {
                ImGuiTabItemFlags flags = 0;
                if (ui.side_tab_request && ui.side_tab == p.tab) flags |= ImGuiTabItemFlags_SetSelected;
                if (ImGui::BeginTabItem(p.label, nullptr, flags)) {
                    if (!ui.side_tab_request) ui.side_tab = p.tab;
                    const ImVec2 cur = ImGui::GetCursorScreenPos();
                    const ImVec2 avail = ImGui::GetContentRegionAvail();
                    PanelContext ctx{model, scene, Rect{cur.x, cur.y, avail.x, avail.y}};
                    p.draw(app, ctx);
                    ImGui::EndTabItem();
                }
            }
            ImGui::EndTabBar();
        }
        ui.side_tab_request = false;
        ImGui::End();
    }
    // Hairlines between the panels.
    ImDrawList* fg = ImGui::GetForegroundDrawList();
    fg->AddLine(ImVec2(x0, y0 + top_h - 0.5f), ImVec2(x0 + W, y0 + top_h - 0.5f), color::kBorder);
    fg->AddLine(ImVec2(console.x, console.y + 0.5f), ImVec2(console.x + console.w, console.y + 0.5f), color::kBorder);
    if (side.x > x0) fg->AddLine(ImVec2(side.x + 0.5f, side.y), ImVec2(side.x + 0.5f, side.y + side.h), color::kBorder);
    else fg->AddLine(ImVec2(side.x, side.y + 0.5f), ImVec2(side.x + side.w, side.y + 0.5f), color::kBorder);

    if (ui.show_metrics) ImGui::ShowMetricsWindow(&ui.show_metrics);
    renderer.Submit(scene);
}

}  // namespace sts::ui
