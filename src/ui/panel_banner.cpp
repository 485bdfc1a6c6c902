// The guide at the top of the cluster view: one sentence on what the controller is doing now
// (from the view model, which reads the controller's own reasons), and the tutorial's next
// commands as chips that type themselves into the console when clicked.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

struct Step {
    const char* command;
    const char* key;   // a prefix that tells the step was typed
    const char* what;
};

// The walkthrough of the source tutorial (shared/seed/README.md), in order.
const Step kSteps[] = {
    {"kubectl get pod -l app=nginx", "kubectl get pod -l app=nginx", "List the pods: stable names web-0, web-1"},
    {"kubectl get statefulset web", "kubectl get statefulset web", "The set: READY 2/2"},
    {"kubectl get service nginx", "kubectl get service nginx", "The headless Service: CLUSTER-IP None"},
    {"for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done", "for i in 0 1; do kubectl exec",
     "Each pod's hostname is its name"},
    {"kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm", "kubectl run -i --tty",
     "A shell in a throwaway pod, to try DNS: nslookup web-0.nginx"},
    {"kubectl scale statefulset web --replicas=5", "kubectl scale statefulset web",
     "Scale up: web-2, web-3, web-4 start one after another"},
    {"kubectl get pod -l app=nginx --watch", "kubectl get pod -l app=nginx --watch",
     "Watch pods change as time runs (Ctrl-C stops it)"},
    {"kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'", "kubectl patch sts web -p",
     "Scale down: the highest ordinal goes first"},
    {"kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
     "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx:1.20\"}]'",
     "kubectl patch statefulset web --type='json'", "Rolling update: pods are replaced in reverse ordinal order"},
    {"kubectl rollout status statefulset web", "kubectl rollout status", "Follow the update until it completes"},
    {"for p in 0 1 2; do kubectl get pod \"web-$p\" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; "
     "echo; done",
     "for p in 0 1 2; do kubectl get pod", "Every pod now runs nginx:1.20"},
};

bool Typed(const App& app, const char* key) {
    const auto& entries = app.timeline().entries();
    const size_t n = app.timeline().next();
    for (size_t i = 0; i < n && i < entries.size(); ++i)
        if (entries[i].kind == TimelineEntry::Kind::kLine && entries[i].text.rfind(key, 0) == 0) return true;
    return false;
}

std::string Shorten(const std::string& s, size_t max) {
    if (s.size() <= max) return s;
    return s.substr(0, max - 3) + "...";
}

struct Message {
    std::string lead;
    std::string text;
};

Message Describe(const App& app, const ClusterModel& m) {
    if (m.sets.empty()) {
        return {"No StatefulSet.", "Apply one from the Manifest tab, or type: kubectl apply -f nginx-statefulset.yaml"};
    }
    const SetInfo& set = m.sets.front();
    std::string terminating;
    for (const auto& p : m.pods)
        if (p.set == set.name && p.stage == PodStage::kTerminating) terminating = p.name;
    if (set.Updating()) {
        return {"Rolling update.", "Pods of " + set.name + " are replaced from the highest ordinal down, each only after "
                                   "the one before is Running and Ready (" + std::to_string(set.updated) + " of " +
                                   std::to_string(set.replicas) + " updated" +
                                   (set.partition > 0 ? ", partition " + std::to_string(set.partition) : "") + ")."};
    }
    if (!terminating.empty()) {
        std::string t = terminating + " is terminating: scale-down goes from the highest ordinal down";
        if (set.gate && set.gate->verb == "deleted") t += "; " + set.gate->waiting + " waits until it is gone";
        return {"Scaling down.", t + "."};
    }
    if (set.gate && set.gate->verb == "created") {
        const Gate& g = *set.gate;
        std::string state = g.state;
        if (const PodInfo* b = m.FindPod(g.blocker)) state = b->status;
        std::string t = g.blocker + " is " + state;
        if (state == "ContainerCreating") t += " (pulling its image)";
        t += ". " + g.waiting + " is created only once " + g.blocker + " is Running and Ready (OrderedReady).";
        return {"Ordered start.", t};
    }
    if (set.ready == set.replicas) {
        if (set.replicas == 0) return {"Scaled to zero.", "Claims, if any, are kept for when " + set.name + " grows back."};
        const std::string pods = set.replicas == 1 ? "The 1 pod of " + set.name + " is" :
                                 "All " + std::to_string(set.replicas) + " pods of " + set.name + " are";
        return {"Steady.", pods + " Running and Ready. Each keeps its name and DNS name " + set.name + "-N." +
                               set.service + " on whatever node it runs."};
    }
    (void)app;
    return {"Reconciling.", std::to_string(set.ready) + " of " + std::to_string(set.replicas) + " pods of " + set.name +
                                " are ready."};
}

}  // namespace

float DrawBanner(App& app, const ClusterModel& m, const Rect& area) {
    UiState& ui = app.ui();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float margin = 12;
    if (!ui.banner_open) {
        ImGui::SetCursorScreenPos(ImVec2(area.x + area.w - 70, area.y + 8));
        if (Chip("Guide", IM_COL32(30, 58, 138, 230), IM_COL32(219, 234, 254, 255), true, "Show the guide")) {
            ui.banner_open = true;
        }
        return 0;
    }
    const Message msg = Describe(app, m);
    const float x0 = area.x + margin, y0 = area.y + 8;
    const float w = area.w - 2 * margin;
    const float pad = 8;

    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    ImGui::SetCursorScreenPos(ImVec2(x0 + pad + 4, y0 + pad - 2));
    ImGui::PushTextWrapPos(x0 + w - 40);
    ImGui::PushFont(FontOr(GetFonts().bold));
    ImGui::TextUnformatted(msg.lead.c_str());
    ImGui::PopFont();
    ImGui::SameLine(0, 6);
    ImGui::TextWrapped("%s", msg.text.c_str());
    ImGui::PopTextWrapPos();

    // Next commands.
    std::vector<std::pair<std::string, std::string>> next;  // command, description
    const std::string prompt = app.Prompt();
    if (app.ConsoleBusy()) {
        next.push_back({"", ""});
    } else if (prompt.rfind("/ #", 0) == 0) {
        next.push_back({"nslookup web-0.nginx", "Resolve one pod through the headless Service"});
        next.push_back({"nslookup nginx", "The Service name resolves to every ready pod"});
        next.push_back({"exit", "Leave the pod shell (the pod is deleted: --rm)"});
    } else {
        for (const Step& s : kSteps) {
            if (Typed(app, s.key)) continue;
            next.push_back({s.command, s.what});
            if (next.size() == 3) break;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(x0 + pad + 4, ImGui::GetCursorScreenPos().y + 2));
    ImGui::TextDisabled("Try next:");
    for (const auto& [cmd, what] : next) {
        ImGui::SameLine(0, 8);
        if (cmd.empty()) {
            if (Chip("Ctrl-C stops the running command", IM_COL32(120, 53, 15, 255), IM_COL32(254, 215, 170, 255), true,
                     "A watch or rollout status runs until it ends or you press Ctrl-C in the console.\nClick to send Ctrl-C.")) {
                app.Interrupt();
            }
            continue;
        }
        const std::string label = Shorten(cmd, 44);
        // Only the chips that fit on the line (the first one always shows).
        ImGui::PushFont(FontOr(GetFonts().mono));
        const float chip_w = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + 8;
        ImGui::PopFont();
        if (&cmd != &next.front().first && ImGui::GetCursorScreenPos().x + chip_w > x0 + w - 12) break;
        const std::string tip = what + "\n\n" + cmd + "\n\n(click to type it into the console, then press Enter)";
        ImGui::PushFont(FontOr(GetFonts().mono));
        const bool clicked = Chip(label.c_str(), IM_COL32(30, 41, 59, 255), IM_COL32(186, 230, 253, 255), true, nullptr);
        ImGui::PopFont();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
            ImGui::TextUnformatted(tip.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        if (clicked) TypeIntoConsole(app, cmd);
    }
    if (!m.sets.empty() && m.sets.front().claim_templates.empty() && m.claims.empty() && !app.ConsoleBusy() &&
        m.sets.front().ready == m.sets.front().replicas && Typed(app, "kubectl get pod -l app=nginx")) {
        ImGui::SameLine(0, 14);
        if (Chip("Stable storage: volumeClaimTemplates", IM_COL32(59, 7, 100, 255), IM_COL32(233, 213, 255, 255), true,
                 "The tutorial's manifest mounts a hostPath: no PVCs. Click to replace the set with\n"
                 "web-volumeclaimtemplates.yaml (one PVC per pod, bound to its own PV):\n"
                 "  kubectl delete statefulset web\n  kubectl apply -f web-volumeclaimtemplates.yaml")) {
            ui.editor.file = "web-volumeclaimtemplates.yaml";
            ui.editor.text.clear();
            ui.editor.loaded = false;
            RunFromButton(app, "kubectl delete statefulset web");
            RunFromButton(app, "kubectl apply -f web-volumeclaimtemplates.yaml");
        }
    }
    const float bottom = ImGui::GetItemRectMax().y + pad;
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + w, bottom), IM_COL32(22, 32, 52, 236), 8);
    dl->AddRect(ImVec2(x0, y0), ImVec2(x0 + w, bottom), IM_COL32(59, 91, 150, 160), 8);
    dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + 4, bottom), color::kAccent, 8, ImDrawFlags_RoundCornersLeft);
    dl->ChannelsMerge();
    // Close button.
    ImGui::SetCursorScreenPos(ImVec2(x0 + w - 26, y0 + 6));
    if (ImGui::InvisibleButton("##banner_close", ImVec2(20, 20))) ui.banner_open = false;
    const ImVec2 c(x0 + w - 16, y0 + 16);
    const ImU32 xc = ImGui::IsItemHovered() ? color::kText : color::kTextMuted;
    dl->AddLine(ImVec2(c.x - 4, c.y - 4), ImVec2(c.x + 4, c.y + 4), xc, 1.5f);
    dl->AddLine(ImVec2(c.x + 4, c.y - 4), ImVec2(c.x - 4, c.y + 4), xc, 1.5f);
    return bottom - area.y;
}

}  // namespace sts::ui
