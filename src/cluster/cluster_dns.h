// Cluster DNS as CoreDNS (kubernetes plugin, kubeadm's Corefile for kind) serves it, computed
// from the API: Services, their EndpointSlices (Endpoints when a Service has no slices, as the
// API server's own default/kubernetes), Namespaces. Zone cluster.local, TTL 30.
// Records (kubernetes/dns docs/specification.md, reference §4.2):
//   <svc>.<ns>.svc.cluster.local            A: the ClusterIP, or every ready endpoint (headless)
//   <host>.<svc>.<ns>.svc.cluster.local     A: one ready endpoint; <host> is its hostname, or its
//                                            IP with dashes (10-244-1-5) when it has none
//   _<port>._<proto>.<svc>.<ns>.svc.cluster.local   SRV per named port (per endpoint if headless)
//   <a-b-c-d>.<ns>.pod.cluster.local        A a.b.c.d ("pods insecure": no pod lookup)
//   <d.c.b.a>.in-addr.arpa                  PTR: the Service FQDN for a ClusterIP, the endpoint
//                                            name(s) for a pod IP
// Only ready endpoints are served (all of them with publishNotReadyAddresses). Anything outside
// cluster.local goes to the upstream resolver, which the simulation has none of (NXDOMAIN).
//
// The resolver side applies a pod's /etc/resolv.conf (dnsPolicy, dnsConfig, search list,
// ndots:5) and reports every candidate name it tried, for the browser to animate.
//
// Caching: kubeadm's Corefile (v1.32+, so kind 1.33) has `cache 30 { disable success
// cluster.local; disable denial cluster.local }`: cluster.local answers are never cached and a
// pod becomes resolvable the moment it turns ready; reverse and upstream answers are cached for
// 30 s. UseLegacyCorefile(true) restores the older `cache 30` that also caches cluster.local,
// positive and negative, for 30 s (kubernetes.io's "CoreDNS currently caches for 30 seconds").
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "cluster/container_shell.h"
#include "engine/context.h"

namespace sts::cluster {

enum class RrType { kA, kAAAA, kSRV, kPTR, kCNAME };
enum class Rcode { kNoError, kNxDomain };

std::string_view RrTypeName(RrType type);   // "A", "AAAA", "SRV", "PTR", "CNAME"
std::string_view RcodeName(Rcode rcode);    // "NOERROR", "NXDOMAIN"

struct DnsRecord {
    std::string name;  // owner name, lower case, no trailing dot
    RrType type = RrType::kA;
    uint32_t ttl = 30;
    std::string data;  // A: the address; PTR/SRV/CNAME: the target name
    uint16_t priority = 0;
    uint16_t weight = 0;
    uint16_t port = 0;
    std::string source;  // what it comes from, for the UI ("Service default/nginx", "Pod default/web-0")
    bool operator==(const DnsRecord&) const = default;
};

// One question to the server.
struct DnsResponse {
    std::string qname;
    RrType qtype = RrType::kA;
    Rcode rcode = Rcode::kNxDomain;
    std::vector<DnsRecord> answers;
    std::vector<DnsRecord> additional;  // A records of SRV targets
    bool from_cache = false;
    bool forwarded = false;  // outside the cluster zones: sent to the upstream resolver
    bool NoData() const { return rcode == Rcode::kNoError && answers.empty(); }
};

// What /etc/resolv.conf says.
struct ResolverConfig {
    std::vector<std::string> nameservers;
    std::vector<std::string> search;
    int ndots = 1;
    std::vector<std::string> other_options;  // "timeout:2", ... as written
    bool cluster_dns = true;                 // the first nameserver is the cluster DNS
};

// A lookup through a resolver: the search-path expansion, each attempt, the outcome.
struct Resolution {
    std::string name;
    RrType type = RrType::kA;
    std::vector<DnsResponse> attempts;  // in the order tried
    bool found = false;
    std::string answered_by;            // the candidate that had records
    std::vector<DnsRecord> answers;
    std::vector<std::string> Addresses() const;
};

class ClusterDns {
public:
    explicit ClusterDns(engine::Context& ctx);

    static constexpr const char* kZone = "cluster.local";
    static constexpr uint32_t kTtl = 30;

    // ---- Server -------------------------------------------------------------------------------
    DnsResponse Query(std::string_view qname, RrType type);
    // The kube-dns Service address and its reverse name.
    DnsServer Nameserver();

    // ---- Resolver -----------------------------------------------------------------------------
    ResolverConfig ResolverConfigFor(const k8s::Pod& pod) const;
    // /etc/resolv.conf as the kubelet writes it.
    static std::string ResolvConfText(const ResolverConfig& conf);
    Resolution Resolve(const ResolverConfig& conf, std::string_view name, RrType type = RrType::kA);
    Resolution ResolveFrom(const k8s::Pod& pod, std::string_view name, RrType type = RrType::kA);
    // The same lookup without side effects (no cache entries written, no answer shuffling):
    // for the UI, whose looking must not change what the cluster's pods later see.
    Resolution Peek(const ResolverConfig& conf, std::string_view name, RrType type = RrType::kA);
    // Reverse name of an address through a resolver ("" when none): what busybox prints.
    std::string ReverseLookup(const ResolverConfig& conf, const std::string& ip);
    // The container shell's view (cluster::ContainerEnvironment::Lookup): A records after
    // search expansion, each with its reverse name.
    DnsAnswer LookupForShell(const k8s::Pod& pod, const std::string& name);

    // ---- Tables for the UI --------------------------------------------------------------------
    // Every A, SRV and PTR record the zone holds now (pod records for existing pods), sorted.
    std::vector<DnsRecord> Records();

    // ---- CoreDNS cache ------------------------------------------------------------------------
    void UseLegacyCorefile(bool legacy) { legacy_cache_ = legacy; }
    bool legacy_corefile() const { return legacy_cache_; }
    void FlushCache() { cache_.clear(); }
    // Shuffle A answers as the loadbalance plugin does (on by default): seeded, per name, so
    // the order depends only on the seed and how often that name was asked.
    void SetShuffle(bool on) { shuffle_ = on; }

private:
    struct Endpoint {
        std::string ip;
        std::string name;        // hostname, or the dashed address
        bool has_hostname = false;
        std::map<std::string, std::pair<std::string, int32_t>> ports;  // port name -> (protocol, port)
        std::string pod;         // "ns/name" of the target pod, if any
    };
    struct ServiceView {
        std::string ns, name;
        std::string cluster_ip;     // "" for headless
        std::string external_name;  // ExternalName services
        std::vector<k8s::ServicePort> ports;
        std::vector<Endpoint> endpoints;  // ready ones only
    };
    struct Zone {
        uint64_t resource_version = ~0ull;
        std::map<std::string, ServiceView> services;               // "svc.ns" -> view
        std::map<std::string, std::vector<std::string>> reverse;  // ip -> names, best first
        std::set<std::string> namespaces;
    };

    const Zone& CurrentZone();
    DnsResponse DoQuery(std::string_view qname, RrType type, bool side_effects);
    Resolution DoResolve(const ResolverConfig& conf, std::string_view name, RrType type, bool side_effects);
    DnsResponse Answer(const std::string& qname, RrType type);
    DnsResponse AnswerService(const std::string& qname, RrType type, const std::vector<std::string>& labels);
    static std::string Normalize(std::string_view name);
    static bool CacheableInCurrentCorefile(const std::string& qname, bool legacy);

    struct CacheEntry {
        Time expires = 0;
        DnsResponse response;
    };

    engine::Context& ctx_;
    Zone zone_;
    std::map<std::string, CacheEntry> cache_;  // "qname|type"
    bool legacy_cache_ = false;
    bool shuffle_ = true;
    Rng rng_;
    std::map<std::string, uint64_t> shuffles_;  // "qname|type" -> answers shuffled so far
};

}  // namespace sts::cluster
