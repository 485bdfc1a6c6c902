// Seeded randomized runs of the reconcile core (our own Rng, so every failure replays): a
// "kubelet" advances, breaks and removes random pods while the spec changes underneath, and
// after every sync the invariants and the OrderedReady safety rules are checked; once the chaos
// stops the set must converge.
#include <gtest/gtest.h>

#include <map>

#include "statefulset_harness.h"

namespace sts::controllers::statefulset::testing {
namespace {

struct Snapshot {
    std::map<int, PodPtr> by_ordinal;
};

Snapshot Take(const Env& env) {
    Snapshot s;
    for (const auto& p : env.Pods()) s.by_ordinal[GetOrdinal(*p)] = p;
    return s;
}

// OrderedReady safety, judged from the pods before and after one sync: at most one pod is
// created or deleted, and a created pod has every lower in-range ordinal Running, Ready and not
// terminating.
std::string OrderedReadySafety(const k8s::StatefulSet& set, const Snapshot& before, const Snapshot& after,
                               int32_t min_ready, Time now) {
    int mutations = 0;
    for (const auto& [ord, pod] : after.by_ordinal) {
        auto it = before.by_ordinal.find(ord);
        if (it != before.by_ordinal.end() && it->second->metadata.uid == pod->metadata.uid) {
            if (!it->second->metadata.IsTerminating() && pod->metadata.IsTerminating()) ++mutations;
            continue;
        }
        ++mutations;  // created
        for (int lower = GetStartOrdinal(set); lower < ord; ++lower) {
            auto l = before.by_ordinal.find(lower);
            if (l == before.by_ordinal.end()) return pod->metadata.name + " created while " + std::to_string(lower) + " was missing";
            if (!IsHealthy(*l->second) || !IsRunningAndAvailable(*l->second, min_ready, now))
                return pod->metadata.name + " created while " + l->second->metadata.name + " was not healthy";
        }
    }
    for (const auto& [ord, pod] : before.by_ordinal) {
        auto it = after.by_ordinal.find(ord);
        if ((it == after.by_ordinal.end() || it->second->metadata.uid != pod->metadata.uid) &&
            !pod->metadata.IsTerminating())
            ++mutations;  // deleted outright (unscheduled or finished pods have no grace period)
    }
    if (mutations > 1) return std::to_string(mutations) + " pod creations/deletions in one OrderedReady sync";
    return "";
}

// The one error a healthy API server produces in these runs is upstream's own: Phase E
// decrements currentReplicas even for a pod at neither revision, and a negative count is
// rejected by status validation (kubernetes PR #75498 proposed a fix; it was never merged).
bool KnownUpstreamError(const Error& err) {
    return err.message().find("status.currentReplicas: Invalid value: -1") != std::string::npos;
}

class StatefulSetRandomTest : public ::testing::TestWithParam<std::tuple<Mode, uint64_t>> {};

TEST_P(StatefulSetRandomTest, ForwardProgressKeepsEveryInvariant) {
    // Upstream's harness shape: pods only move forward, the spec scales up and down.
    const auto [mode, seed] = GetParam();
    ControlHarness h(seed);
    auto set = NewStatefulSet(static_cast<int>(h.rng.Range(0, 5)));
    if (mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
    set.spec.persistent_volume_claim_retention_policy =
        PolicyValue(static_cast<Policy>(h.rng.Below(5)));
    h.CreateSet(set);
    const Invariant inv = InvariantFor(mode);
    for (int step = 0; step < 300; ++step) {
        const uint64_t op = h.rng.Below(100);
        auto pods = h.Pods();
        if (op < 5) {
            // Scale only when every pod is up, as upstream's scaleDown does (a scale-down with
            // unready pods is exercised by the chaos test).
            bool all_ready = true;
            for (const auto& p : pods) all_ready = all_ready && IsRunningAndReady(*p);
            if (all_ready) h.SetReplicas(static_cast<int>(h.rng.Range(0, 6)));
        } else if (op < 15) {
            h.FinishTerminations();
            h.CollectOrphanedClaims();
        } else if (!pods.empty()) {
            const auto& pod = pods[h.rng.Below(pods.size())];
            const int ord = GetOrdinal(*pod);
            if (!pod->metadata.IsTerminating()) {
                if (pod->status.phase == "Pending") h.SetPodRunning(ord);
                else if (pod->status.phase == "Running" && !IsPodReady(*pod)) h.SetPodReady(ord);
            }
        }
        const Snapshot before = Take(h);
        auto r = h.Sync();
        ASSERT_FALSE(r.err) << "step " << step << ": " << r.err.message();
        ASSERT_EQ(inv(h), "") << "seed " << seed << " step " << step << ": " << h.last_why.Summary();
        if (mode == Mode::kMonotonic) {
            ASSERT_EQ(OrderedReadySafety(*h.Set(), before, Take(h), 0, h.Now()), "")
                << "seed " << seed << " step " << step << ": " << h.last_why.Summary();
        }
    }
}

TEST_P(StatefulSetRandomTest, ChaosThenConvergence) {
    const auto [mode, seed] = GetParam();
    ControlHarness h(seed + 1000);
    auto set = NewStatefulSet(static_cast<int>(h.rng.Range(1, 5)));
    if (mode == Mode::kBurst) set.spec.pod_management_policy = "Parallel";
    set.spec.persistent_volume_claim_retention_policy = PolicyValue(static_cast<Policy>(h.rng.Below(5)));
    if (h.rng.Chance(300)) set.spec.min_ready_seconds = 5;
    h.CreateSet(set);
    int image = 0;
    for (int step = 0; step < 300; ++step) {
        const uint64_t op = h.rng.Below(100);
        auto pods = h.Pods();
        const PodPtr pod = pods.empty() ? nullptr : pods[h.rng.Below(pods.size())];
        const int ord = pod ? GetOrdinal(*pod) : -1;
        const bool live = pod && !pod->metadata.IsTerminating();
        if (op < 4) {
            h.SetReplicas(static_cast<int>(h.rng.Range(0, 6)));
        } else if (op < 8) {
            h.SetImage("image-" + std::to_string(++image % 3));  // revisits templates: rollbacks
        } else if (op < 10) {
            const auto partition = static_cast<int32_t>(h.rng.Range(0, 3));
            h.UpdateSet([&](k8s::StatefulSet& s) {
                if (!s.spec.update_strategy.rolling_update) s.spec.update_strategy.rolling_update.emplace();
                s.spec.update_strategy.rolling_update->partition = partition;
            });
        } else if (op < 14 && live && pod->status.phase == "Running") {
            h.SetPodPhase(ord, h.rng.Chance(500) ? "Failed" : "Succeeded");
        } else if (op < 18 && live && IsPodReady(*pod)) {
            h.SetPodNotReady(ord);
        } else if (op < 22 && live) {
            h.api.pods().Delete("default", pod->metadata.name);  // a user deletes a pod
        } else if (op < 30) {
            h.FinishTerminations();
            h.CollectOrphanedClaims();
        } else if (op < 34) {
            h.scheduler.RunUntil(h.Now() + Seconds(3));
        } else if (live) {
            if (pod->status.phase == "Pending") h.SetPodRunning(ord);
            else if (pod->status.phase == "Running" && !IsPodReady(*pod)) h.SetPodReady(ord);
        }
        const Snapshot before = Take(h);
        auto r = h.Sync();
        if (r.err) {
            ASSERT_TRUE(KnownUpstreamError(r.err)) << "seed " << seed << " step " << step << ": " << r.err.message();
        }
        ASSERT_EQ(IdentityStorageInvariants(h), "") << "seed " << seed << " step " << step << ": " << h.last_why.Summary();
        if (mode == Mode::kMonotonic) {
            ASSERT_EQ(OrderedReadySafety(*h.Set(), before, Take(h), h.Set()->spec.min_ready_seconds, h.Now()), "")
                << "seed " << seed << " step " << step << ": " << h.last_why.Summary();
        }
    }
    // Calm: no partition, the kubelet only helps. The set converges to its spec.
    h.UpdateSet([](k8s::StatefulSet& s) {
        if (!s.spec.update_strategy.rolling_update) s.spec.update_strategy.rolling_update.emplace();
        s.spec.update_strategy.rolling_update->partition = 0;
    });
    for (int step = 0; step < 400; ++step) {
        h.FinishTerminations();
        h.CollectOrphanedClaims();
        for (const auto& p : h.Pods()) {
            const int o = GetOrdinal(*p);
            if (p->metadata.IsTerminating()) continue;
            if (p->status.phase == "Pending") h.SetPodRunning(o);
            else if (p->status.phase == "Running" && !IsPodReady(*p)) h.SetPodReady(o);
        }
        h.scheduler.RunUntil(h.Now() + Seconds(1));
        if (auto r = h.Sync(); r.err) {
            ASSERT_TRUE(KnownUpstreamError(r.err)) << r.err.message();
        }
        auto s = h.Set();
        if (s->status.ready_replicas == GetReplicas(*s) && s->status.replicas == GetReplicas(*s) &&
            s->status.current_revision == s->status.update_revision && h.UpdateComplete())
            break;
    }
    auto s = h.Set();
    EXPECT_EQ(s->status.ready_replicas, GetReplicas(*s)) << "seed " << seed << ": " << h.last_why.Summary();
    EXPECT_EQ(s->status.current_revision, s->status.update_revision) << h.last_why.Summary();
    EXPECT_EQ(static_cast<int>(h.Pods().size()), GetReplicas(*s));
    for (const auto& p : h.Pods()) EXPECT_EQ(GetPodRevision(*p), s->status.update_revision) << p->metadata.name;
    EXPECT_EQ(UpdateInvariants(h), "");
}

TEST(StatefulSetRandomDeterminism, SameSeedSameHistory) {
    auto run = [](uint64_t seed) {
        ControlHarness h(seed);
        auto set = NewStatefulSet(4);
        set.spec.pod_management_policy = "Parallel";
        h.CreateSet(set);
        EXPECT_TRUE(h.ScaleUp(InvariantFor(Mode::kBurst)));
        h.SetImage("foo");
        EXPECT_TRUE(h.UpdateUntilComplete([](const Env& e) { return UpdateInvariants(e); }));
        return std::make_pair(h.api.StateHash(), h.syncs);
    };
    EXPECT_EQ(run(7), run(7));
    EXPECT_NE(run(7).second, 0);
}

INSTANTIATE_TEST_SUITE_P(Seeds, StatefulSetRandomTest,
                         ::testing::Combine(::testing::Values(Mode::kMonotonic, Mode::kBurst),
                                            ::testing::Range<uint64_t>(1, 13)),
                         [](const ::testing::TestParamInfo<std::tuple<Mode, uint64_t>>& pi) {
                             return std::string(std::get<0>(pi.param) == Mode::kMonotonic ? "Monotonic" : "Burst") +
                                    "Seed" + std::to_string(std::get<1>(pi.param));
                         });

}  // namespace
}  // namespace sts::controllers::statefulset::testing
