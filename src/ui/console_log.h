// The console's scrollback: what the session printed, split into lines, with the commands the
// user ran marked so the console panel can colour them. Output arrives in chunks that may end in
// the middle of a line; "clear" (ESC [H ESC [2J) empties it, as a terminal does.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sts::ui {

class ConsoleLog {
public:
    enum class Style { kOutput, kCommand, kNotice };
    struct Line {
        std::string text;
        Style style = Style::kOutput;
        std::string prompt;  // kCommand: "$ ", "/ # ", "> "
    };

    explicit ConsoleLog(size_t max_lines = 5000) : max_lines_(max_lines) {}

    void AppendOutput(std::string_view text);
    void AppendCommand(std::string_view prompt, std::string_view line);
    // A line from the playground itself (not the shell): "rewound to 00:42".
    void AppendNotice(std::string_view text);
    void Clear();

    const std::vector<Line>& lines() const { return lines_; }
    // Everything, as a terminal would show it (prompts included), one '\n' per line.
    std::string Text() const;
    // Changes whenever a line is added or changed (the panel scrolls to the bottom on change).
    uint64_t version() const { return version_; }

private:
    void Trim();

    std::vector<Line> lines_;
    bool partial_ = false;  // the last line has not ended yet
    size_t max_lines_;
    uint64_t version_ = 0;
};

}  // namespace sts::ui
