// Pure helpers of the StatefulSet controller: identity (names, ordinals, labels), storage
// (claims and the volumes that mount them), PVC retention ownerRefs, pod health predicates,
// versioned pod construction, and the status completion rules. Nothing here talks to the API.
// Mirrors kubernetes pkg/controller/statefulset/stateful_set_utils.go (Kubernetes 1.33).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client/cluster.h"
#include "core/time.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"

namespace sts::controllers::statefulset {

// Well-known label keys (k8s.io/api/apps/v1); the pod summary reads the first two.
using k8s::kStatefulSetPodNameLabel;
using k8s::kStatefulSetRevisionLabel;
inline constexpr std::string_view kPodIndexLabel = "apps.kubernetes.io/pod-index";

inline constexpr std::string_view kRetain = "Retain";
inline constexpr std::string_view kDelete = "Delete";

// [SECTION] Errors

// An error as the controller handles it: Go's `error`. API failures keep the API server's
// reason ("NotFound", "AlreadyExists", "Conflict", "Invalid", "InternalError"); errors the
// controller makes itself have no reason. An aggregate keeps every reason it was built from.
class Error {
public:
    Error() = default;
    static Error FromApi(const client::ApiError& e);
    static Error Message(std::string message, std::string reason = {});

    bool ok() const { return !detail_; }
    explicit operator bool() const { return detail_ != nullptr; }  // true when there is an error
    const std::string& message() const;
    // True when this error, or any error it aggregates, has the given API reason.
    bool Has(std::string_view reason) const;
    bool IsNotFound() const { return Has("NotFound"); }
    bool IsAlreadyExists() const { return Has("AlreadyExists"); }
    bool IsConflict() const { return Has("Conflict"); }

    // utilerrors.NewAggregate: nil for no errors, the error itself for one distinct message,
    // "[a, b]" (duplicates dropped) otherwise.
    static Error Aggregate(const std::vector<Error>& errors);

private:
    // Nothing at all for no error: a sync passes a no-error result back for each of thousands
    // of pods, so that one is a null pointer. An error, once made, never changes.
    struct Detail {
        std::string message;
        std::vector<std::string> reasons;
    };
    std::shared_ptr<const Detail> detail_;
};

// [SECTION] Names and ordinals

// Parses "<parent>-<ordinal>" with Go's `(.*)-([0-9]+)$`: ("", -1) when the name does not
// match or the ordinal overflows int32.
std::pair<std::string, int> GetParentNameAndOrdinal(std::string_view pod_name);
std::string GetParentName(const k8s::Pod& pod);
int GetOrdinal(const k8s::Pod& pod);
int GetStartOrdinal(const k8s::StatefulSet& set);
int GetEndOrdinal(const k8s::StatefulSet& set);
int32_t GetReplicas(const k8s::StatefulSet& set);
bool PodInOrdinalRange(const k8s::Pod& pod, const k8s::StatefulSet& set);
std::string GetPodName(const k8s::StatefulSet& set, int ordinal);
std::string GetPersistentVolumeClaimName(const k8s::StatefulSet& set, const std::string& template_name,
                                         int ordinal);
// The pod a claim belongs to ("" when the claim is not one of set's): volume-my-set-2 -> my-set-2.
std::string GetClaimPodName(const k8s::StatefulSet& set, const k8s::PersistentVolumeClaim& claim);
bool IsMemberOf(const k8s::StatefulSet& set, const k8s::Pod& pod);
// Sets that select the same pods, oldest first (creationTimestamp, then name): upstream's
// overlappingStatefulSets order. An orphan matching several sets wakes them in this order, so the
// oldest gets the first chance to adopt it.
void SortOverlappingStatefulSets(std::vector<std::shared_ptr<const k8s::StatefulSet>>& sets);

// [SECTION] Identity and storage

bool IdentityMatches(const k8s::StatefulSet& set, const k8s::Pod& pod);
bool StorageMatches(const k8s::StatefulSet& set, const k8s::Pod& pod);
// The pod's claims in claim-template order, each paired with its template's name. Labels are
// the template's merged with selector.matchLabels (the selector wins).
std::vector<std::pair<std::string, k8s::PersistentVolumeClaim>> GetPersistentVolumeClaims(
    const k8s::StatefulSet& set, const k8s::Pod& pod);
// Claim volumes first (template order), then the pod's other volumes.
void UpdateStorage(const k8s::StatefulSet& set, k8s::Pod& pod);
// Name, namespace, pod-name label and (when the PodIndexLabel gate is on) pod-index label.
void UpdateIdentity(const k8s::StatefulSet& set, k8s::Pod& pod, bool pod_index_label);
// UpdateIdentity plus hostname and subdomain, which a pod only gets at creation.
void InitIdentity(const k8s::StatefulSet& set, k8s::Pod& pod, bool pod_index_label);

// [SECTION] PVC retention policy

k8s::StatefulSetPersistentVolumeClaimRetentionPolicy GetPersistentVolumeClaimRetentionPolicy(
    const k8s::StatefulSet& set);
// Owner kinds a claim may point at.
enum class OwnerKind { kStatefulSet, kPod };
bool MatchesRef(const k8s::OwnerReference& ref, const std::string& name, OwnerKind kind);
bool HasOwnerRef(const k8s::ObjectMeta& target, const std::string& owner_uid);
// A ref to an object of this kind and name whose UID is not the object's (or the object has none).
bool HasStaleOwnerRef(const k8s::ObjectMeta& target, const std::string& name, const std::string& uid,
                      OwnerKind kind);
bool HasUnexpectedController(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                             const k8s::Pod& pod);
bool HasNonControllerOwner(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                           const k8s::Pod& pod);
// False when the claim's refs do not express the policy (reference §3.4); true (leave alone)
// when a ref is stale or another controller owns the claim and none of our refs remain.
bool IsClaimOwnerUpToDate(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                          const k8s::Pod& pod);
// Rewrites the claim's refs to the policy: scrubs ours, then adds controller refs as needed.
void UpdateClaimOwnerRefForSetAndPod(k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                                     const k8s::Pod& pod);
k8s::OwnerReference NewControllerRef(const k8s::StatefulSet& set);
k8s::OwnerReference NewControllerRef(const k8s::Pod& pod);

// [SECTION] Pod state predicates

// Each reads the pod's summary; the controller asks them of every pod at every sync, so each
// also comes in a form that takes the summary itself (see PodFacts in set_control.h).
inline bool IsRunningAndReady(const k8s::PodSummary& s) { return s.phase == k8s::PodPhase::kRunning && s.ready; }
// podutil.IsPodAvailable: Ready, and Ready for longer than minReadySeconds (strictly) at `now`.
inline bool IsRunningAndAvailable(const k8s::PodSummary& s, int32_t min_ready_seconds, Time now) {
    if (!s.ready) return false;
    if (min_ready_seconds == 0) return true;
    return s.ready_transition != kNoTime && s.ready_transition + Seconds(min_ready_seconds) < now;
}
inline bool IsCreated(const k8s::PodSummary& s) { return s.phase != k8s::PodPhase::kNone; }
inline bool IsPending(const k8s::PodSummary& s) { return s.phase == k8s::PodPhase::kPending; }
inline bool IsFailed(const k8s::PodSummary& s) { return s.phase == k8s::PodPhase::kFailed; }
inline bool IsSucceeded(const k8s::PodSummary& s) { return s.phase == k8s::PodPhase::kSucceeded; }
inline bool IsTerminating(const k8s::PodSummary& s) { return s.terminating; }
// Running, Ready and not terminating. In 1.33 this ignores minReadySeconds (1.34's
// "Statefulset now respects minReadySeconds", PR #130909, changed that).
inline bool IsHealthy(const k8s::PodSummary& s) { return IsRunningAndReady(s) && !IsTerminating(s); }
// GetPodRevision(pod) == revision, usually without reading the label (see PodSummary).
inline bool HasPodRevision(const k8s::PodSummary& s, const std::string& revision) { return s.RevisionIs(revision); }
inline bool HasPodRevision(const k8s::PodSummary& s, const k8s::RevisionName& revision) { return s.RevisionIs(revision); }

bool IsPodReady(const k8s::Pod& pod);
bool IsRunningAndReady(const k8s::Pod& pod);
bool IsRunningAndAvailable(const k8s::Pod& pod, int32_t min_ready_seconds, Time now);
bool IsCreated(const k8s::Pod& pod);
bool IsPending(const k8s::Pod& pod);
bool IsFailed(const k8s::Pod& pod);
bool IsSucceeded(const k8s::Pod& pod);
bool IsTerminating(const k8s::Pod& pod);
bool IsHealthy(const k8s::Pod& pod);
bool AllowsBurst(const k8s::StatefulSet& set);

// [SECTION] Revisions on pods, versioned pods, status

void SetPodRevision(k8s::Pod& pod, const std::string& revision);
const std::string& GetPodRevision(const k8s::Pod& pod);
bool HasPodRevision(const k8s::Pod& pod, const std::string& revision);
// A pod for `ordinal` built from set's template: template labels, annotations and finalizers,
// generateName "<set>-" (as controller.GetPodFromTemplate sets it), the controller ref,
// identity, hostname/subdomain and claim volumes.
k8s::Pod NewStatefulSetPod(const k8s::StatefulSet& set, int ordinal, bool pod_index_label);
// Which revision a new pod gets, with Go's && / || precedence kept exactly (reference §2.6):
// current when (RollingUpdate && rollingUpdate == nil && ord < start + status.currentReplicas)
// || (rollingUpdate != nil && ord < start + partition); update otherwise.
k8s::Pod NewVersionedStatefulSetPod(const k8s::StatefulSet& current_set, const k8s::StatefulSet& update_set,
                                    const std::string& current_revision, const std::string& update_revision,
                                    int ordinal, bool pod_index_label);
bool InconsistentStatus(const k8s::StatefulSet& set, const k8s::StatefulSetStatus& status);
// RollingUpdate only: all spec.replicas pods updated, ready and present => current = update.
void CompleteRollingUpdate(const k8s::StatefulSet& set, k8s::StatefulSetStatus& status);
// maxUnavailable scaled against replicas, rounded down, at least 1 (nil means 1).
int GetStatefulSetMaxUnavailable(const std::optional<k8s::IntOrString>& max_unavailable, int replicas);
int32_t GetPartition(const k8s::StatefulSet& set);

}  // namespace sts::controllers::statefulset
