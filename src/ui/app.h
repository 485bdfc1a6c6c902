// The playground's front-end state: one host::Session (simulated cluster + console, interactive
// mode) and everything around it that is not the engine's business: the timeline (inputs with
// their simulated times, markers), speed and pause, console scrollback, the requests of the page
// bridge, announcements for screen readers, and the panels' state.
//
// The App never changes the simulation except by what a user could type: console lines, Ctrl-C,
// files written into the console's file system, and advancing time. That keeps rewind honest: a
// rewind is a replay of those inputs into a fresh session up to the target time.
//
// Time: the platform calls Tick(wall_ms) every frame with the wall time since the last frame
// (clamped by the platform). Simulated time advances by wall × speed on a 20 ms grid
// (kTimeGrid): inputs are fed at grid times, and while a console command runs time advances one
// grid step at a time, so a replay sees the command notice each change at the same moment.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "host/session.h"
#include "ui/console_log.h"
#include "ui/timeline.h"
#include "ui/ui_state.h"

namespace sts::ui {

struct AppOptions {
    uint64_t seed = 1;
    // Apply the tutorial's manifest at the start (the page's first load).
    bool apply_tutorial = true;
    double speed = 4.0;
};

// The speeds the timeline offers.
inline constexpr double kSpeeds[] = {0.25, 0.5, 1, 2, 4, 8, 16, 32, 64};
inline constexpr double kMinSpeed = 0.25;
inline constexpr double kMaxSpeed = 64;

class App {
public:
    explicit App(AppOptions options = {});
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // ---- Frame ---------------------------------------------------------------------------------
    // Advances simulated time by wall_ms × speed (unless paused) and runs due inputs.
    void Tick(double wall_ms);
    // Wall-clock seconds accumulated from Tick (animations only; never the simulation).
    double visual_time() const { return visual_time_; }

    // ---- Console -------------------------------------------------------------------------------
    // A line the user typed: echoed, recorded and run now, or when the running command ends.
    void SubmitLine(const std::string& line);
    // Ctrl-C: interrupts the running command (or drops a half-typed multi-line command).
    void Interrupt();
    // Like SubmitLine, for the page bridge: returns a request id whose output is reported by
    // TakeCompleted() once the command has ended.
    int Exec(const std::string& line);
    struct Completed {
        int id = 0;
        std::string output;
    };
    std::vector<Completed> TakeCompleted();
    // The output of a finished request (the latest few are kept), or nullptr while it runs.
    const std::string* RequestOutput(int id) const;
    bool ConsoleBusy() const;
    std::string Prompt() const;
    std::vector<std::string> Complete(const std::string& line, size_t cursor) const;
    ConsoleLog& log() { return log_; }

    // Writes a file into the console's file system (recorded on the timeline, like a line).
    void WriteFile(const std::string& path, const std::string& content);
    // Writes the editor's text as `file` and runs `kubectl apply -f file`; returns the request.
    int ApplyManifest(const std::string& file, const std::string& yaml);

    // ---- Time ----------------------------------------------------------------------------------
    Time Now() const;
    Time Start() const { return start_; }
    // The latest time this session has reached (the end of the timeline track).
    Time Horizon() const;
    double speed() const { return speed_; }
    void SetSpeed(double speed);
    bool paused() const { return paused_; }
    void Pause() { paused_ = true; }
    void Play() { paused_ = false; }
    // Runs to the next scheduled event (on the grid), even when paused.
    void StepToNextEvent();
    // Runs time forward by d now (the page bridge's advance()).
    void AdvanceBy(Duration d);
    // Runs until nothing more is scheduled, or `limit` passed; true when the cluster went quiet.
    bool Settle(Duration limit = Minutes(10));
    // Goes to time t: back by replaying the timeline into a fresh session, forward by running.
    void SeekTo(Time t);
    // Fractional simulated time not yet run (smooth clocks between grid steps), ms.
    double pending_ms() const { return pending_ms_; }

    // ---- Reading the cluster -------------------------------------------------------------------
    host::Session& session() { return *session_; }
    engine::Simulation& sim() { return session_->sim(); }
    const Timeline& timeline() const { return timeline_; }
    uint64_t StateHash() const;
    // Every stored object as Kubernetes JSON, keyed by kind: {"Pod":[...],"StatefulSet":[...]}.
    std::string StateJson();
    // Simulator controls this engine offers (`sim help`): "readiness", "crash", "node", ...
    bool HasSimCommand(const std::string& name) const;
    // Bumps whenever the session is replaced (rewind): views drop cached per-object state.
    int generation() const { return generation_; }

    // ---- Announcements (the page's aria-live region) -------------------------------------------
    std::vector<std::string> TakeAnnouncements();

    UiState& ui() { return ui_; }

private:
    void NewSession();
    void ObserveSession();
    // Runs simulated time to `target` (a grid time), applying future entries on the way.
    void AdvanceTo(Time target);
    // Applies timeline entries due now; feeds queued lines if the console is free.
    void ApplyDue();
    void Pump();
    void Feed(const std::string& line, int request);
    void RecordAndApply(TimelineEntry entry);
    void Apply(const TimelineEntry& entry);
    void Announce(std::string text);

    AppOptions options_;
    std::unique_ptr<host::Session> session_;
    Timeline timeline_;
    ConsoleLog log_;
    UiState ui_;
    Time start_ = 0;
    Time horizon_ = 0;
    double speed_ = 4;
    bool paused_ = false;
    double pending_ms_ = 0;
    double visual_time_ = 0;
    bool replaying_ = false;
    int generation_ = 0;

    struct Queued {
        std::string line;
        int request = 0;
    };
    std::deque<Queued> queue_;      // lines waiting for the console to be free
    int active_request_ = 0;        // the request whose command is running
    std::string active_output_;
    int next_request_ = 1;
    std::vector<Completed> completed_;
    std::map<int, std::string> outputs_;
    std::vector<std::string> announcements_;
    std::vector<std::string> sim_commands_;
};

}  // namespace sts::ui
