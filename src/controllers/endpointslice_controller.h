// The EndpointSlice controller (pkg/controller/endpointslice/endpointslice_controller.go and the
// reconciler of k8s.io/endpointslice: reconciler.go, utils.go).
//
// For every Service with a selector, EndpointSlices named <svc>-<5 chars> (generateName),
// labelled kubernetes.io/service-name and endpointslice.kubernetes.io/managed-by, owned by the
// Service (the garbage collector removes them with it). Each endpoint carries the ready /
// serving / terminating conditions (terminating pods stay, unlike in Endpoints), the hostname
// rule of the Endpoints controller, targetRef and nodeName; the zone only when the node has a
// topology.kubernetes.io/zone label. At most 100 endpoints per slice; endpoints that did not
// change stay in their slice, new ones fill the fullest slice that changed anyway, then an
// unchanged slice with room, then new slices, so a pod change rewrites one slice, not all.
// A Service with no endpoints gets one empty placeholder slice.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "controllers/endpoints_controller.h"

namespace sts::controllers {

inline constexpr const char* kEndpointSliceManagedBy = "endpointslice-controller.k8s.io";
inline constexpr const char* kLabelServiceName = "kubernetes.io/service-name";
inline constexpr const char* kLabelManagedBy = "endpointslice.kubernetes.io/managed-by";

class EndpointSliceController final : public engine::QueueController {
public:
    explicit EndpointSliceController(engine::Context& ctx, int max_endpoints_per_slice = 100);

    int max_endpoints_per_slice() const { return max_per_slice_; }
    // Slices this controller manages for a Service ("ns/name"), by name.
    std::set<std::string> SlicesFor(const std::string& service_key) const;
    // Off, every sync walks every pod of the namespace, as upstream's does; on (the default), a
    // sync after pod events only recomputes those pods and matches again only the slices that
    // hold one. Both write the same slices; the tests run both on one history.
    void set_recompute_changed_only(bool on) { recompute_changed_only_ = on; }
    // Syncs that recomputed the changed pods only (the rest walked every pod).
    uint64_t ChangedOnlySyncs() const { return changed_only_syncs_; }

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    void TrackWrite(const apiserver::Ptr<k8s::EndpointSlice>& slice);
    // The next sync of every Service walks all pods of its namespace.
    void ResyncAll();

    // The endpoint last computed for each pod of the Service's namespace, reused while the pod
    // and its node are the same snapshots.
    // What every sync reads comes first, so a walk over unchanged pods touches the start of
    // each entry only.
    struct CachedEndpoint {
        bool selected = false;  // the Service's selector matches the pod
        bool include = false;
        bool excluded = false;  // the snapshot in `pod` has no place in any slice (ShouldPodBeInEndpoints)
        apiserver::Ptr<k8s::Pod> pod;
        apiserver::Ptr<k8s::Node> node;
        // Which entry this is (kept while the pod stays selected) and which computation of its
        // endpoint: equal (id, version) means an equal endpoint, so a slice this controller
        // wrote is checked against the wanted endpoints without comparing them field by field.
        uint64_t id = 0;
        uint64_t version = 0;
        Time trigger = 0;  // the pod's Ready transition the last sync saw
        // The port mapping's key, interned in ports_keys_: equal keys, equal pointers.
        const std::string* ports_key = nullptr;
        // Out of line, so a walk over thousands of unchanged pods reads a compact array: only a
        // recomputation and the slices being written read these.
        struct Data {
            std::vector<k8s::SlicePort> ports;
            k8s::Cow<k8s::SliceEndpoint> endpoint;  // shared with the slices written
        };
        std::unique_ptr<Data> data;
        const k8s::SliceEndpoint& endpoint() const { return *data->endpoint; }
        const k8s::Cow<k8s::SliceEndpoint>& shared_endpoint() const { return data->endpoint; }
    };
    // Where each endpoint of a slice came from: the (id, version) of the entry it equals, or
    // version 0 where that is not known. Valid for that very snapshot of the slice only.
    struct SliceRecord {
        apiserver::Ptr<k8s::EndpointSlice> snapshot;
        std::vector<std::pair<uint64_t, uint64_t>> sources;
        const std::string* ports_key = nullptr;  // the slice's port mapping, interned in ports_keys_
        bool exact = false;  // every endpoint's source is known (no version 0)
    };
    struct ServiceCache {
        apiserver::Ptr<k8s::Service> service;
        PodEntries<CachedEndpoint> pods;
        Time service_time = 0;
        size_t last_selected = 0;  // pods the Service selected at the last sync (a size hint)
        // Pods of the namespace with watch events since the last sync.
        ChangedPods changed;
        // The last sync placed every wanted endpoint and nothing but pod events came since (no
        // Service, node or foreign slice change): the next sync may recompute the changed pods
        // only.
        bool synced = false;
    };
    // The entry of a selected pod from a snapshot it was not computed from: the trigger time it
    // brings, then whether the pod has a place in a slice at all (false: excluded).
    static bool TakeSnapshot(const apiserver::Ptr<k8s::Pod>& pod, CachedEndpoint& entry, Time* trigger);
    // Computes the entry's endpoint and port mapping again from this pod and node snapshot.
    void Recompute(const k8s::Service& svc, const apiserver::Ptr<k8s::Pod>& pod,
                   const apiserver::Ptr<k8s::Node>& node, CachedEndpoint& entry);

    engine::Context& ctx_;
    int max_per_slice_;
    std::map<std::string, std::set<std::string>> slices_by_service_;  // "ns/svc" -> slice names
    std::map<std::string, int64_t> written_generation_;               // "ns/slice" -> our last write
    std::set<std::string> expected_deletions_;                        // "ns/slice"
    std::map<std::string, ServiceCache> cache_;                       // "ns/svc"
    std::map<std::string, SliceRecord> slice_records_;                // "ns/slice"
    std::set<std::string> ports_keys_;  // every port mapping key seen (a handful; never shrinks)
    uint64_t next_id_ = 0;
    uint64_t next_version_ = 0;
    bool writing_ = false;                                            // inside our own writes
    bool recompute_changed_only_ = true;
    uint64_t changed_only_syncs_ = 0;
};

}  // namespace sts::controllers
