// Namespace deletion: Terminating, content deleted after the 5 s grace, deletion conditions,
// no new content admitted, the kubernetes finalizer removed last.
#include <gtest/gtest.h>

#include "controllers/garbage_collector.h"
#include "controllers/gc_test_env.h"
#include "controllers/namespace_controller.h"
#include "controllers/pvc_protection_controller.h"

namespace sts::controllers {
namespace {

using testenv::TestCluster;

std::string Condition(const k8s::Namespace& ns, const std::string& type, const std::string& field) {
    for (const auto& c : ns.status.conditions.items())
        if (c.GetString("type") == type) return c.GetString(field);
    return "";
}

TEST(NamespaceTest, DeletingANamespaceEmptiesItThenRemovesIt) {
    TestCluster c;
    NamespaceController nc(c.ctx);
    GarbageCollector gc(c.ctx);
    PvcProtectionController protection(c.ctx);
    k8s::Namespace demo;
    demo.metadata.name = "demo";
    ASSERT_TRUE(c.api.namespaces().Create(demo).ok());
    c.Service("demo", "nginx", {{"app", "nginx"}}, true);
    c.Claim("demo", "www-web-0", std::string(""));
    c.Pod("demo", "web-0", {{"app", "nginx"}}, {"www-web-0"});
    c.Bind("demo", "web-0", "kind-worker");
    c.SetRunning("demo", "web-0", "10.244.1.9", true);
    c.Pod("demo", "pending", {{"app", "nginx"}});
    c.Run(Seconds(1));

    ASSERT_TRUE(c.api.namespaces().Delete("", "demo").ok());
    auto ns = c.api.namespaces().Get("", "demo");
    ASSERT_TRUE(ns);  // the kubernetes finalizer keeps it
    EXPECT_EQ(ns->status.phase, "Terminating");
    EXPECT_TRUE(ns->metadata.deletion_timestamp);
    EXPECT_EQ(ns->spec.finalizers, std::vector<std::string>{"kubernetes"});

    // No new content in a terminating namespace.
    k8s::Pod late;
    late.metadata.namespace_ = "demo";
    late.metadata.name = "late";
    k8s::Container ctr;
    ctr.name = "c";
    ctr.image = "busybox:1.28";
    late.spec.Mut().containers.push_back(ctr);
    auto refused = c.api.pods().Create(late);
    EXPECT_EQ(refused.error.code, 403);
    EXPECT_EQ(refused.error.message,
              "pods \"late\" is forbidden: unable to create new content in namespace demo because it is being terminated");

    // The controller waits namespaceDeletionGracePeriod before emptying it.
    c.Run(Seconds(4));
    EXPECT_TRUE(c.api.services().Get("demo", "nginx"));
    c.Run(Seconds(2));
    EXPECT_FALSE(c.api.services().Get("demo", "nginx"));
    EXPECT_FALSE(c.api.pods().Get("demo", "pending"));  // never scheduled: gone at once
    auto web0 = c.api.pods().Get("demo", "web-0");
    ASSERT_TRUE(web0);  // terminating gracefully (10 s)
    EXPECT_TRUE(web0->metadata.deletion_timestamp);
    auto claim = c.api.pvcs().Get("demo", "www-web-0");
    ASSERT_TRUE(claim);  // in use by web-0
    ns = c.api.namespaces().Get("", "demo");
    EXPECT_EQ(Condition(*ns, "NamespaceContentRemaining", "status"), "True");
    EXPECT_EQ(Condition(*ns, "NamespaceContentRemaining", "reason"), "SomeResourcesRemain");
    EXPECT_EQ(Condition(*ns, "NamespaceContentRemaining", "message"),
              "Some resources are remaining: persistentvolumeclaims. has 1 resource instances, pods. has 1 resource instances");
    EXPECT_EQ(Condition(*ns, "NamespaceFinalizersRemaining", "message"),
              "Some content in the namespace has finalizers remaining: kubernetes.io/pvc-protection in 1 resource instances");
    EXPECT_EQ(Condition(*ns, "NamespaceDeletionDiscoveryFailure", "status"), "False");
    EXPECT_EQ(Condition(*ns, "NamespaceDeletionContentFailure", "reason"), "ContentDeleted");

    // The kubelet finishes; the namespace goes on the controller's next look.
    c.Run(Seconds(9));
    c.FinishTermination("demo", "web-0");
    c.Run(Millis(100));
    EXPECT_FALSE(c.api.pvcs().Get("demo", "www-web-0"));
    ASSERT_TRUE(c.api.namespaces().Get("", "demo"));
    c.Run(Seconds(15));
    EXPECT_FALSE(c.api.namespaces().Get("", "demo"));
    EXPECT_TRUE(c.api.namespaces().Get("", "default"));
}

TEST(NamespaceTest, AnEmptyNamespaceGoesAfterTheGracePeriod) {
    TestCluster c;
    NamespaceController nc(c.ctx);
    k8s::Namespace scratch;
    scratch.metadata.name = "scratch";
    ASSERT_TRUE(c.api.namespaces().Create(scratch).ok());
    ASSERT_TRUE(c.api.namespaces().Delete("", "scratch").ok());
    c.Run(Seconds(4));
    EXPECT_EQ(c.api.namespaces().Get("", "scratch")->status.phase, "Terminating");
    c.Run(Seconds(2));
    EXPECT_FALSE(c.api.namespaces().Get("", "scratch"));
}

}  // namespace
}  // namespace sts::controllers
