#include "apiserver/resources.h"

#include "core/strings.h"

namespace sts::apiserver {

const std::vector<client::ResourceInfo>& ServedResources() {
    static const std::vector<client::ResourceInfo> kResources = {
        {"Pod", "", "v1", "pods", "pod", {"po"}, true},
        {"Service", "", "v1", "services", "service", {"svc"}, true},
        {"Endpoints", "", "v1", "endpoints", "endpoints", {"ep"}, true},
        {"Namespace", "", "v1", "namespaces", "namespace", {"ns"}, false},
        {"Node", "", "v1", "nodes", "node", {"no"}, false},
        {"PersistentVolumeClaim", "", "v1", "persistentvolumeclaims", "persistentvolumeclaim", {"pvc"}, true},
        {"PersistentVolume", "", "v1", "persistentvolumes", "persistentvolume", {"pv"}, false},
        {"Event", "", "v1", "events", "event", {"ev"}, true},
        {"StatefulSet", "apps", "v1", "statefulsets", "statefulset", {"sts"}, true},
        {"ControllerRevision", "apps", "v1", "controllerrevisions", "controllerrevision", {}, true},
        {"StorageClass", "storage.k8s.io", "v1", "storageclasses", "storageclass", {"sc"}, false},
        {"EndpointSlice", "discovery.k8s.io", "v1", "endpointslices", "endpointslice", {}, true},
        // Served from probes, without a store: see ApiServer's generic verbs.
        {"ComponentStatus", "", "v1", "componentstatuses", "componentstatus", {"cs"}, false, true},
    };
    return kResources;
}

const client::ResourceInfo* ResourceForKind(std::string_view kind) {
    for (const auto& r : ServedResources())
        if (r.kind == kind) return &r;
    return nullptr;
}

const client::ResourceInfo* ResolveResource(std::string_view name) {
    std::string lower = ToLower(name);
    std::string group;
    size_t dot = lower.find('.');
    if (dot != std::string::npos) {
        group = lower.substr(dot + 1);
        lower = lower.substr(0, dot);
    }
    for (const auto& r : ServedResources()) {
        if (dot != std::string::npos && r.group != group) continue;
        if (lower == r.resource || lower == r.singular || lower == ToLower(r.kind)) return &r;
        for (const auto& s : r.short_names)
            if (lower == s) return &r;
    }
    return nullptr;
}

}  // namespace sts::apiserver
