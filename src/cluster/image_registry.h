// The container images the simulated nodes pull: a catalog of common public images with their
// compressed sizes, tag aliases and digests; image references normalised as containerd does
// (github.com/distribution/reference ParseDockerRef); pull timing from size and a node's
// bandwidth; containerd's error text for images that do not exist; and what each image's main
// process does when it runs (keeps running or exits, how it takes its stop signal, which ports
// it serves, what it logs). The kubelet asks; nothing here knows about pods or nodes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/hash.h"
#include "core/rng.h"
#include "core/time.h"
#include "k8s/core_v1.h"

namespace sts::cluster {

// A reference after normalisation: docker.io/library/nginx:latest.
struct ImageReference {
    std::string domain;  // "docker.io", "registry.k8s.io"
    std::string path;    // "library/nginx", "nginx-slim"
    std::string tag;     // "latest"; empty for a digest-only reference
    std::string digest;  // "sha256:<64 hex>" when pinned

    std::string Repository() const { return domain + "/" + path; }
    // "docker.io/library/nginx:latest", or "docker.io/library/nginx@sha256:..." when pinned
    // (containerd drops the tag of a reference that has both).
    std::string Normalized() const;
};

// Parses like containerd's reference.ParseDockerRef. On failure returns false with Go's text,
// e.g. "invalid reference format: repository name (library/Nginx) must be lowercase".
bool ParseImageReference(std::string_view image, ImageReference* out, std::string* error);

// ParseImageReference with its answers kept: a cluster parses the same few names over and over
// (every kubelet at every container start, the scheduler for every pod), and the parse reads
// nothing but the name.
class ImageReferenceParser {
public:
    bool Parse(std::string_view image, ImageReference* out, std::string* error);

private:
    struct Answer {
        bool ok = false;
        ImageReference ref;
        std::string error;
    };
    // Names typed by hand can be many: past this the answers start over.
    static constexpr size_t kMaxAnswers = 256;
    std::unordered_map<std::string, Answer, StringViewHash, std::equal_to<>> answers_;
};

// What an image's main process does; the kubelet turns it into container states.
struct ProcessBehavior {
    bool runs_forever = true;       // false: exits on its own after run_time
    Duration run_time = 0;
    int32_t exit_code = 0;          // when it exits on its own
    // PID 1 without a handler for the stop signal: only the SIGKILL at the end of the grace
    // period stops it (busybox `sleep`, `sh -c`, `tail -f`).
    bool ignores_stop_signal = false;
    Duration stop_time = Millis(100);  // handled stop signal: time until it has exited
    int32_t stop_exit_code = 0;        // exit code after a handled stop signal
    std::string stop_signal = "SIGTERM";  // the image's STOPSIGNAL
    Duration warmup = Millis(50);      // from start until its ports accept connections
    std::vector<int32_t> listen_ports;
    bool serves_http = false;           // answers HTTP on its ports
    std::vector<std::string> http_paths;  // paths answered 200 (others 404); empty = any
    std::string log_style;              // "nginx", "redis", ... ("" = prints nothing)
    std::vector<std::string> exit_output;  // printed before exiting on its own
    // A one-shot command that reads the cluster (`nslookup web-0.nginx`, `curl -s nginx`): the
    // kubelet runs this command line in the container when it starts, and what it prints is its
    // log and its status the exit code.
    std::vector<std::string> command;

    bool operator==(const ProcessBehavior&) const = default;
};

struct ImageInfo {
    std::string repository;    // "docker.io/library/nginx"
    std::vector<std::string> tags;  // every tag naming this image ("1.29", "latest", ...)
    std::string digest;        // repo digest "sha256:..."
    std::string image_id;      // config digest "sha256:..." (what crictl shows as IMAGE ID)
    int64_t size_bytes = 0;    // what containerd reports and the kubelet prints as "Image size"
    std::string version;       // the software version inside ("1.29.3"), for log lines
    // With the image's default command; shared by the containers that run it unchanged.
    std::shared_ptr<const ProcessBehavior> behavior;

    // "docker.io/library/nginx@sha256:..." as status.containerStatuses[].imageID.
    std::string RepoDigestRef() const { return repository + "@" + digest; }
};

// A pull attempt: the image, or containerd's error as the CRI returns it to the kubelet.
struct PullResolution {
    const ImageInfo* image = nullptr;
    std::string error;  // "rpc error: code = NotFound desc = failed to pull and unpack image ..."
};

class ImageRegistry {
public:
    // No seed: an image's digest depends on the image alone, as a published image's does, so it
    // is the same in every session.
    ImageRegistry();

    // Looks an image up without pulling (nullptr when the registry has no such image).
    const ImageInfo* Find(const ImageReference& ref) const;
    // What containerd answers to PullImage(ref).
    PullResolution Resolve(const ImageReference& ref) const;
    // How long a pull of `image` takes at `bytes_per_second`, with jitter from `rng`: the
    // registry round trips, the download, and the unpack.
    Duration PullDuration(const ImageInfo& image, int64_t bytes_per_second, Rng& rng) const;
    // A failed pull ends after the resolve round trip only.
    Duration FailedPullDuration(Rng& rng) const;

    // The default download speed of a node (bytes/s) and per-node overrides.
    int64_t Bandwidth(const std::string& node) const;
    void SetBandwidth(const std::string& node, int64_t bytes_per_second);
    void SetDefaultBandwidth(int64_t bytes_per_second) { default_bandwidth_ = bytes_per_second; }

    // Simulator controls: publish or withdraw an image ("myapp:1.0" -> docker.io/library/myapp:1.0).
    // A new image behaves as a generic long-running server. False when `ref` does not parse
    // (AddImage) or names no image (RemoveImage).
    bool AddImage(std::string_view ref, int64_t size_bytes);
    bool RemoveImage(std::string_view ref);

    // What the container's process does: the image's default behaviour, changed by the
    // container's command/args (`sleep 3600`, `sh -c '...'`) and environment (mysql without
    // MYSQL_ROOT_PASSWORD exits).
    ProcessBehavior BehaviorFor(const ImageInfo& image, const k8s::Container& container) const;
    // The same, as the kubelet keeps it for each container instance: the image's own when the
    // container leaves it unchanged (a StatefulSet's pods all do), so a thousand nginx containers
    // hold one.
    std::shared_ptr<const ProcessBehavior> SharedBehaviorFor(const ImageInfo& image,
                                                             const k8s::Container& container) const;
    // The behaviour of a container whose image is not known.
    static const std::shared_ptr<const ProcessBehavior>& NoBehavior();
    // The command line the container's main process runs, when the image's own ENTRYPOINT
    // decides it or the container gives one: command and args; or args alone, which replace the
    // CMD (curlimages/curl's entrypoint runs `curl ARGS` when the first is an option or not a
    // command in the image). Empty when the image's own default runs.
    std::vector<std::string> MainCommand(const ImageInfo& image, const k8s::Container& container) const;

    // The images a kind node image ships preloaded (the control plane's and CNI's).
    std::vector<const ImageInfo*> PreloadedImages() const;

    // Log lines the process prints when it starts, at `at` (its start time), for a node with
    // `cpus` CPUs; and when it stops on its stop signal.
    std::vector<std::string> StartupLog(const ImageInfo& image, const ProcessBehavior& behavior, Time at,
                                        int cpus) const;
    std::vector<std::string> StopLog(const ImageInfo& image, const ProcessBehavior& behavior, Time at,
                                     int cpus) const;

    size_t Size() const { return images_.size(); }

private:
    struct Entry {
        ImageInfo info;
        bool preloaded = false;
    };
    void Add(std::string repository, std::vector<std::string> tags, int64_t size, std::string version,
             ProcessBehavior behavior, bool preloaded = false);
    // Makes an entry findable by its tags and digest.
    void Register(Entry e);
    std::string DigestFor(std::string_view seed_text) const;

    std::vector<Entry> images_;
    std::map<std::string, size_t> by_tag_;     // "docker.io/library/nginx:latest" -> index
    std::map<std::string, size_t> by_digest_;  // "docker.io/library/nginx@sha256:..." -> index
    std::map<std::string, int64_t> bandwidth_;
    int64_t default_bandwidth_;
};

}  // namespace sts::cluster
