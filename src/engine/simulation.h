// The simulated cluster as one object: API server, scheduler clock, controllers, kube-scheduler,
// kubelets, storage, DNS, all on one deterministic event queue. Hosts (the CLI, the browser, the
// tests) create a Simulation, send it commands through its API server or SimulatedCluster, and
// advance its clock.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "apiserver/api_server.h"
#include "engine/context.h"
#include "engine/event_recorder.h"
#include "engine/scheduler.h"
#include "engine/volume_data.h"

namespace sts::controllers {
class StatefulSetController;
class EndpointsController;
class EndpointSliceController;
class GarbageCollector;
class PersistentVolumeController;
class NamespaceController;
}  // namespace sts::controllers

namespace sts::cluster {
class KubeScheduler;
class Kubelet;
class ImageRegistry;
class NodeLifecycleController;
class ClusterDns;
class NodeIpam;
}  // namespace sts::cluster

namespace sts::engine {

struct SimulationOptions {
    uint64_t seed = 1;
    int worker_nodes = 3;
    FeatureGates gates;
    // Objects of one kind the API server stores at most (0: no limit; Events get ten times as
    // many). Interactive hosts set it so an absurd size is refused instead of exhausting memory.
    size_t max_objects_per_kind = 0;
};

// The nodes of the default cluster (kind's naming and addressing).
struct NodeSpec {
    std::string name;
    std::string internal_ip;  // 172.18.0.N
    std::string pod_cidr;     // 10.244.N.0/24
    bool control_plane = false;
};

class Simulation final : public apiserver::Clock {
public:
    explicit Simulation(SimulationOptions options = {});
    ~Simulation() override;
    Simulation(const Simulation&) = delete;
    Simulation& operator=(const Simulation&) = delete;

    // ---- Time ---------------------------------------------------------------------------------
    Time Now() const override { return scheduler_.Now(); }
    // Runs every event due at or before t, then sets the clock to t.
    void RunUntil(Time t) { scheduler_.RunUntil(t); }
    void Advance(Duration d) { scheduler_.RunUntil(scheduler_.Now() + d); }
    bool Step() { return scheduler_.Step(); }
    std::optional<Time> NextEventTime() const { return scheduler_.NextEventTime(); }
    // Runs until nothing is scheduled within `limit` of now (default 10 simulated minutes).
    // Returns true when the cluster went quiet, false when the limit cut it short.
    bool Settle(Duration limit = Minutes(10));

    // ---- Parts --------------------------------------------------------------------------------
    apiserver::ApiServer& api() { return api_; }
    const apiserver::ApiServer& api() const { return api_; }
    Scheduler& scheduler() { return scheduler_; }
    EventRecorder& recorder() { return recorder_; }
    Context& context() { return context_; }
    const SimulationOptions& options() const { return options_; }
    uint64_t seed() const { return options_.seed; }
    const std::vector<NodeSpec>& node_specs() const { return node_specs_; }

    controllers::StatefulSetController* statefulset_controller() { return statefulset_controller_; }
    cluster::ImageRegistry* image_registry() { return image_registry_; }
    cluster::KubeScheduler* kube_scheduler() { return kube_scheduler_; }
    cluster::NodeLifecycleController* node_lifecycle() { return node_lifecycle_; }
    cluster::ClusterDns* dns() { return dns_; }
    // The PV binder; its SetProvisionerFailing() makes dynamic provisioning fail.
    controllers::PersistentVolumeController* persistent_volume_controller() { return persistent_volume_controller_; }
    // Files written into volumes and container filesystems (through kubectl exec).
    VolumeData& volume_data() { return volume_data_; }
    cluster::Kubelet* kubelet(const std::string& node);
    cluster::NodeIpam* ipam(const std::string& node);

    // Canonical hash of the whole cluster state.
    uint64_t StateHash() const { return api_.StateHash(); }

private:
    void Bootstrap();
    void CreateComponents();
    template <class T>
    T* Own(std::unique_ptr<T> component) {
        T* raw = component.get();
        owned_.push_back(std::shared_ptr<void>(std::move(component)));
        return raw;
    }

    SimulationOptions options_;
    Scheduler scheduler_;
    apiserver::ApiServer api_;
    EventRecorder recorder_;
    Context context_;
    std::vector<NodeSpec> node_specs_;
    std::vector<std::shared_ptr<void>> owned_;  // components, destroyed in reverse order
    VolumeData volume_data_;

    controllers::StatefulSetController* statefulset_controller_ = nullptr;
    cluster::ImageRegistry* image_registry_ = nullptr;
    cluster::KubeScheduler* kube_scheduler_ = nullptr;
    cluster::NodeLifecycleController* node_lifecycle_ = nullptr;
    cluster::ClusterDns* dns_ = nullptr;
    controllers::PersistentVolumeController* persistent_volume_controller_ = nullptr;
    std::vector<std::pair<std::string, cluster::Kubelet*>> kubelets_;
    std::vector<std::pair<std::string, cluster::NodeIpam*>> ipams_;
};

}  // namespace sts::engine
