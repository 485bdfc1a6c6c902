// The EventRecorder's correlation (client-go's EventCorrelator, tools/record/events_cache.go):
// a repeat of a recent event bumps count and lastTimestamp of its Event, and the cache remembers
// the 4096 most recently used events; the 10th distinct message of a kind within 10 minutes is
// combined into one Event; a source may send 25 events about an object, then one per 5 minutes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/simulation.h"
#include "engine/event_test_util.h"

namespace sts::engine {
namespace {

class EventRecorderTest : public ::testing::Test {
protected:
    void Record(const std::string& pod, const std::string& message = "Started container nginx",
                const std::string& reason = "Started", const EventSource& source = {"kubelet", "kind-worker"}) {
        sim.recorder().Record(PodReference(pod), "Normal", reason, message, source);
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

TEST_F(EventRecorderTest, AnEventDeletedFromTheApiIsWrittenAgainUnderItsRememberedName) {
    Record("web-0");
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    const std::string name = events[0]->metadata.name;
    ASSERT_TRUE(sim.api().events().Delete("default", name).ok());
    sim.Advance(Seconds(3));
    Record("web-0");  // the patch finds nothing: created again, counting on
    events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]->metadata.name, name);
    EXPECT_EQ(events[0]->count, 2);
    Record("web-0");
    EXPECT_EQ(EventsOf("web-0")[0]->count, 3);
}

TEST_F(EventRecorderTest, TheTenthDistinctMessageOfAReasonIsCombined) {
    for (int i = 0; i < 9; ++i) Record("web", "create Pod web-" + std::to_string(i) + " in StatefulSet web successful", "SuccessfulCreate");
    ASSERT_EQ(EventsOf("web").size(), 9u);
    Record("web", "create Pod web-9 in StatefulSet web successful", "SuccessfulCreate");
    auto events = EventsOf("web");
    ASSERT_EQ(events.size(), 10u);
    apiserver::Ptr<k8s::Event> combined;
    for (const auto& ev : events)
        if (ev->message.rfind("(combined from similar events): ", 0) == 0) combined = ev;
    ASSERT_TRUE(combined);
    EXPECT_EQ(combined->message, "(combined from similar events): create Pod web-9 in StatefulSet web successful");
    EXPECT_EQ(combined->count, 1);
    EXPECT_EQ(combined->reason, "SuccessfulCreate");
    EXPECT_EQ(combined->source.component, "kubelet");
    EXPECT_EQ(combined->reporting_component, "");  // upstream builds the combined event without it

    // Later similar events update the combined one: its count and its message.
    sim.Advance(Seconds(2));
    Record("web", "create Pod web-10 in StatefulSet web successful", "SuccessfulCreate");
    events = EventsOf("web");
    ASSERT_EQ(events.size(), 10u);
    auto again = sim.api().events().Get("default", combined->metadata.name);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->count, 2);
    EXPECT_EQ(again->message, "(combined from similar events): create Pod web-10 in StatefulSet web successful");

    // Another reason is another group.
    Record("web", "delete Pod web-10 in StatefulSet web successful", "SuccessfulDelete");
    EXPECT_EQ(EventsOf("web").size(), 11u);
}

TEST_F(EventRecorderTest, SimilarEventsTenMinutesApartAreNotCombined) {
    for (int i = 0; i < 9; ++i) Record("web", "message " + std::to_string(i), "SuccessfulCreate");
    sim.Advance(Seconds(601));
    Record("web", "message 9", "SuccessfulCreate");
    for (const auto& ev : EventsOf("web")) EXPECT_EQ(ev->message.find("combined"), std::string::npos) << ev->message;
    EXPECT_EQ(EventsOf("web").size(), 10u);
}

TEST_F(EventRecorderTest, ASourceSends25EventsAboutAnObjectThenOneEveryFiveMinutes) {
    // Distinct reasons, so that nothing is combined.
    for (int i = 0; i < 30; ++i) Record("web-0", "m", "Reason" + std::to_string(i));
    EXPECT_EQ(EventsOf("web-0").size(), 25u);
    EXPECT_EQ(sim.recorder().FilteredCount(), 5u);
    // Another object, or another source about the same object, has its own budget.
    Record("web-1", "m", "Reason0");
    Record("web-0", "m", "Reason0", EventSource{"statefulset-controller", ""});
    EXPECT_EQ(EventsOf("web-1").size(), 1u);
    EXPECT_EQ(EventsOf("web-0").size(), 26u);

    sim.Advance(Seconds(299));
    Record("web-0", "m", "Late0");
    EXPECT_EQ(EventsOf("web-0").size(), 26u);
    sim.Advance(Seconds(2));  // 301 s since the bucket ran dry: one token
    Record("web-0", "m", "Late1");
    Record("web-0", "m", "Late2");
    EXPECT_EQ(EventsOf("web-0").size(), 27u);
}

TEST_F(EventRecorderTest, RepeatsTheSpamFilterDropsAreStillCounted) {
    for (int i = 0; i < 25; ++i) Record("web-0", "m", "Reason" + std::to_string(i));
    Record("web-0", "m", "Reason0");  // dropped, but counted: 2
    Record("web-0", "m", "Reason0");  // 3
    sim.Advance(Seconds(300));
    Record("web-0", "m", "Reason0");  // written: 4
    int found = 0;
    for (const auto& ev : EventsOf("web-0")) {
        if (ev->reason != "Reason0") continue;
        ++found;
        EXPECT_EQ(ev->count, 4);
    }
    EXPECT_EQ(found, 1);
}

TEST_F(EventRecorderTest, SchedulerEventsAreNeitherCombinedNorFiltered) {
    const EventSource scheduler{"default-scheduler", "", /*events_v1=*/true};
    for (int i = 0; i < 30; ++i) Record("web-0", "message " + std::to_string(i), "FailedScheduling", scheduler);
    const auto events = EventsOf("web-0");
    EXPECT_EQ(events.size(), 30u);
    for (const auto& ev : events) EXPECT_EQ(ev->message.find("combined"), std::string::npos);
}

}  // namespace
}  // namespace sts::engine
