// What the panels remember between frames (input buffers, selection, scroll requests) and what
// they report back (where things were drawn, for the page's layout() and the browser tests).
// Plain data: the App owns one; nothing here touches the engine.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "cluster/cluster_dns.h"
#include "core/time.h"

namespace sts::ui {

struct Rect {
    float x = 0, y = 0, w = 0, h = 0;
    bool Contains(float px, float py) const { return px >= x && py >= y && px < x + w && py < y + h; }
};

struct NamedRect {
    std::string ns;
    std::string name;
    Rect rect;
};

// Where the last frame drew the things a test or an embedding page may want to point at (CSS px).
struct LayoutInfo {
    std::vector<NamedRect> pods;
    std::vector<NamedRect> nodes;
    std::vector<NamedRect> pvcs;
    Rect cluster_view;
    Rect console_input;
};

struct Selection {
    enum class Kind { kNone, kPod, kNode, kPvc, kPv, kService, kStatefulSet };
    Kind kind = Kind::kNone;
    std::string ns;
    std::string name;
    bool Is(Kind k, const std::string& n) const { return kind == k && name == n; }
};

struct ConsoleState {
    char input[2048] = {};
    std::vector<std::string> history;
    int history_pos = -1;        // -1: editing a new line
    std::string draft;           // the new line being typed while browsing history
    int focus_input = 3;         // frames left to try giving the input line keyboard focus
    std::string type_text;       // replaces the input line's text (see SetConsoleInput)
    bool replace_input = false;
    std::vector<std::string> completions;  // shown after an ambiguous Tab
    int sel_anchor = -1;         // scrollback lines selected with the mouse
    int sel_end = -1;
    bool selecting = false;
    uint64_t seen_version = 0;
    bool follow = true;          // keep the newest line in view
};

// Replaces the console's input text, whether or not the input line is being edited (an active
// ImGui text field keeps its own copy; the console panel's callback applies it).
inline void SetConsoleInput(ConsoleState& st, const std::string& text) {
    const size_t n = std::min(text.size(), sizeof st.input - 1);
    text.copy(st.input, n);
    st.input[n] = '\0';
    st.type_text = text.substr(0, n);
    st.replace_input = true;
}

struct EditorProblem {
    int line = 0;  // 1-based line of the editor text
    std::string message;
};

struct EditorState {
    std::string text;
    std::string file = "nginx-statefulset.yaml";
    int apply_request = 0;       // the bridge-style request of the running apply (0: none)
    std::string applied;         // the text that apply is applying (its errors point into it)
    std::vector<EditorProblem> problems;
    std::string result;          // the last apply's output
    bool result_ok = true;
    bool loaded = false;
};

struct DnsState {
    char query[256] = "web-0.nginx";
    std::string from_pod;        // "" = a pod of namespace default (the resolver of any pod there)
    bool has_result = false;
    double shown_at = 0;         // visual time when the result arrived (steps appear one by one)
    Time resolved_at = 0;        // simulated time of the lookup
    cluster::Resolution result;
    std::vector<std::string> search;
    int ndots = 5;
};

enum class SideTab { kInspector, kManifest, kDns, kStorage, kEvents };

struct UiState {
    Selection selection;
    ConsoleState console;
    EditorState editor;
    DnsState dns;
    SideTab side_tab = SideTab::kInspector;
    bool side_tab_request = false;  // select side_tab on the next frame
    bool banner_open = true;
    bool show_metrics = false;
    LayoutInfo layout;
};

}  // namespace sts::ui
