// The shell inside a simulated container: what `kubectl exec web-0 -- sh -c 'hostname'` and the
// `/ #` prompt of `kubectl run -it --image busybox:1.28` talk to. Busybox images (busybox, alpine)
// get busybox 1.28 ash and applets; other images (nginx) get Debian's dash and GNU tools.
// Everything the shell knows about its pod comes through ContainerEnvironment, which the engine
// implements: names, files, environment, DNS (search-path expansion is the resolver's job) and
// HTTP to other pods.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/time.h"
#include "shell/shell.h"

namespace sts::cluster {

// The cluster DNS server as /etc/resolv.conf names it, with its reverse name.
struct DnsServer {
    std::string ip;         // "10.96.0.10"
    std::string ptr_name;   // "kube-dns.kube-system.svc.cluster.local" ("" if none)
};

// The answer to a lookup after search-list expansion (ndots:5) done by the resolver.
struct DnsAnswer {
    bool found = false;                   // false: NXDOMAIN for every candidate
    std::vector<std::string> addresses;   // A records, in the order the server returned them
    std::vector<std::string> ptr_names;   // reverse name per address ("" if none)
};

struct HttpResult {
    enum class Kind { kOk, kBadAddress, kRefused, kTimeout };
    Kind kind = Kind::kOk;
    std::string ip;           // the address connected to (for "Connecting to host (ip:port)")
    int status = 200;         // HTTP status when kOk
    std::string reason = "OK";
    std::string headers;  // the response's header lines, each ending "\r\n" (curl -i and -I print them)
    std::string body;
};

class ContainerEnvironment {
public:
    virtual ~ContainerEnvironment() = default;
    virtual std::string Image() const = 0;     // "busybox:1.28", "nginx:latest"
    virtual std::string Hostname() const = 0;  // "web-0"
    virtual std::string Fqdn() const = 0;      // "web-0.nginx.default.svc.cluster.local"
    virtual std::string PodIp() const = 0;     // "10.244.1.2"
    // The container's environment (PATH, HOSTNAME, KUBERNETES_SERVICE_HOST, ...).
    virtual std::map<std::string, std::string> Environment() const = 0;
    // Files: /etc/hosts, /etc/resolv.conf, /etc/hostname, /etc/os-release, mounted volumes...
    virtual bool ReadFile(const std::string& path, std::string* content) const = 0;
    // "" on success, else the OS's reason ("Read-only file system", "No such file or directory").
    virtual std::string WriteFile(const std::string& path, std::string_view content, bool append) = 0;
    virtual bool ListDir(const std::string& path, std::vector<std::string>* names) const = 0;
    virtual Time Now() const = 0;
    virtual DnsServer Nameserver() const = 0;
    virtual DnsAnswer Lookup(const std::string& name) const = 0;
    // GET http://host:port/path from this pod; host is a name (resolved like Lookup) or an IP.
    virtual HttpResult HttpGet(const std::string& host, int port, const std::string& path) = 0;
};

enum class ShellFlavor { kBusybox, kDebian };
ShellFlavor FlavorForImage(std::string_view image);

struct ContainerExecResult {
    std::string out;
    std::string err;
    int exit_code = 0;
    // Non-empty when the runtime could not start argv[0] at all (no such executable); the API
    // server reports it as an InternalError and kubectl prints "error: Internal error occurred: ...".
    std::string start_error;
};

// The nginx welcome page (nginx 1.2x, /usr/share/nginx/html/index.html in the official image).
const std::string& NginxWelcomePage();
// nginx's 403 page when the html directory has no index.html (the tutorial's empty hostPath).
std::string NginxErrorPage(int status, const std::string& reason, const std::string& version);

class ContainerShell {
public:
    explicit ContainerShell(ContainerEnvironment* env);
    ~ContainerShell();

    ShellFlavor flavor() const { return flavor_; }

    // Runs argv as the container runtime would for `kubectl exec POD -- argv...`.
    ContainerExecResult Exec(const std::vector<std::string>& argv);

    // An interactive session (`kubectl run -it`, `kubectl exec -it POD -- sh`): one shell that
    // keeps its variables between lines. A line may be incomplete (PS2). After `exit` the
    // session is over and Exited() is true.
    ContainerExecResult RunLine(std::string_view line);
    bool Exited() const { return exited_; }
    int ExitCode() const { return exit_code_; }
    // "/ # " (busybox as root), "# " (dash as root), "> " while a line is incomplete.
    std::string Prompt() const;

private:
    std::unique_ptr<shell::Interpreter> MakeShell(shell::Persona persona);
    std::map<std::string, shell::CommandFn> Commands(shell::Persona persona);

    ContainerEnvironment* env_;
    ShellFlavor flavor_;
    class EnvFileSystem;
    std::unique_ptr<EnvFileSystem> fs_;
    std::unique_ptr<shell::Interpreter> session_;
    std::string pending_;
    bool exited_ = false;
    int exit_code_ = 0;
    int depth_ = 0;  // nesting of `sh -c` inside `sh -c`
};

}  // namespace sts::cluster
