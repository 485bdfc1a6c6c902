// Lexer and recursive-descent parser for the sh subset (POSIX Shell Command Language, XCU 2.3
// token recognition and 2.10 grammar, trimmed). The lexer works on demand with one token of
// lookahead, because word lexing needs the parser ($(...) holds a whole program) and heredoc
// bodies are read right after the newline that ends their command line.
#include "shell/parser.h"

#include <optional>
#include <utility>

namespace sts::shell {

bool Word::IsPlain() const {
    for (const auto& p : parts) {
        if (p.kind != WordPart::Kind::kLiteral || p.quoted) return false;
    }
    return true;
}

std::string Word::PlainText() const {
    std::string s;
    for (const auto& p : parts) {
        if (p.kind == WordPart::Kind::kLiteral) s += p.text;
    }
    return s;
}

bool Word::HasQuotes() const {
    for (const auto& p : parts) {
        if (p.quoted) return true;
    }
    return false;
}

bool IsShellName(std::string_view s) {
    if (s.empty()) return false;
    auto alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
    if (!alpha(s[0])) return false;
    for (char c : s) {
        if (!alpha(c) && !(c >= '0' && c <= '9')) return false;
    }
    return true;
}

namespace {

struct HeredocPending {
    std::shared_ptr<Heredoc> heredoc;
    std::string delimiter;
    bool strip_tabs;
};

struct Token {
    enum class Type { kWord, kOp, kNewline, kEof, kIoNumber };
    Type type = Type::kEof;
    std::string op;  // kOp
    Word word;       // kWord
    int fd = -1;     // kIoNumber
    int line = 1;
};

bool IsOpChar(char c) { return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '(' || c == ')'; }
bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r'; }

class Parser {
public:
    Parser(std::string_view src, const ParseOptions& options, int depth)
        : src_(src), options_(options), depth_(depth) {}

    ParseResult Run() {
        ParseResult result;
        if (src_.size() > options_.max_input) {
            result.status = ParseResult::Status::kError;
            result.error.kind = SyntaxError::Kind::kTooLong;
            return result;
        }
        auto program = std::make_shared<Program>();
        program->list = ParseCompoundList({}, false);
        if (ok()) {
            const Token& t = Peek();
            if (ok() && t.type != Token::Type::kEof) Unexpected(t);
        }
        if (ok() && !pending_.empty()) {
            // "cat <<EOF" as the last line, no newline yet: the body is still to come.
            Incomplete("");
        }
        if (incomplete_) {
            result.status = ParseResult::Status::kIncomplete;
        } else if (!err_.ok()) {
            result.status = ParseResult::Status::kError;
        } else {
            result.program = program;
        }
        result.error = err_;
        return result;
    }

    // For $( ... ): parses a list that ends at ')' and consumes the ')'.
    std::shared_ptr<Program> ParseSubstitution() {
        auto program = std::make_shared<Program>();
        program->list = ParseCompoundList({}, true);
        if (!ok()) return nullptr;
        const Token& t = Peek();
        if (!ok()) return nullptr;
        if (t.type == Token::Type::kEof) {
            Incomplete(")");
            return nullptr;
        }
        if (!(t.type == Token::Type::kOp && t.op == ")")) {
            Unexpected(t);
            return nullptr;
        }
        Consume();
        return program;
    }

    size_t pos() const { return pos_; }
    void set_pos(size_t p) { pos_ = p; }
    void set_line(int l) { line_ = l; }
    int line() const { return line_; }
    const SyntaxError& error() const { return err_; }
    bool incomplete() const { return incomplete_; }

private:
    bool ok() const { return err_.ok() && !incomplete_; }

    void Incomplete(std::string expecting) {
        if (!ok()) return;
        incomplete_ = true;
        err_.kind = SyntaxError::Kind::kUnexpectedEof;
        err_.expecting = std::move(expecting);
        err_.line = line_;
    }
    void IncompleteQuote(char q) {
        if (!ok()) return;
        incomplete_ = true;
        err_.kind = SyntaxError::Kind::kUnterminatedQuote;
        err_.quote = q;
        err_.line = line_;
    }
    void Fail(SyntaxError::Kind kind, std::string token) {
        if (!ok()) return;
        err_.kind = kind;
        err_.token = std::move(token);
        err_.line = line_;
    }
    void Unexpected(const Token& t) {
        std::string name;
        switch (t.type) {
        case Token::Type::kNewline: name = "newline"; break;
        case Token::Type::kEof: name = "newline"; break;
        case Token::Type::kOp: name = t.op; break;
        case Token::Type::kWord: name = t.word.raw; break;
        case Token::Type::kIoNumber: name = std::to_string(t.fd); break;
        }
        Fail(SyntaxError::Kind::kUnexpectedToken, name);
    }
    bool Enter() {
        if (++depth_ > options_.max_depth) {
            Fail(SyntaxError::Kind::kTooDeep, "");
            return false;
        }
        return true;
    }
    void Leave() { --depth_; }

    // [SECTION] tokens

    const Token& Peek() {
        if (!peeked_) {
            peeked_ = Lex();
        }
        return *peeked_;
    }
    Token Consume() {
        Peek();
        Token t = std::move(*peeked_);
        peeked_.reset();
        return t;
    }

    bool AtEnd() const { return pos_ >= src_.size(); }
    char Cur() const { return pos_ < src_.size() ? src_[pos_] : '\0'; }
    char At(size_t i) const { return i < src_.size() ? src_[i] : '\0'; }

    Token Lex() {
        Token t;
        // Blanks, line continuations and comments.
        for (;;) {
            while (!AtEnd() && IsBlank(Cur())) ++pos_;
            if (Cur() == '\\' && At(pos_ + 1) == '\n') {
                pos_ += 2;
                ++line_;
                continue;
            }
            if (Cur() == '#') {
                while (!AtEnd() && Cur() != '\n') ++pos_;
            }
            break;
        }
        t.line = line_;
        if (!ok()) return t;
        if (AtEnd()) {
            t.type = Token::Type::kEof;
            return t;
        }
        char c = Cur();
        if (c == '\n') {
            ++pos_;
            ++line_;
            t.type = Token::Type::kNewline;
            ReadHeredocBodies();
            return t;
        }
        if (IsOpChar(c)) {
            t.type = Token::Type::kOp;
            static const char* kOps[] = {"<<-", "&&", "||", ";;", "<<", ">>", ">&", "<&", ">|",
                                         "|", "&", ";", "<", ">", "(", ")"};
            for (const char* op : kOps) {
                std::string_view o(op);
                if (src_.substr(pos_, o.size()) == o) {
                    t.op = std::string(o);
                    pos_ += o.size();
                    return t;
                }
            }
        }
        // IO number: digits directly followed by < or >.
        if (c >= '0' && c <= '9') {
            size_t j = pos_;
            while (j < src_.size() && src_[j] >= '0' && src_[j] <= '9') ++j;
            if (j < src_.size() && (src_[j] == '<' || src_[j] == '>') && j - pos_ <= 2) {
                t.type = Token::Type::kIoNumber;
                t.fd = std::stoi(std::string(src_.substr(pos_, j - pos_)));
                pos_ = j;
                return t;
            }
        }
        t.type = Token::Type::kWord;
        LexWord(&t.word);
        return t;
    }

    // [SECTION] words

    static void AddLiteral(std::vector<WordPart>* parts, std::string_view text, bool quoted) {
        if (text.empty()) return;
        if (!parts->empty() && parts->back().kind == WordPart::Kind::kLiteral &&
            parts->back().quoted == quoted) {
            parts->back().text += text;
            return;
        }
        WordPart p;
        p.kind = WordPart::Kind::kLiteral;
        p.quoted = quoted;
        p.text = std::string(text);
        parts->push_back(std::move(p));
    }
    static void AddEmptyQuoted(std::vector<WordPart>* parts) {
        WordPart p;
        p.kind = WordPart::Kind::kLiteral;
        p.quoted = true;
        parts->push_back(std::move(p));
    }

    void LexWord(Word* w) {
        size_t start = pos_;
        while (ok() && !AtEnd()) {
            char c = Cur();
            if (IsBlank(c) || c == '\n' || IsOpChar(c)) break;
            if (c == '\'') {
                size_t end = src_.find('\'', pos_ + 1);
                if (end == std::string_view::npos) {
                    IncompleteQuote('\'');
                    return;
                }
                std::string_view text = src_.substr(pos_ + 1, end - pos_ - 1);
                for (char ch : text) {
                    if (ch == '\n') ++line_;
                }
                if (text.empty()) AddEmptyQuoted(&w->parts);
                AddLiteral(&w->parts, text, true);
                pos_ = end + 1;
            } else if (c == '"') {
                ++pos_;
                size_t before = w->parts.size();
                LexDoubleQuoted(&w->parts);
                if (!ok()) return;
                if (w->parts.size() == before) AddEmptyQuoted(&w->parts);
            } else if (c == '\\') {
                if (pos_ + 1 >= src_.size()) {
                    // A trailing backslash continues the line.
                    Incomplete("");
                    return;
                }
                if (src_[pos_ + 1] == '\n') {
                    pos_ += 2;
                    ++line_;
                    continue;
                }
                AddLiteral(&w->parts, src_.substr(pos_ + 1, 1), true);
                pos_ += 2;
            } else if (c == '$') {
                LexDollar(&w->parts, false);
            } else if (c == '`') {
                LexBackquote(&w->parts, false);
            } else {
                size_t j = pos_;
                while (j < src_.size()) {
                    char d = src_[j];
                    if (IsBlank(d) || d == '\n' || IsOpChar(d) || d == '\'' || d == '"' || d == '\\' ||
                        d == '$' || d == '`')
                        break;
                    ++j;
                }
                AddLiteral(&w->parts, src_.substr(pos_, j - pos_), false);
                pos_ = j;
            }
        }
        w->raw = std::string(src_.substr(start, pos_ - start));
    }

    // After the opening quote; consumes the closing one.
    void LexDoubleQuoted(std::vector<WordPart>* parts) {
        while (ok()) {
            if (AtEnd()) {
                IncompleteQuote('"');
                return;
            }
            char c = Cur();
            if (c == '"') {
                ++pos_;
                return;
            }
            if (c == '\\') {
                char n = At(pos_ + 1);
                if (pos_ + 1 >= src_.size()) {
                    IncompleteQuote('"');
                    return;
                }
                if (n == '\n') {
                    pos_ += 2;
                    ++line_;
                    continue;
                }
                if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    AddLiteral(parts, src_.substr(pos_ + 1, 1), true);
                } else {
                    AddLiteral(parts, src_.substr(pos_, 2), true);
                }
                pos_ += 2;
            } else if (c == '$') {
                LexDollar(parts, true);
            } else if (c == '`') {
                LexBackquote(parts, true);
            } else {
                size_t j = pos_;
                while (j < src_.size() && src_[j] != '"' && src_[j] != '\\' && src_[j] != '$' &&
                       src_[j] != '`') {
                    if (src_[j] == '\n') ++line_;
                    ++j;
                }
                AddLiteral(parts, src_.substr(pos_, j - pos_), true);
                pos_ = j;
            }
        }
    }

    static bool IsNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (c >= '0' && c <= '9');
    }

    void LexDollar(std::vector<WordPart>* parts, bool quoted) {
        char n = At(pos_ + 1);
        if (n == '(' && At(pos_ + 2) == '(') {
            // $(( expr )): find the matching "))".
            size_t j = pos_ + 3;
            int depth = 0;
            while (j < src_.size()) {
                if (src_[j] == '(') ++depth;
                if (src_[j] == ')') {
                    if (depth == 0 && At(j + 1) == ')') break;
                    if (depth > 0) --depth;
                }
                if (src_[j] == '\n') ++line_;
                ++j;
            }
            if (j >= src_.size()) {
                Incomplete("))");
                return;
            }
            WordPart p;
            p.kind = WordPart::Kind::kArith;
            p.quoted = quoted;
            p.text = std::string(src_.substr(pos_ + 3, j - pos_ - 3));
            parts->push_back(std::move(p));
            pos_ = j + 2;
            return;
        }
        if (n == '(') {
            if (!Enter()) return;
            pos_ += 2;
            auto saved = std::move(peeked_);
            peeked_.reset();
            auto program = ParseSubstitution();
            peeked_ = std::move(saved);
            Leave();
            if (!program) return;
            WordPart p;
            p.kind = WordPart::Kind::kCommand;
            p.quoted = quoted;
            p.program = program;
            parts->push_back(std::move(p));
            return;
        }
        if (n == '{') {
            LexBraceParam(parts, quoted);
            return;
        }
        if (n == '?' || n == '#' || n == '@' || n == '*' || n == '$' || n == '!' || n == '-' ||
            (n >= '0' && n <= '9')) {
            WordPart p;
            p.kind = WordPart::Kind::kParam;
            p.quoted = quoted;
            p.text = std::string(1, n);
            parts->push_back(std::move(p));
            pos_ += 2;
            return;
        }
        if ((n >= 'a' && n <= 'z') || (n >= 'A' && n <= 'Z') || n == '_') {
            size_t j = pos_ + 1;
            while (j < src_.size() && IsNameChar(src_[j])) ++j;
            WordPart p;
            p.kind = WordPart::Kind::kParam;
            p.quoted = quoted;
            p.text = std::string(src_.substr(pos_ + 1, j - pos_ - 1));
            parts->push_back(std::move(p));
            pos_ = j;
            return;
        }
        // A lone '$' is literal.
        AddLiteral(parts, "$", quoted);
        ++pos_;
    }

    void LexBraceParam(std::vector<WordPart>* parts, bool quoted) {
        size_t open = pos_;  // at '$'
        size_t j = pos_ + 2;
        int depth = 1;
        char quote = 0;
        while (j < src_.size()) {
            char c = src_[j];
            if (quote) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"') ++j;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '\\') {
                ++j;
            } else if (c == '{') {
                ++depth;
            } else if (c == '}') {
                if (--depth == 0) break;
            }
            ++j;
        }
        if (j >= src_.size()) {
            Incomplete("}");
            return;
        }
        std::string_view inner = src_.substr(pos_ + 2, j - pos_ - 2);
        std::string whole(src_.substr(open, j + 1 - open));
        pos_ = j + 1;
        WordPart p;
        p.kind = WordPart::Kind::kParam;
        p.quoted = quoted;
        if (!inner.empty() && inner[0] == '#' && inner.size() > 1) {
            std::string_view name = inner.substr(1);
            if (!IsShellName(name) && !(name.size() == 1 && (name[0] == '@' || name[0] == '*' ||
                                                            (name[0] >= '0' && name[0] <= '9')))) {
                Fail(SyntaxError::Kind::kBadSubstitution, whole);
                return;
            }
            p.text = std::string(name);
            p.op = "#len";
            parts->push_back(std::move(p));
            return;
        }
        size_t k = 0;
        if (!inner.empty() && (inner[0] == '?' || inner[0] == '#' || inner[0] == '@' || inner[0] == '*' ||
                               inner[0] == '$' || inner[0] == '!' || (inner[0] >= '0' && inner[0] <= '9'))) {
            k = 1;
            if (inner[0] >= '0' && inner[0] <= '9') {
                while (k < inner.size() && inner[k] >= '0' && inner[k] <= '9') ++k;
            }
        } else {
            while (k < inner.size() && IsNameChar(inner[k])) ++k;
            if (k == 0 || (inner[0] >= '0' && inner[0] <= '9')) {
                Fail(SyntaxError::Kind::kBadSubstitution, whole);
                return;
            }
        }
        p.text = std::string(inner.substr(0, k));
        std::string_view rest = inner.substr(k);
        if (!rest.empty()) {
            std::string op;
            if (rest[0] == ':' && rest.size() >= 2 &&
                (rest[1] == '-' || rest[1] == '=' || rest[1] == '+' || rest[1] == '?')) {
                op = std::string(rest.substr(0, 2));
            } else if (rest[0] == '-' || rest[0] == '=' || rest[0] == '+' || rest[0] == '?') {
                op = std::string(rest.substr(0, 1));
            } else {
                Fail(SyntaxError::Kind::kBadSubstitution, whole);
                return;
            }
            p.op = op;
            std::string_view alt = rest.substr(op.size());
            Parser sub(alt, options_, depth_ + 1);
            if (depth_ + 1 > options_.max_depth) {
                Fail(SyntaxError::Kind::kTooDeep, "");
                return;
            }
            Word w;
            if (quoted) {
                // Inside "..", the word is expanded as if double-quoted.
                sub.LexDoubleQuotedBody(&w.parts);
            } else {
                sub.LexWordAll(&w);
            }
            if (!sub.error().ok()) {
                Fail(sub.error().kind, sub.error().token.empty() ? whole : sub.error().token);
                return;
            }
            p.alt = std::move(w.parts);
        }
        parts->push_back(std::move(p));
    }

    void LexBackquote(std::vector<WordPart>* parts, bool quoted) {
        size_t j = pos_ + 1;
        std::string inner;
        while (j < src_.size() && src_[j] != '`') {
            if (src_[j] == '\\' && j + 1 < src_.size() &&
                (src_[j + 1] == '`' || src_[j + 1] == '\\' || src_[j + 1] == '$')) {
                inner += src_[j + 1];
                j += 2;
                continue;
            }
            inner += src_[j];
            ++j;
        }
        if (j >= src_.size()) {
            IncompleteQuote('`');
            return;
        }
        pos_ = j + 1;
        if (depth_ + 1 > options_.max_depth) {
            Fail(SyntaxError::Kind::kTooDeep, "");
            return;
        }
        Parser sub(inner, options_, depth_ + 1);
        ParseResult r = sub.Run();
        if (r.status != ParseResult::Status::kOk) {
            if (r.status == ParseResult::Status::kIncomplete) IncompleteQuote('`');
            else Fail(r.error.kind, r.error.token);
            return;
        }
        WordPart p;
        p.kind = WordPart::Kind::kCommand;
        p.quoted = quoted;
        p.program = r.program;
        parts->push_back(std::move(p));
    }

public:
    // The whole input as one word body (used for ${x:-word} alternatives).
    void LexWordAll(Word* w) {
        while (ok() && !AtEnd()) {
            LexWord(w);
            if (!ok()) return;
            if (!AtEnd()) {
                // Blanks and operators are literal inside ${...}.
                AddLiteral(&w->parts, src_.substr(pos_, 1), false);
                ++pos_;
            }
        }
    }
    // The whole input as the inside of "..." (no closing quote expected).
    void LexDoubleQuotedBody(std::vector<WordPart>* parts) {
        while (ok() && !AtEnd()) {
            char c = Cur();
            if (c == '\\' && pos_ + 1 < src_.size()) {
                char n = src_[pos_ + 1];
                if (n == '$' || n == '`' || n == '"' || n == '\\') AddLiteral(parts, src_.substr(pos_ + 1, 1), true);
                else AddLiteral(parts, src_.substr(pos_, 2), true);
                pos_ += 2;
            } else if (c == '$') {
                LexDollar(parts, true);
            } else if (c == '`') {
                LexBackquote(parts, true);
            } else {
                AddLiteral(parts, src_.substr(pos_, 1), true);
                ++pos_;
            }
        }
    }
    // A heredoc body: like "..." but double quotes are literal and only \$ \` \\ escape.
    void LexHeredocBody(std::vector<WordPart>* parts) {
        while (ok() && !AtEnd()) {
            char c = Cur();
            if (c == '\\' && pos_ + 1 < src_.size()) {
                char n = src_[pos_ + 1];
                if (n == '$' || n == '`' || n == '\\') {
                    AddLiteral(parts, src_.substr(pos_ + 1, 1), true);
                    pos_ += 2;
                } else if (n == '\n') {
                    pos_ += 2;
                } else {
                    AddLiteral(parts, src_.substr(pos_, 2), true);
                    pos_ += 2;
                }
            } else if (c == '$') {
                LexDollar(parts, true);
            } else if (c == '`') {
                LexBackquote(parts, true);
            } else {
                size_t j = pos_;
                while (j < src_.size() && src_[j] != '\\' && src_[j] != '$' && src_[j] != '`') ++j;
                AddLiteral(parts, src_.substr(pos_, j - pos_), true);
                pos_ = j;
            }
        }
    }

private:
    void ReadHeredocBodies() {
        while (!pending_.empty() && ok()) {
            HeredocPending h = pending_.front();
            std::string body;
            bool found = false;
            while (pos_ < src_.size()) {
                size_t nl = src_.find('\n', pos_);
                bool last = nl == std::string_view::npos;
                std::string_view line = src_.substr(pos_, last ? std::string_view::npos : nl - pos_);
                if (h.strip_tabs) {
                    while (!line.empty() && line[0] == '\t') line.remove_prefix(1);
                }
                pos_ = last ? src_.size() : nl + 1;
                ++line_;
                if (line == h.delimiter) {
                    found = true;
                    break;
                }
                if (last) break;
                body += line;
                body += '\n';
            }
            if (!found) {
                Incomplete(h.delimiter);
                return;
            }
            pending_.erase(pending_.begin());
            h.heredoc->body = body;
            if (h.heredoc->expand) {
                Parser sub(body, options_, depth_ + 1);
                sub.LexHeredocBody(&h.heredoc->parts);
                if (!sub.error().ok()) {
                    Fail(sub.error().kind, sub.error().token);
                    return;
                }
            }
        }
    }

    // [SECTION] grammar

    bool IsStopWord(const Token& t, const std::vector<std::string>& stops) const {
        if (t.type != Token::Type::kWord || !t.word.IsPlain()) return false;
        std::string s = t.word.PlainText();
        for (const auto& w : stops) {
            if (s == w) return true;
        }
        return false;
    }

    static bool IsReservedTerminator(const std::string& s) {
        return s == "done" || s == "fi" || s == "then" || s == "else" || s == "elif" || s == "do" ||
               s == "}" || s == "esac" || s == "in";
    }

    void SkipNewlines() {
        while (ok() && Peek().type == Token::Type::kNewline) Consume();
    }

    List ParseCompoundList(const std::vector<std::string>& stops, bool stop_paren) {
        List list;
        while (ok()) {
            SkipNewlines();
            if (!ok()) break;
            const Token& t = Peek();
            if (!ok()) break;
            if (t.type == Token::Type::kEof) break;
            if (stop_paren && t.type == Token::Type::kOp && t.op == ")") break;
            if (IsStopWord(t, stops)) break;
            AndOr ao = ParseAndOr();
            if (!ok()) break;
            list.items.push_back(std::move(ao));
            const Token& sep = Peek();
            if (!ok()) break;
            if (sep.type == Token::Type::kOp && (sep.op == ";" || sep.op == "&")) {
                Consume();
                continue;
            }
            if (sep.type == Token::Type::kNewline) continue;
            break;
        }
        return list;
    }

    AndOr ParseAndOr() {
        AndOr ao;
        ao.pipelines.push_back(ParsePipeline());
        while (ok()) {
            const Token& t = Peek();
            if (!ok()) break;
            if (t.type != Token::Type::kOp || (t.op != "&&" && t.op != "||")) break;
            bool is_and = t.op == "&&";
            Consume();
            SkipNewlines();
            if (!ok()) break;
            if (Peek().type == Token::Type::kEof) {
                Incomplete("");
                break;
            }
            ao.and_ops.push_back(is_and);
            ao.pipelines.push_back(ParsePipeline());
        }
        return ao;
    }

    Pipeline ParsePipeline() {
        Pipeline p;
        const Token& t = Peek();
        if (ok() && t.type == Token::Type::kWord && t.word.IsPlain() && t.word.PlainText() == "!") {
            p.negate = true;
            Consume();
        }
        p.commands.push_back(ParseCommand());
        while (ok()) {
            const Token& n = Peek();
            if (!ok()) break;
            if (n.type != Token::Type::kOp || n.op != "|") break;
            Consume();
            SkipNewlines();
            if (!ok()) break;
            if (Peek().type == Token::Type::kEof) {
                Incomplete("");
                break;
            }
            p.commands.push_back(ParseCommand());
        }
        return p;
    }

    // Expects the plain word `w`; at end of input the command is incomplete.
    bool Expect(const std::string& w) {
        const Token& t = Peek();
        if (!ok()) return false;
        if (t.type == Token::Type::kEof) {
            Incomplete(w);
            return false;
        }
        if (t.type == Token::Type::kWord && t.word.IsPlain() && t.word.PlainText() == w) {
            Consume();
            return true;
        }
        Unexpected(t);
        return false;
    }

    // A compound list that must not be empty, ended by one of `stops`.
    List ParseBody(const std::vector<std::string>& stops) {
        List l = ParseCompoundList(stops, false);
        if (!ok()) return l;
        const Token& t = Peek();
        if (!ok()) return l;
        if (t.type == Token::Type::kEof) {
            Incomplete(stops.empty() ? "" : stops.back());
            return l;
        }
        if (l.items.empty()) Unexpected(t);
        return l;
    }

    std::shared_ptr<Command> ParseCommand() {
        auto cmd = std::make_shared<Command>();
        const Token& t = Peek();
        if (!ok()) return cmd;
        if (t.type == Token::Type::kEof) {
            Incomplete("");
            return cmd;
        }
        if (t.type == Token::Type::kNewline) {
            Unexpected(t);
            return cmd;
        }
        if (t.type == Token::Type::kOp && t.op == "(") {
            if (!Enter()) return cmd;
            Consume();
            cmd->kind = Command::Kind::kSubshell;
            cmd->group = ParseCompoundList({}, true);
            if (ok()) {
                const Token& c = Peek();
                if (ok()) {
                    if (c.type == Token::Type::kEof) Incomplete(")");
                    else if (c.type == Token::Type::kOp && c.op == ")") {
                        if (cmd->group.items.empty()) Unexpected(c);
                        else Consume();
                    } else Unexpected(c);
                }
            }
            Leave();
            ParseRedirects(cmd.get());
            return cmd;
        }
        if (t.type == Token::Type::kOp) {
            Unexpected(t);
            return cmd;
        }
        if (t.type == Token::Type::kWord && t.word.IsPlain()) {
            std::string w = t.word.PlainText();
            if (w == "for" || w == "if" || w == "while" || w == "until" || w == "{") {
                if (!Enter()) return cmd;
                Consume();
                if (w == "for") ParseFor(cmd.get());
                else if (w == "if") ParseIf(cmd.get());
                else if (w == "{") {
                    cmd->kind = Command::Kind::kBrace;
                    cmd->group = ParseBody({"}"});
                    if (ok()) Expect("}");
                } else {
                    cmd->kind = Command::Kind::kLoop;
                    cmd->loop.until = w == "until";
                    cmd->loop.condition = ParseBody({"do"});
                    if (ok() && Expect("do")) {
                        cmd->loop.body = ParseBody({"done"});
                        if (ok()) Expect("done");
                    }
                }
                Leave();
                ParseRedirects(cmd.get());
                return cmd;
            }
            if (IsReservedTerminator(w) || w == "case" || w == "esac") {
                Unexpected(t);
                return cmd;
            }
        }
        ParseSimple(cmd.get());
        return cmd;
    }

    void ParseFor(Command* cmd) {
        cmd->kind = Command::Kind::kFor;
        const Token& name = Peek();
        if (!ok()) return;
        if (name.type == Token::Type::kEof) {
            Incomplete("do");
            return;
        }
        if (name.type != Token::Type::kWord || !name.word.IsPlain() || !IsShellName(name.word.PlainText())) {
            Unexpected(name);
            return;
        }
        cmd->for_clause.var = name.word.PlainText();
        Consume();
        // Optional newlines, then "in words... ;" or directly "do".
        const Token* t = &Peek();
        if (!ok()) return;
        if (t->type == Token::Type::kOp && t->op == ";") {
            Consume();
        }
        SkipNewlines();
        if (!ok()) return;
        t = &Peek();
        if (!ok()) return;
        if (t->type == Token::Type::kWord && t->word.IsPlain() && t->word.PlainText() == "in") {
            Consume();
            cmd->for_clause.has_in = true;
            for (;;) {
                const Token& w = Peek();
                if (!ok()) return;
                if (w.type == Token::Type::kWord) {
                    cmd->for_clause.words.push_back(w.word);
                    Consume();
                    continue;
                }
                if (w.type == Token::Type::kOp && w.op == ";") {
                    Consume();
                    break;
                }
                if (w.type == Token::Type::kNewline) break;
                if (w.type == Token::Type::kEof) {
                    Incomplete("do");
                    return;
                }
                Unexpected(w);
                return;
            }
            SkipNewlines();
            if (!ok()) return;
        }
        if (!Expect("do")) return;
        cmd->for_clause.body = ParseBody({"done"});
        if (ok()) Expect("done");
    }

    void ParseIf(Command* cmd) {
        cmd->kind = Command::Kind::kIf;
        cmd->if_clause.conditions.push_back(ParseBody({"then"}));
        if (!ok() || !Expect("then")) return;
        cmd->if_clause.branches.push_back(ParseBody({"elif", "else", "fi"}));
        while (ok()) {
            const Token& t = Peek();
            if (!ok()) return;
            if (t.type == Token::Type::kEof) {
                Incomplete("fi");
                return;
            }
            std::string w = t.type == Token::Type::kWord && t.word.IsPlain() ? t.word.PlainText() : "";
            if (w == "elif") {
                Consume();
                cmd->if_clause.conditions.push_back(ParseBody({"then"}));
                if (!ok() || !Expect("then")) return;
                cmd->if_clause.branches.push_back(ParseBody({"elif", "else", "fi"}));
            } else if (w == "else") {
                Consume();
                cmd->if_clause.has_else = true;
                cmd->if_clause.else_branch = ParseBody({"fi"});
                if (ok()) Expect("fi");
                return;
            } else if (w == "fi") {
                Consume();
                return;
            } else {
                Unexpected(t);
                return;
            }
        }
    }

    bool IsRedirectStart(const Token& t) const {
        if (t.type == Token::Type::kIoNumber) return true;
        return t.type == Token::Type::kOp &&
               (t.op == ">" || t.op == ">>" || t.op == "<" || t.op == ">&" || t.op == "<&" ||
                t.op == "<<" || t.op == "<<-" || t.op == ">|");
    }

    void ParseRedirects(Command* cmd) {
        while (ok()) {
            const Token& t = Peek();
            if (!ok() || !IsRedirectStart(t)) return;
            ParseRedirect(cmd);
        }
    }

    void ParseRedirect(Command* cmd) {
        int fd = -1;
        if (Peek().type == Token::Type::kIoNumber) {
            fd = Consume().fd;
        }
        const Token& opt = Peek();
        if (!ok()) return;
        if (opt.type != Token::Type::kOp) {
            Unexpected(opt);
            return;
        }
        std::string op = Consume().op;
        const Token& target = Peek();
        if (!ok()) return;
        if (target.type != Token::Type::kWord) {
            Unexpected(target);
            return;
        }
        Word word = Consume().word;
        Redirect r;
        if (op == ">" || op == ">|") {
            r.kind = Redirect::Kind::kOut;
            r.fd = fd < 0 ? 1 : fd;
            r.target = std::move(word);
        } else if (op == ">>") {
            r.kind = Redirect::Kind::kAppend;
            r.fd = fd < 0 ? 1 : fd;
            r.target = std::move(word);
        } else if (op == "<") {
            r.kind = Redirect::Kind::kIn;
            r.fd = fd < 0 ? 0 : fd;
            r.target = std::move(word);
        } else if (op == ">&" || op == "<&") {
            r.kind = Redirect::Kind::kDupOut;
            r.fd = fd < 0 ? (op == ">&" ? 1 : 0) : fd;
            std::string d = word.PlainText();
            if (word.IsPlain() && (d == "1" || d == "2" || d == "0")) {
                r.dup_fd = d[0] - '0';
            } else if (word.IsPlain() && d == "-") {
                r.dup_fd = -2;  // close: output is discarded
            } else if (op == ">&" && fd < 0) {
                // ">& file" is bash for "> file 2>&1": keep it simple as "> file".
                r.kind = Redirect::Kind::kOut;
                r.target = std::move(word);
            } else {
                Fail(SyntaxError::Kind::kUnexpectedToken, word.raw);
                return;
            }
        } else if (op == "<<" || op == "<<-") {
            r.kind = Redirect::Kind::kHeredoc;
            r.fd = fd < 0 ? 0 : fd;
            r.heredoc = std::make_shared<Heredoc>();
            r.heredoc->expand = !word.HasQuotes();
            pending_.push_back({r.heredoc, word.PlainText(), op == "<<-"});
        } else {
            Fail(SyntaxError::Kind::kUnexpectedToken, op);
            return;
        }
        cmd->redirects.push_back(std::move(r));
    }

    void ParseSimple(Command* cmd) {
        cmd->kind = Command::Kind::kSimple;
        cmd->simple.line = line_;
        bool any = false;
        while (ok()) {
            const Token& t = Peek();
            if (!ok()) break;
            if (IsRedirectStart(t)) {
                ParseRedirect(cmd);
                any = true;
                continue;
            }
            if (t.type != Token::Type::kWord) break;
            Word w = Consume().word;
            any = true;
            if (cmd->simple.words.empty() && !w.parts.empty() && w.parts[0].kind == WordPart::Kind::kLiteral &&
                !w.parts[0].quoted) {
                const std::string& first = w.parts[0].text;
                size_t eq = first.find('=');
                if (eq != std::string::npos && eq > 0 && IsShellName(first.substr(0, eq))) {
                    Assignment a;
                    a.name = first.substr(0, eq);
                    a.value.parts = w.parts;
                    a.value.parts[0].text = first.substr(eq + 1);
                    if (a.value.parts[0].text.empty()) a.value.parts.erase(a.value.parts.begin());
                    a.value.raw = w.raw.substr(eq + 1);
                    cmd->simple.assignments.push_back(std::move(a));
                    continue;
                }
            }
            cmd->simple.words.push_back(std::move(w));
        }
        if (ok() && !any) Unexpected(Peek());
    }

    std::string_view src_;
    const ParseOptions& options_;
    size_t pos_ = 0;
    int line_ = 1;
    int depth_ = 0;
    bool incomplete_ = false;
    SyntaxError err_;
    std::optional<Token> peeked_;
    std::vector<HeredocPending> pending_;
};

}  // namespace

ParseResult Parse(std::string_view text, const ParseOptions& options) {
    Parser p(text, options, 0);
    return p.Run();
}

}  // namespace sts::shell
