// One playground session: a simulated cluster, the console on top of it and the files it sees.
// The native `sts-playground script` runs a whole script through it (blocking commands run to
// completion in simulated time); the browser feeds it typed lines and advances its clock every
// frame.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "engine/simulated_cluster.h"
#include "engine/simulation.h"
#include "host/file_system.h"
#include "host/sim_commands.h"
#include "kubectl/console.h"

namespace sts::host {

struct SessionOptions {
    uint64_t seed = 1;
    // Echo commands as "$ cmd" before their output (script transcripts).
    bool transcript = false;
    // Watches end when idle (scripts) or run until Ctrl-C (the browser).
    bool interactive = false;
    // Script mode stops a command that is still running after this much simulated time (a
    // watch with no end, `sleep 1d`), so every line ends.
    Duration drive_limit = Hours(2);
    // Script mode asks this before each step of simulated time a running command takes; false
    // stops the command as the time limit does. Null: no check. (The fuzz target bounds the
    // work one input may cause with it.)
    std::function<bool()> keep_driving;
    // The console's limits (interactive sessions lift the watch and wait limits).
    kubectl::ConsoleSettings console;
    // Objects of one kind the simulated cluster holds at most (see SimulationOptions): enough
    // for the UI's 10,000-pod view, small enough for a browser tab.
    size_t max_objects_per_kind = 10000;
};

class Session {
public:
    explicit Session(SessionOptions options = {});
    ~Session();

    engine::Simulation& sim() { return *sim_; }
    engine::SimulatedCluster& cluster() { return *cluster_; }
    kubectl::Console& console() { return *console_; }
    ConsoleFileSystem& files() { return *files_; }

    // Script mode: feeds the text line by line, running each blocking command to completion in
    // simulated time, and returns everything the console printed.
    std::string RunScript(std::string_view text);
    // Feeds one line; in script mode it also runs it to completion.
    void Input(std::string_view line);
    // Advances simulated time by `d`, letting a running command consume what happened.
    void Advance(Duration d);
    std::string TakeOutput() { return console_->TakeOutput(); }
    // End of a script: reports an unfinished multi-line command and lets the last one finish.
    void Finish();

private:
    // Runs simulated time forward until the console has no running command.
    void DriveUntilIdle();

    SessionOptions options_;
    std::unique_ptr<engine::Simulation> sim_;
    std::unique_ptr<engine::SimulatedCluster> cluster_;
    std::unique_ptr<ConsoleFileSystem> files_;
    std::unique_ptr<SimCommands> sim_commands_;
    std::unique_ptr<kubectl::Console> console_;
};

}  // namespace sts::host
