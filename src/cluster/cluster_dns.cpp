// Cluster DNS: CoreDNS's kubernetes plugin view of the API, its cache, and a pod's resolver
// (coredns/plugin/kubernetes: kubernetes.go, xfr.go, reverse.go; plugin/cache; kubelet's
// pkg/kubelet/network/dns; kubernetes/dns docs/specification.md). See the header.
//
// Index of this file
// [SECTION] Helpers
// [SECTION] Zone (the API as CoreDNS sees it)
// [SECTION] Server
// [SECTION] Resolver
// [SECTION] Tables
#include "cluster/cluster_dns.h"

#include <algorithm>
#include <cctype>
#include <tuple>

#include "core/strings.h"

namespace sts::cluster {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers

constexpr const char* kZoneSuffix = ".cluster.local";
constexpr const char* kReverseSuffix = ".in-addr.arpa";
constexpr const char* kKubeDnsFallback = "10.96.0.10";
// A kind node's own resolver (dnsPolicy Default and host-network pods): the Docker network's
// gateway (MEM: kind rewrites the node's resolv.conf to point at it).
constexpr const char* kNodeNameserver = "172.18.0.1";

bool EndsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool ParseIpv4(std::string_view s, int out[4]) {
    std::vector<std::string> parts = Split(s, '.');
    if (parts.size() != 4) return false;
    for (int i = 0; i < 4; ++i) {
        int64_t v = 0;
        if (parts[i].empty() || parts[i].size() > 3 || !ParseInt64(parts[i], &v) || v < 0 || v > 255) return false;
        out[i] = static_cast<int>(v);
    }
    return true;
}

std::string Dashed(const std::string& ip) { return ReplaceAll(ip, ".", "-"); }

std::string ReverseName(const std::string& ip) {
    int o[4];
    if (!ParseIpv4(ip, o)) return "";
    return std::to_string(o[3]) + "." + std::to_string(o[2]) + "." + std::to_string(o[1]) + "." +
           std::to_string(o[0]) + kReverseSuffix;
}

DnsRecord Record(std::string name, RrType type, std::string data, std::string source) {
    DnsRecord r;
    r.name = std::move(name);
    r.type = type;
    r.ttl = ClusterDns::kTtl;
    r.data = std::move(data);
    r.source = std::move(source);
    return r;
}

DnsResponse Response(const std::string& qname, RrType type, Rcode rcode) {
    DnsResponse r;
    r.qname = qname;
    r.qtype = type;
    r.rcode = rcode;
    return r;
}

std::string ServiceFqdn(const std::string& svc, const std::string& ns) {
    return svc + "." + ns + ".svc" + kZoneSuffix;
}

}  // namespace

std::string_view RrTypeName(RrType type) {
    switch (type) {
        case RrType::kA: return "A";
        case RrType::kAAAA: return "AAAA";
        case RrType::kSRV: return "SRV";
        case RrType::kPTR: return "PTR";
        case RrType::kCNAME: return "CNAME";
    }
    return "?";
}

std::string_view RcodeName(Rcode rcode) { return rcode == Rcode::kNoError ? "NOERROR" : "NXDOMAIN"; }

std::vector<std::string> Resolution::Addresses() const {
    std::vector<std::string> out;
    for (const auto& r : answers)
        if (r.type == RrType::kA) out.push_back(r.data);
    return out;
}

ClusterDns::ClusterDns(engine::Context& ctx) : ctx_(ctx), rng_(ctx.RngFor("coredns")) {}

std::string ClusterDns::Normalize(std::string_view name) {
    std::string out = ToLower(name);
    while (!out.empty() && out.back() == '.') out.pop_back();
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Zone (the API as CoreDNS sees it)

const ClusterDns::Zone& ClusterDns::CurrentZone() {
    auto& api = ctx_.api;
    if (zone_.resource_version == api.CurrentResourceVersion()) return zone_;
    Zone zone;
    zone.resource_version = api.CurrentResourceVersion();
    for (const auto& ns : api.namespaces().List()) zone.namespaces.insert(ns->metadata.name);

    std::map<std::string, std::vector<apiserver::Ptr<k8s::EndpointSlice>>> slices;  // "ns/svc"
    for (const auto& s : api.endpointslices().List()) {
        const std::string svc = s->metadata.labels.Get("kubernetes.io/service-name");
        if (!svc.empty()) slices[s->metadata.namespace_ + "/" + svc].push_back(s);
    }
    std::map<std::string, std::string> service_ips;  // ip -> fqdn
    for (const auto& svc : api.services().List()) {
        ServiceView view;
        view.ns = svc->metadata.namespace_;
        view.name = svc->metadata.name;
        view.ports = svc->spec.ports;
        if (svc->spec.type == "ExternalName") view.external_name = Normalize(svc->spec.external_name);
        else if (!svc->spec.IsHeadless()) view.cluster_ip = svc->spec.cluster_ip;
        std::set<std::string> seen;
        auto it = slices.find(view.ns + "/" + view.name);
        if (it != slices.end()) {
            for (const auto& slice : it->second) {
                if (slice->address_type != "IPv4") continue;
                for (const auto& shared : slice->endpoints) {
                    const k8s::SliceEndpoint& ep = *shared;
                    // CoreDNS serves ready endpoints only (ready is true for every endpoint of a
                    // Service that publishes not-ready addresses).
                    if (ep.conditions.ready && !*ep.conditions.ready) continue;
                    for (const auto& ip : ep.addresses) {
                        Endpoint e;
                        e.ip = ip;
                        e.has_hostname = ep.hostname && !ep.hostname->empty();
                        e.name = e.has_hostname ? ToLower(*ep.hostname) : Dashed(ip);
                        for (const auto& p : slice->ports)
                            e.ports[p.name.value_or("")] = {p.protocol.value_or("TCP"), p.port.value_or(0)};
                        if (ep.target_ref) e.pod = ep.target_ref->namespace_ + "/" + ep.target_ref->name;
                        if (seen.insert(e.ip + "|" + e.name).second) view.endpoints.push_back(std::move(e));
                    }
                }
            }
        } else if (auto eps = api.endpoints().Get(view.ns, view.name)) {
            for (const auto& subset : eps->subsets) {
                for (const auto& shared : subset.addresses) {
                    const k8s::EndpointAddress& addr = *shared;
                    Endpoint e;
                    e.ip = addr.ip;
                    e.has_hostname = !addr.hostname.empty();
                    e.name = e.has_hostname ? ToLower(addr.hostname) : Dashed(addr.ip);
                    for (const auto& p : subset.ports) e.ports[p.name] = {p.protocol.empty() ? "TCP" : p.protocol, p.port};
                    if (addr.target_ref) e.pod = addr.target_ref->namespace_ + "/" + addr.target_ref->name;
                    if (seen.insert(e.ip + "|" + e.name).second) view.endpoints.push_back(std::move(e));
                }
            }
        }
        std::sort(view.endpoints.begin(), view.endpoints.end(), [](const Endpoint& a, const Endpoint& b) {
            return std::tie(a.name, a.ip) < std::tie(b.name, b.ip);
        });
        if (!view.cluster_ip.empty() && !service_ips.count(view.cluster_ip))
            service_ips[view.cluster_ip] = ServiceFqdn(view.name, view.ns);
        for (const auto& e : view.endpoints)
            zone.reverse[e.ip].push_back(e.name + "." + ServiceFqdn(view.name, view.ns));
        zone.services[view.name + "." + view.ns] = std::move(view);
    }
    // serviceRecordForIP: a ClusterIP answers with its Service alone; a pod IP with every
    // endpoint name it has (hostnames first).
    for (auto& [ip, names] : zone.reverse) {
        std::stable_sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
            const bool da = std::isdigit(static_cast<unsigned char>(a[0])) != 0;
            const bool db = std::isdigit(static_cast<unsigned char>(b[0])) != 0;
            return da != db ? !da : a < b;
        });
    }
    for (const auto& [ip, fqdn] : service_ips) zone.reverse[ip] = {fqdn};
    zone_ = std::move(zone);
    return zone_;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Server

bool ClusterDns::CacheableInCurrentCorefile(const std::string& qname, bool legacy) {
    if (legacy) return true;
    return !(qname == "cluster.local" || EndsWith(qname, kZoneSuffix));
}

DnsResponse ClusterDns::Query(std::string_view qname, RrType type) { return DoQuery(qname, type, true); }

DnsResponse ClusterDns::DoQuery(std::string_view qname_in, RrType type, bool side_effects) {
    const std::string qname = Normalize(qname_in);
    const Time now = ctx_.Now();
    const std::string key = qname + "|" + std::string(RrTypeName(type));
    const bool cacheable = CacheableInCurrentCorefile(qname, legacy_cache_);
    DnsResponse resp;
    auto hit = cacheable ? cache_.find(key) : cache_.end();
    if (hit != cache_.end() && now < hit->second.expires) {
        resp = hit->second.response;
        resp.from_cache = true;
        const uint32_t left = static_cast<uint32_t>((hit->second.expires - now + 999) / 1000);
        for (auto& r : resp.answers) r.ttl = std::min(r.ttl, left);
        for (auto& r : resp.additional) r.ttl = std::min(r.ttl, left);
    } else {
        resp = Answer(qname, type);
        if (cacheable && side_effects) {
            // cache 30: positive answers for their TTL (capped at 30 s), denials for the SOA
            // minimum (30 s here).
            uint32_t ttl = 30;
            for (const auto& r : resp.answers) ttl = std::min(ttl, r.ttl);
            cache_[key] = CacheEntry{now + Seconds(ttl), resp};
        }
    }
    if (shuffle_ && side_effects) {
        // loadbalance: A records in random order, the rest where they were. Each name has its
        // own seeded stream, so looking up one name never changes the order of another.
        std::vector<size_t> slots;
        for (size_t i = 0; i < resp.answers.size(); ++i)
            if (resp.answers[i].type == RrType::kA) slots.push_back(i);
        if (slots.size() > 1) {
            Rng rng = rng_.Fork(key + "#" + std::to_string(shuffles_[key]++));
            for (size_t i = slots.size(); i > 1; --i) {
                const size_t j = static_cast<size_t>(rng.Below(i));
                std::swap(resp.answers[slots[i - 1]], resp.answers[slots[j]]);
            }
        }
    }
    return resp;
}

DnsResponse ClusterDns::Answer(const std::string& qname, RrType type) {
    const Zone& zone = CurrentZone();
    if (EndsWith(qname, kReverseSuffix)) {
        DnsResponse resp = Response(qname, type, Rcode::kNxDomain);
        std::vector<std::string> parts = Split(qname.substr(0, qname.size() - std::string(kReverseSuffix).size()), '.');
        if (parts.size() == 4 && type == RrType::kPTR) {
            const std::string ip = parts[3] + "." + parts[2] + "." + parts[1] + "." + parts[0];
            auto it = zone.reverse.find(ip);
            if (it != zone.reverse.end()) {
                resp.rcode = Rcode::kNoError;
                for (const auto& name : it->second) resp.answers.push_back(Record(qname, RrType::kPTR, name, "reverse"));
                return resp;
            }
        }
        // fallthrough in-addr.arpa: the upstream resolver knows nothing of these addresses.
        resp.forwarded = true;
        return resp;
    }
    if (qname != "cluster.local" && !EndsWith(qname, kZoneSuffix)) {
        DnsResponse resp = Response(qname, type, Rcode::kNxDomain);
        resp.forwarded = true;
        return resp;
    }
    const std::string inner =
        qname == "cluster.local" ? "" : qname.substr(0, qname.size() - std::string(kZoneSuffix).size());
    std::vector<std::string> labels = inner.empty() ? std::vector<std::string>{} : Split(inner, '.');
    if (labels.empty()) return Response(qname, type, Rcode::kNoError);  // the zone apex
    const std::string kind = labels.back();
    labels.pop_back();
    if (kind == "svc") return AnswerService(qname, type, labels);
    if (kind == "pod") {
        if (labels.size() == 1)
            return Response(qname, type, zone.namespaces.count(labels[0]) ? Rcode::kNoError : Rcode::kNxDomain);
        int o[4];
        if (labels.size() != 2 || !zone.namespaces.count(labels[1])) return Response(qname, type, Rcode::kNxDomain);
        if (!ParseIpv4(ReplaceAll(labels[0], "-", "."), o)) return Response(qname, type, Rcode::kNxDomain);
        DnsResponse resp = Response(qname, type, Rcode::kNoError);
        if (type == RrType::kA)
            resp.answers.push_back(Record(qname, RrType::kA, ReplaceAll(labels[0], "-", "."), "pods insecure"));
        return resp;
    }
    return Response(qname, type, Rcode::kNxDomain);
}

DnsResponse ClusterDns::AnswerService(const std::string& qname, RrType type, const std::vector<std::string>& labels) {
    const Zone& zone = CurrentZone();
    if (labels.empty()) return Response(qname, type, Rcode::kNoError);  // svc.cluster.local
    if (labels.size() == 1)
        return Response(qname, type, zone.namespaces.count(labels[0]) ? Rcode::kNoError : Rcode::kNxDomain);
    const std::string& svc_name = labels[labels.size() - 2];
    const std::string& ns = labels[labels.size() - 1];
    auto it = zone.services.find(svc_name + "." + ns);
    if (it == zone.services.end() || labels.size() > 4) return Response(qname, type, Rcode::kNxDomain);
    const ServiceView& svc = it->second;
    const std::string source = "Service " + svc.ns + "/" + svc.name;
    const std::string fqdn = ServiceFqdn(svc.name, svc.ns);
    const bool headless = svc.cluster_ip.empty() && svc.external_name.empty();
    DnsResponse resp = Response(qname, type, Rcode::kNoError);

    auto add_srv = [&](const std::string& port_name, const std::string& proto) {
        for (const auto& port : svc.ports) {
            if (port.name.empty()) continue;  // unnamed ports get no SRV record
            if (!port_name.empty() && ToLower(port.name) != port_name) continue;
            if (!proto.empty() && ToLower(port.protocol.empty() ? "TCP" : port.protocol) != proto) continue;
            const std::string owner = qname;
            if (!headless) {
                DnsRecord r = Record(owner, RrType::kSRV, fqdn, source);
                r.port = static_cast<uint16_t>(port.port);
                resp.answers.push_back(r);
                if (!svc.cluster_ip.empty()) resp.additional.push_back(Record(fqdn, RrType::kA, svc.cluster_ip, source));
                continue;
            }
            for (const auto& e : svc.endpoints) {
                auto p = e.ports.find(port.name);
                if (p == e.ports.end()) continue;
                if (ToLower(p->second.first) != ToLower(port.protocol.empty() ? "TCP" : port.protocol)) continue;
                const std::string target = e.name + "." + fqdn;
                DnsRecord r = Record(owner, RrType::kSRV, target, source);
                r.port = static_cast<uint16_t>(p->second.second);
                resp.answers.push_back(r);
                resp.additional.push_back(Record(target, RrType::kA, e.ip, source));
            }
        }
        // CoreDNS weighs records of equal priority as 100/N.
        for (auto& r : resp.answers)
            if (r.type == RrType::kSRV) r.weight = static_cast<uint16_t>(100 / resp.answers.size());
    };

    if (labels.size() == 2) {
        if (!svc.external_name.empty()) {
            if (type == RrType::kA || type == RrType::kAAAA || type == RrType::kCNAME)
                resp.answers.push_back(Record(qname, RrType::kCNAME, svc.external_name, source));
            return resp;
        }
        if (headless && svc.endpoints.empty()) return Response(qname, type, Rcode::kNxDomain);
        if (type == RrType::kA) {
            if (!headless) resp.answers.push_back(Record(qname, RrType::kA, svc.cluster_ip, source));
            for (const auto& e : headless ? svc.endpoints : std::vector<Endpoint>{})
                resp.answers.push_back(Record(qname, RrType::kA, e.ip, source));
        } else if (type == RrType::kSRV) {
            add_srv("", "");
        }
        return resp;
    }
    if (labels.size() == 3) {
        // <endpoint>.<svc>.<ns>
        for (const auto& e : svc.endpoints) {
            if (e.name != labels[0]) continue;
            if (type == RrType::kA) resp.answers.push_back(Record(qname, RrType::kA, e.ip, source));
            resp.rcode = Rcode::kNoError;
        }
        bool any = false;
        for (const auto& e : svc.endpoints) any = any || e.name == labels[0];
        if (!any) return Response(qname, type, Rcode::kNxDomain);
        return resp;
    }
    // _<port>._<proto>.<svc>.<ns>
    if (labels[0].size() < 2 || labels[1].size() < 2 || labels[0][0] != '_' || labels[1][0] != '_')
        return Response(qname, type, Rcode::kNxDomain);
    add_srv(labels[0].substr(1), labels[1].substr(1));
    if (resp.answers.empty()) return Response(qname, type, Rcode::kNxDomain);
    if (type != RrType::kSRV) {
        resp.answers.clear();
        resp.additional.clear();
    }
    return resp;
}

DnsServer ClusterDns::Nameserver() {
    DnsServer server;
    auto svc = ctx_.api.services().Get("kube-system", "kube-dns");
    server.ip = svc && !svc->spec.cluster_ip.empty() ? svc->spec.cluster_ip : kKubeDnsFallback;
    DnsResponse r = Query(ReverseName(server.ip), RrType::kPTR);
    if (!r.answers.empty()) server.ptr_name = r.answers.front().data;
    return server;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Resolver

ResolverConfig ClusterDns::ResolverConfigFor(const k8s::Pod& pod) const {
    auto dns_svc = ctx_.api.services().Get("kube-system", "kube-dns");
    const std::string cluster_ns = dns_svc && !dns_svc->spec.cluster_ip.empty() ? dns_svc->spec.cluster_ip
                                                                               : kKubeDnsFallback;
    std::string policy = pod.spec->dns_policy.empty() ? "ClusterFirst" : pod.spec->dns_policy;
    // A host-network pod asking for ClusterFirst gets the node's resolver instead.
    if (policy == "ClusterFirst" && pod.spec->host_network) policy = "Default";
    ResolverConfig conf;
    if (policy == "ClusterFirst" || policy == "ClusterFirstWithHostNet") {
        conf.nameservers = {cluster_ns};
        const std::string& ns = pod.metadata.namespace_;
        conf.search = {ns + ".svc.cluster.local", "svc.cluster.local", "cluster.local"};
        conf.ndots = 5;
    } else if (policy == "Default") {
        conf.nameservers = {kNodeNameserver};
    }
    // spec.dnsConfig is merged in (the only source with dnsPolicy None).
    const Value& dc = pod.spec->dns_config;
    for (const auto& n : dc.Get("nameservers").items()) {
        const std::string& s = n.AsString();
        if (std::find(conf.nameservers.begin(), conf.nameservers.end(), s) == conf.nameservers.end())
            conf.nameservers.push_back(s);
    }
    if (conf.nameservers.size() > 3) conf.nameservers.resize(3);
    for (const auto& s : dc.Get("searches").items()) {
        const std::string d = Normalize(s.AsString());
        if (std::find(conf.search.begin(), conf.search.end(), d) == conf.search.end()) conf.search.push_back(d);
    }
    for (const auto& o : dc.Get("options").items()) {
        const std::string name = o.GetString("name");
        const std::string value = o.GetString("value");
        int64_t n = 0;
        if (name == "ndots" && ParseInt64(value, &n)) {
            conf.ndots = static_cast<int>(n);
            continue;
        }
        std::string text = value.empty() ? name : name + ":" + value;
        auto same = std::find_if(conf.other_options.begin(), conf.other_options.end(), [&](const std::string& x) {
            return x == name || x.rfind(name + ":", 0) == 0;
        });
        if (same != conf.other_options.end()) *same = text;
        else conf.other_options.push_back(text);
    }
    conf.cluster_dns = !conf.nameservers.empty() && conf.nameservers[0] == cluster_ns;
    return conf;
}

std::string ClusterDns::ResolvConfText(const ResolverConfig& conf) {
    std::string out;
    if (!conf.search.empty()) out += "search " + Join(conf.search, " ") + "\n";
    for (const auto& n : conf.nameservers) out += "nameserver " + n + "\n";
    std::vector<std::string> options;
    if (conf.ndots != 1) options.push_back("ndots:" + std::to_string(conf.ndots));
    for (const auto& o : conf.other_options) options.push_back(o);
    if (!options.empty()) out += "options " + Join(options, " ") + "\n";
    return out;
}

Resolution ClusterDns::Resolve(const ResolverConfig& conf, std::string_view name, RrType type) {
    return DoResolve(conf, name, type, true);
}

Resolution ClusterDns::Peek(const ResolverConfig& conf, std::string_view name, RrType type) {
    return DoResolve(conf, name, type, false);
}

Resolution ClusterDns::DoResolve(const ResolverConfig& conf, std::string_view name_in, RrType type, bool side_effects) {
    Resolution res;
    res.name = std::string(name_in);
    res.type = type;
    const bool absolute = !name_in.empty() && name_in.back() == '.';
    const std::string name = Normalize(name_in);
    if (name.empty()) return res;
    std::vector<std::string> candidates;
    if (absolute) {
        candidates.push_back(name);
    } else {
        const int dots = static_cast<int>(std::count(name.begin(), name.end(), '.'));
        if (dots >= conf.ndots) candidates.push_back(name);
        for (const auto& s : conf.search) candidates.push_back(name + "." + s);
        if (dots < conf.ndots) candidates.push_back(name);
    }
    for (const auto& c : candidates) {
        DnsResponse r;
        if (conf.cluster_dns) {
            r = DoQuery(c, type, side_effects);
        } else {
            r = Response(c, type, Rcode::kNxDomain);
            r.forwarded = true;
        }
        res.attempts.push_back(r);
        if (r.rcode == Rcode::kNoError && !r.answers.empty()) {
            res.found = true;
            res.answered_by = c;
            res.answers = r.answers;
            break;
        }
    }
    return res;
}

Resolution ClusterDns::ResolveFrom(const k8s::Pod& pod, std::string_view name, RrType type) {
    return Resolve(ResolverConfigFor(pod), name, type);
}

std::string ClusterDns::ReverseLookup(const ResolverConfig& conf, const std::string& ip) {
    const std::string name = ReverseName(ip);
    if (name.empty()) return "";
    Resolution r = Resolve(conf, name + ".", RrType::kPTR);
    for (const auto& a : r.answers)
        if (a.type == RrType::kPTR) return a.data;
    return "";
}

DnsAnswer ClusterDns::LookupForShell(const k8s::Pod& pod, const std::string& name) {
    const ResolverConfig conf = ResolverConfigFor(pod);
    DnsAnswer answer;
    int o[4];
    if (ParseIpv4(name, o)) {
        // A literal address needs no lookup; busybox still shows its reverse name.
        answer.found = true;
        answer.addresses.push_back(name);
        answer.ptr_names.push_back(ReverseLookup(conf, name));
        return answer;
    }
    Resolution r = Resolve(conf, name, RrType::kA);
    answer.found = r.found;
    for (const auto& ip : r.Addresses()) {
        answer.addresses.push_back(ip);
        answer.ptr_names.push_back(ReverseLookup(conf, ip));
    }
    return answer;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Tables

std::vector<DnsRecord> ClusterDns::Records() {
    const Zone& zone = CurrentZone();
    std::vector<DnsRecord> out;
    for (const auto& [key, svc] : zone.services) {
        const std::string source = "Service " + svc.ns + "/" + svc.name;
        const std::string fqdn = ServiceFqdn(svc.name, svc.ns);
        if (!svc.external_name.empty()) {
            out.push_back(Record(fqdn, RrType::kCNAME, svc.external_name, source));
            continue;
        }
        const bool headless = svc.cluster_ip.empty();
        if (!headless) out.push_back(Record(fqdn, RrType::kA, svc.cluster_ip, source));
        for (const auto& e : svc.endpoints) {
            const std::string ep_source = e.pod.empty() ? source : "Pod " + e.pod;
            if (headless) out.push_back(Record(fqdn, RrType::kA, e.ip, ep_source));
            out.push_back(Record(e.name + "." + fqdn, RrType::kA, e.ip, ep_source));
        }
        for (const auto& port : svc.ports) {
            if (port.name.empty()) continue;
            const std::string owner = "_" + ToLower(port.name) + "._" + ToLower(port.protocol.empty() ? "TCP" : port.protocol) +
                                      "." + fqdn;
            std::vector<DnsRecord> srv;
            if (!headless) {
                DnsRecord r = Record(owner, RrType::kSRV, fqdn, source);
                r.port = static_cast<uint16_t>(port.port);
                srv.push_back(r);
            }
            for (const auto& e : headless ? svc.endpoints : std::vector<Endpoint>{}) {
                auto p = e.ports.find(port.name);
                if (p == e.ports.end()) continue;
                DnsRecord r = Record(owner, RrType::kSRV, e.name + "." + fqdn, e.pod.empty() ? source : "Pod " + e.pod);
                r.port = static_cast<uint16_t>(p->second.second);
                srv.push_back(r);
            }
            for (auto& r : srv) {
                r.weight = static_cast<uint16_t>(100 / srv.size());
                out.push_back(r);
            }
        }
    }
    for (const auto& [ip, names] : zone.reverse)
        for (const auto& n : names) out.push_back(Record(ReverseName(ip), RrType::kPTR, n, "reverse"));
    for (const auto& pod : ctx_.api.pods().List()) {
        if (pod->status.pod_ip.empty() || pod->spec->host_network) continue;
        out.push_back(Record(Dashed(pod->status.pod_ip) + "." + pod->metadata.namespace_ + ".pod" + kZoneSuffix,
                             RrType::kA, pod->status.pod_ip, "Pod " + pod->metadata.namespace_ + "/" + pod->metadata.name));
    }
    std::sort(out.begin(), out.end(), [](const DnsRecord& a, const DnsRecord& b) {
        return std::tie(a.name, a.type, a.data, a.port) < std::tie(b.name, b.type, b.data, b.port);
    });
    return out;
}

}  // namespace sts::cluster
