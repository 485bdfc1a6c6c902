// The PersistentVolume binder (pkg/controller/volume/persistentvolume/pv_controller.go) and a
// simulated external provisioner (sigs.k8s.io/sig-storage-lib-external-provisioner driving
// rancher/local-path-provisioner, plus a generic stand-in for any other provisioner name).
//
// Binder: claims of an Immediate class bind (or get a volume provisioned) as soon as they
// exist; claims of a WaitForFirstConsumer class stay Pending with a WaitForFirstConsumer
// (or WaitForPodScheduled) event until kube-scheduler writes the
// volume.kubernetes.io/selected-node annotation. Static PVs match by class, access modes,
// volume mode, selector and size (smallest that fits). A deleted claim releases its PV,
// whose reclaim policy then applies: Retain keeps it Released with its claimRef, Delete
// removes it (the external provisioner does that for the volumes it made).
//
// Provisioner: sees claims the binder annotated with volume.kubernetes.io/storage-provisioner,
// emits Provisioning, takes a couple of seconds (local-path runs a helper pod), creates
// PV pvc-<claim uid> bound to the claim (hostPath under /var/local-path-provisioner with node
// affinity to the selected node) and emits ProvisioningSucceeded; failures emit
// ProvisioningFailed and retry with back-off (15 s doubling).
//
// Unbound claims are re-examined every 15 s, as the binder's resync does
// (--pvclaimbinder-sync-period), which is why their events count up (x2, x3 ...).
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>

#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

class ExternalProvisioner;

// Annotation and label names shared with kube-scheduler and kubectl.
inline constexpr const char* kAnnSelectedNode = "volume.kubernetes.io/selected-node";
inline constexpr const char* kAnnStorageProvisioner = "volume.kubernetes.io/storage-provisioner";
inline constexpr const char* kAnnBetaStorageProvisioner = "volume.beta.kubernetes.io/storage-provisioner";
inline constexpr const char* kAnnBindCompleted = "pv.kubernetes.io/bind-completed";
inline constexpr const char* kAnnBoundByController = "pv.kubernetes.io/bound-by-controller";
inline constexpr const char* kAnnProvisionedBy = "pv.kubernetes.io/provisioned-by";

class PersistentVolumeController final : public engine::QueueController {
public:
    explicit PersistentVolumeController(engine::Context& ctx);
    ~PersistentVolumeController() override;

    // Simulator control: every provisioning attempt fails (local-path's helper pod never
    // completes: "create process timeout after 120 seconds") until turned off again.
    void SetProvisionerFailing(bool failing);
    bool ProvisionerFailing() const;
    // The binder's periodic resync of unbound claims (default 15 s; 0 turns it off).
    void SetResyncPeriod(Duration period) { resync_period_ = period; }

    ExternalProvisioner& provisioner() { return *provisioner_; }

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    bool SyncClaim(const std::string& ns, const std::string& name, Duration* cost);
    bool SyncUnboundClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost);
    bool SyncBoundClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost);
    bool SyncVolume(const std::string& name, Duration* cost);

    // The best Available (or pre-bound) PV for a claim, or nullptr.
    apiserver::Ptr<k8s::PersistentVolume> FindBestMatch(const k8s::PersistentVolumeClaim& claim,
                                                        bool delay_binding, const std::string& node) const;
    bool Bind(const k8s::PersistentVolume& volume, const k8s::PersistentVolumeClaim& claim, Duration* cost);
    void Index(const k8s::PersistentVolume& pv);
    void Unindex(const k8s::PersistentVolume& pv);
    void ProvisionClaim(const k8s::PersistentVolumeClaim& claim, Duration* cost);
    void EmitDelayBindingEvent(const k8s::PersistentVolumeClaim& claim);
    void UpdateClaimPhase(const k8s::PersistentVolumeClaim& claim, const std::string& phase,
                          const k8s::PersistentVolume* volume, Duration* cost);
    apiserver::Ptr<k8s::PersistentVolume> UpdateVolumePhase(const k8s::PersistentVolume& volume,
                                                           const std::string& phase, const std::string& message,
                                                           Duration* cost);
    void ReclaimVolume(const k8s::PersistentVolume& volume, Duration* cost);
    void Event(const k8s::PersistentVolumeClaim& claim, std::string_view type, std::string_view reason,
               std::string message);
    void Event(const k8s::PersistentVolume& volume, std::string_view type, std::string_view reason,
               std::string message);

    enum SubOp : uint16_t { kDeleteVolume = kFirstSubclassOp };
    void OnSubclassEvent(const engine::SimEvent& event) override;

    engine::Context& ctx_;
    std::unique_ptr<ExternalProvisioner> provisioner_;
    Duration resync_period_ = Seconds(15);
    // "ns/claim" -> pod name -> when the pod appeared. The binder's pod informer lags the API a
    // little, so a pod created right after its claim is not yet seen when the claim is first
    // synced (hence WaitForFirstConsumer rather than WaitForPodScheduled).
    std::map<std::string, std::map<std::string, Time>> pods_by_claim_;
    std::set<std::string> deleting_volumes_;                       // in-tree deletions under way
    // Volume index (the binder's persistentVolumeOrderedIndex): volumes by the claim their
    // claimRef names, and the volumes nobody claims, so matching a claim never scans them all.
    std::map<std::string, std::set<std::string>> volumes_by_claim_;  // "ns/claim" -> PV names
    std::set<std::string> unclaimed_volumes_;
};

// The external provisioner side (one component standing for every out-of-tree provisioner).
class ExternalProvisioner final : public engine::QueueController {
public:
    explicit ExternalProvisioner(engine::Context& ctx);

    void SetFailing(bool failing) { failing_ = failing; }
    bool failing() const { return failing_; }
    // How long a successful local-path provisioning takes (helper pod round trip).
    Duration ProvisioningDelay() const { return Millis(1800); }
    // The event source of a provisioner, "<name>_<pod>_<uuid>" as the library names itself.
    std::string Identity(const std::string& provisioner);

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    enum SubOp : uint16_t { kProvisionDone = kFirstSubclassOp, kDeleteDone };
    void OnSubclassEvent(const engine::SimEvent& event) override;
    bool SyncClaim(const std::string& ns, const std::string& name, Duration* cost);
    bool SyncVolume(const std::string& name, Duration* cost);
    void FinishProvisioning(const std::string& claim_key, uint64_t attempt);
    void FinishDeletion(const std::string& volume_name);
    void Retry(const std::string& claim_key, const std::string& uid);
    // Why this provisioner refuses the claim, or "" when it can try.
    std::string Reject(const k8s::PersistentVolumeClaim& claim, const k8s::StorageClass& sc,
                       const std::string& node) const;
    k8s::PersistentVolume BuildVolume(const k8s::PersistentVolumeClaim& claim, const k8s::StorageClass& sc,
                                      const std::string& node) const;

    struct Operation {
        std::string uid;
        uint64_t attempt = 0;
    };

    engine::Context& ctx_;
    bool failing_ = false;
    uint64_t next_attempt_ = 1;
    std::map<std::string, Operation> in_flight_;   // claim key -> running operation
    std::map<std::string, int> failures_;          // claim uid -> consecutive failures
    std::set<std::string> deleting_;               // volumes being torn down
    std::map<std::string, std::string> identities_;
    Rng rng_;
};

}  // namespace sts::controllers
