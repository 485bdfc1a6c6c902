// The view model of the cluster: what the panels draw, read from the engine's stores and the
// StatefulSet controller's own explanation of its last sync. Built from snapshots only (the
// stored objects are immutable), rebuilt when the API's resourceVersion moves.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"

namespace sts::engine {
class Simulation;
}

namespace sts::ui {

// The phase colours of the cluster view.
enum class PodStage { kPending, kCreating, kRunning, kReady, kTerminating, kFailed, kSucceeded };
const char* PodStageName(PodStage stage);  // "Pending", "ContainerCreating", ...

struct PodInfo {
    std::string ns, name, uid;
    std::string set;       // the controlling StatefulSet ("" for other pods)
    int ordinal = -1;
    std::string node;      // "" while unscheduled
    PodStage stage = PodStage::kPending;
    std::string status;    // what kubectl's STATUS column says ("ContainerCreating", "Terminating")
    bool ready = false;
    int restarts = 0;
    std::string revision;  // controller-revision-hash
    std::string ip;
    std::string image;
    std::vector<std::string> claims;  // PVC names from its volumes
    Time created = 0;
    Time deleting_since = 0;  // deletionTimestamp - grace (0 when not terminating)
};

struct ClaimInfo {
    std::string ns, name;
    std::string phase;          // Pending, Bound, Lost, Terminating
    std::string volume;
    std::string storage_class;
    std::string capacity;
    std::string node;           // selected-node annotation or the bound PV's node
    std::string set;            // "web" for www-web-3 when the set has a "www" template
    int ordinal = -1;
    bool in_use = false;        // an existing pod mounts it
};

struct VolumeInfo {
    std::string name;
    std::string phase;  // Available, Bound, Released, Failed
    std::string claim;  // "ns/name"
    std::string node;
    std::string storage_class;
    std::string reclaim;
    std::string capacity;
};

struct StorageClassInfo {
    std::string name;
    std::string provisioner;
    std::string binding_mode;  // WaitForFirstConsumer, Immediate
    std::string reclaim;
    bool is_default = false;
};

// "web-2 not created: web-1 is Pending (...)" from the controller's explanation.
struct Gate {
    std::string waiting;   // web-2
    int ordinal = -1;      // 2
    std::string verb;      // created, deleted, updated
    std::string blocker;   // web-1
    std::string state;     // "Pending", "Running but not Ready"
    std::string reason;    // the whole line
};

struct SetInfo {
    std::string ns, name;
    int replicas = 0;
    int ready = 0;
    int current = 0;
    int updated = 0;
    std::string current_revision, update_revision;
    std::string update_strategy;  // RollingUpdate, OnDelete
    int partition = 0;
    std::string policy;           // OrderedReady, Parallel
    std::string service;
    std::vector<std::string> claim_templates;
    int start_ordinal = 0;
    std::vector<std::string> actions;  // the controller's last sync
    std::vector<std::string> reasons;
    std::optional<Gate> gate;
    bool Updating() const { return !update_revision.empty() && update_revision != current_revision; }
};

struct EndpointInfo {
    std::string name;  // hostname or pod name
    std::string ip;
    bool ready = false;
};

struct ServiceInfo {
    std::string ns, name;
    bool headless = false;
    std::string cluster_ip;
    std::string selector;
    std::vector<EndpointInfo> endpoints;
};

struct NodeInfo {
    std::string name;
    std::string internal_ip;
    std::string pod_cidr;
    bool control_plane = false;
    bool ready = true;
    bool unschedulable = false;
};

struct ClusterModel {
    Time now = 0;
    uint64_t resource_version = 0;
    std::vector<NodeInfo> nodes;
    std::vector<SetInfo> sets;
    std::vector<PodInfo> pods;  // StatefulSet pods by (set, ordinal), then the others by name
    std::vector<ClaimInfo> claims;
    std::vector<VolumeInfo> volumes;
    std::vector<StorageClassInfo> storage_classes;
    std::vector<ServiceInfo> services;

    const PodInfo* FindPod(const std::string& name) const;
    const SetInfo* FindSet(const std::string& name) const;
    const ClaimInfo* FindClaim(const std::string& name) const;
    const VolumeInfo* FindVolume(const std::string& name) const;
    const NodeInfo* FindNode(const std::string& name) const;
};

// Reads the simulation (namespace "default" and cluster-scoped objects).
ClusterModel BuildModel(engine::Simulation& sim);

// Parses "web-2 not created: web-1 is Pending (OrderedReady waits ...)".
std::optional<Gate> ParseGate(const std::string& reason);

// The ordinal of "<set>-<n>" (-1 when the name is not of that form).
int OrdinalOf(const std::string& name, const std::string& set);

}  // namespace sts::ui
