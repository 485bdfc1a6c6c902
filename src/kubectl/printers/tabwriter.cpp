// The elastic tabstop algorithm of liggitt/tabwriter (a fork of Go's text/tabwriter): a column
// is a run of consecutive lines that have a cell at that index; its width is the widest cell
// plus padding (at least min_width); columns right of it are formatted recursively per block.
#include "kubectl/printers/tabwriter.h"

#include <algorithm>

namespace sts::kubectl {

int RuneCount(std::string_view s) {
    int n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) != 0x80) ++n;
    }
    return n;
}

TabWriter::TabWriter() : TabWriter(Options{}) {}

TabWriter::TabWriter(Options options) : options_(options) { Reset(); }

void TabWriter::Reset() {
    buf_.clear();
    pos_ = 0;
    cell_ = Cell{};
    lines_.clear();
    widths_.clear();
    AddLine();
}

void TabWriter::AddLine() { lines_.emplace_back(); }

void TabWriter::TerminateCell(bool htab) {
    cell_.htab = htab;
    lines_.back().push_back(cell_);
    cell_ = Cell{};
}

void TabWriter::Write(std::string_view text) {
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch == '\t' || ch == '\v' || ch == '\n' || ch == '\f') {
            std::string_view piece = text.substr(start, i - start);
            buf_.append(piece);
            cell_.size += piece.size();
            cell_.width += RuneCount(piece);
            start = i + 1;
            TerminateCell(ch == '\t');
            size_t ncells = lines_.back().size();
            if (ch == '\n' || ch == '\f') {
                AddLine();
                if (ch == '\f' || ncells == 1) {
                    // A line with a single cell cannot affect later columns: flush now.
                    Flush();
                }
            }
        }
    }
    std::string_view rest = text.substr(start);
    buf_.append(rest);
    cell_.size += rest.size();
    cell_.width += RuneCount(rest);
}

void TabWriter::WriteLines(size_t line0, size_t line1) {
    for (size_t i = line0; i < line1; ++i) {
        const auto& line = lines_[i];
        for (size_t j = 0; j < line.size(); ++j) {
            const Cell& c = line[j];
            if (c.size > 0) {
                out_.append(buf_, pos_, c.size);
                pos_ += c.size;
            }
            if (j < widths_.size()) {
                int pad = widths_[j] - c.width;
                if (pad > 0) out_.append(static_cast<size_t>(pad), ' ');
            }
        }
        if (i + 1 == lines_.size()) {
            // The last buffered line has no newline yet: write the pending cell text.
            out_.append(buf_, pos_, cell_.size);
            pos_ += cell_.size;
        } else {
            out_ += '\n';
        }
    }
}

void TabWriter::Format(size_t line0, size_t line1) {
    size_t column = widths_.size();
    for (size_t t = line0; t < line1; ++t) {
        if (column + 1 >= lines_[t].size()) continue;
        // This line has a cell in this column: print the lines above, then the block.
        WriteLines(line0, t);
        line0 = t;
        int width = options_.min_width;
        for (; t < line1; ++t) {
            const auto& line = lines_[t];
            if (column + 1 >= line.size()) break;
            int w = line[column].width + options_.padding;
            if (w > width) width = w;
        }
        if (options_.remember_widths) {
            size_t idx = widths_.size();
            if (max_widths_.size() < idx) {
                max_widths_.insert(max_widths_.end(), widths_.begin() + static_cast<long>(max_widths_.size()),
                                   widths_.end());
            }
            if (max_widths_.size() == idx) {
                max_widths_.push_back(width);
            } else if (max_widths_[idx] > width) {
                width = max_widths_[idx];
            } else if (max_widths_[idx] < width) {
                max_widths_[idx] = width;
            }
        }
        widths_.push_back(width);
        Format(line0, t);
        widths_.pop_back();
        line0 = t;
        // Like the Go original, the loop's increment skips line t: it has no cell in this
        // column (or t == line1), so examining it would change nothing.
    }
    WriteLines(line0, line1);
}

void TabWriter::Flush() {
    if (cell_.size > 0) TerminateCell(false);
    pos_ = 0;
    Format(0, lines_.size());
    // Keep out_, reset the rest.
    std::vector<int> keep = max_widths_;
    Reset();
    max_widths_ = std::move(keep);
}

std::string TabWriter::Take() { return std::move(out_); }

}  // namespace sts::kubectl
