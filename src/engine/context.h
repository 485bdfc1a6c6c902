// What every simulated component is built from: the API server it reads and writes, the
// scheduler that is its only clock, the event recorder, feature gates and its own random stream.
#pragma once

#include "apiserver/api_server.h"
#include "core/rng.h"
#include "engine/event_recorder.h"
#include "engine/scheduler.h"

namespace sts::engine {

// Feature gates with their Kubernetes 1.33 defaults.
struct FeatureGates {
    bool max_unavailable_stateful_set = false;  // alpha, off
    bool stateful_set_auto_delete_pvc = true;   // beta, on
    bool pod_index_label = true;                // beta, on
    bool stateful_set_start_ordinal = true;     // GA
};

struct Context {
    apiserver::ApiServer& api;
    Scheduler& scheduler;
    EventRecorder& recorder;
    const FeatureGates& gates;
    uint64_t seed;

    // An independent random stream for one component.
    Rng RngFor(std::string_view component) const { return Rng(seed).Fork(component); }
    Time Now() const { return scheduler.Now(); }
};

}  // namespace sts::engine
