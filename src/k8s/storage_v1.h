// storage.k8s.io/v1 StorageClass and discovery.k8s.io/v1 EndpointSlice.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "k8s/core_v1.h"
#include "k8s/cow.h"

namespace sts::k8s {

struct StorageClass {
    static constexpr const char* kGoType = "v1.StorageClass";
    bool operator==(const StorageClass&) const = default;
    static constexpr const char* kKind = "StorageClass";
    static constexpr const char* kApiVersion = "storage.k8s.io/v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    std::string provisioner;
    StringMap parameters;
    std::optional<std::string> reclaim_policy;
    std::vector<std::string> mount_options;
    std::optional<bool> allow_volume_expansion;
    std::optional<std::string> volume_binding_mode;
    Raw allowed_topologies;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("provisioner", provisioner);
        v("parameters", parameters, kOmitEmpty);
        v("reclaimPolicy", reclaim_policy, kOmitEmpty);
        v("mountOptions", mount_options, kOmitEmpty);
        v("allowVolumeExpansion", allow_volume_expansion, kOmitEmpty);
        v("volumeBindingMode", volume_binding_mode, kOmitEmpty);
        v("allowedTopologies", allowed_topologies, kOmitEmpty);
    }
};

struct EndpointConditions {
    static constexpr const char* kGoType = "v1.EndpointConditions";
    bool operator==(const EndpointConditions&) const = default;
    std::optional<bool> ready;
    std::optional<bool> serving;
    std::optional<bool> terminating;
    template <class V>
    void Reflect(V& v) {
        v("ready", ready, kOmitEmpty);
        v("serving", serving, kOmitEmpty);
        v("terminating", terminating, kOmitEmpty);
    }
};

struct SliceEndpoint {
    static constexpr const char* kGoType = "v1.Endpoint";
    bool operator==(const SliceEndpoint&) const = default;
    std::vector<std::string> addresses;
    EndpointConditions conditions;
    std::optional<std::string> hostname;
    std::optional<ObjectReference> target_ref;
    std::optional<std::string> node_name;
    std::optional<std::string> zone;
    Raw hints;
    template <class V>
    void Reflect(V& v) {
        v("addresses", addresses);
        v("conditions", conditions, kOmitEmpty);
        v("hostname", hostname, kOmitEmpty);
        v("targetRef", target_ref, kOmitEmpty);
        v("nodeName", node_name, kOmitEmpty);
        v("zone", zone, kOmitEmpty);
        v("hints", hints, kOmitEmpty);
    }
};

struct SlicePort {
    static constexpr const char* kGoType = "v1.EndpointPort";
    bool operator==(const SlicePort&) const = default;
    std::optional<std::string> name;
    std::optional<std::string> protocol;
    std::optional<int32_t> port;
    std::optional<std::string> app_protocol;
    template <class V>
    void Reflect(V& v) {
        v("name", name, kOmitEmpty);
        v("protocol", protocol, kOmitEmpty);
        v("port", port, kOmitEmpty);
        v("appProtocol", app_protocol, kOmitEmpty);
    }
};

struct EndpointSlice {
    static constexpr const char* kGoType = "v1.EndpointSlice";
    bool operator==(const EndpointSlice&) const = default;
    static constexpr const char* kKind = "EndpointSlice";
    static constexpr const char* kApiVersion = "discovery.k8s.io/v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    std::string address_type;
    // Shared, not copied: the EndpointSlice controller keeps each pod's endpoint and puts the
    // same one in every slice it writes until the pod changes.
    std::vector<Cow<SliceEndpoint>> endpoints;
    std::vector<SlicePort> ports;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("addressType", address_type);
        v("endpoints", endpoints);
        v("ports", ports);
    }
};

}  // namespace sts::k8s
