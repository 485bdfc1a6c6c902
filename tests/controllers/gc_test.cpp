// The garbage collector: background, foreground and orphan cascading deletion, owners of kinds
// this server does not serve, references to owners that never existed (reference §2.9, §8.14).
#include <gtest/gtest.h>

#include "controllers/garbage_collector.h"
#include "controllers/gc_test_env.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

apiserver::Ptr<k8s::StatefulSet> MakeSts(TestCluster& c, const std::string& name) {
    k8s::StatefulSet set;
    set.metadata.namespace_ = "default";
    set.metadata.name = name;
    set.spec.replicas = 3;
    set.spec.service_name = "nginx";
    k8s::LabelSelector sel;
    sel.match_labels = {{"app", name}};
    set.spec.selector = sel;
    set.spec.template_.metadata.labels = {{"app", name}};
    k8s::Container ctr;
    ctr.name = "nginx";
    ctr.image = "nginx:latest";
    set.spec.template_.spec.containers.push_back(ctr);
    auto r = c.api.statefulsets().Create(set);
    EXPECT_TRUE(r.ok()) << r.error.message;
    return r.value;
}

k8s::OwnerReference ControllerRef(const std::string& api_version, const std::string& kind, const std::string& name,
                                  const std::string& uid, bool block = true) {
    k8s::OwnerReference ref;
    ref.api_version = api_version;
    ref.kind = kind;
    ref.name = name;
    ref.uid = uid;
    ref.controller = true;
    ref.block_owner_deletion = block;
    return ref;
}

// Records the order in which objects leave the API server (kind/name).
struct RemovalLog {
    std::vector<std::string> removed;
    std::map<std::string, Time> when;
    void Attach(TestCluster& c) {
        c.api.pods().AddHandler([this, &c](apiserver::WatchType t, const apiserver::Ptr<k8s::Pod>& old_obj,
                                           const apiserver::Ptr<k8s::Pod>&) {
            if (t != apiserver::WatchType::kDeleted) return;
            removed.push_back("Pod/" + old_obj->metadata.name);
            when["Pod/" + old_obj->metadata.name] = c.Now();
        });
        c.api.statefulsets().AddHandler([this, &c](apiserver::WatchType t, const apiserver::Ptr<k8s::StatefulSet>& old_obj,
                                                   const apiserver::Ptr<k8s::StatefulSet>&) {
            if (t != apiserver::WatchType::kDeleted) return;
            removed.push_back("StatefulSet/" + old_obj->metadata.name);
            when["StatefulSet/" + old_obj->metadata.name] = c.Now();
        });
    }
};

class GcTest : public ::testing::Test {
protected:
    TestCluster c;
    GarbageCollector gc{c.ctx};
    RemovalLog log;
    apiserver::Ptr<k8s::StatefulSet> set;

    void SetUp() override {
        log.Attach(c);
        set = MakeSts(c, "web");
        for (int i = 0; i < 3; ++i) {
            const std::string name = "web-" + std::to_string(i);
            c.Pod("default", name, {{"app", "web"}}, {},
                  {ControllerRef("apps/v1", "StatefulSet", "web", set->metadata.uid)});
            c.Bind("default", name, i == 1 ? "kind-worker2" : "kind-worker");
            c.SetRunning("default", name, "10.244.1." + std::to_string(10 + i), true);
        }
        c.Run(Seconds(1));
        ASSERT_EQ(gc.DependentsOf(set->metadata.uid).size(), 3u);
    }
};

TEST_F(GcTest, BackgroundDeletionRemovesTheOwnerAtOnceAndPodsConcurrently) {
    const Time start = c.Now();
    client::DeleteOptions opts;
    opts.propagation_policy = "Background";
    ASSERT_TRUE(c.api.statefulsets().Delete("default", "web", opts).ok());
    EXPECT_FALSE(c.api.statefulsets().Get("default", "web"));  // gone at once
    c.Run(Millis(100));
    // Every pod is terminating (graceful, 10 s) within a few milliseconds of the others.
    Time first = 0, last = 0;
    for (int i = 0; i < 3; ++i) {
        auto pod = c.api.pods().Get("default", "web-" + std::to_string(i));
        ASSERT_TRUE(pod);
        ASSERT_TRUE(pod->metadata.deletion_timestamp);
        EXPECT_EQ(pod->metadata.deletion_grace_period_seconds.value_or(-1), 10);
        const Time deadline = pod->metadata.deletion_timestamp->ms;
        first = first == 0 ? deadline : std::min(first, deadline);
        last = std::max(last, deadline);
    }
    EXPECT_LE(last - first, Seconds(1));
    EXPECT_LE(first, TruncateToSeconds(start) + Seconds(11));
    EXPECT_EQ(log.removed, std::vector<std::string>{"StatefulSet/web"});
}

TEST_F(GcTest, ForegroundDeletionWaitsForBlockingDependents) {
    client::DeleteOptions opts;
    opts.propagation_policy = "Foreground";
    ASSERT_TRUE(c.api.statefulsets().Delete("default", "web", opts).ok());
    auto owner = c.api.statefulsets().Get("default", "web");
    ASSERT_TRUE(owner);
    EXPECT_TRUE(owner->metadata.deletion_timestamp);
    EXPECT_TRUE(owner->metadata.HasFinalizer("foregroundDeletion"));
    c.Run(Seconds(5));
    // Pods are terminating, the owner waits for them.
    for (int i = 0; i < 3; ++i) EXPECT_TRUE(c.api.pods().Get("default", "web-" + std::to_string(i))->metadata.deletion_timestamp);
    ASSERT_TRUE(c.api.statefulsets().Get("default", "web"));
    c.FinishTermination("default", "web-2");
    c.FinishTermination("default", "web-0");
    c.Run(Seconds(1));
    ASSERT_TRUE(c.api.statefulsets().Get("default", "web"));  // web-1 still blocks
    c.FinishTermination("default", "web-1");
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.statefulsets().Get("default", "web"));
    EXPECT_EQ(log.removed, (std::vector<std::string>{"Pod/web-2", "Pod/web-0", "Pod/web-1", "StatefulSet/web"}));
}

TEST_F(GcTest, ForegroundDeletionIgnoresNonBlockingDependents) {
    k8s::Pod loose = *c.api.pods().Get("default", "web-0");
    loose.metadata.owner_references[0].block_owner_deletion = false;
    ASSERT_TRUE(c.api.pods().Update(loose).ok());
    for (const char* name : {"web-1", "web-2"}) {
        k8s::Pod p = *c.api.pods().Get("default", name);
        p.metadata.owner_references[0].block_owner_deletion = false;
        ASSERT_TRUE(c.api.pods().Update(p).ok());
    }
    client::DeleteOptions opts;
    opts.propagation_policy = "Foreground";
    ASSERT_TRUE(c.api.statefulsets().Delete("default", "web", opts).ok());
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.statefulsets().Get("default", "web"));
    EXPECT_TRUE(c.api.pods().Get("default", "web-0")->metadata.deletion_timestamp);
}

TEST_F(GcTest, OrphanDeletionStripsReferencesThenRemovesTheOwner) {
    client::DeleteOptions opts;
    opts.propagation_policy = "Orphan";
    ASSERT_TRUE(c.api.statefulsets().Delete("default", "web", opts).ok());
    EXPECT_TRUE(c.api.statefulsets().Get("default", "web")->metadata.HasFinalizer("orphan"));
    // Watch the order: every dependent loses its reference before the owner disappears.
    std::vector<std::string> order;
    c.api.pods().AddHandler([&](apiserver::WatchType t, const apiserver::Ptr<k8s::Pod>& o, const apiserver::Ptr<k8s::Pod>& n) {
        if (t == apiserver::WatchType::kModified && !o->metadata.owner_references.empty() &&
            n->metadata.owner_references.empty())
            order.push_back("orphaned " + n->metadata.name);
    });
    c.api.statefulsets().AddHandler([&](apiserver::WatchType t, const apiserver::Ptr<k8s::StatefulSet>&,
                                        const apiserver::Ptr<k8s::StatefulSet>&) {
        if (t == apiserver::WatchType::kDeleted) order.push_back("owner removed");
    });
    c.Run(Seconds(1));
    ASSERT_EQ(order.size(), 4u);
    EXPECT_EQ(order.back(), "owner removed");
    for (int i = 0; i < 3; ++i) {
        auto pod = c.api.pods().Get("default", "web-" + std::to_string(i));
        ASSERT_TRUE(pod);
        EXPECT_FALSE(pod->metadata.deletion_timestamp);
        EXPECT_TRUE(pod->metadata.owner_references.empty());
    }
    EXPECT_EQ(gc.DependentsOf(set->metadata.uid).size(), 0u);
}

TEST_F(GcTest, ReferenceToAnOwnerThatIsGoneMakesGarbage) {
    c.Pod("default", "stray", {}, {}, {ControllerRef("apps/v1", "StatefulSet", "web", "0000-not-the-uid")});
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.pods().Get("default", "stray"));  // unscheduled: no grace period
    EXPECT_TRUE(c.api.pods().Get("default", "web-0"));
}

// The graph builder ignores core/v1 events by default (DefaultIgnoredResources), so an Event
// whose owner is gone stays, where a pod with the same reference is collected.
TEST_F(GcTest, EventsAreIgnoredEvenWithAnOwnerThatIsGone) {
    k8s::Event event;
    event.metadata.namespace_ = "default";
    event.metadata.name = "stray.17a1b2c3d4e5f6a7";
    event.metadata.owner_references = {ControllerRef("apps/v1", "StatefulSet", "web", "0000-not-the-uid")};
    event.involved_object.kind = "Pod";
    event.involved_object.namespace_ = "default";
    event.involved_object.name = "web-0";
    event.reason = "Stray";
    ASSERT_TRUE(c.api.events().Create(event).ok());
    c.Pod("default", "stray", {}, {}, {ControllerRef("apps/v1", "StatefulSet", "web", "0000-not-the-uid")});
    c.Run(Minutes(1));
    EXPECT_FALSE(c.api.pods().Get("default", "stray"));
    EXPECT_TRUE(c.api.events().Get("default", "stray.17a1b2c3d4e5f6a7"));
}

TEST_F(GcTest, OwnersOfUnservedKindsAreLeftAlone) {
    c.Pod("kube-system", "coredns-674b8bbfcf-abcde", {{"k8s-app", "kube-dns"}}, {},
          {ControllerRef("apps/v1", "ReplicaSet", "coredns-674b8bbfcf", "11111111-2222-4333-8444-555555555555")});
    c.Pod("kube-system", "kube-proxy-xyzzy", {}, {},
          {ControllerRef("apps/v1", "DaemonSet", "kube-proxy", "66666666-2222-4333-8444-555555555555")});
    auto node = c.api.nodes().Get("", "kind-worker");
    c.Pod("kube-system", "etcd-kind-worker", {}, {}, {ControllerRef("v1", "Node", "kind-worker", node->metadata.uid, false)});
    c.Run(Minutes(1));
    EXPECT_TRUE(c.api.pods().Get("kube-system", "coredns-674b8bbfcf-abcde"));
    EXPECT_TRUE(c.api.pods().Get("kube-system", "kube-proxy-xyzzy"));
    EXPECT_TRUE(c.api.pods().Get("kube-system", "etcd-kind-worker"));
}

TEST_F(GcTest, ClaimOwnedByAPodGoesAfterThePod) {
    // whenScaled: Delete gives a condemned pod's claim a controller reference to the pod (§3.4).
    auto pod = c.api.pods().Get("default", "web-2");
    auto claim = c.Claim("default", "www-web-2", std::string(""));
    k8s::PersistentVolumeClaim owned = *claim;
    owned.metadata.owner_references.push_back(ControllerRef("v1", "Pod", "web-2", pod->metadata.uid));
    ASSERT_TRUE(c.api.pvcs().Update(owned).ok());
    ASSERT_TRUE(c.api.pods().Delete("default", "web-2").ok());
    c.Run(Seconds(5));
    EXPECT_TRUE(c.api.pvcs().Get("default", "www-web-2"));  // the pod still terminates
    c.FinishTermination("default", "web-2");
    c.Run(Millis(100));
    auto gone = c.api.pvcs().Get("default", "www-web-2");
    ASSERT_TRUE(gone);  // pvc-protection is not running here: the finalizer holds it
    EXPECT_TRUE(gone->metadata.deletion_timestamp);
}

TEST_F(GcTest, NothingIsScheduledWhenNothingChanges) {
    c.Run(Seconds(1));
    EXPECT_FALSE(c.scheduler.NextEventTime().has_value());
    const uint64_t syncs = gc.SyncCount();
    c.Run(Hours(1));
    EXPECT_EQ(gc.SyncCount(), syncs);
}

}  // namespace
}  // namespace sts::controllers
