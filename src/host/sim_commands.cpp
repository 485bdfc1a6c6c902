#include "host/sim_commands.h"

#include "controllers/statefulset/statefulset_controller.h"
#include "core/strings.h"

namespace sts::host {

namespace {

constexpr const char* kUsage =
    "Simulator controls:\n"
    "  sim why [sts/NAME]      what the StatefulSet controller did at its last sync, and why it stopped\n"
    "  sim time                the simulated time\n"
    "  sim seed                the seed of this session\n";

}  // namespace

SimCommands::Result SimCommands::Usage(const std::string& error) {
    Result r;
    if (!error.empty()) {
        r.err = "error: " + error + "\n" + kUsage;
        r.exit_code = 1;
    } else {
        r.out = kUsage;
    }
    return r;
}

SimCommands::Result SimCommands::Run(const std::vector<std::string>& argv) {
    if (argv.size() < 2 || argv[1] == "help" || argv[1] == "--help" || argv[1] == "-h") return Usage("");
    const std::string& cmd = argv[1];
    std::vector<std::string> args(argv.begin() + 2, argv.end());
    if (cmd == "why") return Why(args);
    if (cmd == "time") return Time();
    if (cmd == "seed") {
        Result r;
        r.out = std::to_string(sim_.seed()) + "\n";
        return r;
    }
    return Usage("unknown sim command \"" + cmd + "\"");
}

SimCommands::Result SimCommands::Time() {
    Result r;
    const Duration since = sim_.Now() - kSimulationEpoch;
    r.out = FormatRfc3339(sim_.Now()) + " (" + GoDurationString(since < 0 ? 0 : since) + " since the session began)\n";
    return r;
}

SimCommands::Result SimCommands::Why(const std::vector<std::string>& args) {
    Result r;
    auto* controller = sim_.statefulset_controller();
    std::vector<std::string> names;
    if (args.empty()) {
        for (const auto& sts : sim_.api().statefulsets().List(namespace_)) names.push_back(sts->metadata.name);
        if (names.empty()) {
            r.out = "No StatefulSets in namespace " + namespace_ + ".\n";
            return r;
        }
    } else {
        std::string name = args[0];
        for (const char* prefix : {"sts/", "statefulset/", "statefulsets/", "statefulset.apps/"}) {
            if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
        }
        names.push_back(name);
    }
    for (const auto& name : names) {
        const std::string key = namespace_ + "/" + name;
        if (!sim_.api().statefulsets().Get(namespace_, name)) {
            r.err += "Error from server (NotFound): statefulsets.apps \"" + name + "\" not found\n";
            r.exit_code = 1;
            continue;
        }
        const auto* why = controller ? controller->Explain(key) : nullptr;
        if (!why) {
            r.out += "statefulset/" + name + ": not synced yet\n";
            continue;
        }
        r.out += "statefulset/" + name + " (last sync at " + FormatRfc3339(why->at) + ", " +
                 HumanDuration(sim_.Now() - why->at) + " ago):\n";
        if (why->actions.empty()) r.out += "  did: nothing\n";
        for (const auto& a : why->actions) r.out += "  did: " + a + "\n";
        for (const auto& reason : why->reasons) r.out += "  " + reason + "\n";
        if (!why->error.empty()) r.out += "  error (will retry): " + why->error + "\n";
    }
    return r;
}

}  // namespace sts::host
