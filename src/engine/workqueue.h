// A controller work queue with client-go's semantics (k8s.io/client-go/util/workqueue): a key
// waits at most once, a key being processed is marked dirty and requeued when done, delayed adds
// keep the earliest time, and rate-limited adds back off exponentially per key (5 ms doubling,
// capped at 1000 s) until Forget.
//
// QueueController runs one worker over such a queue on the simulated clock. A sync occupies the
// worker for the time it reports (its API calls and the work proportional to what it read), and
// changes that arrive meanwhile collapse into one more sync, as they do for a real controller.
#pragma once

#include <deque>
#include <map>
#include <set>
#include <string>

#include "engine/scheduler.h"

namespace sts::engine {

// Objects a controller examines per simulated millisecond of a sync: about 10 µs each, what a
// Go controller spends on a pod once selector matching, the name regexps and the formatting it
// does per pod are counted. Every controller's sync cost uses this one rate.
inline constexpr int64_t kPodsExaminedPerMs = 100;

class WorkQueue {
public:
    void Add(const std::string& key);
    // Pops the next key into "processing"; false when empty.
    bool Get(std::string* key);
    void Done(const std::string& key);
    bool Empty() const { return queue_.empty(); }
    size_t Length() const { return queue_.size(); }
    bool Contains(const std::string& key) const { return dirty_.count(key) > 0; }

    // Rate limiter (ItemExponentialFailureRateLimiter): the delay for this key's next retry.
    Duration NextBackoff(const std::string& key);
    void Forget(const std::string& key) { failures_.erase(key); }
    int NumRequeues(const std::string& key) const;

private:
    std::deque<std::string> queue_;
    std::set<std::string> dirty_;
    std::set<std::string> processing_;
    std::map<std::string, int> failures_;
};

class QueueController : public Component {
public:
    QueueController(Scheduler& scheduler, std::string name);

    std::string_view ComponentName() const override { return name_; }
    void OnEvent(const SimEvent& event) override;
    std::string_view OpName(uint16_t op) const override;

    size_t QueueLength() const { return queue_.Length(); }
    uint64_t SyncCount() const { return syncs_; }

protected:
    // First op number free for subclasses.
    static constexpr uint16_t kFirstSubclassOp = 16;

    void Enqueue(const std::string& key);
    void EnqueueAfter(const std::string& key, Duration delay);
    void EnqueueRateLimited(const std::string& key);
    void Forget(const std::string& key) { queue_.Forget(key); }

    // Processes one key. Returns false to retry with back-off. `cost` is how long the worker
    // stays busy (default 1 ms); set it from the amount of work done.
    virtual bool Sync(const std::string& key, Duration* cost) = 0;
    // Ops >= kFirstSubclassOp are routed here.
    virtual void OnSubclassEvent(const SimEvent&) {}

    Scheduler& scheduler_;
    uint16_t id_;

private:
    enum Op : uint16_t { kProcess = 0, kDelayedAdd = 1 };
    void Kick();

    std::string name_;
    WorkQueue queue_;
    bool process_scheduled_ = false;
    Time busy_until_ = 0;
    uint64_t syncs_ = 0;
    std::map<std::string, Time> waiting_;  // earliest pending delayed add per key
};

}  // namespace sts::engine
