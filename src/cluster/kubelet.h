// The kubelet of one node and the container runtime (containerd) under it. Mirrors
// pkg/kubelet: the pod worker's sync (status first, then volumes, sandbox, images, containers),
// the generic PLEG's 1 s relist, the reason cache that makes ErrImagePull / CrashLoopBackOff
// show one sync late, the image manager's pull back-off and serialized puller, the crash-loop
// back-off (10 s doubling to 5 min, reset after 10 min), the prober's workers (their outcomes
// computed in closed form: only result changes are scheduled, never every period), graceful
// termination ending in a terminal phase and the final DELETE, and the status the kubelet
// writes (phase, conditions, container states, IPs).
//
// Also the runtime's answers for `kubectl exec` and `kubectl logs` (FindPod, Logs).
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cluster/container_shell.h"
#include "cluster/image_registry.h"
#include "core/hash.h"
#include "core/rng.h"
#include "engine/context.h"

namespace sts::cluster {

class NodeIpam;

// What the container runtime knows about one container of a pod.
struct RuntimeContainer {
    std::string name;
    bool init = false;
    std::string container_id;  // "containerd://<64 hex>" of the newest instance; "" before one exists
    bool running = false;
    std::string image;         // normalised, "docker.io/library/nginx:latest"; "" before creation
    int32_t restart_count = 0;
};

// A pod as the runtime sees it: where it runs, its IP, its containers.
struct RunningPod {
    std::string ns;
    std::string name;
    std::string uid;
    std::string node;
    std::string ip;  // "" until the sandbox has one
    bool host_network = false;
    std::vector<RuntimeContainer> containers;  // init containers first, then spec order
};

struct LogLine {
    Time at = 0;
    std::string text;
};

// `kubectl logs`: the lines, or the kubelet's error text (`container "nginx" in pod "web-0" is
// waiting to start: ContainerCreating`, `previous terminated container "nginx" in pod "web-0"
// not found`).
struct LogResult {
    bool ok = false;
    std::vector<LogLine> lines;
    std::string error;
};

class Kubelet final : public engine::Component {
public:
    Kubelet(engine::Context& ctx, std::string node_name, NodeIpam* ipam, ImageRegistry* registry);
    ~Kubelet() override;

    std::string_view ComponentName() const override { return component_name_; }
    void OnEvent(const engine::SimEvent& event) override;
    std::string_view OpName(uint16_t op) const override;
    const std::string& node_name() const { return node_; }

    // ---- Simulator controls (false when the pod or container is not on this node) -----------
    // Readiness starts passing or failing. A container without a readiness probe gets one as if
    // it had been declared (period 10 s, failureThreshold 3), so any pod can be made unready.
    bool SetReadiness(const std::string& ns, const std::string& pod, bool pass, const std::string& container = "");
    // Liveness starts failing (the container is restarted after failureThreshold probes) or passing.
    bool SetLiveness(const std::string& ns, const std::string& pod, bool pass, const std::string& container = "");
    // The container's process exits now with `exit_code` (restarted per restartPolicy, with back-off).
    bool Crash(const std::string& ns, const std::string& pod, const std::string& container = "", int32_t exit_code = 1);
    // The eviction manager evicts the pod for memory pressure (phase Failed, reason Evicted).
    bool Evict(const std::string& ns, const std::string& pod);
    // The node's kubelet stops (no status, no probes, no reaction to the API; containers keep
    // running) and later resumes, relisting everything.
    void Stop();
    void Resume();
    bool Stopped() const { return stopped_; }

    // Runs a one-shot command line in a container of the pod, as the container runtime would
    // (the engine gives the kubelet its container shell, which sees the whole cluster).
    using CommandRunner = std::function<ContainerExecResult(const apiserver::Ptr<k8s::Pod>& pod, const std::string& container,
                                                            const std::vector<std::string>& argv)>;
    void SetCommandRunner(CommandRunner runner) { command_runner_ = std::move(runner); }

    // ---- What the runtime knows (for kubectl exec / logs) ------------------------------------
    // Made when asked: the runtime's view is a function of the kubelet's own state.
    std::optional<RunningPod> FindPod(const std::string& ns, const std::string& name) const;
    LogResult Logs(const std::string& ns, const std::string& pod, const std::string& container, bool previous) const;
    // Whether the node's image store has this reference ("nginx:1.25", "docker.io/library/nginx@sha256:...").
    bool HasImage(std::string_view image) const;
    // Brings the counts of repeated probe-failure events up to now (they are counted lazily).
    void FlushProbeEvents();

    // Tunables (the upstream defaults).
    static constexpr Duration kRelistPeriod = Seconds(1);
    static constexpr Duration kSyncErrorBackoff = Seconds(10);        // pod worker backOffPeriod
    static constexpr Duration kCrashBackoffInitial = Seconds(10);
    static constexpr Duration kCrashBackoffMax = Minutes(5);
    static constexpr Duration kImageBackoffInitial = Seconds(10);
    static constexpr Duration kImageBackoffMax = Minutes(5);
    static constexpr Duration kMountTimeout = Seconds(123);           // 2m3s
    static constexpr Duration kNodeStatusPeriod = Seconds(10);

private:
    struct Pod;
    struct Slot;
    struct Instance;
    struct Probe;
    struct Pull {
        std::string pod_key;
        size_t slot = 0;
        uint64_t epoch = 0;
        ImageReference ref;
        std::string requested;  // container.image as written
        Time requested_at = 0;  // the Pulling event
    };
    struct CachedImage {
        const ImageInfo* info = nullptr;
        std::set<std::string> tags;  // "docker.io/library/nginx:latest"
        bool preloaded = false;
    };

    // Events.
    enum Op : uint16_t {
        kStartup = 1,
        kSync,        // key pod, arg epoch: a pod worker sync
        kStep,        // key pod, arg epoch: the current sync continues
        kPullDone,    // the node's puller finished its current pull
        kExit,        // key pod|slot, arg instance token: a process exits
        kProbe,       // key pod|slot|kind, arg token: a probe result may change
        kProbeNow,    // key pod|slot|kind, arg token: a manually triggered probe runs
        kFinalDelete, // key pod, arg epoch: the status manager deletes a terminated pod
        kNodeStatus,  // the node status update carrying the image list
        kMountWait,   // key pod, arg epoch: WaitForAttachAndMount gave up
    };

    // Handlers.
    void OnPodWatch(apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_pod,
                    const apiserver::Ptr<k8s::Pod>& new_pod);
    void OnClaimWatch();

    // Pod worker.
    Pod* Lookup(std::string_view key);
    const Pod* Lookup(const std::string& ns, const std::string& name) const;
    void Admit(const std::string& key);
    bool Adopt(Pod& pod);
    void RequestSync(Pod& pod, Time at);
    void RequestRelistSync(Pod& pod, Time change);
    void BeginSync(Pod& pod);
    void ContinueSync(Pod& pod);
    void FinishSync(Pod& pod);
    bool VolumesReady(Pod& pod, std::vector<std::string>* missing);
    void ComputeActions(Pod& pod);
    bool StartStep(Pod& pod);  // false when it had to wait
    void BeginTermination(Pod& pod, std::optional<int64_t> grace_override, const std::string& kill_message);
    void ContinueTermination(Pod& pod);
    void Cleanup(const std::string& key);

    // Images.
    const CachedImage* FindCached(const ImageReference& ref) const;
    void Enqueue(Pull pull);
    void StartNextPull();
    void OnPullDone();
    void MarkImagesChanged();
    void WriteNodeStatus();

    // Containers.
    Instance& CreateInstance(Slot& slot, const ImageInfo& image, const ImageReference& ref);
    void StartInstance(Pod& pod, Slot& slot, Instance& inst);
    void StopInstance(Pod& pod, Slot& slot, Instance& inst, Duration grace);
    void ScheduleStopExit(Pod& pod, Slot& slot, Instance& inst);
    void ShortenGrace(Pod& pod, int64_t grace_seconds);
    void OnExit(Pod& pod, Slot& slot, Instance& inst, int32_t code, const std::string& reason);

    // Probes.
    void SetupProbes(Slot& slot);
    void ResetProbesForInstance(Pod& pod, Slot& slot, Instance& inst);
    void Reschedule(Pod& pod, Slot& slot, Probe& probe);
    void AdvanceProbe(Pod& pod, Slot& slot, Probe& probe, Time until);
    void ProbeOnce(Pod& pod, Slot& slot, Probe& probe, Time at);
    void CountOutcome(Pod& pod, Slot& slot, Probe& probe, int result, int64_t ticks, Time last_tick,
                      const std::string& message);
    void ApplyProbeResult(Pod& pod, Slot& slot, Probe& probe, bool result);
    void FlushFailures(Pod& pod, Slot& slot, Probe& probe);
    bool SetHealth(const std::string& ns, const std::string& name, const std::string& container, int kind, bool pass);

    // Status.
    k8s::PodStatus GenerateStatus(Pod& pod, bool terminal);
    void WriteStatus(Pod& pod, k8s::PodStatus status);
    void PatchReadiness(Pod& pod);

    // Events and helpers.
    void RecordPod(Pod& pod, std::string_view type, std::string_view reason, std::string message);
    void RecordContainer(Pod& pod, Slot& slot, std::string_view type, std::string_view reason, std::string message);
    Time NextRelist(Time after) const;
    Duration Jitter(Duration base, int percent);
    std::string NewId();
    std::string HostIp() const;
    int NodeCpus() const;

    engine::Context& ctx_;
    std::string node_;
    std::string component_name_;
    NodeIpam* ipam_;
    ImageRegistry* registry_;
    CommandRunner command_runner_;
    ImageReferenceParser image_refs_;
    // Image names and field paths the containers refer to, each kept once; set nodes stay put,
    // so the references stay good for the kubelet's lifetime (the names are few and never dropped).
    const std::string& Intern(std::string_view text);
    std::set<std::string, std::less<>> interned_;
    // status.containerStatuses[].volumeMounts of a container, and the strings its values share.
    Value VolumeMountStatuses(const k8s::Container& c);
    const Value& SharedString(std::string_view text);
    std::map<std::string, Value, std::less<>> shared_strings_;
    uint16_t id_;
    Rng rng_;
    Time relist_phase_ = 0;
    bool stopped_ = false;
    uint64_t next_token_ = 1;

    std::map<std::string, std::unique_ptr<Pod>> pods_;  // "ns/name", walked in this order
    // The same pods by key, for the lookups every timer and watch event makes (viewing the
    // keys of pods_, whose nodes stay put).
    std::unordered_map<std::string_view, Pod*, StringViewHash, std::equal_to<>> pods_by_key_;
    std::map<std::string, CachedImage> images_;          // repo@digest (or tag for preloaded)
    std::deque<Pull> pulls_;
    std::optional<Pull> active_pull_;
    Time active_pull_started_ = 0;
    uint64_t pull_token_ = 0;
    bool node_status_pending_ = false;
};

}  // namespace sts::cluster
