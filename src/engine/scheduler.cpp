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

uint64_t Scheduler::At(Time at, uint16_t target, uint16_t op, std::string key, uint64_t arg) {
    SimEvent e;
    e.at = at < now_ ? now_ : at;
    e.seq = next_seq_++;
    e.target = target;
    e.op = op;
    e.arg = arg;
    e.key = std::move(key);
    queue_.push_back(std::move(e));
    std::push_heap(queue_.begin(), queue_.end(), Later{});
    return next_seq_ - 1;
}

bool Scheduler::Step() {
    if (queue_.empty()) return false;
    std::pop_heap(queue_.begin(), queue_.end(), Later{});
    SimEvent e = std::move(queue_.back());
    queue_.pop_back();
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
    return true;
}

void Scheduler::RunUntil(Time t) {
    while (!queue_.empty() && queue_.front().at <= t) Step();
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
