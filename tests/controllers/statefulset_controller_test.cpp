// The StatefulSet controller as a queue-driven component on the simulated clock, after
// upstream's stateful_set_test.go: event routing, ordered creation and deletion, termination,
// adoption and release, revision adoption, minReadySeconds requeues, backoff on failures, and
// the "why" explanations.
#include <gtest/gtest.h>

#include "engine/simulation.h"
#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

class StatefulSetControllerTest : public ::testing::Test, public Env {
protected:
    StatefulSetControllerTest() : controller(std::make_unique<StatefulSetController>(ctx)) {
        api.pods().AddHandler([this](apiserver::WatchType type, const PodPtr& old_pod, const PodPtr& new_pod) {
            if (type == apiserver::WatchType::kAdded) added.push_back(new_pod->metadata.name);
            if (type == apiserver::WatchType::kModified && !old_pod->metadata.IsTerminating() &&
                new_pod->metadata.IsTerminating())
                terminating.push_back(new_pod->metadata.name);
        });
    }
    ~StatefulSetControllerTest() override { controller.reset(); }

    // Runs the controller for a while on the simulated clock.
    void Run(Duration d = Seconds(1)) { scheduler.RunUntil(Now() + d); }
    // The kubelet: every pod moves one step (Pending -> Running -> Ready); terminations finish.
    void KubeletStep() {
        FinishTerminations();
        for (const auto& p : api.pods().List("default")) {
            if (p->metadata.IsTerminating()) continue;
            const auto [parent, ord] = GetParentNameAndOrdinal(p->metadata.name);
            if (ord < 0) continue;
            if (p->status.phase == "Pending") SetPodRunning(ord, parent);
            else if (p->status.phase == "Running" && !IsPodReady(*p)) SetPodReady(ord, parent);
        }
    }
    void RunToReady(int replicas, const std::string& name = "foo", int limit = 60) {
        for (int i = 0; i < limit; ++i) {
            Run();
            auto set = Set(name);
            if (set->status.ready_replicas == replicas && set->status.replicas == replicas &&
                set->status.observed_generation == set->metadata.generation)
                return;
            KubeletStep();
        }
        FAIL() << "not ready: " << Set(name)->status.ready_replicas << " " << Explain(name);
    }
    void RunUntilTrue(const std::function<bool()>& done, int limit = 80) {
        for (int i = 0; i < limit; ++i) {
            Run();
            if (done()) return;
            KubeletStep();
        }
        FAIL() << "condition never held: " << Explain();
    }
    bool RolledOut(int replicas, int partition) const {
        auto s = Set();
        return s->status.observed_generation == s->metadata.generation && s->status.ready_replicas == replicas &&
               s->status.replicas == replicas && s->status.updated_replicas == replicas - partition;
    }
    std::string Explain(const std::string& name = "foo") const {
        const auto* why = controller->Explain("default/" + name);
        return why ? why->Summary() : "<none>";
    }
    k8s::Pod OrphanPod(const std::string& name, StringMap labels) {
        k8s::Pod pod;
        pod.metadata.name = name;
        pod.metadata.namespace_ = "default";
        pod.metadata.labels = std::move(labels);
        k8s::Container c;
        c.name = "nginx";
        c.image = "nginx";
        pod.spec.Mut().containers.push_back(c);
        return pod;
    }

    std::unique_ptr<StatefulSetController> controller;
    std::vector<std::string> added;
    std::vector<std::string> terminating;
};

TEST_F(StatefulSetControllerTest, Creates) {
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    EXPECT_EQ(added, (std::vector<std::string>{"foo-0", "foo-1", "foo-2"}));
    EXPECT_EQ(Set()->status.current_revision, Set()->status.update_revision);
    EXPECT_EQ(Explain(), "updated nothing (in sync: 3 of 3 pods Ready, 3 at update revision " +
                             Set()->status.update_revision + ")");
}

TEST_F(StatefulSetControllerTest, Deletes) {
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    SetReplicas(0);
    for (int i = 0; i < 20 && !Pods().empty(); ++i) {
        Run();
        KubeletStep();
    }
    EXPECT_TRUE(Pods().empty());
    EXPECT_EQ(terminating, (std::vector<std::string>{"foo-2", "foo-1", "foo-0"}));
    Run();
    EXPECT_EQ(Set()->status.replicas, 0);
}

TEST_F(StatefulSetControllerTest, ScaleDownWaitsForEachPodToBeGone) {
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    SetReplicas(1);
    Run(Seconds(5));
    EXPECT_EQ(terminating, (std::vector<std::string>{"foo-2"}));
    EXPECT_TRUE(Pod(1) && !Pod(1)->metadata.IsTerminating());
    const auto* why = controller->Explain("default/foo");
    ASSERT_NE(why, nullptr);
    ASSERT_FALSE(why->reasons.empty());
    EXPECT_EQ(why->reasons[0], "foo-1 not deleted: foo-2 is still terminating (OrderedReady scale-down removes one pod "
                               "at a time, highest ordinal first, each once the one above is gone)");
    RemovePod("foo-2");
    Run();
    EXPECT_EQ(terminating, (std::vector<std::string>{"foo-2", "foo-1"}));
}

TEST_F(StatefulSetControllerTest, RespectsTermination) {
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    // Two extra pods at ordinals 3 and 4, already terminating.
    for (int ord : {3, 4}) {
        auto pod = NewStatefulSetPod(*Set(), ord, true);
        SetPodRevision(pod, Set()->status.update_revision);
        ASSERT_TRUE(api.pods().Create(pod).ok());
        RunAndReady(ord);
        api.pods().Delete("default", pod.metadata.name);
        ASSERT_TRUE(Pod(ord)->metadata.IsTerminating());
    }
    Run(Seconds(5));
    for (const auto& e : Events()) {
        EXPECT_EQ(e.find("delete Pod foo-3"), std::string::npos) << e;
        EXPECT_EQ(e.find("delete Pod foo-4"), std::string::npos) << e;
    }
    EXPECT_EQ(Set()->status.replicas, 5);  // terminating pods still count
    RemovePod("foo-3");
    RemovePod("foo-4");
    Run();
    EXPECT_EQ(Set()->status.replicas, 3);
    SetReplicas(0);
    for (int i = 0; i < 20 && !Pods().empty(); ++i) {
        Run();
        KubeletStep();
    }
    EXPECT_TRUE(Pods().empty());
}

TEST_F(StatefulSetControllerTest, BlocksScaling) {
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    api.pods().Delete("default", "foo-0");
    ASSERT_TRUE(Pod(0)->metadata.IsTerminating());
    SetReplicas(5);
    Run(Seconds(5));
    EXPECT_EQ(Pods().size(), 3u);
    RemovePod("foo-0");
    Run(Seconds(5));
    EXPECT_EQ(Pods().size(), 3u);  // only the replacement foo-0, not foo-3
    ASSERT_TRUE(Pod(0));
    EXPECT_FALSE(Pod(3));
    EXPECT_EQ(Explain(), "updated nothing (foo-3 not created: foo-0 is Pending (OrderedReady waits for every lower "
                         "ordinal to be Running and Ready))");
}

TEST_F(StatefulSetControllerTest, DeletionTimestampStopsEverythingButStatus) {
    auto set = NewStatefulSet(3);
    set.metadata.finalizers = {"example.com/hold"};
    CreateSet(set);
    client::DeleteOptions opts;
    api.statefulsets().Delete("default", "foo", opts);
    ASSERT_TRUE(Set()->metadata.deletion_timestamp);
    Run(Seconds(5));
    EXPECT_TRUE(Pods().empty());
    EXPECT_EQ(Explain(), "updated nothing (the StatefulSet is being deleted: only its status is updated)");
    EXPECT_EQ(Set()->status.observed_generation, Set()->metadata.generation);
}

TEST_F(StatefulSetControllerTest, DeletionTimestampRace) {
    // The cache still shows the set alive while the API server already has it deleted: the
    // uncached recheck before adoption sees the deletion, so neither the orphan pod nor the
    // orphan revision is adopted.
    CreateSet(NewStatefulSet(2));
    auto orphan_rev = NewRevision(*Set(), 1, 0);
    orphan_rev.metadata.owner_references.clear();
    ASSERT_TRUE(api.revisions().Create(orphan_rev).ok());
    ASSERT_TRUE(api.pods().Create(OrphanPod("foo-1", {{"foo", "bar"}})).ok());
    ApiObjectManager real(api);
    FakeObjectManager fake(real);
    const Time deleted_at = Now();
    fake.uncached_set = [&](const std::string& ns, const std::string& name) {
        auto fetched = real.GetStatefulSetUncached(ns, name);
        if (fetched.obj) {
            k8s::StatefulSet deleted = *fetched.obj;
            deleted.metadata.deletion_timestamp = k8s::Timestamp(deleted_at);
            fetched.obj = std::make_shared<const k8s::StatefulSet>(std::move(deleted));
        }
        return fetched;
    };
    controller->SetObjectManager(&fake);
    Run();
    EXPECT_EQ(api.pods().Get("default", "foo-1")->metadata.ControllerRef(), nullptr);
    EXPECT_EQ(api.revisions().Get("default", orphan_rev.metadata.name)->metadata.ControllerRef(), nullptr);
    EXPECT_NE(Explain().find("can't adopt ControllerRevisions: default/foo has just been deleted at"), std::string::npos)
        << Explain();
    controller->SetObjectManager(nullptr);
}

TEST_F(StatefulSetControllerTest, AdoptsMatchingOrphans) {
    // TestGetPodsForStatefulSetAdopt: right name and labels are adopted; wrong labels or a name
    // of another set are not.
    ASSERT_TRUE(api.pods().Create(OrphanPod("foo-1", {{"foo", "bar"}})).ok());
    ASSERT_TRUE(api.pods().Create(OrphanPod("foo-2", {{"foo", "other"}})).ok());
    ASSERT_TRUE(api.pods().Create(OrphanPod("bar-0", {{"foo", "bar"}})).ok());
    CreateSet(NewStatefulSet(2));
    Run();
    auto set = Set();
    ASSERT_NE(Pod(1)->metadata.ControllerRef(), nullptr);
    EXPECT_EQ(Pod(1)->metadata.ControllerRef()->uid, set->metadata.uid);
    EXPECT_TRUE(Pod(1)->metadata.ControllerRef()->block_owner_deletion.value_or(false));
    EXPECT_EQ(Pod(2)->metadata.ControllerRef(), nullptr);
    EXPECT_EQ(api.pods().Get("default", "bar-0")->metadata.ControllerRef(), nullptr);
    // foo-0 was missing and is created; the adopted foo-1 is kept (same UID).
    ASSERT_TRUE(Pod(0));
    EXPECT_EQ(added.back(), "foo-0");
}

TEST_F(StatefulSetControllerTest, ReleasesNonMatchingPodsAndReadoptsThem) {
    // e2e "should adopt matching orphans and release non-matching pods".
    CreateSet(NewStatefulSet(1));
    RunToReady(1);
    k8s::Pod relabeled = *Pod(0);
    relabeled.metadata.labels.Set("foo", "gone");
    ASSERT_TRUE(api.pods().Update(relabeled).ok());
    Run();
    EXPECT_EQ(Pod(0)->metadata.ControllerRef(), nullptr);  // released
    // Its name is taken, so the replacement cannot be created: FailedCreate and backoff.
    bool already_exists = false;
    for (const auto& e : Events())
        already_exists = already_exists || e.find("already exists") != std::string::npos;
    EXPECT_FALSE(already_exists);  // AlreadyExists is not recorded as an event
    k8s::Pod back = *Pod(0);
    back.metadata.labels.Set("foo", "bar");
    ASSERT_TRUE(api.pods().Update(back).ok());
    Run(Seconds(30));
    ASSERT_NE(Pod(0)->metadata.ControllerRef(), nullptr);
    EXPECT_EQ(Pod(0)->metadata.ControllerRef()->uid, Set()->metadata.uid);
}

TEST_F(StatefulSetControllerTest, AdoptsOrphanRevisions) {
    CreateSet(NewStatefulSet(1));
    // An orphaned revision of exactly this template (left by an orphan-deleted set).
    auto orphan = NewRevision(*Set(), 1, 0);
    orphan.metadata.owner_references.clear();
    ASSERT_TRUE(api.revisions().Create(orphan).ok());
    Run();
    auto rev = api.revisions().Get("default", orphan.metadata.name);
    ASSERT_TRUE(rev);
    ASSERT_NE(rev->metadata.ControllerRef(), nullptr);
    EXPECT_EQ(rev->metadata.ControllerRef()->uid, Set()->metadata.uid);
    EXPECT_EQ(Set()->status.update_revision, orphan.metadata.name);
}

TEST_F(StatefulSetControllerTest, OrphanPodEnqueuesEveryMatchingSet) {
    auto a = NewStatefulSet(0, "foo");
    auto b = NewStatefulSet(0, "foo2");
    CreateSet(a);
    CreateSet(b);
    Run();
    ASSERT_EQ(controller->QueueLength(), 0u);
    ASSERT_TRUE(api.pods().Create(OrphanPod("lonely", {{"foo", "bar"}})).ok());
    EXPECT_EQ(controller->QueueLength(), 2u);
    Run();
    // A pod nobody selects enqueues nothing, and neither does an orphan going away.
    ASSERT_TRUE(api.pods().Create(OrphanPod("other", {{"x", "y"}})).ok());
    EXPECT_EQ(controller->QueueLength(), 0u);
    RemovePod("lonely");
    EXPECT_EQ(controller->QueueLength(), 0u);
}

TEST_F(StatefulSetControllerTest, PodEventsEnqueueTheOwner) {
    CreateSet(NewStatefulSet(1));
    RunToReady(1);
    ASSERT_EQ(controller->QueueLength(), 0u);
    SetPodNotReady(0);
    EXPECT_EQ(controller->QueueLength(), 1u);
    Run();
    RemovePod("foo-0");
    EXPECT_EQ(controller->QueueLength(), 1u);
}

TEST_F(StatefulSetControllerTest, MinReadySecondsRequeuesForAvailability) {
    // Nothing but the controller's own AddAfter brings the availability check, and the work
    // queue keeps only the earliest pending AddAfter per key (client-go's delaying queue): the
    // creation sync at T asked for T+10s, which swallows the later requests made when the pod
    // turned Ready at T+1.3s. At T+10s the pod has been Ready for 9 s, so the next look is at
    // T+20s: availability shows up then, not at T+11s.
    const Time t0 = Now();
    auto set = NewStatefulSet(1);
    set.spec.min_ready_seconds = 10;
    CreateSet(set);
    Run(Millis(1300));  // off the second boundary, as a kubelet's report would be
    SetPodRunning(0);
    SetPodReady(0);
    Run(Seconds(5));
    EXPECT_EQ(Set()->status.ready_replicas, 1);
    EXPECT_EQ(Set()->status.available_replicas, 0);
    scheduler.RunUntil(t0 + Seconds(19));
    EXPECT_EQ(Set()->status.available_replicas, 0);
    scheduler.RunUntil(t0 + Seconds(21));
    EXPECT_EQ(Set()->status.available_replicas, 1);
    // Available everywhere now: no more requeues.
    const uint64_t syncs = controller->SyncCount();
    Run(Seconds(60));
    EXPECT_EQ(controller->SyncCount(), syncs);
}

TEST_F(StatefulSetControllerTest, AvailabilityCheckAfterMinReadySecondsCountsFromTheEndOfTheSync) {
    // foo-0 turns Ready on a second boundary and, in the same millisecond, minReadySeconds goes
    // from 0 to 20: the only availability look is the one that sync asks for. It must come
    // after Ready + 20 s (the check is strictly "after"), as upstream's AddAfter issued when the
    // sync returns always does, not exactly on it, or availability would wait 20 s more.
    const Time t0 = Now();
    CreateSet(NewStatefulSet(1));
    scheduler.RunUntil(t0 + Seconds(3));
    SetPodRunning(0);
    SetPodReady(0);
    UpdateSet([](k8s::StatefulSet& s) { s.spec.min_ready_seconds = 20; });
    scheduler.RunUntil(t0 + Seconds(22));
    EXPECT_EQ(Set()->status.ready_replicas, 1);
    EXPECT_EQ(Set()->status.available_replicas, 0);
    scheduler.RunUntil(t0 + Seconds(24));
    EXPECT_EQ(Set()->status.available_replicas, 1);
}

TEST_F(StatefulSetControllerTest, InvalidTemplateFailsCreateAndBacksOff) {
    auto set = NewStatefulSet(1);
    set.spec.template_.spec.containers[0].image.clear();
    CreateSet(set);
    Run(Seconds(2));
    EXPECT_TRUE(Pods().empty());
    int failed = 0;
    for (const auto& e : api.events().List("default"))
        if (e->reason == "FailedCreate") failed += e->count;
    EXPECT_GE(failed, 3);  // retried with exponential backoff (5 ms, 10 ms, 20 ms, ...)
    EXPECT_LE(failed, 12);
    const uint64_t syncs = controller->SyncCount();
    Run(Seconds(2));
    EXPECT_LE(controller->SyncCount() - syncs, 2u);
    EXPECT_NE(Explain().find("foo-0 not created: Pod \"foo-0\" is invalid: spec.containers[0].image: Required value"),
              std::string::npos)
        << Explain();
}

TEST_F(StatefulSetControllerTest, ExplainsTheOrderedReadyGate) {
    CreateSet(NewStatefulSet(3));
    Run();
    SetPodRunning(0);
    Run();
    const auto* why = controller->Explain("default/foo");
    ASSERT_NE(why, nullptr);
    EXPECT_EQ(why->set, "default/foo");
    EXPECT_GT(why->at, kSimulationEpoch - 1);
    EXPECT_TRUE(why->actions.empty());
    EXPECT_EQ(why->reasons, (std::vector<std::string>{"foo-1 not created: foo-0 is Running but not Ready (OrderedReady "
                                                      "waits for every lower ordinal to be Running and Ready)"}));
    SetPodReady(0);
    Run();
    // foo-1 was created by one sync; the pod's ADDED event brought the next one.
    EXPECT_EQ(added, (std::vector<std::string>{"foo-0", "foo-1"}));
    EXPECT_EQ(Explain(), "updated nothing (foo-2 not created: foo-1 is Pending (OrderedReady waits for every lower "
                         "ordinal to be Running and Ready))");
    RunToReady(3);
    UpdateSet([](k8s::StatefulSet& s) {
        s.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{1, std::nullopt};
    });
    SetImage("bar");
    RunUntilTrue([&] { return RolledOut(3, 1); });
    Run();
    EXPECT_EQ(Explain(), "updated nothing (foo-0 not updated: partition is 1)");
    EXPECT_EQ(controller->Explain("default/missing"), nullptr);
}

TEST_F(StatefulSetControllerTest, ExplainsTheStuckRolloutAndItsForcedRollback) {
    // Reference §8.1: the updated foo-2 never becomes Ready; OrderedReady stops at it, before
    // and after the template is reverted, until it is deleted.
    CreateSet(NewStatefulSet(3));
    RunToReady(3);
    const std::string good = Set()->status.update_revision;
    SetImage("broken");
    Run();
    FinishTerminations();
    Run();
    ASSERT_TRUE(Pod(2));
    const std::string bad = Set()->status.update_revision;
    ASSERT_NE(bad, good);
    ASSERT_EQ(GetPodRevision(*Pod(2)), bad);
    Run(Seconds(5));  // foo-2 stays Pending: its image is never pulled
    EXPECT_EQ(Explain(), "updated nothing (foo-1 not updated: foo-2 is Pending (the rolling update waits for every "
                         "pod to be Running and Ready))");
    SetImage("nginx");  // revert: the update revision is the good one again
    Run(Seconds(5));
    EXPECT_EQ(Set()->status.update_revision, good);
    EXPECT_EQ(GetPodRevision(*Pod(2)), bad);
    EXPECT_EQ(Explain(), "updated nothing (foo-2 not replaced: it is Pending at revision " + bad +
                             ", and OrderedReady updates nothing until every pod is Running and Ready (delete foo-2 "
                             "to recreate it at " + good + "))");
    api.pods().Delete("default", "foo-2");
    RemovePod("foo-2");
    Run();
    ASSERT_TRUE(Pod(2));
    EXPECT_EQ(GetPodRevision(*Pod(2)), good);
    RunToReady(3);
    Run();
    EXPECT_EQ(Explain(), "updated nothing (in sync: 3 of 3 pods Ready, 3 at update revision " + good + ")");
    const auto* why = controller->Explain("default/foo");
    ASSERT_NE(why, nullptr);
    EXPECT_EQ(why->generation, Set()->metadata.generation);
}

TEST_F(StatefulSetControllerTest, ExplanationKeepsTheLastActionOfEarlierSyncs) {
    CreateSet(NewStatefulSet(1));
    Run();
    const auto* why = controller->Explain("default/foo");
    ASSERT_NE(why, nullptr);
    // The sync that created foo-0 was followed by one woken by foo-0's own ADDED event.
    EXPECT_TRUE(why->actions.empty());
    ASSERT_EQ(why->last_actions.size(), 1u);
    EXPECT_EQ(why->last_actions[0], "created foo-0 at revision " + Set()->status.update_revision);
    EXPECT_LE(why->last_action_at, why->at);
}

TEST_F(StatefulSetControllerTest, ExplanationGoesAwayWithTheSet) {
    CreateSet(NewStatefulSet(0));
    Run();
    ASSERT_NE(controller->Explain("default/foo"), nullptr);
    api.statefulsets().Delete("default", "foo");
    Run();
    EXPECT_EQ(controller->Explain("default/foo"), nullptr);
}

TEST_F(StatefulSetControllerTest, SyncCostGrowsWithApiCalls) {
    auto set = NewStatefulSet(300);
    set.spec.pod_management_policy = "Parallel";
    CreateSet(set);
    // 300 claims + 300 pods + revision + status ~ 600 ms of API calls: the sync keeps the
    // worker busy, so a second sync cannot start before then.
    scheduler.RunUntil(Now() + Millis(1));
    const uint64_t after_first = controller->SyncCount();
    EXPECT_EQ(Pods().size(), 300u);
    scheduler.RunUntil(Now() + Millis(500));
    EXPECT_EQ(controller->SyncCount(), after_first);
    scheduler.RunUntil(Now() + Millis(200));
    EXPECT_GT(controller->SyncCount(), after_first);
}

// ---- TestOrphanedPodsWithPVCDeletePolicy -----------------------------------------------------

class StatefulSetOrphanedPodsTest : public StatefulSetControllerTest, public ::testing::WithParamInterface<Policy> {};

TEST_P(StatefulSetOrphanedPodsTest, AdoptedPodsGetClaimRefsPerPolicy) {
    auto set = NewStatefulSet(2);
    set.spec.persistent_volume_claim_retention_policy = PolicyValue(GetParam());
    for (int ord = 0; ord < 2; ++ord) {
        auto pod = NewStatefulSetPod(set, ord, true);
        pod.metadata.owner_references.clear();
        ASSERT_TRUE(api.pods().Create(pod).ok());
        RunAndReady(ord);
        ASSERT_TRUE(api.pvcs().Create(GetPersistentVolumeClaims(set, pod)[0].second).ok());
    }
    // A misnamed pod that the set's selector matches.
    auto misnamed = NewStatefulSetPod(set, 0, true);
    misnamed.metadata.name = "bar-0";
    misnamed.metadata.owner_references.clear();
    ASSERT_TRUE(api.pods().Create(misnamed).ok());
    k8s::PersistentVolumeClaim misnamed_claim = GetPersistentVolumeClaims(set, misnamed)[0].second;
    misnamed_claim.metadata.name = "datadir-bar-0";
    ASSERT_TRUE(api.pvcs().Create(misnamed_claim).ok());
    CreateSet(set);
    Run(Seconds(2));
    auto stored = Set();
    for (int ord = 0; ord < 2; ++ord) {
        auto pod = Pod(ord);
        ASSERT_NE(pod->metadata.ControllerRef(), nullptr);
        EXPECT_EQ(CheckClaimInvariants(*stored, *pod, Claim(ord).get()), "");
    }
    EXPECT_EQ(api.pods().Get("default", "bar-0")->metadata.ControllerRef(), nullptr);
    EXPECT_TRUE(api.pvcs().Get("default", "datadir-bar-0")->metadata.owner_references.empty());
    // Scale-down then hands the condemned pod's claim to the pod under whenScaled: Delete.
    SetReplicas(1);
    Run();
    const bool scaled_delete = GetParam() == Policy::kScaleDownOnly || GetParam() == Policy::kDelete;
    EXPECT_EQ(HasOwnerRef(Claim(1)->metadata, Pod(1)->metadata.uid), scaled_delete);
    EXPECT_EQ(HasOwnerRef(Claim(1)->metadata, stored->metadata.uid), GetParam() == Policy::kSetDeleteOnly);
}

INSTANTIATE_TEST_SUITE_P(Policies, StatefulSetOrphanedPodsTest,
                         ::testing::Values(Policy::kRetain, Policy::kSetDeleteOnly, Policy::kScaleDownOnly,
                                           Policy::kDelete),
                         [](const ::testing::TestParamInfo<Policy>& pi) { return std::string(PolicyName(pi.param)); });

// ---- Wiring ----------------------------------------------------------------------------------

TEST(StatefulSetControllerWiring, SimulationOwnsTheController) {
    engine::Simulation sim;
    ASSERT_NE(sim.statefulset_controller(), nullptr);
    auto set = NewStatefulSet(1, "web");
    set.spec.volume_claim_templates.clear();
    set.spec.template_.spec.containers[0].volume_mounts.clear();
    set.spec.template_.spec.volumes.clear();
    ASSERT_TRUE(sim.api().statefulsets().Create(set).ok());
    sim.Advance(Seconds(1));
    auto pod = sim.api().pods().Get("default", "web-0");
    ASSERT_TRUE(pod);
    EXPECT_EQ(pod->metadata.labels.Get("controller-revision-hash"),
              sim.api().statefulsets().Get("default", "web")->status.update_revision);
    ASSERT_NE(sim.statefulset_controller()->Explain("default/web"), nullptr);
}

}  // namespace
}  // namespace sts::controllers::statefulset::testing
