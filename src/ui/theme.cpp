// The palette applied to ImGui, colour helpers and small shared widgets.
#include "ui/theme.h"

#include <algorithm>
#include <cstdint>

namespace sts::ui {

Fonts& GetFonts() {
    static Fonts fonts;
    return fonts;
}

ImFont* FontOr(ImFont* f) { return f != nullptr ? f : ImGui::GetFont(); }

namespace {

// Revision colours: violet and cyan for the two revisions of a rolling update (current, update),
// then others. None of them is a phase colour, so the stripe never reads as a phase.
constexpr ImU32 kRevisionPalette[] = {
    IM_COL32(167, 139, 250, 255),  // violet
    IM_COL32(34, 211, 238, 255),   // cyan
    IM_COL32(244, 114, 182, 255),  // pink
    IM_COL32(163, 230, 53, 255),   // lime
    IM_COL32(251, 146, 60, 255),   // orange
    IM_COL32(232, 121, 249, 255),  // fuchsia
};

uint32_t Fnv(std::string_view s) {
    uint32_t h = 2166136261u;
    for (char c : s) {
        h ^= static_cast<uint8_t>(c);
        h *= 16777619u;
    }
    return h;
}

ImVec4 V4(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }

}  // namespace

ImU32 RevisionColor(std::string_view revision, std::string_view current, std::string_view update) {
    if (revision.empty()) return color::kTextFaint;
    // During an update the old revision is violet and the new one cyan; at rest the one
    // revision in use is violet.
    if (!update.empty() && update != current) {
        if (revision == current) return kRevisionPalette[0];
        if (revision == update) return kRevisionPalette[1];
    } else if (revision == current || revision == update) {
        return kRevisionPalette[0];
    }
    return kRevisionPalette[2 + Fnv(revision) % 4];
}

Rgba ToRgba(ImU32 c, float alpha_scale) {
    const ImVec4 v = V4(c);
    return Rgba{v.x, v.y, v.z, v.w * alpha_scale};
}

ImU32 WithAlpha(ImU32 c, float alpha) {
    const int a = static_cast<int>(std::clamp(alpha, 0.0f, 1.0f) * 255.0f + 0.5f);
    return (c & ~IM_COL32_A_MASK) | (static_cast<ImU32>(a) << IM_COL32_A_SHIFT);
}

ImU32 Mix(ImU32 a, ImU32 b, float t) {
    const ImVec4 x = V4(a), y = V4(b);
    t = std::clamp(t, 0.0f, 1.0f);
    return ImGui::ColorConvertFloat4ToU32(
        ImVec4(x.x + (y.x - x.x) * t, x.y + (y.y - x.y) * t, x.z + (y.z - x.z) * t, x.w + (y.w - x.w) * t));
}

Rgba Mix(const Rgba& a, const Rgba& b, float t) {
    t = std::clamp(t, 0.0f, 1.0f);
    return Rgba{a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t, a.a + (b.a - a.a) * t};
}

void ApplyStyle() {
    ImGuiStyle& s = ImGui::GetStyle();
    ImGui::StyleColorsDark(&s);
    s.WindowPadding = ImVec2(12, 10);
    s.FramePadding = ImVec2(8, 5);
    s.ItemSpacing = ImVec2(8, 6);
    s.ItemInnerSpacing = ImVec2(6, 4);
    s.CellPadding = ImVec2(6, 3);
    s.ScrollbarSize = 11;
    s.GrabMinSize = 10;
    s.WindowBorderSize = 1;
    s.ChildBorderSize = 1;
    s.PopupBorderSize = 1;
    s.FrameBorderSize = 0;
    s.TabBorderSize = 0;
    s.WindowRounding = 8;
    s.ChildRounding = 6;
    s.FrameRounding = 6;
    s.PopupRounding = 6;
    s.ScrollbarRounding = 6;
    s.GrabRounding = 6;
    s.TabRounding = 6;
    s.WindowTitleAlign = ImVec2(0.0f, 0.5f);

    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = V4(color::kText);
    c[ImGuiCol_TextDisabled] = V4(color::kTextMuted);
    c[ImGuiCol_WindowBg] = V4(color::kPanel);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = V4(IM_COL32(24, 29, 38, 250));
    c[ImGuiCol_Border] = V4(color::kBorder);
    c[ImGuiCol_BorderShadow] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_FrameBg] = V4(IM_COL32(32, 38, 50, 255));
    c[ImGuiCol_FrameBgHovered] = V4(IM_COL32(40, 48, 63, 255));
    c[ImGuiCol_FrameBgActive] = V4(IM_COL32(46, 56, 74, 255));
    c[ImGuiCol_TitleBg] = V4(color::kPanel);
    c[ImGuiCol_TitleBgActive] = V4(color::kPanelRaised);
    c[ImGuiCol_TitleBgCollapsed] = V4(color::kPanel);
    c[ImGuiCol_MenuBarBg] = V4(color::kPanel);
    c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = V4(IM_COL32(58, 66, 82, 255));
    c[ImGuiCol_ScrollbarGrabHovered] = V4(IM_COL32(74, 84, 104, 255));
    c[ImGuiCol_ScrollbarGrabActive] = V4(IM_COL32(90, 102, 126, 255));
    c[ImGuiCol_CheckMark] = V4(color::kAccent);
    c[ImGuiCol_SliderGrab] = V4(color::kAccent);
    c[ImGuiCol_SliderGrabActive] = V4(IM_COL32(147, 197, 253, 255));
    c[ImGuiCol_Button] = V4(IM_COL32(38, 46, 60, 255));
    c[ImGuiCol_ButtonHovered] = V4(IM_COL32(50, 61, 80, 255));
    c[ImGuiCol_ButtonActive] = V4(IM_COL32(59, 73, 97, 255));
    c[ImGuiCol_Header] = V4(IM_COL32(38, 52, 76, 255));
    c[ImGuiCol_HeaderHovered] = V4(IM_COL32(45, 62, 92, 255));
    c[ImGuiCol_HeaderActive] = V4(IM_COL32(52, 72, 108, 255));
    c[ImGuiCol_Separator] = V4(color::kBorder);
    c[ImGuiCol_Tab] = V4(color::kPanel);
    c[ImGuiCol_TabHovered] = V4(IM_COL32(45, 62, 92, 255));
    c[ImGuiCol_TabActive] = V4(IM_COL32(36, 48, 70, 255));
    c[ImGuiCol_TabUnfocused] = V4(color::kPanel);
    c[ImGuiCol_TabUnfocusedActive] = V4(IM_COL32(32, 42, 60, 255));
    c[ImGuiCol_TableHeaderBg] = V4(color::kPanelRaised);
    c[ImGuiCol_TableBorderStrong] = V4(color::kBorder);
    c[ImGuiCol_TableBorderLight] = V4(IM_COL32(36, 42, 54, 255));
    c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = V4(IM_COL32(255, 255, 255, 6));
    c[ImGuiCol_TextSelectedBg] = V4(IM_COL32(59, 130, 246, 90));
    c[ImGuiCol_NavHighlight] = V4(color::kAccent);
    c[ImGuiCol_ModalWindowDimBg] = V4(IM_COL32(0, 0, 0, 140));
}

bool Chip(const char* text, ImU32 bg, ImU32 fg, bool clickable, const char* tooltip) {
    const ImVec2 pad(7, 2);
    const ImVec2 size = ImGui::CalcTextSize(text);
    const ImVec2 box(size.x + pad.x * 2, size.y + pad.y * 2);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    bool clicked = false;
    bool hovered = false;
    if (clickable) {
        ImGui::PushID(text);
        clicked = ImGui::InvisibleButton("##chip", box);
        hovered = ImGui::IsItemHovered();
        ImGui::PopID();
        if (hovered) ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
    } else {
        ImGui::Dummy(box);
        hovered = ImGui::IsItemHovered();
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + box.x, p.y + box.y), hovered && clickable ? Mix(bg, IM_COL32_WHITE, 0.12f) : bg,
                      box.y * 0.5f);
    dl->AddText(ImVec2(p.x + pad.x, p.y + pad.y), fg, text);
    if (tooltip != nullptr && hovered) ImGui::SetTooltip("%s", tooltip);
    return clicked;
}

void HelpMarker(const char* text) {
    ImGui::TextDisabled("(?)");
    if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32.0f);
        ImGui::TextUnformatted(text);
        ImGui::PopTextWrapPos();
        ImGui::EndTooltip();
    }
}

void Heading(const char* text) {
    ImGui::PushFont(FontOr(GetFonts().bold));
    ImGui::TextUnformatted(text);
    ImGui::PopFont();
}

}  // namespace sts::ui
