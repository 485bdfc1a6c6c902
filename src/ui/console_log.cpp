// Scrollback of the console panel.
#include "ui/console_log.h"

namespace sts::ui {

namespace {
constexpr std::string_view kClearScreen = "\x1b[H\x1b[2J";
}  // namespace

void ConsoleLog::AppendOutput(std::string_view text) {
    if (text.empty()) return;
    ++version_;
    // Only what follows the last "clear" survives.
    const size_t clear = text.rfind(kClearScreen);
    if (clear != std::string_view::npos) {
        lines_.clear();
        partial_ = false;
        text = text.substr(clear + kClearScreen.size());
    }
    size_t start = 0;
    while (start < text.size()) {
        const size_t nl = text.find('\n', start);
        std::string piece(text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
        // The panel has no tab stops; tabs are rare (printf output).
        for (char& c : piece)
            if (c == '\t') c = ' ';
        if (partial_ && !lines_.empty() && lines_.back().style == Style::kOutput) {
            lines_.back().text.append(piece);
        } else {
            lines_.push_back(Line{std::move(piece), Style::kOutput, {}});
        }
        partial_ = nl == std::string_view::npos;
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    Trim();
}

void ConsoleLog::AppendCommand(std::string_view prompt, std::string_view line) {
    ++version_;
    if (partial_ && !lines_.empty() && lines_.back().text.empty()) lines_.pop_back();
    partial_ = false;
    lines_.push_back(Line{std::string(line), Style::kCommand, std::string(prompt)});
    Trim();
}

void ConsoleLog::AppendNotice(std::string_view text) {
    ++version_;
    partial_ = false;
    lines_.push_back(Line{std::string(text), Style::kNotice, {}});
    Trim();
}

void ConsoleLog::Clear() {
    ++version_;
    lines_.clear();
    partial_ = false;
}

std::string ConsoleLog::Text() const {
    std::string out;
    for (const Line& line : lines_) {
        out += line.prompt;
        out += line.text;
        out += '\n';
    }
    return out;
}

void ConsoleLog::Trim() {
    if (lines_.size() <= max_lines_) return;
    const size_t drop = lines_.size() - max_lines_ + max_lines_ / 10;
    lines_.erase(lines_.begin(), lines_.begin() + static_cast<std::ptrdiff_t>(drop));
}

}  // namespace sts::ui
