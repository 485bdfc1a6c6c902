#include "engine/lease_expiry.h"

namespace sts::engine {

LeaseExpiry::LeaseExpiry(Context& ctx) : ctx_(ctx), id_(ctx.scheduler.Register(this)) {
    // A write of an Event may have been granted a new lease; the first one arms the wake-up.
    ctx_.api.events().AddHandler([this](apiserver::WatchType type, const auto&, const auto&) {
        if (type != apiserver::WatchType::kDeleted && !armed_) Arm();
    });
}

void LeaseExpiry::Arm() {
    const auto next = ctx_.api.NextLeaseExpiry();
    if (!next) return;
    ctx_.scheduler.Background(*next, id_, kExpire);
    armed_ = true;
}

void LeaseExpiry::OnEvent(const SimEvent& event) {
    if (event.op != kExpire) return;
    armed_ = false;
    // Deleting fires the handler above with kDeleted only, so it cannot arm in between.
    ctx_.api.ExpireLeases();
    Arm();
}

std::string_view LeaseExpiry::OpName(uint16_t op) const {
    return op == kExpire ? "LeaseExpired" : Component::OpName(op);
}

}  // namespace sts::engine
