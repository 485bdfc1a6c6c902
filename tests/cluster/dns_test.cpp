// Cluster DNS for the tutorial's headless Service: per-pod names, the search path and ndots,
// not-ready pods, SRV and PTR records, pod records, caching (reference §4).
#include <gtest/gtest.h>

#include "cluster/cluster_dns.h"
#include "controllers/endpointslice_controller.h"
#include "controllers/gc_test_env.h"

namespace sts::cluster {
namespace {

using testenv::TestCluster;

std::vector<std::string> Sorted(std::vector<std::string> v) {
    std::sort(v.begin(), v.end());
    return v;
}

std::vector<std::string> Tried(const Resolution& r) {
    std::vector<std::string> out;
    for (const auto& a : r.attempts) out.push_back(a.qname + " " + std::string(RcodeName(a.rcode)));
    return out;
}

class DnsTest : public ::testing::Test {
protected:
    TestCluster c;
    controllers::EndpointSliceController slices{c.ctx};
    ClusterDns dns{c.ctx};
    apiserver::Ptr<k8s::Pod> client;  // busybox in default
    apiserver::Ptr<k8s::Pod> other;   // busybox in namespace "other"

    void SetUp() override {
        k8s::ServicePort dns_port;
        dns_port.name = "dns";
        dns_port.port = 53;
        dns_port.protocol = "UDP";
        c.Service("kube-system", "kube-dns", {{"k8s-app", "kube-dns"}}, false, "10.96.0.10", {dns_port});
        c.Service("default", "nginx", {{"app", "nginx"}}, true);
        Web(0, "10.244.1.2", true);
        Web(1, "10.244.2.2", true);
        client = c.Pod("default", "dns-test", {{"run", "dns-test"}});
        c.Bind("default", "dns-test", "kind-worker");
        c.SetRunning("default", "dns-test", "10.244.1.3", true);
        other = c.Pod("other", "dns-test", {{"run", "dns-test"}});
        c.Bind("other", "dns-test", "kind-worker");
        c.SetRunning("other", "dns-test", "10.244.1.4", true);
        c.Run(Millis(100));
        client = c.api.pods().Get("default", "dns-test");
        other = c.api.pods().Get("other", "dns-test");
    }

    void Web(int i, const std::string& ip, bool ready) {
        const std::string name = "web-" + std::to_string(i);
        c.StsPod("default", name, "nginx", {{"app", "nginx"}});
        c.Bind("default", name, i % 2 ? "kind-worker2" : "kind-worker");
        c.SetRunning("default", name, ip, ready);
    }
};

TEST_F(DnsTest, PodNameResolvesFromItsNamespaceThroughTheSearchPath) {
    Resolution r = dns.ResolveFrom(*client, "web-0.nginx");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.Addresses(), std::vector<std::string>{"10.244.1.2"});
    EXPECT_EQ(r.answered_by, "web-0.nginx.default.svc.cluster.local");
    EXPECT_EQ(Tried(r), std::vector<std::string>{"web-0.nginx.default.svc.cluster.local NOERROR"});
    EXPECT_EQ(r.answers[0].ttl, 30u);
    // The fully qualified name works from anywhere.
    EXPECT_TRUE(dns.ResolveFrom(*other, "web-1.nginx.default.svc.cluster.local").found);
}

TEST_F(DnsTest, FromAnotherNamespaceTheShortNameFailsUntilTheNamespaceIsAdded) {
    Resolution r = dns.ResolveFrom(*other, "web-0.nginx");
    EXPECT_FALSE(r.found);
    EXPECT_EQ(Tried(r), (std::vector<std::string>{"web-0.nginx.other.svc.cluster.local NXDOMAIN",
                                                  "web-0.nginx.svc.cluster.local NXDOMAIN",
                                                  "web-0.nginx.cluster.local NXDOMAIN", "web-0.nginx NXDOMAIN"}));
    EXPECT_TRUE(r.attempts.back().forwarded);  // outside cluster.local: the upstream resolver
    Resolution with_ns = dns.ResolveFrom(*other, "web-0.nginx.default");
    ASSERT_TRUE(with_ns.found);
    EXPECT_EQ(with_ns.Addresses(), std::vector<std::string>{"10.244.1.2"});
    EXPECT_EQ(Tried(with_ns), (std::vector<std::string>{"web-0.nginx.default.other.svc.cluster.local NXDOMAIN",
                                                        "web-0.nginx.default.svc.cluster.local NOERROR"}));
}

TEST_F(DnsTest, HeadlessServiceNameListsReadyPodsAndNotReadyPodsVanish) {
    EXPECT_EQ(Sorted(dns.ResolveFrom(*client, "nginx").Addresses()),
              (std::vector<std::string>{"10.244.1.2", "10.244.2.2"}));
    c.SetReady("default", "web-1", false);
    c.Run(Millis(100));
    EXPECT_EQ(dns.ResolveFrom(*client, "nginx").Addresses(), std::vector<std::string>{"10.244.1.2"});
    Resolution gone = dns.ResolveFrom(*client, "web-1.nginx");
    EXPECT_FALSE(gone.found);
    EXPECT_EQ(gone.attempts[0].rcode, Rcode::kNxDomain);
    // A terminating pod leaves DNS at once, even while it still runs.
    ASSERT_TRUE(c.api.pods().Delete("default", "web-0").ok());
    c.Run(Millis(100));
    EXPECT_FALSE(dns.ResolveFrom(*client, "web-0.nginx").found);
    EXPECT_FALSE(dns.ResolveFrom(*client, "nginx").found);  // no ready endpoint: NXDOMAIN
    // publishNotReadyAddresses brings every pod back.
    k8s::Service publish = *c.api.services().Get("default", "nginx");
    publish.spec.publish_not_ready_addresses = true;
    ASSERT_TRUE(c.api.services().Update(publish).ok());
    c.Run(Millis(100));
    EXPECT_TRUE(dns.ResolveFrom(*client, "web-1.nginx").found);
}

TEST_F(DnsTest, SrvRecordsPerNamedPortAndEndpoint) {
    DnsResponse r = dns.Query("_web._tcp.nginx.default.svc.cluster.local", RrType::kSRV);
    ASSERT_EQ(r.rcode, Rcode::kNoError);
    ASSERT_EQ(r.answers.size(), 2u);
    std::vector<std::string> targets;
    for (const auto& a : r.answers) {
        EXPECT_EQ(a.type, RrType::kSRV);
        EXPECT_EQ(a.port, 80);
        EXPECT_EQ(a.priority, 0);
        EXPECT_EQ(a.weight, 50);
        targets.push_back(a.data);
    }
    EXPECT_EQ(Sorted(targets), (std::vector<std::string>{"web-0.nginx.default.svc.cluster.local",
                                                         "web-1.nginx.default.svc.cluster.local"}));
    EXPECT_EQ(r.additional.size(), 2u);
    EXPECT_EQ(dns.Query("_http._tcp.nginx.default.svc.cluster.local", RrType::kSRV).rcode, Rcode::kNxDomain);
    // A ClusterIP Service's SRV record points at the Service itself.
    DnsResponse kd = dns.Query("_dns._udp.kube-dns.kube-system.svc.cluster.local", RrType::kSRV);
    ASSERT_EQ(kd.answers.size(), 1u);
    EXPECT_EQ(kd.answers[0].data, "kube-dns.kube-system.svc.cluster.local");
    EXPECT_EQ(kd.answers[0].port, 53);
}

TEST_F(DnsTest, ReverseRecordsAndTheNameserver) {
    DnsResponse ptr = dns.Query("2.1.244.10.in-addr.arpa", RrType::kPTR);
    ASSERT_EQ(ptr.answers.size(), 1u);
    EXPECT_EQ(ptr.answers[0].data, "web-0.nginx.default.svc.cluster.local");
    DnsServer ns = dns.Nameserver();
    EXPECT_EQ(ns.ip, "10.96.0.10");
    EXPECT_EQ(ns.ptr_name, "kube-dns.kube-system.svc.cluster.local");
    // A pod behind no Service has no reverse name.
    EXPECT_EQ(dns.ReverseLookup(dns.ResolverConfigFor(*client), "10.244.1.3"), "");
    // What busybox's nslookup prints comes from LookupForShell.
    DnsAnswer a = dns.LookupForShell(*client, "web-0.nginx");
    ASSERT_TRUE(a.found);
    EXPECT_EQ(a.addresses, std::vector<std::string>{"10.244.1.2"});
    EXPECT_EQ(a.ptr_names, std::vector<std::string>{"web-0.nginx.default.svc.cluster.local"});
    EXPECT_FALSE(dns.LookupForShell(*client, "web-3.nginx").found);
}

TEST_F(DnsTest, ServiceAndPodRecords) {
    DnsResponse kd = dns.Query("kube-dns.kube-system.svc.cluster.local.", RrType::kA);
    ASSERT_EQ(kd.answers.size(), 1u);
    EXPECT_EQ(kd.answers[0].data, "10.96.0.10");
    DnsResponse pod = dns.Query("10-244-1-2.default.pod.cluster.local", RrType::kA);
    ASSERT_EQ(pod.answers.size(), 1u);
    EXPECT_EQ(pod.answers[0].data, "10.244.1.2");
    EXPECT_EQ(dns.Query("10-244-1-2.nosuchns.pod.cluster.local", RrType::kA).rcode, Rcode::kNxDomain);
    EXPECT_EQ(dns.Query("nosuch.default.svc.cluster.local", RrType::kA).rcode, Rcode::kNxDomain);
    // A name that exists has no AAAA records: NOERROR with no data, not NXDOMAIN.
    EXPECT_TRUE(dns.Query("web-0.nginx.default.svc.cluster.local", RrType::kAAAA).NoData());
}

TEST_F(DnsTest, ResolvConfFollowsDnsPolicy) {
    const ResolverConfig conf = dns.ResolverConfigFor(*client);
    EXPECT_EQ(ClusterDns::ResolvConfText(conf),
              "search default.svc.cluster.local svc.cluster.local cluster.local\n"
              "nameserver 10.96.0.10\n"
              "options ndots:5\n");
    k8s::Pod custom = *client;
    custom.spec.Mut().dns_policy = "None";
    custom.spec.Mut().dns_config = Value::MakeObject(
        {{"nameservers", Value::MakeArray({Value("10.96.0.10")})},
         {"searches", Value::MakeArray({Value("nginx.default.svc.cluster.local")})},
         {"options", Value::MakeArray({Value::MakeObject({{"name", "ndots"}, {"value", "2"}})})}});
    const ResolverConfig none = dns.ResolverConfigFor(custom);
    EXPECT_EQ(ClusterDns::ResolvConfText(none),
              "search nginx.default.svc.cluster.local\nnameserver 10.96.0.10\noptions ndots:2\n");
    // With the Service's own domain in the search list a bare pod name resolves.
    Resolution r = dns.Resolve(none, "web-1");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.Addresses(), std::vector<std::string>{"10.244.2.2"});
    k8s::Pod host = *client;
    host.spec.Mut().host_network = true;
    EXPECT_FALSE(dns.ResolveFrom(host, "web-0.nginx").found);  // the node's resolver knows nothing of the cluster
}

TEST_F(DnsTest, KindCorefileDoesNotCacheClusterNamesSoNewPodsResolveAtOnce) {
    EXPECT_FALSE(dns.ResolveFrom(*client, "web-3.nginx").found);
    Web(3, "10.244.2.3", true);
    c.Run(Millis(100));
    Resolution r = dns.ResolveFrom(*client, "web-3.nginx");
    ASSERT_TRUE(r.found);
    EXPECT_FALSE(r.attempts[0].from_cache);
}

TEST_F(DnsTest, LegacyCorefileCachesTheMissForThirtySeconds) {
    dns.UseLegacyCorefile(true);
    EXPECT_FALSE(dns.ResolveFrom(*client, "web-3.nginx").found);
    Web(3, "10.244.2.3", false);
    c.Run(Seconds(5));
    c.SetReady("default", "web-3", true);
    c.Run(Seconds(5));
    Resolution cached = dns.ResolveFrom(*client, "web-3.nginx");
    EXPECT_FALSE(cached.found);  // web-3 is ready, but the NXDOMAIN is still cached
    EXPECT_TRUE(cached.attempts[0].from_cache);
    c.Run(Seconds(19));
    EXPECT_FALSE(dns.ResolveFrom(*client, "web-3.nginx").found);
    c.Run(Seconds(2));  // 31 s after the first lookup
    Resolution fresh = dns.ResolveFrom(*client, "web-3.nginx");
    ASSERT_TRUE(fresh.found);
    EXPECT_EQ(fresh.Addresses(), std::vector<std::string>{"10.244.2.3"});
}

TEST_F(DnsTest, PeekingLeavesNoTraceInTheCache) {
    dns.UseLegacyCorefile(true);
    const ResolverConfig conf = dns.ResolverConfigFor(*client);
    EXPECT_FALSE(dns.Peek(conf, "web-3.nginx").found);
    Web(3, "10.244.2.3", true);
    c.Run(Millis(100));
    EXPECT_TRUE(dns.ResolveFrom(*client, "web-3.nginx").found);  // no cached miss from the peek
}

TEST_F(DnsTest, RecordTableForTheUi) {
    std::vector<std::string> rows;
    for (const auto& r : dns.Records())
        if (r.name.find("nginx") != std::string::npos || r.type == RrType::kPTR)
            rows.push_back(std::string(RrTypeName(r.type)) + " " + r.name + " " + r.data +
                           (r.type == RrType::kSRV ? ":" + std::to_string(r.port) : ""));
    EXPECT_EQ(rows, (std::vector<std::string>{
                        "PTR 10.0.96.10.in-addr.arpa kube-dns.kube-system.svc.cluster.local",
                        "PTR 2.1.244.10.in-addr.arpa web-0.nginx.default.svc.cluster.local",
                        "PTR 2.2.244.10.in-addr.arpa web-1.nginx.default.svc.cluster.local",
                        "SRV _web._tcp.nginx.default.svc.cluster.local web-0.nginx.default.svc.cluster.local:80",
                        "SRV _web._tcp.nginx.default.svc.cluster.local web-1.nginx.default.svc.cluster.local:80",
                        "A nginx.default.svc.cluster.local 10.244.1.2",
                        "A nginx.default.svc.cluster.local 10.244.2.2",
                        "A web-0.nginx.default.svc.cluster.local 10.244.1.2",
                        "A web-1.nginx.default.svc.cluster.local 10.244.2.2",
                    }));
}

}  // namespace
}  // namespace sts::cluster
