// The EndpointSlice controller: naming, labels, owner, conditions, 100 endpoints per slice,
// minimal rewrites, the placeholder slice, garbage collection with the Service, and 10,000 pods
// behind one headless Service (reference §4.1).
#include <gtest/gtest.h>

#include "controllers/endpointslice_controller.h"
#include "controllers/garbage_collector.h"
#include "controllers/gc_test_env.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

class EndpointSliceTest : public ::testing::Test {
protected:
    TestCluster c;
    EndpointSliceController esc{c.ctx};

    std::vector<apiserver::Ptr<k8s::EndpointSlice>> Slices(const std::string& svc) {
        std::vector<apiserver::Ptr<k8s::EndpointSlice>> out;
        for (const auto& s : c.api.endpointslices().List("default"))
            if (s->metadata.labels.Get("kubernetes.io/service-name") == svc) out.push_back(s);
        return out;
    }
    size_t EndpointCount(const std::string& svc) {
        size_t n = 0;
        for (const auto& s : Slices(svc)) n += s->endpoints.size();
        return n;
    }
    void RunningPod(const std::string& name, const std::string& ip, bool ready) {
        c.StsPod("default", name, "nginx", {{"app", "nginx"}});
        c.Bind("default", name, "kind-worker");
        c.SetRunning("default", name, ip, ready);
    }
    static std::string Ip(int i) { return "10.244." + std::to_string(2 + i / 250) + "." + std::to_string(2 + i % 250); }
};

TEST_F(EndpointSliceTest, SliceShapeForTheTutorialService) {
    auto svc = c.Service("default", "nginx", {{"app", "nginx"}}, true);
    RunningPod("web-0", "10.244.1.2", true);
    RunningPod("web-1", "10.244.2.2", false);
    c.Run(Millis(100));
    auto slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    const auto& s = *slices[0];
    EXPECT_EQ(s.metadata.name.size(), std::string("nginx-").size() + 5);
    EXPECT_EQ(s.metadata.name.rfind("nginx-", 0), 0u);
    EXPECT_EQ(s.metadata.generate_name, "nginx-");
    EXPECT_EQ(s.metadata.labels.Get("kubernetes.io/service-name"), "nginx");
    EXPECT_EQ(s.metadata.labels.Get("endpointslice.kubernetes.io/managed-by"), "endpointslice-controller.k8s.io");
    EXPECT_TRUE(s.metadata.labels.Has("service.kubernetes.io/headless"));
    EXPECT_EQ(s.metadata.labels.Get("app"), "nginx");
    ASSERT_EQ(s.metadata.owner_references.size(), 1u);
    EXPECT_EQ(s.metadata.owner_references[0].kind, "Service");
    EXPECT_EQ(s.metadata.owner_references[0].uid, svc->metadata.uid);
    EXPECT_TRUE(s.metadata.owner_references[0].IsController());
    EXPECT_TRUE(s.metadata.owner_references[0].block_owner_deletion.value_or(false));
    EXPECT_EQ(s.address_type, "IPv4");
    ASSERT_EQ(s.ports.size(), 1u);
    EXPECT_EQ(s.ports[0].name.value_or("?"), "web");
    EXPECT_EQ(s.ports[0].port.value_or(0), 80);
    ASSERT_EQ(s.endpoints.size(), 2u);
    const auto& e0 = *s.endpoints[0];
    EXPECT_EQ(e0.addresses, std::vector<std::string>{"10.244.1.2"});
    EXPECT_EQ(e0.conditions.ready, std::optional<bool>(true));
    EXPECT_EQ(e0.conditions.serving, std::optional<bool>(true));
    EXPECT_EQ(e0.conditions.terminating, std::optional<bool>(false));
    EXPECT_EQ(e0.hostname.value_or(""), "web-0");
    EXPECT_EQ(e0.node_name.value_or(""), "kind-worker");
    EXPECT_FALSE(e0.zone.has_value());
    EXPECT_EQ(e0.target_ref->name, "web-0");
    EXPECT_EQ(s.endpoints[1]->conditions.ready, std::optional<bool>(false));
    EXPECT_EQ(k8s::Encode(e0).Get("conditions").ToJson(), R"({"ready":true,"serving":true,"terminating":false})");

    // A terminating pod stays, marked terminating and no longer ready (still serving).
    ASSERT_TRUE(c.api.pods().Delete("default", "web-0").ok());
    c.Run(Millis(100));
    slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    const auto& t = *slices[0]->endpoints[0];
    EXPECT_EQ(t.target_ref->name, "web-0");
    EXPECT_EQ(t.conditions.ready, std::optional<bool>(false));
    EXPECT_EQ(t.conditions.serving, std::optional<bool>(true));
    EXPECT_EQ(t.conditions.terminating, std::optional<bool>(true));
}

TEST_F(EndpointSliceTest, AtMostOneHundredEndpointsPerSliceAndMinimalRewrites) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    for (int i = 0; i < 250; ++i) RunningPod("web-" + std::to_string(i), Ip(i), true);
    c.Run(Seconds(1));
    auto slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 3u);
    std::multiset<size_t> sizes;
    for (const auto& s : slices) sizes.insert(s->endpoints.size());
    EXPECT_EQ(sizes, (std::multiset<size_t>{50, 100, 100}));

    // One pod turns not ready: exactly one slice changes.
    std::map<std::string, int64_t> generations;
    for (const auto& s : slices) generations[s->metadata.name] = s->metadata.generation;
    c.SetReady("default", "web-7", false);
    c.Run(Millis(100));
    int changed = 0;
    for (const auto& s : Slices("nginx")) changed += s->metadata.generation != generations[s->metadata.name];
    EXPECT_EQ(changed, 1);

    // A new pod fills the slice that has room instead of creating a fourth.
    RunningPod("web-250", Ip(250), true);
    c.Run(Millis(100));
    EXPECT_EQ(Slices("nginx").size(), 3u);
    EXPECT_EQ(EndpointCount("nginx"), 251u);
}

// The controller remembers which pod entry each endpoint of the slices it wrote came from, and
// skips comparing those; a slice someone else rewrote is another snapshot and is compared in
// full, so an edited endpoint is put back.
TEST_F(EndpointSliceTest, AnEndpointEditedBySomeoneElseIsPutBack) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    for (int i = 0; i < 150; ++i) RunningPod("web-" + std::to_string(i), Ip(i), true);
    c.Run(Seconds(1));
    auto slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 2u);
    k8s::EndpointSlice edited = *slices[0];
    ASSERT_FALSE(edited.endpoints.empty());
    const std::string pod = edited.endpoints[0]->target_ref->name;
    const bool was_ready = edited.endpoints[0]->conditions.ready.value_or(false);
    edited.endpoints[0].Mut().conditions.ready = !was_ready;
    edited.endpoints[0].Mut().node_name = "somewhere-else";
    ASSERT_TRUE(c.api.endpointslices().Update(edited).ok());
    c.Run(Millis(500));
    bool found = false;
    for (const auto& s : Slices("nginx")) {
        for (const auto& ep : s->endpoints) {
            if (ep->target_ref->name != pod) continue;
            found = true;
            EXPECT_EQ(ep->conditions.ready.value_or(false), was_ready);
            EXPECT_EQ(ep->node_name.value_or(""), "kind-worker");
        }
    }
    EXPECT_TRUE(found);
    EXPECT_EQ(EndpointCount("nginx"), 150u);
}

// An endpoint reads its node for the zone only: a node update that leaves the zone alone
// rewrites nothing, and a zone label reaches the endpoints of the node's pods at the next sync.
TEST_F(EndpointSliceTest, NodeZoneReachesEndpointsAndOtherNodeUpdatesRewriteNothing) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    RunningPod("web-0", "10.244.1.2", true);
    c.Run(Millis(100));
    const int64_t generation = Slices("nginx").at(0)->metadata.generation;
    auto relabel_node = [&](const std::string& key, const std::string& value) {
        k8s::Node node = *c.api.nodes().Get("", "kind-worker");
        node.metadata.labels.Set(key, value);
        ASSERT_TRUE(c.api.nodes().Update(node).ok());
    };
    auto resync = [&](const std::string& pod) {
        RunningPod(pod, "10.244.2." + std::to_string(10 + pod.back() - '0'), true);
        c.Run(Millis(100));
    };
    relabel_node("example.com/rack", "r1");
    resync("web-1");
    auto slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    EXPECT_EQ(slices[0]->endpoints.size(), 2u);
    for (const auto& ep : slices[0]->endpoints) EXPECT_FALSE(ep->zone.has_value()) << ep->target_ref->name;
    EXPECT_EQ(slices[0]->metadata.generation, generation + 1);  // web-1 added, nothing else

    relabel_node("topology.kubernetes.io/zone", "zone-a");
    resync("web-2");
    slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    for (const auto& ep : slices[0]->endpoints) {
        if (ep->target_ref->name == "web-0") {
            EXPECT_EQ(ep->zone.value_or(""), "zone-a");
        }
    }
}

TEST_F(EndpointSliceTest, EmptyServiceGetsOnePlaceholderThatIsReused) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    c.Run(Millis(100));
    auto slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    EXPECT_TRUE(slices[0]->endpoints.empty());
    EXPECT_TRUE(slices[0]->ports.empty());
    const std::string placeholder = slices[0]->metadata.name;
    RunningPod("web-0", "10.244.1.2", true);
    c.Run(Millis(100));
    slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    EXPECT_EQ(slices[0]->metadata.name, placeholder);
    EXPECT_EQ(slices[0]->endpoints.size(), 1u);
    EXPECT_EQ(slices[0]->ports.size(), 1u);
    // The pod goes away: back to an empty placeholder, still the same object.
    c.FinishTermination("default", "web-0");
    c.Run(Millis(100));
    slices = Slices("nginx");
    ASSERT_EQ(slices.size(), 1u);
    EXPECT_EQ(slices[0]->metadata.name, placeholder);
    EXPECT_TRUE(slices[0]->endpoints.empty());
}

TEST_F(EndpointSliceTest, DeletedSlicesComeBackAndSlicesGoWithTheirService) {
    GarbageCollector gc(c.ctx);
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    RunningPod("web-0", "10.244.1.2", true);
    c.Run(Millis(100));
    const std::string first = Slices("nginx").at(0)->metadata.name;
    ASSERT_TRUE(c.api.endpointslices().Delete("default", first).ok());
    c.Run(Millis(100));
    ASSERT_EQ(Slices("nginx").size(), 1u);
    EXPECT_NE(Slices("nginx")[0]->metadata.name, first);
    ASSERT_TRUE(c.api.services().Delete("default", "nginx").ok());
    c.Run(Millis(100));
    EXPECT_TRUE(Slices("nginx").empty());
}

TEST_F(EndpointSliceTest, TenThousandPodsBehindOneHeadlessServiceStayLinear) {
    EndpointsController ec(c.ctx);  // a real cluster runs both
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    const int kPods = 10000;
    for (int i = 0; i < kPods; ++i) {
        const std::string name = "web-" + std::to_string(i);
        c.StsPod("default", name, "nginx", {{"app", "nginx"}});
        c.Bind("default", name, i % 2 ? "kind-worker" : "kind-worker2");
    }
    c.Run(Seconds(1));
    const uint64_t before = esc.SyncCount();
    const uint64_t ec_before = ec.SyncCount();
    // The pods become ready over ten seconds, ten every 10 ms: far more changes than syncs.
    for (int step = 0; step < kPods / 10; ++step) {
        for (int i = step * 10; i < (step + 1) * 10; ++i) c.SetRunning("default", "web-" + std::to_string(i), Ip(i), true);
        c.Run(Millis(10));
    }
    c.Run(Seconds(5));
    const uint64_t syncs = esc.SyncCount() - before;
    // A sync reads all 10,000 pods, about 100 ms of controller time, so ten seconds of changes
    // collapse into about a hundred syncs (not 10,000): the work is linear in the pods.
    EXPECT_GE(syncs, 50u);
    EXPECT_LE(syncs, 120u);
    // The Endpoints controller reads the same pods at the same pace (and keeps 1000 of them).
    EXPECT_LE(ec.SyncCount() - ec_before, 120u);
    auto ep = c.api.endpoints().Get("default", "nginx");
    ASSERT_TRUE(ep);
    EXPECT_EQ(ep->subsets.at(0).addresses.size(), 1000u);
    EXPECT_EQ(ep->metadata.annotations.Get("endpoints.kubernetes.io/over-capacity"), "truncated");
    EXPECT_EQ(Slices("nginx").size(), 100u);
    EXPECT_EQ(EndpointCount("nginx"), static_cast<size_t>(kPods));
    for (const auto& s : Slices("nginx")) {
        EXPECT_EQ(s->endpoints.size(), 100u);
        for (const auto& e : s->endpoints) ASSERT_EQ(e->conditions.ready, std::optional<bool>(true));
    }
}


// After pod events only, a sync recomputes the pods that had them and matches again only the
// slices that hold one. It must write exactly what the walk over every pod writes: two
// clusters live one random history of pod, node and slice changes, one controller taking the
// shortcut and one walking every pod, and after every step their slices are the same bytes.
TEST(EndpointSliceChangedPodsTest, RecomputingTheChangedPodsOnlyWritesWhatTheFullWalkWrites) {
    for (uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        TestCluster a, b;
        // Five endpoints per slice: a few dozen pods make many slices to place them in.
        EndpointSliceController shortcut{a.ctx, 5};
        EndpointSliceController walk{b.ctx, 5};
        walk.set_recompute_changed_only(false);
        TestCluster* both[] = {&a, &b};
        for (TestCluster* c : both) {
            c->Service("default", "nginx", {{"app", "nginx"}}, true);
            k8s::Service all;
            all.metadata.namespace_ = "default";
            all.metadata.name = "all";
            all.spec.selector = {{"tier", "web"}};
            all.spec.publish_not_ready_addresses = true;
            k8s::ServicePort port;
            port.name = "web";
            port.port = 8080;
            port.target_port = k8s::IntOrString(std::string("web"));
            all.spec.ports.push_back(port);
            ASSERT_TRUE(c->api.services().Create(all).ok());
        }
        Rng rng(seed);
        int next_ip = 0;
        auto dump = [](TestCluster& c) {
            std::string out;
            for (const auto& s : c.api.endpointslices().List()) out += k8s::Encode(*s).ToJson() + "\n";
            return out;
        };
        for (int step = 0; step < 400; ++step) {
            const std::string pod = "web-" + std::to_string(rng.Below(40));
            auto current = a.api.pods().Get("default", pod);
            const uint64_t op = rng.Below(100);
            const std::string node = rng.Chance(500) ? "kind-worker" : "kind-worker2";
            const bool ready = rng.Chance(600);
            ++next_ip;
            const std::string ip = "10.244." + std::to_string(1 + next_ip / 200) + "." + std::to_string(2 + next_ip % 200);
            for (TestCluster* c : both) {
                if (!current && op < 60) {
                    c->StsPod("default", pod, "nginx", {{"app", "nginx"}, {"tier", "web"}});
                    c->Bind("default", pod, node);
                    if (op < 45) c->SetRunning("default", pod, ip, ready);
                } else if (!current) {
                    continue;
                } else if (current->status.pod_ip.empty() && !current->metadata.IsTerminating()) {
                    c->SetRunning("default", pod, ip, ready);
                } else if (op < 45) {
                    c->SetReady("default", pod, ready);
                } else if (op < 55) {
                    ASSERT_TRUE(c->api.pods().Delete("default", pod).ok());
                } else if (op < 70) {
                    c->FinishTermination("default", pod);
                } else if (op < 80) {
                    // Leaves the Service "nginx", or comes back to it.
                    k8s::Pod relabelled = *current;
                    if (relabelled.metadata.labels.Has("app")) relabelled.metadata.labels.Erase("app");
                    else relabelled.metadata.labels.Set("app", "nginx");
                    ASSERT_TRUE(c->api.pods().Update(relabelled).ok());
                } else if (op < 85) {
                    k8s::Node n = *c->api.nodes().Get("", node);
                    n.metadata.labels.Set(op % 2 ? "topology.kubernetes.io/zone" : "example.com/rack",
                                          "z" + std::to_string(step % 3));
                    ASSERT_TRUE(c->api.nodes().Update(n).ok());
                } else if (op < 90) {
                    // Someone else edits one of the slices, or deletes it.
                    auto slices = c->api.endpointslices().List("default");
                    if (slices.empty()) continue;
                    const auto& slice = slices[step % slices.size()];
                    if (op % 2 || slice->endpoints.empty()) {
                        ASSERT_TRUE(c->api.endpointslices().Delete("default", slice->metadata.name).ok());
                    } else {
                        k8s::EndpointSlice edited = *slice;
                        edited.endpoints[0].Mut().conditions.ready = !edited.endpoints[0]->conditions.ready.value_or(false);
                        ASSERT_TRUE(c->api.endpointslices().Update(edited).ok());
                    }
                }
            }
            const Duration pause = Millis(rng.Range(1, 150));
            a.Run(pause);
            b.Run(pause);
            ASSERT_EQ(dump(a), dump(b)) << "step " << step;
        }
        EXPECT_EQ(shortcut.SyncCount(), walk.SyncCount());
        // The shortcut was taken for most syncs, and the walk never.
        EXPECT_GT(shortcut.ChangedOnlySyncs() * 2, shortcut.SyncCount());
        EXPECT_EQ(walk.ChangedOnlySyncs(), 0u);
    }
}

}  // namespace
}  // namespace sts::controllers
