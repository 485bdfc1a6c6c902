// Per-pod entries an endpoints controller keeps between syncs of one Service.
//
// Each sync walks the namespace's pods in key order and looks up the entry of every selected
// pod; at 10,000 pods, hashing each name at each sync was a large share of the sync. The walk
// visits pods in the order of the last walk unless pods came or went, so the entry at the
// same position is tried first and the name lookup is the fallback.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "apiserver/store.h"
#include "k8s/core_v1.h"

namespace sts::controllers {

// Entry must have `apiserver::Ptr<k8s::Pod> pod` (the snapshot it was computed from, or null)
// and `uint64_t seen`.
template <class Entry>
class PodEntries {
public:
    // Starts a walk; returns its epoch.
    uint64_t Begin() {
        cursor_ = 0;
        walk_.clear();
        return ++epoch_;
    }

    // The entry of `pod`, the next selected pod of the walk, marked as seen.
    Entry& Next(const apiserver::Ptr<k8s::Pod>& pod) {
        Slot* slot = nullptr;
        if (cursor_ < last_walk_.size()) {
            Slot* candidate = last_walk_[cursor_];
            if (candidate->second.pod == pod || candidate->first == pod->metadata.name) slot = candidate;
        }
        ++cursor_;
        if (!slot) slot = &*by_name_.try_emplace(pod->metadata.name).first;
        slot->second.seen = epoch_;
        walk_.push_back(slot);
        return slot->second;
    }

    // Ends the walk: entries of pods it did not visit are dropped.
    void End() {
        if (walk_.size() != by_name_.size()) {
            for (auto it = by_name_.begin(); it != by_name_.end();) {
                if (it->second.seen != epoch_) it = by_name_.erase(it);
                else ++it;
            }
        }
        last_walk_.swap(walk_);
        walk_.clear();
    }

    // Forgets every computed entry (their Service changed) but keeps them, and what they
    // remember beyond the pod, in place.
    template <class Fn>
    void ForEachEntry(Fn&& fn) {
        for (auto& [name, entry] : by_name_) fn(entry);
    }

private:
    using Slot = std::pair<const std::string, Entry>;
    std::unordered_map<std::string, Entry> by_name_;  // node-based: slots stay put
    std::vector<Slot*> last_walk_, walk_;
    size_t cursor_ = 0;
    uint64_t epoch_ = 0;
};

}  // namespace sts::controllers
