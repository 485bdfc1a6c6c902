// PVC and PV protection (pkg/controller/volume/pvcprotection/pvc_protection_controller.go,
// pkg/controller/volume/pvprotection/pv_protection_controller.go). See the header.
#include "controllers/pvc_protection_controller.h"

namespace sts::controllers {

namespace {

constexpr Duration kApiCall = Millis(2);

std::string ClaimKey(const std::string& ns, const std::string& name) { return ns + "/" + name; }

}  // namespace

PvcProtectionController::PvcProtectionController(engine::Context& ctx)
    : QueueController(ctx.scheduler, "pvc-protection-controller"), ctx_(ctx) {
    auto& api = ctx_.api;
    api.pvcs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolumeClaim>&,
                                 const apiserver::Ptr<k8s::PersistentVolumeClaim>& new_obj) {
        if (type == apiserver::WatchType::kDeleted) return;
        const auto& meta = new_obj->metadata;
        const bool needs_add = !meta.deletion_timestamp && !meta.HasFinalizer(kPvcProtectionFinalizer);
        const bool needs_check = meta.deletion_timestamp && meta.HasFinalizer(kPvcProtectionFinalizer);
        if (needs_add || needs_check) Enqueue("claim/" + ClaimKey(meta.namespace_, meta.name));
    });
    api.pvs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolume>&,
                                const apiserver::Ptr<k8s::PersistentVolume>& new_obj) {
        if (type == apiserver::WatchType::kDeleted) return;
        const auto& meta = new_obj->metadata;
        const bool needs_add = !meta.deletion_timestamp && !meta.HasFinalizer(kPvProtectionFinalizer);
        const bool needs_check = meta.deletion_timestamp && meta.HasFinalizer(kPvProtectionFinalizer);
        if (needs_add || needs_check) Enqueue("volume/" + meta.name);
    });
    api.pods().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_obj,
                                 const apiserver::Ptr<k8s::Pod>& new_obj) {
        const k8s::Pod& pod = type == apiserver::WatchType::kDeleted ? *old_obj : *new_obj;
        if (type == apiserver::WatchType::kAdded) IndexPod(pod, true);
        if (type == apiserver::WatchType::kDeleted) IndexPod(pod, false);
        // A pod going away (or getting scheduled) changes whether its claims are in use.
        const bool relevant = type != apiserver::WatchType::kModified ||
                              old_obj->spec->node_name != new_obj->spec->node_name;
        if (!relevant) return;
        for (const auto& v : pod.spec->volumes) {
            if (!v.persistent_volume_claim) continue;
            auto claim = ctx_.api.pvcs().Get(pod.metadata.namespace_, v.persistent_volume_claim->claim_name);
            if (claim && claim->metadata.deletion_timestamp)
                Enqueue("claim/" + ClaimKey(pod.metadata.namespace_, v.persistent_volume_claim->claim_name));
        }
    });
    for (const auto& pod : api.pods().List()) IndexPod(*pod, true);
}

void PvcProtectionController::IndexPod(const k8s::Pod& pod, bool add) {
    for (const auto& v : pod.spec->volumes) {
        if (!v.persistent_volume_claim) continue;
        const std::string key = ClaimKey(pod.metadata.namespace_, v.persistent_volume_claim->claim_name);
        if (add) {
            pods_by_claim_[key].insert(pod.metadata.name);
            continue;
        }
        auto it = pods_by_claim_.find(key);
        if (it == pods_by_claim_.end()) continue;
        it->second.erase(pod.metadata.name);
        if (it->second.empty()) pods_by_claim_.erase(it);
    }
}

std::set<std::string> PvcProtectionController::PodsUsing(const std::string& ns, const std::string& claim) const {
    std::set<std::string> out;
    auto it = pods_by_claim_.find(ClaimKey(ns, claim));
    if (it == pods_by_claim_.end()) return out;
    for (const auto& name : it->second) {
        auto pod = ctx_.api.pods().Get(ns, name);
        // Only scheduled pods count: the kubelet refuses to start a pod whose claim is being deleted.
        if (pod && !pod->spec->node_name.empty()) out.insert(name);
    }
    return out;
}

bool PvcProtectionController::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    if (key.rfind("claim/", 0) == 0) {
        const std::string rest = key.substr(6);
        const size_t slash = rest.find('/');
        return SyncClaim(rest.substr(0, slash), rest.substr(slash + 1), cost);
    }
    return SyncVolume(key.substr(7), cost);
}

bool PvcProtectionController::SyncClaim(const std::string& ns, const std::string& name, Duration* cost) {
    auto claim = ctx_.api.pvcs().Get(ns, name);
    if (!claim) return true;
    const auto& meta = claim->metadata;
    if (!meta.deletion_timestamp) {
        if (meta.HasFinalizer(kPvcProtectionFinalizer)) return true;
        k8s::PersistentVolumeClaim updated = *claim;
        updated.metadata.finalizers.push_back(kPvcProtectionFinalizer);
        *cost += kApiCall;
        return ctx_.api.pvcs().Update(std::move(updated)).ok();
    }
    if (!meta.HasFinalizer(kPvcProtectionFinalizer)) return true;
    *cost += kApiCall;  // the live pod list upstream does before letting go
    if (!PodsUsing(ns, name).empty()) return true;  // requeued when such a pod changes
    ctx_.api.pvcs().RemoveFinalizer(ns, name, kPvcProtectionFinalizer);
    *cost += kApiCall;
    return true;
}

bool PvcProtectionController::SyncVolume(const std::string& name, Duration* cost) {
    auto volume = ctx_.api.pvs().Get("", name);
    if (!volume) return true;
    const auto& meta = volume->metadata;
    if (!meta.deletion_timestamp) {
        if (meta.HasFinalizer(kPvProtectionFinalizer)) return true;
        k8s::PersistentVolume updated = *volume;
        updated.metadata.finalizers.push_back(kPvProtectionFinalizer);
        *cost += kApiCall;
        return ctx_.api.pvs().Update(std::move(updated)).ok();
    }
    if (!meta.HasFinalizer(kPvProtectionFinalizer)) return true;
    if (volume->status.phase == "Bound") return true;  // requeued when the phase changes
    ctx_.api.pvs().RemoveFinalizer("", name, kPvProtectionFinalizer);
    *cost += kApiCall;
    return true;
}

}  // namespace sts::controllers
