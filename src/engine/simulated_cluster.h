// client::Cluster over a Simulation: the console's (and the browser bridge's) way into the
// simulated cluster, speaking Kubernetes JSON like a real API server.
#pragma once

#include <map>
#include <memory>
#include <vector>

#include "client/cluster.h"
#include "engine/simulation.h"

namespace sts::engine {

class SimulatedCluster final : public client::Cluster {
public:
    explicit SimulatedCluster(Simulation& sim);
    ~SimulatedCluster() override;

    const std::vector<client::ResourceInfo>& Resources() const override;
    client::ApiResult<Value> Create(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const client::WriteOptions& opts) override;
    client::ApiResult<Value> Get(const client::ResourceInfo& res, const std::string& ns,
                                 const std::string& name) override;
    client::ApiResult<Value> List(const client::ResourceInfo& res, const std::string& ns,
                                  const client::ListOptions& opts) override;
    client::ApiResult<Value> Update(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const std::string& subresource, const client::WriteOptions& opts) override;
    client::ApiResult<Value> Patch(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                   client::PatchType type, const Value& patch, const std::string& subresource,
                                   const client::WriteOptions& opts) override;
    client::ApiResult<Value> Delete(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                    const client::DeleteOptions& opts) override;
    int Watch(const client::ResourceInfo& res, const std::string& ns,
              std::function<void(const client::WatchEvent&)> callback) override;
    void Unwatch(int id) override;
    client::ExecResult Exec(const std::string& ns, const std::string& pod, const std::string& container,
                            const std::vector<std::string>& argv) override;
    client::ExecResult Attach(const std::string& ns, const std::string& pod, const std::string& container) override;
    client::ApiResult<std::string> Logs(const std::string& ns, const std::string& pod, const std::string& container,
                                        bool previous) override;
    int OpenShell(const std::string& ns, const std::string& pod, const std::string& container,
                  client::ApiError* error) override;
    client::ExecResult ShellInput(int shell, const std::string& line, bool* exited) override;
    void CloseShell(int shell, bool ends_container, int exit_code) override;
    Time Now() const override { return sim_.Now(); }
    Value ServerVersion() const override;

    Simulation& simulation() { return sim_; }

private:
    struct WatchHandle {
        int id;
        apiserver::KindStore* store;
        int store_watch_id;
    };
    struct ShellSession;
    Simulation& sim_;
    std::map<int, std::unique_ptr<ShellSession>> shells_;
    int next_shell_ = 1;
    std::vector<WatchHandle> watches_;
    int next_watch_id_ = 1;
};

// The deprecation warning the 1.33 API server attaches to every v1 Endpoints request.
inline constexpr const char* kEndpointsDeprecationWarning =
    "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";
inline constexpr const char* kComponentStatusDeprecationWarning = "v1 ComponentStatus is deprecated in v1.19+";

}  // namespace sts::engine
