#include "apiserver/lease_manager.h"

#include <algorithm>

namespace sts::apiserver {

int64_t LeaseManager::ReuseDurationSeconds(int64_t ttl_seconds) {
    // int64(0.05 * ttl), capped: integer arithmetic gives the same truncation.
    return std::min(ttl_seconds * kReuseDurationPercent / 100, kReuseDurationSeconds);
}

uint64_t LeaseManager::GetLease(Time now, int64_t ttl_seconds) {
    const int64_t reuse = ReuseDurationSeconds(ttl_seconds);
    const bool valid = now + Seconds(ttl_seconds) < prev_expires_;
    // Upstream asks for strictly after, on a nanosecond clock where two writes never share an
    // instant. On the simulated millisecond clock they often do, and a write at the very instant
    // the lease was granted would be granted another one that expires at the same time; reusing
    // it instead keeps one lease per burst and changes no expiry.
    const bool sufficient = now + Seconds(ttl_seconds + reuse) >= prev_expires_;
    // Upstream counts every request against the lease, reused or not.
    ++attached_;
    if (prev_id_ != 0 && valid && sufficient && attached_ <= kMaxObjectCount) return prev_id_;
    prev_id_ = next_id_++;
    prev_expires_ = now + Seconds(ttl_seconds + reuse);
    attached_ = 1;
    leases_.push_back({prev_id_, prev_expires_});
    return prev_id_;
}

std::optional<Time> LeaseManager::NextExpiry() const {
    if (leases_.empty()) return std::nullopt;
    return leases_.front().expires;
}

std::vector<uint64_t> LeaseManager::TakeExpired(Time now) {
    std::vector<uint64_t> out;
    while (!leases_.empty() && leases_.front().expires <= now) {
        out.push_back(leases_.front().id);
        leases_.pop_front();
    }
    return out;
}

Time LeaseManager::ExpiryOf(uint64_t id) const {
    for (const Lease& lease : leases_)
        if (lease.id == id) return lease.expires;
    return 0;
}

}  // namespace sts::apiserver
