// The kubelet (see kubelet.h). Upstream files this follows: pkg/kubelet/pod_workers.go (sync
// triggers, 10 s error requeue with jitter), kubelet.go SyncPod / SyncTerminatingPod,
// kuberuntime/kuberuntime_manager.go (computePodActions, doBackOff), images/image_manager.go
// (pull policy, back-off, event texts), pleg/generic.go (1 s relist), prober/worker.go (ticks,
// thresholds, initial values, manual trigger), kubelet_pods.go (generateAPIPodStatus, getPhase,
// convertToAPIContainerStatuses), status/generate.go (conditions), eviction/helpers.go (message).
//
// Index of this file
// [SECTION] Internal types and helpers
// [SECTION] Construction, watches, controls
// [SECTION] Pod worker: syncs
// [SECTION] Pod worker: starting containers
// [SECTION] Termination
// [SECTION] Images
// [SECTION] Container processes
// [SECTION] Probes
// [SECTION] Status
// [SECTION] Runtime views and logs
#include "cluster/kubelet.h"

#include <algorithm>
#include <cstdio>

#include "cluster/node_ipam.h"
#include "core/strings.h"

namespace sts::cluster {

// ---------------------------------------------------------------------------------------------
// [SECTION] Internal types and helpers

namespace {

using apiserver::Ptr;
using apiserver::WatchType;

constexpr int kReadiness = 0, kLiveness = 1, kStartupProbe = 2;
constexpr const char* kProbeNames[] = {"Readiness", "Liveness", "Startup"};
constexpr Time kForever = INT64_MAX / 4;

// flowcontrol.Backoff without jitter (the kubelet's image and crash-loop back-offs).
struct BackoffEntry {
    bool has = false;
    Time last_update = 0;
    Duration duration = 0;
};

bool InBackoffSince(const BackoffEntry& b, Time event_time, Time now) { return b.has && now - event_time < b.duration; }
bool InBackoffSinceUpdate(const BackoffEntry& b, Time now) { return b.has && now - b.last_update < b.duration; }
void BackoffNext(BackoffEntry& b, Time event_time, Duration initial, Duration max) {
    if (!b.has || event_time - b.last_update > 2 * max) {
        b.duration = initial;
    } else {
        b.duration = std::min(b.duration * 2, max);
    }
    b.has = true;
    b.last_update = event_time;
}

std::string FormatPod(const k8s::Pod& pod) {
    return pod.metadata.name + "_" + pod.metadata.namespace_ + "(" + pod.metadata.uid + ")";
}

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

}  // namespace

// An optional kept on the heap: for members that are big and usually absent (a container's
// probes, a pod's eviction status), so every container and pod does not carry their room.
template <class T>
class BoxedOptional {
public:
    BoxedOptional() = default;
    BoxedOptional(BoxedOptional&&) noexcept = default;
    BoxedOptional& operator=(BoxedOptional&&) noexcept = default;
    BoxedOptional& operator=(const T& value) {
        p_ = std::make_unique<T>(value);
        return *this;
    }
    explicit operator bool() const { return p_ != nullptr; }
    T& operator*() { return *p_; }
    const T& operator*() const { return *p_; }
    T* operator->() { return p_.get(); }
    const T* operator->() const { return p_.get(); }
    void reset() { p_.reset(); }

private:
    std::unique_ptr<T> p_;
};

struct Kubelet::Instance {
    std::string id;  // 64 hex
    int32_t attempt = 0;
    enum State { kCreated, kRunning, kExited } state = kCreated;
    Time created = 0, started = 0, finished = 0;
    int32_t exit_code = 0;
    std::string reason, message;
    const ImageInfo* image = nullptr;
    // Interned (Kubelet::Intern): a node's containers run a handful of images.
    const std::string* image_ref = &kNoImage;   // normalised reference the container was created from
    const std::string* spec_image = &kNoImage;  // container.image at creation (a change restarts the container)
    static inline const std::string kNoImage;
    // Shared with the image (and every other container running its default) unless the
    // container's command, args or environment change it.
    std::shared_ptr<const ProcessBehavior> behavior = ImageRegistry::NoBehavior();
    // The startup lines are a pure function of the image, the start time and the node's CPUs,
    // so they are generated when `kubectl logs` reads them rather than kept for every container.
    bool startup_logged = false;
    Time startup_log_at = 0;
    int startup_log_cpus = 0;
    std::vector<LogLine> logs;  // the lines after the startup lines
    bool stopping = false;
    bool killed = false;    // the stop ends with SIGKILL at the end of the grace period
    Time natural_exit = 0;  // when the process ends on its own (0: never)
    Time stop_exit = 0;     // when the stop ends it
    Time kill_deadline = 0; // the end of its grace period
    uint64_t natural_token = 0, stop_token = 0;  // guard the scheduled exits
};

struct Kubelet::Probe {
    int kind = kReadiness;
    bool implicit = false;  // made up by SetReadiness for a container without a probe
    Duration period = Seconds(10), delay = 0;
    int success_threshold = 1, failure_threshold = 3;
    std::optional<int64_t> termination_grace;
    std::string handler = "http";  // http, tcp, exec, grpc
    int32_t port = 0;
    std::string path = "/", host, scheme = "HTTP";
    int forced = 0;  // +1 pass, -1 fail, 0 as the process really behaves
    // Per container instance.
    std::string instance_id;
    int result = 0;           // the published result: 1 success, 0 failure, -1 unknown (startup's initial)
    Time visible = 0;         // the status manager shows this instance: the worker can find it
    int last = -1;            // last probe outcome: -1 none, 0 failure, 1 success
    int run = 0;              // how many times in a row
    Time accounted = 0;       // periodic ticks up to this time are counted
    Time gate = 0;            // probing starts (container started; startup probe passed)
    bool on_hold = false;
    uint64_t token = 0;
    // Failure events: the first of an episode is recorded when it happens, repeats are
    // counted and folded into its count later.
    bool episode_recorded = false;
    int64_t unrecorded = 0;
    Time last_failure = 0;
    std::string failure_message;
};

struct Kubelet::Slot {
    // The container in the owning Pod's `spec` (shared with the API server's copy of the pod,
    // not copied: a container's spec never changes but for its image, and with the image the
    // pod's spec is replaced whole).
    const k8s::Container* spec = nullptr;
    bool init = false;
    const std::string* field_path = nullptr;  // interned: "spec.containers{nginx}"
    std::vector<Instance> instances;  // oldest first; the runtime keeps the last few
    int32_t next_attempt = 0;
    std::string waiting_reason, waiting_message;  // the reason cache
    BackoffEntry crash;
    // Failed pulls of each image: their back-off (the image puller's backOff, keyed as upstream by
    // image and pod) and the error a back-off message repeats. Only a failure makes one.
    struct PullFailures {
        std::map<std::string, BackoffEntry> backoff;
        std::map<std::string, std::string> previous_error;
    };
    BoxedOptional<PullFailures> pull_failures;
    BoxedOptional<Probe> probes[3];
    // status.containerStatuses[].volumeMounts, worked out once: a container's mounts never change.
    Value mount_statuses;
    bool mount_statuses_built = false;
    bool ready = false;    // readiness as the status manager last published it
    bool started = false;  // startup as the status manager last published it
    std::string kill_message;
    // The pull this slot waits for.
    bool pull_ok = false;
    std::string pull_error;
    const ImageInfo* pull_image = nullptr;
    Duration pull_duration = 0;

    Instance* Latest() { return instances.empty() ? nullptr : &instances.back(); }
    const Instance* Latest() const { return instances.empty() ? nullptr : &instances.back(); }
};

struct Kubelet::Pod {
    std::string key, ns, name, uid;
    Ptr<k8s::Pod> api;
    Time added = 0;
    k8s::Cow<k8s::PodSpec> spec;  // as of the last sync; the slots point into it
    std::vector<Slot> slots;  // init containers first
    bool built = false;
    // Sandbox.
    bool sandbox_ready = false;
    bool sandbox_creating = false;
    std::string ip;
    bool ip_from_ipam = false;
    bool volumes_mounted = false;
    bool mounting = false;
    Time volume_wait_start = 0;
    // Worker.
    uint64_t epoch = 1;  // guards the steps of the current sync
    bool syncing = false;
    bool sync_error = false;
    bool pleg_dirty = false;
    Time pleg_change = 0;
    uint64_t sync_token = 0;
    Time next_sync = 0;
    enum Stage { kVolumes, kSandbox, kKill, kStart, kDone } stage = kDone;
    std::vector<size_t> to_kill, to_start;
    size_t cursor = 0;
    int sub = 0;
    Time pull_requested = 0;
    Time sync_started = 0;
    // Termination.
    bool terminating = false;
    bool terminal = false;
    bool deleted_from_api = false;
    bool delete_requested = false;
    BoxedOptional<k8s::PodStatus> eviction;  // phase/reason/message/condition set by the eviction manager
    // The status manager's copy of what it last wrote: the stored pod's own status whenever
    // that is it (the API server stores a status write as sent), so it takes no memory of its own.
    std::shared_ptr<const k8s::PodStatus> cached;
};

// ---------------------------------------------------------------------------------------------
// [SECTION] Construction, watches, controls

const std::string& Kubelet::Intern(std::string_view text) {
    auto it = interned_.find(text);
    if (it == interned_.end()) it = interned_.emplace(text).first;
    return *it;
}

Kubelet::Kubelet(engine::Context& ctx, std::string node_name, NodeIpam* ipam, ImageRegistry* registry)
    : ctx_(ctx),
      node_(std::move(node_name)),
      component_name_("kubelet/" + node_),
      ipam_(ipam),
      registry_(registry),
      id_(ctx.scheduler.Register(this)),
      rng_(ctx.RngFor("kubelet/" + node_)) {
    relist_phase_ = rng_.Range(0, 999);
    for (const ImageInfo* img : registry_->PreloadedImages()) {
        CachedImage& c = images_[img->repository + ":" + img->tags.front()];
        c.info = img;
        c.tags.insert(img->repository + ":" + img->tags.front());
        c.preloaded = true;
    }
    ctx_.api.pods().AddNodeHandler(node_, [this](WatchType type, const Ptr<k8s::Pod>& old_pod, const Ptr<k8s::Pod>& new_pod) {
        OnPodWatch(type, old_pod, new_pod);
    });
    ctx_.api.pvcs().AddHandler([this](WatchType, const Ptr<k8s::PersistentVolumeClaim>&,
                                      const Ptr<k8s::PersistentVolumeClaim>&) { OnClaimWatch(); });
    ctx_.scheduler.At(ctx_.Now(), id_, kStartup);
}

Kubelet::~Kubelet() = default;

std::string_view Kubelet::OpName(uint16_t op) const {
    switch (op) {
        case kStartup: return "startup";
        case kSync: return "sync-pod";
        case kStep: return "sync-step";
        case kPullDone: return "pull-done";
        case kExit: return "container-exit";
        case kProbe: return "probe";
        case kProbeNow: return "probe-manual";
        case kFinalDelete: return "delete-pod";
        case kNodeStatus: return "node-status";
        case kMountWait: return "mount-timeout";
        default: return "event";
    }
}

void Kubelet::OnPodWatch(WatchType type, const Ptr<k8s::Pod>& old_pod, const Ptr<k8s::Pod>& pod) {
    if (stopped_) return;  // the watch is down; Resume relists
    // The watch's field selector (spec.nodeName) and the relist deliver this node's pods only;
    // nodeName never changes once bound.
    const std::string key = pod->metadata.namespace_ + "/" + pod->metadata.name;
    Pod* known = Lookup(key);
    if (type == WatchType::kDeleted) {
        if (!known || known->uid != pod->metadata.uid) return;
        Pod& rec = *known;
        rec.deleted_from_api = true;
        // Force-deleted while stopping: what is still running is killed right away.
        if (rec.terminating) ShortenGrace(rec, 0);
        if (rec.terminal) {
            ctx_.scheduler.After(0, id_, kFinalDelete, key, 0);  // only cleans up
        } else {
            RequestSync(rec, ctx_.Now() + Millis(5));
        }
        return;
    }
    if (!known || known->uid != pod->metadata.uid) {
        if (known) return;  // an old pod of the same name is still being torn down
        auto rec = std::make_unique<Pod>();
        rec->key = key;
        rec->ns = pod->metadata.namespace_;
        rec->name = pod->metadata.name;
        rec->uid = pod->metadata.uid;
        rec->added = ctx_.Now();
        // The watch delivers the binding a few milliseconds after it was written; the
        // snapshot is taken then.
        rec->api = pod;
        Pod& r = *rec;
        const auto added = pods_.emplace(key, std::move(rec)).first;
        pods_by_key_.emplace(added->first, &r);
        RequestSync(r, ctx_.Now() + Millis(rng_.Range(4, 15)));
        return;
    }
    Pod& rec = *known;
    if (rec.terminating && pod->metadata.deletion_grace_period_seconds && old_pod &&
        old_pod->metadata.deletion_grace_period_seconds &&
        *pod->metadata.deletion_grace_period_seconds < *old_pod->metadata.deletion_grace_period_seconds)
        ShortenGrace(rec, *pod->metadata.deletion_grace_period_seconds);
    const bool newly_deleted = pod->metadata.IsTerminating() && (!old_pod || !old_pod->metadata.IsTerminating());
    const bool spec_changed = old_pod && !(old_pod->spec == pod->spec);
    rec.api = pod;
    if (newly_deleted || spec_changed) RequestSync(rec, ctx_.Now() + Millis(rng_.Range(2, 8)));
}

void Kubelet::OnClaimWatch() {
    if (stopped_) return;
    for (auto& [key, rec] : pods_) {
        if (rec->syncing && rec->stage == Pod::kVolumes && !rec->mounting)
            ctx_.scheduler.After(Millis(rng_.Range(20, 120)), id_, kStep, key, rec->epoch);
    }
}

bool Kubelet::SetReadiness(const std::string& ns, const std::string& pod, bool pass, const std::string& container) {
    return SetHealth(ns, pod, container, kReadiness, pass);
}

bool Kubelet::SetLiveness(const std::string& ns, const std::string& pod, bool pass, const std::string& container) {
    return SetHealth(ns, pod, container, kLiveness, pass);
}

bool Kubelet::Crash(const std::string& ns, const std::string& name, const std::string& container, int32_t exit_code) {
    Pod* rec = Lookup(ns + "/" + name);
    if (!rec || rec->terminating) return false;
    bool any = false;
    for (auto& slot : rec->slots) {
        if (!container.empty() && slot.spec->name != container) continue;
        Instance* inst = slot.Latest();
        if (!inst || inst->state != Instance::kRunning) continue;
        OnExit(*rec, slot, *inst, exit_code, exit_code == 0 ? "Completed" : "Error");
        any = true;
        if (container.empty()) break;  // the first running container, as `kill 1` in it would
    }
    return any;
}

bool Kubelet::Evict(const std::string& ns, const std::string& name) {
    Pod* rec = Lookup(ns + "/" + name);
    if (!rec || rec->terminating || !rec->api || stopped_) return false;
    // eviction/helpers.go evictionMessage for memory pressure (kind's hard threshold 100Mi).
    std::string message = "The node was low on resource: memory. Threshold quantity: 100Mi, available: " +
                          std::to_string(rng_.Range(81000, 99800)) + "Ki. ";
    for (const auto& slot : rec->slots) {
        if (slot.init) continue;
        const std::string request = slot.spec->resources.requests.Get("memory", "0");
        message += "Container " + slot.spec->name + " was using " + std::to_string(rng_.Range(4200, 52000)) +
                   "Ki, request is " + request + ", has larger consumption of memory. ";
    }
    RecordPod(*rec, "Warning", "Evicted", message);
    k8s::PodStatus ev;
    ev.phase = "Failed";
    ev.reason = "Evicted";
    ev.message = message;
    k8s::PodCondition c;
    c.type = "DisruptionTarget";
    c.status = "True";
    c.reason = "TerminationByKubelet";
    c.message = message;
    c.last_transition_time = k8s::Timestamp(ctx_.Now());
    ev.conditions.push_back(c);
    rec->eviction = ev;
    BeginTermination(*rec, 0, "");
    return true;
}

void Kubelet::Stop() {
    if (stopped_) return;
    stopped_ = true;
    // In-flight work is abandoned; the runtime (containers, the pull under way) carries on.
    pulls_.clear();
    for (auto& [key, rec] : pods_) {
        rec->syncing = false;
        rec->epoch++;
        rec->next_sync = 0;
        rec->sync_token++;
        for (auto& slot : rec->slots)
            for (auto& p : slot.probes)
                if (p) p->token = next_token_++;
    }
}

void Kubelet::Resume() {
    if (!stopped_) return;
    stopped_ = false;
    const Time now = ctx_.Now();
    // The node's status is posted again: the conditions the kubelet owns go back to healthy.
    if (auto node = ctx_.api.nodes().Get("", node_)) {
        k8s::Node updated = *node;
        updated.metadata.resource_version.clear();
        struct Want {
            const char *type, *status, *reason, *message, *event;
        };
        static const Want kWant[] = {
            {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
             "NodeHasSufficientMemory"},
            {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", "NodeHasNoDiskPressure"},
            {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
             "NodeHasSufficientPID"},
            {"Ready", "True", "KubeletReady", "kubelet is posting ready status", "NodeReady"},
        };
        k8s::ObjectReference ref;
        ref.kind = "Node";
        ref.name = node_;
        ref.uid = node_;
        ref.api_version = "v1";
        for (const auto& w : kWant) {
            for (auto& c : updated.status.conditions) {
                if (c.type != w.type) continue;
                if (c.status != w.status) {
                    c.status = w.status;
                    c.last_transition_time = k8s::Timestamp(now);
                    ctx_.recorder.Record(ref, "Normal", w.event,
                                         "Node " + node_ + " status is now: " + std::string(w.event), {"kubelet", node_});
                }
                c.reason = w.reason;
                c.message = w.message;
                c.last_heartbeat_time = k8s::Timestamp(now);
            }
        }
        ctx_.api.nodes().UpdateStatus(std::move(updated));
    }
    // Relist: pods deleted meanwhile are torn down, new ones admitted, the rest re-synced.
    std::set<std::string> seen;
    for (const auto& p : ctx_.api.pods().List()) {
        if (p->spec->node_name != node_) continue;
        const std::string key = p->metadata.namespace_ + "/" + p->metadata.name;
        seen.insert(key);
        auto it = pods_.find(key);
        if (it == pods_.end()) {
            OnPodWatch(WatchType::kAdded, nullptr, p);
            continue;
        }
        if (it->second->uid != p->metadata.uid) {
            it->second->deleted_from_api = true;
            continue;
        }
        it->second->api = p;
    }
    for (auto& [key, rec] : pods_) {
        if (!seen.count(key)) rec->deleted_from_api = true;
        for (auto& slot : rec->slots)
            for (auto& p : slot.probes)
                if (p) {
                    p->accounted = std::max(p->accounted, now);
                    Reschedule(*rec, slot, *p);
                }
        if (rec->terminal && (rec->deleted_from_api || (rec->api && rec->api->metadata.IsTerminating()))) {
            ctx_.scheduler.After(Millis(rng_.Range(200, 800)), id_, kFinalDelete, key, 0);
            continue;
        }
        rec->pleg_dirty = true;
        rec->pleg_change = now;
        RequestSync(*rec, now + Millis(rng_.Range(50, 400)));
    }
}

bool Kubelet::SetHealth(const std::string& ns, const std::string& name, const std::string& container, int kind,
                        bool pass) {
    Pod* rec = Lookup(ns + "/" + name);
    if (!rec || !rec->built) return false;
    bool any = false;
    for (auto& slot : rec->slots) {
        if (slot.init) continue;
        if (!container.empty() && slot.spec->name != container) continue;
        any = true;
        BoxedOptional<Probe>& p = slot.probes[kind];
        if (!p) {
            if (pass) continue;  // nothing probes it, so it already passes
            // As if the container declared an HTTP probe with the API defaults.
            Probe implicit;
            implicit.kind = kind;
            implicit.implicit = true;
            implicit.port = slot.spec->ports.empty() ? 80 : slot.spec->ports[0].container_port;
            const Instance* inst = slot.Latest();
            implicit.instance_id = inst ? inst->id : "";
            implicit.result = 1;
            implicit.visible = ctx_.Now();
            implicit.last = 1;
            implicit.run = 1;
            implicit.accounted = ctx_.Now();
            implicit.gate = inst ? inst->started : 0;
            p = implicit;
        } else if (!stopped_) {
            AdvanceProbe(*rec, slot, *p, ctx_.Now());
        }
        FlushFailures(*rec, slot, *p);
        p->forced = pass ? 1 : -1;
        if (!pass) p->episode_recorded = p->last == 0 && p->episode_recorded;
        if (!stopped_) Reschedule(*rec, slot, *p);
    }
    return any;
}

Kubelet::Pod* Kubelet::Lookup(std::string_view key) {
    auto it = pods_by_key_.find(key);
    return it == pods_by_key_.end() ? nullptr : it->second;
}

const Kubelet::Pod* Kubelet::Lookup(const std::string& ns, const std::string& name) const {
    auto it = pods_by_key_.find(ns + "/" + name);
    return it == pods_by_key_.end() ? nullptr : it->second;
}

void Kubelet::OnEvent(const engine::SimEvent& event) {
    if (event.op == kStartup) {
        WriteNodeStatus();
        return;
    }
    if (event.op == kPullDone) {
        if (event.arg == pull_token_) OnPullDone();
        return;
    }
    if (event.op == kNodeStatus) {
        node_status_pending_ = false;
        if (stopped_) return;
        WriteNodeStatus();
        return;
    }
    const size_t bar = event.key.find('|');
    Pod* rec = Lookup(std::string_view(event.key).substr(0, bar));
    if (event.op == kFinalDelete) {
        if (!rec || stopped_) return;
        if (rec->api && !rec->deleted_from_api) {
            client::DeleteOptions opts;
            opts.grace_period_seconds = 0;
            rec->delete_requested = true;
            ctx_.api.pods().Delete(rec->ns, rec->name, opts);
            return;  // the DELETED watch event cleans up
        }
        Cleanup(rec->key);
        return;
    }
    if (!rec) return;
    if (event.op == kExit) {
        const auto parts = Split(event.key, '|');
        const size_t slot_index = std::stoul(parts[1]);
        if (slot_index >= rec->slots.size()) return;
        Slot& slot = rec->slots[slot_index];
        for (auto& inst : slot.instances) {
            if (inst.state != Instance::kRunning) continue;
            if (event.arg == inst.natural_token) {
                OnExit(*rec, slot, inst, inst.behavior->exit_code, inst.behavior->exit_code == 0 ? "Completed" : "Error");
            } else if (event.arg == inst.stop_token) {
                const int32_t code = inst.killed ? 137 : inst.behavior->stop_exit_code;
                OnExit(*rec, slot, inst, code, code == 0 ? "Completed" : "Error");
            } else {
                continue;
            }
            break;
        }
        return;
    }
    if (stopped_) return;
    switch (event.op) {
        case kSync:
            if (event.arg != rec->sync_token) return;
            rec->next_sync = 0;
            if (rec->syncing) {
                rec->pleg_dirty = true;  // runs again when this sync is done
                return;
            }
            BeginSync(*rec);
            return;
        case kStep:
            if (event.arg != rec->epoch || !rec->syncing) return;
            ContinueSync(*rec);
            return;
        case kMountWait: {
            if (event.arg != rec->epoch || !rec->syncing || rec->stage != Pod::kVolumes) return;
            std::vector<std::string> missing;
            VolumesReady(*rec, &missing);
            std::vector<std::string> all;
            for (const auto& v : rec->api->spec->volumes) all.push_back(v.name);
            RecordPod(*rec, "Warning", "FailedMount",
                      "Unable to attach or mount volumes: unmounted volumes=[" + Join(missing, " ") +
                          "], unattached volumes=[" + Join(all, " ") + "]: timed out waiting for the condition");
            rec->volume_wait_start = 0;
            rec->sync_error = true;
            FinishSync(*rec);
            return;
        }
        case kProbe:
        case kProbeNow: {
            const auto parts = Split(event.key, '|');
            const size_t slot_index = std::stoul(parts[1]);
            const int kind = std::stoi(parts[2]);
            if (slot_index >= rec->slots.size()) return;
            Slot& slot = rec->slots[slot_index];
            if (!slot.probes[kind] || slot.probes[kind]->token != event.arg) return;
            Probe& p = *slot.probes[kind];
            if (event.op == kProbe) {
                AdvanceProbe(*rec, slot, p, ctx_.Now());
            } else {
                // A manually triggered probe runs now; the ticker is not moved.
                AdvanceProbe(*rec, slot, p, ctx_.Now() - 1);
                ProbeOnce(*rec, slot, p, ctx_.Now());
            }
            if (!slot.probes[kind]) return;
            Reschedule(*rec, slot, p);
            return;
        }
        default: return;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Pod worker: syncs

Time Kubelet::NextRelist(Time after) const {
    const Time base = after - relist_phase_;
    return relist_phase_ + (base / kRelistPeriod + 1) * kRelistPeriod;
}

Duration Kubelet::Jitter(Duration base, int percent) { return base + rng_.Range(0, base * percent / 100); }

void Kubelet::RequestSync(Pod& rec, Time at) {
    if (rec.next_sync != 0 && rec.next_sync <= at) return;
    rec.next_sync = at;
    rec.sync_token = next_token_++;
    ctx_.scheduler.At(at, id_, kSync, rec.key, rec.sync_token);
}

void Kubelet::RequestRelistSync(Pod& rec, Time change) {
    rec.pleg_dirty = true;
    rec.pleg_change = change;
    if (!rec.syncing && !stopped_) RequestSync(rec, NextRelist(change));
}

bool Kubelet::Adopt(Pod& rec) {
    // Pods the bootstrap created already running: take the runtime state from their status.
    const k8s::PodStatus& st = rec.api->status;
    if (st.phase != "Running" || st.container_statuses.empty()) return false;
    for (const auto& cs : st.container_statuses)
        if (!cs.state.running || cs.container_id.empty()) return false;
    for (auto& slot : rec.slots) {
        if (slot.init) continue;
        for (const auto& cs : st.container_statuses) {
            if (cs.name != slot.spec->name) continue;
            Instance inst;
            inst.id = cs.container_id.substr(cs.container_id.find("://") + 3);
            inst.attempt = cs.restart_count;
            inst.state = Instance::kRunning;
            inst.created = inst.started = cs.state.running->started_at.ms;
            inst.image_ref = &Intern(cs.image);
            inst.spec_image = &Intern(slot.spec->image);
            ImageReference ref;
            std::string error;
            if (ParseImageReference(cs.image, &ref, &error)) inst.image = registry_->Find(ref);
            inst.behavior = inst.image ? registry_->SharedBehaviorFor(*inst.image, *slot.spec) : ImageRegistry::NoBehavior();
            slot.next_attempt = cs.restart_count + 1;
            slot.ready = cs.ready;
            slot.started = true;
            slot.instances.push_back(std::move(inst));
        }
    }
    rec.sandbox_ready = true;
    rec.volumes_mounted = true;
    rec.ip = st.pod_ip;
    rec.ip_from_ipam = !rec.api->spec->host_network;
    rec.cached = std::shared_ptr<const k8s::PodStatus>(rec.api, &rec.api->status);
    for (auto& slot : rec.slots)
        if (!slot.init) SetupProbes(slot);
    return true;
}

void Kubelet::BeginSync(Pod& rec) {
    if (!rec.deleted_from_api) {
        auto fresh = ctx_.api.pods().Get(rec.ns, rec.name);
        if (!fresh || fresh->metadata.uid != rec.uid) {
            rec.deleted_from_api = true;
        } else {
            rec.api = fresh;
        }
    }
    if (!rec.api) {
        Cleanup(rec.key);
        return;
    }
    if (!rec.built) {
        rec.built = true;
        rec.spec = rec.api->spec;
        rec.slots.reserve(rec.spec->init_containers.size() + rec.spec->containers.size());
        for (const auto& c : rec.spec->init_containers) {
            Slot s;
            s.spec = &c;
            s.init = true;
            s.field_path = &Intern("spec.initContainers{" + c.name + "}");
            rec.slots.push_back(std::move(s));
        }
        for (const auto& c : rec.spec->containers) {
            Slot s;
            s.spec = &c;
            s.field_path = &Intern("spec.containers{" + c.name + "}");
            rec.slots.push_back(std::move(s));
        }
        if (Adopt(rec)) return;
        for (auto& slot : rec.slots) SetupProbes(slot);
    } else {
        // Image updates of a live pod (the only container field that may change; validation
        // keeps the containers' number and order).
        const k8s::Cow<k8s::PodSpec>& fresh = rec.api->spec;
        if (!fresh.SharesWith(rec.spec) &&
            fresh->init_containers.size() + fresh->containers.size() == rec.slots.size()) {
            rec.spec = fresh;
            size_t i = 0;
            for (const auto& c : rec.spec->init_containers) rec.slots[i++].spec = &c;
            for (const auto& c : rec.spec->containers) rec.slots[i++].spec = &c;
        }
    }
    if (rec.terminating) {
        ContinueTermination(rec);  // it carries on by itself; this only catches up after a restart
        return;
    }
    if (rec.deleted_from_api) {
        BeginTermination(rec, 0, "");
        return;
    }
    if (rec.api->metadata.IsTerminating()) {
        BeginTermination(rec, std::nullopt, "");
        return;
    }
    if (rec.terminal) return;
    rec.syncing = true;
    rec.sync_error = false;
    rec.pleg_dirty = false;
    rec.sync_started = ctx_.Now();
    rec.epoch++;
    k8s::PodStatus status = GenerateStatus(rec, false);
    const bool now_terminal = status.phase == "Succeeded" || status.phase == "Failed";
    WriteStatus(rec, std::move(status));
    // A container whose readiness is not yet known gets an immediate probe.
    for (size_t i = 0; i < rec.slots.size(); ++i) {
        Slot& slot = rec.slots[i];
        const Instance* inst = slot.Latest();
        if (!slot.probes[kReadiness] || slot.probes[kReadiness]->implicit || slot.ready || !inst ||
            inst->state != Instance::kRunning)
            continue;
        Probe& p = *slot.probes[kReadiness];
        p.token = next_token_++;
        ctx_.scheduler.After(Millis(rng_.Range(2, 6)), id_, kProbeNow,
                             rec.key + "|" + std::to_string(i) + "|" + std::to_string(kReadiness), p.token);
    }
    if (now_terminal) {
        rec.syncing = false;
        BeginTermination(rec, std::nullopt, "");
        return;
    }
    rec.stage = Pod::kVolumes;
    rec.sub = 0;
    ContinueSync(rec);
}

bool Kubelet::VolumesReady(Pod& rec, std::vector<std::string>* missing) {
    bool ready = true;
    for (const auto& v : rec.api->spec->volumes) {
        if (!v.persistent_volume_claim) continue;
        auto pvc = ctx_.api.pvcs().Get(rec.ns, v.persistent_volume_claim->claim_name);
        if (!pvc || pvc->status.phase != "Bound") {
            ready = false;
            if (missing) missing->push_back(v.name);
        }
    }
    return ready;
}

void Kubelet::ContinueSync(Pod& rec) {
    const Time now = ctx_.Now();
    while (rec.syncing) {
        switch (rec.stage) {
            case Pod::kVolumes: {
                if (rec.mounting) {
                    rec.mounting = false;
                    rec.volumes_mounted = true;
                }
                if (!VolumesReady(rec, nullptr)) {
                    if (rec.volume_wait_start == 0) {
                        rec.volume_wait_start = now;
                        ctx_.scheduler.At(now + kMountTimeout, id_, kMountWait, rec.key, rec.epoch);
                    }
                    return;  // a claim update wakes the sync
                }
                rec.volume_wait_start = 0;
                if (!rec.volumes_mounted) {
                    // The volume manager mounts; WaitForAttachAndMount polls every 300 ms.
                    rec.mounting = true;
                    ctx_.scheduler.After(Millis(rng_.Range(100, 400)), id_, kStep, rec.key, rec.epoch);
                    return;
                }
                rec.stage = Pod::kSandbox;
                break;
            }
            case Pod::kSandbox: {
                if (!rec.sandbox_ready) {
                    if (!rec.sandbox_creating) {
                        rec.sandbox_creating = true;
                        // RunPodSandbox: the pause container and the CNI ADD.
                        ctx_.scheduler.After(Millis(rng_.Range(350, 900)), id_, kStep, rec.key, rec.epoch);
                        return;
                    }
                    rec.sandbox_creating = false;
                    rec.sandbox_ready = true;
                    if (rec.api->spec->host_network) {
                        rec.ip = HostIp();
                        rec.ip_from_ipam = false;
                    } else {
                        rec.ip = ipam_ ? ipam_->Allocate() : "";
                        rec.ip_from_ipam = true;
                    }
                    rec.pleg_dirty = true;
                    rec.pleg_change = now;
                }
                ComputeActions(rec);
                rec.stage = Pod::kKill;
                break;
            }
            case Pod::kKill: {
                bool waiting = false;
                for (size_t index : rec.to_kill) {
                    Slot& slot = rec.slots[index];
                    Instance* inst = slot.Latest();
                    if (!inst || inst->state != Instance::kRunning) continue;
                    waiting = true;
                    if (inst->stopping) continue;
                    RecordContainer(rec, slot, "Normal", "Killing", slot.kill_message);
                    int64_t grace = rec.api->spec->termination_grace_period_seconds.value_or(30);
                    for (const auto& p : slot.probes)
                        if (p && p->termination_grace && p->result == 0) grace = *p->termination_grace;
                    StopInstance(rec, slot, *inst, Seconds(std::max<int64_t>(grace, 2)));
                }
                if (waiting) return;  // the exits wake the sync
                rec.stage = Pod::kStart;
                rec.cursor = 0;
                rec.sub = 0;
                break;
            }
            case Pod::kStart: {
                while (rec.cursor < rec.to_start.size()) {
                    if (!StartStep(rec)) return;
                    rec.cursor++;
                    rec.sub = 0;
                }
                rec.stage = Pod::kDone;
                break;
            }
            case Pod::kDone:
                FinishSync(rec);
                return;
        }
    }
}

void Kubelet::FinishSync(Pod& rec) {
    rec.syncing = false;
    rec.stage = Pod::kDone;
    Time next = 0;
    // A failed sync is retried after the pod worker's back-off (10 s, up to 50% jitter).
    if (rec.sync_error) next = ctx_.Now() + Jitter(kSyncErrorBackoff, 50);
    // Changes the relist noticed meanwhile need one more sync, once the cache is newer.
    if (rec.pleg_dirty) {
        const Time t = NextRelist(std::max(rec.pleg_change, ctx_.Now()));
        next = next == 0 ? t : std::min(next, t);
    }
    rec.pleg_dirty = false;
    if (next) RequestSync(rec, next);
}

void Kubelet::ComputeActions(Pod& rec) {
    rec.to_kill.clear();
    rec.to_start.clear();
    rec.cursor = 0;
    rec.sub = 0;
    const std::string policy = rec.api->spec->restart_policy.empty() ? "Always" : rec.api->spec->restart_policy;
    auto should_restart = [&](const Slot& slot) {
        const Instance* inst = slot.Latest();
        if (!inst || inst->state == Instance::kCreated) return true;
        if (inst->state == Instance::kRunning) return false;
        const std::string p = slot.init && slot.spec->restart_policy ? *slot.spec->restart_policy : policy;
        if (p == "Never") return false;
        if (p == "OnFailure" && inst->exit_code == 0) return false;
        return true;
    };
    // Init containers run one at a time, each to completion.
    for (size_t i = 0; i < rec.slots.size(); ++i) {
        Slot& slot = rec.slots[i];
        if (!slot.init) continue;
        const Instance* inst = slot.Latest();
        const bool sidecar = slot.spec->restart_policy && *slot.spec->restart_policy == "Always";
        if (inst && inst->state == Instance::kExited && inst->exit_code == 0 && !sidecar) continue;
        if (inst && inst->state == Instance::kRunning) {
            if (sidecar && slot.started) continue;
            return;  // wait for it
        }
        if (inst && inst->state == Instance::kExited && policy == "Never" && !sidecar) return;
        rec.to_start.push_back(i);
        return;
    }
    for (size_t i = 0; i < rec.slots.size(); ++i) {
        Slot& slot = rec.slots[i];
        if (slot.init) continue;
        Instance* inst = slot.Latest();
        if (!inst || inst->state != Instance::kRunning) {
            if (should_restart(slot)) rec.to_start.push_back(i);
            continue;
        }
        std::string message;
        bool restart = policy != "Never";
        if (*inst->spec_image != slot.spec->image) {
            message = "Container " + slot.spec->name + " definition changed";
            restart = true;
        } else if (slot.probes[kLiveness] && slot.probes[kLiveness]->result == 0 &&
                   slot.probes[kLiveness]->instance_id == inst->id) {
            message = "Container " + slot.spec->name + " failed liveness probe";
        } else if (slot.probes[kStartupProbe] && slot.probes[kStartupProbe]->on_hold &&
                   slot.probes[kStartupProbe]->instance_id == inst->id) {
            message = "Container " + slot.spec->name + " failed startup probe";
        } else {
            continue;
        }
        if (restart) {
            message += ", will be restarted";
            rec.to_start.push_back(i);
        }
        slot.kill_message = message;
        rec.to_kill.push_back(i);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Pod worker: starting containers

bool Kubelet::StartStep(Pod& rec) {
    const size_t index = rec.to_start[rec.cursor];
    Slot& slot = rec.slots[index];
    const k8s::Container& c = *slot.spec;
    const Time now = ctx_.Now();
    auto fail = [&](const std::string& reason, const std::string& message) {
        slot.waiting_reason = reason;
        slot.waiting_message = message;
        rec.sync_error = true;
        return true;  // on to the next container
    };
    switch (rec.sub) {
        case 0: {
            // doBackOff: the newest exited instance decides whether a restart must wait.
            const Instance* exited = nullptr;
            // As in upstream, the pod status taken when the sync began: a container this very
            // sync stopped was still running then.
            for (auto it = slot.instances.rbegin(); it != slot.instances.rend(); ++it)
                if (it->state == Instance::kExited && it->finished < rec.sync_started) {
                    exited = &*it;
                    break;
                }
            if (exited) {
                if (InBackoffSince(slot.crash, exited->finished, now)) {
                    RecordContainer(rec, slot, "Warning", "BackOff",
                                    "Back-off restarting failed container " + c.name + " in pod " + FormatPod(*rec.api));
                    return fail("CrashLoopBackOff", "back-off " + GoDurationString(slot.crash.duration) +
                                                        " restarting failed container=" + c.name +
                                                        " pod=" + FormatPod(*rec.api));
                }
                BackoffNext(slot.crash, exited->finished, kCrashBackoffInitial, kCrashBackoffMax);
            }
            // EnsureImageExists.
            ImageReference ref;
            std::string error;
            if (!image_refs_.Parse(c.image, &ref, &error)) {
                const std::string message = "Failed to apply default image tag " + Quoted(c.image) +
                                            ": couldn't parse image name " + Quoted(c.image) + ": " + error;
                RecordContainer(rec, slot, "Warning", "InspectFailed", message);
                RecordContainer(rec, slot, "Warning", "Failed", "Error: InvalidImageName");
                return fail("InvalidImageName", message);
            }
            const CachedImage* cached = FindCached(ref);
            const std::string policy = c.image_pull_policy.empty() ? "IfNotPresent" : c.image_pull_policy;
            if (policy == "Never" || (policy == "IfNotPresent" && cached)) {
                if (!cached) {
                    const std::string message =
                        "Container image " + Quoted(c.image) + " is not present with pull policy of Never";
                    RecordContainer(rec, slot, "Warning", "ErrImageNeverPull", message);
                    RecordContainer(rec, slot, "Warning", "Failed", "Error: ErrImageNeverPull");
                    return fail("ErrImageNeverPull", message);
                }
                RecordContainer(rec, slot, "Normal", "Pulled",
                                "Container image " + Quoted(c.image) + " already present on machine");
                slot.pull_image = cached->info;
                rec.sub = 2;
                return StartStep(rec);
            }
            if (slot.pull_failures) {
                auto& failures = *slot.pull_failures;
                auto backoff = failures.backoff.find(c.image);
                if (backoff != failures.backoff.end() && InBackoffSinceUpdate(backoff->second, now)) {
                    std::string message = "Back-off pulling image " + Quoted(c.image);
                    RecordContainer(rec, slot, "Normal", "BackOff", message);
                    RecordContainer(rec, slot, "Warning", "Failed", "Error: ImagePullBackOff");
                    auto prev = failures.previous_error.find(c.image);
                    if (prev != failures.previous_error.end()) message += ": " + prev->second;
                    return fail("ImagePullBackOff", message);
                }
                failures.previous_error.erase(c.image);
            }
            RecordContainer(rec, slot, "Normal", "Pulling", "Pulling image " + Quoted(c.image));
            Pull pull;
            pull.pod_key = rec.key;
            pull.slot = index;
            pull.epoch = rec.epoch;
            pull.ref = ref;
            pull.requested = c.image;
            pull.requested_at = now;
            rec.pull_requested = now;
            rec.sub = 1;
            Enqueue(std::move(pull));
            return false;
        }
        case 1: {
            if (!slot.pull_ok) {
                RecordContainer(rec, slot, "Warning", "Failed",
                                "Failed to pull image " + Quoted(c.image) + ": " + slot.pull_error);
                if (!slot.pull_failures) slot.pull_failures = Slot::PullFailures{};
                BackoffNext(slot.pull_failures->backoff[c.image], now, kImageBackoffInitial, kImageBackoffMax);
                slot.pull_failures->previous_error[c.image] = "ErrImagePull: " + slot.pull_error;
                RecordContainer(rec, slot, "Warning", "Failed", "Error: ErrImagePull");
                return fail("ErrImagePull", slot.pull_error);
            }
            RecordContainer(rec, slot, "Normal", "Pulled",
                            "Successfully pulled image " + Quoted(c.image) + " in " +
                                GoDurationString(slot.pull_duration) + " (" +
                                GoDurationString(now - rec.pull_requested) + " including waiting). Image size: " +
                                std::to_string(slot.pull_image->size_bytes) + " bytes.");
            rec.sub = 2;
            return StartStep(rec);
        }
        case 2:
            // CreateContainer.
            rec.sub = 3;
            ctx_.scheduler.After(Millis(rng_.Range(30, 120)), id_, kStep, rec.key, rec.epoch);
            return false;
        case 3: {
            ImageReference ref;
            std::string error;
            image_refs_.Parse(c.image, &ref, &error);
            CreateInstance(slot, *slot.pull_image, ref);
            RecordContainer(rec, slot, "Normal", "Created", "Created container: " + c.name);
            rec.sub = 4;
            ctx_.scheduler.After(Millis(rng_.Range(40, 150)), id_, kStep, rec.key, rec.epoch);
            return false;
        }
        case 4: {
            Instance& inst = *slot.Latest();
            StartInstance(rec, slot, inst);
            if (inst.state == Instance::kExited && inst.reason == "StartError") {
                RecordContainer(rec, slot, "Warning", "Failed", "Error: " + inst.message);
                return fail("RunContainerError", inst.message);
            }
            RecordContainer(rec, slot, "Normal", "Started", "Started container " + c.name);
            slot.waiting_reason.clear();
            slot.waiting_message.clear();
            return true;
        }
        default: return true;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Termination

void Kubelet::BeginTermination(Pod& rec, std::optional<int64_t> grace_override, const std::string& kill_message) {
    if (rec.terminating) return;
    rec.terminating = true;
    rec.syncing = false;
    rec.epoch++;
    rec.next_sync = 0;
    rec.sync_token++;
    // Pulls for this pod are cancelled with its sync.
    pulls_.erase(std::remove_if(pulls_.begin(), pulls_.end(), [&](const Pull& p) { return p.pod_key == rec.key; }),
                 pulls_.end());
    if (active_pull_ && active_pull_->pod_key == rec.key) {
        active_pull_.reset();
        ++pull_token_;
        StartNextPull();
    }
    // The grace period the kubelet honours: the API's deletionGracePeriodSeconds, else the
    // pod's terminationGracePeriodSeconds; never less than 2 s (minimumGracePeriodInSeconds).
    int64_t grace = rec.api ? rec.api->spec->termination_grace_period_seconds.value_or(30) : 30;
    if (rec.api && rec.api->metadata.deletion_grace_period_seconds) grace = *rec.api->metadata.deletion_grace_period_seconds;
    if (grace_override) grace = *grace_override;
    grace = std::max<int64_t>(grace, 2);
    for (auto& slot : rec.slots) {
        Instance* inst = slot.Latest();
        if (!inst || inst->state != Instance::kRunning || inst->stopping) continue;
        RecordContainer(rec, slot, "Normal", "Killing",
                        kill_message.empty() ? "Stopping container " + slot.spec->name : kill_message);
        StopInstance(rec, slot, *inst, Seconds(grace));
    }
    for (auto& slot : rec.slots)
        for (auto& p : slot.probes)
            if (p) {
                FlushFailures(rec, slot, *p);
                p->token = next_token_++;
            }
    ContinueTermination(rec);
}

void Kubelet::ContinueTermination(Pod& rec) {
    for (const auto& slot : rec.slots) {
        const Instance* inst = slot.Latest();
        if (inst && inst->state == Instance::kRunning) return;  // the exits call back
    }
    if (rec.terminal) return;
    // KillPod ends with StopPodSandbox: the CNI DEL frees the address.
    rec.sandbox_ready = false;
    rec.sandbox_creating = false;
    if (rec.ip_from_ipam && ipam_ && !rec.ip.empty()) ipam_->Release(rec.ip);
    rec.ip_from_ipam = false;
    rec.terminal = true;
    if (!rec.deleted_from_api && rec.api) WriteStatus(rec, GenerateStatus(rec, true));
    const bool deleting = rec.deleted_from_api || (rec.api && rec.api->metadata.IsTerminating());
    if (deleting) {
        // Volumes unmounted and cgroups gone, the status manager deletes the pod for good.
        ctx_.scheduler.After(Millis(rng_.Range(200, 800)), id_, kFinalDelete, rec.key, 0);
    }
}

void Kubelet::Cleanup(const std::string& key) {
    auto it = pods_.find(key);
    if (it == pods_.end()) return;
    Pod& rec = *it->second;
    if (rec.ip_from_ipam && ipam_ && !rec.ip.empty()) ipam_->Release(rec.ip);
    const std::string ns = rec.ns, name = rec.name;
    pods_by_key_.erase(it->first);
    pods_.erase(it);
    // A new pod of the same name bound here while the old one was torn down.
    if (auto next = ctx_.api.pods().Get(ns, name); next && next->spec->node_name == node_)
        OnPodWatch(WatchType::kAdded, nullptr, next);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Images

const Kubelet::CachedImage* Kubelet::FindCached(const ImageReference& ref) const {
    const std::string repository = ref.Repository();
    const std::string tagged = ref.digest.empty() ? repository + ":" + ref.tag : std::string();
    for (const auto& [key, img] : images_) {
        if (!ref.digest.empty()) {
            if (img.info->repository == repository && img.info->digest == ref.digest) return &img;
        } else if (img.tags.count(tagged)) {
            return &img;
        }
    }
    return nullptr;
}

void Kubelet::Enqueue(Pull pull) {
    pulls_.push_back(std::move(pull));
    if (!active_pull_) StartNextPull();
}

void Kubelet::StartNextPull() {
    if (pulls_.empty()) {
        active_pull_.reset();
        return;
    }
    active_pull_ = pulls_.front();
    pulls_.pop_front();
    const Pull& p = *active_pull_;
    const PullResolution res = registry_->Resolve(p.ref);
    Duration d;
    if (!res.image) {
        d = registry_->FailedPullDuration(rng_);
    } else if (FindCached(p.ref) && FindCached(p.ref)->info == res.image) {
        d = rng_.Range(350, 900);  // only the manifest round trip: every layer is here
    } else {
        d = registry_->PullDuration(*res.image, registry_->Bandwidth(node_), rng_);
    }
    active_pull_started_ = ctx_.Now();
    ++pull_token_;
    ctx_.scheduler.At(ctx_.Now() + d, id_, kPullDone, "", pull_token_);
}

void Kubelet::OnPullDone() {
    if (!active_pull_) return;
    Pull p = *active_pull_;
    active_pull_.reset();
    const PullResolution res = registry_->Resolve(p.ref);
    if (res.image) {
        const std::string key = res.image->RepoDigestRef();
        CachedImage& img = images_[key];
        const bool added = !img.info || !img.tags.count(p.ref.Repository() + ":" + p.ref.tag);
        img.info = res.image;
        if (!p.ref.tag.empty()) img.tags.insert(p.ref.Repository() + ":" + p.ref.tag);
        if (added) MarkImagesChanged();
    }
    Pod* rec = Lookup(p.pod_key);
    if (rec && !stopped_ && rec->syncing && rec->epoch == p.epoch && p.slot < rec->slots.size()) {
        Slot& slot = rec->slots[p.slot];
        slot.pull_ok = res.image != nullptr;
        slot.pull_error = res.error;
        slot.pull_image = res.image;
        slot.pull_duration = ctx_.Now() - active_pull_started_;
        ContinueSync(*rec);
    }
    StartNextPull();
}

void Kubelet::MarkImagesChanged() {
    if (node_status_pending_) return;
    node_status_pending_ = true;
    const Time now = ctx_.Now();
    const Time base = now - relist_phase_;
    ctx_.scheduler.At(relist_phase_ + (base / kNodeStatusPeriod + 1) * kNodeStatusPeriod, id_, kNodeStatus);
}

void Kubelet::WriteNodeStatus() {
    auto node = ctx_.api.nodes().Get("", node_);
    if (!node) return;
    std::vector<k8s::ContainerImage> list;
    for (const auto& [key, img] : images_) {
        k8s::ContainerImage ci;
        if (!img.preloaded) ci.names.push_back(img.info->RepoDigestRef());
        for (const auto& t : img.tags) ci.names.push_back(t);
        // Imported (preloaded) images are reported unpacked, pulled ones by their content size.
        ci.size_bytes = img.preloaded ? img.info->size_bytes * 5 / 2 : img.info->size_bytes;
        list.push_back(std::move(ci));
    }
    std::stable_sort(list.begin(), list.end(),
                     [](const k8s::ContainerImage& a, const k8s::ContainerImage& b) { return a.size_bytes > b.size_bytes; });
    if (list.size() > 50) list.resize(50);
    if (node->status.images == list) return;
    k8s::Node updated = *node;
    updated.metadata.resource_version.clear();
    updated.status.images = std::move(list);
    ctx_.api.nodes().UpdateStatus(std::move(updated));
}

bool Kubelet::HasImage(std::string_view image) const {
    ImageReference ref;
    std::string error;
    return ParseImageReference(image, &ref, &error) && FindCached(ref) != nullptr;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Container processes

std::string Kubelet::NewId() {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    out.reserve(64);
    for (int i = 0; i < 4; ++i) {
        uint64_t w = rng_.Next();
        for (int j = 0; j < 16; ++j) {
            out.push_back(kHex[w & 15]);
            w >>= 4;
        }
    }
    return out;
}

Kubelet::Instance& Kubelet::CreateInstance(Slot& slot, const ImageInfo& image, const ImageReference& ref) {
    Instance inst;
    inst.id = NewId();
    inst.attempt = slot.next_attempt++;
    inst.state = Instance::kCreated;
    inst.created = ctx_.Now();
    inst.image = &image;
    inst.image_ref = &Intern(ref.Normalized());
    inst.spec_image = &Intern(slot.spec->image);
    inst.behavior = registry_->SharedBehaviorFor(image, *slot.spec);
    slot.instances.push_back(std::move(inst));
    // containerd's GC keeps the newest dead container of each name (for --previous).
    while (slot.instances.size() > 3) slot.instances.erase(slot.instances.begin());
    return slot.instances.back();
}

void Kubelet::StartInstance(Pod& rec, Slot& slot, Instance& inst) {
    const Time now = ctx_.Now();
    inst.started = now;
    const std::string& style = inst.behavior->log_style;
    if (style.rfind("start-error:", 0) == 0) {
        inst.state = Instance::kExited;
        inst.finished = now;
        inst.exit_code = 128;
        inst.reason = "StartError";
        inst.message = "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                       "runc create failed: unable to start container process: error during container init: exec: \"" +
                       style.substr(12) + "\": executable file not found in $PATH: unknown";
        RequestRelistSync(rec, now);
        return;
    }
    inst.state = Instance::kRunning;
    inst.startup_logged = true;
    inst.startup_log_at = now;
    inst.startup_log_cpus = NodeCpus();
    inst.natural_exit = 0;
    if (!inst.behavior->command.empty() && command_runner_ && rec.api) {
        // The command runs now; its output is the container's log, its status the exit code.
        const ContainerExecResult ran = command_runner_(rec.api, slot.spec->name, inst.behavior->command);
        for (const std::string* text : {&ran.out, &ran.err, &ran.start_error})
            for (std::string& line : SplitLines(*text)) inst.logs.push_back({now + Millis(1), std::move(line)});
        auto own = std::make_shared<ProcessBehavior>(*inst.behavior);
        own->exit_code = ran.start_error.empty() ? ran.exit_code : 128;
        inst.behavior = std::move(own);
    }
    if (!inst.behavior->runs_forever) {
        inst.natural_exit = now + inst.behavior->run_time;
        inst.natural_token = next_token_++;
        const size_t index = static_cast<size_t>(&slot - rec.slots.data());
        ctx_.scheduler.At(inst.natural_exit, id_, kExit, rec.key + "|" + std::to_string(index), inst.natural_token);
    }
    slot.ready = false;
    slot.started = false;
    ResetProbesForInstance(rec, slot, inst);
    RequestRelistSync(rec, now);
}

void Kubelet::StopInstance(Pod& rec, Slot& slot, Instance& inst, Duration grace) {
    const Time now = ctx_.Now();
    inst.stopping = true;
    inst.kill_deadline = now + grace;
    // containerd sends the image's STOPSIGNAL, waits out the grace period, then SIGKILLs.
    if (inst.behavior->ignores_stop_signal || inst.behavior->stop_time >= grace) {
        inst.stop_exit = inst.kill_deadline;
        inst.killed = true;
    } else {
        inst.stop_exit = now + inst.behavior->stop_time;
        inst.killed = false;
    }
    if (inst.natural_exit && inst.natural_exit <= inst.stop_exit) return;  // it ends on its own first
    if (!inst.killed && inst.image)
        for (auto& line : registry_->StopLog(*inst.image, *inst.behavior, now, NodeCpus()))
            inst.logs.push_back({now + Millis(1), std::move(line)});
    ScheduleStopExit(rec, slot, inst);
}

void Kubelet::ScheduleStopExit(Pod& rec, Slot& slot, Instance& inst) {
    const size_t index = static_cast<size_t>(&slot - rec.slots.data());
    inst.stop_token = next_token_++;
    ctx_.scheduler.At(inst.stop_exit, id_, kExit, rec.key + "|" + std::to_string(index), inst.stop_token);
}

// A second, shorter delete (kubectl delete --grace-period=N) brings the SIGKILL forward.
void Kubelet::ShortenGrace(Pod& rec, int64_t grace_seconds) {
    const Time deadline = ctx_.Now() + Seconds(std::max<int64_t>(grace_seconds, 2));
    for (auto& slot : rec.slots) {
        Instance* inst = slot.Latest();
        if (!inst || inst->state != Instance::kRunning || !inst->stopping || deadline >= inst->kill_deadline) continue;
        inst->kill_deadline = deadline;
        if (inst->stop_exit <= deadline) continue;
        inst->stop_exit = deadline;
        inst->killed = true;
        if (inst->natural_exit && inst->natural_exit <= deadline) continue;
        ScheduleStopExit(rec, slot, *inst);
    }
}

void Kubelet::OnExit(Pod& rec, Slot& slot, Instance& inst, int32_t code, const std::string& reason) {
    const Time now = ctx_.Now();
    // Probes up to the exit count; none after.
    for (auto& p : slot.probes)
        if (p) {
            if (!stopped_) AdvanceProbe(rec, slot, *p, now);
            FlushFailures(rec, slot, *p);
            p->token = next_token_++;
        }
    inst.state = Instance::kExited;
    inst.finished = now;
    inst.exit_code = code;
    inst.reason = reason;
    inst.natural_token = inst.stop_token = 0;
    if (rec.terminating) {
        if (!stopped_) ContinueTermination(rec);
        return;
    }
    if (stopped_) return;
    // A sync waiting for a kill continues; otherwise the relist notices the exit.
    if (rec.syncing && rec.stage == Pod::kKill) {
        ctx_.scheduler.After(Millis(rng_.Range(5, 20)), id_, kStep, rec.key, rec.epoch);
        rec.pleg_dirty = true;
        rec.pleg_change = now;
        return;
    }
    RequestRelistSync(rec, now);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Probes

void Kubelet::SetupProbes(Slot& slot) {
    const k8s::SharedOptional<k8s::Probe>* specs[3] = {&slot.spec->readiness_probe, &slot.spec->liveness_probe,
                                                       &slot.spec->startup_probe};
    for (int kind = 0; kind < 3; ++kind) {
        if (!*specs[kind]) continue;
        const k8s::Probe& s = **specs[kind];
        Probe p;
        p.kind = kind;
        p.period = Seconds(std::max(1, s.period_seconds ? s.period_seconds : 10));
        p.delay = Seconds(s.initial_delay_seconds);
        p.success_threshold = std::max(1, s.success_threshold);
        p.failure_threshold = std::max(1, s.failure_threshold ? s.failure_threshold : 3);
        p.termination_grace = s.termination_grace_period_seconds;
        auto port_of = [&](const Value& v) -> int32_t {
            if (v.IsString()) {
                for (const auto& cp : slot.spec->ports)
                    if (cp.name == v.AsString()) return cp.container_port;
                int64_t n = 0;
                return ParseInt64(v.AsString(), &n) ? static_cast<int32_t>(n) : -1;
            }
            return static_cast<int32_t>(v.AsInt());
        };
        if (!s.http_get.IsNull()) {
            p.handler = "http";
            p.port = port_of(s.http_get.Get("port"));
            p.path = s.http_get.GetString("path", "/");
            p.host = s.http_get.GetString("host");
            p.scheme = s.http_get.GetString("scheme", "HTTP");
        } else if (!s.tcp_socket.IsNull()) {
            p.handler = "tcp";
            p.port = port_of(s.tcp_socket.Get("port"));
            p.host = s.tcp_socket.GetString("host");
        } else if (!s.grpc.IsNull()) {
            p.handler = "grpc";
            p.port = static_cast<int32_t>(s.grpc.GetInt("port"));
        } else {
            p.handler = "exec";
        }
        p.result = kind == kLiveness ? 1 : kind == kReadiness ? 0 : -1;
        slot.probes[kind] = p;
    }
}

void Kubelet::ResetProbesForInstance(Pod& rec, Slot& slot, Instance& inst) {
    for (int kind = 0; kind < 3; ++kind) {
        if (!slot.probes[kind]) continue;
        Probe& p = *slot.probes[kind];
        FlushFailures(rec, slot, p);
        p.instance_id = inst.id;
        // Initial values: readiness Failure, liveness Success, startup Unknown.
        p.result = kind == kLiveness ? 1 : kind == kReadiness ? 0 : -1;
        p.visible = 0;
        p.last = -1;
        p.run = 0;
        p.on_hold = false;
        p.episode_recorded = false;
        p.accounted = inst.started;
        // Readiness and liveness wait for the startup probe, if there is one.
        p.gate = kind != kStartupProbe && slot.probes[kStartupProbe] ? kForever : inst.started;
        if (p.implicit && kind == kReadiness) {
            p.result = 0;
            p.gate = inst.started;
        }
    }
    if (!slot.probes[kStartupProbe]) slot.started = true;
    if (!slot.probes[kReadiness]) slot.ready = true;
    for (int kind = 0; kind < 3; ++kind)
        if (slot.probes[kind]) Reschedule(rec, slot, *slot.probes[kind]);
}

namespace {

struct Health {
    bool pass = true;
    std::string message;
};

// What one probe of `p` sees at `t` for a process behaving as `b`, started at `started`.
Health Evaluate(int forced, const std::string& handler, int32_t port, const std::string& path, const std::string& host,
                const std::string& ip, bool implicit, const ProcessBehavior& b, Time started, Time t) {
    const std::string target = (host.empty() ? ip : host) + ":" + std::to_string(port);
    const std::string url = "http://" + target + path;
    auto refused = [&]() {
        Health h{false, ""};
        if (handler == "http") h.message = "Get " + Quoted(url) + ": dial tcp " + target + ": connect: connection refused";
        else if (handler == "tcp") h.message = "dial tcp " + target + ": connect: connection refused";
        else if (handler == "grpc") h.message = "timeout: failed to connect service " + Quoted(":" + std::to_string(port)) + " within 1s";
        return h;
    };
    if (forced > 0) return {};
    if (forced < 0) {
        if (implicit || handler == "http") return {false, "HTTP probe failed with statuscode: 503"};
        if (handler == "tcp") return refused();
        if (handler == "grpc") return {false, "service unhealthy (responded with \"NOT_SERVING\")"};
        return {false, ""};
    }
    if (implicit) return {};
    if (handler == "exec") return t < started + b.warmup ? Health{false, ""} : Health{};
    const bool listens = std::find(b.listen_ports.begin(), b.listen_ports.end(), port) != b.listen_ports.end();
    if (!listens || t < started + b.warmup) return refused();
    if (handler == "http") {
        if (!b.serves_http) return {false, "Get " + Quoted(url) + ": EOF"};
        if (!b.http_paths.empty() && std::find(b.http_paths.begin(), b.http_paths.end(), path) == b.http_paths.end())
            return {false, "HTTP probe failed with statuscode: 404"};
    }
    return {};
}

}  // namespace

// Counts `ticks` probe outcomes `result` ending at `last_tick`, records the first failure of an
// episode as an Unhealthy event (later ones are counted and folded in lazily), and publishes the
// result when its threshold is reached.
void Kubelet::CountOutcome(Pod& rec, Slot& slot, Probe& p, int result, int64_t ticks, Time last_tick,
                           const std::string& message) {
    const int run_before = p.last == result ? p.run : 0;
    p.last = result;
    p.run = static_cast<int>(std::min<int64_t>(run_before + ticks, 1'000'000));
    if (result == 0) {
        int64_t repeats = ticks;
        if (!p.episode_recorded) {
            p.episode_recorded = true;
            RecordContainer(rec, slot, "Warning", "Unhealthy",
                            std::string(kProbeNames[p.kind]) + " probe failed: " + message);
            --repeats;
        }
        p.unrecorded += repeats;
        p.last_failure = last_tick;
        p.failure_message = message;
    } else {
        p.episode_recorded = false;
    }
    const int threshold = result ? p.success_threshold : p.failure_threshold;
    if (result != p.result && p.run >= threshold) ApplyProbeResult(rec, slot, p, result == 1);
}

// The worker's periodic ticks in (p.accounted, until]. It stops at each observable moment (the
// first failure of an episode, a result flip) so what they cause happens at their own time.
void Kubelet::AdvanceProbe(Pod& rec, Slot& slot, Probe& p, Time until) {
    for (int guard = 0; guard < 64 && p.accounted < until; ++guard) {
        Instance* inst = slot.Latest();
        if (!inst || inst->id != p.instance_id || inst->state != Instance::kRunning || p.on_hold || rec.terminating ||
            p.gate >= kForever || p.visible == 0) {
            p.accounted = until;
            return;
        }
        const Time eligible = std::max({p.gate, p.visible, inst->started + p.delay, p.accounted + 1});
        if (eligible > until) {
            p.accounted = until;
            return;
        }
        // Health is constant until the process has warmed up (natural probes only).
        const Time warm = inst->started + inst->behavior->warmup;
        Time seg_end = until;
        if (p.forced == 0 && eligible < warm) seg_end = std::min(until, warm - 1);
        const Health h = Evaluate(p.forced, p.handler, p.port, p.path, p.host, rec.ip, p.implicit, *inst->behavior,
                                  inst->started, eligible);
        const int r = h.pass ? 1 : 0;
        const int64_t first = (eligible - rec.added + p.period - 1) / p.period;
        const int64_t last = (seg_end - rec.added) / p.period;
        const int64_t count = std::max<int64_t>(0, last - first + 1);
        if (count == 0) {
            p.accounted = seg_end;
            continue;
        }
        int64_t take = count;
        if (r == 0 && !p.episode_recorded) take = 1;
        if (r != p.result) {
            const int run_before = p.last == r ? p.run : 0;
            const int threshold = r ? p.success_threshold : p.failure_threshold;
            take = std::min<int64_t>(take, std::max(1, threshold - run_before));
        }
        const Time last_tick = rec.added + (first + take - 1) * p.period;
        p.accounted = take == count ? seg_end : last_tick;
        CountOutcome(rec, slot, p, r, take, last_tick, h.message);
        if (!slot.probes[p.kind]) return;
    }
}

void Kubelet::ProbeOnce(Pod& rec, Slot& slot, Probe& p, Time at) {
    Instance* inst = slot.Latest();
    if (!inst || inst->id != p.instance_id || inst->state != Instance::kRunning || p.on_hold || rec.terminating)
        return;
    if (p.visible == 0 || at < p.visible || at < p.gate || at < inst->started + p.delay) return;
    const Health h = Evaluate(p.forced, p.handler, p.port, p.path, p.host, rec.ip, p.implicit, *inst->behavior,
                              inst->started, at);
    CountOutcome(rec, slot, p, h.pass ? 1 : 0, 1, at, h.message);
}

void Kubelet::Reschedule(Pod& rec, Slot& slot, Probe& p) {
    const int kind = p.kind;
    // An implicit readiness probe forced back to passing has done its job: the container is
    // again one without a probe.
    if (p.implicit && p.forced > 0 && p.result == 1 && kind == kReadiness) {
        slot.probes[kind].reset();
        slot.ready = true;
        return;
    }
    p.token = next_token_++;
    if (stopped_ || rec.terminating) return;
    Instance* inst = slot.Latest();
    if (!inst || inst->id != p.instance_id || inst->state != Instance::kRunning || p.on_hold) return;
    // Walk the same segments AdvanceProbe would, without side effects, to the next observable moment.
    int last = p.last, run = p.run;
    bool recorded = p.episode_recorded;
    Time cursor = p.accounted;
    const std::string key = rec.key + "|" + std::to_string(&slot - rec.slots.data()) + "|" + std::to_string(kind);
    for (int guard = 0; guard < 8; ++guard) {
        if (p.gate >= kForever || p.visible == 0) return;
        const Time eligible = std::max({p.gate, p.visible, inst->started + p.delay, cursor + 1});
        const Time warm = inst->started + inst->behavior->warmup;
        Time seg_end = kForever;
        if (p.forced == 0 && eligible < warm) seg_end = warm - 1;
        const Health h = Evaluate(p.forced, p.handler, p.port, p.path, p.host, rec.ip, p.implicit, *inst->behavior,
                                  inst->started, eligible);
        const int r = h.pass ? 1 : 0;
        const int64_t first = (eligible - rec.added + p.period - 1) / p.period;
        const Time first_tick = rec.added + first * p.period;
        if (first_tick > seg_end) {
            cursor = seg_end;
            continue;
        }
        if (r == 0 && !recorded) {
            ctx_.scheduler.At(first_tick, id_, kProbe, key, p.token);
            return;
        }
        const int run_before = last == r ? run : 0;
        if (r != p.result) {
            const int threshold = r ? p.success_threshold : p.failure_threshold;
            const Time t = first_tick + (std::max(1, threshold - run_before) - 1) * p.period;
            if (t <= seg_end) {
                ctx_.scheduler.At(t, id_, kProbe, key, p.token);
                return;
            }
        }
        if (seg_end >= kForever) return;  // steady from here on: nothing to schedule
        const int64_t count = (seg_end - rec.added) / p.period - first + 1;
        last = r;
        run = static_cast<int>(std::min<int64_t>(run_before + count, 1'000'000));
        if (r == 1) recorded = false;
        cursor = seg_end;
    }
}

void Kubelet::ApplyProbeResult(Pod& rec, Slot& slot, Probe& p, bool result) {
    p.result = result ? 1 : 0;
    FlushFailures(rec, slot, p);
    switch (p.kind) {
        case kReadiness:
            slot.ready = result;
            PatchReadiness(rec);
            break;
        case kStartupProbe:
            if (result) {
                slot.started = true;
                for (int k : {kReadiness, kLiveness}) {
                    if (!slot.probes[k]) continue;
                    slot.probes[k]->gate = ctx_.Now();
                    slot.probes[k]->accounted = std::max(slot.probes[k]->accounted, ctx_.Now() - 1);
                    Reschedule(rec, slot, *slot.probes[k]);
                }
                if (!slot.probes[kReadiness]) slot.ready = true;
                PatchReadiness(rec);
            } else {
                p.on_hold = true;
                RequestSync(rec, ctx_.Now() + Millis(rng_.Range(2, 10)));
            }
            break;
        case kLiveness:
            if (!result) {
                p.on_hold = true;
                RequestSync(rec, ctx_.Now() + Millis(rng_.Range(2, 10)));
            }
            break;
    }
}

void Kubelet::FlushFailures(Pod& rec, Slot& slot, Probe& p) {
    if (p.unrecorded <= 0 || !rec.api) {
        p.unrecorded = 0;
        return;
    }
    const std::string message = std::string(kProbeNames[p.kind]) + " probe failed: " + p.failure_message;
    // Fold the repeats into the event the recorder already made (count, lastTimestamp).
    const bool bumped = ctx_.recorder.FoldRepeats(engine::EventRecorder::RefTo(*rec.api, *slot.field_path), "Warning",
                                                  "Unhealthy", message, {"kubelet", node_}, p.unrecorded,
                                                  p.last_failure);
    if (!bumped) RecordContainer(rec, slot, "Warning", "Unhealthy", message);
    p.unrecorded = 0;
}

void Kubelet::FlushProbeEvents() {
    if (stopped_) return;
    for (auto& [key, rec] : pods_)
        for (auto& slot : rec->slots)
            for (auto& p : slot.probes)
                if (p) {
                    AdvanceProbe(*rec, slot, *p, ctx_.Now());
                    FlushFailures(*rec, slot, *p);
                    Reschedule(*rec, slot, *p);
                }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Status

std::string Kubelet::HostIp() const {
    if (auto node = ctx_.api.nodes().Get("", node_))
        for (const auto& a : node->status.addresses)
            if (a.type == "InternalIP") return a.address;
    return "";
}

int Kubelet::NodeCpus() const {
    if (auto node = ctx_.api.nodes().Get("", node_)) {
        int64_t n = 0;
        if (ParseInt64(node->status.capacity.Get("cpu", "8"), &n) && n > 0) return static_cast<int>(n);
    }
    return 8;
}

namespace {

k8s::ContainerState TerminatedState(const std::string& container_id, int32_t code, const std::string& reason,
                                    const std::string& message, Time started, Time finished) {
    k8s::ContainerState s;
    k8s::ContainerStateTerminated t;
    t.exit_code = code;
    t.reason = reason;
    t.message = message;
    t.started_at = k8s::Timestamp(started);
    t.finished_at = k8s::Timestamp(finished);
    t.container_id = container_id;
    s.terminated = t;
    return s;
}

bool IsKubeletCondition(const std::string& type) {
    return type == "PodScheduled" || type == "Ready" || type == "Initialized" || type == "ContainersReady" ||
           type == "PodReadyToStartContainers";
}

}  // namespace

// The mount paths repeat on every pod (the service account's above all): their strings are
// shared, as a Value's copies share their node.
Value Kubelet::VolumeMountStatuses(const k8s::Container& c) {
    Value out = Value::MakeArray();
    for (const auto& m : c.volume_mounts) {
        Value v = Value::MakeObject({{"name", m.name}, {"mountPath", SharedString(m.mount_path)}});
        if (m.read_only.value_or(false)) {
            v.Set("readOnly", true);
            v.Set("recursiveReadOnly", SharedString("Disabled"));
        }
        out.Push(std::move(v));
    }
    return out.items().empty() ? Value() : out;
}

const Value& Kubelet::SharedString(std::string_view text) {
    auto it = shared_strings_.find(text);
    if (it == shared_strings_.end()) it = shared_strings_.emplace(std::string(text), Value(text)).first;
    return it->second;
}

k8s::PodStatus Kubelet::GenerateStatus(Pod& rec, bool terminal) {
    const Time now = ctx_.Now();
    const k8s::Pod& api = *rec.api;
    const k8s::PodStatus& old = rec.cached ? *rec.cached : api.status;
    k8s::PodStatus s;
    s.qos_class = api.status.qos_class;
    const std::string host_ip = HostIp();
    s.host_ip = host_ip;
    if (!host_ip.empty()) s.host_ips = {{host_ip}};
    // The sandbox's address; a stopped sandbox's pod keeps reporting it.
    if (!rec.ip.empty() && (rec.sandbox_ready || terminal || !old.pod_ip.empty())) {
        s.pod_ip = rec.ip;
        s.pod_ips = {{rec.ip}};
    }
    const bool has_init = !api.spec->init_containers.empty();
    const std::string default_reason = has_init ? "PodInitializing" : "ContainerCreating";
    const std::string policy = api.spec->restart_policy.empty() ? "Always" : api.spec->restart_policy;

    std::map<std::string, k8s::ContainerStatus> regular;
    for (auto& slot : rec.slots) {
        const k8s::ContainerStatus* prev = nullptr;
        for (const auto& cs : slot.init ? old.init_container_statuses : old.container_statuses)
            if (cs.name == slot.spec->name) prev = &cs;
        k8s::ContainerStatus cs;
        cs.name = slot.spec->name;
        cs.image = slot.spec->image;
        if (!slot.mount_statuses_built) {
            slot.mount_statuses = VolumeMountStatuses(*slot.spec);
            slot.mount_statuses_built = true;
        }
        cs.volume_mounts = slot.mount_statuses;
        cs.started = false;
        Instance* inst = slot.Latest();
        if (!inst) {
            cs.state.waiting = k8s::ContainerStateWaiting{default_reason, ""};
            if (prev) {
                cs.restart_count = prev->restart_count;
                cs.last_state = prev->last_state;
            }
        } else {
            const std::string cid = "containerd://" + inst->id;
            cs.image = *inst->image_ref;
            cs.image_id = inst->image ? inst->image->RepoDigestRef() : "";
            cs.container_id = cid;
            cs.restart_count = inst->attempt;
            switch (inst->state) {
                case Instance::kRunning:
                    cs.state.running = k8s::ContainerStateRunning{k8s::Timestamp(inst->started)};
                    cs.ready = slot.ready;
                    cs.started = slot.started;
                    break;
                case Instance::kCreated: cs.state.waiting = k8s::ContainerStateWaiting{}; break;
                case Instance::kExited:
                    cs.state = TerminatedState(cid, inst->exit_code, inst->reason, inst->message, inst->started,
                                               inst->finished);
                    break;
            }
            // The previous instance's end is lastState.
            if (slot.instances.size() >= 2) {
                const Instance& before = slot.instances[slot.instances.size() - 2];
                if (before.state == Instance::kExited)
                    cs.last_state = TerminatedState("containerd://" + before.id, before.exit_code, before.reason,
                                                    before.message, before.started, before.finished);
            } else if (prev) {
                cs.last_state = prev->last_state;
            }
        }
        // A container the next sync will (re)start shows why it is waiting (the reason cache).
        bool will_start = !api.metadata.IsTerminating() && !terminal && !slot.waiting_reason.empty();
        if (will_start && inst && inst->state == Instance::kRunning) will_start = false;
        if (will_start && inst && inst->state == Instance::kExited) {
            const std::string p = slot.init && slot.spec->restart_policy ? *slot.spec->restart_policy : policy;
            if (p == "Never" || (p == "OnFailure" && inst->exit_code == 0)) will_start = false;
        }
        if (will_start) {
            if (cs.state.terminated) cs.last_state = cs.state;
            cs.state = k8s::ContainerState{};
            cs.state.waiting = k8s::ContainerStateWaiting{slot.waiting_reason, slot.waiting_message};
        }
        if (slot.init) {
            s.init_container_statuses.push_back(std::move(cs));
        } else {
            regular[slot.spec->name] = std::move(cs);
        }
    }
    for (auto& [name, cs] : regular) s.container_statuses.push_back(std::move(cs));

    // getPhase.
    int pending_init = 0, failed_init = 0;
    for (size_t i = 0; i < s.init_container_statuses.size(); ++i) {
        const auto& cs = s.init_container_statuses[i];
        const auto& spec = *rec.slots[i].spec;
        if (spec.restart_policy && *spec.restart_policy == "Always") {
            if (!cs.state.running || !cs.started.value_or(false)) ++pending_init;
            continue;
        }
        if (cs.state.running) ++pending_init;
        else if (cs.state.terminated) failed_init += cs.state.terminated->exit_code != 0;
        else if (cs.state.waiting && cs.last_state.terminated) failed_init += cs.last_state.terminated->exit_code != 0;
        else ++pending_init;
    }
    int unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0;
    bool any_started = false;
    for (const auto& cs : s.container_statuses) {
        any_started = any_started || cs.state.running || cs.state.terminated || cs.last_state.terminated;
        if (cs.state.running) ++running;
        else if (cs.state.terminated) {
            ++stopped;
            succeeded += cs.state.terminated->exit_code == 0;
        } else if (cs.state.waiting && cs.last_state.terminated) ++stopped;
        else if (cs.state.waiting) ++waiting;
        else ++unknown;
    }
    if (failed_init > 0 && policy == "Never") s.phase = "Failed";
    else if ((pending_init > 0 && !any_started) || waiting > 0) s.phase = "Pending";
    else if (running > 0 && unknown == 0) s.phase = "Running";
    else if (running == 0 && stopped > 0 && unknown == 0) {
        if (terminal) s.phase = stopped == succeeded ? "Succeeded" : "Failed";
        else if (policy == "Always") s.phase = "Running";
        else if (stopped == succeeded) s.phase = "Succeeded";
        else if (policy == "Never") s.phase = "Failed";
        else s.phase = "Running";
    } else {
        s.phase = "Pending";
    }
    // Terminal phases stick.
    const auto is_terminal = [](const std::string& p) { return p == "Succeeded" || p == "Failed"; };
    // A pod that ends before its containers ever ran (deleted while pending) is Failed.
    if (terminal && !is_terminal(s.phase)) s.phase = "Failed";
    if (!is_terminal(s.phase)) {
        if (is_terminal(old.phase)) s.phase = old.phase;
        else if (is_terminal(api.status.phase)) s.phase = api.status.phase;
    }
    if (rec.eviction && terminal) s.phase = rec.eviction->phase;
    if (s.phase == old.phase) {
        s.reason = old.reason.empty() ? api.status.reason : old.reason;
        s.message = old.message.empty() ? api.status.message : old.message;
    }
    if (rec.eviction && terminal) {
        s.reason = rec.eviction->reason;
        s.message = rec.eviction->message;
    }

    // Conditions: those others own first, then the kubelet's five.
    for (const auto& c : api.status.conditions)
        if (!IsKubeletCondition(c.type)) s.conditions.push_back(c);
    if (rec.eviction && terminal) {
        bool found = false;
        for (auto& c : s.conditions)
            if (c.type == "DisruptionTarget") found = true;
        if (!found) s.conditions.push_back(rec.eviction->conditions.front());
    }
    auto condition = [&](const std::string& type, bool ok, const std::string& reason, const std::string& message) {
        k8s::PodCondition c;
        c.type = type;
        c.status = ok ? "True" : "False";
        c.reason = reason;
        c.message = message;
        c.last_transition_time = k8s::Timestamp(now);
        const k8s::PodCondition* prev = old.FindCondition(type);
        if (!prev) prev = api.status.FindCondition(type);
        if (prev && prev->status == c.status) c.last_transition_time = prev->last_transition_time;
        s.conditions.push_back(std::move(c));
    };
    condition("PodReadyToStartContainers", rec.sandbox_ready, "", "");
    {
        std::vector<std::string> incomplete;
        for (size_t i = 0; i < s.init_container_statuses.size(); ++i) {
            const auto& cs = s.init_container_statuses[i];
            const bool sidecar = rec.slots[i].spec->restart_policy && *rec.slots[i].spec->restart_policy == "Always";
            const bool done = sidecar ? cs.started.value_or(false)
                                      : (cs.state.terminated && cs.state.terminated->exit_code == 0);
            if (!done) incomplete.push_back(cs.name);
        }
        if (s.phase == "Succeeded") condition("Initialized", true, "PodCompleted", "");
        else if (incomplete.empty() || any_started) condition("Initialized", true, "", "");
        else condition("Initialized", false, "ContainersNotInitialized",
                       "containers with incomplete status: [" + Join(incomplete, " ") + "]");
    }
    std::string cr_reason, cr_message;
    bool containers_ready = true;
    if (s.phase == "Succeeded" || s.phase == "Failed") {
        containers_ready = false;
        cr_reason = s.phase == "Succeeded" ? "PodCompleted" : "PodFailed";
    } else {
        std::vector<std::string> unready;
        for (const auto& c : api.spec->containers)
            for (const auto& cs : s.container_statuses)
                if (cs.name == c.name && !cs.ready) unready.push_back(c.name);
        if (!unready.empty()) {
            containers_ready = false;
            cr_reason = "ContainersNotReady";
            cr_message = "containers with unready status: [" + Join(unready, " ") + "]";
        }
    }
    // Readiness gates: conditions of the named types must be True.
    std::string gate_message;
    if (containers_ready) {
        std::vector<std::string> msgs;
        for (const auto& g : api.spec->readiness_gates.items()) {
            const std::string type = g.GetString("conditionType");
            const k8s::PodCondition* c = api.status.FindCondition(type);
            if (!c) msgs.push_back("corresponding condition of pod readiness gate " + Quoted(type) + " does not exist.");
            else if (c->status != "True")
                msgs.push_back("the status of pod readiness gate " + Quoted(type) + " is not \"True\", but " + c->status);
        }
        gate_message = Join(msgs, ", ");
    }
    if (!gate_message.empty()) condition("Ready", false, "ReadinessGatesNotReady", gate_message);
    else condition("Ready", containers_ready, cr_reason, cr_message);
    condition("ContainersReady", containers_ready, cr_reason, cr_message);
    condition("PodScheduled", true, "", "");
    s.start_time = old.start_time ? old.start_time : api.status.start_time;
    if (!s.start_time) s.start_time = k8s::Timestamp(now);
    return s;
}

void Kubelet::WriteStatus(Pod& rec, k8s::PodStatus status) {
    // Probe workers find a container through the status manager: only once a status showing
    // it running has been generated can they probe it.
    for (auto& slot : rec.slots) {
        const Instance* inst = slot.Latest();
        if (!inst || inst->state != Instance::kRunning) continue;
        bool shown = false;
        for (const auto& cs : slot.init ? status.init_container_statuses : status.container_statuses)
            shown = shown || (cs.name == slot.spec->name && cs.container_id == "containerd://" + inst->id);
        if (!shown) continue;
        for (auto& p : slot.probes)
            if (p && p->instance_id == inst->id && p->visible == 0) {
                p->visible = ctx_.Now();
                p->accounted = std::max(p->accounted, ctx_.Now() - 1);
                Reschedule(rec, slot, *p);
            }
    }
    auto keep_own = [&] { rec.cached = std::make_shared<const k8s::PodStatus>(std::move(status)); };
    if (!rec.api || rec.deleted_from_api) return keep_own();
    auto current = ctx_.api.pods().Get(rec.ns, rec.name);
    if (!current || current->metadata.uid != rec.uid) return keep_own();
    if (current->status == status) {
        rec.cached = std::shared_ptr<const k8s::PodStatus>(current, &current->status);
        return;
    }
    // The status manager patches the status alone: the status subresource keeps nothing else of
    // what it is sent, so the rest of the pod is not copied to be thrown away.
    k8s::Pod updated;
    updated.metadata.namespace_ = current->metadata.namespace_;
    updated.metadata.name = current->metadata.name;
    updated.metadata.uid = current->metadata.uid;
    updated.status = status;
    auto result = ctx_.api.pods().UpdateStatus(std::move(updated));
    if (!result.ok()) return keep_own();
    rec.api = result.value;
    // A new snapshot holds the status as sent; a write that removed the pod (its deletion had
    // completed) answers with the last snapshot instead.
    if (result.value != current) rec.cached = std::shared_ptr<const k8s::PodStatus>(result.value, &result.value->status);
    else keep_own();
}

// The status manager's SetContainerReadiness / SetContainerStartup: only the ready and started
// flags and the two readiness conditions change; the rest is what was last written.
void Kubelet::PatchReadiness(Pod& rec) {
    if (!rec.cached || !rec.api) return;
    k8s::PodStatus s = *rec.cached;
    for (auto& cs : s.container_statuses) {
        for (auto& slot : rec.slots) {
            if (slot.init || slot.spec->name != cs.name) continue;
            const Instance* inst = slot.Latest();
            if (!cs.state.running || !inst || cs.container_id != "containerd://" + inst->id) continue;
            cs.ready = slot.ready;
            cs.started = slot.started;
        }
    }
    std::vector<std::string> unready;
    for (const auto& c : rec.api->spec->containers)
        for (const auto& cs : s.container_statuses)
            if (cs.name == c.name && !cs.ready) unready.push_back(c.name);
    const bool terminal = s.phase == "Succeeded" || s.phase == "Failed";
    for (auto& c : s.conditions) {
        if (c.type != "Ready" && c.type != "ContainersReady") continue;
        if (terminal) continue;
        const std::string status = unready.empty() ? "True" : "False";
        if (c.status != status) c.last_transition_time = k8s::Timestamp(ctx_.Now());
        c.status = status;
        c.reason = unready.empty() ? "" : "ContainersNotReady";
        c.message = unready.empty() ? "" : "containers with unready status: [" + Join(unready, " ") + "]";
    }
    WriteStatus(rec, std::move(s));
}

void Kubelet::RecordPod(Pod& rec, std::string_view type, std::string_view reason, std::string message) {
    if (!rec.api) return;
    ctx_.recorder.Record(engine::EventRecorder::RefTo(*rec.api), type, reason, std::move(message), {"kubelet", node_});
}

void Kubelet::RecordContainer(Pod& rec, Slot& slot, std::string_view type, std::string_view reason,
                              std::string message) {
    if (!rec.api) return;
    ctx_.recorder.Record(engine::EventRecorder::RefTo(*rec.api, *slot.field_path), type, reason, std::move(message),
                         {"kubelet", node_});
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Runtime views and logs

std::optional<RunningPod> Kubelet::FindPod(const std::string& ns, const std::string& name) const {
    const Pod* rec = Lookup(ns, name);
    if (!rec) return std::nullopt;
    RunningPod view;
    view.ns = rec->ns;
    view.name = rec->name;
    view.uid = rec->uid;
    view.node = node_;
    view.ip = rec->sandbox_ready ? rec->ip : "";
    view.host_network = rec->built && rec->spec->host_network;
    for (const auto& slot : rec->slots) {
        RuntimeContainer c;
        c.name = slot.spec->name;
        c.init = slot.init;
        if (const Instance* inst = slot.Latest()) {
            c.container_id = "containerd://" + inst->id;
            c.running = inst->state == Instance::kRunning;
            c.image = *inst->image_ref;
            c.restart_count = inst->attempt;
        }
        view.containers.push_back(std::move(c));
    }
    return view;
}

LogResult Kubelet::Logs(const std::string& ns, const std::string& name, const std::string& container,
                        bool previous) const {
    LogResult out;
    const Pod* rec = Lookup(ns, name);
    if (!rec) {
        out.error = "pods " + Quoted(name) + " not found";
        return out;
    }
    const Slot* slot = nullptr;
    std::vector<std::string> names;
    for (const auto& s : rec->slots) {
        if (!s.init) names.push_back(s.spec->name);
        if (!container.empty() && s.spec->name == container) slot = &s;
    }
    if (container.empty()) {
        if (names.size() != 1) {
            out.error = "a container name must be specified for pod " + name + ", choose one of: [" + Join(names, " ") + "]";
            return out;
        }
        for (const auto& s : rec->slots)
            if (!s.init) slot = &s;
    }
    if (!slot) {
        out.error = "container " + container + " is not valid for pod " + name;
        return out;
    }
    const std::string cname = slot->spec->name;
    const Instance* latest = slot->Latest();
    const bool waiting_restart = latest && latest->state == Instance::kExited && !slot->waiting_reason.empty();
    const Instance* target = nullptr;
    if (previous) {
        if (latest && waiting_restart) target = latest;
        else if (slot->instances.size() >= 2) target = &slot->instances[slot->instances.size() - 2];
        if (!target || target->state != Instance::kExited) {
            out.error = "previous terminated container " + Quoted(cname) + " in pod " + Quoted(name) + " not found";
            return out;
        }
    } else if (latest && latest->state != Instance::kCreated) {
        target = latest;
    } else {
        std::string reason = slot->waiting_reason.empty() ? (rec->slots.front().init ? "PodInitializing" : "ContainerCreating")
                                                          : slot->waiting_reason;
        if (reason == "ErrImagePull") reason = "image can't be pulled";
        else if (reason == "ImagePullBackOff") reason = "trying and failing to pull image";
        out.error = "container " + Quoted(cname) + " in pod " + Quoted(name) + " is waiting to start: " + reason;
        return out;
    }
    out.ok = true;
    if (target->startup_logged && target->image) {
        const Time at = target->startup_log_at;
        for (auto& line : registry_->StartupLog(*target->image, *target->behavior, at, target->startup_log_cpus))
            if (at + Millis(5) <= ctx_.Now()) out.lines.push_back({at + Millis(5), std::move(line)});
    }
    for (const auto& line : target->logs)
        if (line.at <= ctx_.Now()) out.lines.push_back(line);
    return out;
}

}  // namespace sts::cluster
