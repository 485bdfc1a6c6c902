// One YAML document to Value with go-yaml v2 semantics, on top of yaml-cpp's event parser.
//
// yaml-cpp does the tokenising; this file decides what the events mean the way go-yaml v2 and
// sigs.k8s.io/yaml do: scalar typing (YAML 1.1), explicit tags, anchors and aliases (with go-yaml's
// "excessive aliasing" guard), merge keys "<<" (v2 semantics: later merges overwrite earlier
// keys), non-string keys turned into strings, and the JSON round trip. yaml-cpp's error kinds are
// mapped onto go-yaml's messages and line conventions: scanner errors print the 1-based line,
// parser errors print go-yaml's 0-based problem line, and neither prints a line 0.
//
// [SECTION] Depth pre-check
// [SECTION] Error mapping
// [SECTION] Event handler
// [SECTION] Entry point
#include "manifest/yaml_internal.h"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>
#include <sstream>
#include <vector>

#include "core/yaml_scalar.h"
#include "manifest/json_internal.h"
#include "manifest/manifest.h"

namespace sts::manifest {

namespace {

// Raised inside the handler to stop parsing with a go-yaml message.
struct GoYamlError {
    std::string message;
};

std::string LinePrefix(int line) { return line > 0 ? "line " + std::to_string(line) + ": " : ""; }

// go-yaml reports scanner errors at the 1-based line of the problem, and parser errors at the
// 0-based line (an off-by-one it has always had); a computed 0 prints no line at all.
std::string ScannerError(int line0, const std::string& what) {
    return "yaml: " + (line0 > 0 ? LinePrefix(line0 + 1) : std::string()) + what;
}
std::string ParserError(int line0, const std::string& what) { return "yaml: " + LinePrefix(line0) + what; }

std::vector<std::string_view> Lines(std::string_view text) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) {
            out.push_back(text.substr(start));
            break;
        }
        out.push_back(text.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Depth pre-check
//
// yaml-cpp parses recursively and only stops at a nesting of 2000, too deep for a browser stack.
// This over-estimates the nesting from the text alone (indentation levels, "- " entries on one
// line, open flow brackets outside quotes, comments and block scalars) so absurd documents are
// refused before yaml-cpp sees them; real manifests stay far below the limit.

struct DepthCheck {
    int depth = 0;
    int line = 0;  // 0-based line where the limit was passed
};

DepthCheck EstimateDepth(std::string_view text) {
    std::vector<std::string_view> lines = Lines(text);
    std::vector<int> indents;
    int flow = 0;
    char quote = 0;  // inside a quoted scalar that spans lines
    int block_indent = -1;  // inside a block scalar whose parent line had this indent
    DepthCheck worst;
    for (size_t ln = 0; ln < lines.size(); ++ln) {
        std::string_view line = lines[ln];
        size_t indent = 0;
        while (indent < line.size() && line[indent] == ' ') ++indent;
        bool blank = indent == line.size() || line[indent] == '#';
        if (block_indent >= 0) {
            if (blank || static_cast<int>(indent) > block_indent) continue;
            block_indent = -1;
        }
        if (quote == 0 && !blank && flow == 0) {
            while (!indents.empty() && indents.back() > static_cast<int>(indent)) indents.pop_back();
            if (indents.empty() || indents.back() < static_cast<int>(indent)) indents.push_back(static_cast<int>(indent));
        }
        int entries = 0;
        bool token_start = true;  // at a place where a new token may begin
        char last_token = 0;
        for (size_t i = quote ? 0 : indent; i < line.size(); ++i) {
            char c = line[i];
            if (quote == '\'') {
                if (c == '\'') {
                    if (i + 1 < line.size() && line[i + 1] == '\'') ++i;
                    else quote = 0;
                }
                continue;
            }
            if (quote == '"') {
                if (c == '\\') ++i;
                else if (c == '"') quote = 0;
                continue;
            }
            if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
            if (token_start && (c == '\'' || c == '"')) {
                quote = c;
                last_token = c;
                token_start = false;
                continue;
            }
            if ((c == '[' || c == '{') && (token_start || flow > 0)) {
                ++flow;
                token_start = true;
                last_token = c;
                continue;
            }
            if ((c == ']' || c == '}') && flow > 0) {
                --flow;
                last_token = c;
                continue;
            }
            if ((c == '-' || c == '?') && token_start && flow == 0 && (i + 1 == line.size() || line[i + 1] == ' ')) ++entries;
            if (c == ' ' || c == '\t' || c == ',' || (c == ':' && (i + 1 == line.size() || line[i + 1] == ' '))) {
                token_start = true;
                if (c != ' ' && c != '\t') last_token = c;
                continue;
            }
            if (token_start) last_token = c;
            token_start = false;
        }
        if (quote == 0 && flow == 0 && (last_token == '|' || last_token == '>')) block_indent = static_cast<int>(indent);
        int depth = static_cast<int>(indents.size()) + entries + flow;
        if (depth > worst.depth) {
            worst.depth = depth;
            worst.line = static_cast<int>(ln);
        }
    }
    return worst;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Input characters
//
// go-yaml's reader replaces bytes that are not UTF-8 with U+FFFD and refuses control characters
// (anything but tab, line breaks, NEL and printable text), wherever they are. Line breaks become
// "\n" here, as go-yaml's scanner normalises them.

bool CleanInput(std::string_view text, std::string* out) {
    out->clear();
    out->reserve(text.size());
    auto at = [&](size_t k) -> unsigned char { return k < text.size() ? static_cast<unsigned char>(text[k]) : 0; };
    size_t i = 0;
    while (i < text.size()) {
        unsigned char c = at(i);
        uint32_t cp = 0;
        size_t n = 0;
        if (c < 0x80) {
            cp = c;
            n = 1;
        } else if (c >= 0xC2 && c <= 0xDF && (at(i + 1) & 0xC0) == 0x80) {
            cp = ((c & 0x1Fu) << 6) | (at(i + 1) & 0x3Fu);
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            if (at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80) {
                cp = ((c & 0x0Fu) << 12) | ((at(i + 1) & 0x3Fu) << 6) | (at(i + 2) & 0x3Fu);
                n = 3;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            if (at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80 && (at(i + 3) & 0xC0) == 0x80) {
                cp = ((c & 0x07u) << 18) | ((at(i + 1) & 0x3Fu) << 12) | ((at(i + 2) & 0x3Fu) << 6) | (at(i + 3) & 0x3Fu);
                n = 4;
            }
        }
        if (n == 0) {
            *out += "\xEF\xBF\xBD";
            ++i;
            continue;
        }
        bool allowed = cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) || cp == 0x85 ||
                       (cp >= 0xA0 && cp <= 0xD7FF) || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
        if (!allowed) return false;
        if (cp == '\r') {
            // "\r\n" and a lone "\r" are line breaks to go-yaml; yaml-cpp only knows "\n".
            if (at(i + 1) != '\n') *out += '\n';
            ++i;
            continue;
        }
        out->append(text.substr(i, n));
        i += n;
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Error mapping

bool LineHasTabIndent(std::string_view text, int line0) {
    std::vector<std::string_view> lines = Lines(text);
    if (line0 < 0 || static_cast<size_t>(line0) >= lines.size()) return false;
    for (char c : lines[static_cast<size_t>(line0)]) {
        if (c == '\t') return true;
        if (c != ' ') return false;
    }
    return false;
}

// The indentation of a line and whether it holds a block sequence entry / a "key:".
struct LineShape {
    bool blank = true;
    size_t indent = 0;
    bool entry = false;
    bool has_colon = false;
    bool quoted = false;  // starts a quoted scalar (which may go on over several lines)
};

LineShape ShapeOf(std::string_view l) {
    LineShape s;
    while (s.indent < l.size() && l[s.indent] == ' ') ++s.indent;
    if (s.indent >= l.size() || l[s.indent] == '#' || l[s.indent] == '\r') return s;
    s.blank = false;
    s.entry = l[s.indent] == '-' && (s.indent + 1 == l.size() || l[s.indent + 1] == ' ');
    s.quoted = l[s.indent] == '"' || l[s.indent] == '\'';
    for (size_t i = s.indent; i < l.size(); ++i)
        if (l[i] == ':' && (i + 1 == l.size() || l[i + 1] == ' ' || l[i + 1] == '\r')) s.has_colon = true;
    return s;
}

// The last non-blank line before `line0`.
LineShape PreviousLine(std::string_view text, int line0) {
    std::vector<std::string_view> lines = Lines(text);
    for (int i = line0 - 1; i >= 0 && static_cast<size_t>(i) < lines.size(); --i) {
        LineShape s = ShapeOf(lines[static_cast<size_t>(i)]);
        if (!s.blank) return s;
    }
    return LineShape{};
}

LineShape LineAt(std::string_view text, int line0) {
    std::vector<std::string_view> lines = Lines(text);
    if (line0 < 0 || static_cast<size_t>(line0) >= lines.size()) return LineShape{};
    return ShapeOf(lines[static_cast<size_t>(line0)]);
}

std::string MapParserException(const YAML::ParserException& e, std::string_view text) {
    const std::string& m = e.msg;
    int line = e.mark.line;
    auto starts = [&](const char* prefix) { return m.rfind(prefix, 0) == 0; };
    LineShape here = LineAt(text, line), before = PreviousLine(text, line);
    // A key line after "- item" at the same indent: go-yaml is still in the sequence.
    if (starts(YAML::ErrorMsg::END_OF_MAP) && !here.blank && !before.blank && before.entry &&
        before.indent == here.indent)
        return ParserError(line, "did not find expected '-' indicator");
    // "key:" after a bare word at the same indent: go-yaml wanted a ':' after the word.
    if (starts(YAML::ErrorMsg::MAP_VALUE) && !here.blank && !before.blank && !before.entry && !before.has_colon && !before.quoted &&
        before.indent == here.indent && !LineHasTabIndent(text, line))
        return ScannerError(line, "could not find expected ':'");
    if ((starts(YAML::ErrorMsg::MAP_VALUE) || starts(YAML::ErrorMsg::UNKNOWN_TOKEN)) && LineHasTabIndent(text, line))
        return ScannerError(line, "found character that cannot start any token");
    if (starts(YAML::ErrorMsg::MAP_VALUE)) return ScannerError(line, "mapping values are not allowed in this context");
    if (starts(YAML::ErrorMsg::MAP_KEY)) return ScannerError(line, "mapping keys are not allowed in this context");
    if (starts(YAML::ErrorMsg::BLOCK_ENTRY))
        return ScannerError(line, "block sequence entries are not allowed in this context");
    if (starts(YAML::ErrorMsg::UNKNOWN_TOKEN)) return ScannerError(line, "found character that cannot start any token");
    if (starts(YAML::ErrorMsg::TAB_IN_INDENTATION))
        return ScannerError(line, "found a tab character that violates indentation");
    if (starts(YAML::ErrorMsg::INVALID_ESCAPE)) return ScannerError(line, "found unknown escape character");
    if (starts(YAML::ErrorMsg::INVALID_HEX)) return ScannerError(line, "did not find expected hexdecimal number");
    if (starts(YAML::ErrorMsg::INVALID_UNICODE)) return ScannerError(line, "found invalid Unicode character escape code");
    if (starts(YAML::ErrorMsg::EOF_IN_SCALAR)) return ScannerError(line, "found unexpected end of stream");
    if (starts(YAML::ErrorMsg::DOC_IN_SCALAR)) return ScannerError(line, "found unexpected document indicator");
    if (starts(YAML::ErrorMsg::ALIAS_NOT_FOUND) || starts(YAML::ErrorMsg::ANCHOR_NOT_FOUND) ||
        starts(YAML::ErrorMsg::CHAR_IN_ALIAS) || starts(YAML::ErrorMsg::CHAR_IN_ANCHOR))
        return ScannerError(line, "did not find expected alphabetic or numeric character");
    if (starts(YAML::ErrorMsg::END_OF_VERBATIM_TAG)) return ScannerError(line, "did not find the expected '>'");
    if (starts(YAML::ErrorMsg::CHAR_IN_TAG_HANDLE) || starts(YAML::ErrorMsg::TAG_WITH_NO_SUFFIX))
        return ScannerError(line, "did not find expected tag URI");
    if (starts(YAML::ErrorMsg::ZERO_INDENT_IN_BLOCK))
        return ScannerError(line, "found an indentation indicator equal to 0");
    if (starts(YAML::ErrorMsg::CHAR_IN_BLOCK)) return ScannerError(line, "did not find expected comment or line break");
    if (starts(YAML::ErrorMsg::END_OF_MAP)) return ParserError(line, "did not find expected key");
    if (starts(YAML::ErrorMsg::END_OF_SEQ)) return ParserError(line, "did not find expected '-' indicator");
    if (starts(YAML::ErrorMsg::END_OF_SEQ_FLOW)) return ParserError(line, "did not find expected ',' or ']'");
    if (starts(YAML::ErrorMsg::END_OF_MAP_FLOW)) return ParserError(line, "did not find expected ',' or '}'");
    if (starts(YAML::ErrorMsg::FLOW_END) || starts(YAML::ErrorMsg::MULTIPLE_TAGS) ||
        starts(YAML::ErrorMsg::MULTIPLE_ANCHORS) || starts(YAML::ErrorMsg::MULTIPLE_ALIASES) ||
        starts(YAML::ErrorMsg::ALIAS_CONTENT))
        return ParserError(line, "did not find expected node content");
    return ParserError(line, m);
}

// The name after '*' at an alias mark, for "unknown anchor 'x' referenced".
std::string AliasNameAt(std::string_view text, int pos) {
    if (pos < 0 || static_cast<size_t>(pos) >= text.size()) return "";
    size_t i = static_cast<size_t>(pos);
    if (text[i] == '*') ++i;
    size_t start = i;
    while (i < text.size() && std::strchr(" \t\r\n,[]{}", text[i]) == nullptr) ++i;
    return std::string(text.substr(start, i - start));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Event handler

// Go's %#v of a decoded YAML value, for "invalid map key: ..." texts.
std::string GoSharpV(const Value& v) {
    switch (v.type()) {
        case Value::Type::kNull: return "interface {}(nil)";
        case Value::Type::kBool: return v.AsBool() ? "true" : "false";
        case Value::Type::kInt: return std::to_string(v.AsInt());
        case Value::Type::kFloat: return FormatGoFloat(v.AsFloat(), 'g');
        case Value::Type::kString: return JsonQuote(v.AsString());
        case Value::Type::kArray: {
            std::string out = "[]interface {}{";
            for (size_t i = 0; i < v.items().size(); ++i) out += (i ? ", " : "") + GoSharpV(v.items()[i]);
            return out + "}";
        }
        case Value::Type::kObject: {
            std::string out = "map[interface {}]interface {}{";
            bool first = true;
            for (const auto& [k, val] : v.members()) {
                out += (first ? "" : ", ") + JsonQuote(k) + ":" + GoSharpV(val);
                first = false;
            }
            return out + "}";
        }
    }
    return "";
}

// A decoded node on its way into its parent.
struct Item {
    Value value;
    bool scalar = false;
    YamlResolved resolved;  // scalars: what go-yaml decoded (for key conversion)
    std::string text;       // scalars: the source text
    bool merge_key = false; // a plain "<<"
    size_t nodes = 1;       // go-yaml decode operations this node stands for
    int depth = 0;          // nesting below this node
    bool null_event = false;  // an empty node (yaml-cpp's OnNull)
    int pos = -1;           // source position of a scalar or empty node
    int line = 0;
};

// go-yaml's allowance for alias-driven decoding, shrinking from 99% to 10% as documents grow.
double AllowedAliasRatio(size_t decode_count) {
    const double low = 400000, high = 4000000;
    if (decode_count <= low) return 0.99;
    if (decode_count >= high) return 0.10;
    return 0.99 - 0.89 * ((static_cast<double>(decode_count) - low) / (high - low));
}

bool DecodeBase64(std::string_view in, std::string* out) {
    auto val = [](char c) -> int {
        if (c >= 'A' && c <= 'Z') return c - 'A';
        if (c >= 'a' && c <= 'z') return c - 'a' + 26;
        if (c >= '0' && c <= '9') return c - '0' + 52;
        if (c == '+') return 62;
        if (c == '/') return 63;
        return -1;
    };
    std::string clean;
    for (char c : in)
        if (c != '\n' && c != '\r') clean += c;
    if (clean.size() % 4 != 0) return false;
    out->clear();
    for (size_t i = 0; i < clean.size(); i += 4) {
        int v[4];
        int pad = 0;
        for (int k = 0; k < 4; ++k) {
            char c = clean[i + static_cast<size_t>(k)];
            if (c == '=' && i + 4 == clean.size() && k >= 2) {
                v[k] = 0;
                ++pad;
            } else {
                if (pad) return false;
                v[k] = val(c);
                if (v[k] < 0) return false;
            }
        }
        uint32_t n = (static_cast<uint32_t>(v[0]) << 18) | (static_cast<uint32_t>(v[1]) << 12) |
                     (static_cast<uint32_t>(v[2]) << 6) | static_cast<uint32_t>(v[3]);
        out->push_back(static_cast<char>((n >> 16) & 0xFF));
        if (pad < 2) out->push_back(static_cast<char>((n >> 8) & 0xFF));
        if (pad < 1) out->push_back(static_cast<char>(n & 0xFF));
    }
    return true;
}

class Builder : public YAML::EventHandler {
public:
    Builder(std::string_view text, DecodeBudget* budget) : text_(text), budget_(budget) {}

    void OnDocumentStart(const YAML::Mark& mark) override {
        ++documents_;
        if (documents_ == 1) first_doc_line_ = mark.line;
        if (documents_ == 2) second_doc_line_ = mark.line;
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (Skipping()) return;
        CheckEmptyFlowEntry(mark);
        Item item;
        item.scalar = true;
        item.null_event = true;
        item.pos = mark.pos;
        item.line = mark.line;
        item.resolved.kind = YamlKind::kNull;
        Finish(std::move(item), anchor, mark);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        if (Skipping()) return;
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) throw GoYamlError{"yaml: unknown anchor '" + AliasNameAt(text_, mark.pos) + "' referenced"};
        if (!it->second.complete) {
            Defer("yaml: anchor '" + it->second.name + "' value contains itself");
            Placeholder();
            return;
        }
        const Item& target = it->second.item;
        // go-yaml counts every node decoded through an alias; refuse before copying anything.
        size_t alias_nodes = budget_->alias_nodes + target.nodes;
        size_t nodes = budget_->nodes + 1 + target.nodes;
        if (alias_nodes > kMaxAliasExpansion ||
            (alias_nodes > 100 && nodes > 1000 &&
             static_cast<double>(alias_nodes) / static_cast<double>(nodes) > AllowedAliasRatio(nodes))) {
            Defer("yaml: document contains excessive aliasing");
            Count(1);
            Placeholder();
            return;
        }
        Count(1 + target.nodes);
        budget_->alias_nodes = alias_nodes;
        if (static_cast<int>(stack_.size()) + target.depth > kMaxDepth) {
            throw GoYamlError{ParserError(mark.line, "exceeded max depth of " + std::to_string(kMaxDepth))};
        }
        Item copy = target;
        copy.nodes = target.nodes + 1;
        Deliver(std::move(copy));
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        if (Skipping()) return;
        CheckClosingQuote(mark);
        Item item;
        item.scalar = true;
        item.text = value;
        item.pos = mark.pos;
        item.line = mark.line;
        std::string short_tag = ShortTag(tag);
        bool plain = tag == "?";
        if (plain && value == "<<") item.merge_key = true;
        if (tag == "!" || short_tag.empty()) {
            item.resolved.kind = YamlKind::kString;
        } else if (plain) {
            item.resolved = ResolveYamlPlain(value);
        } else if (short_tag == "!!binary") {
            std::string decoded;
            if (!DecodeBase64(value, &decoded)) {
                Defer("yaml: !!binary value contains invalid base64 data");
            }
            // The JSON round trip turns bytes that are not UTF-8 into U+FFFD, as for any string.
            item.text = SanitizeUtf8ForJson(decoded);
            item.resolved.kind = YamlKind::kString;
        } else if (short_tag == "!!merge") {
            item.merge_key = true;
            item.resolved.kind = YamlKind::kString;
        } else {
            std::string error;
            if (!ResolveYamlScalar(short_tag, value, &item.resolved, &error)) {
                Defer("yaml: " + error);
                item.resolved.kind = YamlKind::kString;
            }
        }
        Finish(std::move(item), anchor, mark);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value style) override {
        Open(Value::MakeArray(), anchor, mark, style == YAML::EmitterStyle::Flow);
    }
    void OnSequenceEnd() override { Close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value style) override {
        Open(Value::MakeObject(), anchor, mark, style == YAML::EmitterStyle::Flow);
    }
    void OnMapEnd() override { Close(); }
    void OnAnchor(const YAML::Mark&, const std::string& name) override { pending_anchor_name_ = name; }

    int documents() const { return documents_; }
    int first_doc_line() const { return first_doc_line_; }
    int second_doc_line() const { return second_doc_line_; }
    bool has_root() const { return has_root_; }
    Value TakeRoot() { return std::move(root_.value); }
    bool root_is_sequence() const { return root_.value.IsArray(); }
    bool root_is_mapping() const { return root_.value.IsObject(); }
    const std::string& deferred_error() const { return deferred_; }
    const std::string& json_error() const { return json_error_; }
    // After the first document, further events only matter for detecting a second one.
    void StopBuilding() { stopped_ = true; }

private:
    struct Frame {
        Item item;
        bool flow = false;
        YAML::anchor_t anchor = 0;
        bool have_key = false;
        Item key;
    };
    struct Anchor {
        std::string name;
        bool complete = false;
        Item item;
    };

    bool Skipping() const { return stopped_; }

    static std::string ShortTag(const std::string& tag) {
        static const std::string kPrefix = "tag:yaml.org,2002:";
        if (tag == "?" || tag == "!") return tag;
        if (tag.rfind(kPrefix, 0) == 0) return "!!" + tag.substr(kPrefix.size());
        return "";  // local and other tags: go-yaml leaves the text a string
    }

    // yaml-cpp reads "[1,,2]" and "{a: 1,,}" with an empty entry; go-yaml rejects them.
    void CheckEmptyFlowEntry(const YAML::Mark& mark) {
        if (stack_.empty() || !stack_.back().flow) return;
        if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
        char c = text_[static_cast<size_t>(mark.pos)];
        const Frame& top = stack_.back();
        bool seq = top.item.value.IsArray();
        if ((seq && (c == ',' || c == ']')) || (!seq && !top.have_key && (c == ',' || c == '}')))
            throw GoYamlError{ParserError(mark.line, "did not find expected node content")};
    }

    // yaml-cpp reads a block mapping key without ':' as a key with an empty value (the empty
    // value is marked where the key is); go-yaml's scanner stops at the next non-blank line.
    void CheckMissingColon(const Frame& frame, const Item& key, const Item& value) {
        if (frame.flow || !value.null_event || key.pos < 0 || value.pos != key.pos) return;
        std::vector<std::string_view> lines = Lines(text_);
        size_t next = static_cast<size_t>(key.line) + 1;
        while (next < lines.size()) {
            std::string_view l = lines[next];
            size_t i = 0;
            while (i < l.size() && (l[i] == ' ' || l[i] == '\t' || l[i] == '\r')) ++i;
            if (i < l.size()) break;
            ++next;
        }
        if (next >= lines.size()) next = lines.size() - 1;
        throw GoYamlError{ScannerError(static_cast<int>(next), "could not find expected ':'")};
    }

    // yaml-cpp accepts a quoted scalar cut short by the end of the input; go-yaml does not.
    void CheckClosingQuote(const YAML::Mark& mark) {
        if (mark.pos < 0 || static_cast<size_t>(mark.pos) >= text_.size()) return;
        size_t i = static_cast<size_t>(mark.pos);
        char q = text_[i];
        if (q != '"' && q != '\'') return;
        for (++i; i < text_.size(); ++i) {
            char c = text_[i];
            if (q == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c == q) {
                if (q == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
                    ++i;
                    continue;
                }
                return;
            }
        }
        int eof_line = 0;
        for (char c : text_)
            if (c == '\n') ++eof_line;
        throw GoYamlError{ScannerError(eof_line, "found unexpected end of stream")};
    }

    void Count(size_t n) {
        budget_->nodes += n;
        if (budget_->nodes > kMaxNodes) {
            throw GoYamlError{"yaml: document too large: more than " + std::to_string(kMaxNodes) + " values"};
        }
    }

    void Defer(std::string message) {
        if (deferred_.empty()) deferred_ = std::move(message);
    }
    void DeferJson(std::string message) {
        if (json_error_.empty()) json_error_ = std::move(message);
    }

    // Keeps the structure going after a deferred error without doing the expensive part.
    void Placeholder() {
        Item item;
        item.scalar = true;
        item.resolved.kind = YamlKind::kNull;
        Deliver(std::move(item));
    }

    void RegisterAnchor(YAML::anchor_t anchor) {
        if (anchor == 0) return;
        Anchor& a = anchors_[anchor];
        a.name = pending_anchor_name_;
        a.complete = false;
        pending_anchor_name_.clear();
    }
    void CompleteAnchor(YAML::anchor_t anchor, const Item& item) {
        if (anchor == 0) return;
        Anchor& a = anchors_[anchor];
        a.item = item;
        a.item.merge_key = false;
        a.complete = true;
    }

    void Open(Value container, YAML::anchor_t anchor, const YAML::Mark& mark, bool flow) {
        if (Skipping()) return;
        Count(1);
        if (static_cast<int>(stack_.size()) + 1 > kMaxDepth) {
            throw GoYamlError{ParserError(mark.line, "exceeded max depth of " + std::to_string(kMaxDepth))};
        }
        RegisterAnchor(anchor);
        Frame f;
        f.item.value = std::move(container);
        f.flow = flow;
        f.anchor = anchor;
        stack_.push_back(std::move(f));
    }

    void Close() {
        if (Skipping()) return;
        Frame f = std::move(stack_.back());
        stack_.pop_back();
        CompleteAnchor(f.anchor, f.item);
        Deliver(std::move(f.item));
    }

    void Finish(Item item, YAML::anchor_t anchor, const YAML::Mark&) {
        Count(1);
        RegisterAnchor(anchor);
        CompleteAnchor(anchor, item);
        Deliver(std::move(item));
    }

    // A scalar's Value is only made when it lands somewhere as a value: the JSON round trip
    // (and its NaN/Inf error) does not apply to keys.
    void Materialize(Item& item) {
        if (item.scalar) {
            item.value = ScalarValue(item);
            item.scalar = false;
        }
    }

    // The JSON round trip of a scalar value.
    Value ScalarValue(const Item& item) {
        const YamlResolved& r = item.resolved;
        switch (r.kind) {
            case YamlKind::kNull: return Value();
            case YamlKind::kBool: return Value(r.b);
            case YamlKind::kInt: return Value(r.i);
            case YamlKind::kUint: return Value(static_cast<double>(r.u));
            case YamlKind::kFloat: {
                if (std::isnan(r.f)) {
                    DeferJson("json: unsupported value: NaN");
                    return Value();
                }
                if (std::isinf(r.f)) {
                    DeferJson(std::string("json: unsupported value: ") + (r.f > 0 ? "+Inf" : "-Inf"));
                    return Value();
                }
                if (r.f == std::trunc(r.f) && std::fabs(r.f) < 1e21) {
                    int64_t i;
                    if (ParseGoInt(FormatGoFloat(r.f, 'f'), &i)) return Value(i);
                }
                return Value(r.f);
            }
            case YamlKind::kTimestamp:
            case YamlKind::kString: return Value(item.text);
        }
        return Value();
    }

    // sigs.k8s.io/yaml turns go-yaml's interface{} keys into strings.
    std::string KeyString(const Item& key, const Item& value) {
        if (!key.scalar) {
            Defer("yaml: invalid map key: " + GoSharpV(key.value));
            return "";
        }
        const YamlResolved& r = key.resolved;
        switch (r.kind) {
            case YamlKind::kString:
            case YamlKind::kTimestamp: return key.text;
            case YamlKind::kInt: return std::to_string(r.i);
            case YamlKind::kBool: return r.b ? "true" : "false";
            case YamlKind::kFloat: {
                if (std::isnan(r.f)) return ".nan";
                if (std::isinf(r.f)) return r.f > 0 ? ".inf" : "-.inf";
                // FormatFloat(f, 'g', -1, 32): the shortest float32 digits.
                float f = static_cast<float>(r.f);
                char buf[64];
                for (int p = 1; p <= 9; ++p) {
                    std::snprintf(buf, sizeof buf, "%.*e", p - 1, static_cast<double>(f));
                    if (std::strtof(buf, nullptr) == f) break;
                }
                return FormatGoFloat(std::strtod(buf, nullptr), 'g');
            }
            case YamlKind::kUint: {
                char buf[32];
                std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(r.u));
                DeferJson(std::string("unsupported map key of type: uint64, key: ") + buf +
                          ", value: " + GoSharpV(value.value));
                return "";
            }
            case YamlKind::kNull:
                DeferJson("unsupported map key of type: %!s(<nil>), key: <nil>, value: " + GoSharpV(value.value));
                return "";
        }
        return "";
    }

    void Deliver(Item item) {
        if (stack_.empty()) {
            Materialize(item);
            root_ = std::move(item);
            has_root_ = true;
            return;
        }
        DeliverTo(stack_.back(), std::move(item));
    }

    void DeliverTo(Frame& parent, Item item) {
        parent.item.depth = std::max(parent.item.depth, item.depth + 1);
        parent.item.nodes += item.nodes;
        if (parent.item.value.IsArray()) {
            Materialize(item);
            parent.item.value.Push(std::move(item.value));
            return;
        }
        if (!parent.have_key) {
            parent.key = std::move(item);
            parent.have_key = true;
            return;
        }
        parent.have_key = false;
        Item key = std::move(parent.key);
        CheckMissingColon(parent, key, item);
        Materialize(item);
        if (key.merge_key) {
            Merge(parent.item.value, item);
            return;
        }
        std::string k = KeyString(key, item);
        parent.item.value.Set(k, std::move(item.value));
    }

    // go-yaml v2: the merged mapping's keys are decoded into the map being built, so they
    // overwrite keys set before the "<<" (and later keys overwrite them); in a sequence of
    // mappings the earlier ones win.
    void Merge(Value& into, const Item& source) {
        const Value& v = source.value;
        if (v.IsObject()) {
            for (const auto& [k, val] : v.members()) into.Set(k, val);
            return;
        }
        if (v.IsArray()) {
            for (const auto& m : v.items()) {
                if (!m.IsObject()) {
                    Defer("yaml: map merge requires map or sequence of maps as the value");
                    return;
                }
            }
            for (size_t i = v.items().size(); i-- > 0;)
                for (const auto& [k, val] : v.items()[i].members()) into.Set(k, val);
            return;
        }
        Defer("yaml: map merge requires map or sequence of maps as the value");
    }

    std::string_view text_;
    DecodeBudget* budget_;
    std::vector<Frame> stack_;
    std::map<YAML::anchor_t, Anchor> anchors_;
    std::string pending_anchor_name_;
    Item root_;
    bool has_root_ = false;
    bool stopped_ = false;
    int documents_ = 0;
    int first_doc_line_ = 0;
    int second_doc_line_ = -1;
    std::string deferred_;
    std::string json_error_;
};

// An explicit document end ("...") or start ("---") between the first document and the content
// yaml-cpp read as a second one: go-yaml then stops after the first document without complaint.
bool HasDocumentMarkerBetween(std::string_view text, int first_line, int last_line) {
    std::vector<std::string_view> lines = Lines(text);
    for (int i = first_line + 1; i <= last_line && static_cast<size_t>(i) < lines.size(); ++i) {
        std::string_view l = lines[static_cast<size_t>(i)];
        bool marker = l.rfind("...", 0) == 0 || l.rfind("---", 0) == 0;
        if (marker && (l.size() == 3 || l[3] == ' ' || l[3] == '\t' || l[3] == '\r')) return true;
    }
    return false;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Entry point

YamlDocResult DecodeYamlDocument(std::string_view raw, DecodeBudget* budget) {
    YamlDocResult out;
    try {
        std::string clean;
        if (!CleanInput(raw, &clean)) {
            out.error = "yaml: control characters are not allowed";
            return out;
        }
        std::string_view text = clean;
        DepthCheck depth = EstimateDepth(text);
        if (depth.depth > kMaxDepth) {
            out.error = ParserError(depth.line, "exceeded max depth of " + std::to_string(kMaxDepth));
            return out;
        }
        std::istringstream in(clean);
        YAML::Parser parser(in);
        Builder builder(text, budget);
        bool have_doc = false;
        try {
            have_doc = parser.HandleNextDocument(builder);
        } catch (const YAML::ParserException& e) {
            if (e.msg.rfind(YAML::ErrorMsg::UNKNOWN_ANCHOR, 0) == 0) {
                out.error = "yaml: unknown anchor '" + AliasNameAt(text, e.mark.pos) + "' referenced";
            } else {
                out.error = MapParserException(e, text);
            }
            return out;
        }
        if (!have_doc || !builder.has_root()) return out;  // empty: null
        // go-yaml reads one document; content yaml-cpp sees as a second document (without an
        // explicit "..." end) is a syntax error to go-yaml.
        builder.StopBuilding();
        bool root_seq = builder.root_is_sequence(), root_map = builder.root_is_mapping();
        int trailing_line = -1;
        try {
            if (parser.HandleNextDocument(builder)) trailing_line = builder.second_doc_line();
        } catch (const YAML::Exception& e) {
            trailing_line = builder.documents() >= 2 ? builder.second_doc_line() : e.mark.line;
        }
        if (trailing_line >= 0 && !HasDocumentMarkerBetween(text, builder.first_doc_line(), trailing_line)) {
            const char* what = root_seq   ? "did not find expected '-' indicator"
                               : root_map ? "did not find expected key"
                                          : "did not find expected <document start>";
            out.error = ParserError(trailing_line, what);
            return out;
        }
        if (!builder.deferred_error().empty()) {
            out.error = builder.deferred_error();
            return out;
        }
        if (!builder.json_error().empty()) {
            out.error = builder.json_error();
            return out;
        }
        out.value = builder.TakeRoot();
    } catch (const GoYamlError& e) {
        out.error = e.message;
    } catch (const YAML::Exception& e) {
        out.error = "yaml: " + e.msg;
    } catch (const std::exception& e) {
        out.error = std::string("yaml: ") + e.what();
    } catch (...) {
        out.error = "yaml: unknown error";
    }
    return out;
}

}  // namespace sts::manifest
