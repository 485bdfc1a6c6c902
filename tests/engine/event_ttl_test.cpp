// Events expire: kube-apiserver writes each one with an etcd lease of --event-ttl (one hour,
// reused for a minute of writes: lease_manager.go), and etcd deletes it when the lease of its
// last write expires. The expiry runs as a background event of the scheduler: it happens when
// the clock gets there, and never keeps an otherwise quiet cluster busy.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/simulation.h"
#include "engine/event_test_util.h"

namespace sts::engine {
namespace {

// The lease of an Event written at t (with no other write in the minute before) expires at
// t + ttl + the one-minute reuse window.
constexpr Duration kLeaseLife = Seconds(3600 + 60);

class EventTtlTest : public ::testing::Test {
protected:
    EventTtlTest() {
        // Away from the bootstrap's writes, so the first Record gets a lease of its own.
        sim.Advance(Minutes(5));
    }
    void Record(const std::string& pod) {
        sim.recorder().Record(PodReference(pod), "Normal", "Started", "Started container nginx",
                              {"kubelet", "kind-worker"});
    }
    std::vector<apiserver::Ptr<k8s::Event>> EventsOf(const std::string& pod) const {
        std::vector<apiserver::Ptr<k8s::Event>> out;
        for (const auto& ev : sim.api().events().List("default"))
            if (ev->involved_object.name == pod) out.push_back(ev);
        return out;
    }

    Simulation sim;
};

TEST_F(EventTtlTest, AnEventIsDeletedWhenTheLeaseOfItsLastWriteExpires) {
    const Time written = sim.Now();
    Record("web-0");
    sim.RunUntil(written + kLeaseLife - 1);
    ASSERT_EQ(EventsOf("web-0").size(), 1u);
    sim.RunUntil(written + kLeaseLife);
    EXPECT_TRUE(EventsOf("web-0").empty());
}

TEST_F(EventTtlTest, EventsWrittenWithinAMinuteShareALeaseAndGoTogether) {
    const Time first = sim.Now();
    Record("web-0");
    sim.Advance(Seconds(50));
    Record("web-1");  // reuses web-0's lease: it goes 50 s short of an hour and a minute
    sim.RunUntil(first + kLeaseLife - 1);
    EXPECT_EQ(EventsOf("web-1").size(), 1u);
    sim.RunUntil(first + kLeaseLife);
    EXPECT_TRUE(EventsOf("web-0").empty());
    EXPECT_TRUE(EventsOf("web-1").empty());
}

TEST_F(EventTtlTest, ARepeatWritesTheEventAgainAndItLivesAnHourFromThen) {
    const Time first = sim.Now();
    Record("web-0");
    sim.Advance(Minutes(30));
    const Time repeated = sim.Now();
    Record("web-0");  // count 2: an update, with a lease of its own
    sim.RunUntil(first + kLeaseLife);
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]->count, 2);
    sim.RunUntil(repeated + kLeaseLife);
    EXPECT_TRUE(EventsOf("web-0").empty());
}

TEST_F(EventTtlTest, WatchersSeeTheEventGoAndALaterRepeatWritesItAgainUnderItsName) {
    std::vector<std::string> deleted;
    sim.api().events().AddHandler([&](apiserver::WatchType type, const auto& old_obj, const auto&) {
        if (type == apiserver::WatchType::kDeleted) deleted.push_back(old_obj->metadata.name);
    });
    Record("web-0");
    const std::string name = EventsOf("web-0").at(0)->metadata.name;
    sim.Advance(kLeaseLife);
    EXPECT_EQ(deleted, std::vector<std::string>{name});
    // The recorder still remembers the event: the patch finds nothing, so it is created again.
    Record("web-0");
    auto events = EventsOf("web-0");
    ASSERT_EQ(events.size(), 1u);
    EXPECT_EQ(events[0]->metadata.name, name);
    EXPECT_EQ(events[0]->count, 2);
}

TEST_F(EventTtlTest, PendingExpiriesDoNotKeepAQuietClusterBusy) {
    const Time before = sim.Now();
    Record("web-0");
    EXPECT_FALSE(sim.NextEventTime().has_value());
    EXPECT_TRUE(sim.Settle(Minutes(10)));
    EXPECT_EQ(sim.Now(), before);  // Settle did not run the clock to the expiry
    EXPECT_EQ(EventsOf("web-0").size(), 1u);
}

// The scheduler's background events on their own: in time order with the others once the
// clock reaches them, but never pending work.
class Recorder final : public Component {
public:
    explicit Recorder(Scheduler& s) : scheduler(s), id(s.Register(this)) {}
    std::string_view ComponentName() const override { return "recorder"; }
    void OnEvent(const SimEvent& e) override { runs.push_back(e.key + "@" + std::to_string(scheduler.Now())); }
    Scheduler& scheduler;
    uint16_t id;
    std::vector<std::string> runs;
};

TEST(SchedulerBackgroundTest, BackgroundEventsRunInTimeOrderWithTheOthersButAreNotPendingWork) {
    Scheduler scheduler(0);
    Recorder r(scheduler);
    scheduler.Background(20, r.id, 1, "late-background");
    scheduler.Background(5, r.id, 1, "background");
    EXPECT_FALSE(scheduler.NextEventTime().has_value());
    EXPECT_FALSE(scheduler.Step());
    EXPECT_TRUE(r.runs.empty());

    scheduler.At(10, r.id, 1, "queued");
    scheduler.At(5, r.id, 1, "queued-same-time");
    EXPECT_EQ(scheduler.NextEventTime(), 5);
    while (scheduler.Step()) {
    }
    // Equal times run in the order they were scheduled; the later background event stays.
    EXPECT_EQ(r.runs, (std::vector<std::string>{"background@5", "queued-same-time@5", "queued@10"}));
    scheduler.RunUntil(30);
    EXPECT_EQ(r.runs.back(), "late-background@20");
    EXPECT_EQ(scheduler.Now(), 30);
}

}  // namespace
}  // namespace sts::engine
