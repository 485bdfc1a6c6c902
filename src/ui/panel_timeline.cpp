// The top bar: title, play/pause, step to the next event, speed, the simulated clock, and the
// timeline track with event markers (click a marker or anywhere on the track to go there:
// earlier moments are reached by replaying the recorded inputs into a fresh session).
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

ImU32 MarkerColor(Marker::Kind kind) {
    switch (kind) {
        case Marker::Kind::kCreate: return color::kRunning;
        case Marker::Kind::kReady: return color::kReady;
        case Marker::Kind::kNotReady: return color::kCreating;
        case Marker::Kind::kDelete: return color::kTerminating;
        case Marker::Kind::kUpdate: return IM_COL32(167, 139, 250, 255);
    }
    return color::kTextMuted;
}

// A square icon button drawn with shapes (no icon font needed).
bool IconButton(const char* id, float size, bool active, void (*draw)(ImDrawList*, ImVec2, float, ImU32)) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const bool clicked = ImGui::InvisibleButton(id, ImVec2(size, size));
    const bool hovered = ImGui::IsItemHovered();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImU32 bg = active ? IM_COL32(37, 99, 235, 255) : IM_COL32(38, 46, 60, 255);
    if (hovered) bg = Mix(bg, IM_COL32_WHITE, 0.12f);
    dl->AddRectFilled(p, ImVec2(p.x + size, p.y + size), bg, 7.0f);
    draw(dl, ImVec2(p.x + size * 0.5f, p.y + size * 0.5f), size, IM_COL32(236, 240, 246, 255));
    if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    return clicked;
}

void DrawPlay(ImDrawList* dl, ImVec2 c, float s, ImU32 col) {
    const float r = s * 0.22f;
    dl->AddTriangleFilled(ImVec2(c.x - r * 0.8f, c.y - r), ImVec2(c.x - r * 0.8f, c.y + r), ImVec2(c.x + r, c.y), col);
}

void DrawPause(ImDrawList* dl, ImVec2 c, float s, ImU32 col) {
    const float h = s * 0.22f, w = s * 0.08f;
    dl->AddRectFilled(ImVec2(c.x - w * 2.2f, c.y - h), ImVec2(c.x - w * 0.6f, c.y + h), col, 1.5f);
    dl->AddRectFilled(ImVec2(c.x + w * 0.6f, c.y - h), ImVec2(c.x + w * 2.2f, c.y + h), col, 1.5f);
}

void DrawStep(ImDrawList* dl, ImVec2 c, float s, ImU32 col) {
    const float r = s * 0.19f;
    dl->AddTriangleFilled(ImVec2(c.x - r * 1.2f, c.y - r), ImVec2(c.x - r * 1.2f, c.y + r), ImVec2(c.x + r * 0.5f, c.y),
                          col);
    dl->AddRectFilled(ImVec2(c.x + r * 0.6f, c.y - r), ImVec2(c.x + r * 1.15f, c.y + r), col, 1.0f);
}

// Three small cards, grey, amber, green: pods coming up one ordinal at a time.
void DrawLogo(ImDrawList* dl, ImVec2 p) {
    const ImU32 cols[] = {color::kReady, color::kCreating, color::kPending};
    for (int i = 0; i < 3; ++i) {
        const float x = p.x + static_cast<float>(i) * 9.0f;
        dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + 7, p.y + 18), cols[i], 2.0f);
    }
}

std::string SpeedText(double s) {
    char buf[16];
    if (s < 1) std::snprintf(buf, sizeof buf, "%gx", s);
    else std::snprintf(buf, sizeof buf, "%.0fx", s);
    return buf;
}

}  // namespace

void DrawTimelinePanel(App& app, PanelContext& ctx) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const Rect r = ctx.area;
    const float row_h = 32;
    const float cy = r.y + r.h * 0.5f;

    // Title.
    DrawLogo(dl, ImVec2(r.x + 2, cy - 9));
    ImGui::SetCursorScreenPos(ImVec2(r.x + 34, cy - ImGui::GetFontSize() * 0.5f - 1));
    ImGui::PushFont(FontOr(GetFonts().title));
    ImGui::TextUnformatted("StatefulSet Playground");
    ImGui::PopFont();
    float x = ImGui::GetItemRectMax().x + 22;

    // Transport.
    ImGui::SetCursorScreenPos(ImVec2(x, cy - row_h * 0.5f));
    if (app.paused()) {
        if (IconButton("##play", row_h, true, DrawPlay)) app.Play();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Play");
    } else {
        if (IconButton("##pause", row_h, false, DrawPause)) app.Pause();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pause");
    }
    ImGui::SameLine(0, 6);
    if (IconButton("##step", row_h, false, DrawStep)) {
        app.Pause();
        app.StepToNextEvent();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Pause and step to the next scheduled event");
    ImGui::SameLine(0, 8);
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, cy - ImGui::GetFrameHeight() * 0.5f));
    ImGui::SetNextItemWidth(72);
    const std::string speed_text = SpeedText(app.speed());
    if (ImGui::BeginCombo("##speed", speed_text.c_str(), ImGuiComboFlags_HeightLarge)) {
        for (double s : kSpeeds) {
            const std::string label = SpeedText(s);
            if (ImGui::Selectable(label.c_str(), s == app.speed())) app.SetSpeed(s);
        }
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Simulation speed: simulated seconds per real second");
    ImGui::SameLine(0, 12);

    // Clock.
    ImGui::PushFont(FontOr(GetFonts().mono));
    const Time shown = app.Now() + static_cast<Time>(app.paused() ? 0 : app.pending_ms());
    const std::string clock = ClockText(app, shown);
    const ImVec2 ts = ImGui::CalcTextSize(clock.c_str());
    ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x, cy - ts.y * 0.5f));
    ImGui::TextUnformatted(clock.c_str());
    ImGui::PopFont();
    if (ImGui::IsItemHovered()) {
        ImGui::SetTooltip("Simulated time since the session began\nstate hash %016llx",
                          static_cast<unsigned long long>(app.StateHash()));
    }
    x = ImGui::GetItemRectMax().x + 16;

    // Track.
    const float track_x0 = x + 6, track_x1 = r.x + r.w - 8;
    if (track_x1 - track_x0 < 60) return;
    const Time t0 = app.Start();
    const Time horizon = app.Horizon();
    const Time span = std::max<Time>(Seconds(60), (horizon - t0) * 11 / 10);
    auto to_x = [&](Time t) {
        return track_x0 + (track_x1 - track_x0) * static_cast<float>(t - t0) / static_cast<float>(span);
    };
    auto to_t = [&](float px) {
        return t0 + static_cast<Time>((px - track_x0) / (track_x1 - track_x0) * static_cast<float>(span));
    };
    const float bar_y = cy + 5;
    dl->AddRectFilled(ImVec2(track_x0, bar_y - 2), ImVec2(track_x1, bar_y + 2), IM_COL32(36, 42, 54, 255), 2);
    dl->AddRectFilled(ImVec2(track_x0, bar_y - 2), ImVec2(to_x(horizon), bar_y + 2), IM_COL32(58, 68, 88, 255), 2);
    dl->AddRectFilled(ImVec2(track_x0, bar_y - 2), ImVec2(to_x(app.Now()), bar_y + 2), IM_COL32(59, 130, 246, 200), 2);

    // Markers, one tick per pixel column (the most telling kind wins), so 30,000 markers cost
    // as little as 30.
    const int width = std::max(1, static_cast<int>(track_x1 - track_x0));
    std::vector<int> best(static_cast<size_t>(width) + 1, -1);
    std::vector<int> best_index(best.size(), -1);
    const auto& markers = app.timeline().markers();
    auto rank = [](Marker::Kind k) {
        switch (k) {
            case Marker::Kind::kUpdate: return 4;
            case Marker::Kind::kDelete: return 3;
            case Marker::Kind::kReady: return 2;
            case Marker::Kind::kNotReady: return 2;
            case Marker::Kind::kCreate: return 1;
        }
        return 0;
    };
    for (size_t i = 0; i < markers.size(); ++i) {
        const int px = static_cast<int>(to_x(markers[i].at) - track_x0);
        if (px < 0 || px > width) continue;
        if (rank(markers[i].kind) > best[static_cast<size_t>(px)]) {
            best[static_cast<size_t>(px)] = rank(markers[i].kind);
            best_index[static_cast<size_t>(px)] = static_cast<int>(i);
        }
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool in_track = mouse.x >= track_x0 - 4 && mouse.x <= track_x1 + 4 && mouse.y >= r.y && mouse.y <= r.y + r.h;
    int hovered_marker = -1;
    float hovered_dist = 5;
    for (int px = 0; px <= width; ++px) {
        const int idx = best_index[static_cast<size_t>(px)];
        if (idx < 0) continue;
        const Marker& m = markers[static_cast<size_t>(idx)];
        const float mx = track_x0 + static_cast<float>(px);
        const bool future = m.at > app.Now();
        const ImU32 col = WithAlpha(MarkerColor(m.kind), future ? 0.35f : 1.0f);
        dl->AddRectFilled(ImVec2(mx - 1, bar_y - 11), ImVec2(mx + 1, bar_y - 4), col, 1);
        if (in_track && std::fabs(mouse.x - mx) < hovered_dist) {
            hovered_dist = std::fabs(mouse.x - mx);
            hovered_marker = idx;
        }
    }
    // Inputs: small diamonds under the bar.
    int hovered_input = -1;
    const auto& entries = app.timeline().entries();
    for (size_t i = 0; i < entries.size(); ++i) {
        if (entries[i].kind != TimelineEntry::Kind::kLine) continue;
        const float ex = to_x(entries[i].at);
        const bool future = i >= app.timeline().next();
        const ImU32 col = future ? IM_COL32(200, 206, 216, 90) : IM_COL32(226, 232, 240, 230);
        dl->AddQuadFilled(ImVec2(ex, bar_y + 5), ImVec2(ex + 3.5f, bar_y + 8.5f), ImVec2(ex, bar_y + 12),
                          ImVec2(ex - 3.5f, bar_y + 8.5f), col);
        if (in_track && mouse.y > bar_y + 2 && std::fabs(mouse.x - ex) < 5) hovered_input = static_cast<int>(i);
    }
    // Playhead.
    const float nx = to_x(app.Now());
    dl->AddCircleFilled(ImVec2(nx, bar_y), 5.5f, IM_COL32(236, 240, 246, 255));
    dl->AddCircle(ImVec2(nx, bar_y), 5.5f, IM_COL32(59, 130, 246, 255), 0, 2.0f);

    // Interaction: hover shows what is there; a click goes there.
    ImGui::SetCursorScreenPos(ImVec2(track_x0 - 4, r.y));
    ImGui::InvisibleButton("##track", ImVec2(track_x1 - track_x0 + 8, r.h));
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        const Time at = std::clamp(to_t(mouse.x), t0, horizon);
        dl->AddLine(ImVec2(mouse.x, bar_y - 12), ImVec2(mouse.x, bar_y + 12), IM_COL32(255, 255, 255, 70));
        ImGui::BeginTooltip();
        if (hovered_input >= 0) {
            ImGui::Text("%s  typed:", ClockText(app, entries[static_cast<size_t>(hovered_input)].at).c_str());
            ImGui::PushFont(FontOr(GetFonts().mono));
            ImGui::TextUnformatted(entries[static_cast<size_t>(hovered_input)].text.c_str());
            ImGui::PopFont();
        } else if (hovered_marker >= 0) {
            const Marker& m = markers[static_cast<size_t>(hovered_marker)];
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(MarkerColor(m.kind)), "%s  %s", ClockText(app, m.at).c_str(),
                               MarkerKindName(m.kind));
            ImGui::TextUnformatted(m.text.c_str());
        } else {
            ImGui::Text("Go to %s", ClockText(app, at).c_str());
        }
        ImGui::TextDisabled(at < app.Now() ? "click: rewind (replays the recorded inputs)" : "click: run forward to here");
        ImGui::EndTooltip();
    }
    if (ImGui::IsItemClicked()) {
        Time target = std::clamp(to_t(mouse.x), t0, horizon);
        if (hovered_input >= 0) target = entries[static_cast<size_t>(hovered_input)].at;
        else if (hovered_marker >= 0) target = markers[static_cast<size_t>(hovered_marker)].at;
        app.SeekTo(target);
    }
}

}  // namespace sts::ui
