#include "engine/pod_environment.h"

#include <algorithm>
#include <set>

#include "cluster/cluster_dns.h"
#include "cluster/image_registry.h"
#include "core/strings.h"

namespace sts::engine {

namespace {

constexpr const char* kNginxHtml = "/usr/share/nginx/html";

std::string ImageName(const std::string& image) {
    std::string name = image.substr(0, image.find('@'));
    const size_t slash = name.rfind('/');
    if (slash != std::string::npos) name = name.substr(slash + 1);
    return name.substr(0, name.find(':'));
}

std::string ImageTag(const std::string& image) {
    const std::string ref = image.substr(0, image.find('@'));
    const size_t colon = ref.rfind(':');
    const size_t slash = ref.rfind('/');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "latest";
    return ref.substr(colon + 1);
}

// The Content-Type the official image's mime.types gives a file, by extension; anything else
// gets its default_type.
std::string NginxContentType(const std::string& path) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {"html", "text/html"}, {"htm", "text/html"}, {"css", "text/css"}, {"xml", "text/xml"},
        {"txt", "text/plain"}, {"js", "application/javascript"}, {"json", "application/json"},
        {"png", "image/png"}, {"gif", "image/gif"}, {"jpg", "image/jpeg"}, {"jpeg", "image/jpeg"},
        {"svg", "image/svg+xml"}};
    const size_t dot = path.rfind('.');
    if (dot != std::string::npos && path.find('/', dot) == std::string::npos) {
        const std::string ext = path.substr(dot + 1);
        for (const auto& [e, type] : kTypes)
            if (ext == e) return type;
    }
    return "application/octet-stream";
}

bool IsNginx(const std::string& image) {
    const std::string name = ImageName(image);
    return name == "nginx" || name == "nginx-slim";
}

bool IsBusybox(const std::string& image) {
    const std::string name = ImageName(image);
    return name == "busybox" || name == "alpine";
}

// The nginx version an image runs: the catalog's, for an image the registry has; else the
// tag when it is a version, else the current stable.
std::string NginxVersion(cluster::ImageRegistry* registry, const std::string& image) {
    cluster::ImageReference ref;
    std::string error;
    if (registry && cluster::ParseImageReference(image, &ref, &error)) {
        if (const cluster::ImageInfo* info = registry->Find(ref)) return info->version;
    }
    const std::string tag = ImageTag(image);
    if (!tag.empty() && tag[0] >= '0' && tag[0] <= '9' && tag.find('.') != std::string::npos &&
        ImageName(image) == "nginx") {
        std::string v = tag.substr(0, tag.find('-'));
        if (std::count(v.begin(), v.end(), '.') == 1) v += ".0";
        return v;
    }
    return "1.27.5";
}

std::string NormalizePath(const std::string& path) {
    std::vector<std::string> parts;
    for (const auto& p : Split(path, '/')) {
        if (p.empty() || p == ".") continue;
        if (p == "..") {
            if (!parts.empty()) parts.pop_back();
            continue;
        }
        parts.push_back(p);
    }
    return "/" + Join(parts, "/");
}

bool UnderDir(const std::string& path, const std::string& dir) {
    if (dir == "/") return true;
    return path == dir || (path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/');
}

const char* kServiceAccountToken =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6InNpbXVsYXRlZCJ9.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5s"
    "b2NhbCIsInN1YiI6InN5c3RlbTpzZXJ2aWNlYWNjb3VudDpkZWZhdWx0OmRlZmF1bHQifQ.c2ltdWxhdGVk";

}  // namespace

PodEnvironment::PodEnvironment(Simulation& sim, apiserver::Ptr<k8s::Pod> pod, std::string container)
    : sim_(sim), pod_(std::move(pod)), container_(std::move(container)) {}

const k8s::Container* PodEnvironment::FindContainer() const {
    for (const auto& c : pod_->spec->containers)
        if (c.name == container_) return &c;
    return pod_->spec->containers.empty() ? nullptr : &pod_->spec->containers[0];
}

std::string PodEnvironment::Image() const {
    const k8s::Container* c = FindContainer();
    return c ? c->image : "";
}

std::string PodEnvironment::Hostname() const {
    return pod_->spec->hostname.empty() ? pod_->metadata.name : pod_->spec->hostname;
}

std::string PodEnvironment::Fqdn() const {
    if (pod_->spec->subdomain.empty()) return Hostname();
    return Hostname() + "." + pod_->spec->subdomain + "." + pod_->metadata.namespace_ + ".svc.cluster.local";
}

std::string PodEnvironment::PodIp() const { return pod_->status.pod_ip; }

std::map<std::string, std::string> PodEnvironment::Environment() const {
    std::map<std::string, std::string> env;
    env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    env["HOSTNAME"] = Hostname();
    env["HOME"] = "/root";
    const std::string image = Image();
    if (IsNginx(image)) {
        env["NGINX_VERSION"] = NginxVersion(sim_.image_registry(), image);
        env["NJS_VERSION"] = "0.8.10";
        env["NJS_RELEASE"] = "1~bookworm";
        env["PKG_RELEASE"] = "1~bookworm";
        env["DYNPKG_RELEASE"] = "1~bookworm";
    }
    // Service links: the kubernetes Service always, plus every Service with a ClusterIP in the
    // pod's namespace when enableServiceLinks is true (headless Services have none).
    std::vector<apiserver::Ptr<k8s::Service>> services;
    if (auto kube = sim_.api().services().Get("default", "kubernetes")) services.push_back(kube);
    if (pod_->spec->enable_service_links.value_or(true)) {
        for (const auto& svc : sim_.api().services().List(pod_->metadata.namespace_)) {
            if (svc->metadata.namespace_ == "default" && svc->metadata.name == "kubernetes") continue;
            services.push_back(svc);
        }
    }
    for (const auto& svc : services) {
        const std::string& ip = svc->spec.cluster_ip;
        if (ip.empty() || ip == "None" || svc->spec.ports.empty()) continue;
        std::string prefix = svc->metadata.name;
        for (char& ch : prefix) ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        const auto& first = svc->spec.ports[0];
        env[prefix + "_SERVICE_HOST"] = ip;
        env[prefix + "_SERVICE_PORT"] = std::to_string(first.port);
        env[prefix + "_PORT"] = ToLower(first.protocol) + "://" + ip + ":" + std::to_string(first.port);
        for (const auto& p : svc->spec.ports) {
            std::string port_name = p.name;
            for (char& ch : port_name)
                ch = ch == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
            if (!p.name.empty()) env[prefix + "_SERVICE_PORT_" + port_name] = std::to_string(p.port);
            const std::string proto = ToLower(p.protocol);
            std::string upper_proto = p.protocol;
            const std::string base = prefix + "_PORT_" + std::to_string(p.port) + "_" + upper_proto;
            env[base] = proto + "://" + ip + ":" + std::to_string(p.port);
            env[base + "_PROTO"] = proto;
            env[base + "_PORT"] = std::to_string(p.port);
            env[base + "_ADDR"] = ip;
        }
    }
    if (const k8s::Container* c = FindContainer()) {
        for (const auto& e : c->env) env[e.name] = e.value;
    }
    return env;
}

std::string PodEnvironment::HostsFile() const {
    std::string out =
        "# Kubernetes-managed hosts file.\n"
        "127.0.0.1\tlocalhost\n"
        "::1\tlocalhost ip6-localhost ip6-loopback\n"
        "fe00::0\tip6-localnet\n"
        "fe00::0\tip6-mcastprefix\n"
        "fe00::1\tip6-allnodes\n"
        "fe00::2\tip6-allrouters\n";
    if (!PodIp().empty()) {
        if (pod_->spec->subdomain.empty()) out += PodIp() + "\t" + Hostname() + "\n";
        else out += PodIp() + "\t" + Fqdn() + "\t" + Hostname() + "\n";
    }
    return out;
}

std::optional<std::string> PodEnvironment::HostsFileAddress(const std::string& host) const {
    std::string hosts;
    if (!ReadFile("/etc/hosts", &hosts)) return std::nullopt;
    const std::string wanted = ToLower(host);
    for (const std::string& line : Split(hosts, '\n')) {
        std::string text = line.substr(0, line.find('#'));
        std::replace(text.begin(), text.end(), '\t', ' ');
        const std::vector<std::string> fields = SplitNonEmpty(text, ' ');
        // The first IPv4 line naming the host (a client connects over IPv4 first).
        if (fields.size() < 2 || fields[0].find(':') != std::string::npos) continue;
        for (size_t i = 1; i < fields.size(); ++i)
            if (ToLower(fields[i]) == wanted) return fields[0];
    }
    return std::nullopt;
}

std::string PodEnvironment::ResolvConf() const {
    if (auto* dns = sim_.dns()) return cluster::ClusterDns::ResolvConfText(dns->ResolverConfigFor(*pod_));
    return "search " + pod_->metadata.namespace_ +
           ".svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n";
}

bool PodEnvironment::BuiltinFile(const std::string& path, std::string* content) const {
    const std::string image = Image();
    if (path == "/etc/hosts") *content = HostsFile();
    else if (path == "/etc/resolv.conf") *content = ResolvConf();
    else if (path == "/etc/hostname") *content = Hostname() + "\n";
    else if (path == "/etc/os-release" && !IsBusybox(image))
        *content =
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n"
            "VERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n"
            "SUPPORT_URL=\"https://www.debian.org/support\"\nBUG_REPORT_URL=\"https://bugs.debian.org/\"\n";
    else if (IsNginx(image) && path == std::string(kNginxHtml) + "/index.html") *content = cluster::NginxWelcomePage();
    else if (IsNginx(image) && path == std::string(kNginxHtml) + "/50x.html")
        *content = cluster::NginxErrorPage(500, "Internal Server Error", NginxVersion(sim_.image_registry(), image));
    else return false;
    return true;
}

PodEnvironment::Location PodEnvironment::Locate(const std::string& raw_path) const {
    const std::string path = NormalizePath(raw_path);
    Location loc;
    loc.store = "rootfs/" + pod_->metadata.uid + "/" + container_;
    for (const auto& cs : pod_->status.container_statuses)
        if (cs.name == container_) loc.store += "/" + std::to_string(cs.restart_count);
    loc.relative = path.substr(1);
    const k8s::Container* c = FindContainer();
    if (!c) return loc;
    const k8s::VolumeMount* best = nullptr;
    for (const auto& m : c->volume_mounts) {
        const std::string mount = NormalizePath(m.mount_path);
        if (UnderDir(path, mount) && (!best || mount.size() > NormalizePath(best->mount_path).size())) best = &m;
    }
    if (!best) return loc;
    const std::string mount = NormalizePath(best->mount_path);
    loc.mounted = true;
    loc.read_only = best->read_only.value_or(false);
    loc.relative = path.size() > mount.size() ? path.substr(mount.size() + (mount == "/" ? 0 : 1)) : "";
    for (const auto& v : pod_->spec->volumes) {
        if (v.name != best->name) continue;
        if (v.persistent_volume_claim) {
            auto pvc = sim_.api().pvcs().Get(pod_->metadata.namespace_, v.persistent_volume_claim->claim_name);
            loc.store = pvc && !pvc->spec.volume_name.empty()
                            ? "pv/" + pvc->spec.volume_name
                            : "pvc/" + pod_->metadata.namespace_ + "/" + v.persistent_volume_claim->claim_name;
            loc.read_only = loc.read_only || v.persistent_volume_claim->read_only;
        } else if (v.host_path) {
            loc.store = "hostpath/" + pod_->spec->node_name + NormalizePath(v.host_path->path);
        } else if (!v.projected.IsNull()) {
            loc.store = "projected/" + pod_->metadata.uid + "/" + v.name;
            loc.read_only = true;
        } else if (!v.config_map.IsNull() || !v.secret.IsNull() || !v.downward_api.IsNull()) {
            loc.store = "readonly/" + pod_->metadata.uid + "/" + v.name;
            loc.read_only = true;
        } else {
            loc.store = "pod/" + pod_->metadata.uid + "/" + v.name;
        }
    }
    return loc;
}

bool PodEnvironment::ReadFile(const std::string& path, std::string* content) const {
    Time modified;
    return ReadFileModified(path, content, &modified);
}

bool PodEnvironment::ReadFileModified(const std::string& path, std::string* content, Time* modified) const {
    // What the image and the kubelet provide dates from before the cluster started.
    *modified = kSimulationEpoch;
    const Location loc = Locate(path);
    if (loc.store.rfind("projected/", 0) == 0) {
        if (loc.relative == "namespace") *content = pod_->metadata.namespace_;
        else if (loc.relative == "token") *content = kServiceAccountToken;
        else if (loc.relative == "ca.crt")
            *content = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIc2ltdWxhdGVkMA0GCSqGSIb3DQEBCwUAMBUxEzARBgNV\n"
                       "-----END CERTIFICATE-----\n";
        else return false;
        return true;
    }
    if (const auto* files = sim_.volume_data().Find(loc.store)) {
        auto it = files->find(loc.relative);
        if (it != files->end()) {
            *content = it->second.content;
            *modified = it->second.modified;
            return true;
        }
    }
    if (loc.mounted) return false;  // a mount hides what the image has there
    return BuiltinFile(NormalizePath(path), content);
}

std::string PodEnvironment::WriteFile(const std::string& path, std::string_view content, bool append) {
    const Location loc = Locate(path);
    if (loc.read_only) return "Read-only file system";
    if (loc.relative.empty()) return "Is a directory";
    auto& files = sim_.volume_data().Open(loc.store);
    if (!loc.mounted && !files.count(loc.relative)) {
        // Copy-up of an image file into the container's writable layer before appending.
        std::string existing;
        if (append && BuiltinFile(NormalizePath(path), &existing)) files[loc.relative].content = existing;
    }
    // Keep simulated volumes small: a runaway writer gets ENOSPC, as a full disk would answer.
    if (sim_.volume_data().TotalBytes() + content.size() > (16u << 20)) return "No space left on device";
    VolumeData::File& f = files[loc.relative];
    if (append) f.content.append(content);
    else f.content.assign(content);
    f.modified = sim_.Now();
    return "";
}

bool PodEnvironment::ListDir(const std::string& raw_path, std::vector<std::string>* names) const {
    const std::string path = NormalizePath(raw_path);
    std::set<std::string> entries;
    const Location loc = Locate(path);
    if (const auto* files = sim_.volume_data().Find(loc.store)) {
        const std::string prefix = loc.relative.empty() ? "" : loc.relative + "/";
        for (const auto& [p, c] : *files) {
            if (p.compare(0, prefix.size(), prefix) != 0) continue;
            const std::string rest = p.substr(prefix.size());
            if (!rest.empty()) entries.insert(rest.substr(0, rest.find('/')));
        }
    }
    // Mount points inside this directory show up as entries.
    if (const k8s::Container* c = FindContainer()) {
        for (const auto& m : c->volume_mounts) {
            const std::string mount = NormalizePath(m.mount_path);
            if (mount != path && UnderDir(mount, path)) {
                const std::string rest = mount.substr(path == "/" ? 1 : path.size() + 1);
                entries.insert(rest.substr(0, rest.find('/')));
            }
        }
    }
    bool is_dir = loc.mounted && loc.relative.empty();
    if (!loc.mounted) {
        const std::string image = Image();
        if (path == "/") {
            for (const char* d : {"bin", "dev", "etc", "home", "proc", "root", "sys", "tmp", "usr", "var"}) entries.insert(d);
            if (!IsBusybox(image)) for (const char* d : {"boot", "lib", "media", "mnt", "opt", "run", "sbin", "srv"}) entries.insert(d);
            is_dir = true;
        } else if (path == "/etc") {
            for (const char* f : {"hostname", "hosts", "resolv.conf", "passwd", "group"}) entries.insert(f);
            if (!IsBusybox(image)) entries.insert("os-release");
            if (IsNginx(image)) entries.insert("nginx");
            is_dir = true;
        } else if (IsNginx(image) && path == kNginxHtml) {
            entries.insert("50x.html");
            entries.insert("index.html");
            is_dir = true;
        } else if (path == "/tmp" || path == "/root" || path == "/home" || path == "/var" || path == "/usr") {
            is_dir = true;
        }
    }
    if (!is_dir && entries.empty()) return false;
    names->assign(entries.begin(), entries.end());
    return true;
}

cluster::DnsServer PodEnvironment::Nameserver() const {
    if (auto* dns = sim_.dns()) return dns->Nameserver();
    return {"10.96.0.10", "kube-dns.kube-system.svc.cluster.local"};
}

cluster::DnsAnswer PodEnvironment::Lookup(const std::string& name) const {
    if (auto* dns = sim_.dns()) return dns->LookupForShell(*pod_, name);
    return {};
}

cluster::HttpResult PodEnvironment::HttpGet(const std::string& host, int port, const std::string& path) {
    cluster::HttpResult result;
    std::string ip = host;
    const bool literal = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= '0' && c <= '9') || c == '.';
    });
    if (!literal) {
        // The resolver reads /etc/hosts before asking DNS (nsswitch "files dns"): localhost and
        // the pod's own names are answered there.
        if (std::optional<std::string> listed = HostsFileAddress(host)) {
            ip = *listed;
        } else {
            cluster::DnsAnswer answer = Lookup(host);
            if (!answer.found || answer.addresses.empty()) {
                result.kind = cluster::HttpResult::Kind::kBadAddress;
                return result;
            }
            ip = answer.addresses[0];
        }
    }
    result.ip = ip;
    int target_port = port;
    apiserver::Ptr<k8s::Pod> target;
    // Loopback stays in the pod's network namespace, which all its containers share.
    if (ip.rfind("127.", 0) == 0) target = pod_;
    // A Service IP goes through kube-proxy to one ready endpoint (the first, deterministically).
    for (const auto& svc : sim_.api().services().List()) {
        if (target || svc->spec.cluster_ip != ip) continue;
        const k8s::ServicePort* sp = nullptr;
        for (const auto& p : svc->spec.ports)
            if (p.port == port) sp = &p;
        if (!sp) {
            result.kind = cluster::HttpResult::Kind::kRefused;
            return result;
        }
        if (!sp->target_port.is_string) target_port = sp->target_port.int_value;
        auto eps = sim_.api().endpoints().Get(svc->metadata.namespace_, svc->metadata.name);
        if (eps) {
            for (const auto& subset : eps->subsets) {
                for (const auto& addr : subset.addresses) {
                    if (!addr->target_ref) continue;
                    target = sim_.api().pods().Get(addr->target_ref->namespace_, addr->target_ref->name);
                    if (target) break;
                }
                if (target) break;
            }
        }
        if (!target) {
            result.kind = cluster::HttpResult::Kind::kRefused;
            return result;
        }
    }
    if (!target) {
        sim_.api().pods().ForEach("", [&](const apiserver::Ptr<k8s::Pod>& p) {
            if (!target && p->status.pod_ip == ip && p->status.phase == "Running") target = p;
        });
    }
    if (!target) {
        result.kind = cluster::HttpResult::Kind::kTimeout;
        return result;
    }
    const k8s::Container* server = nullptr;
    for (const auto& c : target->spec->containers)
        if (IsNginx(c.image)) server = &c;
    bool running = false;
    if (server) {
        for (const auto& cs : target->status.container_statuses)
            if (cs.name == server->name && cs.state.running) running = true;
    }
    if (!server || !running || target_port != 80) {
        result.kind = cluster::HttpResult::Kind::kRefused;
        return result;
    }
    PodEnvironment served(sim_, target, server->name);
    const std::string version = NginxVersion(sim_.image_registry(), server->image);
    std::string file = NormalizePath(std::string(kNginxHtml) + "/" + path);
    std::vector<std::string> listing;
    if (served.ListDir(file, &listing)) file += "/index.html";
    // nginx's response headers, in the order it sends them (ngx_http_header_filter).
    std::string headers = "Server: nginx/" + version + "\r\nDate: " + FormatRfc1123(sim_.Now(), "GMT") + "\r\n";
    std::string body;
    Time modified;
    if (served.ReadFileModified(file, &body, &modified)) {
        result.status = 200;
        result.reason = "OK";
        result.body = body;
        // ETag is "<mtime in hex>-<length in hex>" (ngx_http_set_etag).
        char etag[48];
        std::snprintf(etag, sizeof etag, "\"%llx-%zx\"", static_cast<unsigned long long>(modified / 1000), body.size());
        result.headers = headers + "Content-Type: " + NginxContentType(file) + "\r\nContent-Length: " +
                         std::to_string(body.size()) + "\r\nLast-Modified: " + FormatRfc1123(modified, "GMT") +
                         "\r\nConnection: keep-alive\r\nETag: " + etag + "\r\nAccept-Ranges: bytes\r\n";
        return result;
    }
    // A directory without an index answers 403 (autoindex is off); anything else 404.
    const bool dir_without_index = file.size() > 11 && file.compare(file.size() - 11, 11, "/index.html") == 0;
    result.status = dir_without_index ? 403 : 404;
    result.reason = dir_without_index ? "Forbidden" : "Not Found";
    result.body = cluster::NginxErrorPage(result.status, result.reason, version);
    result.headers = headers + "Content-Type: text/html\r\nContent-Length: " + std::to_string(result.body.size()) +
                     "\r\nConnection: keep-alive\r\n";
    return result;
}

apiserver::Ptr<k8s::Pod> FindRunningContainer(Simulation& sim, const std::string& ns, const std::string& pod_name,
                                              std::string* container, client::ApiError* error) {
    auto pod = sim.api().pods().Get(ns, pod_name);
    if (!pod) {
        *error = {404, "NotFound", "pods \"" + pod_name + "\" not found"};
        return nullptr;
    }
    if (container->empty() && !pod->spec->containers.empty()) *container = pod->spec->containers[0].name;
    bool known = false;
    for (const auto& c : pod->spec->containers) known = known || c.name == *container;
    if (!known) {
        *error = {400, "BadRequest", "container " + *container + " is not valid for pod " + pod_name};
        return nullptr;
    }
    bool running = false;
    for (const auto& cs : pod->status.container_statuses)
        if (cs.name == *container && cs.state.running) running = true;
    if (!running) {
        error->code = 500;
        error->message = "unable to upgrade connection: container not found (\"" + *container + "\")";
        return nullptr;
    }
    return pod;
}

client::ExecResult ExecInPod(Simulation& sim, const std::string& ns, const std::string& pod_name,
                             const std::string& container_name, const std::vector<std::string>& argv) {
    client::ExecResult r;
    std::string container = container_name;
    auto pod = FindRunningContainer(sim, ns, pod_name, &container, &r.error);
    if (!pod) return r;
    PodEnvironment env(sim, pod, container);
    cluster::ContainerShell shell(&env);
    cluster::ContainerExecResult result = shell.Exec(argv);
    if (!result.start_error.empty()) {
        r.error.code = 500;
        r.error.message = "Internal error occurred: " + result.start_error;
        return r;
    }
    r.out = std::move(result.out);
    r.err = std::move(result.err);
    r.exit_code = result.exit_code;
    return r;
}

}  // namespace sts::engine
