// Test harness for the StatefulSet controller, in the shape of upstream's
// stateful_set_control_test.go: a real (simulated) API server, an object manager that counts
// requests and fails chosen ones, a hand-driven "kubelet" (Pending -> Running -> Ready,
// failures, terminations), the invariant checks (I-Mono, I-Burst, I-Update of the reference's
// §7) and the drivers that run one sync per kubelet step while checking them.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apiserver/api_server.h"
#include "controllers/statefulset/set_control.h"
#include "controllers/statefulset/statefulset_controller.h"
#include "core/rng.h"
#include "engine/context.h"
#include "engine/event_recorder.h"
#include "engine/scheduler.h"
#include "k8s/labels.h"

namespace sts::controllers::statefulset::testing {

// ---------------------------------------------------------------------------------------------
// Retention policies and pod management policies the scenarios run over.

enum class Policy { kRetain, kSetDeleteOnly, kScaleDownOnly, kDelete, kNullPolicy };
enum class Mode { kMonotonic, kBurst };

inline const char* PolicyName(Policy p) {
    switch (p) {
        case Policy::kRetain: return "Retain";
        case Policy::kSetDeleteOnly: return "SetDeleteOnly";
        case Policy::kScaleDownOnly: return "ScaleDownOnly";
        case Policy::kDelete: return "Delete";
        case Policy::kNullPolicy: return "NullPolicy";
    }
    return "?";
}

inline std::optional<k8s::StatefulSetPersistentVolumeClaimRetentionPolicy> PolicyValue(Policy p) {
    k8s::StatefulSetPersistentVolumeClaimRetentionPolicy v;
    switch (p) {
        case Policy::kRetain: v = {"Retain", "Retain"}; break;
        case Policy::kSetDeleteOnly: v = {"Delete", "Retain"}; break;  // {whenDeleted, whenScaled}
        case Policy::kScaleDownOnly: v = {"Retain", "Delete"}; break;
        case Policy::kDelete: v = {"Delete", "Delete"}; break;
        case Policy::kNullPolicy: return std::nullopt;
    }
    return v;
}

// The upstream fixture newStatefulSet(n): "foo" in "default", selector foo=bar, container nginx,
// a "datadir" claim template mounted at /tmp/zookeeper and a hostPath "home" volume, service
// "governingsvc", RollingUpdate, revisionHistoryLimit 2.
inline k8s::StatefulSet NewStatefulSet(int replicas, const std::string& name = "foo") {
    k8s::StatefulSet set;
    set.metadata.name = name;
    set.metadata.namespace_ = "default";
    set.spec.replicas = replicas;
    k8s::LabelSelector selector;
    selector.match_labels = {{"foo", "bar"}};
    set.spec.selector = selector;
    set.spec.template_.metadata.labels = {{"foo", "bar"}};
    k8s::Container c;
    c.name = "nginx";
    c.image = "nginx";
    k8s::VolumeMount data;
    data.name = "datadir";
    data.mount_path = "/tmp/zookeeper";
    k8s::VolumeMount home;
    home.name = "home";
    home.mount_path = "/home";
    c.volume_mounts = {data, home};
    set.spec.template_.spec.containers.push_back(c);
    k8s::Volume home_volume;
    home_volume.name = "home";
    home_volume.host_path = k8s::HostPathVolumeSource{"/tmp/home", std::nullopt};
    set.spec.template_.spec.volumes.push_back(home_volume);
    k8s::PersistentVolumeClaimTemplate vct;
    vct.metadata.name = "datadir";
    vct.spec.access_modes = {"ReadWriteOnce"};
    vct.spec.resources.requests = {{"storage", "1"}};
    set.spec.volume_claim_templates.push_back(vct);
    set.spec.service_name = "governingsvc";
    set.spec.update_strategy.type = "RollingUpdate";
    set.spec.revision_history_limit = 2;
    return set;
}

// ---------------------------------------------------------------------------------------------
// Fault injection: requestTracker and fakeObjectManager.

struct RequestTracker {
    int requests = 0;
    Error err;      // injected once, when requests exceeds `after`
    int after = 0;
    Error Inc() {
        ++requests;
        if (err && requests > after) {
            Error out = err;
            err = Error();
            return out;
        }
        return Error();
    }
};

inline Error InternalError(const std::string& what = "API server failed") {
    return Error::Message("Internal error occurred: " + what, "InternalError");
}

class FakeObjectManager final : public ObjectManager {
public:
    explicit FakeObjectManager(ObjectManager& inner) : inner_(inner) {}

    RequestTracker create_pod, update_pod, delete_pod, create_claim, update_claim, update_status, delete_revision;
    // Cached reads that fail (a lister error other than NotFound).
    RequestTracker get_claim;
    // Replaces the uncached StatefulSet read: lets the API disagree with the cache.
    std::function<Fetched<k8s::StatefulSet>(const std::string& ns, const std::string& name)> uncached_set;

    Error CreatePod(const k8s::Pod& pod) override { return Fail(create_pod, [&] { return inner_.CreatePod(pod); }); }
    Fetched<k8s::Pod> GetPod(const std::string& ns, const std::string& name) override {
        return inner_.GetPod(ns, name);
    }
    Error UpdatePod(const k8s::Pod& pod) override { return Fail(update_pod, [&] { return inner_.UpdatePod(pod); }); }
    Error DeletePod(const k8s::Pod& pod) override { return Fail(delete_pod, [&] { return inner_.DeletePod(pod); }); }
    Error AdoptPod(const k8s::Pod& pod, const k8s::OwnerReference& ref) override { return inner_.AdoptPod(pod, ref); }
    Error ReleasePod(const k8s::Pod& pod, const std::string& uid) override { return inner_.ReleasePod(pod, uid); }
    Error CreateClaim(const k8s::PersistentVolumeClaim& c) override {
        return Fail(create_claim, [&] { return inner_.CreateClaim(c); });
    }
    Fetched<k8s::PersistentVolumeClaim> GetClaim(const std::string& ns, const std::string& name) override {
        if (Error e = get_claim.Inc()) return {nullptr, e};
        return inner_.GetClaim(ns, name);
    }
    Error UpdateClaim(const k8s::PersistentVolumeClaim& c) override {
        return Fail(update_claim, [&] { return inner_.UpdateClaim(c); });
    }
    Fetched<k8s::StatefulSet> GetStatefulSetUncached(const std::string& ns, const std::string& name) override {
        if (uncached_set) return uncached_set(ns, name);
        return inner_.GetStatefulSetUncached(ns, name);
    }
    Fetched<k8s::StatefulSet> GetStatefulSet(const std::string& ns, const std::string& name) override {
        return inner_.GetStatefulSet(ns, name);
    }
    Error UpdateStatefulSetStatus(const k8s::StatefulSet& set) override {
        return Fail(update_status, [&] { return inner_.UpdateStatefulSetStatus(set); });
    }
    std::vector<RevisionPtr> ListRevisions(const std::string& ns) override { return inner_.ListRevisions(ns); }
    Fetched<k8s::ControllerRevision> CreateRevision(const k8s::ControllerRevision& r) override {
        return inner_.CreateRevision(r);
    }
    Fetched<k8s::ControllerRevision> GetRevisionUncached(const std::string& ns, const std::string& n) override {
        return inner_.GetRevisionUncached(ns, n);
    }
    Fetched<k8s::ControllerRevision> UpdateRevision(const k8s::ControllerRevision& r) override {
        return inner_.UpdateRevision(r);
    }
    Error DeleteRevision(const k8s::ControllerRevision& r) override {
        return Fail(delete_revision, [&] { return inner_.DeleteRevision(r); });
    }
    Fetched<k8s::ControllerRevision> AdoptRevision(const k8s::ControllerRevision& r,
                                                 const k8s::OwnerReference& ref) override {
        return inner_.AdoptRevision(r, ref);
    }
    uint64_t Calls() const override { return inner_.Calls(); }

private:
    template <class F>
    Error Fail(RequestTracker& t, F&& real) {
        if (Error e = t.Inc()) return e;
        return real();
    }
    ObjectManager& inner_;
};

// ---------------------------------------------------------------------------------------------
// The cluster under the controller: a scheduler clock, an API server with the "default"
// namespace and one node, an event recorder, feature gates.

class SchedulerClock final : public apiserver::Clock {
public:
    explicit SchedulerClock(const engine::Scheduler& s) : s_(s) {}
    Time Now() const override { return s_.Now(); }

private:
    const engine::Scheduler& s_;
};

class Env {
public:
    explicit Env(uint64_t seed = 1) : api(clock, seed), recorder(api), ctx{api, scheduler, recorder, gates, seed} {
        k8s::Namespace ns;
        ns.metadata.name = "default";
        api.namespaces().Create(ns);
        k8s::Node node;
        node.metadata.name = "node-1";
        api.nodes().Create(node);
    }
    Env(const Env&) = delete;
    Env& operator=(const Env&) = delete;

    engine::Scheduler scheduler{kSimulationEpoch};
    SchedulerClock clock{scheduler};
    apiserver::ApiServer api;
    engine::EventRecorder recorder;
    engine::FeatureGates gates;
    engine::Context ctx;

    Time Now() const { return scheduler.Now(); }

    // ---- Objects ----------------------------------------------------------------------------
    std::shared_ptr<const k8s::StatefulSet> Set(const std::string& name = "foo") const {
        return api.statefulsets().Get("default", name);
    }
    std::shared_ptr<const k8s::StatefulSet> CreateSet(k8s::StatefulSet set) {
        auto r = api.statefulsets().Create(std::move(set));
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }
    // Applies `mutate` to the stored set's spec/metadata and writes it (validation applies).
    void UpdateSet(const std::function<void(k8s::StatefulSet&)>& mutate, const std::string& name = "foo") {
        k8s::StatefulSet copy = *Set(name);
        mutate(copy);
        auto r = api.statefulsets().Update(std::move(copy));
        ASSERT_TRUE(r.ok()) << r.error.message;
    }
    void SetReplicas(int n, const std::string& name = "foo") {
        UpdateSet([n](k8s::StatefulSet& s) { s.spec.replicas = n; }, name);
    }
    void SetImage(const std::string& image, const std::string& name = "foo") {
        UpdateSet([&](k8s::StatefulSet& s) { s.spec.template_.spec.containers[0].image = image; }, name);
    }

    // Pods matching set's selector, ascending by ordinal (ties by name).
    std::vector<PodPtr> Pods(const std::string& set_name = "foo") const {
        auto set = Set(set_name);
        std::vector<PodPtr> out;
        k8s::Selector selector;
        std::string err;
        if (!set || !k8s::SelectorFromLabelSelector(*set->spec.selector, &selector, &err)) return out;
        api.pods().ForEach("default", [&](const PodPtr& p) {
            if (selector.Matches(p->metadata.labels)) out.push_back(p);
        });
        std::stable_sort(out.begin(), out.end(), [](const PodPtr& a, const PodPtr& b) {
            return GetOrdinal(*a) < GetOrdinal(*b);
        });
        return out;
    }
    PodPtr Pod(int ordinal, const std::string& set_name = "foo") const {
        return api.pods().Get("default", set_name + "-" + std::to_string(ordinal));
    }
    std::shared_ptr<const k8s::PersistentVolumeClaim> Claim(int ordinal, const std::string& set_name = "foo") const {
        return api.pvcs().Get("default", "datadir-" + set_name + "-" + std::to_string(ordinal));
    }
    std::vector<RevisionPtr> Revisions() const {
        auto v = api.revisions().List("default");
        SortControllerRevisions(v);
        return v;
    }
    // Events recorded on the set, oldest first, as "Type Reason message".
    std::vector<std::string> Events() const {
        std::vector<std::string> out;
        for (const auto& e : api.events().List("default"))
            out.push_back(e->type + " " + e->reason + " " + e->message);
        return out;
    }

    // ---- The hand-driven kubelet --------------------------------------------------------------
    void UpdatePodStatus(const std::string& name, const std::function<void(k8s::Pod&)>& mutate) {
        auto cur = api.pods().Get("default", name);
        ASSERT_TRUE(cur) << name;
        k8s::Pod p = *cur;
        mutate(p);
        auto r = api.pods().UpdateStatus(std::move(p));
        ASSERT_TRUE(r.ok()) << r.error.message;
    }
    // Binds the pod to node-1 (so deletions are graceful) and makes it Running.
    void SetPodRunning(int ordinal, const std::string& set_name = "foo") {
        const std::string name = set_name + "-" + std::to_string(ordinal);
        auto cur = api.pods().Get("default", name);
        ASSERT_TRUE(cur) << name;
        if (cur->spec->node_name.empty()) {
            auto err = api.BindPod("default", name, "node-1");
            ASSERT_TRUE(err.ok()) << err.message;
        }
        UpdatePodStatus(name, [](k8s::Pod& p) { p.status.phase = "Running"; });
    }
    void SetReadyCondition(int ordinal, bool ready, Time transition, const std::string& set_name = "foo") {
        UpdatePodStatus(set_name + "-" + std::to_string(ordinal), [&](k8s::Pod& p) {
            for (auto& c : p.status.conditions) {
                if (c.type != "Ready") continue;
                c.status = ready ? "True" : "False";
                c.last_transition_time = k8s::Timestamp(transition);
                return;
            }
            k8s::PodCondition c;
            c.type = "Ready";
            c.status = ready ? "True" : "False";
            c.last_transition_time = k8s::Timestamp(transition);
            p.status.conditions.push_back(c);
        });
    }
    void SetPodReady(int ordinal, const std::string& set_name = "foo") { SetReadyCondition(ordinal, true, Now(), set_name); }
    void SetPodNotReady(int ordinal, const std::string& set_name = "foo") {
        SetReadyCondition(ordinal, false, Now(), set_name);
    }
    void SetPodPhase(int ordinal, const std::string& phase, const std::string& set_name = "foo") {
        UpdatePodStatus(set_name + "-" + std::to_string(ordinal), [&](k8s::Pod& p) { p.status.phase = phase; });
    }
    void RunAndReady(int ordinal, const std::string& set_name = "foo") {
        SetPodRunning(ordinal, set_name);
        SetPodReady(ordinal, set_name);
    }
    // The kubelet finished: the pod object goes away (force delete).
    void RemovePod(const std::string& name) {
        client::DeleteOptions opts;
        opts.grace_period_seconds = 0;
        api.pods().Delete("default", name, opts);
    }
    // Every pod with a deletionTimestamp goes away.
    void FinishTerminations() {
        std::vector<std::string> names;
        api.pods().ForEach("default", [&](const PodPtr& p) {
            if (p->metadata.IsTerminating()) names.push_back(p->metadata.name);
        });
        for (const auto& n : names) RemovePod(n);
    }
    // The garbage collector for claims owned by pods that no longer exist (what the GC does
    // for whenScaled: Delete). Claims carry pvc-protection, which the PV controller would lift.
    void CollectOrphanedClaims() {
        std::vector<std::string> names;
        api.pvcs().ForEach("default", [&](const std::shared_ptr<const k8s::PersistentVolumeClaim>& c) {
            for (const auto& ref : c->metadata.owner_references) {
                if (ref.kind != "Pod") continue;
                auto pod = api.pods().Get("default", ref.name);
                if (!pod || pod->metadata.uid != ref.uid) names.push_back(c->metadata.name);
            }
        });
        for (const auto& n : names) DeleteClaim(n);
    }
    void DeleteClaim(const std::string& name) {
        api.pvcs().Delete("default", name);
        api.pvcs().RemoveFinalizer("default", name, "kubernetes.io/pvc-protection");
    }
};

// ---------------------------------------------------------------------------------------------
// Invariants (reference §7): each returns "" when it holds, else what is wrong.

inline std::string CheckClaimInvariants(const k8s::StatefulSet& set, const k8s::Pod& pod,
                                        const k8s::PersistentVolumeClaim* claim) {
    const auto policy = GetPersistentVolumeClaimRetentionPolicy(set);
    if (!claim) {
        if (policy.when_scaled == kRetain) return "claim for Pod " + pod.metadata.name + " was not created";
        return "";
    }
    // Refs are only expected once the pod is up. A terminating pod is skipped too: OrderedReady
    // stops at it before reconciling its claims, so a claim keeps the pod ref Phase B gave it
    // when a scale-down is undone before the pod is gone (the GC then takes the claim).
    if (!IsRunningAndReady(pod) || IsTerminating(pod)) return "";
    const bool set_ref = HasOwnerRef(claim->metadata, set.metadata.uid);
    const bool pod_ref = HasOwnerRef(claim->metadata, pod.metadata.uid);
    const bool in_range = PodInOrdinalRange(pod, set);
    const std::string c = claim->metadata.name;
    if (policy.when_scaled == kRetain && policy.when_deleted == kRetain) {
        if (set_ref || pod_ref) return "claim " + c + " has an unexpected owner ref under Retain";
    } else if (policy.when_scaled == kRetain && policy.when_deleted == kDelete) {
        if (!set_ref || pod_ref) return "claim " + c + " must be owned by the set only (whenDeleted: Delete)";
    } else if (policy.when_scaled == kDelete && policy.when_deleted == kRetain) {
        if (set_ref) return "claim " + c + " has an unexpected set ref (scale-down only)";
        if (!in_range && !pod_ref) return "claim " + c + " of condemned pod lacks its pod ref";
        if (in_range && pod_ref) return "claim " + c + " of live pod has a pod ref";
    } else {
        if (!in_range && (!pod_ref || set_ref)) return "condemned claim " + c + " has bad owner refs";
        if (in_range && (pod_ref || !set_ref)) return "live claim " + c + " has bad owner refs";
    }
    return "";
}

inline std::string CheckStorageIdentityClaims(const Env& env, const k8s::StatefulSet& set, const k8s::Pod& pod) {
    if (!StorageMatches(set, pod)) return "pod " + pod.metadata.name + " does not match the storage of " + set.metadata.name;
    for (const auto& [t, claim] : GetPersistentVolumeClaims(set, pod)) {
        auto stored = env.api.pvcs().Get("default", claim.metadata.name);
        if (auto e = CheckClaimInvariants(set, pod, stored.get()); !e.empty()) return e;
    }
    if (!IdentityMatches(set, pod)) return "pod " + pod.metadata.name + " does not match the identity of " + set.metadata.name;
    return "";
}

// I-Mono: contiguous ordinals from start, no Running&Ready pod after one that is not,
// identity, storage and claims.
inline std::string MonotonicInvariants(const Env& env, const std::string& name = "foo") {
    auto set = env.Set(name);
    auto pods = env.Pods(name);
    for (size_t i = 0; i < pods.size(); ++i) {
        if (i > 0 && IsRunningAndReady(*pods[i]) && !IsRunningAndReady(*pods[i - 1]))
            return "successor " + pods[i]->metadata.name + " is Running and Ready while " +
                   pods[i - 1]->metadata.name + " is not";
        if (GetOrdinal(*pods[i]) != static_cast<int>(i) + GetStartOrdinal(*set))
            return "pod " + pods[i]->metadata.name + " deployed in the wrong order";
        if (auto e = CheckStorageIdentityClaims(env, *set, *pods[i]); !e.empty()) return e;
    }
    return "";
}

// Identity and storage, and claims existing where they must; no ownerRef checks. This is what
// holds under arbitrary kubelet behaviour: OrderedReady reconciles a pod's claim refs only when
// its sync reaches that pod.
inline std::string IdentityStorageInvariants(const Env& env, const std::string& name = "foo") {
    auto set = env.Set(name);
    const bool retain = GetPersistentVolumeClaimRetentionPolicy(*set).when_scaled == kRetain;
    for (const auto& pod : env.Pods(name)) {
        if (!StorageMatches(*set, *pod)) return "pod " + pod->metadata.name + " does not match the storage";
        if (!IdentityMatches(*set, *pod)) return "pod " + pod->metadata.name + " does not match the identity";
        if (!retain) continue;
        for (const auto& [t, claim] : GetPersistentVolumeClaims(*set, *pod))
            if (!env.api.pvcs().Get("default", claim.metadata.name)) return "claim " + claim.metadata.name + " missing";
    }
    return "";
}

// I-Burst: identity, storage and claims only.
inline std::string BurstInvariants(const Env& env, const std::string& name = "foo") {
    auto set = env.Set(name);
    for (const auto& pod : env.Pods(name))
        if (auto e = CheckStorageIdentityClaims(env, *set, *pod); !e.empty()) return e;
    return "";
}

// I-Update: the first status.currentReplicas pods carry currentRevision and the last
// status.updatedReplicas carry updateRevision (OnDelete exempt), plus the burst checks.
inline std::string UpdateInvariants(const Env& env, const std::string& name = "foo") {
    if (auto e = BurstInvariants(env, name); !e.empty()) return e;
    auto set = env.Set(name);
    if (set->spec.update_strategy.type != "RollingUpdate") return "";
    auto pods = env.Pods(name);
    for (int i = 0; i < set->status.current_replicas && i < static_cast<int>(pods.size()); ++i)
        if (GetPodRevision(*pods[i]) != set->status.current_revision)
            return "pod " + pods[i]->metadata.name + " want current revision " + set->status.current_revision +
                   " got " + GetPodRevision(*pods[i]);
    for (int i = static_cast<int>(pods.size()) - 1, j = 0; j < set->status.updated_replicas && i >= 0; --i, ++j)
        if (GetPodRevision(*pods[i]) != set->status.update_revision)
            return "pod " + pods[i]->metadata.name + " want update revision " + set->status.update_revision +
                   " got " + GetPodRevision(*pods[i]);
    return "";
}

inline bool HasReasonIn(const SyncExplanation& why, const std::string& text) {
    return std::find(why.reasons.begin(), why.reasons.end(), text) != why.reasons.end();
}

using Invariant = std::function<std::string(const Env&)>;

inline Invariant InvariantFor(Mode mode) {
    if (mode == Mode::kMonotonic) return [](const Env& e) { return MonotonicInvariants(e); };
    return [](const Env& e) { return BurstInvariants(e); };
}

// ---------------------------------------------------------------------------------------------
// The control harness: StatefulSetControl over the fake object manager, one sync per call.

class ControlHarness : public Env {
public:
    explicit ControlHarness(uint64_t seed = 1)
        : Env(seed), real_om(api), om(real_om), control(om, recorder, gates), rng(seed) {}

    ApiObjectManager real_om;
    FakeObjectManager om;
    StatefulSetControl control;
    Rng rng;
    SyncExplanation last_why;
    int syncs = 0;

    // One UpdateStatefulSet over the set's current pods.
    StatefulSetControl::Result Sync(const std::string& name = "foo") {
        ++syncs;
        last_why = SyncExplanation();
        return control.UpdateStatefulSet(*Set(name), Pods(name), Now(), &last_why);
    }

    // scaleUpStatefulSetControl: until readyReplicas reaches replicas, advance one random pod
    // (Pending -> Running -> Ready), sync, check.
    ::testing::AssertionResult ScaleUp(const Invariant& inv, int max_steps = 2000) {
        for (int step = 0; Set()->status.ready_replicas < GetReplicas(*Set()); ++step) {
            if (step >= max_steps) return ::testing::AssertionFailure() << "no progress after " << step << " steps";
            auto pods = Pods();
            if (!pods.empty()) {
                const auto& pod = pods[rng.Below(pods.size())];
                const int ord = GetOrdinal(*pod);
                if (!pod->metadata.IsTerminating()) {
                    if (pod->status.phase == "Pending") SetPodRunning(ord);
                    else if (pod->status.phase == "Running" && !IsPodReady(*pod)) SetPodReady(ord);
                }
            }
            auto r = Sync();
            if (r.err) return ::testing::AssertionFailure() << "sync failed: " << r.err.message();
            if (auto e = inv(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        }
        if (auto e = inv(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        return ::testing::AssertionSuccess();
    }

    // scaleDownStatefulSetControl: sync, let the kubelet finish terminations, sync, check; then
    // the garbage collector removes claims owned by pods that are gone.
    ::testing::AssertionResult ScaleDown(const Invariant& inv, int max_steps = 200) {
        for (int step = 0; Set()->status.replicas > GetReplicas(*Set()); ++step) {
            if (step >= max_steps) return ::testing::AssertionFailure() << "no progress after " << step << " steps";
            auto r = Sync();
            if (r.err) return ::testing::AssertionFailure() << "sync failed: " << r.err.message();
            FinishTerminations();
            r = Sync();
            if (r.err) return ::testing::AssertionFailure() << "sync failed: " << r.err.message();
            if (auto e = inv(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        }
        CollectOrphanedClaims();
        if (auto e = inv(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        return ::testing::AssertionSuccess();
    }

    // updateStatefulSetControl: until the update is complete, finish terminations, advance a
    // random pod, sync, check.
    bool UpdateComplete() {
        auto set = Set();
        auto pods = Pods();
        if (static_cast<int>(pods.size()) != GetReplicas(*set)) return false;
        if (set->status.ready_replicas != GetReplicas(*set)) return false;
        if (set->spec.update_strategy.type == "OnDelete") return true;
        const int partition = GetPartition(*set);
        if (!set->spec.update_strategy.rolling_update || partition <= 0) {
            if (set->status.current_replicas < GetReplicas(*set)) return false;
            for (const auto& p : pods)
                if (GetPodRevision(*p) != set->status.current_revision) return false;
        } else {
            for (size_t i = static_cast<size_t>(partition); i < pods.size(); ++i)
                if (GetPodRevision(*pods[i]) != set->status.update_revision) return false;
        }
        return true;
    }
    ::testing::AssertionResult UpdateUntilComplete(const Invariant& inv, int max_steps = 4000) {
        if (auto r = Sync(); r.err) return ::testing::AssertionFailure() << "sync failed: " << r.err.message();
        for (int step = 0; !UpdateComplete(); ++step) {
            if (step >= max_steps) return ::testing::AssertionFailure() << "no progress after " << step << " steps";
            FinishTerminations();
            auto pods = Pods();
            if (!pods.empty()) {
                const auto& pod = pods[rng.Below(pods.size())];
                const int ord = GetOrdinal(*pod);
                if (pod->status.phase == "Pending") SetPodRunning(ord);
                else if (pod->status.phase == "Running" && !IsPodReady(*pod)) SetPodReady(ord);
            }
            auto r = Sync();
            if (r.err) return ::testing::AssertionFailure() << "sync failed: " << r.err.message();
            if (auto e = inv(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        }
        return ::testing::AssertionSuccess();
    }
};

}  // namespace sts::controllers::statefulset::testing
