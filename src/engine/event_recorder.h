// Records Kubernetes Events the way client-go's EventRecorder does: one Event object per
// distinct (object, type, reason, message, source), named "<object>.<hex nanoseconds>", and a
// repeat within the correlator's memory bumps count and lastTimestamp instead of adding a new one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/api_server.h"

namespace sts::engine {

struct EventSource {
    std::string component;  // "statefulset-controller", "kubelet", "default-scheduler"
    std::string host;       // the node, for kubelet events
};

class EventRecorder {
public:
    explicit EventRecorder(apiserver::ApiServer& api) : api_(api) {}

    // type: "Normal" or "Warning".
    void Record(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                std::string message, const EventSource& source);

    template <class T>
    static k8s::ObjectReference RefTo(const T& obj, std::string field_path = {}) {
        k8s::ObjectReference ref;
        ref.kind = T::kKind;
        ref.namespace_ = obj.metadata.namespace_;
        ref.name = obj.metadata.name;
        ref.uid = obj.metadata.uid;
        ref.api_version = T::kApiVersion;
        ref.resource_version = obj.metadata.resource_version;
        ref.field_path = std::move(field_path);
        return ref;
    }

    uint64_t RecordedCount() const { return recorded_; }

private:
    // client-go keeps an LRU of 4096 recent events for aggregation.
    static constexpr uint32_t kCacheSize = 4096;
    static constexpr uint32_t kNone = ~0u;

    // The LRU lives in fixed arrays: an event is recorded at nearly every pod transition, and a
    // list node plus a hash node per event (freed again 4096 events later) cost more than the
    // lookup itself. Slots are linked most recent first; `index_` is an open-addressing table
    // (linear probing, twice the slots) of slot numbers, kNone where empty.
    struct Slot {
        uint64_t key = 0;
        std::string ns;  // the Event object the key aggregates into
        std::string name;
        uint32_t prev = kNone, next = kNone;
    };
    uint32_t Find(uint64_t key) const;
    void Unlink(uint32_t slot);
    void PushFront(uint32_t slot);
    void IndexInsert(uint32_t slot);
    void IndexErase(uint32_t slot);
    static constexpr unsigned kIndexBits = 13;
    static_assert((1u << kIndexBits) == 2 * kCacheSize);
    static constexpr size_t kIndexMask = (size_t{1} << kIndexBits) - 1;
    // Multiplicative hashing onto the index's kIndexBits bits.
    static size_t Home(uint64_t key) { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> (64 - kIndexBits)); }

    apiserver::ApiServer& api_;
    std::vector<Slot> slots_;  // grows to kCacheSize, then the least recent slot is reused
    std::vector<uint32_t> free_;  // slots whose entry was forgotten
    std::vector<uint32_t> index_ = std::vector<uint32_t>(kIndexMask + 1, kNone);
    uint32_t head_ = kNone, tail_ = kNone;
    uint64_t recorded_ = 0;
    uint64_t last_suffix_ = 0;
};

}  // namespace sts::engine
