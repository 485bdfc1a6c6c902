// The boundary between the console (kubectl) and a cluster: Kubernetes JSON objects in and out,
// the REST verbs of the real API, and a watch stream. The simulated cluster implements it today;
// a remote API server (through `kubectl proxy`) can implement it later, and the same console and
// printers serve both.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.h"
#include "core/value.h"

namespace sts::client {

// One API resource as discovery describes it.
struct ResourceInfo {
    std::string kind;      // "StatefulSet"
    std::string group;     // "apps" ("" for the core group)
    std::string version;   // "v1"
    std::string resource;  // "statefulsets"
    std::string singular;  // "statefulset"
    std::vector<std::string> short_names;  // {"sts"}
    bool namespaced = true;
    // Served for get and list only (discovery's verbs [get list]): every write is refused with
    // 405, and so is a watch.
    bool read_only = false;

    std::string ApiVersion() const { return group.empty() ? version : group + "/" + version; }
    // "statefulsets.apps", or "pods" for the core group: the form used in API error messages.
    std::string GroupResource() const { return group.empty() ? resource : resource + "." + group; }
    // "statefulset.apps", or "pod": the form kubectl prints in "statefulset.apps/web created".
    std::string GroupSingular() const { return group.empty() ? singular : singular + "." + group; }
};

// A failed request, shaped like metav1.Status. kubectl prints
// "Error from server (<reason>): <message>".
struct ApiError {
    int code = 0;           // HTTP status: 404, 409, 422, 400 ...
    std::string reason;     // "NotFound", "AlreadyExists", "Invalid", "BadRequest", "Conflict"
    std::string message;    // `statefulsets.apps "web" not found`
    bool ok() const { return code == 0; }
};

template <class T>
struct ApiResult {
    T value{};
    ApiError error;
    std::vector<std::string> warnings;  // "Warning: ..." lines the server attached
    bool ok() const { return error.ok(); }
};

struct ListOptions {
    std::string label_selector;  // "app=nginx,tier!=db"
    std::string field_selector;  // "metadata.name=web-0"
};

struct DeleteOptions {
    std::optional<int64_t> grace_period_seconds;
    std::string propagation_policy;  // "", "Background", "Foreground", "Orphan"
    bool dry_run = false;
};

struct WriteOptions {
    bool dry_run = false;
    std::string field_manager;  // "kubectl-client-side-apply", "kubectl-edit", ...
};

enum class PatchType { kStrategicMerge, kMerge, kJson };

enum class WatchEventType { kAdded, kModified, kDeleted };

struct WatchEvent {
    WatchEventType type;
    Value object;
};

struct ExecResult {
    std::string out;  // stdout
    std::string err;  // stderr
    int exit_code = 0;
    ApiError error;   // the exec request itself failed (pod not found, not running, ...)
};

class Cluster {
public:
    virtual ~Cluster() = default;

    // Discovery: every resource the server serves.
    virtual const std::vector<ResourceInfo>& Resources() const = 0;

    virtual ApiResult<Value> Create(const ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const WriteOptions& opts) = 0;
    virtual ApiResult<Value> Get(const ResourceInfo& res, const std::string& ns,
                                 const std::string& name) = 0;
    // ns "" lists across all namespaces. Returns a list object {apiVersion, kind: "<Kind>List",
    // metadata: {resourceVersion}, items: [...]}; items sorted by namespace then name.
    virtual ApiResult<Value> List(const ResourceInfo& res, const std::string& ns,
                                  const ListOptions& opts) = 0;
    // subresource: "" (replace the object), "status" or "scale".
    virtual ApiResult<Value> Update(const ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const std::string& subresource, const WriteOptions& opts) = 0;
    virtual ApiResult<Value> Patch(const ResourceInfo& res, const std::string& ns,
                                   const std::string& name, PatchType type, const Value& patch,
                                   const std::string& subresource, const WriteOptions& opts) = 0;
    // Returns the object as it is after the call (still present while finalizers or a grace
    // period hold it), as the API server does.
    virtual ApiResult<Value> Delete(const ResourceInfo& res, const std::string& ns,
                                    const std::string& name, const DeleteOptions& opts) = 0;

    // Watch: the callback runs synchronously, in order, for every later change of objects of
    // this resource in `ns` ("" for all). Returns an id for Unwatch.
    virtual int Watch(const ResourceInfo& res, const std::string& ns,
                      std::function<void(const WatchEvent&)> callback) = 0;
    virtual void Unwatch(int id) = 0;

    // Runs argv in a container (the first one when `container` is empty).
    virtual ExecResult Exec(const std::string& ns, const std::string& pod, const std::string& container,
                            const std::vector<std::string>& argv) = 0;
    // What an attached client sees of the container's main process (`kubectl run -i NAME --
    // ARGS`): it runs the command line the container's command, args and image make.
    virtual ExecResult Attach(const std::string& ns, const std::string& pod, const std::string& container) = 0;
    virtual ApiResult<std::string> Logs(const std::string& ns, const std::string& pod,
                                        const std::string& container, bool previous) = 0;

    // Interactive shells (`kubectl run -it`, `kubectl exec -it POD -- sh`): one shell process
    // whose variables and working directory persist between lines. Returns a session id (0 and
    // `error` set on failure). The defaults run each line as its own `sh -c`, which is all a
    // cluster without sessions can offer.
    virtual int OpenShell(const std::string& ns, const std::string& pod, const std::string& container,
                          ApiError* error) {
        (void)error;
        const int id = next_shell_id_++;
        shells_[id] = {ns, pod, container};
        return id;
    }
    // Runs one (complete) line; `exited` is set when the line ended the shell (`exit`).
    virtual ExecResult ShellInput(int shell, const std::string& line, bool* exited) {
        *exited = false;
        auto it = shells_.find(shell);
        if (it == shells_.end()) return ExecResult{"", "", 1, {404, "NotFound", "no such session"}};
        return Exec(it->second.ns, it->second.pod, it->second.container, {"sh", "-c", line});
    }
    // Ends a session. `ends_container`: the shell was the container's main process (run -it),
    // so its exit ends the container with `exit_code`.
    virtual void CloseShell(int shell, bool ends_container, int exit_code) {
        (void)ends_container;
        (void)exit_code;
        shells_.erase(shell);
    }

    // The cluster's clock: simulated time for the simulation, wall time for a real cluster.
    virtual Time Now() const = 0;
    // {"major":"1","minor":"33","gitVersion":"v1.33.1",...}
    virtual Value ServerVersion() const = 0;

private:
    struct ShellTarget {
        std::string ns, pod, container;
    };
    std::map<int, ShellTarget> shells_;
    int next_shell_id_ = 1;
};

}  // namespace sts::client
