#include "host/session.h"

#include <algorithm>

#include "core/strings.h"

namespace sts::host {

Session::Session(SessionOptions options) : options_(options) {
    engine::SimulationOptions sim_options;
    sim_options.seed = options.seed;
    sim_options.max_objects_per_kind = options.max_objects_per_kind;
    sim_ = std::make_unique<engine::Simulation>(sim_options);
    cluster_ = std::make_unique<engine::SimulatedCluster>(*sim_);
    files_ = std::make_unique<ConsoleFileSystem>();
    sim_commands_ = std::make_unique<SimCommands>(*sim_);
    kubectl::ConsoleSettings settings = options.console;
    if (options.interactive) {
        settings.watch_idle_end = 0;
        settings.watch_max = 0;
        settings.wait_limit = 0;
    }
    console_ = std::make_unique<kubectl::Console>(cluster_.get(), files_.get(), sim_commands_.get(), settings);
    console_->set_transcript(options.transcript);
}

Session::~Session() = default;

void Session::DriveUntilIdle() {
    // A command that waits forever with no deadline is stopped after this much simulated time,
    // so a script always ends.
    const Time hard_stop = sim_->Now() + options_.drive_limit;
    while (console_->Busy()) {
        if (options_.keep_driving && !options_.keep_driving()) {
            console_->Interrupt();
            break;
        }
        std::optional<Time> wake = console_->WakeTime();
        std::optional<Time> next = sim_->NextEventTime();
        Time target;
        if (wake && next) target = std::min(*wake, *next);
        else if (wake) target = *wake;
        else if (next) target = *next;
        else {
            console_->Interrupt();
            break;
        }
        if (target > hard_stop) {
            sim_->RunUntil(hard_stop);
            console_->Interrupt();
            break;
        }
        sim_->RunUntil(target);
        console_->Poll();
    }
}

void Session::Input(std::string_view line) {
    console_->Input(line);
    if (!options_.interactive) DriveUntilIdle();
}

std::string Session::RunScript(std::string_view text) {
    std::string out;
    for (const std::string& line : SplitLines(text)) {
        Input(line);
        out += console_->TakeOutput();
    }
    Finish();
    out += console_->TakeOutput();
    return out;
}

void Session::Finish() {
    console_->Finish();
    DriveUntilIdle();
}

void Session::Advance(Duration d) {
    const Time end = sim_->Now() + d;
    while (true) {
        std::optional<Time> wake = console_->Busy() ? console_->WakeTime() : std::nullopt;
        const Time step = wake && *wake < end ? std::max(*wake, sim_->Now()) : end;
        sim_->RunUntil(step);
        console_->Poll();
        if (step >= end) break;
    }
}

}  // namespace sts::host
