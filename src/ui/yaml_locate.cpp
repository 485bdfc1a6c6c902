// Error lines for the manifest editor.
#include "ui/yaml_locate.h"

#include <algorithm>

#include "core/strings.h"
#include "manifest/manifest.h"

namespace sts::ui {

namespace {

int Indent(const std::string& line) {
    int n = 0;
    while (n < static_cast<int>(line.size()) && line[static_cast<size_t>(n)] == ' ') ++n;
    return n;
}

bool Blank(const std::string& line) {
    const std::string t = Trim(line);
    return t.empty() || t[0] == '#';
}

bool IsSeparator(const std::string& line) { return line.rfind("---", 0) == 0; }

// The key of a "key: value" line (after an optional "- "), with its column; "" when none.
std::string KeyOf(const std::string& line, int* column) {
    int i = Indent(line);
    if (line.compare(static_cast<size_t>(i), 2, "- ") == 0) i += 2;
    while (i < static_cast<int>(line.size()) && line[static_cast<size_t>(i)] == ' ') ++i;
    const size_t colon = line.find(':', static_cast<size_t>(i));
    if (colon == std::string::npos) return {};
    std::string key = line.substr(static_cast<size_t>(i), colon - static_cast<size_t>(i));
    if (key.size() >= 2 && (key.front() == '"' || key.front() == '\'') && key.back() == key.front())
        key = key.substr(1, key.size() - 2);
    *column = i;
    return key;
}

// Splits "a.b[2].c" into {"a", "b", "[2]", "c"}; map keys in brackets ("labels[app]") too.
std::vector<std::string> PathParts(std::string_view path) {
    std::vector<std::string> parts;
    std::string cur;
    for (size_t i = 0; i < path.size(); ++i) {
        const char c = path[i];
        if (c == '.') {
            if (!cur.empty()) parts.push_back(cur);
            cur.clear();
        } else if (c == '[') {
            if (!cur.empty()) parts.push_back(cur);
            cur.clear();
            const size_t close = path.find(']', i);
            if (close == std::string_view::npos) break;
            parts.push_back("[" + std::string(path.substr(i + 1, close - i - 1)) + "]");
            i = close;
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) parts.push_back(cur);
    return parts;
}

bool IsIndex(const std::string& part, int* index) {
    if (part.size() < 3 || part.front() != '[') return false;
    int v = 0;
    for (size_t i = 1; i + 1 < part.size(); ++i) {
        if (part[i] < '0' || part[i] > '9') return false;
        v = v * 10 + (part[i] - '0');
    }
    *index = v;
    return true;
}

}  // namespace

std::vector<std::string> TextLines(std::string_view text) {
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            lines.emplace_back(text.substr(start));
            break;
        }
        lines.emplace_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return lines;
}

std::vector<DocSpan> SplitDocuments(const std::vector<std::string>& lines) {
    std::vector<DocSpan> docs;
    DocSpan cur;
    auto finish = [&](int end) {
        cur.end = end;
        bool content = false;
        for (int i = cur.begin; i < end; ++i) content = content || !Blank(lines[static_cast<size_t>(i)]);
        if (content) docs.push_back(cur);
    };
    bool in_metadata = false;
    for (int i = 0; i < static_cast<int>(lines.size()); ++i) {
        const std::string& line = lines[static_cast<size_t>(i)];
        if (IsSeparator(line)) {
            finish(i);
            cur = DocSpan{};
            cur.begin = i + 1;
            in_metadata = false;
            continue;
        }
        if (Blank(line)) continue;
        const int indent = Indent(line);
        int col = 0;
        const std::string key = KeyOf(line, &col);
        if (indent == 0) {
            in_metadata = key == "metadata";
            if (key == "kind") cur.kind = Trim(line.substr(line.find(':') + 1));
        } else if (in_metadata && key == "name" && cur.name.empty()) {
            std::string v = Trim(line.substr(line.find(':') + 1));
            if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'')) v = v.substr(1, v.size() - 2);
            cur.name = v;
        }
    }
    finish(static_cast<int>(lines.size()));
    return docs;
}

int LocateYamlPath(const std::vector<std::string>& lines, const DocSpan& doc, std::string_view path) {
    int begin = doc.begin, end = doc.end;
    int parent_col = -1;
    int found = -1;
    const std::vector<std::string> parts = PathParts(path);
    for (size_t p = 0; p < parts.size(); ++p) {
        const std::string& part = parts[p];
        int index = 0;
        if (IsIndex(part, &index)) {
            // The index-th "- " item inside [begin, end) at the first item column.
            int item_col = -1, count = -1, item_line = -1;
            for (int i = begin; i < end; ++i) {
                const std::string& line = lines[static_cast<size_t>(i)];
                if (Blank(line)) continue;
                const int ind = Indent(line);
                if (line.compare(static_cast<size_t>(ind), 1, "-") != 0) continue;
                if (item_col < 0) item_col = ind;
                if (ind != item_col) continue;
                if (++count == index) {
                    item_line = i;
                    break;
                }
            }
            if (item_line < 0) return found;
            found = item_line;
            int item_end = end;
            for (int i = item_line + 1; i < end; ++i) {
                const std::string& line = lines[static_cast<size_t>(i)];
                if (Blank(line)) continue;
                if (Indent(line) <= item_col) {
                    item_end = i;
                    break;
                }
            }
            begin = item_line;
            end = item_end;
            parent_col = item_col;
            continue;
        }
        // A key at the shallowest column deeper than the parent.
        const std::string want = part.size() >= 2 && part.front() == '[' ? part.substr(1, part.size() - 2) : part;
        int child_col = -1, hit = -1;
        for (int i = begin; i < end; ++i) {
            const std::string& line = lines[static_cast<size_t>(i)];
            if (Blank(line)) continue;
            int col = 0;
            const std::string key = KeyOf(line, &col);
            if (key.empty() || col <= parent_col) continue;
            if (child_col < 0 || col < child_col) child_col = col;
            if (col == child_col && key == want) {
                hit = i;
                break;
            }
        }
        if (hit < 0) return found;
        found = hit;
        int sub_end = end;
        for (int i = hit + 1; i < end; ++i) {
            const std::string& line = lines[static_cast<size_t>(i)];
            if (Blank(line)) continue;
            int col = Indent(line);
            if (col <= child_col && !(line.compare(static_cast<size_t>(col), 1, "-") == 0 && col == child_col)) {
                sub_end = i;
                break;
            }
        }
        begin = hit + 1;
        end = sub_end;
        parent_col = child_col;
    }
    return found;
}

std::vector<EditorProblem> SyntaxProblems(std::string_view text) {
    std::vector<EditorProblem> out;
    const std::vector<std::string> lines = TextLines(text);
    int doc_begin = 0;
    for (int i = 0; i <= static_cast<int>(lines.size()); ++i) {
        if (i < static_cast<int>(lines.size()) && !IsSeparator(lines[static_cast<size_t>(i)])) continue;
        std::string doc;
        for (int k = doc_begin; k < i; ++k) doc += lines[static_cast<size_t>(k)] + "\n";
        const manifest::Parsed parsed = manifest::ParseYaml(doc);
        if (!parsed.ok()) {
            // "...yaml: line 7: did not find expected '-' indicator"
            const std::string& e = parsed.error;
            const size_t at = e.find("line ");
            int line = 0;
            std::string message = e;
            if (at != std::string::npos) {
                size_t k = at + 5;
                while (k < e.size() && e[k] >= '0' && e[k] <= '9') line = line * 10 + (e[k++] - '0');
                if (k + 2 <= e.size() && e.compare(k, 2, ": ") == 0) message = e.substr(k + 2);
            }
            const std::string prefix = "error converting YAML to JSON: ";
            if (message.rfind(prefix, 0) == 0) message = message.substr(prefix.size());
            out.push_back({line > 0 ? doc_begin + line : doc_begin + 1, message});
            break;  // kubectl stops at the first broken document
        }
        doc_begin = i + 1;
    }
    return out;
}

std::vector<EditorProblem> ProblemsFromApplyOutput(std::string_view text, std::string_view output) {
    std::vector<EditorProblem> out;
    const std::vector<std::string> lines = TextLines(text);
    const std::vector<DocSpan> docs = SplitDocuments(lines);
    auto doc_for = [&](const std::string& kind, const std::string& name) -> const DocSpan* {
        for (const auto& d : docs)
            if (d.kind == kind && d.name == name) return &d;
        return nullptr;
    };
    auto locate = [&](const DocSpan* d, const std::string& path, const std::string& message) {
        int line = d != nullptr ? LocateYamlPath(lines, *d, path) : -1;
        if (line < 0 && d != nullptr) line = d->begin;
        out.push_back({line >= 0 ? line + 1 : 0, message});
    };
    const std::vector<std::string> out_lines = TextLines(output);
    for (size_t i = 0; i < out_lines.size(); ++i) {
        const std::string& l = out_lines[i];
        // error: error parsing web.yaml: error converting YAML to JSON: yaml: line 7: ...
        if (l.find("error parsing") != std::string::npos && l.find("yaml: line") != std::string::npos) {
            std::vector<EditorProblem> syntax = SyntaxProblems(text);
            out.insert(out.end(), syntax.begin(), syntax.end());
            continue;
        }
        // The StatefulSet "web" is invalid: spec.replicas: Invalid value ...   (or a "* " list)
        const size_t inv = l.find("\" is invalid:");
        if (l.rfind("The ", 0) == 0 && inv != std::string::npos) {
            const size_t q = l.find(" \"");
            const std::string kind = l.substr(4, q - 4);
            const std::string name = l.substr(q + 2, inv - q - 2);
            const DocSpan* d = doc_for(kind, name);
            std::vector<std::string> details;
            const std::string rest = Trim(l.substr(inv + 13));
            if (!rest.empty()) details.push_back(rest);
            while (i + 1 < out_lines.size() && out_lines[i + 1].rfind("* ", 0) == 0) details.push_back(out_lines[++i].substr(2));
            for (const std::string& detail : details) {
                const size_t colon = detail.find(": ");
                const std::string path = colon == std::string::npos ? "" : detail.substr(0, colon);
                locate(d, path, detail);
            }
            continue;
        }
        // ... Go struct field StatefulSetSpec.spec.replicas of type int32
        const size_t field = l.find("Go struct field ");
        if (field != std::string::npos) {
            const size_t dot = l.find('.', field + 16);
            const size_t of = l.find(" of type", field);
            std::string path = dot != std::string::npos && of != std::string::npos ? l.substr(dot + 1, of - dot - 1) : "";
            std::string kind, name;
            for (const std::string& x : out_lines) {
                const size_t k = x.find("Kind=");
                if (k != std::string::npos) kind = Trim(x.substr(k + 5, x.find('"', k) - k - 5));
                const size_t n = x.rfind("Name: \"", 0);
                if (n == 0) name = x.substr(7, x.find('"', 7) - 7);
            }
            const size_t msg = l.find("json: ");
            locate(doc_for(kind, name), path, msg != std::string::npos ? l.substr(msg) : l);
            continue;
        }
        if (l.find("error when applying patch:") != std::string::npos) continue;  // details follow
        if (l.rfind("error", 0) == 0 || l.rfind("Error from server", 0) == 0) out.push_back({0, l});
    }
    return out;
}

}  // namespace sts::ui
