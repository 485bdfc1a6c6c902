// StatefulSet and ControllerRevision: apps/v1 defaulting (pkg/apis/apps/v1/defaults.go), the
// registry strategy (pkg/registry/apps/statefulset/strategy.go) and validation
// (pkg/apis/apps/validation/validation.go), with the API server's exact messages.
#include "apiserver/strategies/validation_util.h"
#include "core/strings.h"
#include "k8s/labels.h"

namespace sts::apiserver {

namespace {

// Go's %#v of a map[string]string, as printed in "Invalid value:" messages.
std::string GoMapLiteral(const StringMap& m) {
    std::string out = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : m) {
        if (!first) out += ", ";
        first = false;
        out += Quote(k) + ":" + Quote(v);
    }
    return out + "}";
}

std::string GoRollingUpdateLiteral(const k8s::RollingUpdateStatefulSetStrategy& ru) {
    std::string max_unavailable = "(*intstr.IntOrString)(nil)";
    if (ru.max_unavailable) {
        max_unavailable = ru.max_unavailable->is_string
                              ? "\"" + ru.max_unavailable->str_value + "\""
                              : std::to_string(ru.max_unavailable->int_value);
    }
    return "apps.RollingUpdateStatefulSetStrategy{Partition:" + std::to_string(ru.partition.value_or(0)) +
           ", MaxUnavailable:" + max_unavailable + "}";
}

void SetClaimTemplateDefaults(k8s::PersistentVolumeClaimTemplate& t) {
    if (t.api_version.empty()) t.api_version = "v1";
    if (t.kind.empty()) t.kind = "PersistentVolumeClaim";
    if (!t.spec.volume_mode) t.spec.volume_mode = "Filesystem";
    if (t.status.phase.empty()) t.status.phase = "Pending";
}

}  // namespace

void SetDefaults(k8s::StatefulSet& obj) {
    auto& spec = obj.spec;
    if (spec.pod_management_policy.empty()) spec.pod_management_policy = "OrderedReady";
    if (spec.update_strategy.type.empty()) {
        spec.update_strategy.type = "RollingUpdate";
        if (!spec.update_strategy.rolling_update) spec.update_strategy.rolling_update.emplace();
    }
    if (spec.update_strategy.type == "RollingUpdate" && spec.update_strategy.rolling_update) {
        if (!spec.update_strategy.rolling_update->partition) spec.update_strategy.rolling_update->partition = 0;
    }
    if (!spec.persistent_volume_claim_retention_policy) spec.persistent_volume_claim_retention_policy.emplace();
    auto& policy = *spec.persistent_volume_claim_retention_policy;
    if (policy.when_deleted.empty()) policy.when_deleted = "Retain";
    if (policy.when_scaled.empty()) policy.when_scaled = "Retain";
    if (!spec.replicas) spec.replicas = 1;
    if (!spec.revision_history_limit) spec.revision_history_limit = 10;
    SetPodSpecDefaults(spec.template_.spec);
    for (auto& t : spec.volume_claim_templates) SetClaimTemplateDefaults(t);
}

void PrepareForCreate(k8s::StatefulSet& obj) {
    obj.status = k8s::StatefulSetStatus{};
    obj.metadata.generation = 1;
    // The MaxUnavailableStatefulSet gate is off (as in 1.33): the field is dropped.
    if (obj.spec.update_strategy.rolling_update) obj.spec.update_strategy.rolling_update->max_unavailable.reset();
}

void PrepareForUpdate(k8s::StatefulSet& obj, const k8s::StatefulSet& old) {
    obj.status = old.status;
    const bool old_uses_max_unavailable =
        old.spec.update_strategy.rolling_update && old.spec.update_strategy.rolling_update->max_unavailable;
    if (obj.spec.update_strategy.rolling_update && !old_uses_max_unavailable)
        obj.spec.update_strategy.rolling_update->max_unavailable.reset();
    obj.metadata.generation = old.metadata.generation;
    if (!(obj.spec == old.spec)) obj.metadata.generation = old.metadata.generation + 1;
}

void PrepareForStatusUpdate(k8s::StatefulSet& obj, const k8s::StatefulSet& old) {
    k8s::StatefulSetStatus status = std::move(obj.status);
    obj = old;
    obj.status = std::move(status);
}

namespace {

FieldErrors ValidateStatefulSetSpec(const k8s::StatefulSetSpec& spec) {
    FieldErrors errs;
    const auto& policy = spec.pod_management_policy;
    if (policy.empty()) errs.push_back(Required("spec.podManagementPolicy", ""));
    else if (policy != "OrderedReady" && policy != "Parallel")
        errs.push_back(Invalid("spec.podManagementPolicy", Quote(policy), "must be 'OrderedReady' or 'Parallel'"));

    const auto& strategy = spec.update_strategy;
    if (strategy.type.empty()) {
        errs.push_back(Required("spec.updateStrategy", ""));
    } else if (strategy.type == "OnDelete") {
        if (strategy.rolling_update)
            errs.push_back(Invalid("spec.updateStrategy.rollingUpdate", GoRollingUpdateLiteral(*strategy.rolling_update),
                                   "only allowed for updateStrategy 'RollingUpdate'"));
    } else if (strategy.type == "RollingUpdate") {
        if (strategy.rolling_update) {
            CheckNonNegative(strategy.rolling_update->partition.value_or(0), "spec.updateStrategy.rollingUpdate.partition",
                             errs);
            if (const auto& mu = strategy.rolling_update->max_unavailable) {
                const std::string path = "spec.updateStrategy.rollingUpdate.maxUnavailable";
                if (mu->is_string) {
                    const std::string& s = mu->str_value;
                    int64_t pct = -1;
                    if (s.size() < 2 || s.back() != '%' || !ParseInt64(s.substr(0, s.size() - 1), &pct)) {
                        errs.push_back(Invalid(path, Quote(s), "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"));
                    } else if (pct == 0) {
                        errs.push_back(Invalid(path, Quote(s), "cannot be 0"));
                    } else if (pct > 100) {
                        errs.push_back(Invalid(path, Quote(s), "must not be greater than 100%"));
                    }
                } else if (mu->int_value < 0) {
                    errs.push_back(Invalid(path, std::to_string(mu->int_value), "must be greater than or equal to 0"));
                } else if (mu->int_value == 0) {
                    errs.push_back(Invalid(path, "0", "cannot be 0"));
                }
            }
        }
    } else {
        std::string ru = strategy.rolling_update ? "(*apps.RollingUpdateStatefulSetStrategy)(...)"
                                                 : "(*apps.RollingUpdateStatefulSetStrategy)(nil)";
        errs.push_back(Invalid("spec.updateStrategy",
                               "apps.StatefulSetUpdateStrategy{Type:" + Quote(strategy.type) + ", RollingUpdate:" + ru + "}",
                               "must be 'RollingUpdate' or 'OnDelete'"));
    }

    if (const auto& p = spec.persistent_volume_claim_retention_policy) {
        const std::vector<std::string> supported = {"\"Retain\"", "\"Delete\""};
        if (p->when_deleted != "Retain" && p->when_deleted != "Delete")
            errs.push_back(Unsupported("spec.persistentVolumeClaimRetentionPolicy.whenDeleted", Quote(p->when_deleted),
                                       supported));
        if (p->when_scaled != "Retain" && p->when_scaled != "Delete")
            errs.push_back(Unsupported("spec.persistentVolumeClaimRetentionPolicy.whenScaled", Quote(p->when_scaled),
                                       supported));
    }
    CheckNonNegative(spec.replicas.value_or(1), "spec.replicas", errs);
    CheckNonNegative(spec.min_ready_seconds, "spec.minReadySeconds", errs);
    if (spec.ordinals) CheckNonNegative(spec.ordinals->start, "spec.ordinals.start", errs);

    if (!spec.selector) {
        errs.push_back(Required("spec.selector", ""));
    } else {
        for (size_t i = 0; i < spec.selector->match_expressions.size(); ++i) {
            const auto& e = spec.selector->match_expressions[i];
            const std::string path = "spec.selector.matchExpressions[" + std::to_string(i) + "]";
            if (e.operator_ == "In" || e.operator_ == "NotIn") {
                if (e.values.empty())
                    errs.push_back(Required(path + ".values", "must be specified when `operator` is 'In' or 'NotIn'"));
            } else if (e.operator_ == "Exists" || e.operator_ == "DoesNotExist") {
                if (!e.values.empty())
                    errs.push_back(Forbidden(path + ".values", "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
            } else {
                errs.push_back(Invalid(path + ".operator", Quote(e.operator_), "not a valid selector operator"));
            }
        }
        for (const auto& [k, v] : spec.selector->match_labels) {
            for (const auto& d : k8s::ValidateLabelKey(k)) errs.push_back(Invalid("spec.selector.matchLabels", Quote(k), d));
            for (const auto& d : k8s::ValidateLabelValue(v)) errs.push_back(Invalid("spec.selector.matchLabels", Quote(v), d));
        }
        if (spec.selector->Empty()) {
            errs.push_back(Invalid("spec.selector",
                                   "v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}",
                                   "empty selector is invalid for statefulset"));
        } else if (!k8s::SelectorMatches(*spec.selector, spec.template_.metadata.labels)) {
            errs.push_back(Invalid("spec.template.metadata.labels", GoMapLiteral(spec.template_.metadata.labels),
                                   "`selector` does not match template `labels`"));
        }
    }
    for (const auto& [k, v] : spec.template_.metadata.labels) {
        for (const auto& d : k8s::ValidateLabelKey(k)) errs.push_back(Invalid("spec.template.metadata.labels", Quote(k), d));
        for (const auto& d : k8s::ValidateLabelValue(v)) errs.push_back(Invalid("spec.template.metadata.labels", Quote(v), d));
    }
    // Like upstream, the pod template's spec is not validated here (volumes would fail without
    // the claim templates); an invalid template surfaces later as FailedCreate events on the set.
    if (spec.template_.spec.restart_policy != "Always")
        errs.push_back(Unsupported("spec.template.spec.restartPolicy", Quote(spec.template_.spec.restart_policy),
                                   {"\"Always\""}));
    if (spec.template_.spec.active_deadline_seconds)
        errs.push_back(Forbidden("spec.template.spec.activeDeadlineSeconds",
                                 "activeDeadlineSeconds in StatefulSet is not Supported"));
    for (size_t i = 0; i < spec.volume_claim_templates.size(); ++i) {
        const auto& t = spec.volume_claim_templates[i];
        const std::string path = "spec.volumeClaimTemplates[" + std::to_string(i) + "]";
        if (t.metadata.name.empty()) errs.push_back(Required(path + ".metadata.name", ""));
        if (t.spec.access_modes.empty())
            errs.push_back(Required(path + ".spec.accessModes", "at least 1 access mode is required"));
        if (!t.spec.resources.requests.Has("storage"))
            errs.push_back(Required(path + ".spec.resources[storage]", ""));
    }
    return errs;
}

}  // namespace

FieldErrors ValidateCreate(const k8s::StatefulSet& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Label);
    Append(errs, ValidateStatefulSetSpec(obj.spec));
    return errs;
}

FieldErrors ValidateUpdate(const k8s::StatefulSet& obj, const k8s::StatefulSet& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    Append(errs, ValidateStatefulSetSpec(obj.spec));
    // Everything but the mutable fields must stay as it was.
    k8s::StatefulSetSpec a = obj.spec;
    const k8s::StatefulSetSpec& b = old.spec;
    a.replicas = b.replicas;
    a.ordinals = b.ordinals;
    a.template_ = b.template_;
    a.update_strategy = b.update_strategy;
    a.revision_history_limit = b.revision_history_limit;
    a.persistent_volume_claim_retention_policy = b.persistent_volume_claim_retention_policy;
    a.min_ready_seconds = b.min_ready_seconds;
    if (!(a == b)) {
        errs.push_back(Forbidden("spec",
                                 "updates to statefulset spec for fields other than 'replicas', 'ordinals', "
                                 "'template', 'updateStrategy', 'revisionHistoryLimit', "
                                 "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
    }
    return errs;
}

FieldErrors ValidateStatusUpdate(const k8s::StatefulSet& obj, const k8s::StatefulSet& old) {
    FieldErrors errs;
    const auto& s = obj.status;
    CheckNonNegative(s.replicas, "status.replicas", errs);
    CheckNonNegative(s.ready_replicas, "status.readyReplicas", errs);
    CheckNonNegative(s.current_replicas, "status.currentReplicas", errs);
    CheckNonNegative(s.updated_replicas, "status.updatedReplicas", errs);
    CheckNonNegative(s.available_replicas, "status.availableReplicas", errs);
    CheckNonNegative(s.observed_generation, "status.observedGeneration", errs);
    if (s.collision_count) CheckNonNegative(*s.collision_count, "status.collisionCount", errs);
    const std::string msg = "cannot be greater than status.replicas";
    if (s.ready_replicas > s.replicas)
        errs.push_back(Invalid("status.readyReplicas", std::to_string(s.ready_replicas), msg));
    if (s.current_replicas > s.replicas)
        errs.push_back(Invalid("status.currentReplicas", std::to_string(s.current_replicas), msg));
    if (s.updated_replicas > s.replicas)
        errs.push_back(Invalid("status.updatedReplicas", std::to_string(s.updated_replicas), msg));
    if (s.available_replicas > s.replicas)
        errs.push_back(Invalid("status.availableReplicas", std::to_string(s.available_replicas), msg));
    if (s.available_replicas > s.ready_replicas)
        errs.push_back(Invalid("status.availableReplicas", std::to_string(s.available_replicas),
                               "cannot be greater than status.readyReplicas"));
    if (old.status.collision_count && (!s.collision_count || *s.collision_count < *old.status.collision_count))
        errs.push_back(Invalid("status.collisionCount", std::to_string(s.collision_count.value_or(0)), "cannot be decremented"));
    Append(errs, ValidateObjectMetaUpdate(obj.metadata, old.metadata));
    return errs;
}

Warnings WarningsOnCreate(const k8s::StatefulSet& obj) {
    Warnings w;
    if (obj.spec.revision_history_limit && *obj.spec.revision_history_limit < 0)
        w.push_back("spec.revisionHistoryLimit: a negative value retains all historical revisions; a value >= 0 is recommended");
    return w;
}

Warnings WarningsOnUpdate(const k8s::StatefulSet& obj, const k8s::StatefulSet&) { return WarningsOnCreate(obj); }

// ---- ControllerRevision ------------------------------------------------------------------------

void SetDefaults(k8s::ControllerRevision&) {}
void PrepareForCreate(k8s::ControllerRevision&) {}
void PrepareForUpdate(k8s::ControllerRevision&, const k8s::ControllerRevision&) {}
void PrepareForStatusUpdate(k8s::ControllerRevision& obj, const k8s::ControllerRevision& old) { obj = old; }

FieldErrors ValidateCreate(const k8s::ControllerRevision& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Subdomain);
    if (obj.data.IsNull()) errs.push_back(Required("data", "data is mandatory"));
    CheckNonNegative(obj.revision, "revision", errs);
    return errs;
}

FieldErrors ValidateUpdate(const k8s::ControllerRevision& obj, const k8s::ControllerRevision& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    if (obj.data.IsNull()) errs.push_back(Required("data", "data is mandatory"));
    CheckNonNegative(obj.revision, "revision", errs);
    if (!(obj.data == old.data)) errs.push_back(Invalid("data", "runtime.RawExtension{...}", "field is immutable"));
    return errs;
}

FieldErrors ValidateStatusUpdate(const k8s::ControllerRevision&, const k8s::ControllerRevision&) { return {}; }
Warnings WarningsOnCreate(const k8s::ControllerRevision&) { return {}; }
Warnings WarningsOnUpdate(const k8s::ControllerRevision&, const k8s::ControllerRevision&) { return {}; }

}  // namespace sts::apiserver
