// Records Kubernetes Events the way client-go's EventRecorder does (tools/record, event.go and
// events_cache.go): each event passes the EventCorrelator before it reaches the API server.
//  - Aggregation: the 10th distinct message within 10 minutes for the same source, object, type
//    and reason becomes one Event "(combined from similar events): <message>", and later ones
//    update that Event's count and message.
//  - Counting: a repeat of a remembered event bumps count and lastTimestamp of its Event, which
//    is named "<object>.<hex nanoseconds>" when first made.
//  - Spam filter: a source may send 25 events about one object, then one every 5 minutes more;
//    the rest are dropped (after they were counted, as upstream counts them).
// kube-scheduler records through events.k8s.io/v1 (tools/events), which counts repeats but
// neither aggregates nor filters; its source says so.
//
// One correlator serves every source here, where each component process has its own upstream.
// Every cache key includes the source, so the only difference is that the sources share each
// cache's 4096 entries.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "apiserver/api_server.h"
#include "engine/lru_cache.h"

namespace sts::engine {

struct EventSource {
    std::string component;  // "statefulset-controller", "kubelet", "default-scheduler"
    std::string host;       // the node, for kubelet events
    bool events_v1 = false; // recorded through events.k8s.io/v1: no aggregation, no spam filter
};

class EventRecorder {
public:
    explicit EventRecorder(apiserver::ApiServer& api) : api_(api) {}

    // type: "Normal" or "Warning".
    void Record(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                std::string message, const EventSource& source);

    // Adds `repeats` occurrences, the last at `last`, of an event recorded before (the kubelet
    // counts a failing probe's repeats and folds them in when the episode ends): its Event's
    // count and lastTimestamp move on. False when the recorder no longer remembers the event or
    // its Event is gone; the caller then records it afresh.
    bool FoldRepeats(const k8s::ObjectReference& object, std::string_view type, std::string_view reason,
                     const std::string& message, const EventSource& source, int64_t repeats, Time last);

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
    // Events the spam filter dropped.
    uint64_t FilteredCount() const { return filtered_; }

    // client-go's defaults (events_cache.go).
    static constexpr uint32_t kCacheSize = 4096;
    static constexpr size_t kAggregateMaxEvents = 10;
    static constexpr Duration kAggregateInterval = Seconds(600);
    static constexpr int64_t kSpamBurst = 25;
    static constexpr Duration kSpamRefill = Seconds(300);  // one token per 5 minutes

private:
    // The similar events (same key but the message) seen lately: their messages' hashes.
    struct AggregateRecord {
        std::vector<uint64_t> local_keys;  // sorted
        Time last = 0;
    };
    // What the logger remembers of an Event it wrote: enough to patch it.
    struct EventLog {
        int32_t count = 0;
        Time first = 0;
        std::string ns, name;
    };
    // Patches the remembered Event's count and lastTimestamp (and message, when given), as the
    // correlator's PATCH does; false when the Event is gone.
    bool PatchEvent(const EventLog& log, int32_t count, Time last, const std::string* message);

    // A token bucket, in milliseconds of refill: one event costs kSpamRefill.
    struct SpamRecord {
        bool initialised = false;
        Duration credit = 0;
        Time last = 0;
    };

    apiserver::ApiServer& api_;
    LruCache<AggregateRecord> aggregates_{kCacheSize};
    LruCache<EventLog> logs_{kCacheSize};
    LruCache<SpamRecord> spam_{kCacheSize};
    uint64_t recorded_ = 0;
    uint64_t filtered_ = 0;
    uint64_t last_suffix_ = 0;
};

}  // namespace sts::engine
