// Storage: StorageClasses, and each PVC with its binding to a PV drawn as a link that flows while
// the claim waits (WaitForFirstConsumer: until its pod is scheduled) and turns solid when it
// binds, with a flash at the moment it does. Claims kept after a scale-down are marked, and
// show their pod again when the set grows back.
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

struct BindFlash {
    std::string phase;
    double changed_at = -10;
};

struct StorageView {
    const App* app = nullptr;
    int generation = -1;
    std::map<std::string, BindFlash> claims;
};

StorageView& View() {
    static StorageView v;
    return v;
}

ImU32 PhaseColor(const std::string& phase) {
    if (phase == "Bound") return color::kReady;
    if (phase == "Pending" || phase == "Available") return color::kCreating;
    if (phase == "Released") return IM_COL32(251, 146, 60, 255);
    if (phase == "Terminating" || phase == "Lost" || phase == "Failed") return color::kTerminating;
    return color::kTextMuted;
}

// A rounded label; its full text (`tip`) shows on hover.
float Pill(ImDrawList* dl, ImVec2 p, const std::string& text, ImU32 border, ImU32 fg, float h,
           const std::string& tip = {}) {
    const float w = ImGui::CalcTextSize(text.c_str()).x + 16;
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), WithAlpha(border, 0.12f), h * 0.5f);
    dl->AddRect(p, ImVec2(p.x + w, p.y + h), WithAlpha(border, 0.8f), h * 0.5f);
    dl->AddText(ImVec2(p.x + 8, p.y + (h - ImGui::GetFontSize()) * 0.5f), fg, text.c_str());
    if (!tip.empty() && ImGui::IsMouseHoveringRect(p, ImVec2(p.x + w, p.y + h)) && ImGui::IsWindowHovered()) {
        ImGui::SetTooltip("%s", tip.c_str());
    }
    return w;
}

// "pvc-e2998c55-cdbe-4493-..." -> "pvc-e2998c55": provisioned volume names are long UUIDs.
std::string ShortVolume(const std::string& name) {
    if (name.rfind("pvc-", 0) == 0 && name.size() > 12) return name.substr(0, 12) + "...";
    return name;
}

// "default/www-web-0" -> "www-web-0" (the panel shows namespace default).
std::string ShortClaim(const std::string& claim) {
    return claim.rfind("default/", 0) == 0 ? claim.substr(8) : claim;
}

}  // namespace

void DrawStoragePanel(App& app, PanelContext& ctx) {
    const ClusterModel& m = ctx.model;
    StorageView& v = View();
    if (v.app != &app || v.generation != app.generation()) {
        v = StorageView{};
        v.app = &app;
        v.generation = app.generation();
    }
    const double now = app.visual_time();

    Heading("StorageClasses");
    if (m.storage_classes.empty()) ImGui::TextDisabled("none");
    for (const auto& sc : m.storage_classes) {
        ImGui::Text("%s%s", sc.name.c_str(), sc.is_default ? " (default)" : "");
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("provisioner %s, reclaim policy %s, volume binding mode %s", sc.provisioner.c_str(),
                            sc.reclaim.c_str(), sc.binding_mode.c_str());
        if (sc.binding_mode == "WaitForFirstConsumer") {
            ImGui::TextDisabled("WaitForFirstConsumer: a claim stays Pending until a pod that uses it is scheduled; the "
                                "volume is then provisioned on that pod's node and bound.");
        } else {
            ImGui::TextDisabled("Immediate: a claim is provisioned and bound as soon as it is created.");
        }
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    Heading("Claims and their volumes");
    if (m.claims.empty()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("No PersistentVolumeClaims. The tutorial's manifest mounts a hostPath; the manifest "
                            "web-volumeclaimtemplates.yaml (Manifest tab) gives each pod its own claim.");
        ImGui::PopTextWrapPos();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float h = ImGui::GetFontSize() + 8;
    for (const ClaimInfo& c : m.claims) {
        BindFlash& f = v.claims[c.name];
        if (f.phase != c.phase) {
            if (!f.phase.empty()) f.changed_at = now;
            f.phase = c.phase;
        }
        const float flash = static_cast<float>(std::max(0.0, 1.0 - (now - f.changed_at) / 1.2));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        if (flash > 0) {
            dl->AddRectFilled(ImVec2(p.x - 4, p.y - 2), ImVec2(p.x + ImGui::GetContentRegionAvail().x, p.y + h * 2 + 6),
                              WithAlpha(color::kReady, 0.18f * flash), 6);
        }
        float x = p.x;
        x += Pill(dl, ImVec2(x, p.y), "PVC " + c.name, IM_COL32(139, 92, 246, 255), color::kText, h) + 6;
        const VolumeInfo* vol = m.FindVolume(c.volume);
        const float link_w = 56;
        const float ly = p.y + h * 0.5f;
        if (c.phase == "Bound") {
            dl->AddLine(ImVec2(x, ly), ImVec2(x + link_w, ly), color::kReady, 2.0f);
            dl->AddTriangleFilled(ImVec2(x + link_w, ly), ImVec2(x + link_w - 7, ly - 4), ImVec2(x + link_w - 7, ly + 4),
                                  color::kReady);
        } else {
            // Waiting: dashes flowing towards the volume that does not exist yet.
            const float phase = std::fmod(static_cast<float>(now) * 24.0f, 10.0f);
            for (float d = -10 + phase; d < link_w; d += 10) {
                const float a = std::max(0.0f, d), b = std::min(link_w, d + 5);
                if (b > a) dl->AddLine(ImVec2(x + a, ly), ImVec2(x + b, ly), color::kCreating, 2.0f);
            }
        }
        x += link_w + 6;
        if (vol != nullptr) {
            Pill(dl, ImVec2(x, p.y), "PV " + ShortVolume(vol->name), IM_COL32(20, 184, 166, 255), color::kText, h,
                 "PersistentVolume " + vol->name);
        } else {
            Pill(dl, ImVec2(x, p.y), "no volume yet", color::kPending, color::kTextMuted, h);
        }
        ImGui::Dummy(ImVec2(10, h));
        std::string detail = c.phase;
        if (!c.capacity.empty()) detail += ", " + c.capacity;
        if (!c.storage_class.empty()) detail += ", class " + c.storage_class;
        if (!c.node.empty()) detail += ", node " + c.node;
        const std::string pod = c.set.empty() ? std::string() : c.set + "-" + std::to_string(c.ordinal);
        if (!pod.empty() && c.in_use) detail += ", mounted by " + pod;
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PhaseColor(c.phase)), "%s", c.phase.c_str());
        ImGui::SameLine(0, 0);
        ImGui::TextDisabled("%s", detail.substr(c.phase.size()).c_str());
        ImGui::PopTextWrapPos();
        if (!pod.empty()) {
            ImGui::PushTextWrapPos(0);
            if (!c.in_use) {
                ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(251, 146, 60, 255));
                ImGui::TextWrapped("kept: %s is gone; the claim waits to be mounted again when the set grows back",
                                   pod.c_str());
                ImGui::PopStyleColor();
            }
            ImGui::PopTextWrapPos();
        }
        if (c.phase == "Pending") {
            const StorageClassInfo* sc = nullptr;
            for (const auto& s : m.storage_classes)
                if (s.name == c.storage_class) sc = &s;
            if (sc != nullptr && sc->binding_mode == "WaitForFirstConsumer") {
                ImGui::TextDisabled("  waiting for its first consumer (the pod) to be scheduled");
            }
        }
        ImGui::Spacing();
    }
    if (!m.volumes.empty()) {
        ImGui::Spacing();
        Heading("PersistentVolumes");
        const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
        if (ImGui::BeginTable("##pvs", 5, flags)) {
            ImGui::TableSetupColumn("NAME", 0, 1.5f);
            ImGui::TableSetupColumn("STATUS", 0, 1);
            ImGui::TableSetupColumn("CLAIM", 0, 1.3f);
            ImGui::TableSetupColumn("NODE", 0, 1.4f);
            ImGui::TableSetupColumn("RECLAIM", 0, 1);
            ImGui::TableHeadersRow();
            for (const VolumeInfo& vol : m.volumes) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ShortVolume(vol.name).c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", vol.name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(PhaseColor(vol.phase)), "%s", vol.phase.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ShortClaim(vol.claim).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(vol.node.c_str());
                ImGui::TableNextColumn();
                ImGui::TextDisabled("%s", vol.reclaim.c_str());
            }
            ImGui::EndTable();
        }
    }
}

}  // namespace sts::ui
