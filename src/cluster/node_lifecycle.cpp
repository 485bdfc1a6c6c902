// Node lifecycle and taint eviction (see node_lifecycle.h). Upstream:
// pkg/controller/nodelifecycle/node_lifecycle_controller.go (tryUpdateNodeHealth,
// monitorNodeHealth, doNoScheduleTaintingPass, doNoExecuteTaintingPass, markNodeAsReachable),
// pkg/controller/util/node/controller_utils.go (MarkPodsNotReady, RecordNodeStatusChange),
// pkg/controller/tainteviction/taint_eviction.go (processPodOnNode, getMinTolerationTime,
// addConditionAndDeletePod, the TaintManagerEviction events).
#include "cluster/node_lifecycle.h"

#include <algorithm>

#include "cluster/kubelet.h"

namespace sts::cluster {

namespace {

using apiserver::Ptr;
using apiserver::WatchType;

constexpr const char* kUnreachable = "node.kubernetes.io/unreachable";
constexpr const char* kNotReady = "node.kubernetes.io/not-ready";

bool TolerationMatches(const k8s::Toleration& t, const k8s::Taint& taint) {
    if (!t.effect.empty() && t.effect != taint.effect) return false;
    if (t.operator_ == "Exists") return t.key.empty() || t.key == taint.key;
    return t.key == taint.key && t.value == taint.value;
}

k8s::ObjectReference NodeRef(const std::string& node) {
    k8s::ObjectReference ref;
    ref.kind = "Node";
    ref.name = node;
    ref.uid = node;  // RecordNodeStatusChange uses the node name as the UID
    ref.api_version = "v1";
    return ref;
}

}  // namespace

NodeLifecycleController::NodeLifecycleController(engine::Context& ctx, KubeletLookup kubelets)
    : ctx_(ctx), id_(ctx.scheduler.Register(this)), kubelets_(std::move(kubelets)), rng_(ctx.RngFor("node-lifecycle")) {
    monitor_phase_ = rng_.Range(0, kMonitorPeriod - 1);
    ctx_.api.nodes().AddHandler([this](WatchType type, const Ptr<k8s::Node>&, const Ptr<k8s::Node>& node) {
        if (type != WatchType::kDeleted) OnNodeWatch(node->metadata.name);
    });
    ctx_.api.pods().AddHandler([this](WatchType type, const Ptr<k8s::Pod>&, const Ptr<k8s::Pod>& pod) {
        if (type != WatchType::kDeleted) OnPodWatch(pod);
    });
}

std::string_view NodeLifecycleController::OpName(uint16_t op) const {
    switch (op) {
        case kDetect: return "node-not-ready";
        case kTaintSync: return "noschedule-taints";
        case kNoExecute: return "noexecute-taint";
        case kObserveUp: return "node-reachable";
        case kEvict: return "taint-eviction";
        default: return "event";
    }
}

Time NodeLifecycleController::NextMonitorTick(Time at_or_after) const {
    const Time base = at_or_after - monitor_phase_;
    const Time k = (base + kMonitorPeriod - 1) / kMonitorPeriod;
    return monitor_phase_ + k * kMonitorPeriod;
}

Time NodeLifecycleController::NotReadyAt(const std::string& node) const {
    auto it = detect_at_.find(node);
    return it == detect_at_.end() ? 0 : it->second;
}

bool NodeLifecycleController::SetNodeDown(const std::string& node) {
    Kubelet* kubelet = kubelets_(node);
    if (!kubelet || down_.count(node) || !ctx_.api.nodes().Get("", node)) return false;
    down_.insert(node);
    kubelet->Stop();
    const Time now = ctx_.Now();
    // The last lease renewal before the kubelet went quiet, the monitor pass that saw it, and
    // the first pass after that plus the grace period.
    auto [it, inserted] = renew_phase_.emplace(node, 0);
    if (inserted) it->second = rng_.Range(0, kLeaseRenewInterval - 1);
    const Time phase = it->second;
    const Time last_renew = phase + ((now - phase) / kLeaseRenewInterval) * kLeaseRenewInterval;
    const Time observed = NextMonitorTick(last_renew);
    const Time detect = NextMonitorTick(observed + kGracePeriod + 1);
    const uint64_t token = next_token_++;
    node_token_[node] = token;
    detect_at_[node] = detect;
    ctx_.scheduler.At(detect, id_, kDetect, node, token);
    return true;
}

bool NodeLifecycleController::SetNodeUp(const std::string& node) {
    Kubelet* kubelet = kubelets_(node);
    if (!kubelet || !down_.count(node)) return false;
    down_.erase(node);
    detect_at_.erase(node);
    const uint64_t token = next_token_++;
    node_token_[node] = token;
    kubelet->Resume();
    // The monitor sees fresh heartbeats at its next pass.
    ctx_.scheduler.At(NextMonitorTick(ctx_.Now() + 1), id_, kObserveUp, node, token);
    return true;
}

void NodeLifecycleController::OnNodeWatch(const std::string& node) {
    if (taint_sync_pending_.insert(node).second)
        ctx_.scheduler.After(Millis(rng_.Range(5, 30)), id_, kTaintSync, node);
}

void NodeLifecycleController::OnPodWatch(const Ptr<k8s::Pod>& pod) {
    // A pod landing on (or updated on) a node with a NoExecute taint gets its eviction timer.
    if (pod->spec->node_name.empty() || pod->metadata.IsTerminating()) return;
    const std::string key = pod->metadata.namespace_ + "/" + pod->metadata.name;
    if (eviction_token_.count(key)) return;
    auto node = ctx_.api.nodes().Get("", pod->spec->node_name);
    if (!node) return;
    for (const auto& t : node->spec.taints)
        if (t.effect == "NoExecute") {
            ScheduleEviction(*pod, *node);
            return;
        }
}

void NodeLifecycleController::OnEvent(const engine::SimEvent& event) {
    switch (event.op) {
        case kDetect:
            if (node_token_[event.key] == event.arg) Detect(event.key);
            return;
        case kTaintSync:
            taint_sync_pending_.erase(event.key);
            SyncNoScheduleTaints(event.key);
            return;
        case kNoExecute:
            if (node_token_[event.key] == event.arg) AddNoExecuteTaint(event.key);
            return;
        case kObserveUp:
            if (node_token_[event.key] == event.arg) ObserveUp(event.key);
            return;
        case kEvict: {
            auto it = eviction_token_.find(event.key);
            if (it == eviction_token_.end() || it->second != event.arg) return;
            eviction_token_.erase(it);
            Evict(event.key);
            return;
        }
        default: return;
    }
}

void NodeLifecycleController::Detect(const std::string& name) {
    auto node = ctx_.api.nodes().Get("", name);
    if (!node) return;
    const Time now = ctx_.Now();
    detect_at_.erase(name);
    k8s::Node updated = *node;
    updated.metadata.resource_version.clear();
    bool was_ready = false;
    for (auto& c : updated.status.conditions) {
        if (c.type != "Ready" && c.type != "MemoryPressure" && c.type != "DiskPressure" && c.type != "PIDPressure")
            continue;
        if (c.type == "Ready") was_ready = c.status == "True";
        if (c.status == "Unknown") continue;
        c.status = "Unknown";
        c.reason = "NodeStatusUnknown";
        c.message = "Kubelet stopped posting node status.";
        c.last_transition_time = k8s::Timestamp(now);
    }
    ctx_.api.nodes().UpdateStatus(std::move(updated));
    if (!was_ready) return;
    ctx_.recorder.Record(NodeRef(name), "Normal", "NodeNotReady", "Node " + name + " status is now: NodeNotReady",
                         {"node-controller", ""});
    // MarkPodsNotReady: only the pod's Ready condition; its containers still claim to be ready.
    for (const auto& pod : ctx_.api.pods().List()) {
        if (pod->spec->node_name != name) continue;
        k8s::Pod p = *pod;
        bool changed = false;
        for (auto& c : p.status.conditions) {
            if (c.type != "Ready" || c.status == "False") continue;
            c.status = "False";
            c.last_transition_time = k8s::Timestamp(now);
            changed = true;
        }
        if (!changed) continue;
        p.metadata.resource_version.clear();
        ctx_.api.pods().UpdateStatus(std::move(p));
        ctx_.recorder.Record(engine::EventRecorder::RefTo(*pod), "Warning", "NodeNotReady", "Node is not ready",
                             {"node-controller", ""});
    }
    // doNoExecuteTaintingPass runs every 100 ms.
    ctx_.scheduler.After(Millis(rng_.Range(20, 100)), id_, kNoExecute, name, node_token_[name]);
}

void NodeLifecycleController::SyncNoScheduleTaints(const std::string& name) {
    auto node = ctx_.api.nodes().Get("", name);
    if (!node) return;
    // Conditions to taints (nodeConditionToTaintKeyStatusMap) and spec.unschedulable.
    std::vector<std::string> want;
    for (const auto& c : node->status.conditions) {
        if (c.type == "Ready" && c.status == "False") want.push_back(kNotReady);
        if (c.type == "Ready" && c.status == "Unknown") want.push_back(kUnreachable);
        if (c.type == "MemoryPressure" && c.status == "True") want.push_back("node.kubernetes.io/memory-pressure");
        if (c.type == "DiskPressure" && c.status == "True") want.push_back("node.kubernetes.io/disk-pressure");
        if (c.type == "PIDPressure" && c.status == "True") want.push_back("node.kubernetes.io/pid-pressure");
        if (c.type == "NetworkUnavailable" && c.status == "True") want.push_back("node.kubernetes.io/network-unavailable");
    }
    if (node->spec.unschedulable) want.push_back("node.kubernetes.io/unschedulable");
    std::vector<k8s::Taint> taints;
    bool changed = false;
    for (const auto& t : node->spec.taints) {
        const bool managed = t.effect == "NoSchedule" && t.key.rfind("node.kubernetes.io/", 0) == 0;
        if (managed && std::find(want.begin(), want.end(), t.key) == want.end()) {
            changed = true;
            continue;
        }
        taints.push_back(t);
    }
    for (const auto& key : want) {
        const bool present = std::any_of(taints.begin(), taints.end(),
                                         [&](const k8s::Taint& t) { return t.key == key && t.effect == "NoSchedule"; });
        if (present) continue;
        k8s::Taint t;
        t.key = key;
        t.effect = "NoSchedule";
        t.time_added = k8s::Timestamp(ctx_.Now());
        taints.push_back(t);
        changed = true;
    }
    if (!changed) return;
    k8s::Node updated = *node;
    updated.metadata.resource_version.clear();
    updated.spec.taints = std::move(taints);
    ctx_.api.nodes().Update(std::move(updated));
}

void NodeLifecycleController::AddNoExecuteTaint(const std::string& name) {
    auto node = ctx_.api.nodes().Get("", name);
    if (!node) return;
    for (const auto& t : node->spec.taints)
        if (t.key == kUnreachable && t.effect == "NoExecute") return;
    k8s::Node updated = *node;
    updated.metadata.resource_version.clear();
    k8s::Taint t;
    t.key = kUnreachable;
    t.effect = "NoExecute";
    t.time_added = k8s::Timestamp(ctx_.Now());
    updated.spec.taints.push_back(t);
    ctx_.api.nodes().Update(std::move(updated));
    ScheduleEvictions(name);
}

void NodeLifecycleController::ObserveUp(const std::string& name) {
    auto node = ctx_.api.nodes().Get("", name);
    if (!node) return;
    const k8s::NodeCondition* ready = node->status.FindCondition("Ready");
    if (!ready || ready->status != "True") return;
    // markNodeAsReachable: the NoExecute taints go, and pending evictions are cancelled.
    std::vector<k8s::Taint> taints;
    for (const auto& t : node->spec.taints)
        if (!(t.effect == "NoExecute" && (t.key == kUnreachable || t.key == kNotReady))) taints.push_back(t);
    if (taints.size() == node->spec.taints.size()) return;
    k8s::Node updated = *node;
    updated.metadata.resource_version.clear();
    updated.spec.taints = std::move(taints);
    ctx_.api.nodes().Update(std::move(updated));
    for (const auto& pod : ctx_.api.pods().List()) {
        if (pod->spec->node_name != name) continue;
        const std::string key = pod->metadata.namespace_ + "/" + pod->metadata.name;
        if (!eviction_token_.erase(key)) continue;
        ctx_.recorder.Record(engine::EventRecorder::RefTo(*pod), "Normal", "TaintManagerEviction",
                             "Cancelling deletion of Pod " + key, {"taint-eviction-controller", ""});
    }
}

void NodeLifecycleController::ScheduleEvictions(const std::string& name) {
    auto node = ctx_.api.nodes().Get("", name);
    if (!node) return;
    for (const auto& pod : ctx_.api.pods().List())
        if (pod->spec->node_name == name && !pod->metadata.IsTerminating()) ScheduleEviction(*pod, *node);
}

void NodeLifecycleController::ScheduleEviction(const k8s::Pod& pod, const k8s::Node& node) {
    if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") return;
    // getMinTolerationTime over the NoExecute taints: a taint not tolerated evicts at once,
    // a toleration without seconds never does.
    Time fire = kNoTime;
    bool forever = true;
    for (const auto& taint : node.spec.taints) {
        if (taint.effect != "NoExecute") continue;
        const k8s::Toleration* match = nullptr;
        for (const auto& t : *pod.spec->tolerations)
            if (TolerationMatches(t, taint)) {
                if (!match || (t.toleration_seconds && (!match->toleration_seconds ||
                                                        *t.toleration_seconds < *match->toleration_seconds)))
                    match = &t;
            }
        const Time added = taint.time_added ? taint.time_added->ms : ctx_.Now();
        Time at;
        if (!match) {
            at = ctx_.Now();
        } else if (!match->toleration_seconds) {
            continue;
        } else {
            at = added + Seconds(std::max<int64_t>(0, *match->toleration_seconds));
        }
        forever = false;
        fire = fire == kNoTime ? at : std::min(fire, at);
    }
    if (forever) return;
    const std::string key = pod.metadata.namespace_ + "/" + pod.metadata.name;
    const uint64_t token = next_token_++;
    eviction_token_[key] = token;
    ctx_.scheduler.At(std::max(fire, ctx_.Now()), id_, kEvict, key, token);
}

void NodeLifecycleController::Evict(const std::string& key) {
    const size_t slash = key.find('/');
    auto pod = ctx_.api.pods().Get(key.substr(0, slash), key.substr(slash + 1));
    if (!pod || pod->metadata.IsTerminating() || pod->spec->node_name.empty()) return;
    auto node = ctx_.api.nodes().Get("", pod->spec->node_name);
    if (!node || std::none_of(node->spec.taints.begin(), node->spec.taints.end(),
                              [](const k8s::Taint& t) { return t.effect == "NoExecute"; }))
        return;
    ctx_.recorder.Record(engine::EventRecorder::RefTo(*pod), "Normal", "TaintManagerEviction",
                         "Marking for deletion Pod " + key, {"taint-eviction-controller", ""});
    // addConditionAndDeletePod: the DisruptionTarget condition, then an ordinary delete.
    k8s::Pod p = *pod;
    p.metadata.resource_version.clear();
    k8s::PodCondition c;
    c.type = "DisruptionTarget";
    c.status = "True";
    c.reason = "DeletionByTaintManager";
    c.message = "Taint manager: deleting due to NoExecute taint";
    c.last_transition_time = k8s::Timestamp(ctx_.Now());
    bool found = false;
    for (auto& existing : p.status.conditions)
        if (existing.type == "DisruptionTarget") {
            existing = c;
            found = true;
        }
    if (!found) p.status.conditions.push_back(c);
    ctx_.api.pods().UpdateStatus(std::move(p));
    ctx_.api.pods().Delete(pod->metadata.namespace_, pod->metadata.name);
}

}  // namespace sts::cluster
