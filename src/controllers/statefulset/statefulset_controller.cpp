// The StatefulSet controller: informer handlers, the work queue, and sync(key).
// Mirrors kubernetes pkg/controller/statefulset/stateful_set.go and the ControllerRef claiming of
// pkg/controller/controller_ref_manager.go (Kubernetes 1.33).
#include "controllers/statefulset/statefulset_controller.h"

#include <algorithm>
#include <utility>

namespace sts::controllers {

using statefulset::Error;
using statefulset::SyncExplanation;

namespace {

std::string KeyOf(const k8s::ObjectMeta& meta) { return meta.namespace_ + "/" + meta.name; }

bool SameControllerRef(const k8s::OwnerReference* a, const k8s::OwnerReference* b) {
    if (!a || !b) return a == b;
    return *a == *b;
}

}  // namespace

StatefulSetController::StatefulSetController(engine::Context& ctx)
    : QueueController(ctx.scheduler, "statefulset-controller"),
      ctx_(ctx),
      real_om_(ctx.api),
      om_(&real_om_),
      control_(real_om_, ctx.recorder, ctx.gates) {
    ctx_.api.pods().AddHandler([this](apiserver::WatchType type, const PodPtr& old_obj, const PodPtr& new_obj) {
        // Every event makes the pod one to look at again for the sets of its namespace, whether
        // or not it calls for a sync now.
        const k8s::Pod& pod = new_obj ? *new_obj : *old_obj;
        const std::string prefix = pod.metadata.namespace_ + "/";
        for (auto it = claim_memos_.lower_bound(prefix); it != claim_memos_.end() && it->first.starts_with(prefix);
             ++it)
            it->second.changed.Add(pod.metadata.name, it->second.slots.size());
        switch (type) {
            case apiserver::WatchType::kAdded: AddPod(new_obj); break;
            case apiserver::WatchType::kModified: UpdatePod(old_obj, new_obj); break;
            case apiserver::WatchType::kDeleted: DeletePod(new_obj ? new_obj : old_obj); break;
        }
    });
    ctx_.api.statefulsets().AddHandler(
        [this](apiserver::WatchType, const SetPtr& old_obj, const SetPtr& new_obj) {
            const SetPtr& set = new_obj ? new_obj : old_obj;
            if (set) EnqueueSet(*set);
        });
}

const SyncExplanation* StatefulSetController::Explain(const std::string& ns_name) const {
    auto it = explanations_.find(ns_name);
    return it == explanations_.end() ? nullptr : &it->second;
}

void StatefulSetController::SetObjectManager(statefulset::ObjectManager* om) {
    om_ = om ? om : &real_om_;
    control_.SetObjectManager(*om_);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Watch handlers

void StatefulSetController::EnqueueSet(const k8s::StatefulSet& set) { Enqueue(KeyOf(set.metadata)); }

StatefulSetController::SetPtr StatefulSetController::ResolveControllerRef(const std::string& ns,
                                                                          const k8s::OwnerReference& ref) const {
    if (ref.kind != "StatefulSet") return nullptr;
    auto set = ctx_.api.statefulsets().Get(ns, ref.name);
    if (!set || set->metadata.uid != ref.uid) return nullptr;
    return set;
}

std::vector<StatefulSetController::SetPtr> StatefulSetController::GetStatefulSetsForPod(const k8s::Pod& pod) const {
    std::vector<SetPtr> out;
    ctx_.api.statefulsets().ForEach(pod.metadata.namespace_, [&](const SetPtr& set) {
        if (!set->spec.selector) return;
        k8s::Selector selector;
        std::string error;
        if (!k8s::SelectorFromLabelSelector(*set->spec.selector, &selector, &error)) return;
        // A nil or empty selector matches nothing here, not everything.
        if (selector.Empty() || !selector.Matches(pod.metadata.labels)) return;
        out.push_back(set);
    });
    // More than one set selecting a pod is a user error; ControllerRef keeps it harmless.
    statefulset::SortOverlappingStatefulSets(out);
    return out;
}

void StatefulSetController::AddPod(const PodPtr& pod) {
    if (pod->metadata.IsTerminating()) {
        // A pod that shows up already being deleted is not a creation observation.
        DeletePod(pod);
        return;
    }
    if (const auto* ref = pod->metadata.ControllerRef()) {
        if (auto set = ResolveControllerRef(pod->metadata.namespace_, *ref)) EnqueueSet(*set);
        return;
    }
    for (const auto& set : GetStatefulSetsForPod(*pod)) EnqueueSet(*set);
}

void StatefulSetController::UpdatePod(const PodPtr& old_pod, const PodPtr& cur_pod) {
    if (cur_pod->metadata.resource_version == old_pod->metadata.resource_version) return;
    const bool label_changed = !(cur_pod->metadata.labels == old_pod->metadata.labels);
    const auto* cur_ref = cur_pod->metadata.ControllerRef();
    const auto* old_ref = old_pod->metadata.ControllerRef();
    const bool ref_changed = !SameControllerRef(cur_ref, old_ref);
    if (ref_changed && old_ref) {
        if (auto set = ResolveControllerRef(old_pod->metadata.namespace_, *old_ref)) EnqueueSet(*set);
    }
    if (cur_ref) {
        auto set = ResolveControllerRef(cur_pod->metadata.namespace_, *cur_ref);
        if (!set) return;
        EnqueueSet(*set);
        if (!statefulset::IsPodReady(*old_pod) && statefulset::IsPodReady(*cur_pod) && set->spec.min_ready_seconds > 0) {
            // One more second avoids sub-second skew, as upstream does.
            EnqueueAfter(KeyOf(set->metadata), Seconds(set->spec.min_ready_seconds) + Seconds(1));
        }
        return;
    }
    if (label_changed || ref_changed) {
        for (const auto& set : GetStatefulSetsForPod(*cur_pod)) EnqueueSet(*set);
    }
}

void StatefulSetController::DeletePod(const PodPtr& pod) {
    const auto* ref = pod->metadata.ControllerRef();
    if (!ref) return;  // nobody cares about orphans going away
    if (auto set = ResolveControllerRef(pod->metadata.namespace_, *ref)) EnqueueSet(*set);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Sync

Error StatefulSetController::CanAdopt(const k8s::StatefulSet& set) {
    // controller.RecheckDeletionTimestamp over an uncached read.
    auto fresh = om_->GetStatefulSetUncached(set.metadata.namespace_, set.metadata.name);
    if (fresh.err) return fresh.err;
    if (fresh.obj->metadata.uid != set.metadata.uid)
        return Error::Message("original StatefulSet " + KeyOf(set.metadata) + " is gone: got uid " +
                              fresh.obj->metadata.uid + ", wanted " + set.metadata.uid);
    if (fresh.obj->metadata.deletion_timestamp)
        return Error::Message(KeyOf(set.metadata) + " has just been deleted at " +
                              FormatRfc3339(fresh.obj->metadata.deletion_timestamp->ms));
    return Error();
}

Error StatefulSetController::AdoptOrphanRevisions(const k8s::StatefulSet& set) {
    Error err;
    auto revisions = control_.ListRevisions(set, &err);
    if (err) return err;
    std::vector<statefulset::RevisionPtr> orphans;
    for (const auto& r : revisions)
        if (!r->metadata.ControllerRef()) orphans.push_back(r);
    if (orphans.empty()) return Error();
    if (Error can = CanAdopt(set)) return Error::Message("can't adopt ControllerRevisions: " + can.message());
    return control_.AdoptOrphanRevisions(set, orphans);
}

std::vector<statefulset::SetPod> StatefulSetController::GetPodsForStatefulSet(const k8s::StatefulSet& set,
                                                                              const k8s::Selector& selector,
                                                                              ClaimMemo& memo, Error* err,
                                                                              SyncExplanation* why) {
    std::vector<statefulset::SetPod> claimed;
    std::vector<Error> errs;
    bool can_adopt_checked = false;
    Error can_adopt;
    const bool set_deleting = set.metadata.deletion_timestamp.has_value();
    std::vector<std::string> claim_templates;
    for (const auto& t : set.spec.volume_claim_templates) claim_templates.push_back(t.metadata.name);
    if (memo.uid != set.metadata.uid || memo.selector != set.spec.selector || memo.claim_templates != claim_templates) {
        memo.pods.Invalidate();
        memo.uid = set.metadata.uid;
        memo.selector = set.spec.selector;
        memo.claim_templates = std::move(claim_templates);
    }
    // FilterPodsByOwner: the pods this set controls plus the namespace's orphans.
    std::vector<std::pair<const k8s::Pod*, const ClaimFacts*>>& candidates = candidates_;
    candidates.clear();
    ctx_.api.pods().ForEach(set.metadata.namespace_, [&](const PodPtr& pod) {
        auto [facts, changed] = memo.pods.Next(pod);
        if (changed) Observe(set, selector, *pod, facts);
        // The memo holds the snapshot until its walk ends, so a plain pointer does here.
        if (facts.candidate) candidates.emplace_back(pod.get(), &facts);
    });
    claimed.reserve(candidates.size());
    for (const auto& [pod, facts] : candidates) {
        const bool match = facts->match;
        if (facts->controlled) {
            if (match) {
                claimed.push_back({pod, &facts->facts});
                continue;
            }
            if (set_deleting) continue;
            Error e = om_->ReleasePod(*pod, set.metadata.uid);
            if (e && !e.IsNotFound()) errs.push_back(e);
            else if (!e && why) why->actions.push_back("released " + pod->metadata.name + " (no longer matches)");
            continue;
        }
        if (set_deleting || !match || pod->metadata.IsTerminating()) continue;
        if (!can_adopt_checked) {
            can_adopt = CanAdopt(set);
            can_adopt_checked = true;
        }
        if (can_adopt) {
            errs.push_back(Error::Message("can't adopt Pod " + KeyOf(pod->metadata) + " (" + pod->metadata.uid +
                                          "): " + can_adopt.message()));
            continue;
        }
        Error e = om_->AdoptPod(*pod, statefulset::NewControllerRef(set));
        if (e) {
            if (!e.IsNotFound()) errs.push_back(e);
            continue;
        }
        if (why) why->actions.push_back("adopted " + pod->metadata.name);
        claimed.push_back({pod, &facts->facts});
    }
    *err = Error::Aggregate(errs);
    return claimed;
}

void StatefulSetController::Observe(const k8s::StatefulSet& set, const k8s::Selector& selector, const k8s::Pod& pod,
                                    ClaimFacts& facts) {
    const auto* ref = pod.Summary().controller;
    facts.candidate = !ref || ref->uid == set.metadata.uid;
    facts.controlled = ref != nullptr;
    facts.match = selector.Matches(pod.metadata.labels) && statefulset::IsMemberOf(set, pod);
    facts.facts = facts.candidate && facts.match ? statefulset::FactsOf(set, pod) : statefulset::PodFacts{};
}

bool StatefulSetController::SteadyPod(const statefulset::PodFacts& facts, const k8s::RevisionName& revision) {
    const k8s::PodSummary& s = facts.summary;
    return statefulset::IsCreated(s) && !statefulset::IsFailed(s) && !statefulset::IsSucceeded(s) &&
           !statefulset::IsTerminating(s) && facts.identity_matches && facts.storage_matches &&
           statefulset::HasPodRevision(s, revision);
}

bool StatefulSetController::StillSteady(const k8s::StatefulSet& set, const k8s::Selector& selector, ClaimMemo& memo,
                                        const std::vector<std::string>& changed) {
    // What the claim memo was made for, and what the steady pass needs of the spec.
    if (memo.uid != set.metadata.uid || memo.selector != set.spec.selector || !memo.claim_templates.empty() ||
        memo.generation != set.metadata.generation || !control_.AllowsSteadyPass(set))
        return false;
    const k8s::RevisionName revision(memo.revision);
    const int start = statefulset::GetStartOrdinal(set);
    for (const std::string& name : changed) {
        // The replica slot a pod of this name would take, and whether it holds this pod now.
        const int ordinal = k8s::ParseOrdinalName(name).ordinal;
        const size_t i = ordinal >= start ? static_cast<size_t>(ordinal - start) : memo.slots.size();
        const bool held = i < memo.slots.size() && memo.slots[i]->metadata.name == name;
        auto pod = ctx_.api.pods().Get(set.metadata.namespace_, name);
        if (!pod) {
            memo.pods.Forget(name);
            if (held) return false;  // a replica to create
            continue;
        }
        auto [facts, fresh] = memo.pods.Touch(pod);
        if (fresh) Observe(set, selector, *pod, facts);
        // As GetPodsForStatefulSet would take it: ignored, adopted, released or claimed.
        if (!facts.candidate || !facts.controlled) {
            if (facts.candidate && facts.match && !pod->metadata.IsTerminating()) return false;  // to adopt
            if (held) return false;  // no longer ours
            continue;
        }
        if (!facts.match || !held || !SteadyPod(facts.facts, revision)) return false;
        memo.slots[i] = pod;
        if (statefulset::IsRunningAndReady(facts.facts.summary)) memo.not_ready.erase(i);
        else memo.not_ready.insert(i);
    }
    return true;
}

void StatefulSetController::FindSteady(const k8s::StatefulSet& set, ClaimMemo& memo,
                                       const std::vector<statefulset::SetPod>& pods,
                                       const statefulset::StatefulSetControl::Result& result) {
    memo.steady = false;
    memo.slots.clear();
    memo.not_ready.clear();
    if (result.err || !result.status || !memo.claim_templates.empty() || !control_.AllowsSteadyPass(set)) return;
    const k8s::StatefulSetStatus& status = *result.status;
    const int32_t replicas = statefulset::GetReplicas(set);
    if (status.current_revision != status.update_revision || replicas < 0 ||
        pods.size() != static_cast<size_t>(replicas))
        return;
    const k8s::RevisionName revision(status.update_revision);
    const int start = statefulset::GetStartOrdinal(set);
    std::vector<PodPtr> slots(pods.size());
    std::set<size_t> not_ready;
    for (const statefulset::SetPod& pod : pods) {
        const int ordinal = pod.facts->summary.ordinal;
        if (ordinal < start || static_cast<size_t>(ordinal - start) >= slots.size()) return;
        const size_t i = static_cast<size_t>(ordinal - start);
        const PodPtr* snapshot = memo.pods.Snapshot(pod.pod->metadata.name);
        if (slots[i] || !snapshot || snapshot->get() != pod.pod || !SteadyPod(*pod.facts, revision)) return;
        slots[i] = *snapshot;
        if (!statefulset::IsRunningAndReady(pod.facts->summary)) not_ready.insert(i);
    }
    memo.slots = std::move(slots);
    memo.not_ready = std::move(not_ready);
    memo.generation = set.metadata.generation;
    memo.revision = status.update_revision;
    memo.steady = true;
}

bool StatefulSetController::Sync(const std::string& key, Duration* cost) {
    const uint64_t calls_before = om_->Calls();
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash);
    const std::string name = slash == std::string::npos ? std::string() : key.substr(slash + 1);
    auto fetched = om_->GetStatefulSet(ns, name);
    if (!fetched.obj) {
        explanations_.erase(key);  // the set has been deleted
        claim_memos_.erase(key);
        return true;
    }
    const k8s::StatefulSet& set = *fetched.obj;
    SyncExplanation why;
    why.at = ctx_.Now();
    why.set = key;

    why.generation = set.metadata.generation;
    auto done = [&](bool ok, size_t pods) {
        // One millisecond per API call plus the time spent on every pod the sync looked at.
        *cost = Millis(static_cast<int64_t>(om_->Calls() - calls_before)) +
                static_cast<Duration>(pods) / engine::kPodsExaminedPerMs;
        SyncExplanation& slot = explanations_[key];
        if (why.actions.empty()) {
            // Keep what the controller last did: the syncs that follow an action (woken by its
            // own watch events) usually do nothing.
            why.last_action_at = slot.actions.empty() ? slot.last_action_at : slot.at;
            why.last_actions = slot.actions.empty() ? std::move(slot.last_actions) : std::move(slot.actions);
        }
        slot = std::move(why);
        return ok;
    };

    k8s::Selector selector;
    std::string selector_error;
    if (!set.spec.selector || !k8s::SelectorFromLabelSelector(*set.spec.selector, &selector, &selector_error)) {
        why.error = "error converting StatefulSet " + key + " selector: " + selector_error;
        return done(true, 0);  // not transient: no retry
    }
    if (Error err = AdoptOrphanRevisions(set)) {
        why.error = err.message();
        return done(false, 0);
    }
    Error claim_err;
    ClaimMemo& memo = claim_memos_[key];
    const bool overflow = memo.changed.overflowed();
    const std::vector<std::string> changed = memo.changed.Take();
    // The claimed pods point into the memo's entries, which stay put until the sync returns.
    std::optional<PodEntries<ClaimFacts>::EndOnExit> end_walk;
    std::vector<statefulset::SetPod> pods;
    bool listed = false;
    auto list = [&]() -> const std::vector<statefulset::SetPod>& {
        memo.pods.Begin(ctx_.api.pods().Size());
        end_walk.emplace(memo.pods);
        pods = GetPodsForStatefulSet(set, selector, memo, &claim_err, &why);
        listed = true;
        return pods;
    };
    statefulset::StatefulSetControl::Result result;
    size_t examined = 0;  // the pods the sync counts as read: every claimed one
    if (steady_shortcut_ && memo.steady && !overflow && StillSteady(set, selector, memo, changed)) {
        ++steady_syncs_;
        statefulset::SteadyReplicas steady;
        steady.revision = memo.revision;
        steady.count = static_cast<int32_t>(memo.slots.size());
        steady.ready = steady.count - static_cast<int32_t>(memo.not_ready.size());
        if (!memo.not_ready.empty()) {
            steady.first_not_ready = memo.slots[*memo.not_ready.begin()].get();
            const size_t last = *memo.not_ready.rbegin();
            const int partition = set.spec.update_strategy.rolling_update ? statefulset::GetPartition(set) : 0;
            if (static_cast<int64_t>(last) >= partition) steady.last_not_ready = memo.slots[last].get();
        }
        result = control_.UpdateSteadyStatefulSet(set, steady, list, ctx_.Now(), &why);
        examined = listed ? pods.size() : memo.slots.size();
    } else {
        memo.steady = false;
        list();
        if (claim_err) {
            why.error = claim_err.message();
            return done(false, pods.size());
        }
        result = control_.UpdateStatefulSet(set, pods, ctx_.Now(), &why);
        examined = pods.size();
    }
    // The claim made no call in a steady sync that listed the pods after all (nothing to adopt
    // or release), so it cannot fail there.
    if (claim_err) {
        why.error = claim_err.message();
        memo.steady = false;
        return done(false, examined);
    }
    if (listed) FindSteady(set, memo, pods, result);
    if (result.err) {
        memo.steady = false;
        return done(false, examined);
    }
    const bool recheck = set.spec.min_ready_seconds > 0 && result.status &&
                         result.status->available_replicas != statefulset::GetReplicas(set);
    const bool ok = done(true, examined);
    // Availability is time-based: look again after minReadySeconds while it is not complete.
    // Upstream calls AddAfter when the sync returns, which is always some time after the pod
    // states it judged: counted from the start of the sync, the look could land exactly on a
    // pod's Ready time + minReadySeconds and (being strictly "after") miss it by one period.
    if (recheck) EnqueueAfter(key, Seconds(set.spec.min_ready_seconds) + std::max(*cost, Millis(1)));
    return ok;
}

}  // namespace sts::controllers
