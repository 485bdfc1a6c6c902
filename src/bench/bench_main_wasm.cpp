// The wasm side of `make bench`: runs the scenarios under node and prints one JSON object per
// line, which the native `sts-playground bench` collects into its table and results.json.
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/bench_scenarios.h"

int main(int argc, char** argv) {
    for (const auto& scenario : sts::bench::DefaultScenarios()) {
        if (argc > 1 && std::strcmp(argv[1], scenario.name.c_str()) != 0) continue;
        const auto result = sts::bench::Run(scenario);
        std::printf("%s\n", sts::bench::ToJson(result, "wasm").c_str());
        std::fflush(stdout);
    }
    return 0;
}
