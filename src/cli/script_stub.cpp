// Placeholder for `sts-playground script`, to be replaced by the engine team. Weak, so a real
// RunScriptCommand() linked into the executable wins without touching this file.
#include <cstdio>

#include "cli/commands.h"

__attribute__((weak)) int RunScriptCommand(int /*argc*/, char** /*argv*/) {
    std::fprintf(stderr, "script: not built yet\n");
    return 2;
}
