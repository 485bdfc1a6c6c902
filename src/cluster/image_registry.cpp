// The simulated image registry (see image_registry.h). Reference parsing follows
// github.com/distribution/reference (normalize.go, regexp.go); error texts are containerd 2.x's
// CRI PullImage errors as the kubelet prints them; sizes are the compressed linux/amd64 sizes
// containerd reports (the kubelet's "Image size: N bytes").
//
// Index of this file
// [SECTION] Reference parsing
// [SECTION] Catalog
// [SECTION] Lookups, pulls and controls
// [SECTION] Process behaviour (command interpretation)
// [SECTION] Logs
#include "cluster/image_registry.h"

#include <algorithm>
#include <cstdio>

#include "core/hash.h"
#include "core/strings.h"

namespace sts::cluster {

namespace {

// ---------------------------------------------------------------------------------------------
// [SECTION] Reference parsing

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
bool IsWordChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// One path component: [a-z0-9]+ ((\.|_|__|-+) [a-z0-9]+)*
bool ValidPathComponent(std::string_view c) {
    if (c.empty() || !IsLowerAlnum(c.front()) || !IsLowerAlnum(c.back())) return false;
    for (size_t i = 0; i < c.size(); ++i) {
        const char ch = c[i];
        if (IsLowerAlnum(ch)) continue;
        if (ch == '.') {
            if (!IsLowerAlnum(c[i + 1])) return false;
        } else if (ch == '_') {
            if (c[i + 1] == '_') ++i;
            if (!IsLowerAlnum(c[i + 1])) return false;
        } else if (ch == '-') {
            while (c[i + 1] == '-') ++i;
            if (!IsLowerAlnum(c[i + 1])) return false;
        } else {
            return false;
        }
    }
    return true;
}

bool ValidDomain(std::string_view d) {
    const size_t colon = d.rfind(':');
    std::string_view host = colon == std::string_view::npos ? d : d.substr(0, colon);
    if (colon != std::string_view::npos) {
        std::string_view port = d.substr(colon + 1);
        if (port.empty()) return false;
        for (char c : port)
            if (c < '0' || c > '9') return false;
    }
    if (host.empty()) return false;
    for (const auto& label : Split(host, '.')) {
        if (label.empty()) return false;
        for (char c : label)
            if (!IsWordChar(c) && c != '-') return false;
    }
    return true;
}

bool ValidTag(std::string_view t) {
    if (t.empty() || t.size() > 128 || !IsWordChar(t.front())) return false;
    for (char c : t)
        if (!IsWordChar(c) && c != '.' && c != '-') return false;
    return true;
}

bool ValidDigest(std::string_view d) {
    const size_t colon = d.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    std::string_view hex = d.substr(colon + 1);
    if (hex.size() < 32) return false;
    for (char c : hex)
        if (!IsHex(c)) return false;
    return true;
}

}  // namespace

std::string ImageReference::Normalized() const {
    if (!digest.empty()) return Repository() + "@" + digest;
    return Repository() + ":" + tag;
}

bool ParseImageReference(std::string_view image, ImageReference* out, std::string* error) {
    const std::string kInvalid = "invalid reference format";
    ImageReference ref;
    std::string_view rest = image;
    if (rest.empty()) {
        *error = kInvalid;
        return false;
    }
    // A bare 64-hex string is an image ID, not a name.
    if (rest.size() == 64 && std::all_of(rest.begin(), rest.end(), [](char c) { return IsHex(c) && !(c >= 'A' && c <= 'F'); })) {
        *error = "invalid repository name (" + std::string(rest) + "), cannot specify 64-byte hexadecimal strings";
        return false;
    }
    // Domain: the first component when it has '.' or ':', is "localhost", or has upper case.
    std::string remainder;
    const size_t slash = rest.find('/');
    if (slash == std::string_view::npos ||
        (rest.substr(0, slash).find_first_of(".:") == std::string_view::npos && rest.substr(0, slash) != "localhost" &&
         ToLower(rest.substr(0, slash)) == rest.substr(0, slash))) {
        ref.domain = "docker.io";
        remainder = std::string(rest);
    } else {
        ref.domain = std::string(rest.substr(0, slash));
        remainder = std::string(rest.substr(slash + 1));
    }
    if (ref.domain == "index.docker.io") ref.domain = "docker.io";
    if (ref.domain == "docker.io" && remainder.find('/') == std::string::npos) remainder = "library/" + remainder;

    const size_t at = remainder.find('@');
    std::string name_part = remainder.substr(0, at);
    if (at != std::string::npos) ref.digest = remainder.substr(at + 1);
    const size_t colon = name_part.find(':');
    std::string remote = name_part.substr(0, colon);
    if (colon != std::string::npos) ref.tag = name_part.substr(colon + 1);
    if (ToLower(remote) != remote) {
        *error = kInvalid + ": repository name (" + remote + ") must be lowercase";
        return false;
    }
    if (!ValidDomain(ref.domain)) {
        *error = kInvalid;
        return false;
    }
    for (const auto& component : Split(remote, '/')) {
        if (!ValidPathComponent(component)) {
            *error = kInvalid;
            return false;
        }
    }
    if ((colon != std::string::npos && !ValidTag(ref.tag)) || (at != std::string::npos && !ValidDigest(ref.digest))) {
        *error = kInvalid;
        return false;
    }
    if (ref.domain.size() + 1 + remote.size() > 255) {
        *error = "repository name must not be more than 255 characters";
        return false;
    }
    ref.path = remote;
    if (ref.tag.empty() && ref.digest.empty()) ref.tag = "latest";
    if (!ref.digest.empty()) ref.tag.clear();
    *out = std::move(ref);
    return true;
}

bool ImageReferenceParser::Parse(std::string_view image, ImageReference* out, std::string* error) {
    auto it = answers_.find(image);
    if (it == answers_.end()) {
        if (answers_.size() >= kMaxAnswers) answers_.clear();
        Answer answer;
        answer.ok = ParseImageReference(image, &answer.ref, &answer.error);
        it = answers_.emplace(std::string(image), std::move(answer)).first;
    }
    if (it->second.ok) *out = it->second.ref;
    else *error = it->second.error;
    return it->second.ok;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Catalog

namespace {

constexpr int64_t kMiB = 1024 * 1024;
// Docker Hub over a home or office link, as kind nodes pull: nginx:latest (72 MB) takes about
// 17 s, which puts the tutorial's web-0 at Running after ~19 s, as the tutorial shows.
constexpr int64_t kDefaultBandwidth = 4'500'000;

ProcessBehavior NginxBehavior(bool entrypoint_logs) {
    ProcessBehavior b;
    b.stop_signal = "SIGQUIT";  // the official image's STOPSIGNAL: graceful quit, exit 0
    b.stop_time = Millis(60);
    b.warmup = Millis(40);
    b.listen_ports = {80};
    b.serves_http = true;
    b.http_paths = {"/", "/index.html", "/50x.html"};
    b.log_style = entrypoint_logs ? "nginx" : "nginx-plain";
    return b;
}

ProcessBehavior ShellBehavior() {
    // CMD ["sh"] with no terminal attached reads EOF and exits at once.
    ProcessBehavior b;
    b.runs_forever = false;
    b.run_time = Millis(15);
    b.exit_code = 0;
    b.warmup = 0;
    return b;
}

ProcessBehavior ServerBehavior(std::vector<int32_t> ports, Duration warmup, std::string log_style = "",
                               Duration stop_time = Millis(200), int32_t stop_exit_code = 0,
                               std::string stop_signal = "SIGTERM") {
    ProcessBehavior b;
    b.listen_ports = std::move(ports);
    b.warmup = warmup;
    b.log_style = std::move(log_style);
    b.stop_time = stop_time;
    b.stop_exit_code = stop_exit_code;
    b.stop_signal = std::move(stop_signal);
    return b;
}

ProcessBehavior ExitsBehavior(int32_t code, std::vector<std::string> output) {
    ProcessBehavior b;
    b.runs_forever = false;
    b.run_time = Millis(40);
    b.exit_code = code;
    b.exit_output = std::move(output);
    return b;
}

}  // namespace

ImageRegistry::ImageRegistry() : default_bandwidth_(kDefaultBandwidth) {
    const std::string hub = "docker.io/library/";
    // nginx (mainline is "latest"; 1.29 images are built on Debian trixie).
    Add(hub + "nginx", {"1.29.3", "1.29", "1", "mainline", "latest"}, 72195292, "1.29.3", NginxBehavior(true));
    Add(hub + "nginx", {"1.29.3-alpine", "1.29-alpine", "1-alpine", "mainline-alpine", "alpine"}, 21874219, "1.29.3",
        NginxBehavior(true));
    Add(hub + "nginx", {"1.28.0", "1.28", "stable"}, 72223946, "1.28.0", NginxBehavior(true));
    Add(hub + "nginx", {"1.28.0-alpine", "1.28-alpine", "stable-alpine"}, 21354207, "1.28.0", NginxBehavior(true));
    Add(hub + "nginx", {"1.27.5", "1.27"}, 72094178, "1.27.5", NginxBehavior(true));
    Add(hub + "nginx", {"1.27.5-alpine", "1.27-alpine"}, 20998311, "1.27.5", NginxBehavior(true));
    Add(hub + "nginx", {"1.26.3", "1.26"}, 71015520, "1.26.3", NginxBehavior(true));
    Add(hub + "nginx", {"1.26.3-alpine", "1.26-alpine"}, 20466733, "1.26.3", NginxBehavior(true));
    Add(hub + "nginx", {"1.25.5", "1.25"}, 70545131, "1.25.5", NginxBehavior(true));
    Add(hub + "nginx", {"1.25.5-alpine", "1.25-alpine"}, 18624322, "1.25.5", NginxBehavior(true));
    Add(hub + "nginx", {"1.24.0", "1.24"}, 56872231, "1.24.0", NginxBehavior(true));
    Add(hub + "nginx", {"1.23.4", "1.23"}, 57005925, "1.23.4", NginxBehavior(true));
    Add(hub + "nginx", {"1.21.6", "1.21"}, 56733216, "1.21.6", NginxBehavior(true));
    Add(hub + "nginx", {"1.20.2", "1.20"}, 54244130, "1.20.2", NginxBehavior(true));
    Add(hub + "nginx", {"1.19.10", "1.19"}, 53640115, "1.19.10", NginxBehavior(true));
    Add("registry.k8s.io/nginx", {"1.20.2", "1.20"}, 54244130, "1.20.2", NginxBehavior(true));
    // 0.7 and 0.8 are the images of the StatefulSet tutorial's older editions (0.8 in the
    // manifest, 0.7 in the update steps), 0.9 the one of the maxUnavailable walkthrough. The
    // nginx inside 0.7 and 0.9 is dated from the images' place between 0.8's releases.
    Add("registry.k8s.io/nginx-slim", {"0.7"}, 46535176, "1.10.0", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.8"}, 46781902, "1.11.0", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.9"}, 46794533, "1.11.1", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.21"}, 45213371, "1.19.2", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.24"}, 45738217, "1.21.6", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.26"}, 43621480, "1.23.2", NginxBehavior(false));
    Add("registry.k8s.io/nginx-slim", {"0.27"}, 43885734, "1.25.3", NginxBehavior(false));
    Add("registry.k8s.io/e2e-test-images/nginx", {"1.14-4"}, 6810411, "1.14.2", NginxBehavior(false));
    Add("registry.k8s.io/e2e-test-images/nginx", {"1.15-4"}, 7041937, "1.15.12", NginxBehavior(false));
    Add(hub + "httpd", {"2.4.65", "2.4", "2", "latest"}, 45233106, "2.4.65",
        ServerBehavior({80}, Millis(80), "httpd", Millis(150), 0, "SIGWINCH"));
    Add(hub + "httpd", {"2.4.65-alpine", "2.4-alpine", "alpine"}, 22044617, "2.4.65",
        ServerBehavior({80}, Millis(80), "httpd", Millis(150), 0, "SIGWINCH"));

    // Shell and base images: CMD ["sh"] (or bash) exits at once without a terminal.
    Add(hub + "busybox", {"1.37.0", "1.37", "1", "stable", "latest"}, 2156103, "1.37.0", ShellBehavior());
    Add(hub + "busybox", {"1.36.1", "1.36"}, 2220125, "1.36.1", ShellBehavior());
    Add(hub + "busybox", {"1.35.0", "1.35"}, 2214341, "1.35.0", ShellBehavior());
    Add(hub + "busybox", {"1.34.1", "1.34"}, 772788, "1.34.1", ShellBehavior());
    Add(hub + "busybox", {"1.31.1", "1.31"}, 764619, "1.31.1", ShellBehavior());
    Add(hub + "busybox", {"1.28.4", "1.28"}, 727617, "1.28.4", ShellBehavior());
    Add("registry.k8s.io/e2e-test-images/busybox", {"1.36.1-1"}, 2210218, "1.36.1", ShellBehavior());
    Add("registry.k8s.io/busybox", {"1.27.2", "latest"}, 699243, "1.27.2", ShellBehavior());
    Add(hub + "alpine", {"3.23.0", "3.23", "3", "latest"}, 3860434, "3.23.0", ShellBehavior());
    Add(hub + "alpine", {"3.22.2", "3.22"}, 3799911, "3.22.2", ShellBehavior());
    Add(hub + "alpine", {"3.21.5", "3.21"}, 3641715, "3.21.5", ShellBehavior());
    Add(hub + "alpine", {"3.20.8", "3.20"}, 3626897, "3.20.8", ShellBehavior());
    Add(hub + "alpine", {"3.19.9", "3.19"}, 3421478, "3.19.9", ShellBehavior());
    Add(hub + "debian", {"13.2", "13", "trixie", "stable", "latest"}, 49283136, "13.2", ShellBehavior());
    Add(hub + "debian", {"13-slim", "trixie-slim", "stable-slim"}, 29747013, "13.2", ShellBehavior());
    Add(hub + "debian", {"12.12", "12", "bookworm"}, 48494272, "12.12", ShellBehavior());
    Add(hub + "debian", {"12-slim", "bookworm-slim"}, 28230246, "12.12", ShellBehavior());
    Add(hub + "debian", {"11.11", "11", "bullseye"}, 53748226, "11.11", ShellBehavior());
    Add(hub + "ubuntu", {"24.04", "noble", "latest"}, 29723147, "24.04", ShellBehavior());
    Add(hub + "ubuntu", {"22.04", "jammy"}, 29538961, "22.04", ShellBehavior());
    Add(hub + "ubuntu", {"20.04", "focal"}, 27514378, "20.04", ShellBehavior());
    Add(hub + "python", {"3.13.9", "3.13", "3", "latest"}, 393112842, "3.13.9", ShellBehavior());
    Add(hub + "python", {"3.13-slim", "3-slim", "slim"}, 43015336, "3.13.9", ShellBehavior());
    Add(hub + "python", {"3.12-slim"}, 42611109, "3.12.12", ShellBehavior());
    Add(hub + "python", {"3.13-alpine", "alpine"}, 17911243, "3.13.9", ShellBehavior());
    Add(hub + "node", {"24", "24.11", "latest", "current"}, 412302223, "24.11.1", ShellBehavior());
    Add(hub + "node", {"22", "22.21", "lts"}, 398115206, "22.21.1", ShellBehavior());
    Add(hub + "node", {"22-alpine", "lts-alpine"}, 52441816, "22.21.1", ShellBehavior());
    Add(hub + "golang", {"1.25.4", "1.25", "1", "latest"}, 301220945, "1.25.4", ShellBehavior());
    Add("docker.io/curlimages/curl", {"8.17.0", "latest"}, 10103122, "8.17.0",
        ExitsBehavior(2, {"curl: try 'curl --help' or 'curl --manual' for more information"}));
    Add("registry.k8s.io/e2e-test-images/agnhost", {"2.53"}, 55211003, "2.53",
        ExitsBehavior(1, {"Error: unknown command \"\" for \"agnhost\"", "Run 'agnhost --help' for usage."}));
    Add("registry.k8s.io/e2e-test-images/jessie-dnsutils", {"1.7"}, 121002934, "1.7", ShellBehavior());

    // Data stores and servers.
    Add(hub + "redis", {"8.2.3", "8.2", "8", "latest"}, 50873514, "8.2.3", ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "redis", {"8.2.3-alpine", "8.2-alpine", "8-alpine", "alpine"}, 18390922, "8.2.3",
        ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "redis", {"7.4.7", "7.4", "7"}, 45229304, "7.4.7", ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "redis", {"7.4.7-alpine", "7.4-alpine", "7-alpine"}, 16731018, "7.4.7",
        ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "redis", {"7.2.12", "7.2"}, 43810271, "7.2.12", ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "redis", {"6.2.21", "6.2", "6"}, 40108844, "6.2.21", ServerBehavior({6379}, Millis(120), "redis"));
    Add(hub + "mysql", {"9.5.0", "9.5", "9", "innovation", "latest"}, 175612938, "9.5.0",
        ServerBehavior({3306, 33060}, Seconds(14), "mysql", Seconds(2)));
    Add(hub + "mysql", {"8.4.7", "8.4", "8", "lts"}, 173891246, "8.4.7",
        ServerBehavior({3306, 33060}, Seconds(14), "mysql", Seconds(2)));
    Add(hub + "mysql", {"8.0.44", "8.0"}, 168321556, "8.0.44",
        ServerBehavior({3306, 33060}, Seconds(14), "mysql", Seconds(2)));
    Add(hub + "mysql", {"5.7.44", "5.7"}, 146893112, "5.7.44",
        ServerBehavior({3306, 33060}, Seconds(12), "mysql", Seconds(2)));
    Add(hub + "postgres", {"18.1", "18", "latest"}, 158003117, "18.1",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"18.1-alpine", "18-alpine", "alpine"}, 106551237, "18.1",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"17.7", "17"}, 154839210, "17.7",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"17.7-alpine", "17-alpine"}, 104912211, "17.7",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"16.11", "16"}, 153012381, "16.11",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"15.15", "15"}, 151122874, "15.15",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "postgres", {"14.20", "14"}, 149887014, "14.20",
        ServerBehavior({5432}, Seconds(3), "postgres", Millis(400), 0, "SIGINT"));
    Add(hub + "zookeeper", {"3.9.4", "3.9", "latest"}, 121003417, "3.9.4",
        ServerBehavior({2181, 2888, 3888, 8080}, Seconds(2), "zookeeper", Millis(600), 143));
    Add(hub + "zookeeper", {"3.8.5", "3.8"}, 117998203, "3.8.5",
        ServerBehavior({2181, 2888, 3888, 8080}, Seconds(2), "zookeeper", Millis(600), 143));
    Add(hub + "zookeeper", {"3.7.2", "3.7"}, 115001922, "3.7.2",
        ServerBehavior({2181, 2888, 3888, 8080}, Seconds(2), "zookeeper", Millis(600), 143));
    Add(hub + "memcached", {"1.6.39", "1.6", "1", "latest"}, 33521809, "1.6.39", ServerBehavior({11211}, Millis(30)));
    Add(hub + "memcached", {"1.6.39-alpine", "1.6-alpine", "alpine"}, 5123476, "1.6.39",
        ServerBehavior({11211}, Millis(30)));
    Add(hub + "mongo", {"8.0.15", "8.0", "8", "latest"}, 287394012, "8.0.15",
        ServerBehavior({27017}, Seconds(2), "", Millis(800)));
    Add(hub + "mongo", {"7.0.25", "7.0", "7"}, 264901245, "7.0.25", ServerBehavior({27017}, Seconds(2), "", Millis(800)));
    Add(hub + "mongo", {"6.0.26", "6.0", "6"}, 245337112, "6.0.26", ServerBehavior({27017}, Seconds(2), "", Millis(800)));
    Add(hub + "rabbitmq", {"4.1.4", "4.1", "4", "latest"}, 99412032, "4.1.4",
        ServerBehavior({4369, 5672, 25672}, Seconds(8), "", Seconds(3)));
    Add(hub + "rabbitmq", {"4.1.4-management", "4.1-management", "4-management", "management"}, 111239875, "4.1.4",
        ServerBehavior({4369, 5672, 15672, 25672}, Seconds(9), "", Seconds(3)));
    Add(hub + "rabbitmq", {"3.13.7", "3.13", "3"}, 98234417, "3.13.7",
        ServerBehavior({4369, 5672, 25672}, Seconds(8), "", Seconds(3)));
    Add(hub + "rabbitmq", {"3.13.7-management", "3.13-management", "3-management"}, 110293811, "3.13.7",
        ServerBehavior({4369, 5672, 15672, 25672}, Seconds(9), "", Seconds(3)));
    Add(hub + "cassandra", {"5.0.5", "5.0", "5", "latest"}, 156883214, "5.0.5",
        ServerBehavior({7000, 9042}, Seconds(35), "", Seconds(2), 143));
    Add(hub + "cassandra", {"4.1.10", "4.1", "4"}, 145338207, "4.1.10",
        ServerBehavior({7000, 9042}, Seconds(35), "", Seconds(2), 143));
    Add(hub + "cassandra", {"4.0.18", "4.0"}, 142553311, "4.0.18",
        ServerBehavior({7000, 9042}, Seconds(35), "", Seconds(2), 143));
    // Docker Hub's elasticsearch has no "latest" tag: `image: elasticsearch` fails to pull.
    Add(hub + "elasticsearch", {"9.1.5"}, 699337211, "9.1.5",
        ServerBehavior({9200, 9300}, Seconds(25), "", Seconds(2), 143));
    Add(hub + "elasticsearch", {"8.19.5"}, 688220004, "8.19.5",
        ServerBehavior({9200, 9300}, Seconds(25), "", Seconds(2), 143));
    Add(hub + "elasticsearch", {"7.17.28"}, 640553098, "7.17.28",
        ServerBehavior({9200, 9300}, Seconds(25), "", Seconds(2), 143));
    Add("quay.io/coreos/etcd", {"v3.6.5", "latest"}, 23311009, "3.6.5", ServerBehavior({2379, 2380}, Millis(500), "etcd"));
    Add("quay.io/coreos/etcd", {"v3.5.24"}, 22805221, "3.5.24", ServerBehavior({2379, 2380}, Millis(500), "etcd"));
    Add("registry.k8s.io/etcd", {"3.6.4-0"}, 23004116, "3.6.4", ServerBehavior({2379, 2380}, Millis(500), "etcd"));

    // What a kind v1.33 node image ships (crictl images on a fresh node).
    ProcessBehavior control_plane = ServerBehavior({}, Millis(500));
    Add("registry.k8s.io/pause", {"3.10"}, 320368, "3.10", ServerBehavior({}, 0, "", Millis(5)), true);
    Add("registry.k8s.io/pause", {"3.10.1"}, 319775, "3.10.1", ServerBehavior({}, 0, "", Millis(5)));
    Add("registry.k8s.io/pause", {"3.9"}, 321520, "3.9", ServerBehavior({}, 0, "", Millis(5)));
    Add("registry.k8s.io/etcd", {"3.5.21-0"}, 23532003, "3.5.21", ServerBehavior({2379, 2380}, Millis(500), "etcd"),
        true);
    Add("registry.k8s.io/kube-apiserver", {"v1.33.1"}, 30070473, "1.33.1", control_plane, true);
    Add("registry.k8s.io/kube-controller-manager", {"v1.33.1"}, 27617431, "1.33.1", control_plane, true);
    Add("registry.k8s.io/kube-scheduler", {"v1.33.1"}, 21781020, "1.33.1", control_plane, true);
    Add("registry.k8s.io/kube-proxy", {"v1.33.1"}, 31887726, "1.33.1", control_plane, true);
    Add("registry.k8s.io/coredns/coredns", {"v1.12.0"}, 20939036, "1.12.0",
        ServerBehavior({53, 8080, 8181}, Millis(300), "coredns"), true);
    Add("docker.io/kindest/kindnetd", {"v20250512-df8de77b"}, 44375501, "v20250512", control_plane, true);
    Add("docker.io/kindest/local-path-provisioner", {"v20250214-acbabc1a"}, 22541737, "v0.0.31", control_plane, true);
    Add("docker.io/kindest/local-path-helper", {"v20241212-8ac705d0"}, 3084671, "v20241212", ShellBehavior(), true);

    // Since March 2023 k8s.gcr.io redirects to registry.k8s.io, and containerd follows the
    // redirect: k8s.gcr.io/nginx-slim:0.8, as older tutorials write it, pulls the very image
    // registry.k8s.io serves (same digests), stored under the name it was pulled by.
    const std::string kNewHost = "registry.k8s.io/";
    const size_t served = images_.size();
    for (size_t i = 0; i < served; ++i) {
        if (!images_[i].info.repository.starts_with(kNewHost)) continue;
        Entry alias = images_[i];
        alias.info.repository = "k8s.gcr.io/" + alias.info.repository.substr(kNewHost.size());
        alias.preloaded = false;  // kind's node image holds the registry.k8s.io names only
        Register(std::move(alias));
    }
}

void ImageRegistry::Add(std::string repository, std::vector<std::string> tags, int64_t size, std::string version,
                        ProcessBehavior behavior, bool preloaded) {
    Entry e;
    e.info.repository = std::move(repository);
    e.info.tags = std::move(tags);
    e.info.size_bytes = size;
    e.info.version = std::move(version);
    e.info.behavior = std::make_shared<const ProcessBehavior>(std::move(behavior));
    // Digests are facts about the image, not the simulation: derived from the name only.
    e.info.digest = DigestFor(e.info.repository + ":" + e.info.tags.front() + "#manifest");
    e.info.image_id = DigestFor(e.info.repository + ":" + e.info.tags.front() + "#config");
    e.preloaded = preloaded;
    Register(std::move(e));
}

void ImageRegistry::Register(Entry e) {
    const size_t index = images_.size();
    for (const auto& t : e.info.tags) by_tag_[e.info.repository + ":" + t] = index;
    by_digest_[e.info.RepoDigestRef()] = index;
    images_.push_back(std::move(e));
}

std::string ImageRegistry::DigestFor(std::string_view seed_text) const {
    static const char* kHex = "0123456789abcdef";
    std::string out = "sha256:";
    uint64_t h = Fnv1a64(seed_text);
    for (int block = 0; block < 4; ++block) {
        h = Fnv1a64(std::to_string(block), h);
        Rng rng(h);
        uint64_t word = rng.Next();
        for (int i = 0; i < 16; ++i) {
            out.push_back(kHex[word & 15]);
            word >>= 4;
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Lookups, pulls and controls

const ImageInfo* ImageRegistry::Find(const ImageReference& ref) const {
    if (!ref.digest.empty()) {
        auto it = by_digest_.find(ref.Repository() + "@" + ref.digest);
        return it == by_digest_.end() ? nullptr : &images_[it->second].info;
    }
    auto it = by_tag_.find(ref.Repository() + ":" + ref.tag);
    return it == by_tag_.end() ? nullptr : &images_[it->second].info;
}

PullResolution ImageRegistry::Resolve(const ImageReference& ref) const {
    PullResolution r;
    r.image = Find(ref);
    if (r.image) return r;
    const std::string name = ref.Normalized();
    static const char* kKnownRegistries[] = {"docker.io",   "registry.k8s.io", "quay.io", "ghcr.io",
                                             "gcr.io",      "k8s.gcr.io",      "mcr.microsoft.com",
                                             "public.ecr.aws"};
    bool known = false;
    for (const char* host : kKnownRegistries) known = known || ref.domain == host;
    if (!known) {
        // A registry host nobody resolves: the node's DNS (Docker's network gateway on kind) says so.
        const std::string reference = ref.digest.empty() ? ref.tag : ref.digest;
        r.error = "rpc error: code = Unknown desc = failed to pull and unpack image \"" + name +
                  "\": failed to resolve image: failed to do request: Head \"https://" + ref.domain + "/v2/" + ref.path +
                  "/manifests/" + reference + "\": dial tcp: lookup " + ref.domain.substr(0, ref.domain.find(':')) +
                  " on 172.18.0.1:53: no such host";
        return r;
    }
    r.error = "rpc error: code = NotFound desc = failed to pull and unpack image \"" + name +
              "\": failed to resolve image: " + name + ": not found";
    return r;
}

Duration ImageRegistry::PullDuration(const ImageInfo& image, int64_t bytes_per_second, Rng& rng) const {
    const Duration resolve = rng.Range(350, 900);
    // The link's speed wanders by about a tenth from pull to pull.
    const int64_t speed = std::max<int64_t>(1, bytes_per_second * rng.Range(88, 112) / 100);
    const Duration download = image.size_bytes * 1000 / speed;
    const Duration unpack = image.size_bytes * 1000 / (55 * kMiB);
    return resolve + download + unpack;
}

Duration ImageRegistry::FailedPullDuration(Rng& rng) const { return rng.Range(600, 1800); }

int64_t ImageRegistry::Bandwidth(const std::string& node) const {
    auto it = bandwidth_.find(node);
    return it == bandwidth_.end() ? default_bandwidth_ : it->second;
}

void ImageRegistry::SetBandwidth(const std::string& node, int64_t bytes_per_second) {
    bandwidth_[node] = std::max<int64_t>(1, bytes_per_second);
}

bool ImageRegistry::AddImage(std::string_view ref_text, int64_t size_bytes) {
    ImageReference ref;
    std::string error;
    if (!ParseImageReference(ref_text, &ref, &error) || ref.tag.empty()) return false;
    if (const ImageInfo* existing = Find(ref)) {
        images_[by_tag_[existing->repository + ":" + ref.tag]].info.size_bytes = size_bytes;
        return true;
    }
    ProcessBehavior generic = ServerBehavior({8080}, Millis(500));
    generic.serves_http = true;
    Add(ref.Repository(), {ref.tag}, size_bytes, ref.tag, generic);
    return true;
}

bool ImageRegistry::RemoveImage(std::string_view ref_text) {
    ImageReference ref;
    std::string error;
    if (!ParseImageReference(ref_text, &ref, &error)) return false;
    if (!ref.digest.empty()) return by_digest_.erase(ref.Repository() + "@" + ref.digest) > 0;
    // Only this tag disappears; other tags of the same image still resolve.
    return by_tag_.erase(ref.Repository() + ":" + ref.tag) > 0;
}

std::vector<const ImageInfo*> ImageRegistry::PreloadedImages() const {
    std::vector<const ImageInfo*> out;
    for (const auto& e : images_)
        if (e.preloaded) out.push_back(&e.info);
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Process behaviour (command interpretation)

namespace {

std::string Basename(std::string_view path) {
    const size_t slash = path.rfind('/');
    return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

// `sleep` arguments: "3600", "1.5", "10s", "2m", "1h", "1d", "infinity".
bool ParseSleep(std::string_view arg, Duration* out, bool* forever) {
    if (arg == "infinity" || arg == "inf") {
        *forever = true;
        return true;
    }
    if (arg.empty()) return false;
    int64_t unit = 1000;
    std::string_view num = arg;
    switch (arg.back()) {
        case 's': unit = 1000; num.remove_suffix(1); break;
        case 'm': unit = 60 * 1000; num.remove_suffix(1); break;
        case 'h': unit = 3600 * 1000; num.remove_suffix(1); break;
        case 'd': unit = 86400 * 1000; num.remove_suffix(1); break;
        default: break;
    }
    const size_t dot = num.find('.');
    int64_t whole = 0, frac_ms = 0;
    if (!ParseInt64(num.substr(0, dot), &whole) || whole < 0) return false;
    if (dot != std::string_view::npos) {
        std::string frac(num.substr(dot + 1));
        frac.resize(3, '0');
        if (!ParseInt64(frac, &frac_ms)) return false;
    }
    *out = whole * unit + frac_ms * unit / 1000;
    *forever = false;
    return true;
}

// Commands that do their work and exit, and whose output depends on the cluster (names,
// addresses, other pods' servers), so the kubelet runs them in the container's shell.
bool IsOneShotCommand(const std::string& base) {
    return base == "nslookup" || base == "wget" || base == "curl" || base == "hostname" || base == "cat" ||
           base == "ls" || base == "env" || base == "printenv" || base == "date" || base == "uname" ||
           base == "id" || base == "whoami" || base == "pwd" || base == "nproc";
}

bool IsShell(const std::string& base) { return base == "sh" || base == "bash" || base == "ash" || base == "dash"; }

// Busybox applets a container command may name (anything else is "not found in $PATH").
bool IsBusyboxApplet(const std::string& base) {
    static const char* kApplets[] = {
        "[",       "[[",      "arp",      "ash",     "awk",     "base64",  "basename", "cat",     "chmod",
        "chown",   "cp",      "cut",      "date",    "dd",      "df",      "dirname",  "dmesg",   "du",
        "echo",    "env",     "expr",     "false",   "find",    "free",    "grep",     "gzip",    "head",
        "hexdump", "hostname", "httpd",   "id",      "ifconfig", "ip",     "kill",     "killall", "less",
        "ln",      "ls",      "md5sum",   "mkdir",   "more",    "mount",   "mv",       "nc",      "netstat",
        "nohup",   "nproc",   "nslookup", "od",      "ping",    "pkill",   "printf",   "ps",      "pwd",
        "readlink", "realpath", "rm",     "route",   "sed",     "seq",     "sh",       "sha256sum", "sleep",
        "sort",    "stat",    "sync",     "tail",    "tar",     "tee",     "telnet",   "test",    "time",
        "timeout", "top",     "touch",    "tr",      "traceroute", "true", "udhcpc",   "uname",   "uniq",
        "unzip",   "uptime",  "usleep",   "vi",      "watch",   "wc",      "wget",     "which",   "whoami",
        "xargs",   "yes"};
    for (const char* a : kApplets)
        if (base == a) return true;
    return false;
}

// The text of echo/printf statements in a script, printed before it sleeps or exits.
std::vector<std::string> ScriptOutput(const std::string& script) {
    std::vector<std::string> out;
    for (auto& raw : Split(script, ';')) {
        std::string stmt = Trim(raw);
        for (const char* kw : {"do ", "then ", "else "})
            if (stmt.rfind(kw, 0) == 0) stmt = Trim(stmt.substr(std::string(kw).size()));
        if (stmt.rfind("echo ", 0) != 0) continue;
        std::string text = Trim(stmt.substr(5));
        if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') && text.back() == text.front())
            text = text.substr(1, text.size() - 2);
        out.push_back(text);
    }
    return out;
}

// A `sh -c` script, judged by the statements users write in manifests.
ProcessBehavior InterpretScript(const std::string& script, ProcessBehavior b) {
    b.exit_output = ScriptOutput(script);
    b.ignores_stop_signal = true;  // sh as PID 1 has no default SIGTERM action
    b.listen_ports.clear();
    b.serves_http = false;
    b.log_style.clear();
    const size_t trap = script.find("trap ");
    if (trap != std::string::npos && (script.find("TERM", trap) != std::string::npos)) {
        b.ignores_stop_signal = false;
        b.stop_time = Millis(20);
        b.stop_exit_code = 0;
        // The handler's exit: after the trap, or in a function defined before it.
        size_t exit_kw = script.find("exit ", trap);
        if (exit_kw == std::string::npos) exit_kw = script.find("exit ");
        int64_t code = 0;
        if (exit_kw != std::string::npos) {
            size_t end = exit_kw + 5;
            while (end < script.size() && script[end] >= '0' && script[end] <= '9') ++end;
            if (ParseInt64(script.substr(exit_kw + 5, end - exit_kw - 5), &code)) b.stop_exit_code = static_cast<int32_t>(code);
        }
    }
    const bool loops = script.find("while true") != std::string::npos || script.find("while :") != std::string::npos ||
                       script.find("sleep infinity") != std::string::npos ||
                       script.find("tail -f") != std::string::npos || script.find("daemon off") != std::string::npos;
    if (loops) {
        b.runs_forever = true;
        return b;
    }
    // The total of the script's sleeps, then its last `exit N` (0 by default).
    Duration total = Millis(10);
    bool forever = false;
    int32_t exit_code = 0;
    for (auto& raw : Split(script, ';')) {
        const std::vector<std::string> words = SplitNonEmpty(Trim(ReplaceAll(raw, "&&", ";")), ' ');
        for (size_t i = 0; i + 1 < words.size(); ++i) {
            if (words[i] == "sleep") {
                Duration d = 0;
                bool inf = false;
                if (ParseSleep(words[i + 1], &d, &inf)) {
                    total += d;
                    forever = forever || inf;
                }
            } else if (words[i] == "exit") {
                int64_t code = 0;
                if (ParseInt64(words[i + 1], &code)) exit_code = static_cast<int32_t>(code);
            }
        }
        if (!words.empty() && words[0] == "false" && words.size() == 1) exit_code = 1;
    }
    b.runs_forever = forever;
    b.run_time = total;
    b.exit_code = exit_code;
    return b;
}

bool HasEnv(const k8s::Container& c, std::string_view name) {
    for (const auto& e : c.env)
        if (e.name == name && (!e.value.empty() || !e.value_from.IsNull())) return true;
    return false;
}

bool IsShellImage(const ImageInfo& image) {
    const std::string base = Basename(image.repository);
    return base == "busybox" || base == "alpine" || base == "debian" || base == "ubuntu" || base == "python" ||
           base == "node" || base == "golang" || base == "jessie-dnsutils" || base == "local-path-helper";
}

}  // namespace

std::shared_ptr<const ProcessBehavior> ImageRegistry::SharedBehaviorFor(const ImageInfo& image,
                                                                        const k8s::Container& container) const {
    ProcessBehavior b = BehaviorFor(image, container);
    if (b == *image.behavior) return image.behavior;
    return std::make_shared<const ProcessBehavior>(std::move(b));
}

const std::shared_ptr<const ProcessBehavior>& ImageRegistry::NoBehavior() {
    static const std::shared_ptr<const ProcessBehavior> kNone = std::make_shared<const ProcessBehavior>();
    return kNone;
}

std::vector<std::string> ImageRegistry::MainCommand(const ImageInfo& image, const k8s::Container& container) const {
    // command replaces the image's ENTRYPOINT and runs with args (`command: [sh, -c]` plus the
    // script in args); args alone replace the image's CMD, and server images keep their
    // entrypoint, which runs them.
    std::vector<std::string> argv = container.command;
    if (!argv.empty()) {
        argv.insert(argv.end(), container.args.begin(), container.args.end());
        return argv;
    }
    if (container.args.empty()) return argv;
    if (IsShellImage(image)) return container.args;
    if (Basename(image.repository) == "curl") {
        // /entrypoint.sh: `if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ]; then set --
        // curl "$@"; fi; exec "$@"`. The image is Alpine's: busybox's applets and curl.
        const std::string& first = container.args[0];
        const std::string base = Basename(first);
        const bool command = !first.empty() && first[0] != '-' && (IsBusyboxApplet(base) || base == "curl");
        argv = container.args;
        if (!command) argv.insert(argv.begin(), "curl");
    }
    return argv;
}

ProcessBehavior ImageRegistry::BehaviorFor(const ImageInfo& image, const k8s::Container& container) const {
    ProcessBehavior b = *image.behavior;
    const std::string repo_base = Basename(image.repository);
    const std::vector<std::string> argv = MainCommand(image, container);
    if (argv.empty()) {
        // A terminal keeps an interactive shell (kubectl run -it) alive.
        if (IsShellImage(image) && (container.stdin_ || container.tty)) {
            b.runs_forever = true;
            b.ignores_stop_signal = true;
        }
        if (repo_base == "mysql" && !HasEnv(container, "MYSQL_ROOT_PASSWORD") &&
            !HasEnv(container, "MYSQL_ALLOW_EMPTY_PASSWORD") && !HasEnv(container, "MYSQL_RANDOM_ROOT_PASSWORD")) {
            ProcessBehavior fail = ExitsBehavior(1, {});
            fail.run_time = Millis(600);
            fail.log_style = "mysql-nopassword";
            return fail;
        }
        if (repo_base == "postgres" && !HasEnv(container, "POSTGRES_PASSWORD") &&
            container.env.end() == std::find_if(container.env.begin(), container.env.end(), [](const k8s::EnvVar& e) {
                return e.name == "POSTGRES_HOST_AUTH_METHOD" && e.value == "trust";
            })) {
            ProcessBehavior fail = ExitsBehavior(1, {});
            fail.run_time = Millis(300);
            fail.log_style = "postgres-nopassword";
            return fail;
        }
        return b;
    }
    const std::string base = Basename(argv[0]);
    if (base == "sleep" && argv.size() >= 2) {
        Duration d = 0;
        bool forever = false;
        if (ParseSleep(argv[1], &d, &forever)) {
            ProcessBehavior s;
            s.runs_forever = forever;
            s.run_time = d;
            s.exit_code = 0;
            s.ignores_stop_signal = true;
            s.warmup = 0;
            return s;
        }
        return ExitsBehavior(1, {"sleep: invalid number '" + argv[1] + "'"});
    }
    if (IsShell(base)) {
        for (size_t i = 1; i + 1 < argv.size(); ++i)
            if (argv[i] == "-c") return InterpretScript(argv[i + 1], b);
        ProcessBehavior sh = ShellBehavior();
        if (container.stdin_ || container.tty) {
            sh.runs_forever = true;
            sh.ignores_stop_signal = true;
        }
        return sh;
    }
    if (base == "true") return ExitsBehavior(0, {});
    if (base == "false") return ExitsBehavior(1, {});
    if (base == "echo" || base == "printf") {
        std::string text;
        for (size_t i = 1; i < argv.size(); ++i) text += (i > 1 ? " " : "") + argv[i];
        return ExitsBehavior(0, {text});
    }
    if (base == "tail" && std::find(argv.begin(), argv.end(), "-f") != argv.end()) {
        ProcessBehavior t;
        t.ignores_stop_signal = true;
        t.warmup = 0;
        return t;
    }
    if ((repo_base == "busybox" || repo_base == "alpine") && !IsBusyboxApplet(base) && base.find('.') == std::string::npos) {
        ProcessBehavior fail;
        fail.runs_forever = false;
        fail.exit_code = 128;
        fail.run_time = 0;
        fail.log_style = "start-error:" + argv[0];
        return fail;
    }
    // A command the image has that does its work and exits runs in the container (an image
    // without it failed to start just above).
    if (IsOneShotCommand(base)) {
        ProcessBehavior once = ShellBehavior();
        once.command = argv;
        return once;
    }
    // Anything else is taken to be the image's own server started another way
    // (`nginx -g 'daemon off;'`, `redis-server --appendonly yes`, `zkServer.sh start-foreground`).
    return b;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Logs

namespace {

// nginx's error_log time: "2026/01/01 00:00:19".
std::string NginxTime(Time t) {
    const CivilTime c = ToCivil(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d/%02d/%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
    return buf;
}

// redis: "01 Jan 2026 00:00:19.123".
std::string RedisTime(Time t) {
    const CivilTime c = ToCivil(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%02d %s %04d %02d:%02d:%02d.%03d", c.day, kShortMonthNames[c.month - 1], c.year, c.hour,
                  c.minute, c.second, c.millis);
    return buf;
}

// mysql entrypoint: "2026-01-01 00:00:19+00:00".
std::string IsoTime(Time t) {
    const CivilTime c = ToCivil(t);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d+00:00", c.year, c.month, c.day, c.hour, c.minute,
                  c.second);
    return buf;
}

bool VersionAtLeast(const std::string& version, int major, int minor) {
    const auto parts = Split(version, '.');
    int64_t a = 0, b = 0;
    if (parts.size() < 2 || !ParseInt64(parts[0], &a) || !ParseInt64(parts[1], &b)) return false;
    return a > major || (a == major && b >= minor);
}

std::string NginxBuiltBy(const ImageInfo& image) {
    const bool alpine = image.tags.front().find("alpine") != std::string::npos;
    if (alpine) return VersionAtLeast(image.version, 1, 27) ? "gcc 14.2.0 (Alpine 14.2.0)" : "gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309)";
    if (VersionAtLeast(image.version, 1, 29)) return "gcc 14.2.0 (Debian 14.2.0-19)";
    if (VersionAtLeast(image.version, 1, 25)) return "gcc 12.2.0 (Debian 12.2.0-14+deb12u1)";
    return "gcc 10.2.1 20210110 (Debian 10.2.1-6)";
}

// The first worker's pid: the entrypoint's helper scripts use the pids before it.
int NginxFirstWorkerPid(const ImageInfo& image, const std::string& style) {
    if (style == "nginx-plain") return 7;
    return image.tags.front().find("alpine") != std::string::npos ? 21 : 29;
}

}  // namespace

std::vector<std::string> ImageRegistry::StartupLog(const ImageInfo& image, const ProcessBehavior& behavior, Time at,
                                                   int cpus) const {
    std::vector<std::string> out;
    const std::string& style = behavior.log_style;
    if (style == "nginx" || style == "nginx-plain") {
        if (style == "nginx") {
            out.push_back("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
            out.push_back("/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/");
            out.push_back("/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh");
            out.push_back("10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf");
            out.push_back("10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf");
            if (VersionAtLeast(image.version, 1, 25))
                out.push_back("/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh");
            out.push_back("/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh");
            if (VersionAtLeast(image.version, 1, 21))
                out.push_back("/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh");
            out.push_back("/docker-entrypoint.sh: Configuration complete; ready for start up");
        }
        const std::string ts = NginxTime(at + Millis(30));
        const std::string p = ts + " [notice] 1#1: ";
        out.push_back(p + "using the \"epoll\" event method");
        out.push_back(p + "nginx/" + image.version);
        out.push_back(p + "built by " + NginxBuiltBy(image) + " ");
        out.push_back(p + "OS: Linux 6.8.0-1015-gcp");
        out.push_back(p + "getrlimit(RLIMIT_NOFILE): 1048576:1048576");
        out.push_back(p + "start worker processes");
        const int first = NginxFirstWorkerPid(image, style);
        for (int i = 0; i < std::max(1, cpus); ++i) out.push_back(p + "start worker process " + std::to_string(first + i));
        return out;
    }
    if (style == "redis") {
        const std::string c = "1:C " + RedisTime(at + Millis(2));
        const std::string m = "1:M " + RedisTime(at + Millis(4));
        out.push_back(c + " * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo");
        out.push_back(c + " * Redis version=" + image.version + ", bits=64, commit=00000000, modified=1, pid=1, just started");
        out.push_back(c + " # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf");
        out.push_back(m + " * monotonic clock: POSIX clock_gettime");
        out.push_back(m + " * Running mode=standalone, port=6379.");
        out.push_back(m + " * Server initialized");
        out.push_back(m + " * Ready to accept connections tcp");
        return out;
    }
    if (style == "mysql-nopassword") {
        const std::string t = IsoTime(at);
        out.push_back(t + " [Note] [Entrypoint]: Entrypoint script for MySQL Server " + image.version + "-1.el9 started.");
        out.push_back(t + " [Note] [Entrypoint]: Switching to dedicated user 'mysql'");
        out.push_back(t + " [Note] [Entrypoint]: Entrypoint script for MySQL Server " + image.version + "-1.el9 started.");
        out.push_back(t + " [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified");
        out.push_back("    You need to specify one of the following as an environment variable:");
        out.push_back("    - MYSQL_ROOT_PASSWORD");
        out.push_back("    - MYSQL_ALLOW_EMPTY_PASSWORD");
        out.push_back("    - MYSQL_RANDOM_ROOT_PASSWORD");
        return out;
    }
    if (style == "mysql") {
        const std::string t = IsoTime(at);
        out.push_back(t + " [Note] [Entrypoint]: Entrypoint script for MySQL Server " + image.version + "-1.el9 started.");
        out.push_back(t + " [Note] [Entrypoint]: Switching to dedicated user 'mysql'");
        out.push_back(t + " [Note] [Entrypoint]: Entrypoint script for MySQL Server " + image.version + "-1.el9 started.");
        out.push_back(t + " [Note] [Entrypoint]: Initializing database files");
        return out;
    }
    if (style == "postgres-nopassword") {
        out.push_back("Error: Database is uninitialized and superuser password is not specified.");
        out.push_back("       You must specify POSTGRES_PASSWORD to a non-empty value for the");
        out.push_back("       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".");
        out.push_back("");
        out.push_back("       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all");
        out.push_back("       connections without a password. This is *not* recommended.");
        out.push_back("");
        out.push_back("       See PostgreSQL documentation about \"trust\":");
        out.push_back("       https://www.postgresql.org/docs/current/auth-trust.html");
        return out;
    }
    if (style == "postgres") {
        out.push_back("The files belonging to this database system will be owned by user \"postgres\".");
        out.push_back("This user must also own the server process.");
        out.push_back("");
        out.push_back("The database cluster will be initialized with locale \"en_US.utf8\".");
        return out;
    }
    if (style == "httpd") {
        out.push_back("AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using "
                      "10.244.0.0. Set the 'ServerName' directive globally to suppress this message");
        return out;
    }
    for (const auto& line : behavior.exit_output) out.push_back(line);
    return out;
}

std::vector<std::string> ImageRegistry::StopLog(const ImageInfo& image, const ProcessBehavior& behavior, Time at,
                                                int cpus) const {
    std::vector<std::string> out;
    if (behavior.log_style == "nginx" || behavior.log_style == "nginx-plain") {
        const std::string ts = NginxTime(at);
        const bool quit = behavior.stop_signal == "SIGQUIT";
        out.push_back(ts + " [notice] 1#1: signal " + (quit ? "3 (SIGQUIT)" : "15 (SIGTERM)") + " received, " +
                      (quit ? "shutting down" : "exiting"));
        const int first = NginxFirstWorkerPid(image, behavior.log_style);
        const int workers = std::max(1, cpus);
        for (int i = 0; i < workers; ++i) {
            const std::string w = ts + " [notice] " + std::to_string(first + i) + "#" + std::to_string(first + i) + ": ";
            if (quit) out.push_back(w + "gracefully shutting down");
            out.push_back(w + "exiting");
            out.push_back(w + "exit");
        }
        for (int i = 0; i < workers; ++i) {
            out.push_back(ts + " [notice] 1#1: signal 17 (SIGCHLD) received from " + std::to_string(first + i));
            out.push_back(ts + " [notice] 1#1: worker process " + std::to_string(first + i) + " exited with code 0");
        }
        out.push_back(ts + " [notice] 1#1: exit");
        return out;
    }
    if (behavior.log_style == "redis") {
        const std::string m = "1:signal-handler (" + std::to_string(at / 1000) + ") ";
        out.push_back(m + "Received SIGTERM scheduling shutdown...");
        out.push_back("1:M " + RedisTime(at + Millis(60)) + " * User requested shutdown...");
        out.push_back("1:M " + RedisTime(at + Millis(61)) + " * Saving the final RDB snapshot before exiting.");
        out.push_back("1:M " + RedisTime(at + Millis(63)) + " * DB saved on disk");
        out.push_back("1:M " + RedisTime(at + Millis(64)) + " # Redis is now ready to exit, bye bye...");
        return out;
    }
    return out;
}

}  // namespace sts::cluster
