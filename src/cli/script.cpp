// `sts-playground script [--seed N] FILE|-`: runs a session script against a fresh default
// cluster and prints the transcript: each command echoed as "$ <command>" (continuation lines
// "> ...", pod-shell lines "/ # ..."), then its output. Blocking commands (watches, rollout
// status, sleep) run in simulated time, so the script finishes in a moment.
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

#include "cli/commands.h"
#include "core/strings.h"
#include "host/session.h"

int RunScriptCommand(int argc, char** argv) {
    uint64_t seed = 1;
    std::string path;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--seed" && i + 1 < argc) {
            int64_t v = 0;
            if (!sts::ParseInt64(argv[++i], &v) || v < 0) {
                std::fprintf(stderr, "script: --seed needs a non-negative integer\n");
                return 2;
            }
            seed = static_cast<uint64_t>(v);
        } else if (arg.rfind("--seed=", 0) == 0) {
            int64_t v = 0;
            if (!sts::ParseInt64(arg.substr(7), &v) || v < 0) {
                std::fprintf(stderr, "script: --seed needs a non-negative integer\n");
                return 2;
            }
            seed = static_cast<uint64_t>(v);
        } else if (arg == "--help" || arg == "-h") {
            std::printf("usage: sts-playground script [--seed N] FILE|-\n\n"
                        "Runs FILE (or standard input) as a console session against a fresh simulated cluster\n"
                        "and prints the transcript. `sleep 30s` advances simulated time.\n");
            return 0;
        } else if (path.empty()) {
            path = arg;
        } else {
            std::fprintf(stderr, "script: unexpected argument %s\n", arg.c_str());
            return 2;
        }
    }
    if (path.empty()) {
        std::fprintf(stderr, "usage: sts-playground script [--seed N] FILE|-\n");
        return 2;
    }
    std::string text;
    if (path == "-") {
        text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::FILE* f = std::fopen(path.c_str(), "rb");
        if (!f) {
            std::fprintf(stderr, "script: cannot read %s: %s\n", path.c_str(), std::strerror(errno));
            return 2;
        }
        char buf[65536];
        size_t n;
        while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
        std::fclose(f);
    }
    sts::host::SessionOptions options;
    options.seed = seed;
    options.transcript = true;
    sts::host::Session session(options);
    // Files named in the script are looked up beside it first.
    if (path != "-") {
        const size_t slash = path.rfind('/');
        session.files().AddDiskRoot(slash == std::string::npos ? "." : path.substr(0, slash));
    }
    session.files().AddDiskRoot(".");
    // Print as we go, so a long script shows progress.
    for (const std::string& line : sts::SplitLines(text)) {
        session.Input(line);
        std::fputs(session.TakeOutput().c_str(), stdout);
    }
    session.Finish();
    std::fputs(session.TakeOutput().c_str(), stdout);
    std::fflush(stdout);
    return 0;
}
