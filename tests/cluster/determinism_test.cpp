// Same seed, same script: the same timeline, event for event, and the same cluster state.
#include <gtest/gtest.h>

#include "cluster/kubelet.h"
#include "cluster/node_lifecycle.h"
#include "cluster_test_util.h"

namespace sts::cluster {
namespace {

using testing::MainContainer;
using testing::MakePod;

struct ScenarioRun {
    std::vector<std::string> timeline;
    uint64_t hash = 0;
};

ScenarioRun Scenario(uint64_t seed) {
    engine::SimulationOptions options;
    options.seed = seed;
    engine::Simulation sim(options);
    ScenarioRun run;
    sim.api().events().AddHandler([&](apiserver::WatchType, const apiserver::Ptr<k8s::Event>&,
                                      const apiserver::Ptr<k8s::Event>& ev) {
        run.timeline.push_back(std::to_string(sim.Now()) + " " + ev->involved_object.name + " " + ev->reason + " " +
                               ev->message + " x" + std::to_string(ev->count));
    });
    sim.api().pods().AddHandler([&](apiserver::WatchType, const apiserver::Ptr<k8s::Pod>&,
                                    const apiserver::Ptr<k8s::Pod>& pod) {
        run.timeline.push_back(std::to_string(sim.Now()) + " " + pod->metadata.name + " " + pod->spec->node_name + " " +
                               testing::ReadyColumn(*pod) + " " + testing::StatusColumn(*pod) + " " + pod->status.pod_ip);
    });
    for (int i = 0; i < 4; ++i) {
        k8s::Pod pod = MakePod("web-" + std::to_string(i), "nginx:latest", {{"app", "web"}});
        sim.api().pods().Create(pod);
    }
    sim.api().pods().Create(MakePod("bad", "nginx:nope"));
    k8s::Pod bb = MakePod("bb", "busybox:1.36");
    MainContainer(bb).name = "bb";
    sim.api().pods().Create(bb);
    sim.Advance(Seconds(45));
    sim.api().pods().Delete("default", "web-1");
    if (auto p = sim.api().pods().Get("default", "web-2")) {
        sim.kubelet(p->spec->node_name)->SetReadiness("default", "web-2", false);
        sim.node_lifecycle()->SetNodeDown(p->spec->node_name == "kind-worker" ? "kind-worker2" : "kind-worker");
    }
    sim.Advance(Minutes(8));
    run.hash = sim.StateHash();
    return run;
}

TEST(DeterminismTest, SameSeedGivesTheSameTimelineAndState) {
    const ScenarioRun a = Scenario(7);
    const ScenarioRun b = Scenario(7);
    ASSERT_EQ(a.timeline.size(), b.timeline.size());
    for (size_t i = 0; i < a.timeline.size(); ++i) ASSERT_EQ(a.timeline[i], b.timeline[i]) << "line " << i;
    EXPECT_EQ(a.hash, b.hash);
    EXPECT_GT(a.timeline.size(), 100u);
}

TEST(DeterminismTest, AnotherSeedGivesAnotherTimeline) {
    const ScenarioRun a = Scenario(7);
    const ScenarioRun c = Scenario(8);
    EXPECT_NE(a.timeline, c.timeline);
}

}  // namespace
}  // namespace sts::cluster
