// Every API call the StatefulSet controller makes, behind one interface: the pod and claim verbs
// of upstream's StatefulPodControlObjectManager, the status updater's write, the history
// client's ControllerRevision verbs, and the owner-reference patches of adoption and release.
// Reads that upstream serves from informer caches (GetPod, GetClaim, the lists) are not API
// calls; writes and the uncached "recheck" read are, and are counted so a sync can report how
// long it kept the worker busy. Tests wrap the real manager to count and fail chosen calls.
// Mirrors kubernetes pkg/controller/statefulset/stateful_pod_control.go (the object manager),
// stateful_set_status_updater.go and pkg/controller/history (the real clients).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "apiserver/api_server.h"
#include "controllers/statefulset/utils.h"

namespace sts::controllers::statefulset {

template <class T>
struct Fetched {
    std::shared_ptr<const T> obj;  // null on error
    Error err;
};

class ObjectManager {
public:
    virtual ~ObjectManager() = default;

    // Pods. DeletePod uses the pod's own grace period, as a DeleteOptions{} call does.
    virtual Error CreatePod(const k8s::Pod& pod) = 0;
    virtual Fetched<k8s::Pod> GetPod(const std::string& ns, const std::string& name) = 0;
    virtual Error UpdatePod(const k8s::Pod& pod) = 0;
    virtual Error DeletePod(const k8s::Pod& pod) = 0;
    // Adds (adopt) or removes (release) a controller reference on a pod, with the pod's UID as
    // a precondition (the strategic-merge patches of PodControllerRefManager).
    virtual Error AdoptPod(const k8s::Pod& pod, const k8s::OwnerReference& ref) = 0;
    virtual Error ReleasePod(const k8s::Pod& pod, const std::string& owner_uid) = 0;

    // Claims.
    virtual Error CreateClaim(const k8s::PersistentVolumeClaim& claim) = 0;
    virtual Fetched<k8s::PersistentVolumeClaim> GetClaim(const std::string& ns, const std::string& name) = 0;
    virtual Error UpdateClaim(const k8s::PersistentVolumeClaim& claim) = 0;

    // StatefulSets: the uncached GET that rechecks a set before adopting, and /status writes.
    virtual Fetched<k8s::StatefulSet> GetStatefulSetUncached(const std::string& ns, const std::string& name) = 0;
    virtual Fetched<k8s::StatefulSet> GetStatefulSet(const std::string& ns, const std::string& name) = 0;
    virtual Error UpdateStatefulSetStatus(const k8s::StatefulSet& set) = 0;

    // ControllerRevisions.
    virtual std::vector<std::shared_ptr<const k8s::ControllerRevision>> ListRevisions(const std::string& ns) = 0;
    virtual Fetched<k8s::ControllerRevision> CreateRevision(const k8s::ControllerRevision& rev) = 0;
    virtual Fetched<k8s::ControllerRevision> GetRevisionUncached(const std::string& ns, const std::string& name) = 0;
    virtual Fetched<k8s::ControllerRevision> UpdateRevision(const k8s::ControllerRevision& rev) = 0;
    virtual Error DeleteRevision(const k8s::ControllerRevision& rev) = 0;
    virtual Fetched<k8s::ControllerRevision> AdoptRevision(const k8s::ControllerRevision& rev,
                                                         const k8s::OwnerReference& ref) = 0;

    // API calls made so far (writes and uncached reads).
    virtual uint64_t Calls() const = 0;
};

// The real manager: writes through the API server (defaulting, admission and validation apply,
// exactly as for any client) and reads its stores as a controller reads informer caches.
class ApiObjectManager final : public ObjectManager {
public:
    explicit ApiObjectManager(apiserver::ApiServer& api) : api_(api) {}

    Error CreatePod(const k8s::Pod& pod) override;
    Fetched<k8s::Pod> GetPod(const std::string& ns, const std::string& name) override;
    Error UpdatePod(const k8s::Pod& pod) override;
    Error DeletePod(const k8s::Pod& pod) override;
    Error AdoptPod(const k8s::Pod& pod, const k8s::OwnerReference& ref) override;
    Error ReleasePod(const k8s::Pod& pod, const std::string& owner_uid) override;
    Error CreateClaim(const k8s::PersistentVolumeClaim& claim) override;
    Fetched<k8s::PersistentVolumeClaim> GetClaim(const std::string& ns, const std::string& name) override;
    Error UpdateClaim(const k8s::PersistentVolumeClaim& claim) override;
    Fetched<k8s::StatefulSet> GetStatefulSetUncached(const std::string& ns, const std::string& name) override;
    Fetched<k8s::StatefulSet> GetStatefulSet(const std::string& ns, const std::string& name) override;
    Error UpdateStatefulSetStatus(const k8s::StatefulSet& set) override;
    std::vector<std::shared_ptr<const k8s::ControllerRevision>> ListRevisions(const std::string& ns) override;
    Fetched<k8s::ControllerRevision> CreateRevision(const k8s::ControllerRevision& rev) override;
    Fetched<k8s::ControllerRevision> GetRevisionUncached(const std::string& ns, const std::string& name) override;
    Fetched<k8s::ControllerRevision> UpdateRevision(const k8s::ControllerRevision& rev) override;
    Error DeleteRevision(const k8s::ControllerRevision& rev) override;
    Fetched<k8s::ControllerRevision> AdoptRevision(const k8s::ControllerRevision& rev,
                                                 const k8s::OwnerReference& ref) override;
    uint64_t Calls() const override { return calls_; }

private:
    apiserver::ApiServer& api_;
    uint64_t calls_ = 0;
};

}  // namespace sts::controllers::statefulset
