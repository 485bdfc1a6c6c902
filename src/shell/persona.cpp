// Error wording of bash, busybox ash and dash, from their sources' message strings
// (bash parse.y "syntax error near unexpected token", busybox ash.c raise_error_unexpected_syntax,
// dash parser.c synexpect).
#include "shell/persona.h"

namespace sts::shell {

std::string ShellName(Persona p) { return p == Persona::kBash ? "bash" : "sh"; }

namespace {

std::string DashPrefix(int line) { return "sh: " + std::to_string(line) + ": "; }

}  // namespace

std::string FormatSyntaxError(Persona p, const SyntaxError& e) {
    using K = SyntaxError::Kind;
    switch (p) {
    case Persona::kBash:
        switch (e.kind) {
        case K::kUnexpectedToken:
            return "bash: syntax error near unexpected token `" + e.token + "'";
        case K::kUnexpectedEof:
            return "bash: syntax error: unexpected end of file";
        case K::kUnterminatedQuote:
            return std::string("bash: unexpected EOF while looking for matching `") + e.quote + "'";
        case K::kBadSubstitution:
            return "bash: " + e.token + ": bad substitution";
        case K::kTooDeep:
            return "bash: syntax error: nesting too deep";
        case K::kTooLong:
            return "bash: input too long";
        case K::kNone:
            break;
        }
        break;
    case Persona::kBusyboxAsh:
        switch (e.kind) {
        case K::kUnexpectedToken:
            return "sh: syntax error: unexpected \"" + e.token + "\"";
        case K::kUnexpectedEof:
            if (e.expecting.empty()) return "sh: syntax error: unexpected end of file";
            return "sh: syntax error: unexpected end of file (expecting \"" + e.expecting + "\")";
        case K::kUnterminatedQuote:
            return "sh: syntax error: unterminated quoted string";
        case K::kBadSubstitution:
            return "sh: syntax error: bad substitution";
        case K::kTooDeep:
            return "sh: syntax error: nesting too deep";
        case K::kTooLong:
            return "sh: input too long";
        case K::kNone:
            break;
        }
        break;
    case Persona::kDash:
        switch (e.kind) {
        case K::kUnexpectedToken:
            return DashPrefix(e.line) + "Syntax error: \"" + e.token + "\" unexpected";
        case K::kUnexpectedEof:
            if (e.expecting.empty()) return DashPrefix(e.line) + "Syntax error: end of file unexpected";
            return DashPrefix(e.line) + "Syntax error: end of file unexpected (expecting \"" +
                   e.expecting + "\")";
        case K::kUnterminatedQuote:
            return DashPrefix(e.line) + "Syntax error: Unterminated quoted string";
        case K::kBadSubstitution:
            return DashPrefix(e.line) + "Syntax error: Bad substitution";
        case K::kTooDeep:
            return DashPrefix(e.line) + "Syntax error: nesting too deep";
        case K::kTooLong:
            return DashPrefix(e.line) + "input too long";
        case K::kNone:
            break;
        }
        break;
    }
    return "";
}

std::string FormatNotFound(Persona p, std::string_view name, int line) {
    switch (p) {
    case Persona::kBash:
        return "bash: " + std::string(name) + ": command not found";
    case Persona::kBusyboxAsh:
        return "sh: " + std::string(name) + ": not found";
    case Persona::kDash:
        return DashPrefix(line) + std::string(name) + ": not found";
    }
    return "";
}

std::string FormatShellError(Persona p, std::string_view what, int line) {
    switch (p) {
    case Persona::kBash:
        return "bash: " + std::string(what);
    case Persona::kBusyboxAsh:
        return "sh: " + std::string(what);
    case Persona::kDash:
        return DashPrefix(line) + std::string(what);
    }
    return "";
}

std::string FormatCannotCreate(Persona p, std::string_view path, std::string_view reason, int line) {
    switch (p) {
    case Persona::kBash:
        return "bash: " + std::string(path) + ": " + std::string(reason);
    case Persona::kBusyboxAsh:
        return "sh: can't create " + std::string(path) + ": " + std::string(reason);
    case Persona::kDash:
        return DashPrefix(line) + "cannot create " + std::string(path) + ": " + std::string(reason);
    }
    return "";
}

std::string FormatCannotOpen(Persona p, std::string_view path, int line) {
    switch (p) {
    case Persona::kBash:
        return "bash: " + std::string(path) + ": No such file or directory";
    case Persona::kBusyboxAsh:
        return "sh: can't open '" + std::string(path) + "': No such file or directory";
    case Persona::kDash:
        return DashPrefix(line) + "cannot open " + std::string(path) + ": No such file";
    }
    return "";
}

}  // namespace sts::shell
