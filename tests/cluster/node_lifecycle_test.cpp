// A node going down and coming back (reference §8.12): NotReady after the grace period,
// pods marked not ready, unreachable taints, taint-based eviction after 300 s, pods stuck
// Terminating until the kubelet returns or someone force-deletes them.
#include <gtest/gtest.h>

#include "cluster/kubelet.h"
#include "cluster/node_lifecycle.h"
#include "cluster_test_util.h"

namespace sts::cluster {
namespace {

using testing::EventLog;
using testing::GetPod;
using testing::MainContainer;
using testing::MakePod;
using testing::PodWatcher;

k8s::Pod PinnedPod(const std::string& name, const std::string& node) {
    k8s::Pod pod = MakePod(name, "nginx:1.27");
    MainContainer(pod).image_pull_policy = "IfNotPresent";
    pod.spec.Mut().node_selector.Set("kubernetes.io/hostname", node);
    return pod;
}

bool HasTaint(const k8s::Node& node, const std::string& key, const std::string& effect) {
    for (const auto& t : node.spec.taints)
        if (t.key == key && t.effect == effect) return true;
    return false;
}

TEST(NodeLifecycleTest, DownNodeGoesNotReadyAndItsPodsAreEvictedButStayTerminating) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("p", "kind-worker")).ok());
    sim.Advance(Seconds(40));
    ASSERT_EQ(testing::StatusColumn(*GetPod(sim, "p")), "Running");
    const std::string uid = GetPod(sim, "p")->metadata.uid;

    NodeLifecycleController* nlc = sim.node_lifecycle();
    const Time down = sim.Now();
    ASSERT_TRUE(nlc->SetNodeDown("kind-worker"));
    EXPECT_TRUE(sim.kubelet("kind-worker")->Stopped());
    const Time not_ready_at = nlc->NotReadyAt("kind-worker");
    // The last lease renewal was at most 10 s ago; the grace period is 50 s; the monitor runs every 5 s.
    EXPECT_GE(not_ready_at - down, NodeLifecycleController::kGracePeriod - NodeLifecycleController::kLeaseRenewInterval);
    EXPECT_LE(not_ready_at - down, NodeLifecycleController::kGracePeriod + Seconds(10));
    sim.RunUntil(not_ready_at - 1);
    EXPECT_EQ(sim.api().nodes().Get("", "kind-worker")->status.FindCondition("Ready")->status, "True");
    sim.Advance(Seconds(1));
    auto node = sim.api().nodes().Get("", "kind-worker");
    for (const char* type : {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}) {
        const auto* c = node->status.FindCondition(type);
        ASSERT_NE(c, nullptr);
        EXPECT_EQ(c->status, "Unknown") << type;
        EXPECT_EQ(c->reason, "NodeStatusUnknown");
        EXPECT_EQ(c->message, "Kubelet stopped posting node status.");
    }
    EXPECT_EQ(events.Find("kind-worker", "NodeNotReady")->message, "Node kind-worker status is now: NodeNotReady");
    // The pod's Ready condition is False, its container still claims to be ready: 1/1 Running.
    auto p = GetPod(sim, "p");
    EXPECT_EQ(p->status.FindCondition("Ready")->status, "False");
    EXPECT_EQ(testing::ReadyColumn(*p), "1/1");
    EXPECT_EQ(testing::StatusColumn(*p), "Running");
    EXPECT_EQ(events.Find("p", "NodeNotReady")->message, "Node is not ready");
    EXPECT_EQ(events.Find("p", "NodeNotReady")->type, "Warning");
    sim.Advance(Seconds(1));
    node = sim.api().nodes().Get("", "kind-worker");
    EXPECT_TRUE(HasTaint(*node, "node.kubernetes.io/unreachable", "NoSchedule"));
    EXPECT_TRUE(HasTaint(*node, "node.kubernetes.io/unreachable", "NoExecute"));

    // New pods avoid the node.
    k8s::Pod other = MakePod("q", "nginx:1.27");
    ASSERT_TRUE(sim.api().pods().Create(other).ok());
    sim.Advance(Seconds(1));
    EXPECT_NE(GetPod(sim, "q")->spec->node_name, "kind-worker");

    // 300 s after the NoExecute taint (the default tolerationSeconds) the pod is deleted.
    sim.Advance(Seconds(295));
    EXPECT_FALSE(GetPod(sim, "p")->metadata.IsTerminating());
    sim.Advance(Seconds(5));
    p = GetPod(sim, "p");
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(p->metadata.IsTerminating());
    EXPECT_EQ(testing::StatusColumn(*p), "Terminating");
    EXPECT_EQ(p->status.FindCondition("DisruptionTarget")->reason, "DeletionByTaintManager");
    EXPECT_EQ(events.Find("p", "TaintManagerEviction")->message, "Marking for deletion Pod default/p");

    // No kubelet confirms: it stays Terminating.
    sim.Advance(Minutes(15));
    p = GetPod(sim, "p");
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->metadata.uid, uid);
    EXPECT_EQ(testing::StatusColumn(*p), "Terminating");

    // Force deletion removes it at once.
    client::DeleteOptions force;
    force.grace_period_seconds = 0;
    ASSERT_TRUE(sim.api().pods().Delete("default", "p", force).ok());
    EXPECT_EQ(GetPod(sim, "p"), nullptr);

    // When the node returns its kubelet tears down what is left and the taints go.
    ASSERT_TRUE(nlc->SetNodeUp("kind-worker"));
    sim.Advance(Seconds(10));
    node = sim.api().nodes().Get("", "kind-worker");
    EXPECT_EQ(node->status.FindCondition("Ready")->status, "True");
    EXPECT_EQ(node->status.FindCondition("Ready")->reason, "KubeletReady");
    EXPECT_FALSE(HasTaint(*node, "node.kubernetes.io/unreachable", "NoSchedule"));
    EXPECT_FALSE(HasTaint(*node, "node.kubernetes.io/unreachable", "NoExecute"));
    EXPECT_FALSE(sim.kubelet("kind-worker")->FindPod("default", "p").has_value());
    EXPECT_EQ(events.Find("kind-worker", "NodeReady")->message, "Node kind-worker status is now: NodeReady");
}

TEST(NodeLifecycleTest, NodeBackBeforeEvictionCancelsItAndPodsAreReadyAgain) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("p", "kind-worker2")).ok());
    sim.Advance(Seconds(40));
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeDown("kind-worker2"));
    sim.Advance(Seconds(120));
    ASSERT_EQ(GetPod(sim, "p")->status.FindCondition("Ready")->status, "False");
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeUp("kind-worker2"));
    sim.Advance(Seconds(30));
    const auto p = GetPod(sim, "p");
    EXPECT_FALSE(p->metadata.IsTerminating());
    EXPECT_EQ(p->status.FindCondition("Ready")->status, "True");
    EXPECT_EQ(p->status.container_statuses[0].restart_count, 0) << "its containers kept running";
    EXPECT_EQ(events.Find("p", "TaintManagerEviction")->message, "Cancelling deletion of Pod default/p");
    sim.Advance(Minutes(10));
    EXPECT_FALSE(GetPod(sim, "p")->metadata.IsTerminating());
}

TEST(NodeLifecycleTest, EvictedPodFinishesTerminatingWhenTheNodeReturns) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("p", "kind-worker3")).ok());
    sim.Advance(Seconds(40));
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeDown("kind-worker3"));
    sim.Advance(Minutes(8));
    ASSERT_TRUE(GetPod(sim, "p")->metadata.IsTerminating());
    EXPECT_EQ(events.Find("p", "Killing"), nullptr);
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeUp("kind-worker3"));
    sim.Advance(Seconds(5));
    EXPECT_EQ(GetPod(sim, "p"), nullptr);
    EXPECT_EQ(events.Find("p", "Killing")->message, "Stopping container nginx");
}

TEST(NodeLifecycleTest, TerminationCutShortByANodeStopFinishesWhenItResumes) {
    engine::Simulation sim;
    k8s::Pod pod = MakePod("sleeper", "busybox:1.28");
    MainContainer(pod).name = "sleeper";
    MainContainer(pod).command = {"sleep", "3600"};
    pod.spec.Mut().node_selector.Set("kubernetes.io/hostname", "kind-worker");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(10));
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper").ok());
    sim.Advance(Seconds(5));
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeDown("kind-worker"));
    sim.Advance(Seconds(60));
    ASSERT_NE(GetPod(sim, "sleeper"), nullptr) << "nobody reports the end of the grace period";
    ASSERT_TRUE(sim.node_lifecycle()->SetNodeUp("kind-worker"));
    sim.Advance(Seconds(3));
    EXPECT_EQ(GetPod(sim, "sleeper"), nullptr);
}

TEST(NodeLifecycleTest, StatefulSetPodOnALostNodeIsNotReplacedUntilForceDeleted) {
    engine::Simulation sim;
    k8s::StatefulSet sts;
    sts.metadata.name = "web";
    sts.metadata.namespace_ = "default";
    sts.spec.replicas = 1;
    k8s::LabelSelector sel;
    sel.match_labels.Set("app", "nginx");
    sts.spec.selector = sel;
    sts.spec.service_name = "nginx";
    sts.spec.template_.metadata.labels.Set("app", "nginx");
    k8s::Container c;
    c.name = "nginx";
    c.image = "nginx:1.27";
    c.image_pull_policy = "IfNotPresent";
    sts.spec.template_.spec.containers.push_back(c);
    auto created = sim.api().statefulsets().Create(sts);
    ASSERT_TRUE(created.ok()) << created.error.message;
    sim.Advance(Seconds(60));
    auto pod = GetPod(sim, "web-0");
    ASSERT_NE(pod, nullptr);
    ASSERT_EQ(testing::StatusColumn(*pod), "Running");
    const std::string node = pod->spec->node_name;
    const std::string uid = pod->metadata.uid;

    ASSERT_TRUE(sim.node_lifecycle()->SetNodeDown(node));
    sim.Advance(Minutes(20));
    pod = GetPod(sim, "web-0");
    ASSERT_NE(pod, nullptr);
    EXPECT_EQ(pod->metadata.uid, uid) << "at most one pod per identity: no replacement";
    EXPECT_EQ(testing::StatusColumn(*pod), "Terminating");

    client::DeleteOptions force;
    force.grace_period_seconds = 0;
    ASSERT_TRUE(sim.api().pods().Delete("default", "web-0", force).ok());
    sim.Advance(Seconds(60));
    pod = GetPod(sim, "web-0");
    ASSERT_NE(pod, nullptr);
    EXPECT_NE(pod->metadata.uid, uid);
    EXPECT_NE(pod->spec->node_name, node);
    EXPECT_EQ(testing::StatusColumn(*pod), "Running");
}

}  // namespace
}  // namespace sts::cluster
