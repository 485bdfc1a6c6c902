// Runs a scenario script (tests/scenarios/scripts/<name>.sh) through a fresh session, line by
// line, and checks the expectation comments written under its commands:
//
//   #expect TEXT            some line of the preceding command's output contains TEXT
//   #expect-not TEXT        no line of that output contains TEXT
//   #expect-count N TEXT    exactly N lines contain TEXT
//   #expect-order A | B     a line containing A, then a later line containing B, ...
//   #expect-first-order A | B   the first line containing A comes before the first containing B
//
// Matching ignores how much white space separates words (kubectl pads table columns), so
// `#expect web-2 0/1 ImagePullBackOff` matches "web-2   0/1     ImagePullBackOff   0   2m".
// TEXT may start with ^ (the line starts with it) and end with $ (the line ends with it); a lone
// * stands for any run of words (`#expect ^web-0 1/1 Running * kind-worker2$`).
// The comments are fed to the session like any other line, so they are copied into the
// transcript (and its golden copy) right under the output they describe.
#pragma once

#include <string>
#include <vector>

#include "transcript_util.h"

namespace sts::testing {

struct ScenarioRun {
    std::string transcript;            // byte-identical to `sts-playground script <file>`
    std::vector<std::string> failures;  // one per unmet expectation, with its line number
    int expectations = 0;
};

namespace scenario_detail {

// Runs of spaces and tabs become one space; leading and trailing ones go.
inline std::string Squeeze(std::string_view s) {
    std::string out;
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\t') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += c;
    }
    return out;
}

inline bool LineMatches(const std::string& line, std::string pattern) {
    bool at_start = false, at_end = false;
    if (!pattern.empty() && pattern.front() == '^') {
        at_start = true;
        pattern.erase(0, 1);
    }
    if (!pattern.empty() && pattern.back() == '$') {
        at_end = true;
        pattern.pop_back();
    }
    const std::string l = Squeeze(line);
    // The pieces between lone *s must appear in order.
    std::vector<std::string> pieces;
    std::string rest = " ";
    rest += Squeeze(pattern);
    rest += ' ';
    for (size_t from = 0;;) {
        const size_t star = rest.find(" * ", from);
        pieces.push_back(Squeeze(std::string_view(rest).substr(from, star == std::string::npos ? star : star - from)));
        if (star == std::string::npos) break;
        from = star + 2;
    }
    size_t pos = 0;
    for (size_t i = 0; i < pieces.size(); ++i) {
        const std::string& p = pieces[i];
        const bool last = i + 1 == pieces.size();
        size_t found;
        if (i == 0 && at_start) found = l.rfind(p, 0) == 0 ? 0 : std::string::npos;
        else if (last && at_end) {
            found = l.size() >= p.size() + pos ? l.size() - p.size() : std::string::npos;
            if (found != std::string::npos && l.compare(found, p.size(), p) != 0) found = std::string::npos;
        } else found = l.find(p, pos);
        if (found == std::string::npos) return false;
        pos = found + p.size();
    }
    return true;
}

inline int FirstMatch(const std::vector<std::string>& lines, const std::string& pattern) {
    for (size_t i = 0; i < lines.size(); ++i)
        if (LineMatches(lines[i], pattern)) return static_cast<int>(i);
    return -1;
}

// Checks one directive against the output lines; returns "" when it holds.
inline std::string Check(const std::string& directive, const std::vector<std::string>& out) {
    const size_t space = directive.find(' ');
    const std::string kind = directive.substr(0, space);
    const std::string arg = space == std::string::npos ? "" : Trim(directive.substr(space + 1));
    if (arg.empty()) return "empty expectation";
    if (kind == "#expect") return FirstMatch(out, arg) >= 0 ? "" : "no output line contains it";
    if (kind == "#expect-not") {
        const int i = FirstMatch(out, arg);
        return i < 0 ? "" : "output line " + std::to_string(i + 1) + " contains it: " + out[i];
    }
    if (kind == "#expect-count") {
        const size_t sp = arg.find(' ');
        int64_t want = -1;
        if (sp == std::string::npos || !ParseInt64(arg.substr(0, sp), &want)) return "malformed #expect-count";
        const std::string pattern = Trim(arg.substr(sp + 1));
        int64_t n = 0;
        for (const auto& l : out) n += LineMatches(l, pattern) ? 1 : 0;
        return n == want ? "" : std::to_string(n) + " lines contain it";
    }
    if (kind == "#expect-order" || kind == "#expect-first-order") {
        const bool first_only = kind == "#expect-first-order";
        int previous = -1;
        std::string previous_item;
        for (const std::string& piece : Split(arg, '|')) {
            const std::string item = Trim(piece);
            int i = -1;
            for (size_t j = first_only ? 0 : static_cast<size_t>(previous + 1); j < out.size() && i < 0; ++j)
                if (LineMatches(out[j], item)) i = static_cast<int>(j);
            if (i < 0)
                return previous < 0 || first_only
                           ? "no output line contains \"" + item + "\""
                           : "no line after \"" + previous_item + "\" (line " + std::to_string(previous + 1) +
                                 ") contains \"" + item + "\"";
            if (i <= previous)
                return "\"" + item + "\" first appears on output line " + std::to_string(i + 1) + ", not after \"" +
                       previous_item + "\" (line " + std::to_string(previous + 1) + ")";
            previous = i;
            previous_item = item;
        }
        return "";
    }
    return "unknown directive " + kind;
}

}  // namespace scenario_detail

inline bool IsExpectation(std::string_view line) { return TrimView(line).rfind("#expect", 0) == 0; }

// Feeds the script exactly as Session::RunScript does (so the transcript is the same bytes),
// keeping the output of the latest command for the expectation comments that follow it.
inline ScenarioRun RunScenario(const std::string& script_text, uint64_t seed = 1) {
    host::SessionOptions options;
    options.seed = seed;
    options.transcript = true;
    host::Session session(options);
    ScenarioRun run;
    std::vector<std::string> last_output;  // output lines of the latest command
    int line_number = 0;
    for (const std::string& line : SplitLines(script_text)) {
        ++line_number;
        const std::string_view trimmed = TrimView(line);
        const bool continuation = session.console().Prompt() == "> ";
        session.Input(line);
        std::string chunk = session.TakeOutput();
        run.transcript += chunk;
        if (!continuation && (trimmed.empty() || trimmed[0] == '#')) {
            if (IsExpectation(line)) {
                ++run.expectations;
                const std::string problem = scenario_detail::Check(std::string(trimmed), last_output);
                if (!problem.empty()) {
                    std::string shown;
                    for (const auto& l : last_output) shown += "\n    | " + l;
                    run.failures.push_back("line " + std::to_string(line_number) + ": " + std::string(trimmed) +
                                           "\n  " + problem + "; the command printed:" + shown);
                }
            }
            continue;
        }
        // The chunk starts with the echoed line; what follows is the command's output.
        std::vector<std::string> lines = SplitLines(chunk);
        if (!lines.empty()) lines.erase(lines.begin());
        if (!continuation) last_output.clear();
        last_output.insert(last_output.end(), lines.begin(), lines.end());
    }
    session.Finish();
    run.transcript += session.TakeOutput();
    return run;
}

}  // namespace sts::testing
