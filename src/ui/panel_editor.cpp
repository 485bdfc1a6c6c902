// The manifest editor: YAML with line numbers, Apply (writes the file into the console's file
// system and runs `kubectl apply -f FILE`, so the console shows exactly what happened), and
// errors at their line: YAML syntax errors as you type, the API server's field errors after
// an apply.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/app.h"
#include "ui/assets.h"
#include "ui/panels.h"
#include "ui/theme.h"
#include "ui/yaml_locate.h"

namespace sts::ui {

namespace {

struct EditorCtx {
    std::string* text;
    int cursor = 0;
};

int ResizeCallback(ImGuiInputTextCallbackData* data) {
    auto* ctx = static_cast<EditorCtx*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        ctx->text->resize(static_cast<size_t>(data->BufTextLen));
        data->Buf = ctx->text->data();
    } else if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways) {
        ctx->cursor = data->CursorPos;
    }
    return 0;
}

const char* kFiles[] = {"nginx-statefulset.yaml", "web-volumeclaimtemplates.yaml"};
const char* kFileNotes[] = {"the tutorial's manifest (hostPath volume, no PVCs)",
                            "with volumeClaimTemplates: one PVC per pod"};

struct LiveCheck {
    std::string checked;  // the text last checked
    std::vector<EditorProblem> syntax;
};

LiveCheck& Live() {
    static LiveCheck live;
    return live;
}

}  // namespace

void ApplyEditor(App& app) {
    EditorState& ed = app.ui().editor;
    ed.applied = ed.text;
    ed.problems.clear();
    ed.result.clear();
    ed.apply_request = app.ApplyManifest(ed.file, ed.text);
}

void DrawEditorPanel(App& app, PanelContext& ctx) {
    EditorState& ed = app.ui().editor;
    LiveCheck& live = Live();
    if (!ed.loaded) {
        ed.text = AssetText("manifests/" + ed.file);
        ed.loaded = true;
    }

    // Toolbar.
    ImGui::SetNextItemWidth(std::min(260.0f, ctx.area.w * 0.45f));
    if (ImGui::BeginCombo("##file", ed.file.c_str())) {
        for (size_t i = 0; i < 2; ++i) {
            if (ImGui::Selectable(kFiles[i], ed.file == kFiles[i])) {
                ed.file = kFiles[i];
                ed.text = AssetText(std::string("manifests/") + kFiles[i]);
                ed.problems.clear();
                ed.result.clear();
            }
            ImGui::SameLine(260);
            ImGui::TextDisabled("%s", kFileNotes[i]);
        }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    const bool running = ed.apply_request != 0 && app.RequestOutput(ed.apply_request) == nullptr;
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(37, 99, 235, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(59, 130, 246, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(29, 78, 216, 255));
    if (ImGui::Button(running ? "Applying..." : "Apply") && !running) ApplyEditor(app);
    ImGui::PopStyleColor(3);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("kubectl apply -f %s (runs in the console)", ed.file.c_str());
    ImGui::SameLine();
    if (ImGui::Button("Reset")) {
        ed.text = AssetText("manifests/" + ed.file);
        ed.problems.clear();
        ed.result.clear();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the original %s", ed.file.c_str());

    // The result of the last apply.
    if (ed.apply_request != 0) {
        if (const std::string* out = app.RequestOutput(ed.apply_request)) {
            ed.result = *out;
            ed.problems = ProblemsFromApplyOutput(ed.applied, *out);
            ed.result_ok = ed.problems.empty();
            ed.apply_request = 0;
        }
    }
    if (running && app.ConsoleBusy()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kWarn),
                           "Waiting for the command running in the console (Ctrl-C there stops it).");
    } else if (!ed.result.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ed.result_ok ? color::kOk : color::kError);
        ImGui::PushTextWrapPos(0);
        std::string shown = ed.result;
        if (shown.size() > 400) shown = shown.substr(0, 400) + "...";
        while (!shown.empty() && shown.back() == '\n') shown.pop_back();
        ImGui::TextUnformatted(shown.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("Edit, then Apply: the console runs kubectl apply -f %s", ed.file.c_str());
    }

    // Live syntax check.
    if (live.checked != ed.text) {
        live.checked = ed.text;
        live.syntax = SyntaxProblems(ed.text);
    }
    std::vector<EditorProblem> problems = live.syntax;
    if (ed.applied == ed.text) problems.insert(problems.end(), ed.problems.begin(), ed.problems.end());

    // Text with a line-number gutter; the text field is as tall as its text, the child scrolls.
    ImFont* mono = FontOr(GetFonts().mono);
    ImGui::PushFont(mono);
    const float line_h = ImGui::GetFontSize();
    const float problems_h = problems.empty() ? 0 : std::min(110.0f, 8 + static_cast<float>(problems.size()) * (line_h + 8));
    ImGui::BeginChild("##editor_scroll", ImVec2(0, -problems_h), true, ImGuiWindowFlags_HorizontalScrollbar);
    const int lines = 1 + static_cast<int>(std::count(ed.text.begin(), ed.text.end(), '\n'));
    const float gutter = ImGui::CalcTextSize("0000").x + 10;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float pad_y = ImGui::GetStyle().FramePadding.y;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float width = ImGui::GetContentRegionAvail().x;
    for (const EditorProblem& p : problems) {
        if (p.line <= 0) continue;
        const float y = origin.y + pad_y + static_cast<float>(p.line - 1) * line_h;
        dl->AddRectFilled(ImVec2(origin.x, y), ImVec2(origin.x + width + ImGui::GetScrollX(), y + line_h),
                          IM_COL32(127, 29, 29, 110));
    }
    for (int i = 0; i < lines; ++i) {
        const float y = origin.y + pad_y + static_cast<float>(i) * line_h;
        if (y + line_h < ImGui::GetWindowPos().y || y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight()) continue;
        char num[16];
        std::snprintf(num, sizeof num, "%4d", i + 1);
        bool bad = false;
        for (const EditorProblem& p : problems) bad = bad || p.line == i + 1;
        dl->AddText(ImVec2(origin.x, y), bad ? color::kError : color::kTextFaint, num);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x + gutter, origin.y));
    EditorCtx ectx{&ed.text};
    const float height = std::max(ImGui::GetContentRegionAvail().y, static_cast<float>(lines + 2) * line_h + 2 * pad_y);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
    ImGui::InputTextMultiline("##yaml", ed.text.data(), ed.text.capacity() + 1,
                              ImVec2(std::max(width - gutter, 600.0f), height),
                              ImGuiInputTextFlags_AllowTabInput | ImGuiInputTextFlags_CallbackResize |
                                  ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_NoHorizontalScroll,
                              ResizeCallback, &ectx);
    ImGui::PopStyleColor();
    if (ImGui::IsItemActive()) {
        // Keep the cursor's line in view (the field itself never scrolls).
        const int cursor_line = static_cast<int>(std::count(ed.text.begin(),
                                                            ed.text.begin() + std::min<size_t>(ed.text.size(), static_cast<size_t>(ectx.cursor)), '\n'));
        const float cy = pad_y + static_cast<float>(cursor_line) * line_h;
        const float top = ImGui::GetScrollY(), bottom = top + ImGui::GetWindowHeight() - line_h * 2;
        if (cy < top) ImGui::SetScrollY(cy);
        else if (cy > bottom) ImGui::SetScrollY(cy - ImGui::GetWindowHeight() + line_h * 3);
    }
    // Messages at the end of their lines.
    for (const EditorProblem& p : problems) {
        if (p.line <= 0) continue;
        const float y = origin.y + pad_y + static_cast<float>(p.line - 1) * line_h;
        const std::string& text = p.message;
        const float tw = ImGui::CalcTextSize(text.c_str()).x;
        const float right = ImGui::GetWindowPos().x + ImGui::GetWindowWidth() - 14 + ImGui::GetScrollX();
        const float x = std::max(origin.x + gutter + 220, right - tw - 12);
        dl->AddRectFilled(ImVec2(x - 6, y), ImVec2(right, y + line_h), IM_COL32(153, 27, 27, 235), 4);
        dl->PushClipRect(ImVec2(x - 6, y), ImVec2(right, y + line_h), true);
        dl->AddText(ImVec2(x, y), IM_COL32(254, 226, 226, 255), text.c_str());
        dl->PopClipRect();
    }
    ImGui::EndChild();
    ImGui::PopFont();

    // The problems, full text, clickable.
    if (!problems.empty()) {
        ImGui::BeginChild("##problems", ImVec2(0, 0), false);
        for (size_t i = 0; i < problems.size(); ++i) {
            const EditorProblem& p = problems[i];
            char where[32];
            if (p.line > 0) std::snprintf(where, sizeof where, "line %d", p.line);
            else std::snprintf(where, sizeof where, "file");
            ImGui::PushID(static_cast<int>(i));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "%s", where);
            ImGui::SameLine();
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(p.message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopID();
        }
        ImGui::EndChild();
    }
}

}  // namespace sts::ui
