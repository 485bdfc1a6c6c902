// kubectl describe for every served kind (pkg/describe describe.go: describePod,
// describeStatefulSet, describeService, describePersistentVolumeClaim, describeNode,
// describeNamespace, describePersistentVolume, describeStorageClass, describeEndpoints,
// describeEndpointSliceV1, the generic describer, DescribeEvents). Output goes through
// describe's tabwriter (minwidth 0, tabwidth 8, padding 2).
#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>

#include "core/strings.h"
#include "kubectl/internal.h"
#include "kubectl/printers/table.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

namespace {

constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// time.RFC1123Z: "Fri, 27 Nov 2026 02:08:02 +0000".
std::string Rfc1123z(const Value& ts) {
    Time t = 0;
    if (!ts.IsString() || !ParseRfc3339(ts.AsString(), &t)) return "<unknown>";
    return FormatRfc1123(t, "+0000");
}

std::string Since(const Value& ts, Time now) {
    Time t = 0;
    if (!ts.IsString() || !ParseRfc3339(ts.AsString(), &t)) return "<unknown>";
    return HumanDuration(now - t);
}

// describe's PrefixWriter: two spaces per level.
struct Writer {
    std::string text;
    void W(int level, const std::string& s) { text += std::string(static_cast<size_t>(level) * 2, ' ') + s; }
};

void LabelsMultiline(Writer* w, const std::string& indent, const std::string& title, const Value& labels,
                     const char* sep, bool skip_last_applied = false) {
    w->W(0, indent + title + ":\t");
    std::vector<std::pair<std::string, std::string>> kv;
    for (const auto& [k, v] : labels.members()) {
        if (skip_last_applied && k == kLastApplied) continue;
        kv.emplace_back(k, v.AsString());
    }
    if (kv.empty()) {
        w->text += "<none>\n";
        return;
    }
    for (size_t i = 0; i < kv.size(); ++i) {
        if (i) w->W(0, indent + "\t");
        w->text += kv[i].first + sep + kv[i].second + "\n";
    }
}

void Tolerations(Writer* w, const std::string& indent, const std::string& title, const Value& tolerations) {
    w->W(0, indent + title + ":\t");
    if (tolerations.size() == 0) {
        w->text += "<none>\n";
        return;
    }
    std::vector<Value> sorted(tolerations.items().begin(), tolerations.items().end());
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Value& a, const Value& b) { return a.GetString("key") < b.GetString("key"); });
    for (size_t i = 0; i < sorted.size(); ++i) {
        const Value& t = sorted[i];
        if (i) w->W(0, indent + "\t");
        std::string s = t.GetString("key");
        if (!t.GetString("value").empty()) s += "=" + t.GetString("value");
        if (!t.GetString("effect").empty()) s += ":" + t.GetString("effect");
        if (t.GetString("operator") == "Exists" && t.GetString("value").empty()) {
            s += (t.GetString("key").empty() && t.GetString("effect").empty()) ? "op=Exists" : " op=Exists";
        }
        if (t.Has("tolerationSeconds")) s += " for " + std::to_string(t.GetInt("tolerationSeconds")) + "s";
        w->text += s + "\n";
    }
}

std::string PortString(const Value& ports, bool host) {
    std::vector<std::string> out;
    for (const auto& p : ports.items()) {
        out.push_back(std::to_string(p.GetInt(host ? "hostPort" : "containerPort")) + "/" + p.GetString("protocol"));
    }
    return out.empty() ? "<none>" : Join(out, ", ");
}

void ContainerState(Writer* w, const std::string& label, const Value& state, bool* had) {
    if (state.Get("running").IsObject()) {
        w->W(2, label + ":\tRunning\n");
        w->W(3, "Started:\t" + Rfc1123z(state.Path("running.startedAt")) + "\n");
    } else if (state.Get("waiting").IsObject()) {
        w->W(2, label + ":\tWaiting\n");
        if (!state.Path("waiting").GetString("reason").empty()) w->W(3, "Reason:\t" + state.Path("waiting").GetString("reason") + "\n");
    } else if (state.Get("terminated").IsObject()) {
        const Value& t = state.Get("terminated");
        w->W(2, label + ":\tTerminated\n");
        if (!t.GetString("reason").empty()) w->W(3, "Reason:\t" + t.GetString("reason") + "\n");
        if (!t.GetString("message").empty()) w->W(3, "Message:\t" + t.GetString("message") + "\n");
        w->W(3, "Exit Code:\t" + std::to_string(t.GetInt("exitCode")) + "\n");
        if (t.GetInt("signal") != 0) w->W(3, "Signal:\t" + std::to_string(t.GetInt("signal")) + "\n");
        w->W(3, "Started:\t" + Rfc1123z(t.Get("startedAt")) + "\n");
        w->W(3, "Finished:\t" + Rfc1123z(t.Get("finishedAt")) + "\n");
    } else {
        w->W(2, label + ":\tWaiting\n");
    }
    *had = true;
}

void Containers(Writer* w, const std::string& label, const Value& containers, const Value& statuses, const std::string& space) {
    w->W(0, space + label + ":\n");
    for (const auto& c : containers.items()) {
        std::string name = c.GetString("name");
        const Value* status = nullptr;
        for (const auto& s : statuses.items()) {
            if (s.GetString("name") == name) status = &s;
        }
        // describeContainerBasicInfo indents the name one extra space when a prefix is given.
        w->W(1, std::string(space.empty() ? "" : " ") + name + ":\n");
        if (status) w->W(2, "Container ID:\t" + status->GetString("containerID") + "\n");
        w->W(2, "Image:\t" + c.GetString("image") + "\n");
        if (status) w->W(2, "Image ID:\t" + status->GetString("imageID") + "\n");
        const Value& ports = c.Get("ports");
        std::string ps = PortString(ports, false);
        std::string hs = PortString(ports, true);
        w->W(2, std::string(ports.size() > 1 ? "Ports" : "Port") + ":\t" + ps + "\n");
        w->W(2, std::string(ports.size() > 1 ? "Host Ports" : "Host Port") + ":\t" + hs + "\n");
        for (const char* field : {"command", "args"}) {
            const Value& v = c.Get(field);
            if (v.size() == 0) continue;
            w->W(2, std::string(field[0] == 'c' ? "Command" : "Args") + ":\n");
            for (const auto& s : v.items()) w->W(3, s.AsString() + "\n");
        }
        if (status) {
            bool had = false;
            ContainerState(w, "State", status->Get("state"), &had);
            if (status->Path("lastState.terminated").IsObject()) ContainerState(w, "Last State", status->Get("lastState"), &had);
            w->W(2, std::string("Ready:\t") + (status->GetBool("ready") ? "True" : "False") + "\n");
            w->W(2, "Restart Count:\t" + std::to_string(status->GetInt("restartCount")) + "\n");
        }
        for (const char* kind : {"limits", "requests"}) {
            const Value& res = c.Path("resources").Get(kind);
            if (res.size() == 0) continue;
            w->W(2, std::string(kind[0] == 'l' ? "Limits" : "Requests") + ":\n");
            for (const auto& [k, v] : res.members()) w->W(3, k + ":\t" + v.AsString() + "\n");
        }
        const Value& env = c.Get("env");
        if (env.size() == 0) {
            w->W(2, "Environment:\t<none>\n");
        } else {
            w->W(2, "Environment:\n");
            for (const auto& e : env.items()) {
                if (e.Has("valueFrom")) {
                    const Value& fr = e.Path("valueFrom.fieldRef");
                    if (fr.IsObject()) w->W(3, e.GetString("name") + ":\t (" + fr.GetString("apiVersion") + ":" + fr.GetString("fieldPath") + ")\n");
                    else w->W(3, e.GetString("name") + ":\t<set to the key of a referenced object>\n");
                } else {
                    w->W(3, e.GetString("name") + ":\t" + e.GetString("value") + "\n");
                }
            }
        }
        std::vector<Value> mounts(c.Get("volumeMounts").items().begin(), c.Get("volumeMounts").items().end());
        std::sort(mounts.begin(), mounts.end(),
                  [](const Value& a, const Value& b) { return a.GetString("mountPath") < b.GetString("mountPath"); });
        if (mounts.empty()) {
            w->W(2, "Mounts:\t<none>\n");
        } else {
            w->W(2, "Mounts:\n");
            for (const auto& m : mounts) {
                std::string flags = m.GetBool("readOnly") ? "ro" : "rw";
                if (!m.GetString("subPath").empty()) flags += ",path=\"" + m.GetString("subPath") + "\"";
                w->W(3, m.GetString("mountPath") + " from " + m.GetString("name") + " (" + flags + ")\n");
            }
        }
    }
}

void Volumes(Writer* w, const Value& volumes, const std::string& space) {
    if (volumes.size() == 0) {
        w->W(0, space + "Volumes:\t<none>\n");
        return;
    }
    w->W(0, space + "Volumes:\n");
    std::string name_indent = space.empty() ? "" : " ";
    for (const auto& v : volumes.items()) {
        w->W(1, name_indent + v.GetString("name") + ":\n");
        if (v.Has("hostPath")) {
            const Value& hp = v.Get("hostPath");
            w->W(2, "Type:\tHostPath (bare host directory volume)\n");
            w->W(2, "Path:\t" + hp.GetString("path") + "\n");
            w->W(2, "HostPathType:\t" + (hp.Has("type") ? hp.GetString("type") : std::string("<none>")) + "\n");
        } else if (v.Has("emptyDir")) {
            const Value& e = v.Get("emptyDir");
            w->W(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n");
            w->W(2, "Medium:\t" + e.GetString("medium") + "\n");
            w->W(2, "SizeLimit:\t" + (e.Has("sizeLimit") ? e.GetString("sizeLimit") : std::string("<unset>")) + "\n");
        } else if (v.Has("persistentVolumeClaim")) {
            const Value& p = v.Get("persistentVolumeClaim");
            w->W(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n");
            w->W(2, "ClaimName:\t" + p.GetString("claimName") + "\n");
            w->W(2, std::string("ReadOnly:\t") + (p.GetBool("readOnly") ? "true" : "false") + "\n");
        } else if (v.Has("configMap")) {
            const Value& cm = v.Get("configMap");
            w->W(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n");
            w->W(2, "Name:\t" + cm.GetString("name") + "\n");
            w->W(2, std::string("Optional:\t") + (cm.GetBool("optional") ? "true" : "false") + "\n");
        } else if (v.Has("secret")) {
            const Value& s = v.Get("secret");
            w->W(2, "Type:\tSecret (a volume populated by a Secret)\n");
            w->W(2, "SecretName:\t" + s.GetString("secretName") + "\n");
            w->W(2, std::string("Optional:\t") + (s.GetBool("optional") ? "true" : "false") + "\n");
        } else if (v.Has("projected")) {
            w->W(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for (const auto& src : v.Path("projected").Get("sources").items()) {
                if (src.Has("serviceAccountToken")) {
                    w->W(2, "TokenExpirationSeconds:\t" + std::to_string(src.Path("serviceAccountToken").GetInt("expirationSeconds")) + "\n");
                } else if (src.Has("configMap")) {
                    w->W(2, "ConfigMapName:\t" + src.Path("configMap").GetString("name") + "\n");
                    w->W(2, std::string("Optional:\t") + (src.Path("configMap").GetBool("optional") ? "true" : "false") + "\n");
                } else if (src.Has("downwardAPI")) {
                    w->W(2, "DownwardAPI:\ttrue\n");
                }
            }
        } else {
            w->W(2, "<unknown>\n");
        }
    }
}

void PodTemplate(Writer* w, const Value& t) {
    w->W(0, "Pod Template:\n");
    LabelsMultiline(w, "  ", "Labels", t.Path("metadata.labels"), "=");
    if (t.Path("metadata.annotations").size() > 0) LabelsMultiline(w, "  ", "Annotations", t.Path("metadata.annotations"), ": ");
    const Value& spec = t.Get("spec");
    if (!spec.GetString("serviceAccountName").empty()) w->W(0, "  Service Account:\t" + spec.GetString("serviceAccountName") + "\n");
    if (spec.Get("initContainers").size() > 0) Containers(w, "Init Containers", spec.Get("initContainers"), Value(), "  ");
    Containers(w, "Containers", spec.Get("containers"), Value(), "  ");
    Volumes(w, spec.Get("volumes"), "  ");
    LabelsMultiline(w, "  ", "Node-Selectors", spec.Get("nodeSelector"), "=");
    Tolerations(w, "  ", "Tolerations", spec.Get("tolerations"));
}

// Events about the object, oldest first (kubectl's SortableEvents by lastTimestamp).
std::vector<Value> EventsFor(Ctx& c, const Value& obj) {
    std::vector<Value> out;
    const client::ResourceInfo* ev = c.mapper->Find("events");
    if (!ev) return out;
    auto r = c.cluster->List(*ev, obj.Path("metadata.namespace").AsString(), {});
    if (!r.ok()) return out;
    std::string name = obj.Path("metadata.name").AsString();
    std::string kind = obj.GetString("kind");
    std::string uid = obj.Path("metadata.uid").AsString();
    for (const auto& e : r.value.Get("items").items()) {
        const Value& io = e.Get("involvedObject");
        if (io.GetString("name") != name || io.GetString("kind") != kind) continue;
        // The kubelet addresses its node's events by the node's name instead of its uid.
        if (!io.GetString("uid").empty() && !uid.empty() && io.GetString("uid") != uid &&
            !(kind == "Node" && io.GetString("uid") == name))
            continue;
        out.push_back(e);
    }
    auto last = [](const Value& e) {
        Time t = 0;
        if (!ParseRfc3339(e.GetString("lastTimestamp"), &t)) ParseRfc3339(e.GetString("eventTime"), &t);
        return t;
    };
    std::stable_sort(out.begin(), out.end(), [&](const Value& a, const Value& b) { return last(a) < last(b); });
    return out;
}

void Events(Ctx& c, Writer* w, const Value& obj) {
    std::vector<Value> events = EventsFor(c, obj);
    if (events.empty()) {
        w->W(0, "Events:\t<none>\n");
        return;
    }
    Time now = c.Now();
    w->W(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w->W(1, "----\t------\t----\t----\t-------\n");
    for (const auto& e : events) {
        const Value& last_ts = e.Get("lastTimestamp").IsString() ? e.Get("lastTimestamp") : e.Get("eventTime");
        const Value& first_ts = e.Get("firstTimestamp").IsString() ? e.Get("firstTimestamp") : e.Get("eventTime");
        int64_t count = e.GetInt("count");
        if (e.Get("series").IsObject()) count = e.Path("series").GetInt("count");
        std::string interval;
        if (count > 1) {
            interval = Since(last_ts, now) + " (x" + std::to_string(count) + " over " + Since(first_ts, now) + ")";
        } else {
            interval = Since(first_ts, now);
        }
        std::string source = e.Path("source").GetString("component");
        if (source.empty()) source = e.GetString("reportingComponent");
        w->W(1, e.GetString("type") + "\t" + e.GetString("reason") + "\t" + interval + "\t" + source + "\t" +
                    Trim(e.GetString("message")) + "\n");
    }
}

std::string Tabbed(const std::string& text) {
    TabWriter::Options o;
    o.min_width = 0;
    o.tab_width = 8;
    o.padding = 2;
    o.remember_widths = false;
    TabWriter w(o);
    w.Write(text);
    w.Flush();
    return w.Take();
}

std::string ControllerOf(const Value& obj) {
    for (const auto& ref : obj.Path("metadata.ownerReferences").items()) {
        if (ref.GetBool("controller")) return ref.GetString("kind") + "/" + ref.GetString("name");
    }
    return "";
}

std::string DescribePod(Ctx& c, const Value& pod) {
    Writer w;
    const Value& spec = pod.Get("spec");
    const Value& status = pod.Get("status");
    w.W(0, "Name:\t" + pod.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + pod.Path("metadata.namespace").AsString() + "\n");
    if (spec.Has("priority")) w.W(0, "Priority:\t" + std::to_string(spec.GetInt("priority")) + "\n");
    if (!spec.GetString("priorityClassName").empty()) w.W(0, "Priority Class Name:\t" + spec.GetString("priorityClassName") + "\n");
    if (!spec.GetString("runtimeClassName").empty()) w.W(0, "Runtime Class Name:\t" + spec.GetString("runtimeClassName") + "\n");
    if (!spec.GetString("serviceAccountName").empty()) w.W(0, "Service Account:\t" + spec.GetString("serviceAccountName") + "\n");
    if (spec.GetString("nodeName").empty()) w.W(0, "Node:\t<none>\n");
    else w.W(0, "Node:\t" + spec.GetString("nodeName") + "/" + status.GetString("hostIP") + "\n");
    if (status.Get("startTime").IsString()) w.W(0, "Start Time:\t" + Rfc1123z(status.Get("startTime")) + "\n");
    LabelsMultiline(&w, "", "Labels", pod.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", pod.Path("metadata.annotations"), ": ", true);
    std::string phase = status.GetString("phase");
    if (pod.Path("metadata.deletionTimestamp").IsString() && phase != "Failed" && phase != "Succeeded") {
        w.W(0, "Status:\tTerminating (lasts " + Since(pod.Path("metadata.deletionTimestamp"), c.Now()) + ")\n");
        w.W(0, "Termination Grace Period:\t" + std::to_string(pod.Path("metadata").GetInt("deletionGracePeriodSeconds")) + "s\n");
    } else {
        w.W(0, "Status:\t" + phase + "\n");
    }
    if (!status.GetString("reason").empty()) w.W(0, "Reason:\t" + status.GetString("reason") + "\n");
    if (!status.GetString("message").empty()) w.W(0, "Message:\t" + status.GetString("message") + "\n");
    w.W(0, "IP:\t" + status.GetString("podIP") + "\n");
    const Value& ips = status.Get("podIPs");
    if (ips.size() == 0) {
        w.W(0, "IPs:\t<none>\n");
    } else {
        w.W(0, "IPs:\n");
        for (const auto& ip : ips.items()) w.W(1, "IP:\t" + ip.GetString("ip") + "\n");
    }
    std::string controller = ControllerOf(pod);
    if (!controller.empty()) w.W(0, "Controlled By:\t" + controller + "\n");
    if (!status.GetString("nominatedNodeName").empty()) w.W(0, "NominatedNodeName:\t" + status.GetString("nominatedNodeName") + "\n");
    if (spec.Get("initContainers").size() > 0) {
        Containers(&w, "Init Containers", spec.Get("initContainers"), status.Get("initContainerStatuses"), "");
    }
    Containers(&w, "Containers", spec.Get("containers"), status.Get("containerStatuses"), "");
    if (status.Get("conditions").size() > 0) {
        w.W(0, "Conditions:\n  Type\tStatus\n");
        for (const auto& cond : status.Get("conditions").items()) {
            w.W(1, cond.GetString("type") + " \t" + cond.GetString("status") + " \n");
        }
    }
    Volumes(&w, spec.Get("volumes"), "");
    std::string qos = status.GetString("qosClass");
    if (qos.empty()) qos = "BestEffort";
    w.W(0, "QoS Class:\t" + qos + "\n");
    LabelsMultiline(&w, "", "Node-Selectors", spec.Get("nodeSelector"), "=");
    Tolerations(&w, "", "Tolerations", spec.Get("tolerations"));
    Events(c, &w, pod);
    return Tabbed(w.text);
}

std::string DescribeStatefulSet(Ctx& c, const Value& sts) {
    Writer w;
    const Value& spec = sts.Get("spec");
    w.W(0, "Name:\t" + sts.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + sts.Path("metadata.namespace").AsString() + "\n");
    w.W(0, "CreationTimestamp:\t" + Rfc1123z(sts.Path("metadata.creationTimestamp")) + "\n");
    w.W(0, "Selector:\t" + SelectorString(spec.Get("selector")) + "\n");
    LabelsMultiline(&w, "", "Labels", sts.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", sts.Path("metadata.annotations"), ": ", true);
    w.W(0, "Replicas:\t" + std::to_string(spec.GetInt("replicas", 1)) + " desired | " +
               std::to_string(sts.Path("status").GetInt("replicas")) + " total\n");
    w.W(0, "Update Strategy:\t" + spec.Path("updateStrategy").GetString("type") + "\n");
    const Value& ru = spec.Path("updateStrategy").Get("rollingUpdate");
    if (ru.IsObject() && ru.Has("partition")) {
        w.W(1, "Partition:\t" + std::to_string(ru.GetInt("partition")) + "\n");
        if (ru.Has("maxUnavailable")) {
            const Value& mu = ru.Get("maxUnavailable");
            w.W(1, "MaxUnavailable:\t" + (mu.IsString() ? mu.AsString() : std::to_string(mu.AsInt())) + "\n");
        }
    }
    int running = 0, waiting = 0, succeeded = 0, failed = 0;
    if (const client::ResourceInfo* pods = c.mapper->Find("pods")) {
        client::ListOptions lo;
        lo.label_selector = SelectorString(spec.Get("selector"));
        auto r = c.cluster->List(*pods, sts.Path("metadata.namespace").AsString(), lo);
        if (r.ok()) {
            const std::string uid = sts.Path("metadata.uid").AsString();
            for (const auto& p : r.value.Get("items").items()) {
                // Only pods this StatefulSet controls (ownerReference with controller=true and its UID).
                bool owned = false;
                for (const auto& ref : p.Path("metadata.ownerReferences").items()) {
                    if (ref.Get("controller").IsBool() && ref.Get("controller").AsBool() && ref.GetString("uid") == uid)
                        owned = true;
                }
                if (!owned) continue;
                std::string ph = p.Path("status.phase").AsString();
                if (ph == "Running") ++running;
                else if (ph == "Pending") ++waiting;
                else if (ph == "Succeeded") ++succeeded;
                else if (ph == "Failed") ++failed;
            }
        }
    }
    w.W(0, "Pods Status:\t" + std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
               std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed\n");
    PodTemplate(&w, spec.Get("template"));
    const Value& vcts = spec.Get("volumeClaimTemplates");
    if (vcts.size() == 0) {
        w.W(0, "Volume Claims:\t<none>\n");
    } else {
        w.W(0, "Volume Claims:\n");
        for (const auto& v : vcts.items()) {
            w.W(1, "Name:\t" + v.Path("metadata.name").AsString() + "\n");
            std::string sc = v.Path("metadata.annotations").GetString("volume.beta.kubernetes.io/storage-class");
            if (sc.empty()) sc = v.Path("spec.storageClassName").AsString();
            w.W(1, "StorageClass:\t" + sc + "\n");
            LabelsMultiline(&w, "  ", "Labels", v.Path("metadata.labels"), "=");
            LabelsMultiline(&w, "  ", "Annotations", v.Path("metadata.annotations"), "=");
            std::string cap = v.Path("spec.resources.requests").GetString("storage");
            w.W(1, "Capacity:\t" + (cap.empty() ? std::string("<default>") : cap) + "\n");
            std::vector<std::string> modes;
            for (const auto& m : v.Path("spec.accessModes").items()) modes.push_back(m.AsString());
            w.W(1, "Access Modes:\t[" + Join(modes, " ") + "]\n");
        }
    }
    Events(c, &w, sts);
    return Tabbed(w.text);
}

std::string DescribeService(Ctx& c, const Value& svc) {
    Writer w;
    const Value& spec = svc.Get("spec");
    w.W(0, "Name:\t" + svc.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + svc.Path("metadata.namespace").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", svc.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", svc.Path("metadata.annotations"), ": ", true);
    w.W(0, "Selector:\t" + (spec.Get("selector").size() ? FormatLabels(spec.Get("selector")) : std::string("")) + "\n");
    w.W(0, "Type:\t" + spec.GetString("type") + "\n");
    if (spec.Has("ipFamilyPolicy")) w.W(0, "IP Family Policy:\t" + spec.GetString("ipFamilyPolicy") + "\n");
    std::vector<std::string> fams;
    for (const auto& f : spec.Get("ipFamilies").items()) fams.push_back(f.AsString());
    w.W(0, "IP Families:\t" + (fams.empty() ? std::string("<none>") : Join(fams, ",")) + "\n");
    w.W(0, "IP:\t" + spec.GetString("clusterIP") + "\n");
    std::vector<std::string> ips;
    for (const auto& ip : spec.Get("clusterIPs").items()) ips.push_back(ip.AsString());
    w.W(0, "IPs:\t" + (ips.empty() ? std::string("<none>") : Join(ips, ",")) + "\n");
    // Endpoints from the service's EndpointSlices.
    std::vector<Value> slices;
    if (const client::ResourceInfo* es = c.mapper->Find("endpointslices.discovery.k8s.io")) {
        client::ListOptions lo;
        lo.label_selector = "kubernetes.io/service-name=" + svc.Path("metadata.name").AsString();
        auto r = c.cluster->List(*es, svc.Path("metadata.namespace").AsString(), lo);
        if (r.ok()) slices.assign(r.value.Get("items").items().begin(), r.value.Get("items").items().end());
    }
    for (const auto& p : spec.Get("ports").items()) {
        std::string name = p.GetString("name");
        if (name.empty()) name = "<unset>";
        std::string proto = p.GetString("protocol");
        w.W(0, "Port:\t" + name + "\t" + std::to_string(p.GetInt("port")) + "/" + proto + "\n");
        const Value& tp = p.Get("targetPort");
        w.W(0, "TargetPort:\t" + (tp.IsString() ? tp.AsString() : std::to_string(tp.AsInt())) + "/" + proto + "\n");
        if (p.GetInt("nodePort") != 0) {
            w.W(0, "NodePort:\t" + name + "\t" + std::to_string(p.GetInt("nodePort")) + "/" + proto + "\n");
        }
        std::vector<std::string> list;
        int count = 0;
        for (const auto& s : slices) {
            for (const auto& sp : s.Get("ports").items()) {
                if (sp.GetString("name") != p.GetString("name")) continue;
                for (const auto& ep : s.Get("endpoints").items()) {
                    const Value& ready = ep.Path("conditions").Get("ready");
                    if (ready.IsBool() && !ready.AsBool()) continue;
                    for (const auto& a : ep.Get("addresses").items()) {
                        ++count;
                        if (list.size() < 3) list.push_back(a.AsString() + ":" + std::to_string(sp.GetInt("port")));
                    }
                }
            }
        }
        std::string eps = list.empty() ? "<none>" : Join(list, ",");
        if (count > 3) eps += " + " + std::to_string(count - 3) + " more...";
        w.W(0, "Endpoints:\t" + eps + "\n");
    }
    w.W(0, "Session Affinity:\t" + spec.GetString("sessionAffinity") + "\n");
    if (!spec.GetString("externalTrafficPolicy").empty()) w.W(0, "External Traffic Policy:\t" + spec.GetString("externalTrafficPolicy") + "\n");
    if (spec.Has("internalTrafficPolicy")) w.W(0, "Internal Traffic Policy:\t" + spec.GetString("internalTrafficPolicy") + "\n");
    Events(c, &w, svc);
    return Tabbed(w.text);
}

std::string DescribePvc(Ctx& c, const Value& pvc) {
    Writer w;
    const Value& spec = pvc.Get("spec");
    std::string ns = pvc.Path("metadata.namespace").AsString();
    std::string name = pvc.Path("metadata.name").AsString();
    w.W(0, "Name:\t" + name + "\n");
    w.W(0, "Namespace:\t" + ns + "\n");
    std::string sc = pvc.Path("metadata.annotations").GetString("volume.beta.kubernetes.io/storage-class");
    if (sc.empty()) sc = spec.GetString("storageClassName");
    w.W(0, "StorageClass:\t" + sc + "\n");
    if (pvc.Path("metadata.deletionTimestamp").IsString()) {
        w.W(0, "Status:\tTerminating (lasts " + Since(pvc.Path("metadata.deletionTimestamp"), c.Now()) + ")\n");
    } else {
        w.W(0, "Status:\t" + pvc.Path("status.phase").AsString() + "\n");
    }
    w.W(0, "Volume:\t" + spec.GetString("volumeName") + "\n");
    LabelsMultiline(&w, "", "Labels", pvc.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", pvc.Path("metadata.annotations"), ": ", true);
    std::vector<std::string> fin;
    for (const auto& f : pvc.Path("metadata.finalizers").items()) fin.push_back(f.AsString());
    w.W(0, "Finalizers:\t[" + Join(fin, " ") + "]\n");
    std::string capacity, modes;
    if (!spec.GetString("volumeName").empty()) {
        capacity = pvc.Path("status.capacity").GetString("storage");
        std::vector<std::string> m;
        for (const auto& a : pvc.Path("status.accessModes").items()) {
            std::string s = a.AsString();
            m.push_back(s == "ReadWriteOnce" ? "RWO" : s == "ReadOnlyMany" ? "ROX" : s == "ReadWriteMany" ? "RWX" : "RWOP");
        }
        modes = Join(m, ",");
    }
    w.W(0, "Capacity:\t" + capacity + "\n");
    w.W(0, "Access Modes:\t" + modes + "\n");
    if (spec.Has("volumeMode")) w.W(0, "VolumeMode:\t" + spec.GetString("volumeMode") + "\n");
    std::vector<std::string> users;
    if (const client::ResourceInfo* pods = c.mapper->Find("pods")) {
        auto r = c.cluster->List(*pods, ns, {});
        if (r.ok()) {
            for (const auto& p : r.value.Get("items").items()) {
                for (const auto& v : p.Path("spec.volumes").items()) {
                    if (v.Path("persistentVolumeClaim").GetString("claimName") == name) {
                        users.push_back(p.Path("metadata.name").AsString());
                        break;
                    }
                }
            }
        }
    }
    w.W(0, "Used By:\t");
    if (users.empty()) {
        w.text += "<none>\n";
    } else {
        for (size_t i = 0; i < users.size(); ++i) {
            if (i) w.W(0, "\t");
            w.text += users[i] + "\n";
        }
    }
    Events(c, &w, pvc);
    return Tabbed(w.text);
}

// [SECTION] nodes, namespaces, storage, endpoints and the generic describer

// resource.Quantity reduced to what describe needs: a value in milli-units and whether it was
// written with a binary suffix (which decides how a sum is printed).
struct Qty {
    int64_t milli = 0;
    bool binary = false;
};

bool ParseQty(const std::string& s, Qty* out) {
    if (s.empty()) return false;
    size_t i = 0;
    while (i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '-' || s[i] == '+')) ++i;
    std::string num = s.substr(0, i), suffix = s.substr(i);
    // std::stod without its exceptions (the wasm build only catches in src/manifest).
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(num.c_str(), &end);
    if (end == num.c_str() || errno == ERANGE) return false;
    static const std::pair<const char*, double> kBin[] = {{"Ki", 1024.0}, {"Mi", 1048576.0}, {"Gi", 1073741824.0},
                                                          {"Ti", 1099511627776.0}, {"Pi", 1125899906842624.0}};
    static const std::pair<const char*, double> kDec[] = {{"m", 1e-3}, {"", 1}, {"k", 1e3}, {"M", 1e6},
                                                          {"G", 1e9}, {"T", 1e12}, {"P", 1e15}};
    for (const auto& [suf, mul] : kBin) {
        if (suffix == suf) {
            out->milli = static_cast<int64_t>(v * mul * 1000 + 0.5);
            out->binary = true;
            return true;
        }
    }
    for (const auto& [suf, mul] : kDec) {
        if (suffix == suf) {
            out->milli = static_cast<int64_t>(v * mul * 1000 + 0.5);
            out->binary = false;
            return true;
        }
    }
    return false;
}

// Quantity.String(): the canonical form ("0", "100m", "1500m", "70Mi", "1Gi", "2").
std::string FormatQty(const Qty& q) {
    if (q.milli == 0) return "0";
    if (q.milli % 1000 != 0) return std::to_string(q.milli) + "m";
    int64_t v = q.milli / 1000;
    if (q.binary) {
        static const char* kSuffix[] = {"Ki", "Mi", "Gi", "Ti", "Pi"};
        const char* best = nullptr;
        int64_t unit = 1024, scaled = v;
        for (const char* s : kSuffix) {
            if (v % unit != 0) break;
            best = s;
            scaled = v / unit;
            unit *= 1024;
        }
        return best ? std::to_string(scaled) + best : std::to_string(v);
    }
    static const char* kSuffix[] = {"k", "M", "G", "T", "P"};
    const char* best = nullptr;
    int64_t unit = 1000, scaled = v;
    for (const char* s : kSuffix) {
        if (v % unit != 0) break;
        best = s;
        scaled = v / unit;
        unit *= 1000;
    }
    return best ? std::to_string(scaled) + best : std::to_string(v);
}

using QtyMap = std::map<std::string, Qty>;

void AddQty(QtyMap* m, const std::string& name, const Qty& q) {
    Qty& have = (*m)[name];
    if (have.milli == 0) have.binary = q.binary;
    have.milli += q.milli;
}

// resourcehelper.PodRequestsAndLimits: containers summed, the largest init container when it
// is larger, sidecars (restartable init containers) added, plus the pod overhead.
void PodRequestsAndLimits(const Value& pod, QtyMap* reqs, QtyMap* limits) {
    const Value& spec = pod.Get("spec");
    for (const char* which : {"requests", "limits"}) {
        QtyMap* out = which[0] == 'r' ? reqs : limits;
        QtyMap sum;
        for (const auto& c : spec.Get("containers").items()) {
            for (const auto& [k, v] : c.Path("resources").Get(which).members()) {
                Qty q;
                if (ParseQty(v.AsString(), &q)) AddQty(&sum, k, q);
            }
        }
        for (const auto& c : spec.Get("initContainers").items()) {
            bool sidecar = c.GetString("restartPolicy") == "Always";
            for (const auto& [k, v] : c.Path("resources").Get(which).members()) {
                Qty q;
                if (!ParseQty(v.AsString(), &q)) continue;
                if (sidecar) AddQty(&sum, k, q);
                else if (q.milli > sum[k].milli) sum[k] = q;
            }
        }
        for (const auto& [k, v] : spec.Get("overhead").members()) {
            Qty q;
            if (ParseQty(v.AsString(), &q)) AddQty(&sum, k, q);
        }
        *out = sum;
    }
}

int64_t Percent(const Qty& part, const Qty& whole) {
    if (whole.milli == 0) return 0;
    return static_cast<int64_t>(static_cast<double>(part.milli) / static_cast<double>(whole.milli) * 100);
}

std::string QtyCell(const QtyMap& m, const std::string& name, const Qty& whole) {
    auto it = m.find(name);
    Qty q = it == m.end() ? Qty{} : it->second;
    return FormatQty(q) + " (" + std::to_string(Percent(q, whole)) + "%)";
}

std::string DescribeNode(Ctx& c, const Value& node) {
    Writer w;
    const std::string name = node.Path("metadata.name").AsString();
    const Value& spec = node.Get("spec");
    const Value& status = node.Get("status");
    w.W(0, "Name:\t" + name + "\n");
    std::set<std::string> roles;
    for (const auto& [k, v] : node.Path("metadata.labels").members()) {
        const std::string prefix = "node-role.kubernetes.io/";
        if (k.rfind(prefix, 0) == 0 && k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
        if (k == "kubernetes.io/role" && !v.AsString().empty()) roles.insert(v.AsString());
    }
    w.W(0, "Roles:\t" + (roles.empty() ? std::string("<none>") : Join({roles.begin(), roles.end()}, ",")) + "\n");
    LabelsMultiline(&w, "", "Labels", node.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", node.Path("metadata.annotations"), ": ", true);
    w.W(0, "CreationTimestamp:\t" + Rfc1123z(node.Path("metadata.creationTimestamp")) + "\n");
    // printNodeTaintsMultiline: sorted by effect, then key.
    std::vector<Value> taints(spec.Get("taints").items().begin(), spec.Get("taints").items().end());
    std::stable_sort(taints.begin(), taints.end(), [](const Value& a, const Value& b) {
        return a.GetString("effect") + "," + a.GetString("key") < b.GetString("effect") + "," + b.GetString("key");
    });
    w.W(0, "Taints:\t");
    if (taints.empty()) w.text += "<none>\n";
    for (size_t i = 0; i < taints.size(); ++i) {
        if (i) w.W(0, "\t");
        std::string t = taints[i].GetString("key");
        if (!taints[i].GetString("value").empty()) t += "=" + taints[i].GetString("value");
        if (!taints[i].GetString("effect").empty()) t += ":" + taints[i].GetString("effect");
        w.text += t + "\n";
    }
    w.W(0, std::string("Unschedulable:\t") + (spec.GetBool("unschedulable") ? "true" : "false") + "\n");
    // The kubelet renews its Lease in kube-node-lease every 10s while it runs; the playground
    // serves no Leases, so the section is derived from the node's heartbeat.
    const Value* ready = nullptr;
    for (const auto& cond : status.Get("conditions").items()) {
        if (cond.GetString("type") == "Ready") ready = &cond;
    }
    std::string renew = "<unset>";
    Time created = 0;
    if (ready && ready->GetString("status") == "True" && ParseRfc3339(node.Path("metadata.creationTimestamp").AsString(), &created)) {
        Time now = TruncateToSeconds(c.Now());
        Time t = now - ((now - created) % Seconds(10));
        renew = Rfc1123z(Value(FormatRfc3339(t)));
    } else if (ready) {
        renew = Rfc1123z(ready->Get("lastHeartbeatTime"));
    }
    w.W(0, "Lease:\n");
    w.W(1, "HolderIdentity:\t" + name + "\n");
    w.W(1, "AcquireTime:\t<unset>\n");
    w.W(1, "RenewTime:\t" + renew + "\n");
    if (status.Get("conditions").size() > 0) {
        w.W(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.W(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for (const auto& cond : status.Get("conditions").items()) {
            w.W(1, cond.GetString("type") + " \t" + cond.GetString("status") + " \t" + Rfc1123z(cond.Get("lastHeartbeatTime")) +
                       " \t" + Rfc1123z(cond.Get("lastTransitionTime")) + " \t" + cond.GetString("reason") + " \t" +
                       cond.GetString("message") + "\n");
        }
    }
    w.W(0, "Addresses:\n");
    for (const auto& a : status.Get("addresses").items()) w.W(1, a.GetString("type") + ":\t" + a.GetString("address") + "\n");
    for (const char* which : {"capacity", "allocatable"}) {
        const Value& list = status.Get(which);
        if (list.size() == 0) continue;
        w.W(0, std::string(which[0] == 'c' ? "Capacity" : "Allocatable") + ":\n");
        for (const auto& [k, v] : list.members()) {
            Qty q;
            std::string shown = ParseQty(v.AsString(), &q) ? FormatQty(q) : v.AsString();
            w.W(0, "  " + k + ":\t" + shown + "\n");
        }
    }
    const Value& info = status.Get("nodeInfo");
    w.W(0, "System Info:\n");
    w.W(0, "  Machine ID:\t" + info.GetString("machineID") + "\n");
    w.W(0, "  System UUID:\t" + info.GetString("systemUUID") + "\n");
    w.W(0, "  Boot ID:\t" + info.GetString("bootID") + "\n");
    w.W(0, "  Kernel Version:\t" + info.GetString("kernelVersion") + "\n");
    w.W(0, "  OS Image:\t" + info.GetString("osImage") + "\n");
    w.W(0, "  Operating System:\t" + info.GetString("operatingSystem") + "\n");
    w.W(0, "  Architecture:\t" + info.GetString("architecture") + "\n");
    w.W(0, "  Container Runtime Version:\t" + info.GetString("containerRuntimeVersion") + "\n");
    w.W(0, "  Kubelet Version:\t" + info.GetString("kubeletVersion") + "\n");
    w.W(0, "  Kube-Proxy Version:\t" + info.GetString("kubeProxyVersion") + "\n");
    if (!spec.GetString("podCIDR").empty()) w.W(0, "PodCIDR:\t" + spec.GetString("podCIDR") + "\n");
    std::vector<std::string> cidrs;
    for (const auto& x : spec.Get("podCIDRs").items()) cidrs.push_back(x.AsString());
    if (!cidrs.empty()) w.W(0, "PodCIDRs:\t" + Join(cidrs, ",") + "\n");
    if (!spec.GetString("providerID").empty()) w.W(0, "ProviderID:\t" + spec.GetString("providerID") + "\n");

    // describeNodeResource over the node's non-terminated pods.
    std::vector<Value> pods;
    if (const client::ResourceInfo* pr = c.mapper->Find("pods")) {
        client::ListOptions lo;
        lo.field_selector = "spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed";
        auto r = c.cluster->List(*pr, "", lo);
        if (r.ok()) {
            for (const auto& p : r.value.Get("items").items()) {
                const std::string phase = p.Path("status.phase").AsString();
                if (p.Path("spec.nodeName").AsString() != name || phase == "Succeeded" || phase == "Failed") continue;
                pods.push_back(p);
            }
        }
    }
    const Value& alloc_list = status.Get("allocatable").size() > 0 ? status.Get("allocatable") : status.Get("capacity");
    QtyMap allocatable;
    for (const auto& [k, v] : alloc_list.members()) {
        Qty q;
        if (ParseQty(v.AsString(), &q)) allocatable[k] = q;
    }
    Time now = c.Now();
    w.W(0, "Non-terminated Pods:\t(" + std::to_string(pods.size()) + " in total)\n");
    w.W(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.W(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    QtyMap total_reqs, total_limits;
    for (const auto& p : pods) {
        QtyMap reqs, limits;
        PodRequestsAndLimits(p, &reqs, &limits);
        for (const auto& [k, q] : reqs) AddQty(&total_reqs, k, q);
        for (const auto& [k, q] : limits) AddQty(&total_limits, k, q);
        w.W(1, p.Path("metadata.namespace").AsString() + "\t" + p.Path("metadata.name").AsString() + "\t\t" +
                   QtyCell(reqs, "cpu", allocatable["cpu"]) + "\t" + QtyCell(limits, "cpu", allocatable["cpu"]) + "\t" +
                   QtyCell(reqs, "memory", allocatable["memory"]) + "\t" + QtyCell(limits, "memory", allocatable["memory"]) +
                   "\t" + Since(p.Path("metadata.creationTimestamp"), now) + "\n");
    }
    w.W(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.W(1, "Resource\tRequests\tLimits\n");
    w.W(1, "--------\t--------\t------\n");
    std::vector<std::string> rows = {"cpu", "memory", "ephemeral-storage"};
    std::vector<std::string> hugepages, extended;
    for (const auto& [k, q] : allocatable) {
        if (k.rfind("hugepages-", 0) == 0) hugepages.push_back(k);
        else if (k != "cpu" && k != "memory" && k != "ephemeral-storage" && k != "pods" && k != "storage" &&
                 k.find('/') != std::string::npos)
            extended.push_back(k);
    }
    rows.insert(rows.end(), hugepages.begin(), hugepages.end());
    rows.insert(rows.end(), extended.begin(), extended.end());
    for (const auto& res : rows) {
        w.W(1, res + "\t" + QtyCell(total_reqs, res, allocatable[res]) + "\t" + QtyCell(total_limits, res, allocatable[res]) + "\n");
    }
    Events(c, &w, node);
    return Tabbed(w.text);
}

std::string DescribeNamespace(Ctx& c, const Value& ns) {
    (void)c;
    Writer w;
    w.W(0, "Name:\t" + ns.Path("metadata.name").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", ns.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", ns.Path("metadata.annotations"), ": ", true);
    w.W(0, "Status:\t" + ns.Path("status.phase").AsString() + "\n");
    const Value& conds = ns.Path("status.conditions");
    if (conds.size() > 0) {
        w.W(0, "Conditions:\n");
        w.W(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.W(1, "----\t------\t------------------\t------\t-------\n");
        for (const auto& cond : conds.items()) {
            w.W(1, cond.GetString("type") + "\t" + cond.GetString("status") + "\t" + Rfc1123z(cond.Get("lastTransitionTime")) +
                       "\t" + cond.GetString("reason") + "\t" + cond.GetString("message") + "\n");
        }
    }
    // The playground serves no ResourceQuotas or LimitRanges: a real cluster lists none.
    w.W(0, "\nNo resource quota.\n");
    w.W(0, "\nNo LimitRange resource.\n");
    return Tabbed(w.text);
}

// storageutil.GetAccessModesAsString: each mode once, in a fixed order.
std::string AccessModes(const Value& modes) {
    std::vector<std::string> out;
    auto has = [&](const char* m) {
        for (const auto& x : modes.items())
            if (x.AsString() == m) return true;
        return false;
    };
    if (has("ReadWriteOnce")) out.push_back("RWO");
    if (has("ReadOnlyMany")) out.push_back("ROX");
    if (has("ReadWriteMany")) out.push_back("RWX");
    if (has("ReadWriteOncePod")) out.push_back("RWOP");
    return Join(out, ",");
}

std::string DescribePersistentVolume(Ctx& c, const Value& pv) {
    Writer w;
    const Value& spec = pv.Get("spec");
    w.W(0, "Name:\t" + pv.Path("metadata.name").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", pv.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", pv.Path("metadata.annotations"), ": ", true);
    std::vector<std::string> fin;
    for (const auto& f : pv.Path("metadata.finalizers").items()) fin.push_back(f.AsString());
    w.W(0, "Finalizers:\t[" + Join(fin, " ") + "]\n");
    std::string sc = pv.Path("metadata.annotations").GetString("volume.beta.kubernetes.io/storage-class");
    if (sc.empty()) sc = spec.GetString("storageClassName");
    w.W(0, "StorageClass:\t" + sc + "\n");
    if (pv.Path("metadata.deletionTimestamp").IsString()) {
        w.W(0, "Status:\tTerminating (lasts " + Since(pv.Path("metadata.deletionTimestamp"), c.Now()) + ")\n");
    } else {
        w.W(0, "Status:\t" + pv.Path("status.phase").AsString() + "\n");
    }
    const Value& claim = spec.Get("claimRef");
    w.W(0, "Claim:\t" + (claim.IsObject() ? claim.GetString("namespace") + "/" + claim.GetString("name") : std::string()) + "\n");
    w.W(0, "Reclaim Policy:\t" + spec.GetString("persistentVolumeReclaimPolicy") + "\n");
    w.W(0, "Access Modes:\t" + AccessModes(spec.Get("accessModes")) + "\n");
    if (spec.Has("volumeMode")) w.W(0, "VolumeMode:\t" + spec.GetString("volumeMode") + "\n");
    w.W(0, "Capacity:\t" + spec.Path("capacity").GetString("storage") + "\n");
    const Value& required = spec.Path("nodeAffinity").Get("required");
    w.W(0, "Node Affinity:\t");
    if (!required.IsObject()) {
        w.text += "<none>\n";
    } else {
        w.text += "\n";
        w.W(1, "Required Terms:\t");
        const Value& terms = required.Get("nodeSelectorTerms");
        if (terms.size() == 0) w.text += "<none>\n";
        else w.text += "\n";
        int i = 0;
        for (const auto& term : terms.items()) {
            w.W(2, "Term " + std::to_string(i++) + ":\t");
            const Value& exprs = term.Get("matchExpressions");
            if (exprs.size() == 0) w.text += "<none>\n";
            bool first = true;
            for (const auto& e : exprs.items()) {
                if (!first) w.W(2, "\t");
                first = false;
                std::string s = e.GetString("key") + " " + ToLower(e.GetString("operator"));
                std::vector<std::string> vals;
                for (const auto& v : e.Get("values").items()) vals.push_back(v.AsString());
                if (!vals.empty()) s += " [" + Join(vals, ", ") + "]";
                w.text += s + "\n";
            }
        }
    }
    w.W(0, "Message:\t" + pv.Path("status.message").AsString() + "\n");
    w.W(0, "Source:\n");
    if (spec.Has("hostPath")) {
        const Value& hp = spec.Get("hostPath");
        w.W(0, "    Type:\tHostPath (bare host directory volume)\n");
        w.W(0, "    Path:\t" + hp.GetString("path") + "\n");
        w.W(0, "    HostPathType:\t" + hp.GetString("type") + "\n");
    } else if (spec.Has("local")) {
        w.W(0, "    Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n");
        w.W(0, "    Path:\t" + spec.Path("local").GetString("path") + "\n");
    } else if (spec.Has("nfs")) {
        const Value& nfs = spec.Get("nfs");
        w.W(0, "    Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n");
        w.W(0, "    Server:\t" + nfs.GetString("server") + "\n");
        w.W(0, "    Path:\t" + nfs.GetString("path") + "\n");
        w.W(0, std::string("    ReadOnly:\t") + (nfs.GetBool("readOnly") ? "true" : "false") + "\n");
    } else if (spec.Has("csi")) {
        const Value& csi = spec.Get("csi");
        w.W(0, "    Type:\tCSI (a Container Storage Interface (CSI) volume source)\n");
        w.W(0, "    Driver:\t" + csi.GetString("driver") + "\n");
        w.W(0, "    FSType:\t" + csi.GetString("fsType") + "\n");
        w.W(0, "    VolumeHandle:\t" + csi.GetString("volumeHandle") + "\n");
        w.W(0, std::string("    ReadOnly:\t") + (csi.GetBool("readOnly") ? "true" : "false") + "\n");
    }
    Events(c, &w, pv);
    return Tabbed(w.text);
}

std::string DescribeStorageClass(Ctx& c, const Value& sc) {
    Writer w;
    const Value& ann = sc.Path("metadata.annotations");
    bool is_default = ann.GetString("storageclass.kubernetes.io/is-default-class") == "true" ||
                      ann.GetString("storageclass.beta.kubernetes.io/is-default-class") == "true";
    w.W(0, "Name:\t" + sc.Path("metadata.name").AsString() + "\n");
    w.W(0, std::string("IsDefaultClass:\t") + (is_default ? "Yes" : "No") + "\n");
    w.W(0, "Annotations:\t" + FormatLabels(ann) + "\n");
    w.W(0, "Provisioner:\t" + sc.GetString("provisioner") + "\n");
    w.W(0, "Parameters:\t" + FormatLabels(sc.Get("parameters")) + "\n");
    const Value& expand = sc.Get("allowVolumeExpansion");
    w.W(0, std::string("AllowVolumeExpansion:\t") + (expand.IsBool() ? (expand.AsBool() ? "True" : "False") : "<unset>") + "\n");
    const Value& opts = sc.Get("mountOptions");
    if (opts.size() == 0) {
        w.W(0, "MountOptions:\t<none>\n");
    } else {
        w.W(0, "MountOptions:\n");
        for (const auto& o : opts.items()) w.W(1, o.AsString() + "\n");
    }
    if (sc.Has("reclaimPolicy")) w.W(0, "ReclaimPolicy:\t" + sc.GetString("reclaimPolicy") + "\n");
    if (sc.Has("volumeBindingMode")) w.W(0, "VolumeBindingMode:\t" + sc.GetString("volumeBindingMode") + "\n");
    if (sc.Get("allowedTopologies").IsArray()) {
        w.W(0, "AllowedTopologies:\t");
        const Value& terms = sc.Get("allowedTopologies");
        if (terms.size() == 0) w.text += "<none>\n";
        else w.text += "\n";
        int i = 0;
        for (const auto& term : terms.items()) {
            std::vector<std::string> exprs;
            for (const auto& e : term.Get("matchLabelExpressions").items()) {
                std::vector<std::string> vals;
                for (const auto& v : e.Get("values").items()) vals.push_back(v.AsString());
                exprs.push_back(e.GetString("key") + " in [" + Join(vals, ", ") + "]");
            }
            w.W(1, "Term " + std::to_string(i++) + ":\t" + Join(exprs, "\n") + "\n");
        }
    }
    Events(c, &w, sc);
    return Tabbed(w.text);
}

std::string DescribeEndpoints(Ctx& c, const Value& ep) {
    Writer w;
    w.W(0, "Name:\t" + ep.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + ep.Path("metadata.namespace").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", ep.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", ep.Path("metadata.annotations"), ": ", true);
    w.W(0, "Subsets:\n");
    for (const auto& subset : ep.Get("subsets").items()) {
        for (const char* which : {"addresses", "notReadyAddresses"}) {
            std::vector<std::string> ips;
            for (const auto& a : subset.Get(which).items()) ips.push_back(a.GetString("ip"));
            w.W(1, std::string(which[0] == 'a' ? "Addresses" : "NotReadyAddresses") + ":\t" +
                       (ips.empty() ? std::string("<none>") : Join(ips, ",")) + "\n");
        }
        if (subset.Get("ports").size() > 0) {
            w.W(1, "Ports:\n");
            w.W(2, "Name\tPort\tProtocol\n");
            w.W(2, "----\t----\t--------\n");
            for (const auto& p : subset.Get("ports").items()) {
                std::string name = p.GetString("name");
                w.W(2, (name.empty() ? std::string("<unset>") : name) + "\t" + std::to_string(p.GetInt("port")) + "\t" +
                           p.GetString("protocol") + "\n");
            }
        }
        w.W(0, "\n");
    }
    Events(c, &w, ep);
    return Tabbed(w.text);
}

std::string DescribeEndpointSlice(Ctx& c, const Value& eps) {
    Writer w;
    w.W(0, "Name:\t" + eps.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + eps.Path("metadata.namespace").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", eps.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", eps.Path("metadata.annotations"), ": ", true);
    w.W(0, "AddressType:\t" + eps.GetString("addressType") + "\n");
    const Value& ports = eps.Get("ports");
    if (ports.size() == 0) {
        w.W(0, "Ports: <unset>\n");
    } else {
        w.W(0, "Ports:\n");
        w.W(1, "Name\tPort\tProtocol\n");
        w.W(1, "----\t----\t--------\n");
        for (const auto& p : ports.items()) {
            std::string name = p.GetString("name");
            std::string port = p.Get("port").IsNumber() ? std::to_string(p.GetInt("port")) : "<unset>";
            w.W(1, (name.empty() ? std::string("<unset>") : name) + "\t" + port + "\t" + p.GetString("protocol") + "\n");
        }
    }
    const Value& endpoints = eps.Get("endpoints");
    if (endpoints.size() == 0) {
        w.W(0, "Endpoints: <none>\n");
    } else {
        w.W(0, "Endpoints:\n");
        for (const auto& e : endpoints.items()) {
            std::vector<std::string> addrs;
            for (const auto& a : e.Get("addresses").items()) addrs.push_back(a.AsString());
            w.W(1, "- Addresses:\t" + (addrs.empty() ? std::string("<none>") : Join(addrs, ", ")) + "\n");
            w.W(2, "Conditions:\n");
            const Value& ready = e.Path("conditions").Get("ready");
            w.W(3, std::string("Ready:\t") + (ready.IsBool() ? (ready.AsBool() ? "true" : "false") : "<unset>") + "\n");
            w.W(2, "Hostname:\t" + (e.Get("hostname").IsString() ? e.GetString("hostname") : std::string("<unset>")) + "\n");
            if (e.Get("targetRef").IsObject()) {
                w.W(2, "TargetRef:\t" + e.Path("targetRef").GetString("kind") + "/" + e.Path("targetRef").GetString("name") + "\n");
            }
            w.W(2, "NodeName:\t" + (e.Get("nodeName").IsString() ? e.GetString("nodeName") : std::string("<unset>")) + "\n");
            w.W(2, "Zone:\t" + (e.Get("zone").IsString() ? e.GetString("zone") : std::string("<unset>")) + "\n");
        }
    }
    Events(c, &w, eps);
    w.W(0, "\n");
    return Tabbed(w.text);
}

// fatih/camelcase.Split: runs of lower, upper, digit and other characters, with an upper run
// followed by a lower one giving its last letter to the lower run ("PDFLoader" -> PDF, Loader).
std::vector<std::string> CamelSplit(const std::string& s) {
    std::vector<std::string> runs;
    int last = 0;
    for (char ch : s) {
        int cls = (ch >= 'a' && ch <= 'z') ? 1 : (ch >= 'A' && ch <= 'Z') ? 2 : (ch >= '0' && ch <= '9') ? 3 : 4;
        if (cls == last && !runs.empty()) runs.back() += ch;
        else runs.push_back(std::string(1, ch));
        last = cls;
    }
    for (size_t i = 0; i + 1 < runs.size(); ++i) {
        bool upper = !runs[i].empty() && runs[i][0] >= 'A' && runs[i][0] <= 'Z';
        bool lower = !runs[i + 1].empty() && runs[i + 1][0] >= 'a' && runs[i + 1][0] <= 'z';
        if (upper && lower) {
            runs[i + 1] = runs[i].back() + runs[i + 1];
            runs[i].pop_back();
        }
    }
    std::vector<std::string> out;
    for (auto& r : runs)
        if (!r.empty()) out.push_back(r);
    return out;
}

// describe's smartLabelFor: "apiVersion" -> "API Version", "creationTimestamp" -> "Creation Timestamp".
std::string SmartLabel(const std::string& field) {
    for (char ch : field) {
        bool letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z');
        if (!letter && ch != '-') return field;
    }
    std::vector<std::string> parts;
    for (std::string p : CamelSplit(field)) {
        if (p == "_") continue;
        std::string upper = p;
        for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (upper == "API" || upper == "URL" || upper == "UID" || upper == "OSB" || upper == "GUID") {
            p = upper;
        } else if (!p.empty()) {
            p[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(p[0])));
        }
        parts.push_back(p);
    }
    return Join(parts, " ");
}

// Go's %v of a JSON scalar.
std::string GoValue(const Value& v) {
    if (v.IsNull()) return "<nil>";
    if (v.IsBool()) return v.AsBool() ? "true" : "false";
    if (v.IsInt()) return std::to_string(v.AsInt());
    if (v.IsFloat()) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v.AsFloat());
        return buf;
    }
    return v.AsString();
}

void UnstructuredContent(Writer* w, int level, const Value& content, const std::string& prefix,
                         const std::vector<std::string>& skip) {
    for (const auto& [field, value] : content.members()) {
        const std::string path = prefix + "." + field;
        if (std::find(skip.begin(), skip.end(), path) != skip.end()) continue;
        if (value.IsObject()) {
            w->W(level, SmartLabel(field) + ":\n");
            UnstructuredContent(w, level + 1, value, path, skip);
        } else if (value.IsArray()) {
            w->W(level, SmartLabel(field) + ":\n");
            for (const auto& child : value.items()) {
                if (child.IsObject()) UnstructuredContent(w, level + 1, child, path, skip);
                else w->W(level + 1, GoValue(child) + "\n");
            }
        } else {
            w->W(level, SmartLabel(field) + ":\t" + GoValue(value) + "\n");
        }
    }
}

// genericDescriber: every field of the object, for kinds without a describer of their own.
std::string DescribeGeneric(Ctx& c, const Value& obj) {
    Writer w;
    w.W(0, "Name:\t" + obj.Path("metadata.name").AsString() + "\n");
    w.W(0, "Namespace:\t" + obj.Path("metadata.namespace").AsString() + "\n");
    LabelsMultiline(&w, "", "Labels", obj.Path("metadata.labels"), "=");
    LabelsMultiline(&w, "", "Annotations", obj.Path("metadata.annotations"), ": ", true);
    UnstructuredContent(&w, 0, obj, "",
                        {".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels",
                         ".metadata.annotations"});
    Events(c, &w, obj);
    return Tabbed(w.text);
}

}  // namespace

shell::Outcome RunDescribe(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("selector", 'l');
    f.Bool("all-namespaces", 'A');
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.Bool("show-events", 0, true);
    f.Int("chunk-size", 0, 500);
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const auto& a = c.flags.args();
    if (a.empty()) {
        return c.Fail("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete "
                      "list of supported resources.\n");
    }
    std::vector<ResourceTarget> targets;
    std::string error;
    if (!ResolveArgs(*c.mapper, a, &targets, &error)) return c.Fail(error);
    std::vector<std::pair<const client::ResourceInfo*, Value>> objects;
    bool prefix_matches = false;  // DescribeMatchingResources prints each description followed by "\n"
    std::string errors;
    int status = 0;
    for (const auto& t : targets) {
        std::string ns = t.res->namespaced ? (f.GetBool("all-namespaces") ? "" : c.ns) : "";
        if (!t.name.empty()) {
            auto r = c.cluster->Get(*t.res, ns, t.name);
            if (r.ok()) {
                objects.emplace_back(t.res, r.value);
                continue;
            }
            // describe falls back to the objects whose name starts with the argument.
            auto list = c.cluster->List(*t.res, ns, {});
            bool any = false;
            if (list.ok()) {
                for (const auto& item : list.value.Get("items").items()) {
                    if (item.Path("metadata.name").AsString().rfind(t.name, 0) == 0) {
                        objects.emplace_back(t.res, item);
                        any = true;
                        prefix_matches = true;
                    }
                }
            }
            if (!any) {
                errors += ApiErrorText(r.error) + "\n";
                status = 1;
            }
            continue;
        }
        client::ListOptions lo;
        lo.label_selector = f.GetString("selector");
        auto r = c.cluster->List(*t.res, ns, lo);
        if (!r.ok()) {
            errors += ApiErrorText(r.error) + "\n";
            status = 1;
            continue;
        }
        for (const auto& item : r.value.Get("items").items()) objects.emplace_back(t.res, item);
    }
    std::string out;
    bool first = true;
    for (auto& [res, obj] : objects) {
        if (!obj.Has("kind")) obj.Set("kind", res->kind);
        std::string text;
        if (res->kind == "Pod") text = DescribePod(c, obj);
        else if (res->kind == "StatefulSet") text = DescribeStatefulSet(c, obj);
        else if (res->kind == "Service") text = DescribeService(c, obj);
        else if (res->kind == "PersistentVolumeClaim") text = DescribePvc(c, obj);
        else if (res->kind == "Node") text = DescribeNode(c, obj);
        else if (res->kind == "Namespace") text = DescribeNamespace(c, obj);
        else if (res->kind == "PersistentVolume") text = DescribePersistentVolume(c, obj);
        else if (res->kind == "StorageClass") text = DescribeStorageClass(c, obj);
        else if (res->kind == "Endpoints") text = DescribeEndpoints(c, obj);
        else if (res->kind == "EndpointSlice") text = DescribeEndpointSlice(c, obj);
        else if (res->kind == "ControllerRevision" || res->kind == "Event") text = DescribeGeneric(c, obj);
        else {
            errors += "error: describing " + res->resource + " is not available in this playground; try kubectl get " +
                      res->resource + " -o yaml\n";
            status = 1;
            break;
        }
        if (prefix_matches) out += text + "\n";
        else out += (first ? "" : "\n\n") + text;
        first = false;
    }
    if (objects.empty() && status == 0) {
        c.Err(c.NoResourcesMessage(f.GetBool("all-namespaces"), false));
        return Status(0);
    }
    c.Out(out);
    c.Err(errors);
    return Status(status);
}

}  // namespace sts::kubectl
