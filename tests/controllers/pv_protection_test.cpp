// Storage object in-use protection: a claim stays Terminating while a scheduled pod uses it, a
// volume while it is Bound (reference §5.1, §8.9).
#include <gtest/gtest.h>

#include "controllers/gc_test_env.h"
#include "controllers/persistent_volume_controller.h"
#include "controllers/pvc_protection_controller.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

TEST(PvcProtectionTest, ClaimStaysTerminatingWhileItsPodExists) {
    TestCluster c;
    PvcProtectionController protection(c.ctx);
    c.Claim("default", "www-web-0", std::string(""));
    c.Pod("default", "web-0", {}, {"www-web-0"});
    c.Bind("default", "web-0", "kind-worker");
    c.SetRunning("default", "web-0", "10.244.1.5", true);
    ASSERT_TRUE(c.api.pvcs().Delete("default", "www-web-0").ok());
    c.Run(Minutes(1));
    auto claim = c.api.pvcs().Get("default", "www-web-0");
    ASSERT_TRUE(claim);
    EXPECT_TRUE(claim->metadata.deletion_timestamp);
    EXPECT_TRUE(claim->metadata.HasFinalizer(kPvcProtectionFinalizer));
    EXPECT_EQ(protection.PodsUsing("default", "www-web-0"), std::set<std::string>{"web-0"});

    // The pod terminates gracefully: the claim waits for the object to be gone, not for the
    // deletion to start.
    ASSERT_TRUE(c.api.pods().Delete("default", "web-0").ok());
    c.Run(Seconds(1));
    EXPECT_TRUE(c.api.pvcs().Get("default", "www-web-0"));
    c.FinishTermination("default", "web-0");
    c.Run(Millis(50));
    EXPECT_FALSE(c.api.pvcs().Get("default", "www-web-0"));
}

TEST(PvcProtectionTest, UnscheduledPodsDoNotHoldTheClaim) {
    TestCluster c;
    PvcProtectionController protection(c.ctx);
    c.Claim("default", "www-web-0", std::string(""));
    c.Pod("default", "web-0", {}, {"www-web-0"});
    ASSERT_TRUE(c.api.pvcs().Delete("default", "www-web-0").ok());
    c.Run(Millis(50));
    EXPECT_FALSE(c.api.pvcs().Get("default", "www-web-0"));
}

TEST(PvcProtectionTest, FinalizerIsPutBackOnALiveClaim) {
    TestCluster c;
    PvcProtectionController protection(c.ctx);
    auto claim = c.Claim("default", "data", std::string(""));
    k8s::PersistentVolumeClaim stripped = *claim;
    stripped.metadata.finalizers.clear();
    ASSERT_TRUE(c.api.pvcs().Update(stripped).ok());
    c.Run(Millis(50));
    EXPECT_TRUE(c.api.pvcs().Get("default", "data")->metadata.HasFinalizer(kPvcProtectionFinalizer));
}

TEST(PvProtectionTest, BoundVolumeStaysUntilReleased) {
    TestCluster c;
    PersistentVolumeController binder(c.ctx);
    PvcProtectionController protection(c.ctx);
    c.StaticVolume("pv1", "", "1Gi");
    c.Claim("default", "data", std::string(""));
    c.Run(Millis(100));
    ASSERT_EQ(c.api.pvs().Get("", "pv1")->status.phase, "Bound");
    ASSERT_TRUE(c.api.pvs().Delete("", "pv1").ok());
    c.Run(Minutes(1));
    auto pv = c.api.pvs().Get("", "pv1");
    ASSERT_TRUE(pv);  // Terminating while Bound
    EXPECT_TRUE(pv->metadata.deletion_timestamp);
    EXPECT_TRUE(pv->metadata.HasFinalizer(kPvProtectionFinalizer));
    ASSERT_TRUE(c.api.pvcs().Delete("default", "data").ok());
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.pvs().Get("", "pv1"));
}

}  // namespace
}  // namespace sts::controllers
