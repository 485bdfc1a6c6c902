// Shell builtins. Wording follows each persona: bash builtins print "bash: cd: x: ...",
// busybox ash "sh: cd: can't cd to x", dash "sh: 1: cd: can't cd to x".
#include "shell/builtins.h"

#include <cstdio>

#include "core/strings.h"

namespace sts::shell {

bool ExpandEscapes(std::string_view in, std::string* out) {
    for (size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c != '\\' || i + 1 >= in.size()) {
            *out += c;
            continue;
        }
        char n = in[++i];
        switch (n) {
        case 'n': *out += '\n'; break;
        case 't': *out += '\t'; break;
        case 'r': *out += '\r'; break;
        case 'a': *out += '\a'; break;
        case 'b': *out += '\b'; break;
        case 'f': *out += '\f'; break;
        case 'v': *out += '\v'; break;
        case 'e': *out += '\x1b'; break;
        case '\\': *out += '\\'; break;
        case 'c': return false;
        case '0': {
            int v = 0, k = 0;
            while (k < 3 && i + 1 < in.size() && in[i + 1] >= '0' && in[i + 1] <= '7') {
                v = v * 8 + (in[++i] - '0');
                ++k;
            }
            *out += static_cast<char>(v);
            break;
        }
        default:
            *out += '\\';
            *out += n;
            break;
        }
    }
    return true;
}

std::string FormatPrintf(std::string_view format, const std::vector<std::string>& args, std::string* error) {
    std::string out;
    size_t ai = 0;
    bool first = true;
    // The format is reused while arguments remain (at least once).
    while (first || ai < args.size()) {
        bool consumed = false;
        first = false;
        for (size_t i = 0; i < format.size(); ++i) {
            char c = format[i];
            if (c == '\\') {
                std::string tmp;
                size_t j = i + 1;
                if (j < format.size()) {
                    if (!ExpandEscapes(format.substr(i, 2), &tmp)) return out;
                    out += tmp;
                    i = j;
                } else {
                    out += c;
                }
                continue;
            }
            if (c != '%') {
                out += c;
                continue;
            }
            if (i + 1 < format.size() && format[i + 1] == '%') {
                out += '%';
                ++i;
                continue;
            }
            // %[flags][width][.prec]conv
            size_t j = i + 1;
            std::string spec = "%";
            while (j < format.size() && std::string_view("-+ #0").find(format[j]) != std::string_view::npos) spec += format[j++];
            while (j < format.size() && format[j] >= '0' && format[j] <= '9' && spec.size() < 8) spec += format[j++];
            if (j < format.size() && format[j] == '.') {
                spec += format[j++];
                while (j < format.size() && format[j] >= '0' && format[j] <= '9' && spec.size() < 12) spec += format[j++];
            }
            if (j >= format.size()) {
                out += spec;
                break;
            }
            char conv = format[j];
            i = j;
            std::string arg = ai < args.size() ? args[ai] : "";
            if (ai < args.size()) {
                ++ai;
                consumed = true;
            }
            char buf[512];
            switch (conv) {
            case 's': {
                std::string f = spec + "s";
                std::snprintf(buf, sizeof buf, f.c_str(), arg.substr(0, 400).c_str());
                out += buf;
                break;
            }
            case 'b': {
                std::string tmp;
                ExpandEscapes(arg, &tmp);
                out += tmp;
                break;
            }
            case 'c':
                if (!arg.empty()) out += arg[0];
                break;
            case 'd':
            case 'i':
            case 'x':
            case 'X':
            case 'o':
            case 'u': {
                int64_t v = 0;
                if (!arg.empty() && !ParseInt64(Trim(arg), &v)) {
                    if (error && error->empty()) *error = "printf: " + arg + ": invalid number";
                }
                std::string f = spec + "ll" + conv;
                std::snprintf(buf, sizeof buf, f.c_str(), static_cast<long long>(v));
                out += buf;
                break;
            }
            default:
                out += spec;
                out += conv;
                break;
            }
        }
        if (!consumed) break;
    }
    return out;
}

namespace {

void Err(Invocation& inv, const std::string& what) {
    inv.err->Write(inv.shell->ErrorText(what, inv.line) + "\n");
}

int Echo(Invocation& inv) {
    Persona p = inv.shell->persona();
    bool newline = true;
    bool escapes = p == Persona::kDash;
    size_t i = 1;
    for (; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a.size() < 2 || a[0] != '-') break;
        bool valid = true;
        for (size_t k = 1; k < a.size(); ++k) {
            char c = a[k];
            if (p == Persona::kDash ? c != 'n' : (c != 'n' && c != 'e' && c != 'E')) valid = false;
        }
        if (!valid) break;
        for (size_t k = 1; k < a.size(); ++k) {
            if (a[k] == 'n') newline = false;
            if (a[k] == 'e') escapes = true;
            if (a[k] == 'E') escapes = false;
        }
    }
    std::string out;
    for (size_t k = i; k < inv.argv.size(); ++k) {
        if (k > i) out += ' ';
        if (escapes) {
            if (!ExpandEscapes(inv.argv[k], &out)) {
                inv.out->Write(out);
                return 0;
            }
        } else {
            out += inv.argv[k];
        }
    }
    if (newline) out += '\n';
    inv.out->Write(out);
    return 0;
}

int Printf(Invocation& inv) {
    if (inv.argv.size() < 2) {
        if (inv.shell->persona() == Persona::kBash) {
            inv.err->Write("printf: usage: printf [-v var] format [arguments]\n");
        } else {
            inv.err->Write("printf: usage: printf format [arg ...]\n");
        }
        return 2;
    }
    std::vector<std::string> args(inv.argv.begin() + 2, inv.argv.end());
    std::string error;
    std::string out = FormatPrintf(inv.argv[1], args, &error);
    inv.out->Write(out);
    if (!error.empty()) {
        Err(inv, error);
        return 1;
    }
    return 0;
}

int Export(Invocation& inv) {
    Interpreter* sh = inv.shell;
    if (inv.argv.size() == 1 || (inv.argv.size() == 2 && inv.argv[1] == "-p")) {
        std::string out;
        for (const auto& [k, v] : sh->ExportedEnv()) {
            if (sh->persona() == Persona::kBash) out += "declare -x " + k + "=\"" + v + "\"\n";
            else out += "export " + k + "='" + v + "'\n";
        }
        inv.out->Write(out);
        return 0;
    }
    int status = 0;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        const std::string& a = inv.argv[i];
        if (a == "-p" || a == "-n") continue;
        size_t eq = a.find('=');
        std::string name = a.substr(0, eq);
        if (!IsShellName(name)) {
            if (sh->persona() == Persona::kBash) Err(inv, "export: `" + a + "': not a valid identifier");
            else Err(inv, "export: " + name + ": bad variable name");
            status = sh->persona() == Persona::kBash ? 1 : 2;
            continue;
        }
        if (eq != std::string::npos) sh->SetVar(name, a.substr(eq + 1), true);
        else sh->Export(name);
    }
    return status;
}

// test / [ : a recursive evaluator over the POSIX operators.
class Test {
public:
    Test(const std::vector<std::string>& args, Invocation& inv) : a_(args), inv_(inv) {}
    int Run() {
        if (a_.empty()) return 1;
        pos_ = 0;
        bool v = Or();
        if (!error_.empty()) return Fail(error_);
        if (pos_ != a_.size()) return Fail(a_[pos_] + ": unexpected operator");
        return v ? 0 : 1;
    }

private:
    int Fail(const std::string& what) {
        Persona p = inv_.shell->persona();
        if (p == Persona::kBash) Err(inv_, inv_.argv[0] + ": " + what);
        else Err(inv_, inv_.argv[0] + ": " + what);
        return 2;
    }
    bool More() const { return pos_ < a_.size(); }
    bool Or() {
        bool v = And();
        while (More() && a_[pos_] == "-o") {
            ++pos_;
            bool r = And();
            v = v || r;
        }
        return v;
    }
    bool And() {
        bool v = Not();
        while (More() && a_[pos_] == "-a") {
            ++pos_;
            bool r = Not();
            v = v && r;
        }
        return v;
    }
    bool Not() {
        if (More() && a_[pos_] == "!" && pos_ + 1 < a_.size()) {
            ++pos_;
            return !Not();
        }
        return Primary();
    }
    static bool Num(const std::string& s, int64_t* v) { return ParseInt64(Trim(s), v); }
    bool Primary() {
        if (!More()) {
            error_ = "argument expected";
            return false;
        }
        if (a_[pos_] == "(" ) {
            ++pos_;
            bool v = Or();
            if (!More() || a_[pos_] != ")") {
                error_ = "`)' expected";
                return false;
            }
            ++pos_;
            return v;
        }
        // Binary operators.
        if (pos_ + 2 < a_.size()) {
            const std::string& op = a_[pos_ + 1];
            if (op == "=" || op == "==" || op == "!=" || op == "-eq" || op == "-ne" || op == "-lt" ||
                op == "-le" || op == "-gt" || op == "-ge") {
                const std::string& l = a_[pos_];
                const std::string& r = a_[pos_ + 2];
                pos_ += 3;
                if (op == "=" || op == "==") return l == r;
                if (op == "!=") return l != r;
                int64_t x = 0, y = 0;
                if (!Num(l, &x)) {
                    error_ = l + ": integer expression expected";
                    return false;
                }
                if (!Num(r, &y)) {
                    error_ = r + ": integer expression expected";
                    return false;
                }
                if (op == "-eq") return x == y;
                if (op == "-ne") return x != y;
                if (op == "-lt") return x < y;
                if (op == "-le") return x <= y;
                if (op == "-gt") return x > y;
                return x >= y;
            }
        }
        const std::string& t = a_[pos_];
        if (t.size() == 2 && t[0] == '-' && pos_ + 1 < a_.size()) {
            const std::string& arg = a_[pos_ + 1];
            char c = t[1];
            if (c == 'z') {
                pos_ += 2;
                return arg.empty();
            }
            if (c == 'n') {
                pos_ += 2;
                return !arg.empty();
            }
            if (c == 'e' || c == 'f' || c == 's' || c == 'r' || c == 'd') {
                pos_ += 2;
                FileSystem* fs = inv_.shell->config().fs;
                std::string content;
                if (c == 'd') {
                    std::vector<std::string> names;
                    return fs && fs->ListDir(arg, &names);
                }
                bool exists = fs && fs->ReadFile(arg, &content);
                if (c == 's') return exists && !content.empty();
                return exists;
            }
        }
        ++pos_;
        return !t.empty();
    }

    const std::vector<std::string>& a_;
    Invocation& inv_;
    size_t pos_ = 0;
    std::string error_;
};

int TestCmd(Invocation& inv) {
    std::vector<std::string> args(inv.argv.begin() + 1, inv.argv.end());
    if (inv.argv[0] == "[") {
        if (args.empty() || args.back() != "]") {
            Persona p = inv.shell->persona();
            if (p == Persona::kBash) Err(inv, "[: missing `]'");
            else Err(inv, "[: missing ]");
            return 2;
        }
        args.pop_back();
    }
    Test t(args, inv);
    return t.Run();
}

int Read(Invocation& inv) {
    std::vector<std::string> names;
    for (size_t i = 1; i < inv.argv.size(); ++i) {
        if (inv.argv[i] == "-r") continue;
        names.push_back(inv.argv[i]);
    }
    if (names.empty()) names.push_back("REPLY");
    if (!inv.has_stdin || inv.stdin_data.empty()) return 1;
    std::string line = inv.stdin_data.substr(0, inv.stdin_data.find('\n'));
    std::vector<std::string> fields = SplitFields(line);
    for (size_t i = 0; i < names.size(); ++i) {
        std::string v;
        if (i + 1 == names.size()) {
            // The last name takes the rest of the line.
            for (size_t k = i; k < fields.size(); ++k) {
                if (k > i) v += ' ';
                v += fields[k];
            }
        } else if (i < fields.size()) {
            v = fields[i];
        }
        inv.shell->SetVar(names[i], v);
    }
    return 0;
}

}  // namespace

bool RunBuiltin(Invocation& inv, Outcome* outcome) {
    const std::string& name = inv.argv[0];
    Interpreter* sh = inv.shell;
    Persona p = sh->persona();
    int s = 0;
    if (name == ":" || name == "true") {
        s = 0;
    } else if (name == "false") {
        s = 1;
    } else if (name == "echo") {
        s = Echo(inv);
    } else if (name == "printf") {
        s = Printf(inv);
    } else if (name == "export") {
        s = Export(inv);
    } else if (name == "unset") {
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            if (inv.argv[i] == "-v" || inv.argv[i] == "-f") continue;
            sh->UnsetVar(inv.argv[i]);
        }
    } else if (name == "cd") {
        std::string dir = inv.argv.size() > 1 ? inv.argv[1] : sh->GetVar("HOME").value_or("/");
        std::string cwd = sh->GetVar("PWD").value_or("/");
        std::string target = !dir.empty() && dir[0] == '/' ? dir : (cwd == "/" ? "/" + dir : cwd + "/" + dir);
        target = MemoryFileSystem::Normalize(target);
        if (target.empty()) target = "/";
        FileSystem* fs = sh->config().fs;
        std::vector<std::string> names;
        if (fs && target != "/" && !fs->ListDir(target, &names)) {
            if (p == Persona::kBash) Err(inv, "cd: " + dir + ": No such file or directory");
            else Err(inv, "cd: can't cd to " + dir);
            s = p == Persona::kBash ? 1 : 2;
        } else {
            sh->SetVar("OLDPWD", cwd, true);
            sh->SetVar("PWD", target, true);
        }
    } else if (name == "pwd") {
        inv.out->Write(sh->GetVar("PWD").value_or("/") + "\n");
    } else if (name == "test" || name == "[") {
        s = TestCmd(inv);
    } else if (name == "shift") {
        // Positional parameters live in the interpreter; shifting is rare in console use.
        s = 0;
    } else if (name == "set") {
        if (inv.argv.size() == 1) {
            std::string out;
            for (const auto& [k, v] : sh->ExportedEnv()) out += k + "='" + v + "'\n";
            inv.out->Write(out);
        }
        s = 0;
    } else if (name == "read") {
        s = Read(inv);
    } else {
        return false;
    }
    outcome->status = s;
    return true;
}

}  // namespace sts::shell
