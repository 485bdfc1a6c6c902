// The StatefulSet controller's side effects on Pods and PersistentVolumeClaims, with Events.
// Mirrors kubernetes pkg/controller/statefulset/stateful_pod_control.go (Kubernetes 1.33).
#include "controllers/statefulset/pod_control.h"

namespace sts::controllers::statefulset {

namespace {

std::string Title(const char* verb) {
    std::string s(verb);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// retry.DefaultBackoff allows four attempts.
constexpr int kUpdateAttempts = 4;

}  // namespace

void StatefulPodControl::Record(const k8s::StatefulSet& set, const char* type, std::string reason,
                                std::string message) {
    recorder_.Record(engine::EventRecorder::RefTo(set), type, reason, std::move(message),
                     {"statefulset-controller", ""});
}

void StatefulPodControl::RecordPodEvent(const char* verb, const k8s::StatefulSet& set, const k8s::Pod& pod,
                                        const Error& err) {
    if (!err) {
        Record(set, "Normal", "Successful" + Title(verb),
               std::string(verb) + " Pod " + pod.metadata.name + " in StatefulSet " + set.metadata.name +
                   " successful");
    } else {
        Record(set, "Warning", "Failed" + Title(verb),
               std::string(verb) + " Pod " + pod.metadata.name + " in StatefulSet " + set.metadata.name +
                   " failed error: " + err.message());
    }
}

void StatefulPodControl::RecordClaimEvent(const char* verb, const k8s::StatefulSet& set, const k8s::Pod& pod,
                                          const k8s::PersistentVolumeClaim& claim, const Error& err) {
    if (!err) {
        Record(set, "Normal", "Successful" + Title(verb),
               std::string(verb) + " Claim " + claim.metadata.name + " Pod " + pod.metadata.name +
                   " in StatefulSet " + set.metadata.name + " success");
    } else {
        Record(set, "Warning", "Failed" + Title(verb),
               std::string(verb) + " Claim " + claim.metadata.name + " for Pod " + pod.metadata.name +
                   " in StatefulSet " + set.metadata.name + " failed error: " + err.message());
    }
}

Error StatefulPodControl::CreateStatefulPod(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    if (Error err = CreatePersistentVolumeClaims(set, pod, GetOrdinal(pod))) {
        RecordPodEvent("create", set, pod, err);
        return err;
    }
    Error err = om_->CreatePod(pod);
    if (err.IsAlreadyExists()) return err;
    if (gates_.stateful_set_auto_delete_pvc) {
        if (Error claim_err = UpdatePodClaimForRetentionPolicy(set, pod)) {
            RecordPodEvent("update", set, pod, claim_err);
            return claim_err;
        }
    }
    RecordPodEvent("create", set, pod, err);
    return err;
}

Error StatefulPodControl::UpdateStatefulPod(const k8s::StatefulSet& set, k8s::Pod pod) {
    bool attempted_update = false;
    Error err;
    for (int attempt = 0; attempt < kUpdateAttempts; ++attempt) {
        bool consistent = true;
        if (!IdentityMatches(set, pod)) {
            UpdateIdentity(set, pod, gates_.pod_index_label);
            consistent = false;
        }
        if (!StorageMatches(set, pod)) {
            UpdateStorage(set, pod);
            consistent = false;
            if (Error claim_err = CreatePersistentVolumeClaims(set, pod, GetOrdinal(pod))) {
                RecordPodEvent("update", set, pod, claim_err);
                return claim_err;
            }
        }
        if (gates_.stateful_set_auto_delete_pvc) {
            auto [match, match_err] = ClaimsMatchRetentionPolicy(set, pod);
            if (match_err) {
                RecordPodEvent("update", set, pod, match_err);
                return match_err;
            }
            if (!match) {
                if (Error claim_err = UpdatePodClaimForRetentionPolicy(set, pod)) {
                    RecordPodEvent("update", set, pod, claim_err);
                    return claim_err;
                }
                consistent = false;
            }
        }
        if (consistent) {
            err = Error();
            break;
        }
        attempted_update = true;
        err = om_->UpdatePod(pod);
        if (!err) break;
        if (auto fresh = om_->GetPod(set.metadata.namespace_, pod.metadata.name); fresh.obj) pod = *fresh.obj;
        if (!err.IsConflict()) break;
    }
    if (attempted_update) RecordPodEvent("update", set, pod, err);
    return err;
}

Error StatefulPodControl::DeleteStatefulPod(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    Error err = om_->DeletePod(pod);
    RecordPodEvent("delete", set, pod, err);
    return err;
}

std::pair<bool, Error> StatefulPodControl::ClaimsMatchRetentionPolicy(const k8s::StatefulSet& set,
                                                                      const k8s::Pod& pod) {
    const int ordinal = GetOrdinal(pod);
    for (const auto& t : set.spec.volume_claim_templates) {
        const std::string name = GetPersistentVolumeClaimName(set, t.metadata.name, ordinal);
        auto claim = om_->GetClaim(set.metadata.namespace_, name);
        if (claim.err.IsNotFound()) continue;  // picked up on a later sync
        if (claim.err)
            return {false, Error::Message("Could not retrieve claim " + name + " for " + pod.metadata.name +
                                          " when checking PVC deletion policy")};
        if (!IsClaimOwnerUpToDate(*claim.obj, set, pod)) return {false, Error()};
    }
    return {true, Error()};
}

Error StatefulPodControl::UpdatePodClaimForRetentionPolicy(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    return UpdatePodClaimForRetentionPolicy(set, pod, GetOrdinal(pod));
}

Error StatefulPodControl::UpdatePodClaimForRetentionPolicy(const k8s::StatefulSet& set, const k8s::Pod& pod,
                                                           int ordinal) {
    for (const auto& t : set.spec.volume_claim_templates) {
        const std::string name = GetPersistentVolumeClaimName(set, t.metadata.name, ordinal);
        auto claim = om_->GetClaim(set.metadata.namespace_, name);
        if (claim.err.IsNotFound()) continue;
        if (claim.err)
            return Error::Message("Could not retrieve claim " + name + " not found for " + pod.metadata.name +
                                  " when checking PVC deletion policy: " + claim.err.message());
        if (HasUnexpectedController(*claim.obj, set, pod)) {
            // The typo "manging" is the real message.
            Record(set, "Warning", "ConflictingController",
                   "PersistentVolumeClaim " + name +
                       " has a conflicting OwnerReference that acts as a manging controller, the retention "
                       "policy is ignored for this claim");
        }
        if (!IsClaimOwnerUpToDate(*claim.obj, set, pod)) {
            k8s::PersistentVolumeClaim updated = *claim.obj;
            UpdateClaimOwnerRefForSetAndPod(updated, set, pod);
            if (Error err = om_->UpdateClaim(updated))
                return Error::Message("could not update claim " + name + " for delete policy ownerRefs: " +
                                      err.message());
        }
    }
    return Error();
}

std::pair<bool, Error> StatefulPodControl::PodClaimIsStale(const k8s::StatefulSet& set, const k8s::Pod& pod) {
    const auto policy = GetPersistentVolumeClaimRetentionPolicy(set);
    if (policy.when_scaled == kRetain) return {false, Error()};  // reused claims cannot be stale
    const int ordinal = GetOrdinal(pod);
    for (const auto& t : set.spec.volume_claim_templates) {
        auto pvc = om_->GetClaim(set.metadata.namespace_, GetPersistentVolumeClaimName(set, t.metadata.name, ordinal));
        if (pvc.err.IsNotFound()) continue;
        if (pvc.err) return {false, pvc.err};
        if (HasStaleOwnerRef(pvc.obj->metadata, pod.metadata.name, pod.metadata.uid, OwnerKind::kPod))
            return {true, Error()};
    }
    return {false, Error()};
}

Error StatefulPodControl::CreateMissingPersistentVolumeClaims(const k8s::StatefulSet& set, const k8s::Pod& pod,
                                                              int ordinal) {
    // Every pending pod asks at every sync; a set without claim templates has nothing to check.
    if (set.spec.volume_claim_templates.empty()) return Error();
    if (Error err = CreatePersistentVolumeClaims(set, pod, ordinal)) return err;
    if (gates_.stateful_set_auto_delete_pvc) {
        if (Error err = UpdatePodClaimForRetentionPolicy(set, pod, ordinal)) {
            RecordPodEvent("update", set, pod, err);
            return err;
        }
    }
    return Error();
}

Error StatefulPodControl::CreatePersistentVolumeClaims(const k8s::StatefulSet& set, const k8s::Pod& pod, int ordinal) {
    std::vector<Error> errs;
    // Pending pods ask at every sync, and their claims nearly always exist: the claims are built
    // from the templates only when one is missing.
    std::vector<std::pair<std::string, k8s::PersistentVolumeClaim>> built;
    auto claim_of = [&](size_t k) -> const k8s::PersistentVolumeClaim& {
        if (built.empty()) built = GetPersistentVolumeClaims(set, pod);
        return built[k].second;
    };
    const auto& templates = set.spec.volume_claim_templates;
    for (size_t k = 0; k < templates.size(); ++k) {
        const std::string name = GetPersistentVolumeClaimName(set, templates[k].metadata.name, ordinal);
        auto pvc = om_->GetClaim(set.metadata.namespace_, name);
        if (pvc.err.IsNotFound()) {
            const k8s::PersistentVolumeClaim& claim = claim_of(k);
            Error err = om_->CreateClaim(claim);
            if (err) errs.push_back(Error::Message("failed to create PVC " + claim.metadata.name + ": " + err.message()));
            if (!err || !err.IsAlreadyExists()) RecordClaimEvent("create", set, pod, claim, err);
        } else if (pvc.err) {
            errs.push_back(Error::Message("failed to retrieve PVC " + name + ": " + pvc.err.message()));
            RecordClaimEvent("create", set, pod, claim_of(k), pvc.err);
        } else if (pvc.obj->metadata.IsTerminating()) {
            errs.push_back(Error::Message("pvc " + name + " is being deleted"));
        }
    }
    return Error::Aggregate(errs);
}

}  // namespace sts::controllers::statefulset
