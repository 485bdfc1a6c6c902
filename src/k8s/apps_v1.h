// apps/v1 kinds: StatefulSet and ControllerRevision (k8s.io/api/apps/v1).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "k8s/core_v1.h"

namespace sts::k8s {

struct RollingUpdateStatefulSetStrategy {
    static constexpr const char* kGoType = "v1.RollingUpdateStatefulSetStrategy";
    bool operator==(const RollingUpdateStatefulSetStrategy&) const = default;
    std::optional<int32_t> partition;
    std::optional<IntOrString> max_unavailable;
    template <class V>
    void Reflect(V& v) {
        v("partition", partition, kOmitEmpty);
        v("maxUnavailable", max_unavailable, kOmitEmpty);
    }
};

struct StatefulSetUpdateStrategy {
    static constexpr const char* kGoType = "v1.StatefulSetUpdateStrategy";
    bool operator==(const StatefulSetUpdateStrategy&) const = default;
    std::string type;
    std::optional<RollingUpdateStatefulSetStrategy> rolling_update;
    template <class V>
    void Reflect(V& v) {
        v("type", type, kOmitEmpty);
        v("rollingUpdate", rolling_update, kOmitEmpty);
    }
};

struct StatefulSetPersistentVolumeClaimRetentionPolicy {
    static constexpr const char* kGoType = "v1.StatefulSetPersistentVolumeClaimRetentionPolicy";
    bool operator==(const StatefulSetPersistentVolumeClaimRetentionPolicy&) const = default;
    std::string when_deleted;
    std::string when_scaled;
    template <class V>
    void Reflect(V& v) {
        v("whenDeleted", when_deleted, kOmitEmpty);
        v("whenScaled", when_scaled, kOmitEmpty);
    }
};

struct StatefulSetOrdinals {
    static constexpr const char* kGoType = "v1.StatefulSetOrdinals";
    bool operator==(const StatefulSetOrdinals&) const = default;
    int32_t start = 0;
    template <class V>
    void Reflect(V& v) {
        v("start", start, kOmitEmpty);
    }
};

// A volumeClaimTemplate is a PersistentVolumeClaim without a kind.
struct PersistentVolumeClaimTemplate {
    static constexpr const char* kGoType = "v1.PersistentVolumeClaim";
    bool operator==(const PersistentVolumeClaimTemplate&) const = default;
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

struct StatefulSetSpec {
    static constexpr const char* kGoType = "v1.StatefulSetSpec";
    bool operator==(const StatefulSetSpec&) const = default;
    std::optional<int32_t> replicas;
    std::optional<LabelSelector> selector;
    PodTemplateSpec template_;
    std::vector<PersistentVolumeClaimTemplate> volume_claim_templates;
    std::string service_name;
    std::string pod_management_policy;
    StatefulSetUpdateStrategy update_strategy;
    std::optional<int32_t> revision_history_limit;
    int32_t min_ready_seconds = 0;
    std::optional<StatefulSetPersistentVolumeClaimRetentionPolicy> persistent_volume_claim_retention_policy;
    std::optional<StatefulSetOrdinals> ordinals;
    template <class V>
    void Reflect(V& v) {
        v("replicas", replicas, kOmitEmpty);
        v("selector", selector, kOmitEmpty);
        v("template", template_);
        v("volumeClaimTemplates", volume_claim_templates, kOmitEmpty);
        v("serviceName", service_name, kOmitEmpty);
        v("podManagementPolicy", pod_management_policy, kOmitEmpty);
        v("updateStrategy", update_strategy, kOmitEmpty);
        v("revisionHistoryLimit", revision_history_limit, kOmitEmpty);
        v("minReadySeconds", min_ready_seconds, kOmitEmpty);
        v("persistentVolumeClaimRetentionPolicy", persistent_volume_claim_retention_policy, kOmitEmpty);
        v("ordinals", ordinals, kOmitEmpty);
    }
};

struct StatefulSetCondition {
    static constexpr const char* kGoType = "v1.StatefulSetCondition";
    bool operator==(const StatefulSetCondition&) const = default;
    std::string type;
    std::string status;
    Timestamp last_transition_time;
    std::string reason;
    std::string message;
    template <class V>
    void Reflect(V& v) {
        v("type", type);
        v("status", status);
        v("lastTransitionTime", last_transition_time, kOmitEmpty);
        v("reason", reason, kOmitEmpty);
        v("message", message, kOmitEmpty);
    }
};

struct StatefulSetStatus {
    static constexpr const char* kGoType = "v1.StatefulSetStatus";
    bool operator==(const StatefulSetStatus&) const = default;
    int64_t observed_generation = 0;
    int32_t replicas = 0;
    int32_t ready_replicas = 0;
    int32_t current_replicas = 0;
    int32_t updated_replicas = 0;
    std::string current_revision;
    std::string update_revision;
    std::optional<int32_t> collision_count;
    std::vector<StatefulSetCondition> conditions;
    int32_t available_replicas = 0;
    template <class V>
    void Reflect(V& v) {
        v("observedGeneration", observed_generation, kOmitEmpty);
        v("replicas", replicas);
        v("readyReplicas", ready_replicas, kOmitEmpty);
        v("currentReplicas", current_replicas, kOmitEmpty);
        v("updatedReplicas", updated_replicas, kOmitEmpty);
        v("currentRevision", current_revision, kOmitEmpty);
        v("updateRevision", update_revision, kOmitEmpty);
        v("collisionCount", collision_count, kOmitEmpty);
        v("conditions", conditions, kOmitEmpty);
        v("availableReplicas", available_replicas);
    }
};

struct StatefulSet {
    static constexpr const char* kGoType = "v1.StatefulSet";
    bool operator==(const StatefulSet&) const = default;
    static constexpr const char* kKind = "StatefulSet";
    static constexpr const char* kApiVersion = "apps/v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    StatefulSetSpec spec;
    StatefulSetStatus status;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("spec", spec);
        v("status", status);
    }
};

struct ControllerRevision {
    static constexpr const char* kGoType = "v1.ControllerRevision";
    bool operator==(const ControllerRevision&) const = default;
    static constexpr const char* kKind = "ControllerRevision";
    static constexpr const char* kApiVersion = "apps/v1";
    std::string api_version;
    std::string kind;
    ObjectMeta metadata;
    Raw data;
    int64_t revision = 0;
    template <class V>
    void Reflect(V& v) {
        v("apiVersion", api_version, kOmitEmpty);
        v("kind", kind, kOmitEmpty);
        v("metadata", metadata);
        v("data", data, kOmitEmpty);
        v("revision", revision);
    }
};

}  // namespace sts::k8s
