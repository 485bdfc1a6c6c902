// YAML emitter matching kubectl -o yaml byte for byte (see yaml_emit.h). The emitter state and
// the scalar analysis follow libyaml's emitter as go-yaml v2 ports it; only the parts reachable
// from a JSON document are kept (no anchors, tags, flow collections with content, or folded
// scalars).
//
// [SECTION] Character classes
// [SECTION] What the JSON round trip does to strings
// [SECTION] Key order
// [SECTION] Emitter
#include "core/yaml_emit.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include "core/yaml_scalar.h"

namespace sts {

namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;
constexpr size_t kMaxSimpleKeyLength = 128;

// ---------------------------------------------------------------------------------------------
// [SECTION] Character classes (libyaml's, on UTF-8 bytes; past the end reads as NUL)

unsigned char At(std::string_view s, size_t i) {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

size_t Width(unsigned char c) {
    if ((c & 0x80) == 0x00) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;  // not reachable on sanitized text
}

bool IsSpace(std::string_view s, size_t i) { return At(s, i) == ' '; }
bool IsBlank(std::string_view s, size_t i) { return At(s, i) == ' ' || At(s, i) == '\t'; }
bool IsBreak(std::string_view s, size_t i) {
    unsigned char c = At(s, i);
    return c == '\r' || c == '\n' || (c == 0xC2 && At(s, i + 1) == 0x85) ||
           (c == 0xE2 && At(s, i + 1) == 0x80 && (At(s, i + 2) == 0xA8 || At(s, i + 2) == 0xA9));
}
bool IsBlankz(std::string_view s, size_t i) { return IsBlank(s, i) || IsBreak(s, i) || At(s, i) == 0; }

bool IsPrintable(std::string_view s, size_t i) {
    unsigned char c = At(s, i), c1 = At(s, i + 1), c2 = At(s, i + 2);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
           (c == 0xED && c1 < 0xA0) || c == 0xEE ||
           (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

// go-yaml's is_bom looks at the start of the value whatever the index, so a value that starts
// with a BOM gets every character escaped in double quotes.
bool StartsWithBom(std::string_view s) { return At(s, 0) == 0xEF && At(s, 1) == 0xBB && At(s, 2) == 0xBF; }

// ---------------------------------------------------------------------------------------------
// [SECTION] What the JSON round trip does to strings

// Go's JSON encoder replaces every byte that does not start a valid UTF-8 sequence with U+FFFD.
std::string SanitizeUtf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = At(s, i);
        size_t n = 0;
        if (c < 0x80) n = 1;
        else if (c >= 0xC2 && c <= 0xDF) n = (At(s, i + 1) & 0xC0) == 0x80 ? 2 : 0;
        else if (c >= 0xE0 && c <= 0xEF) {
            unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            unsigned char c1 = At(s, i + 1);
            n = (c1 >= lo && c1 <= hi && (At(s, i + 2) & 0xC0) == 0x80) ? 3 : 0;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            unsigned char c1 = At(s, i + 1);
            n = (c1 >= lo && c1 <= hi && (At(s, i + 2) & 0xC0) == 0x80 && (At(s, i + 3) & 0xC0) == 0x80) ? 4 : 0;
        }
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

bool IsNel(std::string_view s, size_t i) { return At(s, i) == 0xC2 && At(s, i + 1) == 0x85; }

// Go's JSON encoder leaves U+0085 (NEL) raw, and go-yaml reading the JSON treats it as a line
// break inside a double-quoted scalar: spaces around it vanish, one break becomes a space, n
// breaks become n-1 newlines.
std::string FoldRawNel(const std::string& s) {
    if (s.find("\xC2\x85") == std::string::npos) return s;
    std::string out;
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] != ' ' && !IsNel(s, i)) {
            out += s[i++];
            continue;
        }
        size_t k = i;
        int breaks = 0;
        while (k < s.size()) {
            if (s[k] == ' ') ++k;
            else if (IsNel(s, k)) {
                ++breaks;
                k += 2;
            } else {
                break;
            }
        }
        if (breaks == 0) out.append(s, i, k - i);
        else if (breaks == 1) out += ' ';
        else out.append(static_cast<size_t>(breaks - 1), '\n');
        i = k;
    }
    return out;
}

std::string PrepareString(std::string_view s) { return FoldRawNel(SanitizeUtf8(s)); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Key order

std::vector<char32_t> Runes(std::string_view s) {
    std::vector<char32_t> out;
    size_t i = 0;
    while (i < s.size()) {
        unsigned char c = At(s, i);
        size_t n = Width(c);
        char32_t r = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (size_t k = 1; k < n; ++k) r = (r << 6) | (At(s, i + k) & 0x3F);
        out.push_back(r);
        i += n;
    }
    return out;
}

// unicode.IsLetter for the scripts keys realistically use.
bool IsLetter(char32_t r) {
    if ((r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) return true;
    if (r < 0x80) return false;
    if (r == 0xAA || r == 0xB5 || r == 0xBA) return true;
    if (r >= 0xC0 && r <= 0x24F) return r != 0xD7 && r != 0xF7;
    struct Range {
        char32_t lo, hi;
    };
    static constexpr Range kRanges[] = {
        {0x250, 0x2C1},   {0x370, 0x373},   {0x376, 0x377},   {0x37B, 0x37D},   {0x386, 0x386},
        {0x388, 0x3FF},   {0x400, 0x481},   {0x48A, 0x52F},   {0x531, 0x556},   {0x561, 0x587},
        {0x5D0, 0x5EA},   {0x620, 0x64A},   {0x904, 0x939},   {0xE01, 0xE30},   {0x10A0, 0x10FF},
        {0x1E00, 0x1FFF}, {0x3041, 0x3096}, {0x30A1, 0x30FA}, {0x3105, 0x312F}, {0x3131, 0x318E},
        {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF}, {0xFF21, 0xFF3A},
        {0xFF41, 0xFF5A}, {0xFF66, 0xFFDC}, {0x20000, 0x2FA1F},
    };
    for (const auto& range : kRanges)
        if (r >= range.lo && r <= range.hi) return true;
    return false;
}

bool IsDigitRune(char32_t r) { return r >= '0' && r <= '9'; }

// A stable merge sort that stays in bounds whatever the comparator does (go-yaml's order is not
// guaranteed to be a strict weak ordering for exotic keys).
template <class T, class Less>
void SafeStableSort(std::vector<T>& v, Less less) {
    std::vector<T> tmp(v.size());
    for (size_t width = 1; width < v.size(); width *= 2) {
        for (size_t lo = 0; lo < v.size(); lo += 2 * width) {
            size_t mid = std::min(lo + width, v.size()), hi = std::min(lo + 2 * width, v.size());
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) tmp[k++] = less(v[b], v[a]) ? v[b++] : v[a++];
            while (a < mid) tmp[k++] = v[a++];
            while (b < hi) tmp[k++] = v[b++];
        }
        v.swap(tmp);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Emitter

enum class Style { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral };

struct Analysis {
    bool multiline = false;
    bool flow_plain_allowed = false;
    bool block_plain_allowed = false;
    bool single_quoted_allowed = false;
    bool block_allowed = false;
};

Analysis Analyze(std::string_view value) {
    Analysis a;
    if (value.empty()) {
        a.block_plain_allowed = true;
        a.single_quoted_allowed = true;
        return a;
    }
    bool block_indicators = false, flow_indicators = false, line_breaks = false, special_characters = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false;
    bool previous_space = false, previous_break = false;
    if (value.size() >= 3 && ((value.substr(0, 3) == "---") || value.substr(0, 3) == "...")) {
        block_indicators = true;
        flow_indicators = true;
    }
    bool preceded_by_whitespace = true;
    for (size_t i = 0; i < value.size();) {
        size_t w = Width(At(value, i));
        bool followed_by_whitespace = i + w >= value.size() || IsBlank(value, i + w);
        char c = value[i];
        if (i == 0) {
            switch (c) {
                case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*':
                case '!': case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                    flow_indicators = true;
                    block_indicators = true;
                    break;
                case '?': case ':':
                    flow_indicators = true;
                    if (followed_by_whitespace) block_indicators = true;
                    break;
                case '-':
                    if (followed_by_whitespace) {
                        flow_indicators = true;
                        block_indicators = true;
                    }
                    break;
                default: break;
            }
        } else {
            switch (c) {
                case ',': case '?': case '[': case ']': case '{': case '}':
                    flow_indicators = true;
                    break;
                case ':':
                    flow_indicators = true;
                    if (followed_by_whitespace) block_indicators = true;
                    break;
                case '#':
                    if (preceded_by_whitespace) {
                        flow_indicators = true;
                        block_indicators = true;
                    }
                    break;
                default: break;
            }
        }
        if (!IsPrintable(value, i)) special_characters = true;  // unicode output is enabled
        if (IsSpace(value, i)) {
            if (i == 0) leading_space = true;
            if (i + w == value.size()) trailing_space = true;
            if (previous_break) break_space = true;
            previous_space = true;
            previous_break = false;
        } else if (IsBreak(value, i)) {
            line_breaks = true;
            if (i == 0) leading_break = true;
            if (i + w == value.size()) trailing_break = true;
            if (previous_space) space_break = true;
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = IsBlankz(value, i);
        i += w;
    }
    a.multiline = line_breaks;
    a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = true;
    if (leading_space || leading_break || trailing_space || trailing_break)
        a.flow_plain_allowed = a.block_plain_allowed = false;
    if (trailing_space) a.block_allowed = false;
    if (break_space) a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = false;
    if (space_break || special_characters)
        a.flow_plain_allowed = a.block_plain_allowed = a.single_quoted_allowed = a.block_allowed = false;
    if (line_breaks) a.flow_plain_allowed = a.block_plain_allowed = false;
    if (flow_indicators) a.flow_plain_allowed = false;
    if (block_indicators) a.block_plain_allowed = false;
    return a;
}

class Emitter {
public:
    std::string Run(const Value& root) {
        EmitNode(root, false, false);
        WriteIndent();  // implicit document end
        return std::move(out_);
    }

private:
    // ----- output primitives
    void Put(char c) {
        out_ += c;
        ++column_;
    }
    void PutBreak() {
        out_ += '\n';
        column_ = 0;
    }
    void Write(std::string_view s, size_t* i) {
        size_t w = Width(At(s, *i));
        out_.append(s.substr(*i, w));
        *i += w;
        ++column_;
    }
    void WriteBreak(std::string_view s, size_t* i) {
        if (s[*i] == '\n') {
            PutBreak();
            ++*i;
        } else {
            size_t w = Width(At(s, *i));
            out_.append(s.substr(*i, w));
            *i += w;
            column_ = 0;
        }
    }
    void WriteIndent() {
        int indent = indent_ < 0 ? 0 : indent_;
        if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) PutBreak();
        while (column_ < indent) Put(' ');
        whitespace_ = true;
        indention_ = true;
    }
    void WriteIndicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                        bool is_indention) {
        if (need_whitespace && !whitespace_) Put(' ');
        for (size_t i = 0; i < indicator.size();) Write(indicator, &i);
        whitespace_ = is_whitespace;
        indention_ = indention_ && is_indention;
    }
    void IncreaseIndent(bool flow, bool indentless) {
        indents_.push_back(indent_);
        if (indent_ < 0) indent_ = flow ? kBestIndent : 0;
        else if (!indentless) indent_ += kBestIndent;
    }
    void PopIndent() {
        indent_ = indents_.back();
        indents_.pop_back();
    }

    // ----- nodes
    void EmitNode(const Value& v, bool mapping, bool simple_key) {
        mapping_context_ = mapping;
        simple_key_context_ = simple_key;
        switch (v.type()) {
            case Value::Type::kNull: EmitScalar("null", Style::kPlain); break;
            case Value::Type::kBool: EmitScalar(v.AsBool() ? "true" : "false", Style::kPlain); break;
            case Value::Type::kInt: EmitScalar(std::to_string(v.AsInt()), Style::kPlain); break;
            case Value::Type::kFloat: EmitScalar(FloatText(v.AsFloat()), Style::kPlain); break;
            case Value::Type::kString: EmitString(PrepareString(v.AsString())); break;
            case Value::Type::kArray: EmitSequence(v); break;
            case Value::Type::kObject: EmitMapping(v); break;
        }
    }

    // A float as go-yaml prints it after the JSON round trip: an integral value below 1e21 is
    // written by encoding/json without a fraction, so go-yaml reads it back as an integer.
    static std::string FloatText(double d) {
        if (std::isnan(d)) return ".nan";
        if (std::isinf(d)) return d > 0 ? ".inf" : "-.inf";
        if (d == std::trunc(d) && std::fabs(d) < 1e21) {
            std::string s = FormatGoFloat(d, 'f');
            int64_t i;
            if (ParseGoInt(s, &i)) return std::to_string(i);
            uint64_t u;
            if (ParseGoUint(s, &u)) return std::to_string(u);
        }
        return FormatGoFloat(d, 'g');
    }

    void EmitString(const std::string& s) {
        Style requested = Style::kDoubleQuoted;
        if (s.find('\n') != std::string::npos) {
            requested = Style::kLiteral;
        } else if (ResolveYamlPlain(s).kind == YamlKind::kString && !IsYamlBase60Float(s)) {
            requested = Style::kPlain;
        }
        EmitScalar(s, requested);
    }

    void EmitScalar(const std::string& value, Style requested) {
        Analysis a = Analyze(value);
        Style style = requested;
        if (simple_key_context_ && a.multiline) style = Style::kDoubleQuoted;
        if (style == Style::kPlain) {
            if ((flow_level_ > 0 && !a.flow_plain_allowed) || (flow_level_ == 0 && !a.block_plain_allowed))
                style = Style::kSingleQuoted;
            if (value.empty() && (flow_level_ > 0 || simple_key_context_)) style = Style::kSingleQuoted;
        }
        if (style == Style::kSingleQuoted && !a.single_quoted_allowed) style = Style::kDoubleQuoted;
        if (style == Style::kLiteral && (!a.block_allowed || flow_level_ > 0 || simple_key_context_))
            style = Style::kDoubleQuoted;
        IncreaseIndent(true, false);
        bool allow_breaks = !simple_key_context_;
        switch (style) {
            case Style::kPlain: WritePlain(value, allow_breaks); break;
            case Style::kSingleQuoted: WriteSingleQuoted(value, allow_breaks); break;
            case Style::kDoubleQuoted: WriteDoubleQuoted(value, allow_breaks); break;
            case Style::kLiteral: WriteLiteral(value); break;
        }
        PopIndent();
    }

    void EmitSequence(const Value& v) {
        if (flow_level_ > 0 || v.items().empty()) {
            EmitEmptyFlow("[", "]");
            return;
        }
        IncreaseIndent(false, mapping_context_ && !indention_);
        for (const Value& item : v.items()) {
            WriteIndent();
            WriteIndicator("-", true, false, true);
            EmitNode(item, false, false);
        }
        PopIndent();
    }

    void EmitMapping(const Value& v) {
        if (flow_level_ > 0 || v.members().empty()) {
            EmitEmptyFlow("{", "}");
            return;
        }
        struct Entry {
            std::string key;
            const Value* value;
        };
        std::vector<Entry> entries;
        entries.reserve(v.members().size());
        for (const auto& [k, val] : v.members()) entries.push_back({PrepareString(k), &val});
        SafeStableSort(entries, [](const Entry& a, const Entry& b) { return YamlKeyLess(a.key, b.key); });

        IncreaseIndent(false, false);
        for (const Entry& e : entries) {
            WriteIndent();
            Analysis ka = Analyze(e.key);
            if (!ka.multiline && e.key.size() <= kMaxSimpleKeyLength) {
                mapping_context_ = true;
                simple_key_context_ = true;
                EmitString(e.key);
                WriteIndicator(":", false, false, false);
            } else {
                WriteIndicator("?", true, false, true);
                mapping_context_ = true;
                simple_key_context_ = false;
                EmitString(e.key);
                WriteIndent();
                WriteIndicator(":", true, false, true);
            }
            EmitNode(*e.value, true, false);
        }
        PopIndent();
    }

    void EmitEmptyFlow(std::string_view open, std::string_view close) {
        WriteIndicator(open, true, true, false);
        IncreaseIndent(true, false);
        ++flow_level_;
        --flow_level_;
        PopIndent();
        WriteIndicator(close, false, false, false);
    }

    // ----- scalar writers
    void WritePlain(std::string_view value, bool allow_breaks) {
        if (!whitespace_) Put(' ');
        bool spaces = false, breaks = false;
        for (size_t i = 0; i < value.size();) {
            if (IsSpace(value, i)) {
                if (allow_breaks && !spaces && column_ > kBestWidth && !IsSpace(value, i + 1)) {
                    WriteIndent();
                    i += Width(At(value, i));
                } else {
                    Write(value, &i);
                }
                spaces = true;
            } else if (IsBreak(value, i)) {
                if (!breaks && value[i] == '\n') PutBreak();
                WriteBreak(value, &i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) WriteIndent();
                Write(value, &i);
                indention_ = false;
                spaces = false;
                breaks = false;
            }
        }
        whitespace_ = false;
        indention_ = false;
    }

    void WriteSingleQuoted(std::string_view value, bool allow_breaks) {
        WriteIndicator("'", true, false, false);
        bool spaces = false, breaks = false;
        for (size_t i = 0; i < value.size();) {
            if (IsSpace(value, i)) {
                if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1 &&
                    !IsSpace(value, i + 1)) {
                    WriteIndent();
                    i += Width(At(value, i));
                } else {
                    Write(value, &i);
                }
                spaces = true;
            } else if (IsBreak(value, i)) {
                if (!breaks && value[i] == '\n') PutBreak();
                WriteBreak(value, &i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) WriteIndent();
                if (value[i] == '\'') Put('\'');
                Write(value, &i);
                indention_ = false;
                spaces = false;
                breaks = false;
            }
        }
        WriteIndicator("'", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void WriteDoubleQuoted(std::string_view value, bool allow_breaks) {
        bool spaces = false;
        bool bom = StartsWithBom(value);
        WriteIndicator("\"", true, false, false);
        for (size_t i = 0; i < value.size();) {
            unsigned char c = At(value, i);
            if (!IsPrintable(value, i) || bom || IsBreak(value, i) || c == '"' || c == '\\') {
                size_t w = Width(c);
                char32_t v = w == 1 ? (c & 0x7F) : w == 2 ? (c & 0x1F) : w == 3 ? (c & 0x0F) : (c & 0x07);
                for (size_t k = 1; k < w; ++k) v = (v << 6) | (At(value, i + k) & 0x3F);
                i += w;
                Put('\\');
                switch (v) {
                    case 0x00: Put('0'); break;
                    case 0x07: Put('a'); break;
                    case 0x08: Put('b'); break;
                    case 0x09: Put('t'); break;
                    case 0x0A: Put('n'); break;
                    case 0x0B: Put('v'); break;
                    case 0x0C: Put('f'); break;
                    case 0x0D: Put('r'); break;
                    case 0x1B: Put('e'); break;
                    case 0x22: Put('"'); break;
                    case 0x5C: Put('\\'); break;
                    case 0x85: Put('N'); break;
                    case 0xA0: Put('_'); break;
                    case 0x2028: Put('L'); break;
                    case 0x2029: Put('P'); break;
                    default: {
                        int digits;
                        if (v <= 0xFF) {
                            Put('x');
                            digits = 2;
                        } else if (v <= 0xFFFF) {
                            Put('u');
                            digits = 4;
                        } else {
                            Put('U');
                            digits = 8;
                        }
                        for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
                            unsigned d = (v >> k) & 0x0F;
                            Put(static_cast<char>(d < 10 ? '0' + d : 'A' + d - 10));
                        }
                    }
                }
                spaces = false;
            } else if (IsSpace(value, i)) {
                if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i < value.size() - 1) {
                    WriteIndent();
                    if (IsSpace(value, i + 1)) Put('\\');
                    i += Width(c);
                } else {
                    Write(value, &i);
                }
                spaces = true;
            } else {
                Write(value, &i);
                spaces = false;
            }
        }
        WriteIndicator("\"", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void WriteBlockScalarHints(std::string_view value) {
        if (IsSpace(value, 0) || IsBreak(value, 0)) {
            char hint[2] = {static_cast<char>('0' + kBestIndent), 0};
            WriteIndicator(hint, false, false, false);
        }
        const char* chomp = nullptr;
        if (value.empty()) {
            chomp = "-";
        } else {
            size_t i = value.size() - 1;
            while (i > 0 && (At(value, i) & 0xC0) == 0x80) --i;
            if (!IsBreak(value, i)) {
                chomp = "-";
            } else if (i == 0) {
                chomp = "+";
            } else {
                --i;
                while (i > 0 && (At(value, i) & 0xC0) == 0x80) --i;
                if (IsBreak(value, i)) chomp = "+";
            }
        }
        if (chomp) WriteIndicator(chomp, false, false, false);
    }

    void WriteLiteral(std::string_view value) {
        WriteIndicator("|", true, false, false);
        WriteBlockScalarHints(value);
        PutBreak();
        indention_ = true;
        whitespace_ = true;
        bool breaks = true;
        for (size_t i = 0; i < value.size();) {
            if (IsBreak(value, i)) {
                WriteBreak(value, &i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) WriteIndent();
                Write(value, &i);
                indention_ = false;
                breaks = false;
            }
        }
    }

    std::string out_;
    int column_ = 0;
    int indent_ = -1;
    std::vector<int> indents_;
    bool whitespace_ = true;
    bool indention_ = true;
    int flow_level_ = 0;
    bool mapping_context_ = false;
    bool simple_key_context_ = false;
};

}  // namespace

bool YamlKeyLess(std::string_view a, std::string_view b) {
    std::vector<char32_t> ar = Runes(a), br = Runes(b);
    for (size_t i = 0; i < ar.size() && i < br.size(); ++i) {
        if (ar[i] == br[i]) continue;
        bool al = IsLetter(ar[i]), bl = IsLetter(br[i]);
        if (al && bl) return ar[i] < br[i];
        if (al || bl) return bl;
        // Digit runs compare by value; Go's int64 arithmetic wraps on absurdly long runs.
        uint64_t an = 0, bn = 0;
        if (ar[i] == '0' || br[i] == '0') {
            for (size_t j = i; j-- > 0 && IsDigitRune(ar[j]);) {
                if (ar[j] != '0') {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        size_t ai = i, bi = i;
        for (; ai < ar.size() && IsDigitRune(ar[ai]); ++ai) an = an * 10 + (ar[ai] - '0');
        for (; bi < br.size() && IsDigitRune(br[bi]); ++bi) bn = bn * 10 + (br[bi] - '0');
        if (an != bn) return static_cast<int64_t>(an) < static_cast<int64_t>(bn);
        if (ai != bi) return ai < bi;
        return ar[i] < br[i];
    }
    return ar.size() < br.size();
}

std::string EmitYaml(const Value& v) { return Emitter().Run(v); }

}  // namespace sts
