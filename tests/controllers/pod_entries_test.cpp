// PodEntries: each pod keeps its own entry across walks, whatever pods come and go in between,
// and an entry is reported changed exactly when its pod's snapshot is not the one the last walk
// saw (or the pod is new).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "controllers/pod_entries.h"
#include "core/rng.h"

namespace sts::controllers {
namespace {

using PodPtr = apiserver::Ptr<k8s::Pod>;

struct Entry {
    std::string owner;  // the pod name this entry was last computed for
    int computed = 0;   // how many times it was computed
};

PodPtr MakePod(const std::string& name) {
    k8s::Pod pod;
    pod.metadata.namespace_ = "default";
    pod.metadata.name = name;
    return std::make_shared<const k8s::Pod>(std::move(pod));
}

// One walk in key (name) order, as the store walks; returns the names reported changed.
std::vector<std::string> Walk(PodEntries<Entry>& entries, const std::map<std::string, PodPtr>& pods) {
    std::vector<std::string> changed;
    entries.Begin(pods.size());
    for (const auto& [name, pod] : pods) {
        auto [entry, is_changed] = entries.Next(pod);
        if (is_changed) {
            changed.push_back(name);
            // A changed entry is either new or was this pod's before.
            EXPECT_TRUE(entry.owner.empty() || entry.owner == name) << entry.owner << " handed to " << name;
            entry.owner = name;
            ++entry.computed;
        }
        EXPECT_EQ(entry.owner, name);
    }
    entries.End();
    return changed;
}

TEST(PodEntriesTest, UnchangedPodsAreNotRecomputedAndKeepTheirEntries) {
    PodEntries<Entry> entries;
    std::map<std::string, PodPtr> pods;
    for (int i = 0; i < 12; ++i) pods["web-" + std::to_string(i)] = MakePod("web-" + std::to_string(i));
    EXPECT_EQ(Walk(entries, pods).size(), 12u);
    EXPECT_TRUE(Walk(entries, pods).empty());
    pods["web-3"] = MakePod("web-3");  // a new snapshot of web-3
    EXPECT_EQ(Walk(entries, pods), std::vector<std::string>{"web-3"});
    EXPECT_TRUE(Walk(entries, pods).empty());
}

// OrderedReady: one more pod per sync, landing in the middle of the name order (web-10 comes
// before web-2). Nothing else is recomputed, and every pod keeps its entry.
TEST(PodEntriesTest, OnePodMorePerWalkRecomputesOnlyTheNewOne) {
    PodEntries<Entry> entries;
    std::map<std::string, PodPtr> pods;
    for (int i = 0; i < 300; ++i) {
        const std::string name = "web-" + std::to_string(i);
        pods[name] = MakePod(name);
        EXPECT_EQ(Walk(entries, pods), std::vector<std::string>{name});
    }
    EXPECT_TRUE(Walk(entries, pods).empty());
}

TEST(PodEntriesTest, AGoneAndReturnedPodStartsAFreshEntry) {
    PodEntries<Entry> entries;
    std::map<std::string, PodPtr> pods;
    for (int i = 0; i < 5; ++i) pods["web-" + std::to_string(i)] = MakePod("web-" + std::to_string(i));
    Walk(entries, pods);
    const PodPtr web2 = pods["web-2"];
    pods.erase("web-2");
    EXPECT_TRUE(Walk(entries, pods).empty());
    pods["web-2"] = web2;  // even the very same snapshot: the entry was dropped
    EXPECT_EQ(Walk(entries, pods), std::vector<std::string>{"web-2"});
}

TEST(PodEntriesTest, InvalidateRecomputesEveryPod) {
    PodEntries<Entry> entries;
    std::map<std::string, PodPtr> pods;
    for (int i = 0; i < 4; ++i) pods["web-" + std::to_string(i)] = MakePod("web-" + std::to_string(i));
    Walk(entries, pods);
    entries.Invalidate();
    EXPECT_EQ(Walk(entries, pods).size(), 4u);
}

// Seeded random adds, updates and deletes between walks: the changed set is exactly the pods
// whose snapshot differs from the one the previous walk saw.
TEST(PodEntriesTest, RandomChurnReportsExactlyThePodsThatChanged) {
    for (uint64_t seed = 1; seed <= 5; ++seed) {
        Rng rng(seed);
        PodEntries<Entry> entries;
        std::map<std::string, PodPtr> pods, seen;
        for (int step = 0; step < 200; ++step) {
            const int ops = static_cast<int>(rng.Below(8));
            for (int k = 0; k < ops; ++k) {
                const std::string name = "web-" + std::to_string(rng.Below(60));
                if (rng.Below(4) == 0) pods.erase(name);
                else pods[name] = MakePod(name);
            }
            std::vector<std::string> expected;
            for (const auto& [name, pod] : pods) {
                auto it = seen.find(name);
                if (it == seen.end() || it->second != pod) expected.push_back(name);
            }
            ASSERT_EQ(Walk(entries, pods), expected) << "seed " << seed << " step " << step;
            seen = pods;
        }
    }
}

}  // namespace
}  // namespace sts::controllers
