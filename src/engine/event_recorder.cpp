#include "engine/event_recorder.h"

#include <algorithm>

#include "core/hash.h"

namespace sts::engine {

namespace {

// The involved object's fields every key starts with (getSpamKey's list). Upstream joins the
// strings with no separator and hashes nothing; the chained hash reads the same bytes.
uint64_t SourceObjectKey(const k8s::ObjectReference& object, const EventSource& source) {
    uint64_t key = Fnv1a64(source.component);
    key = Fnv1a64(source.host, key);
    key = Fnv1a64(object.kind, key);
    key = Fnv1a64(object.namespace_, key);
    key = Fnv1a64(object.name, key);
    key = Fnv1a64(object.uid, key);
    return Fnv1a64(object.api_version, key);
}

// Two keys into one (FNV's prime, so that (a, b) and (b, a) differ).
uint64_t MixKeys(uint64_t a, uint64_t b) { return (a ^ b) * 0x100000001b3ull + b; }

// Go's %x of an unsigned integer.
std::string LowerHex(uint64_t v) {
    char buf[16];
    size_t n = 0;
    do {
        buf[sizeof buf - 1 - n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0);
    return std::string(buf + sizeof buf - n, n);
}

// getEventKey: the object's key with the field path, type, reason and message.
uint64_t EventKey(const k8s::ObjectReference& object, uint64_t object_key, std::string_view type,
                  std::string_view reason, uint64_t message_key) {
    uint64_t key = Fnv1a64(object.field_path, object_key);
    key = Fnv1a64(type, key);
    key = Fnv1a64(reason, key);
    return MixKeys(key, message_key);
}

}  // namespace

bool EventRecorder::FoldRepeats(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                                const std::string& message, const EventSource& source, int64_t repeats,
                                Time last) {
    const uint64_t key = EventKey(object, SourceObjectKey(object, source), type, reason, Fnv1a64(message));
    EventLog* log = logs_.Get(key);
    if (!log || log->count <= 0) return false;
    const int32_t count = log->count + static_cast<int32_t>(repeats);
    if (!PatchEvent(*log, count, last, nullptr)) return false;
    log->count = count;
    return true;
}

bool EventRecorder::PatchEvent(const EventLog& log, int32_t count, Time last, const std::string* message) {
    auto existing = api_.events().Get(log.ns, log.name);
    if (!existing) return false;
    k8s::Event updated = *existing;
    updated.count = count;
    updated.last_timestamp = k8s::Timestamp(last);
    if (message) updated.message = *message;
    api_.events().Update(std::move(updated));
    return true;
}

void EventRecorder::Record(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                           std::string message, const EventSource& source) {
    ++recorded_;
    const Time now = api_.Now();
    const uint64_t object_key = SourceObjectKey(object, source);
    // getEventKey: source, object (with the field path), type, reason and message. The message,
    // often the longest part, is hashed once for this key and the aggregation's local key.
    const uint64_t message_key = Fnv1a64(message);
    const uint64_t event_key = EventKey(object, object_key, type, reason, message_key);

    // EventAggregate: similar events differ in their message only (the reporting controller and
    // instance of a recorded event are its source's component and host).
    bool combined = false;
    uint64_t cache_key = event_key;
    if (!source.events_v1) {
        uint64_t aggregate_key = Fnv1a64(type, object_key);
        aggregate_key = Fnv1a64(reason, aggregate_key);
        aggregate_key = Fnv1a64(source.component, aggregate_key);
        aggregate_key = Fnv1a64(source.host, aggregate_key);
        AggregateRecord& record = aggregates_.Add(aggregate_key);
        if (record.local_keys.empty() || now - record.last > kAggregateInterval) record = AggregateRecord{};
        const uint64_t local_key = message_key;
        auto at = std::lower_bound(record.local_keys.begin(), record.local_keys.end(), local_key);
        if (at == record.local_keys.end() || *at != local_key) record.local_keys.insert(at, local_key);
        record.last = now;
        if (record.local_keys.size() >= kAggregateMaxEvents) {
            // The set stays below the limit. Upstream removes an arbitrary member (Go's map
            // order); the smallest hash is as arbitrary and the same on every run.
            record.local_keys.erase(record.local_keys.begin());
            combined = true;
            message = "(combined from similar events): " + message;
            // The aggregate key, kept apart from every event key.
            cache_key = aggregate_key ^ 0xA66E6A7E0000000Full;
        }
    }

    // eventObserve: a remembered event is patched, under the name it was first written with.
    EventLog& log = logs_.Add(cache_key);
    const bool repeat = log.count > 0;
    if (repeat) {
        log.count += 1;
    } else {
        log.count = 1;
        log.first = now;
        log.ns = object.namespace_.empty() ? "default" : object.namespace_;
        // "<name>.<unix nanoseconds in hex>", kept unique when two events share a millisecond.
        uint64_t suffix = static_cast<uint64_t>(now) * 1000000ULL;
        if (suffix <= last_suffix_) suffix = last_suffix_ + 1;
        last_suffix_ = suffix;
        log.name = object.name + "." + LowerHex(suffix);
    }
    const EventLog observed = log;

    // EventSourceObjectSpamFilter: a token bucket per source and object, full at first.
    if (!source.events_v1) {
        SpamRecord& bucket = spam_.Add(object_key);
        const Duration full = kSpamBurst * kSpamRefill;
        if (!bucket.initialised) {
            bucket.initialised = true;
            bucket.credit = full;
        } else {
            bucket.credit = std::min(full, bucket.credit + (now - bucket.last));
        }
        bucket.last = now;
        if (bucket.credit < kSpamRefill) {
            ++filtered_;
            return;
        }
        bucket.credit -= kSpamRefill;
    }

    if (repeat) {
        if (PatchEvent(observed, observed.count, now, &message)) return;
        // The Event is gone (deleted, or expired): the patch finds nothing, so it is created
        // again, with the remembered name, first time and count.
    }
    k8s::Event ev;
    ev.metadata.namespace_ = observed.ns;
    ev.metadata.name = observed.name;
    ev.involved_object = object;
    ev.reason = std::string(reason);
    ev.message = std::move(message);
    ev.source.component = source.component;
    ev.source.host = source.host;
    ev.first_timestamp = k8s::Timestamp(observed.first);
    ev.last_timestamp = k8s::Timestamp(now);
    ev.count = observed.count;
    ev.type = std::string(type);
    // The combined event is built afresh upstream, without the reporting fields.
    if (!combined) {
        ev.reporting_component = source.component;
        ev.reporting_instance = source.host;
    }
    api_.events().Create(std::move(ev));
}

}  // namespace sts::engine
