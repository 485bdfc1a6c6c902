// The leases the API server's etcd storage attaches to objects written with a TTL, which only
// Events are: the event registry asks for --event-ttl (default one hour) at every create and
// update, and etcd deletes the key when its lease expires.
//
// Leases are shared, as k8s.io/apiserver's storage/etcd3/lease_manager.go shares them: a write
// reuses the previous lease while that one expires between ttl and ttl + reuse from now (reuse
// is 5% of the ttl, at most 60 s) and holds at most 1000 objects; otherwise it is granted a new
// lease of ttl + reuse. So an Event lives between one hour and one hour and a minute after its
// last write, and Events written together go together.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "core/time.h"

namespace sts::apiserver {

class LeaseManager {
public:
    // lease_manager.go's defaults.
    static constexpr int64_t kReuseDurationSeconds = 60;
    static constexpr int64_t kReuseDurationPercent = 5;
    static constexpr int64_t kMaxObjectCount = 1000;

    // The lease for one object written at `now` that should live `ttl_seconds` (GetLease).
    uint64_t GetLease(Time now, int64_t ttl_seconds);
    // When the earliest lease not yet taken expires.
    std::optional<Time> NextExpiry() const;
    // The leases that have expired at `now`, oldest first; they are forgotten.
    std::vector<uint64_t> TakeExpired(Time now);
    // When lease `id` expires (0 when it is unknown or already taken).
    Time ExpiryOf(uint64_t id) const;

private:
    struct Lease {
        uint64_t id = 0;
        Time expires = 0;
    };
    static int64_t ReuseDurationSeconds(int64_t ttl_seconds);

    uint64_t prev_id_ = 0;
    Time prev_expires_ = 0;
    int64_t attached_ = 0;
    uint64_t next_id_ = 1;
    // Every lease has ttl + reuse of the same ttl, so they expire in the order they were granted.
    std::deque<Lease> leases_;
};

}  // namespace sts::apiserver
