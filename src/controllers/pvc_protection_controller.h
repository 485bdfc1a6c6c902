// Storage object in-use protection (pkg/controller/volume/pvcprotection and pvprotection).
//
// PVC protection: a claim being deleted keeps its kubernetes.io/pvc-protection finalizer, and
// so stays Terminating, while any scheduled pod (spec.nodeName set) names it in its volumes,
// whatever that pod's phase (reference §8.9). The finalizer is (re)added to live claims that
// lack it, as upstream does.
// PV protection: a volume being deleted keeps kubernetes.io/pv-protection while it is Bound.
#pragma once

#include <map>
#include <set>
#include <string>

#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

inline constexpr const char* kPvcProtectionFinalizer = "kubernetes.io/pvc-protection";
inline constexpr const char* kPvProtectionFinalizer = "kubernetes.io/pv-protection";

class PvcProtectionController final : public engine::QueueController {
public:
    explicit PvcProtectionController(engine::Context& ctx);

    // Pods (by name, in the claim's namespace) that currently hold a claim.
    std::set<std::string> PodsUsing(const std::string& ns, const std::string& claim) const;

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    bool SyncClaim(const std::string& ns, const std::string& name, Duration* cost);
    bool SyncVolume(const std::string& name, Duration* cost);
    void IndexPod(const k8s::Pod& pod, bool add);

    engine::Context& ctx_;
    std::map<std::string, std::set<std::string>> pods_by_claim_;  // "ns/claim" -> pod names
};

}  // namespace sts::controllers
