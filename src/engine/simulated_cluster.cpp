#include "engine/simulated_cluster.h"

#include <algorithm>

#include "apiserver/resources.h"
#include "cluster/kubelet.h"
#include "engine/pod_environment.h"

namespace sts::engine {

namespace {

// The deprecation warning the API server attaches to every request for a deprecated kind.
template <class R>
R WithDeprecationWarning(const client::ResourceInfo& res, R result) {
    if (res.kind == "Endpoints") result.warnings.insert(result.warnings.begin(), kEndpointsDeprecationWarning);
    if (res.kind == "ComponentStatus")
        result.warnings.insert(result.warnings.begin(), kComponentStatusDeprecationWarning);
    return result;
}

}  // namespace

// One interactive shell in a container: the shell keeps its state between lines.
struct SimulatedCluster::ShellSession {
    std::string ns, pod, container;
    std::unique_ptr<PodEnvironment> env;
    std::unique_ptr<cluster::ContainerShell> shell;
};

int SimulatedCluster::OpenShell(const std::string& ns, const std::string& pod, const std::string& container,
                                client::ApiError* error) {
    std::string name = container;
    auto obj = FindRunningContainer(sim_, ns, pod, &name, error);
    if (!obj) return 0;
    auto session = std::make_unique<ShellSession>();
    session->ns = ns;
    session->pod = pod;
    session->container = name;
    session->env = std::make_unique<PodEnvironment>(sim_, obj, name);
    session->shell = std::make_unique<cluster::ContainerShell>(session->env.get());
    const int id = next_shell_++;
    shells_[id] = std::move(session);
    return id;
}

client::ExecResult SimulatedCluster::ShellInput(int shell, const std::string& line, bool* exited) {
    *exited = false;
    client::ExecResult r;
    auto it = shells_.find(shell);
    if (it == shells_.end()) {
        r.error = {404, "NotFound", "no such session"};
        return r;
    }
    ShellSession& s = *it->second;
    std::string container = s.container;
    auto pod = FindRunningContainer(sim_, s.ns, s.pod, &container, &r.error);
    if (!pod) {
        // The container went away under the session (deleted, crashed): the stream ends.
        *exited = true;
        return r;
    }
    s.env->SetPod(pod);
    cluster::ContainerExecResult result = s.shell->RunLine(line);
    r.out = std::move(result.out);
    r.err = std::move(result.err);
    r.exit_code = result.exit_code;
    *exited = s.shell->Exited();
    return r;
}

void SimulatedCluster::CloseShell(int shell, bool ends_container, int exit_code) {
    auto it = shells_.find(shell);
    if (it == shells_.end()) return;
    if (ends_container) {
        // The shell was the container's main process: its exit ends the container.
        auto pod = sim_.api().pods().Get(it->second->ns, it->second->pod);
        if (pod && !pod->spec->node_name.empty()) {
            if (cluster::Kubelet* kubelet = sim_.kubelet(pod->spec->node_name))
                kubelet->Crash(it->second->ns, it->second->pod, it->second->container, exit_code);
        }
    }
    shells_.erase(it);
}

SimulatedCluster::SimulatedCluster(Simulation& sim) : sim_(sim) {}

SimulatedCluster::~SimulatedCluster() {
    for (const auto& w : watches_) w.store->RemoveValueWatcher(w.store_watch_id);
}

const std::vector<client::ResourceInfo>& SimulatedCluster::Resources() const { return apiserver::ServedResources(); }

client::ApiResult<Value> SimulatedCluster::Create(const client::ResourceInfo& res, const std::string& ns,
                                                  const Value& obj, const client::WriteOptions& opts) {
    return WithDeprecationWarning(res, sim_.api().Create(res, ns, obj, opts));
}

client::ApiResult<Value> SimulatedCluster::Get(const client::ResourceInfo& res, const std::string& ns,
                                               const std::string& name) {
    return WithDeprecationWarning(res, sim_.api().Get(res, ns, name));
}

client::ApiResult<Value> SimulatedCluster::List(const client::ResourceInfo& res, const std::string& ns,
                                                const client::ListOptions& opts) {
    return WithDeprecationWarning(res, sim_.api().List(res, ns, opts));
}

client::ApiResult<Value> SimulatedCluster::Update(const client::ResourceInfo& res, const std::string& ns,
                                                  const Value& obj, const std::string& subresource,
                                                  const client::WriteOptions& opts) {
    return WithDeprecationWarning(res, sim_.api().Update(res, ns, obj, subresource, opts));
}

client::ApiResult<Value> SimulatedCluster::Patch(const client::ResourceInfo& res, const std::string& ns,
                                                 const std::string& name, client::PatchType type, const Value& patch,
                                                 const std::string& subresource, const client::WriteOptions& opts) {
    return WithDeprecationWarning(res, sim_.api().Patch(res, ns, name, type, patch, subresource, opts));
}

client::ApiResult<Value> SimulatedCluster::Delete(const client::ResourceInfo& res, const std::string& ns,
                                                  const std::string& name, const client::DeleteOptions& opts) {
    return WithDeprecationWarning(res, sim_.api().Delete(res, ns, name, opts));
}

int SimulatedCluster::Watch(const client::ResourceInfo& res, const std::string& ns,
                            std::function<void(const client::WatchEvent&)> callback) {
    apiserver::KindStore* store = res.read_only ? nullptr : sim_.api().StoreFor(res);
    if (!store) return 0;
    const int store_id = store->AddValueWatcher(
        res.namespaced ? ns : "", [cb = std::move(callback)](apiserver::WatchType type, const Value& obj) {
            client::WatchEvent ev;
            ev.type = type == apiserver::WatchType::kAdded      ? client::WatchEventType::kAdded
                      : type == apiserver::WatchType::kModified ? client::WatchEventType::kModified
                                                                : client::WatchEventType::kDeleted;
            ev.object = obj;
            cb(ev);
        });
    const int id = next_watch_id_++;
    watches_.push_back({id, store, store_id});
    return id;
}

void SimulatedCluster::Unwatch(int id) {
    auto it = std::find_if(watches_.begin(), watches_.end(), [id](const WatchHandle& w) { return w.id == id; });
    if (it == watches_.end()) return;
    it->store->RemoveValueWatcher(it->store_watch_id);
    watches_.erase(it);
}

client::ExecResult SimulatedCluster::Exec(const std::string& ns, const std::string& pod, const std::string& container,
                                          const std::vector<std::string>& argv) {
    return ExecInPod(sim_, ns, pod, container, argv);
}

client::ExecResult SimulatedCluster::Attach(const std::string& ns, const std::string& pod,
                                            const std::string& container) {
    client::ExecResult r;
    auto obj = sim_.api().pods().Get(ns, pod);
    const k8s::Container* spec = nullptr;
    if (obj)
        for (const auto& c : obj->spec->containers)
            if (c.name == container) spec = &c;
    if (!spec) return ExecInPod(sim_, ns, pod, container, {});  // the exec path's own errors
    const cluster::ImageRegistry* registry = sim_.image_registry();
    const cluster::ImageInfo* image = nullptr;
    cluster::ImageReference ref;
    std::string ignored;
    if (registry && cluster::ParseImageReference(spec->image, &ref, &ignored)) image = registry->Find(ref);
    std::vector<std::string> argv = image ? registry->MainCommand(*image, *spec) : spec->command;
    if (argv.empty()) argv = spec->args;
    return ExecInPod(sim_, ns, pod, container, argv);
}

client::ApiResult<std::string> SimulatedCluster::Logs(const std::string& ns, const std::string& pod,
                                                      const std::string& container, bool previous) {
    client::ApiResult<std::string> r;
    auto obj = sim_.api().pods().Get(ns, pod);
    if (!obj) {
        r.error = {404, "NotFound", "pods \"" + pod + "\" not found"};
        return r;
    }
    std::string name = container;
    if (name.empty() && !obj->spec->containers.empty()) name = obj->spec->containers[0].name;
    cluster::Kubelet* kubelet = obj->spec->node_name.empty() ? nullptr : sim_.kubelet(obj->spec->node_name);
    if (!kubelet) {
        r.error = {400, "BadRequest", "container \"" + name + "\" in pod \"" + pod + "\" is waiting to start: " +
                                          (obj->spec->node_name.empty() ? "pod is not scheduled" : "ContainerCreating")};
        return r;
    }
    cluster::LogResult logs = kubelet->Logs(ns, pod, name, previous);
    if (!logs.ok) {
        r.error = {400, "BadRequest", logs.error};
        return r;
    }
    for (const auto& line : logs.lines) r.value += line.text + "\n";
    return r;
}

Value SimulatedCluster::ServerVersion() const {
    Value v = Value::MakeObject();
    v["major"] = "1";
    v["minor"] = "33";
    v["emulationMajor"] = "1";
    v["emulationMinor"] = "33";
    v["minCompatibilityMajor"] = "1";
    v["minCompatibilityMinor"] = "32";
    v["gitVersion"] = "v1.33.1";
    v["gitCommit"] = "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828";
    v["gitTreeState"] = "clean";
    v["buildDate"] = "2025-05-15T08:19:08Z";
    v["goVersion"] = "go1.24.2";
    v["compiler"] = "gc";
    v["platform"] = "linux/amd64";
    return v;
}

}  // namespace sts::engine
