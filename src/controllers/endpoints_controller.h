// The Endpoints controller (pkg/controller/endpoint/endpoints_controller.go) and the helpers it
// shares with the EndpointSlice controller (k8s.io/endpointslice/util: ShouldPodBeInEndpoints,
// ShouldSetHostname, FindPort, the trigger-time tracker).
//
// For every Service with a selector, one Endpoints object of the same name: ready pods in
// `addresses`, not-ready ones in `notReadyAddresses` (all in `addresses` with
// publishNotReadyAddresses), terminating pods left out, ports resolved per pod (named target
// ports looked up in the pod's containers), a hostname only for pods whose spec.hostname is set
// and whose spec.subdomain names the Service, at most 1000 addresses (over-capacity truncation).
// Services without a selector (default/kubernetes) are left alone.
//
// Work is queued per Service: a burst of pod changes collapses into one sync, whose cost is
// proportional to the pods it examined.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "controllers/pod_entries.h"
#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

namespace endpointutil {

// Pods examined per simulated millisecond of a sync.
inline constexpr int64_t kPodsPerMs = engine::kPodsExaminedPerMs;

bool IsPodReady(const k8s::Pod& pod);
// Terminal pods and pods without an IP never appear; terminating ones only when asked.
bool ShouldPodBeInEndpoints(const k8s::Pod& pod, bool include_terminating);
bool ShouldSetHostname(const k8s::Pod& pod, const k8s::Service& svc);
// The targetRef of an address or endpoint: the pod's kind, namespace, name and uid.
k8s::ObjectReference PodReference(const k8s::Pod& pod);
// The container port a service port reaches on this pod, or nullopt (named port not found).
std::optional<int32_t> FindPort(const k8s::Pod& pod, const k8s::ServicePort& port);
// Whether a pod change can change the endpoints of the services selecting it.
bool PodEndpointsChanged(const k8s::Pod& old_pod, const k8s::Pod& new_pod);
bool ServiceSelects(const k8s::Service& svc, const StringMap& labels);
// Keys ("ns/name") of the services in the pod's namespace that select it.
void ServicesSelecting(const apiserver::ApiServer& api, const k8s::Pod& pod, std::map<std::string, bool>* out);
// Queue keys for a pod event, as the controllers' pod handlers compute them.
std::map<std::string, bool> ServicesForPodEvent(const apiserver::ApiServer& api, apiserver::WatchType type,
                                                const apiserver::Ptr<k8s::Pod>& old_pod,
                                                const apiserver::Ptr<k8s::Pod>& new_pod);

// RFC 3339 as Go's time.RFC3339Nano prints a whole-second time.
std::string TriggerTimeString(Time t);

// Walks the namespace's pods through the Service's per-pod entries (Entry has `bool selected`)
// and calls fn(pod, entry, changed) for each pod the Service selects; `changed` says the entry
// was made from another snapshot (or another Service) and must be recomputed. The entry of a
// pod the Service no longer selects is reset, as good as never made. Returns the pods examined.
// A pod snapshot the entry was not made from: whether the Service selects it; the entry of a
// pod it no longer selects is reset, as good as never made.
template <class Entry>
void Reselect(const k8s::Service& svc, const k8s::Pod& pod, Entry& entry) {
    const bool selected = ServiceSelects(svc, pod.metadata.labels);
    if (!selected) entry = Entry{};
    entry.selected = selected;
}

template <class Entry, class Fn>
size_t ForEachSelectedPod(const apiserver::ApiServer& api, const std::string& ns, const k8s::Service& svc,
                          PodEntries<Entry>& entries, Fn&& fn) {
    size_t examined = 0;
    api.pods().ForEach(ns, [&](const apiserver::Ptr<k8s::Pod>& pod) {
        ++examined;
        auto [entry, changed] = entries.Next(pod);
        if (changed) Reselect(svc, *pod, entry);
        if (entry.selected) fn(pod, entry, changed);
    });
    return examined;
}

}  // namespace endpointutil

class EndpointsController final : public engine::QueueController {
public:
    explicit EndpointsController(engine::Context& ctx);

    static constexpr size_t kMaxCapacity = 1000;

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    // What the last sync computed for each pod the Service selects, kept until the pod changes
    // or the Service does.
    // Small, so that sorting and repacking read compact entries: the address, which only the
    // addresses kept (at most 1000) need, lives out of line.
    struct CachedAddress {
        bool include = false;
        bool ready = false;
        // The pod's ports: an index into the Service's distinct port lists (equal lists, equal ids).
        uint32_t ports_id = 0;
        // The first 16 bytes of address.ip, big-endian and zero-padded: compares as the string
        // does (an IPv4 address fits whole), so sorting thousands of addresses rarely reads it.
        std::array<uint64_t, 2> ip_key{};
        Time trigger = 0;  // the Ready transition the last sync saw (endpointsLastChangeTriggerTime)
        k8s::Cow<k8s::EndpointAddress> address;  // set while `include`, shared with the subsets written
    };
    // SortSubsets' order: IP, then pod uid.
    struct AddressLess {
        bool operator()(const CachedAddress* a, const CachedAddress* b) const;
    };
    // A port list: nullopt stands for a headless service without ports.
    using PortList = std::vector<std::optional<k8s::EndpointPort>>;
    // Upstream's sync lists every pod of the namespace and rebuilds the subsets; a 10,000-pod
    // Service is synced hundreds of times while it comes up, a few pods changed each time. The
    // cache keeps each selected pod's entry and the included ones in SortSubsets order, and a
    // sync recomputes the pods that had watch events since the last one: the same result, at
    // the cost of the changes.
    struct ServiceCache {
        apiserver::Ptr<k8s::Service> service;
        std::unordered_map<std::string, CachedAddress> pods;           // selected pods, by name
        std::set<const CachedAddress*, AddressLess> ready, not_ready;  // the included entries
        std::vector<PortList> port_lists;  // distinct, by ports_id
        std::vector<size_t> port_list_uses;  // included entries per ports_id
        ChangedPods changed;  // pods of the namespace with events since the last sync
        bool rebuild = true;  // recompute every pod of the namespace at the next sync
        Time service_time = 0;
    };
    // Works out a pod's entry again (the pod is selected); `consider` takes a trigger time.
    template <class Consider>
    static void Recompute(ServiceCache& cache, const k8s::Service& svc, const k8s::Pod& pod, CachedAddress& entry,
                   Consider&& consider);
    static void Detach(ServiceCache& cache, const CachedAddress& entry);
    static void Attach(ServiceCache& cache, const CachedAddress& entry);

    engine::Context& ctx_;
    std::map<std::string, ServiceCache> cache_;  // "ns/svc"
};

}  // namespace sts::controllers
