// The App: session, timeline, time control, console plumbing and bridge requests.
//
// Index of this file:
// [SECTION] Construction and observation
// [SECTION] Console
// [SECTION] Time
// [SECTION] Reading the cluster
#include "ui/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

#include "core/strings.h"
#include "host/sim_commands.h"
#include "ui/assets.h"

namespace sts::ui {

// ---------------------------------------------------------------------------------------------
// [SECTION] Construction and observation

namespace {

bool PodReady(const k8s::Pod& pod) {
    const k8s::PodCondition* c = pod.status.FindCondition("Ready");
    return c != nullptr && c->status == "True";
}

std::string Clock(Duration d) {
    const int64_t s = std::max<int64_t>(0, d / 1000);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    return buf;
}

}  // namespace

App::App(AppOptions options) : options_(options), speed_(options.speed) {
    NewSession();
    start_ = Now();
    horizon_ = start_;
    // The simulator controls this engine has (fault buttons hide the others).
    host::SimCommands probe(sim());
    for (const std::string& line : SplitLines(probe.Run({"sim", "help"}).out)) {
        const std::string t = Trim(line);
        if (t.rfind("sim ", 0) != 0) continue;
        const size_t end = t.find(' ', 4);
        sim_commands_.push_back(t.substr(4, end == std::string::npos ? std::string::npos : end - 4));
    }
    ui_.editor.text = AssetText("manifests/nginx-statefulset.yaml");
    ui_.editor.file = "nginx-statefulset.yaml";
    ui_.editor.loaded = true;
    if (options.apply_tutorial) SubmitLine("kubectl apply -f nginx-statefulset.yaml");
}

App::~App() = default;

void App::NewSession() {
    host::SessionOptions so;
    so.seed = options_.seed;
    so.interactive = true;
    session_ = std::make_unique<host::Session>(so);
    ++generation_;
    ObserveSession();
}

// Markers and announcements come from watch handlers that only record (they run inside API
// writes and must not write back).
void App::ObserveSession() {
    sim().api().pods().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_pod,
                                         const apiserver::Ptr<k8s::Pod>& pod) {
        const Time now = sim().Now();
        const k8s::Pod& p = pod ? *pod : *old_pod;
        const std::string& name = p.metadata.name;
        switch (type) {
            case apiserver::WatchType::kAdded:
                timeline_.AddMarker({now, Marker::Kind::kCreate, name, name + " created"});
                Announce(name + " created");
                break;
            case apiserver::WatchType::kModified: {
                const bool was = old_pod && PodReady(*old_pod);
                const bool is = PodReady(p);
                if (!was && is) {
                    timeline_.AddMarker({now, Marker::Kind::kReady, name, name + " is Running and Ready"});
                    Announce(name + " is Running and Ready");
                } else if (was && !is && !p.metadata.deletion_timestamp) {
                    timeline_.AddMarker({now, Marker::Kind::kNotReady, name, name + " is no longer Ready"});
                    Announce(name + " is no longer Ready");
                }
                if (old_pod && !old_pod->metadata.deletion_timestamp && p.metadata.deletion_timestamp) {
                    timeline_.AddMarker({now, Marker::Kind::kDelete, name, name + " is terminating"});
                    Announce(name + " is terminating");
                }
                break;
            }
            case apiserver::WatchType::kDeleted:
                if (!(old_pod && old_pod->metadata.deletion_timestamp)) {
                    timeline_.AddMarker({now, Marker::Kind::kDelete, name, name + " deleted"});
                }
                Announce(name + " is gone");
                break;
        }
    });
    sim().api().statefulsets().AddHandler([this](apiserver::WatchType type,
                                                 const apiserver::Ptr<k8s::StatefulSet>& old_set,
                                                 const apiserver::Ptr<k8s::StatefulSet>& set) {
        if (type != apiserver::WatchType::kModified || !old_set || !set) return;
        const Time now = sim().Now();
        const std::string object = "sts/" + set->metadata.name;
        if (!(old_set->spec.template_ == set->spec.template_)) {
            timeline_.AddMarker({now, Marker::Kind::kUpdate, object,
                                 "statefulset " + set->metadata.name + ": new pod template (rolling update)"});
            Announce("StatefulSet " + set->metadata.name + " has a new pod template: a rolling update starts");
        } else if (old_set->spec.replicas != set->spec.replicas) {
            const std::string n = std::to_string(set->spec.replicas.value_or(1));
            timeline_.AddMarker({now, Marker::Kind::kUpdate, object,
                                 "statefulset " + set->metadata.name + " scaled to " + n});
            Announce("StatefulSet " + set->metadata.name + " scaled to " + n + " replicas");
        }
    });
}

void App::Announce(std::string text) {
    if (replaying_) return;
    if (announcements_.size() > 64) announcements_.erase(announcements_.begin());
    announcements_.push_back(std::move(text));
}

std::vector<std::string> App::TakeAnnouncements() { return std::exchange(announcements_, {}); }

// ---------------------------------------------------------------------------------------------
// [SECTION] Console

void App::SubmitLine(const std::string& line) {
    queue_.push_back({line, 0});
    ApplyDue();
}

int App::Exec(const std::string& line) {
    const int id = next_request_++;
    queue_.push_back({line, id});
    ApplyDue();
    return id;
}

void App::Interrupt() {
    // As a terminal does on SIGINT, typed-ahead lines are dropped (page requests are kept).
    queue_.erase(std::remove_if(queue_.begin(), queue_.end(), [](const Queued& q) { return q.request == 0; }),
                 queue_.end());
    RecordAndApply({Now(), TimelineEntry::Kind::kInterrupt, {}, {}});
    ApplyDue();
}

void App::WriteFile(const std::string& path, const std::string& content) {
    RecordAndApply({Now(), TimelineEntry::Kind::kWriteFile, path, content});
}

int App::ApplyManifest(const std::string& file, const std::string& yaml) {
    WriteFile(file, yaml);
    return Exec("kubectl apply -f " + file);
}

std::vector<App::Completed> App::TakeCompleted() { return std::exchange(completed_, {}); }

const std::string* App::RequestOutput(int id) const {
    auto it = outputs_.find(id);
    return it == outputs_.end() ? nullptr : &it->second;
}

bool App::ConsoleBusy() const { return session_->console().Busy(); }

std::string App::Prompt() const { return session_->console().Prompt(); }

std::vector<std::string> App::Complete(const std::string& line, size_t cursor) const {
    return session_->console().Complete(line, cursor);
}

void App::RecordAndApply(TimelineEntry entry) {
    if (timeline_.HasFuture()) horizon_ = Now();  // the kept future is dropped: history diverges
    timeline_.Record(entry);
    Apply(entry);
}

void App::Apply(const TimelineEntry& entry) {
    switch (entry.kind) {
        case TimelineEntry::Kind::kLine:
            log_.AppendCommand(session_->console().Prompt(), entry.text);
            session_->Input(entry.text);
            break;
        case TimelineEntry::Kind::kInterrupt:
            session_->console().Interrupt();
            break;
        case TimelineEntry::Kind::kWriteFile:
            session_->files().WriteFile(entry.text, entry.content, false);
            break;
    }
    Pump();
}

void App::Feed(const std::string& line, int request) {
    if (request != 0) {
        active_request_ = request;
        active_output_.clear();
    }
    RecordAndApply({Now(), TimelineEntry::Kind::kLine, line, {}});
}

void App::Pump() {
    std::string out = session_->TakeOutput();
    if (!out.empty()) {
        log_.AppendOutput(out);
        if (active_request_ != 0) active_output_ += out;
    }
    if (active_request_ != 0 && !ConsoleBusy()) {
        outputs_[active_request_] = active_output_;
        if (outputs_.size() > 64) outputs_.erase(outputs_.begin());
        completed_.push_back({active_request_, std::move(active_output_)});
        if (completed_.size() > 256) completed_.erase(completed_.begin());  // nobody collects them
        active_request_ = 0;
        active_output_.clear();
    }
}

void App::ApplyDue() {
    Pump();
    while (const TimelineEntry* e = timeline_.NextEntry()) {
        if (e->at > Now()) break;
        const TimelineEntry entry = *e;
        timeline_.Advance();
        Apply(entry);
    }
    while (!queue_.empty() && !ConsoleBusy() && active_request_ == 0) {
        Queued q = std::move(queue_.front());
        queue_.pop_front();
        Feed(q.line, q.request);
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Time

Time App::Now() const { return session_->sim().Now(); }

Time App::Horizon() const {
    Time h = std::max(horizon_, Now());
    if (!timeline_.entries().empty()) h = std::max(h, timeline_.entries().back().at);
    return h;
}

void App::SetSpeed(double speed) { speed_ = std::clamp(speed, kMinSpeed, kMaxSpeed); }

void App::Tick(double wall_ms) {
    wall_ms = std::max(0.0, wall_ms);
    visual_time_ += wall_ms / 1000.0;
    if (!paused_) {
        pending_ms_ += wall_ms * speed_;
        const Duration whole = static_cast<Duration>(pending_ms_ / static_cast<double>(kTimeGrid)) * kTimeGrid;
        if (whole > 0) {
            pending_ms_ -= static_cast<double>(whole);
            AdvanceTo(Now() + whole);
        }
    }
    ApplyDue();
}

void App::AdvanceTo(Time target) {
    while (true) {
        ApplyDue();
        const Time now = Now();
        if (now >= target) break;
        Time next = target;
        if (const TimelineEntry* e = timeline_.NextEntry()) next = std::min(next, e->at);
        if (ConsoleBusy() || !queue_.empty()) next = std::min(next, now + kTimeGrid);
        if (next <= now) next = now + kTimeGrid;
        session_->Advance(next - now);
        Pump();
        horizon_ = std::max(horizon_, Now());
    }
}

void App::StepToNextEvent() {
    const std::optional<Time> next = sim().NextEventTime();
    if (!next) return;
    Time target = CeilToGrid(*next, start_);
    if (target <= Now()) target = Now() + kTimeGrid;
    AdvanceTo(target);
    pending_ms_ = 0;
}

void App::AdvanceBy(Duration d) {
    if (d <= 0) return;
    AdvanceTo(CeilToGrid(Now() + d, start_));
}

bool App::Settle(Duration limit) {
    const Time deadline = Now() + limit;
    if (!ConsoleBusy() && queue_.empty() && !timeline_.HasFuture()) {
        // Nothing to poll: let the engine run event by event.
        const bool quiet = sim().Settle(limit);
        const Time aligned = CeilToGrid(Now(), start_);
        if (aligned > Now()) session_->Advance(aligned - Now());
        Pump();
        horizon_ = std::max(horizon_, Now());
        return quiet;
    }
    while (true) {
        const std::optional<Time> next = sim().NextEventTime();
        if (!next) return true;
        if (*next > deadline) {
            AdvanceTo(CeilToGrid(deadline, start_));
            return false;
        }
        AdvanceTo(std::max(CeilToGrid(*next, start_), Now() + kTimeGrid));
    }
}

void App::SeekTo(Time t) {
    t = std::clamp(CeilToGrid(t, start_), start_, CeilToGrid(Horizon(), start_));
    pending_ms_ = 0;
    if (t >= Now()) {
        AdvanceTo(t);
        return;
    }
    // Back in time: a fresh session replays the recorded inputs up to t. Lines still waiting
    // for the console, and a running page request, end here.
    for (const Queued& q : queue_)
        if (q.request != 0) completed_.push_back({q.request, {}});
    queue_.clear();
    if (active_request_ != 0) completed_.push_back({active_request_, std::move(active_output_)});
    active_request_ = 0;
    active_output_.clear();

    horizon_ = Horizon();
    replaying_ = true;
    log_.Clear();
    timeline_.Rewind(t);
    NewSession();
    AdvanceTo(t);
    replaying_ = false;
    log_.AppendNotice("Rewound to " + Clock(t - start_) + " by replaying " + std::to_string(timeline_.next()) +
                      " recorded inputs; press play to replay the rest.");
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Reading the cluster

uint64_t App::StateHash() const { return session_->sim().StateHash(); }

std::string App::StateJson() {
    Value root = Value::MakeObject();
    for (const apiserver::KindStore* store : sim().api().AllStores()) {
        Value items = Value::MakeArray();
        for (Value& v : store->ListValues("")) items.Push(std::move(v));
        root.Set(store->info().kind, std::move(items));
    }
    return root.ToJson();
}

bool App::HasSimCommand(const std::string& name) const {
    return std::find(sim_commands_.begin(), sim_commands_.end(), name) != sim_commands_.end();
}

}  // namespace sts::ui
