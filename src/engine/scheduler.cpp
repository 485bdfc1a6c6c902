#include "engine/scheduler.h"

#include <algorithm>

namespace sts::engine {

namespace {
constexpr size_t kRecentEvents = 256;
}

std::string_view Component::OpName(uint16_t) const { return "event"; }

uint16_t Scheduler::Register(Component* component) {
    components_.push_back(component);
    dispatched_to_.push_back(0);
    return static_cast<uint16_t>(components_.size() - 1);
}

SimEvent Scheduler::Make(Time at, uint16_t target, uint16_t op, std::string key, uint64_t arg) {
    SimEvent e;
    e.at = at < now_ ? now_ : at;
    e.seq = next_seq_++;
    e.target = target;
    e.op = op;
    e.arg = arg;
    e.key = std::move(key);
    return e;
}

uint64_t Scheduler::At(Time at, uint16_t target, uint16_t op, std::string key, uint64_t arg) {
    queue_.push_back(Make(at, target, op, std::move(key), arg));
    std::push_heap(queue_.begin(), queue_.end(), Later{});
    return next_seq_ - 1;
}

uint64_t Scheduler::Background(Time at, uint16_t target, uint16_t op, std::string key, uint64_t arg) {
    background_.push_back(Make(at, target, op, std::move(key), arg));
    std::push_heap(background_.begin(), background_.end(), Later{});
    return next_seq_ - 1;
}

void Scheduler::RunFirst(std::vector<SimEvent>& heap) {
    std::pop_heap(heap.begin(), heap.end(), Later{});
    SimEvent e = std::move(heap.back());
    heap.pop_back();
    now_ = e.at;
    ++dispatched_;
    ++dispatched_to_[e.target];
    components_[e.target]->OnEvent(e);
    if (recent_.size() < kRecentEvents) {
        recent_.push_back(std::move(e));
    } else {
        recent_[recent_next_] = std::move(e);
    }
    recent_next_ = (recent_next_ + 1) % kRecentEvents;
}

bool Scheduler::Step() {
    if (queue_.empty()) return false;
    const bool background_first = !background_.empty() && Earlier(background_.front(), queue_.front());
    RunFirst(background_first ? background_ : queue_);
    return true;
}

void Scheduler::RunUntil(Time t) {
    while (true) {
        const bool queued = !queue_.empty() && queue_.front().at <= t;
        const bool background = !background_.empty() && background_.front().at <= t;
        if (!queued && !background) break;
        RunFirst(queued && (!background || Earlier(queue_.front(), background_.front())) ? queue_ : background_);
    }
    if (t > now_) now_ = t;
}

std::optional<Time> Scheduler::NextEventTime() const {
    if (queue_.empty()) return std::nullopt;
    return queue_.front().at;
}

}  // namespace sts::engine

namespace sts::engine {

std::vector<SimEvent> Scheduler::RecentEvents() const {
    if (recent_.size() < kRecentEvents) return recent_;
    std::vector<SimEvent> out;
    out.reserve(recent_.size());
    for (size_t i = 0; i < recent_.size(); ++i) out.push_back(recent_[(recent_next_ + i) % recent_.size()]);
    return out;
}

}  // namespace sts::engine
