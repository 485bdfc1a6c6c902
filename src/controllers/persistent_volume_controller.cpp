// The PersistentVolume binder and the simulated external provisioner
// (pkg/controller/volume/persistentvolume/pv_controller.go, index.go;
// sig-storage-lib-external-provisioner controller.go; rancher/local-path-provisioner). See the
// header for the behaviour.
//
// Index of this file
// [SECTION] Helpers (quantities, access modes, node affinity)
// [SECTION] Binder: watches and queue
// [SECTION] Binder: claims
// [SECTION] Binder: volumes
// [SECTION] Binder: writes
// [SECTION] External provisioner
#include "controllers/persistent_volume_controller.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <vector>

#include "core/strings.h"
#include "k8s/labels.h"

namespace sts::controllers {

namespace {

using apiserver::Quote;

constexpr Duration kApiCall = Millis(2);
constexpr const char* kBinderComponent = "persistentvolume-controller";
constexpr const char* kLocalPath = "rancher.io/local-path";
constexpr const char* kLocalPathRoot = "/var/local-path-provisioner";
constexpr int kFailedProvisionThreshold = 15;
constexpr Duration kInformerLag = Millis(5);

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers (quantities, access modes, node affinity)

// resource.Quantity as a number of bytes (or units); nullopt when malformed.
std::optional<double> ParseQuantity(std::string_view text) {
    std::string s = Trim(text);
    if (s.empty()) return std::nullopt;
    size_t i = 0;
    if (s[i] == '+' || s[i] == '-') ++i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    const std::string number = s.substr(0, i);
    const std::string suffix = s.substr(i);
    if (number.empty() || number == "." || number == "+" || number == "-") return std::nullopt;
    char* end = nullptr;
    const double base = std::strtod(number.c_str(), &end);
    if (!end || *end != '\0') return std::nullopt;
    static const std::pair<const char*, double> kSuffixes[] = {
        {"", 1.0},     {"m", 1e-3},   {"k", 1e3},   {"M", 1e6},   {"G", 1e9},   {"T", 1e12},  {"P", 1e15},
        {"E", 1e18},   {"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0}, {"Ti", 1099511627776.0},
        {"Pi", 1125899906842624.0}, {"Ei", 1152921504606846976.0}};
    for (const auto& [name, factor] : kSuffixes)
        if (suffix == name) return base * factor;
    if (suffix.size() > 1 && (suffix[0] == 'e' || suffix[0] == 'E')) {
        int64_t exp = 0;
        if (ParseInt64(suffix.substr(1), &exp)) return base * std::pow(10.0, static_cast<double>(exp));
    }
    return std::nullopt;
}

std::string ClaimKey(const std::string& ns, const std::string& name) { return ns + "/" + name; }

bool HasMode(const std::vector<std::string>& modes, std::string_view mode) {
    return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

// Every mode the claim asks for is offered by the volume.
bool AccessModesSatisfied(const k8s::PersistentVolume& pv, const k8s::PersistentVolumeClaim& claim) {
    for (const auto& m : claim.spec.access_modes)
        if (!HasMode(pv.spec.access_modes, m)) return false;
    return true;
}

bool VolumeModeMismatch(const k8s::PersistentVolume& pv, const k8s::PersistentVolumeClaim& claim) {
    return pv.spec.volume_mode.value_or("Filesystem") != claim.spec.volume_mode.value_or("Filesystem");
}

std::string ClaimClass(const k8s::PersistentVolumeClaim& claim) { return claim.spec.storage_class_name.value_or(""); }

bool IsVolumeBoundToClaim(const k8s::PersistentVolume& pv, const k8s::PersistentVolumeClaim& claim) {
    const auto& ref = pv.spec.claim_ref;
    if (!ref) return false;
    if (ref->name != claim.metadata.name || ref->namespace_ != claim.metadata.namespace_) return false;
    return ref->uid.empty() || ref->uid == claim.metadata.uid;
}

k8s::ObjectReference ClaimRefTo(const k8s::PersistentVolumeClaim& claim) {
    k8s::ObjectReference ref;
    ref.kind = "PersistentVolumeClaim";
    ref.namespace_ = claim.metadata.namespace_;
    ref.name = claim.metadata.name;
    ref.uid = claim.metadata.uid;
    ref.api_version = "v1";
    ref.resource_version = claim.metadata.resource_version;
    return ref;
}

bool MatchExpression(const Value& expr, const StringMap& labels) {
    const std::string key = expr.GetString("key");
    const std::string op = expr.GetString("operator");
    const std::string* have = labels.Find(key);
    bool in_values = false;
    for (const auto& v : expr.Get("values").items()) in_values = in_values || (have && v.AsString() == *have);
    if (op == "In") return in_values;
    if (op == "NotIn") return !in_values;
    if (op == "Exists") return have != nullptr;
    if (op == "DoesNotExist") return have == nullptr;
    int64_t have_num = 0, want_num = 0;
    const auto& values = expr.Get("values").items();
    if ((op == "Gt" || op == "Lt") && have && values.size() == 1 && ParseInt64(*have, &have_num) &&
        ParseInt64(values[0].AsString(), &want_num))
        return op == "Gt" ? have_num > want_num : have_num < want_num;
    return false;
}

// volume.spec.nodeAffinity.required admits a node with these labels (terms are ORed,
// expressions within a term ANDed; no affinity admits every node).
bool NodeAffinityAdmits(const Value& affinity, const StringMap& labels) {
    const Value& terms = affinity.Get("required").Get("nodeSelectorTerms");
    if (!terms.IsArray() || terms.items().empty()) return true;
    for (const auto& term : terms.items()) {
        bool ok = true;
        for (const auto& expr : term.Get("matchExpressions").items()) ok = ok && MatchExpression(expr, labels);
        if (ok && (!term.Get("matchExpressions").items().empty() || !term.Get("matchFields").items().empty()))
            return true;
    }
    return false;
}

bool IsPodTerminated(const k8s::Pod& pod) { return pod.status.phase == "Succeeded" || pod.status.phase == "Failed"; }

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Binder: watches and queue

PersistentVolumeController::PersistentVolumeController(engine::Context& ctx)
    : QueueController(ctx.scheduler, kBinderComponent),
      ctx_(ctx),
      provisioner_(std::make_unique<ExternalProvisioner>(ctx)) {
    auto& api = ctx_.api;
    api.pvcs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolumeClaim>& old_obj,
                                 const apiserver::Ptr<k8s::PersistentVolumeClaim>& new_obj) {
        const auto& c = new_obj ? *new_obj : *old_obj;
        if (type == apiserver::WatchType::kDeleted) {
            // The volume of a deleted claim is released.
            if (!old_obj->spec.volume_name.empty()) Enqueue("volume/" + old_obj->spec.volume_name);
            return;
        }
        Enqueue("claim/" + ClaimKey(c.metadata.namespace_, c.metadata.name));
    });
    api.pvs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolume>& old_obj,
                                const apiserver::Ptr<k8s::PersistentVolume>& new_obj) {
        if (old_obj) Unindex(*old_obj);
        if (type != apiserver::WatchType::kDeleted) Index(*new_obj);
        if (type == apiserver::WatchType::kDeleted) {
            deleting_volumes_.erase(old_obj->metadata.name);
            const auto& ref = old_obj->spec.claim_ref;
            if (ref) Enqueue("claim/" + ClaimKey(ref->namespace_, ref->name));
            return;
        }
        Enqueue("volume/" + new_obj->metadata.name);
    });
    // Which pods reference which claims (the pod indexer upstream uses for WaitForPodScheduled).
    api.pods().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_obj,
                                 const apiserver::Ptr<k8s::Pod>& new_obj) {
        if (type == apiserver::WatchType::kModified) return;  // pod volumes are immutable
        const k8s::Pod& pod = type == apiserver::WatchType::kDeleted ? *old_obj : *new_obj;
        for (const auto& v : pod.spec->volumes) {
            if (!v.persistent_volume_claim) continue;
            const std::string key = ClaimKey(pod.metadata.namespace_, v.persistent_volume_claim->claim_name);
            if (type == apiserver::WatchType::kAdded) {
                pods_by_claim_[key][pod.metadata.name] = ctx_.Now();
            } else {
                auto it = pods_by_claim_.find(key);
                if (it == pods_by_claim_.end()) continue;
                it->second.erase(pod.metadata.name);
                if (it->second.empty()) pods_by_claim_.erase(it);
            }
        }
    });
    for (const auto& pv : api.pvs().List()) Index(*pv);
}

PersistentVolumeController::~PersistentVolumeController() = default;

void PersistentVolumeController::Index(const k8s::PersistentVolume& pv) {
    if (pv.spec.claim_ref) volumes_by_claim_[ClaimKey(pv.spec.claim_ref->namespace_, pv.spec.claim_ref->name)].insert(pv.metadata.name);
    else unclaimed_volumes_.insert(pv.metadata.name);
}

void PersistentVolumeController::Unindex(const k8s::PersistentVolume& pv) {
    if (!pv.spec.claim_ref) {
        unclaimed_volumes_.erase(pv.metadata.name);
        return;
    }
    auto it = volumes_by_claim_.find(ClaimKey(pv.spec.claim_ref->namespace_, pv.spec.claim_ref->name));
    if (it == volumes_by_claim_.end()) return;
    it->second.erase(pv.metadata.name);
    if (it->second.empty()) volumes_by_claim_.erase(it);
}

void PersistentVolumeController::SetProvisionerFailing(bool failing) { provisioner_->SetFailing(failing); }

bool PersistentVolumeController::ProvisionerFailing() const { return provisioner_->failing(); }

bool PersistentVolumeController::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    if (key.rfind("claim/", 0) == 0) {
        const std::string rest = key.substr(6);
        const size_t slash = rest.find('/');
        return SyncClaim(rest.substr(0, slash), rest.substr(slash + 1), cost);
    }
    return SyncVolume(key.substr(7), cost);
}

void PersistentVolumeController::Event(const k8s::PersistentVolumeClaim& claim, std::string_view type,
                                       std::string_view reason, std::string message) {
    ctx_.recorder.Record(engine::EventRecorder::RefTo(claim), type, reason, std::move(message),
                         {kBinderComponent, ""});
}

void PersistentVolumeController::Event(const k8s::PersistentVolume& volume, std::string_view type,
                                       std::string_view reason, std::string message) {
    ctx_.recorder.Record(engine::EventRecorder::RefTo(volume), type, reason, std::move(message),
                         {kBinderComponent, ""});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Binder: claims

bool PersistentVolumeController::SyncClaim(const std::string& ns, const std::string& name, Duration* cost) {
    auto claim = ctx_.api.pvcs().Get(ns, name);
    if (!claim) return true;
    if (!claim->metadata.annotations.Has(kAnnBindCompleted)) {
        const bool ok = SyncUnboundClaim(*claim, cost);
        auto now = ctx_.api.pvcs().Get(ns, name);
        if (now && !now->metadata.annotations.Has(kAnnBindCompleted) && resync_period_ > 0)
            EnqueueAfter("claim/" + ClaimKey(ns, name), resync_period_);
        return ok;
    }
    return SyncBoundClaim(*claim, cost);
}

bool PersistentVolumeController::SyncUnboundClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost) {
    auto& api = ctx_.api;
    if (claim.spec.volume_name.empty()) {
        const std::string class_name = ClaimClass(claim);
        apiserver::Ptr<k8s::StorageClass> sc = class_name.empty() ? nullptr : api.storageclasses().Get("", class_name);
        const bool delay_binding = sc && sc->volume_binding_mode.value_or("Immediate") == "WaitForFirstConsumer";
        const std::string node = claim.metadata.annotations.Get(kAnnSelectedNode);
        auto volume = FindBestMatch(claim, delay_binding, node);
        if (volume) return Bind(*volume, claim, cost);

        // The DefaultStorageClass admission plugin may have run before any class was default:
        // assign the default class retroactively.
        if (!claim.spec.storage_class_name) {
            const k8s::StorageClass* chosen = nullptr;
            for (const auto& c : api.storageclasses().List())
                if (c->metadata.annotations.Get("storageclass.kubernetes.io/is-default-class") == "true" &&
                    (!chosen || c->metadata.creation_timestamp.ms >= chosen->metadata.creation_timestamp.ms))
                    chosen = c.get();
            if (chosen) {
                k8s::PersistentVolumeClaim updated = claim;
                updated.spec.storage_class_name = chosen->metadata.name;
                *cost += kApiCall;
                return api.pvcs().Update(std::move(updated)).ok();
            }
        }
        if (delay_binding && node.empty()) {
            EmitDelayBindingEvent(claim);
        } else if (!class_name.empty()) {
            ProvisionClaim(claim, cost);
            return true;
        } else {
            Event(claim, "Normal", "FailedBinding", "no persistent volumes available for this claim and no storage class is set");
        }
        UpdateClaimPhase(claim, "Pending", nullptr, cost);
        return true;
    }

    // The user asked for a specific volume.
    auto volume = api.pvs().Get("", claim.spec.volume_name);
    if (!volume) {
        UpdateClaimPhase(claim, "Pending", nullptr, cost);
        return true;
    }
    if (!volume->spec.claim_ref) {
        std::string why;
        const double want = ParseQuantity(claim.spec.resources.requests.Get("storage")).value_or(0);
        const double have = ParseQuantity(volume->spec.capacity.Get("storage")).value_or(0);
        if (have < want) why = "requested PV is too small";
        else if (volume->spec.storage_class_name != ClaimClass(claim)) why = "storageClassName does not match";
        else if (VolumeModeMismatch(*volume, claim)) why = "incompatible volumeMode";
        else if (!AccessModesSatisfied(*volume, claim)) why = "incompatible accessMode";
        if (!why.empty()) {
            Event(claim, "Warning", "VolumeMismatch",
                  "Cannot bind to requested volume " + Quote(volume->metadata.name) + ": " + why);
            UpdateClaimPhase(claim, "Pending", nullptr, cost);
            return true;
        }
        return Bind(*volume, claim, cost);
    }
    if (IsVolumeBoundToClaim(*volume, claim)) return Bind(*volume, claim, cost);
    Event(claim, "Warning", "FailedBinding", "volume " + Quote(volume->metadata.name) + " already bound to a different claim.");
    if (!claim.metadata.annotations.Has(kAnnBoundByController)) UpdateClaimPhase(claim, "Pending", nullptr, cost);
    return true;
}

bool PersistentVolumeController::SyncBoundClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost) {
    if (claim.spec.volume_name.empty()) {
        if (claim.status.phase != "Lost") {
            UpdateClaimPhase(claim, "Lost", nullptr, cost);
            Event(claim, "Warning", "ClaimLost", "Bound claim has lost reference to PersistentVolume. Data on the volume is lost!");
        }
        return true;
    }
    auto volume = ctx_.api.pvs().Get("", claim.spec.volume_name);
    if (!volume) {
        if (claim.status.phase != "Lost") {
            UpdateClaimPhase(claim, "Lost", nullptr, cost);
            Event(claim, "Warning", "ClaimLost", "Bound claim has lost its PersistentVolume. Data on the volume is lost!");
        }
        return true;
    }
    if (!volume->spec.claim_ref || volume->spec.claim_ref->uid == claim.metadata.uid) return Bind(*volume, claim, cost);
    if (claim.status.phase != "Lost") {
        UpdateClaimPhase(claim, "Lost", nullptr, cost);
        Event(claim, "Warning", "ClaimMisbound", "Two claims are bound to the same volume, this one is bound incorrectly");
    }
    return true;
}

apiserver::Ptr<k8s::PersistentVolume> PersistentVolumeController::FindBestMatch(const k8s::PersistentVolumeClaim& claim,
                                                                               bool delay_binding,
                                                                               const std::string& node) const {
    const double requested = ParseQuantity(claim.spec.resources.requests.Get("storage")).value_or(0);
    const std::string requested_class = ClaimClass(claim);
    std::optional<k8s::Selector> selector;
    if (claim.spec.selector && !claim.spec.selector->Empty()) {
        k8s::Selector sel;
        std::string err;
        if (!k8s::SelectorFromLabelSelector(*claim.spec.selector, &sel, &err)) return nullptr;
        selector = sel;
    }
    // The scheduler's choice of node lets a WaitForFirstConsumer claim take a static volume
    // whose node affinity admits that node (kube-scheduler's volume binder does this upstream).
    apiserver::Ptr<k8s::Node> node_obj = node.empty() ? nullptr : ctx_.api.nodes().Get("", node);

    // A volume already pointing at this claim wins (pre-bound by a user, or provisioned for it).
    auto bound = volumes_by_claim_.find(ClaimKey(claim.metadata.namespace_, claim.metadata.name));
    if (bound != volumes_by_claim_.end()) {
        for (const auto& name : bound->second) {
            auto pv = ctx_.api.pvs().Get("", name);
            if (!pv || VolumeModeMismatch(*pv, claim) || pv->metadata.deletion_timestamp) continue;
            if (!IsVolumeBoundToClaim(*pv, claim)) continue;
            const bool affinity_ok = !node_obj || NodeAffinityAdmits(pv->spec.node_affinity, node_obj->metadata.labels);
            return affinity_ok ? pv : nullptr;
        }
    }
    // The PV controller leaves WaitForFirstConsumer claims to the scheduler until it picks a node.
    if (delay_binding && !node_obj) return nullptr;
    apiserver::Ptr<k8s::PersistentVolume> best;
    double best_size = 0;
    for (const auto& name : unclaimed_volumes_) {
        auto pv = ctx_.api.pvs().Get("", name);
        if (!pv) continue;
        if (VolumeModeMismatch(*pv, claim)) continue;
        if (pv->metadata.deletion_timestamp) continue;
        const bool affinity_ok = !node_obj || NodeAffinityAdmits(pv->spec.node_affinity, node_obj->metadata.labels);
        if (pv->spec.claim_ref || pv->status.phase != "Available") continue;
        if (selector && !selector->Matches(pv->metadata.labels)) continue;
        if (pv->spec.storage_class_name != requested_class) continue;
        if (!affinity_ok) continue;
        if (!AccessModesSatisfied(*pv, claim)) continue;
        const double size = ParseQuantity(pv->spec.capacity.Get("storage")).value_or(0);
        if (size < requested) continue;
        if (!best || size < best_size) {
            best = pv;
            best_size = size;
        }
    }
    return best;
}

void PersistentVolumeController::EmitDelayBindingEvent(const k8s::PersistentVolumeClaim& claim) {
    std::vector<std::string> unscheduled;
    auto it = pods_by_claim_.find(ClaimKey(claim.metadata.namespace_, claim.metadata.name));
    if (it != pods_by_claim_.end()) {
        for (const auto& [pod_name, seen] : it->second) {
            if (seen + kInformerLag > ctx_.Now()) continue;
            auto pod = ctx_.api.pods().Get(claim.metadata.namespace_, pod_name);
            if (pod && !IsPodTerminated(*pod) && pod->spec->node_name.empty()) unscheduled.push_back(pod_name);
        }
    }
    if (unscheduled.empty()) {
        Event(claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding");
    } else if (unscheduled.size() == 1) {
        Event(claim, "Normal", "WaitForPodScheduled", "waiting for pod " + unscheduled[0] + " to be scheduled");
    } else {
        Event(claim, "Normal", "WaitForPodScheduled", "waiting for pods " + Join(unscheduled, ",") + " to be scheduled");
    }
}

void PersistentVolumeController::ProvisionClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost) {
    const std::string class_name = ClaimClass(claim);
    auto sc = ctx_.api.storageclasses().Get("", class_name);
    if (!sc) {
        Event(claim, "Warning", "ProvisioningFailed", "storageclass.storage.k8s.io " + Quote(class_name) + " not found");
        return;
    }
    if (sc->provisioner.rfind("kubernetes.io/", 0) == 0) {
        // No in-tree provisioner is left in 1.33; kubernetes.io/no-provisioner is the usual one.
        Event(claim, "Warning", "ProvisioningFailed", "no volume plugin matched name: " + sc->provisioner);
        return;
    }
    // Hand the claim to the external provisioner.
    const std::string& provisioner = sc->provisioner;
    if (claim.metadata.annotations.Get(kAnnStorageProvisioner) != provisioner ||
        claim.metadata.annotations.Get(kAnnBetaStorageProvisioner) != provisioner) {
        k8s::PersistentVolumeClaim updated = claim;
        updated.metadata.annotations.Set(kAnnBetaStorageProvisioner, provisioner);
        updated.metadata.annotations.Set(kAnnStorageProvisioner, provisioner);
        *cost += kApiCall;
        auto r = ctx_.api.pvcs().Update(std::move(updated));
        if (!r.ok()) {
            Event(claim, "Warning", "ProvisioningFailed", "Error saving claim: " + r.error.message);
            return;
        }
    }
    Event(claim, "Normal", "ExternalProvisioning",
          "Waiting for a volume to be created either by the external provisioner '" + provisioner +
              "' or manually by the system administrator. If volume creation is delayed, please verify that the "
              "provisioner is running and correctly registered.");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Binder: volumes

bool PersistentVolumeController::SyncVolume(const std::string& name, Duration* cost) {
    auto& api = ctx_.api;
    auto volume = api.pvs().Get("", name);
    if (!volume) return true;
    if (!volume->spec.claim_ref) {
        UpdateVolumePhase(*volume, "Available", "", cost);
        return true;
    }
    const auto& ref = *volume->spec.claim_ref;
    if (ref.uid.empty()) {
        // Pre-bound by the user to a claim that has not bound yet; the claim's sync does it.
        UpdateVolumePhase(*volume, "Available", "", cost);
        return true;
    }
    auto claim = api.pvcs().Get(ref.namespace_, ref.name);
    if (claim && claim->metadata.uid != ref.uid) claim = nullptr;  // a new claim with the old name
    if (!claim) {
        if (volume->status.phase != "Released" && volume->status.phase != "Failed") {
            volume = UpdateVolumePhase(*volume, "Released", "", cost);
            if (!volume) return false;
        }
        ReclaimVolume(*volume, cost);
        return true;
    }
    if (claim->spec.volume_name.empty()) {
        if (VolumeModeMismatch(*volume, *claim)) {
            Event(*volume, "Warning", "VolumeMismatch",
                  "Cannot bind PersistentVolume to requested PersistentVolumeClaim " + Quote(claim->metadata.name) +
                      " due to incompatible volumeMode.");
            Event(*claim, "Warning", "VolumeMismatch",
                  "Cannot bind PersistentVolume " + Quote(volume->metadata.name) +
                      " to requested PersistentVolumeClaim due to incompatible volumeMode.");
            return true;
        }
        // Bound by the provisioner (or a user); the claim's sync finishes the binding.
        Enqueue("claim/" + ClaimKey(claim->metadata.namespace_, claim->metadata.name));
        return true;
    }
    if (claim->spec.volume_name == volume->metadata.name) {
        UpdateVolumePhase(*volume, "Bound", "", cost);
        return true;
    }
    // The claim went to another volume.
    if (volume->metadata.annotations.Has(kAnnProvisionedBy) && volume->spec.persistent_volume_reclaim_policy == "Delete") {
        if (volume->status.phase != "Released" && volume->status.phase != "Failed") {
            volume = UpdateVolumePhase(*volume, "Released", "", cost);
            if (!volume) return false;
        }
        ReclaimVolume(*volume, cost);
        return true;
    }
    k8s::PersistentVolume unbound = *volume;
    if (unbound.metadata.annotations.Has(kAnnBoundByController)) {
        unbound.spec.claim_ref.reset();
        unbound.metadata.annotations.Erase(kAnnBoundByController);
    } else {
        unbound.spec.claim_ref->uid.clear();
    }
    *cost += kApiCall;
    auto r = api.pvs().Update(std::move(unbound));
    if (!r.ok()) return false;
    UpdateVolumePhase(*r.value, "Available", "", cost);
    return true;
}

void PersistentVolumeController::ReclaimVolume(const k8s::PersistentVolume& volume, Duration* cost) {
    const std::string& policy = volume.spec.persistent_volume_reclaim_policy;
    if (policy == "Retain") return;
    if (policy == "Recycle") {
        if (volume.status.phase != "Failed") {
            UpdateVolumePhase(volume, "Failed", "No recycler plugin found for the volume!", cost);
            Event(volume, "Warning", "VolumeFailedRecycle", "No recycler plugin found for the volume!");
        }
        return;
    }
    if (policy != "Delete") {
        if (volume.status.phase != "Failed") {
            UpdateVolumePhase(volume, "Failed", "Volume has unrecognized PersistentVolumeReclaimPolicy", cost);
            Event(volume, "Warning", "VolumeUnknownReclaimPolicy", "Volume has unrecognized PersistentVolumeReclaimPolicy");
        }
        return;
    }
    if (volume.metadata.deletion_timestamp) return;
    const std::string provisioned_by = volume.metadata.annotations.Get(kAnnProvisionedBy);
    if (!provisioned_by.empty() && provisioned_by.rfind("kubernetes.io/", 0) != 0) return;  // external deleter
    if (!volume.spec.csi.IsNull()) return;  // CSI volumes are deleted by their driver
    // In-tree deleters: only hostPath has one, and it refuses paths outside /tmp.
    std::string error;
    if (volume.spec.host_path) {
        const std::string& path = volume.spec.host_path->path;
        const size_t pos = path.find("/tmp/");
        if (pos == std::string::npos || pos + 5 >= path.size())
            error = "host_path deleter only supports /tmp/.+ but received provided " + path;
    } else {
        error = "error getting deleter volume plugin for volume " + Quote(volume.metadata.name) +
                ": no deletable volume plugin matched";
    }
    if (!error.empty()) {
        if (volume.status.phase != "Failed") {
            UpdateVolumePhase(volume, "Failed", error, cost);
            Event(volume, "Warning", "VolumeFailedDelete", error);
        }
        return;
    }
    if (deleting_volumes_.insert(volume.metadata.name).second)
        scheduler_.After(Millis(100), id_, kDeleteVolume, volume.metadata.name);
}

void PersistentVolumeController::OnSubclassEvent(const engine::SimEvent& event) {
    if (event.op != kDeleteVolume) return;
    deleting_volumes_.erase(event.key);
    auto volume = ctx_.api.pvs().Get("", event.key);
    if (!volume || volume->status.phase != "Released") return;
    ctx_.api.pvs().Delete("", event.key);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Binder: writes

bool PersistentVolumeController::Bind(const k8s::PersistentVolume& volume, const k8s::PersistentVolumeClaim& claim,
                                      Duration* cost) {
    auto& api = ctx_.api;
    // 1. The volume points at the claim.
    apiserver::Ptr<k8s::PersistentVolume> pv = api.pvs().Get("", volume.metadata.name);
    if (!pv) return false;
    {
        k8s::PersistentVolume updated = *pv;
        bool dirty = false;
        const bool set_bound_by = !IsVolumeBoundToClaim(updated, claim);
        const auto& ref = updated.spec.claim_ref;
        if (!ref || ref->name != claim.metadata.name || ref->namespace_ != claim.metadata.namespace_ ||
            ref->uid != claim.metadata.uid) {
            updated.spec.claim_ref = ClaimRefTo(claim);
            dirty = true;
        }
        if (set_bound_by && !updated.metadata.annotations.Has(kAnnBoundByController)) {
            updated.metadata.annotations.Set(kAnnBoundByController, "yes");
            dirty = true;
        }
        if (dirty) {
            *cost += kApiCall;
            auto r = api.pvs().Update(std::move(updated));
            if (!r.ok()) return false;
            pv = r.value;
        }
    }
    // 2. The volume is Bound.
    pv = UpdateVolumePhase(*pv, "Bound", "", cost);
    if (!pv) return false;
    // 3. The claim points at the volume.
    apiserver::Ptr<k8s::PersistentVolumeClaim> pvc = api.pvcs().Get(claim.metadata.namespace_, claim.metadata.name);
    if (!pvc || pvc->metadata.uid != claim.metadata.uid) return false;
    {
        k8s::PersistentVolumeClaim updated = *pvc;
        bool dirty = false;
        if (updated.spec.volume_name != pv->metadata.name) {
            updated.spec.volume_name = pv->metadata.name;
            if (!updated.metadata.annotations.Has(kAnnBoundByController))
                updated.metadata.annotations.Set(kAnnBoundByController, "yes");
            dirty = true;
        }
        if (!updated.metadata.annotations.Has(kAnnBindCompleted)) {
            updated.metadata.annotations.Set(kAnnBindCompleted, "yes");
            dirty = true;
        }
        if (dirty) {
            *cost += kApiCall;
            auto r = api.pvcs().Update(std::move(updated));
            if (!r.ok()) return false;
            pvc = r.value;
        }
    }
    // 4. The claim is Bound, with the volume's capacity and access modes.
    UpdateClaimPhase(*pvc, "Bound", pv.get(), cost);
    return true;
}

void PersistentVolumeController::UpdateClaimPhase(const k8s::PersistentVolumeClaim& claim, const std::string& phase,
                                                  const k8s::PersistentVolume* volume, Duration* cost) {
    auto cur = ctx_.api.pvcs().Get(claim.metadata.namespace_, claim.metadata.name);
    if (!cur) return;
    k8s::PersistentVolumeClaim updated = *cur;
    updated.status.phase = phase;
    if (!volume) {
        updated.status.access_modes.clear();
        updated.status.capacity.clear();
    } else {
        updated.status.access_modes = volume->spec.access_modes;
        if (cur->status.phase != phase) updated.status.capacity = volume->spec.capacity;
    }
    if (updated.status == cur->status) return;
    *cost += kApiCall;
    ctx_.api.pvcs().UpdateStatus(std::move(updated));
}

apiserver::Ptr<k8s::PersistentVolume> PersistentVolumeController::UpdateVolumePhase(const k8s::PersistentVolume& volume,
                                                                                   const std::string& phase,
                                                                                   const std::string& message,
                                                                                   Duration* cost) {
    auto cur = ctx_.api.pvs().Get("", volume.metadata.name);
    if (!cur) return nullptr;
    if (cur->status.phase == phase) return cur;
    k8s::PersistentVolume updated = *cur;
    updated.status.phase = phase;
    updated.status.message = message;
    updated.status.last_phase_transition_time = k8s::Timestamp(ctx_.Now());
    *cost += kApiCall;
    auto r = ctx_.api.pvs().UpdateStatus(std::move(updated));
    return r.ok() ? r.value : nullptr;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] External provisioner

ExternalProvisioner::ExternalProvisioner(engine::Context& ctx)
    : QueueController(ctx.scheduler, "external-provisioner"), ctx_(ctx), rng_(ctx.RngFor("external-provisioner")) {
    auto& api = ctx_.api;
    api.pvcs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolumeClaim>& old_obj,
                                 const apiserver::Ptr<k8s::PersistentVolumeClaim>& new_obj) {
        if (type == apiserver::WatchType::kDeleted) {
            in_flight_.erase(ClaimKey(old_obj->metadata.namespace_, old_obj->metadata.name));
            failures_.erase(old_obj->metadata.uid);
            return;
        }
        const auto& c = *new_obj;
        if (!c.spec.volume_name.empty() || !c.metadata.annotations.Has(kAnnStorageProvisioner)) return;
        Enqueue("claim/" + ClaimKey(c.metadata.namespace_, c.metadata.name));
    });
    api.pvs().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::PersistentVolume>&,
                                const apiserver::Ptr<k8s::PersistentVolume>& new_obj) {
        if (type == apiserver::WatchType::kDeleted) return;
        if (new_obj->status.phase == "Released" && new_obj->spec.persistent_volume_reclaim_policy == "Delete")
            Enqueue("volume/" + new_obj->metadata.name);
    });
}

std::string ExternalProvisioner::Identity(const std::string& provisioner) {
    auto it = identities_.find(provisioner);
    if (it != identities_.end()) return it->second;
    std::string pod_name;
    if (provisioner == kLocalPath) {
        for (const auto& pod : ctx_.api.pods().List("local-path-storage"))
            if (pod->metadata.labels.Get("app") == "local-path-provisioner") pod_name = pod->metadata.name;
        if (pod_name.empty()) pod_name = "local-path-provisioner-7dc846544d-" + rng_.NameSuffix(5);
    } else {
        std::string base = ReplaceAll(provisioner, ".", "-");
        base = ReplaceAll(base, "/", "-");
        pod_name = base + "-controller-0";
    }
    const std::string identity = provisioner + "_" + pod_name + "_" + rng_.Uuid();
    identities_[provisioner] = identity;
    return identity;
}

bool ExternalProvisioner::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    if (key.rfind("claim/", 0) == 0) {
        const std::string rest = key.substr(6);
        const size_t slash = rest.find('/');
        return SyncClaim(rest.substr(0, slash), rest.substr(slash + 1), cost);
    }
    return SyncVolume(key.substr(7), cost);
}

std::string ExternalProvisioner::Reject(const k8s::PersistentVolumeClaim& claim, const k8s::StorageClass& sc,
                                        const std::string& node) const {
    if (sc.provisioner != kLocalPath) return "";
    if (claim.spec.selector && !claim.spec.selector->Empty()) return "claim.Spec.Selector is not supported";
    for (const auto& m : claim.spec.access_modes)
        if (m != "ReadWriteOnce" && m != "ReadWriteOncePod")
            return "NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes";
    if (node.empty()) return "configuration error, no node was specified";
    return "";
}

bool ExternalProvisioner::SyncClaim(const std::string& ns, const std::string& name, Duration* cost) {
    auto& api = ctx_.api;
    const std::string key = ClaimKey(ns, name);
    auto claim = api.pvcs().Get(ns, name);
    if (!claim || !claim->spec.volume_name.empty()) return true;
    const std::string provisioner = claim->metadata.annotations.Get(kAnnStorageProvisioner);
    if (provisioner.empty()) return true;
    auto sc = api.storageclasses().Get("", ClaimClass(*claim));
    if (!sc || sc->provisioner != provisioner) return true;
    const std::string node = claim->metadata.annotations.Get(kAnnSelectedNode);
    // A WaitForFirstConsumer claim is provisioned only once the scheduler chose a node.
    if (sc->volume_binding_mode.value_or("Immediate") == "WaitForFirstConsumer" && node.empty()) return true;
    if (api.pvs().Get("", "pvc-" + claim->metadata.uid)) return true;  // already provisioned
    auto running = in_flight_.find(key);
    if (running != in_flight_.end() && running->second.uid == claim->metadata.uid) return true;
    if (failures_[claim->metadata.uid] >= kFailedProvisionThreshold) return true;

    const engine::EventSource source{Identity(provisioner), ""};
    const auto ref = engine::EventRecorder::RefTo(*claim);
    if (claim->spec.volume_mode.value_or("Filesystem") == "Block" && provisioner == kLocalPath) {
        ctx_.recorder.Record(ref, "Warning", "ProvisioningFailed",
                             provisioner + " does not support block volume provisioning", source);
        Retry(key, claim->metadata.uid);
        return true;
    }
    ctx_.recorder.Record(ref, "Normal", "Provisioning",
                         "External provisioner is provisioning volume for claim " + Quote(key), source);
    *cost += kApiCall;
    const std::string rejected = Reject(*claim, *sc, node);
    if (!rejected.empty()) {
        ctx_.recorder.Record(ref, "Warning", "ProvisioningFailed",
                             "failed to provision volume with StorageClass " + Quote(sc->metadata.name) + ": " + rejected,
                             source);
        Retry(key, claim->metadata.uid);
        return true;
    }
    Operation op{claim->metadata.uid, next_attempt_++};
    in_flight_[key] = op;
    // local-path's helper pod gives up after 120 polls of one second each.
    const Duration took = failing_ ? Seconds(120) : ProvisioningDelay();
    scheduler_.After(took, id_, kProvisionDone, key, op.attempt);
    return true;
}

void ExternalProvisioner::OnSubclassEvent(const engine::SimEvent& event) {
    if (event.op == kProvisionDone) FinishProvisioning(event.key, event.arg);
    if (event.op == kDeleteDone) FinishDeletion(event.key);
}

void ExternalProvisioner::Retry(const std::string& claim_key, const std::string& uid) {
    const int n = failures_[uid]++;
    EnqueueAfter("claim/" + claim_key, std::min<Duration>(Seconds(15) << std::min(n, 10), Seconds(1000)));
}

void ExternalProvisioner::FinishProvisioning(const std::string& claim_key, uint64_t attempt) {
    auto running = in_flight_.find(claim_key);
    if (running == in_flight_.end() || running->second.attempt != attempt) return;
    const std::string uid = running->second.uid;
    in_flight_.erase(running);
    auto& api = ctx_.api;
    const size_t slash = claim_key.find('/');
    auto claim = api.pvcs().Get(claim_key.substr(0, slash), claim_key.substr(slash + 1));
    if (!claim || claim->metadata.uid != uid || !claim->spec.volume_name.empty()) return;
    auto sc = api.storageclasses().Get("", ClaimClass(*claim));
    if (!sc) return;
    const std::string provisioner = sc->provisioner;
    const engine::EventSource source{Identity(provisioner), ""};
    const auto ref = engine::EventRecorder::RefTo(*claim);
    const std::string pv_name = "pvc-" + uid;
    if (failing_) {
        ctx_.recorder.Record(ref, "Warning", "ProvisioningFailed",
                             "failed to provision volume with StorageClass " + Quote(sc->metadata.name) +
                                 ": failed to create volume " + pv_name + ": create process timeout after 120 seconds",
                             source);
        Retry(claim_key, uid);
        return;
    }
    auto created = api.pvs().Create(BuildVolume(*claim, *sc, claim->metadata.annotations.Get(kAnnSelectedNode)));
    if (!created.ok() && created.error.reason != "AlreadyExists") {
        ctx_.recorder.Record(ref, "Warning", "ProvisioningFailed",
                             "failed to provision volume with StorageClass " + Quote(sc->metadata.name) + ": " +
                                 created.error.message,
                             source);
        Retry(claim_key, uid);
        return;
    }
    failures_.erase(uid);
    ctx_.recorder.Record(ref, "Normal", "ProvisioningSucceeded", "Successfully provisioned volume " + pv_name, source);
}

k8s::PersistentVolume ExternalProvisioner::BuildVolume(const k8s::PersistentVolumeClaim& claim,
                                                       const k8s::StorageClass& sc, const std::string& node) const {
    k8s::PersistentVolume pv;
    pv.metadata.name = "pvc-" + claim.metadata.uid;
    pv.metadata.annotations.Set(kAnnProvisionedBy, sc.provisioner);
    pv.spec.capacity.Set("storage", claim.spec.resources.requests.Get("storage"));
    pv.spec.access_modes = claim.spec.access_modes;
    pv.spec.claim_ref = ClaimRefTo(claim);
    pv.spec.persistent_volume_reclaim_policy = sc.reclaim_policy.value_or("Delete");
    pv.spec.storage_class_name = sc.metadata.name;
    pv.spec.mount_options = sc.mount_options;
    pv.spec.volume_mode = claim.spec.volume_mode.value_or("Filesystem");
    std::string hostname = node;
    if (auto n = ctx_.api.nodes().Get("", node)) hostname = n->metadata.labels.Get("kubernetes.io/hostname", node);
    const Value affinity = Value::MakeObject(
        {{"required",
          Value::MakeObject(
              {{"nodeSelectorTerms",
                Value::MakeArray({Value::MakeObject(
                    {{"matchExpressions",
                      Value::MakeArray({Value::MakeObject({{"key", "kubernetes.io/hostname"},
                                                           {"operator", "In"},
                                                           {"values", Value::MakeArray({Value(hostname)})}})})}})})}})}});
    if (sc.provisioner == kLocalPath) {
        pv.metadata.annotations.Set("local.path.provisioner/selected-node", node);
        k8s::HostPathVolumeSource hp;
        hp.path = std::string(kLocalPathRoot) + "/" + pv.metadata.name + "_" + claim.metadata.namespace_ + "_" +
                  claim.metadata.name;
        hp.type = "DirectoryOrCreate";
        pv.spec.host_path = hp;
        pv.spec.node_affinity = affinity;
    } else {
        pv.spec.csi = Value::MakeObject({{"driver", sc.provisioner}, {"fsType", "ext4"}, {"volumeHandle", pv.metadata.name}});
        if (!node.empty()) pv.spec.node_affinity = affinity;
    }
    return pv;
}

bool ExternalProvisioner::SyncVolume(const std::string& name, Duration* cost) {
    auto volume = ctx_.api.pvs().Get("", name);
    if (!volume || volume->status.phase != "Released" || volume->spec.persistent_volume_reclaim_policy != "Delete")
        return true;
    if (volume->metadata.deletion_timestamp) return true;
    const std::string provisioner = volume->metadata.annotations.Get(kAnnProvisionedBy);
    if (provisioner.empty() || provisioner.rfind("kubernetes.io/", 0) == 0) return true;
    if (!deleting_.insert(name).second) return true;
    *cost += kApiCall;
    // local-path tears the directory down with a helper pod too.
    scheduler_.After(provisioner == kLocalPath ? ProvisioningDelay() : Millis(800), id_, kDeleteDone, name);
    return true;
}

void ExternalProvisioner::FinishDeletion(const std::string& volume_name) {
    deleting_.erase(volume_name);
    auto volume = ctx_.api.pvs().Get("", volume_name);
    if (!volume || volume->status.phase != "Released") return;
    ctx_.api.pvs().Delete("", volume_name);
}

}  // namespace sts::controllers
