// Revisions and updates: getStatefulSetRevisions, RollingUpdate (with partition and with the
// MaxUnavailable gate), OnDelete, history truncation, rollback, availability, and the known
// traps of the reference's §8. After upstream's stateful_set_control_test.go.
#include <gtest/gtest.h>

#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

std::string ImageOf(const k8s::Pod& pod) { return pod.spec->containers[0].image; }

class UpdateHelpers : public ControlHarness {
public:
    std::shared_ptr<const k8s::StatefulSet> Make(int replicas, Mode mode = Mode::kMonotonic,
                                                 const std::function<void(k8s::StatefulSet&)>& edit = {}) {
        auto set = NewStatefulSet(replicas);
        if (mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
        if (edit) edit(set);
        return CreateSet(set);
    }
    // Writes fields the API server's strategy would drop (maxUnavailable while its gate is
    // off in the API server), the way a cluster with the gate on would store them.
    void ForceSpec(const std::function<void(k8s::StatefulSet&)>& edit) {
        k8s::StatefulSet copy = *Set();
        edit(copy);
        ASSERT_TRUE(api.statefulsets().InternalUpdate(copy).ok());
    }
    bool HasReason(const std::string& text) const {
        for (const auto& r : last_why.reasons)
            if (r == text) return true;
        return false;
    }
    // Runs syncs with the kubelet making every pod Running and Ready, until `done` or a limit.
    void Converge(const std::function<bool()>& done, int limit = 200) {
        for (int i = 0; i < limit && !done(); ++i) {
            ASSERT_FALSE(Sync().err) << last_why.Summary();
            FinishTerminations();
            for (const auto& p : Pods()) {
                if (p->status.phase == "Pending") SetPodRunning(GetOrdinal(*p));
                else if (p->status.phase == "Running" && !IsPodReady(*p)) SetPodReady(GetOrdinal(*p));
            }
        }
        ASSERT_TRUE(done()) << last_why.Summary();
    }
};

class StatefulSetUpdateTest : public ::testing::Test, public UpdateHelpers {};

// ---- TestStatefulSetControl_getSetRevisions --------------------------------------------------

TEST_F(StatefulSetUpdateTest, GetSetRevisions) {
    Make(0, Mode::kMonotonic, [](k8s::StatefulSet& s) { s.spec.revision_history_limit = 10; });
    // creates initial revision
    ASSERT_FALSE(Sync().err);
    auto revs = Revisions();
    ASSERT_EQ(revs.size(), 1u);
    EXPECT_EQ(revs[0]->revision, 1);
    const std::string rev1 = revs[0]->metadata.name;
    EXPECT_EQ(Set()->status.current_revision, rev1);
    EXPECT_EQ(Set()->status.update_revision, rev1);
    EXPECT_EQ(Set()->status.collision_count.value_or(-1), 0);
    EXPECT_EQ(rev1.rfind("foo-", 0), 0u);
    EXPECT_EQ(revs[0]->metadata.ControllerRef()->uid, Set()->metadata.uid);
    // creates revision on update
    SetImage("foo");
    ASSERT_FALSE(Sync().err);
    revs = Revisions();
    ASSERT_EQ(revs.size(), 2u);
    EXPECT_EQ(revs[1]->revision, 2);
    const std::string rev2 = revs[1]->metadata.name;
    EXPECT_EQ(Set()->status.update_revision, rev2);
    // With no pods (replicas 0) the rollout is complete at once.
    EXPECT_EQ(Set()->status.current_revision, rev2);
    // must not recreate a new revision of same set (scaling does not make a revision)
    SetReplicas(0);
    UpdateSet([](k8s::StatefulSet& s) { s.spec.min_ready_seconds = 5; });
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Revisions().size(), 2u);
    SetImage("bar");
    ASSERT_FALSE(Sync().err);
    ASSERT_EQ(Revisions().size(), 3u);
    // must rollback to a previous revision: rev1 is reused with the next number.
    SetImage("nginx");
    ASSERT_FALSE(Sync().err);
    revs = Revisions();
    ASSERT_EQ(revs.size(), 3u);
    EXPECT_EQ(revs.back()->metadata.name, rev1);
    EXPECT_EQ(revs.back()->revision, 4);
    EXPECT_EQ(Set()->status.update_revision, rev1);
}

TEST_F(StatefulSetUpdateTest, RevisionNameCollisionBumpsCollisionCount) {
    Make(0);
    // Someone else holds the name the controller would pick, with different data.
    auto set = *Set();
    auto squatter = NewRevision(set, 1, 0);
    squatter.metadata.owner_references.clear();
    squatter.metadata.labels = {{"other", "thing"}};  // not selected by foo=bar
    squatter.data = Value::MakeObject({{"spec", Value::MakeObject({{"template", Value::MakeObject()}})}});
    ASSERT_TRUE(api.revisions().Create(squatter).ok());
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Set()->status.collision_count.value_or(0), 1);
    EXPECT_NE(Set()->status.update_revision, squatter.metadata.name);
    EXPECT_EQ(Set()->status.update_revision, "foo-" + HashControllerRevision(GetPatch(set), 1));
}

// ---- TestStatefulSetControlRollingUpdate ------------------------------------------------------

struct RollingCase {
    const char* name;
    Mode mode;
    int initial;
    int updated;
    friend void PrintTo(const RollingCase& c, std::ostream* os) { *os << c.name; }
};

class StatefulSetRollingUpdateTest : public ::testing::TestWithParam<RollingCase>, public ControlHarness {};

TEST_P(StatefulSetRollingUpdateTest, AllPodsEndOnTheNewImage) {
    const auto& tc = GetParam();
    auto set = NewStatefulSet(tc.initial);
    if (tc.mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
    CreateSet(set);
    ASSERT_TRUE(ScaleUp(InvariantFor(tc.mode)));
    UpdateSet([&](k8s::StatefulSet& s) {
        s.spec.replicas = tc.updated;
        s.spec.template_.spec.containers[0].image = "foo";
    });
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    auto pods = Pods();
    ASSERT_EQ(static_cast<int>(pods.size()), tc.updated);
    for (const auto& p : pods) {
        EXPECT_EQ(ImageOf(*p), "foo") << p->metadata.name;
        EXPECT_EQ(GetPodRevision(*p), Set()->status.update_revision);
    }
    EXPECT_EQ(Set()->status.current_revision, Set()->status.update_revision);
}

INSTANTIATE_TEST_SUITE_P(
    Matrix, StatefulSetRollingUpdateTest,
    ::testing::Values(RollingCase{"MonotonicImageUpdate", Mode::kMonotonic, 3, 3},
                      RollingCase{"MonotonicImageUpdateAndScaleUp", Mode::kMonotonic, 3, 5},
                      RollingCase{"MonotonicImageUpdateAndScaleDown", Mode::kMonotonic, 5, 3},
                      RollingCase{"BurstImageUpdate", Mode::kBurst, 3, 3},
                      RollingCase{"BurstImageUpdateAndScaleUp", Mode::kBurst, 3, 5},
                      RollingCase{"BurstImageUpdateAndScaleDown", Mode::kBurst, 5, 3}),
    [](const ::testing::TestParamInfo<RollingCase>& pi) { return std::string(pi.param.name); });

TEST_F(StatefulSetUpdateTest, RollingUpdateGoesHighestOrdinalFirstOnePodAtATime) {
    Make(3);
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    SetImage("foo");
    std::vector<std::string> deleted;
    ASSERT_FALSE(Sync().err);
    for (int i = 0; i < 100 && !UpdateComplete(); ++i) {
        ASSERT_FALSE(Sync().err);
        int terminating = 0;
        for (const auto& p : Pods()) {
            if (!p->metadata.IsTerminating()) continue;
            ++terminating;
            if (deleted.empty() || deleted.back() != p->metadata.name) deleted.push_back(p->metadata.name);
        }
        EXPECT_LE(terminating, 1);
        FinishTerminations();
        for (const auto& p : Pods()) {
            if (p->status.phase == "Pending") SetPodRunning(GetOrdinal(*p));
            else if (!IsPodReady(*p)) SetPodReady(GetOrdinal(*p));
        }
    }
    EXPECT_EQ(deleted, (std::vector<std::string>{"foo-2", "foo-1", "foo-0"}));
}

// ---- TestStatefulSetControlRollingUpdateWithPartition ----------------------------------------

struct PartitionCase {
    const char* name;
    Mode mode;
    int initial;
    int updated;
    friend void PrintTo(const PartitionCase& c, std::ostream* os) { *os << c.name; }
};

class StatefulSetPartitionTest : public ::testing::TestWithParam<PartitionCase>, public ControlHarness {};

TEST_P(StatefulSetPartitionTest, PodsBelowThePartitionKeepTheOldImage) {
    const auto& tc = GetParam();
    auto set = NewStatefulSet(tc.initial);
    if (tc.mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
    set.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{2, std::nullopt};
    CreateSet(set);
    ASSERT_TRUE(ScaleUp(InvariantFor(tc.mode)));
    UpdateSet([&](k8s::StatefulSet& s) {
        s.spec.replicas = tc.updated;
        s.spec.template_.spec.containers[0].image = "foo";
    });
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    for (const auto& p : Pods()) {
        EXPECT_EQ(ImageOf(*p), GetOrdinal(*p) < 2 ? "nginx" : "foo") << p->metadata.name;
    }
    // With a partition the rollout never completes.
    EXPECT_NE(Set()->status.current_revision, Set()->status.update_revision);
    ASSERT_FALSE(Sync().err);
    EXPECT_TRUE(HasReasonIn(last_why, "foo-0 not updated: partition is 2"));
    EXPECT_TRUE(HasReasonIn(last_why, "foo-1 not updated: partition is 2"));
}

INSTANTIATE_TEST_SUITE_P(Matrix, StatefulSetPartitionTest,
                         ::testing::Values(PartitionCase{"MonotonicSameSize", Mode::kMonotonic, 3, 3},
                                           PartitionCase{"MonotonicScaleUp", Mode::kMonotonic, 3, 5},
                                           PartitionCase{"BurstSameSize", Mode::kBurst, 3, 3},
                                           PartitionCase{"BurstScaleUp", Mode::kBurst, 3, 5}),
                         [](const ::testing::TestParamInfo<PartitionCase>& pi) { return std::string(pi.param.name); });

TEST_F(StatefulSetUpdateTest, DeletedPodBelowPartitionComesBackAtTheOldRevision) {
    // Tutorial "Staging an update" / e2e canary: deleting a pod below the partition restores it
    // on its own side of the partition.
    Make(3, Mode::kMonotonic,
         [](k8s::StatefulSet& s) { s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{2, std::nullopt}; });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    const std::string old_rev = Set()->status.current_revision;
    SetImage("foo");
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    RemovePod("foo-0");
    Converge([&] { return Pod(0) && IsRunningAndReady(*Pod(0)); });
    EXPECT_EQ(GetPodRevision(*Pod(0)), old_rev);
    EXPECT_EQ(ImageOf(*Pod(0)), "nginx");
    // Lowering the partition to 0 finishes the rollout and completes it.
    UpdateSet([](k8s::StatefulSet& s) { s.spec.update_strategy.rolling_update->partition = 0; });
    Converge([&] { return Set()->status.current_revision == Set()->status.update_revision; });
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), "foo");
}

TEST_F(StatefulSetUpdateTest, PartitionCountsFromTheStartOrdinal) {
    // ISSUE #128529: replicas 9, start 2, partition 5 => 2..6 stay, 7..10 update.
    Make(9, Mode::kBurst, [](k8s::StatefulSet& s) {
        s.spec.ordinals = k8s::StatefulSetOrdinals{2};
        s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{5, std::nullopt};
    });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    SetImage("foo");
    Converge([&] {
        for (const auto& p : Pods())
            if (GetOrdinal(*p) >= 7 && (ImageOf(*p) != "foo" || !IsRunningAndReady(*p))) return false;
        return Pods().size() == 9;
    });
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), GetOrdinal(*p) >= 7 ? "foo" : "nginx") << p->metadata.name;
}

// ---- TestStatefulSetControlOnDeleteUpdate ----------------------------------------------------

struct OnDeleteCase {
    const char* name;
    Mode mode;
    Policy policy;
    int initial;
    int updated;
    friend void PrintTo(const OnDeleteCase& c, std::ostream* os) { *os << c.name; }
};

class StatefulSetOnDeleteTest : public ::testing::TestWithParam<OnDeleteCase>, public ControlHarness {};

TEST_P(StatefulSetOnDeleteTest, OnlyNewPodsGetTheNewTemplate) {
    const auto& tc = GetParam();
    auto set = NewStatefulSet(tc.initial);
    if (tc.mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
    set.spec.update_strategy.type = "OnDelete";
    set.spec.persistent_volume_claim_retention_policy = PolicyValue(tc.policy);
    CreateSet(set);
    ASSERT_FALSE(Set()->spec.update_strategy.rolling_update);
    ASSERT_TRUE(ScaleUp(InvariantFor(tc.mode)));
    const std::string old_rev = Set()->status.current_revision;
    UpdateSet([&](k8s::StatefulSet& s) {
        s.spec.replicas = tc.updated;
        s.spec.template_.spec.containers[0].image = "foo";
    });
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    CollectOrphanedClaims();
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), GetOrdinal(*p) >= 3 ? "foo" : "nginx") << p->metadata.name;
    // OnDelete never completes the rollout in status.
    EXPECT_EQ(Set()->status.current_revision, old_rev);
    ASSERT_FALSE(Sync().err);
    if (tc.updated >= 1) {
        bool explained = false;
        for (const auto& r : last_why.reasons)
            explained = explained || r == "foo-0 not updated: updateStrategy is OnDelete (delete the pod to update it)";
        EXPECT_TRUE(explained) << last_why.Summary();
    }
    for (const auto& c : api.pvcs().List("default"))
        for (const auto& ref : c->metadata.owner_references) EXPECT_NE(ref.kind, "Pod") << c->metadata.name;
    // Restart everything: every pod comes back on the new template.
    const int replicas = tc.updated;
    SetReplicas(0);
    ASSERT_TRUE(ScaleDown(InvariantFor(tc.mode)));
    SetReplicas(replicas);
    ASSERT_TRUE(ScaleUp(InvariantFor(tc.mode)));
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), "foo") << p->metadata.name;
}

std::vector<OnDeleteCase> OnDeleteCases() {
    std::vector<OnDeleteCase> out;
    const Policy policies[] = {Policy::kRetain, Policy::kSetDeleteOnly, Policy::kScaleDownOnly, Policy::kDelete,
                               Policy::kNullPolicy};
    for (Mode m : {Mode::kMonotonic, Mode::kBurst})
        for (Policy p : policies) {
            out.push_back({"ImageUpdate", m, p, 3, 3});
            out.push_back({"ImageUpdateAndScaleUp", m, p, 3, 5});
            out.push_back({"ImageUpdateAndScaleDown", m, p, 5, 3});
        }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Matrix, StatefulSetOnDeleteTest, ::testing::ValuesIn(OnDeleteCases()),
                         [](const ::testing::TestParamInfo<OnDeleteCase>& pi) {
                             return std::string(pi.param.mode == Mode::kMonotonic ? "Monotonic" : "Burst") +
                                    pi.param.name + PolicyName(pi.param.policy);
                         });

// ---- MaxUnavailable (gate MaxUnavailableStatefulSet on) --------------------------------------

class StatefulSetMaxUnavailableTest : public ::testing::TestWithParam<Mode>, public UpdateHelpers {
protected:
    void SetUpSix() {
        gates.max_unavailable_stateful_set = true;
        Make(6, GetParam());
        ForceSpec([](k8s::StatefulSet& s) {
            s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{3, k8s::IntOrString(2)};
        });
        ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    }
};

TEST_P(StatefulSetMaxUnavailableTest, DeletesUpToMaxUnavailableAbovePartition) {
    SetUpSix();
    SetImage("foo");
    ASSERT_FALSE(Sync().err);
    // Pods 5 and 4 go together.
    EXPECT_TRUE(Pod(5)->metadata.IsTerminating());
    EXPECT_TRUE(Pod(4)->metadata.IsTerminating());
    EXPECT_FALSE(Pod(3)->metadata.IsTerminating());
    FinishTerminations();
    ASSERT_FALSE(Sync().err);
    if (GetParam() == Mode::kMonotonic) {
        // OrderedReady recreates one at a time: 4 first, and 5 only once 4 is Ready.
        ASSERT_TRUE(Pod(4));
        EXPECT_FALSE(Pod(5));
        RunAndReady(4);
        ASSERT_FALSE(Sync().err);
        ASSERT_TRUE(Pod(5));
        ASSERT_FALSE(Sync().err);
        EXPECT_FALSE(Pod(3)->metadata.IsTerminating());  // 5 is not Ready yet: Phase A waits
        RunAndReady(5);
        ASSERT_FALSE(Sync().err);
        EXPECT_TRUE(Pod(3)->metadata.IsTerminating());
    } else {
        // Parallel: 3 is replaced as soon as 4 is Ready, even though 5 is not.
        ASSERT_TRUE(Pod(4) && Pod(5));
        RunAndReady(4);
        SetPodRunning(5);
        ASSERT_FALSE(Sync().err);
        EXPECT_TRUE(Pod(3)->metadata.IsTerminating());
    }
    for (int i = 0; i < 3; ++i) EXPECT_FALSE(Pod(i)->metadata.IsTerminating()) << i;
    // Pods 0-2 are below the partition: never touched.
    FinishTerminations();
    Converge([&] { return Pod(3) && IsRunningAndReady(*Pod(3)) && IsRunningAndReady(*Pod(5)); });
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), GetOrdinal(*p) >= 3 ? "foo" : "nginx");
}

TEST_P(StatefulSetMaxUnavailableTest, TerminatingPodsUseUpTheBudget) {
    // TestStatefulSetControlRollingUpdateWithMaxUnavailableInOrderedModeVerifyInvariant, through
    // a whole sync: k pods already terminating leave max(0, 2 - k) deletions (Parallel); with
    // OrderedReady, Phase A waits for any terminating pod, so nothing is deleted.
    const std::vector<std::vector<int>> cases = {{}, {5}, {3}, {4}, {5, 4}, {5, 3}, {4, 3}, {5, 4, 3}, {2}, {1}};
    for (const auto& terminating : cases) {
        ControlHarness h;
        h.gates.max_unavailable_stateful_set = true;
        auto set = NewStatefulSet(6);
        if (GetParam() == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
        h.CreateSet(set);
        k8s::StatefulSet copy = *h.Set();
        copy.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{3, k8s::IntOrString(2)};
        ASSERT_TRUE(h.api.statefulsets().InternalUpdate(copy).ok());
        ASSERT_TRUE(h.ScaleUp(InvariantFor(Mode::kBurst)));
        for (int ord : terminating) h.api.pods().Delete("default", "foo-" + std::to_string(ord));
        h.SetImage("foo");
        ASSERT_FALSE(h.Sync().err);
        int newly_terminating = 0;
        for (const auto& p : h.Pods()) {
            const int ord = GetOrdinal(*p);
            const bool was = std::find(terminating.begin(), terminating.end(), ord) != terminating.end();
            if (p->metadata.IsTerminating() && !was) ++newly_terminating;
        }
        const int expected = GetParam() == Mode::kBurst ? std::max(0, 2 - static_cast<int>(terminating.size()))
                                                        : (terminating.empty() ? 2 : 0);
        EXPECT_EQ(newly_terminating, expected) << "terminating " << ::testing::PrintToString(terminating);
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, StatefulSetMaxUnavailableTest, ::testing::Values(Mode::kMonotonic, Mode::kBurst),
                         [](const ::testing::TestParamInfo<Mode>& pi) {
                             return std::string(pi.param == Mode::kMonotonic ? "Ordered" : "Parallel");
                         });

TEST_F(StatefulSetUpdateTest, MaxUnavailableIsIgnoredWithTheGateOff) {
    Make(6, Mode::kBurst);
    ForceSpec([](k8s::StatefulSet& s) {
        s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{3, k8s::IntOrString(2)};
    });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    SetImage("foo");
    ASSERT_FALSE(Sync().err);
    EXPECT_TRUE(Pod(5)->metadata.IsTerminating());
    EXPECT_FALSE(Pod(4)->metadata.IsTerminating());
}

TEST_F(StatefulSetUpdateTest, MaxUnavailableStopsWhenUnavailableEqualsTheBudget) {
    // 1.33 (the >= check): one replica whose only pod is broken on the old revision never updates.
    gates.max_unavailable_stateful_set = true;
    Make(1, Mode::kBurst);
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    SetPodNotReady(0);
    SetImage("fixed");
    for (int i = 0; i < 3; ++i) ASSERT_FALSE(Sync().err);
    EXPECT_FALSE(Pod(0)->metadata.IsTerminating());
    EXPECT_TRUE(HasReason("update waits: 1 pods are unavailable and maxUnavailable is 1")) << last_why.Summary();
}

// ---- History ---------------------------------------------------------------------------------

class StatefulSetHistoryLimitTest : public ::testing::TestWithParam<int>, public UpdateHelpers {};

TEST_P(StatefulSetHistoryLimitTest, HonorRevisionHistoryLimit) {
    const int limit = GetParam();
    Make(3, Mode::kMonotonic, [&](k8s::StatefulSet& s) { s.spec.revision_history_limit = limit; });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    for (int i = 0; i < 10; ++i) {
        SetImage("foo-" + std::to_string(i));
        ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
        const size_t count = Revisions().size();
        if (limit >= 0) {
            EXPECT_LE(count, static_cast<size_t>(limit) + 2) << "after update " << i;
        } else {
            EXPECT_EQ(count, static_cast<size_t>(i) + 2) << "negative limits keep everything";
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Limits, StatefulSetHistoryLimitTest, ::testing::Values(0, 2, 5, -2),
                         [](const ::testing::TestParamInfo<int>& pi) {
                             return pi.param < 0 ? "Negative" + std::to_string(-pi.param)
                                                   : "Limit" + std::to_string(pi.param);
                         });

TEST_F(StatefulSetUpdateTest, LiveRevisionsAreNeverTruncated) {
    // Limit 0 with a partition: the pods' revision (current) and the update revision stay.
    Make(3, Mode::kMonotonic, [](k8s::StatefulSet& s) {
        s.spec.revision_history_limit = 0;
        s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{2, std::nullopt};
    });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    const std::string first = Set()->status.current_revision;
    SetImage("a");
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    SetImage("b");
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    std::vector<std::string> names;
    for (const auto& r : Revisions()) names.push_back(r->metadata.name);
    EXPECT_EQ(names.size(), 2u);
    EXPECT_NE(std::find(names.begin(), names.end(), first), names.end());  // pods 0,1 still use it
}

TEST_F(StatefulSetUpdateTest, Rollback) {
    Make(3, Mode::kMonotonic, [](k8s::StatefulSet& s) { s.spec.revision_history_limit = 10; });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    SetImage("foo");
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    auto revs = Revisions();
    ASSERT_EQ(revs.size(), 2u);
    // kubectl rollout undo: write revision 1's template back.
    k8s::StatefulSet restored;
    Error err;
    ASSERT_TRUE(ApplyRevision(*Set(), *revs[0], &restored, &err));
    UpdateSet([&](k8s::StatefulSet& s) { s.spec.template_ = restored.spec.template_; });
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), "nginx");
    EXPECT_EQ(Set()->status.update_revision, revs[0]->metadata.name);
    EXPECT_EQ(Revisions().back()->revision, 3);
    EXPECT_EQ(Revisions().size(), 2u);
}

// ---- Availability and minReadySeconds --------------------------------------------------------

TEST_F(StatefulSetUpdateTest, Availability) {
    Make(1, Mode::kMonotonic, [](k8s::StatefulSet& s) { s.spec.min_ready_seconds = 3600; });
    ASSERT_FALSE(Sync().err);
    SetPodRunning(0);
    SetReadyCondition(0, true, Now() - Minutes(120));
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Set()->status.available_replicas, 1);
    SetReadyCondition(0, true, Now() - Minutes(30));
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Set()->status.ready_replicas, 1);
    EXPECT_EQ(Set()->status.available_replicas, 0);
}

TEST_F(StatefulSetUpdateTest, OrderedReadyWaitsForAvailabilityBeforeTheNextPod) {
    Make(2, Mode::kMonotonic, [](k8s::StatefulSet& s) { s.spec.min_ready_seconds = 30; });
    ASSERT_FALSE(Sync().err);
    RunAndReady(0);
    ASSERT_FALSE(Sync().err);
    EXPECT_FALSE(Pod(1));
    EXPECT_TRUE(HasReason("foo-1 not created: foo-0 is Ready but not yet Available (minReadySeconds 30) "
                          "(OrderedReady waits for every lower ordinal to be Available)"))
        << last_why.Summary();
    scheduler.RunUntil(Now() + Seconds(31));
    ASSERT_FALSE(Sync().err);
    EXPECT_TRUE(Pod(1));
}

TEST_F(StatefulSetUpdateTest, ParallelRollingUpdateIgnoresMinReadySecondsIn133) {
    // Before 1.34 (PR #130909) a Ready pod counts as healthy for updates even while it is not
    // yet Available, so Parallel rolls on without waiting minReadySeconds.
    Make(2, Mode::kBurst, [](k8s::StatefulSet& s) { s.spec.min_ready_seconds = 30; });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    SetImage("foo");
    ASSERT_FALSE(Sync().err);
    ASSERT_TRUE(Pod(1)->metadata.IsTerminating());
    FinishTerminations();
    ASSERT_FALSE(Sync().err);
    RunAndReady(1);
    ASSERT_FALSE(Sync().err);
    EXPECT_TRUE(Pod(0)->metadata.IsTerminating());
    EXPECT_EQ(Set()->status.available_replicas, 0);
}

// ---- Status ----------------------------------------------------------------------------------

TEST_F(StatefulSetUpdateTest, StatusIsWrittenEvenWhenTheSyncFails) {
    Make(3);
    om.create_pod.err = InternalError();
    auto r = Sync();
    EXPECT_TRUE(r.err);
    EXPECT_EQ(om.update_status.requests, 1);
    EXPECT_EQ(Set()->status.observed_generation, 1);
    EXPECT_FALSE(Set()->status.update_revision.empty());
    // Sync error wins over a status error.
    om.create_pod.err = InternalError("create");
    om.update_status.err = InternalError("status");
    SetReplicas(4);  // makes the status inconsistent (observedGeneration)
    r = Sync();
    EXPECT_EQ(r.err.message(), "Internal error occurred: create");
}

TEST_F(StatefulSetUpdateTest, ScaleToZeroCompletesTheRollout) {
    // ISSUE #121534: replicas 4, partition 2, new image => 2 old + 2 new; scale to 0 completes
    // the rollout; scaling back creates every pod at the new revision.
    Make(4, Mode::kMonotonic,
         [](k8s::StatefulSet& s) { s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{2, std::nullopt}; });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    SetImage("foo");
    ASSERT_TRUE(UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
    ASSERT_NE(Set()->status.current_revision, Set()->status.update_revision);
    SetReplicas(0);
    ASSERT_TRUE(ScaleDown(InvariantFor(Mode::kMonotonic)));
    EXPECT_EQ(Set()->status.current_revision, Set()->status.update_revision);
    SetReplicas(2);
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    for (const auto& p : Pods()) EXPECT_EQ(ImageOf(*p), "foo");
}

TEST_F(StatefulSetUpdateTest, CurrentReplicasCanGoNegativeAndTheStatusWriteIsRejected) {
    // Phase E decrements currentReplicas for every deletion, also for a pod that sits at an
    // intermediate revision (neither current nor update). With no pod at the current revision
    // the count reaches -1 and status validation rejects it; the deletion has happened, and the
    // retry writes a correct status. Same as upstream (PR #75498 was never merged).
    Make(1, Mode::kBurst);
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kBurst)));
    SetImage("b");
    ASSERT_FALSE(Sync().err);
    FinishTerminations();
    ASSERT_FALSE(Sync().err);  // foo-0 comes back at revision b, still Pending
    ASSERT_TRUE(Pod(0));
    EXPECT_EQ(Set()->status.current_replicas, 0);
    SetImage("c");
    auto r = Sync();
    ASSERT_TRUE(r.err);
    EXPECT_EQ(r.err.message(), "StatefulSet.apps \"foo\" is invalid: status.currentReplicas: Invalid value: -1: must be "
                               "greater than or equal to 0");
    EXPECT_TRUE(HasReason("status not written: " + r.err.message())) << last_why.Summary();
    EXPECT_FALSE(Pod(0));  // the outdated pod was deleted all the same
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Set()->status.current_replicas, 0);
    EXPECT_EQ(GetPodRevision(*Pod(0)), Set()->status.update_revision);
}

// ---- The stuck-rollout trap (§8.1) -----------------------------------------------------------

class StatefulSetStuckRolloutTest : public ::testing::TestWithParam<Mode>, public UpdateHelpers {};

TEST_P(StatefulSetStuckRolloutTest, RevertingTheTemplateIsNotEnoughForOrderedReady) {
    Make(3, GetParam());
    ASSERT_TRUE(ScaleUp(InvariantFor(GetParam())));
    const std::string good = Set()->status.current_revision;
    SetImage("broken");
    ASSERT_FALSE(Sync().err);
    FinishTerminations();
    ASSERT_FALSE(Sync().err);
    ASSERT_TRUE(Pod(2));
    SetPodRunning(2);  // never Ready
    const std::string bad = GetPodRevision(*Pod(2));
    ASSERT_NE(bad, good);
    SetImage("nginx");  // revert
    for (int i = 0; i < 5; ++i) {
        ASSERT_FALSE(Sync().err);
        FinishTerminations();
        if (Pod(2) && Pod(2)->status.phase == "Pending") SetPodRunning(2);
    }
    EXPECT_EQ(Set()->status.update_revision, good);  // rollback reused the old revision
    if (GetParam() == Mode::kMonotonic) {
        EXPECT_EQ(GetPodRevision(*Pod(2)), bad);
        EXPECT_TRUE(HasReason("foo-2 not replaced: it is Running but not Ready at revision " + bad +
                              ", and OrderedReady updates nothing until every pod is Running and Ready (delete foo-2 "
                              "to recreate it at " + good + ")"))
            << last_why.Summary();
        // The documented fix: delete the broken pod; it comes back from the reverted template.
        RemovePod("foo-2");
        ASSERT_FALSE(Sync().err);
    }
    ASSERT_TRUE(Pod(2));
    EXPECT_EQ(GetPodRevision(*Pod(2)), good);  // Parallel self-heals without help
    EXPECT_EQ(ImageOf(*Pod(2)), "nginx");
}

INSTANTIATE_TEST_SUITE_P(Modes, StatefulSetStuckRolloutTest, ::testing::Values(Mode::kMonotonic, Mode::kBurst),
                         [](const ::testing::TestParamInfo<Mode>& pi) {
                             return std::string(pi.param == Mode::kMonotonic ? "OrderedReady" : "Parallel");
                         });

// ---- TestStaleOwnerRefOnScaleup --------------------------------------------------------------

class StatefulSetStaleOwnerRefTest : public ::testing::TestWithParam<Policy>, public UpdateHelpers {};

TEST_P(StatefulSetStaleOwnerRefTest, ScaleUpWaitsForTheOldClaimToBeCollected) {
    const Policy policy = GetParam();
    Make(3, Mode::kMonotonic,
         [&](k8s::StatefulSet& s) { s.spec.persistent_volume_claim_retention_policy = PolicyValue(policy); });
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    SetReplicas(2);
    ASSERT_FALSE(Sync().err);
    ASSERT_TRUE(HasOwnerRef(Claim(2)->metadata, Pod(2)->metadata.uid));  // Phase B before deletion
    FinishTerminations();
    SetReplicas(3);
    for (int i = 0; i < 10; ++i) {
        ASSERT_FALSE(Sync().err);
        EXPECT_FALSE(Pod(2)) << "iteration " << i;
    }
    EXPECT_EQ(Set()->status.replicas, 2);
    EXPECT_TRUE(HasReason("foo-2 not created: a claim still has an owner reference to an earlier foo-2 "
                          "(whenScaled: Delete waits for the garbage collector to remove it)"))
        << last_why.Summary();
    CollectOrphanedClaims();
    ASSERT_TRUE(ScaleUp(InvariantFor(Mode::kMonotonic)));
    EXPECT_EQ(Set()->status.replicas, 3);
    EXPECT_TRUE(Claim(2));
}

INSTANTIATE_TEST_SUITE_P(WhenScaledDelete, StatefulSetStaleOwnerRefTest, ::testing::Values(Policy::kScaleDownOnly, Policy::kDelete),
                         [](const ::testing::TestParamInfo<Policy>& pi) { return std::string(PolicyName(pi.param)); });

// ---- Long names and invalid templates (§8.10) ------------------------------------------------

TEST_F(StatefulSetUpdateTest, LongNamesMakeEveryPodCreateFail) {
    const std::string name(60, 'a');
    auto set = NewStatefulSet(1, name);
    ASSERT_TRUE(CreateSet(set));
    auto r = Sync(name);
    ASSERT_TRUE(r.err);
    EXPECT_FALSE(Pod(0, name));
    const std::string rev = Set(name)->status.update_revision;
    ASSERT_GT(rev.size(), 63u);
    const std::string want = "Warning FailedCreate create Pod " + name + "-0 in StatefulSet " + name +
                             " failed error: Pod \"" + name + "-0\" is invalid: metadata.labels: Invalid value: \"" +
                             rev + "\": must be no more than 63 characters";
    bool found = false;
    for (const auto& e : Events()) found = found || e == want;
    EXPECT_TRUE(found) << ::testing::PrintToString(Events());
}

}  // namespace
}  // namespace sts::controllers::statefulset::testing
