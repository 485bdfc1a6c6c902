// The reconcile core driven one sync at a time, after upstream's TestStatefulSetControl: every
// scenario runs as OrderedReady (I-Mono) and Parallel (I-Burst) under the five PVC retention
// policies, with the invariants checked after every sync.
#include <gtest/gtest.h>

#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

class StatefulSetControlTest : public ::testing::TestWithParam<std::tuple<Mode, Policy>>, public ControlHarness {
protected:
    Mode mode() const { return std::get<0>(GetParam()); }
    Policy policy() const { return std::get<1>(GetParam()); }
    bool monotonic() const { return mode() == Mode::kMonotonic; }
    Invariant inv() const { return InvariantFor(mode()); }

    std::shared_ptr<const k8s::StatefulSet> MakeSet(int replicas) {
        auto set = NewStatefulSet(replicas);
        set.spec.persistent_volume_claim_retention_policy = PolicyValue(policy());
        if (!monotonic()) set.spec.pod_management_policy = "Parallel";
        return CreateSet(set);
    }
    bool ScaleDeletesClaims() const { return policy() == Policy::kScaleDownOnly || policy() == Policy::kDelete; }
    int CountEvents(const std::string& text) const {
        int n = 0;
        for (const auto& e : api.events().List("default"))
            if (e->type + " " + e->reason + " " + e->message == text) n += e->count;
        return n;
    }
};

TEST_P(StatefulSetControlTest, CreatesPodsWithPodIndexLabelFeature) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    auto set = Set();
    EXPECT_EQ(set->status.replicas, 3);
    EXPECT_EQ(set->status.ready_replicas, 3);
    EXPECT_EQ(set->status.updated_replicas, 3);
    auto pods = Pods();
    ASSERT_EQ(pods.size(), 3u);
    for (const auto& p : pods) EXPECT_EQ(p->metadata.labels.Get(kPodIndexLabel), std::to_string(GetOrdinal(*p)));
}

TEST_P(StatefulSetControlTest, CreatesPodsWithoutPodIndexLabelFeature) {
    gates.pod_index_label = false;
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    EXPECT_EQ(Set()->status.ready_replicas, 3);
    for (const auto& p : Pods()) EXPECT_FALSE(p->metadata.labels.Has(kPodIndexLabel));
}

TEST_P(StatefulSetControlTest, ScalesUp) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    SetReplicas(4);
    ASSERT_TRUE(ScaleUp(inv()));
    auto set = Set();
    EXPECT_EQ(set->status.replicas, 4);
    EXPECT_EQ(set->status.ready_replicas, 4);
    EXPECT_EQ(set->status.updated_replicas, 4);
}

TEST_P(StatefulSetControlTest, ScalesDown) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    SetReplicas(0);
    ASSERT_TRUE(ScaleDown(inv()));
    auto set = Set();
    EXPECT_EQ(set->status.replicas, 0);
    EXPECT_EQ(set->status.ready_replicas, 0);
    EXPECT_EQ(set->status.updated_replicas, 0);
    EXPECT_TRUE(Pods().empty());
    // Claims survive scale-down unless whenScaled is Delete (then the GC took them).
    EXPECT_EQ(api.pvcs().Size(), ScaleDeletesClaims() ? 0u : 3u);
}

TEST_P(StatefulSetControlTest, ReplacesPods) {
    MakeSet(5);
    ASSERT_TRUE(ScaleUp(inv()));
    ASSERT_EQ(Set()->status.replicas, 5);
    for (const auto& pod : Pods())
        EXPECT_FALSE(HasOwnerRef(Claim(GetOrdinal(*pod))->metadata, pod->metadata.uid)) << pod->metadata.name;
    const std::string old_uid = Pod(2)->metadata.uid;
    for (int ord : {0, 2, 4}) RemovePod("foo-" + std::to_string(ord));
    for (int i = 0; i < 5; i += 2) {
        ASSERT_FALSE(Sync().err);
        if (monotonic()) {
            // Lowest missing ordinal first, one per sync.
            for (int later = i + 2; later < 5; later += 2) EXPECT_FALSE(Pod(later)) << later;
        } else if (i == 0) {
            EXPECT_TRUE(Pod(2) && Pod(4));
        }
        ASSERT_TRUE(Pod(i));
        SetPodRunning(i);
        ASSERT_FALSE(Sync().err);
        SetPodReady(i);
    }
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(inv()(*this), "");  // the holes are filled
    EXPECT_EQ(Set()->status.replicas, 5);
    EXPECT_NE(Pod(2)->metadata.uid, old_uid);  // same name, new object
    EXPECT_EQ(Claim(2)->metadata.name, "datadir-foo-2");
}

void RecreatesPod(StatefulSetControlTest& t, ControlHarness& h, const std::string& phase, bool delete_failure,
                  bool monotonic, const Invariant& inv) {
    ASSERT_FALSE(h.Sync().err);
    EXPECT_EQ(inv(h), "");
    EXPECT_EQ(h.om.delete_pod.requests, 0);
    EXPECT_EQ(h.Pods().size(), monotonic ? 1u : 3u);
    const std::string old_uid = h.Pod(0)->metadata.uid;
    h.SetPodPhase(0, phase);
    int expected_deletes = 0;
    if (delete_failure) {
        h.om.delete_pod.err = InternalError();
        auto r = h.Sync();
        EXPECT_TRUE(r.err.Has("InternalError")) << r.err.message();
        EXPECT_EQ(inv(h), "");
        EXPECT_EQ(h.om.delete_pod.requests, ++expected_deletes);
        EXPECT_TRUE(h.Pod(0));
    }
    ASSERT_FALSE(h.Sync().err);
    EXPECT_EQ(inv(h), "");
    EXPECT_EQ(h.om.delete_pod.requests, ++expected_deletes);
    EXPECT_FALSE(h.Pod(0));  // a finished pod has no grace period
    bool explained = false;
    for (const auto& a : h.last_why.actions) explained = explained || a.rfind("deleted foo-0 (phase " + phase, 0) == 0;
    EXPECT_TRUE(explained) << h.last_why.Summary();
    ASSERT_FALSE(h.Sync().err);
    EXPECT_EQ(inv(h), "");
    ASSERT_TRUE(h.Pod(0));
    EXPECT_NE(h.Pod(0)->metadata.uid, old_uid);
    EXPECT_EQ(h.Pod(0)->status.phase, "Pending");
    EXPECT_EQ(h.om.create_pod.requests, monotonic ? 2 : 4);
    (void)t;
}

TEST_P(StatefulSetControlTest, RecreatesFailedPod) {
    MakeSet(3);
    RecreatesPod(*this, *this, "Failed", false, monotonic(), inv());
}

TEST_P(StatefulSetControlTest, RecreatesSucceededPod) {
    MakeSet(3);
    RecreatesPod(*this, *this, "Succeeded", false, monotonic(), inv());
}

TEST_P(StatefulSetControlTest, RecreatesFailedPodWithDeleteFailure) {
    MakeSet(3);
    RecreatesPod(*this, *this, "Failed", true, monotonic(), inv());
}

TEST_P(StatefulSetControlTest, RecreatesSucceededPodWithDeleteFailure) {
    MakeSet(3);
    RecreatesPod(*this, *this, "Succeeded", true, monotonic(), inv());
}

TEST_P(StatefulSetControlTest, CreatePodFailure) {
    MakeSet(3);
    om.create_pod.err = InternalError();
    om.create_pod.after = 1;  // the second create fails
    auto first = ScaleUp(inv());
    ASSERT_FALSE(first);
    EXPECT_NE(std::string(first.message()).find("Internal error occurred: API server failed"), std::string::npos)
        << first.message();
    EXPECT_EQ(CountEvents("Warning FailedCreate create Pod foo-1 in StatefulSet foo failed error: Internal error "
                          "occurred: API server failed"),
              1);
    ASSERT_TRUE(ScaleUp(inv()));
    EXPECT_EQ(Set()->status.replicas, 3);
}

TEST_P(StatefulSetControlTest, UpdatePodFailure) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    k8s::Pod broken = *Pod(0);
    broken.metadata.labels.Erase(kStatefulSetPodNameLabel);
    ASSERT_TRUE(api.pods().Update(broken).ok());
    om.update_pod.err = InternalError();
    auto r = Sync();
    EXPECT_TRUE(r.err.Has("InternalError")) << r.err.message();
    EXPECT_FALSE(IdentityMatches(*Set(), *Pod(0)));
    ASSERT_FALSE(Sync().err);
    EXPECT_TRUE(IdentityMatches(*Set(), *Pod(0)));
}

TEST_P(StatefulSetControlTest, UpdateSetStatusFailure) {
    MakeSet(3);
    om.update_status.err = InternalError();
    om.update_status.after = 2;
    ASSERT_FALSE(ScaleUp(inv()));
    ASSERT_TRUE(ScaleUp(inv()));
    EXPECT_EQ(Set()->status.replicas, 3);
}

TEST_P(StatefulSetControlTest, NewRevisionDeletePodFailure) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    SetImage("foo");
    om.delete_pod.err = InternalError();
    auto r = Sync();
    EXPECT_TRUE(r.err.Has("InternalError")) << r.err.message();
    // The status is written even though the sync failed.
    EXPECT_NE(Set()->status.update_revision, Set()->status.current_revision);
    EXPECT_EQ(Set()->status.current_replicas, 3);
    ASSERT_FALSE(Sync().err);
    // The deletion for the update decrements currentReplicas before any pod event arrives.
    EXPECT_EQ(Set()->status.current_replicas, 2);
    EXPECT_TRUE(Pod(2)->metadata.IsTerminating());
}

TEST_P(StatefulSetControlTest, RecreatesPVCForPendingPod) {
    MakeSet(3);
    ASSERT_FALSE(Sync().err);
    ASSERT_TRUE(Claim(0));
    ASSERT_EQ(Pod(0)->status.phase, "Pending");
    const std::string old_uid = Claim(0)->metadata.uid;
    DeleteClaim("datadir-foo-0");
    ASSERT_FALSE(Claim(0));
    ASSERT_FALSE(Sync().err);
    ASSERT_TRUE(Claim(0));
    EXPECT_NE(Claim(0)->metadata.uid, old_uid);
}

TEST_P(StatefulSetControlTest, ScaleDownDeleteError) {
    MakeSet(3);
    ASSERT_TRUE(ScaleUp(inv()));
    SetReplicas(0);
    om.delete_pod.err = InternalError();
    ASSERT_FALSE(ScaleDown(inv()));
    ASSERT_TRUE(ScaleDown(inv()));
    EXPECT_EQ(Set()->status.replicas, 0);
}

std::string ParamName(const ::testing::TestParamInfo<std::tuple<Mode, Policy>>& pi) {
    return std::string(std::get<0>(pi.param) == Mode::kMonotonic ? "Monotonic" : "Burst") +
           PolicyName(std::get<1>(pi.param));
}

INSTANTIATE_TEST_SUITE_P(PoliciesAndModes, StatefulSetControlTest,
                         ::testing::Combine(::testing::Values(Mode::kMonotonic, Mode::kBurst),
                                            ::testing::Values(Policy::kRetain, Policy::kSetDeleteOnly,
                                                              Policy::kScaleDownOnly, Policy::kDelete,
                                                              Policy::kNullPolicy)),
                         ParamName);

// ---- Scenarios run over the two pod management policies --------------------------------------

class StatefulSetModeTest : public ::testing::TestWithParam<Mode>, public ControlHarness {
protected:
    bool monotonic() const { return GetParam() == Mode::kMonotonic; }
    Invariant inv() const { return InvariantFor(GetParam()); }
    k8s::StatefulSet Fixture(int replicas) {
        auto set = NewStatefulSet(replicas);
        if (!monotonic()) set.spec.pod_management_policy = "Parallel";
        return set;
    }
};

TEST_P(StatefulSetModeTest, CreatesPodsWithStartOrdinal) {
    auto set = Fixture(3);
    set.spec.ordinals = k8s::StatefulSetOrdinals{2};
    CreateSet(set);
    ASSERT_TRUE(ScaleUp(inv()));
    std::vector<std::string> names;
    for (const auto& p : Pods()) names.push_back(p->metadata.name);
    EXPECT_EQ(names, (std::vector<std::string>{"foo-2", "foo-3", "foo-4"}));
    EXPECT_EQ(Pod(3)->metadata.labels.Get(kPodIndexLabel), "3");
    EXPECT_TRUE(Claim(4));
}

TEST_P(StatefulSetModeTest, ChangingStartOrdinalMovesTheRange) {
    // e2e "Scaling StatefulSetStartOrdinal": 0,1 -> start 2 with 3 replicas -> 2,3,4.
    CreateSet(Fixture(2));
    ASSERT_TRUE(ScaleUp(inv()));
    UpdateSet([](k8s::StatefulSet& s) {
        s.spec.ordinals = k8s::StatefulSetOrdinals{2};
        s.spec.replicas = 3;
    });
    for (int i = 0; i < 40 && !(Pods().size() == 3 && Set()->status.ready_replicas == 3 && !Pod(0) && !Pod(1)); ++i) {
        ASSERT_FALSE(Sync().err);
        FinishTerminations();
        for (const auto& p : Pods()) {
            if (p->status.phase == "Pending") SetPodRunning(GetOrdinal(*p));
            else if (!IsPodReady(*p)) SetPodReady(GetOrdinal(*p));
        }
    }
    std::vector<std::string> names;
    for (const auto& p : Pods()) names.push_back(p->metadata.name);
    EXPECT_EQ(names, (std::vector<std::string>{"foo-2", "foo-3", "foo-4"}));
}

// "foo-01" reads as ordinal 1 too. Upstream's replica slice holds one pod per ordinal and
// updateStatus counts the slots and the condemned, so the twin counts nowhere.
TEST_P(StatefulSetModeTest, TwoNamesForOneOrdinalCountOnce) {
    CreateSet(Fixture(2));
    ASSERT_TRUE(ScaleUp(inv()));
    k8s::Pod twin = *Pod(1);
    twin.metadata.name = "foo-01";
    twin.metadata.uid.clear();
    twin.metadata.resource_version.clear();
    twin.metadata.labels.Set(kStatefulSetPodNameLabel, "foo-01");
    ASSERT_TRUE(api.pods().Create(twin).ok());
    const k8s::PodStatus running_and_ready = Pod(1)->status;
    UpdatePodStatus("foo-01", [&](k8s::Pod& p) { p.status = running_and_ready; });
    ASSERT_EQ(Pods().size(), 3u);
    ASSERT_FALSE(Sync().err);
    auto set = Set();
    EXPECT_EQ(set->status.replicas, 2);
    EXPECT_EQ(set->status.ready_replicas, 2);
    EXPECT_EQ(set->status.current_replicas, 2);
    EXPECT_EQ(set->status.updated_replicas, 2);
}

TEST_P(StatefulSetModeTest, ParallelScaleIsMonotonicOnlyInOrderedReady) {
    // OrderedReady creates exactly one pod per sync; Parallel creates every missing pod at once.
    CreateSet(Fixture(4));
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Pods().size(), monotonic() ? 1u : 4u);
    const std::string rev = Set()->status.update_revision;
    if (monotonic()) {
        EXPECT_EQ(last_why.Summary(), "created foo-0 at revision " + rev +
                                          " (OrderedReady creates one pod per sync and waits for it to be Running and "
                                          "Ready)");
    } else {
        EXPECT_EQ(last_why.actions.size(), 4u);
        EXPECT_EQ(last_why.actions.back(), "created foo-3 at revision " + rev);
    }
    ASSERT_FALSE(Sync().err);
    EXPECT_EQ(Pods().size(), monotonic() ? 1u : 4u);  // foo-0 is Pending: OrderedReady waits
}

TEST_P(StatefulSetModeTest, UnhealthyPodsBlockOrderedScaleDownOnly) {
    // e2e "Scaling should happen in predictable order and halt if any stateful pod is
    // unhealthy" vs "Burst scaling should run to completion even with unhealthy pods".
    CreateSet(Fixture(3));
    ASSERT_TRUE(ScaleUp(inv()));
    SetPodNotReady(0);
    SetReplicas(1);
    for (int i = 0; i < 3; ++i) {
        ASSERT_FALSE(Sync().err);
        FinishTerminations();
    }
    EXPECT_EQ(Pods().size(), monotonic() ? 3u : 1u);
    if (monotonic()) {
        EXPECT_EQ(last_why.actions.size(), 0u);
        ASSERT_FALSE(last_why.reasons.empty());
        EXPECT_EQ(last_why.reasons[0],
                  "foo-2 not deleted: foo-0 is Running but not Ready (OrderedReady scales down only when every pod "
                  "in range is Running and Ready)");
        SetPodReady(0);
        ASSERT_FALSE(Sync().err);
        EXPECT_TRUE(Pod(2)->metadata.IsTerminating());
        EXPECT_FALSE(Pod(1)->metadata.IsTerminating());  // highest first, one at a time
    }
}

TEST_P(StatefulSetModeTest, OnlyTheFirstUnhealthyCondemnedPodMayBeRemoved) {
    // Reference §8.11: replicas 5 -> 3 with condemned 3 and 4 both unhealthy: 3 is the first
    // unhealthy pod, so 4 (processed first, descending) blocks OrderedReady scale-down.
    CreateSet(Fixture(5));
    ASSERT_TRUE(ScaleUp(inv()));
    SetPodNotReady(3);
    SetPodNotReady(4);
    SetReplicas(3);
    for (int i = 0; i < 3; ++i) {
        ASSERT_FALSE(Sync().err);
        FinishTerminations();
    }
    if (monotonic()) {
        EXPECT_TRUE(Pod(3) && Pod(4));
        ASSERT_FALSE(last_why.reasons.empty());
        EXPECT_EQ(last_why.reasons[0],
                  "foo-4 not deleted: it is Running but not Ready and only the first unhealthy pod (foo-3) may be "
                  "removed (OrderedReady scale-down)");
    } else {
        EXPECT_FALSE(Pod(3));
        EXPECT_FALSE(Pod(4));
    }
}

INSTANTIATE_TEST_SUITE_P(Modes, StatefulSetModeTest, ::testing::Values(Mode::kMonotonic, Mode::kBurst),
                         [](const ::testing::TestParamInfo<Mode>& pi) {
                             return std::string(pi.param == Mode::kMonotonic ? "Monotonic" : "Burst");
                         });

// ---- TestParallelScale -----------------------------------------------------------------------

struct ParallelCase {
    const char* name;
    int replicas;
    int desired;
    friend void PrintTo(const ParallelCase& c, std::ostream* os) { *os << c.name; }
};

class StatefulSetParallelScaleTest : public ::testing::TestWithParam<ParallelCase>, public ControlHarness {};

TEST_P(StatefulSetParallelScaleTest, ReachesTargetWithinTwoSyncs) {
    const auto& tc = GetParam();
    auto set = NewStatefulSet(0);
    set.spec.pod_management_policy = "Parallel";
    set.spec.volume_claim_templates[0].metadata.labels = {{"test", "test"}};
    CreateSet(set);
    // parallelScaleUpStatefulSetControl / ...Down: at most two syncs per scale.
    auto scale = [&](int target) -> ::testing::AssertionResult {
        SetReplicas(target);
        for (int loop = 0; Set()->status.replicas != target; ++loop) {
            if (loop == 2) return ::testing::AssertionFailure() << "after 2 loops: replicas " << Set()->status.replicas;
            if (auto r = Sync(); r.err) return ::testing::AssertionFailure() << r.err.message();
            FinishTerminations();  // the kubelet is quick
            if (auto e = BurstInvariants(*this); !e.empty()) return ::testing::AssertionFailure() << e;
        }
        return ::testing::AssertionSuccess();
    };
    ASSERT_TRUE(scale(tc.replicas));
    const int creates = om.create_pod.requests;
    ASSERT_TRUE(scale(tc.desired));
    EXPECT_EQ(static_cast<int>(Pods().size()), tc.desired);
    if (tc.desired > tc.replicas) {
        // Every missing pod was created by the first sync (slow-start batches 1, 2, 4, ...).
        EXPECT_EQ(om.create_pod.requests - creates, tc.desired - tc.replicas);
    } else {
        EXPECT_EQ(om.delete_pod.requests, tc.replicas - tc.desired);
    }
}

INSTANTIATE_TEST_SUITE_P(TestParallelScale, StatefulSetParallelScaleTest,
                         ::testing::Values(ParallelCase{"ScaleUpFrom3To30", 3, 30},
                                           ParallelCase{"ScaleDownFrom10To1", 10, 1},
                                           ParallelCase{"ScaleDownFrom501To0", 501, 0},
                                           ParallelCase{"ScaleUpFrom0To1000", 0, 1000}),
                         [](const ::testing::TestParamInfo<ParallelCase>& pi) { return std::string(pi.param.name); });

}  // namespace
}  // namespace sts::controllers::statefulset::testing
