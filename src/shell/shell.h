// The resumable sh interpreter. An embedder (the kubectl console, a simulated container) supplies
// a command table; a command either finishes at once or returns a Job that keeps running in
// simulated time (a watch, `sleep 30s`, a pod shell). The interpreter then suspends, keeping its
// place inside for-loops, && chains and pipelines, until the embedder resumes it with the job's
// exit status. Execution uses an explicit stack of frames: no threads, no coroutines.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "shell/ast.h"
#include "shell/parser.h"
#include "shell/persona.h"

namespace sts::shell {

class Interpreter;

// Where a command's stdout or stderr goes: the terminal, a pipe buffer, a file, /dev/null.
class OutputSink {
public:
    virtual ~OutputSink() = default;
    virtual void Write(std::string_view text) = 0;
};

// Collects everything written (pipes, $(...), redirections to files).
class BufferSink : public OutputSink {
public:
    void Write(std::string_view text) override;
    const std::string& text() const { return text_; }
    std::string Take() { return std::move(text_); }
    // Bytes beyond the cap are dropped (a runaway loop cannot exhaust memory).
    void set_cap(size_t cap) { cap_ = cap; }

private:
    std::string text_;
    size_t cap_ = 64u << 20;
};

// Forwards to a callback (the terminal).
class CallbackSink : public OutputSink {
public:
    explicit CallbackSink(std::function<void(std::string_view)> fn) : fn_(std::move(fn)) {}
    void Write(std::string_view text) override { fn_(text); }

private:
    std::function<void(std::string_view)> fn_;
};

class NullSink : public OutputSink {
public:
    void Write(std::string_view) override {}
};

// Files the shell can read (`<`, cat) and write (`>`, `>>`, tee).
class FileSystem {
public:
    virtual ~FileSystem() = default;
    virtual bool ReadFile(const std::string& path, std::string* content) const = 0;
    // Returns "" on success, else the reason as the OS words it ("No such file or directory",
    // "Read-only file system", "Is a directory").
    virtual std::string WriteFile(const std::string& path, std::string_view content, bool append) = 0;
    // Names of the entries in a directory (sorted); false when it is not a directory.
    virtual bool ListDir(const std::string& path, std::vector<std::string>* names) const {
        (void)path;
        (void)names;
        return false;
    }
};

// An in-memory file system: what the browser console writes with `cat > f <<EOF`.
class MemoryFileSystem : public FileSystem {
public:
    bool ReadFile(const std::string& path, std::string* content) const override;
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override;
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override;
    void Put(const std::string& path, std::string content) { files_[Normalize(path)] = std::move(content); }
    static std::string Normalize(const std::string& path);
    // Total bytes stored; writes beyond the limit fail with "No space left on device".
    void set_limit(size_t bytes) { limit_ = bytes; }

private:
    std::map<std::string, std::string> files_;
    size_t limit_ = 64u << 20;
};

// A command that keeps running after it returns: it is polled as simulated time advances and
// cluster events arrive, until it finishes. Owned by the interpreter while it runs.
class Job {
public:
    virtual ~Job() = default;
    // Consumes what happened since the last call (events, elapsed time); true when finished.
    virtual bool Poll() = 0;
    // The simulated time at which the job wants to be polled even if nothing else happens.
    virtual std::optional<Time> WakeTime() const { return std::nullopt; }
    // Ctrl-C. The job prints nothing itself; it should finish at the next Poll.
    virtual void Interrupt() = 0;
    virtual int ExitCode() const = 0;
    // Interactive jobs (a shell inside a pod) take the user's lines.
    virtual bool AcceptsInput() const { return false; }
    virtual void Input(std::string_view line) { (void)line; }
    virtual std::string Prompt() const { return ""; }
};

// One run of a command.
struct Invocation {
    std::vector<std::string> argv;
    std::string stdin_data;
    bool has_stdin = false;  // stdin is a pipe, heredoc or file (not the terminal)
    std::shared_ptr<OutputSink> out;
    std::shared_ptr<OutputSink> err;
    Interpreter* shell = nullptr;
    int line = 1;
    // Variables assigned for this command only (`FOO=1 cmd`), on top of the exported ones.
    std::map<std::string, std::string> env;
};

struct Outcome {
    int status = 0;
    std::unique_ptr<Job> job;  // non-null: the command continues; status comes from the job
};

using CommandFn = std::function<Outcome(Invocation&)>;

struct ShellConfig {
    Persona persona = Persona::kBash;
    std::map<std::string, CommandFn> commands;
    FileSystem* fs = nullptr;  // may be null: redirections to files then fail
    ParseOptions parse;
    // Simple commands run without blocking before the interpreter gives up on a runaway loop.
    uint64_t max_steps = 200000;
    // Bytes a single $(...) or pipe stage may produce.
    size_t max_buffer = 16u << 20;
};

class Interpreter {
public:
    enum class State { kIdle, kBlocked, kExited };

    explicit Interpreter(ShellConfig config);
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;

    // Where the program's stdout and stderr go (the terminal).
    void SetOutput(std::shared_ptr<OutputSink> out, std::shared_ptr<OutputSink> err);

    // Parses and runs text as one program (what `sh -c` does). Syntax errors are printed in
    // the persona's words and give status 2. Returns the state after running as far as it can.
    State RunText(std::string_view text);
    // Runs an already parsed program.
    State Run(std::shared_ptr<const Program> program);
    // The blocked command's job finished with `status`; continues the program.
    State Resume(int status);
    // Abandons the running program (Ctrl-C after the job was interrupted): status 130.
    void Abort(int status = 130);

    State state() const { return state_; }
    bool Busy() const { return state_ == State::kBlocked; }
    Job* job() const;
    int last_status() const { return last_status_; }
    int exit_status() const { return exit_status_; }
    const ShellConfig& config() const { return config_; }
    ShellConfig& mutable_config() { return config_; }
    Persona persona() const { return config_.persona; }

    // Variables.
    std::optional<std::string> GetVar(const std::string& name) const;
    void SetVar(const std::string& name, std::string value, bool exported = false);
    void UnsetVar(const std::string& name);
    void Export(const std::string& name);
    // Exported variables (what `env` prints), sorted by name.
    std::map<std::string, std::string> ExportedEnv() const;
    // $0 and $1..: set by `sh -c 'script' arg0 arg1...`.
    void SetPositional(std::string arg0, std::vector<std::string> args);

    // Reports an error from a builtin in the persona's words (goes to stderr).
    std::string ErrorText(std::string_view what, int line) const;

    struct Impl;

private:
    ShellConfig config_;
    std::unique_ptr<Impl> impl_;
    State state_ = State::kIdle;
    int last_status_ = 0;
    int exit_status_ = 0;
};

// The small utilities a shell needs around kubectl: cat grep head tail wc sort uniq cut tr seq
// tee basename dirname. Registers them in `commands` with the persona's error wording.
void AddCoreUtils(std::map<std::string, CommandFn>* commands, Persona persona);

// Splits "a  b\tc" the way `read` / unquoted expansion does (IFS whitespace).
std::vector<std::string> SplitFields(std::string_view s);

}  // namespace sts::shell
