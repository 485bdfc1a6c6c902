// etcd's side of the Event TTL: when a lease expires, etcd deletes the keys attached to it, and
// the API server's watchers see each Event go. One wake-up is scheduled at a time, at the
// earliest lease's expiry, as a background event: it runs if the clock gets there, but a cluster
// with nothing else to do is quiet (Settle ends, a script's wait does not jump an hour ahead).
#pragma once

#include "engine/context.h"

namespace sts::engine {

class LeaseExpiry final : public Component {
public:
    explicit LeaseExpiry(Context& ctx);

    std::string_view ComponentName() const override { return "etcd"; }
    void OnEvent(const SimEvent& event) override;
    std::string_view OpName(uint16_t op) const override;

private:
    enum Op : uint16_t { kExpire = 1 };
    // Schedules the wake-up for the earliest pending lease, unless one is scheduled already.
    void Arm();

    Context& ctx_;
    uint16_t id_;
    bool armed_ = false;
};

}  // namespace sts::engine
