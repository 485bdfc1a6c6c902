// kube-scheduler with the default profile, as far as a small kind cluster exercises it
// (mirrors pkg/scheduler: the scheduling queue's active/backoff/unschedulable pods, the filter
// plugins NodeUnschedulable, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit,
// VolumeBinding, PodTopologySpread and InterPodAffinity, the default scores, selectHost's random
// tie-break, FitError's "0/4 nodes are available: ..." text, and the asynchronous binding cycle
// whose VolumeBinding PreBind annotates WaitForFirstConsumer claims with the selected node and
// waits for them to bind before the pod is bound).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/image_registry.h"
#include "core/rng.h"
#include "engine/context.h"

namespace sts::cluster {

class SchedulerCache;

// numFeasibleNodesToFind with percentageOfNodesToScore unset: a scheduling cycle stops filtering
// once this many nodes pass. Every node below 100 nodes, else an adaptive share (50%, less 1%
// per 125 nodes, at least 5%) and never fewer than 100.
size_t NumFeasibleNodesToFind(size_t all_nodes);

class KubeScheduler final : public engine::Component {
public:
    explicit KubeScheduler(engine::Context& ctx);
    ~KubeScheduler() override;

    std::string_view ComponentName() const override { return "default-scheduler"; }
    void OnEvent(const engine::SimEvent& event) override;
    std::string_view OpName(uint16_t op) const override;

    // Pods the queue holds (waiting to be tried, backing off, or parked as unschedulable).
    size_t QueuedPods() const { return pods_.size(); }
    // The last FitError text for a pod still waiting ("" when none).
    std::string LastFailure(const std::string& ns, const std::string& name) const;
    // Compares the scheduler's cache with a fresh listing of nodes and pods, as upstream's cache
    // debugger (backend/cache/debugger/comparer.go) does; "" when they agree, else what differs.
    // Also checks the topology-spreading counts the cache keeps per selector.
    std::string CompareCache() const;
    // How many selectors the cache keeps spreading counts for (tests check that one exists).
    size_t SpreadMemosForTest() const;

    // Filter plugins a pod failed on, as a bit set (queueing hints decide which cluster events
    // may make it schedulable again).
    enum Plugin : uint32_t {
        kNodeUnschedulable = 1 << 0,
        kTaintToleration = 1 << 1,
        kNodeAffinity = 1 << 2,
        kNodePorts = 1 << 3,
        kNodeResourcesFit = 1 << 4,
        kVolumeBinding = 1 << 5,
        kPodTopologySpread = 1 << 6,
        kInterPodAffinity = 1 << 7,
    };

private:
    enum Op : uint16_t {
        kScheduleOne = 1,   // run one scheduling cycle
        kBind = 2,          // binding cycle: POST pods/binding (key pod, arg attempt)
        kBackoffDone = 3,   // a backing-off pod becomes active (arg attempt)
        kFlush = 4,         // the 5-minute unschedulable leftover flush for one pod (arg attempt)
        kCheckVolumes = 5,  // PreBind's 1 s poll: are the pod's claims bound yet? (arg attempt)
        kVolumeTimeout = 6, // PreBind gave up waiting (arg attempt)
        kPreBind = 7,       // PreBind: annotate claims / bind static volumes (arg attempt)
    };

    enum class Where { kActive, kBackoff, kUnschedulable, kInFlight };

    struct QueuedPod {
        std::string key;
        int32_t priority = 0;
        Time timestamp = 0;  // when it (re-)entered the active queue, for PrioritySort
        int attempts = 0;
        Time last_failure = 0;
        uint32_t failed_plugins = 0;
        Where where = Where::kActive;
        uint64_t token = 0;    // guards scheduled events for this pod
        std::string last_message;
        // Binding cycle state.
        std::string node;
        Time volume_wait_start = 0;
        bool hint_while_in_flight = false;
    };

    struct ActiveOrder {
        bool operator()(const QueuedPod* a, const QueuedPod* b) const;
    };

    // Handlers (run inside API writes: they only touch queue state and schedule events).
    // `key` is the pod's "namespace/name".
    void OnPod(const std::string& key, apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_pod,
               const apiserver::Ptr<k8s::Pod>& pod);
    void OnNodeChange(uint32_t plugins);
    void OnClaimsChange();

    void AddToActive(QueuedPod& qp);
    void MoveForEvent(uint32_t plugins);
    void Kick();
    void Remove(const std::string& key);
    Duration BackoffFor(int attempts) const;

    // Assumed pods count on their node in the cache until their binding shows up.
    // The node a pod is assumed on, "" when none.
    const std::string& AssumedNode(const std::string& key) const;
    void Assume(const std::string& key, const std::string& node);
    void Unassume(const std::string& key);
    void RefreshCached(const std::string& key);

    void ScheduleOne();
    void HandleFailure(QueuedPod& qp, const std::string& message, uint32_t plugins, bool record);
    void PreBind(QueuedPod& qp);
    void CheckVolumes(QueuedPod& qp);
    void Bind(QueuedPod& qp);

    engine::Context& ctx_;
    uint16_t id_;
    Rng rng_;
    ImageReferenceParser image_refs_;
    std::map<std::string, QueuedPod> pods_;
    std::set<const QueuedPod*, ActiveOrder> active_;
    std::map<std::string, std::string> assumed_;  // pod key -> node, until the binding shows up
    std::unique_ptr<SchedulerCache> cache_;
    bool cycle_scheduled_ = false;
    Time busy_until_ = 0;
    uint64_t next_token_ = 1;
    size_t next_start_node_index_ = 0;  // where the next cycle's filtering starts
};

}  // namespace sts::cluster
