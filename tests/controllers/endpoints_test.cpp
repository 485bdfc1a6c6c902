// The Endpoints controller: ready vs not-ready addresses, the hostname rule, named ports,
// publishNotReadyAddresses, terminating pods, the 1000-address cap, and burst collapsing
// (reference §4.1).
#include <gtest/gtest.h>

#include "controllers/endpoints_controller.h"
#include "controllers/gc_test_env.h"
#include "core/rng.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

std::vector<std::string> Ips(const std::vector<k8s::Cow<k8s::EndpointAddress>>& addrs) {
    std::vector<std::string> out;
    for (const auto& a : addrs) out.push_back(a->ip);
    return out;
}

class EndpointsTest : public ::testing::Test {
protected:
    TestCluster c;
    EndpointsController ec{c.ctx};

    void RunningPod(const std::string& name, const std::string& ip, bool ready, const std::string& subdomain = "nginx") {
        c.StsPod("default", name, subdomain, {{"app", "nginx"}});
        c.Bind("default", name, "kind-worker");
        c.SetRunning("default", name, ip, ready);
    }
    static std::string Ip(int i) { return "10.244." + std::to_string(2 + i / 250) + "." + std::to_string(2 + i % 250); }
};

TEST_F(EndpointsTest, ReadyAndNotReadyAddressesWithHostnamesAndTargetRefs) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    RunningPod("web-0", "10.244.1.2", true);
    RunningPod("web-1", "10.244.1.3", false);
    RunningPod("other-0", "10.244.1.4", true, "elsewhere");  // subdomain is not this service
    c.StsPod("default", "web-2", "nginx", {{"app", "nginx"}});  // no IP yet
    c.Run(Millis(100));
    auto ep = c.api.endpoints().Get("default", "nginx");
    ASSERT_TRUE(ep);
    ASSERT_EQ(ep->subsets.size(), 1u);
    const auto& s = ep->subsets[0];
    EXPECT_EQ(Ips(s.addresses), (std::vector<std::string>{"10.244.1.2", "10.244.1.4"}));
    EXPECT_EQ(Ips(s.not_ready_addresses), std::vector<std::string>{"10.244.1.3"});
    EXPECT_EQ(s.addresses[0]->hostname, "web-0");
    EXPECT_EQ(s.addresses[1]->hostname, "");  // subdomain != service name
    EXPECT_EQ(s.not_ready_addresses[0]->hostname, "web-1");
    EXPECT_EQ(s.addresses[0]->node_name.value_or(""), "kind-worker");
    ASSERT_TRUE(s.addresses[0]->target_ref);
    EXPECT_EQ(s.addresses[0]->target_ref->kind, "Pod");
    EXPECT_EQ(s.addresses[0]->target_ref->name, "web-0");
    EXPECT_EQ(s.addresses[0]->target_ref->namespace_, "default");
    EXPECT_EQ(s.addresses[0]->target_ref->uid, c.api.pods().Get("default", "web-0")->metadata.uid);
    ASSERT_EQ(s.ports.size(), 1u);
    EXPECT_EQ(s.ports[0].name, "web");
    EXPECT_EQ(s.ports[0].port, 80);
    EXPECT_EQ(s.ports[0].protocol, "TCP");
    EXPECT_EQ(ep->metadata.labels.Get("app"), "nginx");
    EXPECT_TRUE(ep->metadata.labels.Has("service.kubernetes.io/headless"));
    EXPECT_EQ(ep->metadata.annotations.Get("endpoints.kubernetes.io/last-change-trigger-time"), "2026-01-01T00:00:00Z");

    // Readiness moves an address between the lists.
    c.Run(Seconds(3));
    c.SetReady("default", "web-1", true);
    c.Run(Millis(100));
    ep = c.api.endpoints().Get("default", "nginx");
    EXPECT_EQ(Ips(ep->subsets[0].addresses), (std::vector<std::string>{"10.244.1.2", "10.244.1.3", "10.244.1.4"}));
    EXPECT_TRUE(ep->subsets[0].not_ready_addresses.empty());
    EXPECT_EQ(ep->metadata.annotations.Get("endpoints.kubernetes.io/last-change-trigger-time"), "2026-01-01T00:00:03Z");
}

TEST_F(EndpointsTest, NamedTargetPortsResolvePerPod) {
    k8s::ServicePort p;
    p.name = "http";
    p.port = 8080;
    p.target_port = k8s::IntOrString(std::string("web"));
    k8s::ServicePort metrics;
    metrics.name = "metrics";
    metrics.port = 9100;
    metrics.target_port = k8s::IntOrString(std::string("metrics"));
    c.Service("default", "web", {{"app", "nginx"}}, false, "", {p, metrics});
    RunningPod("web-0", "10.244.1.2", true);
    c.Run(Millis(100));
    auto ep = c.api.endpoints().Get("default", "web");
    ASSERT_TRUE(ep);
    ASSERT_EQ(ep->subsets.size(), 1u);
    ASSERT_EQ(ep->subsets[0].ports.size(), 1u);  // no container port is named "metrics"
    EXPECT_EQ(ep->subsets[0].ports[0].name, "http");
    EXPECT_EQ(ep->subsets[0].ports[0].port, 80);  // the container's port, not the service's
    EXPECT_FALSE(ep->metadata.labels.Has("service.kubernetes.io/headless"));
}

TEST_F(EndpointsTest, PublishNotReadyAddressesAndTerminatingPods) {
    auto svc = c.Service("default", "nginx", {{"app", "nginx"}}, true);
    RunningPod("web-0", "10.244.1.2", true);
    RunningPod("web-1", "10.244.1.3", false);
    c.Run(Millis(100));
    ASSERT_TRUE(c.api.pods().Delete("default", "web-0").ok());  // graceful: still Running and Ready
    c.Run(Millis(100));
    auto ep = c.api.endpoints().Get("default", "nginx");
    EXPECT_TRUE(ep->subsets[0].addresses.empty());  // terminating pods leave Endpoints at once
    EXPECT_EQ(Ips(ep->subsets[0].not_ready_addresses), std::vector<std::string>{"10.244.1.3"});

    k8s::Service publish = *c.api.services().Get("default", "nginx");
    publish.spec.publish_not_ready_addresses = true;
    ASSERT_TRUE(c.api.services().Update(publish).ok());
    c.Run(Millis(100));
    ep = c.api.endpoints().Get("default", "nginx");
    EXPECT_EQ(Ips(ep->subsets[0].addresses), (std::vector<std::string>{"10.244.1.2", "10.244.1.3"}));
    EXPECT_TRUE(ep->subsets[0].not_ready_addresses.empty());
}

TEST_F(EndpointsTest, ServicesWithoutSelectorAreLeftAloneAndDeletedServicesLoseTheirEndpoints) {
    k8s::Service kubernetes;
    kubernetes.metadata.namespace_ = "default";
    kubernetes.metadata.name = "kubernetes";
    kubernetes.spec.cluster_ip = "10.96.0.1";
    k8s::ServicePort https;
    https.name = "https";
    https.port = 443;
    https.target_port = k8s::IntOrString(6443);
    kubernetes.spec.ports = {https};
    ASSERT_TRUE(c.api.services().Create(kubernetes).ok());
    k8s::Endpoints manual;
    manual.metadata.namespace_ = "default";
    manual.metadata.name = "kubernetes";
    k8s::EndpointSubset subset;
    subset.addresses.push_back(k8s::EndpointAddress{"172.18.0.2", "", std::nullopt, std::nullopt});
    subset.ports.push_back({"https", 6443, "TCP", std::nullopt});
    manual.subsets = {subset};
    ASSERT_TRUE(c.api.endpoints().Create(manual).ok());
    const std::string rv = c.api.endpoints().Get("default", "kubernetes")->metadata.resource_version;
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    c.Run(Seconds(1));
    EXPECT_EQ(c.api.endpoints().Get("default", "kubernetes")->metadata.resource_version, rv);
    ASSERT_TRUE(c.api.endpoints().Get("default", "nginx"));  // created even with no pods
    EXPECT_TRUE(c.api.endpoints().Get("default", "nginx")->subsets.empty());

    // Deleted by hand: it comes back. Service deleted: it goes.
    ASSERT_TRUE(c.api.endpoints().Delete("default", "nginx").ok());
    c.Run(Millis(100));
    EXPECT_TRUE(c.api.endpoints().Get("default", "nginx"));
    ASSERT_TRUE(c.api.services().Delete("default", "nginx").ok());
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.endpoints().Get("default", "nginx"));
}

TEST_F(EndpointsTest, MoreThanAThousandAddressesAreTruncatedReadyFirst) {
    c.Service("default", "big", {{"app", "big"}}, true);
    for (int i = 0; i < 1100; ++i) {
        const std::string name = "big-" + std::to_string(i);
        c.StsPod("default", name, "big", {{"app", "big"}});
        c.Bind("default", name, "kind-worker");
        c.SetRunning("default", name, Ip(i), i < 900);
    }
    c.Run(Seconds(2));
    auto ep = c.api.endpoints().Get("default", "big");
    ASSERT_TRUE(ep);
    size_t ready = 0, not_ready = 0;
    for (const auto& s : ep->subsets) {
        ready += s.addresses.size();
        not_ready += s.not_ready_addresses.size();
    }
    EXPECT_EQ(ready, 900u);
    EXPECT_EQ(not_ready, 100u);
    EXPECT_EQ(ep->metadata.annotations.Get("endpoints.kubernetes.io/over-capacity"), "truncated");
    // The not-ready addresses kept are the first 100 in IP (string) order, listed in that order.
    std::vector<std::string> expected;
    for (int i = 900; i < 1100; ++i) expected.push_back(Ip(i));
    std::sort(expected.begin(), expected.end());
    expected.resize(100);
    ASSERT_EQ(ep->subsets.size(), 1u);
    std::vector<std::string> kept;
    for (const auto& a : ep->subsets[0].not_ready_addresses) kept.push_back(a->ip);
    EXPECT_EQ(kept, expected);
}

TEST_F(EndpointsTest, MoreThanAThousandReadyAddressesKeepTheFirstThousandInIpOrder) {
    c.Service("default", "big", {{"app", "big"}}, true);
    std::vector<std::string> ready_ips;
    for (int i = 0; i < 1200; ++i) {
        const std::string name = "big-" + std::to_string(i);
        c.StsPod("default", name, "big", {{"app", "big"}});
        c.Bind("default", name, "kind-worker");
        c.SetRunning("default", name, Ip(i), i % 7 != 0);
        if (i % 7 != 0) ready_ips.push_back(Ip(i));
    }
    c.Run(Seconds(2));
    auto ep = c.api.endpoints().Get("default", "big");
    ASSERT_TRUE(ep);
    ASSERT_EQ(ep->subsets.size(), 1u);
    EXPECT_TRUE(ep->subsets[0].not_ready_addresses.empty());
    std::sort(ready_ips.begin(), ready_ips.end());
    ready_ips.resize(1000);
    std::vector<std::string> kept;
    for (const auto& a : ep->subsets[0].addresses) kept.push_back(a->ip);
    EXPECT_EQ(kept, ready_ips);
    EXPECT_EQ(ep->metadata.annotations.Get("endpoints.kubernetes.io/over-capacity"), "truncated");
}

TEST_F(EndpointsTest, ABurstOfPodChangesCollapsesIntoFewSyncs) {
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    c.Run(Millis(10));
    const uint64_t before = ec.SyncCount();
    for (int i = 0; i < 500; ++i) {
        const std::string name = "web-" + std::to_string(i);
        c.StsPod("default", name, "nginx", {{"app", "nginx"}});
        c.Bind("default", name, "kind-worker");
        c.SetRunning("default", name, "10.244." + std::to_string(2 + i / 250) + "." + std::to_string(2 + i % 250), true);
    }
    c.Run(Seconds(1));
    EXPECT_LE(ec.SyncCount() - before, 2u);
    size_t n = 0;
    for (const auto& s : c.api.endpoints().Get("default", "nginx")->subsets) n += s.addresses.size();
    EXPECT_EQ(n, 500u);
}

// The controller recomputes only the pods that changed since its last sync. After every burst of
// random changes (pods created, started, made ready or not, relabelled out of the selection and
// back, deleted gracefully or at once, the Service switched to publishNotReadyAddresses and
// back), the Endpoints are those worked out from scratch from the pods as they are now: ready
// and not-ready addresses in (IP, uid) order, at most 1000, ready ones first.
class EndpointsChurnTest : public EndpointsTest, public ::testing::WithParamInterface<int> {
protected:
    using Address = std::pair<std::string, std::string>;  // IP, pod uid

    void ExpectEndpointsFromScratch(int step) {
        auto svc = c.api.services().Get("default", "nginx");
        const bool publish = svc->spec.publish_not_ready_addresses;
        std::vector<Address> ready, not_ready;
        for (const auto& pod : c.api.pods().List("default")) {
            if (pod->metadata.labels.Get("app") != "nginx" || pod->status.pod_ip.empty()) continue;
            if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") continue;
            if (pod->metadata.deletion_timestamp && !publish) continue;
            bool is_ready = false;
            for (const auto& cond : pod->status.conditions)
                if (cond.type == "Ready") is_ready = cond.status == "True";
            ((publish || is_ready) ? ready : not_ready).push_back({pod->status.pod_ip, pod->metadata.uid});
        }
        std::sort(ready.begin(), ready.end());
        std::sort(not_ready.begin(), not_ready.end());
        const bool truncated = ready.size() + not_ready.size() > EndpointsController::kMaxCapacity;
        if (ready.size() > EndpointsController::kMaxCapacity) ready.resize(EndpointsController::kMaxCapacity);
        if (ready.size() + not_ready.size() > EndpointsController::kMaxCapacity)
            not_ready.resize(EndpointsController::kMaxCapacity - ready.size());

        auto ep = c.api.endpoints().Get("default", "nginx");
        ASSERT_TRUE(ep) << "step " << step;
        std::vector<Address> got_ready, got_not_ready;
        ASSERT_LE(ep->subsets.size(), 1u) << "step " << step;
        for (const auto& subset : ep->subsets) {
            for (const auto& a : subset.addresses) got_ready.push_back({a->ip, a->target_ref->uid});
            for (const auto& a : subset.not_ready_addresses) got_not_ready.push_back({a->ip, a->target_ref->uid});
        }
        EXPECT_EQ(got_ready, ready) << "step " << step;
        EXPECT_EQ(got_not_ready, not_ready) << "step " << step;
        EXPECT_EQ(ep->metadata.annotations.Has("endpoints.kubernetes.io/over-capacity"), truncated) << "step " << step;
    }

    void Relabel(const std::string& name, const std::string& app) {
        k8s::Pod pod = *c.api.pods().Get("default", name);
        pod.metadata.labels.Set("app", app);
        ASSERT_TRUE(c.api.pods().Update(pod).ok());
    }
};

TEST_P(EndpointsChurnTest, AfterEverySyncTheAddressesAreThoseWorkedOutFromScratch) {
    const int pods = GetParam();
    Rng rng(static_cast<uint64_t>(pods));
    c.Service("default", "nginx", {{"app", "nginx"}}, true);
    auto name_of = [](int i) { return "web-" + std::to_string(i); };
    // Most pods start Running, so that the larger pool is over the 1000-address cap.
    for (int i = 0; i < pods; ++i) {
        if (rng.Chance(100)) continue;
        c.StsPod("default", name_of(i), "nginx", {{"app", "nginx"}});
        c.Bind("default", name_of(i), "kind-worker");
        c.SetRunning("default", name_of(i), Ip(i), rng.Chance(800));
    }
    c.Run(Seconds(1));
    ExpectEndpointsFromScratch(0);
    for (int step = 1; step <= 150; ++step) {
        const int changes = static_cast<int>(rng.Range(1, 6));
        for (int k = 0; k < changes; ++k) {
            const int i = static_cast<int>(rng.Below(static_cast<uint64_t>(pods)));
            const std::string name = name_of(i);
            auto pod = c.api.pods().Get("default", name);
            if (!pod) {
                c.StsPod("default", name, "nginx", {{"app", rng.Chance(900) ? "nginx" : "other"}});
                continue;
            }
            if (pod->spec->node_name.empty()) {
                c.Bind("default", name, "kind-worker");
                c.SetRunning("default", name, Ip(i), rng.Chance(500));
                continue;
            }
            switch (rng.Below(5)) {
                case 0: c.SetReady("default", name, rng.Chance(500)); break;
                case 1: Relabel(name, pod->metadata.labels.Get("app") == "nginx" ? "other" : "nginx"); break;
                case 2: c.api.pods().Delete("default", name); break;  // graceful: terminating
                case 3: c.FinishTermination("default", name); break;
                default: c.SetRunning("default", name, Ip(i), true); break;
            }
        }
        if (rng.Chance(40)) {
            k8s::Service svc = *c.api.services().Get("default", "nginx");
            svc.spec.publish_not_ready_addresses = !svc.spec.publish_not_ready_addresses;
            ASSERT_TRUE(c.api.services().Update(svc).ok());
        }
        c.Run(Millis(rng.Range(200, 2000)));
        ExpectEndpointsFromScratch(step);
    }
}

INSTANTIATE_TEST_SUITE_P(UnderAndOverTheCap, EndpointsChurnTest, ::testing::Values(60, 1040));

}  // namespace
}  // namespace sts::controllers
