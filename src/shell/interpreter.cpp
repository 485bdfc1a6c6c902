// The interpreter: a machine over an explicit stack of frames (list, and-or, pipeline, simple
// command, for, if, while, brace group, subshell). A frame is stepped while it is on top; it
// either pushes a child, finishes with a status, or blocks on a Job. Blocking leaves the whole
// stack in place, so Resume() continues exactly where the program stopped, inside loops and
// pipelines alike. Expansion follows XCU 2.6 (parameters, $(...), $((...)), field splitting;
// no pathname expansion: the file system is virtual).
#include <algorithm>
#include <cstdio>

#include "core/strings.h"
#include "shell/builtins.h"
#include "shell/shell.h"

namespace sts::shell {

// [SECTION] sinks and the in-memory file system

void BufferSink::Write(std::string_view text) {
    if (text_.size() >= cap_) return;
    size_t room = cap_ - text_.size();
    text_.append(text.substr(0, std::min(room, text.size())));
}

std::string MemoryFileSystem::Normalize(const std::string& path) {
    std::vector<std::string> out;
    for (auto& piece : Split(path, '/')) {
        if (piece.empty() || piece == ".") continue;
        if (piece == "..") {
            if (!out.empty()) out.pop_back();
            continue;
        }
        out.push_back(piece);
    }
    std::string s = Join(out, "/");
    if (!path.empty() && path[0] == '/') s = "/" + s;
    return s;
}

bool MemoryFileSystem::ReadFile(const std::string& path, std::string* content) const {
    auto it = files_.find(Normalize(path));
    if (it == files_.end()) return false;
    *content = it->second;
    return true;
}

std::string MemoryFileSystem::WriteFile(const std::string& path, std::string_view content, bool append) {
    std::string key = Normalize(path);
    if (key.empty() || key == "/") return "Is a directory";
    size_t total = 0;
    for (const auto& [k, v] : files_) total += v.size();
    if (total + content.size() > limit_) return "No space left on device";
    if (append) files_[key] += content;
    else files_[key] = std::string(content);
    return "";
}

bool MemoryFileSystem::ListDir(const std::string& path, std::vector<std::string>* names) const {
    std::string dir = Normalize(path);
    std::string prefix = dir.empty() ? "" : (dir == "/" ? "/" : dir + "/");
    bool any = dir.empty() || dir == "/";
    for (const auto& [k, v] : files_) {
        if (k.compare(0, prefix.size(), prefix) != 0) continue;
        std::string rest = k.substr(prefix.size());
        if (rest.empty()) continue;
        any = true;
        std::string name = rest.substr(0, rest.find('/'));
        if (std::find(names->begin(), names->end(), name) == names->end()) names->push_back(name);
    }
    std::sort(names->begin(), names->end());
    return any;
}

std::vector<std::string> SplitFields(std::string_view s) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n')) ++i;
        if (i >= s.size()) break;
        size_t j = i;
        while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\n') ++j;
        out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

// [SECTION] machine types

namespace {

struct Io {
    std::shared_ptr<OutputSink> out;
    std::shared_ptr<OutputSink> err;
    std::string in;
    bool has_in = false;
};

// What a frame asks the machine to do after a step.
struct Step {
    enum class Kind { kContinue, kDone, kBlock, kExit, kBreak, kNext };
    Kind kind = Kind::kContinue;
    int status = 0;
    int count = 1;  // kBreak / kNext levels
    static Step Continue() { return {}; }
    static Step Done(int s) { return {Kind::kDone, s, 1}; }
};

// Files opened by redirections: written when the command finishes.
struct FileSinkRec {
    std::shared_ptr<BufferSink> buffer;
    std::string path;
    bool append = false;
};

}  // namespace

class Frame;

struct Interpreter::Impl {
    Interpreter* self = nullptr;
    std::vector<std::unique_ptr<Frame>> stack;
    std::shared_ptr<OutputSink> out = std::make_shared<NullSink>();
    std::shared_ptr<OutputSink> err = std::make_shared<NullSink>();
    std::map<std::string, std::string> vars;
    std::map<std::string, bool> exported;
    std::string arg0 = "bash";
    std::vector<std::string> positional;
    std::shared_ptr<const Program> program;  // keeps the AST alive while it runs
    std::unique_ptr<Job> job;
    uint64_t steps = 0;
    int loop_depth = 0;

    void Push(std::unique_ptr<Frame> f);
    Interpreter::State Drive();
};

// [SECTION] expansion

namespace {

struct Field {
    std::string text;
    bool exists = false;  // an empty field that must be kept ("" or "$empty")
};

class Expander {
public:
    Expander(Interpreter* shell, Interpreter::Impl* impl, const std::vector<std::string>* subst, size_t* cursor)
        : shell_(shell), impl_(impl), subst_(subst), cursor_(cursor) {}

    // Full expansion with field splitting.
    bool ExpandFields(const Word& w, std::vector<std::string>* out) {
        std::vector<Field> fields(1);
        if (!ExpandParts(w.parts, &fields, true)) return false;
        for (auto& f : fields) {
            if (!f.text.empty() || f.exists) out->push_back(std::move(f.text));
        }
        return true;
    }
    // Expansion without splitting (assignments, redirection targets, heredocs).
    bool ExpandString(const std::vector<WordPart>& parts, std::string* out) {
        std::vector<Field> fields(1);
        if (!ExpandParts(parts, &fields, false)) return false;
        for (size_t i = 0; i < fields.size(); ++i) {
            if (i) *out += ' ';
            *out += fields[i].text;
        }
        return true;
    }

    const std::string& error() const { return error_; }

private:
    void AppendSplit(std::vector<Field>* fields, std::string_view value) {
        size_t i = 0;
        bool first = true;
        while (i <= value.size()) {
            size_t j = i;
            while (j < value.size() && value[j] != ' ' && value[j] != '\t' && value[j] != '\n') ++j;
            if (!first) {
                // A separator ended the previous field.
                if (!fields->back().text.empty() || fields->back().exists) fields->push_back(Field{});
            }
            fields->back().text.append(value.substr(i, j - i));
            if (j - i > 0) fields->back().exists = true;
            first = false;
            if (j >= value.size()) break;
            // Skip a run of whitespace.
            size_t k = j;
            while (k < value.size() && (value[k] == ' ' || value[k] == '\t' || value[k] == '\n')) ++k;
            if (k >= value.size()) {
                if (!fields->back().text.empty() || fields->back().exists) fields->push_back(Field{});
                return;
            }
            i = k;
        }
    }

    bool ExpandParts(const std::vector<WordPart>& parts, std::vector<Field>* fields, bool split) {
        for (const auto& p : parts) {
            switch (p.kind) {
            case WordPart::Kind::kLiteral:
                fields->back().text += p.text;
                if (p.quoted) fields->back().exists = true;
                break;
            case WordPart::Kind::kParam: {
                if ((p.text == "@" || p.text == "*") && p.op.empty()) {
                    const auto& args = impl_->positional;
                    if (p.quoted && p.text == "@") {
                        for (size_t i = 0; i < args.size(); ++i) {
                            if (i) fields->push_back(Field{});
                            fields->back().text += args[i];
                            fields->back().exists = true;
                        }
                        break;
                    }
                    std::string joined = Join(args, " ");
                    if (p.quoted || !split) {
                        fields->back().text += joined;
                        fields->back().exists = true;
                    } else {
                        AppendSplit(fields, joined);
                    }
                    break;
                }
                std::string value;
                if (!ParamValue(p, &value)) return false;
                if (p.quoted || !split) {
                    fields->back().text += value;
                    if (p.quoted) fields->back().exists = true;
                } else {
                    AppendSplit(fields, value);
                }
                break;
            }
            case WordPart::Kind::kCommand: {
                std::string value;
                if (subst_ && *cursor_ < subst_->size()) value = (*subst_)[(*cursor_)++];
                while (!value.empty() && value.back() == '\n') value.pop_back();
                if (p.quoted || !split) {
                    fields->back().text += value;
                    if (p.quoted) fields->back().exists = true;
                } else {
                    AppendSplit(fields, value);
                }
                break;
            }
            case WordPart::Kind::kArith: {
                // The expression itself may hold $x and $(...) already expanded by text.
                int64_t v = 0;
                std::string expr = p.text;
                if (!EvalArith(expr, &v)) return false;
                fields->back().text += std::to_string(v);
                fields->back().exists = true;
                break;
            }
            }
        }
        return true;
    }

    std::optional<std::string> Lookup(const std::string& name) {
        if (name == "?") return std::to_string(shell_->last_status());
        if (name == "#") return std::to_string(impl_->positional.size());
        if (name == "$") return std::string("1");
        if (name == "!") return std::string("");
        if (name == "-") return std::string("");
        if (name == "0") return impl_->arg0;
        if (!name.empty() && name[0] >= '1' && name[0] <= '9') {
            int64_t idx = 0;
            if (name.size() > 9 || !ParseInt64(name, &idx) || idx < 1) return std::nullopt;
            if (static_cast<size_t>(idx) <= impl_->positional.size()) return impl_->positional[static_cast<size_t>(idx) - 1];
            return std::nullopt;
        }
        if (name == "@" || name == "*") return Join(impl_->positional, " ");
        return shell_->GetVar(name);
    }

    bool ParamValue(const WordPart& p, std::string* out) {
        std::optional<std::string> v = Lookup(p.text);
        if (p.op.empty()) {
            *out = v.value_or("");
            return true;
        }
        if (p.op == "#len") {
            *out = std::to_string(v.value_or("").size());
            return true;
        }
        bool colon = p.op.size() == 2;
        char kind = p.op.back();
        bool use_alt = colon ? (!v || v->empty()) : !v;
        auto alt = [&](std::string* s) { return ExpandString(p.alt, s); };
        switch (kind) {
        case '-':
            if (use_alt) return alt(out);
            *out = *v;
            return true;
        case '=':
            if (use_alt) {
                if (!alt(out)) return false;
                shell_->SetVar(p.text, *out);
                return true;
            }
            *out = *v;
            return true;
        case '+':
            if (!use_alt) return alt(out);
            out->clear();
            return true;
        case '?':
            if (use_alt) {
                std::string msg;
                if (!alt(&msg)) return false;
                if (msg.empty()) msg = "parameter null or not set";
                error_ = p.text + ": " + msg;
                return false;
            }
            *out = *v;
            return true;
        default:
            break;
        }
        *out = v.value_or("");
        return true;
    }

    // [SECTION] arithmetic: a small precedence-climbing evaluator over integers.
    bool EvalArith(const std::string& text, int64_t* out) {
        expr_ = text;
        epos_ = 0;
        arith_error_.clear();
        int64_t v = ParseOr();
        SkipWs();
        if (arith_error_.empty() && epos_ < expr_.size()) {
            arith_error_ = "syntax error: invalid arithmetic operator (error token is \"" + expr_.substr(epos_) + "\")";
        }
        if (!arith_error_.empty()) {
            error_ = Trim(text) + ": " + arith_error_;
            return false;
        }
        *out = v;
        return true;
    }
    void SkipWs() {
        while (epos_ < expr_.size() && (expr_[epos_] == ' ' || expr_[epos_] == '\t' || expr_[epos_] == '\n')) ++epos_;
    }
    bool Eat(std::string_view op) {
        SkipWs();
        if (expr_.compare(epos_, op.size(), op) == 0) {
            // Do not take "<" out of "<=" or "&" out of "&&".
            if (op.size() == 1 && epos_ + 1 < expr_.size()) {
                char n = expr_[epos_ + 1];
                if ((op == "<" || op == ">" || op == "=" || op == "!") && n == '=') return false;
                if (op == "&" && n == '&') return false;
                if (op == "|" && n == '|') return false;
                if (op == "<" && n == '<') return false;
                if (op == ">" && n == '>') return false;
            }
            epos_ += op.size();
            return true;
        }
        return false;
    }
    int64_t ParseOr() {
        int64_t v = ParseAnd();
        while (arith_error_.empty() && Eat("||")) {
            int64_t r = ParseAnd();
            v = (v || r) ? 1 : 0;
        }
        return v;
    }
    int64_t ParseAnd() {
        int64_t v = ParseCmp();
        while (arith_error_.empty() && Eat("&&")) {
            int64_t r = ParseCmp();
            v = (v && r) ? 1 : 0;
        }
        return v;
    }
    int64_t ParseCmp() {
        int64_t v = ParseAdd();
        while (arith_error_.empty()) {
            if (Eat("==")) v = v == ParseAdd();
            else if (Eat("!=")) v = v != ParseAdd();
            else if (Eat("<=")) v = v <= ParseAdd();
            else if (Eat(">=")) v = v >= ParseAdd();
            else if (Eat("<")) v = v < ParseAdd();
            else if (Eat(">")) v = v > ParseAdd();
            else break;
        }
        return v;
    }
    int64_t ParseAdd() {
        int64_t v = ParseMul();
        while (arith_error_.empty()) {
            if (Eat("+")) v = static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(ParseMul()));
            else if (Eat("-")) v = static_cast<int64_t>(static_cast<uint64_t>(v) - static_cast<uint64_t>(ParseMul()));
            else break;
        }
        return v;
    }
    int64_t ParseMul() {
        int64_t v = ParseUnary();
        while (arith_error_.empty()) {
            if (Eat("*")) {
                v = static_cast<int64_t>(static_cast<uint64_t>(v) * static_cast<uint64_t>(ParseUnary()));
            } else if (Eat("/") || Eat("%")) {
                bool div = expr_[epos_ - 1] == '/';
                size_t at = epos_;
                int64_t r = ParseUnary();
                if (r == 0) {
                    arith_error_ = "division by 0 (error token is \"" + Trim(expr_.substr(at)) + "\")";
                    return 0;
                }
                if (v == INT64_MIN && r == -1) v = div ? v : 0;
                else v = div ? v / r : v % r;
            } else {
                break;
            }
        }
        return v;
    }
    int64_t ParseUnary() {
        if (++arith_depth_ > 200) {
            arith_error_ = "expression recursion level exceeded";
            --arith_depth_;
            return 0;
        }
        int64_t v = 0;
        if (Eat("-")) v = -ParseUnary();
        else if (Eat("+")) v = ParseUnary();
        else if (Eat("!")) v = !ParseUnary();
        else v = ParsePrimary();
        --arith_depth_;
        return v;
    }
    int64_t ParsePrimary() {
        SkipWs();
        if (epos_ >= expr_.size()) {
            arith_error_ = "syntax error: operand expected (error token is \"" + expr_.substr(epos_) + "\")";
            return 0;
        }
        char c = expr_[epos_];
        if (c == '(') {
            ++epos_;
            int64_t v = ParseOr();
            if (!Eat(")")) {
                if (arith_error_.empty()) arith_error_ = "missing `)' (error token is \"" + expr_.substr(epos_) + "\")";
                return 0;
            }
            return v;
        }
        if (c >= '0' && c <= '9') {
            int64_t v = 0;
            while (epos_ < expr_.size() && expr_[epos_] >= '0' && expr_[epos_] <= '9') {
                v = v * 10 + (expr_[epos_] - '0');
                ++epos_;
            }
            return v;
        }
        if (c == '$') ++epos_;
        size_t start = epos_;
        while (epos_ < expr_.size() &&
               ((expr_[epos_] >= 'a' && expr_[epos_] <= 'z') || (expr_[epos_] >= 'A' && expr_[epos_] <= 'Z') ||
                expr_[epos_] == '_' || (epos_ > start && expr_[epos_] >= '0' && expr_[epos_] <= '9'))) {
            ++epos_;
        }
        if (epos_ == start) {
            arith_error_ = "syntax error: operand expected (error token is \"" + expr_.substr(epos_) + "\")";
            return 0;
        }
        std::string name = expr_.substr(start, epos_ - start);
        std::string value = Lookup(name).value_or("");
        int64_t v = 0;
        std::string t = Trim(value);
        if (t.empty()) return 0;
        if (!ParseInt64(t, &v)) {
            arith_error_ = "syntax error: operand expected (error token is \"" + t + "\")";
            return 0;
        }
        return v;
    }

    Interpreter* shell_;
    Interpreter::Impl* impl_;
    const std::vector<std::string>* subst_;
    size_t* cursor_;
    std::string error_;
    std::string expr_;
    size_t epos_ = 0;
    std::string arith_error_;
    int arith_depth_ = 0;
};

// Collects the $(...) programs of parts, in expansion order.
void CollectSubst(const std::vector<WordPart>& parts, std::vector<const Program*>* out) {
    for (const auto& p : parts) {
        if (p.kind == WordPart::Kind::kCommand && p.program) out->push_back(p.program.get());
        if (p.kind == WordPart::Kind::kParam && !p.alt.empty()) CollectSubst(p.alt, out);
    }
}

}  // namespace

// [SECTION] frames

class Frame {
public:
    explicit Frame(Io io) : io_(std::move(io)) {}
    virtual ~Frame() = default;
    virtual Step Run(Interpreter::Impl& m) = 0;
    virtual void ChildDone(int status) { child_status_ = status; }
    // Loops answer break/continue; a subshell stops `exit`.
    virtual bool IsLoop() const { return false; }
    virtual bool IsSubshell() const { return false; }
    virtual void Break() {}
    virtual void Next() {}
    virtual void Resumed(int status) { child_status_ = status; }
    Io& io() { return io_; }

protected:
    Io io_;
    int child_status_ = 0;
};

namespace {

std::unique_ptr<Frame> MakeCommandFrame(const Command* cmd, Io io);

class ListFrame : public Frame {
public:
    ListFrame(const List* list, Io io) : Frame(std::move(io)), list_(list) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override { status_ = s; }

private:
    const List* list_;
    size_t next_ = 0;
    int status_ = -1;
};

class AndOrFrame : public Frame {
public:
    AndOrFrame(const AndOr* ao, Io io) : Frame(std::move(io)), ao_(ao) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override {
        status_ = s;
        waiting_ = false;
    }

private:
    const AndOr* ao_;
    size_t next_ = 0;
    int status_ = 0;
    bool waiting_ = false;
};

class PipelineFrame : public Frame {
public:
    PipelineFrame(const Pipeline* p, Io io) : Frame(std::move(io)), p_(p) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override { status_ = s; }

private:
    const Pipeline* p_;
    size_t next_ = 0;
    int status_ = 0;
    std::shared_ptr<BufferSink> buffer_;
};

class SimpleFrame : public Frame {
public:
    SimpleFrame(const Command* cmd, Io io) : Frame(std::move(io)), cmd_(cmd) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override;
    void Resumed(int s) override {
        status_ = s;
        stage_ = Stage::kFinish;
    }

private:
    enum class Stage { kSubst, kExpand, kRun, kWaitJob, kFinish };
    Step Finish(Interpreter::Impl& m, int status);
    bool SetupRedirects(Interpreter::Impl& m, Expander& ex, Io* io, std::string* error);

    const Command* cmd_;
    Stage stage_ = Stage::kSubst;
    std::vector<const Program*> programs_;
    std::vector<std::string> results_;
    std::shared_ptr<BufferSink> capture_;
    size_t next_program_ = 0;
    int status_ = 0;
    int subst_status_ = -1;
    std::vector<FileSinkRec> files_;
};

class ForFrame : public Frame {
public:
    ForFrame(const Command* cmd, Io io) : Frame(std::move(io)), cmd_(cmd) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override {
        if (collecting_) {
            results_.push_back(capture_ ? capture_->Take() : "");
            return;
        }
        status_ = s;
    }
    bool IsLoop() const override { return true; }
    void Break() override { broken_ = true; }
    void Next() override {}

private:
    const Command* cmd_;
    bool expanded_ = false;
    bool collecting_ = false;
    std::vector<const Program*> programs_;
    std::vector<std::string> results_;
    std::shared_ptr<BufferSink> capture_;
    std::vector<std::string> values_;
    size_t next_ = 0;
    int status_ = 0;
    bool broken_ = false;
};

class IfFrame : public Frame {
public:
    IfFrame(const Command* cmd, Io io) : Frame(std::move(io)), cmd_(cmd) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override { status_ = s; }

private:
    const Command* cmd_;
    enum class Stage { kCond, kAfterCond, kAfterBranch } stage_ = Stage::kCond;
    size_t cond_ = 0;
    int status_ = 0;
};

class LoopFrame : public Frame {
public:
    LoopFrame(const Command* cmd, Io io) : Frame(std::move(io)), cmd_(cmd) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override { status_ = s; }
    bool IsLoop() const override { return true; }
    void Break() override { broken_ = true; }
    void Next() override { stage_ = Stage::kCond; }

private:
    const Command* cmd_;
    enum class Stage { kCond, kAfterCond, kAfterBody } stage_ = Stage::kCond;
    int status_ = 0;
    int body_status_ = 0;
    bool broken_ = false;
    bool started_ = false;
};

class GroupFrame : public Frame {
public:
    GroupFrame(const Command* cmd, Io io, bool subshell) : Frame(std::move(io)), cmd_(cmd), subshell_(subshell) {}
    Step Run(Interpreter::Impl& m) override;
    void ChildDone(int s) override {
        status_ = s;
        done_ = true;
    }
    bool IsSubshell() const override { return subshell_; }
    void ExitTo(Interpreter::Impl& m, int status);

private:
    const Command* cmd_;
    bool subshell_;
    bool started_ = false;
    bool done_ = false;
    int status_ = 0;
    std::map<std::string, std::string> saved_vars_;
    std::map<std::string, bool> saved_exported_;
    std::vector<std::string> saved_positional_;
};

// Applies the redirections of a compound command (targets are expanded without $(...)).
bool CompoundIo(Interpreter::Impl& m, const Command* cmd, Io* io, std::vector<FileSinkRec>* files,
                std::string* error) {
    Expander ex(m.self, &m, nullptr, nullptr);
    for (const auto& r : cmd->redirects) {
        std::string target;
        if (r.kind == Redirect::Kind::kOut || r.kind == Redirect::Kind::kAppend || r.kind == Redirect::Kind::kIn) {
            if (!ex.ExpandString(r.target.parts, &target)) {
                *error = ex.error();
                return false;
            }
        }
        switch (r.kind) {
        case Redirect::Kind::kOut:
        case Redirect::Kind::kAppend: {
            std::shared_ptr<OutputSink> sink;
            if (target == "/dev/null") {
                sink = std::make_shared<NullSink>();
            } else if (target == "/dev/stdout") {
                sink = io->out;
            } else if (target == "/dev/stderr") {
                sink = io->err;
            } else {
                auto buf = std::make_shared<BufferSink>();
                files->push_back({buf, target, r.kind == Redirect::Kind::kAppend});
                sink = buf;
            }
            if (r.fd == 2) io->err = sink;
            else io->out = sink;
            break;
        }
        case Redirect::Kind::kIn: {
            std::string content;
            FileSystem* fs = m.self->config().fs;
            if (target == "/dev/null") {
                content.clear();
            } else if (!fs || !fs->ReadFile(target, &content)) {
                *error = "\x01" + target;  // marker: cannot open
                return false;
            }
            io->in = std::move(content);
            io->has_in = true;
            break;
        }
        case Redirect::Kind::kDupOut:
            if (r.dup_fd == -2) {
                if (r.fd == 2) io->err = std::make_shared<NullSink>();
                else io->out = std::make_shared<NullSink>();
            } else if (r.fd == 2 && r.dup_fd == 1) {
                io->err = io->out;
            } else if (r.fd == 1 && r.dup_fd == 2) {
                io->out = io->err;
            }
            break;
        case Redirect::Kind::kHeredoc: {
            std::string body;
            if (r.heredoc) {
                if (r.heredoc->expand) {
                    if (!ex.ExpandString(r.heredoc->parts, &body)) {
                        *error = ex.error();
                        return false;
                    }
                } else {
                    body = r.heredoc->body;
                }
            }
            io->in = std::move(body);
            io->has_in = true;
            break;
        }
        }
    }
    return true;
}

// Writes the files of finished redirections; returns "" or the error text.
std::string FlushFiles(Interpreter::Impl& m, std::vector<FileSinkRec>* files, int line) {
    std::string error;
    FileSystem* fs = m.self->config().fs;
    for (auto& f : *files) {
        std::string reason = fs ? fs->WriteFile(f.path, f.buffer->text(), f.append) : "Read-only file system";
        if (!reason.empty() && error.empty()) {
            error = FormatCannotCreate(m.self->persona(), f.path, reason, line);
        }
    }
    files->clear();
    return error;
}

Step ListFrame::Run(Interpreter::Impl& m) {
    if (next_ >= list_->items.size()) {
        return Step::Done(status_ < 0 ? m.self->last_status() : status_);
    }
    m.Push(std::make_unique<AndOrFrame>(&list_->items[next_++], io_));
    return Step::Continue();
}

Step AndOrFrame::Run(Interpreter::Impl& m) {
    if (waiting_) return Step::Continue();
    while (next_ < ao_->pipelines.size()) {
        size_t i = next_++;
        if (i > 0) {
            bool is_and = ao_->and_ops[i - 1];
            if (is_and != (status_ == 0)) continue;
        }
        waiting_ = true;
        m.Push(std::make_unique<PipelineFrame>(&ao_->pipelines[i], io_));
        return Step::Continue();
    }
    return Step::Done(status_);
}

Step PipelineFrame::Run(Interpreter::Impl& m) {
    size_t n = p_->commands.size();
    if (next_ >= n) {
        int s = status_;
        if (p_->negate) s = s == 0 ? 1 : 0;
        return Step::Done(s);
    }
    Io io = io_;
    if (next_ > 0) {
        io.in = buffer_ ? buffer_->Take() : std::string();
        io.has_in = true;
    }
    buffer_.reset();
    if (next_ + 1 < n) {
        buffer_ = std::make_shared<BufferSink>();
        buffer_->set_cap(m.self->config().max_buffer);
        io.out = buffer_;
    }
    m.Push(MakeCommandFrame(p_->commands[next_++].get(), std::move(io)));
    return Step::Continue();
}

void SimpleFrame::ChildDone(int s) {
    results_.push_back(capture_ ? capture_->Take() : "");
    capture_.reset();
    subst_status_ = s;
}

bool SimpleFrame::SetupRedirects(Interpreter::Impl& m, Expander& ex, Io* io, std::string* error) {
    for (const auto& r : cmd_->redirects) {
        std::string target;
        if (r.kind == Redirect::Kind::kOut || r.kind == Redirect::Kind::kAppend || r.kind == Redirect::Kind::kIn) {
            std::vector<std::string> fields;
            if (!ex.ExpandFields(r.target, &fields)) {
                *error = ex.error();
                return false;
            }
            if (fields.size() != 1) {
                *error = r.target.raw + ": ambiguous redirect";
                return false;
            }
            target = fields[0];
        }
        switch (r.kind) {
        case Redirect::Kind::kOut:
        case Redirect::Kind::kAppend: {
            std::shared_ptr<OutputSink> sink;
            if (target == "/dev/null") {
                sink = std::make_shared<NullSink>();
            } else if (target == "/dev/stdout") {
                sink = io->out;
            } else if (target == "/dev/stderr") {
                sink = io->err;
            } else {
                auto buf = std::make_shared<BufferSink>();
                buf->set_cap(m.self->config().max_buffer);
                files_.push_back({buf, target, r.kind == Redirect::Kind::kAppend});
                sink = buf;
            }
            if (r.fd == 2) io->err = sink;
            else io->out = sink;
            break;
        }
        case Redirect::Kind::kIn: {
            std::string content;
            FileSystem* fs = m.self->config().fs;
            if (target == "/dev/null") {
                content.clear();
            } else if (!fs || !fs->ReadFile(target, &content)) {
                *error = "\x01" + target;
                return false;
            }
            io->in = std::move(content);
            io->has_in = true;
            break;
        }
        case Redirect::Kind::kDupOut:
            if (r.dup_fd == -2) {
                if (r.fd == 2) io->err = std::make_shared<NullSink>();
                else io->out = std::make_shared<NullSink>();
            } else if (r.fd == 2 && r.dup_fd == 1) {
                io->err = io->out;
            } else if (r.fd == 1 && r.dup_fd == 2) {
                io->out = io->err;
            }
            break;
        case Redirect::Kind::kHeredoc: {
            std::string body;
            if (r.heredoc) {
                if (r.heredoc->expand) {
                    if (!ex.ExpandString(r.heredoc->parts, &body)) {
                        *error = ex.error();
                        return false;
                    }
                } else {
                    body = r.heredoc->body;
                }
            }
            io->in = std::move(body);
            io->has_in = true;
            break;
        }
        }
    }
    return true;
}

Step SimpleFrame::Finish(Interpreter::Impl& m, int status) {
    std::string error = FlushFiles(m, &files_, cmd_->simple.line);
    if (!error.empty()) {
        io_.err->Write(error + "\n");
        if (status == 0) status = 1;
    }
    return Step::Done(status);
}

Step SimpleFrame::Run(Interpreter::Impl& m) {
    const SimpleCommand& sc = cmd_->simple;
    Persona persona = m.self->persona();
    if (stage_ == Stage::kSubst) {
        if (programs_.empty() && next_program_ == 0) {
            for (const auto& a : sc.assignments) CollectSubst(a.value.parts, &programs_);
            for (const auto& w : sc.words) CollectSubst(w.parts, &programs_);
            for (const auto& r : cmd_->redirects) {
                CollectSubst(r.target.parts, &programs_);
                if (r.heredoc && r.heredoc->expand) CollectSubst(r.heredoc->parts, &programs_);
            }
        }
        if (next_program_ < programs_.size()) {
            Io io = io_;
            capture_ = std::make_shared<BufferSink>();
            capture_->set_cap(m.self->config().max_buffer);
            io.out = capture_;
            io.in.clear();
            io.has_in = false;
            const Program* p = programs_[next_program_++];
            m.Push(std::make_unique<ListFrame>(&p->list, std::move(io)));
            return Step::Continue();
        }
        stage_ = Stage::kExpand;
    }
    if (stage_ == Stage::kExpand) {
        size_t cursor = 0;
        Expander ex(m.self, &m, &results_, &cursor);
        std::vector<std::pair<std::string, std::string>> assigns;
        for (const auto& a : sc.assignments) {
            std::string v;
            if (!ex.ExpandString(a.value.parts, &v)) {
                io_.err->Write(FormatShellError(persona, ex.error(), sc.line) + "\n");
                return Step::Done(persona == Persona::kBash ? 1 : 2);
            }
            assigns.emplace_back(a.name, std::move(v));
        }
        std::vector<std::string> argv;
        for (const auto& w : sc.words) {
            if (!ex.ExpandFields(w, &argv)) {
                io_.err->Write(FormatShellError(persona, ex.error(), sc.line) + "\n");
                return Step::Done(persona == Persona::kBash ? 1 : 2);
            }
        }
        Io io = io_;
        std::string rerr;
        if (!SetupRedirects(m, ex, &io, &rerr)) {
            if (!rerr.empty() && rerr[0] == '\x01') {
                io_.err->Write(FormatCannotOpen(persona, rerr.substr(1), sc.line) + "\n");
            } else {
                io_.err->Write(FormatShellError(persona, rerr, sc.line) + "\n");
            }
            files_.clear();
            return Step::Done(1);
        }
        if (argv.empty()) {
            for (auto& [k, v] : assigns) m.self->SetVar(k, v);
            int s = subst_status_ >= 0 ? subst_status_ : 0;
            return Finish(m, s);
        }
        Invocation inv;
        inv.argv = std::move(argv);
        inv.stdin_data = std::move(io.in);
        inv.has_stdin = io.has_in;
        inv.out = io.out;
        inv.err = io.err;
        inv.shell = m.self;
        inv.line = sc.line;
        for (auto& [k, v] : assigns) inv.env[k] = v;

        // Builtins that steer the machine.
        const std::string& name = inv.argv[0];
        if (name == "exit") {
            int code = m.self->last_status();
            if (inv.argv.size() > 1) {
                int64_t v = 0;
                if (!ParseInt64(inv.argv[1], &v)) {
                    std::string what = persona == Persona::kBash
                                           ? "exit: " + inv.argv[1] + ": numeric argument required"
                                           : (persona == Persona::kDash ? "exit: Illegal number: " + inv.argv[1]
                                                                        : "exit: Illegal number: " + inv.argv[1]);
                    inv.err->Write(FormatShellError(persona, what, sc.line) + "\n");
                    code = 2;
                } else {
                    code = static_cast<int>(v & 0xff);
                }
            }
            FlushFiles(m, &files_, sc.line);
            Step s;
            s.kind = Step::Kind::kExit;
            s.status = code;
            return s;
        }
        if (name == "break" || name == "continue") {
            int n = 1;
            if (inv.argv.size() > 1) {
                int64_t v = 0;
                if (ParseInt64(inv.argv[1], &v) && v > 0) n = static_cast<int>(v);
            }
            if (m.loop_depth == 0) {
                // bash: "break: only meaningful in a `for', `while', or `until' loop"; status 0.
                if (persona == Persona::kBash) {
                    inv.err->Write("bash: " + name + ": only meaningful in a `for', `while', or `until' loop\n");
                }
                return Finish(m, 0);
            }
            FlushFiles(m, &files_, sc.line);
            Step s;
            s.kind = name == "break" ? Step::Kind::kBreak : Step::Kind::kNext;
            s.count = n;
            return s;
        }
        Outcome outcome;
        bool found = RunBuiltin(inv, &outcome);
        if (!found) {
            auto it = m.self->config().commands.find(name);
            if (it == m.self->config().commands.end()) {
                inv.err->Write(FormatNotFound(persona, name, sc.line) + "\n");
                return Finish(m, 127);
            }
            outcome = it->second(inv);
        }
        if (outcome.job) {
            m.job = std::move(outcome.job);
            stage_ = Stage::kWaitJob;
            Step s;
            s.kind = Step::Kind::kBlock;
            return s;
        }
        return Finish(m, outcome.status);
    }
    if (stage_ == Stage::kWaitJob) {
        // Resumed() moves to kFinish; being stepped here means nothing happened yet.
        Step s;
        s.kind = Step::Kind::kBlock;
        return s;
    }
    return Finish(m, status_);
}

Step ForFrame::Run(Interpreter::Impl& m) {
    const ForClause& fc = cmd_->for_clause;
    if (!expanded_) {
        if (!collecting_) {
            for (const auto& w : fc.words) CollectSubst(w.parts, &programs_);
            collecting_ = true;
        }
        if (results_.size() < programs_.size()) {
            Io io = io_;
            capture_ = std::make_shared<BufferSink>();
            capture_->set_cap(m.self->config().max_buffer);
            io.out = capture_;
            io.has_in = false;
            io.in.clear();
            m.Push(std::make_unique<ListFrame>(&programs_[results_.size()]->list, std::move(io)));
            return Step::Continue();
        }
        collecting_ = false;
        expanded_ = true;
        size_t cursor = 0;
        Expander ex(m.self, &m, &results_, &cursor);
        if (fc.has_in) {
            for (const auto& w : fc.words) {
                if (!ex.ExpandFields(w, &values_)) {
                    io_.err->Write(FormatShellError(m.self->persona(), ex.error(), 1) + "\n");
                    return Step::Done(1);
                }
            }
        } else {
            values_ = m.positional;
        }
        ++m.loop_depth;
    }
    if (broken_ || next_ >= values_.size()) {
        --m.loop_depth;
        return Step::Done(status_);
    }
    m.self->SetVar(fc.var, values_[next_++]);
    m.Push(std::make_unique<ListFrame>(&fc.body, io_));
    return Step::Continue();
}

Step IfFrame::Run(Interpreter::Impl& m) {
    const IfClause& ic = cmd_->if_clause;
    switch (stage_) {
    case Stage::kCond:
        stage_ = Stage::kAfterCond;
        m.Push(std::make_unique<ListFrame>(&ic.conditions[cond_], io_));
        return Step::Continue();
    case Stage::kAfterCond:
        if (status_ == 0) {
            stage_ = Stage::kAfterBranch;
            m.Push(std::make_unique<ListFrame>(&ic.branches[cond_], io_));
            return Step::Continue();
        }
        if (++cond_ < ic.conditions.size()) {
            stage_ = Stage::kAfterCond;
            m.Push(std::make_unique<ListFrame>(&ic.conditions[cond_], io_));
            return Step::Continue();
        }
        if (ic.has_else) {
            stage_ = Stage::kAfterBranch;
            m.Push(std::make_unique<ListFrame>(&ic.else_branch, io_));
            return Step::Continue();
        }
        return Step::Done(0);
    case Stage::kAfterBranch:
        return Step::Done(status_);
    }
    return Step::Done(0);
}

Step LoopFrame::Run(Interpreter::Impl& m) {
    const LoopClause& lc = cmd_->loop;
    if (broken_) {
        --m.loop_depth;
        return Step::Done(body_status_);
    }
    switch (stage_) {
    case Stage::kCond:
        if (!started_) {
            started_ = true;
            ++m.loop_depth;
        }
        stage_ = Stage::kAfterCond;
        m.Push(std::make_unique<ListFrame>(&lc.condition, io_));
        return Step::Continue();
    case Stage::kAfterCond:
        if ((status_ == 0) != lc.until) {
            stage_ = Stage::kAfterBody;
            m.Push(std::make_unique<ListFrame>(&lc.body, io_));
            return Step::Continue();
        }
        --m.loop_depth;
        return Step::Done(body_status_);
    case Stage::kAfterBody:
        body_status_ = status_;
        stage_ = Stage::kCond;
        return Step::Continue();
    }
    return Step::Done(0);
}

Step GroupFrame::Run(Interpreter::Impl& m) {
    if (!started_) {
        started_ = true;
        if (subshell_) {
            saved_vars_ = m.vars;
            saved_exported_ = m.exported;
            saved_positional_ = m.positional;
        }
        m.Push(std::make_unique<ListFrame>(&cmd_->group, io_));
        return Step::Continue();
    }
    if (subshell_) {
        m.vars = saved_vars_;
        m.exported = saved_exported_;
        m.positional = saved_positional_;
    }
    return Step::Done(status_);
}

void GroupFrame::ExitTo(Interpreter::Impl& m, int status) {
    if (subshell_) {
        m.vars = saved_vars_;
        m.exported = saved_exported_;
        m.positional = saved_positional_;
    }
    status_ = status;
    done_ = true;
}

// Compound commands with redirections get a wrapper that owns the redirected files.
class RedirectFrame : public Frame {
public:
    RedirectFrame(const Command* cmd, Io io) : Frame(std::move(io)), cmd_(cmd) {}
    Step Run(Interpreter::Impl& m) override {
        if (!started_) {
            started_ = true;
            Io io = io_;
            std::string error;
            if (!CompoundIo(m, cmd_, &io, &files_, &error)) {
                Persona p = m.self->persona();
                if (!error.empty() && error[0] == '\x01') io_.err->Write(FormatCannotOpen(p, error.substr(1), 1) + "\n");
                else io_.err->Write(FormatShellError(p, error, 1) + "\n");
                files_.clear();
                return Step::Done(1);
            }
            m.Push(MakeInner(cmd_, std::move(io)));
            return Step::Continue();
        }
        std::string error = FlushFiles(m, &files_, 1);
        if (!error.empty()) io_.err->Write(error + "\n");
        return Step::Done(child_status_);
    }
    static std::unique_ptr<Frame> MakeInner(const Command* cmd, Io io) {
        switch (cmd->kind) {
        case Command::Kind::kFor: return std::make_unique<ForFrame>(cmd, std::move(io));
        case Command::Kind::kIf: return std::make_unique<IfFrame>(cmd, std::move(io));
        case Command::Kind::kLoop: return std::make_unique<LoopFrame>(cmd, std::move(io));
        case Command::Kind::kBrace: return std::make_unique<GroupFrame>(cmd, std::move(io), false);
        case Command::Kind::kSubshell: return std::make_unique<GroupFrame>(cmd, std::move(io), true);
        case Command::Kind::kSimple: return std::make_unique<SimpleFrame>(cmd, std::move(io));
        }
        return nullptr;
    }

private:
    const Command* cmd_;
    bool started_ = false;
    std::vector<FileSinkRec> files_;
};

std::unique_ptr<Frame> MakeCommandFrame(const Command* cmd, Io io) {
    if (cmd->kind != Command::Kind::kSimple && !cmd->redirects.empty()) {
        return std::make_unique<RedirectFrame>(cmd, std::move(io));
    }
    return RedirectFrame::MakeInner(cmd, std::move(io));
}

}  // namespace

// [SECTION] the machine

void Interpreter::Impl::Push(std::unique_ptr<Frame> f) { stack.push_back(std::move(f)); }

Interpreter::State Interpreter::Impl::Drive() {
    while (!stack.empty()) {
        if (++steps > self->config_.max_steps) {
            err->Write(self->ErrorText("too many commands without a pause (limit " +
                                           std::to_string(self->config_.max_steps) + "); stopped",
                                       1) +
                       "\n");
            stack.clear();
            loop_depth = 0;
            self->last_status_ = 130;
            program.reset();
            return State::kIdle;
        }
        Frame* f = stack.back().get();
        Step s = f->Run(*this);
        switch (s.kind) {
        case Step::Kind::kContinue:
            break;
        case Step::Kind::kDone: {
            // Only the frame that finished is popped; it must still be on top.
            stack.pop_back();
            self->last_status_ = s.status;
            if (!stack.empty()) stack.back()->ChildDone(s.status);
            break;
        }
        case Step::Kind::kBlock:
            return State::kBlocked;
        case Step::Kind::kExit: {
            // Unwind to the nearest subshell, or end the program.
            self->last_status_ = s.status;
            while (!stack.empty() && !stack.back()->IsSubshell()) {
                if (stack.back()->IsLoop()) --loop_depth;
                stack.pop_back();
            }
            if (loop_depth < 0) loop_depth = 0;
            if (stack.empty()) {
                self->exit_status_ = s.status;
                loop_depth = 0;
                program.reset();
                return State::kExited;
            }
            static_cast<GroupFrame*>(stack.back().get())->ExitTo(*this, s.status);
            break;
        }
        case Step::Kind::kBreak:
        case Step::Kind::kNext: {
            int levels = s.count;
            self->last_status_ = 0;
            while (!stack.empty()) {
                Frame* top = stack.back().get();
                if (top->IsLoop()) {
                    if (--levels == 0 || loop_depth <= 1) {
                        if (s.kind == Step::Kind::kBreak) top->Break();
                        else top->Next();
                        break;
                    }
                    // An outer level: this loop ends entirely.
                    --loop_depth;
                    stack.pop_back();
                    continue;
                }
                stack.pop_back();
            }
            break;
        }
        }
    }
    program.reset();
    return State::kIdle;
}

Interpreter::Interpreter(ShellConfig config) : config_(std::move(config)), impl_(std::make_unique<Impl>()) {
    impl_->self = this;
    impl_->arg0 = ShellName(config_.persona);
}

Interpreter::~Interpreter() = default;

void Interpreter::SetOutput(std::shared_ptr<OutputSink> out, std::shared_ptr<OutputSink> err) {
    impl_->out = std::move(out);
    impl_->err = std::move(err);
}

Interpreter::State Interpreter::RunText(std::string_view text) {
    ParseResult r = Parse(text, config_.parse);
    if (r.status != ParseResult::Status::kOk) {
        SyntaxError e = r.error;
        impl_->err->Write(FormatSyntaxError(config_.persona, e) + "\n");
        last_status_ = 2;
        return state_ = State::kIdle;
    }
    return Run(r.program);
}

Interpreter::State Interpreter::Run(std::shared_ptr<const Program> program) {
    if (state_ == State::kBlocked) return state_;
    impl_->stack.clear();
    impl_->loop_depth = 0;
    impl_->steps = 0;
    impl_->program = std::move(program);
    Io io;
    io.out = impl_->out;
    io.err = impl_->err;
    impl_->stack.push_back(std::make_unique<ListFrame>(&impl_->program->list, io));
    state_ = impl_->Drive();
    return state_;
}

Interpreter::State Interpreter::Resume(int status) {
    if (state_ != State::kBlocked) return state_;
    impl_->job.reset();
    impl_->steps = 0;
    if (!impl_->stack.empty()) impl_->stack.back()->Resumed(status);
    state_ = impl_->Drive();
    return state_;
}

void Interpreter::Abort(int status) {
    impl_->job.reset();
    impl_->stack.clear();
    impl_->loop_depth = 0;
    impl_->program.reset();
    last_status_ = status;
    state_ = State::kIdle;
}

Job* Interpreter::job() const { return impl_->job.get(); }

std::optional<std::string> Interpreter::GetVar(const std::string& name) const {
    auto it = impl_->vars.find(name);
    if (it == impl_->vars.end()) return std::nullopt;
    return it->second;
}

void Interpreter::SetVar(const std::string& name, std::string value, bool exported) {
    impl_->vars[name] = std::move(value);
    if (exported) impl_->exported[name] = true;
}

void Interpreter::UnsetVar(const std::string& name) {
    impl_->vars.erase(name);
    impl_->exported.erase(name);
}

void Interpreter::Export(const std::string& name) { impl_->exported[name] = true; }

std::map<std::string, std::string> Interpreter::ExportedEnv() const {
    std::map<std::string, std::string> out;
    for (const auto& [k, e] : impl_->exported) {
        auto it = impl_->vars.find(k);
        if (e && it != impl_->vars.end()) out[k] = it->second;
    }
    return out;
}

void Interpreter::SetPositional(std::string arg0, std::vector<std::string> args) {
    impl_->arg0 = std::move(arg0);
    impl_->positional = std::move(args);
}

std::string Interpreter::ErrorText(std::string_view what, int line) const {
    return FormatShellError(config_.persona, what, line);
}

}  // namespace sts::shell
