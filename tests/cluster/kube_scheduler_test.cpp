// kube-scheduler on the kind cluster: where pods land, what FailedScheduling says, when it
// retries, and WaitForFirstConsumer volume binding.
#include <gtest/gtest.h>

#include <set>

#include "cluster/kube_scheduler.h"
#include "cluster_test_util.h"

namespace sts::cluster {
namespace {

using testing::EventLog;
using testing::GetPod;
using testing::MainContainer;
using testing::MakePod;

k8s::Pod SleepPod(const std::string& name, StringMap labels = {}) {
    k8s::Pod pod = MakePod(name, "busybox:1.28", std::move(labels));
    MainContainer(pod).name = "main";
    MainContainer(pod).command = {"sleep", "3600"};
    return pod;
}

// A pod labelled app=zk that refuses to share a node with another (required anti-affinity on
// kubernetes.io/hostname), as ZooKeeper StatefulSets are written.
k8s::Pod ZkPodOnePerNode(const std::string& name) {
    k8s::Pod pod = SleepPod(name, {{"app", "zk"}});
    pod.spec.Mut().affinity = Value::MakeObject(
        {{"podAntiAffinity",
          Value::MakeObject({{"requiredDuringSchedulingIgnoredDuringExecution",
                              Value::MakeArray({Value::MakeObject(
                                  {{"labelSelector", Value::MakeObject({{"matchLabels", Value::MakeObject({{"app", "zk"}})}})},
                                   {"topologyKey", "kubernetes.io/hostname"}})})}})}});
    return pod;
}

void CreateService(engine::Simulation& sim, const std::string& name, StringMap selector) {
    k8s::Service svc;
    svc.metadata.name = name;
    svc.metadata.namespace_ = "default";
    svc.spec.cluster_ip = "None";
    svc.spec.selector = std::move(selector);
    k8s::ServicePort port;
    port.port = 80;
    svc.spec.ports.push_back(port);
    ASSERT_TRUE(sim.api().services().Create(std::move(svc)).ok());
}

k8s::PersistentVolumeClaim Claim(const std::string& name, const std::string& storage_class) {
    k8s::PersistentVolumeClaim pvc;
    pvc.metadata.name = name;
    pvc.metadata.namespace_ = "default";
    pvc.spec.access_modes = {"ReadWriteOnce"};
    pvc.spec.resources.requests.Set("storage", "1Gi");
    pvc.spec.storage_class_name = storage_class;
    return pvc;
}

void UseClaim(k8s::Pod& pod, const std::string& claim) {
    k8s::Volume v;
    v.name = "www";
    v.persistent_volume_claim = k8s::PersistentVolumeClaimVolumeSource{claim, false};
    pod.spec.Mut().volumes.push_back(v);
}

// Provisions like local-path would, unless the PV controller already did: a PV on the
// selected node, bound to the claim.
void ProvisionIfNeeded(engine::Simulation& sim, const std::string& claim) {
    auto pvc = sim.api().pvcs().Get("default", claim);
    ASSERT_NE(pvc, nullptr);
    if (pvc->status.phase == "Bound") return;
    const std::string node = pvc->metadata.annotations.Get("volume.kubernetes.io/selected-node");
    ASSERT_FALSE(node.empty());
    k8s::PersistentVolume pv;
    pv.metadata.name = "pvc-" + pvc->metadata.uid;
    pv.spec.capacity.Set("storage", "1Gi");
    pv.spec.access_modes = {"ReadWriteOnce"};
    pv.spec.storage_class_name = pvc->spec.storage_class_name.value_or("");
    pv.spec.persistent_volume_reclaim_policy = "Delete";
    pv.spec.host_path = k8s::HostPathVolumeSource{"/var/local-path-provisioner/" + pv.metadata.name, "DirectoryOrCreate"};
    pv.spec.node_affinity = Value::MakeObject(
        {{"required",
          Value::MakeObject({{"nodeSelectorTerms",
                              Value::MakeArray({Value::MakeObject(
                                  {{"matchExpressions",
                                    Value::MakeArray({Value::MakeObject({{"key", "kubernetes.io/hostname"},
                                                                         {"operator", "In"},
                                                                         {"values", Value::MakeArray({node})}})})}})})}})}});
    k8s::ObjectReference ref;
    ref.kind = "PersistentVolumeClaim";
    ref.namespace_ = "default";
    ref.name = claim;
    ref.uid = pvc->metadata.uid;
    ref.api_version = "v1";
    pv.spec.claim_ref = ref;
    auto created = sim.api().pvs().Create(std::move(pv));
    ASSERT_TRUE(created.ok()) << created.error.message;
    k8s::PersistentVolume bound = *created.value;
    bound.status.phase = "Bound";
    sim.api().pvs().UpdateStatus(std::move(bound));
    k8s::PersistentVolumeClaim c = *sim.api().pvcs().Get("default", claim);
    c.metadata.resource_version.clear();
    c.spec.volume_name = "pvc-" + pvc->metadata.uid;
    ASSERT_TRUE(sim.api().pvcs().Update(c).ok());
    c = *sim.api().pvcs().Get("default", claim);
    c.metadata.resource_version.clear();
    c.status.phase = "Bound";
    ASSERT_TRUE(sim.api().pvcs().UpdateStatus(c).ok());
}

TEST(KubeSchedulerTest, PodsOfOneServiceSpreadOverTheWorkers) {
    engine::Simulation sim;
    CreateService(sim, "spread", {{"app", "spread"}});
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("s-" + std::to_string(i), {{"app", "spread"}})).ok());
    sim.Advance(Seconds(5));
    std::set<std::string> nodes;
    for (int i = 0; i < 3; ++i) nodes.insert(GetPod(sim, "s-" + std::to_string(i))->spec->node_name);
    EXPECT_EQ(nodes, (std::set<std::string>{"kind-worker", "kind-worker2", "kind-worker3"}));
    // A fourth goes to one of them; six fill each twice.
    for (int i = 3; i < 6; ++i)
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("s-" + std::to_string(i), {{"app", "spread"}})).ok());
    sim.Advance(Seconds(5));
    std::map<std::string, int> per_node;
    for (int i = 0; i < 6; ++i) per_node[GetPod(sim, "s-" + std::to_string(i))->spec->node_name]++;
    EXPECT_EQ(per_node, (std::map<std::string, int>{{"kind-worker", 2}, {"kind-worker2", 2}, {"kind-worker3", 2}}));
}

// The spreading counts follow the pods: one relabelled away from the Service, or terminating,
// no longer counts on its node, and the next pod of the Service goes there.
TEST(KubeSchedulerTest, SpreadingCountsFollowRelabelledAndTerminatingPods) {
    engine::Simulation sim;
    CreateService(sim, "spread", {{"app", "spread"}});
    for (int i = 0; i < 3; ++i)
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("s-" + std::to_string(i), {{"app", "spread"}})).ok());
    sim.Advance(Seconds(5));
    const std::string node_of_s1 = GetPod(sim, "s-1")->spec->node_name;
    k8s::Pod relabelled = *GetPod(sim, "s-1");
    relabelled.metadata.labels.Set("app", "elsewhere");
    ASSERT_TRUE(sim.api().pods().Update(relabelled).ok());
    ASSERT_TRUE(sim.api().pods().Create(SleepPod("s-3", {{"app", "spread"}})).ok());
    sim.Advance(Seconds(5));
    EXPECT_EQ(GetPod(sim, "s-3")->spec->node_name, node_of_s1);

    const std::string node_of_s0 = GetPod(sim, "s-0")->spec->node_name;
    ASSERT_TRUE(sim.api().pods().Delete("default", "s-0").ok());
    ASSERT_TRUE(GetPod(sim, "s-0")->metadata.IsTerminating());  // sleep ignores SIGTERM: 30 s grace
    ASSERT_TRUE(sim.api().pods().Create(SleepPod("s-4", {{"app", "spread"}})).ok());
    sim.Advance(Seconds(5));
    EXPECT_EQ(GetPod(sim, "s-4")->spec->node_name, node_of_s0);
}

// Upstream's TestNumFeasibleNodesToFind, with percentageOfNodesToScore unset.
TEST(KubeSchedulerTest, NumFeasibleNodesToFind) {
    EXPECT_EQ(NumFeasibleNodesToFind(10), 10u);
    EXPECT_EQ(NumFeasibleNodesToFind(99), 99u);
    EXPECT_EQ(NumFeasibleNodesToFind(102), 100u);   // 50% of 102 is below the floor of 100
    EXPECT_EQ(NumFeasibleNodesToFind(1000), 420u);  // 50 - 1000/125 = 42%
    EXPECT_EQ(NumFeasibleNodesToFind(6000), 300u);  // 50 - 48 = 2%, raised to 5%
}

// On a large cluster a cycle filters until enough nodes pass, and the next cycle starts where
// it stopped (nextStartNodeIndex), so every node gets its turn.
TEST(KubeSchedulerTest, LargeClusterCyclesFilterPartOfTheNodesInTurn) {
    for (uint64_t seed = 1; seed <= 4; ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        engine::SimulationOptions options;
        options.seed = seed;
        options.worker_nodes = 150;  // 151 nodes with the control plane: 100 feasible nodes per cycle
        engine::Simulation sim(options);
        std::vector<std::string> order;  // the cache's node order: by name
        for (const auto& node : sim.api().nodes().List()) order.push_back(node->metadata.name);
        ASSERT_EQ(order.size(), 151u);
        ASSERT_EQ(order[0], "kind-control-plane");  // tainted: filtered out, still counted as looked at
        auto index_of = [&](const std::string& pod) {
            const std::string node = GetPod(sim, pod)->spec->node_name;
            return static_cast<size_t>(std::find(order.begin(), order.end(), node) - order.begin());
        };
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("first")).ok());
        sim.Advance(Seconds(5));
        // The first cycle looked at nodes 0..100: the control plane and 100 feasible workers.
        EXPECT_LT(index_of("first"), 101u);
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("second")).ok());
        sim.Advance(Seconds(5));
        // The second started at node 101 and wrapped around: 101..150 and then 1..50.
        const size_t second = index_of("second");
        EXPECT_TRUE(second >= 101 || (second >= 1 && second <= 50)) << "landed on node " << second;
    }
}

TEST(KubeSchedulerTest, ControlPlaneTaintKeepsPodsOffUnlessTolerated) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = SleepPod("cp");
    pod.spec.Mut().node_selector.Set("kubernetes.io/hostname", "kind-control-plane");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(2));
    const std::string message =
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 "
        "node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is "
        "not helpful for scheduling.";
    ASSERT_NE(events.Find("cp", "FailedScheduling"), nullptr);
    EXPECT_EQ(events.Find("cp", "FailedScheduling")->message, message);
    EXPECT_EQ(events.Find("cp", "FailedScheduling")->type, "Warning");
    const auto p = GetPod(sim, "cp");
    EXPECT_EQ(p->spec->node_name, "");
    const auto* cond = p->status.FindCondition("PodScheduled");
    ASSERT_NE(cond, nullptr);
    EXPECT_EQ(cond->status, "False");
    EXPECT_EQ(cond->reason, "Unschedulable");
    EXPECT_EQ(cond->message, message);

    k8s::Pod tolerant = SleepPod("cp2");
    tolerant.spec.Mut().node_selector.Set("kubernetes.io/hostname", "kind-control-plane");
    k8s::Toleration t;
    t.key = "node-role.kubernetes.io/control-plane";
    t.operator_ = "Exists";
    t.effect = "NoSchedule";
    tolerant.spec.Mut().tolerations.Mut().push_back(t);
    ASSERT_TRUE(sim.api().pods().Create(tolerant).ok());
    sim.Advance(Seconds(2));
    EXPECT_EQ(GetPod(sim, "cp2")->spec->node_name, "kind-control-plane");
}

TEST(KubeSchedulerTest, InsufficientCpuSaysNoPreemptionVictims) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = SleepPod("big");
    MainContainer(pod).resources.requests.Set("cpu", "64");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(2));
    ASSERT_NE(events.Find("big", "FailedScheduling"), nullptr);
    EXPECT_EQ(events.Find("big", "FailedScheduling")->message,
              "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 "
              "Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No "
              "preemption victims found for incoming pod.");
}

TEST(KubeSchedulerTest, MissingAndImmediateUnboundClaimsFailInPreFilter) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = SleepPod("web-0");
    UseClaim(pod, "www-web-0");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(2));
    EXPECT_EQ(events.Find("web-0", "FailedScheduling")->message,
              "0/4 nodes are available: persistentvolumeclaim \"www-web-0\" not found. preemption: 0/4 nodes are "
              "available: 4 Preemption is not helpful for scheduling.");

    k8s::StorageClass sc;
    sc.metadata.name = "manual";
    sc.provisioner = "kubernetes.io/no-provisioner";
    sc.volume_binding_mode = "Immediate";
    ASSERT_TRUE(sim.api().storageclasses().Create(sc).ok());
    ASSERT_TRUE(sim.api().pvcs().Create(Claim("imm", "manual")).ok());
    k8s::Pod pod2 = SleepPod("imm-pod");
    UseClaim(pod2, "imm");
    ASSERT_TRUE(sim.api().pods().Create(pod2).ok());
    sim.Advance(Seconds(2));
    EXPECT_EQ(events.Find("imm-pod", "FailedScheduling")->message,
              "0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are "
              "available: 4 Preemption is not helpful for scheduling.");
}

TEST(KubeSchedulerTest, UnschedulablePodIsRetriedWhenANodeChanges) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = SleepPod("ssd");
    pod.spec.Mut().node_selector.Set("disktype", "ssd");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(30));
    ASSERT_EQ(events.Times("ssd", "FailedScheduling").size(), 1u) << "no retries without a relevant change";
    // A status-only node update (the kubelet's image list) is not relevant.
    k8s::Node node = *sim.api().nodes().Get("", "kind-worker2");
    node.metadata.resource_version.clear();
    node.metadata.labels.Set("disktype", "ssd");
    const Time labelled = sim.Now();
    ASSERT_TRUE(sim.api().nodes().Update(node).ok());
    sim.Advance(Seconds(15));
    const auto p = GetPod(sim, "ssd");
    EXPECT_EQ(p->spec->node_name, "kind-worker2");
    const auto scheduled = events.Times("ssd", "Scheduled");
    ASSERT_EQ(scheduled.size(), 1u);
    EXPECT_LT(scheduled[0] - labelled, Seconds(1)) << "the 1 s back-off had long expired";
    EXPECT_EQ(p->status.FindCondition("PodScheduled")->status, "True");
}

TEST(KubeSchedulerTest, StuckPodIsRetriedEveryFiveMinutes) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = SleepPod("never");
    pod.spec.Mut().node_selector.Set("disktype", "nvme");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Minutes(12));
    const auto attempts = events.Times("never", "FailedScheduling");
    ASSERT_EQ(attempts.size(), 3u);
    EXPECT_GE(attempts[1] - attempts[0], Minutes(5));
    EXPECT_LE(attempts[1] - attempts[0], Minutes(5) + Seconds(31));
}

TEST(KubeSchedulerTest, WaitForFirstConsumerClaimGetsTheSelectedNodeBeforeThePodBinds) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pvcs().Create(Claim("www-web-0", "standard")).ok());
    k8s::Pod pod = SleepPod("web-0");
    UseClaim(pod, "www-web-0");
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Millis(200));
    auto pvc = sim.api().pvcs().Get("default", "www-web-0");
    const std::string selected = pvc->metadata.annotations.Get("volume.kubernetes.io/selected-node");
    ASSERT_FALSE(selected.empty());
    EXPECT_NE(selected, "kind-control-plane");
    if (pvc->status.phase != "Bound") {
        EXPECT_EQ(GetPod(sim, "web-0")->spec->node_name, "") << "the pod waits for its claim";
        ProvisionIfNeeded(sim, "www-web-0");
    }
    const Time bound_at = sim.Now();
    sim.Advance(Seconds(3));
    const auto p = GetPod(sim, "web-0");
    EXPECT_EQ(p->spec->node_name, selected);
    const auto scheduled = events.Times("web-0", "Scheduled");
    ASSERT_EQ(scheduled.size(), 1u);
    EXPECT_LE(scheduled[0] - bound_at, Millis(1100)) << "PreBind polls once a second";
    EXPECT_EQ(events.Find("web-0", "FailedScheduling"), nullptr);

    // A new pod using the now bound claim must follow the volume to its node.
    ASSERT_TRUE(sim.api().pods().Delete("default", "web-0", client::DeleteOptions{0, "", false}).ok());
    sim.Advance(Seconds(5));
    k8s::Pod again = SleepPod("web-0");
    UseClaim(again, "www-web-0");
    ASSERT_TRUE(sim.api().pods().Create(again).ok());
    sim.Advance(Seconds(2));
    EXPECT_EQ(GetPod(sim, "web-0")->spec->node_name, selected);
}

TEST(KubeSchedulerTest, RequiredAntiAffinityPutsOnePerNodeAndParksTheFourth) {
    engine::Simulation sim;
    EventLog events(sim);
    auto make = [](const std::string& name) { return ZkPodOnePerNode(name); };
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE(sim.api().pods().Create(make("zk-" + std::to_string(i))).ok());
        sim.Advance(Seconds(1));
    }
    std::set<std::string> nodes;
    for (int i = 0; i < 3; ++i) nodes.insert(GetPod(sim, "zk-" + std::to_string(i))->spec->node_name);
    EXPECT_EQ(nodes.size(), 3u);
    EXPECT_EQ(GetPod(sim, "zk-3")->spec->node_name, "");
    EXPECT_EQ(events.Find("zk-3", "FailedScheduling")->message,
              "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 "
              "node(s) didn't match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not "
              "helpful for scheduling, 3 No preemption victims found for incoming pod.");
}

// The cache a scheduling cycle reads agrees with a fresh listing after every event: pods
// assumed then bound, pods that finish (terminal pods free their node), deleted pods, pods with
// affinity, and a node that goes away and comes back.
TEST(KubeSchedulerTest, CacheAgreesWithTheApiAfterEveryEvent) {
    engine::Simulation sim;
    auto* scheduler = sim.kube_scheduler();
    ASSERT_NE(scheduler, nullptr);
    auto run = [&](Duration d) {
        const Time until = sim.Now() + d;
        while (sim.NextEventTime() && *sim.NextEventTime() <= until) {
            sim.Step();
            const std::string diff = scheduler->CompareCache();
            ASSERT_EQ(diff, "") << "at " << sim.Now();
        }
        sim.RunUntil(until);
    };
    // A Service selecting the sleepers gives them default topology spreading: the cache keeps
    // per-node counts of its selector, and status updates, label changes and deletions must
    // keep them exact.
    CreateService(sim, "sleepers", {{"app", "sleep"}});
    for (int i = 0; i < 6; ++i)
        ASSERT_TRUE(sim.api().pods().Create(SleepPod("sleeper-" + std::to_string(i), {{"app", "sleep"}})).ok());
    k8s::Pod quick = MakePod("quick", "busybox:1.28");
    MainContainer(quick).name = "main";
    MainContainer(quick).command = {"true"};
    quick.spec.Mut().restart_policy = "Never";
    ASSERT_TRUE(sim.api().pods().Create(std::move(quick)).ok());
    ASSERT_TRUE(sim.api().pods().Create(ZkPodOnePerNode("spread")).ok());
    run(Minutes(2));
    EXPECT_EQ(GetPod(sim, "quick")->status.phase, "Succeeded");
    EXPECT_FALSE(GetPod(sim, "spread")->spec->node_name.empty());
    EXPECT_GE(scheduler->SpreadMemosForTest(), 1u);
    // A bound pod leaves the Service's selector and comes back.
    for (const char* value : {"other", "sleep"}) {
        k8s::Pod relabelled = *GetPod(sim, "sleeper-2");
        relabelled.metadata.labels.Set("app", value);
        ASSERT_TRUE(sim.api().pods().Update(std::move(relabelled)).ok());
        run(Seconds(5));
    }
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper-0").ok());
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper-1").ok());
    run(Minutes(1));
    const auto worker = sim.api().nodes().Get("", "kind-worker3");
    ASSERT_NE(worker, nullptr);
    k8s::Node copy = *worker;
    ASSERT_TRUE(sim.api().nodes().Delete("", "kind-worker3").ok());
    run(Seconds(30));
    copy.metadata.resource_version.clear();
    copy.metadata.uid.clear();
    ASSERT_TRUE(sim.api().nodes().Create(std::move(copy)).ok());
    ASSERT_TRUE(sim.api().pods().Create(SleepPod("late")).ok());
    run(Minutes(1));
    EXPECT_FALSE(GetPod(sim, "late")->spec->node_name.empty());
}

}  // namespace
}  // namespace sts::cluster
