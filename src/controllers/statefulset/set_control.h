// The reconcile core of the StatefulSet controller: given a set and the pods it owns, pick the
// current and update revisions, create / fix / delete pods in the order the pod management
// policy and update strategy allow, write the status, and trim the revision history. Every
// decision that stops or shapes a sync is also written, in plain words, into a SyncExplanation
// for the playground's "why" panel.
// Mirrors kubernetes pkg/controller/statefulset/stateful_set_control.go (Kubernetes 1.33: pod
// health ignores minReadySeconds in scale-down and updates; MaxUnavailable stops at >=).
#pragma once

#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "controllers/statefulset/pod_control.h"
#include "controllers/statefulset/revisions.h"
#include "engine/context.h"

namespace sts::controllers::statefulset {

using PodPtr = std::shared_ptr<const k8s::Pod>;

// What the reconcile core asks of a pod at every sync, worked out once from one snapshot. It
// depends only on the pod and on the set's name, namespace and claim template names, none of
// which an update may change, so the controller keeps it between syncs while the snapshot is
// the same (see pod_entries.h): a sync over thousands of unchanged pods then reads a compact
// array instead of thousands of pods scattered over the heap.
struct PodFacts {
    k8s::PodSummary summary;
    bool identity_matches = false;  // IdentityMatches(set, pod)
    bool storage_matches = false;   // StorageMatches(set, pod)
};
PodFacts FactsOf(const k8s::StatefulSet& set, const k8s::Pod& pod);

// A pod the reconcile core works on: the snapshot and its facts, both kept alive by the caller
// until the sync returns.
struct SetPod {
    const k8s::Pod* pod = nullptr;
    const PodFacts* facts = nullptr;
};

// What the controller knows of the pods of a steady set without reading them: every replica
// exists, is created, at one revision and in line with the set (identity and storage), none
// is terminating, failed or finished, and no pod is out of range. For such a set (without claim
// templates or minReadySeconds, updated by RollingUpdate) a pass can only write the status and
// say what it waits for: it needs the counts and the two pods it could name, not every pod.
struct SteadyReplicas {
    std::string revision;                       // every pod's
    int32_t count = 0;                          // the replicas, every one of which exists
    int32_t ready = 0;                          // Running and Ready
    const k8s::Pod* first_not_ready = nullptr;  // the lowest ordinal not Running and Ready
    const k8s::Pod* last_not_ready = nullptr;   // the highest such ordinal at or above the partition
};

// Upstream's MaxBatchSize: the largest slow-start batch of parallel creates or deletes.
inline constexpr int kMaxBatchSize = 500;

// What one sync of one set did and why it stopped, from the controller's own decision points.
struct SyncExplanation {
    Time at = 0;                       // when the sync ran
    std::string set;                   // "default/web"
    std::string current_revision;      // as decided by this sync ("" when it failed early)
    std::string update_revision;
    std::vector<std::string> actions;  // "created web-2", "deleted web-4 (scale down)", ...
    std::vector<std::string> reasons;  // "web-2 not created: web-1 is Running but not Ready (...)"
    std::string error;                 // the sync's error, when it failed (it is retried)
    int64_t generation = 0;            // the set's metadata.generation this sync saw
    // The latest earlier sync that did something, when this one did nothing.
    Time last_action_at = 0;
    std::vector<std::string> last_actions;

    // One line: the actions (or "updated nothing"), then the reasons.
    std::string Summary() const;
};

// slowStartBatch: runs fn over [0, count) in batches of 1, 2, 4, ... (at most kMaxBatchSize),
// stopping after the first batch with a failure. Returns the aggregated errors of that batch.
template <class Fn>
Error SlowStartBatch(int initial_batch_size, int count, Fn&& fn) {
    int remaining = count;
    int next = 0;
    for (int batch = std::min(remaining, initial_batch_size); batch > 0;
         batch = std::min(std::min(2 * batch, remaining), kMaxBatchSize)) {
        std::vector<Error> errs;
        for (int i = 0; i < batch; ++i)
            if (Error e = fn(next++)) errs.push_back(std::move(e));
        if (!errs.empty()) return Error::Aggregate(errs);
        remaining -= batch;
    }
    return Error();
}

class StatefulSetControl {
public:
    struct Result {
        std::optional<k8s::StatefulSetStatus> status;  // the status it computed (and wrote)
        Error err;
    };

    StatefulSetControl(ObjectManager& om, engine::EventRecorder& recorder, const engine::FeatureGates& gates);
    // Tests substitute a wrapping object manager (fault injection, call counting).
    void SetObjectManager(ObjectManager& om);
    ObjectManager& object_manager() { return *om_; }

    // Reconciles set with its pods at time `now`. A failed sync returns an error and is retried
    // with backoff by the caller; `why` (optional) receives the explanation.
    Result UpdateStatefulSet(const k8s::StatefulSet& set, const std::vector<SetPod>& pods, Time now,
                             SyncExplanation* why);
    // The same, working out each pod's facts first.
    Result UpdateStatefulSet(const k8s::StatefulSet& set, const std::vector<PodPtr>& pods, Time now,
                             SyncExplanation* why);
    // The same for a set the caller keeps steady (see SteadyReplicas): when the revisions agree
    // with the pods' (one revision, both current and update) the pass works from the counts;
    // otherwise it asks `list_pods` for the claimed pods and reads them all. Either way the
    // outcome is UpdateStatefulSet's with those pods.
    using PodLister = std::function<const std::vector<SetPod>&()>;
    Result UpdateSteadyStatefulSet(const k8s::StatefulSet& set, const SteadyReplicas& steady,
                                   const PodLister& list_pods, Time now, SyncExplanation* why);
    // Whether the spec leaves a steady set's pass nothing but the status to do.
    bool AllowsSteadyPass(const k8s::StatefulSet& set) const;
    // Revisions matching set's selector that set owns or nobody owns.
    std::vector<RevisionPtr> ListRevisions(const k8s::StatefulSet& set, Error* err);
    Error AdoptOrphanRevisions(const k8s::StatefulSet& set, const std::vector<RevisionPtr>& revisions);

private:
    struct Revisions {
        RevisionPtr current;
        RevisionPtr update;
        int32_t collision_count = 0;
        Error err;
    };
    class Sync;  // the state of one updateStatefulSet pass

    Result Reconcile(const k8s::StatefulSet& set, const SteadyReplicas* steady, const PodLister& list_pods, Time now,
                     SyncExplanation* why);
    Revisions GetStatefulSetRevisions(const k8s::StatefulSet& set, std::vector<RevisionPtr> revisions);
    Error UpdateStatefulSetStatus(const k8s::StatefulSet& set, k8s::StatefulSetStatus& status);
    Error TruncateHistory(const k8s::StatefulSet& set, const std::vector<SetPod>& pods,
                          const std::vector<RevisionPtr>& revisions, const RevisionPtr& current,
                          const RevisionPtr& update, SyncExplanation* why);

    // The candidate revision (GetPatch and its hash) for a template and collision count, and the
    // template a revision records, kept for the last few: encoding, hashing and decoding a pod
    // template at every sync dominated OrderedReady syncs, which come one per pod. Keyed by the
    // template itself and by the revision snapshot (held, so its address stays its own).
    struct Candidate {
        k8s::PodTemplateSpec tmpl;
        int32_t collision_count = 0;
        Value data;
        std::string hash;
    };
    const Candidate& CandidateFor(const k8s::StatefulSet& set, int32_t collision_count);
    bool ApplyRevisionMemo(const k8s::StatefulSet& set, const RevisionPtr& revision, k8s::StatefulSet* out, Error* err);
    static constexpr size_t kMemoSize = 4;
    std::deque<Candidate> candidates_;
    std::deque<std::pair<RevisionPtr, k8s::PodTemplateSpec>> decoded_;

    ObjectManager* om_;
    StatefulPodControl pod_control_;
    History history_;
    const engine::FeatureGates& gates_;
};

}  // namespace sts::controllers::statefulset
