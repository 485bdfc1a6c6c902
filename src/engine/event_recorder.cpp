#include "engine/event_recorder.h"

#include <cstdio>

#include "core/hash.h"

namespace sts::engine {

void EventRecorder::Record(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                           std::string message, const EventSource& source) {
    ++recorded_;
    const Time now = api_.Now();
    uint64_t key = Fnv1a64(object.kind);
    key = Fnv1a64(object.namespace_, key);
    key = Fnv1a64(object.name, key);
    key = Fnv1a64(object.uid, key);
    key = Fnv1a64(object.field_path, key);
    key = Fnv1a64(type, key);
    key = Fnv1a64(reason, key);
    key = Fnv1a64(message, key);
    key = Fnv1a64(source.component, key);
    key = Fnv1a64(source.host, key);

    if (const uint32_t hit = Find(key); hit != kNone) {
        auto existing = api_.events().Get(slots_[hit].ns, slots_[hit].name);
        if (existing) {
            k8s::Event updated = *existing;
            updated.count += 1;
            updated.last_timestamp = k8s::Timestamp(now);
            api_.events().Update(std::move(updated));
            Unlink(hit);
            PushFront(hit);
            return;
        }
        // Its Event is gone (deleted, or expired): the entry is forgotten.
        Unlink(hit);
        IndexErase(hit);
        free_.push_back(hit);
    }

    k8s::Event ev;
    ev.metadata.namespace_ = object.namespace_.empty() ? "default" : object.namespace_;
    // "<name>.<unix nanoseconds in hex>", kept unique when two events share a millisecond.
    uint64_t suffix = static_cast<uint64_t>(now) * 1000000ULL;
    if (suffix <= last_suffix_) suffix = last_suffix_ + 1;
    last_suffix_ = suffix;
    char hex[32];
    std::snprintf(hex, sizeof hex, "%llx", static_cast<unsigned long long>(suffix));
    ev.metadata.name = object.name + "." + hex;
    ev.involved_object = object;
    ev.reason = std::string(reason);
    ev.message = std::move(message);
    ev.source.component = source.component;
    ev.source.host = source.host;
    ev.first_timestamp = k8s::Timestamp(now);
    ev.last_timestamp = k8s::Timestamp(now);
    ev.count = 1;
    ev.type = std::string(type);
    ev.reporting_component = source.component;
    ev.reporting_instance = source.host;
    auto created = api_.events().Create(std::move(ev));
    if (!created.ok()) return;

    uint32_t slot;
    if (!free_.empty()) {
        slot = free_.back();
        free_.pop_back();
    } else if (slots_.size() < kCacheSize) {
        slot = static_cast<uint32_t>(slots_.size());
        slots_.emplace_back();
    } else {
        slot = tail_;  // the least recently used entry is forgotten
        Unlink(slot);
        IndexErase(slot);
    }
    slots_[slot].key = key;
    IndexInsert(slot);
    slots_[slot].ns = created.value->metadata.namespace_;
    slots_[slot].name = created.value->metadata.name;
    PushFront(slot);
}

uint32_t EventRecorder::Find(uint64_t key) const {
    for (size_t i = Home(key);; i = (i + 1) & kIndexMask) {
        if (index_[i] == kNone) return kNone;
        if (slots_[index_[i]].key == key) return index_[i];
    }
}

void EventRecorder::IndexInsert(uint32_t slot) {
    size_t i = Home(slots_[slot].key);
    while (index_[i] != kNone) i = (i + 1) & kIndexMask;
    index_[i] = slot;
}

// Linear probing's deletion without tombstones: later entries of the probe run move back into
// the hole when their home position allows it.
void EventRecorder::IndexErase(uint32_t slot) {
    size_t hole = Home(slots_[slot].key);
    while (index_[hole] != slot) hole = (hole + 1) & kIndexMask;
    index_[hole] = kNone;
    for (size_t i = (hole + 1) & kIndexMask; index_[i] != kNone; i = (i + 1) & kIndexMask) {
        const size_t home = Home(slots_[index_[i]].key);
        // Movable when its home is not in (hole, i], cyclically.
        const bool home_in_between = hole < i ? (home > hole && home <= i) : (home > hole || home <= i);
        if (home_in_between) continue;
        index_[hole] = index_[i];
        index_[i] = kNone;
        hole = i;
    }
}

void EventRecorder::Unlink(uint32_t slot) {
    Slot& s = slots_[slot];
    (s.prev != kNone ? slots_[s.prev].next : head_) = s.next;
    (s.next != kNone ? slots_[s.next].prev : tail_) = s.prev;
    s.prev = s.next = kNone;
}

void EventRecorder::PushFront(uint32_t slot) {
    Slot& s = slots_[slot];
    s.prev = kNone;
    s.next = head_;
    if (head_ != kNone) slots_[head_].prev = slot;
    head_ = slot;
    if (tail_ == kNone) tail_ = slot;
}

}  // namespace sts::engine
