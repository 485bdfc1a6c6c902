// A small cluster for the storage, garbage-collection, endpoint, namespace and DNS tests: a
// real (simulated) API server on a scheduler clock, two worker nodes, and helpers that play
// kube-scheduler and the kubelet by hand, so each test drives exactly the transitions it checks.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "apiserver/api_server.h"
#include "engine/context.h"
#include "engine/event_recorder.h"
#include "engine/scheduler.h"

namespace sts::testenv {

class SchedulerClock final : public apiserver::Clock {
public:
    explicit SchedulerClock(const engine::Scheduler& s) : s_(s) {}
    Time Now() const override { return s_.Now(); }

private:
    const engine::Scheduler& s_;
};

struct TestCluster {
    engine::Scheduler scheduler{kSimulationEpoch};
    SchedulerClock clock{scheduler};
    apiserver::ApiServer api{clock, 7};
    engine::EventRecorder recorder{api};
    engine::FeatureGates gates;
    engine::Context ctx{api, scheduler, recorder, gates, 7};

    TestCluster() {
        for (const char* ns : {"default", "kube-system", "local-path-storage", "other"}) {
            k8s::Namespace obj;
            obj.metadata.name = ns;
            EXPECT_TRUE(api.namespaces().Create(obj).ok());
        }
        for (const char* name : {"kind-worker", "kind-worker2"}) {
            k8s::Node node;
            node.metadata.name = name;
            node.metadata.labels = {{"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}};
            EXPECT_TRUE(api.nodes().Create(node).ok());
        }
    }

    Time Now() const { return scheduler.Now(); }
    void Run(Duration d) { scheduler.RunUntil(scheduler.Now() + d); }
    // Runs until nothing is scheduled within `limit`; true when the cluster went quiet.
    bool Settle(Duration limit = Minutes(10)) {
        const Time deadline = scheduler.Now() + limit;
        while (auto next = scheduler.NextEventTime()) {
            if (*next > deadline) {
                scheduler.RunUntil(deadline);
                return false;
            }
            scheduler.Step();
        }
        return true;
    }

    // ---- Objects ---------------------------------------------------------------------------
    k8s::StorageClass StorageClass(const std::string& name, const std::string& provisioner, const std::string& mode,
                                   const std::string& reclaim = "Delete", bool is_default = false) {
        k8s::StorageClass sc;
        sc.metadata.name = name;
        if (is_default) sc.metadata.annotations.Set("storageclass.kubernetes.io/is-default-class", "true");
        sc.provisioner = provisioner;
        sc.volume_binding_mode = mode;
        sc.reclaim_policy = reclaim;
        auto r = api.storageclasses().Create(sc);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.ok() ? *r.value : sc;
    }

    apiserver::Ptr<k8s::PersistentVolumeClaim> Claim(const std::string& ns, const std::string& name,
                                                     std::optional<std::string> class_name, const std::string& size = "1Gi",
                                                     std::vector<std::string> modes = {"ReadWriteOnce"}) {
        k8s::PersistentVolumeClaim c;
        c.metadata.namespace_ = ns;
        c.metadata.name = name;
        c.spec.access_modes = std::move(modes);
        c.spec.resources.requests = {{"storage", size}};
        c.spec.storage_class_name = std::move(class_name);
        auto r = api.pvcs().Create(c);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }

    apiserver::Ptr<k8s::PersistentVolume> StaticVolume(const std::string& name, const std::string& class_name,
                                                       const std::string& size, const std::string& path = "/mnt/data",
                                                       const std::string& reclaim = "Retain",
                                                       std::vector<std::string> modes = {"ReadWriteOnce"}) {
        k8s::PersistentVolume pv;
        pv.metadata.name = name;
        pv.spec.capacity = {{"storage", size}};
        pv.spec.access_modes = std::move(modes);
        pv.spec.storage_class_name = class_name;
        pv.spec.persistent_volume_reclaim_policy = reclaim;
        pv.spec.host_path = k8s::HostPathVolumeSource{path, std::nullopt};
        auto r = api.pvs().Create(pv);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }

    // A pod as a controller would create it (no node yet).
    apiserver::Ptr<k8s::Pod> Pod(const std::string& ns, const std::string& name, StringMap labels = {},
                                 std::vector<std::string> claims = {}, std::vector<k8s::OwnerReference> owners = {}) {
        k8s::Pod pod;
        pod.metadata.namespace_ = ns;
        pod.metadata.name = name;
        pod.metadata.labels = std::move(labels);
        pod.metadata.owner_references = std::move(owners);
        auto& spec = pod.spec.Mut();
        k8s::Container c;
        c.name = "nginx";
        c.image = "nginx:latest";
        k8s::ContainerPort port;
        port.name = "web";
        port.container_port = 80;
        port.protocol = "TCP";
        c.ports.push_back(port);
        spec.containers.push_back(c);
        for (const auto& claim : claims) {
            k8s::Volume v;
            v.name = claim;
            v.persistent_volume_claim = k8s::PersistentVolumeClaimVolumeSource{claim, false};
            spec.volumes.push_back(v);
        }
        spec.termination_grace_period_seconds = 10;
        auto r = api.pods().Create(pod);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }

    // A StatefulSet pod with its identity: hostname = name, subdomain = the governing service.
    apiserver::Ptr<k8s::Pod> StsPod(const std::string& ns, const std::string& name, const std::string& subdomain,
                                    StringMap labels) {
        k8s::Pod pod;
        pod.metadata.namespace_ = ns;
        pod.metadata.name = name;
        pod.metadata.labels = std::move(labels);
        auto& spec = pod.spec.Mut();
        spec.hostname = name;
        spec.subdomain = subdomain;
        k8s::Container c;
        c.name = "nginx";
        c.image = "nginx:latest";
        k8s::ContainerPort port;
        port.name = "web";
        port.container_port = 80;
        port.protocol = "TCP";
        c.ports.push_back(port);
        spec.containers.push_back(c);
        spec.termination_grace_period_seconds = 10;
        auto r = api.pods().Create(pod);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }

    // kube-scheduler's bind.
    void Bind(const std::string& ns, const std::string& name, const std::string& node) {
        auto err = api.BindPod(ns, name, node);
        EXPECT_TRUE(err.ok()) << err.message;
    }

    // The kubelet: Running with an IP, Ready or not.
    void SetRunning(const std::string& ns, const std::string& name, const std::string& ip, bool ready) {
        auto cur = api.pods().Get(ns, name);
        ASSERT_TRUE(cur);
        k8s::Pod pod = *cur;
        pod.status.phase = "Running";
        pod.status.pod_ip = ip;
        pod.status.pod_ips = {{ip}};
        SetCondition(pod, "Ready", ready);
        auto r = api.pods().UpdateStatus(pod);
        ASSERT_TRUE(r.ok()) << r.error.message;
    }

    void SetReady(const std::string& ns, const std::string& name, bool ready) {
        auto cur = api.pods().Get(ns, name);
        ASSERT_TRUE(cur);
        k8s::Pod pod = *cur;
        SetCondition(pod, "Ready", ready);
        ASSERT_TRUE(api.pods().UpdateStatus(pod).ok());
    }

    void SetCondition(k8s::Pod& pod, const std::string& type, bool value) {
        const std::string status = value ? "True" : "False";
        for (auto& c : pod.status.conditions) {
            if (c.type != type) continue;
            if (c.status != status) c.last_transition_time = k8s::Timestamp(Now());
            c.status = status;
            return;
        }
        k8s::PodCondition c;
        c.type = type;
        c.status = status;
        c.last_transition_time = k8s::Timestamp(Now());
        pod.status.conditions.push_back(c);
    }

    // The kubelet finishing a graceful deletion (or a force delete).
    void FinishTermination(const std::string& ns, const std::string& name) {
        client::DeleteOptions opts;
        opts.grace_period_seconds = 0;
        api.pods().Delete(ns, name, opts);
    }

    apiserver::Ptr<k8s::Service> Service(const std::string& ns, const std::string& name, StringMap selector,
                                         bool headless, const std::string& cluster_ip = "",
                                         std::vector<k8s::ServicePort> ports = {}) {
        k8s::Service svc;
        svc.metadata.namespace_ = ns;
        svc.metadata.name = name;
        svc.metadata.labels = {{"app", name}};
        svc.spec.selector = std::move(selector);
        if (headless) svc.spec.cluster_ip = "None";
        else if (!cluster_ip.empty()) svc.spec.cluster_ip = cluster_ip;
        if (ports.empty()) {
            k8s::ServicePort p;
            p.name = "web";
            p.port = 80;
            ports.push_back(p);
        }
        svc.spec.ports = std::move(ports);
        auto r = api.services().Create(svc);
        EXPECT_TRUE(r.ok()) << r.error.message;
        return r.value;
    }

    // Events about one object, oldest first: "Type Reason: message".
    std::vector<std::string> EventsFor(const std::string& kind, const std::string& ns, const std::string& name) const {
        std::vector<std::pair<Time, std::string>> items;
        for (const auto& e : api.events().List()) {
            if (e->involved_object.kind != kind || e->involved_object.name != name) continue;
            if (!ns.empty() && e->involved_object.namespace_ != ns) continue;
            items.emplace_back(e->first_timestamp.ms, e->type + " " + e->reason + ": " + e->message);
        }
        std::stable_sort(items.begin(), items.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<std::string> out;
        for (auto& [t, s] : items) out.push_back(std::move(s));
        return out;
    }

    apiserver::Ptr<k8s::Event> FindEvent(const std::string& name, const std::string& reason) const {
        for (const auto& e : api.events().List())
            if (e->involved_object.name == name && e->reason == reason) return e;
        return nullptr;
    }
};

}  // namespace sts::testenv
