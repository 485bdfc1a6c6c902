// Strategies for the other served kinds: Service, Endpoints, EndpointSlice, Namespace, Node,
// PersistentVolumeClaim, PersistentVolume, StorageClass, Event (defaulting, registry strategy
// and validation from pkg/apis/{core,storage,discovery} and pkg/registry).
#include <algorithm>

#include "apiserver/strategies/validation_util.h"

namespace sts::apiserver {

namespace {

const std::vector<std::string> kAccessModes = {"\"ReadOnlyMany\"", "\"ReadWriteMany\"", "\"ReadWriteOnce\"",
                                               "\"ReadWriteOncePod\""};

void ValidateAccessModes(const std::vector<std::string>& modes, const std::string& path, FieldErrors& errs) {
    if (modes.empty()) errs.push_back(Required(path, "at least 1 access mode is required"));
    for (const auto& m : modes)
        if (std::find(kAccessModes.begin(), kAccessModes.end(), Quote(m)) == kAccessModes.end())
            errs.push_back(Unsupported(path, Quote(m), kAccessModes));
}

template <class T>
void KeepStatus(T& obj, const T& old) {
    obj.status = old.status;
}

template <class T>
void KeepAllButStatus(T& obj, const T& old) {
    auto status = std::move(obj.status);
    obj = old;
    obj.status = std::move(status);
}

}  // namespace

// ---- Service -------------------------------------------------------------------------------------

void SetDefaults(k8s::Service& obj) {
    auto& spec = obj.spec;
    if (spec.session_affinity.empty()) spec.session_affinity = "None";
    if (spec.session_affinity == "None") spec.session_affinity_config = Value();
    if (spec.type.empty()) spec.type = "ClusterIP";
    for (auto& p : spec.ports) {
        if (p.protocol.empty()) p.protocol = "TCP";
        if ((!p.target_port.is_string && p.target_port.int_value == 0) ||
            (p.target_port.is_string && p.target_port.str_value.empty()))
            p.target_port = k8s::IntOrString(p.port);
    }
    if (!spec.internal_traffic_policy &&
        (spec.type == "ClusterIP" || spec.type == "NodePort" || spec.type == "LoadBalancer"))
        spec.internal_traffic_policy = "Cluster";
    if ((spec.type == "NodePort" || spec.type == "LoadBalancer") && spec.external_traffic_policy.empty())
        spec.external_traffic_policy = "Cluster";
    if (spec.type == "LoadBalancer" && !spec.allocate_load_balancer_node_ports)
        spec.allocate_load_balancer_node_ports = true;
}

void PrepareForCreate(k8s::Service& obj) { obj.status = k8s::ServiceStatus{}; }
void PrepareForUpdate(k8s::Service& obj, const k8s::Service& old) { KeepStatus(obj, old); }
void PrepareForStatusUpdate(k8s::Service& obj, const k8s::Service& old) { KeepAllButStatus(obj, old); }

namespace {

FieldErrors ValidateServiceSpec(const k8s::Service& obj) {
    FieldErrors errs;
    const auto& spec = obj.spec;
    const std::vector<std::string> types = {"\"ClusterIP\"", "\"ExternalName\"", "\"LoadBalancer\"", "\"NodePort\""};
    if (std::find(types.begin(), types.end(), Quote(spec.type)) == types.end())
        errs.push_back(Unsupported("spec.type", Quote(spec.type), types));
    if (spec.type != "ExternalName" && spec.ports.empty() && !spec.IsHeadless())
        errs.push_back(Required("spec.ports", ""));
    std::vector<std::string> names;
    for (size_t i = 0; i < spec.ports.size(); ++i) {
        const auto& p = spec.ports[i];
        const std::string path = "spec.ports[" + std::to_string(i) + "]";
        if (spec.ports.size() > 1 && p.name.empty()) errs.push_back(Required(path + ".name", ""));
        if (!p.name.empty()) {
            for (const auto& d : IsDns1123Label(p.name)) errs.push_back(Invalid(path + ".name", Quote(p.name), d));
            if (std::find(names.begin(), names.end(), p.name) != names.end())
                errs.push_back(Duplicate(path + ".name", Quote(p.name)));
            names.push_back(p.name);
        }
        if (p.port < 1 || p.port > 65535)
            errs.push_back(Invalid(path + ".port", std::to_string(p.port), "must be between 1 and 65535, inclusive"));
        const std::vector<std::string> protocols = {"\"SCTP\"", "\"TCP\"", "\"UDP\""};
        if (std::find(protocols.begin(), protocols.end(), Quote(p.protocol)) == protocols.end())
            errs.push_back(Unsupported(path + ".protocol", Quote(p.protocol), protocols));
        if (!p.target_port.is_string && (p.target_port.int_value < 1 || p.target_port.int_value > 65535))
            errs.push_back(Invalid(path + ".targetPort", std::to_string(p.target_port.int_value),
                                   "must be between 1 and 65535, inclusive"));
    }
    const std::vector<std::string> affinities = {"\"ClientIP\"", "\"None\""};
    if (std::find(affinities.begin(), affinities.end(), Quote(spec.session_affinity)) == affinities.end())
        errs.push_back(Unsupported("spec.sessionAffinity", Quote(spec.session_affinity), affinities));
    if (spec.type == "ExternalName" && spec.external_name.empty())
        errs.push_back(Required("spec.externalName", ""));
    if (spec.IsHeadless() && spec.type != "ClusterIP")
        errs.push_back(Invalid("spec.clusterIPs[0]", Quote("None"), "may not be set to 'None' for " + spec.type + " services"));
    return errs;
}

}  // namespace

FieldErrors ValidateCreate(const k8s::Service& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1035Label);
    Append(errs, ValidateServiceSpec(obj));
    return errs;
}

FieldErrors ValidateUpdate(const k8s::Service& obj, const k8s::Service& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    Append(errs, ValidateServiceSpec(obj));
    if (!old.spec.cluster_ip.empty() && obj.spec.cluster_ip != old.spec.cluster_ip)
        errs.push_back(Invalid("spec.clusterIPs[0]", Quote(obj.spec.cluster_ip), "may not change once set"));
    return errs;
}

FieldErrors ValidateStatusUpdate(const k8s::Service& obj, const k8s::Service& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}
Warnings WarningsOnCreate(const k8s::Service&) { return {}; }
Warnings WarningsOnUpdate(const k8s::Service&, const k8s::Service&) { return {}; }

// ---- Endpoints ----------------------------------------------------------------------------------

void SetDefaults(k8s::Endpoints& obj) {
    for (auto& s : obj.subsets)
        for (auto& p : s.ports)
            if (p.protocol.empty()) p.protocol = "TCP";
}
void PrepareForCreate(k8s::Endpoints&) {}
void PrepareForUpdate(k8s::Endpoints&, const k8s::Endpoints&) {}
void PrepareForStatusUpdate(k8s::Endpoints& obj, const k8s::Endpoints& old) { obj = old; }
FieldErrors ValidateCreate(const k8s::Endpoints& obj) {
    return ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Subdomain);
}
FieldErrors ValidateUpdate(const k8s::Endpoints& obj, const k8s::Endpoints& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}
FieldErrors ValidateStatusUpdate(const k8s::Endpoints&, const k8s::Endpoints&) { return {}; }
Warnings WarningsOnCreate(const k8s::Endpoints&) {
    return {"v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice"};
}
Warnings WarningsOnUpdate(const k8s::Endpoints& obj, const k8s::Endpoints&) { return WarningsOnCreate(obj); }

// ---- EndpointSlice -------------------------------------------------------------------------------

void SetDefaults(k8s::EndpointSlice& obj) {
    for (auto& p : obj.ports) {
        if (!p.name) p.name = "";
        if (!p.protocol) p.protocol = "TCP";
    }
}
void PrepareForCreate(k8s::EndpointSlice& obj) { obj.metadata.generation = 1; }
void PrepareForUpdate(k8s::EndpointSlice& obj, const k8s::EndpointSlice& old) {
    obj.metadata.generation = old.metadata.generation;
    if (!(obj.endpoints == old.endpoints && obj.ports == old.ports && obj.address_type == old.address_type))
        obj.metadata.generation = old.metadata.generation + 1;
}
void PrepareForStatusUpdate(k8s::EndpointSlice& obj, const k8s::EndpointSlice& old) { obj = old; }
FieldErrors ValidateCreate(const k8s::EndpointSlice& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Subdomain);
    const std::vector<std::string> types = {"\"FQDN\"", "\"IPv4\"", "\"IPv6\""};
    if (std::find(types.begin(), types.end(), Quote(obj.address_type)) == types.end())
        errs.push_back(Unsupported("addressType", Quote(obj.address_type), types));
    return errs;
}
FieldErrors ValidateUpdate(const k8s::EndpointSlice& obj, const k8s::EndpointSlice& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    if (obj.address_type != old.address_type)
        errs.push_back(Invalid("addressType", Quote(obj.address_type), "field is immutable"));
    return errs;
}
FieldErrors ValidateStatusUpdate(const k8s::EndpointSlice&, const k8s::EndpointSlice&) { return {}; }
Warnings WarningsOnCreate(const k8s::EndpointSlice&) { return {}; }
Warnings WarningsOnUpdate(const k8s::EndpointSlice&, const k8s::EndpointSlice&) { return {}; }

// ---- Namespace ---------------------------------------------------------------------------------

void SetDefaults(k8s::Namespace& obj) {
    if (!obj.metadata.name.empty()) obj.metadata.labels.Set("kubernetes.io/metadata.name", obj.metadata.name);
    if (obj.status.phase.empty()) obj.status.phase = "Active";
}
void PrepareForCreate(k8s::Namespace& obj) {
    obj.status = k8s::NamespaceStatus{};
    obj.status.phase = "Active";
    if (obj.spec.finalizers.empty()) obj.spec.finalizers = {"kubernetes"};
}
void PrepareForUpdate(k8s::Namespace& obj, const k8s::Namespace& old) {
    KeepStatus(obj, old);
    obj.spec = old.spec;  // spec.finalizers change only through the finalize subresource
}
void PrepareForStatusUpdate(k8s::Namespace& obj, const k8s::Namespace& old) { KeepAllButStatus(obj, old); }
FieldErrors ValidateCreate(const k8s::Namespace& obj) {
    return ValidateMetaCommon(obj.metadata, false, NameRule::kDns1123Label);
}
FieldErrors ValidateUpdate(const k8s::Namespace& obj, const k8s::Namespace& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}
FieldErrors ValidateStatusUpdate(const k8s::Namespace&, const k8s::Namespace&) { return {}; }
Warnings WarningsOnCreate(const k8s::Namespace&) { return {}; }
Warnings WarningsOnUpdate(const k8s::Namespace&, const k8s::Namespace&) { return {}; }

// ---- Node --------------------------------------------------------------------------------------

void SetDefaults(k8s::Node& obj) {
    if (obj.status.allocatable.empty()) obj.status.allocatable = obj.status.capacity;
}
void PrepareForCreate(k8s::Node&) {}
void PrepareForUpdate(k8s::Node& obj, const k8s::Node& old) { KeepStatus(obj, old); }
void PrepareForStatusUpdate(k8s::Node& obj, const k8s::Node& old) { KeepAllButStatus(obj, old); }
FieldErrors ValidateCreate(const k8s::Node& obj) {
    return ValidateMetaCommon(obj.metadata, false, NameRule::kDns1123Subdomain);
}
FieldErrors ValidateUpdate(const k8s::Node& obj, const k8s::Node& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}
FieldErrors ValidateStatusUpdate(const k8s::Node&, const k8s::Node&) { return {}; }
Warnings WarningsOnCreate(const k8s::Node&) { return {}; }
Warnings WarningsOnUpdate(const k8s::Node&, const k8s::Node&) { return {}; }

// ---- PersistentVolumeClaim ------------------------------------------------------------------------

void SetDefaults(k8s::PersistentVolumeClaim& obj) {
    if (!obj.spec.volume_mode) obj.spec.volume_mode = "Filesystem";
    if (obj.status.phase.empty()) obj.status.phase = "Pending";
}
void PrepareForCreate(k8s::PersistentVolumeClaim& obj) {
    obj.status = k8s::PersistentVolumeClaimStatus{};
    obj.status.phase = "Pending";
}
void PrepareForUpdate(k8s::PersistentVolumeClaim& obj, const k8s::PersistentVolumeClaim& old) { KeepStatus(obj, old); }
void PrepareForStatusUpdate(k8s::PersistentVolumeClaim& obj, const k8s::PersistentVolumeClaim& old) {
    KeepAllButStatus(obj, old);
}

namespace {

FieldErrors ValidateClaimSpec(const k8s::PersistentVolumeClaimSpec& spec) {
    FieldErrors errs;
    ValidateAccessModes(spec.access_modes, "spec.accessModes", errs);
    if (!spec.resources.requests.Has("storage")) errs.push_back(Required("spec.resources[storage]", ""));
    if (spec.volume_mode && *spec.volume_mode != "Filesystem" && *spec.volume_mode != "Block")
        errs.push_back(Unsupported("spec.volumeMode", Quote(*spec.volume_mode), {"\"Block\"", "\"Filesystem\""}));
    if (spec.storage_class_name && !spec.storage_class_name->empty())
        for (const auto& d : IsDns1123Subdomain(*spec.storage_class_name))
            errs.push_back(Invalid("spec.storageClassName", Quote(*spec.storage_class_name), d));
    return errs;
}

}  // namespace

FieldErrors ValidateCreate(const k8s::PersistentVolumeClaim& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Subdomain);
    Append(errs, ValidateClaimSpec(obj.spec));
    return errs;
}

FieldErrors ValidateUpdate(const k8s::PersistentVolumeClaim& obj, const k8s::PersistentVolumeClaim& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    Append(errs, ValidateClaimSpec(obj.spec));
    k8s::PersistentVolumeClaimSpec a = obj.spec;
    const auto& b = old.spec;
    a.resources = b.resources;
    a.volume_attributes_class_name = b.volume_attributes_class_name;
    if (b.volume_name.empty()) a.volume_name = b.volume_name;  // binding sets it once
    if (!b.storage_class_name) a.storage_class_name = b.storage_class_name;
    if (!(a == b)) {
        errs.push_back(Forbidden("spec",
                                 "spec is immutable after creation except resources.requests and "
                                 "volumeAttributesClassName for bound claims"));
    }
    return errs;
}

FieldErrors ValidateStatusUpdate(const k8s::PersistentVolumeClaim&, const k8s::PersistentVolumeClaim&) { return {}; }
Warnings WarningsOnCreate(const k8s::PersistentVolumeClaim&) { return {}; }
Warnings WarningsOnUpdate(const k8s::PersistentVolumeClaim&, const k8s::PersistentVolumeClaim&) { return {}; }

// ---- PersistentVolume ----------------------------------------------------------------------------

void SetDefaults(k8s::PersistentVolume& obj) {
    if (obj.status.phase.empty()) obj.status.phase = "Pending";
    if (obj.spec.persistent_volume_reclaim_policy.empty()) obj.spec.persistent_volume_reclaim_policy = "Retain";
    if (!obj.spec.volume_mode) obj.spec.volume_mode = "Filesystem";
    if (obj.spec.host_path && !obj.spec.host_path->type) obj.spec.host_path->type = "";
}
void PrepareForCreate(k8s::PersistentVolume& obj) {
    obj.status = k8s::PersistentVolumeStatus{};
    obj.status.phase = "Pending";
}
void PrepareForUpdate(k8s::PersistentVolume& obj, const k8s::PersistentVolume& old) { KeepStatus(obj, old); }
void PrepareForStatusUpdate(k8s::PersistentVolume& obj, const k8s::PersistentVolume& old) { KeepAllButStatus(obj, old); }

namespace {

FieldErrors ValidatePvSpec(const k8s::PersistentVolume& obj) {
    FieldErrors errs;
    ValidateAccessModes(obj.spec.access_modes, "spec.accessModes", errs);
    if (!obj.spec.capacity.Has("storage")) errs.push_back(Required("spec.capacity", ""));
    const std::vector<std::string> policies = {"\"Delete\"", "\"Recycle\"", "\"Retain\""};
    if (std::find(policies.begin(), policies.end(), Quote(obj.spec.persistent_volume_reclaim_policy)) == policies.end())
        errs.push_back(Unsupported("spec.persistentVolumeReclaimPolicy", Quote(obj.spec.persistent_volume_reclaim_policy),
                                   policies));
    const bool has_source = obj.spec.host_path || !obj.spec.local.IsNull() || !obj.spec.nfs.IsNull() || !obj.spec.csi.IsNull();
    if (!has_source) errs.push_back(Required("spec", "must specify a volume type"));
    return errs;
}

}  // namespace

FieldErrors ValidateCreate(const k8s::PersistentVolume& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, false, NameRule::kDns1123Subdomain);
    Append(errs, ValidatePvSpec(obj));
    return errs;
}
FieldErrors ValidateUpdate(const k8s::PersistentVolume& obj, const k8s::PersistentVolume& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    Append(errs, ValidatePvSpec(obj));
    return errs;
}
FieldErrors ValidateStatusUpdate(const k8s::PersistentVolume&, const k8s::PersistentVolume&) { return {}; }
Warnings WarningsOnCreate(const k8s::PersistentVolume&) { return {}; }
Warnings WarningsOnUpdate(const k8s::PersistentVolume&, const k8s::PersistentVolume&) { return {}; }

// ---- StorageClass --------------------------------------------------------------------------------

void SetDefaults(k8s::StorageClass& obj) {
    if (!obj.reclaim_policy) obj.reclaim_policy = "Delete";
    if (!obj.volume_binding_mode) obj.volume_binding_mode = "Immediate";
}
void PrepareForCreate(k8s::StorageClass&) {}
void PrepareForUpdate(k8s::StorageClass&, const k8s::StorageClass&) {}
void PrepareForStatusUpdate(k8s::StorageClass& obj, const k8s::StorageClass& old) { obj = old; }
FieldErrors ValidateCreate(const k8s::StorageClass& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, false, NameRule::kDns1123Subdomain);
    if (obj.provisioner.empty()) errs.push_back(Required("provisioner", ""));
    const std::string& mode = obj.volume_binding_mode.value_or("");
    if (mode != "Immediate" && mode != "WaitForFirstConsumer")
        errs.push_back(Unsupported("volumeBindingMode", Quote(mode), {"\"Immediate\"", "\"WaitForFirstConsumer\""}));
    const std::string& reclaim = obj.reclaim_policy.value_or("");
    if (reclaim != "Delete" && reclaim != "Retain")
        errs.push_back(Unsupported("reclaimPolicy", Quote(reclaim), {"\"Delete\"", "\"Retain\""}));
    return errs;
}
FieldErrors ValidateUpdate(const k8s::StorageClass& obj, const k8s::StorageClass& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    if (obj.parameters != old.parameters) errs.push_back(Forbidden("parameters", "updates to parameters are forbidden."));
    if (obj.provisioner != old.provisioner) errs.push_back(Forbidden("provisioner", "updates to provisioner are forbidden."));
    if (obj.reclaim_policy != old.reclaim_policy)
        errs.push_back(Forbidden("reclaimPolicy", "updates to reclaimPolicy are forbidden."));
    if (obj.volume_binding_mode != old.volume_binding_mode)
        errs.push_back(Invalid("volumeBindingMode", Quote(obj.volume_binding_mode.value_or("")), "field is immutable"));
    return errs;
}
FieldErrors ValidateStatusUpdate(const k8s::StorageClass&, const k8s::StorageClass&) { return {}; }
Warnings WarningsOnCreate(const k8s::StorageClass&) { return {}; }
Warnings WarningsOnUpdate(const k8s::StorageClass&, const k8s::StorageClass&) { return {}; }

// ---- Event ---------------------------------------------------------------------------------------

void SetDefaults(k8s::Event&) {}
void PrepareForCreate(k8s::Event&) {}
void PrepareForUpdate(k8s::Event&, const k8s::Event&) {}
void PrepareForStatusUpdate(k8s::Event& obj, const k8s::Event& old) { obj = old; }
FieldErrors ValidateCreate(const k8s::Event& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kPathSegment);
    if (!obj.involved_object.namespace_.empty() && obj.involved_object.namespace_ != obj.metadata.namespace_)
        errs.push_back(Invalid("involvedObject.namespace", Quote(obj.involved_object.namespace_),
                               "does not match event.namespace"));
    return errs;
}
FieldErrors ValidateUpdate(const k8s::Event& obj, const k8s::Event& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}
FieldErrors ValidateStatusUpdate(const k8s::Event&, const k8s::Event&) { return {}; }
Warnings WarningsOnCreate(const k8s::Event&) { return {}; }
Warnings WarningsOnUpdate(const k8s::Event&, const k8s::Event&) { return {}; }

}  // namespace sts::apiserver
