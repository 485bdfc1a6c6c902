// The PersistentVolume binder and the simulated local-path provisioner: WaitForFirstConsumer vs
// Immediate, static matching, reclaim policies, provisioning failures (reference §5).
#include <gtest/gtest.h>

#include "controllers/gc_test_env.h"
#include "controllers/persistent_volume_controller.h"
#include "controllers/pvc_protection_controller.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

class PvTest : public ::testing::Test {
protected:
    TestCluster c;
    PersistentVolumeController pv_controller{c.ctx};
    PvcProtectionController protection{c.ctx};

    void SetUp() override {
        // The local-path provisioner's pod names the provisioner's event source.
        k8s::Pod p;
        p.metadata.namespace_ = "local-path-storage";
        p.metadata.name = "local-path-provisioner-7dc846544d-x2x9w";
        p.metadata.labels = {{"app", "local-path-provisioner"}};
        k8s::Container ctr;
        ctr.name = "local-path-provisioner";
        ctr.image = "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a";
        p.spec.Mut().containers.push_back(ctr);
        ASSERT_TRUE(c.api.pods().Create(p).ok());
    }

    void SelectNode(const std::string& ns, const std::string& claim, const std::string& node) {
        k8s::PersistentVolumeClaim updated = *c.api.pvcs().Get(ns, claim);
        updated.metadata.annotations.Set(kAnnSelectedNode, node);
        ASSERT_TRUE(c.api.pvcs().Update(updated).ok());
    }

    std::vector<std::string> Reasons(const std::string& claim) {
        std::vector<std::string> out;
        for (const auto& e : c.EventsFor("PersistentVolumeClaim", "default", claim))
            out.push_back(e.substr(0, e.find(':')));
        return out;
    }
};

TEST_F(PvTest, WaitForFirstConsumerClaimStaysPendingUntilTheSchedulerPicksANode) {
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer", "Delete", true);
    auto claim = c.Claim("default", "www-web-0", std::nullopt);
    EXPECT_EQ(claim->spec.storage_class_name.value_or(""), "standard");  // DefaultStorageClass admission
    c.Run(Minutes(2));
    auto now = c.api.pvcs().Get("default", "www-web-0");
    EXPECT_EQ(now->status.phase, "Pending");
    EXPECT_TRUE(now->spec.volume_name.empty());
    EXPECT_EQ(c.api.pvs().Size(), 0u);
    auto ev = c.FindEvent("www-web-0", "WaitForFirstConsumer");
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->type, "Normal");
    EXPECT_EQ(ev->message, "waiting for first consumer to be created before binding");
    EXPECT_EQ(ev->source.component, "persistentvolume-controller");
    // The binder's 15 s resync repeats the event: 1 at creation + 8 resyncs in two minutes.
    EXPECT_EQ(ev->count, 9);
    EXPECT_FALSE(now->metadata.annotations.Has(kAnnStorageProvisioner));
}

TEST_F(PvTest, AnUnscheduledPodUsingTheClaimIsNamedInTheEvent) {
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer");
    c.Claim("default", "www-web-0", "standard");
    c.Pod("default", "web-0", {}, {"www-web-0"});
    c.Run(Seconds(16));  // the next resync sees the pod
    auto ev = c.FindEvent("www-web-0", "WaitForPodScheduled");
    ASSERT_TRUE(ev);
    EXPECT_EQ(ev->message, "waiting for pod web-0 to be scheduled");
}

TEST_F(PvTest, SelectedNodeTriggersLocalPathProvisioningAndBinding) {
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer", "Delete", true);
    auto claim = c.Claim("default", "www-web-0", std::nullopt);
    c.Run(Millis(100));
    const Time selected = c.Now();
    SelectNode("default", "www-web-0", "kind-worker2");
    c.Run(Millis(1000));
    EXPECT_EQ(c.api.pvcs().Get("default", "www-web-0")->status.phase, "Pending");  // helper pod still running
    c.Run(Seconds(5));

    const std::string pv_name = "pvc-" + claim->metadata.uid;
    auto pv = c.api.pvs().Get("", pv_name);
    ASSERT_TRUE(pv);
    EXPECT_GE(pv->metadata.creation_timestamp.ms, TruncateToSeconds(selected + Millis(1800)));
    EXPECT_EQ(pv->status.phase, "Bound");
    EXPECT_EQ(pv->spec.persistent_volume_reclaim_policy, "Delete");
    EXPECT_EQ(pv->spec.storage_class_name, "standard");
    EXPECT_EQ(pv->spec.capacity.Get("storage"), "1Gi");
    EXPECT_EQ(pv->spec.access_modes, std::vector<std::string>{"ReadWriteOnce"});
    ASSERT_TRUE(pv->spec.host_path);
    EXPECT_EQ(pv->spec.host_path->path, "/var/local-path-provisioner/" + pv_name + "_default_www-web-0");
    EXPECT_EQ(pv->spec.host_path->type.value_or(""), "DirectoryOrCreate");
    EXPECT_EQ(pv->spec.node_affinity.ToJson(),
              R"({"required":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"kubernetes.io/hostname","operator":"In","values":["kind-worker2"]}]}]}})");
    EXPECT_EQ(pv->metadata.annotations.Get(kAnnProvisionedBy), "rancher.io/local-path");
    EXPECT_EQ(pv->metadata.annotations.Get("local.path.provisioner/selected-node"), "kind-worker2");
    EXPECT_FALSE(pv->metadata.annotations.Has(kAnnBoundByController));  // the provisioner set claimRef itself
    EXPECT_TRUE(pv->metadata.HasFinalizer("kubernetes.io/pv-protection"));
    ASSERT_TRUE(pv->spec.claim_ref);
    EXPECT_EQ(pv->spec.claim_ref->kind, "PersistentVolumeClaim");
    EXPECT_EQ(pv->spec.claim_ref->namespace_, "default");
    EXPECT_EQ(pv->spec.claim_ref->name, "www-web-0");
    EXPECT_EQ(pv->spec.claim_ref->uid, claim->metadata.uid);

    auto bound = c.api.pvcs().Get("default", "www-web-0");
    EXPECT_EQ(bound->status.phase, "Bound");
    EXPECT_EQ(bound->spec.volume_name, pv_name);
    EXPECT_EQ(bound->status.capacity.Get("storage"), "1Gi");
    EXPECT_EQ(bound->status.access_modes, std::vector<std::string>{"ReadWriteOnce"});
    EXPECT_EQ(bound->metadata.annotations.Get(kAnnBindCompleted), "yes");
    EXPECT_EQ(bound->metadata.annotations.Get(kAnnBoundByController), "yes");
    EXPECT_EQ(bound->metadata.annotations.Get(kAnnBetaStorageProvisioner), "rancher.io/local-path");
    EXPECT_EQ(bound->metadata.annotations.Get(kAnnStorageProvisioner), "rancher.io/local-path");
    EXPECT_EQ(bound->metadata.annotations.Get(kAnnSelectedNode), "kind-worker2");

    EXPECT_EQ(Reasons("www-web-0"), (std::vector<std::string>{"Normal WaitForFirstConsumer", "Normal ExternalProvisioning",
                                                              "Normal Provisioning", "Normal ProvisioningSucceeded"}));
    auto ext = c.FindEvent("www-web-0", "ExternalProvisioning");
    EXPECT_EQ(ext->message,
              "Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or "
              "manually by the system administrator. If volume creation is delayed, please verify that the "
              "provisioner is running and correctly registered.");
    EXPECT_EQ(ext->source.component, "persistentvolume-controller");
    auto prov = c.FindEvent("www-web-0", "Provisioning");
    EXPECT_EQ(prov->message, "External provisioner is provisioning volume for claim \"default/www-web-0\"");
    EXPECT_EQ(prov->source.component.rfind("rancher.io/local-path_local-path-provisioner-7dc846544d-x2x9w_", 0), 0u);
    auto ok = c.FindEvent("www-web-0", "ProvisioningSucceeded");
    EXPECT_EQ(ok->message, "Successfully provisioned volume " + pv_name);
    EXPECT_EQ(ok->source.component, prov->source.component);
}

TEST_F(PvTest, ImmediateClassProvisionsAsSoonAsTheClaimExists) {
    c.StorageClass("fast", "example.com/fast-ssd", "Immediate");
    auto claim = c.Claim("default", "data", "fast", "5Gi");
    c.Run(Seconds(3));
    auto bound = c.api.pvcs().Get("default", "data");
    EXPECT_EQ(bound->status.phase, "Bound");
    auto pv = c.api.pvs().Get("", "pvc-" + claim->metadata.uid);
    ASSERT_TRUE(pv);
    EXPECT_EQ(pv->spec.csi.GetString("driver"), "example.com/fast-ssd");
    EXPECT_TRUE(pv->spec.node_affinity.IsNull());  // no node was involved
    EXPECT_EQ(Reasons("data"), (std::vector<std::string>{"Normal ExternalProvisioning", "Normal Provisioning",
                                                         "Normal ProvisioningSucceeded"}));
}

TEST_F(PvTest, LocalPathRefusesWhatItCannotProvision) {
    c.StorageClass("local-now", "rancher.io/local-path", "Immediate");
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer");
    c.Claim("default", "immediate", "local-now");
    c.Claim("default", "shared", "standard", "1Gi", {"ReadWriteMany"});
    SelectNode("default", "shared", "kind-worker");
    c.Run(Seconds(2));
    EXPECT_EQ(c.FindEvent("immediate", "ProvisioningFailed")->message,
              "failed to provision volume with StorageClass \"local-now\": configuration error, no node was specified");
    auto rwx = c.FindEvent("shared", "ProvisioningFailed");
    ASSERT_TRUE(rwx);
    EXPECT_EQ(rwx->type, "Warning");
    EXPECT_EQ(rwx->message,
              "failed to provision volume with StorageClass \"standard\": NodePath only supports ReadWriteOnce and "
              "ReadWriteOncePod (1.22+) access modes");
    // The provisioner retries with back-off: 15 s, then 30 s more.
    c.Run(Seconds(12));
    EXPECT_EQ(c.FindEvent("shared", "ProvisioningFailed")->count, 1);
    c.Run(Seconds(2));
    EXPECT_EQ(c.FindEvent("shared", "ProvisioningFailed")->count, 2);
    c.Run(Seconds(28));
    EXPECT_EQ(c.FindEvent("shared", "ProvisioningFailed")->count, 2);
    c.Run(Seconds(2));
    EXPECT_EQ(c.FindEvent("shared", "ProvisioningFailed")->count, 3);
    EXPECT_EQ(c.api.pvcs().Get("default", "shared")->status.phase, "Pending");
    EXPECT_EQ(c.api.pvs().Size(), 0u);
}

TEST_F(PvTest, FailingProvisionerReportsAndRetriesWithBackoff) {
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer");
    auto claim = c.Claim("default", "www-web-0", "standard");
    pv_controller.SetProvisionerFailing(true);
    SelectNode("default", "www-web-0", "kind-worker");
    c.Run(Seconds(119));
    EXPECT_FALSE(c.FindEvent("www-web-0", "ProvisioningFailed"));  // the helper pod is still being waited for
    c.Run(Seconds(2));
    auto failed = c.FindEvent("www-web-0", "ProvisioningFailed");
    ASSERT_TRUE(failed);
    EXPECT_EQ(failed->type, "Warning");
    EXPECT_EQ(failed->message, "failed to provision volume with StorageClass \"standard\": failed to create volume pvc-" +
                                   claim->metadata.uid + ": create process timeout after 120 seconds");
    EXPECT_EQ(c.api.pvcs().Get("default", "www-web-0")->status.phase, "Pending");
    // Back in 15 s the provisioner tries again; this time it works.
    pv_controller.SetProvisionerFailing(false);
    c.Run(Seconds(13));
    EXPECT_EQ(c.FindEvent("www-web-0", "Provisioning")->count, 1);
    c.Run(Seconds(4));
    EXPECT_EQ(c.FindEvent("www-web-0", "Provisioning")->count, 2);
    EXPECT_EQ(c.api.pvcs().Get("default", "www-web-0")->status.phase, "Bound");
}

TEST_F(PvTest, StaticVolumesMatchByClassModesSelectorAndSmallestFit) {
    c.StaticVolume("big", "manual", "10Gi");
    c.StaticVolume("small", "manual", "2Gi");
    c.StaticVolume("tiny", "manual", "500Mi");
    c.StaticVolume("other-class", "slow", "2Gi");
    c.StaticVolume("rox", "manual", "2Gi", "/mnt/rox", "Retain", {"ReadOnlyMany"});
    c.Run(Millis(100));
    EXPECT_EQ(c.api.pvs().Get("", "small")->status.phase, "Available");
    c.Claim("default", "claim", "manual", "1Gi");
    c.Run(Millis(100));
    auto claim = c.api.pvcs().Get("default", "claim");
    EXPECT_EQ(claim->spec.volume_name, "small");
    EXPECT_EQ(claim->status.phase, "Bound");
    EXPECT_EQ(claim->status.capacity.Get("storage"), "2Gi");  // the volume's size, not the request
    auto small = c.api.pvs().Get("", "small");
    EXPECT_EQ(small->status.phase, "Bound");
    EXPECT_EQ(small->metadata.annotations.Get(kAnnBoundByController), "yes");
    EXPECT_EQ(c.api.pvs().Get("", "big")->status.phase, "Available");

    // A selector narrows the choice to labelled volumes.
    k8s::PersistentVolume labelled = *c.api.pvs().Get("", "big");
    labelled.metadata.labels = {{"tier", "gold"}};
    ASSERT_TRUE(c.api.pvs().Update(labelled).ok());
    k8s::PersistentVolumeClaim sel;
    sel.metadata.namespace_ = "default";
    sel.metadata.name = "gold";
    sel.spec.access_modes = {"ReadWriteOnce"};
    sel.spec.resources.requests = {{"storage", "1Gi"}};
    sel.spec.storage_class_name = "manual";
    k8s::LabelSelector ls;
    ls.match_labels = {{"tier", "gold"}};
    sel.spec.selector = ls;
    ASSERT_TRUE(c.api.pvcs().Create(sel).ok());
    c.Run(Millis(100));
    EXPECT_EQ(c.api.pvcs().Get("default", "gold")->spec.volume_name, "big");
}

TEST_F(PvTest, NoClassNoVolumeAndNoProvisionerLeaveClaimsPending) {
    c.StorageClass("local-storage", "kubernetes.io/no-provisioner", "Immediate");
    c.Claim("default", "classless", std::string(""));
    c.Claim("default", "local", "local-storage");
    c.Run(Seconds(1));
    EXPECT_EQ(c.api.pvcs().Get("default", "classless")->status.phase, "Pending");
    auto failed_binding = c.FindEvent("classless", "FailedBinding");
    ASSERT_TRUE(failed_binding);
    EXPECT_EQ(failed_binding->message, "no persistent volumes available for this claim and no storage class is set");
    auto no_plugin = c.FindEvent("local", "ProvisioningFailed");
    ASSERT_TRUE(no_plugin);
    EXPECT_EQ(no_plugin->message, "no volume plugin matched name: kubernetes.io/no-provisioner");
    EXPECT_EQ(no_plugin->source.component, "persistentvolume-controller");

    // An administrator adds a volume: the next resync (within 15 s) binds it.
    c.StaticVolume("local-pv", "local-storage", "1Gi");
    c.Run(Seconds(15));
    EXPECT_EQ(c.api.pvcs().Get("default", "local")->spec.volume_name, "local-pv");
    EXPECT_EQ(c.api.pvcs().Get("default", "local")->status.phase, "Bound");
}

TEST_F(PvTest, ReclaimDeleteRemovesTheVolumeAfterTheClaimGoes) {
    c.StorageClass("standard", "rancher.io/local-path", "WaitForFirstConsumer");
    auto claim = c.Claim("default", "www-web-0", "standard");
    SelectNode("default", "www-web-0", "kind-worker");
    c.Run(Seconds(3));
    const std::string pv_name = "pvc-" + claim->metadata.uid;
    ASSERT_EQ(c.api.pvs().Get("", pv_name)->status.phase, "Bound");
    ASSERT_TRUE(c.api.pvcs().Delete("default", "www-web-0").ok());
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.pvcs().Get("default", "www-web-0"));  // no pod used it
    EXPECT_EQ(c.api.pvs().Get("", pv_name)->status.phase, "Released");
    c.Run(Seconds(3));  // local-path's teardown helper pod
    EXPECT_FALSE(c.api.pvs().Get("", pv_name));
}

TEST_F(PvTest, ReclaimRetainKeepsTheVolumeReleasedWithItsClaimRef) {
    c.StorageClass("keep", "rancher.io/local-path", "WaitForFirstConsumer", "Retain");
    auto claim = c.Claim("default", "data", "keep");
    SelectNode("default", "data", "kind-worker");
    c.Run(Seconds(3));
    const std::string pv_name = "pvc-" + claim->metadata.uid;
    EXPECT_EQ(c.api.pvs().Get("", pv_name)->spec.persistent_volume_reclaim_policy, "Retain");
    ASSERT_TRUE(c.api.pvcs().Delete("default", "data").ok());
    c.Run(Minutes(5));
    auto pv = c.api.pvs().Get("", pv_name);
    ASSERT_TRUE(pv);
    EXPECT_EQ(pv->status.phase, "Released");
    ASSERT_TRUE(pv->spec.claim_ref);
    EXPECT_EQ(pv->spec.claim_ref->uid, claim->metadata.uid);
    // A new claim of the same name does not get the released volume back.
    auto again = c.Claim("default", "data", "keep");
    c.Run(Seconds(20));
    EXPECT_NE(c.api.pvcs().Get("default", "data")->spec.volume_name, pv_name);
    EXPECT_EQ(c.api.pvs().Get("", pv_name)->status.phase, "Released");
}

TEST_F(PvTest, StaticHostPathVolumeWithDeletePolicyFailsOutsideTmp) {
    c.StaticVolume("mnt", "", "1Gi", "/mnt/data", "Delete");
    c.StaticVolume("tmp", "", "1Gi", "/tmp/data", "Delete");
    c.Claim("default", "a", std::string(""));
    c.Run(Millis(50));
    c.Claim("default", "b", std::string(""));
    c.Run(Millis(200));
    const std::string first = c.api.pvcs().Get("default", "a")->spec.volume_name;
    const std::string second = c.api.pvcs().Get("default", "b")->spec.volume_name;
    ASSERT_FALSE(first.empty());
    ASSERT_FALSE(second.empty());
    ASSERT_TRUE(c.api.pvcs().Delete("default", "a").ok());
    ASSERT_TRUE(c.api.pvcs().Delete("default", "b").ok());
    c.Run(Seconds(2));
    auto mnt = c.api.pvs().Get("", "mnt");
    ASSERT_TRUE(mnt);
    EXPECT_EQ(mnt->status.phase, "Failed");
    EXPECT_EQ(mnt->status.message, "host_path deleter only supports /tmp/.+ but received provided /mnt/data");
    EXPECT_EQ(c.FindEvent("mnt", "VolumeFailedDelete")->type, "Warning");
    EXPECT_FALSE(c.api.pvs().Get("", "tmp"));
}

}  // namespace
}  // namespace sts::controllers
