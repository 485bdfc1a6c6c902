// The StatefulSet controller inside the whole simulated cluster (kube-scheduler, kubelets,
// image pulls, storage): the tutorial's ordered creation, rolling update and scale-down.
#include <gtest/gtest.h>

#include "engine/simulation.h"
#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

k8s::StatefulSet TutorialWeb(int replicas, bool with_storage) {
    auto set = NewStatefulSet(replicas, "web");
    set.spec.selector->match_labels = {{"app", "nginx"}};
    set.spec.template_.metadata.labels = {{"app", "nginx"}};
    set.spec.service_name = "nginx";
    set.spec.update_strategy = {};  // defaulted: RollingUpdate with rollingUpdate {partition: 0}
    set.spec.revision_history_limit.reset();
    auto& c = set.spec.template_.spec.containers[0];
    c.image = "nginx:1.27";
    c.volume_mounts.clear();
    set.spec.template_.spec.volumes.clear();
    set.spec.volume_claim_templates.clear();
    if (with_storage) {
        k8s::VolumeMount m;
        m.name = "www";
        m.mount_path = "/usr/share/nginx/html";
        c.volume_mounts.push_back(m);
        k8s::PersistentVolumeClaimTemplate vct;
        vct.metadata.name = "www";
        vct.spec.access_modes = {"ReadWriteOnce"};
        vct.spec.resources.requests = {{"storage", "1Gi"}};
        set.spec.volume_claim_templates.push_back(vct);
    }
    return set;
}

class StatefulSetSimulationTest : public ::testing::TestWithParam<bool> {
protected:
    StatefulSetSimulationTest() {
        sim.api().pods().AddHandler([this](apiserver::WatchType type, const PodPtr& old_pod, const PodPtr& new_pod) {
            const std::string& name = (new_pod ? new_pod : old_pod)->metadata.name;
            if (name.rfind("web-", 0) != 0) return;
            if (type == apiserver::WatchType::kAdded) log.push_back("ADDED " + name);
            if (type == apiserver::WatchType::kDeleted) log.push_back("DELETED " + name);
            if (type == apiserver::WatchType::kModified && !IsRunningAndReady(*old_pod) && IsRunningAndReady(*new_pod))
                log.push_back("READY " + name);
        });
    }
    std::shared_ptr<const k8s::StatefulSet> Web() { return sim.api().statefulsets().Get("default", "web"); }
    bool RunUntil(const std::function<bool()>& done, Duration limit = Minutes(10)) {
        const Time deadline = sim.Now() + limit;
        while (!done()) {
            if (sim.Now() >= deadline) return false;
            sim.Advance(Millis(500));
        }
        return true;
    }
    // What the cluster says, for failure messages.
    std::string Dump() {
        std::string out = sim.statefulset_controller()->Explain("default/web")->Summary() + "\n";
        for (const auto& e : sim.api().events().List("default"))
            out += e->involved_object.name + " " + e->reason + ": " + e->message + "\n";
        for (const auto& c : sim.api().pvcs().List("default")) out += c->metadata.name + " " + c->status.phase + "\n";
        return out;
    }
    bool AllReady(int n) {
        auto s = Web();
        return s->status.ready_replicas == n && s->status.replicas == n &&
               s->status.observed_generation == s->metadata.generation &&
               s->status.current_revision == s->status.update_revision;
    }

    engine::Simulation sim;
    std::vector<std::string> log;
};

TEST_P(StatefulSetSimulationTest, TutorialCreationUpdateAndScaleDown) {
    ASSERT_TRUE(sim.api().statefulsets().Create(TutorialWeb(3, GetParam())).ok());
    ASSERT_TRUE(RunUntil([&] { return AllReady(3); })) << Dump();
    EXPECT_EQ(log, (std::vector<std::string>{"ADDED web-0", "READY web-0", "ADDED web-1", "READY web-1", "ADDED web-2",
                                             "READY web-2"}));
    if (GetParam()) {
        for (int i = 0; i < 3; ++i) EXPECT_TRUE(sim.api().pvcs().Get("default", "www-web-" + std::to_string(i)));
    }
    log.clear();
    // Rolling update: reverse ordinal order, each replaced pod Ready before the next goes.
    k8s::StatefulSet updated = *Web();
    updated.spec.template_.spec.containers[0].image = "nginx:1.28";
    ASSERT_TRUE(sim.api().statefulsets().Update(updated).ok());
    ASSERT_TRUE(RunUntil([&] { return AllReady(3) && Web()->status.update_revision != ""; }));
    ASSERT_TRUE(RunUntil([&] {
        for (int i = 0; i < 3; ++i) {
            auto p = sim.api().pods().Get("default", "web-" + std::to_string(i));
            if (!p || p->spec->containers[0].image != "nginx:1.28" || !IsRunningAndReady(*p)) return false;
        }
        return AllReady(3);
    }));
    std::vector<std::string> order;
    for (const auto& e : log)
        if (e.rfind("DELETED", 0) == 0) order.push_back(e);
    EXPECT_EQ(order, (std::vector<std::string>{"DELETED web-2", "DELETED web-1", "DELETED web-0"}));
    // Scale-down: highest first, one at a time.
    log.clear();
    k8s::StatefulSet scaled = *Web();
    scaled.spec.replicas = 1;
    ASSERT_TRUE(sim.api().statefulsets().Update(scaled).ok());
    ASSERT_TRUE(RunUntil([&] { return AllReady(1); }));
    EXPECT_EQ(log, (std::vector<std::string>{"DELETED web-2", "DELETED web-1"}));
    if (GetParam()) {
        EXPECT_TRUE(sim.api().pvcs().Get("default", "www-web-2"));  // Retain
    }
}

INSTANTIATE_TEST_SUITE_P(Storage, StatefulSetSimulationTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& pi) {
                             return std::string(pi.param ? "WithClaims" : "WithoutClaims");
                         });

}  // namespace
}  // namespace sts::controllers::statefulset::testing
