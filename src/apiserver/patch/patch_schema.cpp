// Builds the strategic-merge-patch schema (see patch_schema.h) once, from Reflect() and the
// struct-tag table below.
#include "apiserver/patch/patch_schema.h"

#include <optional>
#include <set>
#include <type_traits>
#include <vector>

#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/meta.h"
#include "k8s/storage_v1.h"

namespace sts::apiserver {

namespace {

// Tags as written in k8s.io/api: `patchStrategy:"merge" patchMergeKey:"name"`. `element` names
// the element type when our struct carries the field as raw JSON.
struct Tag {
    const char* type;
    const char* field;
    const char* strategy;
    const char* merge_key;
    const char* element;
};

constexpr Tag kTags[] = {
    // meta/v1 ObjectMeta
    {"v1.ObjectMeta", "finalizers", "merge", "", ""},
    {"v1.ObjectMeta", "ownerReferences", "merge", "uid", ""},
    // core/v1 PodSpec
    {"v1.PodSpec", "volumes", "merge,retainKeys", "name", ""},
    {"v1.PodSpec", "initContainers", "merge", "name", ""},
    {"v1.PodSpec", "containers", "merge", "name", ""},
    {"v1.PodSpec", "ephemeralContainers", "merge", "name", "v1.EphemeralContainer"},
    {"v1.PodSpec", "imagePullSecrets", "merge", "name", "v1.LocalObjectReference"},
    {"v1.PodSpec", "hostAliases", "merge", "ip", "v1.HostAlias"},
    {"v1.PodSpec", "topologySpreadConstraints", "merge", "topologyKey", "v1.TopologySpreadConstraint"},
    {"v1.PodSpec", "schedulingGates", "merge", "name", "v1.PodSchedulingGate"},
    {"v1.PodSpec", "resourceClaims", "merge,retainKeys", "name", "v1.PodResourceClaim"},
    // core/v1 Container (EphemeralContainer shares these)
    {"v1.Container", "ports", "merge", "containerPort", ""},
    {"v1.Container", "env", "merge", "name", ""},
    {"v1.Container", "volumeMounts", "merge", "mountPath", ""},
    {"v1.Container", "volumeDevices", "merge", "devicePath", "v1.VolumeDevice"},
    // core/v1 statuses and the rest
    {"v1.PodStatus", "conditions", "merge", "type", ""},
    {"v1.PodStatus", "podIPs", "merge", "ip", ""},
    {"v1.PodStatus", "hostIPs", "merge", "ip", ""},
    {"v1.ServiceSpec", "ports", "merge", "port", ""},
    {"v1.ServiceStatus", "conditions", "merge", "type", "v1.Condition"},
    {"v1.NodeSpec", "podCIDRs", "merge", "", ""},
    {"v1.NodeStatus", "conditions", "merge", "type", ""},
    {"v1.NodeStatus", "addresses", "merge", "type", ""},
    {"v1.NamespaceStatus", "conditions", "merge", "type", "v1.NamespaceCondition"},
    {"v1.PersistentVolumeClaimStatus", "conditions", "merge", "type", "v1.PersistentVolumeClaimCondition"},
    // apps/v1
    {"v1.StatefulSetStatus", "conditions", "merge", "type", ""},
};

template <class T>
struct Unwrap {
    using type = T;
    static constexpr bool list = false;
};
template <class T>
struct Unwrap<std::optional<T>> {
    using type = typename Unwrap<T>::type;
    static constexpr bool list = Unwrap<T>::list;
};
template <class T>
struct Unwrap<k8s::Cow<T>> {
    using type = typename Unwrap<T>::type;
    static constexpr bool list = Unwrap<T>::list;
};
template <class T>
struct Unwrap<std::vector<T>> {
    using type = typename Unwrap<T>::type;
    static constexpr bool list = true;
};

class Registry {
public:
    Registry() {
        Register<k8s::Pod>();
        Register<k8s::StatefulSet>();
        Register<k8s::ControllerRevision>();
        Register<k8s::Service>();
        Register<k8s::Endpoints>();
        Register<k8s::EndpointSlice>();
        Register<k8s::PersistentVolumeClaim>();
        Register<k8s::PersistentVolume>();
        Register<k8s::Node>();
        Register<k8s::Namespace>();
        Register<k8s::StorageClass>();
        Register<k8s::Event>();
        ApplyTags();
        // ControllerRevision.data is a runtime.RawExtension upstream.
        PatchType& raw = types_["runtime.RawExtension"];
        raw.name = "runtime.RawExtension";
        raw.raw_extension = true;
        types_["v1.ControllerRevision"].fields["data"].type = "runtime.RawExtension";
        // EphemeralContainerCommon repeats Container's fields and tags.
        PatchType eph = types_["v1.Container"];
        eph.name = "v1.EphemeralContainer";
        types_["v1.EphemeralContainer"] = eph;

        // autoscaling/v1 Scale, the scale subresource's body (no struct in src/k8s): its fields
        // are looked up as upstream's are, so a map or list under an unknown field fails as
        // "unable to find api field in struct ScaleSpec for the json field ...".
        PatchType& scale = types_["v1.Scale"];
        scale.name = "v1.Scale";
        scale.fields = {{"apiVersion", {}}, {"kind", {}}, {"metadata", {"v1.ObjectMeta"}},
                        {"spec", {"v1.ScaleSpec"}}, {"status", {"v1.ScaleStatus"}}};
        types_["v1.ScaleSpec"] = {"v1.ScaleSpec", false, {{"replicas", {}}}};
        types_["v1.ScaleStatus"] = {"v1.ScaleStatus", false, {{"replicas", {}}, {"selector", {}}}};

        kinds_ = {
            {"Scale", "v1.Scale"},
            {"Pod", "v1.Pod"},
            {"StatefulSet", "v1.StatefulSet"},
            {"ControllerRevision", "v1.ControllerRevision"},
            {"Service", "v1.Service"},
            {"Endpoints", "v1.Endpoints"},
            {"EndpointSlice", "v1.EndpointSlice"},
            {"PersistentVolumeClaim", "v1.PersistentVolumeClaim"},
            {"PersistentVolume", "v1.PersistentVolume"},
            {"Node", "v1.Node"},
            {"Namespace", "v1.Namespace"},
            {"StorageClass", "v1.StorageClass"},
            {"Event", "v1.Event"},
        };
    }

    const PatchType* Lookup(std::string_view name) const {
        auto it = types_.find(name);
        return it == types_.end() ? nullptr : &it->second;
    }
    const PatchType* ForKind(std::string_view kind) const {
        auto it = kinds_.find(kind);
        return it == kinds_.end() ? nullptr : Lookup(it->second);
    }

private:
    class FieldWalker {
    public:
        FieldWalker(Registry* registry, std::string type) : registry_(registry), type_(std::move(type)) {}
        template <class F>
        void operator()(std::string_view name, F&, unsigned = 0) {
            using U = typename Unwrap<F>::type;
            PatchField field;
            field.list = Unwrap<F>::list;
            if constexpr (k8s::IsReflected<U>::value) {
                field.type = U::kGoType;
                registry_->Register<U>();
            }
            // Two Go types can share a name (core/v1 and discovery/v1 EndpointPort); keep the union.
            registry_->types_[type_].fields.emplace(std::string(name), field);
        }

    private:
        Registry* registry_;
        std::string type_;
    };

    // A distinct address per C++ type (two types may share a Go name).
    template <class T>
    static const void* TypeKey() {
        static const char key = 0;
        return &key;
    }

    template <class T>
    void Register() {
        std::string name = T::kGoType;
        if (!visited_.insert(TypeKey<T>()).second) return;
        types_[name].name = name;
        T sample{};
        FieldWalker walker(this, name);
        sample.Reflect(walker);
    }

    void ApplyTags() {
        for (const Tag& tag : kTags) {
            PatchField& f = types_[tag.type].fields[tag.field];
            std::string_view strategy = tag.strategy;
            f.list = true;
            f.merge = strategy.find("merge") != std::string_view::npos;
            f.retain_keys = strategy.find("retainKeys") != std::string_view::npos;
            f.merge_key = tag.merge_key;
            // Element types we have no struct for stay opaque (no lookups, lists inside replace).
            if (*tag.element) f.type = tag.element;
        }
    }

    std::map<std::string, PatchType, std::less<>> types_;
    std::map<std::string, std::string, std::less<>> kinds_;
    std::set<const void*> visited_;
};

const Registry& GetRegistry() {
    static const Registry registry;
    return registry;
}

}  // namespace

const PatchType* LookupPatchType(std::string_view go_type) { return GetRegistry().Lookup(go_type); }

const PatchType* PatchTypeForKind(std::string_view kind) { return GetRegistry().ForKind(kind); }

}  // namespace sts::apiserver
