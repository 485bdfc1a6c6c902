// The console: a bash-persona interpreter whose command table holds kubectl, the core utilities,
// `sleep` (a job that ends at a simulated time) and `sim`. Lines are buffered until they form a
// complete command; a blocked command is polled by the host until its job ends.
#include "kubectl/console.h"

#include <algorithm>
#include <set>

#include "core/strings.h"
#include "kubectl/resources.h"

namespace sts::kubectl {

namespace {

constexpr size_t kMaxPending = 1u << 20;  // bytes of one (multi-line) command

// GNU sleep's operand: "30", "30s", "2m", "1.5h", "1d".
bool ParseSleep(const std::string& s, Duration* out) {
    if (s.empty()) return false;
    size_t i = 0;
    bool digits = false, dot = false;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || (s[i] == '.' && !dot))) {
        if (s[i] == '.') dot = true;
        else digits = true;
        ++i;
    }
    if (!digits) return false;
    double n = std::strtod(s.substr(0, i).c_str(), nullptr);
    double mult = 1000;
    if (i < s.size()) {
        if (i + 1 != s.size()) return false;
        switch (s[i]) {
        case 's': mult = 1000; break;
        case 'm': mult = 60000; break;
        case 'h': mult = 3600000; break;
        case 'd': mult = 86400000; break;
        default: return false;
        }
    }
    double ms = n * mult;
    if (ms > 1e13) ms = 1e13;
    *out = static_cast<Duration>(ms);
    return true;
}

class SleepJob : public shell::Job {
public:
    SleepJob(client::Cluster* cluster, Duration d) : cluster_(cluster), end_(cluster->Now() + d) {}
    bool Poll() override { return interrupted_ || cluster_->Now() >= end_; }
    std::optional<Time> WakeTime() const override { return end_; }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : 0; }

private:
    client::Cluster* cluster_;
    Time end_;
    bool interrupted_ = false;
};

const char* kHelp =
    "StatefulSet Playground console: a small bash with kubectl 1.33.\n"
    "\n"
    "  kubectl ...            apply, create, replace, delete, get (-o wide|yaml|json|name|jsonpath|go-template|\n"
    "                         custom-columns, -w), scale, patch, label, annotate, rollout, wait, exec, run,\n"
    "                         logs, version, api-resources\n"
    "  sleep 30s              let simulated time pass\n"
    "  sim ...                playground controls (see `sim help`)\n"
    "  cat, grep, head, tail, wc, sort, uniq, cut, tr, seq, tee, echo, printf, env, ls\n"
    "  for / while / if, pipes, && ||, $(...), heredocs (cat > web.yaml <<EOF)\n"
    "  Ctrl-C stops a running command.\n";

}  // namespace

Console::Console(client::Cluster* cluster, shell::FileSystem* fs, SimControl* sim, ConsoleSettings settings)
    : cluster_(cluster), fs_(fs), sim_(sim), settings_(std::move(settings)) {
    kubectl_ = std::make_unique<Kubectl>(cluster_, fs_, &settings_);
    shell::ShellConfig cfg;
    cfg.persona = shell::Persona::kBash;
    cfg.fs = fs_;
    cfg.parse.max_input = kMaxPending;
    cfg.max_steps = settings_.max_steps;
    shell::AddCoreUtils(&cfg.commands, shell::Persona::kBash);
    Kubectl* k = kubectl_.get();
    cfg.commands["kubectl"] = [k](shell::Invocation& inv) { return k->Run(inv); };
    client::Cluster* c = cluster_;
    cfg.commands["sleep"] = [c](shell::Invocation& inv) {
        shell::Outcome o;
        if (inv.argv.size() < 2) {
            inv.err->Write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            o.status = 1;
            return o;
        }
        Duration total = 0;
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            Duration d = 0;
            if (!ParseSleep(inv.argv[i], &d)) {
                inv.err->Write("sleep: invalid time interval '" + inv.argv[i] +
                               "'\nTry 'sleep --help' for more information.\n");
                o.status = 1;
                return o;
            }
            total += d;
        }
        if (total > 0) o.job = std::make_unique<SleepJob>(c, total);
        return o;
    };
    SimControl* s = sim_;
    cfg.commands["sim"] = [s](shell::Invocation& inv) {
        shell::Outcome o;
        if (!s) {
            inv.err->Write("sim: not available: this console talks to a real cluster\n");
            o.status = 1;
            return o;
        }
        std::vector<std::string> argv(inv.argv.begin(), inv.argv.end());
        SimControl::Result r = s->Run(argv);
        inv.out->Write(r.out);
        inv.err->Write(r.err);
        o.status = r.exit_code;
        return o;
    };
    shell::FileSystem* files = fs_;
    cfg.commands["ls"] = [files](shell::Invocation& inv) {
        shell::Outcome o;
        std::vector<std::string> targets(inv.argv.begin() + 1, inv.argv.end());
        targets.erase(std::remove_if(targets.begin(), targets.end(), [](const std::string& a) { return a.size() > 1 && a[0] == '-'; }),
                      targets.end());
        if (targets.empty()) targets.push_back(".");
        std::string out;
        for (const auto& t : targets) {
            std::vector<std::string> names;
            std::string content;
            if (files && files->ListDir(t, &names)) {
                for (const auto& n : names) out += n + "\n";
            } else if (files && files->ReadFile(t, &content)) {
                out += t + "\n";
            } else {
                inv.err->Write("ls: cannot access '" + t + "': No such file or directory\n");
                o.status = 2;
            }
        }
        inv.out->Write(out);
        return o;
    };
    cfg.commands["help"] = [](shell::Invocation& inv) {
        inv.out->Write(kHelp);
        return shell::Outcome{};
    };
    cfg.commands["clear"] = [](shell::Invocation& inv) {
        inv.out->Write("\x1b[H\x1b[2J");
        return shell::Outcome{};
    };
    shell_ = std::make_unique<shell::Interpreter>(std::move(cfg));
    auto sink = std::make_shared<shell::CallbackSink>([this](std::string_view t) { Write(t); });
    shell_->SetOutput(sink, sink);
    shell_->SetVar("HOME", "/root", true);
    shell_->SetVar("PWD", "/", true);
    shell_->SetVar("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", true);
}

Console::~Console() = default;

void Console::Write(std::string_view text) {
    // A runaway command cannot grow the terminal buffer without bound.
    if (output_.size() > (64u << 20)) return;
    output_.append(text);
}

int Console::last_status() const { return shell_->last_status(); }

std::string Console::TakeOutput() { return std::move(output_); }

std::string Console::Prompt() const {
    if (!pending_.empty()) return "> ";
    shell::Job* job = shell_->job();
    if (shell_->Busy() && job && job->AcceptsInput()) return job->Prompt();
    return "$ ";
}

bool Console::Busy() const {
    if (!shell_->Busy()) return false;
    shell::Job* job = shell_->job();
    return !(job && job->AcceptsInput());
}

std::optional<Time> Console::WakeTime() const {
    if (!shell_->Busy()) return std::nullopt;
    shell::Job* job = shell_->job();
    return job ? job->WakeTime() : std::nullopt;
}

void Console::Input(std::string_view line) {
    std::string l(line);
    if (!l.empty() && l.back() == '\r') l.pop_back();
    if (shell_->Busy()) {
        shell::Job* job = shell_->job();
        if (job && job->AcceptsInput()) {
            if (transcript_) Write(Prompt() + l + "\n");
            job->Input(l);
            Drive();
            return;
        }
        if (queue_.size() < 1000) queue_.push_back(l);
        return;
    }
    Accept(l);
}

void Console::Accept(const std::string& line) {
    if (transcript_) {
        // Between commands, a script's blank lines and comments are copied as they are, so a
        // transcript reads like the annotated session it came from.
        const std::string_view trimmed = TrimView(line);
        if (pending_.empty() && (trimmed.empty() || trimmed[0] == '#')) {
            Write(line + "\n");
            return;
        }
        Write(Prompt() + line + "\n");
    }
    if (pending_.size() + line.size() + 1 > kMaxPending) {
        pending_.clear();
        Write("bash: input too long (more than " + std::to_string(kMaxPending) + " bytes); ignored\n");
        return;
    }
    pending_ += line;
    pending_ += '\n';
    RunPending();
}

void Console::RunPending() {
    shell::ParseOptions opts;
    opts.max_input = kMaxPending;
    shell::ParseResult r = shell::Parse(pending_, opts);
    if (r.status == shell::ParseResult::Status::kIncomplete) return;
    pending_.clear();
    if (r.status == shell::ParseResult::Status::kError) {
        Write(shell::FormatSyntaxError(shell::Persona::kBash, r.error) + "\n");
        return;
    }
    shell_->Run(r.program);
    if (shell_->state() == shell::Interpreter::State::kExited) {
        // `exit` in the console ends the script, not the terminal: keep accepting lines.
    }
    Drive();
}

void Console::Drive() {
    if (in_poll_) return;
    in_poll_ = true;
    // Jobs that are already finished (or finish without time passing) resume at once.
    int guard = 0;
    while (shell_->Busy() && guard++ < 10000) {
        shell::Job* job = shell_->job();
        if (!job || !job->Poll()) break;
        shell_->Resume(job->ExitCode());
    }
    in_poll_ = false;
    DrainQueue();
}

void Console::DrainQueue() {
    while (!shell_->Busy() && !queue_.empty()) {
        std::string l = std::move(queue_.front());
        queue_.pop_front();
        Accept(l);
    }
}

void Console::Poll() { Drive(); }

void Console::Interrupt() {
    Write("^C\n");
    if (!pending_.empty()) {
        pending_.clear();
        return;
    }
    if (!shell_->Busy()) return;
    shell::Job* job = shell_->job();
    if (job) job->Interrupt();
    if (job && job->AcceptsInput()) return;  // the pod's shell got the Ctrl-C
    // The interrupted command ends and takes the rest of the command line with it.
    if (job) job->Poll();
    shell_->Abort(130);
    queue_.clear();
}

void Console::Finish() {
    if (pending_.empty()) return;
    shell::ParseResult r = shell::Parse(pending_);
    pending_.clear();
    if (r.status == shell::ParseResult::Status::kIncomplete) {
        if (r.error.kind == shell::SyntaxError::Kind::kUnterminatedQuote) {
            Write(shell::FormatSyntaxError(shell::Persona::kBash, r.error) + "\n");
        }
        shell::SyntaxError eof;
        eof.kind = shell::SyntaxError::Kind::kUnexpectedEof;
        Write(shell::FormatSyntaxError(shell::Persona::kBash, eof) + "\n");
    }
}

// [SECTION] completion

namespace {

std::vector<std::string> Words(std::string_view text, bool* ends_with_space) {
    std::vector<std::string> words;
    std::string cur;
    char quote = 0;
    bool in_word = false;
    for (char c : text) {
        if (quote) {
            if (c == quote) quote = 0;
            else cur += c;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            in_word = true;
            continue;
        }
        if (c == ' ' || c == '\t') {
            if (in_word) words.push_back(cur);
            cur.clear();
            in_word = false;
            continue;
        }
        if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')') {
            // A new command starts: only the words after it matter.
            words.clear();
            cur.clear();
            in_word = false;
            continue;
        }
        cur += c;
        in_word = true;
    }
    *ends_with_space = !in_word;
    if (in_word) words.push_back(cur);
    return words;
}

void AddMatches(const std::vector<std::string>& options, const std::string& prefix, std::set<std::string>* out) {
    for (const auto& o : options) {
        if (o.compare(0, prefix.size(), prefix) == 0) out->insert(o);
    }
}

}  // namespace

std::vector<std::string> Console::Complete(std::string_view line, size_t cursor) const {
    std::string_view before = line.substr(0, std::min(cursor, line.size()));
    bool space = false;
    std::vector<std::string> words = Words(before, &space);
    std::string current = space || words.empty() ? "" : words.back();
    if (!space && !words.empty()) words.pop_back();
    std::set<std::string> out;
    if (words.empty()) {
        std::vector<std::string> cmds = {"kubectl", "sleep", "sim", "echo", "printf", "cat", "grep", "head", "tail",
                                         "wc", "sort", "uniq", "cut", "tr", "seq", "tee", "env", "export", "ls",
                                         "help", "clear", "for", "while", "if", "true", "false"};
        AddMatches(cmds, current, &out);
        return {out.begin(), out.end()};
    }
    if (words[0] != "kubectl") {
        std::vector<std::string> names;
        if (fs_ && fs_->ListDir(".", &names)) AddMatches(names, current, &out);
        return {out.begin(), out.end()};
    }
    // kubectl: positional words after the subcommand, skipping flags and their values.
    std::string sub;
    std::vector<std::string> positional;
    std::string ns = settings_.default_namespace;
    for (size_t i = 1; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w.size() > 1 && w[0] == '-') {
            if ((w == "-n" || w == "--namespace") && i + 1 < words.size()) ns = words[++i];
            else if (w.rfind("--namespace=", 0) == 0) ns = w.substr(12);
            else if (w == "-o" || w == "-l" || w == "-c" || w == "-f" || w == "-p" || w == "--image") ++i;
            continue;
        }
        if (sub.empty()) sub = w;
        else positional.push_back(w);
    }
    if (!current.empty() && current[0] == '-') {
        AddMatches(kubectl_->FlagNames(sub), current, &out);
        return {out.begin(), out.end()};
    }
    if (sub.empty()) {
        AddMatches(Kubectl::CommandNames(), current, &out);
        return {out.begin(), out.end()};
    }
    if (sub == "rollout" && positional.empty()) {
        AddMatches({"history", "pause", "restart", "resume", "status", "undo"}, current, &out);
        return {out.begin(), out.end()};
    }
    if (sub == "rollout") positional.erase(positional.begin());
    Mapper mapper(cluster_->Resources());
    auto names_of = [&](const client::ResourceInfo* r, const std::string& prefix) {
        if (!r) return;
        auto list = cluster_->List(*r, r->namespaced ? ns : "", {});
        if (!list.ok()) return;
        for (const auto& item : list.value.Get("items").items()) {
            std::string n = prefix + item.Path("metadata.name").AsString();
            if (n.compare(0, current.size(), current) == 0) out.insert(n);
        }
    };
    bool pod_command = sub == "exec" || sub == "logs" || sub == "attach" || sub == "port-forward";
    if (pod_command) {
        if (positional.empty()) names_of(mapper.Find("pods"), "");
        return {out.begin(), out.end()};
    }
    static const std::set<std::string> kTyped = {"get", "describe", "delete", "edit", "label", "annotate", "scale",
                                                 "patch", "rollout", "wait", "explain"};
    if (!kTyped.count(sub)) {
        if (sub == "apply" || sub == "create" || sub == "replace") {
            std::vector<std::string> files;
            if (fs_ && fs_->ListDir(".", &files)) AddMatches(files, current, &out);
        }
        return {out.begin(), out.end()};
    }
    size_t slash = current.find('/');
    if (slash != std::string::npos) {
        names_of(mapper.Find(current.substr(0, slash)), current.substr(0, slash + 1));
        return {out.begin(), out.end()};
    }
    if (positional.empty()) {
        std::vector<std::string> types;
        for (const auto& r : cluster_->Resources()) {
            if (r.resource.find('/') != std::string::npos) continue;
            types.push_back(r.resource);
            for (const auto& s : r.short_names) types.push_back(s);
        }
        if (sub == "get") types.push_back("all");
        AddMatches(types, current, &out);
        return {out.begin(), out.end()};
    }
    std::string type = positional[0];
    if (type.find('/') == std::string::npos) {
        for (const auto& t : Split(type, ',')) names_of(mapper.Find(t), "");
    }
    return {out.begin(), out.end()};
}

}  // namespace sts::kubectl
