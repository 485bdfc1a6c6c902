// metav1 types shared by every kind: ObjectMeta, OwnerReference, LabelSelector.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "k8s/reflect.h"

namespace sts::k8s {

struct OwnerReference {
    static constexpr const char* kGoType = "v1.OwnerReference";
    bool operator==(const OwnerReference&) const = default;
    std::string api_version;
    std::string kind;
    std::string name;
    std::string uid;
    std::optional<bool> controller;
    std::optional<bool> block_owner_deletion;

    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version);
        v("kind", kind);
        v("name", name);
        v("uid", uid);
        v("controller", controller, kOmitEmpty);
        v("blockOwnerDeletion", block_owner_deletion, kOmitEmpty);
    }
    bool IsController() const { return controller.value_or(false); }
};

struct ObjectMeta {
    static constexpr const char* kGoType = "v1.ObjectMeta";
    bool operator==(const ObjectMeta&) const = default;
    std::string name;
    std::string generate_name;
    std::string namespace_;
    std::string uid;
    std::string resource_version;
    int64_t generation = 0;
    Timestamp creation_timestamp;
    std::optional<Timestamp> deletion_timestamp;
    std::optional<int64_t> deletion_grace_period_seconds;
    StringMap labels;
    StringMap annotations;
    std::vector<OwnerReference> owner_references;
    std::vector<std::string> finalizers;
    Raw managed_fields;  // accepted on input, never produced

    template <class V>
    void Reflect(V& v) {
        v("name", name, kOmitEmpty);
        v("generateName", generate_name, kOmitEmpty);
        v("namespace", namespace_, kOmitEmpty);
        v("uid", uid, kOmitEmpty);
        v("resourceVersion", resource_version, kOmitEmpty);
        v("generation", generation, kOmitEmpty);
        v("creationTimestamp", creation_timestamp);
        v("deletionTimestamp", deletion_timestamp, kOmitEmpty);
        v("deletionGracePeriodSeconds", deletion_grace_period_seconds, kOmitEmpty);
        v("labels", labels, kOmitEmpty);
        v("annotations", annotations, kOmitEmpty);
        v("ownerReferences", owner_references, kOmitEmpty);
        v("finalizers", finalizers, kOmitEmpty);
        v("managedFields", managed_fields, kOmitEmpty);
    }

    bool IsTerminating() const { return deletion_timestamp.has_value(); }
    // The owner reference with controller: true, or nullptr.
    const OwnerReference* ControllerRef() const {
        for (const auto& ref : owner_references)
            if (ref.IsController()) return &ref;
        return nullptr;
    }
    bool HasFinalizer(std::string_view f) const {
        for (const auto& x : finalizers)
            if (x == f) return true;
        return false;
    }
};

struct LabelSelectorRequirement {
    static constexpr const char* kGoType = "v1.LabelSelectorRequirement";
    bool operator==(const LabelSelectorRequirement&) const = default;
    std::string key;
    std::string operator_;  // In, NotIn, Exists, DoesNotExist
    std::vector<std::string> values;

    template <class V>
    void Reflect(V& v) {
        v("key", key);
        v("operator", operator_);
        v("values", values, kOmitEmpty);
    }
};

struct LabelSelector {
    static constexpr const char* kGoType = "v1.LabelSelector";
    bool operator==(const LabelSelector&) const = default;
    StringMap match_labels;
    std::vector<LabelSelectorRequirement> match_expressions;

    template <class V>
    void Reflect(V& v) {
        v("matchLabels", match_labels, kOmitEmpty);
        v("matchExpressions", match_expressions, kOmitEmpty);
    }
    bool Empty() const { return match_labels.empty() && match_expressions.empty(); }
};

// True when the selector selects these labels (an empty selector selects everything).
bool SelectorMatches(const LabelSelector& selector, const StringMap& labels);
// A map selector (Service.spec.selector): every pair must match; empty selects nothing.
bool MapSelectorMatches(const StringMap& selector, const StringMap& labels);
// "app=nginx,tier in (web)" as kubectl describe prints it.
std::string SelectorString(const LabelSelector& selector);

}  // namespace sts::k8s
