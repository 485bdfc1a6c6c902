// The EventRecorder's aggregation (client-go's EventCorrelator cache): a repeat of a recent
// event bumps count and lastTimestamp of its Event; the cache remembers the 4096 most recently
// used events, so an older one, or one whose Event object is gone, makes a new Event.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/simulation.h"

namespace sts::engine {
namespace {

class EventRecorderTest : public ::testing::Test {
protected:
    void Record(const std::string& pod, const std::string& message = "Started container nginx") {
        k8s::ObjectReference ref;
        ref.kind = "Pod";
        ref.namespace_ = "default";
        ref.name = pod;
        ref.uid = "uid-" + pod;
        ref.api_version = "v1";
        sim.recorder().Record(ref, "Normal", "Started", message, EventSource{"kubelet", "kind-worker"});
    }
    // The Events about `pod`, in store order.
    std::vector<apiserver::Ptr<k8s::Event>> EventsOf(const std::string& pod) const {
        std::vector<apiserver::Ptr<k8s::Event>> out;
        for (const auto& ev : sim.api().events().List("default"))
            if (ev->involved_object.name == pod) out.push_back(ev);
        return out;
    }
    // `n` distinct events about other objects.
    void RecordOthers(int n, const std::string& prefix) {
        for (int i = 0; i < n; ++i) Record(prefix + std::to_string(i));
    }

    Simulation sim;
};

TEST_F(EventRecorderTest, ARepeatBumpsCountAndLastTimestampOfTheSameEvent) {
    Record("web-0");
    const Time first = sim.Now();
    sim.Advance(Seconds(7));
    Record("web-0");
    Record("web-0", "Started container sidecar");  // another message is another event
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 2u);
    const auto& repeated = events[0]->message == "Started container nginx" ? events[0] : events[1];
    EXPECT_EQ(repeated->count, 2);
    EXPECT_EQ(repeated->first_timestamp.ms, TruncateToSeconds(first));
    EXPECT_EQ(repeated->last_timestamp.ms, TruncateToSeconds(first + Seconds(7)));
}

TEST_F(EventRecorderTest, TheLeastRecentlyUsedEventIsForgottenAfter4096Others) {
    Record("web-0");
    RecordOthers(4096, "other-");
    Record("web-0");  // no longer remembered: a second Event
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 2u);
    EXPECT_EQ(events[0]->count, 1);
    EXPECT_EQ(events[1]->count, 1);
}

TEST_F(EventRecorderTest, ARepeatMakesAnEventRecentAgain) {
    Record("web-0");
    RecordOthers(4095, "other-");
    Record("web-0");         // still remembered (4096 entries): count 2, and now the most recent
    RecordOthers(1, "new-");  // forgets the least recent entry, other-0
    Record("web-0");
    Record("other-0");
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]->count, 3);
    EXPECT_EQ(EventsOf("other-0").size(), 2u);
    EXPECT_EQ(EventsOf("other-1").size(), 1u);
}

TEST_F(EventRecorderTest, AnEventDeletedFromTheApiIsRecordedAnew) {
    Record("web-0");
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    ASSERT_TRUE(sim.api().events().Delete("default", events[0]->metadata.name).ok());
    Record("web-0");
    Record("web-0");
    events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]->count, 2);
}

}  // namespace
}  // namespace sts::engine
