// Per-pod entries a controller keeps between syncs: what it worked out from each pod snapshot.
//
// The StatefulSet and endpoints controllers walk every pod of a namespace at each sync, as
// upstream's do; a 10,000-pod set is walked hundreds of times while it comes up. An entry
// remembers the snapshot it was computed from, so a pod that has not changed since the last
// walk costs a pointer compare instead of label lookups and string compares.
//
// The entries sit in one array, mostly in walk (key) order: the entry after the last one
// visited is tried first, so a walk reads the array front to back, as the hardware prefetches
// best. A new pod's entry is appended; the array is put back in walk order when pods went away
// or when the entries out of place cost more lookups than a rearrangement.
#pragma once

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "apiserver/store.h"
#include "core/hash.h"
#include "k8s/core_v1.h"

namespace sts::controllers {

template <class Entry>
class PodEntries {
public:
    struct Visit {
        Entry& entry;
        bool changed;  // a new pod, or another snapshot than the last walk saw: recompute
    };

    // Starts a walk over at most `max_pods` pods. Entries handed out stay where they are until
    // End(), so a sync may keep pointers to them until then.
    void Begin(size_t max_pods) {
        if (walking_) End();
        walking_ = true;
        cursor_ = 0;
        misses_ = 0;
        walk_.clear();
        old_size_ = held_.size();
        // New pods are appended without moving the others. The room grows geometrically: one
        // more pod per sync (OrderedReady) must not move every entry at every sync.
        const size_t needed = old_size_ + max_pods;
        if (held_.capacity() < needed) held_.reserve(std::max(needed, 2 * held_.capacity()));
        if (names_.capacity() < needed) names_.reserve(std::max(needed, 2 * names_.capacity()));
    }

    // The entry of `pod`, the next pod of the walk.
    Visit Next(const apiserver::Ptr<k8s::Pod>& pod) {
        size_t pos = cursor_;
        if (!(pos < old_size_ && (held_[pos].last == pod || names_[pos] == pod->metadata.name))) {
            ++misses_;
            pos = FindOrAppend(pod->metadata.name);
        }
        // The next pod of the walk is most likely the entry after this one; a new pod (appended)
        // leaves the cursor where it was.
        if (pos < old_size_) cursor_ = pos + 1;
        walk_.push_back(pos);
        return Observe(pos, pod);
    }

    // Ends the walk: entries of pods it did not visit are dropped, and the rest are put in the
    // order of this walk. Entries out of place (a new pod sits at the end, not where the walk
    // meets it) cost a lookup at each walk, so while they are few they stay where they are:
    // one more pod per sync must not rearrange every entry at every sync.
    void End() {
        if (!walking_) return;
        walking_ = false;
        if (walk_.size() == held_.size() && misses_ * 8 <= held_.size() + 64) return;
        std::vector<Held> ordered;
        std::vector<std::string> ordered_names;
        ordered.reserve(walk_.size());
        ordered_names.reserve(walk_.size());
        for (size_t pos : walk_) {
            ordered.push_back(std::move(held_[pos]));
            ordered_names.push_back(std::move(names_[pos]));
        }
        held_ = std::move(ordered);
        names_ = std::move(ordered_names);
        index_.clear();
        for (size_t i = 0; i < names_.size(); ++i) index_.emplace(names_[i], i);
    }

    // Ends the walk when the scope that began it is left, whichever way.
    class EndOnExit {
    public:
        explicit EndOnExit(PodEntries& entries) : entries_(entries) {}
        ~EndOnExit() { entries_.End(); }
        EndOnExit(const EndOnExit&) = delete;
        EndOnExit& operator=(const EndOnExit&) = delete;

    private:
        PodEntries& entries_;
    };

    // Outside a walk: the entry of a pod that had a watch event, for a sync that recomputes the
    // changed pods only. A pod without an entry gets one at the end (the next walk puts it in
    // place). Entries handed out stay where they are until the next Touch or walk.
    Visit Touch(const apiserver::Ptr<k8s::Pod>& pod) { return Observe(FindOrAppend(pod->metadata.name), pod); }
    // Outside a walk: a pod that is gone. Its entry is as good as never made (the next walk,
    // which no longer meets the pod, drops it).
    void Forget(std::string_view name) {
        if (auto it = index_.find(name); it != index_.end()) {
            held_[it->second].last.reset();
            held_[it->second].entry = Entry{};
        }
    }
    // The snapshot the entry of a pod was last computed from (null if none).
    const apiserver::Ptr<k8s::Pod>* Snapshot(std::string_view name) const {
        auto it = index_.find(name);
        return it == index_.end() ? nullptr : &held_[it->second].last;
    }
    // The entry of a pod by name, or null.
    Entry* Find(std::string_view name) {
        auto it = index_.find(name);
        return it == index_.end() ? nullptr : &held_[it->second].entry;
    }

    // What the entries were computed against changed: every pod counts as changed at its next
    // visit. The entries themselves (and what they remember beyond the pod) stay.
    void Invalidate() {
        for (auto& held : held_) held.last.reset();
    }

private:
    // The position of the pod's entry, appended (empty) if it has none.
    size_t FindOrAppend(const std::string& name) {
        if (auto it = index_.find(name); it != index_.end()) return it->second;
        const size_t pos = held_.size();
        held_.emplace_back();
        names_.push_back(name);
        index_.emplace(name, pos);
        return pos;
    }
    // The entry at `pos` seen with this snapshot: changed when the entry was made from another.
    Visit Observe(size_t pos, const apiserver::Ptr<k8s::Pod>& pod) {
        Held& held = held_[pos];
        const bool changed = held.last != pod;
        if (changed) held.last = pod;
        return {held.entry, changed};
    }

    // The snapshot and the entry side by side, the names apart: a walk over unchanged pods reads
    // one compact array front to back (entries keep what every sync reads first, and what few
    // syncs read out of line).
    struct Held {
        apiserver::Ptr<k8s::Pod> last;
        Entry entry;
    };
    std::vector<Held> held_;                          // in the order of the last walk
    std::vector<std::string> names_;                  // the pod name of each of held_
    std::unordered_map<std::string, size_t, StringViewHash, std::equal_to<>> index_;  // name -> position in held_
    std::vector<size_t> walk_;                        // positions visited, in order
    size_t cursor_ = 0;
    size_t old_size_ = 0;
    size_t misses_ = 0;  // pods of this walk not found at the cursor
    bool walking_ = false;
};

// The pods of a namespace that had watch events since a controller's last sync, by name, for a
// sync that looks at those only. A list longer than a walk over the namespace would cost gives
// up (`overflowed`): that sync walks every pod instead.
class ChangedPods {
public:
    // `walk` is about the number of pods a walk would visit.
    void Add(const std::string& name, size_t walk) {
        if (overflowed_) return;
        if (names_.size() > 2 * walk + 64) {
            overflowed_ = true;
            names_.clear();
            return;
        }
        names_.push_back(name);
    }
    bool overflowed() const { return overflowed_; }
    // Hands the names over, sorted and each once, and starts a new list.
    std::vector<std::string> Take() {
        std::vector<std::string> out;
        out.swap(names_);
        overflowed_ = false;
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }
    void Clear() {
        names_.clear();
        overflowed_ = false;
    }

private:
    std::vector<std::string> names_;
    bool overflowed_ = false;
};

}  // namespace sts::controllers
