// The StatefulSet controller inside the whole simulated cluster (kube-scheduler, kubelets,
// image pulls, storage): the tutorial's ordered creation, rolling update and scale-down.
#include <gtest/gtest.h>

#include "core/rng.h"
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


// A steady set's sync looks again only at the pods that had watch events since the last one.
// It must do exactly what the sync that reads every pod does: two simulated clusters live one
// random history (scaling, image updates, partitions, minReadySeconds, pods deleted, relabelled
// and left for adoption), one controller taking the shortcut and one reading every pod. After
// every step the API state is the same to the byte and both explain their last sync in the
// same words.
TEST(StatefulSetSteadyShortcutTest, LookingAtTheChangedPodsOnlyDoesWhatReadingEveryPodDoes) {
    uint64_t steady_syncs = 0;
    for (const char* policy : {"Parallel", "OrderedReady"}) {
        for (uint64_t seed : {1u, 2u, 3u}) {
            SCOPED_TRACE(std::string(policy) + " seed " + std::to_string(seed));
            engine::Simulation shortcut, every_pod;
            every_pod.statefulset_controller()->set_steady_shortcut(false);
            engine::Simulation* both[] = {&shortcut, &every_pod};
            Rng rng(seed);
            auto web = TutorialWeb(static_cast<int>(rng.Range(1, 6)), false);
            web.spec.pod_management_policy = policy;
            for (auto* sim : both) ASSERT_TRUE(sim->api().statefulsets().Create(web).ok());
            for (int step = 0; step < 100; ++step) {
                const uint64_t op = rng.Below(100);
                const int value = static_cast<int>(rng.Range(0, 7));
                const std::string pod_name = "web-" + std::to_string(value);
                for (auto* sim : both) {
                    k8s::StatefulSet set = *sim->api().statefulsets().Get("default", "web");
                    auto pod = sim->api().pods().Get("default", pod_name);
                    if (op < 15) {
                        set.spec.replicas = value;
                    } else if (op < 27) {
                        // Now and then an image that does not exist: pods that never get Ready.
                        const std::string images[] = {"nginx:1.27", "nginx:1.28", "nginx:1.27", "nginx:1.28",
                                                      "nginx:1.27", "nginx:1.28", "nginx:1.27", "nginx:0.0-missing"};
                        set.spec.template_.spec.containers[0].image = images[value];
                    } else if (op < 32) {
                        set.spec.update_strategy.type = "RollingUpdate";
                        set.spec.update_strategy.rolling_update = k8s::RollingUpdateStatefulSetStrategy{};
                        set.spec.update_strategy.rolling_update->partition = value % 4;
                    } else if (op < 34) {
                        set.spec.min_ready_seconds = value % 3 ? 0 : 3;
                    } else if (op < 42) {
                        if (pod) sim->api().pods().Delete("default", pod_name);
                        continue;
                    } else if (op < 46) {
                        // Out of the selector (released), or back in (adopted).
                        if (!pod) continue;
                        k8s::Pod relabelled = *pod;
                        if (relabelled.metadata.labels.Has("app")) relabelled.metadata.labels.Erase("app");
                        else relabelled.metadata.labels.Set("app", "nginx");
                        ASSERT_TRUE(sim->api().pods().Update(relabelled).ok());
                        continue;
                    } else if (op < 49) {
                        // An orphan that matches: the controller adopts it.
                        if (pod) continue;
                        k8s::Pod orphan;
                        orphan.metadata.namespace_ = "default";
                        orphan.metadata.name = pod_name;
                        orphan.metadata.labels.Set("app", "nginx");
                        orphan.spec.Mut().containers = web.spec.template_.spec.containers;
                        ASSERT_TRUE(sim->api().pods().Create(orphan).ok());
                        continue;
                    } else {
                        continue;  // time passes
                    }
                    ASSERT_TRUE(sim->api().statefulsets().Update(set).ok());
                }
                const Duration pause = Millis(rng.Range(100, 6000));
                for (auto* sim : both) sim->Advance(pause);
                ASSERT_EQ(shortcut.StateHash(), every_pod.StateHash()) << "step " << step;
                const auto* a = shortcut.statefulset_controller()->Explain("default/web");
                const auto* b = every_pod.statefulset_controller()->Explain("default/web");
                ASSERT_TRUE(a && b);
                ASSERT_EQ(a->Summary(), b->Summary()) << "step " << step;
            }
            EXPECT_EQ(shortcut.statefulset_controller()->SyncCount(), every_pod.statefulset_controller()->SyncCount());
            steady_syncs += shortcut.statefulset_controller()->SteadySyncs();
            EXPECT_EQ(every_pod.statefulset_controller()->SteadySyncs(), 0u);
        }
    }
    // The shortcut was taken often enough to count (a few hundred of some 1,800 syncs: the
    // history keeps the sets busy).
    EXPECT_GT(steady_syncs, 100u);
}

}  // namespace
}  // namespace sts::controllers::statefulset::testing
