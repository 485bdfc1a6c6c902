// What a process inside a simulated container sees (cluster::ContainerEnvironment): its
// hostname, the files the kubelet writes (/etc/hosts, /etc/resolv.conf), mounted volumes backed
// by VolumeData, the environment with service links, cluster DNS and HTTP to other pods.
#pragma once

#include <optional>
#include <string>

#include "cluster/container_shell.h"
#include "engine/simulation.h"

namespace sts::engine {

class PodEnvironment final : public cluster::ContainerEnvironment {
public:
    // `pod` must outlive this environment (callers hold the snapshot pointer).
    PodEnvironment(Simulation& sim, apiserver::Ptr<k8s::Pod> pod, std::string container);

    std::string Image() const override;
    std::string Hostname() const override;
    std::string Fqdn() const override;
    std::string PodIp() const override;
    std::map<std::string, std::string> Environment() const override;
    bool ReadFile(const std::string& path, std::string* content) const override;
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override;
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override;
    Time Now() const override { return sim_.Now(); }
    cluster::DnsServer Nameserver() const override;
    cluster::DnsAnswer Lookup(const std::string& name) const override;
    cluster::HttpResult HttpGet(const std::string& host, int port, const std::string& path) override;

    // Points the environment at a newer snapshot of the same pod (long-lived shell sessions).
    void SetPod(apiserver::Ptr<k8s::Pod> pod) { pod_ = std::move(pod); }

    // The kubelet-managed /etc/hosts of this pod.
    std::string HostsFile() const;
    // The address /etc/hosts gives `host` (as the pod's resolver reads it), if it lists it.
    std::optional<std::string> HostsFileAddress(const std::string& host) const;
    std::string ResolvConf() const;

private:
    // Where a path lives: the VolumeData store and the path inside it.
    struct Location {
        std::string store;
        std::string relative;
        bool read_only = false;
        bool mounted = false;  // under a volume mount (vs the container's own layer)
    };
    Location Locate(const std::string& path) const;
    const k8s::Container* FindContainer() const;
    // ReadFile, also telling when the file was last written.
    bool ReadFileModified(const std::string& path, std::string* content, Time* modified) const;
    // The built-in files of the image and the kubelet ("" when the path is not one).
    bool BuiltinFile(const std::string& path, std::string* content) const;

    Simulation& sim_;
    apiserver::Ptr<k8s::Pod> pod_;
    std::string container_;
};

// Finds a pod whose container can run processes; on failure sets `error` as the API server
// reports it and returns null. `container` is filled in with the default when empty.
apiserver::Ptr<k8s::Pod> FindRunningContainer(Simulation& sim, const std::string& ns, const std::string& pod,
                                              std::string* container, client::ApiError* error);

// Runs argv in a pod's container as the container runtime would, or explains why it cannot
// (pod not running, unknown container).
client::ExecResult ExecInPod(Simulation& sim, const std::string& ns, const std::string& pod,
                             const std::string& container, const std::vector<std::string>& argv);

}  // namespace sts::engine
