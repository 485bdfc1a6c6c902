// The object inspector: the selected object's YAML as `kubectl get -o yaml` prints it, with the
// fields that give a StatefulSet pod its identity highlighted and explained (name, hostname,
// subdomain, the pod-name and controller-revision-hash labels, claim names), fault buttons for
// the selected pod or node (each types a console line), and, with nothing selected, each
// StatefulSet with the controller's own account of its last sync (`sim why`).
#include <imgui.h>

#include <string>
#include <vector>

#include "core/strings.h"
#include "core/yaml_emit.h"
#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

struct YamlLine {
    std::string text;
    const char* note = nullptr;  // why this line is part of the pod's identity
};

int Indent(const std::string& s) {
    int n = 0;
    while (n < static_cast<int>(s.size()) && s[static_cast<size_t>(n)] == ' ') ++n;
    return n;
}

// Marks the identity fields of a pod's YAML.
std::vector<YamlLine> Annotate(const std::string& yaml, bool pod) {
    std::vector<YamlLine> out;
    std::string section;  // top-level key
    bool in_labels = false;
    for (const std::string& line : SplitLines(yaml)) {
        YamlLine y{line, nullptr};
        const int ind = Indent(line);
        const std::string t = line.substr(static_cast<size_t>(ind));
        if (ind == 0) {
            section = t.substr(0, t.find(':'));
            in_labels = false;
        } else if (ind == 2 && section == "metadata") {
            in_labels = t.rfind("labels:", 0) == 0;
        }
        if (pod) {
            if (section == "metadata" && ind == 2 && t.rfind("name: ", 0) == 0) {
                y.note = "stable name: <set>-<ordinal>, the same after every restart or reschedule";
            } else if (in_labels && ind == 4 && t.rfind("statefulset.kubernetes.io/pod-name:", 0) == 0) {
                y.note = "a label with the pod's own name: a Service can select exactly this pod";
            } else if (in_labels && ind == 4 && t.rfind("controller-revision-hash:", 0) == 0) {
                y.note = "the revision (pod template) this pod was created from";
            } else if (in_labels && ind == 4 && t.rfind("apps.kubernetes.io/pod-index:", 0) == 0) {
                y.note = "the ordinal";
            } else if (section == "spec" && ind == 2 && t.rfind("hostname:", 0) == 0) {
                y.note = "hostname = pod name";
            } else if (section == "spec" && ind == 2 && t.rfind("subdomain:", 0) == 0) {
                y.note = "subdomain = the governing Service: DNS <hostname>.<subdomain>.<ns>.svc.cluster.local";
            } else if (section == "spec" && t.find("claimName:") != std::string::npos) {
                y.note = "its own PVC <template>-<pod>, kept when the pod goes";
            }
        }
        out.push_back(std::move(y));
    }
    return out;
}

Value ObjectValue(App& app, const std::string& kind, const std::string& ns, const std::string& name) {
    const apiserver::KindStore* store = app.sim().api().StoreForKind(kind);
    if (store == nullptr) return Value();
    auto r = store->GetValue(ns, name);
    return r.ok() ? r.value : Value();
}

void DrawYaml(const std::vector<YamlLine>& lines) {
    ImGui::PushFont(FontOr(GetFonts().mono));
    ImGui::BeginChild("##yaml", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(lines.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const YamlLine& l = lines[static_cast<size_t>(i)];
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (l.note != nullptr) {
                const float w = ImGui::CalcTextSize(l.text.c_str()).x;
                dl->AddRectFilled(ImVec2(p.x - 4, p.y), ImVec2(p.x + w + 4, p.y + ImGui::GetTextLineHeight()),
                                  IM_COL32(120, 75, 10, 150), 3);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(IM_COL32(253, 230, 138, 255)), "%s", l.text.c_str());
                ImGui::SameLine(0, 14);
                ImGui::PushFont(FontOr(GetFonts().small));
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(IM_COL32(217, 180, 90, 255)), "# %s", l.note);
                ImGui::PopFont();
            } else {
                ImGui::TextUnformatted(l.text.c_str());
            }
        }
    }
    ImGui::EndChild();
    ImGui::PopFont();
}

bool ActionButton(const char* label, const char* tooltip, bool danger = false) {
    if (danger) {
        ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(127, 29, 29, 255));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(153, 27, 27, 255));
    }
    const bool clicked = ImGui::SmallButton(label);
    if (danger) ImGui::PopStyleColor(2);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tooltip);
    return clicked;
}

void DrawSets(App& app, const ClusterModel& m) {
    if (m.sets.empty()) {
        ImGui::TextDisabled("No StatefulSet. Apply one from the Manifest tab.");
        return;
    }
    for (const SetInfo& s : m.sets) {
        ImGui::PushID(s.name.c_str());
        Heading(("statefulset/" + s.name).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%d/%d ready", s.ready, s.replicas);
        ImGui::TextDisabled("%s, %s%s, serviceName %s", s.policy.c_str(), s.update_strategy.c_str(),
                            s.partition > 0 ? (" (partition " + std::to_string(s.partition) + ")").c_str() : "",
                            s.service.c_str());
        if (!s.current_revision.empty()) {
            Chip(("current " + s.current_revision).c_str(), WithAlpha(RevisionColor(s.current_revision, s.current_revision, s.update_revision), 0.25f),
                 color::kText);
            if (s.Updating()) {
                ImGui::SameLine(0, 6);
                Chip(("update " + s.update_revision).c_str(), WithAlpha(RevisionColor(s.update_revision, s.current_revision, s.update_revision), 0.25f),
                     color::kText);
            }
        }
        ImGui::Spacing();
        ImGui::TextUnformatted("The controller's last sync (sim why):");
        if (s.actions.empty()) ImGui::BulletText("did nothing");
        for (const auto& a : s.actions) ImGui::BulletText("did: %s", a.c_str());
        for (const auto& r : s.reasons) {
            ImGui::Bullet();
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(IM_COL32(253, 211, 77, 255)), "%s", r.c_str());
            ImGui::PopTextWrapPos();
        }
        if (ActionButton("sim why", "Print the same explanation in the console")) RunFromButton(app, "sim why sts/" + s.name);
        ImGui::SameLine();
        if (ActionButton("+1 replica", "kubectl scale statefulset --replicas=N+1")) {
            RunFromButton(app, "kubectl scale statefulset " + s.name + " --replicas=" + std::to_string(s.replicas + 1));
        }
        ImGui::SameLine();
        if (s.replicas > 0 && ActionButton("-1 replica", "kubectl scale statefulset --replicas=N-1")) {
            RunFromButton(app, "kubectl scale statefulset " + s.name + " --replicas=" + std::to_string(s.replicas - 1));
        }
        // Its pods, by ordinal (click a name to inspect the pod and reach its fault buttons).
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                                      ImGuiTableFlags_SizingStretchProp;
        bool any = false;
        for (const PodInfo& p : m.pods) any = any || p.set == s.name;
        if (any && ImGui::BeginTable("##pods", 4, flags)) {
            ImGui::TableSetupColumn("POD", 0, 1.0f);
            ImGui::TableSetupColumn("STATUS", 0, 1.5f);
            ImGui::TableSetupColumn("NODE", 0, 1.3f);
            ImGui::TableSetupColumn("REVISION", 0, 1.0f);
            ImGui::TableHeadersRow();
            for (const PodInfo& p : m.pods) {
                if (p.set != s.name) continue;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (ImGui::Selectable(p.name.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) SelectPod(app, p.name);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("Inspect %s (YAML, faults)", p.name.c_str());
                ImGui::TableNextColumn();
                const ImU32 col = p.stage == PodStage::kReady     ? color::kReady
                                  : p.stage == PodStage::kRunning ? color::kRunning
                                  : p.stage == PodStage::kCreating ? color::kCreating
                                  : p.stage == PodStage::kTerminating || p.stage == PodStage::kFailed ? color::kTerminating
                                                                                                      : color::kTextMuted;
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(Mix(col, IM_COL32_WHITE, 0.25f)), "%s%s",
                                   p.status.c_str(), p.ready ? " 1/1" : "");
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", p.node.empty() ? "-" : p.node.c_str());
                ImGui::TableNextColumn();
                std::string rev = p.revision;
                if (rev.rfind(s.name + "-", 0) == 0) rev = rev.substr(s.name.size() + 1);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(RevisionColor(p.revision, s.current_revision, s.update_revision)),
                                   "%s", rev.c_str());
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("Click a pod, node or volume in the cluster view (or a pod above) to inspect it; a pod or "
                        "node selected here has fault buttons (delete, fail readiness, crash, stop the node), each "
                        "the console command it types. Right-click in the cluster view for the same menu.");
    ImGui::PopTextWrapPos();
}

}  // namespace

void DrawInspectorPanel(App& app, PanelContext& ctx) {
    Selection& sel = app.ui().selection;
    const ClusterModel& m = ctx.model;
    using K = Selection::Kind;
    if (sel.kind == K::kNone) {
        DrawSets(app, m);
        return;
    }
    const char* kind = "Pod";
    switch (sel.kind) {
        case K::kPod: kind = "Pod"; break;
        case K::kNode: kind = "Node"; break;
        case K::kPvc: kind = "PersistentVolumeClaim"; break;
        case K::kPv: kind = "PersistentVolume"; break;
        case K::kService: kind = "Service"; break;
        case K::kStatefulSet: kind = "StatefulSet"; break;
        case K::kNone: break;
    }
    const Value obj = ObjectValue(app, kind, sel.ns, sel.name);
    if (ImGui::SmallButton("< all StatefulSets")) {
        sel = Selection{};
        return;
    }
    ImGui::SameLine();
    Heading((ToLower(kind) + "/" + sel.name).c_str());
    if (obj.IsNull()) {
        ImGui::TextDisabled("%s %s does not exist (any more).", kind, sel.name.c_str());
        return;
    }
    if (sel.kind == K::kPod) {
        if (const PodInfo* p = m.FindPod(sel.name)) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s on %s", p->status.c_str(), p->node.empty() ? "no node yet" : p->node.c_str());
        }
        const std::string pod = sel.name;
        if (ActionButton("Delete pod", "kubectl delete pod: the controller recreates it with the same name", true))
            RunFromButton(app, "kubectl delete pod " + pod);
        if (app.HasSimCommand("readiness")) {
            ImGui::SameLine();
            if (ActionButton("Fail readiness", "sim readiness pod/NAME fail: the probe fails, the pod leaves the endpoints"))
                RunFromButton(app, "sim readiness pod/" + pod + " fail");
            ImGui::SameLine();
            if (ActionButton("Pass readiness", "sim readiness pod/NAME pass")) RunFromButton(app, "sim readiness pod/" + pod + " pass");
        }
        if (app.HasSimCommand("crash")) {
            ImGui::SameLine();
            if (ActionButton("Crash", "sim crash pod/NAME: the container exits with code 1", true))
                RunFromButton(app, "sim crash pod/" + pod);
        }
        if (app.HasSimCommand("evict")) {
            ImGui::SameLine();
            if (ActionButton("Evict", "sim evict pod/NAME", true)) RunFromButton(app, "sim evict pod/" + pod);
        }
        ImGui::TextDisabled("Highlighted: the fields that make this pod's identity stable.");
    } else if (sel.kind == K::kNode && app.HasSimCommand("node")) {
        const NodeInfo* n = m.FindNode(sel.name);
        if (n == nullptr || n->ready) {
            if (ActionButton("Stop node", "sim node NAME down: the kubelet stops sending heartbeats", true))
                RunFromButton(app, "sim node " + sel.name + " down");
        } else if (ActionButton("Start node", "sim node NAME up")) {
            RunFromButton(app, "sim node " + sel.name + " up");
        }
    }
    DrawYaml(Annotate(EmitYaml(obj), sel.kind == K::kPod));
}

}  // namespace sts::ui
