// The discrete-event scheduler: one queue of events ordered by (time, sequence), the only clock
// the engine has. Events are small data records addressed to a component, so the timeline can
// be logged, counted and replayed; equal times run in the order they were scheduled.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"

namespace sts::engine {

struct SimEvent {
    Time at = 0;
    uint64_t seq = 0;
    uint16_t target = 0;  // component id from Scheduler::Register
    uint16_t op = 0;      // meaning chosen by the component
    uint64_t arg = 0;     // meaning chosen by the component (often a generation guard)
    std::string key;      // usually "namespace/name" of the object concerned
};

class Component {
public:
    virtual ~Component() = default;
    // A short stable name ("statefulset-controller", "kubelet/kind-worker").
    virtual std::string_view ComponentName() const = 0;
    virtual void OnEvent(const SimEvent& event) = 0;
    // Names an op for logs and the timeline.
    virtual std::string_view OpName(uint16_t op) const;
};

class Scheduler {
public:
    explicit Scheduler(Time start) : now_(start) {}

    // Registers a component and returns its id for scheduling.
    uint16_t Register(Component* component);
    Component* ComponentAt(uint16_t id) const { return components_[id]; }

    Time Now() const { return now_; }
    // Schedules an event at `at` (never in the past: earlier times run now). Returns its sequence.
    uint64_t At(Time at, uint16_t target, uint16_t op, std::string key = {}, uint64_t arg = 0);
    uint64_t After(Duration delay, uint16_t target, uint16_t op, std::string key = {}, uint64_t arg = 0) {
        return At(now_ + delay, target, op, std::move(key), arg);
    }

    // A background event: it runs when the clock reaches its time, in order with the others, but
    // it is not pending work. NextEventTime, Pending and Step's answer ignore it, so a cluster
    // with nothing but background events is quiet (Settle ends) and time is never moved just to
    // reach one. etcd's lease expiry is one: Events vanish an hour on, if the clock gets there.
    uint64_t Background(Time at, uint16_t target, uint16_t op, std::string key = {}, uint64_t arg = 0);

    // Runs the next event (or a background event due before it); false when none is pending.
    bool Step();
    // Runs every event due at or before t, then sets the clock to t.
    void RunUntil(Time t);
    std::optional<Time> NextEventTime() const;
    size_t Pending() const { return queue_.size(); }
    uint64_t Dispatched() const { return dispatched_; }
    // Events dispatched to one component (for the benchmark's breakdown).
    uint64_t DispatchedTo(uint16_t id) const { return id < dispatched_to_.size() ? dispatched_to_[id] : 0; }
    size_t ComponentCount() const { return components_.size(); }

    // The most recently dispatched events (up to 256), oldest first, for debugging.
    std::vector<SimEvent> RecentEvents() const;

private:
    struct Later {
        bool operator()(const SimEvent& a, const SimEvent& b) const {
            return a.at != b.at ? a.at > b.at : a.seq > b.seq;
        }
    };
    static bool Earlier(const SimEvent& a, const SimEvent& b) { return Later{}(b, a); }
    SimEvent Make(Time at, uint16_t target, uint16_t op, std::string key, uint64_t arg);
    // Pops the earliest event of `heap` and runs it.
    void RunFirst(std::vector<SimEvent>& heap);

    Time now_;
    uint64_t next_seq_ = 1;
    uint64_t dispatched_ = 0;
    // A binary heap kept with std::push_heap/pop_heap (what std::priority_queue does), so the
    // earliest event can be moved out rather than copied with its key.
    std::vector<SimEvent> queue_;
    std::vector<SimEvent> background_;  // a heap too, ordered the same way
    std::vector<Component*> components_;
    std::vector<uint64_t> dispatched_to_;  // by component id
    std::vector<SimEvent> recent_;  // ring buffer
    size_t recent_next_ = 0;
};

}  // namespace sts::engine
