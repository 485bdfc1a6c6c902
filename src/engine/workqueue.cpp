#include "engine/workqueue.h"

#include <algorithm>

namespace sts::engine {

void WorkQueue::Add(const std::string& key) {
    if (dirty_.count(key)) return;
    dirty_.insert(key);
    if (processing_.count(key)) return;
    queue_.push_back(key);
}

bool WorkQueue::Get(std::string* key) {
    if (queue_.empty()) return false;
    *key = std::move(queue_.front());
    queue_.pop_front();
    processing_.insert(*key);
    dirty_.erase(*key);
    return true;
}

void WorkQueue::Done(const std::string& key) {
    processing_.erase(key);
    if (dirty_.count(key)) queue_.push_back(key);
}

Duration WorkQueue::NextBackoff(const std::string& key) {
    const int exp = failures_[key]++;
    // 5 ms * 2^exp, capped at 1000 s.
    if (exp >= 18) return Seconds(1000);
    return std::min<Duration>(Millis(5) << exp, Seconds(1000));
}

int WorkQueue::NumRequeues(const std::string& key) const {
    auto it = failures_.find(key);
    return it == failures_.end() ? 0 : it->second;
}

QueueController::QueueController(Scheduler& scheduler, std::string name)
    : scheduler_(scheduler), id_(scheduler.Register(this)), name_(std::move(name)) {}

std::string_view QueueController::OpName(uint16_t op) const {
    switch (op) {
        case kProcess: return "sync";
        case kDelayedAdd: return "requeue";
        default: return "event";
    }
}

void QueueController::Enqueue(const std::string& key) {
    queue_.Add(key);
    Kick();
}

void QueueController::EnqueueAfter(const std::string& key, Duration delay) {
    if (delay <= 0) {
        Enqueue(key);
        return;
    }
    const Time ready = scheduler_.Now() + delay;
    auto it = waiting_.find(key);
    if (it != waiting_.end() && it->second <= ready) return;  // an earlier add is already waiting
    waiting_[key] = ready;
    scheduler_.At(ready, id_, kDelayedAdd, key, static_cast<uint64_t>(ready));
}

void QueueController::EnqueueRateLimited(const std::string& key) { EnqueueAfter(key, queue_.NextBackoff(key)); }

void QueueController::Kick() {
    if (process_scheduled_ || queue_.Empty()) return;
    process_scheduled_ = true;
    scheduler_.At(std::max(scheduler_.Now(), busy_until_), id_, kProcess);
}

void QueueController::OnEvent(const SimEvent& event) {
    if (event.op >= kFirstSubclassOp) {
        OnSubclassEvent(event);
        return;
    }
    if (event.op == kDelayedAdd) {
        auto it = waiting_.find(event.key);
        if (it == waiting_.end() || it->second != static_cast<Time>(event.arg)) return;  // superseded
        waiting_.erase(it);
        Enqueue(event.key);
        return;
    }
    process_scheduled_ = false;
    std::string key;
    if (!queue_.Get(&key)) return;
    Duration cost = Millis(1);
    ++syncs_;
    const bool ok = Sync(key, &cost);
    if (ok) {
        queue_.Forget(key);
    } else {
        EnqueueRateLimited(key);
    }
    queue_.Done(key);
    busy_until_ = scheduler_.Now() + std::max<Duration>(cost, 1);
    Kick();
}

}  // namespace sts::engine
