// The StatefulSet controller's side effects on Pods and PersistentVolumeClaims: create a pod
// (its claims first), fix a live pod's identity and storage in place, delete a pod, keep claim
// ownerRefs in line with the retention policy, and the Events each of these records on the set.
// Mirrors kubernetes pkg/controller/statefulset/stateful_pod_control.go (Kubernetes 1.33).
#pragma once

#include <utility>

#include "controllers/statefulset/object_manager.h"
#include "engine/context.h"

namespace sts::controllers::statefulset {

class StatefulPodControl {
public:
    StatefulPodControl(ObjectManager& om, engine::EventRecorder& recorder, const engine::FeatureGates& gates)
        : om_(&om), recorder_(recorder), gates_(gates) {}
    void SetObjectManager(ObjectManager& om) { om_ = &om; }

    // Creates the pod's missing claims, then the pod, then sets claim ownerRefs per policy.
    // AlreadyExists is returned as is (no event); other failures record FailedCreate.
    Error CreateStatefulPod(const k8s::StatefulSet& set, const k8s::Pod& pod);
    // Brings identity (name, pod-name/pod-index labels), storage (claim volumes; creating missing
    // claims) and claim ownerRefs in line with set, retrying on conflict. Records SuccessfulUpdate
    // or FailedUpdate when a pod write was attempted.
    Error UpdateStatefulPod(const k8s::StatefulSet& set, k8s::Pod pod);
    // Deletes the pod (its own grace period) and records SuccessfulDelete or FailedDelete.
    Error DeleteStatefulPod(const k8s::StatefulSet& set, const k8s::Pod& pod);
    // False when some existing claim of the pod has ownerRefs that disagree with the policy.
    std::pair<bool, Error> ClaimsMatchRetentionPolicy(const k8s::StatefulSet& set, const k8s::Pod& pod);
    // Rewrites the ownerRefs of the pod's existing claims to the policy (ConflictingController
    // Warning when another controller owns one).
    Error UpdatePodClaimForRetentionPolicy(const k8s::StatefulSet& set, const k8s::Pod& pod);
    Error UpdatePodClaimForRetentionPolicy(const k8s::StatefulSet& set, const k8s::Pod& pod, int ordinal);
    // True when whenScaled=Delete and a claim still carries a pod ref with another UID: the
    // claim belongs to an earlier pod of this name and must be collected before a new pod.
    std::pair<bool, Error> PodClaimIsStale(const k8s::StatefulSet& set, const k8s::Pod& pod);
    // Recreates deleted claims of a pending pod and fixes their ownerRefs.
    // `ordinal` is the pod's (the reconcile core has it from the pod's facts, so a pending pod
    // whose claims are in order is not read at every sync).
    Error CreateMissingPersistentVolumeClaims(const k8s::StatefulSet& set, const k8s::Pod& pod, int ordinal);

private:
    Error CreatePersistentVolumeClaims(const k8s::StatefulSet& set, const k8s::Pod& pod, int ordinal);
    void RecordPodEvent(const char* verb, const k8s::StatefulSet& set, const k8s::Pod& pod, const Error& err);
    void RecordClaimEvent(const char* verb, const k8s::StatefulSet& set, const k8s::Pod& pod,
                          const k8s::PersistentVolumeClaim& claim, const Error& err);
    void Record(const k8s::StatefulSet& set, const char* type, std::string reason, std::string message);

    ObjectManager* om_;
    engine::EventRecorder& recorder_;
    const engine::FeatureGates& gates_;
};

}  // namespace sts::controllers::statefulset
