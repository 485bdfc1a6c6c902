#include "engine/simulation.h"

#include <algorithm>
#include <cstdio>

#include "cluster/node_ipam.h"
#include "engine/lease_expiry.h"
#include "engine/pod_environment.h"

// [components] Component headers (each team adds its own include here).
#include "controllers/statefulset/statefulset_controller.h"
#include "cluster/image_registry.h"
#include "cluster/kube_scheduler.h"
#include "cluster/kubelet.h"
#include "cluster/node_lifecycle.h"
#include "cluster/cluster_dns.h"
#include "controllers/endpoints_controller.h"
#include "controllers/endpointslice_controller.h"
#include "controllers/garbage_collector.h"
#include "controllers/namespace_controller.h"
#include "controllers/persistent_volume_controller.h"
#include "controllers/pvc_protection_controller.h"

namespace sts::engine {

namespace {

// The cluster "exists" a few minutes before the user's first command, as a real one would.
constexpr Duration kClusterAge = Minutes(5);

k8s::ObjectMeta Meta(const std::string& ns, const std::string& name, StringMap labels = {}) {
    k8s::ObjectMeta m;
    m.namespace_ = ns;
    m.name = name;
    m.labels = std::move(labels);
    return m;
}

k8s::NodeCondition NodeCond(const std::string& type, const std::string& status, const std::string& reason,
                            const std::string& message, Time now) {
    k8s::NodeCondition c;
    c.type = type;
    c.status = status;
    c.reason = reason;
    c.message = message;
    c.last_heartbeat_time = k8s::Timestamp(now);
    c.last_transition_time = k8s::Timestamp(now);
    return c;
}

std::string HexId(Rng& rng, int chars) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    for (int i = 0; i < chars; ++i) out.push_back(kHex[rng.Below(16)]);
    return out;
}

}  // namespace

Simulation::Simulation(SimulationOptions options)
    : options_(options),
      scheduler_(kSimulationEpoch - kClusterAge),
      api_(*this, options.seed),
      recorder_(api_),
      context_{api_, scheduler_, recorder_, options_.gates, options.seed} {
    node_specs_.push_back({"kind-control-plane", "172.18.0.2", "10.244.0.0/24", true});
    for (int i = 1; i <= options_.worker_nodes; ++i) {
        const std::string name = i == 1 ? "kind-worker" : "kind-worker" + std::to_string(i);
        node_specs_.push_back({name, "172.18.0." + std::to_string(2 + i), "10.244." + std::to_string(i) + ".0/24", false});
    }
    for (const auto& n : node_specs_) ipams_.emplace_back(n.name, Own(std::make_unique<cluster::NodeIpam>(n.pod_cidr)));
    if (options_.max_objects_per_kind > 0) {
        for (auto* store : api_.AllStores())
            store->SetCapacity(store->info().kind == "Event" ? options_.max_objects_per_kind * 10
                                                             : options_.max_objects_per_kind);
    }
    CreateComponents();
    Bootstrap();
    // Let the controllers settle the bootstrap objects before the user arrives.
    scheduler_.RunUntil(kSimulationEpoch);
}

Simulation::~Simulation() {
    while (!owned_.empty()) owned_.pop_back();
}

cluster::Kubelet* Simulation::kubelet(const std::string& node) {
    for (auto& [name, k] : kubelets_)
        if (name == node) return k;
    return nullptr;
}

cluster::NodeIpam* Simulation::ipam(const std::string& node) {
    for (auto& [name, i] : ipams_)
        if (name == node) return i;
    return nullptr;
}

bool Simulation::Settle(Duration limit) {
    const Time deadline = Now() + limit;
    while (true) {
        auto next = scheduler_.NextEventTime();
        if (!next) return true;
        if (*next > deadline) {
            scheduler_.RunUntil(deadline);
            return false;
        }
        scheduler_.Step();
    }
}

void Simulation::CreateComponents() {
    // [components] Construction of controllers and node components (each team adds its own).
    statefulset_controller_ = Own(std::make_unique<controllers::StatefulSetController>(context_));
    image_registry_ = Own(std::make_unique<cluster::ImageRegistry>());
    kube_scheduler_ = Own(std::make_unique<cluster::KubeScheduler>(context_));
    for (const auto& n : node_specs_) {
        auto* kubelet = Own(std::make_unique<cluster::Kubelet>(context_, n.name, ipam(n.name), image_registry_));
        kubelet->SetCommandRunner([this](const apiserver::Ptr<k8s::Pod>& pod, const std::string& container,
                                         const std::vector<std::string>& argv) {
            PodEnvironment env(*this, pod, container);
            return cluster::ContainerShell(&env).Exec(argv);
        });
        kubelets_.emplace_back(n.name, kubelet);
    }
    node_lifecycle_ = Own(std::make_unique<cluster::NodeLifecycleController>(
        context_, [this](const std::string& node) { return kubelet(node); }));
    // Storage, garbage collection, endpoints, namespaces and cluster DNS.
    Own(std::make_unique<controllers::GarbageCollector>(context_));
    persistent_volume_controller_ = Own(std::make_unique<controllers::PersistentVolumeController>(context_));
    Own(std::make_unique<controllers::PvcProtectionController>(context_));
    Own(std::make_unique<controllers::EndpointsController>(context_));
    Own(std::make_unique<controllers::EndpointSliceController>(context_));
    Own(std::make_unique<controllers::NamespaceController>(context_));
    dns_ = Own(std::make_unique<cluster::ClusterDns>(context_));
    // etcd deletes Events an hour after their last write.
    Own(std::make_unique<LeaseExpiry>(context_));
}

void Simulation::Bootstrap() {
    const Time now = Now();
    Rng rng = context_.RngFor("bootstrap");

    for (const char* ns : {"default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"}) {
        k8s::Namespace obj;
        obj.metadata.name = ns;
        api_.namespaces().Create(std::move(obj));
    }

    for (const auto& spec : node_specs_) {
        k8s::Node node;
        node.metadata.name = spec.name;
        node.metadata.labels = {{"beta.kubernetes.io/arch", "amd64"},
                                {"beta.kubernetes.io/os", "linux"},
                                {"kubernetes.io/arch", "amd64"},
                                {"kubernetes.io/hostname", spec.name},
                                {"kubernetes.io/os", "linux"}};
        node.metadata.annotations = {{"kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock"},
                                     {"node.alpha.kubernetes.io/ttl", "0"},
                                     {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}};
        if (spec.control_plane) {
            node.metadata.labels.Set("node-role.kubernetes.io/control-plane", "");
            node.metadata.labels.Set("node.kubernetes.io/exclude-from-external-load-balancers", "");
            k8s::Taint taint;
            taint.key = "node-role.kubernetes.io/control-plane";
            taint.effect = "NoSchedule";
            node.spec.taints.push_back(taint);
        }
        node.spec.pod_cidr = spec.pod_cidr;
        node.spec.pod_cidrs = {spec.pod_cidr};
        node.spec.provider_id = "kind://docker/kind/" + spec.name;
        auto created = api_.nodes().Create(std::move(node));
        if (!created.ok()) continue;
        k8s::Node status_update = *created.value;
        auto& st = status_update.status;
        st.capacity = {{"cpu", "8"},           {"ephemeral-storage", "102626232Ki"}, {"hugepages-1Gi", "0"},
                       {"hugepages-2Mi", "0"}, {"memory", "16331324Ki"},             {"pods", "110"}};
        st.allocatable = st.capacity;
        st.conditions = {
            NodeCond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
            NodeCond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
            NodeCond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
            NodeCond("Ready", "True", "KubeletReady", "kubelet is posting ready status", now)};
        st.addresses = {{"InternalIP", spec.internal_ip}, {"Hostname", spec.name}};
        st.daemon_endpoints = Value::MakeObject({{"kubeletEndpoint", Value::MakeObject({{"Port", 10250}})}});
        st.node_info.machine_id = HexId(rng, 32);
        st.node_info.system_uuid = rng.Uuid();
        st.node_info.boot_id = rng.Uuid();
        st.node_info.kernel_version = "6.8.0-1015-gcp";
        st.node_info.os_image = "Debian GNU/Linux 12 (bookworm)";
        st.node_info.container_runtime_version = "containerd://2.1.1";
        st.node_info.kubelet_version = "v1.33.1";
        st.node_info.operating_system = "linux";
        st.node_info.architecture = "amd64";
        api_.nodes().UpdateStatus(std::move(status_update));
    }

    // The default StorageClass of a kind cluster: rancher's local-path provisioner.
    {
        k8s::StorageClass sc;
        sc.metadata.name = "standard";
        sc.metadata.annotations.Set("storageclass.kubernetes.io/is-default-class", "true");
        sc.provisioner = "rancher.io/local-path";
        sc.reclaim_policy = "Delete";
        sc.volume_binding_mode = "WaitForFirstConsumer";
        api_.storageclasses().Create(std::move(sc));
    }

    // default/kubernetes: the API server's own Service and endpoint.
    {
        k8s::Service svc;
        svc.metadata = Meta("default", "kubernetes", {{"component", "apiserver"}, {"provider", "kubernetes"}});
        svc.spec.cluster_ip = "10.96.0.1";
        k8s::ServicePort port;
        port.name = "https";
        port.port = 443;
        port.protocol = "TCP";
        port.target_port = k8s::IntOrString(6443);
        svc.spec.ports.push_back(port);
        api_.services().Create(std::move(svc));
        k8s::Endpoints ep;
        ep.metadata = Meta("default", "kubernetes", {{"endpointslice.kubernetes.io/skip-mirror", "true"}});
        k8s::EndpointSubset subset;
        subset.addresses.push_back(k8s::EndpointAddress{"172.18.0.2", "", std::nullopt, std::nullopt});
        subset.ports.push_back({"https", 6443, "TCP", std::nullopt});
        ep.subsets.push_back(subset);
        api_.endpoints().Create(std::move(ep));
    }

    // kube-system/kube-dns, served by two CoreDNS pods.
    {
        k8s::Service svc;
        svc.metadata = Meta("kube-system", "kube-dns",
                            {{"k8s-app", "kube-dns"},
                             {"kubernetes.io/cluster-service", "true"},
                             {"kubernetes.io/name", "CoreDNS"}});
        svc.metadata.annotations.Set("prometheus.io/port", "9153");
        svc.metadata.annotations.Set("prometheus.io/scrape", "true");
        svc.spec.cluster_ip = "10.96.0.10";
        svc.spec.selector = {{"k8s-app", "kube-dns"}};
        for (const auto& [name, port, proto] : std::vector<std::tuple<std::string, int32_t, std::string>>{
                 {"dns", 53, "UDP"}, {"dns-tcp", 53, "TCP"}, {"metrics", 9153, "TCP"}}) {
            k8s::ServicePort p;
            p.name = name;
            p.port = port;
            p.protocol = proto;
            p.target_port = k8s::IntOrString(port);
            svc.spec.ports.push_back(p);
        }
        api_.services().Create(std::move(svc));
    }

    // System pods, already running when the session starts.
    struct SystemPod {
        std::string ns, name, node, image;
        StringMap labels;
        bool host_network;
        std::string owner_kind, owner_name;
    };
    const std::string cp = node_specs_[0].name;
    const std::string rs_hash = "674b8bbfcf";
    std::vector<SystemPod> system_pods = {
        {"kube-system", "coredns-" + rs_hash + "-" + rng.NameSuffix(5), cp, "registry.k8s.io/coredns/coredns:v1.12.0",
         {{"k8s-app", "kube-dns"}, {"pod-template-hash", rs_hash}}, false, "ReplicaSet", "coredns-" + rs_hash},
        {"kube-system", "coredns-" + rs_hash + "-" + rng.NameSuffix(5), cp, "registry.k8s.io/coredns/coredns:v1.12.0",
         {{"k8s-app", "kube-dns"}, {"pod-template-hash", rs_hash}}, false, "ReplicaSet", "coredns-" + rs_hash},
        {"kube-system", "etcd-" + cp, cp, "registry.k8s.io/etcd:3.5.21-0",
         {{"component", "etcd"}, {"tier", "control-plane"}}, true, "Node", cp},
        {"kube-system", "kube-apiserver-" + cp, cp, "registry.k8s.io/kube-apiserver:v1.33.1",
         {{"component", "kube-apiserver"}, {"tier", "control-plane"}}, true, "Node", cp},
        {"kube-system", "kube-controller-manager-" + cp, cp, "registry.k8s.io/kube-controller-manager:v1.33.1",
         {{"component", "kube-controller-manager"}, {"tier", "control-plane"}}, true, "Node", cp},
        {"kube-system", "kube-scheduler-" + cp, cp, "registry.k8s.io/kube-scheduler:v1.33.1",
         {{"component", "kube-scheduler"}, {"tier", "control-plane"}}, true, "Node", cp},
        {"local-path-storage", "local-path-provisioner-7dc846544d-" + rng.NameSuffix(5), cp,
         "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a",
         {{"app", "local-path-provisioner"}, {"pod-template-hash", "7dc846544d"}}, false, "ReplicaSet",
         "local-path-provisioner-7dc846544d"},
    };
    for (const auto& n : node_specs_) {
        system_pods.push_back({"kube-system", "kube-proxy-" + rng.NameSuffix(5), n.name,
                               "registry.k8s.io/kube-proxy:v1.33.1",
                               {{"controller-revision-hash", "7bb84c4984"}, {"k8s-app", "kube-proxy"}, {"pod-template-generation", "1"}},
                               true, "DaemonSet", "kube-proxy"});
        system_pods.push_back({"kube-system", "kindnet-" + rng.NameSuffix(5), n.name,
                               "docker.io/kindest/kindnetd:v20250512-df8de77b",
                               {{"app", "kindnet"}, {"controller-revision-hash", "6cd6f98bcd"}, {"k8s-app", "kindnet"},
                                {"pod-template-generation", "1"}, {"tier", "node"}},
                               true, "DaemonSet", "kindnet"});
    }

    for (const auto& sp : system_pods) {
        const NodeSpec* node = nullptr;
        for (const auto& n : node_specs_)
            if (n.name == sp.node) node = &n;
        k8s::Pod pod;
        pod.metadata = Meta(sp.ns, sp.name, sp.labels);
        k8s::OwnerReference owner;
        owner.api_version = sp.owner_kind == "Node" ? "v1" : "apps/v1";
        owner.kind = sp.owner_kind;
        owner.name = sp.owner_name;
        owner.uid = sp.owner_kind == "Node" ? api_.nodes().Get("", sp.node)->metadata.uid : rng.Uuid();
        owner.controller = true;
        if (sp.owner_kind != "Node") owner.block_owner_deletion = true;
        pod.metadata.owner_references.push_back(owner);
        k8s::PodSpec& spec = pod.spec.Mut();
        k8s::Container c;
        c.name = sp.name.substr(0, sp.name.find('-') == std::string::npos ? sp.name.size() : sp.name.find('-'));
        if (sp.owner_kind == "Node") c.name = sp.labels.Get("component");
        if (sp.name.rfind("local-path-provisioner", 0) == 0) c.name = "local-path-provisioner";
        if (sp.name.rfind("kube-proxy", 0) == 0) c.name = "kube-proxy";
        if (sp.name.rfind("kindnet", 0) == 0) c.name = "kindnet-cni";
        c.image = sp.image;
        spec.containers.push_back(c);
        spec.node_name = sp.node;
        spec.host_network = sp.host_network;
        spec.priority_class_name = sp.ns == "kube-system" ? "system-node-critical" : "";
        if (sp.name.rfind("coredns", 0) == 0) spec.priority_class_name = "system-cluster-critical";
        k8s::Toleration any;
        any.operator_ = "Exists";
        spec.tolerations.Mut().push_back(any);
        auto created = api_.pods().Create(std::move(pod));
        if (!created.ok()) continue;
        k8s::Pod running = *created.value;
        auto& st = running.status;
        st.phase = "Running";
        st.host_ip = node->internal_ip;
        st.host_ips = {{node->internal_ip}};
        std::string ip = node->internal_ip;
        if (!sp.host_network) ip = ipam(sp.node)->Allocate();
        st.pod_ip = ip;
        st.pod_ips = {{ip}};
        st.start_time = k8s::Timestamp(now);
        for (const char* type : {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"}) {
            k8s::PodCondition cond;
            cond.type = type;
            cond.status = "True";
            cond.last_transition_time = k8s::Timestamp(now);
            st.conditions.push_back(cond);
        }
        k8s::ContainerStatus cs;
        cs.name = running.spec->containers[0].name;
        cs.image = sp.image;
        cs.image_id = sp.image.substr(0, sp.image.find(':')) + "@sha256:" + HexId(rng, 64);
        cs.container_id = "containerd://" + HexId(rng, 64);
        cs.ready = true;
        cs.started = true;
        cs.state.running = k8s::ContainerStateRunning{k8s::Timestamp(now)};
        st.container_statuses.push_back(cs);
        api_.pods().UpdateStatus(std::move(running));
    }
}

}  // namespace sts::engine
