// Mutating admission the default kube-apiserver runs (ServiceAccount, DefaultTolerationSeconds,
// Priority, DefaultStorageClass, StorageObjectInUseProtection) and the Service IP allocator.
#include "apiserver/api_server.h"

namespace sts::apiserver {

namespace {

constexpr const char* kServiceAccountMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

// The same for every pod, so it is built once (building it took ~250 allocations a pod).
const Value& ServiceAccountProjection() {
    static const Value kProjection = [] {
        Value token = Value::MakeObject({{"serviceAccountToken", Value::MakeObject({{"expirationSeconds", 3607},
                                                                                       {"path", "token"}})}});
        Value ca_item = Value::MakeObject({{"key", "ca.crt"}, {"path", "ca.crt"}});
        Value ca = Value::MakeObject(
            {{"configMap", Value::MakeObject({{"items", Value::MakeArray({ca_item})}, {"name", "kube-root-ca.crt"}})}});
        Value ns_item = Value::MakeObject(
            {{"fieldRef", Value::MakeObject({{"apiVersion", "v1"}, {"fieldPath", "metadata.namespace"}})},
             {"path", "namespace"}});
        Value downward = Value::MakeObject({{"downwardAPI", Value::MakeObject({{"items", Value::MakeArray({ns_item})}})}});
        return Value::MakeObject({{"defaultMode", 420}, {"sources", Value::MakeArray({token, ca, downward})}});
    }();
    return kProjection;
}

// DefaultTolerationSeconds: tolerate a node that is not ready, or unreachable, for 300 s unless
// the pod says otherwise.
void AddDefaultToleration(k8s::Cow<std::vector<k8s::Toleration>>& tolerations, const std::string& key) {
    for (const auto& t : *tolerations) {
        if ((t.key == key || (t.key.empty() && t.operator_ == "Exists")) &&
            (t.effect.empty() || t.effect == "NoExecute"))
            return;
    }
    k8s::Toleration t;
    t.key = key;
    t.operator_ = "Exists";
    t.effect = "NoExecute";
    t.toleration_seconds = 300;
    tolerations.Mut().push_back(t);
}

void AddDefaultTolerations(k8s::Cow<std::vector<k8s::Toleration>>& tolerations) {
    AddDefaultToleration(tolerations, "node.kubernetes.io/not-ready");
    AddDefaultToleration(tolerations, "node.kubernetes.io/unreachable");
}

// What a pod with no tolerations of its own ends with: one list, shared by all such pods.
const k8s::Cow<std::vector<k8s::Toleration>>& DefaultTolerations() {
    static const k8s::Cow<std::vector<k8s::Toleration>> kDefaults = [] {
        k8s::Cow<std::vector<k8s::Toleration>> tolerations;
        AddDefaultTolerations(tolerations);
        return tolerations;
    }();
    return kDefaults;
}

}  // namespace

void Admit(ApiServer& server, k8s::Pod& obj, const k8s::Pod* old) {
    if (old) return;  // these plugins only act on create
    auto& spec = obj.spec.Mut();
    if (spec.service_account_name.empty()) spec.service_account_name = "default";
    spec.service_account = spec.service_account_name;
    const bool automount = spec.automount_service_account_token.value_or(true);
    bool has_mount = false;
    for (const auto& c : spec.containers)
        for (const auto& m : c.volume_mounts) has_mount = has_mount || m.mount_path == kServiceAccountMountPath;
    if (automount && !has_mount) {
        k8s::Volume v;
        v.name = "kube-api-access-" + server.GenerateNameSuffix();
        v.projected = ServiceAccountProjection();
        spec.volumes.push_back(v);
        k8s::VolumeMount m;
        m.name = v.name;
        m.mount_path = kServiceAccountMountPath;
        m.read_only = true;
        for (auto& c : spec.init_containers) c.volume_mounts.push_back(m);
        for (auto& c : spec.containers) c.volume_mounts.push_back(m);
    }
    if (spec.tolerations->empty()) spec.tolerations = DefaultTolerations();
    else AddDefaultTolerations(spec.tolerations);
    if (!spec.priority) spec.priority = 0;
    if (!spec.preemption_policy) spec.preemption_policy = "PreemptLowerPriority";
}

void Admit(ApiServer& server, k8s::Service& obj, const k8s::Service* old) {
    auto& spec = obj.spec;
    if (old) {
        // ClusterIPs are allocated once; an update that omits them keeps the old ones.
        if (spec.cluster_ip.empty()) spec.cluster_ip = old->spec.cluster_ip;
        if (spec.cluster_ips.empty()) spec.cluster_ips = old->spec.cluster_ips;
        if (spec.ip_families.empty()) spec.ip_families = old->spec.ip_families;
        if (!spec.ip_family_policy) spec.ip_family_policy = old->spec.ip_family_policy;
        return;
    }
    if (spec.type == "ExternalName") return;
    if (spec.cluster_ip.empty() && !spec.cluster_ips.empty()) spec.cluster_ip = spec.cluster_ips[0];
    if (spec.cluster_ip.empty()) spec.cluster_ip = server.AllocateClusterIp();
    if (spec.cluster_ips.empty()) spec.cluster_ips = {spec.cluster_ip};
    if (spec.ip_families.empty()) spec.ip_families = {"IPv4"};
    if (!spec.ip_family_policy) spec.ip_family_policy = "SingleStack";
}

void Admit(ApiServer& server, k8s::PersistentVolumeClaim& obj, const k8s::PersistentVolumeClaim* old) {
    if (old) return;
    if (!obj.spec.storage_class_name) {
        // DefaultStorageClass: the (newest) class annotated as default.
        const k8s::StorageClass* chosen = nullptr;
        for (const auto& sc : server.storageclasses().List()) {
            if (sc->metadata.annotations.Get("storageclass.kubernetes.io/is-default-class") == "true") {
                if (!chosen || sc->metadata.creation_timestamp.ms >= chosen->metadata.creation_timestamp.ms)
                    chosen = sc.get();
            }
        }
        if (chosen) obj.spec.storage_class_name = chosen->metadata.name;
    }
    if (!obj.metadata.HasFinalizer("kubernetes.io/pvc-protection"))
        obj.metadata.finalizers.push_back("kubernetes.io/pvc-protection");
}

void Admit(ApiServer&, k8s::PersistentVolume& obj, const k8s::PersistentVolume* old) {
    if (old) return;
    if (!obj.metadata.HasFinalizer("kubernetes.io/pv-protection"))
        obj.metadata.finalizers.push_back("kubernetes.io/pv-protection");
}

}  // namespace sts::apiserver
