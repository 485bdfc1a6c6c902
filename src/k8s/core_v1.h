// core/v1 kinds: Pod, Service, Endpoints, Node, Namespace, PersistentVolumeClaim,
// PersistentVolume, Event. Field names, JSON names and omitempty follow k8s.io/api/core/v1.
// Sub-structures the engine never interprets are carried as Raw JSON so nothing a user wrote
// is lost.
//
// Index of this file
// [SECTION] Containers and probes
// [SECTION] Volumes
// [SECTION] Pod
// [SECTION] Service, Endpoints
// [SECTION] Node, Namespace
// [SECTION] PersistentVolumeClaim, PersistentVolume
// [SECTION] Event
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "k8s/meta.h"
#include "k8s/pod_summary.h"

namespace sts::k8s {

// ---------------------------------------------------------------------------------------------
// [SECTION] Containers and probes

struct ContainerPort {
    static constexpr const char* kGoType = "v1.ContainerPort";
    bool operator==(const ContainerPort&) const = default;
    std::string name;
    int32_t host_port = 0;
    int32_t container_port = 0;
    std::string protocol;
    std::string host_ip;
    template <class V>
    void Reflect(V& v) {
        v("name", name, kOmitEmpty);
        v("hostPort", host_port, kOmitEmpty);
        v("containerPort", container_port);
        v("protocol", protocol, kOmitEmpty);
        v("hostIP", host_ip, kOmitEmpty);
    }
};

struct EnvVar {
    static constexpr const char* kGoType = "v1.EnvVar";
    bool operator==(const EnvVar&) const = default;
    std::string name;
    std::string value;
    Raw value_from;
    template <class V>
    void Reflect(V& v) {
        v("name", name);
        v("value", value, kOmitEmpty);
        v("valueFrom", value_from, kOmitEmpty);
    }
};

struct VolumeMount {
    static constexpr const char* kGoType = "v1.VolumeMount";
    bool operator==(const VolumeMount&) const = default;
    std::string name;
    std::optional<bool> read_only;
    std::string mount_path;
    std::string sub_path;
    std::optional<std::string> mount_propagation;
    std::string sub_path_expr;
    std::optional<std::string> recursive_read_only;
    template <class V>
    void Reflect(V& v) {
        v("name", name);
        v("readOnly", read_only, kOmitEmpty);
        v("recursiveReadOnly", recursive_read_only, kOmitEmpty);
        v("mountPath", mount_path);
        v("subPath", sub_path, kOmitEmpty);
        v("mountPropagation", mount_propagation, kOmitEmpty);
        v("subPathExpr", sub_path_expr, kOmitEmpty);
    }
};

struct ResourceRequirements {
    static constexpr const char* kGoType = "v1.ResourceRequirements";
    bool operator==(const ResourceRequirements&) const = default;
    StringMap limits;    // resource name -> quantity text
    StringMap requests;
    Raw claims;
    template <class V>
    void Reflect(V& v) {
        v("limits", limits, kOmitEmpty);
        v("requests", requests, kOmitEmpty);
        v("claims", claims, kOmitEmpty);
    }
};

struct Probe {
    static constexpr const char* kGoType = "v1.Probe";
    bool operator==(const Probe&) const = default;
    Raw exec;        // {command: [...]}
    Raw http_get;    // {path, port, host, scheme, httpHeaders}
    Raw tcp_socket;  // {port, host}
    Raw grpc;        // {port, service}
    int32_t initial_delay_seconds = 0;
    int32_t timeout_seconds = 0;
    int32_t period_seconds = 0;
    int32_t success_threshold = 0;
    int32_t failure_threshold = 0;
    std::optional<int64_t> termination_grace_period_seconds;
    template <class V>
    void Reflect(V& v) {
        v("exec", exec, kOmitEmpty);
        v("httpGet", http_get, kOmitEmpty);
        v("tcpSocket", tcp_socket, kOmitEmpty);
        v("grpc", grpc, kOmitEmpty);
        v("initialDelaySeconds", initial_delay_seconds, kOmitEmpty);
        v("timeoutSeconds", timeout_seconds, kOmitEmpty);
        v("periodSeconds", period_seconds, kOmitEmpty);
        v("successThreshold", success_threshold, kOmitEmpty);
        v("failureThreshold", failure_threshold, kOmitEmpty);
        v("terminationGracePeriodSeconds", termination_grace_period_seconds, kOmitEmpty);
    }
};

struct Container {
    static constexpr const char* kGoType = "v1.Container";
    bool operator==(const Container&) const = default;
    std::string name;
    std::string image;
    std::vector<std::string> command;
    std::vector<std::string> args;
    std::string working_dir;
    std::vector<ContainerPort> ports;
    Raw env_from;
    std::vector<EnvVar> env;
    ResourceRequirements resources;
    Raw resize_policy;
    std::optional<std::string> restart_policy;
    std::vector<VolumeMount> volume_mounts;
    Raw volume_devices;
    SharedOptional<Probe> liveness_probe;
    SharedOptional<Probe> readiness_probe;
    SharedOptional<Probe> startup_probe;
    Raw lifecycle;
    std::string termination_message_path;
    std::string termination_message_policy;
    std::string image_pull_policy;
    Raw security_context;
    bool stdin_ = false;
    bool stdin_once = false;
    bool tty = false;
    template <class V>
    void Reflect(V& v) {
        v("name", name);
        v("image", image, kOmitEmpty);
        v("command", command, kOmitEmpty);
        v("args", args, kOmitEmpty);
        v("workingDir", working_dir, kOmitEmpty);
        v("ports", ports, kOmitEmpty);
        v("envFrom", env_from, kOmitEmpty);
        v("env", env, kOmitEmpty);
        v("resources", resources, kOmitEmpty);
        v("resizePolicy", resize_policy, kOmitEmpty);
        v("restartPolicy", restart_policy, kOmitEmpty);
        v("volumeMounts", volume_mounts, kOmitEmpty);
        v("volumeDevices", volume_devices, kOmitEmpty);
        v("livenessProbe", liveness_probe, kOmitEmpty);
        v("readinessProbe", readiness_probe, kOmitEmpty);
        v("startupProbe", startup_probe, kOmitEmpty);
        v("lifecycle", lifecycle, kOmitEmpty);
        v("terminationMessagePath", termination_message_path, kOmitEmpty);
        v("terminationMessagePolicy", termination_message_policy, kOmitEmpty);
        v("imagePullPolicy", image_pull_policy, kOmitEmpty);
        v("securityContext", security_context, kOmitEmpty);
        v("stdin", stdin_, kOmitEmpty);
        v("stdinOnce", stdin_once, kOmitEmpty);
        v("tty", tty, kOmitEmpty);
    }
};

struct Toleration {
    static constexpr const char* kGoType = "v1.Toleration";
    bool operator==(const Toleration&) const = default;
    std::string key;
    std::string operator_;
    std::string value;
    std::string effect;
    std::optional<int64_t> toleration_seconds;
    template <class V>
    void Reflect(V& v) {
        v("key", key, kOmitEmpty);
        v("operator", operator_, kOmitEmpty);
        v("value", value, kOmitEmpty);
        v("effect", effect, kOmitEmpty);
        v("tolerationSeconds", toleration_seconds, kOmitEmpty);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Volumes

struct PersistentVolumeClaimVolumeSource {
    static constexpr const char* kGoType = "v1.PersistentVolumeClaimVolumeSource";
    bool operator==(const PersistentVolumeClaimVolumeSource&) const = default;
    std::string claim_name;
    bool read_only = false;
    template <class V>
    void Reflect(V& v) {
        v("claimName", claim_name);
        v("readOnly", read_only, kOmitEmpty);
    }
};

struct HostPathVolumeSource {
    static constexpr const char* kGoType = "v1.HostPathVolumeSource";
    bool operator==(const HostPathVolumeSource&) const = default;
    std::string path;
    std::optional<std::string> type;
    template <class V>
    void Reflect(V& v) {
        v("path", path);
        v("type", type, kOmitEmpty);
    }
};

struct Volume {
    static constexpr const char* kGoType = "v1.Volume";
    bool operator==(const Volume&) const = default;
    std::string name;
    std::optional<HostPathVolumeSource> host_path;
    Raw empty_dir;
    Raw secret;
    Raw nfs;
    std::optional<PersistentVolumeClaimVolumeSource> persistent_volume_claim;
    Raw downward_api;
    Raw config_map;
    Raw projected;
    Raw csi;
    Raw ephemeral;
    Raw image;
    template <class V>
    void Reflect(V& v) {
        v("name", name);
        v("hostPath", host_path, kOmitEmpty);
        v("emptyDir", empty_dir, kOmitEmpty);
        v("secret", secret, kOmitEmpty);
        v("nfs", nfs, kOmitEmpty);
        v("persistentVolumeClaim", persistent_volume_claim, kOmitEmpty);
        v("downwardAPI", downward_api, kOmitEmpty);
        v("configMap", config_map, kOmitEmpty);
        v("projected", projected, kOmitEmpty);
        v("csi", csi, kOmitEmpty);
        v("ephemeral", ephemeral, kOmitEmpty);
        v("image", image, kOmitEmpty);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Pod

struct PodSpec {
    static constexpr const char* kGoType = "v1.PodSpec";
    bool operator==(const PodSpec&) const = default;
    std::vector<Volume> volumes;
    std::vector<Container> init_containers;
    std::vector<Container> containers;
    Raw ephemeral_containers;
    std::string restart_policy;
    std::optional<int64_t> termination_grace_period_seconds;
    std::optional<int64_t> active_deadline_seconds;
    std::string dns_policy;
    StringMap node_selector;
    std::string service_account_name;
    std::string service_account;  // deprecated alias kept in sync, as the API server does
    std::optional<bool> automount_service_account_token;
    std::string node_name;
    bool host_network = false;
    bool host_pid = false;
    bool host_ipc = false;
    std::optional<bool> share_process_namespace;
    Raw security_context;
    Raw image_pull_secrets;
    std::string hostname;
    std::string subdomain;
    Raw affinity;
    std::string scheduler_name;
    // Copy-on-write: admission gives every pod without tolerations of its own the same two
    // (DefaultTolerationSeconds), so the pods of a StatefulSet share one list.
    Cow<std::vector<Toleration>> tolerations;
    Raw host_aliases;
    std::string priority_class_name;
    std::optional<int32_t> priority;
    Raw dns_config;
    Raw readiness_gates;
    std::optional<std::string> runtime_class_name;
    std::optional<bool> enable_service_links;
    std::optional<std::string> preemption_policy;
    Raw overhead;
    Raw topology_spread_constraints;
    std::optional<bool> set_hostname_as_fqdn;
    Raw os;
    std::optional<bool> host_users;
    Raw scheduling_gates;
    Raw resource_claims;
    template <class V>
    void Reflect(V& v) {
        v("volumes", volumes, kOmitEmpty);
        v("initContainers", init_containers, kOmitEmpty);
        v("containers", containers);
        v("ephemeralContainers", ephemeral_containers, kOmitEmpty);
        v("restartPolicy", restart_policy, kOmitEmpty);
        v("terminationGracePeriodSeconds", termination_grace_period_seconds, kOmitEmpty);
        v("activeDeadlineSeconds", active_deadline_seconds, kOmitEmpty);
        v("dnsPolicy", dns_policy, kOmitEmpty);
        v("nodeSelector", node_selector, kOmitEmpty);
        v("serviceAccountName", service_account_name, kOmitEmpty);
        v("serviceAccount", service_account, kOmitEmpty);
        v("automountServiceAccountToken", automount_service_account_token, kOmitEmpty);
        v("nodeName", node_name, kOmitEmpty);
        v("hostNetwork", host_network, kOmitEmpty);
        v("hostPID", host_pid, kOmitEmpty);
        v("hostIPC", host_ipc, kOmitEmpty);
        v("shareProcessNamespace", share_process_namespace, kOmitEmpty);
        v("securityContext", security_context, kOmitEmpty);
        v("imagePullSecrets", image_pull_secrets, kOmitEmpty);
        v("hostname", hostname, kOmitEmpty);
        v("subdomain", subdomain, kOmitEmpty);
        v("affinity", affinity, kOmitEmpty);
        v("schedulerName", scheduler_name, kOmitEmpty);
        v("tolerations", tolerations, kOmitEmpty);
        v("hostAliases", host_aliases, kOmitEmpty);
        v("priorityClassName", priority_class_name, kOmitEmpty);
        v("priority", priority, kOmitEmpty);
        v("dnsConfig", dns_config, kOmitEmpty);
        v("readinessGates", readiness_gates, kOmitEmpty);
        v("runtimeClassName", runtime_class_name, kOmitEmpty);
        v("enableServiceLinks", enable_service_links, kOmitEmpty);
        v("preemptionPolicy", preemption_policy, kOmitEmpty);
        v("overhead", overhead, kOmitEmpty);
        v("topologySpreadConstraints", topology_spread_constraints, kOmitEmpty);
        v("setHostnameAsFQDN", set_hostname_as_fqdn, kOmitEmpty);
        v("os", os, kOmitEmpty);
        v("hostUsers", host_users, kOmitEmpty);
        v("schedulingGates", scheduling_gates, kOmitEmpty);
        v("resourceClaims", resource_claims, kOmitEmpty);
    }
};

struct PodTemplateSpec {
    static constexpr const char* kGoType = "v1.PodTemplateSpec";
    bool operator==(const PodTemplateSpec&) const = default;
    ObjectMeta metadata;
    PodSpec spec;
    template <class V>
    void Reflect(V& v) {
        v("metadata", metadata);
        v("spec", spec);
    }
};

struct PodCondition {
    static constexpr const char* kGoType = "v1.PodCondition";
    bool operator==(const PodCondition&) const = default;
    std::string type;
    std::optional<int64_t> observed_generation;
    std::string status;
    Timestamp last_probe_time;
    Timestamp last_transition_time;
    std::string reason;
    std::string message;
    template <class V>
    void Reflect(V& v) {
        v("type", type);
        v("observedGeneration", observed_generation, kOmitEmpty);
        v("status", status);
        v("lastProbeTime", last_probe_time);
        v("lastTransitionTime", last_transition_time);
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
    }
};

struct ContainerStateWaiting {
    static constexpr const char* kGoType = "v1.ContainerStateWaiting";
    bool operator==(const ContainerStateWaiting&) const = default;
    std::string reason;
    std::string message;
    template <class V>
    void Reflect(V& v) {
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
    }
};

struct ContainerStateRunning {
    static constexpr const char* kGoType = "v1.ContainerStateRunning";
    bool operator==(const ContainerStateRunning&) const = default;
    Timestamp started_at;
    template <class V>
    void Reflect(V& v) {
        v("startedAt", started_at);
    }
};

struct ContainerStateTerminated {
    static constexpr const char* kGoType = "v1.ContainerStateTerminated";
    bool operator==(const ContainerStateTerminated&) const = default;
    int32_t exit_code = 0;
    int32_t signal = 0;
    std::string reason;
    std::string message;
    Timestamp started_at;
    Timestamp finished_at;
    std::string container_id;
    template <class V>
    void Reflect(V& v) {
        v("exitCode", exit_code);
        v("signal", signal, kOmitEmpty);
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
        v("startedAt", started_at);
        v("finishedAt", finished_at);
        v("containerID", container_id, kOmitEmpty);
    }
};

struct ContainerState {
    static constexpr const char* kGoType = "v1.ContainerState";
    bool operator==(const ContainerState&) const = default;
    SharedOptional<ContainerStateWaiting> waiting;
    SharedOptional<ContainerStateRunning> running;
    SharedOptional<ContainerStateTerminated> terminated;
    template <class V>
    void Reflect(V& v) {
        v("waiting", waiting, kOmitEmpty);
        v("running", running, kOmitEmpty);
        v("terminated", terminated, kOmitEmpty);
    }
};

struct ContainerStatus {
    static constexpr const char* kGoType = "v1.ContainerStatus";
    bool operator==(const ContainerStatus&) const = default;
    std::string name;
    ContainerState state;
    ContainerState last_state;
    bool ready = false;
    int32_t restart_count = 0;
    std::string image;
    std::string image_id;
    std::string container_id;
    std::optional<bool> started;
    Raw volume_mounts;
    template <class V>
    void Reflect(V& v) {
        v("name", name);
        v("state", state, kOmitEmpty);
        v("lastState", last_state, kOmitEmpty);
        v("ready", ready);
        v("restartCount", restart_count);
        v("image", image);
        v("imageID", image_id);
        v("containerID", container_id, kOmitEmpty);
        v("started", started, kOmitEmpty);
        v("volumeMounts", volume_mounts, kOmitEmpty);
    }
};

struct PodIP {
    static constexpr const char* kGoType = "v1.PodIP";
    bool operator==(const PodIP&) const = default;
    std::string ip;
    template <class V>
    void Reflect(V& v) {
        v("ip", ip);
    }
};

struct PodStatus {
    static constexpr const char* kGoType = "v1.PodStatus";
    bool operator==(const PodStatus&) const = default;
    std::optional<int64_t> observed_generation;
    std::string phase;
    std::vector<PodCondition> conditions;
    std::string message;
    std::string reason;
    std::string nominated_node_name;
    std::string host_ip;
    std::vector<PodIP> host_ips;
    std::string pod_ip;
    std::vector<PodIP> pod_ips;
    std::optional<Timestamp> start_time;
    std::vector<ContainerStatus> init_container_statuses;
    std::vector<ContainerStatus> container_statuses;
    std::string qos_class;
    template <class V>
    void Reflect(V& v) {
        v("observedGeneration", observed_generation, kOmitEmpty);
        v("phase", phase, kOmitEmpty);
        v("conditions", conditions, kOmitEmpty);
        v("message", message, kOmitEmpty);
        v("reason", reason, kOmitEmpty);
        v("nominatedNodeName", nominated_node_name, kOmitEmpty);
        v("hostIP", host_ip, kOmitEmpty);
        v("hostIPs", host_ips, kOmitEmpty);
        v("podIP", pod_ip, kOmitEmpty);
        v("podIPs", pod_ips, kOmitEmpty);
        v("startTime", start_time, kOmitEmpty);
        v("initContainerStatuses", init_container_statuses, kOmitEmpty);
        v("containerStatuses", container_statuses, kOmitEmpty);
        v("qosClass", qos_class, kOmitEmpty);
    }
    const PodCondition* FindCondition(std::string_view type) const {
        for (const auto& c : conditions)
            if (c.type == type) return &c;
        return nullptr;
    }
};

struct Pod {
    static constexpr const char* kGoType = "v1.Pod";
    bool operator==(const Pod&) const = default;
    static constexpr const char* kKind = "Pod";
    static constexpr const char* kApiVersion = "v1";
    // Not part of the object (see pod_summary.h); first, so it shares cache lines with the name.
    PodSummaryMemo summary_memo;
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    Cow<PodSpec> spec;  // read with pod.spec->..., write with pod.spec.Mut()...
    PodStatus status;

    // Phase, readiness, controller and revision, remembered once the store has frozen the Pod.
    PodSummary Summary() const { return summary_memo.Get(*this); }
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Service, Endpoints

struct ServicePort {
    static constexpr const char* kGoType = "v1.ServicePort";
    bool operator==(const ServicePort&) const = default;
    std::string name;
    std::string protocol;
    std::optional<std::string> app_protocol;
    int32_t port = 0;
    IntOrString target_port;
    int32_t node_port = 0;
    template <class V>
    void Reflect(V& v) {
        v("name", name, kOmitEmpty);
        v("protocol", protocol, kOmitEmpty);
        v("appProtocol", app_protocol, kOmitEmpty);
        v("port", port);
        v("targetPort", target_port, kOmitEmpty);
        v("nodePort", node_port, kOmitEmpty);
    }
};

struct ServiceSpec {
    static constexpr const char* kGoType = "v1.ServiceSpec";
    bool operator==(const ServiceSpec&) const = default;
    std::vector<ServicePort> ports;
    StringMap selector;
    std::string cluster_ip;
    std::vector<std::string> cluster_ips;
    std::string type;
    std::vector<std::string> external_ips;
    std::string session_affinity;
    std::string load_balancer_ip;
    std::vector<std::string> load_balancer_source_ranges;
    std::string external_name;
    std::string external_traffic_policy;
    int32_t health_check_node_port = 0;
    bool publish_not_ready_addresses = false;
    Raw session_affinity_config;
    std::vector<std::string> ip_families;
    std::optional<std::string> ip_family_policy;
    std::optional<bool> allocate_load_balancer_node_ports;
    std::optional<std::string> load_balancer_class;
    std::optional<std::string> internal_traffic_policy;
    std::optional<std::string> traffic_distribution;
    template <class V>
    void Reflect(V& v) {
        v("ports", ports, kOmitEmpty);
        v("selector", selector, kOmitEmpty);
        v("clusterIP", cluster_ip, kOmitEmpty);
        v("clusterIPs", cluster_ips, kOmitEmpty);
        v("type", type, kOmitEmpty);
        v("externalIPs", external_ips, kOmitEmpty);
        v("sessionAffinity", session_affinity, kOmitEmpty);
        v("loadBalancerIP", load_balancer_ip, kOmitEmpty);
        v("loadBalancerSourceRanges", load_balancer_source_ranges, kOmitEmpty);
        v("externalName", external_name, kOmitEmpty);
        v("externalTrafficPolicy", external_traffic_policy, kOmitEmpty);
        v("healthCheckNodePort", health_check_node_port, kOmitEmpty);
        v("publishNotReadyAddresses", publish_not_ready_addresses, kOmitEmpty);
        v("sessionAffinityConfig", session_affinity_config, kOmitEmpty);
        v("ipFamilies", ip_families, kOmitEmpty);
        v("ipFamilyPolicy", ip_family_policy, kOmitEmpty);
        v("allocateLoadBalancerNodePorts", allocate_load_balancer_node_ports, kOmitEmpty);
        v("loadBalancerClass", load_balancer_class, kOmitEmpty);
        v("internalTrafficPolicy", internal_traffic_policy, kOmitEmpty);
        v("trafficDistribution", traffic_distribution, kOmitEmpty);
    }
    bool IsHeadless() const { return cluster_ip == "None"; }
};

struct ServiceStatus {
    static constexpr const char* kGoType = "v1.ServiceStatus";
    bool operator==(const ServiceStatus&) const = default;
    Raw load_balancer = Value::MakeObject();
    Raw conditions;
    template <class V>
    void Reflect(V& v) {
        v("loadBalancer", load_balancer);
        v("conditions", conditions, kOmitEmpty);
    }
};

struct Service {
    static constexpr const char* kGoType = "v1.Service";
    bool operator==(const Service&) const = default;
    static constexpr const char* kKind = "Service";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    ServiceSpec spec;
    ServiceStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

struct ObjectReference {
    static constexpr const char* kGoType = "v1.ObjectReference";
    bool operator==(const ObjectReference&) const = default;
    std::string kind;
    std::string namespace_;
    std::string name;
    std::string uid;
    std::string api_version;
    std::string resource_version;
    std::string field_path;
    template <class V>
    void Reflect(V& v) {
        v("kind", kind, kOmitEmpty);
        v("namespace", namespace_, kOmitEmpty);
        v("name", name, kOmitEmpty);
        v("uid", uid, kOmitEmpty);
        v("apiVersion", api_version, kOmitEmpty);
        v("resourceVersion", resource_version, kOmitEmpty);
        v("fieldPath", field_path, kOmitEmpty);
    }
};

struct EndpointAddress {
    static constexpr const char* kGoType = "v1.EndpointAddress";
    bool operator==(const EndpointAddress&) const = default;
    std::string ip;
    std::string hostname;
    std::optional<std::string> node_name;
    std::optional<ObjectReference> target_ref;
    template <class V>
    void Reflect(V& v) {
        v("ip", ip);
        v("hostname", hostname, kOmitEmpty);
        v("nodeName", node_name, kOmitEmpty);
        v("targetRef", target_ref, kOmitEmpty);
    }
};

struct EndpointPort {
    static constexpr const char* kGoType = "v1.EndpointPort";
    bool operator==(const EndpointPort&) const = default;
    std::string name;
    int32_t port = 0;
    std::string protocol;
    std::optional<std::string> app_protocol;
    template <class V>
    void Reflect(V& v) {
        v("name", name, kOmitEmpty);
        v("port", port);
        v("protocol", protocol, kOmitEmpty);
        v("appProtocol", app_protocol, kOmitEmpty);
    }
};

struct EndpointSubset {
    static constexpr const char* kGoType = "v1.EndpointSubset";
    bool operator==(const EndpointSubset&) const = default;
    // Shared, not copied: the Endpoints controller writes up to 1000 addresses at each sync,
    // nearly all of them the very addresses it wrote before (it keeps them per pod).
    std::vector<Cow<EndpointAddress>> addresses;
    std::vector<Cow<EndpointAddress>> not_ready_addresses;
    std::vector<EndpointPort> ports;
    template <class V>
    void Reflect(V& v) {
        v("addresses", addresses, kOmitEmpty);
        v("notReadyAddresses", not_ready_addresses, kOmitEmpty);
        v("ports", ports, kOmitEmpty);
    }
};

struct Endpoints {
    static constexpr const char* kGoType = "v1.Endpoints";
    bool operator==(const Endpoints&) const = default;
    static constexpr const char* kKind = "Endpoints";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    std::vector<EndpointSubset> subsets;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("subsets", subsets, kOmitEmpty);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Node, Namespace

struct Taint {
    static constexpr const char* kGoType = "v1.Taint";
    bool operator==(const Taint&) const = default;
    std::string key;
    std::string value;
    std::string effect;
    std::optional<Timestamp> time_added;
    template <class V>
    void Reflect(V& v) {
        v("key", key);
        v("value", value, kOmitEmpty);
        v("effect", effect);
        v("timeAdded", time_added, kOmitEmpty);
    }
};

struct NodeSpec {
    static constexpr const char* kGoType = "v1.NodeSpec";
    bool operator==(const NodeSpec&) const = default;
    std::string pod_cidr;
    std::vector<std::string> pod_cidrs;
    std::string provider_id;
    bool unschedulable = false;
    std::vector<Taint> taints;
    template <class V>
    void Reflect(V& v) {
        v("podCIDR", pod_cidr, kOmitEmpty);
        v("podCIDRs", pod_cidrs, kOmitEmpty);
        v("providerID", provider_id, kOmitEmpty);
        v("unschedulable", unschedulable, kOmitEmpty);
        v("taints", taints, kOmitEmpty);
    }
};

struct NodeCondition {
    static constexpr const char* kGoType = "v1.NodeCondition";
    bool operator==(const NodeCondition&) const = default;
    std::string type;
    std::string status;
    Timestamp last_heartbeat_time;
    Timestamp last_transition_time;
    std::string reason;
    std::string message;
    template <class V>
    void Reflect(V& v) {
        v("type", type);
        v("status", status);
        v("lastHeartbeatTime", last_heartbeat_time);
        v("lastTransitionTime", last_transition_time);
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
    }
};

struct NodeAddress {
    static constexpr const char* kGoType = "v1.NodeAddress";
    bool operator==(const NodeAddress&) const = default;
    std::string type;
    std::string address;
    template <class V>
    void Reflect(V& v) {
        v("type", type);
        v("address", address);
    }
};

struct ContainerImage {
    static constexpr const char* kGoType = "v1.ContainerImage";
    bool operator==(const ContainerImage&) const = default;
    std::vector<std::string> names;
    int64_t size_bytes = 0;
    template <class V>
    void Reflect(V& v) {
        v("names", names);
        v("sizeBytes", size_bytes, kOmitEmpty);
    }
};

struct NodeSystemInfo {
    static constexpr const char* kGoType = "v1.NodeSystemInfo";
    bool operator==(const NodeSystemInfo&) const = default;
    std::string machine_id, system_uuid, boot_id, kernel_version, os_image, container_runtime_version,
        kubelet_version, kube_proxy_version, operating_system, architecture;
    template <class V>
    void Reflect(V& v) {
        v("machineID", machine_id);
        v("systemUUID", system_uuid);
        v("bootID", boot_id);
        v("kernelVersion", kernel_version);
        v("osImage", os_image);
        v("containerRuntimeVersion", container_runtime_version);
        v("kubeletVersion", kubelet_version);
        v("kubeProxyVersion", kube_proxy_version);
        v("operatingSystem", operating_system);
        v("architecture", architecture);
    }
};

struct NodeStatus {
    static constexpr const char* kGoType = "v1.NodeStatus";
    bool operator==(const NodeStatus&) const = default;
    StringMap capacity;
    StringMap allocatable;
    std::string phase;
    std::vector<NodeCondition> conditions;
    std::vector<NodeAddress> addresses;
    Raw daemon_endpoints;
    NodeSystemInfo node_info;
    std::vector<ContainerImage> images;
    template <class V>
    void Reflect(V& v) {
        v("capacity", capacity, kOmitEmpty);
        v("allocatable", allocatable, kOmitEmpty);
        v("phase", phase, kOmitEmpty);
        v("conditions", conditions, kOmitEmpty);
        v("addresses", addresses, kOmitEmpty);
        v("daemonEndpoints", daemon_endpoints, kOmitEmpty);
        v("nodeInfo", node_info, kOmitEmpty);
        v("images", images, kOmitEmpty);
    }
    const NodeCondition* FindCondition(std::string_view type) const {
        for (const auto& c : conditions)
            if (c.type == type) return &c;
        return nullptr;
    }
};

struct Node {
    static constexpr const char* kGoType = "v1.Node";
    bool operator==(const Node&) const = default;
    static constexpr const char* kKind = "Node";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    NodeSpec spec;
    NodeStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

struct NamespaceSpec {
    static constexpr const char* kGoType = "v1.NamespaceSpec";
    bool operator==(const NamespaceSpec&) const = default;
    std::vector<std::string> finalizers;
    template <class V>
    void Reflect(V& v) {
        v("finalizers", finalizers, kOmitEmpty);
    }
};

struct NamespaceStatus {
    static constexpr const char* kGoType = "v1.NamespaceStatus";
    bool operator==(const NamespaceStatus&) const = default;
    std::string phase;
    Raw conditions;
    template <class V>
    void Reflect(V& v) {
        v("phase", phase, kOmitEmpty);
        v("conditions", conditions, kOmitEmpty);
    }
};

struct Namespace {
    static constexpr const char* kGoType = "v1.Namespace";
    bool operator==(const Namespace&) const = default;
    static constexpr const char* kKind = "Namespace";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    NamespaceSpec spec;
    NamespaceStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] PersistentVolumeClaim, PersistentVolume

struct VolumeResourceRequirements {
    static constexpr const char* kGoType = "v1.VolumeResourceRequirements";
    bool operator==(const VolumeResourceRequirements&) const = default;
    StringMap limits;
    StringMap requests;
    template <class V>
    void Reflect(V& v) {
        v("limits", limits, kOmitEmpty);
        v("requests", requests, kOmitEmpty);
    }
};

struct PersistentVolumeClaimSpec {
    static constexpr const char* kGoType = "v1.PersistentVolumeClaimSpec";
    bool operator==(const PersistentVolumeClaimSpec&) const = default;
    std::vector<std::string> access_modes;
    std::optional<LabelSelector> selector;
    VolumeResourceRequirements resources;
    std::string volume_name;
    std::optional<std::string> storage_class_name;
    std::optional<std::string> volume_mode;
    Raw data_source;
    Raw data_source_ref;
    std::optional<std::string> volume_attributes_class_name;
    template <class V>
    void Reflect(V& v) {
        v("accessModes", access_modes, kOmitEmpty);
        v("selector", selector, kOmitEmpty);
        v("resources", resources, kOmitEmpty);
        v("volumeName", volume_name, kOmitEmpty);
        v("storageClassName", storage_class_name, kOmitEmpty);
        v("volumeMode", volume_mode, kOmitEmpty);
        v("dataSource", data_source, kOmitEmpty);
        v("dataSourceRef", data_source_ref, kOmitEmpty);
        v("volumeAttributesClassName", volume_attributes_class_name, kOmitEmpty);
    }
};

struct PersistentVolumeClaimStatus {
    static constexpr const char* kGoType = "v1.PersistentVolumeClaimStatus";
    bool operator==(const PersistentVolumeClaimStatus&) const = default;
    std::string phase;
    std::vector<std::string> access_modes;
    StringMap capacity;
    Raw conditions;
    template <class V>
    void Reflect(V& v) {
        v("phase", phase, kOmitEmpty);
        v("accessModes", access_modes, kOmitEmpty);
        v("capacity", capacity, kOmitEmpty);
        v("conditions", conditions, kOmitEmpty);
    }
};

struct PersistentVolumeClaim {
    static constexpr const char* kGoType = "v1.PersistentVolumeClaim";
    bool operator==(const PersistentVolumeClaim&) const = default;
    static constexpr const char* kKind = "PersistentVolumeClaim";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    PersistentVolumeClaimSpec spec;
    PersistentVolumeClaimStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

struct PersistentVolumeSpec {
    static constexpr const char* kGoType = "v1.PersistentVolumeSpec";
    bool operator==(const PersistentVolumeSpec&) const = default;
    StringMap capacity;
    std::optional<HostPathVolumeSource> host_path;
    Raw local;
    Raw nfs;
    Raw csi;
    std::vector<std::string> access_modes;
    std::optional<ObjectReference> claim_ref;
    std::string persistent_volume_reclaim_policy;
    std::string storage_class_name;
    std::vector<std::string> mount_options;
    std::optional<std::string> volume_mode;
    Raw node_affinity;
    std::optional<std::string> volume_attributes_class_name;
    template <class V>
    void Reflect(V& v) {
        v("capacity", capacity, kOmitEmpty);
        v("hostPath", host_path, kOmitEmpty);
        v("local", local, kOmitEmpty);
        v("nfs", nfs, kOmitEmpty);
        v("csi", csi, kOmitEmpty);
        v("accessModes", access_modes, kOmitEmpty);
        v("claimRef", claim_ref, kOmitEmpty);
        v("persistentVolumeReclaimPolicy", persistent_volume_reclaim_policy, kOmitEmpty);
        v("storageClassName", storage_class_name, kOmitEmpty);
        v("mountOptions", mount_options, kOmitEmpty);
        v("volumeMode", volume_mode, kOmitEmpty);
        v("nodeAffinity", node_affinity, kOmitEmpty);
        v("volumeAttributesClassName", volume_attributes_class_name, kOmitEmpty);
    }
};

struct PersistentVolumeStatus {
    static constexpr const char* kGoType = "v1.PersistentVolumeStatus";
    bool operator==(const PersistentVolumeStatus&) const = default;
    std::string phase;
    std::string message;
    std::string reason;
    std::optional<Timestamp> last_phase_transition_time;
    template <class V>
    void Reflect(V& v) {
        v("phase", phase, kOmitEmpty);
        v("message", message, kOmitEmpty);
        v("reason", reason, kOmitEmpty);
        v("lastPhaseTransitionTime", last_phase_transition_time, kOmitEmpty);
    }
};

struct PersistentVolume {
    static constexpr const char* kGoType = "v1.PersistentVolume";
    bool operator==(const PersistentVolume&) const = default;
    static constexpr const char* kKind = "PersistentVolume";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    PersistentVolumeSpec spec;
    PersistentVolumeStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Event

struct EventSource {
    static constexpr const char* kGoType = "v1.EventSource";
    bool operator==(const EventSource&) const = default;
    std::string component;
    std::string host;
    template <class V>
    void Reflect(V& v) {
        v("component", component, kOmitEmpty);
        v("host", host, kOmitEmpty);
    }
};

struct Event {
    static constexpr const char* kGoType = "v1.Event";
    bool operator==(const Event&) const = default;
    static constexpr const char* kKind = "Event";
    static constexpr const char* kApiVersion = "v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    ObjectReference involved_object;
    std::string reason;
    std::string message;
    EventSource source;
    Timestamp first_timestamp;
    Timestamp last_timestamp;
    int32_t count = 0;
    std::string type;
    MicroTimestamp event_time;
    Raw series;
    std::string action;
    Raw related;
    std::string reporting_component;
    std::string reporting_instance;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("involvedObject", involved_object);
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
        v("source", source, kOmitEmpty);
        v("firstTimestamp", first_timestamp, kOmitEmpty);
        v("lastTimestamp", last_timestamp, kOmitEmpty);
        v("count", count, kOmitEmpty);
        v("type", type, kOmitEmpty);
        v("eventTime", event_time);
        v("series", series, kOmitEmpty);
        v("action", action, kOmitEmpty);
        v("related", related, kOmitEmpty);
        v("reportingComponent", reporting_component);
        v("reportingInstance", reporting_instance);
    }
};

}  // namespace sts::k8s
