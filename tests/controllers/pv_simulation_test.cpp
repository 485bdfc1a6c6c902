// Storage, garbage collection, endpoints and DNS inside the whole simulated cluster
// (kube-scheduler, kubelets, the StatefulSet controller): the tutorial's StatefulSet with
// volumeClaimTemplates on kind's default StorageClass (reference §5.3, §2.9, §4).
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "cluster/cluster_dns.h"
#include "controllers/persistent_volume_controller.h"
#include "engine/simulation.h"
#include "k8s/labels.h"

namespace sts::controllers {
namespace {

k8s::StatefulSet Web(int replicas) {
    k8s::StatefulSet set;
    set.metadata.namespace_ = "default";
    set.metadata.name = "web";
    set.spec.replicas = replicas;
    set.spec.service_name = "nginx";
    k8s::LabelSelector sel;
    sel.match_labels = {{"app", "nginx"}};
    set.spec.selector = sel;
    set.spec.template_.metadata.labels = {{"app", "nginx"}};
    k8s::Container c;
    c.name = "nginx";
    c.image = "nginx:1.27";
    k8s::ContainerPort port;
    port.name = "web";
    port.container_port = 80;
    c.ports.push_back(port);
    k8s::VolumeMount m;
    m.name = "www";
    m.mount_path = "/usr/share/nginx/html";
    c.volume_mounts.push_back(m);
    set.spec.template_.spec.containers.push_back(c);
    set.spec.template_.spec.termination_grace_period_seconds = 10;
    k8s::PersistentVolumeClaimTemplate vct;
    vct.metadata.name = "www";
    vct.spec.access_modes = {"ReadWriteOnce"};
    vct.spec.resources.requests = {{"storage", "1Gi"}};
    set.spec.volume_claim_templates.push_back(vct);
    return set;
}

k8s::Service Nginx() {
    k8s::Service svc;
    svc.metadata.namespace_ = "default";
    svc.metadata.name = "nginx";
    svc.metadata.labels = {{"app", "nginx"}};
    svc.spec.cluster_ip = "None";
    svc.spec.selector = {{"app", "nginx"}};
    k8s::ServicePort p;
    p.name = "web";
    p.port = 80;
    svc.spec.ports.push_back(p);
    return svc;
}

bool Ready(const k8s::Pod& pod) {
    const auto* c = pod.status.FindCondition("Ready");
    return pod.status.phase == "Running" && c && c->status == "True";
}

class StorageSimulationTest : public ::testing::Test {
protected:
    engine::Simulation sim;

    bool RunUntil(const std::function<bool()>& done, Duration limit = Minutes(5)) {
        const Time deadline = sim.Now() + limit;
        while (!done()) {
            if (sim.Now() >= deadline) return false;
            sim.Advance(Millis(200));
        }
        return true;
    }
    bool AllReady(int n) {
        for (int i = 0; i < n; ++i) {
            auto pod = sim.api().pods().Get("default", "web-" + std::to_string(i));
            if (!pod || !Ready(*pod)) return false;
        }
        return true;
    }
};

TEST_F(StorageSimulationTest, TutorialStatefulSetGetsBoundLocalPathVolumesAndDns) {
    ASSERT_TRUE(sim.api().services().Create(Nginx()).ok());
    ASSERT_TRUE(sim.api().statefulsets().Create(Web(2)).ok());
    ASSERT_TRUE(RunUntil([&] { return AllReady(2); }));

    for (int i = 0; i < 2; ++i) {
        const std::string ord = std::to_string(i);
        auto pod = sim.api().pods().Get("default", "web-" + ord);
        auto claim = sim.api().pvcs().Get("default", "www-web-" + ord);
        ASSERT_TRUE(claim);
        EXPECT_EQ(claim->status.phase, "Bound");
        EXPECT_EQ(claim->spec.storage_class_name.value_or(""), "standard");
        EXPECT_EQ(claim->metadata.annotations.Get("volume.kubernetes.io/selected-node"), pod->spec->node_name);
        auto pv = sim.api().pvs().Get("", claim->spec.volume_name);
        ASSERT_TRUE(pv);
        EXPECT_EQ(pv->metadata.name, "pvc-" + claim->metadata.uid);
        EXPECT_EQ(pv->status.phase, "Bound");
        EXPECT_EQ(pv->metadata.annotations.Get("local.path.provisioner/selected-node"), pod->spec->node_name);
        std::vector<std::string> reasons;
        for (const auto& e : sim.api().events().List("default"))
            if (e->involved_object.name == "www-web-" + ord) reasons.push_back(e->reason);
        EXPECT_NE(std::find(reasons.begin(), reasons.end(), "WaitForFirstConsumer"), reasons.end());
        EXPECT_NE(std::find(reasons.begin(), reasons.end(), "ProvisioningSucceeded"), reasons.end());
    }

    // The headless Service's records, from a pod in the namespace.
    auto web0 = sim.api().pods().Get("default", "web-0");
    cluster::Resolution r = sim.dns()->ResolveFrom(*sim.api().pods().Get("default", "web-1"), "web-0.nginx");
    ASSERT_TRUE(r.found);
    EXPECT_EQ(r.Addresses(), std::vector<std::string>{web0->status.pod_ip});
    cluster::DnsAnswer a = sim.dns()->LookupForShell(*web0, "web-1.nginx");
    ASSERT_TRUE(a.found);
    EXPECT_EQ(a.ptr_names, std::vector<std::string>{"web-1.nginx.default.svc.cluster.local"});
    EXPECT_EQ(sim.dns()->Nameserver().ptr_name, "kube-dns.kube-system.svc.cluster.local");
    EXPECT_EQ(sim.api().endpoints().Get("default", "nginx")->subsets.at(0).addresses.size(), 2u);

    // kubectl delete statefulset web: the set goes at once, the pods together, the claims stay.
    std::map<std::string, Time> terminating;
    sim.api().pods().AddHandler([&](apiserver::WatchType, const apiserver::Ptr<k8s::Pod>& old_pod,
                                    const apiserver::Ptr<k8s::Pod>& new_pod) {
        if (old_pod && new_pod && !old_pod->metadata.deletion_timestamp && new_pod->metadata.deletion_timestamp)
            terminating[new_pod->metadata.name] = sim.Now();
    });
    client::DeleteOptions opts;
    opts.propagation_policy = "Background";
    const Time deleted_at = sim.Now();
    ASSERT_TRUE(sim.api().statefulsets().Delete("default", "web", opts).ok());
    EXPECT_FALSE(sim.api().statefulsets().Get("default", "web"));
    sim.Advance(Millis(500));
    ASSERT_EQ(terminating.size(), 2u);
    EXPECT_LE(terminating["web-0"] - deleted_at, Millis(100));
    EXPECT_LE(terminating["web-1"] - deleted_at, Millis(100));
    ASSERT_TRUE(RunUntil([&] { return sim.api().pods().List("default").empty(); }, Minutes(1)));
    EXPECT_FALSE(sim.dns()->ResolveFrom(*sim.api().pods().Get("kube-system", sim.api().pods().List("kube-system")[0]->metadata.name), "web-0.nginx.default").found);
    EXPECT_EQ(sim.api().pvcs().List("default").size(), 2u);
    EXPECT_EQ(sim.api().pvs().Size(), 2u);

    // Deleting the claims releases the volumes; reclaim Delete removes them.
    for (int i = 0; i < 2; ++i) ASSERT_TRUE(sim.api().pvcs().Delete("default", "www-web-" + std::to_string(i)).ok());
    ASSERT_TRUE(RunUntil([&] { return sim.api().pvs().Size() == 0; }, Minutes(1)));
    EXPECT_TRUE(sim.api().pvcs().List("default").empty());
}

TEST_F(StorageSimulationTest, ClaimDeletedWhileItsPodRunsStaysTerminating) {
    ASSERT_TRUE(sim.api().services().Create(Nginx()).ok());
    ASSERT_TRUE(sim.api().statefulsets().Create(Web(1)).ok());
    ASSERT_TRUE(RunUntil([&] { return AllReady(1); }));
    ASSERT_TRUE(sim.api().pvcs().Delete("default", "www-web-0").ok());
    sim.Advance(Seconds(30));
    auto claim = sim.api().pvcs().Get("default", "www-web-0");
    ASSERT_TRUE(claim);
    EXPECT_TRUE(claim->metadata.deletion_timestamp);
    EXPECT_EQ(claim->status.phase, "Bound");
}

TEST_F(StorageSimulationTest, ProvisionerFailureHoldsTheFirstPodPending) {
    sim.persistent_volume_controller()->SetProvisionerFailing(true);
    ASSERT_TRUE(sim.api().services().Create(Nginx()).ok());
    ASSERT_TRUE(sim.api().statefulsets().Create(Web(2)).ok());
    sim.Advance(Minutes(3));
    auto pod = sim.api().pods().Get("default", "web-0");
    ASSERT_TRUE(pod);
    EXPECT_EQ(pod->status.phase, "Pending");
    EXPECT_FALSE(sim.api().pods().Get("default", "web-1"));  // OrderedReady waits on web-0
    bool failed = false;
    for (const auto& e : sim.api().events().List("default"))
        failed = failed || (e->involved_object.name == "www-web-0" && e->reason == "ProvisioningFailed");
    EXPECT_TRUE(failed);
    sim.persistent_volume_controller()->SetProvisionerFailing(false);
    EXPECT_TRUE(RunUntil([&] { return AllReady(2); }, Minutes(10)));
}

}  // namespace
}  // namespace sts::controllers
