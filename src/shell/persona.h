// Which shell the user is talking to, and how that shell words its errors. The console speaks
// bash; busybox images speak ash (busybox 1.28); Debian-based images (nginx) speak dash.
#pragma once

#include <string>
#include <string_view>

namespace sts::shell {

enum class Persona { kBash, kBusyboxAsh, kDash };

// A syntax error as the parser found it, before a persona words it.
struct SyntaxError {
    enum class Kind {
        kNone,
        kUnexpectedToken,    // token: "done", "newline", ")" ...
        kUnexpectedEof,      // expecting: "done", "fi", "}" ... (may be empty)
        kUnterminatedQuote,  // quote: '\'' or '"' or '`'
        kBadSubstitution,    // token: the ${...} text
        kTooDeep,            // nesting beyond the parser's limit
        kTooLong,            // input beyond the parser's limit
    };
    Kind kind = Kind::kNone;
    std::string token;
    std::string expecting;
    char quote = 0;
    int line = 1;
    bool ok() const { return kind == Kind::kNone; }
};

// "bash", "sh".
std::string ShellName(Persona p);
// "bash: syntax error near unexpected token `done'" and friends (no trailing newline).
std::string FormatSyntaxError(Persona p, const SyntaxError& e);
// "bash: foo: command not found", "sh: foo: not found", "sh: 1: foo: not found".
std::string FormatNotFound(Persona p, std::string_view name, int line);
// An error from a builtin or the shell itself: "bash: cd: /x: No such file or directory",
// "sh: cd: can't cd to /x" (ash) ... `what` is already worded; this only adds the prefix.
std::string FormatShellError(Persona p, std::string_view what, int line);
// Redirection target that cannot be written / read.
std::string FormatCannotCreate(Persona p, std::string_view path, std::string_view reason, int line);
std::string FormatCannotOpen(Persona p, std::string_view path, int line);

}  // namespace sts::shell
