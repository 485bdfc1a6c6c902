// Node heartbeats and node failure: kube-controller-manager's node lifecycle controller
// (pkg/controller/nodelifecycle: the 5 s monitor, the grace period after the last lease
// renewal, conditions set to Unknown "Kubelet stopped posting node status.", pods marked not
// ready, the unreachable/not-ready/unschedulable taints) and the taint eviction controller
// (pkg/controller/tainteviction: pods deleted when their NoExecute tolerationSeconds run out).
//
// `sim node NAME down` stops the node's kubelet: it stops renewing its lease and posting status,
// while its containers keep running. Pods evicted meanwhile stay Terminating until the kubelet
// comes back (or someone force-deletes them); StatefulSet pods are therefore not replaced.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/rng.h"
#include "engine/context.h"

namespace sts::cluster {

class Kubelet;

class NodeLifecycleController final : public engine::Component {
public:
    using KubeletLookup = std::function<Kubelet*(const std::string& node)>;

    NodeLifecycleController(engine::Context& ctx, KubeletLookup kubelets);

    std::string_view ComponentName() const override { return "node-lifecycle-controller"; }
    void OnEvent(const engine::SimEvent& event) override;
    std::string_view OpName(uint16_t op) const override;

    // Simulator controls; false for an unknown node or one already in that state.
    bool SetNodeDown(const std::string& node);
    bool SetNodeUp(const std::string& node);
    bool IsDown(const std::string& node) const { return down_.count(node) > 0; }
    // When the controller will mark a down node NotReady (0 when not pending).
    Time NotReadyAt(const std::string& node) const;

    // kube-controller-manager defaults (1.33).
    static constexpr Duration kMonitorPeriod = Seconds(5);         // --node-monitor-period
    static constexpr Duration kGracePeriod = Seconds(50);          // --node-monitor-grace-period (40 s before 1.32)
    static constexpr Duration kLeaseRenewInterval = Seconds(10);   // a quarter of the 40 s lease duration

private:
    enum Op : uint16_t {
        kDetect = 1,     // key node, arg token: the grace period ran out
        kTaintSync,      // key node: NoSchedule taints follow the node's conditions
        kNoExecute,      // key node, arg token: the NoExecute unreachable taint goes on
        kObserveUp,      // key node, arg token: the monitor sees the node healthy again
        kEvict,          // key pod, arg token: a pod's tolerationSeconds ran out
    };

    void OnNodeWatch(const std::string& node);
    void OnPodWatch(const apiserver::Ptr<k8s::Pod>& pod);
    void Detect(const std::string& node);
    void SyncNoScheduleTaints(const std::string& node);
    void AddNoExecuteTaint(const std::string& node);
    void ObserveUp(const std::string& node);
    void ScheduleEvictions(const std::string& node);
    void ScheduleEviction(const k8s::Pod& pod, const k8s::Node& node);
    void Evict(const std::string& key);
    Time NextMonitorTick(Time at_or_after) const;

    engine::Context& ctx_;
    uint16_t id_;
    KubeletLookup kubelets_;
    Rng rng_;
    Time monitor_phase_ = 0;
    std::map<std::string, Time> renew_phase_;      // per node lease renewal phase
    std::set<std::string> down_;
    std::map<std::string, uint64_t> node_token_;
    std::map<std::string, Time> detect_at_;
    std::map<std::string, uint64_t> eviction_token_;  // pod key -> scheduled eviction
    std::set<std::string> taint_sync_pending_;
    uint64_t next_token_ = 1;
};

}  // namespace sts::cluster
