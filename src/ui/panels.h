// The page: a fixed, responsive arrangement of panels drawn with Dear ImGui, and the panel
// registry (ImPlot-demo style: one `(label, DrawFn)` row per panel, one file per panel).
//
//   +-------------------------------------------------------------------------+
//   | title | play pause step speed clock | timeline track with markers       |  panel_timeline
//   +------------------------------------------------+------------------------+
//   | cluster view (WebGL scene + ImGui text)        | Inspector | Manifest |  |
//   |   banner with the tutorial's next commands     | DNS | Storage | Events |  side panels
//   +------------------------------------------------+                        |
//   | console                                        |                        |
//   +------------------------------------------------+------------------------+
#pragma once

#include <string>
#include <vector>

#include "ui/cluster_model.h"
#include "ui/scene.h"
#include "ui/ui_state.h"

namespace sts::ui {

class App;

struct PanelContext {
    const ClusterModel& model;
    SceneFrame& scene;
    Rect area;  // screen rectangle of the panel's window content
};

using PanelFn = void (*)(App& app, PanelContext& ctx);

struct Panel {
    const char* label;
    SideTab tab;       // for side panels
    PanelFn draw;
};

// The side panels, in tab order.
const std::vector<Panel>& SidePanels();

void DrawTimelinePanel(App& app, PanelContext& ctx);
void DrawClusterPanel(App& app, PanelContext& ctx);
void DrawConsolePanel(App& app, PanelContext& ctx);
void DrawInspectorPanel(App& app, PanelContext& ctx);
void DrawEditorPanel(App& app, PanelContext& ctx);
void DrawDnsPanel(App& app, PanelContext& ctx);
void DrawStoragePanel(App& app, PanelContext& ctx);
void DrawEventsPanel(App& app, PanelContext& ctx);
// The tutorial banner at the top of the cluster view; returns the height it took.
float DrawBanner(App& app, const ClusterModel& model, const Rect& area);

// Builds the whole page for this frame (between ImGui::NewFrame and ImGui::Render) and hands
// the cluster scene to the renderer.
void DrawUi(App& app, SceneRenderer& renderer);

// The model of the current frame (rebuilt when the cluster changed).
const ClusterModel& CurrentModel(App& app);

// Shared helpers for panels.
void SelectPod(App& app, const std::string& name);
// Types `text` into the console's input line (without running it) and focuses it.
void TypeIntoConsole(App& app, const std::string& text);
// "00:42" from the session start.
std::string ClockText(const App& app, Time t);
// Runs a console line from a button (the same as typing it) with a notice when it must wait.
void RunFromButton(App& app, const std::string& line);
// Applies the manifest editor's text (`kubectl apply -f <its file>` in the console); its
// errors come back to their lines. Sets the editor's apply_request.
void ApplyEditor(App& app);

}  // namespace sts::ui
