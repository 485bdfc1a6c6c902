// Pure helpers of the StatefulSet controller, after upstream's stateful_set_utils_test.go.
#include <gtest/gtest.h>

#include "controllers/statefulset/revisions.h"
#include "controllers/statefulset/utils.h"
#include "statefulset_harness.h"

namespace sts::controllers::statefulset {
namespace {

using testing::NewStatefulSet;

k8s::Pod PodNamed(const std::string& name) {
    k8s::Pod p;
    p.metadata.name = name;
    p.metadata.namespace_ = "default";
    return p;
}

TEST(StatefulSetUtils, GetParentNameAndOrdinal) {
    EXPECT_EQ(GetParentNameAndOrdinal("foo-1"), std::make_pair(std::string("foo"), 1));
    EXPECT_EQ(GetParentNameAndOrdinal("1-bar"), std::make_pair(std::string(""), -1));
    EXPECT_EQ(GetParentNameAndOrdinal("web-01"), std::make_pair(std::string("web"), 1));
    EXPECT_EQ(GetParentNameAndOrdinal("my-set-12"), std::make_pair(std::string("my-set"), 12));
    EXPECT_EQ(GetParentNameAndOrdinal("web-1-2"), std::make_pair(std::string("web-1"), 2));
    EXPECT_EQ(GetParentNameAndOrdinal("-3"), std::make_pair(std::string(""), 3));
    EXPECT_EQ(GetParentNameAndOrdinal("web-"), std::make_pair(std::string(""), -1));
    EXPECT_EQ(GetParentNameAndOrdinal("web"), std::make_pair(std::string(""), -1));
    // ParseInt(..., 32) overflow keeps the parent but no ordinal.
    EXPECT_EQ(GetParentNameAndOrdinal("web-99999999999"), std::make_pair(std::string("web"), -1));
}

TEST(StatefulSetUtils, GetClaimPodName) {
    auto set = NewStatefulSet(3, "my-set");
    k8s::PersistentVolumeClaim claim;
    claim.metadata.name = "volume-my-set-2";
    EXPECT_EQ(GetClaimPodName(set, claim), "my-set-2");
    claim.metadata.name = "long-volume-my-set-20";
    EXPECT_EQ(GetClaimPodName(set, claim), "my-set-20");
    claim.metadata.name = "volume-2-my-set";
    EXPECT_EQ(GetClaimPodName(set, claim), "");
    claim.metadata.name = "my-set-2";
    EXPECT_EQ(GetClaimPodName(set, claim), "");
}

TEST(StatefulSetUtils, IsMemberOf) {
    auto set = NewStatefulSet(3);
    auto set2 = NewStatefulSet(3, "foo2");
    auto pod = NewStatefulSetPod(set, 1, true);
    EXPECT_TRUE(IsMemberOf(set, pod));
    EXPECT_FALSE(IsMemberOf(set2, pod));
}

TEST(StatefulSetUtils, IdentityMatches) {
    auto set = NewStatefulSet(3);
    auto pod = NewStatefulSetPod(set, 1, true);
    EXPECT_TRUE(IdentityMatches(set, pod));
    auto wrong_name = pod;
    wrong_name.metadata.name = "foo-01";
    EXPECT_FALSE(IdentityMatches(set, wrong_name));  // parses as ordinal 1 but is not foo-1
    auto wrong_ns = pod;
    wrong_ns.metadata.namespace_ = "other";
    EXPECT_FALSE(IdentityMatches(set, wrong_ns));
    auto no_label = pod;
    no_label.metadata.labels.Erase(kStatefulSetPodNameLabel);
    EXPECT_FALSE(IdentityMatches(set, no_label));
    // The pod-index label is set, but not checked.
    auto no_index = pod;
    no_index.metadata.labels.Erase(kPodIndexLabel);
    EXPECT_TRUE(IdentityMatches(set, no_index));
}

TEST(StatefulSetUtils, StorageMatches) {
    auto set = NewStatefulSet(3);
    auto pod = NewStatefulSetPod(set, 1, true);
    EXPECT_TRUE(StorageMatches(set, pod));
    auto wrong_claim = pod;
    wrong_claim.spec.Mut().volumes[0].persistent_volume_claim->claim_name = "datadir-foo-2";
    EXPECT_FALSE(StorageMatches(set, wrong_claim));
    auto missing = pod;
    missing.spec.Mut().volumes.erase(missing.spec.Mut().volumes.begin());
    EXPECT_FALSE(StorageMatches(set, missing));
    auto not_pvc = pod;
    not_pvc.spec.Mut().volumes[0].persistent_volume_claim.reset();
    EXPECT_FALSE(StorageMatches(set, not_pvc));
    EXPECT_FALSE(StorageMatches(set, PodNamed("foo")));
}

TEST(StatefulSetUtils, UpdateIdentity) {
    auto set = NewStatefulSet(3);
    auto pod = NewStatefulSetPod(set, 1, true);
    pod.metadata.labels.Erase(kStatefulSetPodNameLabel);
    pod.metadata.labels.Erase(kPodIndexLabel);
    ASSERT_FALSE(IdentityMatches(set, pod));
    UpdateIdentity(set, pod, true);
    EXPECT_TRUE(IdentityMatches(set, pod));
    EXPECT_EQ(pod.metadata.labels.Get(kPodIndexLabel), "1");
    auto moved = NewStatefulSetPod(set, 2, false);
    moved.metadata.namespace_ = "other";
    UpdateIdentity(set, moved, false);
    EXPECT_EQ(moved.metadata.namespace_, "default");
    EXPECT_FALSE(moved.metadata.labels.Has(kPodIndexLabel));
}

TEST(StatefulSetUtils, UpdateStorageReplacesTemplateVolumeOfSameName) {
    auto set = NewStatefulSet(3);
    // A template volume with the claim template's name is replaced by the claim volume.
    k8s::Volume clash;
    clash.name = "datadir";
    clash.host_path = k8s::HostPathVolumeSource{"/tmp/data", std::nullopt};
    set.spec.template_.spec.volumes.push_back(clash);
    auto pod = NewStatefulSetPod(set, 1, true);
    ASSERT_EQ(pod.spec->volumes.size(), 2u);
    EXPECT_EQ(pod.spec->volumes[0].name, "datadir");
    ASSERT_TRUE(pod.spec->volumes[0].persistent_volume_claim);
    EXPECT_EQ(pod.spec->volumes[0].persistent_volume_claim->claim_name, "datadir-foo-1");
    EXPECT_FALSE(pod.spec->volumes[0].host_path);
    EXPECT_EQ(pod.spec->volumes[1].name, "home");
    EXPECT_TRUE(StorageMatches(set, pod));
}

TEST(StatefulSetUtils, NewStatefulSetPodIdentity) {
    auto set = NewStatefulSet(3);
    set.metadata.uid = "test";
    set.spec.template_.metadata.annotations = {{"a", "b"}};
    auto pod = NewStatefulSetPod(set, 2, true);
    EXPECT_EQ(pod.metadata.name, "foo-2");
    EXPECT_EQ(pod.metadata.generate_name, "foo-");
    EXPECT_EQ(pod.spec->hostname, "foo-2");
    EXPECT_EQ(pod.spec->subdomain, "governingsvc");
    EXPECT_EQ(pod.metadata.labels.Get("foo"), "bar");
    EXPECT_EQ(pod.metadata.labels.Get(kStatefulSetPodNameLabel), "foo-2");
    EXPECT_EQ(pod.metadata.labels.Get(kPodIndexLabel), "2");
    EXPECT_EQ(pod.metadata.annotations.Get("a"), "b");
    // TestNewPodControllerRef
    const auto* ref = pod.metadata.ControllerRef();
    ASSERT_NE(ref, nullptr);
    EXPECT_EQ(ref->api_version, "apps/v1");
    EXPECT_EQ(ref->kind, "StatefulSet");
    EXPECT_EQ(ref->name, "foo");
    EXPECT_EQ(ref->uid, "test");
    EXPECT_TRUE(ref->block_owner_deletion.value_or(false));
}

TEST(StatefulSetUtils, GetPersistentVolumeClaimsMergesLabelsSelectorWins) {
    auto set = NewStatefulSet(3);
    set.spec.selector->match_labels = {{"foo", "bar"}, {"app", "web"}};
    set.spec.template_.metadata.labels = {{"foo", "bar"}, {"app", "web"}};
    set.spec.volume_claim_templates[0].metadata.labels = {{"app", "other"}, {"tier", "db"}};
    auto pod = NewStatefulSetPod(set, 0, true);
    auto claims = GetPersistentVolumeClaims(set, pod);
    ASSERT_EQ(claims.size(), 1u);
    EXPECT_EQ(claims[0].first, "datadir");
    const auto& c = claims[0].second;
    EXPECT_EQ(c.metadata.name, "datadir-foo-0");
    EXPECT_EQ(c.metadata.labels.Get("app"), "web");
    EXPECT_EQ(c.metadata.labels.Get("tier"), "db");
    EXPECT_EQ(c.metadata.labels.Get("foo"), "bar");
    set.spec.volume_claim_templates[0].metadata.labels.clear();
    auto plain = GetPersistentVolumeClaims(set, pod);
    EXPECT_EQ(plain[0].second.metadata.labels, set.spec.selector->match_labels);
}

TEST(StatefulSetUtils, IsRunningAndReady) {
    auto set = NewStatefulSet(3);
    auto pod = NewStatefulSetPod(set, 1, true);
    EXPECT_FALSE(IsRunningAndReady(pod));
    pod.status.phase = "Running";
    EXPECT_FALSE(IsRunningAndReady(pod));
    k8s::PodCondition ready;
    ready.type = "Ready";
    ready.status = "True";
    pod.status.conditions.push_back(ready);
    EXPECT_TRUE(IsRunningAndReady(pod));
    EXPECT_TRUE(IsHealthy(pod));
    pod.metadata.deletion_timestamp = k8s::Timestamp(kSimulationEpoch);
    EXPECT_TRUE(IsRunningAndReady(pod));
    EXPECT_FALSE(IsHealthy(pod));
    pod.status.phase = "Pending";
    EXPECT_FALSE(IsRunningAndReady(pod));
}

TEST(StatefulSetUtils, IsRunningAndAvailableIsStrictlyAfterMinReadySeconds) {
    auto pod = NewStatefulSetPod(NewStatefulSet(1), 0, true);
    pod.status.phase = "Running";
    k8s::PodCondition ready;
    ready.type = "Ready";
    ready.status = "True";
    ready.last_transition_time = k8s::Timestamp(kSimulationEpoch);
    pod.status.conditions.push_back(ready);
    EXPECT_TRUE(IsRunningAndAvailable(pod, 0, kSimulationEpoch));
    EXPECT_FALSE(IsRunningAndAvailable(pod, 10, kSimulationEpoch + Seconds(10)));
    EXPECT_TRUE(IsRunningAndAvailable(pod, 10, kSimulationEpoch + Seconds(10) + 1));
}

TEST(StatefulSetUtils, AscendingOrdinalSortsByOrdinalNotName) {
    auto set = NewStatefulSet(12);
    std::vector<PodPtr> pods;
    for (int ord : {10, 2, 0, 11, 1})
        pods.push_back(std::make_shared<const k8s::Pod>(NewStatefulSetPod(set, ord, true)));
    std::stable_sort(pods.begin(), pods.end(),
                     [](const PodPtr& a, const PodPtr& b) { return GetOrdinal(*a) < GetOrdinal(*b); });
    std::vector<int> got;
    for (const auto& p : pods) got.push_back(GetOrdinal(*p));
    EXPECT_EQ(got, (std::vector<int>{0, 1, 2, 10, 11}));
}

TEST(StatefulSetUtils, OverlappingStatefulSets) {
    // Older creationTimestamp first; equal timestamps by name.
    auto make = [](const std::string& name, Time created) {
        auto set = NewStatefulSet(1, name);
        set.metadata.creation_timestamp = k8s::Timestamp(created);
        return std::make_shared<const k8s::StatefulSet>(set);
    };
    std::vector<std::shared_ptr<const k8s::StatefulSet>> sets = {
        make("a", kSimulationEpoch + Seconds(2)), make("c", kSimulationEpoch + Seconds(1)),
        make("b", kSimulationEpoch + Seconds(1)), make("d", kSimulationEpoch)};
    SortOverlappingStatefulSets(sets);
    std::vector<std::string> got;
    for (const auto& s : sets) got.push_back(s->metadata.name);
    EXPECT_EQ(got, (std::vector<std::string>{"d", "b", "c", "a"}));
}

TEST(StatefulSetUtils, GetStatefulSetMaxUnavailable) {
    using k8s::IntOrString;
    EXPECT_EQ(GetStatefulSetMaxUnavailable(std::nullopt, 10), 1);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(3), 10), 3);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(3), 0), 3);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(0), 0), 1);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("10%")), 25), 2);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("100%")), 5), 5);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("50%")), 5), 2);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("10%")), 5), 1);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("1%")), 0), 1);
    EXPECT_EQ(GetStatefulSetMaxUnavailable(IntOrString(std::string("0%")), 0), 1);
}

// ---- PVC retention policy --------------------------------------------------------------------

struct OwnerCase {
    const char* when_scaled;
    const char* when_deleted;
    bool scaled_down;
    bool set_ref;
    bool pod_ref;
    bool up_to_date;
};

TEST(StatefulSetUtils, IsClaimOwnerUpToDatePolicyTable) {
    // Reference §3.4: Retain/Retain none; Retain/Delete set; Delete/Retain pod when condemned;
    // Delete/Delete set when live, pod when condemned.
    const OwnerCase cases[] = {
        {"Retain", "Retain", false, false, false, true},  {"Retain", "Retain", false, true, false, false},
        {"Retain", "Retain", true, false, true, false},   {"Retain", "Delete", false, true, false, true},
        {"Retain", "Delete", false, false, false, false}, {"Retain", "Delete", true, true, false, true},
        {"Retain", "Delete", true, true, true, false},    {"Delete", "Retain", false, false, false, true},
        {"Delete", "Retain", false, false, true, false},  {"Delete", "Retain", true, false, true, true},
        {"Delete", "Retain", true, false, false, false},  {"Delete", "Retain", true, true, true, false},
        {"Delete", "Delete", false, true, false, true},   {"Delete", "Delete", false, false, false, false},
        {"Delete", "Delete", true, false, true, true},    {"Delete", "Delete", true, true, true, false},
        {"Delete", "Delete", true, true, false, false},
    };
    for (const auto& c : cases) {
        for (bool foreign : {false, true}) {
            auto set = NewStatefulSet(3);
            set.metadata.uid = "set-uid";
            set.spec.persistent_volume_claim_retention_policy =
                k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{c.when_deleted, c.when_scaled};
            auto pod = NewStatefulSetPod(set, c.scaled_down ? 5 : 1, true);
            pod.metadata.uid = "pod-uid";
            k8s::PersistentVolumeClaim claim = GetPersistentVolumeClaims(set, pod)[0].second;
            if (c.set_ref) claim.metadata.owner_references.push_back(NewControllerRef(set));
            if (c.pod_ref) claim.metadata.owner_references.push_back(NewControllerRef(pod));
            if (foreign) {
                k8s::OwnerReference other;
                other.api_version = "v1";
                other.kind = "ConfigMap";
                other.name = "unrelated";
                other.uid = "other-uid";
                claim.metadata.owner_references.push_back(other);
            }
            EXPECT_EQ(IsClaimOwnerUpToDate(claim, set, pod), c.up_to_date)
                << c.when_scaled << "/" << c.when_deleted << " scaled_down=" << c.scaled_down
                << " set_ref=" << c.set_ref << " pod_ref=" << c.pod_ref << " foreign=" << foreign;
            // After the fix-up the claim is always up to date and keeps foreign refs.
            UpdateClaimOwnerRefForSetAndPod(claim, set, pod);
            EXPECT_TRUE(IsClaimOwnerUpToDate(claim, set, pod));
            EXPECT_EQ(HasOwnerRef(claim.metadata, "other-uid"), foreign);
        }
    }
}

TEST(StatefulSetUtils, StaleAndUnexpectedControllerRefsLeaveClaimAlone) {
    auto set = NewStatefulSet(3);
    set.metadata.uid = "set-uid";
    set.spec.persistent_volume_claim_retention_policy = k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Delete", "Delete"};
    auto pod = NewStatefulSetPod(set, 1, true);
    pod.metadata.uid = "pod-uid";
    auto claim = GetPersistentVolumeClaims(set, pod)[0].second;
    // A ref to an earlier pod of the same name (TestHasStaleOwnerRef).
    auto old_pod = pod;
    old_pod.metadata.uid = "old-uid";
    claim.metadata.owner_references.push_back(NewControllerRef(old_pod));
    EXPECT_TRUE(HasStaleOwnerRef(claim.metadata, pod.metadata.name, pod.metadata.uid, OwnerKind::kPod));
    EXPECT_TRUE(IsClaimOwnerUpToDate(claim, set, pod));
    // Another controller owns the claim: our refs get scrubbed, none are added.
    auto claim2 = GetPersistentVolumeClaims(set, pod)[0].second;
    k8s::OwnerReference other;
    other.api_version = "apps/v1";
    other.kind = "ReplicaSet";
    other.name = "rs";
    other.uid = "rs-uid";
    other.controller = true;
    claim2.metadata.owner_references.push_back(other);
    EXPECT_TRUE(HasUnexpectedController(claim2, set, pod));
    EXPECT_TRUE(IsClaimOwnerUpToDate(claim2, set, pod));
    claim2.metadata.owner_references.push_back(NewControllerRef(set));
    EXPECT_FALSE(IsClaimOwnerUpToDate(claim2, set, pod));
    UpdateClaimOwnerRefForSetAndPod(claim2, set, pod);
    ASSERT_EQ(claim2.metadata.owner_references.size(), 1u);
    EXPECT_EQ(claim2.metadata.owner_references[0].uid, "rs-uid");
    // Under Retain/Retain another controller is no concern.
    set.spec.persistent_volume_claim_retention_policy = k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Retain", "Retain"};
    EXPECT_FALSE(HasUnexpectedController(claim2, set, pod));
}

TEST(StatefulSetUtils, HasNonControllerOwner) {
    auto set = NewStatefulSet(3);
    set.metadata.uid = "set-uid";
    set.spec.persistent_volume_claim_retention_policy = k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Delete", "Retain"};
    auto pod = NewStatefulSetPod(set, 1, true);
    pod.metadata.uid = "pod-uid";
    auto claim = GetPersistentVolumeClaims(set, pod)[0].second;
    auto ref = NewControllerRef(set);
    ref.controller = false;
    claim.metadata.owner_references.push_back(ref);
    EXPECT_TRUE(HasNonControllerOwner(claim, set, pod));
    EXPECT_FALSE(IsClaimOwnerUpToDate(claim, set, pod));
    UpdateClaimOwnerRefForSetAndPod(claim, set, pod);
    ASSERT_EQ(claim.metadata.owner_references.size(), 1u);
    EXPECT_TRUE(claim.metadata.owner_references[0].IsController());
}

// ---- Versioned pods: Go's operator precedence ------------------------------------------------

TEST(StatefulSetUtils, NewVersionedStatefulSetPodPrecedence) {
    auto set = NewStatefulSet(5);
    auto check = [&](const k8s::StatefulSet& s, int ord) {
        return GetPodRevision(NewVersionedStatefulSetPod(s, s, "cur", "upd", ord, true));
    };
    // Defaulted RollingUpdate with rollingUpdate {partition: 0}: everything at update.
    set.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{0, std::nullopt};
    set.status.current_replicas = 3;
    EXPECT_EQ(check(set, 0), "upd");
    // Partition 2: ordinals below it at current.
    set.spec.update_strategy.rolling_update->partition = 2;
    EXPECT_EQ(check(set, 1), "cur");
    EXPECT_EQ(check(set, 2), "upd");
    // RollingUpdate with nil rollingUpdate: below start + status.currentReplicas at current.
    set.spec.update_strategy.rolling_update.reset();
    EXPECT_EQ(check(set, 2), "cur");
    EXPECT_EQ(check(set, 3), "upd");
    set.spec.ordinals = k8s::StatefulSetOrdinals{2};
    EXPECT_EQ(check(set, 4), "cur");
    EXPECT_EQ(check(set, 5), "upd");
    // OnDelete (rollingUpdate must be nil): always update.
    set.spec.update_strategy.type = "OnDelete";
    EXPECT_EQ(check(set, 2), "upd");
    // The right-hand side of || is not guarded by the type: a non-nil rollingUpdate with a
    // partition sends low ordinals to current whatever the type says.
    set.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{3, std::nullopt};
    EXPECT_EQ(check(set, 2), "cur");
    EXPECT_EQ(check(set, 5), "upd");
}

TEST(StatefulSetUtils, CompleteRollingUpdate) {
    auto set = NewStatefulSet(3);
    k8s::StatefulSetStatus st;
    st.replicas = st.ready_replicas = st.updated_replicas = 3;
    st.current_replicas = 1;
    st.current_revision = "a";
    st.update_revision = "b";
    CompleteRollingUpdate(set, st);
    EXPECT_EQ(st.current_revision, "b");
    EXPECT_EQ(st.current_replicas, 3);
    // One pod still terminating counts in replicas: not complete.
    k8s::StatefulSetStatus st2 = st;
    st2.current_revision = "a";
    st2.replicas = 4;
    CompleteRollingUpdate(set, st2);
    EXPECT_EQ(st2.current_revision, "a");
    // OnDelete never completes.
    set.spec.update_strategy.type = "OnDelete";
    k8s::StatefulSetStatus st3 = st2;
    st3.replicas = 3;
    CompleteRollingUpdate(set, st3);
    EXPECT_EQ(st3.current_revision, "a");
    // Scale to 0 completes (ISSUE #121534).
    auto zero = NewStatefulSet(0);
    k8s::StatefulSetStatus st4;
    st4.current_revision = "a";
    st4.update_revision = "b";
    CompleteRollingUpdate(zero, st4);
    EXPECT_EQ(st4.current_revision, "b");
}

// ---- Revisions -------------------------------------------------------------------------------

TEST(StatefulSetRevisions, HashUsesSafeAlphabetAndCollisionCount) {
    auto set = NewStatefulSet(3);
    const Value data = GetPatch(set);
    const std::string h0 = HashControllerRevision(data, 0);
    const std::string h1 = HashControllerRevision(data, 1);
    EXPECT_NE(h0, h1);
    for (const auto& h : {h0, h1}) {
        EXPECT_GE(h.size(), 1u);
        EXPECT_LE(h.size(), 10u);
        for (char c : h) EXPECT_NE(std::string("456789bcdf").find(c), std::string::npos) << h;
    }
    EXPECT_EQ(SafeEncodeString("0123456789"), "456789bcdf");
    EXPECT_EQ(HashControllerRevision(GetPatch(set), 0), h0);  // deterministic
    EXPECT_EQ(ControllerRevisionName(std::string(230, 'a'), "x").size(), 225u);
}

TEST(StatefulSetRevisions, CreateApplyRevision) {
    auto set = NewStatefulSet(1);
    set.metadata.uid = "test";
    set.metadata.annotations = {{"note", "kept"}};
    auto rev = NewRevision(set, 1, 0);
    EXPECT_EQ(rev.metadata.name, "foo-" + rev.metadata.labels.Get(kControllerRevisionHashLabel));
    EXPECT_EQ(rev.metadata.labels.Get("foo"), "bar");
    EXPECT_EQ(rev.metadata.annotations.Get("note"), "kept");
    EXPECT_EQ(rev.revision, 1);
    ASSERT_NE(rev.metadata.ControllerRef(), nullptr);
    EXPECT_EQ(rev.data.Get("spec").Get("template").GetString("$patch"), "replace");
    auto changed = set;
    changed.spec.template_.spec.containers[0].image = "foo";
    k8s::StatefulSet restored;
    Error err;
    ASSERT_TRUE(ApplyRevision(changed, rev, &restored, &err)) << err.message();
    EXPECT_EQ(restored.spec.template_, set.spec.template_);
    EXPECT_EQ(restored.spec.replicas, changed.spec.replicas);
    // Only the template is recorded: replicas or strategy changes give an equal revision.
    auto scaled = set;
    scaled.spec.replicas = 7;
    scaled.spec.update_strategy.type = "OnDelete";
    auto rev2 = NewRevision(scaled, 2, 0);
    EXPECT_TRUE(EqualRevision(&rev, &rev2));
    EXPECT_EQ(rev.metadata.name, rev2.metadata.name);
    auto rev3 = NewRevision(changed, 2, 0);
    EXPECT_FALSE(EqualRevision(&rev, &rev3));
}

TEST(StatefulSetRevisions, SortByRevisionThenCreationThenName) {
    auto mk = [](const std::string& name, int64_t revision, Time created) {
        k8s::ControllerRevision r;
        r.metadata.name = name;
        r.revision = revision;
        r.metadata.creation_timestamp = k8s::Timestamp(created);
        return std::make_shared<const k8s::ControllerRevision>(r);
    };
    std::vector<RevisionPtr> v = {mk("c", 2, 1000), mk("b", 1, 2000), mk("a", 1, 2000), mk("d", 1, 1000)};
    SortControllerRevisions(v);
    std::vector<std::string> names;
    for (const auto& r : v) names.push_back(r->metadata.name);
    EXPECT_EQ(names, (std::vector<std::string>{"d", "a", "b", "c"}));
    EXPECT_EQ(NextRevision(v), 3);
    EXPECT_EQ(NextRevision({}), 1);
}

TEST(StatefulSetUtils, ErrorAggregateDropsDuplicates) {
    EXPECT_FALSE(Error::Aggregate({}));
    EXPECT_FALSE(Error::Aggregate({Error(), Error()}));
    auto one = Error::Aggregate({Error::Message("a", "NotFound")});
    EXPECT_EQ(one.message(), "a");
    EXPECT_TRUE(one.IsNotFound());
    auto many = Error::Aggregate({Error::Message("a"), Error::Message("b", "Conflict"), Error::Message("a")});
    EXPECT_EQ(many.message(), "[a, b]");
    EXPECT_TRUE(many.IsConflict());
}

TEST(StatefulSetControlBatches, SlowStartBatchSizes) {
    std::vector<int> batches;
    int calls = 0;
    // Recover the batch boundaries from the call indices by counting calls per batch.
    auto run = [&](int count) {
        batches.clear();
        calls = 0;
        int expected_batch = 1, in_batch = 0, remaining = count;
        Error err = SlowStartBatch(1, count, [&](int) {
            ++calls;
            if (++in_batch == std::min(expected_batch, remaining)) {
                batches.push_back(in_batch);
                remaining -= in_batch;
                expected_batch = std::min(2 * in_batch, kMaxBatchSize);
                in_batch = 0;
            }
            return Error();
        });
        EXPECT_FALSE(err);
    };
    run(1000);
    EXPECT_EQ(calls, 1000);
    EXPECT_EQ(batches, (std::vector<int>{1, 2, 4, 8, 16, 32, 64, 128, 256, 489}));
    run(1200);
    EXPECT_EQ(batches, (std::vector<int>{1, 2, 4, 8, 16, 32, 64, 128, 256, 500, 189}));
    // A failure stops after its batch: indices 0 | 1 2 run, 3.. never do.
    calls = 0;
    Error err = SlowStartBatch(1, 10, [&](int i) {
        ++calls;
        return i == 1 ? Error::Message("boom") : Error();
    });
    EXPECT_TRUE(err);
    EXPECT_EQ(calls, 3);
}

}  // namespace
}  // namespace sts::controllers::statefulset
