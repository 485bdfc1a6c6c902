#include "host/sim_commands.h"

#include "cluster/cluster_dns.h"
#include "cluster/image_registry.h"
#include "cluster/kubelet.h"
#include "cluster/node_lifecycle.h"
#include "controllers/persistent_volume_controller.h"
#include "controllers/statefulset/statefulset_controller.h"
#include "core/strings.h"

namespace sts::host {

namespace {

constexpr const char* kUsage =
    "Simulator controls:\n"
    "  sim why [sts/NAME]                 what the StatefulSet controller did at its last sync, and why it stopped\n"
    "  sim readiness pod/NAME fail|pass   the pod's readiness probe starts failing or passing\n"
    "  sim crash pod/NAME                 its container exits non-zero (restarts back off: CrashLoopBackOff)\n"
    "  sim evict pod/NAME                 the pod is evicted (phase Failed, reason Evicted)\n"
    "  sim node NAME down|up              the node stops or resumes its heartbeats\n"
    "  sim image add IMAGE:TAG [SIZE]     add an image to the simulated registry (SIZE in bytes, or 45Mi)\n"
    "  sim image remove IMAGE:TAG         remove an image from the registry\n"
    "  sim provisioner fail|ok            dynamic provisioning fails or recovers\n"
    "  sim dns corefile legacy|kubeadm    CoreDNS caches cluster.local answers for 30 s (legacy `cache 30`)\n"
    "                                     or not at all (kubeadm 1.32+, the default)\n"
    "  sim time                           the simulated time\n"
    "  sim seed                           the seed of this session\n";

// "pod/web-1", "pods/web-1" or "web-1" -> "web-1"; "" for other kinds.
std::string PodName(const std::string& arg) {
    for (const char* prefix : {"pod/", "pods/", "po/"})
        if (arg.rfind(prefix, 0) == 0) return arg.substr(std::string(prefix).size());
    if (arg.find('/') != std::string::npos) return "";
    return arg;
}

// "45Mi", "1.5Gi", "72195292" -> bytes; -1 when unreadable.
int64_t ParseSize(const std::string& text) {
    int64_t scale = 1;
    std::string digits = text;
    for (const auto& [suffix, factor] : std::vector<std::pair<std::string, int64_t>>{
             {"Ki", 1024LL}, {"Mi", 1024LL * 1024}, {"Gi", 1024LL * 1024 * 1024}, {"KB", 1000LL}, {"MB", 1000000LL},
             {"GB", 1000000000LL}, {"k", 1000LL}, {"M", 1000000LL}, {"G", 1000000000LL}}) {
        if (digits.size() > suffix.size() && digits.compare(digits.size() - suffix.size(), suffix.size(), suffix) == 0) {
            digits = digits.substr(0, digits.size() - suffix.size());
            scale = factor;
            break;
        }
    }
    int64_t v = 0;
    if (!ParseInt64(digits, &v) || v <= 0 || v > (int64_t{1} << 40) / scale) return -1;
    return v * scale;
}

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
    if (cmd == "readiness" || cmd == "crash" || cmd == "evict") return PodControl(cmd, args);
    if (cmd == "node") return Node(args);
    if (cmd == "image") return Image(args);
    if (cmd == "provisioner") return Provisioner(args);
    if (cmd == "dns") return Dns(args);
    if (cmd == "seed") {
        Result r;
        r.out = std::to_string(sim_.seed()) + "\n";
        return r;
    }
    return Usage("unknown sim command \"" + cmd + "\"");
}

SimCommands::Result SimCommands::PodControl(const std::string& cmd, const std::vector<std::string>& args) {
    const size_t want = cmd == "readiness" ? 2 : 1;
    if (args.size() != want) {
        return Usage(cmd == "readiness" ? "usage: sim readiness pod/NAME fail|pass" : "usage: sim " + cmd + " pod/NAME");
    }
    const std::string name = PodName(args[0]);
    if (name.empty()) return Usage("sim " + cmd + " takes a pod (pod/NAME), not " + args[0]);
    Result r;
    auto pod = sim_.api().pods().Get(namespace_, name);
    if (!pod) {
        r.err = "Error from server (NotFound): pods \"" + name + "\" not found\n";
        r.exit_code = 1;
        return r;
    }
    cluster::Kubelet* kubelet = pod->spec->node_name.empty() ? nullptr : sim_.kubelet(pod->spec->node_name);
    if (!kubelet) {
        r.err = "error: pod " + name + " is not running on a node yet\n";
        r.exit_code = 1;
        return r;
    }
    bool ok = false;
    if (cmd == "readiness") {
        if (args[1] != "fail" && args[1] != "pass") return Usage("usage: sim readiness pod/NAME fail|pass");
        ok = kubelet->SetReadiness(namespace_, name, args[1] == "pass");
        r.out = "pod/" + name + ": readiness probe " + (args[1] == "pass" ? "passing" : "failing") + "\n";
    } else if (cmd == "crash") {
        ok = kubelet->Crash(namespace_, name);
        r.out = "pod/" + name + ": container exited with code 1\n";
    } else {
        ok = kubelet->Evict(namespace_, name);
        r.out = "pod/" + name + ": evicted\n";
    }
    if (!ok) {
        r.out.clear();
        r.err = "error: pod " + name + " has no running container to act on\n";
        r.exit_code = 1;
    }
    return r;
}

SimCommands::Result SimCommands::Node(const std::vector<std::string>& args) {
    if (args.size() != 2 || (args[1] != "down" && args[1] != "up")) return Usage("usage: sim node NAME down|up");
    std::string name = args[0];
    for (const char* prefix : {"node/", "nodes/", "no/"})
        if (name.rfind(prefix, 0) == 0) name = name.substr(std::string(prefix).size());
    Result r;
    auto* lifecycle = sim_.node_lifecycle();
    if (!sim_.api().nodes().Get("", name) || !lifecycle) {
        r.err = "Error from server (NotFound): nodes \"" + name + "\" not found\n";
        r.exit_code = 1;
        return r;
    }
    const bool down = args[1] == "down";
    if (down) lifecycle->SetNodeDown(name);
    else lifecycle->SetNodeUp(name);
    r.out = "node/" + name + (down ? ": kubelet stopped (no more heartbeats)\n" : ": kubelet running again\n");
    return r;
}

SimCommands::Result SimCommands::Image(const std::vector<std::string>& args) {
    if (args.size() < 2 || (args[0] != "add" && args[0] != "remove") || (args[0] == "remove" && args.size() != 2) ||
        args.size() > 3)
        return Usage("usage: sim image add IMAGE:TAG [SIZE] | sim image remove IMAGE:TAG");
    Result r;
    auto* registry = sim_.image_registry();
    if (!registry) return Usage("the image registry is not available");
    if (args[0] == "add") {
        int64_t size = 30LL * 1024 * 1024;
        if (args.size() == 3) {
            size = ParseSize(args[2]);
            if (size < 0) return Usage("invalid size \"" + args[2] + "\" (bytes, or a quantity like 45Mi)");
        }
        if (!registry->AddImage(args[1], size)) return Usage("invalid image reference \"" + args[1] + "\"");
        r.out = "image " + args[1] + " added to the registry\n";
    } else {
        if (!registry->RemoveImage(args[1])) {
            r.err = "error: image " + args[1] + " is not in the registry\n";
            r.exit_code = 1;
            return r;
        }
        r.out = "image " + args[1] + " removed from the registry\n";
    }
    return r;
}

SimCommands::Result SimCommands::Provisioner(const std::vector<std::string>& args) {
    if (args.size() != 1 || (args[0] != "fail" && args[0] != "ok")) return Usage("usage: sim provisioner fail|ok");
    Result r;
    auto* pv = sim_.persistent_volume_controller();
    if (!pv) return Usage("the volume provisioner is not available");
    pv->SetProvisionerFailing(args[0] == "fail");
    r.out = args[0] == "fail" ? "provisioner: dynamic provisioning now fails\n" : "provisioner: provisioning works again\n";
    return r;
}

SimCommands::Result SimCommands::Dns(const std::vector<std::string>& args) {
    if (args.size() != 2 || args[0] != "corefile" || (args[1] != "legacy" && args[1] != "kubeadm"))
        return Usage("usage: sim dns corefile legacy|kubeadm");
    auto* dns = sim_.dns();
    if (!dns) return Usage("cluster DNS is not available");
    const bool legacy = args[1] == "legacy";
    dns->UseLegacyCorefile(legacy);
    dns->FlushCache();  // CoreDNS's reload starts the new configuration with an empty cache
    Result r;
    r.out = legacy ? "coredns: Corefile has `cache 30`: cluster.local answers, found or not, are cached for 30 s\n"
                   : "coredns: Corefile has `cache 30 { disable success cluster.local; disable denial cluster.local }`: "
                     "cluster.local answers are never cached\n";
    return r;
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
        const int64_t generation = sim_.api().statefulsets().Get(namespace_, name)->metadata.generation;
        if (generation > why->generation)
            r.out += "  (the set has changed since: generation " + std::to_string(generation) + ", this sync saw " +
                     std::to_string(why->generation) + "; the controller has not synced it yet)\n";
        if (why->actions.empty()) {
            r.out += "  did: nothing\n";
            if (!why->last_actions.empty())
                r.out += "  before that (at " + FormatRfc3339(why->last_action_at) + ", " +
                         HumanDuration(sim_.Now() - why->last_action_at) + " ago) it " +
                         Join(why->last_actions, "; ") + "\n";
        }
        for (const auto& a : why->actions) r.out += "  did: " + a + "\n";
        for (const auto& reason : why->reasons) r.out += "  " + reason + "\n";
        if (!why->error.empty()) r.out += "  error (will retry): " + why->error + "\n";
    }
    return r;
}

}  // namespace sts::host
