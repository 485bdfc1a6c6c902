// The simulated API server: one store per kind, object identity (uid, resourceVersion), the
// generic REST verbs kubectl uses (create, get, list, update, patch, delete, watch), and the
// scale and status subresources.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apiserver/lease_manager.h"
#include "apiserver/store.h"
#include "client/cluster.h"
#include "core/rng.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/storage_v1.h"

namespace sts::apiserver {

// The API server's view of time; the simulation implements it.
class Clock {
public:
    virtual ~Clock() = default;
    virtual Time Now() const = 0;
};

class ApiServer {
public:
    ApiServer(const Clock& clock, uint64_t seed);
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    Store<k8s::Pod>& pods() { return pods_; }
    Store<k8s::Service>& services() { return services_; }
    Store<k8s::Endpoints>& endpoints() { return endpoints_; }
    Store<k8s::Namespace>& namespaces() { return namespaces_; }
    Store<k8s::Node>& nodes() { return nodes_; }
    Store<k8s::PersistentVolumeClaim>& pvcs() { return pvcs_; }
    Store<k8s::PersistentVolume>& pvs() { return pvs_; }
    Store<k8s::Event>& events() { return events_; }
    Store<k8s::StatefulSet>& statefulsets() { return statefulsets_; }
    Store<k8s::ControllerRevision>& revisions() { return revisions_; }
    Store<k8s::StorageClass>& storageclasses() { return storageclasses_; }
    Store<k8s::EndpointSlice>& endpointslices() { return endpointslices_; }
    const Store<k8s::Pod>& pods() const { return pods_; }
    const Store<k8s::Service>& services() const { return services_; }
    const Store<k8s::Endpoints>& endpoints() const { return endpoints_; }
    const Store<k8s::Namespace>& namespaces() const { return namespaces_; }
    const Store<k8s::Node>& nodes() const { return nodes_; }
    const Store<k8s::PersistentVolumeClaim>& pvcs() const { return pvcs_; }
    const Store<k8s::PersistentVolume>& pvs() const { return pvs_; }
    const Store<k8s::Event>& events() const { return events_; }
    const Store<k8s::StatefulSet>& statefulsets() const { return statefulsets_; }
    const Store<k8s::ControllerRevision>& revisions() const { return revisions_; }
    const Store<k8s::StorageClass>& storageclasses() const { return storageclasses_; }
    const Store<k8s::EndpointSlice>& endpointslices() const { return endpointslices_; }

    // Generic access by resource; nullptr for resources this server does not serve.
    KindStore* StoreFor(const client::ResourceInfo& res);
    const KindStore* StoreFor(const client::ResourceInfo& res) const;
    KindStore* StoreForKind(std::string_view kind);
    const std::vector<KindStore*>& AllStores() const { return all_stores_; }

    // ---- Generic verbs (Kubernetes JSON in and out) ----------------------------------------
    client::ApiResult<Value> Create(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const client::WriteOptions& opts);
    client::ApiResult<Value> Get(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                 const std::string& subresource = "");
    client::ApiResult<Value> List(const client::ResourceInfo& res, const std::string& ns,
                                  const client::ListOptions& opts);
    client::ApiResult<Value> Update(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const std::string& subresource, const client::WriteOptions& opts);
    client::ApiResult<Value> Patch(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                   client::PatchType type, const Value& patch, const std::string& subresource,
                                   const client::WriteOptions& opts);
    client::ApiResult<Value> Delete(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                    const client::DeleteOptions& opts);

    // The pods/binding subresource: assigns a pending pod to a node and marks it PodScheduled,
    // as kube-scheduler's bind does. Conflict if the pod is already assigned.
    client::ApiError BindPod(const std::string& ns, const std::string& name, const std::string& node);

    // ---- Identity and allocation --------------------------------------------------------------
    Time Now() const { return clock_.Now(); }
    std::string NewUid() { return rng_.Uuid(); }
    std::string GenerateNameSuffix() { return rng_.NameSuffix(5); }
    std::string NextResourceVersion() { return std::to_string(++resource_version_); }
    uint64_t CurrentResourceVersion() const { return resource_version_; }
    Rng& rng() { return rng_; }
    // The next free ClusterIP from the Service CIDR 10.96.0.0/12 (10.96.0.1 is the kubernetes
    // Service and 10.96.0.10 kube-dns, reserved by the default cluster).
    std::string AllocateClusterIp();
    void ReleaseClusterIp(const std::string& ip);
    bool NamespaceExists(const std::string& ns) const;
    bool NamespaceTerminating(const std::string& ns) const;

    // ---- Event TTL (etcd leases) ----------------------------------------------------------------
    // kube-apiserver's --event-ttl default: every create or update of an Event asks for it.
    static constexpr int64_t kEventTtlSeconds = 3600;
    uint64_t AttachEventLease() { return leases_.GetLease(Now(), kEventTtlSeconds); }
    // When the next lease expires (nothing to expire: nullopt).
    std::optional<Time> NextLeaseExpiry() const { return leases_.NextExpiry(); }
    // Deletes the Events whose lease has expired by now, as etcd does when it revokes a lease.
    // Returns how many went.
    size_t ExpireLeases() { return events_.ExpireLeases(leases_.TakeExpired(Now())); }

    // Canonical hash of every stored object (same state => same hash, natively and in wasm).
    uint64_t StateHash() const;

private:
    const Clock& clock_;
    Rng rng_;
    uint64_t resource_version_ = 0;
    uint32_t next_service_ip_ = 11;  // offsets within 10.96.0.0/12
    std::vector<uint32_t> released_service_ips_;
    LeaseManager leases_;

    Store<k8s::Namespace> namespaces_;
    Store<k8s::Node> nodes_;
    Store<k8s::Pod> pods_;
    Store<k8s::Service> services_;
    Store<k8s::Endpoints> endpoints_;
    Store<k8s::EndpointSlice> endpointslices_;
    Store<k8s::PersistentVolumeClaim> pvcs_;
    Store<k8s::PersistentVolume> pvs_;
    Store<k8s::StorageClass> storageclasses_;
    Store<k8s::StatefulSet> statefulsets_;
    Store<k8s::ControllerRevision> revisions_;
    Store<k8s::Event> events_;
    std::vector<KindStore*> all_stores_;
};

}  // namespace sts::apiserver
