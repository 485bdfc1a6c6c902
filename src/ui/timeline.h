// The session's history as data: every input the user gave the console (lines, Ctrl-C, files
// written by the manifest editor) with the simulated time it was given, and the markers of what
// happened to pods and StatefulSets (created, ready, deleted, updated). Replaying the inputs
// into a fresh session at the same times, with the same time steps while a command runs,
// reproduces the same cluster: that is how the timeline rewinds.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/time.h"

namespace sts::ui {

// Inputs are fed, and time advances while a command runs, on this grid of simulated time, so a
// replay reproduces exactly when a running command notices what happened.
inline constexpr Duration kTimeGrid = 20;

inline Time CeilToGrid(Time t, Time origin) {
    const Time off = t - origin;
    return origin + (off + kTimeGrid - 1) / kTimeGrid * kTimeGrid;
}

struct TimelineEntry {
    enum class Kind { kLine, kInterrupt, kWriteFile };
    Time at = 0;
    Kind kind = Kind::kLine;
    std::string text;     // the line, or the file's path
    std::string content;  // kWriteFile: the file's text
};

struct Marker {
    enum class Kind { kCreate, kReady, kNotReady, kDelete, kUpdate };
    Time at = 0;
    Kind kind = Kind::kCreate;
    std::string object;  // "web-1", "sts/web"
    std::string text;    // "web-1 is Running and Ready"
};

const char* MarkerKindName(Marker::Kind kind);  // "create", "ready", ...

class Timeline {
public:
    const std::vector<TimelineEntry>& entries() const { return entries_; }
    const std::vector<Marker>& markers() const { return markers_; }
    // Entries not yet applied to the current session (after a rewind): [next(), size()).
    size_t next() const { return next_; }
    bool HasFuture() const { return next_ < entries_.size(); }
    const TimelineEntry* NextEntry() const { return HasFuture() ? &entries_[next_] : nullptr; }

    // A new input at `at`: drops whatever future a rewind had kept (history diverges here).
    void Record(TimelineEntry entry);
    // The next future entry has been applied.
    void Advance() { ++next_; }
    // Starts over for a replay towards `target`: every entry becomes future again; markers up
    // to the target are dropped (the replay recreates them), later ones stay as the future.
    void Rewind(Time target);

    // Adds a marker in time order; one already there (a replay recreating it) is not repeated.
    void AddMarker(Marker m);

private:
    std::vector<TimelineEntry> entries_;
    std::vector<Marker> markers_;
    size_t next_ = 0;
};

}  // namespace sts::ui
