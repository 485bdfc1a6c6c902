// The benchmark scenarios of `make bench`, shared by the native CLI and the wasm build (run
// under node): a StatefulSet applied to a fresh default cluster and run until every replica is
// Ready, measuring wall time, simulated events and engine heap.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sts::bench {

struct Scenario {
    std::string name;          // "parallel-10000"
    std::string policy;        // "Parallel" or "OrderedReady"
    int replicas = 0;
};

struct Result {
    Scenario scenario;
    bool completed = false;     // every replica reached Ready
    int ready = 0;              // replicas Ready when the run ended
    double wall_seconds = 0;
    uint64_t events = 0;        // simulated events dispatched from apply to all Ready
    double events_per_second = 0;
    double simulated_seconds = 0;
    int64_t heap_bytes = 0;     // engine heap in use after all Ready, minus the empty cluster's
    double bytes_per_pod = 0;
    // Of those, the API objects the server stores (pods, Events, endpoints...), measured by
    // keeping them while the simulation is destroyed; the rest is the components' own state
    // (kubelets, scheduler cache, controllers' memos, queues).
    double object_bytes_per_pod = 0;
    int64_t peak_bytes = 0;     // process peak (RSS natively, linear memory in wasm)
    // Events dispatched per component kind ("kubelet", "statefulset-controller", ...), busiest
    // first: where the simulation spends its events.
    std::vector<std::pair<std::string, uint64_t>> events_by_component;
};

std::vector<Scenario> DefaultScenarios();
// Runs until every replica is Ready, 6 simulated hours pass, or wall_budget_seconds of real time
// are spent (then completed is false: `make bench` always ends, and says which runs did not).
Result Run(const Scenario& scenario, uint64_t seed = 1, double wall_budget_seconds = 120);
// One JSON object per result, as build/bench/results.json stores them.
std::string ToJson(const Result& r, const std::string& platform);

}  // namespace sts::bench
