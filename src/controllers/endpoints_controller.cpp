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

bool IsPodReady(const k8s::Pod& pod) {
    const k8s::PodCondition* c = pod.status.FindCondition("Ready");
    return c && c->status == "True";
}

bool ShouldPodBeInEndpoints(const k8s::Pod& pod, bool include_terminating) {
    if (pod.status.phase == "Succeeded" || pod.status.phase == "Failed") return false;
    if (pod.status.pod_ip.empty() && pod.status.pod_ips.empty()) return false;
    if (!include_terminating && pod.metadata.deletion_timestamp) return false;
    return true;
}

bool ShouldSetHostname(const k8s::Pod& pod, const k8s::Service& svc) {
    return !pod.spec->hostname.empty() && pod.spec->subdomain == svc.metadata.name &&
           svc.metadata.namespace_ == pod.metadata.namespace_;
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

Time TriggerTimeTracker::Compute(const k8s::Service& svc, const std::vector<apiserver::Ptr<k8s::Pod>>& pods) {
    State& state = states_[svc.metadata.namespace_ + "/" + svc.metadata.name];
    const uint64_t epoch = ++state.epoch;
    Time min_changed = 0;
    auto consider = [&](Time t) {
        if (min_changed == 0 || t < min_changed) min_changed = t;
    };
    for (const auto& pod : pods) {
        const k8s::PodCondition* ready = pod->status.FindCondition("Ready");
        if (!ready || !ready->last_transition_time.IsSet()) continue;
        const Time t = ready->last_transition_time.ms;
        auto [it, inserted] = state.pods.try_emplace(pod->metadata.name);
        if (inserted || t > it->second.t) consider(t);
        it->second.t = t;
        it->second.seen = epoch;
    }
    for (auto it = state.pods.begin(); it != state.pods.end();) {
        if (it->second.seen != epoch) it = state.pods.erase(it);
        else ++it;
    }
    const Time service_time = svc.metadata.creation_timestamp.ms;
    if (service_time > state.service) consider(service_time);
    state.service = service_time;
    return min_changed;
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

bool AddressLess(const k8s::EndpointAddress& a, const k8s::EndpointAddress& b) {
    const std::string ua = a.target_ref ? a.target_ref->uid : "";
    const std::string ub = b.target_ref ? b.target_ref->uid : "";
    return std::tie(a.ip, ua) < std::tie(b.ip, ub);
}

bool PortLess(const k8s::EndpointPort& a, const k8s::EndpointPort& b) {
    return std::tie(a.name, a.port, a.protocol) < std::tie(b.name, b.port, b.protocol);
}

// RepackSubsets: ports offered by exactly the same (address, readiness) set share a subset.
std::vector<k8s::EndpointSubset> Repack(
    const std::vector<std::pair<k8s::EndpointAddress, bool>>& addresses,
    const std::vector<std::vector<std::optional<k8s::EndpointPort>>>& ports_per_address) {
    // port (nullopt = the "no ports" sentinel) -> indices of addresses offering it
    std::map<std::tuple<std::string, int32_t, std::string, std::string>, std::pair<std::optional<k8s::EndpointPort>,
                                                                               std::vector<size_t>>>
        by_port;
    for (size_t i = 0; i < addresses.size(); ++i) {
        for (const auto& p : ports_per_address[i]) {
            auto key = p ? std::make_tuple(p->name, p->port, p->protocol, p->app_protocol.value_or(""))
                         : std::make_tuple(std::string(), int32_t(-1), std::string(), std::string());
            auto& entry = by_port[key];
            entry.first = p;
            entry.second.push_back(i);
        }
    }
    std::map<std::vector<size_t>, std::vector<std::optional<k8s::EndpointPort>>> by_addresses;
    for (auto& [key, entry] : by_port) by_addresses[entry.second].push_back(entry.first);
    std::vector<k8s::EndpointSubset> out;
    for (const auto& [idx, ports] : by_addresses) {
        k8s::EndpointSubset subset;
        for (size_t i : idx) {
            if (addresses[i].second) subset.addresses.push_back(addresses[i].first);
            else subset.not_ready_addresses.push_back(addresses[i].first);
        }
        for (const auto& p : ports)
            if (p) subset.ports.push_back(*p);
        std::sort(subset.addresses.begin(), subset.addresses.end(), AddressLess);
        std::sort(subset.not_ready_addresses.begin(), subset.not_ready_addresses.end(), AddressLess);
        std::sort(subset.ports.begin(), subset.ports.end(), PortLess);
        out.push_back(std::move(subset));
    }
    std::sort(out.begin(), out.end(), [](const k8s::EndpointSubset& a, const k8s::EndpointSubset& b) {
        const std::string ka = !a.addresses.empty() ? a.addresses[0].ip
                               : !a.not_ready_addresses.empty() ? a.not_ready_addresses[0].ip : "";
        const std::string kb = !b.addresses.empty() ? b.addresses[0].ip
                               : !b.not_ready_addresses.empty() ? b.not_ready_addresses[0].ip : "";
        if (ka != kb) return ka < kb;
        return a.ports.size() < b.ports.size();
    });
    return out;
}

size_t CountAddresses(const std::vector<k8s::EndpointSubset>& subsets) {
    size_t n = 0;
    for (const auto& s : subsets) n += s.addresses.size() + s.not_ready_addresses.size();
    return n;
}

// truncateEndpoints: keep at most 1000 addresses, ready ones first, spread over the subsets in
// proportion to their size.
bool Truncate(std::vector<k8s::EndpointSubset>& subsets, size_t max_capacity) {
    size_t total_ready = 0, total_not_ready = 0;
    for (const auto& s : subsets) {
        total_ready += s.addresses.size();
        total_not_ready += s.not_ready_addresses.size();
    }
    if (total_ready + total_not_ready <= max_capacity) return false;
    const bool truncate_ready = total_ready > max_capacity;
    const size_t max = truncate_ready ? max_capacity : max_capacity - total_ready;
    const size_t num_total = truncate_ready ? total_ready : total_not_ready;
    size_t can_be_added = max;
    for (auto& s : subsets) {
        const size_t in_subset = truncate_ready ? s.addresses.size() : s.not_ready_addresses.size();
        size_t to_add = static_cast<size_t>(
            std::ceil(static_cast<double>(in_subset) / static_cast<double>(num_total) * static_cast<double>(max)));
        to_add = std::min(to_add, can_be_added);
        if (truncate_ready) {
            if (s.addresses.size() > to_add) s.addresses.resize(to_add);
            s.not_ready_addresses.clear();
            can_be_added -= s.addresses.size();
        } else {
            if (s.not_ready_addresses.size() > to_add) s.not_ready_addresses.resize(to_add);
            can_be_added -= s.not_ready_addresses.size();
        }
    }
    return true;
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
        triggers_.Forget(key);
        return true;
    }
    if (svc->spec.type == "ExternalName" || svc->spec.selector.empty()) return true;

    std::vector<apiserver::Ptr<k8s::Pod>> pods;
    size_t examined = 0;
    api.pods().ForEach(ns, [&](const apiserver::Ptr<k8s::Pod>& pod) {
        ++examined;
        if (endpointutil::ServiceSelects(*svc, pod->metadata.labels)) pods.push_back(pod);
    });
    *cost += static_cast<Duration>(examined) / endpointutil::kPodsPerMs;
    const Time trigger = triggers_.Compute(*svc, pods);

    const bool publish_not_ready = svc->spec.publish_not_ready_addresses;
    std::vector<std::pair<k8s::EndpointAddress, bool>> addresses;
    std::vector<std::vector<std::optional<k8s::EndpointPort>>> ports;
    for (const auto& pod : pods) {
        if (!endpointutil::ShouldPodBeInEndpoints(*pod, publish_not_ready)) continue;
        k8s::EndpointAddress epa;
        epa.ip = !pod->status.pod_ip.empty() ? pod->status.pod_ip : pod->status.pod_ips[0].ip;
        epa.node_name = pod->spec->node_name;
        k8s::ObjectReference ref;
        ref.kind = "Pod";
        ref.namespace_ = pod->metadata.namespace_;
        ref.name = pod->metadata.name;
        ref.uid = pod->metadata.uid;
        epa.target_ref = ref;
        if (endpointutil::ShouldSetHostname(*pod, *svc)) epa.hostname = pod->spec->hostname;
        std::vector<std::optional<k8s::EndpointPort>> pod_ports;
        if (svc->spec.ports.empty()) {
            if (!svc->spec.IsHeadless()) continue;
            pod_ports.push_back(std::nullopt);  // headless services may have no ports
        } else {
            for (const auto& sp : svc->spec.ports) {
                auto num = endpointutil::FindPort(*pod, sp);
                if (!num) continue;
                k8s::EndpointPort epp;
                epp.name = sp.name;
                epp.port = *num;
                epp.protocol = sp.protocol;
                epp.app_protocol = sp.app_protocol;
                pod_ports.push_back(epp);
            }
            if (pod_ports.empty()) continue;
        }
        addresses.emplace_back(std::move(epa), publish_not_ready || IsPodReady(*pod));
        ports.push_back(std::move(pod_ports));
    }
    std::vector<k8s::EndpointSubset> subsets = Repack(addresses, ports);

    auto current = api.endpoints().Get(ns, name);
    StringMap compare_labels = current ? current->metadata.labels : StringMap{};
    compare_labels.Erase(kLabelHeadless);
    const bool capacity_ok = current && CountAddresses(current->subsets) <= kMaxCapacity &&
                             !current->metadata.annotations.Has(kAnnOverCapacity) &&
                             CountAddresses(subsets) <= kMaxCapacity;
    if (current && current->subsets == subsets && compare_labels == svc->metadata.labels && capacity_ok) return true;

    k8s::Endpoints next;
    if (current) next = *current;
    next.metadata.namespace_ = ns;
    next.metadata.name = name;
    next.subsets = std::move(subsets);
    next.metadata.labels = svc->metadata.labels;
    if (trigger != 0) next.metadata.annotations.Set(kAnnTriggerTime, endpointutil::TriggerTimeString(trigger));
    else next.metadata.annotations.Erase(kAnnTriggerTime);
    if (Truncate(next.subsets, kMaxCapacity)) next.metadata.annotations.Set(kAnnOverCapacity, "truncated");
    else next.metadata.annotations.Erase(kAnnOverCapacity);
    if (svc->spec.IsHeadless() || svc->spec.cluster_ip.empty()) next.metadata.labels.Set(kLabelHeadless, "");
    else next.metadata.labels.Erase(kLabelHeadless);
    *cost += kApiCall + static_cast<Duration>(CountAddresses(next.subsets)) / (endpointutil::kPodsPerMs * 4);

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
