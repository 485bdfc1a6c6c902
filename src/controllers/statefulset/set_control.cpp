// The reconcile core of the StatefulSet controller.
// Mirrors kubernetes pkg/controller/statefulset/stateful_set_control.go (Kubernetes 1.33).
//
// Index
// [SECTION] Explanations
// [SECTION] Status helpers
// [SECTION] One updateStatefulSet pass (processReplica, processCondemned, rolling update)
// [SECTION] UpdateStatefulSet, revisions, status, history
#include "controllers/statefulset/set_control.h"

#include <algorithm>
#include <deque>
#include <set>

#include "core/strings.h"

namespace sts::controllers::statefulset {

// ---------------------------------------------------------------------------------------------
// [SECTION] Explanations

std::string SyncExplanation::Summary() const {
    std::string out = actions.empty() ? "updated nothing" : Join(actions, "; ");
    if (!reasons.empty()) out += " (" + Join(reasons, "; ") + ")";
    if (!error.empty()) out += " [error: " + error + "]";
    return out;
}

namespace {

// Why a pod that is not Ready is not: the first waiting container's reason (ContainerCreating,
// ImagePullBackOff, CrashLoopBackOff, ...) or the scheduler's (Unschedulable); "" if none.
std::string WaitingReason(const k8s::Pod& pod) {
    for (const auto& cs : pod.status.container_statuses)
        if (cs.state.waiting && !cs.state.waiting->reason.empty()) return cs.state.waiting->reason;
    if (const auto* c = pod.status.FindCondition("PodScheduled"); c && c->status == "False" && !c->reason.empty())
        return c->reason;
    return "";
}

// How a pod looks to the controller, in the words of its own checks.
std::string DescribePodState(const k8s::Pod& pod, int32_t min_ready_seconds, Time now) {
    if (!IsCreated(pod)) return "not created";
    if (IsTerminating(pod)) return "terminating";
    if (IsFailed(pod) || IsSucceeded(pod)) return pod.status.phase;
    const std::string reason = WaitingReason(pod);
    const std::string detail = reason.empty() ? "" : " (" + reason + ")";
    if (pod.status.phase != "Running") return pod.status.phase + detail;
    if (!IsPodReady(pod)) return "Running but not Ready" + detail;
    if (!IsRunningAndAvailable(pod, min_ready_seconds, now))
        return "Ready but not yet Available (minReadySeconds " + std::to_string(min_ready_seconds) + ")";
    return "Running and Ready";
}

void Note(SyncExplanation* why, std::vector<std::string> SyncExplanation::*field, std::string text) {
    if (why) (why->*field).push_back(std::move(text));
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Status helpers

void AddPodStatus(k8s::StatefulSetStatus& status, const k8s::PodSummary& pod, int32_t min_ready_seconds, Time now,
                  const k8s::RevisionName& current, const k8s::RevisionName& update, bool same_names) {
    if (IsCreated(pod)) ++status.replicas;
    if (IsRunningAndReady(pod)) {
        ++status.ready_replicas;
        if (IsRunningAndAvailable(pod, min_ready_seconds, now)) ++status.available_replicas;
    }
    if (IsCreated(pod) && !IsTerminating(pod)) {
        const bool at_current = HasPodRevision(pod, current);
        // Outside a rolling update both names are the same: one comparison answers both.
        if (at_current) ++status.current_replicas;
        if (same_names ? at_current : HasPodRevision(pod, update))
            ++status.updated_replicas;
    }
}

void AddReplicaStatus(k8s::StatefulSetStatus& status, const std::vector<SetPod>& pods, int32_t min_ready_seconds,
                      Time now, const k8s::RevisionName& current, const k8s::RevisionName& update) {
    const bool same_names = current.name == update.name;
    for (const SetPod& pod : pods) {
        if (!pod.pod) continue;  // a replica not built yet: not created, counts nowhere
        AddPodStatus(status, pod.facts->summary, min_ready_seconds, now, current, update, same_names);
    }
}

void UpdateStatus(k8s::StatefulSetStatus& status, int32_t min_ready_seconds, Time now, const std::string& current,
                  const std::string& update, std::initializer_list<const std::vector<SetPod>*> lists) {
    status.replicas = status.ready_replicas = status.available_replicas = 0;
    status.current_replicas = status.updated_replicas = 0;
    const k8s::RevisionName current_name(current), update_name(update);
    for (const auto* list : lists) AddReplicaStatus(status, *list, min_ready_seconds, now, current_name, update_name);
}

struct Step {
    bool exit = false;
    Error err;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] One updateStatefulSet pass (processReplica, processCondemned, rolling update)

class StatefulSetControl::Sync {
public:
    Sync(StatefulSetControl& ctl, const k8s::StatefulSet& set, const k8s::StatefulSet& current_set,
         const k8s::StatefulSet& update_set, const std::string& current_name, const std::string& update_name, Time now,
         SyncExplanation* why)
        : ctl_(ctl),
          pc_(ctl.pod_control_),
          set_(set),
          current_set_(current_set),
          update_set_(update_set),
          current_name_(current_name),
          update_name_(update_name),
          update_revision_(update_name),
          now_(now),
          why_(why),
          min_ready_(set.spec.min_ready_seconds),
          monotonic_(!AllowsBurst(set)) {}

    // replicas[i] holds ordinal start+i; empty where no pod exists yet, built by Replica(i) when
    // the pass reaches it (building every missing pod up front made each OrderedReady sync cost
    // as much as the pods still to come). A missing pod is not created, so every check that
    // skips pods that are not created skips an empty slot alike.
    std::vector<SetPod> replicas;
    std::vector<SetPod> condemned;
    const k8s::Pod* first_unhealthy = nullptr;

    const SetPod& Replica(size_t i) {
        SetPod& slot = replicas[i];
        if (!slot.pod) {
            auto pod = std::make_shared<const k8s::Pod>(
                NewVersionedStatefulSetPod(current_set_, update_set_, current_name_, update_name_,
                                           GetStartOrdinal(set_) + static_cast<int>(i), ctl_.gates_.pod_index_label));
            built_.push_back({pod, FactsOf(set_, *pod)});
            slot = {pod.get(), &built_.back().facts};
        }
        return slot;
    }

    Step ProcessReplica(size_t i) {
        const SetPod& replica = Replica(i);
        const k8s::Pod& pod = *replica.pod;
        const k8s::PodSummary& s = replica.facts->summary;
        // The name is read only where a message needs it: the pod's memory is not touched for
        // the pods that are in order, which at most syncs are nearly all of them.
        auto name = [&]() -> const std::string& { return pod.metadata.name; };
        // Evicted or node-rebooted pods end Failed or Succeeded; either way the identity is
        // recreated, on a later sync once the old object is gone.
        if (IsFailed(s) || IsSucceeded(s)) {
            if (!IsTerminating(s)) {
                Error err = pc_.DeleteStatefulPod(set_, pod);
                if (err) {
                    Wait(name() + " (" + pod.status.phase + ") not deleted: " + err.message());
                    return {true, err};
                }
                Act("deleted " + name() + " (phase " + pod.status.phase + "; recreated once it is gone)");
            } else {
                Wait(name() + " not recreated yet: the old pod finished (" + pod.status.phase +
                     ") and is still terminating; a new " + name() + " is created once it is gone");
            }
            return {true, Error()};
        }
        if (!IsCreated(s)) {
            if (ctl_.gates_.stateful_set_auto_delete_pvc) {
                auto [stale, err] = pc_.PodClaimIsStale(set_, pod);
                if (err) return {true, err};
                if (stale) {
                    Wait(name() + " not created: a claim still has an owner reference to an earlier " + name() +
                         " (whenScaled: Delete waits for the garbage collector to remove it)");
                    return {true, Error()};
                }
            }
            Error err = pc_.CreateStatefulPod(set_, pod);
            if (err) {
                Wait(name() + " not created: " + err.message());
                return {true, err};
            }
            Act("created " + name() + " at revision " + GetPodRevision(pod));
            if (monotonic_) {
                Wait("OrderedReady creates one pod per sync and waits for it to be Running and Ready");
                return {true, Error()};
            }
        }
        // (Asked here, not inside: every pending pod comes by at every sync.)
        if (IsPending(s) && !set_.spec.volume_claim_templates.empty()) {
            if (Error err = pc_.CreateMissingPersistentVolumeClaims(set_, pod, s.ordinal)) {
                Wait("missing claims of pending " + name() + " not created: " + err.message());
                return {true, err};
            }
        }
        if (IsTerminating(s) && monotonic_) {
            Wait("waiting for " + name() + " to terminate (OrderedReady recreates it only once it is gone)");
            return {true, Error()};
        }
        if (monotonic_ && !IsRunningAndReady(s)) {
            Wait(Blocked(i, "Running and Ready"));
            return {true, Error()};
        }
        if (monotonic_ && !IsRunningAndAvailable(s, min_ready_, now_)) {
            Wait(Blocked(i, "Available"));
            return {true, Error()};
        }
        bool retention_match = true;
        // A set without claim templates has no claims to match (the policy check loops over none).
        if (ctl_.gates_.stateful_set_auto_delete_pvc && !update_set_.spec.volume_claim_templates.empty()) {
            auto [match, err] = pc_.ClaimsMatchRetentionPolicy(update_set_, pod);
            // An error is expected while the pod is not fully set up; treat it as a match.
            retention_match = err ? true : match;
        }
        if (replica.facts->identity_matches && replica.facts->storage_matches && retention_match)
            return {false, Error()};
        Error err = pc_.UpdateStatefulPod(update_set_, pod);
        if (err) {
            Wait(name() + " not brought in line with the set: " + err.message());
            return {true, err};
        }
        Act("updated " + name() + " in place (identity, storage or claim owner references)");
        return {false, Error()};
    }

    Step FixCondemnedClaims(size_t i) {
        const k8s::Pod& pod = *condemned[i].pod;
        auto [match, err] = pc_.ClaimsMatchRetentionPolicy(update_set_, pod);
        if (err) return {true, err};
        if (!match) {
            if (Error uerr = pc_.UpdatePodClaimForRetentionPolicy(update_set_, pod)) return {true, uerr};
            Act("set claim owner references of " + pod.metadata.name + " for the retention policy");
        }
        return {false, Error()};
    }

    Step ProcessCondemned(size_t i) {
        const k8s::Pod& pod = *condemned[i].pod;
        const k8s::PodSummary& s = condemned[i].facts->summary;
        const std::string& name = pod.metadata.name;
        if (IsTerminating(s)) {
            if (monotonic_) {
                Wait(i + 1 < condemned.size()
                         ? condemned[i + 1].pod->metadata.name + " not deleted: " + name +
                               " is still terminating (OrderedReady scale-down removes one pod at a time, "
                               "highest ordinal first, each once the one above is gone)"
                         : "waiting for " + name + " to terminate (scale-down)");
                return {true, Error()};
            }
            return {false, Error()};
        }
        if (monotonic_ && &pod != first_unhealthy) {
            if (!IsRunningAndReady(s)) {
                Wait(name + " not deleted: it is " + DescribePodState(pod, min_ready_, now_) +
                     " and only the first unhealthy pod (" + first_unhealthy->metadata.name +
                     ") may be removed (OrderedReady scale-down)");
                return {true, Error()};
            }
            if (!IsRunningAndAvailable(s, min_ready_, now_)) {
                Wait(name + " not deleted: it is " + DescribePodState(pod, min_ready_, now_) +
                     (first_unhealthy ? " and only the first unhealthy pod (" + first_unhealthy->metadata.name +
                                            ") may be removed (OrderedReady scale-down)"
                                      : std::string(" (OrderedReady scale-down waits for it; 1.33 counts Ready "
                                                    "pods as healthy, so it is not the first unhealthy pod)")));
                return {true, Error()};
            }
        }
        Error err = pc_.DeleteStatefulPod(set_, pod);
        if (err) {
            Wait(name + " not deleted for scale-down: " + err.message());
        } else {
            Act("deleted " + name + " (scale down)");
            if (monotonic_) Wait("OrderedReady removes one pod per sync, highest ordinal first");
        }
        return {true, err};
    }

    // Runs fn over the list: sequentially with early exit (OrderedReady) or in slow-start
    // batches ignoring exits (Parallel). Returns {should exit, error}.
    template <class Fn>
    Step RunForAll(size_t count, Fn fn) {
        if (monotonic_) {
            for (size_t i = 0; i < count; ++i) {
                Step s = fn(i);
                if (s.exit || s.err) return {true, s.err};
            }
            return {false, Error()};
        }
        Error err = SlowStartBatch(1, static_cast<int>(count), [&](int i) { return fn(static_cast<size_t>(i)).err; });
        return {static_cast<bool>(err), err};
    }

    // Phase E with the MaxUnavailableStatefulSet gate off: one pod at a time, highest first.
    Error RollingUpdate(k8s::StatefulSetStatus& status) {
        const int update_min = set_.spec.update_strategy.rolling_update ? GetPartition(set_) : 0;
        for (int target = static_cast<int>(replicas.size()) - 1; target >= update_min; --target) {
            const SetPod& replica = Replica(static_cast<size_t>(target));
            const k8s::PodSummary& s = replica.facts->summary;
            if (!HasPodRevision(s, update_revision_) && !IsTerminating(s)) {
                const std::string& name = replica.pod->metadata.name;
                Error err = pc_.DeleteStatefulPod(set_, *replica.pod);
                if (err && !err.IsNotFound()) {
                    Wait(name + " not deleted for update: " + err.message());
                    return err;
                }
                --status.current_replicas;
                Act("deleted " + name + " to update it to " + update_name_);
                Wait("the rolling update replaces one pod at a time, highest ordinal first");
                return err;
            }
            if (!IsHealthy(s)) {
                const k8s::Pod& pod = *replica.pod;
                const int next = NextOutdated(target - 1, update_min);
                Wait(next >= 0 ? Replica(static_cast<size_t>(next)).pod->metadata.name + " not updated: " +
                                     pod.metadata.name + " is " + DescribePodState(pod, min_ready_, now_) +
                                     " (the rolling update replaces one pod at a time, highest ordinal first, and "
                                     "waits for each to be Running and Ready)"
                               : "waiting for " + pod.metadata.name + ", the last pod updated, to be Running and "
                                 "Ready: it is " + DescribePodState(pod, min_ready_, now_));
                return Error();
            }
        }
        ExplainPartition(update_min);
        return Error();
    }

    // Phase E with MaxUnavailableStatefulSet on (1.33: stops when unavailable >= maxUnavailable).
    Error RollingUpdateWithMaxUnavailable(k8s::StatefulSetStatus& status) {
        int update_min = 0;
        int max_unavailable = 1;
        if (const auto& ru = set_.spec.update_strategy.rolling_update) {
            update_min = GetPartition(set_);
            max_unavailable = GetStatefulSetMaxUnavailable(ru->max_unavailable, GetReplicas(set_));
        }
        int unavailable = 0;
        for (const SetPod& replica : replicas)
            if (!replica.pod || !IsHealthy(replica.facts->summary)) ++unavailable;
        if (unavailable >= max_unavailable) {
            if (HasOutdated(update_min))
                Wait("update waits: " + std::to_string(unavailable) + " pods are unavailable and maxUnavailable is " +
                     std::to_string(max_unavailable));
            return Error();
        }
        const int to_delete = max_unavailable - unavailable;
        int deleted = 0;
        for (int target = static_cast<int>(replicas.size()) - 1; target >= update_min && deleted < to_delete;
             --target) {
            const SetPod& replica = Replica(static_cast<size_t>(target));
            const k8s::PodSummary& s = replica.facts->summary;
            if (!HasPodRevision(s, update_revision_) && !IsTerminating(s)) {
                const std::string& name = replica.pod->metadata.name;
                Error err = pc_.DeleteStatefulPod(set_, *replica.pod);
                if (err && !err.IsNotFound()) {
                    Wait(name + " not deleted for update: " + err.message());
                    return err;
                }
                ++deleted;
                --status.current_replicas;
                Act("deleted " + name + " to update it to " + update_name_);
            }
        }
        if (deleted > 0)
            Wait("maxUnavailable " + std::to_string(max_unavailable) + " allows " + std::to_string(to_delete) +
                 " more unavailable pod(s) now");
        ExplainPartition(update_min);
        return Error();
    }

    void ExplainOnDelete() {
        for (const SetPod& replica : replicas) {
            if (Outdated(replica))
                Wait(replica.pod->metadata.name + " not updated: updateStrategy is OnDelete (delete the pod to update it)");
        }
    }

    void Act(std::string text) { Note(why_, &SyncExplanation::actions, std::move(text)); }
    void Wait(std::string text) { Note(why_, &SyncExplanation::reasons, std::move(text)); }

private:
    // A pod built by this sync for a missing replica, with its facts.
    struct Built {
        PodPtr pod;
        PodFacts facts;
    };

    // Created and not at the update revision.
    bool Outdated(const SetPod& replica) const {
        return replica.pod && IsCreated(replica.facts->summary) && !HasPodRevision(replica.facts->summary, update_revision_);
    }

    // The explanation of an OrderedReady stop at replica i (not `condition`): what it holds back,
    // in the order the sync would have got to it (creation, scale-down, rolling update).
    std::string Blocked(size_t i, const std::string& condition) {
        const k8s::Pod& pod = *Replica(i).pod;
        const std::string& name = pod.metadata.name;
        const std::string state = name + " is " + DescribePodState(pod, min_ready_, now_);
        for (size_t j = i + 1; j < replicas.size(); ++j)
            if (!replicas[j].pod || !IsCreated(replicas[j].facts->summary))
                return Replica(j).pod->metadata.name + " not created: " + state + " (OrderedReady waits for every lower "
                       "ordinal to be " + condition + ")";
        if (!condemned.empty())
            return condemned.front().pod->metadata.name + " not deleted: " + state + " (OrderedReady scales down only "
                   "when every pod in range is " + condition + ")";
        const bool rolling = set_.spec.update_strategy.type != "OnDelete";
        const int update_min = set_.spec.update_strategy.rolling_update ? GetPartition(set_) : 0;
        const int next = rolling ? NextOutdated(static_cast<int>(replicas.size()) - 1, update_min) : -1;
        if (next == static_cast<int>(i))
            return name + " not replaced: it is " + DescribePodState(pod, min_ready_, now_) +
                   " at revision " + GetPodRevision(pod) + ", and OrderedReady updates nothing until every "
                   "pod is " + condition + " (delete " + name + " to recreate it at " + update_name_ + ")";
        if (next >= 0)
            return Replica(static_cast<size_t>(next)).pod->metadata.name + " not updated: " + state + " (the rolling update waits for every "
                   "pod to be " + condition + ")";
        return "waiting for " + name + " to be " + condition + ": it is " + DescribePodState(pod, min_ready_, now_);
    }

    // The highest replica index in [from_min, from] not at the update revision, or -1.
    int NextOutdated(int from, int from_min) const {
        for (int j = std::min(from, static_cast<int>(replicas.size()) - 1); j >= std::max(from_min, 0); --j)
            if (Outdated(replicas[j]) && !IsTerminating(replicas[j].facts->summary)) return j;
        return -1;
    }

    bool HasOutdated(int from) const {
        for (size_t j = static_cast<size_t>(std::max(from, 0)); j < replicas.size(); ++j)
            if (Outdated(replicas[j])) return true;
        return false;
    }

    void ExplainPartition(int update_min) {
        for (int k = 0; k < update_min && k < static_cast<int>(replicas.size()); ++k) {
            if (Outdated(replicas[k]))
                Wait(replicas[k].pod->metadata.name + " not updated: partition is " + std::to_string(update_min));
        }
    }

    StatefulSetControl& ctl_;
    StatefulPodControl& pc_;
    const k8s::StatefulSet& set_;
    const k8s::StatefulSet& current_set_;
    const k8s::StatefulSet& update_set_;
    const std::string& current_name_;
    const std::string& update_name_;
    const k8s::RevisionName update_revision_;  // update_name_, prepared for comparing with every pod's
    Time now_;
    SyncExplanation* why_;
    int32_t min_ready_;
    bool monotonic_;
    std::deque<Built> built_;  // a deque: replicas point at the facts, which must not move
};

// ---------------------------------------------------------------------------------------------
// [SECTION] UpdateStatefulSet, revisions, status, history

StatefulSetControl::StatefulSetControl(ObjectManager& om, engine::EventRecorder& recorder,
                                       const engine::FeatureGates& gates)
    : om_(&om), pod_control_(om, recorder, gates), history_(om), gates_(gates) {}

void StatefulSetControl::SetObjectManager(ObjectManager& om) {
    om_ = &om;
    pod_control_.SetObjectManager(om);
    history_.SetObjectManager(om);
}

std::vector<RevisionPtr> StatefulSetControl::ListRevisions(const k8s::StatefulSet& set, Error* err) {
    k8s::Selector selector;
    std::string message;
    if (!set.spec.selector || !k8s::SelectorFromLabelSelector(*set.spec.selector, &selector, &message)) {
        *err = Error::Message(message.empty() ? "nil selector" : message);
        return {};
    }
    *err = Error();
    return history_.ListControllerRevisions(set, selector);
}

Error StatefulSetControl::AdoptOrphanRevisions(const k8s::StatefulSet& set, const std::vector<RevisionPtr>& revisions) {
    for (const auto& r : revisions) {
        auto adopted = history_.AdoptControllerRevision(set, *r);
        if (adopted.err) return adopted.err;
    }
    return Error();
}

const StatefulSetControl::Candidate& StatefulSetControl::CandidateFor(const k8s::StatefulSet& set,
                                                                      int32_t collision_count) {
    for (const Candidate& c : candidates_)
        if (c.collision_count == collision_count && c.tmpl == set.spec.template_) return c;
    Candidate c;
    c.tmpl = set.spec.template_;
    c.collision_count = collision_count;
    c.data = GetPatch(set);
    c.hash = HashControllerRevision(c.data, collision_count);
    if (candidates_.size() == kMemoSize) candidates_.pop_back();
    candidates_.push_front(std::move(c));
    return candidates_.front();
}

bool StatefulSetControl::ApplyRevisionMemo(const k8s::StatefulSet& set, const RevisionPtr& revision,
                                           k8s::StatefulSet* out, Error* err) {
    const k8s::PodTemplateSpec* tmpl = nullptr;
    for (const auto& [held, decoded] : decoded_)
        if (held == revision) tmpl = &decoded;
    if (!tmpl) {
        k8s::PodTemplateSpec decoded;
        if (!DecodeRevisionTemplate(*revision, &decoded, err)) return false;
        if (decoded_.size() == kMemoSize) decoded_.pop_back();
        decoded_.emplace_front(revision, std::move(decoded));
        tmpl = &decoded_.front().second;
    }
    *out = set;
    out->spec.template_ = *tmpl;
    return true;
}

StatefulSetControl::Revisions StatefulSetControl::GetStatefulSetRevisions(const k8s::StatefulSet& set,
                                                                          std::vector<RevisionPtr> revisions) {
    Revisions out;
    SortControllerRevisions(revisions);
    out.collision_count = set.status.collision_count.value_or(0);
    const Candidate& memo = CandidateFor(set, out.collision_count);
    const k8s::ControllerRevision candidate = NewRevision(set, NextRevision(revisions), memo.data, memo.hash);
    const auto equal = FindEqualRevisions(revisions, candidate);
    if (!equal.empty() && EqualRevision(revisions.back().get(), equal.back().get())) {
        out.update = revisions.back();  // the template has not changed
    } else if (!equal.empty()) {
        // Rollback: the earlier revision is reused under its name with the next number.
        auto updated = history_.UpdateControllerRevision(*equal.back(), candidate.revision);
        if (updated.err) {
            out.err = updated.err;
            return out;
        }
        out.update = updated.obj;
    } else {
        auto created = history_.CreateControllerRevision(set, candidate, &out.collision_count);
        if (created.err) {
            out.err = created.err;
            return out;
        }
        out.update = created.obj;
    }
    for (const auto& r : revisions) {
        if (r->metadata.name == set.status.current_revision) {
            out.current = r;
            break;
        }
    }
    if (!out.current) out.current = out.update;
    return out;
}

Error StatefulSetControl::UpdateStatefulSetStatus(const k8s::StatefulSet& set, k8s::StatefulSetStatus& status) {
    CompleteRollingUpdate(set, status);
    if (!InconsistentStatus(set, status)) return Error();
    // retry.RetryOnConflict(DefaultRetry): five attempts, re-reading the set from the cache.
    k8s::StatefulSet copy = set;
    Error err;
    for (int attempt = 0; attempt < 5; ++attempt) {
        copy.status = status;
        err = om_->UpdateStatefulSetStatus(copy);
        if (!err) return err;
        if (auto fresh = om_->GetStatefulSet(set.metadata.namespace_, set.metadata.name); fresh.obj) copy = *fresh.obj;
        if (!err.IsConflict()) return err;
    }
    return err;
}

Error StatefulSetControl::TruncateHistory(const k8s::StatefulSet& set, const std::vector<SetPod>& pods,
                                          const std::vector<RevisionPtr>& revisions, const RevisionPtr& current,
                                          const RevisionPtr& update, SyncExplanation* why) {
    const int limit = set.spec.revision_history_limit.value_or(10);
    // The history is every revision but the live ones, and the current and update revisions are
    // always live: when the others fit within the limit, no pod's revision can change the answer,
    // and the walk over the pods below is skipped (it is most syncs, and at thousands of pods
    // a walk costs as much as the rest of the sync's status work).
    if (limit < 0) return Error();
    auto is_named = [](const RevisionPtr& a, const RevisionPtr& b) { return b && a->metadata.name == b->metadata.name; };
    size_t others = 0;
    for (const auto& r : revisions) others += is_named(r, current) || is_named(r, update) ? 0 : 1;
    if (others <= static_cast<size_t>(limit)) return Error();
    // The revisions in use; pods share a handful of them, so a short list beats a set.
    std::vector<std::string_view> live;
    std::vector<k8s::RevisionName> live_prepared;  // the same names, prepared for comparing
    auto add_live = [&](std::string_view name) {
        if (std::find(live.begin(), live.end(), name) != live.end()) return;
        live.push_back(name);
        live_prepared.emplace_back(name);
    };
    if (current) add_live(current->metadata.name);
    if (update) add_live(update->metadata.name);
    for (const SetPod& pod : pods) {
        bool known = false;
        for (const k8s::RevisionName& name : live_prepared) known = known || pod.facts->summary.RevisionIs(name);
        if (!known) add_live(GetPodRevision(*pod.pod));
    }
    std::vector<RevisionPtr> history;
    for (const auto& r : revisions)
        if (std::find(live.begin(), live.end(), r->metadata.name) == live.end()) history.push_back(r);
    if (static_cast<int>(history.size()) <= limit) return Error();
    const size_t excess = history.size() - static_cast<size_t>(limit);
    for (size_t i = 0; i < excess; ++i) {
        if (Error err = history_.DeleteControllerRevision(*history[i])) return err;
        Note(why, &SyncExplanation::actions,
             "deleted ControllerRevision " + history[i]->metadata.name + " (revisionHistoryLimit " +
                 std::to_string(limit) + ")");
    }
    return Error();
}

PodFacts FactsOf(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    PodFacts facts;
    facts.summary = pod.Summary();
    facts.identity_matches = IdentityMatches(set, pod);
    facts.storage_matches = StorageMatches(set, pod);
    return facts;
}

StatefulSetControl::Result StatefulSetControl::UpdateStatefulSet(const k8s::StatefulSet& set,
                                                                 const std::vector<PodPtr>& pods, Time now,
                                                                 SyncExplanation* why) {
    std::vector<PodFacts> facts;
    facts.reserve(pods.size());
    std::vector<SetPod> set_pods;
    set_pods.reserve(pods.size());
    for (const PodPtr& pod : pods) {
        facts.push_back(FactsOf(set, *pod));
        set_pods.push_back({pod.get(), &facts.back()});
    }
    return UpdateStatefulSet(set, set_pods, now, why);
}

StatefulSetControl::Result StatefulSetControl::UpdateStatefulSet(const k8s::StatefulSet& set,
                                                                 const std::vector<SetPod>& pods, Time now,
                                                                 SyncExplanation* why) {
    return Reconcile(set, nullptr, [&]() -> const std::vector<SetPod>& { return pods; }, now, why);
}

StatefulSetControl::Result StatefulSetControl::UpdateSteadyStatefulSet(const k8s::StatefulSet& set,
                                                                       const SteadyReplicas& steady,
                                                                       const PodLister& list_pods, Time now,
                                                                       SyncExplanation* why) {
    return Reconcile(set, &steady, list_pods, now, why);
}

bool StatefulSetControl::AllowsSteadyPass(const k8s::StatefulSet& set) const {
    return !set.metadata.deletion_timestamp && set.spec.update_strategy.type != "OnDelete" &&
           !gates_.max_unavailable_stateful_set && set.spec.min_ready_seconds == 0 &&
           set.spec.volume_claim_templates.empty();
}

StatefulSetControl::Result StatefulSetControl::Reconcile(const k8s::StatefulSet& set, const SteadyReplicas* steady,
                                                         const PodLister& list_pods, Time now, SyncExplanation* why) {
    Result result;
    // Listed only by a pass that reads every pod.
    const std::vector<SetPod>* listed = nullptr;
    bool steady_pass = false;
    auto claimed = [&]() -> const std::vector<SetPod>& {
        if (!listed) listed = &list_pods();
        return *listed;
    };
    Error list_err;
    std::vector<RevisionPtr> revisions = ListRevisions(set, &list_err);
    if (list_err) {
        result.err = list_err;
        return result;
    }
    SortControllerRevisions(revisions);

    // performUpdate
    Revisions revs = GetStatefulSetRevisions(set, revisions);
    Error err = revs.err;
    std::optional<k8s::StatefulSetStatus> status;
    if (!err) {
        if (why) {
            why->current_revision = revs.current->metadata.name;
            why->update_revision = revs.update->metadata.name;
        }
        k8s::StatefulSet current_set, update_set;
        if (!ApplyRevisionMemo(set, revs.current, &current_set, &err) ||
            !ApplyRevisionMemo(set, revs.update, &update_set, &err)) {
            // No status without both templates.
        } else {
            const std::string& current_name = revs.current->metadata.name;
            const std::string& update_name = revs.update->metadata.name;
            k8s::StatefulSetStatus st;
            st.observed_generation = set.metadata.generation;
            st.current_revision = current_name;
            st.update_revision = update_name;
            st.collision_count = revs.collision_count;
            const int32_t min_ready = set.spec.min_ready_seconds;
            Sync sync(*this, set, current_set, update_set, current_name, update_name, now, why);
            steady_pass = steady && current_name == update_name && steady->revision == current_name &&
                          steady->count == GetReplicas(set) && AllowsSteadyPass(set);
            if (steady_pass) {
                // Every replica exists at the one revision and is in line with the set, nothing is
                // condemned, and there are no claims: processReplica has nothing to do for any pod
                // but to stop at the first one not Running and Ready (OrderedReady), and the
                // rolling update has nothing to replace, only the highest unhealthy pod at or
                // above the partition to wait for.
                st.replicas = st.current_replicas = st.updated_replicas = steady->count;
                st.ready_replicas = st.available_replicas = steady->ready;  // no minReadySeconds
                const bool monotonic = !AllowsBurst(set);
                if (monotonic && steady->first_not_ready) {
                    const k8s::Pod& pod = *steady->first_not_ready;
                    sync.Wait("waiting for " + pod.metadata.name + " to be Running and Ready: it is " +
                              DescribePodState(pod, min_ready, now));
                } else if (steady->last_not_ready) {
                    const k8s::Pod& pod = *steady->last_not_ready;
                    sync.Wait("waiting for " + pod.metadata.name + ", the last pod updated, to be Running and "
                              "Ready: it is " + DescribePodState(pod, min_ready, now));
                }
                status = st;
            } else {
                const std::vector<SetPod>& pods = claimed();
                const int start = GetStartOrdinal(set);
                const int end = GetEndOrdinal(set);
                sync.replicas.assign(static_cast<size_t>(std::max(GetReplicas(set), 0)), SetPod{});
                // One pass, as upstream's: the status of what exists, and each pod to its place.
                UpdateStatus(st, min_ready, now, current_name, update_name, {});
                const k8s::RevisionName current_revision(current_name), update_revision(update_name);
                const bool same_names = current_name == update_name;
                size_t placed = 0;  // pods now in a replica slot or condemned
                for (const SetPod& pod : pods) {
                    const k8s::PodSummary& s = pod.facts->summary;
                    AddPodStatus(st, s, min_ready, now, current_revision, update_revision, same_names);
                    if (s.ordinal >= start && s.ordinal <= end) {  // PodInOrdinalRange
                        SetPod& slot = sync.replicas[static_cast<size_t>(s.ordinal - start)];
                        // Two names can read as one ordinal ("web-1", "web-01"): the later one wins.
                        if (!slot.pod) ++placed;
                        slot = pod;
                    } else if (s.ordinal >= 0) {
                        sync.condemned.push_back(pod);
                        ++placed;
                    }
                    // A pod whose name does not parse is ignored entirely.
                }
                // updateStatus counts the replicas and the condemned again once the pass is over. The
                // pass changes no pod it holds and the pods it builds are not created, so the count
                // comes out as above unless some pod has no place in either list.
                const bool recount = placed != pods.size();
                std::stable_sort(sync.condemned.begin(), sync.condemned.end(), [](const SetPod& a, const SetPod& b) {
                    return a.facts->summary.ordinal > b.facts->summary.ordinal;
                });
                for (size_t i = 0; i < sync.replicas.size(); ++i) {
                    if (!sync.replicas[i].pod || !IsHealthy(sync.replicas[i].facts->summary)) {
                        sync.first_unhealthy = sync.Replica(i).pod;
                        break;
                    }
                }
                if (!sync.first_unhealthy) {
                    for (auto it = sync.condemned.rbegin(); it != sync.condemned.rend(); ++it) {
                        if (!IsHealthy(it->facts->summary)) {
                            sync.first_unhealthy = it->pod;
                            break;
                        }
                    }
                }

                auto finish = [&](Error e) {
                    if (recount)
                        UpdateStatus(st, min_ready, now, current_name, update_name, {&sync.replicas, &sync.condemned});
                    return e;
                };
                if (set.metadata.deletion_timestamp) {
                    sync.Wait("the StatefulSet is being deleted: only its status is updated");
                } else {
                    Step step = sync.RunForAll(sync.replicas.size(), [&](size_t i) { return sync.ProcessReplica(i); });
                    if (step.exit || step.err) {
                        err = finish(step.err);
                    } else {
                        if (gates_.stateful_set_auto_delete_pvc)
                            step = sync.RunForAll(sync.condemned.size(),
                                                  [&](size_t i) { return sync.FixCondemnedClaims(i); });
                        if (step.exit || step.err) {
                            err = finish(step.err);
                        } else {
                            step = sync.RunForAll(sync.condemned.size(),
                                                  [&](size_t i) { return sync.ProcessCondemned(i); });
                            if (step.exit || step.err) {
                                err = finish(step.err);
                            } else {
                                finish(Error());
                                if (set.spec.update_strategy.type == "OnDelete") {
                                    sync.ExplainOnDelete();
                                } else if (gates_.max_unavailable_stateful_set) {
                                    err = sync.RollingUpdateWithMaxUnavailable(st);
                                } else {
                                    err = sync.RollingUpdate(st);
                                }
                            }
                        }
                    }
                }
                status = st;
            }
        }
    }
    if (why && status && !err && why->actions.empty() && why->reasons.empty()) {
        const int32_t replicas = GetReplicas(set);
        const bool all = status->ready_replicas == replicas && status->updated_replicas == replicas &&
                         status->replicas == replicas;
        why->reasons.push_back(
            (all ? "in sync: " : "nothing to do: ") + std::to_string(status->ready_replicas) + " of " +
            std::to_string(replicas) + " pods Ready, " + std::to_string(status->updated_replicas) +
            " at update revision " + status->update_revision +
            (status->current_revision != status->update_revision
                 ? " (current revision " + status->current_revision + ")"
                 : std::string()));
    }
    // performUpdate: write the status even when the pass failed, if it produced one.
    if (status) {
        Error status_err = UpdateStatefulSetStatus(set, *status);
        if (!err) err = status_err;
        if (status_err && why) why->reasons.push_back("status not written: " + status_err.message());
    }
    // A steady set's pods are all at the revision that is both current and update, which
    // truncation keeps anyway.
    static const std::vector<SetPod> kNoPods;
    Error trunc_err = TruncateHistory(set, steady_pass ? kNoPods : claimed(), revisions, revs.current, revs.update, why);
    if (err) {
        result.err = Error::Aggregate({err, trunc_err});
        if (why) why->error = result.err.message();
        return result;
    }
    result.status = status;
    result.err = trunc_err;
    if (why && trunc_err) why->error = trunc_err.message();
    return result;
}

}  // namespace sts::controllers::statefulset
