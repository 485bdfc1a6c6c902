// Builtins every persona has: : true false echo printf export unset cd pwd test [ shift set read.
#pragma once

#include "shell/shell.h"

namespace sts::shell {

// Runs argv[0] if it is a builtin; returns false when it is not one.
bool RunBuiltin(Invocation& inv, Outcome* outcome);

// Interprets backslash escapes as `echo -e` / `printf` do. Returns false when \c asked to stop.
bool ExpandEscapes(std::string_view in, std::string* out);

// printf(1): FORMAT reused until the arguments run out.
std::string FormatPrintf(std::string_view format, const std::vector<std::string>& args, std::string* error);

}  // namespace sts::shell
