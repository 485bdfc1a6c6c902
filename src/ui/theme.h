// The playground's look: one palette (phases, revisions, surfaces, text), the ImGui style built
// from it, and the fonts the platform loaded. Every panel takes its colours from here.
#pragma once

#include <imgui.h>

#include <string_view>

#include "ui/scene.h"

namespace sts::ui {

// Fonts loaded by the platform layer (TrueType in the browser); any may be null, in which case
// panels fall back to ImGui's current font.
struct Fonts {
    ImFont* body = nullptr;   // proportional, the default
    ImFont* bold = nullptr;   // headings, pod names
    ImFont* mono = nullptr;   // console, YAML, tables of names
    ImFont* small = nullptr;  // captions under cards
    ImFont* title = nullptr;  // the app title
};
Fonts& GetFonts();
// Font or the current one when null.
ImFont* FontOr(ImFont* f);

namespace color {
// Surfaces.
inline constexpr ImU32 kBackground = IM_COL32(13, 16, 22, 255);
inline constexpr ImU32 kPanel = IM_COL32(20, 24, 32, 255);
inline constexpr ImU32 kPanelRaised = IM_COL32(27, 32, 42, 255);
inline constexpr ImU32 kBorder = IM_COL32(44, 51, 65, 255);
inline constexpr ImU32 kText = IM_COL32(221, 226, 235, 255);
inline constexpr ImU32 kTextMuted = IM_COL32(140, 150, 168, 255);
inline constexpr ImU32 kTextFaint = IM_COL32(96, 105, 122, 255);
inline constexpr ImU32 kAccent = IM_COL32(96, 165, 250, 255);
inline constexpr ImU32 kPrompt = IM_COL32(125, 211, 252, 255);
inline constexpr ImU32 kError = IM_COL32(248, 113, 113, 255);
inline constexpr ImU32 kWarn = IM_COL32(251, 191, 36, 255);
inline constexpr ImU32 kOk = IM_COL32(74, 222, 128, 255);
// Pod phases, as the cluster view paints them.
inline constexpr ImU32 kPending = IM_COL32(120, 128, 142, 255);
inline constexpr ImU32 kCreating = IM_COL32(245, 166, 35, 255);
inline constexpr ImU32 kRunning = IM_COL32(59, 130, 246, 255);
inline constexpr ImU32 kReady = IM_COL32(34, 197, 94, 255);
inline constexpr ImU32 kTerminating = IM_COL32(239, 68, 68, 255);
inline constexpr ImU32 kFailed = IM_COL32(190, 40, 60, 255);
}  // namespace color

// The colour of a revision (controller-revision-hash): the set's update revision and current
// revision keep stable, distinct colours; others hash into the same small palette.
ImU32 RevisionColor(std::string_view revision, std::string_view current, std::string_view update);

Rgba ToRgba(ImU32 c, float alpha_scale = 1.0f);
ImU32 WithAlpha(ImU32 c, float alpha);
ImU32 Mix(ImU32 a, ImU32 b, float t);
Rgba Mix(const Rgba& a, const Rgba& b, float t);

// Applies the palette to ImGui's style (call once after CreateContext).
void ApplyStyle();

// A small rounded label ("chip") drawn at the cursor; returns true when clicked (if clickable).
bool Chip(const char* text, ImU32 bg, ImU32 fg, bool clickable = false, const char* tooltip = nullptr);
// "(?)" with a tooltip, ImGui demo style.
void HelpMarker(const char* text);
// A heading line in the bold font.
void Heading(const char* text);

}  // namespace sts::ui
