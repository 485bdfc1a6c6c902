// Go text/template, trimmed to what kubectl users write: lexer (text/template/parse/lex.go),
// parser (parse.go) and executor (exec.go, funcs.go) for the constructs listed in the header.
// Values are the decoded JSON (Value); "no value" (a missing map key) is tracked apart from
// JSON null, because Go prints them differently ("<no value>" and "<nil>").
#include "kubectl/printers/gotemplate.h"

#include <cstdio>
#include <vector>

#include "core/strings.h"
#include "kubectl/printers/gofmt.h"

namespace sts::kubectl {

namespace {

// [SECTION] lexer

enum class Tok {
    kText, kLeft, kRight, kField, kDot, kVariable, kIdent, kString, kNumber, kBool, kNil, kPipe,
    kLParen, kRParen, kDeclare, kAssign, kComma, kSpace, kEOF, kError,
    kIf, kElse, kEnd, kRange, kWith, kBreak, kContinue, kDefine, kTemplate, kBlock
};

struct Item {
    Tok tok;
    std::string val;
    size_t pos;
};

class Lexer {
public:
    explicit Lexer(const std::string& in) : in_(in) {}

    std::vector<Item> Run() {
        while (pos_ < in_.size() || !done_) {
            if (!LexText()) break;
            if (!LexAction()) break;
        }
        items_.push_back({Tok::kEOF, "", in_.size()});
        return std::move(items_);
    }

private:
    void Emit(Tok t, size_t start, size_t end) { items_.push_back({t, in_.substr(start, end - start), start}); }
    void Error(const std::string& msg) { items_.push_back({Tok::kError, msg, pos_}); }

    static bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

    // Text up to the next "{{"; handles "{{-" trimming of the text before it.
    bool LexText() {
        size_t open = in_.find("{{", pos_);
        if (open == std::string::npos) {
            if (pos_ < in_.size()) Emit(Tok::kText, pos_, in_.size());
            pos_ = in_.size();
            done_ = true;
            return false;
        }
        size_t end = open;
        bool trim = open + 3 < in_.size() + 1 && in_.compare(open, 3, "{{-") == 0 && open + 3 < in_.size() &&
                    IsSpace(in_[open + 3]);
        if (trim) {
            while (end > pos_ && IsSpace(in_[end - 1])) --end;
        }
        if (end > pos_) Emit(Tok::kText, pos_, end);
        pos_ = open;
        return true;
    }

    bool LexAction() {
        size_t start = pos_;
        pos_ += 2;
        if (pos_ + 1 < in_.size() && in_[pos_] == '-' && IsSpace(in_[pos_ + 1])) pos_ += 2;
        // Comment.
        size_t p = pos_;
        while (p < in_.size() && IsSpace(in_[p])) ++p;
        if (in_.compare(p, 2, "/*") == 0) {
            size_t close = in_.find("*/", p + 2);
            if (close == std::string::npos) {
                Error("unclosed comment");
                return false;
            }
            pos_ = close + 2;
            while (pos_ < in_.size() && IsSpace(in_[pos_])) ++pos_;
            bool trim_after = false;
            if (in_.compare(pos_, 3, "-}}") == 0) {
                trim_after = true;
                ++pos_;
            }
            if (in_.compare(pos_, 2, "}}") != 0) {
                Error("comment ends before closing delimiter");
                return false;
            }
            pos_ += 2;
            if (trim_after) {
                while (pos_ < in_.size() && IsSpace(in_[pos_])) ++pos_;
            }
            return true;
        }
        Emit(Tok::kLeft, start, start + 2);
        int parens = 0;
        for (;;) {
            if (pos_ >= in_.size()) {
                Error("unclosed action");
                return false;
            }
            // Right delimiter, with optional trim marker " -}}".
            if (IsSpace(in_[pos_]) && in_.compare(pos_ + 1, 3, "-}}") == 0) {
                Emit(Tok::kRight, pos_ + 2, pos_ + 4);
                pos_ += 4;
                while (pos_ < in_.size() && IsSpace(in_[pos_])) ++pos_;
                return true;
            }
            if (in_.compare(pos_, 2, "}}") == 0) {
                if (parens > 0) {
                    Error("unclosed left paren");
                    return false;
                }
                Emit(Tok::kRight, pos_, pos_ + 2);
                pos_ += 2;
                return true;
            }
            char c = in_[pos_];
            size_t s = pos_;
            if (c == '\n' || c == '\r') {
                // Newlines are allowed inside actions only in Go >= 1.16 within (); treat as space.
                ++pos_;
                continue;
            }
            if (IsSpace(c)) {
                while (pos_ < in_.size() && (in_[pos_] == ' ' || in_[pos_] == '\t')) ++pos_;
                Emit(Tok::kSpace, s, pos_);
                continue;
            }
            if (c == '|') {
                ++pos_;
                Emit(Tok::kPipe, s, pos_);
            } else if (c == '(') {
                ++pos_;
                ++parens;
                Emit(Tok::kLParen, s, pos_);
            } else if (c == ')') {
                ++pos_;
                if (--parens < 0) {
                    Error("unexpected right paren U+0029 ')'");
                    return false;
                }
                Emit(Tok::kRParen, s, pos_);
            } else if (c == ',') {
                ++pos_;
                Emit(Tok::kComma, s, pos_);
            } else if (c == ':' && pos_ + 1 < in_.size() && in_[pos_ + 1] == '=') {
                pos_ += 2;
                Emit(Tok::kDeclare, s, pos_);
            } else if (c == '=') {
                ++pos_;
                Emit(Tok::kAssign, s, pos_);
            } else if (c == '"') {
                ++pos_;
                while (pos_ < in_.size() && in_[pos_] != '"') {
                    if (in_[pos_] == '\\') ++pos_;
                    if (pos_ < in_.size() && in_[pos_] == '\n') {
                        Error("unterminated quoted string");
                        return false;
                    }
                    ++pos_;
                }
                if (pos_ >= in_.size()) {
                    Error("unterminated quoted string");
                    return false;
                }
                ++pos_;
                Emit(Tok::kString, s, pos_);
            } else if (c == '`') {
                size_t close = in_.find('`', pos_ + 1);
                if (close == std::string::npos) {
                    Error("unterminated raw quoted string");
                    return false;
                }
                pos_ = close + 1;
                Emit(Tok::kString, s, pos_);
            } else if (c == '$') {
                ++pos_;
                while (pos_ < in_.size() && IsAlnum(in_[pos_])) ++pos_;
                Emit(Tok::kVariable, s, pos_);
            } else if (c == '.') {
                if (pos_ + 1 < in_.size() && IsDigit(in_[pos_ + 1])) {
                    LexNumber();
                    continue;
                }
                ++pos_;
                if (pos_ < in_.size() && IsAlnum(in_[pos_])) {
                    while (pos_ < in_.size() && IsAlnum(in_[pos_])) ++pos_;
                    Emit(Tok::kField, s, pos_);
                } else {
                    Emit(Tok::kDot, s, pos_);
                }
            } else if (IsDigit(c) || ((c == '-' || c == '+') && pos_ + 1 < in_.size() && IsDigit(in_[pos_ + 1]))) {
                LexNumber();
            } else if (IsAlnum(c)) {
                while (pos_ < in_.size() && IsAlnum(in_[pos_])) ++pos_;
                std::string w = in_.substr(s, pos_ - s);
                Tok t = Tok::kIdent;
                if (w == "true" || w == "false") t = Tok::kBool;
                else if (w == "nil") t = Tok::kNil;
                else if (w == "if") t = Tok::kIf;
                else if (w == "else") t = Tok::kElse;
                else if (w == "end") t = Tok::kEnd;
                else if (w == "range") t = Tok::kRange;
                else if (w == "with") t = Tok::kWith;
                else if (w == "break") t = Tok::kBreak;
                else if (w == "continue") t = Tok::kContinue;
                else if (w == "define") t = Tok::kDefine;
                else if (w == "template") t = Tok::kTemplate;
                else if (w == "block") t = Tok::kBlock;
                Emit(t, s, pos_);
            } else {
                char buf[48];
                std::snprintf(buf, sizeof buf, "unrecognized character in action: U+%04X '%c'",
                              static_cast<unsigned char>(c), c);
                Error(buf);
                return false;
            }
        }
    }

    void LexNumber() {
        size_t s = pos_;
        if (in_[pos_] == '-' || in_[pos_] == '+') ++pos_;
        while (pos_ < in_.size() && (IsDigit(in_[pos_]) || in_[pos_] == '.' || in_[pos_] == 'e' || in_[pos_] == 'E' ||
                                      in_[pos_] == 'x' || in_[pos_] == '_' || (in_[pos_] >= 'a' && in_[pos_] <= 'f'))) {
            ++pos_;
        }
        Emit(Tok::kNumber, s, pos_);
    }

    static bool IsAlnum(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               static_cast<unsigned char>(c) >= 0x80;
    }
    static bool IsDigit(char c) { return c >= '0' && c <= '9'; }

    const std::string& in_;
    size_t pos_ = 0;
    bool done_ = false;
    std::vector<Item> items_;
};

// [SECTION] tree

struct Pipe;

struct Arg {
    enum class Kind { kField, kVariable, kDot, kString, kNumber, kBool, kNil, kIdent, kPipe };
    Kind kind = Kind::kDot;
    std::vector<std::string> fields;  // kField: a.b ; kVariable: fields after the variable
    std::string name;                 // kVariable "$x", kIdent function name
    Value literal;
    std::shared_ptr<Pipe> pipe;
    std::vector<std::string> chain;   // fields applied to a (pipe) or literal
    size_t pos = 0;
    std::string String() const;
};

struct Cmd {
    std::vector<Arg> args;
    size_t pos = 0;
    std::string String() const {
        std::string s;
        for (size_t i = 0; i < args.size(); ++i) {
            if (i) s += ' ';
            s += args[i].String();
        }
        return s;
    }
};

struct Pipe {
    std::vector<std::string> decl;
    bool assign = false;
    std::vector<Cmd> cmds;
    size_t pos = 0;
    std::string String() const {
        std::string s;
        if (!decl.empty()) {
            s = Join(decl, ", ") + (assign ? " = " : " := ");
        }
        for (size_t i = 0; i < cmds.size(); ++i) {
            if (i) s += " | ";
            s += cmds[i].String();
        }
        return s;
    }
};

std::string Arg::String() const {
    std::string s;
    switch (kind) {
    case Kind::kField:
        for (const auto& f : fields) s += "." + f;
        break;
    case Kind::kVariable:
        s = name;
        for (const auto& f : fields) s += "." + f;
        break;
    case Kind::kDot: s = "."; break;
    case Kind::kString: s = GoQuote(literal.AsString()); break;
    case Kind::kNumber: s = literal.IsInt() ? std::to_string(literal.AsInt()) : GoFormatFloatG(literal.AsFloat()); break;
    case Kind::kBool: s = literal.AsBool() ? "true" : "false"; break;
    case Kind::kNil: s = "nil"; break;
    case Kind::kIdent: s = name; break;
    case Kind::kPipe: s = "(" + (pipe ? pipe->String() : "") + ")"; break;
    }
    for (const auto& f : chain) s += "." + f;
    return s;
}

struct TNode {
    enum class Kind { kText, kAction, kIf, kRange, kWith, kBreak, kContinue };
    Kind kind = Kind::kText;
    std::string text;
    std::shared_ptr<Pipe> pipe;
    std::vector<std::shared_ptr<TNode>> list;
    std::vector<std::shared_ptr<TNode>> else_list;
    size_t pos = 0;
};

using TList = std::vector<std::shared_ptr<TNode>>;

const char* kFuncs[] = {"and", "or", "not", "len", "index", "print", "printf", "println", "eq", "ne",
                        "lt", "le", "gt", "ge", "slice", "html", "js", "urlquery", "call"};

bool IsFunc(const std::string& name) {
    for (const char* f : kFuncs) {
        if (name == f) return true;
    }
    return false;
}

class TParser {
public:
    TParser(const std::string& text, std::vector<Item> items) : text_(text), items_(std::move(items)) {}

    bool Parse(TList* root, std::string* error) {
        vars_.push_back({"$"});
        Tok stop;
        if (!ParseList(root, &stop)) {
            *error = error_;
            return false;
        }
        if (stop != Tok::kEOF) {
            *error = Err(last_pos_, "unexpected {{" + std::string(stop == Tok::kEnd ? "end" : "else") + "}}");
            return false;
        }
        return true;
    }

private:
    std::string Err(size_t pos, const std::string& msg) {
        int line = 1;
        for (size_t i = 0; i < pos && i < text_.size(); ++i) {
            if (text_[i] == '\n') ++line;
        }
        return "template: output:" + std::to_string(line) + ": " + msg;
    }
    bool Fail(size_t pos, const std::string& msg) {
        if (error_.empty()) error_ = Err(pos, msg);
        return false;
    }

    const Item& Peek() {
        while (items_[i_].tok == Tok::kSpace) ++i_;
        return items_[i_];
    }
    const Item& PeekRaw() const { return items_[i_]; }
    Item Next() {
        Peek();
        Item it = items_[i_];
        if (it.tok != Tok::kEOF) ++i_;
        return it;
    }

    // Parses items until {{end}}, {{else}} or EOF; `stop` says which ended it (the delimiters
    // and keyword are consumed, except the rest of an {{else ...}} action).
    bool ParseList(TList* list, Tok* stop) {
        if (++depth_ > 100) return Fail(0, "template nesting too deep");
        for (;;) {
            const Item& it = PeekRaw();
            if (it.tok == Tok::kEOF) {
                *stop = Tok::kEOF;
                --depth_;
                return true;
            }
            if (it.tok == Tok::kError) return Fail(it.pos, it.val);
            if (it.tok == Tok::kText) {
                auto n = std::make_shared<TNode>();
                n->kind = TNode::Kind::kText;
                n->text = it.val;
                list->push_back(n);
                ++i_;
                continue;
            }
            if (it.tok == Tok::kLeft) {
                ++i_;
                const Item& kw = Peek();
                last_pos_ = kw.pos;
                switch (kw.tok) {
                case Tok::kEnd:
                    Next();
                    if (!ExpectRight()) return false;
                    *stop = Tok::kEnd;
                    --depth_;
                    return true;
                case Tok::kElse:
                    Next();
                    *stop = Tok::kElse;
                    --depth_;
                    return true;
                case Tok::kIf:
                case Tok::kRange:
                case Tok::kWith: {
                    Item k = Next();
                    auto n = std::make_shared<TNode>();
                    n->kind = k.tok == Tok::kIf ? TNode::Kind::kIf : (k.tok == Tok::kRange ? TNode::Kind::kRange : TNode::Kind::kWith);
                    n->pos = k.pos;
                    if (!ParseControl(n.get(), k.tok)) return false;
                    list->push_back(n);
                    continue;
                }
                case Tok::kBreak:
                case Tok::kContinue: {
                    Item k = Next();
                    if (range_depth_ == 0) return Fail(k.pos, "{{" + k.val + "}} outside {{range}}");
                    if (!ExpectRight()) return false;
                    auto n = std::make_shared<TNode>();
                    n->kind = k.tok == Tok::kBreak ? TNode::Kind::kBreak : TNode::Kind::kContinue;
                    list->push_back(n);
                    continue;
                }
                case Tok::kDefine:
                case Tok::kTemplate:
                case Tok::kBlock:
                    return Fail(kw.pos, "{{" + kw.val + "}} is not supported by this playground");
                default: {
                    auto n = std::make_shared<TNode>();
                    n->kind = TNode::Kind::kAction;
                    n->pos = kw.pos;
                    n->pipe = ParsePipe("command", true);
                    if (!n->pipe) return false;
                    list->push_back(n);
                    continue;
                }
                }
            }
            return Fail(it.pos, "unexpected " + it.val);
        }
    }

    bool ExpectRight() {
        const Item& it = Peek();
        if (it.tok == Tok::kRight) {
            Next();
            return true;
        }
        if (it.tok == Tok::kError) return Fail(it.pos, it.val);
        return Fail(it.pos, "unexpected \"" + it.val + "\" in end");
    }

    bool ParseControl(TNode* n, Tok kind) {
        size_t mark = vars_.size();
        std::string ctx = kind == Tok::kIf ? "if" : (kind == Tok::kRange ? "range" : "with");
        n->pipe = ParsePipe(ctx, false);
        if (!n->pipe) return false;
        if (kind == Tok::kRange) ++range_depth_;
        Tok stop;
        if (!ParseList(&n->list, &stop)) return false;
        if (kind == Tok::kRange) --range_depth_;
        if (stop == Tok::kEOF) return Fail(text_.size(), "unexpected EOF");
        if (stop == Tok::kElse) {
            // {{else if ...}} / {{else with ...}} chain into a nested node.
            const Item& nx = Peek();
            if ((kind == Tok::kIf && nx.tok == Tok::kIf) || (kind == Tok::kWith && nx.tok == Tok::kWith)) {
                Item k = Next();
                auto nested = std::make_shared<TNode>();
                nested->kind = n->kind;
                nested->pos = k.pos;
                if (!ParseControl(nested.get(), kind)) return false;
                n->else_list.push_back(nested);
                vars_.resize(mark);
                return true;
            }
            if (!ExpectRight()) return false;
            if (!ParseList(&n->else_list, &stop)) return false;
            if (stop == Tok::kEOF) return Fail(text_.size(), "unexpected EOF");
            if (stop != Tok::kEnd) return Fail(last_pos_, "expected end; found {{else}}");
        }
        vars_.resize(mark);
        return true;
    }

    bool VarDefined(const std::string& name) const {
        for (const auto& v : vars_) {
            if (v == name) return true;
        }
        return false;
    }

    // pipeline: [decl :=] command (| command)* followed by }} (or ')' when nested).
    std::shared_ptr<Pipe> ParsePipe(const std::string& context, bool action, bool nested = false) {
        auto pipe = std::make_shared<Pipe>();
        pipe->pos = Peek().pos;
        // Declarations: $x := / $i, $v :=
        {
            size_t save = i_;
            std::vector<std::string> names;
            bool decl = false;
            while (Peek().tok == Tok::kVariable) {
                names.push_back(Next().val);
                const Item& nx = Peek();
                if (nx.tok == Tok::kComma && names.size() == 1) {
                    Next();
                    continue;
                }
                if (nx.tok == Tok::kDeclare || nx.tok == Tok::kAssign) {
                    pipe->assign = nx.tok == Tok::kAssign;
                    Next();
                    decl = true;
                }
                break;
            }
            if (decl) {
                pipe->decl = names;
                for (const auto& nm : names) {
                    if (pipe->assign && !VarDefined(nm)) {
                        Fail(pipe->pos, "undefined variable \"" + nm + "\"");
                        return nullptr;
                    }
                    if (!pipe->assign) vars_.push_back(nm);
                }
            } else {
                i_ = save;
            }
        }
        for (;;) {
            const Item& it = Peek();
            if (it.tok == Tok::kError) {
                Fail(it.pos, it.val);
                return nullptr;
            }
            if ((!nested && it.tok == Tok::kRight) || (nested && it.tok == Tok::kRParen)) {
                Next();
                if (pipe->cmds.empty()) {
                    Fail(it.pos, "missing value for " + context);
                    return nullptr;
                }
                return pipe;
            }
            if (it.tok == Tok::kEOF) {
                Fail(it.pos, "unclosed action");
                return nullptr;
            }
            Cmd cmd;
            cmd.pos = it.pos;
            if (!ParseCommand(&cmd, nested)) return nullptr;
            pipe->cmds.push_back(std::move(cmd));
            const Item& after = Peek();
            if (after.tok == Tok::kPipe) {
                Next();
                continue;
            }
        }
        (void)action;
    }

    bool ParseCommand(Cmd* cmd, bool nested) {
        for (;;) {
            const Item& it = Peek();
            if (it.tok == Tok::kRight || it.tok == Tok::kPipe || (nested && it.tok == Tok::kRParen)) break;
            if (it.tok == Tok::kEOF) return Fail(it.pos, "unclosed action");
            if (it.tok == Tok::kError) return Fail(it.pos, it.val);
            Arg a;
            if (!ParseOperand(&a)) return false;
            cmd->args.push_back(std::move(a));
            // Operands must be separated by spaces.
            const Item& raw = PeekRaw();
            if (raw.tok != Tok::kSpace && raw.tok != Tok::kRight && raw.tok != Tok::kPipe && raw.tok != Tok::kRParen &&
                raw.tok != Tok::kEOF && raw.tok != Tok::kError) {
                return Fail(raw.pos, "unexpected " + Describe(raw) + " in operand");
            }
        }
        if (cmd->args.empty()) return Fail(Peek().pos, "missing value for command");
        return true;
    }

    static std::string Describe(const Item& it) { return "\"" + it.val + "\""; }

    bool ParseOperand(Arg* a) {
        Item it = Next();
        a->pos = it.pos;
        switch (it.tok) {
        case Tok::kField:
            a->kind = Arg::Kind::kField;
            a->fields.push_back(it.val.substr(1));
            break;
        case Tok::kDot:
            a->kind = Arg::Kind::kDot;
            break;
        case Tok::kVariable:
            a->kind = Arg::Kind::kVariable;
            a->name = it.val;
            if (!VarDefined(it.val)) return Fail(it.pos, "undefined variable \"" + it.val + "\"");
            break;
        case Tok::kString: {
            a->kind = Arg::Kind::kString;
            std::string s;
            if (!Unquote(it.val, &s)) return Fail(it.pos, "invalid syntax");
            a->literal = Value(s);
            break;
        }
        case Tok::kNumber: {
            a->kind = Arg::Kind::kNumber;
            int64_t n = 0;
            if (ParseInt64(it.val, &n)) {
                a->literal = Value(n);
            } else {
                char* end = nullptr;
                double d = std::strtod(it.val.c_str(), &end);
                if (!end || *end) return Fail(it.pos, "illegal number syntax: \"" + it.val + "\"");
                a->literal = Value(d);
            }
            break;
        }
        case Tok::kBool:
            a->kind = Arg::Kind::kBool;
            a->literal = Value(it.val == "true");
            break;
        case Tok::kNil:
            a->kind = Arg::Kind::kNil;
            break;
        case Tok::kIdent:
            if (!IsFunc(it.val)) return Fail(it.pos, "function \"" + it.val + "\" not defined");
            a->kind = Arg::Kind::kIdent;
            a->name = it.val;
            break;
        case Tok::kLParen: {
            a->kind = Arg::Kind::kPipe;
            a->pipe = ParsePipe("parenthesized pipeline", false, true);
            if (!a->pipe) return false;
            break;
        }
        default:
            return Fail(it.pos, "unexpected " + Describe(it) + " in operand");
        }
        // Field chain: .a.b after the first token (no space in between).
        bool first_field = true;
        while (PeekRaw().tok == Tok::kField) {
            Item f = items_[i_++];
            if (first_field) a->pos = f.pos;
            first_field = false;
            if (a->kind == Arg::Kind::kField || a->kind == Arg::Kind::kVariable) a->fields.push_back(f.val.substr(1));
            else if (a->kind == Arg::Kind::kPipe || a->kind == Arg::Kind::kDot) a->chain.push_back(f.val.substr(1));
            else return Fail(f.pos, "unexpected . after term \"" + a->String() + "\"");
        }
        if (a->kind == Arg::Kind::kDot && !a->chain.empty()) {
            a->kind = Arg::Kind::kField;
            a->fields = a->chain;
            a->chain.clear();
        }
        return true;
    }

    static bool Unquote(const std::string& q, std::string* out) {
        if (q.size() >= 2 && q.front() == '`') {
            *out = q.substr(1, q.size() - 2);
            return true;
        }
        std::string body = q.substr(1, q.size() - 2);
        for (size_t i = 0; i < body.size(); ++i) {
            char c = body[i];
            if (c != '\\') {
                *out += c;
                continue;
            }
            if (++i >= body.size()) return false;
            switch (body[i]) {
            case 'n': *out += '\n'; break;
            case 't': *out += '\t'; break;
            case 'r': *out += '\r'; break;
            case '\\': *out += '\\'; break;
            case '"': *out += '"'; break;
            case '\'': *out += '\''; break;
            case 'a': *out += '\a'; break;
            case 'b': *out += '\b'; break;
            case 'f': *out += '\f'; break;
            case 'v': *out += '\v'; break;
            default: return false;
            }
        }
        return true;
    }

    const std::string& text_;
    std::vector<Item> items_;
    size_t i_ = 0;
    std::vector<std::string> vars_;
    std::string error_;
    size_t last_pos_ = 0;
    int depth_ = 0;
    int range_depth_ = 0;
};

// [SECTION] executor

struct TVal {
    Value v;
    bool valid = true;  // false: "no value" (a missing key)
    static TVal Missing() {
        TVal t;
        t.valid = false;
        return t;
    }
};

bool Truth(const TVal& t) {
    if (!t.valid) return false;
    const Value& v = t.v;
    switch (v.type()) {
    case Value::Type::kNull: return false;
    case Value::Type::kBool: return v.AsBool();
    case Value::Type::kInt: return v.AsInt() != 0;
    case Value::Type::kFloat: return v.AsFloat() != 0;
    case Value::Type::kString: return !v.AsString().empty();
    case Value::Type::kArray:
    case Value::Type::kObject: return v.size() > 0;
    }
    return false;
}

// What an action prints: a pipeline's nil interface result is unwrapped to "no value" by
// text/template (evalPipeline's "lovely!" step), so JSON null prints like a missing key.
std::string Printable(const TVal& t) {
    if (!t.valid || t.v.IsNull()) return "<no value>";
    return GoSprint(t.v);
}

struct ExecError {};

class Exec {
public:
    Exec(const std::string& text, const Value& root, std::string* out) : text_(text), out_(out) {
        vars_.push_back({"$", TVal{root, true}});
    }

    bool Run(const TList& list, const TVal& dot) {
        return WalkList(list, dot);
    }

    std::string error;

private:
    enum class Flow { kNormal, kBreak, kContinue, kError };

    bool Fail(size_t pos, const std::string& context, const std::string& msg) {
        if (!error.empty()) return false;
        int line = 1;
        size_t last_nl = std::string::npos;
        for (size_t i = 0; i < pos && i < text_.size(); ++i) {
            if (text_[i] == '\n') {
                ++line;
                last_nl = i;
            }
        }
        size_t col = last_nl == std::string::npos ? pos : pos - (last_nl + 1);
        error = "template: output:" + std::to_string(line) + ":" + std::to_string(col) + ": executing \"output\" at <" +
                context + ">: " + msg;
        return false;
    }

    bool Budget() {
        if (++steps_ > 2000000 || out_->size() > (64u << 20)) {
            if (error.empty()) error = "template: output: execution too large";
            return false;
        }
        return true;
    }

    bool WalkList(const TList& list, const TVal& dot) {
        for (const auto& n : list) {
            if (!Walk(*n, dot)) return false;
            if (flow_ != Flow::kNormal) return true;
        }
        return true;
    }

    bool Walk(const TNode& n, const TVal& dot) {
        if (!Budget()) return false;
        switch (n.kind) {
        case TNode::Kind::kText:
            *out_ += n.text;
            return true;
        case TNode::Kind::kAction: {
            TVal v;
            if (!EvalPipe(*n.pipe, dot, &v)) return false;
            if (n.pipe->decl.empty()) *out_ += Printable(v);
            return true;
        }
        case TNode::Kind::kIf:
        case TNode::Kind::kWith: {
            size_t mark = vars_.size();
            TVal v;
            if (!EvalPipe(*n.pipe, dot, &v)) return false;
            bool ok;
            if (Truth(v)) {
                ok = WalkList(n.list, n.kind == TNode::Kind::kWith ? v : dot);
            } else {
                ok = WalkList(n.else_list, dot);
            }
            vars_.resize(mark);
            return ok;
        }
        case TNode::Kind::kRange:
            return Range(n, dot);
        case TNode::Kind::kBreak:
            flow_ = Flow::kBreak;
            return true;
        case TNode::Kind::kContinue:
            flow_ = Flow::kContinue;
            return true;
        }
        return true;
    }

    bool Range(const TNode& n, const TVal& dot) {
        size_t mark = vars_.size();
        // Evaluate without the declarations, then bind per element.
        Pipe p = *n.pipe;
        std::vector<std::string> decl = p.decl;
        p.decl.clear();
        TVal v;
        if (!EvalPipe(p, dot, &v)) return false;
        auto body = [&](const TVal& key, const TVal& elem) {
            vars_.resize(mark);
            if (decl.size() == 1) vars_.push_back({decl[0], elem});
            else if (decl.size() == 2) {
                vars_.push_back({decl[0], key});
                vars_.push_back({decl[1], elem});
            }
            bool ok = WalkList(n.list, elem);
            return ok;
        };
        bool ran = false;
        if (v.valid && v.v.IsArray()) {
            for (size_t i = 0; i < v.v.size(); ++i) {
                ran = true;
                if (!body(TVal{Value(static_cast<int64_t>(i)), true}, TVal{v.v[i], true})) return false;
                if (flow_ == Flow::kBreak) {
                    flow_ = Flow::kNormal;
                    break;
                }
                flow_ = Flow::kNormal;
            }
        } else if (v.valid && v.v.IsObject()) {
            for (const auto& [k, item] : v.v.members()) {
                ran = true;
                if (!body(TVal{Value(k), true}, TVal{item, true})) return false;
                if (flow_ == Flow::kBreak) {
                    flow_ = Flow::kNormal;
                    break;
                }
                flow_ = Flow::kNormal;
            }
        } else if (v.valid && v.v.IsInt()) {
            for (int64_t i = 0; i < v.v.AsInt() && i < 1000000; ++i) {
                ran = true;
                if (!body(TVal{Value(i), true}, TVal{Value(i), true})) return false;
                if (flow_ == Flow::kBreak) {
                    flow_ = Flow::kNormal;
                    break;
                }
                flow_ = Flow::kNormal;
            }
        } else if (v.valid && !v.v.IsNull()) {
            vars_.resize(mark);
            return Fail(n.pipe->pos, n.pipe->String(), "range can't iterate over " + GoSprint(v.v));
        }
        vars_.resize(mark);
        if (!ran) return WalkList(n.else_list, dot);
        return true;
    }

    bool LookupVar(const std::string& name, TVal* out) {
        for (size_t i = vars_.size(); i-- > 0;) {
            if (vars_[i].first == name) {
                *out = vars_[i].second;
                return true;
            }
        }
        return false;
    }

    bool EvalPipe(const Pipe& p, const TVal& dot, TVal* out) {
        TVal value = TVal::Missing();
        bool have = false;
        for (size_t i = 0; i < p.cmds.size(); ++i) {
            TVal v;
            if (!EvalCmd(p.cmds[i], dot, have ? &value : nullptr, &v)) return false;
            value = v;
            have = true;
        }
        if (!p.decl.empty()) {
            if (p.assign) {
                for (size_t i = vars_.size(); i-- > 0;) {
                    if (vars_[i].first == p.decl[0]) {
                        vars_[i].second = value;
                        break;
                    }
                }
            } else {
                vars_.push_back({p.decl[0], value});
            }
        }
        *out = value;
        return true;
    }

    bool FieldOf(const TVal& receiver, const std::string& name, bool root_map, size_t pos, const std::string& ctx, TVal* out) {
        if (!receiver.valid) {
            *out = TVal::Missing();
            return true;
        }
        if (receiver.v.IsObject()) {
            const Value* f = receiver.v.Find(name);
            *out = f ? TVal{*f, true} : TVal::Missing();
            return true;
        }
        std::string type = root_map ? "map[string]interface {}" : "interface {}";
        if (receiver.v.IsNull()) return Fail(pos, ctx, "nil pointer evaluating " + type + "." + name);
        return Fail(pos, ctx, "can't evaluate field " + name + " in type " + type);
    }

    bool EvalArg(const Arg& a, const TVal& dot, TVal* out) {
        std::string ctx = a.String();
        switch (a.kind) {
        case Arg::Kind::kDot:
            *out = dot;
            break;
        case Arg::Kind::kField: {
            TVal cur = dot;
            bool root = &dot == &vars_[0].second;
            for (size_t i = 0; i < a.fields.size(); ++i) {
                TVal next;
                if (!FieldOf(cur, a.fields[i], i == 0 && (root || cur.v.IsObject()), a.pos, ctx, &next)) return false;
                cur = next;
            }
            *out = cur;
            return true;
        }
        case Arg::Kind::kVariable: {
            TVal cur;
            if (!LookupVar(a.name, &cur)) return Fail(a.pos, ctx, "undefined variable: " + a.name);
            for (size_t i = 0; i < a.fields.size(); ++i) {
                TVal next;
                if (!FieldOf(cur, a.fields[i], false, a.pos, ctx, &next)) return false;
                cur = next;
            }
            *out = cur;
            return true;
        }
        case Arg::Kind::kString:
        case Arg::Kind::kNumber:
        case Arg::Kind::kBool:
            *out = TVal{a.literal, true};
            break;
        case Arg::Kind::kNil:
            return Fail(a.pos, ctx, "nil is not a command");
        case Arg::Kind::kIdent: {
            Cmd c;
            c.args.push_back(a);
            c.pos = a.pos;
            return EvalCmd(c, dot, nullptr, out);
        }
        case Arg::Kind::kPipe:
            if (!EvalPipe(*a.pipe, dot, out)) return false;
            break;
        }
        for (const auto& f : a.chain) {
            TVal next;
            if (!FieldOf(*out, f, false, a.pos, ctx, &next)) return false;
            *out = next;
        }
        return true;
    }

    bool EvalCmd(const Cmd& c, const TVal& dot, const TVal* final_arg, TVal* out) {
        const Arg& first = c.args[0];
        if (first.kind == Arg::Kind::kIdent) {
            std::vector<TVal> args;
            for (size_t i = 1; i < c.args.size(); ++i) {
                TVal v;
                if (!EvalArg(c.args[i], dot, &v)) return false;
                args.push_back(v);
            }
            if (final_arg) args.push_back(*final_arg);
            return Call(first.name, args, c, out);
        }
        if (c.args.size() > 1 || final_arg) {
            if (first.kind == Arg::Kind::kField || first.kind == Arg::Kind::kVariable) {
                return Fail(c.pos, c.String(), first.fields.empty() ? "can't give argument to non-function " + first.String()
                                                                    : first.fields.back() + " has arguments but cannot be invoked as function");
            }
            return Fail(c.pos, c.String(), "can't give argument to non-function " + first.String());
        }
        return EvalArg(first, dot, out);
    }

    static bool Basic(const TVal& v) {
        return v.valid && (v.v.IsString() || v.v.IsInt() || v.v.IsFloat() || v.v.IsBool());
    }

    // Compares two basic values: returns -1/0/1; false with a message on mismatch.
    bool Cmp(const TVal& a, const TVal& b, int* r, std::string* msg) {
        if (!Basic(a) || !Basic(b)) {
            *msg = "invalid type for comparison";
            return false;
        }
        const Value& x = a.v;
        const Value& y = b.v;
        if (x.IsString() && y.IsString()) *r = x.AsString() < y.AsString() ? -1 : (x.AsString() == y.AsString() ? 0 : 1);
        else if (x.IsInt() && y.IsInt()) *r = x.AsInt() < y.AsInt() ? -1 : (x.AsInt() == y.AsInt() ? 0 : 1);
        else if (x.IsFloat() && y.IsFloat()) *r = x.AsFloat() < y.AsFloat() ? -1 : (x.AsFloat() == y.AsFloat() ? 0 : 1);
        else if (x.IsBool() && y.IsBool()) *r = x.AsBool() == y.AsBool() ? 0 : 1;
        else {
            *msg = "incompatible types for comparison";
            return false;
        }
        return true;
    }

    bool WantArgs(const std::string& name, const std::vector<TVal>& args, size_t n, const Cmd& c) {
        if (args.size() != n) {
            return Fail(c.pos, c.String(), "wrong number of args for " + name + ": want " + std::to_string(n) + " got " +
                                                std::to_string(args.size()));
        }
        return true;
    }

    bool Call(const std::string& name, const std::vector<TVal>& args, const Cmd& c, TVal* out) {
        std::string ctx = c.String();
        auto callerr = [&](const std::string& msg) { return Fail(c.args[0].pos, ctx, "error calling " + name + ": " + msg); };
        if (name == "and" || name == "or") {
            if (args.empty()) return Fail(c.pos, ctx, "wrong number of args for " + name + ": want at least 1 got 0");
            for (const auto& a : args) {
                bool t = Truth(a);
                if ((name == "and" && !t) || (name == "or" && t)) {
                    *out = a;
                    return true;
                }
            }
            *out = args.back();
            return true;
        }
        if (name == "not") {
            if (!WantArgs(name, args, 1, c)) return false;
            *out = TVal{Value(!Truth(args[0])), true};
            return true;
        }
        if (name == "len") {
            if (!WantArgs(name, args, 1, c)) return false;
            const TVal& a = args[0];
            if (!a.valid || a.v.IsNull()) return callerr("len of nil pointer");
            if (a.v.IsString()) *out = TVal{Value(static_cast<int64_t>(a.v.AsString().size())), true};
            else if (a.v.IsArray() || a.v.IsObject()) *out = TVal{Value(static_cast<int64_t>(a.v.size())), true};
            else return callerr("len of type " + std::string(a.v.IsInt() ? "int64" : (a.v.IsBool() ? "bool" : "float64")));
            return true;
        }
        if (name == "index") {
            if (args.empty()) return Fail(c.pos, ctx, "wrong number of args for index: want at least 1 got 0");
            TVal cur = args[0];
            for (size_t i = 1; i < args.size(); ++i) {
                const TVal& k = args[i];
                if (!cur.valid || cur.v.IsNull()) return callerr("index of untyped nil");
                if (cur.v.IsArray()) {
                    if (!k.valid || !k.v.IsInt()) return callerr("cannot index slice/array with type " + std::string(k.v.IsString() ? "string" : "float64"));
                    int64_t idx = k.v.AsInt();
                    if (idx < 0 || idx >= static_cast<int64_t>(cur.v.size())) {
                        return callerr("index out of range: " + std::to_string(idx));
                    }
                    cur = TVal{cur.v[static_cast<size_t>(idx)], true};
                } else if (cur.v.IsObject()) {
                    if (!k.valid || !k.v.IsString()) return callerr("value has type int; should be string");
                    const Value* f = cur.v.Find(k.v.AsString());
                    cur = f ? TVal{*f, true} : TVal{Value(), true};
                    if (!f) cur.valid = true;
                } else {
                    return callerr("can't index item of type interface {}");
                }
            }
            *out = cur;
            return true;
        }
        if (name == "print" || name == "println") {
            std::string s;
            for (size_t i = 0; i < args.size(); ++i) {
                bool is_str = args[i].valid && args[i].v.IsString();
                bool prev_str = i > 0 && args[i - 1].valid && args[i - 1].v.IsString();
                if (i > 0 && (name == "println" || (!is_str && !prev_str))) s += ' ';
                s += Printable(args[i]);
            }
            if (name == "println") s += '\n';
            *out = TVal{Value(s), true};
            return true;
        }
        if (name == "printf") {
            if (args.empty() || !args[0].valid || !args[0].v.IsString()) {
                return Fail(c.pos, ctx, "wrong number of args for printf: want at least 1 got 0");
            }
            std::vector<TVal> rest(args.begin() + 1, args.end());
            *out = TVal{Value(Sprintf(args[0].v.AsString(), rest)), true};
            return true;
        }
        if (name == "eq" || name == "ne" || name == "lt" || name == "le" || name == "gt" || name == "ge") {
            if (name == "eq") {
                if (args.size() < 2) return Fail(c.pos, ctx, "wrong number of args for eq: want at least 2 got " + std::to_string(args.size()));
                for (size_t i = 1; i < args.size(); ++i) {
                    int r = 0;
                    std::string msg;
                    if (!Cmp(args[0], args[i], &r, &msg)) return callerr(msg);
                    if (r == 0) {
                        *out = TVal{Value(true), true};
                        return true;
                    }
                }
                *out = TVal{Value(false), true};
                return true;
            }
            if (!WantArgs(name, args, 2, c)) return false;
            int r = 0;
            std::string msg;
            if (!Cmp(args[0], args[1], &r, &msg)) return callerr(msg);
            bool b = name == "ne" ? r != 0 : name == "lt" ? r < 0 : name == "le" ? r <= 0 : name == "gt" ? r > 0 : r >= 0;
            *out = TVal{Value(b), true};
            return true;
        }
        if (name == "slice") {
            if (args.empty()) return Fail(c.pos, ctx, "wrong number of args for slice: want at least 1 got 0");
            const TVal& a = args[0];
            if (!a.valid || !(a.v.IsString() || a.v.IsArray())) return callerr("can't slice item of type interface {}");
            int64_t len = a.v.IsString() ? static_cast<int64_t>(a.v.AsString().size()) : static_cast<int64_t>(a.v.size());
            int64_t lo = 0, hi = len;
            if (args.size() > 1 && args[1].valid && args[1].v.IsInt()) lo = args[1].v.AsInt();
            if (args.size() > 2 && args[2].valid && args[2].v.IsInt()) hi = args[2].v.AsInt();
            if (lo < 0 || hi > len || lo > hi) return callerr("index out of range: " + std::to_string(lo > hi ? lo : hi));
            if (a.v.IsString()) {
                *out = TVal{Value(a.v.AsString().substr(static_cast<size_t>(lo), static_cast<size_t>(hi - lo))), true};
            } else {
                Value arr = Value::MakeArray();
                for (int64_t i = lo; i < hi; ++i) arr.Push(a.v[static_cast<size_t>(i)]);
                *out = TVal{arr, true};
            }
            return true;
        }
        if (name == "html" || name == "js" || name == "urlquery") {
            std::string s;
            for (const auto& a : args) s += Printable(a);
            *out = TVal{Value(s), true};
            return true;
        }
        return Fail(c.pos, ctx, "can't call " + name);
    }

    // fmt.Sprintf for the verbs templates use.
    static std::string Sprintf(const std::string& f, const std::vector<TVal>& args) {
        std::string out;
        size_t ai = 0;
        for (size_t i = 0; i < f.size(); ++i) {
            if (f[i] != '%') {
                out += f[i];
                continue;
            }
            if (i + 1 < f.size() && f[i + 1] == '%') {
                out += '%';
                ++i;
                continue;
            }
            size_t j = i + 1;
            std::string flags;
            while (j < f.size() && std::string("+-# 0").find(f[j]) != std::string::npos) flags += f[j++];
            std::string width, prec;
            while (j < f.size() && f[j] >= '0' && f[j] <= '9') width += f[j++];
            bool has_prec = false;
            if (j < f.size() && f[j] == '.') {
                has_prec = true;
                ++j;
                while (j < f.size() && f[j] >= '0' && f[j] <= '9') prec += f[j++];
            }
            if (j >= f.size()) {
                out += "%!(NOVERB)";
                break;
            }
            char verb = f[j];
            i = j;
            if (ai >= args.size()) {
                out += std::string("%!") + verb + "(MISSING)";
                continue;
            }
            const TVal& a = args[ai++];
            std::string body;
            const Value& v = a.v;
            auto bad = [&]() {
                std::string t = !a.valid ? "<nil>" : v.IsString() ? "string" : v.IsInt() ? "int64" : v.IsFloat() ? "float64" : v.IsBool() ? "bool" : v.IsArray() ? "[]interface {}" : "map[string]interface {}";
                return std::string("%!") + verb + "(" + t + "=" + Printable(a) + ")";
            };
            switch (verb) {
            case 'v': body = Printable(a); break;
            case 's':
                if (a.valid && v.IsString()) body = v.AsString();
                else if (a.valid && (v.IsArray() || v.IsObject())) body = GoSprint(v);
                else body = bad();
                if (has_prec && a.valid && v.IsString()) {
                    int64_t p = 0;
                    ParseInt64(prec.empty() ? "0" : prec, &p);
                    if (static_cast<int64_t>(body.size()) > p) body = body.substr(0, static_cast<size_t>(p));
                }
                break;
            case 'q': body = a.valid && v.IsString() ? GoQuote(v.AsString()) : bad(); break;
            case 'd':
                if (a.valid && v.IsInt()) body = std::to_string(v.AsInt());
                else body = bad();
                break;
            case 'x':
            case 'X':
                if (a.valid && v.IsInt()) {
                    char buf[32];
                    std::snprintf(buf, sizeof buf, verb == 'x' ? "%llx" : "%llX", static_cast<long long>(v.AsInt()));
                    body = buf;
                } else if (a.valid && v.IsString()) {
                    static const char* hex = "0123456789abcdef";
                    for (unsigned char ch : v.AsString()) {
                        body += hex[ch >> 4];
                        body += hex[ch & 15];
                    }
                } else {
                    body = bad();
                }
                break;
            case 'f':
            case 'g':
            case 'e':
                if (a.valid && (v.IsFloat() || v.IsInt())) {
                    char buf[64];
                    std::string spec = std::string("%") + (has_prec ? "." + (prec.empty() ? "0" : prec) : (verb == 'f' || verb == 'e' ? ".6" : "")) + verb;
                    if (verb == 'g' && !has_prec) body = GoFormatFloatG(v.AsFloat());
                    else {
                        std::snprintf(buf, sizeof buf, spec.c_str(), v.AsFloat());
                        body = buf;
                    }
                    if (v.IsInt() && verb != 'g') body = bad();
                } else {
                    body = bad();
                }
                break;
            case 't':
                body = a.valid && v.IsBool() ? (v.AsBool() ? "true" : "false") : bad();
                break;
            default:
                body = std::string("%!") + verb + "(" + Printable(a) + ")";
            }
            int64_t w = 0;
            if (!width.empty() && ParseInt64(width, &w) && static_cast<int64_t>(body.size()) < w) {
                size_t padn = static_cast<size_t>(w) - body.size();
                if (flags.find('-') != std::string::npos) body += std::string(padn, ' ');
                else if (flags.find('0') != std::string::npos && (verb == 'd' || verb == 'f')) {
                    bool neg = !body.empty() && body[0] == '-';
                    body = (neg ? "-" : "") + std::string(padn, '0') + body.substr(neg ? 1 : 0);
                } else {
                    body = std::string(padn, ' ') + body;
                }
            }
            out += body;
        }
        if (ai < args.size()) {
            out += "%!(EXTRA ";
            for (size_t k = ai; k < args.size(); ++k) {
                if (k > ai) out += ", ";
                const Value& v = args[k].v;
                std::string t = v.IsString() ? "string" : v.IsInt() ? "int64" : v.IsFloat() ? "float64" : v.IsBool() ? "bool" : "interface {}";
                out += t + "=" + Printable(args[k]);
            }
            out += ")";
        }
        return out;
    }

    const std::string& text_;
    std::string* out_;
    std::vector<std::pair<std::string, TVal>> vars_;
    Flow flow_ = Flow::kNormal;
    uint64_t steps_ = 0;
};

}  // namespace

struct GoTemplate::Impl {
    std::string text;
    TList root;
};

GoTemplate::GoTemplate() = default;
GoTemplate::~GoTemplate() = default;
GoTemplate::GoTemplate(GoTemplate&&) noexcept = default;
GoTemplate& GoTemplate::operator=(GoTemplate&&) noexcept = default;

bool GoTemplate::Parse(const std::string& text, std::string* error) {
    auto impl = std::make_shared<Impl>();
    impl->text = text;
    Lexer lexer(impl->text);
    TParser parser(impl->text, lexer.Run());
    if (!parser.Parse(&impl->root, error)) return false;
    impl_ = impl;
    return true;
}

bool GoTemplate::Execute(const Value& data, std::string* out, std::string* error) const {
    if (!impl_) {
        *error = "template: output: \"output\" is an incomplete or empty template";
        return false;
    }
    Exec exec(impl_->text, data, out);
    TVal dot{data, true};
    if (!exec.Run(impl_->root, dot)) {
        *error = exec.error;
        return false;
    }
    return true;
}

}  // namespace sts::kubectl
