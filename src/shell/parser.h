// Parses sh text into the AST of ast.h. The parser also tells an incomplete command (open quote,
// heredoc without its end line, `for` without `done`, trailing `|` or `&&`, trailing backslash)
// from a wrong one, so an interactive host can keep reading lines with the PS2 prompt.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "shell/ast.h"
#include "shell/persona.h"

namespace sts::shell {

struct ParseOptions {
    size_t max_input = 4u << 20;  // bytes; longer input is refused (kTooLong)
    int max_depth = 64;           // nesting of compound commands and substitutions
};

struct ParseResult {
    enum class Status { kOk, kIncomplete, kError };
    Status status = Status::kOk;
    std::shared_ptr<Program> program;
    // kError: the error. kIncomplete: the error to report if no more input comes.
    SyntaxError error;
};

ParseResult Parse(std::string_view text, const ParseOptions& options = {});

// True for names valid as shell variables: [A-Za-z_][A-Za-z0-9_]*.
bool IsShellName(std::string_view s);

}  // namespace sts::shell
