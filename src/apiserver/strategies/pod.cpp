// Pod defaulting, strategy and validation (pkg/apis/core/v1/defaults.go, pkg/registry/core/pod,
// pkg/apis/core/validation), to the depth the playground's scenarios need.
#include <algorithm>
#include <set>
#include <utility>

#include "apiserver/strategies/validation_util.h"
#include "core/strings.h"

namespace sts::apiserver {

namespace {

// The tag of an image reference ("nginx:1.20" -> "1.20", "nginx" -> "latest", digests -> "").
std::string ImageTag(const std::string& image) {
    if (image.find('@') != std::string::npos) return "";
    const size_t slash = image.rfind('/');
    const size_t colon = image.rfind(':');
    if (colon == std::string::npos || (slash != std::string::npos && colon < slash)) return "latest";
    return image.substr(colon + 1);
}

bool ProbeDefaulted(const k8s::Probe& p) {
    if (p.timeout_seconds == 0 || p.period_seconds == 0 || p.success_threshold == 0 || p.failure_threshold == 0)
        return false;
    return !p.http_get.IsObject() ||
           (!p.http_get.GetString("path").empty() && !p.http_get.GetString("scheme").empty());
}

void SetProbeDefaults(k8s::SharedOptional<k8s::Probe>& probe) {
    // Looked at read-only first: a probe written through is copied, and one already defaulted
    // (every update of a running pod's spec) stays shared with the pod's earlier versions.
    if (!probe || ProbeDefaulted(*std::as_const(probe))) return;
    if (probe->timeout_seconds == 0) probe->timeout_seconds = 1;
    if (probe->period_seconds == 0) probe->period_seconds = 10;
    if (probe->success_threshold == 0) probe->success_threshold = 1;
    if (probe->failure_threshold == 0) probe->failure_threshold = 3;
    if (probe->http_get.IsObject()) {
        if (probe->http_get.GetString("path").empty()) probe->http_get.Set("path", "/");
        if (probe->http_get.GetString("scheme").empty()) probe->http_get.Set("scheme", "HTTP");
    }
}

void SetContainerDefaults(k8s::Container& c) {
    if (c.image_pull_policy.empty()) c.image_pull_policy = ImageTag(c.image) == "latest" ? "Always" : "IfNotPresent";
    if (c.termination_message_path.empty()) c.termination_message_path = "/dev/termination-log";
    if (c.termination_message_policy.empty()) c.termination_message_policy = "File";
    for (auto& p : c.ports)
        if (p.protocol.empty()) p.protocol = "TCP";
    SetProbeDefaults(c.liveness_probe);
    SetProbeDefaults(c.readiness_probe);
    SetProbeDefaults(c.startup_probe);
}

void DefaultMode(Value& source) {
    if (source.IsObject() && !source.Has("defaultMode")) source.Set("defaultMode", 420);
}

const std::vector<std::string> kRestartPolicies = {"\"Always\"", "\"OnFailure\"", "\"Never\""};
const std::vector<std::string> kPullPolicies = {"\"Always\"", "\"IfNotPresent\"", "\"Never\""};
const std::vector<std::string> kDnsPolicies = {"\"ClusterFirst\"", "\"ClusterFirstWithHostNet\"", "\"Default\"",
                                               "\"None\""};
const std::vector<std::string> kProtocols = {"\"SCTP\"", "\"TCP\"", "\"UDP\""};

void ValidateContainer(const k8s::Container& c, const std::string& path, const std::set<std::string>& volumes,
                       FieldErrors& errs) {
    if (c.name.empty()) {
        errs.push_back(Required(path + ".name", ""));
    } else {
        for (const auto& d : IsDns1123Label(c.name)) errs.push_back(Invalid(path + ".name", Quote(c.name), d));
    }
    if (c.image.empty()) errs.push_back(Required(path + ".image", ""));
    else if (c.image != Trim(c.image))
        errs.push_back(Invalid(path + ".image", Quote(c.image), "must not have leading or trailing whitespace"));
    if (std::find(kPullPolicies.begin(), kPullPolicies.end(), Quote(c.image_pull_policy)) == kPullPolicies.end())
        errs.push_back(Unsupported(path + ".imagePullPolicy", Quote(c.image_pull_policy), kPullPolicies));
    std::set<std::string> port_names;
    for (size_t i = 0; i < c.ports.size(); ++i) {
        const auto& p = c.ports[i];
        const std::string pp = path + ".ports[" + std::to_string(i) + "]";
        if (p.container_port < 1 || p.container_port > 65535)
            errs.push_back(Invalid(pp + ".containerPort", std::to_string(p.container_port),
                                   "must be between 1 and 65535, inclusive"));
        if (p.host_port != 0 && (p.host_port < 1 || p.host_port > 65535))
            errs.push_back(Invalid(pp + ".hostPort", std::to_string(p.host_port), "must be between 1 and 65535, inclusive"));
        if (std::find(kProtocols.begin(), kProtocols.end(), Quote(p.protocol)) == kProtocols.end())
            errs.push_back(Unsupported(pp + ".protocol", Quote(p.protocol), kProtocols));
        if (!p.name.empty()) {
            if (p.name.size() > 15)
                errs.push_back(Invalid(pp + ".name", Quote(p.name), "must be no more than 15 characters"));
            if (!port_names.insert(p.name).second) errs.push_back(Duplicate(pp + ".name", Quote(p.name)));
        }
    }
    std::set<std::string> mount_paths;
    for (size_t i = 0; i < c.volume_mounts.size(); ++i) {
        const auto& m = c.volume_mounts[i];
        const std::string mp = path + ".volumeMounts[" + std::to_string(i) + "]";
        if (m.name.empty()) errs.push_back(Required(mp + ".name", ""));
        else if (!volumes.count(m.name)) errs.push_back(NotFoundField(mp + ".name", Quote(m.name)));
        if (m.mount_path.empty()) errs.push_back(Required(mp + ".mountPath", ""));
        else if (!mount_paths.insert(m.mount_path).second)
            errs.push_back(Invalid(mp + ".mountPath", Quote(m.mount_path), "must be unique"));
    }
    for (const auto* probe : {&c.liveness_probe, &c.readiness_probe, &c.startup_probe}) {
        if (!*probe) continue;
        const std::string name = probe == &c.liveness_probe ? "livenessProbe"
                                 : probe == &c.readiness_probe ? "readinessProbe"
                                                               : "startupProbe";
        const std::string pp = path + "." + name;
        const auto& pr = **probe;
        int handlers = !pr.exec.IsNull() + !pr.http_get.IsNull() + !pr.tcp_socket.IsNull() + !pr.grpc.IsNull();
        if (handlers == 0) errs.push_back(Required(pp, "must specify a handler type"));
        if (handlers > 1) errs.push_back(Forbidden(pp, "may not specify more than 1 handler type"));
        CheckNonNegative(pr.initial_delay_seconds, pp + ".initialDelaySeconds", errs);
        CheckNonNegative(pr.timeout_seconds, pp + ".timeoutSeconds", errs);
        CheckNonNegative(pr.period_seconds, pp + ".periodSeconds", errs);
        CheckNonNegative(pr.success_threshold, pp + ".successThreshold", errs);
        CheckNonNegative(pr.failure_threshold, pp + ".failureThreshold", errs);
        if (name != "readinessProbe" && pr.success_threshold != 1)
            errs.push_back(Invalid(pp + ".successThreshold", std::to_string(pr.success_threshold), "must be 1"));
    }
}

}  // namespace

void SetPodSpecDefaults(k8s::PodSpec& spec) {
    if (spec.dns_policy.empty()) spec.dns_policy = "ClusterFirst";
    if (spec.restart_policy.empty()) spec.restart_policy = "Always";
    if (spec.security_context.IsNull()) spec.security_context = Value::MakeObject();
    if (!spec.termination_grace_period_seconds) spec.termination_grace_period_seconds = 30;
    if (spec.scheduler_name.empty()) spec.scheduler_name = "default-scheduler";
    for (auto& c : spec.init_containers) SetContainerDefaults(c);
    for (auto& c : spec.containers) SetContainerDefaults(c);
    for (auto& v : spec.volumes) {
        if (v.host_path && !v.host_path->type) v.host_path->type = "";
        DefaultMode(v.secret);
        DefaultMode(v.config_map);
        DefaultMode(v.projected);
        DefaultMode(v.downward_api);
        const bool no_source = !v.host_path && !v.persistent_volume_claim && v.empty_dir.IsNull() &&
                               v.secret.IsNull() && v.nfs.IsNull() && v.downward_api.IsNull() &&
                               v.config_map.IsNull() && v.projected.IsNull() && v.csi.IsNull() &&
                               v.ephemeral.IsNull() && v.image.IsNull();
        if (no_source) v.empty_dir = Value::MakeObject();
    }
}

FieldErrors ValidatePodSpec(const k8s::PodSpec& spec, const std::string& path) {
    FieldErrors errs;
    std::set<std::string> volumes;
    for (size_t i = 0; i < spec.volumes.size(); ++i) {
        const auto& v = spec.volumes[i];
        const std::string vp = path + ".volumes[" + std::to_string(i) + "]";
        if (v.name.empty()) {
            errs.push_back(Required(vp + ".name", ""));
        } else {
            for (const auto& d : IsDns1123Label(v.name)) errs.push_back(Invalid(vp + ".name", Quote(v.name), d));
            if (!volumes.insert(v.name).second) errs.push_back(Duplicate(vp + ".name", Quote(v.name)));
        }
        if (v.persistent_volume_claim && v.persistent_volume_claim->claim_name.empty())
            errs.push_back(Required(vp + ".persistentVolumeClaim.claimName", ""));
        if (v.host_path && v.host_path->path.empty()) errs.push_back(Required(vp + ".hostPath.path", ""));
    }
    if (spec.containers.empty()) errs.push_back(Required(path + ".containers", ""));
    std::set<std::string> names;
    for (size_t i = 0; i < spec.init_containers.size(); ++i) {
        ValidateContainer(spec.init_containers[i], path + ".initContainers[" + std::to_string(i) + "]", volumes, errs);
        if (!spec.init_containers[i].name.empty() && !names.insert(spec.init_containers[i].name).second)
            errs.push_back(Duplicate(path + ".initContainers[" + std::to_string(i) + "].name",
                                     Quote(spec.init_containers[i].name)));
    }
    for (size_t i = 0; i < spec.containers.size(); ++i) {
        ValidateContainer(spec.containers[i], path + ".containers[" + std::to_string(i) + "]", volumes, errs);
        if (!spec.containers[i].name.empty() && !names.insert(spec.containers[i].name).second)
            errs.push_back(Duplicate(path + ".containers[" + std::to_string(i) + "].name", Quote(spec.containers[i].name)));
    }
    if (std::find(kRestartPolicies.begin(), kRestartPolicies.end(), Quote(spec.restart_policy)) == kRestartPolicies.end())
        errs.push_back(Unsupported(path + ".restartPolicy", Quote(spec.restart_policy), kRestartPolicies));
    if (std::find(kDnsPolicies.begin(), kDnsPolicies.end(), Quote(spec.dns_policy)) == kDnsPolicies.end())
        errs.push_back(Unsupported(path + ".dnsPolicy", Quote(spec.dns_policy), kDnsPolicies));
    if (spec.termination_grace_period_seconds)
        CheckNonNegative(*spec.termination_grace_period_seconds, path + ".terminationGracePeriodSeconds", errs);
    if (spec.active_deadline_seconds && *spec.active_deadline_seconds <= 0)
        errs.push_back(Invalid(path + ".activeDeadlineSeconds", std::to_string(*spec.active_deadline_seconds),
                               "must be between 1 and 2147483647, inclusive"));
    if (!spec.hostname.empty())
        for (const auto& d : IsDns1123Label(spec.hostname))
            errs.push_back(Invalid(path + ".hostname", Quote(spec.hostname), d));
    if (!spec.subdomain.empty())
        for (const auto& d : IsDns1123Label(spec.subdomain))
            errs.push_back(Invalid(path + ".subdomain", Quote(spec.subdomain), d));
    for (size_t i = 0; i < spec.tolerations->size(); ++i) {
        const auto& t = (*spec.tolerations)[i];
        const std::string tp = path + ".tolerations[" + std::to_string(i) + "]";
        if (!t.operator_.empty() && t.operator_ != "Exists" && t.operator_ != "Equal")
            errs.push_back(Unsupported(tp + ".operator", Quote(t.operator_), {"\"Equal\"", "\"Exists\""}));
        if (!t.effect.empty() && t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute")
            errs.push_back(Unsupported(tp + ".effect", Quote(t.effect),
                                       {"\"NoExecute\"", "\"NoSchedule\"", "\"PreferNoSchedule\""}));
    }
    return errs;
}

void SetDefaults(k8s::Pod& obj) {
    k8s::PodSpec& spec = obj.spec.Mut();
    SetPodSpecDefaults(spec);
    for (auto& c : spec.containers) {
        for (const auto& [k, v] : c.resources.limits)
            if (!c.resources.requests.Has(k)) c.resources.requests.Set(k, v);
    }
    if (!spec.enable_service_links) spec.enable_service_links = true;
    if (spec.service_account_name.empty() && !spec.service_account.empty())
        spec.service_account_name = spec.service_account;
}

void PrepareForCreate(k8s::Pod& obj) {
    obj.status = k8s::PodStatus{};
    obj.status.phase = "Pending";
    // QoS class from requests and limits (no requests anywhere: BestEffort).
    bool any = false, guaranteed = !obj.spec->containers.empty();
    for (const auto& c : obj.spec->containers) {
        any = any || !c.resources.requests.empty() || !c.resources.limits.empty();
        const bool full = c.resources.limits.Has("cpu") && c.resources.limits.Has("memory") &&
                          c.resources.requests.Get("cpu") == c.resources.limits.Get("cpu") &&
                          c.resources.requests.Get("memory") == c.resources.limits.Get("memory");
        guaranteed = guaranteed && full;
    }
    obj.status.qos_class = !any ? "BestEffort" : guaranteed ? "Guaranteed" : "Burstable";
    obj.metadata.generation = 1;
}

void PrepareForUpdate(k8s::Pod& obj, const k8s::Pod& old) {
    obj.status = old.status;
    // nodeName is set only through the binding subresource.
    if (obj.spec->node_name != old.spec->node_name) obj.spec.Mut().node_name = old.spec->node_name;
    obj.metadata.generation = old.metadata.generation;
    if (!(obj.spec == old.spec)) obj.metadata.generation = old.metadata.generation + 1;
}

void PrepareForStatusUpdate(k8s::Pod& obj, const k8s::Pod& old) {
    // Everything but the status comes from the stored pod. Field by field, so the stored
    // status is not copied only to be replaced (a kubelet writes every pod's status often).
    obj.summary_memo = old.summary_memo;  // resets it: the status changes
    obj.api_version = old.api_version;
    obj.kind = old.kind;
    obj.metadata = old.metadata;
    obj.spec = old.spec;
}

FieldErrors ValidateCreate(const k8s::Pod& obj) {
    FieldErrors errs = ValidateMetaCommon(obj.metadata, true, NameRule::kDns1123Subdomain);
    Append(errs, ValidatePodSpec(*obj.spec, "spec"));
    return errs;
}

FieldErrors ValidateUpdate(const k8s::Pod& obj, const k8s::Pod& old) {
    FieldErrors errs = ValidateObjectMetaUpdate(obj.metadata, old.metadata);
    Append(errs, ValidatePodSpec(*obj.spec, "spec"));
    // Only images, activeDeadlineSeconds, tolerations (additions) and a few others may change.
    k8s::PodSpec a = *obj.spec, b = *old.spec;
    for (size_t i = 0; i < a.containers.size() && i < b.containers.size(); ++i) a.containers[i].image = b.containers[i].image;
    for (size_t i = 0; i < a.init_containers.size() && i < b.init_containers.size(); ++i)
        a.init_containers[i].image = b.init_containers[i].image;
    a.active_deadline_seconds = b.active_deadline_seconds;
    a.tolerations = b.tolerations;
    a.termination_grace_period_seconds = b.termination_grace_period_seconds;
    if (!(a == b)) {
        errs.push_back(Forbidden(
            "spec",
            "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,"
            "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
            "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
    }
    return errs;
}

FieldErrors ValidateStatusUpdate(const k8s::Pod& obj, const k8s::Pod& old) {
    return ValidateObjectMetaUpdate(obj.metadata, old.metadata);
}

Warnings WarningsOnCreate(const k8s::Pod&) { return {}; }
Warnings WarningsOnUpdate(const k8s::Pod&, const k8s::Pod&) { return {}; }

}  // namespace sts::apiserver
