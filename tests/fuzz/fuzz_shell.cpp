// Fuzz target: the console (src/shell's bash, src/kubectl) over a fresh default cluster, driven
// as `sts-playground script` drives it (src/host's Session, script mode): the input is a script,
// fed line by line, each blocking command run to completion in simulated time.
//
// Bounds, so that one input never runs for seconds: the input is capped (kMaxInputBytes), a
// line's blocking command is stopped after kLineLimit of simulated time (a watch, `sleep 1d`,
// `rollout status` on a rollout that never ends), watches and waits end sooner than in a real
// script, and a runaway loop is stopped after kMaxSteps commands. The work simulated time brings
// is bounded too: a blocking command is stopped (as by Ctrl-C) before the next step of simulated
// time once the input has used kInputLimit of it or kEventLimit events, or once the cluster asks
// for more than kMaxPods pods (`--replicas=100000` is a legitimate request that takes the
// simulation seconds, not a bug), and the remaining lines are dropped. Pods only appear while
// time runs, so checking between steps is enough.
//
// Properties checked on every complete command line, besides "no crash, no sanitizer report":
//   - a simple kubectl command line (no pipes, lists, redirections or command substitutions)
//     that fails prints something, unless it is one whose status is its payload's (exec, run,
//     diff, ...);
//   - such a command that fails without simulated time passing, and without reporting any
//     object as changed ("pod/x created", "pod \"x\" deleted", ...), leaves the cluster state
//     unchanged (its resourceVersion, hence its state hash): a rejected apply, patch, scale,
//     label... changes nothing.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/strings.h"
#include "fuzz_check.h"
#include "engine/scheduler.h"
#include "host/session.h"

namespace sts::fuzz {
namespace {

constexpr Duration kLineLimit = Minutes(2);
constexpr Duration kInputLimit = Minutes(10);
constexpr uint64_t kEventLimit = 2000;
constexpr int64_t kMaxPods = 60;
constexpr uint64_t kMaxSteps = 5000;

// Pods that exist or that StatefulSets ask for.
int64_t WantedPods(engine::Simulation& sim) {
    int64_t n = static_cast<int64_t>(sim.api().pods().Size());
    sim.api().statefulsets().ForEach("", [&](const auto& set) { n += set->spec.replicas.value_or(1); });
    return n;
}

// The kubectl subcommand of a line that is one simple kubectl command whose only effects are
// kubectl's own; "" otherwise. Quotes are allowed (patches are quoted JSON); anything that can
// run a second command or send output elsewhere is not.
std::string SimpleKubectlVerb(std::string_view line) {
    std::string_view t = TrimView(line);
    if (t.rfind("kubectl ", 0) != 0) return "";
    char quote = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        const char c = t[i];
        if (quote == '\'') {
            if (c == '\'') quote = 0;
            continue;
        }
        if (c == '`' || c == '\\') return "";
        if (c == '$' && i + 1 < t.size() && (t[i + 1] == '(' || t[i + 1] == '{')) return "";
        if (quote == '"') {
            if (c == '"') quote = 0;
            continue;
        }
        if (c == '\'' || c == '"') quote = c;
        else if (std::string_view(";&|<>(){}#\n").find(c) != std::string_view::npos) return "";
    }
    if (quote) return "";
    // The first word after "kubectl" that is not a flag (global flags may come first).
    std::vector<std::string> words = SplitNonEmpty(std::string(t.substr(8)), ' ');
    for (const std::string& w : words)
        if (!w.empty() && w[0] != '-') return w;
    return "";
}

// A line of kubectl output that reports an object it changed: `statefulset.apps/web scaled`,
// `pod "web-0" deleted`, `service/nginx created (dry run)` (dry runs change nothing, but saying
// so is harmless here).
bool ReportsAChange(std::string_view output) {
    for (const std::string& raw : SplitLines(output)) {
        std::string_view l = TrimView(raw);
        if (l.empty() || l.rfind("error", 0) == 0 || l.rfind("Error", 0) == 0 || l.rfind("Warning", 0) == 0)
            continue;
        if (l.size() > 2 && l.back() == ')') {
            const size_t open = l.rfind(" (");
            if (open != std::string_view::npos) l = l.substr(0, open);
        }
        const size_t space = l.rfind(' ');
        const std::string_view last = space == std::string_view::npos ? l : l.substr(space + 1);
        if (last.size() > 2 && last.substr(last.size() - 2) == "ed") return true;
    }
    return false;
}

// Commands whose exit status may carry the payload's, with nothing printed.
bool StatusMayBeSilent(const std::string& verb) {
    static const std::set<std::string> kVerbs = {"exec", "run", "diff", "attach", "debug", "cp", "wait", "edit"};
    return kVerbs.count(verb) > 0;
}

}  // namespace
}  // namespace sts::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace sts;
    if (size > fuzz::kMaxInputBytes) return -1;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    host::SessionOptions options;
    options.seed = 1;
    options.drive_limit = fuzz::kLineLimit;
    options.console.watch_idle_end = Seconds(10);
    options.console.watch_max = Minutes(1);
    options.console.wait_limit = Minutes(1);
    options.console.max_steps = fuzz::kMaxSteps;
    engine::Simulation* simp = nullptr;
    Time start = 0;
    uint64_t start_events = 0;
    auto within_budget = [&] {
        engine::Simulation& s = *simp;
        return s.Now() - start <= fuzz::kInputLimit && s.scheduler().Dispatched() - start_events <= fuzz::kEventLimit &&
               fuzz::WantedPods(s) <= fuzz::kMaxPods;
    };
    options.keep_driving = within_budget;
    host::Session session(options);
    engine::Simulation& sim = session.sim();
    simp = &sim;
    start = sim.Now();
    start_events = sim.scheduler().Dispatched();
    // STS_FUZZ_TRACE=1: what each line cost (wall time, simulated time, events), to tell a slow
    // input's cause.
    static const bool trace = std::getenv("STS_FUZZ_TRACE") != nullptr;

    for (const std::string& line : SplitLines(text)) {
        if (!within_budget()) break;
        const bool at_prompt = session.console().Prompt() == "$ ";
        // Only a simple kubectl line at the prompt is checked, so only it needs the state hash.
        const std::string verb = at_prompt ? fuzz::SimpleKubectlVerb(line) : "";
        // Every create, update and delete takes a new resourceVersion (dry runs and no-op writes
        // do not), so an unchanged one means an unchanged state hash, at no cost per line (the
        // hash encodes every object).
        const uint64_t rv = sim.api().CurrentResourceVersion();
        const Time now = sim.Now();
        const uint64_t events = sim.scheduler().Dispatched();
        const auto wall = std::chrono::steady_clock::now();
        session.Input(line);
        const std::string out = session.TakeOutput();
        if (trace) {
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - wall);
            std::fprintf(stderr, "[%6lld ms wall, %7lld ms simulated, %6llu events] %.100s\n",
                         static_cast<long long>(ms.count()), static_cast<long long>(sim.Now() - now),
                         static_cast<unsigned long long>(sim.scheduler().Dispatched() - events), line.c_str());
        }
        if (verb.empty() || session.console().Prompt() != "$ " || session.console().Busy()) continue;
        const int status = session.console().last_status();
        if (status == 0) continue;
        if (!fuzz::StatusMayBeSilent(verb))
            FUZZ_CHECK(!TrimView(out).empty(), "`" + line + "` failed (" + std::to_string(status) +
                                                  ") without a message");
        if (sim.Now() != now || sim.scheduler().Dispatched() != events || fuzz::ReportsAChange(out)) continue;
        FUZZ_CHECK(sim.api().CurrentResourceVersion() == rv,
                   "`" + line + "` failed (" + std::to_string(status) + ") but changed the cluster state (resourceVersion " +
                       std::to_string(rv) + " -> " + std::to_string(sim.api().CurrentResourceVersion()) +
                       ", state hash now " + std::to_string(sim.StateHash()) + "); it printed:\n" + out);
    }
    session.Finish();
    session.TakeOutput();
    return 0;
}
