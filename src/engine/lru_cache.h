// A map of at most `capacity` entries that forgets its least recently used entry to make room,
// as groupcache's lru.Cache does for client-go's event correlator. Keys are 64-bit hashes.
//
// Entries live in one array linked most recent first, and the index is an open-addressing table
// (linear probing, at least twice the entries) of entry numbers: an event is recorded at nearly
// every pod transition, and a list node plus a hash node per entry (freed again thousands of
// events later) would cost more than the lookup itself.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sts::engine {

template <class V>
class LruCache {
public:
    explicit LruCache(uint32_t capacity) : capacity_(capacity) {}

    // The entry for `key`, made the most recent; nullptr when there is none.
    V* Get(uint64_t key) {
        const uint32_t e = Find(key);
        if (e == kNone) return nullptr;
        MoveToFront(e);
        return &entries_[e].value;
    }
    // The entry for `key`, made the most recent. A new entry starts as V{}; when the cache is
    // full, the least recently used entry is forgotten to make room for it.
    V& Add(uint64_t key) {
        if (V* existing = Get(key)) return *existing;
        uint32_t e;
        if (entries_.size() < capacity_) {
            e = static_cast<uint32_t>(entries_.size());
            entries_.emplace_back();
            if (index_.size() < 2 * entries_.size()) Rehash(index_.empty() ? 16 : 2 * index_.size());
        } else {
            e = tail_;
            Unlink(e);
            IndexErase(e);
        }
        entries_[e].key = key;
        entries_[e].value = V{};
        IndexInsert(e);
        PushFront(e);
        return entries_[e].value;
    }

private:
    static constexpr uint32_t kNone = ~0u;
    struct Entry {
        uint64_t key = 0;
        V value{};
        uint32_t prev = kNone, next = kNone;
    };

    // Multiplicative hashing onto the table's bits.
    size_t Home(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }
    size_t Mask() const { return index_.size() - 1; }

    uint32_t Find(uint64_t key) const {
        if (index_.empty()) return kNone;
        for (size_t i = Home(key);; i = (i + 1) & Mask()) {
            if (index_[i] == kNone) return kNone;
            if (entries_[index_[i]].key == key) return index_[i];
        }
    }
    void IndexInsert(uint32_t e) {
        size_t i = Home(entries_[e].key);
        while (index_[i] != kNone) i = (i + 1) & Mask();
        index_[i] = e;
    }
    // Linear probing's deletion without tombstones: later entries of the probe run move back
    // into the hole when their home position allows it.
    void IndexErase(uint32_t e) {
        size_t hole = Home(entries_[e].key);
        while (index_[hole] != e) hole = (hole + 1) & Mask();
        index_[hole] = kNone;
        for (size_t i = (hole + 1) & Mask(); index_[i] != kNone; i = (i + 1) & Mask()) {
            const size_t home = Home(entries_[index_[i]].key);
            // Movable when its home is not in (hole, i], cyclically.
            const bool home_in_between = hole < i ? (home > hole && home <= i) : (home > hole || home <= i);
            if (home_in_between) continue;
            index_[hole] = index_[i];
            index_[i] = kNone;
            hole = i;
        }
    }
    void Rehash(size_t size) {
        index_.assign(size, kNone);
        shift_ = 64;
        for (size_t s = size; s > 1; s >>= 1) --shift_;
        // An entry not linked yet is not in the index.
        for (uint32_t e = head_; e != kNone; e = entries_[e].next) IndexInsert(e);
    }
    void Unlink(uint32_t e) {
        Entry& s = entries_[e];
        (s.prev != kNone ? entries_[s.prev].next : head_) = s.next;
        (s.next != kNone ? entries_[s.next].prev : tail_) = s.prev;
        s.prev = s.next = kNone;
    }
    void PushFront(uint32_t e) {
        Entry& s = entries_[e];
        s.prev = kNone;
        s.next = head_;
        if (head_ != kNone) entries_[head_].prev = e;
        head_ = e;
        if (tail_ == kNone) tail_ = e;
    }
    void MoveToFront(uint32_t e) {
        if (head_ == e) return;
        Unlink(e);
        PushFront(e);
    }

    uint32_t capacity_;
    std::vector<Entry> entries_;  // grows to capacity_, then the least recent entry is reused
    std::vector<uint32_t> index_;
    unsigned shift_ = 64;
    uint32_t head_ = kNone, tail_ = kNone;
};

}  // namespace sts::engine
