// Pod and claim side effects with their Events, after upstream's stateful_pod_control_test.go,
// against the simulated API server (so validation and admission apply as on a real cluster).
#include <gtest/gtest.h>

#include "controllers/statefulset/pod_control.h"
#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

class StatefulPodControlTest : public ::testing::Test, public Env {
protected:
    StatefulPodControlTest() : real_om(api), om(real_om), pc(om, recorder, gates) {}

    std::shared_ptr<const k8s::StatefulSet> MakeSet(Policy policy = Policy::kRetain, int replicas = 3) {
        auto set = NewStatefulSet(replicas);
        set.spec.persistent_volume_claim_retention_policy = PolicyValue(policy);
        return CreateSet(set);
    }
    k8s::Pod NewPod(const k8s::StatefulSet& set, int ordinal) { return NewStatefulSetPod(set, ordinal, true); }

    ApiObjectManager real_om;
    FakeObjectManager om;
    StatefulPodControl pc;
};

TEST_F(StatefulPodControlTest, CreatesPods) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    EXPECT_TRUE(Pod(0));
    EXPECT_TRUE(Claim(0));
    EXPECT_EQ(Events(), (std::vector<std::string>{
                            "Normal SuccessfulCreate create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success",
                            "Normal SuccessfulCreate create Pod foo-0 in StatefulSet foo successful"}));
    // The stored pod is what a real cluster shows: identity, owner, claim volume, Pending.
    auto pod = Pod(0);
    EXPECT_EQ(pod->status.phase, "Pending");
    EXPECT_EQ(pod->spec->hostname, "foo-0");
    EXPECT_EQ(pod->spec->subdomain, "governingsvc");
    EXPECT_EQ(pod->metadata.ControllerRef()->uid, set->metadata.uid);
    EXPECT_TRUE(StorageMatches(*set, *pod));
    EXPECT_EQ(Claim(0)->metadata.labels.Get("foo"), "bar");
}

TEST_F(StatefulPodControlTest, CreatePodExistsIsSunkWithoutEvents) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    const size_t events = Events().size();
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    EXPECT_TRUE(err.IsAlreadyExists());
    EXPECT_EQ(Events().size(), events);
}

TEST_F(StatefulPodControlTest, CreatePodPvcCreateFailure) {
    auto set = MakeSet();
    om.create_claim.err = InternalError();
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    ASSERT_TRUE(err);
    EXPECT_FALSE(Pod(0));
    EXPECT_EQ(Events(),
              (std::vector<std::string>{
                  "Warning FailedCreate create Claim datadir-foo-0 for Pod foo-0 in StatefulSet foo failed error: "
                  "Internal error occurred: API server failed",
                  "Warning FailedCreate create Pod foo-0 in StatefulSet foo failed error: failed to create PVC "
                  "datadir-foo-0: Internal error occurred: API server failed"}));
}

TEST_F(StatefulPodControlTest, CreatePodPvcGetFailure) {
    // The claim cannot be read (not NotFound: the read itself failed): the pod is not created,
    // and both the claim and the pod get a Warning.
    auto set = MakeSet();
    om.get_claim.err = InternalError("API server down");
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    ASSERT_TRUE(err);
    EXPECT_EQ(err.message(), "failed to retrieve PVC datadir-foo-0: Internal error occurred: API server down");
    EXPECT_FALSE(Pod(0));
    EXPECT_FALSE(Claim(0));
    EXPECT_EQ(om.create_claim.requests, 0);
    EXPECT_EQ(Events(),
              (std::vector<std::string>{
                  "Warning FailedCreate create Claim datadir-foo-0 for Pod foo-0 in StatefulSet foo failed error: "
                  "Internal error occurred: API server down",
                  "Warning FailedCreate create Pod foo-0 in StatefulSet foo failed error: failed to retrieve PVC "
                  "datadir-foo-0: Internal error occurred: API server down"}));
}

TEST_F(StatefulPodControlTest, CreatePodPVCDeleting) {
    auto set = MakeSet();
    auto claim = GetPersistentVolumeClaims(*set, NewPod(*set, 0))[0].second;
    ASSERT_TRUE(api.pvcs().Create(claim).ok());
    api.pvcs().Delete("default", "datadir-foo-0");  // pvc-protection keeps it Terminating
    ASSERT_TRUE(Claim(0)->metadata.IsTerminating());
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    ASSERT_TRUE(err);
    EXPECT_EQ(err.message(), "pvc datadir-foo-0 is being deleted");
    EXPECT_FALSE(Pod(0));
    EXPECT_EQ(Events(), (std::vector<std::string>{"Warning FailedCreate create Pod foo-0 in StatefulSet foo failed "
                                                  "error: pvc datadir-foo-0 is being deleted"}));
}

TEST_F(StatefulPodControlTest, CreatePodFailed) {
    auto set = MakeSet();
    om.create_pod.err = InternalError();
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    ASSERT_TRUE(err);
    EXPECT_EQ(Events(), (std::vector<std::string>{
                            "Normal SuccessfulCreate create Claim datadir-foo-0 Pod foo-0 in StatefulSet foo success",
                            "Warning FailedCreate create Pod foo-0 in StatefulSet foo failed error: Internal error "
                            "occurred: API server failed"}));
}

TEST_F(StatefulPodControlTest, CreatePodRejectedByValidationShowsTheApiServerError) {
    auto set_obj = NewStatefulSet(1);
    set_obj.spec.template_.spec.containers[0].image.clear();  // the set itself is valid
    auto set = CreateSet(set_obj);
    ASSERT_TRUE(set);
    Error err = pc.CreateStatefulPod(*set, NewPod(*set, 0));
    ASSERT_TRUE(err);
    EXPECT_EQ(Events().back(), "Warning FailedCreate create Pod foo-0 in StatefulSet foo failed error: Pod \"foo-0\" is "
                               "invalid: spec.containers[0].image: Required value");
}

TEST_F(StatefulPodControlTest, NoOpUpdate) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    const size_t events = Events().size();
    EXPECT_FALSE(pc.UpdateStatefulPod(*set, *Pod(0)));
    EXPECT_EQ(om.update_pod.requests, 0);
    EXPECT_EQ(Events().size(), events);
}

TEST_F(StatefulPodControlTest, UpdatesIdentity) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    // Someone strips the identity labels.
    k8s::Pod stripped = *Pod(0);
    stripped.metadata.labels.Erase(kStatefulSetPodNameLabel);
    stripped.metadata.labels.Erase(kPodIndexLabel);
    ASSERT_TRUE(api.pods().Update(stripped).ok());
    ASSERT_FALSE(IdentityMatches(*set, *Pod(0)));
    EXPECT_FALSE(pc.UpdateStatefulPod(*set, *Pod(0)));
    EXPECT_TRUE(IdentityMatches(*set, *Pod(0)));
    EXPECT_EQ(Pod(0)->metadata.labels.Get(kPodIndexLabel), "0");
    EXPECT_EQ(Events().back(), "Normal SuccessfulUpdate update Pod foo-0 in StatefulSet foo successful");
}

TEST_F(StatefulPodControlTest, UpdateIdentityFailure) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    k8s::Pod stripped = *Pod(0);
    stripped.metadata.labels.Erase(kStatefulSetPodNameLabel);
    ASSERT_TRUE(api.pods().Update(stripped).ok());
    om.update_pod.err = InternalError();
    Error err = pc.UpdateStatefulPod(*set, *Pod(0));
    ASSERT_TRUE(err);
    EXPECT_FALSE(IdentityMatches(*set, *Pod(0)));
    EXPECT_EQ(Events().back(), "Warning FailedUpdate update Pod foo-0 in StatefulSet foo failed error: Internal error "
                               "occurred: API server failed");
}

TEST_F(StatefulPodControlTest, UpdatePodConflictRetries) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    k8s::Pod stripped = *Pod(0);
    stripped.metadata.labels.Erase(kStatefulSetPodNameLabel);
    ASSERT_TRUE(api.pods().Update(stripped).ok());
    om.update_pod.err = Error::Message("Operation cannot be fulfilled", "Conflict");
    EXPECT_FALSE(pc.UpdateStatefulPod(*set, *Pod(0)));
    EXPECT_EQ(om.update_pod.requests, 2);
    EXPECT_TRUE(IdentityMatches(*set, *Pod(0)));
}

TEST_F(StatefulPodControlTest, UpdatePodStorageOfALivePodIsForbiddenByTheApiServer) {
    // updateStorage changes spec.volumes, which pod validation forbids on a live pod: the real
    // controller gets the same rejection (the missing claim is still created first).
    auto set = MakeSet();
    auto pod = NewPod(*set, 0);
    pod.spec.Mut().volumes[0].persistent_volume_claim->claim_name = "elsewhere";
    ASSERT_TRUE(api.pods().Create(pod).ok());
    Error err = pc.UpdateStatefulPod(*set, *Pod(0));
    ASSERT_TRUE(err);
    EXPECT_TRUE(Claim(0));
    EXPECT_NE(err.message().find("pod updates may not change fields"), std::string::npos) << err.message();
    EXPECT_NE(Events().back().find("Warning FailedUpdate update Pod foo-0 in StatefulSet foo failed error: Pod "
                                   "\"foo-0\" is invalid: spec: Forbidden"),
              std::string::npos)
        << Events().back();
}

TEST_F(StatefulPodControlTest, DeletesStatefulPod) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    EXPECT_FALSE(pc.DeleteStatefulPod(*set, *Pod(0)));
    EXPECT_FALSE(Pod(0));  // never scheduled: no kubelet to wait for
    EXPECT_EQ(Events().back(), "Normal SuccessfulDelete delete Pod foo-0 in StatefulSet foo successful");
}

TEST_F(StatefulPodControlTest, DeleteOfARunningPodIsGraceful) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    RunAndReady(0);
    EXPECT_FALSE(pc.DeleteStatefulPod(*set, *Pod(0)));
    ASSERT_TRUE(Pod(0));
    EXPECT_TRUE(Pod(0)->metadata.IsTerminating());
    EXPECT_EQ(Pod(0)->metadata.deletion_grace_period_seconds.value_or(0), 30);
}

TEST_F(StatefulPodControlTest, DeleteFailure) {
    auto set = MakeSet();
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    om.delete_pod.err = InternalError();
    EXPECT_TRUE(pc.DeleteStatefulPod(*set, *Pod(0)));
    EXPECT_TRUE(Pod(0));
    EXPECT_EQ(Events().back(), "Warning FailedDelete delete Pod foo-0 in StatefulSet foo failed error: Internal error "
                               "occurred: API server failed");
}

TEST_F(StatefulPodControlTest, ClaimsMatchDeletionPolicy) {
    auto set = MakeSet(Policy::kRetain);
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    auto [match, err] = pc.ClaimsMatchRetentionPolicy(*set, *Pod(0));
    EXPECT_FALSE(err);
    EXPECT_TRUE(match);
    auto with_delete = *set;
    with_delete.spec.persistent_volume_claim_retention_policy =
        k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Delete", "Retain"};
    auto [match2, err2] = pc.ClaimsMatchRetentionPolicy(with_delete, *Pod(0));
    EXPECT_FALSE(err2);
    EXPECT_FALSE(match2);
}

TEST_F(StatefulPodControlTest, RetentionPolicyUpdateAddsSetRef) {
    auto set = MakeSet(Policy::kRetain);
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    EXPECT_FALSE(HasOwnerRef(Claim(0)->metadata, set->metadata.uid));
    UpdateSet([](k8s::StatefulSet& s) {
        s.spec.persistent_volume_claim_retention_policy =
            k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Delete", "Retain"};
    });
    EXPECT_FALSE(pc.UpdateStatefulPod(*Set(), *Pod(0)));
    EXPECT_TRUE(HasOwnerRef(Claim(0)->metadata, set->metadata.uid));
    // Fixing claims marks the pod dirty, so the (no-op) pod write records an update event.
    EXPECT_EQ(Events().back(), "Normal SuccessfulUpdate update Pod foo-0 in StatefulSet foo successful");
}

TEST_F(StatefulPodControlTest, RetainDeletionPolicyUpdateRemovesSetRef) {
    auto set = MakeSet(Policy::kSetDeleteOnly);
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    EXPECT_TRUE(HasOwnerRef(Claim(0)->metadata, set->metadata.uid));
    UpdateSet([](k8s::StatefulSet& s) {
        s.spec.persistent_volume_claim_retention_policy =
            k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Retain", "Retain"};
    });
    EXPECT_FALSE(pc.UpdateStatefulPod(*Set(), *Pod(0)));
    EXPECT_FALSE(HasOwnerRef(Claim(0)->metadata, set->metadata.uid));
}

TEST_F(StatefulPodControlTest, RetentionPolicyUpdateMissingClaims) {
    auto set = MakeSet(Policy::kDelete);
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    DeleteClaim("datadir-foo-0");
    ASSERT_FALSE(Claim(0));
    // A missing claim is picked up later, not an error.
    EXPECT_FALSE(pc.UpdatePodClaimForRetentionPolicy(*set, *Pod(0)));
    auto [match, err] = pc.ClaimsMatchRetentionPolicy(*set, *Pod(0));
    EXPECT_FALSE(err);
    EXPECT_TRUE(match);
}

TEST_F(StatefulPodControlTest, ConflictingControllerEvent) {
    auto set = MakeSet(Policy::kDelete);
    auto claim = GetPersistentVolumeClaims(*set, NewPod(*set, 0))[0].second;
    k8s::OwnerReference other;
    other.api_version = "apps/v1";
    other.kind = "ReplicaSet";
    other.name = "rs";
    other.uid = "rs-uid";
    other.controller = true;
    claim.metadata.owner_references.push_back(other);
    ASSERT_TRUE(api.pvcs().Create(claim).ok());
    ASSERT_FALSE(pc.CreateStatefulPod(*set, NewPod(*set, 0)));
    EXPECT_EQ(Claim(0)->metadata.owner_references.size(), 1u);
    bool found = false;
    for (const auto& e : Events())
        found = found || e == "Warning ConflictingController PersistentVolumeClaim datadir-foo-0 has a conflicting "
                              "OwnerReference that acts as a manging controller, the retention policy is ignored for "
                              "this claim";
    EXPECT_TRUE(found);
}

TEST_F(StatefulPodControlTest, PodClaimIsStale) {
    auto set = MakeSet(Policy::kScaleDownOnly);
    auto pod = NewPod(*set, 0);
    // No claim: not stale.
    EXPECT_FALSE(pc.PodClaimIsStale(*set, pod).first);
    auto claim = GetPersistentVolumeClaims(*set, pod)[0].second;
    auto earlier = pod;
    earlier.metadata.uid = "earlier-uid";
    claim.metadata.owner_references.push_back(NewControllerRef(earlier));
    ASSERT_TRUE(api.pvcs().Create(claim).ok());
    // The placeholder has no UID yet: any pod ref is someone else's.
    EXPECT_TRUE(pc.PodClaimIsStale(*set, pod).first);
    auto same = pod;
    same.metadata.uid = "earlier-uid";
    EXPECT_FALSE(pc.PodClaimIsStale(*set, same).first);
    // Under whenScaled: Retain claims are always reused.
    auto retain = *set;
    retain.spec.persistent_volume_claim_retention_policy = k8s::StatefulSetPersistentVolumeClaimRetentionPolicy{"Retain", "Retain"};
    EXPECT_FALSE(pc.PodClaimIsStale(retain, pod).first);
}

}  // namespace
}  // namespace sts::controllers::statefulset::testing
