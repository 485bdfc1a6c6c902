// The Endpoints controller and shared endpoint helpers
// (pkg/controller/endpoint/endpoints_controller.go, pkg/api/v1/endpoints/util.go RepackSubsets,
// k8s.io/endpointslice/util). See the header.
#include "controllers/endpoints_controller.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>
#include <vector>

namespace sts::controllers {

// ---------------------------------------------------------------------------------------------
// [SECTION] Shared helpers

namespace endpointutil {

bool IsPodReady(const k8s::Pod& pod) { return pod.Summary().ready; }

bool ShouldPodBeInEndpoints(const k8s::Pod& pod, bool include_terminating) {
    const k8s::PodSummary s = pod.Summary();
    if (s.phase == k8s::PodPhase::kSucceeded || s.phase == k8s::PodPhase::kFailed) return false;
    if (pod.status.pod_ip.empty() && pod.status.pod_ips.empty()) return false;
    if (!include_terminating && s.terminating) return false;
    return true;
}

bool ShouldSetHostname(const k8s::Pod& pod, const k8s::Service& svc) {
    return !pod.spec->hostname.empty() && pod.spec->subdomain == svc.metadata.name &&
           svc.metadata.namespace_ == pod.metadata.namespace_;
}

k8s::ObjectReference PodReference(const k8s::Pod& pod) {
    k8s::ObjectReference ref;
    ref.kind = "Pod";
    ref.namespace_ = pod.metadata.namespace_;
    ref.name = pod.metadata.name;
    ref.uid = pod.metadata.uid;
    return ref;
}

std::optional<int32_t> FindPort(const k8s::Pod& pod, const k8s::ServicePort& port) {
    if (!port.target_port.is_string) return port.target_port.int_value;
    const std::string& name = port.target_port.str_value;
    const std::string proto = port.protocol.empty() ? "TCP" : port.protocol;
    auto search = [&](const std::vector<k8s::Container>& containers, bool sidecars_only) -> std::optional<int32_t> {
        for (const auto& c : containers) {
            if (sidecars_only && c.restart_policy.value_or("") != "Always") continue;
            for (const auto& p : c.ports)
                if (p.name == name && (p.protocol.empty() ? "TCP" : p.protocol) == proto) return p.container_port;
        }
        return std::nullopt;
    };
    if (auto found = search(pod.spec->containers, false)) return found;
    return search(pod.spec->init_containers, true);
}

bool PodEndpointsChanged(const k8s::Pod& old_pod, const k8s::Pod& new_pod) {
    if (old_pod.metadata.deletion_timestamp.has_value() != new_pod.metadata.deletion_timestamp.has_value()) return true;
    if (IsPodReady(old_pod) != IsPodReady(new_pod)) return true;
    if (old_pod.status.pod_ip != new_pod.status.pod_ip || old_pod.status.pod_ips != new_pod.status.pod_ips) return true;
    if (old_pod.status.phase != new_pod.status.phase) return true;
    if (old_pod.spec->node_name != new_pod.spec->node_name) return true;
    return old_pod.spec->hostname != new_pod.spec->hostname || old_pod.spec->subdomain != new_pod.spec->subdomain;
}

bool ServiceSelects(const k8s::Service& svc, const StringMap& labels) {
    return !svc.spec.selector.empty() && k8s::MapSelectorMatches(svc.spec.selector, labels);
}

void ServicesSelecting(const apiserver::ApiServer& api, const k8s::Pod& pod, std::map<std::string, bool>* out) {
    api.services().ForEach(pod.metadata.namespace_, [&](const apiserver::Ptr<k8s::Service>& svc) {
        if (ServiceSelects(*svc, pod.metadata.labels))
            (*out)[svc->metadata.namespace_ + "/" + svc->metadata.name] = true;
    });
}

std::map<std::string, bool> ServicesForPodEvent(const apiserver::ApiServer& api, apiserver::WatchType type,
                                                const apiserver::Ptr<k8s::Pod>& old_pod,
                                                const apiserver::Ptr<k8s::Pod>& new_pod) {
    std::map<std::string, bool> keys;
    if (type == apiserver::WatchType::kAdded) {
        ServicesSelecting(api, *new_pod, &keys);
    } else if (type == apiserver::WatchType::kDeleted) {
        ServicesSelecting(api, *old_pod, &keys);
    } else {
        const bool labels_changed = old_pod->metadata.labels != new_pod->metadata.labels;
        if (!labels_changed && !PodEndpointsChanged(*old_pod, *new_pod)) return keys;
        ServicesSelecting(api, *new_pod, &keys);
        if (labels_changed) ServicesSelecting(api, *old_pod, &keys);
    }
    return keys;
}

std::string TriggerTimeString(Time t) { return FormatRfc3339(t); }

}  // namespace endpointutil

// ---------------------------------------------------------------------------------------------
// [SECTION] Controller

namespace {

using endpointutil::IsPodReady;

constexpr Duration kApiCall = Millis(2);
constexpr const char* kAnnTriggerTime = "endpoints.kubernetes.io/last-change-trigger-time";
constexpr const char* kAnnOverCapacity = "endpoints.kubernetes.io/over-capacity";
constexpr const char* kLabelHeadless = "service.kubernetes.io/headless";

std::array<uint64_t, 2> SortKey(const std::string& ip) {
    std::array<uint64_t, 2> key{};
    for (size_t i = 0; i < 16 && i < ip.size(); ++i)
        key[i / 8] |= static_cast<uint64_t>(static_cast<unsigned char>(ip[i])) << (8 * (7 - i % 8));
    return key;
}

bool PortLess(const k8s::EndpointPort& a, const k8s::EndpointPort& b) {
    return std::tie(a.name, a.port, a.protocol) < std::tie(b.name, b.port, b.protocol);
}

// An address to place, with what sorting and repacking read copied out of its entry: thousands
// of entries in IP order are thousands of scattered reads, these are one array.
template <class Entry>
struct AddressRef {
    std::array<uint64_t, 2> ip_key;
    uint32_t ports_id;
    bool ready;
    const Entry* entry;
};

// RepackSubsets: ports offered by exactly the same (address, readiness) set share a subset;
// addresses sorted by IP (then pod uid), as SortSubsets leaves them (`entries` must already be
// in that order). truncateEndpoints then keeps at most `max_capacity` addresses, ready ones
// first, spread over the subsets in proportion to their size; it runs on indices, so a
// 10,000-pod Service copies only the 1000 addresses it keeps. Sets *truncated.
// One subset of a repacked Endpoints: indices into the entries, and the ports.
struct SubsetPlan {
    std::vector<size_t> ready, not_ready;
    std::vector<k8s::EndpointPort> ports;
};

template <class Entry, class PortList>
std::vector<SubsetPlan> Repack(const std::vector<AddressRef<Entry>>& entries, const std::vector<PortList>& port_lists,
                               size_t max_capacity, bool* truncated) {
    using PortKey = std::tuple<std::string, int32_t, std::string, std::string>;
    using PortSlot = std::pair<std::optional<k8s::EndpointPort>, std::vector<size_t>>;
    std::map<PortKey, PortSlot> by_port;
    // Entries nearly always offer the same ports as the one before: reuse its slots. (A slot's
    // key is every field of its port, so the port is the same whichever entry set it.)
    std::vector<PortSlot*> slots;
    for (size_t i = 0; i < entries.size(); ++i) {
        if (i == 0 || entries[i].ports_id != entries[i - 1].ports_id) {
            slots.clear();
            for (const auto& p : port_lists[entries[i].ports_id]) {
                auto key = p ? std::make_tuple(p->name, p->port, p->protocol, p->app_protocol.value_or(""))
                             : std::make_tuple(std::string(), int32_t(-1), std::string(), std::string());
                PortSlot& slot = by_port[key];
                slot.first = p;
                slots.push_back(&slot);
            }
        }
        for (PortSlot* slot : slots) slot->second.push_back(i);
    }
    std::map<std::vector<size_t>, std::vector<std::optional<k8s::EndpointPort>>> by_addresses;
    for (auto& [key, slot] : by_port) by_addresses[std::move(slot.second)].push_back(slot.first);

    using Group = SubsetPlan;
    std::vector<Group> groups;
    size_t total_ready = 0, total_not_ready = 0;
    for (const auto& [idx, ports] : by_addresses) {
        Group g;
        for (size_t i : idx) (entries[i].ready ? g.ready : g.not_ready).push_back(i);
        for (const auto& p : ports)
            if (p) g.ports.push_back(*p);
        std::sort(g.ports.begin(), g.ports.end(), PortLess);
        total_ready += g.ready.size();
        total_not_ready += g.not_ready.size();
        groups.push_back(std::move(g));
    }
    auto first_ip = [&](const Group& g) -> std::string {
        if (!g.ready.empty()) return entries[g.ready[0]].entry->address->ip;
        if (!g.not_ready.empty()) return entries[g.not_ready[0]].entry->address->ip;
        return "";
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        const std::string ka = first_ip(a);
        const std::string kb = first_ip(b);
        if (ka != kb) return ka < kb;
        return a.ports.size() < b.ports.size();
    });

    *truncated = total_ready + total_not_ready > max_capacity;
    if (*truncated) {
        const bool truncate_ready = total_ready > max_capacity;
        const size_t max = truncate_ready ? max_capacity : max_capacity - total_ready;
        const size_t num_total = truncate_ready ? total_ready : total_not_ready;
        size_t can_be_added = max;
        for (auto& g : groups) {
            std::vector<size_t>& cut = truncate_ready ? g.ready : g.not_ready;
            size_t to_add = static_cast<size_t>(std::ceil(static_cast<double>(cut.size()) /
                                                          static_cast<double>(num_total) * static_cast<double>(max)));
            to_add = std::min(to_add, can_be_added);
            if (cut.size() > to_add) cut.resize(to_add);
            if (truncate_ready) g.not_ready.clear();
            can_be_added -= cut.size();
        }
    }
    return groups;
}

// Whether the planned subsets are `subsets` already: compared in place, so a sync that changes
// nothing copies no address.
template <class Entry>
bool SameSubsets(const std::vector<SubsetPlan>& plan, const std::vector<AddressRef<Entry>>& entries,
                 const std::vector<k8s::EndpointSubset>& subsets) {
    auto same = [&](const std::vector<size_t>& planned, const std::vector<k8s::Cow<k8s::EndpointAddress>>& addresses) {
        if (planned.size() != addresses.size()) return false;
        for (size_t k = 0; k < planned.size(); ++k)
            if (!(entries[planned[k]].entry->address == addresses[k])) return false;
        return true;
    };
    if (plan.size() != subsets.size()) return false;
    for (size_t i = 0; i < plan.size(); ++i) {
        if (plan[i].ports != subsets[i].ports || !same(plan[i].ready, subsets[i].addresses) ||
            !same(plan[i].not_ready, subsets[i].not_ready_addresses))
            return false;
    }
    return true;
}

template <class Entry>
std::vector<k8s::EndpointSubset> Materialize(std::vector<SubsetPlan> plan, const std::vector<AddressRef<Entry>>& entries) {
    std::vector<k8s::EndpointSubset> out;
    out.reserve(plan.size());
    for (auto& g : plan) {
        k8s::EndpointSubset subset;
        subset.addresses.reserve(g.ready.size());
        for (size_t i : g.ready) subset.addresses.push_back(entries[i].entry->address);
        subset.not_ready_addresses.reserve(g.not_ready.size());
        for (size_t i : g.not_ready) subset.not_ready_addresses.push_back(entries[i].entry->address);
        subset.ports = std::move(g.ports);
        out.push_back(std::move(subset));
    }
    return out;
}

}  // namespace

EndpointsController::EndpointsController(engine::Context& ctx)
    : QueueController(ctx.scheduler, "endpoint-controller"), ctx_(ctx) {
    auto& api = ctx_.api;
    api.services().AddHandler([this](apiserver::WatchType, const apiserver::Ptr<k8s::Service>& old_obj,
                                     const apiserver::Ptr<k8s::Service>& new_obj) {
        const auto& svc = new_obj ? *new_obj : *old_obj;
        Enqueue(svc.metadata.namespace_ + "/" + svc.metadata.name);
    });
    api.pods().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_obj,
                                 const apiserver::Ptr<k8s::Pod>& new_obj) {
        // Every event makes the pod's entry stale for the Services of its namespace, whether or
        // not it calls for a sync now: the next sync, whatever asks for it, recomputes it.
        const k8s::Pod& pod = new_obj ? *new_obj : *old_obj;
        const std::string prefix = pod.metadata.namespace_ + "/";
        for (auto it = cache_.lower_bound(prefix); it != cache_.end() && it->first.starts_with(prefix); ++it) {
            ServiceCache& cache = it->second;
            if (!cache.rebuild) cache.changed.Add(pod.metadata.name, cache.pods.size());
        }
        for (const auto& [key, _] : endpointutil::ServicesForPodEvent(ctx_.api, type, old_obj, new_obj)) Enqueue(key);
    });
    // An Endpoints object deleted by hand comes back.
    api.endpoints().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Endpoints>& old_obj,
                                      const apiserver::Ptr<k8s::Endpoints>&) {
        if (type == apiserver::WatchType::kDeleted)
            Enqueue(old_obj->metadata.namespace_ + "/" + old_obj->metadata.name);
    });
    for (const auto& svc : api.services().List()) Enqueue(svc->metadata.namespace_ + "/" + svc->metadata.name);
}

bool EndpointsController::AddressLess::operator()(const CachedAddress* a, const CachedAddress* b) const {
    // Word by word: std::array's == and < go through memcmp.
    if (a->ip_key[0] != b->ip_key[0]) return a->ip_key[0] < b->ip_key[0];
    if (a->ip_key[1] != b->ip_key[1]) return a->ip_key[1] < b->ip_key[1];
    if (a->address->ip != b->address->ip) return a->address->ip < b->address->ip;
    return a->address->target_ref->uid < b->address->target_ref->uid;
}

void EndpointsController::Detach(ServiceCache& cache, const CachedAddress& entry) {
    if (!entry.include) return;
    (entry.ready ? cache.ready : cache.not_ready).erase(&entry);
    --cache.port_list_uses[entry.ports_id];
}

void EndpointsController::Attach(ServiceCache& cache, const CachedAddress& entry) {
    if (!entry.include) return;
    (entry.ready ? cache.ready : cache.not_ready).insert(&entry);
    ++cache.port_list_uses[entry.ports_id];
}

template <class Consider>
void EndpointsController::Recompute(ServiceCache& cache, const k8s::Service& svc, const k8s::Pod& pod,
                                    CachedAddress& entry, Consider&& consider) {
    Detach(cache, entry);
    if (const Time ready_at = pod.Summary().ready_transition; ready_at != kNoTime) {
        if (ready_at > entry.trigger) consider(ready_at);
        entry.trigger = ready_at;
    }
    const bool publish_not_ready = svc.spec.publish_not_ready_addresses;
    entry.include = false;
    entry.address = k8s::Cow<k8s::EndpointAddress>();
    if (!endpointutil::ShouldPodBeInEndpoints(pod, publish_not_ready)) return;
    // A fresh address: the one before may be shared with the Endpoints object as stored.
    k8s::EndpointAddress& epa = entry.address.Mut();
    PortList ports;
    epa.ip = !pod.status.pod_ip.empty() ? pod.status.pod_ip : pod.status.pod_ips[0].ip;
    entry.ip_key = SortKey(epa.ip);
    epa.node_name = pod.spec->node_name;
    epa.target_ref = endpointutil::PodReference(pod);
    if (endpointutil::ShouldSetHostname(pod, svc)) epa.hostname = pod.spec->hostname;
    if (svc.spec.ports.empty()) {
        if (svc.spec.IsHeadless()) ports.push_back(std::nullopt);  // headless may have no ports
    } else {
        for (const auto& sp : svc.spec.ports) {
            auto num = endpointutil::FindPort(pod, sp);
            if (!num) continue;
            k8s::EndpointPort epp;
            epp.name = sp.name;
            epp.port = *num;
            epp.protocol = sp.protocol;
            epp.app_protocol = sp.app_protocol;
            ports.push_back(epp);
        }
    }
    entry.include = !ports.empty();
    auto& lists = cache.port_lists;
    auto known = std::find(lists.begin(), lists.end(), ports);
    if (known == lists.end()) {
        known = lists.insert(lists.end(), std::move(ports));
        cache.port_list_uses.push_back(0);
    }
    entry.ports_id = static_cast<uint32_t>(known - lists.begin());
    entry.ready = publish_not_ready || IsPodReady(pod);
    Attach(cache, entry);
}

bool EndpointsController::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    auto& api = ctx_.api;
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash);
    const std::string name = key.substr(slash + 1);
    auto svc = api.services().Get(ns, name);
    if (!svc) {
        if (api.endpoints().Get(ns, name)) {
            api.endpoints().Delete(ns, name);
            *cost += kApiCall;
        }
        cache_.erase(key);
        return true;
    }
    if (svc->spec.type == "ExternalName" || svc->spec.selector.empty()) return true;

    ServiceCache& cache = cache_[key];
    if (cache.service != svc) {
        // A Service change recomputes every address; trigger times survive it.
        cache.rebuild = true;
        cache.service = svc;
    }
    Time trigger = 0;
    auto consider = [&trigger](Time t) {
        if (trigger == 0 || t < trigger) trigger = t;
    };
    if (svc->metadata.creation_timestamp.ms > cache.service_time) consider(svc->metadata.creation_timestamp.ms);
    cache.service_time = svc->metadata.creation_timestamp.ms;

    // The pods listed: the namespace's, as upstream's sync lists them (the cost model counts
    // them all, whichever the cache had to recompute).
    const size_t examined = api.pods().Count(ns);
    if (cache.rebuild || cache.changed.overflowed()) {
        // Every pod of the namespace; entries of pods gone or no longer selected are dropped.
        std::unordered_map<std::string, CachedAddress> pods;
        pods.reserve(cache.pods.size());
        cache.ready.clear();
        cache.not_ready.clear();
        std::fill(cache.port_list_uses.begin(), cache.port_list_uses.end(), 0);
        api.pods().ForEach(ns, [&](const apiserver::Ptr<k8s::Pod>& pod) {
            if (!endpointutil::ServiceSelects(*svc, pod->metadata.labels)) return;
            CachedAddress& entry = pods[pod->metadata.name];
            if (auto old = cache.pods.find(pod->metadata.name); old != cache.pods.end()) {
                entry.trigger = old->second.trigger;
            }
            Recompute(cache, *svc, *pod, entry, consider);
        });
        cache.pods = std::move(pods);
        cache.rebuild = false;
    } else {
        for (const std::string& pod_name : cache.changed.Take()) {
            auto pod = api.pods().Get(ns, pod_name);
            auto it = cache.pods.find(pod_name);
            if (!pod || !endpointutil::ServiceSelects(*svc, pod->metadata.labels)) {
                if (it != cache.pods.end()) {
                    Detach(cache, it->second);
                    cache.pods.erase(it);
                }
                continue;
            }
            if (it == cache.pods.end()) it = cache.pods.try_emplace(pod_name).first;
            Recompute(cache, *svc, *pod, it->second, consider);
        }
    }
    cache.changed.Clear();
    *cost += static_cast<Duration>(examined) / endpointutil::kPodsPerMs;

    auto ref_of = [](const CachedAddress* e) {
        return AddressRef<CachedAddress>{e->ip_key, e->ports_id, e->ready, e};
    };
    const size_t included = cache.ready.size() + cache.not_ready.size();
    const bool one_port_list =
        std::count_if(cache.port_list_uses.begin(), cache.port_list_uses.end(), [](size_t n) { return n > 0; }) <= 1;
    std::vector<AddressRef<CachedAddress>> entries;
    bool truncated = false;
    if (one_port_list && included > kMaxCapacity) {
        // Every address offers the same ports: one subset, which truncateEndpoints cuts to the
        // first kMaxCapacity addresses, ready ones first, each kind in SortSubsets order.
        entries.reserve(kMaxCapacity);
        for (const CachedAddress* e : cache.ready) {
            if (entries.size() == kMaxCapacity) break;
            entries.push_back(ref_of(e));
        }
        for (const CachedAddress* e : cache.not_ready) {
            if (entries.size() == kMaxCapacity) break;
            entries.push_back(ref_of(e));
        }
        truncated = true;
    } else {
        // Both kinds in SortSubsets order, merged.
        entries.reserve(included);
        auto r = cache.ready.begin(), n = cache.not_ready.begin();
        while (r != cache.ready.end() || n != cache.not_ready.end()) {
            const bool take_ready = n == cache.not_ready.end() || (r != cache.ready.end() && AddressLess{}(*r, *n));
            entries.push_back(ref_of(take_ready ? *r++ : *n++));
        }
    }
    bool repack_truncated = false;
    std::vector<SubsetPlan> plan = Repack(entries, cache.port_lists, kMaxCapacity, &repack_truncated);
    truncated = truncated || repack_truncated;

    auto current = api.endpoints().Get(ns, name);
    StringMap compare_labels = current ? current->metadata.labels : StringMap{};
    compare_labels.Erase(kLabelHeadless);
    if (current && compare_labels == svc->metadata.labels &&
        current->metadata.annotations.Has(kAnnOverCapacity) == truncated && SameSubsets(plan, entries, current->subsets))
        return true;
    std::vector<k8s::EndpointSubset> subsets = Materialize(std::move(plan), entries);

    k8s::Endpoints next;
    if (current) {
        // Everything but the subsets, which are replaced (copying them first would copy up to
        // 1000 addresses to throw them away).
        next.api_version = current->api_version;
        next.kind = current->kind;
        next.metadata = current->metadata;
    }
    next.metadata.namespace_ = ns;
    next.metadata.name = name;
    next.subsets = std::move(subsets);
    next.metadata.labels = svc->metadata.labels;
    if (trigger != 0) next.metadata.annotations.Set(kAnnTriggerTime, endpointutil::TriggerTimeString(trigger));
    else next.metadata.annotations.Erase(kAnnTriggerTime);
    if (truncated) next.metadata.annotations.Set(kAnnOverCapacity, "truncated");
    else next.metadata.annotations.Erase(kAnnOverCapacity);
    if (svc->spec.IsHeadless() || svc->spec.cluster_ip.empty()) next.metadata.labels.Set(kLabelHeadless, "");
    else next.metadata.labels.Erase(kLabelHeadless);
    size_t written = 0;
    for (const auto& subset : next.subsets) written += subset.addresses.size() + subset.not_ready_addresses.size();
    *cost += kApiCall + static_cast<Duration>(written) / (endpointutil::kPodsPerMs * 4);

    const engine::EventSource source{"endpoint-controller", ""};
    if (!current) {
        auto r = api.endpoints().Create(std::move(next));
        if (r.ok()) return true;
        // A terminating namespace refuses new content; nothing will change that.
        if (r.error.code == 403) return true;
        k8s::ObjectReference ref;
        ref.kind = "Endpoints";
        ref.namespace_ = ns;
        ref.name = name;
        ref.api_version = "v1";
        ctx_.recorder.Record(ref, "Warning", "FailedToCreateEndpoint",
                             "Failed to create endpoint for service " + ns + "/" + name + ": " + r.error.message, source);
        return false;
    }
    auto r = api.endpoints().Update(std::move(next));
    if (r.ok()) return true;
    ctx_.recorder.Record(engine::EventRecorder::RefTo(*current), "Warning", "FailedToUpdateEndpoint",
                         "Failed to update endpoint " + ns + "/" + name + ": " + r.error.message, source);
    return false;
}

}  // namespace sts::controllers
