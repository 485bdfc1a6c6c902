// Commands of a simulated container. Busybox 1.28 applets word their output as busybox does
// (nslookup's "Server:    " / "Address 1: " layout and "nslookup: can't resolve 'x'", wget's
// "bad address"); Debian images answer like dash, GNU coreutils and curl 7.88.
#include "cluster/container_shell.h"

#include <cstdio>

#include "core/hash.h"
#include "core/strings.h"

namespace sts::cluster {

using shell::CommandFn;
using shell::Invocation;
using shell::Outcome;
using shell::Persona;

ShellFlavor FlavorForImage(std::string_view image) {
    std::string lower = ToLower(image);
    // Image reference without registry path and tag: "registry.k8s.io/busybox:1.28" -> busybox.
    std::string name = lower.substr(0, lower.find('@'));
    size_t slash = name.rfind('/');
    if (slash != std::string::npos) name = name.substr(slash + 1);
    name = name.substr(0, name.find(':'));
    if (name == "busybox" || name == "alpine" || lower.find("alpine") != std::string::npos) {
        return ShellFlavor::kBusybox;
    }
    return ShellFlavor::kDebian;
}

const std::string& NginxWelcomePage() {
    static const std::string page =
        "<!DOCTYPE html>\n"
        "<html>\n"
        "<head>\n"
        "<title>Welcome to nginx!</title>\n"
        "<style>\n"
        "html { color-scheme: light dark; }\n"
        "body { width: 35em; margin: 0 auto;\n"
        "font-family: Tahoma, Verdana, Arial, sans-serif; }\n"
        "</style>\n"
        "</head>\n"
        "<body>\n"
        "<h1>Welcome to nginx!</h1>\n"
        "<p>If you see this page, the nginx web server is successfully installed and\n"
        "working. Further configuration is required.</p>\n"
        "\n"
        "<p>For online documentation and support please refer to\n"
        "<a href=\"http://nginx.org/\">nginx.org</a>.<br/>\n"
        "Commercial support is available at\n"
        "<a href=\"http://nginx.com/\">nginx.com</a>.</p>\n"
        "\n"
        "<p><em>Thank you for using nginx.</em></p>\n"
        "</body>\n"
        "</html>\n";
    return page;
}

std::string NginxErrorPage(int status, const std::string& reason, const std::string& version) {
    std::string title = std::to_string(status) + " " + reason;
    return "<html>\r\n<head><title>" + title + "</title></head>\r\n<body>\r\n<center><h1>" + title +
           "</h1></center>\r\n<hr><center>nginx/" + version + "</center>\r\n</body>\r\n</html>\r\n";
}

// [SECTION] file system adapter

class ContainerShell::EnvFileSystem : public shell::FileSystem {
public:
    explicit EnvFileSystem(ContainerEnvironment* env) : env_(env) {}
    static std::string Abs(const std::string& path) {
        std::string p = path.empty() || path[0] != '/' ? "/" + path : path;
        p = shell::MemoryFileSystem::Normalize(p);
        return p.empty() ? "/" : p;
    }
    bool ReadFile(const std::string& path, std::string* content) const override {
        return env_->ReadFile(Abs(path), content);
    }
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override {
        return env_->WriteFile(Abs(path), content, append);
    }
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override {
        return env_->ListDir(Abs(path), names);
    }

private:
    ContainerEnvironment* env_;
};

namespace {

constexpr const char* kBusyboxBanner = "BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n";
constexpr const char* kKernel = "6.8.0-1015-sim";

Outcome Done(int status) {
    Outcome o;
    o.status = status;
    return o;
}

// "Thu Jan  1 00:00:05 UTC 2026" (date's default format in the C locale).
std::string FormatDate(Time t) {
    const CivilTime c = ToCivil(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %s %2d %02d:%02d:%02d UTC %d", kShortWeekdayNames[c.weekday],
                  kShortMonthNames[c.month - 1], c.day, c.hour, c.minute, c.second, c.year);
    return buf;
}

struct Url {
    std::string host;
    int port = 80;
    std::string path = "/";
    bool ok = false;
};

Url ParseUrl(const std::string& text) {
    Url u;
    std::string s = text;
    if (s.rfind("http://", 0) == 0) s = s.substr(7);
    else if (s.rfind("https://", 0) == 0) {
        s = s.substr(8);
        u.port = 443;
    }
    size_t slash = s.find('/');
    std::string hostport = s.substr(0, slash);
    if (slash != std::string::npos) u.path = s.substr(slash);
    size_t colon = hostport.rfind(':');
    if (colon != std::string::npos) {
        int64_t p = 0;
        if (!ParseInt64(hostport.substr(colon + 1), &p) || p <= 0 || p > 65535) return u;
        u.port = static_cast<int>(p);
        hostport = hostport.substr(0, colon);
    }
    u.host = hostport;
    u.ok = !u.host.empty();
    return u;
}

bool ValidSleep(const std::string& arg) {
    if (arg.empty()) return false;
    size_t i = 0;
    bool digits = false;
    while (i < arg.size() && ((arg[i] >= '0' && arg[i] <= '9') || arg[i] == '.')) {
        digits = true;
        ++i;
    }
    if (!digits) return false;
    if (i == arg.size()) return true;
    return i + 1 == arg.size() && (arg[i] == 's' || arg[i] == 'm' || arg[i] == 'h' || arg[i] == 'd');
}

// The official nginx images (Debian and Alpine) have nginx on the PATH and say its version in
// NGINX_VERSION. Its command line answers as nginx.c does, on stderr: -v the version, -h the
// usage, -t the configuration test. Starting a second server, signals (-s) and the build details
// (-V, -T) are not simulated.
void AddNginx(std::map<std::string, CommandFn>* commands, const ContainerEnvironment& env) {
    const std::map<std::string, std::string> environment = env.Environment();
    if (auto version = environment.find("NGINX_VERSION"); version != environment.end()) {
        (*commands)["nginx"] = [v = version->second](Invocation& inv) {
            bool show_version = false, show_help = false, test_config = false, quiet = false;
            for (size_t i = 1; i < inv.argv.size(); ++i) {
                const std::string& a = inv.argv[i];
                if (a.size() < 2 || a[0] != '-') {
                    inv.err->Write("nginx: invalid option: \"" + a + "\"\n");
                    return Done(1);
                }
                for (size_t k = 1; k < a.size(); ++k) {
                    const char o = a[k];
                    if (o == 'v') {
                        show_version = true;
                    } else if (o == 'h' || o == '?') {
                        show_version = show_help = true;
                    } else if (o == 't') {
                        test_config = true;
                    } else if (o == 'q') {
                        quiet = true;
                    } else if (o == 'V' || o == 'T' || o == 's' || o == 'p' || o == 'e' || o == 'c' || o == 'g') {
                        inv.err->Write(std::string("nginx: -") + o +
                                       " is not available in this playground (try nginx -v, -t or -h)\n");
                        return Done(1);
                    } else {
                        inv.err->Write(std::string("nginx: invalid option: \"") + o + "\"\n");
                        return Done(1);
                    }
                }
            }
            if (show_version) {
                inv.err->Write("nginx version: nginx/" + v + "\n");
                if (show_help) {
                    inv.err->Write(
                        "Usage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n"
                        "             [-e filename] [-c filename] [-g directives]\n\n"
                        "Options:\n"
                        "  -?,-h         : this help\n"
                        "  -v            : show version and exit\n"
                        "  -V            : show version and configure options then exit\n"
                        "  -t            : test configuration and exit\n"
                        "  -T            : test configuration, dump it and exit\n"
                        "  -q            : suppress non-error messages during configuration testing\n"
                        "  -s signal     : send signal to a master process: stop, quit, reopen, reload\n"
                        "  -p prefix     : set prefix path (default: /etc/nginx/)\n"
                        "  -e filename   : set error log file (default: /var/log/nginx/error.log)\n"
                        "  -c filename   : set configuration file (default: /etc/nginx/nginx.conf)\n"
                        "  -g directives : set global directives out of configuration file\n\n");
                }
                if (!test_config) return Done(0);
            }
            if (test_config) {
                if (!quiet)
                    inv.err->Write("nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
                                   "nginx: configuration file /etc/nginx/nginx.conf test is successful\n");
                return Done(0);
            }
            inv.err->Write("nginx: starting a second nginx is not available in this playground (the container's "
                           "nginx is already running; try nginx -v, -t or -h)\n");
            return Done(1);
        };
    }
}

}  // namespace

// [SECTION] commands

ContainerShell::ContainerShell(ContainerEnvironment* env)
    : env_(env), flavor_(FlavorForImage(env->Image())), fs_(std::make_unique<EnvFileSystem>(env)) {}

ContainerShell::~ContainerShell() = default;

std::map<std::string, CommandFn> ContainerShell::Commands(Persona persona) {
    std::map<std::string, CommandFn> c;
    shell::AddCoreUtils(&c, persona);
    ContainerEnvironment* env = env_;
    bool busybox = flavor_ == ShellFlavor::kBusybox;

    AddNginx(&c, *env);
    c["hostname"] = [env, busybox](Invocation& inv) {
        std::string out;
        std::string opt = inv.argv.size() > 1 ? inv.argv[1] : "";
        std::string name = env->Hostname();
        if (opt.empty()) out = name;
        else if (opt == "-f" || opt == "--fqdn" || opt == "--long") out = env->Fqdn();
        else if (opt == "-i" || opt == "--ip-address") out = env->PodIp();
        else if (opt == "-I" || opt == "--all-ip-addresses") out = env->PodIp() + " ";
        else if (opt == "-s" || opt == "--short") out = name.substr(0, name.find('.'));
        else if (opt == "-d" || opt == "--domain") {
            std::string f = env->Fqdn();
            size_t dot = f.find('.');
            out = dot == std::string::npos ? "" : f.substr(dot + 1);
        } else {
            if (busybox) {
                inv.err->Write("hostname: invalid option -- '" + opt.substr(opt.size() > 1 ? 1 : 0, 1) + "'\n" +
                               kBusyboxBanner + "\nUsage: hostname [OPTIONS] [HOSTNAME | -F FILE]\n");
            } else {
                inv.err->Write("hostname: invalid option -- '" + opt.substr(opt.size() > 1 ? 1 : 0, 1) +
                               "'\nUsage: hostname [-b] {hostname|-F file}         set host name (from file)\n");
            }
            return Done(1);
        }
        inv.out->Write(out + "\n");
        return Done(0);
    };
    c["id"] = [busybox](Invocation& inv) {
        inv.out->Write(busybox ? "uid=0(root) gid=0(root) groups=0(root),10(wheel)\n"
                               : "uid=0(root) gid=0(root) groups=0(root)\n");
        return Done(0);
    };
    c["whoami"] = [](Invocation& inv) {
        inv.out->Write("root\n");
        return Done(0);
    };
    c["uname"] = [env](Invocation& inv) {
        std::vector<std::string> parts;
        bool all = false;
        std::string flags;
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            const std::string& a = inv.argv[i];
            if (a == "-a" || a == "--all") all = true;
            else if (a.size() > 1 && a[0] == '-') flags += a.substr(1);
        }
        if (all) flags = "snrvm";
        if (flags.empty()) flags = "s";
        for (char f : flags) {
            switch (f) {
            case 's': parts.push_back("Linux"); break;
            case 'n': parts.push_back(env->Hostname()); break;
            case 'r': parts.push_back(kKernel); break;
            case 'v': parts.push_back("#1 SMP PREEMPT_DYNAMIC"); break;
            case 'm': parts.push_back("x86_64"); break;
            case 'o': parts.push_back("GNU/Linux"); break;
            default: break;
            }
        }
        std::string out = Join(parts, " ");
        if (all) out += " GNU/Linux";
        inv.out->Write(out + "\n");
        return Done(0);
    };
    c["date"] = [env](Invocation& inv) {
        inv.out->Write(FormatDate(env->Now()) + "\n");
        return Done(0);
    };
    c["sleep"] = [busybox](Invocation& inv) {
        // Inside an exec the clock does not move: the command returns at once.
        if (inv.argv.size() < 2) {
            if (busybox) inv.err->Write(std::string(kBusyboxBanner) + "\nUsage: sleep [N]...\n");
            else inv.err->Write("sleep: missing operand\nTry 'sleep --help' for more information.\n");
            return Done(1);
        }
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            if (!ValidSleep(inv.argv[i])) {
                if (busybox) inv.err->Write("sleep: invalid number '" + inv.argv[i] + "'\n");
                else inv.err->Write("sleep: invalid time interval '" + inv.argv[i] +
                                    "'\nTry 'sleep --help' for more information.\n");
                return Done(1);
            }
        }
        return Done(0);
    };
    c["ls"] = [busybox](Invocation& inv) {
        std::vector<std::string> targets;
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            if (inv.argv[i].size() > 1 && inv.argv[i][0] == '-') continue;
            targets.push_back(inv.argv[i]);
        }
        if (targets.empty()) targets.push_back(inv.shell->GetVar("PWD").value_or("/"));
        shell::FileSystem* fs = inv.shell->config().fs;
        int status = 0;
        std::string out;
        for (size_t t = 0; t < targets.size(); ++t) {
            std::vector<std::string> names;
            std::string content;
            if (fs->ListDir(targets[t], &names)) {
                if (targets.size() > 1) out += (t ? "\n" : "") + targets[t] + ":\n";
                for (const auto& n : names) out += n + "\n";
            } else if (fs->ReadFile(targets[t], &content)) {
                out += targets[t] + "\n";
            } else {
                if (busybox) inv.err->Write("ls: " + targets[t] + ": No such file or directory\n");
                else inv.err->Write("ls: cannot access '" + targets[t] + "': No such file or directory\n");
                status = busybox ? 1 : 2;
            }
        }
        inv.out->Write(out);
        return Done(status);
    };
    c["touch"] = [](Invocation& inv) {
        shell::FileSystem* fs = inv.shell->config().fs;
        for (size_t i = 1; i < inv.argv.size(); ++i) {
            std::string content;
            if (fs->ReadFile(inv.argv[i], &content)) continue;
            std::string reason = fs->WriteFile(inv.argv[i], "", true);
            if (!reason.empty()) {
                inv.err->Write("touch: " + inv.argv[i] + ": " + reason + "\n");
                return Done(1);
            }
        }
        return Done(0);
    };
    c["mkdir"] = [](Invocation&) { return Done(0); };
    if (busybox) {
        c["nslookup"] = [env](Invocation& inv) {
            std::vector<std::string> args;
            for (size_t i = 1; i < inv.argv.size(); ++i) args.push_back(inv.argv[i]);
            if (args.empty() || args.size() > 2) {
                inv.err->Write(std::string(kBusyboxBanner) +
                               "\nUsage: nslookup [HOST] [SERVER]\n\n"
                               "Query the nameserver for the IP address of the given HOST\n"
                               "optionally using a specified DNS server\n");
                return Done(1);
            }
            DnsServer server = env->Nameserver();
            if (args.size() == 2 && args[1] != server.ip) {
                server.ip = args[1];
                server.ptr_name.clear();
            }
            std::string out = "Server:    " + server.ip + "\nAddress 1: " + server.ip;
            if (!server.ptr_name.empty()) out += " " + server.ptr_name;
            out += "\n\n";
            DnsAnswer a = env->Lookup(args[0]);
            if (!a.found || a.addresses.empty()) {
                inv.out->Write(out);
                inv.err->Write("nslookup: can't resolve '" + args[0] + "'\n");
                return Done(1);
            }
            out += "Name:      " + args[0] + "\n";
            for (size_t i = 0; i < a.addresses.size(); ++i) {
                out += "Address " + std::to_string(i + 1) + ": " + a.addresses[i];
                if (i < a.ptr_names.size() && !a.ptr_names[i].empty()) out += " " + a.ptr_names[i];
                out += "\n";
            }
            inv.out->Write(out);
            return Done(0);
        };
        c["wget"] = [env](Invocation& inv) {
            bool quiet = false;
            std::string output;
            bool have_output = false;
            std::string url;
            for (size_t i = 1; i < inv.argv.size(); ++i) {
                const std::string& a = inv.argv[i];
                if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
                    for (size_t k = 1; k < a.size(); ++k) {
                        if (a[k] == 'q') {
                            quiet = true;
                        } else if (a[k] == 'O') {
                            have_output = true;
                            if (k + 1 < a.size()) output = a.substr(k + 1);
                            else if (i + 1 < inv.argv.size()) output = inv.argv[++i];
                            break;
                        } else if (a[k] == 'T' || a[k] == 'U' || a[k] == 'P') {
                            if (k + 1 == a.size()) ++i;
                            break;
                        }
                    }
                } else if (a == "--quiet") {
                    quiet = true;
                } else if (a.rfind("--", 0) == 0) {
                    continue;
                } else {
                    url = a;
                }
            }
            if (url.empty()) {
                inv.err->Write(std::string(kBusyboxBanner) + "\nUsage: wget [-c|--continue] [--spider] [-q|--quiet] "
                               "[-O|--output-document FILE]\n\t[--header 'header: value'] [-Y|--proxy on/off] "
                               "[-P DIR]\n\t[-S|--server-response] [-U|--user-agent AGENT] [-T SEC] URL...\n");
                return Done(1);
            }
            Url u = ParseUrl(url);
            if (!u.ok) {
                inv.err->Write("wget: bad address '" + url + "'\n");
                return Done(1);
            }
            HttpResult r = env->HttpGet(u.host, u.port, u.path);
            if (r.kind == HttpResult::Kind::kBadAddress) {
                inv.err->Write("wget: bad address '" + u.host + "'\n");
                return Done(1);
            }
            if (!quiet) {
                inv.err->Write("Connecting to " + u.host + " (" + r.ip + ":" + std::to_string(u.port) + ")\n");
            }
            if (r.kind == HttpResult::Kind::kRefused) {
                inv.err->Write("wget: can't connect to remote host (" + r.ip + "): Connection refused\n");
                return Done(1);
            }
            if (r.kind == HttpResult::Kind::kTimeout) {
                inv.err->Write("wget: download timed out\n");
                return Done(1);
            }
            if (r.status != 200) {
                inv.err->Write("wget: server returned error: HTTP/1.1 " + std::to_string(r.status) + " " + r.reason + "\n");
                return Done(1);
            }
            if (!have_output) {
                std::string name = u.path.substr(u.path.rfind('/') + 1);
                output = name.empty() ? "index.html" : name;
            }
            if (output == "-") {
                inv.out->Write(r.body);
            } else {
                shell::FileSystem* fs = inv.shell->config().fs;
                std::string existing;
                if (fs->ReadFile(output, &existing)) {
                    inv.err->Write("wget: can't open '" + output + "': File exists\n");
                    return Done(1);
                }
                std::string reason = fs->WriteFile(output, r.body, false);
                if (!reason.empty()) {
                    inv.err->Write("wget: can't open '" + output + "': " + reason + "\n");
                    return Done(1);
                }
            }
            if (!quiet) {
                char buf[160];
                std::string label = output == "-" ? "-" : output;
                std::snprintf(buf, sizeof buf, "%-20.20s 100%% |%s| %5zu  0:00:00 ETA\n", label.c_str(),
                              "*******************************", r.body.size());
                inv.err->Write(buf);
            }
            return Done(0);
        };
    } else {
        c["curl"] = [env](Invocation& inv) {
            bool silent = false, show_error = false, fail = false, include = false, head = false;
            std::string output;
            std::string url;
            for (size_t i = 1; i < inv.argv.size(); ++i) {
                const std::string& a = inv.argv[i];
                if (a == "--silent") silent = true;
                else if (a == "--show-error") show_error = true;
                else if (a == "--fail") fail = true;
                else if (a == "--include") include = true;
                else if (a == "--head") head = true;
                else if (a == "--output" && i + 1 < inv.argv.size()) output = inv.argv[++i];
                else if (a.rfind("--", 0) == 0) continue;
                else if (a.size() > 1 && a[0] == '-') {
                    for (size_t k = 1; k < a.size(); ++k) {
                        if (a[k] == 's') silent = true;
                        else if (a[k] == 'S') show_error = true;
                        else if (a[k] == 'f') fail = true;
                        else if (a[k] == 'i') include = true;
                        else if (a[k] == 'I') head = true;
                        else if (a[k] == 'o') {
                            if (k + 1 < a.size()) output = a.substr(k + 1);
                            else if (i + 1 < inv.argv.size()) output = inv.argv[++i];
                            break;
                        }
                    }
                } else {
                    url = a;
                }
            }
            bool errors = !silent || show_error;
            if (url.empty()) {
                inv.err->Write("curl: try 'curl --help' or 'curl --manual' for more information\n");
                return Done(2);
            }
            Url u = ParseUrl(url);
            if (!u.ok) {
                if (errors) inv.err->Write("curl: (3) URL using bad/illegal format or missing URL\n");
                return Done(3);
            }
            HttpResult r = env->HttpGet(u.host, u.port, u.path);
            if (r.kind == HttpResult::Kind::kBadAddress) {
                if (errors) inv.err->Write("curl: (6) Could not resolve host: " + u.host + "\n");
                return Done(6);
            }
            if (r.kind == HttpResult::Kind::kRefused) {
                if (errors) {
                    inv.err->Write("curl: (7) Failed to connect to " + u.host + " port " + std::to_string(u.port) +
                                   " after 0 ms: Couldn't connect to server\n");
                }
                return Done(7);
            }
            if (r.kind == HttpResult::Kind::kTimeout) {
                if (errors) {
                    inv.err->Write("curl: (28) Failed to connect to " + u.host + " port " + std::to_string(u.port) +
                                   " after 130000 ms: Couldn't connect to server\n");
                }
                return Done(28);
            }
            if (fail && r.status >= 400) {
                if (errors) {
                    inv.err->Write("curl: (22) The requested URL returned error: " + std::to_string(r.status) + "\n");
                }
                return Done(22);
            }
            // -I sends HEAD: the same status and headers, no body. -i prints the headers first.
            const std::string response_head =
                "HTTP/1.1 " + std::to_string(r.status) + " " + r.reason + "\r\n" + r.headers + "\r\n";
            std::string body = head ? response_head : include ? response_head + r.body : r.body;
            if (!output.empty() && output != "-") {
                std::string reason = inv.shell->config().fs->WriteFile(output, body, false);
                if (!reason.empty()) {
                    if (errors) inv.err->Write("curl: (23) Failure writing output to destination\n");
                    return Done(23);
                }
            } else {
                inv.out->Write(body);
            }
            return Done(0);
        };
    }
    // A shell started from a shell (`sh -c 'sh -c hostname'`), with a nesting limit.
    auto run_shell = [this](Invocation& inv) {
        ContainerExecResult r = Exec(inv.argv);
        inv.out->Write(r.out);
        inv.err->Write(r.err);
        if (!r.start_error.empty()) inv.err->Write(r.start_error + "\n");
        return Done(r.exit_code);
    };
    c["sh"] = run_shell;
    if (busybox) c["ash"] = run_shell;
    else {
        c["bash"] = run_shell;
        c["dash"] = run_shell;
    }
    return c;
}

std::unique_ptr<shell::Interpreter> ContainerShell::MakeShell(Persona persona) {
    shell::ShellConfig cfg;
    cfg.persona = persona;
    cfg.fs = fs_.get();
    cfg.commands = Commands(persona);
    cfg.max_steps = 100000;
    auto sh = std::make_unique<shell::Interpreter>(std::move(cfg));
    for (const auto& [k, v] : env_->Environment()) sh->SetVar(k, v, true);
    if (!sh->GetVar("HOME")) sh->SetVar("HOME", "/root", true);
    if (!sh->GetVar("PWD")) sh->SetVar("PWD", "/", true);
    if (!sh->GetVar("HOSTNAME")) sh->SetVar("HOSTNAME", env_->Hostname(), true);
    return sh;
}

ContainerExecResult ContainerShell::Exec(const std::vector<std::string>& argv) {
    ContainerExecResult result;
    if (argv.empty()) {
        result.start_error = "exec: no command given";
        result.exit_code = 126;
        return result;
    }
    std::string prog = argv[0];
    std::string base = prog.substr(prog.rfind('/') + 1);
    bool busybox = flavor_ == ShellFlavor::kBusybox;
    bool is_shell = base == "sh" || (busybox && base == "ash") || (!busybox && (base == "bash" || base == "dash"));
    Persona persona = busybox ? Persona::kBusyboxAsh : (base == "bash" ? Persona::kBash : Persona::kDash);

    auto sh = MakeShell(persona);
    auto out = std::make_shared<shell::BufferSink>();
    auto err = std::make_shared<shell::BufferSink>();
    out->set_cap(16u << 20);
    err->set_cap(1u << 20);
    sh->SetOutput(out, err);

    if (is_shell) {
        if (depth_ >= 16) {
            result.err = shell::ShellName(persona) + ": too many nested shells\n";
            result.exit_code = 2;
            return result;
        }
        ++depth_;
        size_t i = 1;
        std::string script;
        bool have_script = false;
        while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
            if (argv[i] == "-c") {
                if (i + 1 >= argv.size()) {
                    --depth_;
                    if (persona == Persona::kDash) result.err = "sh: 0: -c requires an argument\n";
                    else if (persona == Persona::kBash) result.err = "bash: -c: option requires an argument\n";
                    else result.err = "sh: -c requires an argument\n";
                    result.exit_code = 2;
                    return result;
                }
                script = argv[i + 1];
                have_script = true;
                i += 2;
                break;
            }
            ++i;  // -e, -x, -i: accepted and ignored
        }
        if (!have_script && i < argv.size()) {
            // sh FILE
            if (!fs_->ReadFile(argv[i], &script)) {
                --depth_;
                if (persona == Persona::kDash) result.err = "sh: 0: cannot open " + argv[i] + ": No such file\n";
                else if (persona == Persona::kBash) result.err = "bash: " + argv[i] + ": No such file or directory\n";
                else result.err = "sh: can't open '" + argv[i] + "': No such file or directory\n";
                result.exit_code = persona == Persona::kBash ? 127 : 2;
                return result;
            }
            ++i;
            have_script = true;
        }
        std::string arg0 = i < argv.size() ? argv[i] : base;
        std::vector<std::string> rest;
        for (size_t k = i + (i < argv.size() ? 1 : 0); k < argv.size(); ++k) rest.push_back(argv[k]);
        sh->SetPositional(arg0, rest);
        shell::Interpreter::State st = shell::Interpreter::State::kIdle;
        if (have_script) st = sh->RunText(script);
        --depth_;
        result.out = out->Take();
        result.err = err->Take();
        result.exit_code = st == shell::Interpreter::State::kExited ? sh->exit_status() : sh->last_status();
        return result;
    }

    auto commands = Commands(persona);
    if (commands.find(base) == commands.end() && base != "echo" && base != "printf" && base != "true" &&
        base != "false" && base != "pwd" && base != "test" && base != "[") {
        uint64_t h = Fnv1a64(env_->Hostname());
        for (const auto& a : argv) h = Fnv1a64(a, h);
        char id[80];
        std::snprintf(id, sizeof id, "%016llx%016llx%016llx%016llx", static_cast<unsigned long long>(h),
                      static_cast<unsigned long long>(h * 31 + 7), static_cast<unsigned long long>(h ^ 0x9e3779b97f4a7c15ULL),
                      static_cast<unsigned long long>(h * 17 + 3));
        result.start_error = std::string("error executing command in container: failed to exec in container: ") +
                             "failed to start exec \"" + id + "\": OCI runtime exec failed: exec failed: unable to " +
                             "start container process: exec: \"" + prog + "\": executable file not found in $PATH: unknown";
        result.exit_code = 126;
        return result;
    }
    // Run the single command through the shell machinery, with its words already split.
    std::string script;
    for (size_t i = 0; i < argv.size(); ++i) {
        if (i) script += ' ';
        std::string q = "'";
        for (char ch : argv[i]) {
            if (ch == '\'') q += "'\\''";
            else q += ch;
        }
        script += q + "'";
    }
    shell::Interpreter::State st = sh->RunText(script);
    result.out = out->Take();
    result.err = err->Take();
    result.exit_code = st == shell::Interpreter::State::kExited ? sh->exit_status() : sh->last_status();
    return result;
}

ContainerExecResult ContainerShell::RunLine(std::string_view line) {
    ContainerExecResult result;
    if (exited_) return result;
    if (!session_) {
        Persona persona = flavor_ == ShellFlavor::kBusybox ? Persona::kBusyboxAsh : Persona::kDash;
        session_ = MakeShell(persona);
    }
    if (pending_.size() + line.size() > (1u << 20)) {
        pending_.clear();
        result.err = shell::ShellName(session_->persona()) + ": input too long\n";
        result.exit_code = 2;
        return result;
    }
    pending_ += line;
    pending_ += '\n';
    shell::ParseResult pr = shell::Parse(pending_);
    if (pr.status == shell::ParseResult::Status::kIncomplete) return result;
    std::string text = std::move(pending_);
    pending_.clear();
    auto out = std::make_shared<shell::BufferSink>();
    auto err = std::make_shared<shell::BufferSink>();
    session_->SetOutput(out, err);
    shell::Interpreter::State st = session_->RunText(text);
    result.out = out->Take();
    result.err = err->Take();
    if (st == shell::Interpreter::State::kExited) {
        exited_ = true;
        exit_code_ = session_->exit_status();
        result.exit_code = exit_code_;
    } else {
        result.exit_code = session_->last_status();
    }
    return result;
}

std::string ContainerShell::Prompt() const {
    if (!pending_.empty()) return "> ";
    return flavor_ == ShellFlavor::kBusybox ? "/ # " : "# ";
}

}  // namespace sts::cluster
