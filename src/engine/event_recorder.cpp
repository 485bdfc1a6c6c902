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

    auto hit = index_.find(key);
    if (hit != index_.end()) {
        auto existing = api_.events().Get(hit->second->ns, hit->second->name);
        if (existing) {
            k8s::Event updated = *existing;
            updated.count += 1;
            updated.last_timestamp = k8s::Timestamp(now);
            api_.events().Update(std::move(updated));
            lru_.splice(lru_.begin(), lru_, hit->second);
            return;
        }
        lru_.erase(hit->second);
        index_.erase(hit);
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

    lru_.push_front({key, created.value->metadata.namespace_, created.value->metadata.name});
    index_[key] = lru_.begin();
    if (lru_.size() > kCacheSize) {
        index_.erase(lru_.back().key);
        lru_.pop_back();
    }
}

}  // namespace sts::engine
