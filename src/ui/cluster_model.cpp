// Builds the cluster view model from the simulation's stores.
#include "ui/cluster_model.h"

#include <algorithm>
#include <map>

#include "cluster/cluster_dns.h"
#include "controllers/statefulset/statefulset_controller.h"
#include "engine/simulation.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/storage_v1.h"

namespace sts::ui {

namespace {

constexpr const char* kNamespace = "default";

bool ParseOrdinalSuffix(const std::string& s, int* out) {
    if (s.empty() || s.size() > 9) return false;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    *out = v;
    return true;
}

const k8s::OwnerReference* ControllerOf(const k8s::ObjectMeta& meta) {
    for (const auto& ref : meta.owner_references)
        if (ref.controller.value_or(false)) return &ref;
    return nullptr;
}

// The STATUS column of `kubectl get pods` for the common cases.
std::string PodStatusText(const k8s::Pod& pod) {
    std::string reason = pod.status.reason.empty() ? pod.status.phase : pod.status.reason;
    for (auto it = pod.status.container_statuses.rbegin(); it != pod.status.container_statuses.rend(); ++it) {
        if (it->state.waiting && !it->state.waiting->reason.empty()) {
            reason = it->state.waiting->reason;
        } else if (it->state.terminated && !it->state.terminated->reason.empty()) {
            reason = it->state.terminated->reason;
        }
    }
    if (reason == "Completed" && pod.status.phase == "Running") reason = "Running";
    if (pod.metadata.deletion_timestamp && pod.status.phase != "Succeeded" && pod.status.phase != "Failed") {
        reason = pod.status.reason == "NodeLost" ? "Unknown" : "Terminating";
    }
    if (reason.empty()) reason = "Pending";
    return reason;
}

PodStage StageOf(const k8s::Pod& pod, bool ready, const std::string& status) {
    if (pod.metadata.deletion_timestamp) return PodStage::kTerminating;
    if (pod.status.phase == "Failed") return PodStage::kFailed;
    if (pod.status.phase == "Succeeded") return PodStage::kSucceeded;
    if (status == "CrashLoopBackOff" || status == "Error" || status == "ErrImagePull" || status == "ImagePullBackOff")
        return PodStage::kFailed;
    if (pod.status.phase == "Running") return ready ? PodStage::kReady : PodStage::kRunning;
    if (pod.spec->node_name.empty()) return PodStage::kPending;
    return PodStage::kCreating;
}

std::string NodeFromAffinity(const Value& affinity) {
    for (const Value& term : affinity.Path("required.nodeSelectorTerms").items()) {
        for (const Value& expr : term.Get("matchExpressions").items()) {
            const Value& values = expr.Get("values");
            if (values.size() > 0) return values[0].AsString();
        }
    }
    return {};
}

}  // namespace

const char* PodStageName(PodStage stage) {
    switch (stage) {
        case PodStage::kPending: return "Pending";
        case PodStage::kCreating: return "ContainerCreating";
        case PodStage::kRunning: return "Running, not Ready";
        case PodStage::kReady: return "Running and Ready";
        case PodStage::kTerminating: return "Terminating";
        case PodStage::kFailed: return "Failed";
        case PodStage::kSucceeded: return "Completed";
    }
    return "";
}

int OrdinalOf(const std::string& name, const std::string& set) {
    if (set.empty() || name.size() <= set.size() + 1 || name.compare(0, set.size(), set) != 0 ||
        name[set.size()] != '-')
        return -1;
    int v = -1;
    return ParseOrdinalSuffix(name.substr(set.size() + 1), &v) ? v : -1;
}

std::optional<Gate> ParseGate(const std::string& reason) {
    // "<pod> not <verb>: <blocker> is <state> (<why>)"
    const size_t not_pos = reason.find(" not ");
    const size_t colon = reason.find(": ");
    if (not_pos == std::string::npos || colon == std::string::npos || colon < not_pos) return std::nullopt;
    Gate g;
    g.waiting = reason.substr(0, not_pos);
    g.verb = reason.substr(not_pos + 5, colon - not_pos - 5);
    std::string rest = reason.substr(colon + 2);
    const size_t is = rest.find(" is ");
    if (is == std::string::npos) return std::nullopt;
    g.blocker = rest.substr(0, is);
    std::string state = rest.substr(is + 4);
    const size_t paren = state.find(" (");
    if (paren != std::string::npos) state = state.substr(0, paren);
    g.state = state;
    g.reason = reason;
    if (g.blocker.find(' ') != std::string::npos || g.waiting.find(' ') != std::string::npos) return std::nullopt;
    // The blocker is a pod: <set>-<ordinal> ("partition is 2" is no gate).
    const size_t bdash = g.blocker.rfind('-');
    int bord = -1;
    if (bdash == std::string::npos || !ParseOrdinalSuffix(g.blocker.substr(bdash + 1), &bord)) return std::nullopt;
    const size_t dash = g.waiting.rfind('-');
    int ord = -1;
    if (dash != std::string::npos && ParseOrdinalSuffix(g.waiting.substr(dash + 1), &ord)) g.ordinal = ord;
    return g;
}

const PodInfo* ClusterModel::FindPod(const std::string& name) const {
    for (const auto& p : pods)
        if (p.name == name) return &p;
    return nullptr;
}
const SetInfo* ClusterModel::FindSet(const std::string& name) const {
    for (const auto& s : sets)
        if (s.name == name) return &s;
    return nullptr;
}
const ClaimInfo* ClusterModel::FindClaim(const std::string& name) const {
    for (const auto& c : claims)
        if (c.name == name) return &c;
    return nullptr;
}
const VolumeInfo* ClusterModel::FindVolume(const std::string& name) const {
    for (const auto& v : volumes)
        if (v.name == name) return &v;
    return nullptr;
}
const NodeInfo* ClusterModel::FindNode(const std::string& name) const {
    for (const auto& n : nodes)
        if (n.name == name) return &n;
    return nullptr;
}

ClusterModel BuildModel(engine::Simulation& sim) {
    ClusterModel m;
    auto& api = sim.api();
    m.now = sim.Now();
    m.resource_version = api.CurrentResourceVersion();

    // Nodes, in the simulation's order (control plane first).
    for (const engine::NodeSpec& spec : sim.node_specs()) {
        NodeInfo n;
        n.name = spec.name;
        n.internal_ip = spec.internal_ip;
        n.pod_cidr = spec.pod_cidr;
        n.control_plane = spec.control_plane;
        if (auto node = api.nodes().Get("", spec.name)) {
            n.unschedulable = node->spec.unschedulable;
            for (const auto& c : node->status.conditions)
                if (c.type == "Ready") n.ready = c.status == "True";
        }
        m.nodes.push_back(std::move(n));
    }

    // StatefulSets and the controller's explanation of its last sync.
    auto* controller = sim.statefulset_controller();
    for (const auto& set : api.statefulsets().List(kNamespace)) {
        SetInfo s;
        s.ns = set->metadata.namespace_;
        s.name = set->metadata.name;
        s.replicas = set->spec.replicas.value_or(1);
        s.ready = set->status.ready_replicas;
        s.current = set->status.current_replicas;
        s.updated = set->status.updated_replicas;
        s.current_revision = set->status.current_revision;
        s.update_revision = set->status.update_revision;
        s.update_strategy = set->spec.update_strategy.type.empty() ? "RollingUpdate" : set->spec.update_strategy.type;
        if (set->spec.update_strategy.rolling_update)
            s.partition = set->spec.update_strategy.rolling_update->partition.value_or(0);
        s.policy = set->spec.pod_management_policy.empty() ? "OrderedReady" : set->spec.pod_management_policy;
        s.service = set->spec.service_name;
        if (set->spec.ordinals) s.start_ordinal = set->spec.ordinals->start;
        for (const auto& t : set->spec.volume_claim_templates) s.claim_templates.push_back(t.metadata.name);
        if (controller != nullptr) {
            if (const auto* why = controller->Explain(s.ns + "/" + s.name)) {
                s.actions = why->actions;
                s.reasons = why->reasons;
                for (const auto& r : why->reasons) {
                    if (auto g = ParseGate(r); g && !s.gate) s.gate = std::move(g);
                }
            }
        }
        m.sets.push_back(std::move(s));
    }

    // Pods.
    for (const auto& pod : api.pods().List(kNamespace)) {
        PodInfo p;
        p.ns = pod->metadata.namespace_;
        p.name = pod->metadata.name;
        p.uid = pod->metadata.uid;
        if (const auto* ref = ControllerOf(pod->metadata); ref && ref->kind == "StatefulSet") {
            p.set = ref->name;
            p.ordinal = OrdinalOf(p.name, p.set);
        }
        p.node = pod->spec->node_name;
        const k8s::PodCondition* rc = pod->status.FindCondition("Ready");
        p.ready = rc != nullptr && rc->status == "True";
        p.status = PodStatusText(*pod);
        p.stage = StageOf(*pod, p.ready, p.status);
        for (const auto& cs : pod->status.container_statuses) p.restarts += cs.restart_count;
        p.revision = pod->metadata.labels.Get("controller-revision-hash");
        p.ip = pod->status.pod_ip;
        if (!pod->spec->containers.empty()) p.image = pod->spec->containers[0].image;
        for (const auto& v : pod->spec->volumes)
            if (v.persistent_volume_claim) p.claims.push_back(v.persistent_volume_claim->claim_name);
        p.created = pod->metadata.creation_timestamp.ms;
        if (pod->metadata.deletion_timestamp) {
            p.deleting_since = pod->metadata.deletion_timestamp->ms -
                               1000 * pod->metadata.deletion_grace_period_seconds.value_or(0);
        }
        m.pods.push_back(std::move(p));
    }
    std::stable_sort(m.pods.begin(), m.pods.end(), [](const PodInfo& a, const PodInfo& b) {
        if (a.set.empty() != b.set.empty()) return !a.set.empty();
        if (a.set != b.set) return a.set < b.set;
        if (a.ordinal != b.ordinal) return a.ordinal < b.ordinal;
        return a.name < b.name;
    });

    // Storage.
    for (const auto& sc : api.storageclasses().List("")) {
        StorageClassInfo s;
        s.name = sc->metadata.name;
        s.provisioner = sc->provisioner;
        s.binding_mode = sc->volume_binding_mode.value_or("Immediate");
        s.reclaim = sc->reclaim_policy.value_or("Delete");
        s.is_default = sc->metadata.annotations.Get("storageclass.kubernetes.io/is-default-class") == "true";
        m.storage_classes.push_back(std::move(s));
    }
    for (const auto& pv : api.pvs().List("")) {
        VolumeInfo v;
        v.name = pv->metadata.name;
        v.phase = pv->metadata.deletion_timestamp ? "Terminating" : pv->status.phase;
        if (pv->spec.claim_ref) v.claim = pv->spec.claim_ref->namespace_ + "/" + pv->spec.claim_ref->name;
        v.node = NodeFromAffinity(pv->spec.node_affinity);
        v.storage_class = pv->spec.storage_class_name;
        v.reclaim = pv->spec.persistent_volume_reclaim_policy;
        v.capacity = pv->spec.capacity.Get("storage");
        m.volumes.push_back(std::move(v));
    }
    for (const auto& pvc : api.pvcs().List(kNamespace)) {
        ClaimInfo c;
        c.ns = pvc->metadata.namespace_;
        c.name = pvc->metadata.name;
        c.phase = pvc->metadata.deletion_timestamp ? "Terminating" : pvc->status.phase;
        if (c.phase.empty()) c.phase = "Pending";
        c.volume = pvc->spec.volume_name;
        c.storage_class = pvc->spec.storage_class_name.value_or("");
        c.capacity = pvc->status.capacity.Get("storage");
        if (c.capacity.empty()) c.capacity = pvc->spec.resources.requests.Get("storage");
        c.node = pvc->metadata.annotations.Get("volume.kubernetes.io/selected-node");
        if (const VolumeInfo* v = m.FindVolume(c.volume); v && !v->node.empty()) c.node = v->node;
        // <template>-<set>-<ordinal>
        for (const auto& s : m.sets) {
            for (const auto& t : s.claim_templates) {
                const std::string prefix = t + "-";
                if (c.name.rfind(prefix, 0) != 0) continue;
                const int ord = OrdinalOf(c.name.substr(prefix.size()), s.name);
                if (ord >= 0) {
                    c.set = s.name;
                    c.ordinal = ord;
                }
            }
        }
        for (const auto& p : m.pods)
            if (std::find(p.claims.begin(), p.claims.end(), c.name) != p.claims.end()) c.in_use = true;
        m.claims.push_back(std::move(c));
    }

    // Services and their endpoints (ready ones first, as DNS serves them).
    for (const auto& svc : api.services().List(kNamespace)) {
        ServiceInfo s;
        s.ns = svc->metadata.namespace_;
        s.name = svc->metadata.name;
        s.cluster_ip = svc->spec.cluster_ip;
        s.headless = svc->spec.cluster_ip == "None";
        for (const auto& [k, v] : svc->spec.selector) s.selector += (s.selector.empty() ? "" : ",") + k + "=" + v;
        if (auto ep = api.endpoints().Get(s.ns, s.name)) {
            for (const auto& subset : ep->subsets) {
                for (const auto& a : subset.addresses) {
                    s.endpoints.push_back({a->hostname.empty() && a->target_ref ? a->target_ref->name : a->hostname, a->ip, true});
                }
                for (const auto& a : subset.not_ready_addresses) {
                    s.endpoints.push_back({a->hostname.empty() && a->target_ref ? a->target_ref->name : a->hostname, a->ip, false});
                }
            }
        }
        m.services.push_back(std::move(s));
    }
    return m;
}

}  // namespace sts::ui
