// Records Kubernetes Events the way client-go's EventRecorder does: one Event object per
// distinct (object, type, reason, message, source), named "<object>.<hex nanoseconds>", and a
// repeat within the correlator's memory bumps count and lastTimestamp instead of adding a new one.
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>

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
    static constexpr size_t kCacheSize = 4096;
    struct Entry {
        uint64_t key;
        std::string ns;
        std::string name;
    };
    apiserver::ApiServer& api_;
    std::list<Entry> lru_;
    std::unordered_map<uint64_t, std::list<Entry>::iterator> index_;
    uint64_t recorded_ = 0;
    uint64_t last_suffix_ = 0;
};

}  // namespace sts::engine
