// The timeline's inputs and markers.
#include "ui/timeline.h"

#include <algorithm>

namespace sts::ui {

const char* MarkerKindName(Marker::Kind kind) {
    switch (kind) {
        case Marker::Kind::kCreate: return "create";
        case Marker::Kind::kReady: return "ready";
        case Marker::Kind::kNotReady: return "not ready";
        case Marker::Kind::kDelete: return "delete";
        case Marker::Kind::kUpdate: return "update";
    }
    return "";
}

void Timeline::Record(TimelineEntry entry) {
    entries_.resize(next_);
    const Time at = entry.at;
    markers_.erase(std::remove_if(markers_.begin(), markers_.end(), [at](const Marker& m) { return m.at > at; }),
                   markers_.end());
    entries_.push_back(std::move(entry));
    next_ = entries_.size();
}

void Timeline::Rewind(Time target) {
    next_ = 0;
    markers_.erase(std::remove_if(markers_.begin(), markers_.end(), [target](const Marker& m) { return m.at <= target; }),
                   markers_.end());
}

void Timeline::AddMarker(Marker m) {
    auto it = std::upper_bound(markers_.begin(), markers_.end(), m.at,
                               [](Time t, const Marker& x) { return t < x.at; });
    for (auto back = it; back != markers_.begin();) {
        --back;
        if (back->at != m.at) break;
        if (back->kind == m.kind && back->object == m.object) return;
    }
    for (auto fwd = it; fwd != markers_.end() && fwd->at == m.at; ++fwd) {
        if (fwd->kind == m.kind && fwd->object == m.object) return;
    }
    markers_.insert(it, std::move(m));
}

}  // namespace sts::ui
