// The console shared by the browser terminal and the native `sts-playground script`: a bash-like
// shell with kubectl, small utilities, `sleep` in simulated time and `sim ...` controls.
//
// The console never advances time itself. Its host feeds lines (Input), advances the simulation
// and calls Poll() so a running command (a watch, rollout status, a pod shell) can consume what
// happened; WakeTime() tells the host the next simulated time a running command cares about
// even if nothing else happens (a sleep's end, a watch's idle limit).
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "client/cluster.h"
#include "core/time.h"
#include "kubectl/kubectl.h"
#include "shell/shell.h"

namespace sts::kubectl {

// `sim pause`, `sim speed 10`, ... : playground controls the host implements (null when the
// console talks to a real cluster).
class SimControl {
public:
    virtual ~SimControl() = default;
    struct Result {
        std::string out;
        std::string err;
        int exit_code = 0;
    };
    virtual Result Run(const std::vector<std::string>& argv) = 0;
};

class Console {
public:
    Console(client::Cluster* cluster, shell::FileSystem* fs, SimControl* sim = nullptr,
            ConsoleSettings settings = ConsoleSettings());
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    // One line the user typed (without its newline). Incomplete commands are buffered (PS2);
    // lines typed while a command runs are queued, except for an interactive pod shell,
    // which takes them.
    void Input(std::string_view line);
    // A command is running and not waiting for input lines.
    bool Busy() const;
    // When the running command wants to be polled even without cluster changes.
    std::optional<Time> WakeTime() const;
    // Lets the running command consume events and elapsed time; resumes the shell when done.
    void Poll();
    // Ctrl-C: prints "^C", stops a watch / rollout status / wait / sleep (and the rest of the
    // command line), or drops a half-typed multi-line command.
    void Interrupt();
    // Everything printed since the last call (stdout and stderr interleaved, as a terminal).
    std::string TakeOutput();
    // "$ ", "> " while a command is incomplete, "/ # " inside a busybox pod shell.
    std::string Prompt() const;
    // Completion candidates for the word at `cursor` (whole words, sorted).
    std::vector<std::string> Complete(std::string_view line, size_t cursor) const;
    // The script host's end of input: an unfinished multi-line command is reported as bash
    // reports an unexpected end of file.
    void Finish();

    // Echo each accepted line after its prompt ("$ kubectl get pods", "> done", "/ # exit").
    void set_transcript(bool on) { transcript_ = on; }
    const ConsoleSettings& settings() const { return settings_; }
    void set_settings(const ConsoleSettings& s) { settings_ = s; }
    int last_status() const;

private:
    void Write(std::string_view text);
    void Accept(const std::string& line);
    void RunPending();
    void Drive();
    void DrainQueue();

    client::Cluster* cluster_;
    shell::FileSystem* fs_;
    SimControl* sim_;
    ConsoleSettings settings_;
    std::unique_ptr<Kubectl> kubectl_;
    std::unique_ptr<shell::Interpreter> shell_;
    std::string output_;
    std::string pending_;  // an incomplete multi-line command
    std::deque<std::string> queue_;
    bool transcript_ = false;
    bool in_poll_ = false;
};

}  // namespace sts::kubectl
