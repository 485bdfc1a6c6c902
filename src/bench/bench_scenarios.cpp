#include "bench/bench_scenarios.h"

#include <chrono>
#include <cstdio>
#include <malloc.h>
#include <map>
#include <algorithm>

#include "engine/simulation.h"

namespace sts::bench {

namespace {

int64_t HeapInUse() {
#if defined(__EMSCRIPTEN__)
    return static_cast<int64_t>(mallinfo().uordblks);
#else
    return static_cast<int64_t>(mallinfo2().uordblks);
#endif
}

int64_t PeakBytes() {
#if defined(__EMSCRIPTEN__)
    return static_cast<int64_t>(__builtin_wasm_memory_size(0)) * 65536;
#else
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    int64_t kb = 0;
    while (std::fgets(line, sizeof line, f)) {
        if (std::sscanf(line, "VmHWM: %lld kB", reinterpret_cast<long long*>(&kb)) == 1) break;
    }
    std::fclose(f);
    return kb * 1024;
#endif
}

// The heap the API objects hold: every stored object is kept (shared, not copied; the Events
// in their packed form) while the simulation with its stores and components is destroyed; what
// remains beyond the heap before the simulation, less the lists that keep them, is theirs (an
// old version a component still held goes with the component).
double ObjectBytes(std::unique_ptr<engine::Simulation> sim, int64_t heap_start) {
    std::vector<std::shared_ptr<const void>> kept;
    apiserver::ApiServer& api = sim->api();
    size_t count = 0;
    for (const apiserver::KindStore* store : api.AllStores()) count += store->Size();
    kept.reserve(count);
    auto keep = [&](const auto& store) {
        store.ForEach("", [&](const auto& obj) { kept.push_back(obj); });
    };
    keep(api.namespaces());
    keep(api.nodes());
    keep(api.pods());
    keep(api.services());
    keep(api.endpoints());
    keep(api.endpointslices());
    keep(api.pvcs());
    keep(api.pvs());
    keep(api.storageclasses());
    keep(api.statefulsets());
    keep(api.revisions());
    std::vector<k8s::PackedObject> packed = api.events().TakePacked();
    sim.reset();
    const int64_t list = static_cast<int64_t>(kept.capacity() * sizeof(kept[0]) + packed.capacity() * sizeof(packed[0]));
    return static_cast<double>(HeapInUse() - heap_start - list);
}

k8s::StatefulSet MakeStatefulSet(const Scenario& s) {
    k8s::StatefulSet sts;
    sts.metadata.namespace_ = "default";
    sts.metadata.name = "web";
    sts.spec.replicas = s.replicas;
    sts.spec.service_name = "nginx";
    sts.spec.pod_management_policy = s.policy;
    k8s::LabelSelector sel;
    sel.match_labels.Set("app", "nginx");
    sts.spec.selector = sel;
    sts.spec.template_.metadata.labels.Set("app", "nginx");
    k8s::Container c;
    c.name = "nginx";
    c.image = "registry.k8s.io/nginx-slim:0.24";
    k8s::ContainerPort port;
    port.name = "web";
    port.container_port = 80;
    c.ports.push_back(port);
    sts.spec.template_.spec.containers.push_back(c);
    return sts;
}

k8s::Service MakeHeadlessService() {
    k8s::Service svc;
    svc.metadata.namespace_ = "default";
    svc.metadata.name = "nginx";
    svc.metadata.labels.Set("app", "nginx");
    svc.spec.cluster_ip = "None";
    svc.spec.selector.Set("app", "nginx");
    k8s::ServicePort p;
    p.name = "web";
    p.port = 80;
    svc.spec.ports.push_back(p);
    return svc;
}

}  // namespace

std::vector<Scenario> DefaultScenarios() {
    return {{"parallel-1000", "Parallel", 1000},
            {"parallel-10000", "Parallel", 10000},
            {"parallel-100000", "Parallel", 100000},
            {"orderedready-1000", "OrderedReady", 1000}};
}

Result Run(const Scenario& scenario, uint64_t seed, double wall_budget_seconds) {
    Result r;
    r.scenario = scenario;
    engine::SimulationOptions options;
    options.seed = seed;
    // A cluster big enough for the pods: 110 pods per node, as the kubelet allows.
    options.worker_nodes = std::max(3, scenario.replicas / 100 + 1);
    const int64_t heap_start = HeapInUse();
    auto sim = std::make_unique<engine::Simulation>(options);
    const int64_t heap_before = HeapInUse();
    const uint64_t events_before = sim->scheduler().Dispatched();
    const Time sim_start = sim->Now();
    const auto wall_start = std::chrono::steady_clock::now();

    sim->api().services().Create(MakeHeadlessService());
    sim->api().statefulsets().Create(MakeStatefulSet(scenario));
    // Safety cap: a scenario that cannot finish stops after 6 simulated hours.
    const Time limit = sim->Now() + Hours(6);
    for (uint64_t steps = 0;; ++steps) {
        auto sts = sim->api().statefulsets().Get("default", "web");
        if (sts) r.ready = sts->status.ready_replicas;
        if (r.ready >= scenario.replicas) {
            r.completed = true;
            break;
        }
        auto next = sim->NextEventTime();
        if (!next || *next > limit) break;
        // The wall clock only bounds the benchmark harness; the simulation never reads it.
        if (steps % 16 == 0 &&
            std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count() > wall_budget_seconds)
            break;
        sim->Step();
    }
    const auto wall_end = std::chrono::steady_clock::now();
    r.wall_seconds = std::chrono::duration<double>(wall_end - wall_start).count();
    r.events = sim->scheduler().Dispatched() - events_before;
    r.events_per_second = r.wall_seconds > 0 ? static_cast<double>(r.events) / r.wall_seconds : 0;
    r.simulated_seconds = static_cast<double>(sim->Now() - sim_start) / 1000.0;
    r.heap_bytes = HeapInUse() - heap_before;
    r.bytes_per_pod = scenario.replicas > 0 ? static_cast<double>(r.heap_bytes) / scenario.replicas : 0;
    r.peak_bytes = PeakBytes();
    // Kubelets and IPAMs are one component per node; count them as one kind.
    std::map<std::string, uint64_t> by_kind;
    const auto& scheduler = sim->scheduler();
    for (uint16_t id = 0; id < scheduler.ComponentCount(); ++id) {
        const std::string_view name = scheduler.ComponentAt(id)->ComponentName();
        by_kind[std::string(name.substr(0, name.find('/')))] += scheduler.DispatchedTo(id);
    }
    r.events_by_component.assign(by_kind.begin(), by_kind.end());
    r.object_bytes_per_pod = ObjectBytes(std::move(sim), heap_start) / std::max(1, scenario.replicas);
    std::stable_sort(r.events_by_component.begin(), r.events_by_component.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return r;
}

std::string ToJson(const Result& r, const std::string& platform) {
    // The breakdown first, so the object is printed in one go.
    std::string by_component;
    for (const auto& [component, events] : r.events_by_component)
        by_component += (by_component.empty() ? "\"" : ",\"") + component + "\":" + std::to_string(events);
    char buf[768];
    std::snprintf(buf, sizeof buf,
                  "{\"platform\":\"%s\",\"scenario\":\"%s\",\"policy\":\"%s\",\"replicas\":%d,\"completed\":%s,\"ready\":%d,"
                  "\"wall_seconds\":%.4f,\"events\":%llu,\"events_per_second\":%.0f,\"simulated_seconds\":%.3f,"
                  "\"heap_bytes\":%lld,\"bytes_per_pod\":%.0f,\"object_bytes_per_pod\":%.0f,\"peak_bytes\":%lld,"
                  "\"events_by_component\":{",
                  platform.c_str(), r.scenario.name.c_str(), r.scenario.policy.c_str(), r.scenario.replicas,
                  r.completed ? "true" : "false", r.ready, r.wall_seconds, static_cast<unsigned long long>(r.events),
                  r.events_per_second, r.simulated_seconds, static_cast<long long>(r.heap_bytes), r.bytes_per_pod,
                  r.object_bytes_per_pod, static_cast<long long>(r.peak_bytes));
    std::string json = buf + by_component + "}}";
    return json;
}

}  // namespace sts::bench
