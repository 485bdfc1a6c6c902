// Elastic-tabstop column alignment as kubectl does it: github.com/liggitt/tabwriter (Go's
// text/tabwriter plus RememberWidths) with kubectl's settings minwidth 6, tabwidth 4, padding 3,
// pad char ' '. Cells are tab-terminated; the text after a line's last tab is not part of a
// column (so the last column is never padded). A line without tabs flushes the buffer.
// With remember_widths, column widths only ever grow across flushes: what keeps
// `kubectl get -w` rows aligned with the header printed before them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sts::kubectl {

class TabWriter {
public:
    struct Options {
        int min_width = 6;
        int tab_width = 4;
        int padding = 3;
        bool remember_widths = true;
    };
    TabWriter();
    explicit TabWriter(Options options);

    // Buffers text; complete lines are formatted when Flush() runs (or a tab-less line ends).
    void Write(std::string_view text);
    // Formats everything buffered and appends it to the output.
    void Flush();
    // Takes the formatted output so far.
    std::string Take();

    std::vector<int> remembered_widths() const { return max_widths_; }
    void SetRememberedWidths(std::vector<int> widths) { max_widths_ = std::move(widths); }

private:
    struct Cell {
        size_t size = 0;   // bytes
        int width = 0;     // runes
        bool htab = false;
    };
    void AddLine();
    void TerminateCell(bool htab);
    void Format(size_t line0, size_t line1);
    void WriteLines(size_t line0, size_t line1);
    void Reset();

    Options options_;
    std::string buf_;     // cell text without tabs / newlines
    size_t pos_ = 0;      // read position in buf_ while writing lines
    Cell cell_;
    std::vector<std::vector<Cell>> lines_;
    std::vector<int> widths_;
    std::vector<int> max_widths_;
    std::string out_;
};

// Number of UTF-8 code points (Go's utf8.RuneCount).
int RuneCount(std::string_view s);

}  // namespace sts::kubectl
