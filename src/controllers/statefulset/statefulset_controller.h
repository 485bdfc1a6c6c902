// The StatefulSet controller as the controller manager runs it: watches on StatefulSets and Pods
// turn into "namespace/name" keys on a rate-limited work queue; each sync adopts orphaned
// ControllerRevisions, claims pods by ControllerRef (adopting matching orphans, releasing owned
// pods that no longer match), runs the reconcile core, and re-queues after minReadySeconds
// while availability is still pending. Keeps, per set, a plain-words explanation of its last
// sync for the playground.
// Mirrors kubernetes pkg/controller/statefulset/stateful_set.go (Kubernetes 1.33).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "controllers/pod_entries.h"
#include "controllers/statefulset/set_control.h"
#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

class StatefulSetController final : public engine::QueueController {
public:
    // Registers the watch handlers on ctx.api; the controller must outlive any write to it.
    explicit StatefulSetController(engine::Context& ctx);

    // The explanation of the latest sync of "namespace/name", or nullptr when the set has not
    // been synced (or no longer exists).
    const statefulset::SyncExplanation* Explain(const std::string& ns_name) const;

    // Off, every sync reads every pod of the namespace, as upstream's does; on (the default), a
    // sync of a steady set looks again at the pods with watch events only. Both write the same;
    // the tests run both on one history.
    void set_steady_shortcut(bool on) { steady_shortcut_ = on; }
    // Syncs that took the steady shortcut.
    uint64_t SteadySyncs() const { return steady_syncs_; }

    // Tests put a wrapping object manager in front of the real one (nullptr restores it).
    void SetObjectManager(statefulset::ObjectManager* om);
    statefulset::ObjectManager& real_object_manager() { return real_om_; }

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    using PodPtr = statefulset::PodPtr;
    using SetPtr = std::shared_ptr<const k8s::StatefulSet>;

    // [SECTION] Watch handlers (enqueue only; they run inside API writes)
    void AddPod(const PodPtr& pod);
    void UpdatePod(const PodPtr& old_pod, const PodPtr& cur_pod);
    void DeletePod(const PodPtr& pod);
    SetPtr ResolveControllerRef(const std::string& ns, const k8s::OwnerReference& ref) const;
    std::vector<SetPtr> GetStatefulSetsForPod(const k8s::Pod& pod) const;
    void EnqueueSet(const k8s::StatefulSet& set);

    // [SECTION] Sync steps
    statefulset::Error CanAdopt(const k8s::StatefulSet& set);
    statefulset::Error AdoptOrphanRevisions(const k8s::StatefulSet& set);
    // What a sync worked out from each pod snapshot of a namespace for one set: it depends only
    // on the pod and on the set's uid, name, selector and claim template names (see
    // pod_entries.h).
    struct ClaimFacts {
        bool candidate = false;   // no controller, or this set (FilterPodsByOwner)
        bool controlled = false;  // has a controller
        bool match = false;       // selector matches and the name is "<set>-<ordinal>"
        statefulset::PodFacts facts;  // what the reconcile core asks (worked out for candidates that match)
    };
    struct ClaimMemo {
        std::string uid;
        std::optional<k8s::LabelSelector> selector;
        std::vector<std::string> claim_templates;
        PodEntries<ClaimFacts> pods;
        // Pods of the namespace with watch events since the last sync began.
        ChangedPods changed;
        // The set's replicas as the last sync saw them, while the set is steady (see
        // statefulset::SteadyReplicas): a sync then looks again at the changed pods only.
        bool steady = false;
        int64_t generation = 0;    // the set's, when it was last found steady
        std::string revision;      // every pod's
        std::vector<PodPtr> slots;  // by replica index
        std::set<size_t> not_ready;  // replica indices not Running and Ready
    };
    // Observes the pod for the set (FilterPodsByOwner and the claim's match).
    static void Observe(const k8s::StatefulSet& set, const k8s::Selector& selector, const k8s::Pod& pod,
                        ClaimFacts& facts);
    // Whether a claimed pod's facts keep the set steady at `revision`.
    static bool SteadyPod(const statefulset::PodFacts& facts, const k8s::RevisionName& revision);
    // Brings a steady memo up to date with the changed pods; false if the set is not steady
    // any more (or was not), and every pod has to be read.
    bool StillSteady(const k8s::StatefulSet& set, const k8s::Selector& selector, ClaimMemo& memo,
                     const std::vector<std::string>& changed);
    // Finds the set steady or not after a sync that read every pod.
    void FindSteady(const k8s::StatefulSet& set, ClaimMemo& memo, const std::vector<statefulset::SetPod>& pods,
                    const statefulset::StatefulSetControl::Result& result);
    // The claimed pods, pointing into the memo's entries: the caller ends the memo's walk once it
    // is done with them.
    std::vector<statefulset::SetPod> GetPodsForStatefulSet(const k8s::StatefulSet& set, const k8s::Selector& selector,
                                                           ClaimMemo& memo, statefulset::Error* err,
                                                           statefulset::SyncExplanation* why);

    engine::Context& ctx_;
    std::map<std::string, ClaimMemo> claim_memos_;  // "namespace/name"
    // GetPodsForStatefulSet's list of candidates, kept between syncs so that a walk over
    // thousands of pods does not allocate (and fault in) a fresh array each time.
    std::vector<std::pair<const k8s::Pod*, const ClaimFacts*>> candidates_;
    statefulset::ApiObjectManager real_om_;
    statefulset::ObjectManager* om_;
    statefulset::StatefulSetControl control_;
    std::map<std::string, statefulset::SyncExplanation> explanations_;
    bool steady_shortcut_ = true;
    uint64_t steady_syncs_ = 0;
};

}  // namespace sts::controllers
