// Strategic-merge-patch metadata for our API types: which fields are lists, which Go struct a
// field leads to, and the `patchStrategy` / `patchMergeKey` struct tags of k8s.io/api 1.33.
//
// The field -> struct structure comes from the Reflect() visitors of src/k8s/*.h (so it never
// disagrees with encoding); the tags come from a hand table transcribed from k8s.io/api
// (core/v1, apps/v1, meta/v1 types.go) and checked against `kubectl patch --local`. Fields the
// engine carries as raw JSON but that hold lists with merge keys upstream (ephemeralContainers,
// imagePullSecrets, hostAliases, ...) get their element type from the table too. Notably absent,
// as upstream: tolerations, readinessGates, volumeClaimTemplates, container command/args/envFrom
// (replaced whole), and any retainKeys on StatefulSet.spec.updateStrategy.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace sts::apiserver {

struct PatchField {
    std::string type;          // Go struct reached through the field (list element type for lists); "" unknown
    bool list = false;
    bool merge = false;        // patchStrategy includes "merge"
    bool retain_keys = false;  // patchStrategy includes "retainKeys" (clients send $retainKeys)
    bool replace = false;      // patchStrategy "replace" (maps replaced whole)
    std::string merge_key;     // patchMergeKey
};

struct PatchType {
    std::string name;            // "v1.PodSpec"
    bool raw_extension = false;  // runtime.RawExtension: no field can be looked up in it
    std::map<std::string, PatchField, std::less<>> fields;
    const PatchField* Find(std::string_view field) const {
        auto it = fields.find(field);
        return it == fields.end() ? nullptr : &it->second;
    }
};

// The type by Go name ("v1.PodSpec"), or nullptr.
const PatchType* LookupPatchType(std::string_view go_type);

// The top-level type of a kind ("StatefulSet" -> v1.StatefulSet), or nullptr for kinds without
// a schema.
const PatchType* PatchTypeForKind(std::string_view kind);

}  // namespace sts::apiserver
