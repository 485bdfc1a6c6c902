// JSONPath parser and evaluator after client-go/util/jsonpath (parser.go, jsonpath.go): the same
// node kinds, the same range/end bookkeeping and the same error texts. Map iteration (wildcards,
// recursive descent) is in key order so output is deterministic.
#include "kubectl/printers/jsonpath.h"

#include <cstdio>
#include <cstring>

#include "core/strings.h"
#include "kubectl/printers/gofmt.h"

namespace sts::kubectl {

struct JsonPath::Node {
    enum class Kind { kList, kText, kField, kArray, kFilter, kInt, kFloat, kBool, kWildcard, kRecursive, kUnion, kIdentifier };
    Kind kind = Kind::kList;
    std::vector<std::shared_ptr<Node>> nodes;  // kList; kUnion: lists
    std::string text;                          // kText, kField, kIdentifier, kFilter operator
    int64_t int_value = 0;
    double float_value = 0;
    bool bool_value = false;
    // kArray: start, end, step; known flags.
    int64_t params[3] = {0, 0, 0};
    bool known[3] = {false, false, false};
    bool derived_end = false;
    std::shared_ptr<Node> left, right;  // kFilter
};

using NodeP = std::shared_ptr<JsonPath::Node>;

namespace {

using Node = JsonPath::Node;

NodeP NewNode(Node::Kind k) {
    auto n = std::make_shared<Node>();
    n->kind = k;
    return n;
}

bool IsAlnum(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (static_cast<unsigned char>(c) >= 0x80);
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsTerminator(int c) {
    return c < 0 || c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '.' || c == ',' || c == '[' ||
           c == ']' || c == '$' || c == '@' || c == '{' || c == '}';
}

// Go's %#U: "U+003D '='".
std::string RuneU(unsigned char c) {
    char buf[32];
    if (c >= 0x20 && c < 0x7f) std::snprintf(buf, sizeof buf, "U+%04X '%c'", c, c);
    else std::snprintf(buf, sizeof buf, "U+%04X", c);
    return buf;
}

class Parser {
public:
    explicit Parser(std::string text, int depth = 0) : in_(std::move(text)), depth_(depth) {}

    NodeP Parse(std::string* error) {
        root_ = NewNode(Node::Kind::kList);
        if (!ParseText()) {
            *error = error_;
            return nullptr;
        }
        return root_;
    }

    // parseAction: "{text}" parsed, returns the action's list.
    static NodeP ParseAction(const std::string& text, int depth, std::string* error) {
        if (depth > 20) {
            *error = "jsonpath nesting too deep";
            return nullptr;
        }
        Parser p("{" + text + "}", depth + 1);
        NodeP root = p.Parse(error);
        if (!root) return nullptr;
        if (root->nodes.empty()) return NewNode(Node::Kind::kList);
        return root->nodes[0];
    }

private:
    int Next() {
        if (pos_ >= in_.size()) return -1;
        return static_cast<unsigned char>(in_[pos_++]);
    }
    int Peek() const { return pos_ >= in_.size() ? -1 : static_cast<unsigned char>(in_[pos_]); }
    std::string Consume() {
        std::string v = in_.substr(start_, pos_ - start_);
        start_ = pos_;
        return v;
    }
    bool StartsWith(const char* s) const { return in_.compare(pos_, std::strlen(s), s) == 0; }
    bool Fail(std::string msg) {
        error_ = std::move(msg);
        return false;
    }

    bool ParseText() {
        for (;;) {
            if (StartsWith("{")) {
                if (pos_ > start_) AppendText(root_, Consume());
                pos_ += 1;
                Consume();
                NodeP list = NewNode(Node::Kind::kList);
                root_->nodes.push_back(list);
                if (!ParseInsideAction(list)) return false;
                // ParseInsideAction returns after consuming the closing brace.
                continue;
            }
            if (Next() < 0) break;
        }
        if (pos_ > start_) AppendText(root_, Consume());
        return true;
    }

    static void AppendText(const NodeP& list, std::string text) {
        NodeP t = NewNode(Node::Kind::kText);
        t->text = std::move(text);
        list->nodes.push_back(t);
    }

    bool ParseInsideAction(const NodeP& cur) {
        for (;;) {
            if (StartsWith("}")) {
                pos_ += 1;
                Consume();
                return true;
            }
            if (StartsWith("[?(")) {
                if (!ParseFilter(cur)) return false;
                continue;
            }
            if (StartsWith("..")) {
                if (!cur->nodes.empty() && cur->nodes.back()->kind == Node::Kind::kRecursive) {
                    return Fail("invalid multiple recursive descent");
                }
                pos_ += 2;
                Consume();
                cur->nodes.push_back(NewNode(Node::Kind::kRecursive));
                if (IsAlnum(static_cast<char>(Peek())) && Peek() >= 0) {
                    if (!ParseField(cur)) return false;
                }
                continue;
            }
            int r = Next();
            if (r < 0 || r == '\r' || r == '\n') return Fail("unclosed action");
            if (r == ' ' || r == '@' || r == '$') {
                Consume();
                continue;
            }
            if (r == '[') {
                if (!ParseArray(cur)) return false;
                continue;
            }
            if (r == '"' || r == '\'') {
                if (!ParseQuote(cur, static_cast<char>(r))) return false;
                continue;
            }
            if (r == '.') {
                if (!ParseField(cur)) return false;
                continue;
            }
            if (r == '+' || r == '-' || IsDigit(static_cast<char>(r))) {
                --pos_;
                if (!ParseNumber(cur)) return false;
                continue;
            }
            if (IsAlnum(static_cast<char>(r))) {
                --pos_;
                ParseIdentifier(cur);
                continue;
            }
            return Fail("unrecognized character in action: " + RuneU(static_cast<unsigned char>(r)));
        }
    }

    void ParseIdentifier(const NodeP& cur) {
        for (;;) {
            int r = Next();
            if (IsTerminator(r)) {
                if (r >= 0) --pos_;
                break;
            }
        }
        std::string v = Consume();
        if (v == "true" || v == "false") {
            NodeP b = NewNode(Node::Kind::kBool);
            b->bool_value = v == "true";
            cur->nodes.push_back(b);
        } else {
            NodeP id = NewNode(Node::Kind::kIdentifier);
            id->text = v;
            cur->nodes.push_back(id);
        }
    }

    bool ParseNumber(const NodeP& cur) {
        int r = Peek();
        if (r == '+' || r == '-') Next();
        for (;;) {
            r = Next();
            if (r != '.' && !(r >= 0 && IsDigit(static_cast<char>(r)))) {
                if (r >= 0) --pos_;
                break;
            }
        }
        std::string v = Consume();
        int64_t i = 0;
        std::string digits = !v.empty() && v[0] == '+' ? v.substr(1) : v;
        if (ParseInt64(digits, &i)) {
            NodeP n = NewNode(Node::Kind::kInt);
            n->int_value = i;
            cur->nodes.push_back(n);
            return true;
        }
        char* end = nullptr;
        double d = std::strtod(v.c_str(), &end);
        if (end && *end == '\0' && !v.empty()) {
            NodeP n = NewNode(Node::Kind::kFloat);
            n->float_value = d;
            cur->nodes.push_back(n);
            return true;
        }
        return Fail("cannot parse number " + v);
    }

    bool ParseArray(const NodeP& cur) {
        for (;;) {
            int r = Next();
            if (r < 0 || r == '\n') return Fail("unterminated array");
            if (r == ']') break;
        }
        std::string text = Consume();
        text = text.substr(1, text.size() - 2);
        if (text == "*") text = ":";
        std::vector<std::string> strs = Split(text, ',');
        if (strs.size() > 1) {
            NodeP u = NewNode(Node::Kind::kUnion);
            for (const auto& s : strs) {
                std::string err;
                NodeP a = ParseAction("[" + Trim(s) + "]", depth_, &err);
                if (!a) return Fail(err);
                u->nodes.push_back(a);
            }
            cur->nodes.push_back(u);
            return true;
        }
        // 'key'
        if (text.size() >= 2 && text.front() == '\'' && text.back() == '\'' &&
            text.find('\'', 1) == text.size() - 1) {
            std::string err;
            NodeP a = ParseAction("." + text.substr(1, text.size() - 2), depth_, &err);
            if (!a) return Fail(err);
            for (const auto& n : a->nodes) cur->nodes.push_back(n);
            return true;
        }
        // Slice: ^(-?\d*)(:-?\d*)?(:-?\d*)?$
        std::string parts[3];
        bool present[3] = {false, false, false};
        {
            size_t i = 0;
            auto take_num = [&](std::string* out) {
                size_t s = i;
                if (i < text.size() && text[i] == '-') ++i;
                while (i < text.size() && IsDigit(text[i])) ++i;
                *out = text.substr(s, i - s);
            };
            take_num(&parts[0]);
            present[0] = true;
            for (int k = 1; k < 3 && i < text.size() && text[i] == ':'; ++k) {
                ++i;
                take_num(&parts[k]);
                present[k] = true;
                parts[k] = ":" + parts[k];
            }
            if (i != text.size()) return Fail("invalid array index " + text);
        }
        NodeP a = NewNode(Node::Kind::kArray);
        for (int k = 0; k < 3; ++k) {
            std::string v = parts[k];
            if (present[k] && !v.empty()) {
                if (k > 0) v = v.substr(1);
                if (k > 0 && v.empty()) {
                    a->known[k] = false;
                } else {
                    int64_t n = 0;
                    if (v == "-" || !ParseInt64(v, &n)) return Fail("array index " + v + " is not a number");
                    a->known[k] = true;
                    a->params[k] = n;
                }
            } else if (k == 1) {
                a->known[1] = true;
                a->derived_end = true;
            }
        }
        cur->nodes.push_back(a);
        return true;
    }

    bool ParseFilter(const NodeP& cur) {
        pos_ += 3;
        Consume();
        bool begin = false, end = false;
        char pair = 0;
        for (;;) {
            int r = Next();
            if (r < 0 || r == '\n') return Fail("unterminated filter");
            if (r == '"' || r == '\'') {
                if (!begin) {
                    begin = true;
                    pair = static_cast<char>(r);
                    continue;
                }
                if (in_[pos_ - 2] != '\\' && r == pair) end = true;
            } else if (r == ')') {
                if (begin == end) break;
            }
        }
        if (Next() != ']') return Fail("unclosed array expect ]");
        std::string text = Consume();
        text = text.substr(0, text.size() - 2);
        // ^([^!<>=]+)([!<>=]+)(.+?)$
        size_t i = 0;
        while (i < text.size() && std::string("!<>=").find(text[i]) == std::string::npos) ++i;
        size_t j = i;
        while (j < text.size() && std::string("!<>=").find(text[j]) != std::string::npos) ++j;
        // The regexp's lazy right side needs one character: the operator gives one back.
        if (j == text.size() && j - i > 1) --j;
        NodeP f = NewNode(Node::Kind::kFilter);
        std::string err;
        if (i == 0 || i == text.size() || j == text.size()) {
            f->left = ParseAction(text, depth_, &err);
            if (!f->left) return Fail(err);
            f->right = NewNode(Node::Kind::kList);
            f->text = "exists";
        } else {
            f->left = ParseAction(text.substr(0, i), depth_, &err);
            if (!f->left) return Fail(err);
            f->right = ParseAction(text.substr(j), depth_, &err);
            if (!f->right) return Fail(err);
            f->text = text.substr(i, j - i);
        }
        cur->nodes.push_back(f);
        return true;
    }

    bool ParseQuote(const NodeP& cur, char quote) {
        for (;;) {
            int r = Next();
            if (r < 0 || r == '\n') return Fail("unterminated quoted string");
            if (r == quote && in_[pos_ - 2] != '\\') break;
        }
        std::string value = Consume();
        std::string body = value.substr(1, value.size() - 2);
        std::string s;
        for (size_t i = 0; i < body.size(); ++i) {
            char c = body[i];
            if (c != '\\' || i + 1 >= body.size()) {
                s += c;
                continue;
            }
            char n = body[++i];
            switch (n) {
            case 'n': s += '\n'; break;
            case 't': s += '\t'; break;
            case 'r': s += '\r'; break;
            case '\\': s += '\\'; break;
            case '\'': s += '\''; break;
            case '"': s += '"'; break;
            case 'a': s += '\a'; break;
            case 'b': s += '\b'; break;
            case 'f': s += '\f'; break;
            case 'v': s += '\v'; break;
            default:
                return Fail("unquote string " + value + " error invalid syntax");
            }
        }
        AppendText(cur, s);
        return true;
    }

    bool ParseField(const NodeP& cur) {
        Consume();
        for (;;) {
            int r = Next();
            if (r == '\\') {
                Next();
                continue;
            }
            if (IsTerminator(r)) {
                if (r >= 0) --pos_;
                break;
            }
        }
        std::string v = Consume();
        if (v == "*") {
            cur->nodes.push_back(NewNode(Node::Kind::kWildcard));
        } else {
            NodeP f = NewNode(Node::Kind::kField);
            f->text = ReplaceAll(v, "\\", "");
            cur->nodes.push_back(f);
        }
        return true;
    }

    std::string in_;
    size_t pos_ = 0;
    size_t start_ = 0;
    int depth_ = 0;
    std::string error_;
    NodeP root_;
};

// [SECTION] evaluation

struct Eval {
    std::vector<std::vector<Value>> stack;
    std::vector<Value> cur;
    int begin_range = 0;
    int in_range = 0;
    int end_range = 0;
    std::string error;
    int steps = 0;

    bool Budget() {
        if (++steps > 2000000) {
            error = "jsonpath evaluation too large";
            return false;
        }
        return true;
    }

    bool Walk(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        if (!Budget()) return false;
        switch (node.kind) {
        case Node::Kind::kList: return EvalList(input, node, out);
        case Node::Kind::kText: out->push_back(Value(node.text)); return true;
        case Node::Kind::kField: return EvalField(input, node, out);
        case Node::Kind::kArray: return EvalArray(input, node, out);
        case Node::Kind::kFilter: return EvalFilter(input, node, out);
        case Node::Kind::kInt:
            for (size_t i = 0; i < input.size(); ++i) out->push_back(Value(node.int_value));
            return true;
        case Node::Kind::kFloat:
            for (size_t i = 0; i < input.size(); ++i) out->push_back(Value(node.float_value));
            return true;
        case Node::Kind::kBool:
            for (size_t i = 0; i < input.size(); ++i) out->push_back(Value(node.bool_value));
            return true;
        case Node::Kind::kWildcard: return EvalWildcard(input, out);
        case Node::Kind::kRecursive: return EvalRecursive(input, out, 0);
        case Node::Kind::kUnion:
            for (const auto& l : node.nodes) {
                std::vector<Value> tmp;
                if (!EvalList(input, *l, &tmp)) return false;
                out->insert(out->end(), tmp.begin(), tmp.end());
            }
            return true;
        case Node::Kind::kIdentifier: return EvalIdentifier(input, node, out);
        }
        return true;
    }

    bool EvalList(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        std::vector<Value> cur_value = input;
        for (const auto& n : node.nodes) {
            std::vector<Value> next;
            if (!Walk(cur_value, *n, &next)) return false;
            cur_value = std::move(next);
        }
        *out = std::move(cur_value);
        return true;
    }

    bool EvalIdentifier(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        if (node.text == "range") {
            stack.push_back(cur);
            ++begin_range;
            *out = input;
            return true;
        }
        if (node.text == "end") {
            if (end_range < in_range) {
                ++end_range;
                return true;
            }
            if (!stack.empty()) {
                cur = stack.back();
                stack.pop_back();
                return true;
            }
            error = "not in range, nothing to end";
            return false;
        }
        error = "unrecognized identifier " + node.text;
        return false;
    }

    bool EvalField(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        for (const auto& v : input) {
            if (v.IsNull()) continue;
            if (v.IsObject()) {
                const Value* f = v.Find(node.text);
                if (f) out->push_back(*f);
            }
        }
        return true;  // missing keys are allowed
    }

    bool EvalArray(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        for (const auto& v : input) {
            if (v.IsNull()) continue;
            if (!v.IsArray()) {
                error = std::string(v.IsObject() ? "map[string]interface {}" : (v.IsString() ? "string" : (v.IsBool() ? "bool" : (v.IsInt() ? "int64" : "float64")))) +
                        " is not array or slice";
                return false;
            }
            int64_t len = static_cast<int64_t>(v.size());
            int64_t start = node.known[0] ? node.params[0] : 0;
            if (start < 0) start += len;
            int64_t end = len;
            if (node.derived_end) end = start + 1;
            else if (node.known[1]) end = node.params[1];
            if (end < 0) end += len;
            if (end != start) {
                if (start >= len || start < 0) {
                    error = "array index out of bounds: index " + std::to_string(start) + ", length " + std::to_string(len);
                    return false;
                }
                if (end > len) {
                    error = "array index out of bounds: index " + std::to_string(end - 1) + ", length " + std::to_string(len);
                    return false;
                }
            }
            for (int64_t i = start; i < end && i < len; ++i) {
                if (i >= 0) out->push_back(v[static_cast<size_t>(i)]);
            }
        }
        return true;
    }

    static void Children(const Value& v, std::vector<Value>* out) {
        if (v.IsObject()) {
            for (const auto& [k, c] : v.members()) out->push_back(c);
        } else if (v.IsArray()) {
            for (const auto& c : v.items()) out->push_back(c);
        } else if (v.IsString()) {
            for (char c : v.AsString()) out->push_back(Value(std::string(1, c)));
        }
    }

    bool EvalWildcard(const std::vector<Value>& input, std::vector<Value>* out) {
        for (const auto& v : input) {
            if (!v.IsNull()) Children(v, out);
        }
        return true;
    }

    bool EvalRecursive(const std::vector<Value>& input, std::vector<Value>* out, int depth) {
        if (depth > 200) return true;
        for (const auto& v : input) {
            if (v.IsNull()) continue;
            std::vector<Value> kids;
            if (v.IsObject() || v.IsArray()) Children(v, &kids);
            if (!kids.empty()) {
                out->push_back(v);
                if (!Budget()) return false;
                if (!EvalRecursive(kids, out, depth + 1)) return false;
            }
        }
        return true;
    }

    static int Compare(const Value& a, const Value& b, bool* ok, std::string* err) {
        *ok = true;
        if (a.IsString() && b.IsString()) return a.AsString() < b.AsString() ? -1 : (a.AsString() == b.AsString() ? 0 : 1);
        if (a.IsInt() && b.IsInt()) return a.AsInt() < b.AsInt() ? -1 : (a.AsInt() == b.AsInt() ? 0 : 1);
        if (a.IsFloat() && b.IsFloat()) return a.AsFloat() < b.AsFloat() ? -1 : (a.AsFloat() == b.AsFloat() ? 0 : 1);
        if (a.IsBool() && b.IsBool()) return a.AsBool() == b.AsBool() ? 0 : 1;
        *ok = false;
        *err = "incompatible types for comparison";
        return 0;
    }

    bool EvalFilter(const std::vector<Value>& input, const Node& node, std::vector<Value>* out) {
        for (const auto& v : input) {
            if (!v.IsArray()) {
                error = GoSprint(v) + " is not array or slice and cannot be filtered";
                return false;
            }
            for (const auto& item : v.items()) {
                std::vector<Value> temp{item};
                std::vector<Value> lefts;
                std::string saved = error;
                bool lok = EvalList(temp, *node.left, &lefts);
                if (node.text == "exists") {
                    error = saved;
                    if (!lefts.empty()) out->push_back(item);
                    continue;
                }
                if (!lok) return false;
                if (lefts.size() != 1) {
                    error = "can only compare one element at a time";
                    return false;
                }
                std::vector<Value> rights;
                if (!EvalList(temp, *node.right, &rights)) return false;
                if (rights.size() != 1) {
                    error = "can only compare one element at a time";
                    return false;
                }
                bool ok = true;
                std::string cerr;
                const std::string& op = node.text;
                bool pass = false;
                if (op == "==" || op == "!=") {
                    int c = Compare(lefts[0], rights[0], &ok, &cerr);
                    pass = op == "==" ? c == 0 : c != 0;
                } else if (op == "<" || op == ">" || op == "<=" || op == ">=") {
                    if (lefts[0].IsBool() || rights[0].IsBool()) {
                        ok = false;
                        cerr = "invalid type for comparison";
                    }
                    int c = ok ? Compare(lefts[0], rights[0], &ok, &cerr) : 0;
                    if (op == "<") pass = c < 0;
                    else if (op == ">") pass = c > 0;
                    else if (op == "<=") pass = c <= 0;
                    else pass = c >= 0;
                } else {
                    error = "unrecognized filter operator " + op;
                    return false;
                }
                if (!ok) {
                    error = cerr;
                    return false;
                }
                if (pass) out->push_back(item);
            }
        }
        return true;
    }

    bool FindResults(const Value& data, const std::vector<NodeP>& nodes, size_t from,
                     std::vector<std::vector<Value>>* full) {
        cur = {data};
        for (size_t i = from; i < nodes.size(); ++i) {
            std::vector<Value> results;
            if (!Walk(cur, *nodes[i], &results)) return false;
            if (end_range > 0 && end_range <= in_range) {
                --end_range;
                break;
            }
            if (begin_range > 0) {
                --begin_range;
                ++in_range;
                for (size_t k = 0; k < results.size(); ++k) {
                    if (k + 1 == results.size()) --in_range;
                    if (!FindResults(results[k], nodes, i + 1, full)) return false;
                }
                break;
            }
            full->push_back(std::move(results));
        }
        return true;
    }
};

}  // namespace

JsonPath::JsonPath() = default;
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(JsonPath&&) noexcept = default;
JsonPath& JsonPath::operator=(JsonPath&&) noexcept = default;

bool JsonPath::Parse(const std::string& text, std::string* error) {
    Parser p(text);
    root_ = p.Parse(error);
    return root_ != nullptr;
}

bool JsonPath::FindResults(const Value& data, std::vector<std::vector<Value>>* results, std::string* error) const {
    if (!root_) {
        *error = "is an incomplete jsonpath template";
        return false;
    }
    Eval e;
    if (!e.FindResults(data, root_->nodes, 0, results)) {
        *error = e.error;
        return false;
    }
    return true;
}

std::string JsonPathText(const Value& v) {
    if (v.IsObject() || v.IsArray()) return v.ToJson();
    return GoSprint(v);
}

bool JsonPath::Execute(const Value& data, std::string* out, std::string* error) const {
    std::vector<std::vector<Value>> results;
    if (!FindResults(data, &results, error)) return false;
    for (const auto& list : results) {
        for (size_t i = 0; i < list.size(); ++i) {
            *out += JsonPathText(list[i]);
            if (i + 1 != list.size()) *out += ' ';
        }
    }
    return true;
}

bool RelaxedJsonPath(const std::string& expr, std::string* out, std::string* error) {
    if (expr.empty()) {
        *out = expr;
        return true;
    }
    std::string spec;
    auto no_braces = [](const std::string& s) { return s.find('{') == std::string::npos && s.find('}') == std::string::npos; };
    if (expr.size() >= 2 && expr.front() == '{' && expr.back() == '}') {
        std::string inner = expr.substr(1, expr.size() - 2);
        if (!inner.empty() && inner[0] == '.') inner = inner.substr(1);
        if (!inner.empty() && no_braces(inner)) spec = inner;
    } else {
        std::string inner = expr[0] == '.' ? expr.substr(1) : expr;
        if (!inner.empty() && no_braces(inner)) spec = inner;
    }
    if (spec.empty()) {
        *error = "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'";
        return false;
    }
    *out = "{." + spec + "}";
    return true;
}

}  // namespace sts::kubectl
