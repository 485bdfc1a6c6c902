// Helpers for the cluster tests: pods from a few fields, kubectl's READY/STATUS columns
// (printers.go printPod, reference §6.2), and recorders that timestamp every watch event and
// Event write with the simulated clock.
#pragma once

#include <string>
#include <vector>

#include "engine/simulation.h"

namespace sts::cluster::testing {

inline k8s::Pod MakePod(const std::string& name, const std::string& image, StringMap labels = {}) {
    k8s::Pod pod;
    pod.metadata.name = name;
    pod.metadata.namespace_ = "default";
    pod.metadata.labels = std::move(labels);
    k8s::Container c;
    c.name = "nginx";
    c.image = image;
    auto& spec = pod.spec.Mut();
    spec.containers.push_back(c);
    return pod;
}

inline k8s::Container& MainContainer(k8s::Pod& pod) { return pod.spec.Mut().containers[0]; }

// kubectl get pods: READY and STATUS.
inline std::string ReadyColumn(const k8s::Pod& pod) {
    int ready = 0;
    for (const auto& cs : pod.status.container_statuses)
        if (cs.ready && cs.state.running) ++ready;
    return std::to_string(ready) + "/" + std::to_string(pod.spec->containers.size());
}

inline std::string StatusColumn(const k8s::Pod& pod) {
    std::string reason = pod.status.reason.empty() ? pod.status.phase : pod.status.reason;
    bool initializing = false;
    for (size_t i = 0; i < pod.status.init_container_statuses.size(); ++i) {
        const auto& c = pod.status.init_container_statuses[i];
        if (c.state.terminated && c.state.terminated->exit_code == 0) continue;
        initializing = true;
        if (c.state.waiting && !c.state.waiting->reason.empty() && c.state.waiting->reason != "PodInitializing")
            reason = "Init:" + c.state.waiting->reason;
        else
            reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.spec->init_containers.size());
        break;
    }
    if (!initializing) {
        bool has_running = false;
        for (auto it = pod.status.container_statuses.rbegin(); it != pod.status.container_statuses.rend(); ++it) {
            const auto& c = *it;
            if (c.state.waiting && !c.state.waiting->reason.empty()) {
                reason = c.state.waiting->reason;
            } else if (c.state.terminated && !c.state.terminated->reason.empty()) {
                reason = c.state.terminated->reason;
            } else if (c.state.terminated) {
                reason = "ExitCode:" + std::to_string(c.state.terminated->exit_code);
            } else if (c.state.running && c.ready) {
                has_running = true;
            }
        }
        if (reason == "Completed" && has_running) reason = "Running";
    }
    const bool terminal = pod.status.phase == "Succeeded" || pod.status.phase == "Failed";
    if (pod.metadata.deletion_timestamp && pod.status.reason == "NodeLost") reason = "Unknown";
    else if (pod.metadata.deletion_timestamp && !terminal) reason = "Terminating";
    return reason;
}

// Every watch event of one pod, as `kubectl get pod NAME -w` would print it.
struct WatchLine {
    Time at;
    std::string type;  // ADDED, MODIFIED, DELETED
    std::string ready;
    std::string status;
    std::string node;
    apiserver::Ptr<k8s::Pod> pod;
};

struct PodWatcher {
    std::vector<WatchLine> lines;
    PodWatcher(engine::Simulation& sim, std::string name) {
        sim.api().pods().AddHandler([this, &sim, name](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>&,
                                                      const apiserver::Ptr<k8s::Pod>& pod) {
            if (pod->metadata.name != name) return;
            const char* t = type == apiserver::WatchType::kAdded      ? "ADDED"
                             : type == apiserver::WatchType::kModified ? "MODIFIED"
                                                                       : "DELETED";
            lines.push_back({sim.Now(), t, ReadyColumn(*pod), StatusColumn(*pod), pod->spec->node_name, pod});
        });
    }
    // The STATUS column of each line, consecutive duplicates kept (as a watch prints them).
    std::vector<std::string> Statuses() const {
        std::vector<std::string> out;
        for (const auto& l : lines) out.push_back(l.status);
        return out;
    }
    // The first time STATUS (and READY, when given) matched.
    Time FirstTime(const std::string& status, const std::string& ready = "") const {
        for (const auto& l : lines)
            if (l.status == status && (ready.empty() || l.ready == ready)) return l.at;
        return 0;
    }
};

// Every Event write (new or repeated) in the order the recorder made them.
struct EventLog {
    struct Entry {
        Time at;
        std::string object;  // involvedObject name
        std::string type, reason, message;
        int32_t count;
    };
    std::vector<Entry> entries;
    explicit EventLog(engine::Simulation& sim) {
        sim.api().events().AddHandler([this, &sim](apiserver::WatchType type, const apiserver::Ptr<k8s::Event>&,
                                                  const apiserver::Ptr<k8s::Event>& ev) {
            if (type == apiserver::WatchType::kDeleted) return;
            entries.push_back({sim.Now(), ev->involved_object.name, ev->type, ev->reason, ev->message, ev->count});
        });
    }
    std::vector<Entry> For(const std::string& object) const {
        std::vector<Entry> out;
        for (const auto& e : entries)
            if (e.object == object) out.push_back(e);
        return out;
    }
    std::vector<std::string> Reasons(const std::string& object) const {
        std::vector<std::string> out;
        for (const auto& e : For(object)) out.push_back(e.reason);
        return out;
    }
    std::vector<Time> Times(const std::string& object, const std::string& reason) const {
        std::vector<Time> out;
        for (const auto& e : For(object))
            if (e.reason == reason) out.push_back(e.at);
        return out;
    }
    const Entry* Find(const std::string& object, const std::string& reason) const {
        for (const auto& e : entries)
            if (e.object == object && e.reason == reason) return &e;
        return nullptr;
    }
};

inline apiserver::Ptr<k8s::Pod> GetPod(engine::Simulation& sim, const std::string& name) {
    return sim.api().pods().Get("default", name);
}

}  // namespace sts::cluster::testing
