// Pure helpers of the StatefulSet controller.
// Mirrors kubernetes pkg/controller/statefulset/stateful_set_utils.go (Kubernetes 1.33).
#include "controllers/statefulset/utils.h"

#include <algorithm>
#include <set>

#include "core/strings.h"

namespace sts::controllers::statefulset {

// ---------------------------------------------------------------------------------------------
// [SECTION] Errors

Error Error::FromApi(const client::ApiError& e) {
    Error out;
    if (e.ok()) return out;
    auto detail = std::make_shared<Detail>();
    detail->message = e.message;
    if (!e.reason.empty()) detail->reasons.push_back(e.reason);
    out.detail_ = std::move(detail);
    return out;
}

Error Error::Message(std::string message, std::string reason) {
    Error out;
    auto detail = std::make_shared<Detail>();
    detail->message = std::move(message);
    if (!reason.empty()) detail->reasons.push_back(std::move(reason));
    out.detail_ = std::move(detail);
    return out;
}

const std::string& Error::message() const {
    static const std::string kNone;
    return detail_ ? detail_->message : kNone;
}

bool Error::Has(std::string_view reason) const {
    return detail_ && std::find(detail_->reasons.begin(), detail_->reasons.end(), reason) != detail_->reasons.end();
}

Error Error::Aggregate(const std::vector<Error>& errors) {
    Error out;
    std::vector<std::string> messages;
    std::set<std::string> seen;
    std::shared_ptr<Detail> detail;
    for (const auto& e : errors) {
        if (!e) continue;
        if (!detail) detail = std::make_shared<Detail>();
        detail->reasons.insert(detail->reasons.end(), e.detail_->reasons.begin(), e.detail_->reasons.end());
        if (seen.insert(e.detail_->message).second) messages.push_back(e.detail_->message);
    }
    if (!detail) return out;
    detail->message = messages.size() == 1 ? messages[0] : "[" + Join(messages, ", ") + "]";
    out.detail_ = std::move(detail);
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Names and ordinals

namespace {

bool AllDigits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

std::pair<std::string, int> GetParentNameAndOrdinal(std::string_view pod_name) {
    const k8s::OrdinalName parsed = k8s::ParseOrdinalName(pod_name);
    return {std::string(parsed.parent), parsed.ordinal};
}

std::string GetParentName(const k8s::Pod& pod) { return GetParentNameAndOrdinal(pod.metadata.name).first; }
// The pod's summary has the name parsed: the controller asks this of every pod at every sync.
int GetOrdinal(const k8s::Pod& pod) { return pod.Summary().ordinal; }

namespace {

std::string_view ParentOf(const k8s::Pod& pod, const k8s::PodSummary& summary) {
    return std::string_view(pod.metadata.name).substr(0, summary.parent_size);
}

}  // namespace

int GetStartOrdinal(const k8s::StatefulSet& set) { return set.spec.ordinals ? set.spec.ordinals->start : 0; }
int32_t GetReplicas(const k8s::StatefulSet& set) { return set.spec.replicas.value_or(1); }
int GetEndOrdinal(const k8s::StatefulSet& set) { return GetStartOrdinal(set) + GetReplicas(set) - 1; }

bool PodInOrdinalRange(const k8s::Pod& pod, const k8s::StatefulSet& set) {
    const int ordinal = GetOrdinal(pod);
    return ordinal >= GetStartOrdinal(set) && ordinal <= GetEndOrdinal(set);
}

std::string GetPodName(const k8s::StatefulSet& set, int ordinal) {
    return set.metadata.name + "-" + std::to_string(ordinal);
}

std::string GetPersistentVolumeClaimName(const k8s::StatefulSet& set, const std::string& template_name, int ordinal) {
    return template_name + "-" + set.metadata.name + "-" + std::to_string(ordinal);
}

std::string GetClaimPodName(const k8s::StatefulSet& set, const k8s::PersistentVolumeClaim& claim) {
    // `.*-(<set>-[0-9]+)$`, greedy: the latest start that still leaves "<set>-<digits>" at the end.
    const std::string& name = claim.metadata.name;
    const std::string prefix = set.metadata.name + "-";
    for (size_t k = name.size(); k-- > 1;) {
        if (name[k - 1] != '-') continue;
        std::string_view rest(name.data() + k, name.size() - k);
        if (rest.size() <= prefix.size() || rest.compare(0, prefix.size(), prefix) != 0) continue;
        if (AllDigits(rest.substr(prefix.size()))) return std::string(rest);
    }
    return "";
}

bool IsMemberOf(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    return ParentOf(pod, pod.Summary()) == set.metadata.name;
}

void SortOverlappingStatefulSets(std::vector<std::shared_ptr<const k8s::StatefulSet>>& sets) {
    std::stable_sort(sets.begin(), sets.end(), [](const auto& a, const auto& b) {
        const Time ta = a->metadata.creation_timestamp.ms, tb = b->metadata.creation_timestamp.ms;
        if (ta == tb) return a->metadata.name < b->metadata.name;
        return ta < tb;
    });
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Identity and storage

bool IdentityMatches(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    const k8s::PodSummary summary = pod.Summary();
    const std::string_view parent = ParentOf(pod, summary);
    if (summary.ordinal < 0 || parent != set.metadata.name) return false;
    // name == GetPodName(set, ordinal): the digits are the ordinal printed back, so no leading
    // zeros ("web-01" parses as 1 but is not web-1).
    const std::string_view digits = std::string_view(pod.metadata.name).substr(parent.size() + 1);
    if (digits.size() > 1 && digits[0] == '0') return false;
    return pod.metadata.namespace_ == set.metadata.namespace_ && summary.pod_name_label_is_name;
}

bool StorageMatches(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    const int ordinal = GetOrdinal(pod);
    if (ordinal < 0) return false;
    for (const auto& claim : set.spec.volume_claim_templates) {
        const k8s::Volume* found = nullptr;
        // Go builds a map by name, so the last volume of a name wins.
        for (const auto& v : pod.spec->volumes)
            if (v.name == claim.metadata.name) found = &v;
        if (!found || !found->persistent_volume_claim ||
            found->persistent_volume_claim->claim_name !=
                GetPersistentVolumeClaimName(set, claim.metadata.name, ordinal))
            return false;
    }
    return true;
}

std::vector<std::pair<std::string, k8s::PersistentVolumeClaim>> GetPersistentVolumeClaims(
    const k8s::StatefulSet& set, const k8s::Pod& pod) {
    const int ordinal = GetOrdinal(pod);
    std::vector<std::pair<std::string, k8s::PersistentVolumeClaim>> out;
    for (const auto& t : set.spec.volume_claim_templates) {
        k8s::PersistentVolumeClaim claim;
        claim.metadata = t.metadata;
        claim.spec = t.spec;
        claim.status = t.status;
        claim.metadata.name = GetPersistentVolumeClaimName(set, t.metadata.name, ordinal);
        claim.metadata.namespace_ = set.metadata.namespace_;
        const StringMap& match_labels = set.spec.selector ? set.spec.selector->match_labels : StringMap{};
        if (!claim.metadata.labels.empty()) {
            for (const auto& [k, v] : match_labels) claim.metadata.labels.Set(k, v);
        } else {
            claim.metadata.labels = match_labels;
        }
        out.emplace_back(t.metadata.name, std::move(claim));
    }
    return out;
}

void UpdateStorage(const k8s::StatefulSet& set, k8s::Pod& pod) {
    const auto claims = GetPersistentVolumeClaims(set, pod);
    std::vector<k8s::Volume> volumes;
    for (const auto& [template_name, claim] : claims) {
        k8s::Volume v;
        v.name = template_name;
        v.persistent_volume_claim = k8s::PersistentVolumeClaimVolumeSource{claim.metadata.name, false};
        volumes.push_back(std::move(v));
    }
    for (const auto& v : pod.spec->volumes) {
        bool is_claim = false;
        for (const auto& c : claims) is_claim = is_claim || c.first == v.name;
        if (!is_claim) volumes.push_back(v);
    }
    pod.spec.Mut().volumes = std::move(volumes);
}

void UpdateIdentity(const k8s::StatefulSet& set, k8s::Pod& pod, bool pod_index_label) {
    const int ordinal = GetOrdinal(pod);
    pod.metadata.name = GetPodName(set, ordinal);
    pod.metadata.namespace_ = set.metadata.namespace_;
    pod.metadata.labels.Set(kStatefulSetPodNameLabel, pod.metadata.name);
    if (pod_index_label) pod.metadata.labels.Set(kPodIndexLabel, std::to_string(ordinal));
}

void InitIdentity(const k8s::StatefulSet& set, k8s::Pod& pod, bool pod_index_label) {
    UpdateIdentity(set, pod, pod_index_label);
    auto& spec = pod.spec.Mut();
    spec.hostname = pod.metadata.name;
    spec.subdomain = set.spec.service_name;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] PVC retention policy

k8s::StatefulSetPersistentVolumeClaimRetentionPolicy GetPersistentVolumeClaimRetentionPolicy(
    const k8s::StatefulSet& set) {
    k8s::StatefulSetPersistentVolumeClaimRetentionPolicy policy;
    policy.when_deleted = std::string(kRetain);
    policy.when_scaled = std::string(kRetain);
    if (set.spec.persistent_volume_claim_retention_policy) policy = *set.spec.persistent_volume_claim_retention_policy;
    return policy;
}

bool MatchesRef(const k8s::OwnerReference& ref, const std::string& name, OwnerKind kind) {
    const char* api_version = kind == OwnerKind::kStatefulSet ? "apps/v1" : "v1";
    const char* kind_name = kind == OwnerKind::kStatefulSet ? "StatefulSet" : "Pod";
    return ref.api_version == api_version && ref.kind == kind_name && ref.name == name;
}

bool HasOwnerRef(const k8s::ObjectMeta& target, const std::string& owner_uid) {
    for (const auto& ref : target.owner_references)
        if (ref.uid == owner_uid) return true;
    return false;
}

bool HasStaleOwnerRef(const k8s::ObjectMeta& target, const std::string& name, const std::string& uid,
                      OwnerKind kind) {
    for (const auto& ref : target.owner_references)
        if (MatchesRef(ref, name, kind)) return ref.uid != uid;
    return false;
}

bool HasUnexpectedController(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                             const k8s::Pod& pod) {
    const auto policy = GetPersistentVolumeClaimRetentionPolicy(set);
    if (policy.when_scaled == kRetain && policy.when_deleted == kRetain) return false;
    for (const auto& ref : claim.metadata.owner_references) {
        if (MatchesRef(ref, set.metadata.name, OwnerKind::kStatefulSet)) {
            // A UID mismatch means the claim was left by an earlier set of this name.
            if (ref.uid != set.metadata.uid) return true;
            continue;
        }
        if (MatchesRef(ref, pod.metadata.name, OwnerKind::kPod)) {
            if (ref.uid != pod.metadata.uid) return true;
            continue;
        }
        if (ref.IsController()) return true;
    }
    return false;
}

bool HasNonControllerOwner(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                           const k8s::Pod& pod) {
    for (const auto& ref : claim.metadata.owner_references) {
        if ((ref.uid == set.metadata.uid || ref.uid == pod.metadata.uid) && !ref.IsController()) return true;
    }
    return false;
}

bool IsClaimOwnerUpToDate(const k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                          const k8s::Pod& pod) {
    const auto& meta = claim.metadata;
    if (HasStaleOwnerRef(meta, set.metadata.name, set.metadata.uid, OwnerKind::kStatefulSet) ||
        HasStaleOwnerRef(meta, pod.metadata.name, pod.metadata.uid, OwnerKind::kPod))
        return true;  // left by an earlier incarnation: not ours to touch
    if (HasUnexpectedController(claim, set, pod)) {
        // Our refs must go; with none left the claim is as good as it gets.
        return !(HasOwnerRef(meta, set.metadata.uid) || HasOwnerRef(meta, pod.metadata.uid));
    }
    if (HasNonControllerOwner(claim, set, pod)) return false;
    const auto policy = GetPersistentVolumeClaimRetentionPolicy(set);
    const bool set_ref = HasOwnerRef(meta, set.metadata.uid);
    const bool pod_ref = HasOwnerRef(meta, pod.metadata.uid);
    if (policy.when_scaled == kRetain && policy.when_deleted == kDelete) return set_ref && !pod_ref;
    // Read only where the policy needs it: with Retain/Retain and no refs, the pod itself is not
    // read at all (pending pods are checked at every sync).
    const bool scaled_down = policy.when_scaled == kDelete && !PodInOrdinalRange(pod, set);
    if (policy.when_scaled == kDelete && policy.when_deleted == kRetain) return !set_ref && scaled_down == pod_ref;
    if (policy.when_scaled == kDelete && policy.when_deleted == kDelete)
        return scaled_down != set_ref && scaled_down == pod_ref;
    return !set_ref && !pod_ref;  // Retain/Retain, and unknown policies treated as Retain
}

k8s::OwnerReference NewControllerRef(const k8s::StatefulSet& set) {
    k8s::OwnerReference ref;
    ref.api_version = "apps/v1";
    ref.kind = "StatefulSet";
    ref.name = set.metadata.name;
    ref.uid = set.metadata.uid;
    ref.controller = true;
    ref.block_owner_deletion = true;
    return ref;
}

k8s::OwnerReference NewControllerRef(const k8s::Pod& pod) {
    k8s::OwnerReference ref;
    ref.api_version = "v1";
    ref.kind = "Pod";
    ref.name = pod.metadata.name;
    ref.uid = pod.metadata.uid;
    ref.controller = true;
    ref.block_owner_deletion = true;
    return ref;
}

namespace {

void AddControllerRef(std::vector<k8s::OwnerReference>& refs, k8s::OwnerReference ref) {
    for (const auto& r : refs)
        if (r.uid == ref.uid) return;
    refs.push_back(std::move(ref));
}

}  // namespace

void UpdateClaimOwnerRefForSetAndPod(k8s::PersistentVolumeClaim& claim, const k8s::StatefulSet& set,
                                     const k8s::Pod& pod) {
    const bool unexpected_controller = HasUnexpectedController(claim, set, pod);
    auto& refs = claim.metadata.owner_references;
    refs.erase(std::remove_if(refs.begin(), refs.end(),
                              [&](const k8s::OwnerReference& r) {
                                  return MatchesRef(r, set.metadata.name, OwnerKind::kStatefulSet) ||
                                         MatchesRef(r, pod.metadata.name, OwnerKind::kPod);
                              }),
               refs.end());
    if (unexpected_controller) return;
    const auto policy = GetPersistentVolumeClaimRetentionPolicy(set);
    const bool scaled_down = !PodInOrdinalRange(pod, set);
    if (policy.when_scaled == kRetain && policy.when_deleted == kDelete) {
        AddControllerRef(refs, NewControllerRef(set));
    } else if (policy.when_scaled == kDelete && policy.when_deleted == kRetain) {
        if (scaled_down) AddControllerRef(refs, NewControllerRef(pod));
    } else if (policy.when_scaled == kDelete && policy.when_deleted == kDelete) {
        if (scaled_down) AddControllerRef(refs, NewControllerRef(pod));
        else AddControllerRef(refs, NewControllerRef(set));
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Pod state predicates

bool IsPodReady(const k8s::Pod& pod) { return pod.Summary().ready; }
bool IsRunningAndReady(const k8s::Pod& pod) { return IsRunningAndReady(pod.Summary()); }
bool IsRunningAndAvailable(const k8s::Pod& pod, int32_t min_ready_seconds, Time now) {
    return IsRunningAndAvailable(pod.Summary(), min_ready_seconds, now);
}
bool IsCreated(const k8s::Pod& pod) { return IsCreated(pod.Summary()); }
bool IsPending(const k8s::Pod& pod) { return IsPending(pod.Summary()); }
bool IsFailed(const k8s::Pod& pod) { return IsFailed(pod.Summary()); }
bool IsSucceeded(const k8s::Pod& pod) { return IsSucceeded(pod.Summary()); }
bool IsTerminating(const k8s::Pod& pod) { return IsTerminating(pod.Summary()); }
bool IsHealthy(const k8s::Pod& pod) { return IsHealthy(pod.Summary()); }
bool AllowsBurst(const k8s::StatefulSet& set) { return set.spec.pod_management_policy == "Parallel"; }

// ---------------------------------------------------------------------------------------------
// [SECTION] Revisions on pods, versioned pods, status

void SetPodRevision(k8s::Pod& pod, const std::string& revision) {
    pod.metadata.labels.Set(kStatefulSetRevisionLabel, revision);
}

bool HasPodRevision(const k8s::Pod& pod, const std::string& revision) { return HasPodRevision(pod.Summary(), revision); }

const std::string& GetPodRevision(const k8s::Pod& pod) {
    static const std::string kNone;
    const std::string* revision = pod.Summary().revision;
    return revision ? *revision : kNone;
}

k8s::Pod NewStatefulSetPod(const k8s::StatefulSet& set, int ordinal, bool pod_index_label) {
    const auto& tmpl = set.spec.template_;
    k8s::Pod pod;
    pod.metadata.labels = tmpl.metadata.labels;
    pod.metadata.annotations = tmpl.metadata.annotations;
    pod.metadata.finalizers = tmpl.metadata.finalizers;
    pod.metadata.generate_name = set.metadata.name + "-";
    pod.metadata.owner_references.push_back(NewControllerRef(set));
    pod.spec = tmpl.spec;
    pod.metadata.name = GetPodName(set, ordinal);
    InitIdentity(set, pod, pod_index_label);
    UpdateStorage(set, pod);
    return pod;
}

int32_t GetPartition(const k8s::StatefulSet& set) {
    const auto& ru = set.spec.update_strategy.rolling_update;
    return ru ? ru->partition.value_or(0) : 0;
}

k8s::Pod NewVersionedStatefulSetPod(const k8s::StatefulSet& current_set, const k8s::StatefulSet& update_set,
                                    const std::string& current_revision, const std::string& update_revision,
                                    int ordinal, bool pod_index_label) {
    const auto& strategy = current_set.spec.update_strategy;
    const int start = GetStartOrdinal(current_set);
    // Go: A && (B) || (C) parses as (A && B) || C.
    const bool use_current =
        (strategy.type == "RollingUpdate" &&
         (!strategy.rolling_update && ordinal < start + current_set.status.current_replicas)) ||
        (strategy.rolling_update && ordinal < start + GetPartition(current_set));
    if (use_current) {
        k8s::Pod pod = NewStatefulSetPod(current_set, ordinal, pod_index_label);
        SetPodRevision(pod, current_revision);
        return pod;
    }
    k8s::Pod pod = NewStatefulSetPod(update_set, ordinal, pod_index_label);
    SetPodRevision(pod, update_revision);
    return pod;
}

bool InconsistentStatus(const k8s::StatefulSet& set, const k8s::StatefulSetStatus& status) {
    const auto& s = set.status;
    return status.observed_generation > s.observed_generation || status.replicas != s.replicas ||
           status.current_replicas != s.current_replicas || status.ready_replicas != s.ready_replicas ||
           status.updated_replicas != s.updated_replicas || status.current_revision != s.current_revision ||
           status.available_replicas != s.available_replicas || status.update_revision != s.update_revision;
}

void CompleteRollingUpdate(const k8s::StatefulSet& set, k8s::StatefulSetStatus& status) {
    const int32_t replicas = GetReplicas(set);
    if (set.spec.update_strategy.type == "RollingUpdate" && status.updated_replicas == replicas &&
        status.ready_replicas == replicas && status.replicas == replicas) {
        status.current_replicas = status.updated_replicas;
        status.current_revision = status.update_revision;
    }
}

int GetStatefulSetMaxUnavailable(const std::optional<k8s::IntOrString>& max_unavailable, int replicas) {
    int value = 1;
    if (max_unavailable) {
        if (!max_unavailable->is_string) {
            value = max_unavailable->int_value;
        } else {
            const std::string& s = max_unavailable->str_value;
            int64_t percent = 0;
            if (s.size() >= 2 && s.back() == '%' && ParseInt64(s.substr(0, s.size() - 1), &percent))
                value = static_cast<int>(percent * replicas / 100);  // rounded down
        }
    }
    return std::max(value, 1);
}

}  // namespace sts::controllers::statefulset
