// kubectl over the client::Cluster interface: argument parsing as cobra/pflag do it, the
// subcommands the tutorial and the playground need, and kubectl's exact output and error texts.
// A command either finishes at once or returns a Job that blocks the console in simulated time
// (get -w, rollout status, wait, run -it, exec -it).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "client/cluster.h"
#include "core/time.h"
#include "shell/shell.h"

namespace sts::kubectl {

// Limits for commands that wait. The native script host ends waits so scripts terminate;
// the browser sets the watch limits to 0 and lets the user press Ctrl-C.
struct ConsoleSettings {
    // A watch ends when nothing it shows has changed for this long (0: never).
    Duration watch_idle_end = Seconds(60);
    // A watch ends after this long in any case (0: never).
    Duration watch_max = Minutes(10);
    // rollout status / run -it waiting with no --timeout give up after this (0: never),
    // printing kubectl's timeout error.
    Duration wait_limit = Minutes(10);
    // Interpreter steps (roughly, commands) a command line may take without pausing in simulated
    // time before the shell stops it as a runaway loop.
    uint64_t max_steps = 200000;
    // The namespace of the current kubeconfig context.
    std::string default_namespace = "default";
    // Client version reported by `kubectl version`.
    std::string client_git_version = "v1.33.1";
    std::string kustomize_version = "v5.6.0";
};

class Kubectl {
public:
    Kubectl(client::Cluster* cluster, shell::FileSystem* fs, const ConsoleSettings* settings);
    ~Kubectl();

    // argv[0] is "kubectl".
    shell::Outcome Run(shell::Invocation& inv);

    // For completion.
    static const std::vector<std::string>& CommandNames();
    std::vector<std::string> FlagNames(const std::string& command) const;
    client::Cluster& cluster() { return *cluster_; }

private:
    client::Cluster* cluster_;
    shell::FileSystem* fs_;
    const ConsoleSettings* settings_;
};

}  // namespace sts::kubectl
