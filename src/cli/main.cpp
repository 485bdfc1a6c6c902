// sts-playground: the native command-line tool of StatefulSet Playground.
//   sts-playground serve [--host H] [--port N] [--web DIR]   serve the browser playground
//   sts-playground script ...                                run a script against the engine
#include <cstdio>
#include <cstring>
#include <string_view>

#include "cli/commands.h"

namespace {

struct Command {
    const char* name;
    int (*run)(int argc, char** argv);
    const char* help;
};

// ---- Subcommand dispatch table -----------------------------------------------------------------
// Add new subcommands (e.g. `bench`) here, and declare their Run*Command in commands.h.
constexpr Command kCommands[] = {
    {"serve", RunServeCommand, "serve the browser playground over HTTP"},
    {"script", RunScriptCommand, "run a kubectl script against the simulated cluster"},
    {"bench", RunBenchCommand, "run the benchmark scenarios (native and wasm) and write results.json"},
};

void PrintUsage(std::FILE* out) {
    std::fprintf(out, "usage: sts-playground <command> [options]\n\ncommands:\n");
    for (const Command& c : kCommands) std::fprintf(out, "  %-8s %s\n", c.name, c.help);
    std::fprintf(out, "\nRun 'sts-playground <command> --help' for the options of a command.\n");
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        PrintUsage(stderr);
        return 2;
    }
    const std::string_view name = argv[1];
    if (name == "-h" || name == "--help" || name == "help") {
        PrintUsage(stdout);
        return 0;
    }
    for (const Command& c : kCommands) {
        if (name == c.name) return c.run(argc - 1, argv + 1);
    }
    std::fprintf(stderr, "sts-playground: unknown command '%s'\n\n", argv[1]);
    PrintUsage(stderr);
    return 2;
}
