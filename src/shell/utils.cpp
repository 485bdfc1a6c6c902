// Small text utilities for pipelines around kubectl (`kubectl get pods | grep web | wc -l`):
// cat grep head tail wc sort uniq cut tr seq tee basename dirname env printenv. GNU coreutils
// wording for bash and dash hosts, busybox wording for busybox. The regex engine is a small
// backtracking matcher with a step budget, so a pathological pattern cannot hang the console.
#include <algorithm>
#include <functional>
#include <cstdio>

#include "core/strings.h"
#include "shell/builtins.h"
#include "shell/shell.h"

namespace sts::shell {

namespace {

// [SECTION] regex (ERE subset: . [] [^] ^ $ * + ? | ( ))

struct Node {
    enum class Kind { kChar, kAny, kClass, kStart, kEnd, kGroup };
    Kind kind = Kind::kChar;
    char c = 0;
    std::vector<std::pair<char, char>> ranges;
    bool negate = false;
    std::vector<std::vector<Node>> alts;  // kGroup: alternatives, each a sequence
    int min = 1, max = 1;                 // quantifier
};

class Regex {
public:
    bool Compile(std::string_view pattern, bool icase, std::string* error) {
        icase_ = icase;
        p_ = pattern;
        i_ = 0;
        depth_ = 0;
        root_.clear();
        if (!ParseAlts(&root_)) {
            *error = error_.empty() ? "Invalid regular expression" : error_;
            return false;
        }
        if (i_ != p_.size()) {
            *error = "Unmatched ) or \\)";
            return false;
        }
        return true;
    }
    bool Search(std::string_view text) const {
        for (size_t start = 0; start <= text.size(); ++start) {
            budget_ = 100000;
            for (const auto& seq : root_) {
                if (MatchSeq(seq, 0, text, start, [](size_t) { return true; })) return true;
            }
            if (budget_ <= 0) return false;
        }
        return false;
    }

private:
    bool ParseAlts(std::vector<std::vector<Node>>* alts) {
        if (++depth_ > 50) {
            error_ = "Regular expression too big";
            return false;
        }
        alts->emplace_back();
        while (i_ < p_.size()) {
            char c = p_[i_];
            if (c == '|') {
                ++i_;
                alts->emplace_back();
                continue;
            }
            if (c == ')') break;
            Node n;
            if (!ParseAtom(&n)) return false;
            ParseQuantifier(&n);
            alts->back().push_back(std::move(n));
        }
        --depth_;
        return true;
    }
    void ParseQuantifier(Node* n) {
        if (i_ >= p_.size()) return;
        char q = p_[i_];
        if (q == '*') n->min = 0, n->max = -1;
        else if (q == '+') n->min = 1, n->max = -1;
        else if (q == '?') n->min = 0, n->max = 1;
        else return;
        ++i_;
    }
    bool ParseAtom(Node* n) {
        char c = p_[i_++];
        switch (c) {
        case '.':
            n->kind = Node::Kind::kAny;
            return true;
        case '^':
            n->kind = Node::Kind::kStart;
            return true;
        case '$':
            n->kind = Node::Kind::kEnd;
            return true;
        case '(':
            n->kind = Node::Kind::kGroup;
            if (!ParseAlts(&n->alts)) return false;
            if (i_ >= p_.size() || p_[i_] != ')') {
                error_ = "Unmatched ( or \\(";
                return false;
            }
            ++i_;
            return true;
        case '[': {
            n->kind = Node::Kind::kClass;
            if (i_ < p_.size() && p_[i_] == '^') {
                n->negate = true;
                ++i_;
            }
            bool first = true;
            while (i_ < p_.size() && (p_[i_] != ']' || first)) {
                char a = p_[i_++];
                first = false;
                if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
                    char b = p_[i_ + 1];
                    i_ += 2;
                    n->ranges.emplace_back(a, b);
                } else {
                    n->ranges.emplace_back(a, a);
                }
            }
            if (i_ >= p_.size()) {
                error_ = "Unmatched [, [^, [:, [., or [=";
                return false;
            }
            ++i_;
            return true;
        }
        case '\\':
            if (i_ < p_.size()) c = p_[i_++];
            [[fallthrough]];
        default:
            n->kind = Node::Kind::kChar;
            n->c = c;
            return true;
        }
    }
    static char Fold(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
    bool MatchOne(const Node& n, char c) const {
        switch (n.kind) {
        case Node::Kind::kChar:
            return icase_ ? Fold(n.c) == Fold(c) : n.c == c;
        case Node::Kind::kAny:
            return c != '\n';
        case Node::Kind::kClass: {
            bool in = false;
            for (auto [a, b] : n.ranges) {
                if ((c >= a && c <= b) || (icase_ && Fold(c) >= Fold(a) && Fold(c) <= Fold(b))) in = true;
            }
            return in != n.negate;
        }
        default:
            return false;
        }
    }
    // The continuation is type-erased: a template parameter here would instantiate a new lambda
    // type per nesting level, without end (the compiler runs out of memory).
    using Cont = std::function<bool(size_t)>;
    bool MatchSeq(const std::vector<Node>& seq, size_t k, std::string_view text, size_t pos, const Cont& cont) const {
        if (--budget_ <= 0) return false;
        if (k == seq.size()) return cont(pos);
        const Node& n = seq[k];
        if (n.kind == Node::Kind::kStart) return pos == 0 && MatchSeq(seq, k + 1, text, pos, cont);
        if (n.kind == Node::Kind::kEnd) return pos == text.size() && MatchSeq(seq, k + 1, text, pos, cont);
        return MatchRepeat(seq, k, text, pos, 0, cont);
    }
    bool MatchRepeat(const std::vector<Node>& seq, size_t k, std::string_view text, size_t pos, int count,
                     const Cont& cont) const {
        if (--budget_ <= 0) return false;
        const Node& n = seq[k];
        bool can_more = n.max < 0 || count < n.max;
        if (can_more) {
            if (n.kind == Node::Kind::kGroup) {
                for (const auto& alt : n.alts) {
                    auto next = [&](size_t p2) {
                        if (p2 == pos) return false;  // no progress: stop repeating
                        return MatchRepeat(seq, k, text, p2, count + 1, cont);
                    };
                    if (MatchSeq(alt, 0, text, pos, next)) return true;
                }
            } else if (pos < text.size() && MatchOne(n, text[pos])) {
                if (MatchRepeat(seq, k, text, pos + 1, count + 1, cont)) return true;
            }
        }
        if (count >= n.min) return MatchSeq(seq, k + 1, text, pos, cont);
        // A group that matched empty still satisfies its minimum.
        if (n.kind == Node::Kind::kGroup && count < n.min) {
            for (const auto& alt : n.alts) {
                auto next = [&](size_t p2) { return p2 == pos && MatchSeq(seq, k + 1, text, pos, cont); };
                if (MatchSeq(alt, 0, text, pos, next)) return true;
            }
        }
        return false;
    }

    std::string_view p_;
    size_t i_ = 0;
    int depth_ = 0;
    bool icase_ = false;
    std::string error_;
    std::vector<std::vector<Node>> root_;
    mutable int budget_ = 0;
};

// Basic regular expressions swap the meaning of \( \) \| \+ \? with their bare forms.
std::string BreToEre(std::string_view bre) {
    std::string out;
    for (size_t i = 0; i < bre.size(); ++i) {
        char c = bre[i];
        if (c == '\\' && i + 1 < bre.size()) {
            char n = bre[i + 1];
            if (n == '(' || n == ')' || n == '|' || n == '+' || n == '?') {
                out += n;
            } else {
                out += '\\';
                out += n;
            }
            ++i;
        } else if (c == '(' || c == ')' || c == '|' || c == '+' || c == '?') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

// [SECTION] helpers

bool IsBusybox(Persona p) { return p == Persona::kBusyboxAsh; }

std::vector<std::string> Lines(const std::string& text) { return SplitLines(text); }

std::string JoinLines(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) {
        out += l;
        out += '\n';
    }
    return out;
}

// Reads the named inputs, or stdin when there are none ("-" is stdin too).
bool ReadInputs(Invocation& inv, const std::vector<std::string>& files, std::string* out, const char* tool,
                Persona persona, int* status) {
    if (files.empty()) {
        *out = inv.stdin_data;
        return true;
    }
    FileSystem* fs = inv.shell->config().fs;
    for (const auto& f : files) {
        if (f == "-") {
            *out += inv.stdin_data;
            continue;
        }
        std::string content;
        if (!fs || !fs->ReadFile(f, &content)) {
            if (IsBusybox(persona) && std::string(tool) == "cat") {
                inv.err->Write(std::string(tool) + ": can't open '" + f + "': No such file or directory\n");
            } else {
                inv.err->Write(std::string(tool) + ": " + f + ": No such file or directory\n");
            }
            *status = 1;
            continue;
        }
        *out += content;
    }
    return true;
}

bool ParseCount(const std::string& s, int64_t* n) { return ParseInt64(s, n) && *n >= 0; }

Outcome Status(int s) {
    Outcome o;
    o.status = s;
    return o;
}

// [SECTION] the tools

Outcome Cat(Invocation& inv, Persona persona) {
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) files.push_back(inv.argv[i]);
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "cat", persona, &status);
    inv.out->Write(text);
    return Status(status);
}

Outcome Grep(Invocation& inv, Persona persona) {
    bool invert = false, icase = false, count = false, number = false, quiet = false, fixed = false, ere = false;
    bool only_name = false;
    std::vector<std::string> patterns;  // -e may be given several times: a line matching any is a hit
    bool have_pattern = false;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a == "-e" && i + 1 < inv.argv.size()) {
            patterns.push_back(inv.argv[++i]);
            have_pattern = true;
            continue;
        }
        if (a.size() > 1 && a[0] == '-' && a != "-") {
            for (size_t k = 1; k < a.size(); ++k) {
                switch (a[k]) {
                case 'v': invert = true; break;
                case 'i': icase = true; break;
                case 'c': count = true; break;
                case 'n': number = true; break;
                case 'q': quiet = true; break;
                case 'F': fixed = true; break;
                case 'E': ere = true; break;
                case 'l': only_name = true; break;
                case 'w':
                case 's':
                case 'H':
                case 'h':
                    break;
                default:
                    if (IsBusybox(persona)) {
                        inv.err->Write("grep: invalid option -- '" + std::string(1, a[k]) + "'\n");
                    } else {
                        inv.err->Write("grep: invalid option -- '" + std::string(1, a[k]) +
                                       "'\nUsage: grep [OPTION]... PATTERNS [FILE]...\n"
                                       "Try 'grep --help' for more information.\n");
                    }
                    return Status(2);
                }
            }
            continue;
        }
        if (!have_pattern) {
            patterns.push_back(a);
            have_pattern = true;
        } else {
            files.push_back(a);
        }
    }
    if (!have_pattern) {
        if (IsBusybox(persona)) {
            inv.err->Write("BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\n"
                           "Usage: grep [-HhnlLoqvsriwFE] [-m N] [-A/B/C N] PATTERN/-e PATTERN.../-f FILE [FILE]...\n");
        } else {
            inv.err->Write("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
        }
        return Status(2);
    }
    std::vector<Regex> res(fixed ? 0 : patterns.size());
    for (size_t k = 0; k < res.size(); ++k) {
        std::string error;
        if (!res[k].Compile(ere ? patterns[k] : BreToEre(patterns[k]), icase, &error)) {
            inv.err->Write("grep: " + error + "\n");
            return Status(2);
        }
    }
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "grep", persona, &status);
    std::string out;
    int64_t matches = 0;
    int64_t lineno = 0;
    for (const auto& line : Lines(text)) {
        ++lineno;
        bool hit = false;
        for (size_t k = 0; k < patterns.size() && !hit; ++k) {
            if (!fixed) hit = res[k].Search(line);
            else if (icase) hit = ToLower(line).find(ToLower(patterns[k])) != std::string::npos;
            else hit = line.find(patterns[k]) != std::string::npos;
        }
        if (hit == invert) continue;
        ++matches;
        if (!count && !quiet && !only_name) {
            if (number) out += std::to_string(lineno) + ":";
            out += line + "\n";
        }
    }
    if (count) out += std::to_string(matches) + "\n";
    if (only_name && matches > 0) out += (files.empty() ? "(standard input)" : files[0]) + "\n";
    if (!quiet) inv.out->Write(out);
    if (status != 0 && matches == 0) return Status(2);
    return Status(matches > 0 ? 0 : 1);
}

// Parses -n N, -N, -nN; returns false with a message on a bad count.
bool LineCount(Invocation& inv, const char* tool, int64_t* n, bool* from_start, std::vector<std::string>* files) {
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        std::string a = inv.argv[i];
        std::string v;
        if (a == "-n" && i + 1 < inv.argv.size()) {
            v = inv.argv[++i];
        } else if (a.rfind("-n", 0) == 0 && a.size() > 2) {
            v = a.substr(2);
        } else if (a.size() > 1 && a[0] == '-' && a[1] >= '0' && a[1] <= '9') {
            v = a.substr(1);
        } else if (a == "-q" || a == "-v" || a == "-f") {
            continue;
        } else {
            files->push_back(a);
            continue;
        }
        if (!v.empty() && v[0] == '+') {
            *from_start = true;
            v = v.substr(1);
        }
        if (!ParseCount(v, n)) {
            inv.err->Write(std::string(tool) + ": invalid number of lines: '" + v + "'\n");
            return false;
        }
    }
    return true;
}

Outcome Head(Invocation& inv, Persona persona) {
    int64_t n = 10;
    bool from_start = false;
    std::vector<std::string> files;
    if (!LineCount(inv, "head", &n, &from_start, &files)) return Status(1);
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "head", persona, &status);
    auto lines = Lines(text);
    if (static_cast<int64_t>(lines.size()) > n) lines.resize(static_cast<size_t>(n));
    inv.out->Write(JoinLines(lines));
    return Status(status);
}

Outcome Tail(Invocation& inv, Persona persona) {
    int64_t n = 10;
    bool from_start = false;
    std::vector<std::string> files;
    if (!LineCount(inv, "tail", &n, &from_start, &files)) return Status(1);
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "tail", persona, &status);
    auto lines = Lines(text);
    std::vector<std::string> out;
    if (from_start) {
        size_t skip = n > 0 ? static_cast<size_t>(n - 1) : 0;
        if (skip < lines.size()) out.assign(lines.begin() + static_cast<long>(skip), lines.end());
    } else if (static_cast<int64_t>(lines.size()) > n) {
        out.assign(lines.end() - n, lines.end());
    } else {
        out = lines;
    }
    inv.out->Write(JoinLines(out));
    return Status(status);
}

Outcome Wc(Invocation& inv, Persona persona) {
    bool l = false, w = false, c = false;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a.size() > 1 && a[0] == '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                if (a[k] == 'l') l = true;
                else if (a[k] == 'w') w = true;
                else if (a[k] == 'c' || a[k] == 'm') c = true;
            }
        } else {
            files.push_back(a);
        }
    }
    if (!l && !w && !c) l = w = c = true;
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "wc", persona, &status);
    int64_t nl = std::count(text.begin(), text.end(), '\n');
    int64_t nw = static_cast<int64_t>(SplitFields(text).size());
    int64_t nc = static_cast<int64_t>(text.size());
    std::vector<int64_t> vals;
    if (l) vals.push_back(nl);
    if (w) vals.push_back(nw);
    if (c) vals.push_back(nc);
    std::string out;
    int width = IsBusybox(persona) ? 9 : 7;
    if (vals.size() == 1 && !IsBusybox(persona)) width = 0;
    for (size_t i = 0; i < vals.size(); ++i) {
        char buf[32];
        if (IsBusybox(persona) && vals.size() == 1) {
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(vals[i]));
        } else {
            std::snprintf(buf, sizeof buf, "%*lld", width, static_cast<long long>(vals[i]));
        }
        if (i) out += ' ';
        out += buf;
    }
    if (!files.empty()) out += " " + files[0];
    inv.out->Write(out + "\n");
    return Status(status);
}

Outcome Sort(Invocation& inv, Persona persona) {
    bool reverse = false, numeric = false, unique = false;
    int key = 0;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a == "-k" && i + 1 < inv.argv.size()) {
            int64_t k = 0;
            ParseInt64(Split(inv.argv[++i], ',')[0], &k);
            key = static_cast<int>(k);
            continue;
        }
        if (a.size() > 1 && a[0] == '-') {
            for (size_t k = 1; k < a.size(); ++k) {
                if (a[k] == 'r') reverse = true;
                else if (a[k] == 'n') numeric = true;
                else if (a[k] == 'u') unique = true;
            }
        } else {
            files.push_back(a);
        }
    }
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "sort", persona, &status);
    auto lines = Lines(text);
    auto keyof = [&](const std::string& s) -> std::string {
        if (key <= 0) return s;
        auto f = SplitFields(s);
        if (static_cast<size_t>(key) <= f.size()) return f[static_cast<size_t>(key - 1)];
        return "";
    };
    auto num = [](const std::string& s) {
        std::string t = Trim(s);
        size_t j = 0;
        if (j < t.size() && t[j] == '-') ++j;
        while (j < t.size() && t[j] >= '0' && t[j] <= '9') ++j;
        int64_t v = 0;
        ParseInt64(t.substr(0, j), &v);
        return v;
    };
    std::stable_sort(lines.begin(), lines.end(), [&](const std::string& a, const std::string& b) {
        std::string ka = keyof(a), kb = keyof(b);
        if (numeric) {
            int64_t x = num(ka), y = num(kb);
            if (x != y) return x < y;
        }
        return ka < kb;
    });
    if (reverse) std::reverse(lines.begin(), lines.end());
    if (unique) lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    inv.out->Write(JoinLines(lines));
    return Status(status);
}

Outcome Uniq(Invocation& inv, Persona persona) {
    bool count = false;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        if (inv.argv[i] == "-c") count = true;
        else files.push_back(inv.argv[i]);
    }
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "uniq", persona, &status);
    auto lines = Lines(text);
    std::string out;
    for (size_t i = 0; i < lines.size();) {
        size_t j = i;
        while (j < lines.size() && lines[j] == lines[i]) ++j;
        if (count) {
            char buf[32];
            std::snprintf(buf, sizeof buf, "%7zu ", j - i);
            out += buf;
        }
        out += lines[i] + "\n";
        i = j;
    }
    inv.out->Write(out);
    return Status(status);
}

Outcome Cut(Invocation& inv, Persona persona) {
    char delim = '\t';
    std::string fields_spec, chars_spec;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        auto value = [&](const std::string& flag) -> std::string {
            if (a == flag && i + 1 < inv.argv.size()) return inv.argv[++i];
            return a.substr(flag.size());
        };
        if (a.rfind("-d", 0) == 0) {
            std::string d = value("-d");
            delim = d.empty() ? '\t' : d[0];
        } else if (a.rfind("-f", 0) == 0) {
            fields_spec = value("-f");
        } else if (a.rfind("-c", 0) == 0) {
            chars_spec = value("-c");
        } else {
            files.push_back(a);
        }
    }
    if (fields_spec.empty() && chars_spec.empty()) {
        inv.err->Write("cut: you must specify a list of bytes, characters, or fields\n");
        return Status(1);
    }
    // "1,3" "2-" "-2" "1-3"
    auto parse = [](const std::string& spec, int64_t idx) {
        for (const auto& piece : Split(spec, ',')) {
            size_t dash = piece.find('-');
            int64_t lo = 0, hi = 0;
            if (dash == std::string::npos) {
                if (ParseInt64(piece, &lo) && lo == idx) return true;
                continue;
            }
            std::string a = piece.substr(0, dash), b = piece.substr(dash + 1);
            lo = 1;
            hi = INT64_MAX;
            if (!a.empty()) ParseInt64(a, &lo);
            if (!b.empty()) ParseInt64(b, &hi);
            if (idx >= lo && idx <= hi) return true;
        }
        return false;
    };
    std::string text;
    int status = 0;
    ReadInputs(inv, files, &text, "cut", persona, &status);
    std::string out;
    for (const auto& line : Lines(text)) {
        if (!chars_spec.empty()) {
            for (size_t k = 0; k < line.size(); ++k) {
                if (parse(chars_spec, static_cast<int64_t>(k + 1))) out += line[k];
            }
        } else {
            if (line.find(delim) == std::string::npos) {
                out += line;
            } else {
                auto parts = Split(line, delim);
                bool first = true;
                for (size_t k = 0; k < parts.size(); ++k) {
                    if (!parse(fields_spec, static_cast<int64_t>(k + 1))) continue;
                    if (!first) out += delim;
                    out += parts[k];
                    first = false;
                }
            }
        }
        out += '\n';
    }
    inv.out->Write(out);
    return Status(status);
}

std::string ExpandSet(const std::string& set) {
    std::string out;
    std::string s;
    ExpandEscapes(set, &s);
    for (size_t i = 0; i < s.size(); ++i) {
        if (i + 2 < s.size() && s[i + 1] == '-') {
            for (int c = static_cast<unsigned char>(s[i]); c <= static_cast<unsigned char>(s[i + 2]); ++c) {
                out += static_cast<char>(c);
            }
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

Outcome Tr(Invocation& inv, Persona) {
    bool del = false;
    std::vector<std::string> sets;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        if (inv.argv[i] == "-d") del = true;
        else sets.push_back(inv.argv[i]);
    }
    if (sets.empty() || (!del && sets.size() < 2)) {
        inv.err->Write("tr: missing operand\n");
        return Status(1);
    }
    std::string a = ExpandSet(sets[0]);
    std::string b = sets.size() > 1 ? ExpandSet(sets[1]) : "";
    std::string out;
    for (char c : inv.stdin_data) {
        size_t k = a.find(c);
        if (k == std::string::npos) {
            out += c;
        } else if (!del) {
            out += b.empty() ? c : b[std::min(k, b.size() - 1)];
        }
    }
    inv.out->Write(out);
    return Status(0);
}

Outcome Seq(Invocation& inv, Persona) {
    std::vector<int64_t> n;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        int64_t v = 0;
        if (!ParseInt64(inv.argv[i], &v)) {
            inv.err->Write("seq: invalid floating point argument: '" + inv.argv[i] + "'\n");
            return Status(1);
        }
        n.push_back(v);
    }
    if (n.empty() || n.size() > 3) {
        inv.err->Write("seq: missing operand\n");
        return Status(1);
    }
    int64_t first = 1, step = 1, last = n.back();
    if (n.size() >= 2) first = n[0];
    if (n.size() == 3) step = n[1];
    if (step == 0) return Status(1);
    std::string out;
    int64_t produced = 0;
    for (int64_t v = first; step > 0 ? v <= last : v >= last; v += step) {
        out += std::to_string(v) + "\n";
        if (++produced >= 1000000) break;
    }
    inv.out->Write(out);
    return Status(0);
}

Outcome Tee(Invocation& inv, Persona persona) {
    bool append = false;
    std::vector<std::string> files;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        if (inv.argv[i] == "-a") append = true;
        else files.push_back(inv.argv[i]);
    }
    int status = 0;
    FileSystem* fs = inv.shell->config().fs;
    for (const auto& f : files) {
        std::string reason = fs ? fs->WriteFile(f, inv.stdin_data, append) : "Read-only file system";
        if (!reason.empty()) {
            inv.err->Write((IsBusybox(persona) ? "tee: can't open '" + f + "': " : "tee: " + f + ": ") + reason + "\n");
            status = 1;
        }
    }
    inv.out->Write(inv.stdin_data);
    return Status(status);
}

Outcome Basename(Invocation& inv, Persona) {
    if (inv.argv.size() < 2) {
        inv.err->Write("basename: missing operand\n");
        return Status(1);
    }
    std::string p = inv.argv[1];
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    size_t slash = p.rfind('/');
    std::string b = slash == std::string::npos || p == "/" ? p : p.substr(slash + 1);
    if (inv.argv.size() > 2 && b.size() > inv.argv[2].size() &&
        b.compare(b.size() - inv.argv[2].size(), inv.argv[2].size(), inv.argv[2]) == 0) {
        b.resize(b.size() - inv.argv[2].size());
    }
    inv.out->Write(b + "\n");
    return Status(0);
}

Outcome Dirname(Invocation& inv, Persona) {
    if (inv.argv.size() < 2) {
        inv.err->Write("dirname: missing operand\n");
        return Status(1);
    }
    std::string p = inv.argv[1];
    while (p.size() > 1 && p.back() == '/') p.pop_back();
    size_t slash = p.rfind('/');
    std::string d = slash == std::string::npos ? "." : (slash == 0 ? "/" : p.substr(0, slash));
    inv.out->Write(d + "\n");
    return Status(0);
}

Outcome Env(Invocation& inv, Persona) {
    auto env = inv.shell->ExportedEnv();
    for (const auto& [k, v] : inv.env) env[k] = v;
    std::string out;
    for (const auto& [k, v] : env) out += k + "=" + v + "\n";
    inv.out->Write(out);
    return Status(0);
}

Outcome Printenv(Invocation& inv, Persona) {
    auto env = inv.shell->ExportedEnv();
    for (const auto& [k, v] : inv.env) env[k] = v;
    if (inv.argv.size() == 1) return Env(inv, Persona::kBash);
    std::string out;
    int status = 0;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        auto it = env.find(inv.argv[i]);
        if (it == env.end()) status = 1;
        else out += it->second + "\n";
    }
    inv.out->Write(out);
    return Status(status);
}

}  // namespace

void AddCoreUtils(std::map<std::string, CommandFn>* commands, Persona persona) {
    using Tool = Outcome (*)(Invocation&, Persona);
    const std::pair<const char*, Tool> tools[] = {
        {"cat", Cat},     {"grep", Grep},       {"head", Head},       {"tail", Tail},         {"wc", Wc},
        {"sort", Sort},   {"uniq", Uniq},       {"cut", Cut},         {"tr", Tr},             {"seq", Seq},
        {"tee", Tee},     {"basename", Basename}, {"dirname", Dirname}, {"env", Env},         {"printenv", Printenv},
    };
    for (const auto& [name, fn] : tools) {
        Tool f = fn;
        (*commands)[name] = [f, persona](Invocation& inv) { return f(inv, persona); };
    }
    (*commands)["egrep"] = [persona](Invocation& inv) {
        inv.argv.insert(inv.argv.begin() + 1, "-E");
        return Grep(inv, persona);
    };
}

}  // namespace sts::shell
