// Events, as `kubectl get events` lists them (LAST SEEN, TYPE, REASON, OBJECT, MESSAGE), oldest
// first, newest at the bottom, with a filter. Clicking a pod's event selects the pod.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/strings.h"
#include "engine/simulation.h"
#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

struct Row {
    Time last = 0;
    std::string type, reason, object, kind, name, message;
    int count = 1;
};

struct EventsCache {
    const App* app = nullptr;
    int generation = -1;
    uint64_t revision = ~0ull;  // the Event store's write count the rows were built at
    double built_at = 0;        // ImGui time of that build
    std::vector<Row> rows;
    size_t seen = 0;
    char filter[128] = {};
};

EventsCache& Cache() {
    static EventsCache cache;
    return cache;
}

void Rebuild(App& app, EventsCache& c) {
    c.rows.clear();
    for (const auto& e : app.sim().api().events().List("default")) {
        Row r;
        r.last = e->last_timestamp.IsSet() ? e->last_timestamp.ms : e->event_time.ms;
        if (r.last == 0) r.last = e->metadata.creation_timestamp.ms;
        r.type = e->type;
        r.reason = e->reason;
        r.kind = e->involved_object.kind;
        r.name = e->involved_object.name;
        r.object = ToLower(r.kind) + "/" + r.name;
        r.message = e->message;
        r.count = std::max(1, e->count);
        c.rows.push_back(std::move(r));
    }
    std::stable_sort(c.rows.begin(), c.rows.end(), [](const Row& a, const Row& b) { return a.last < b.last; });
}

bool Matches(const Row& r, const char* filter) {
    if (filter[0] == '\0') return true;
    const std::string f = ToLower(filter);
    return ToLower(r.reason).find(f) != std::string::npos || ToLower(r.object).find(f) != std::string::npos ||
           ToLower(r.message).find(f) != std::string::npos;
}

}  // namespace

void DrawEventsPanel(App& app, PanelContext& ctx) {
    (void)ctx;
    EventsCache& c = Cache();
    // The Event store keeps Events packed, so a rebuild unpacks every one (about a microsecond
    // each): rebuilt only when an Event was written, and a list of thousands (a cluster of a
    // thousand pods) at most twice a second while they keep coming.
    constexpr size_t kLargeList = 2000;
    constexpr double kLargeListInterval = 0.5;
    const uint64_t revision = app.sim().api().events().Revision();
    const bool other_cluster = c.app != &app || c.generation != app.generation();
    const bool due = c.rows.size() < kLargeList || ImGui::GetTime() - c.built_at >= kLargeListInterval;
    if (other_cluster || (c.revision != revision && due)) {
        c.app = &app;
        c.generation = app.generation();
        c.revision = revision;
        c.built_at = ImGui::GetTime();
        Rebuild(app, c);
    }
    ImGui::SetNextItemWidth(220);
    ImGui::InputTextWithHint("##filter", "filter (reason, object, message)", c.filter, sizeof c.filter);
    ImGui::SameLine();
    ImGui::TextDisabled("%zu events", c.rows.size());
    ImGui::SameLine();
    if (ImGui::SmallButton("kubectl get events")) RunFromButton(app, "kubectl get events");

    std::vector<const Row*> rows;
    rows.reserve(c.rows.size());
    for (const Row& r : c.rows)
        if (Matches(r, c.filter)) rows.push_back(&r);

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_Resizable;
    if (!ImGui::BeginTable("##events", 5, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("LAST SEEN");
    ImGui::TableSetupColumn("TYPE");
    ImGui::TableSetupColumn("REASON");
    ImGui::TableSetupColumn("OBJECT");
    ImGui::TableSetupColumn("MESSAGE", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Row& r = *rows[static_cast<size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", HumanDuration(std::max<Duration>(0, app.Now() - r.last)).c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(r.type == "Warning" ? color::kWarn : color::kTextMuted), "%s",
                               r.type.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.reason.c_str());
            ImGui::TableNextColumn();
            ImGui::PushID(i);
            if (ImGui::Selectable(r.object.c_str(), false, ImGuiSelectableFlags_DontClosePopups)) {
                if (r.kind == "Pod") SelectPod(app, r.name);
            }
            ImGui::PopID();
            ImGui::TableNextColumn();
            // A message wider than its column is cut at the panel's edge: hovering shows it whole.
            const float room = ImGui::GetContentRegionAvail().x;
            ImGui::TextUnformatted(r.message.c_str());
            if (ImGui::IsItemHovered() && ImGui::CalcTextSize(r.message.c_str()).x > room) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(ImGui::GetFontSize() * 40.0f);
                ImGui::TextUnformatted(r.message.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
        }
    }
    if (c.seen != rows.size() && ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollY(1e9f);
    c.seen = rows.size();
    ImGui::EndTable();
}

}  // namespace sts::ui
