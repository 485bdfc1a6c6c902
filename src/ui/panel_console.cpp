// The console: the session's shell and kubectl. Scrollback (select lines with the mouse, Ctrl-C
// copies them), an input line with history (Up/Down), Tab completion of commands, resources and
// names, Ctrl-C to stop a watch or rollout status, Ctrl-L to clear, multi-line paste (each line
// runs in turn), and the busybox prompt inside `kubectl run -it`.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

// GLFW (and the null test backend) index keys by ASCII upper case for letters.
constexpr int kKeyL = 'L';

struct CallbackCtx {
    App* app;
    ConsoleState* st;
    bool has_selection = false;
};

std::string CommonPrefix(const std::vector<std::string>& v) {
    if (v.empty()) return {};
    std::string p = v.front();
    for (const auto& s : v) {
        size_t n = 0;
        while (n < p.size() && n < s.size() && p[n] == s[n]) ++n;
        p.resize(n);
    }
    return p;
}

int InputCallback(ImGuiInputTextCallbackData* data) {
    auto* ctx = static_cast<CallbackCtx*>(data->UserData);
    ConsoleState& st = *ctx->st;
    switch (data->EventFlag) {
        case ImGuiInputTextFlags_CallbackAlways:
            ctx->has_selection = data->SelectionStart != data->SelectionEnd;
            if (st.replace_input) {
                data->DeleteChars(0, data->BufTextLen);
                data->InsertChars(0, st.type_text.c_str());
                st.type_text.clear();
                st.replace_input = false;
            }
            break;
        case ImGuiInputTextFlags_CallbackHistory: {
            if (st.history.empty()) break;
            const int prev = st.history_pos;
            if (data->EventKey == ImGuiKey_UpArrow) {
                if (st.history_pos == -1) {
                    st.draft.assign(data->Buf, static_cast<size_t>(data->BufTextLen));
                    st.history_pos = static_cast<int>(st.history.size()) - 1;
                } else if (st.history_pos > 0) {
                    --st.history_pos;
                }
            } else if (data->EventKey == ImGuiKey_DownArrow && st.history_pos != -1) {
                if (++st.history_pos >= static_cast<int>(st.history.size())) st.history_pos = -1;
            }
            if (prev != st.history_pos) {
                const std::string& text = st.history_pos >= 0 ? st.history[static_cast<size_t>(st.history_pos)] : st.draft;
                data->DeleteChars(0, data->BufTextLen);
                data->InsertChars(0, text.c_str());
            }
            break;
        }
        case ImGuiInputTextFlags_CallbackCompletion: {
            const std::string line(data->Buf, static_cast<size_t>(data->BufTextLen));
            const size_t cursor = static_cast<size_t>(data->CursorPos);
            size_t start = cursor;
            while (start > 0 && line[start - 1] != ' ' && line[start - 1] != '/' && line[start - 1] != '=') --start;
            const std::string word = line.substr(start, cursor - start);
            std::vector<std::string> cands = ctx->app->Complete(line, cursor);
            st.completions.clear();
            if (cands.empty()) break;
            // Candidates may be whole words ("pod/web-0") while we complete after a '/'.
            for (auto& c : cands) {
                const size_t slash = c.rfind('/');
                if (start > 0 && line[start - 1] == '/' && slash != std::string::npos) c = c.substr(slash + 1);
            }
            std::string insert = cands.size() == 1 ? cands.front() + " " : CommonPrefix(cands);
            if (insert.size() >= word.size() && insert.compare(0, word.size(), word) == 0) {
                data->DeleteChars(static_cast<int>(start), static_cast<int>(cursor - start));
                data->InsertChars(static_cast<int>(start), insert.c_str());
            }
            if (cands.size() > 1) st.completions = cands;
            break;
        }
        default:
            break;
    }
    return 0;
}

ImU32 LineColor(const ConsoleLog::Line& line) {
    if (line.style == ConsoleLog::Style::kNotice) return IM_COL32(147, 197, 253, 255);
    const std::string& t = line.text;
    if (t.rfind("error", 0) == 0 || t.rfind("Error from server", 0) == 0 || t.find(": command not found") != std::string::npos)
        return color::kError;
    if (t.rfind("Warning:", 0) == 0) return color::kWarn;
    return IM_COL32(203, 210, 222, 255);
}

const char* EmptyClipboard(void*) { return ""; }

}  // namespace

void DrawConsolePanel(App& app, PanelContext& ctx) {
    ConsoleState& st = app.ui().console;
    ConsoleLog& log = app.log();
    ImGuiIO& io = ImGui::GetIO();
    ImFont* mono = FontOr(GetFonts().mono);

    // Header.
    Heading("Console");
    ImGui::SameLine(0, 10);
    ImGui::TextDisabled("shell + kubectl on the simulated cluster");
    if (app.ConsoleBusy()) {
        ImGui::SameLine(0, 12);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kWarn), "running: Ctrl-C stops it");
    }
    ImGui::SameLine(ctx.area.w - 120);
    if (ImGui::SmallButton("Copy all")) ImGui::SetClipboardText(log.Text().c_str());
    ImGui::SameLine(0, 6);
    if (ImGui::SmallButton("Clear")) log.Clear();

    ImGui::PushFont(mono);
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    const int n = static_cast<int>(log.lines().size());

    // Scrollback, then the input line right under the last line, as in a terminal.
    ImGui::BeginChild("##scrollback", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const bool at_bottom = ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 2;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float origin_y = ImGui::GetCursorScreenPos().y;
    const int sel_lo = std::min(st.sel_anchor, st.sel_end), sel_hi = std::max(st.sel_anchor, st.sel_end);
    ImGuiListClipper clipper;
    clipper.Begin(n, line_h);
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const ConsoleLog::Line& line = log.lines()[static_cast<size_t>(i)];
            const ImVec2 p = ImGui::GetCursorScreenPos();
            if (st.sel_anchor >= 0 && i >= sel_lo && i <= sel_hi) {
                dl->AddRectFilled(ImVec2(p.x - 4, p.y), ImVec2(p.x + ImGui::GetWindowWidth() + ImGui::GetScrollX(), p.y + line_h),
                                  IM_COL32(59, 130, 246, 70));
            }
            if (line.style == ConsoleLog::Style::kCommand) {
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kPrompt), "%s", line.prompt.c_str());
                ImGui::SameLine(0, 0);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(IM_COL32(241, 245, 249, 255)), "%s", line.text.c_str());
            } else {
                ImGui::PushStyleColor(ImGuiCol_Text, LineColor(line));
                ImGui::TextUnformatted(line.text.c_str());
                ImGui::PopStyleColor();
            }
        }
    }
    clipper.End();
    // Line selection with the mouse.
    if (ImGui::IsWindowHovered()) {
        const int line_at = static_cast<int>((io.MousePos.y - origin_y) / line_h);
        if (ImGui::IsMouseClicked(0) && line_at >= n) {
            st.focus_input = 3;  // on (or under) the input line
        } else if (ImGui::IsMouseClicked(0)) {
            st.sel_anchor = st.sel_end = std::clamp(line_at, 0, std::max(0, n - 1));
            st.selecting = true;
        }
        if (ImGui::IsMouseClicked(1)) ImGui::OpenPopup("##console_menu");
    }
    if (st.selecting) {
        if (ImGui::IsMouseDown(0)) {
            st.sel_end = std::clamp(static_cast<int>((io.MousePos.y - origin_y) / line_h), 0, std::max(0, n - 1));
            if (io.MousePos.y < ImGui::GetWindowPos().y) ImGui::SetScrollY(ImGui::GetScrollY() - line_h);
            if (io.MousePos.y > ImGui::GetWindowPos().y + ImGui::GetWindowHeight()) ImGui::SetScrollY(ImGui::GetScrollY() + line_h);
        } else {
            st.selecting = false;
            if (st.sel_anchor == st.sel_end) {
                st.sel_anchor = st.sel_end = -1;  // a plain click: back to typing
                st.focus_input = 3;
            }
        }
    }
    auto selected_text = [&]() {
        std::string out;
        for (int i = std::max(0, sel_lo); i <= sel_hi && i < n; ++i) {
            const auto& l = log.lines()[static_cast<size_t>(i)];
            out += l.prompt + l.text + "\n";
        }
        return out;
    };
    if (ImGui::BeginPopup("##console_menu")) {
        if (ImGui::MenuItem("Copy selection", "Ctrl+C", false, st.sel_anchor >= 0)) ImGui::SetClipboardText(selected_text().c_str());
        if (ImGui::MenuItem("Copy all")) ImGui::SetClipboardText(log.Text().c_str());
        if (ImGui::MenuItem("Clear", "Ctrl+L")) log.Clear();
        ImGui::EndPopup();
    }
    // Completions from an ambiguous Tab.
    if (!st.completions.empty()) {
        std::string all;
        for (const auto& c : st.completions) all += c + "  ";
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kTextMuted), "%s", all.c_str());
    }

    // Input line.
    const std::string prompt = app.Prompt();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(app.ConsoleBusy() ? color::kTextFaint : color::kPrompt), "%s",
                       prompt.c_str());
    ImGui::SameLine(0, 0);
    CallbackCtx cb{&app, &st, false};
    const bool ctrl = io.KeyCtrl || io.KeySuper;
    const bool ctrl_c = ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_C), false);
    const bool ctrl_v = ctrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_V), false);
    const bool ctrl_l = ctrl && ImGui::IsKeyPressed(kKeyL, false);

    // A multi-line paste runs each complete line, as a terminal does.
    const auto saved_get = io.GetClipboardTextFn;
    if (ctrl_v) {
        const char* clip = ImGui::GetClipboardText();
        std::string pending = std::string(st.input) + (clip != nullptr ? clip : "");
        if (pending.find('\n') != std::string::npos) {
            size_t pos;
            while ((pos = pending.find('\n')) != std::string::npos) {
                std::string line = pending.substr(0, pos);
                if (!line.empty() && line.back() == '\r') line.pop_back();
                pending.erase(0, pos + 1);
                if (!line.empty()) st.history.push_back(line);
                app.SubmitLine(line);
            }
            SetConsoleInput(st, pending);
            io.GetClipboardTextFn = EmptyClipboard;  // the input line must not paste it again
        }
    }
    // Focus requests resolve over the next frames; retry a few times until the line is active.
    if (st.focus_input > 0) {
        ImGui::SetKeyboardFocusHere();
        --st.focus_input;
    }
    ImGui::SetNextItemWidth(-1);
    ImGui::PushStyleColor(ImGuiCol_FrameBg, IM_COL32(0, 0, 0, 0));
    const ImVec2 input_pos = ImGui::GetCursorScreenPos();
    const bool entered = ImGui::InputText("##input", st.input, sizeof st.input,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackHistory |
                                              ImGuiInputTextFlags_CallbackCompletion | ImGuiInputTextFlags_CallbackAlways,
                                          InputCallback, &cb);
    ImGui::PopStyleColor();
    io.GetClipboardTextFn = saved_get;
    const bool input_active = ImGui::IsItemActive();
    if (input_active) st.focus_input = 0;
    const ImVec2 input_size = ImGui::GetItemRectSize();
    app.ui().layout.console_input = Rect{input_pos.x, input_pos.y, input_size.x, input_size.y};
    // Keep the newest output and the prompt in view, unless the user scrolled up to read; typing
    // brings the prompt back.
    const bool typing = input_active && (!io.InputQueueCharacters.empty() || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)));
    if (log.version() != st.seen_version || typing || entered) {
        st.seen_version = log.version();
        if (st.follow || at_bottom || typing || entered) ImGui::SetScrollHereY(1.0f);
    }
    st.follow = at_bottom;
    ImGui::EndChild();
    if (entered) {
        const std::string line = st.input;
        if (!line.empty() && (st.history.empty() || st.history.back() != line)) st.history.push_back(line);
        st.history_pos = -1;
        st.draft.clear();
        st.completions.clear();
        st.input[0] = '\0';
        st.sel_anchor = st.sel_end = -1;
        app.SubmitLine(line);
        st.focus_input = 3;
    }
    ImGui::PopFont();

    // Ctrl-C: copy a selection, else interrupt; Ctrl-L: clear.
    const bool console_focused = input_active || ImGui::IsWindowFocused(ImGuiFocusedFlags_ChildWindows);
    if (ctrl_c && console_focused) {
        if (st.sel_anchor >= 0) {
            ImGui::SetClipboardText(selected_text().c_str());
            st.sel_anchor = st.sel_end = -1;
        } else if (!cb.has_selection) {
            if (app.ConsoleBusy() || prompt == "> ") {
                app.Interrupt();
            } else {
                // Idle: like bash, the half-typed line is abandoned.
                log.AppendCommand(prompt, std::string(st.input) + "^C");
                st.completions.clear();
                SetConsoleInput(st, "");
            }
        }
    }
    if (ctrl_l && console_focused) log.Clear();
    if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows) && ImGui::IsMouseClicked(0) && !ImGui::IsAnyItemHovered() &&
        st.sel_anchor < 0) {
        st.focus_input = 3;
    }
}

}  // namespace sts::ui
