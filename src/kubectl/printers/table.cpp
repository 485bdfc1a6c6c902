// Table columns and cells per kind, after pkg/printers/internalversion/printers.go (Kubernetes
// 1.33), and cli-runtime/pkg/printers/tableprinter.go for decoration and header handling.
#include "kubectl/printers/table.h"

#include <algorithm>
#include <set>

#include "core/strings.h"

namespace sts::kubectl {

namespace {

// [SECTION] helpers

std::string Str(const Value& v, std::string_view path) { return v.Path(path).AsString(); }

bool ParseTime(const Value& v, Time* t) { return v.IsString() && ParseRfc3339(v.AsString(), t); }

std::string Since(const Value& ts, Time now) {
    Time t = 0;
    if (!ParseTime(ts, &t)) return "<unknown>";
    return HumanDuration(now - t);
}

std::string Int(const Value& v) { return std::to_string(v.AsInt()); }

TableColumn Col(std::string name, int priority = 0, bool is_name = false) { return TableColumn{std::move(name), priority, is_name}; }

std::string AccessModes(const Value& modes) {
    std::set<std::string> have;
    for (const auto& m : modes.items()) have.insert(m.AsString());
    std::vector<std::string> out;
    if (have.count("ReadWriteOnce")) out.push_back("RWO");
    if (have.count("ReadOnlyMany")) out.push_back("ROX");
    if (have.count("ReadWriteMany")) out.push_back("RWX");
    if (have.count("ReadWriteOncePod")) out.push_back("RWOP");
    return Join(out, ",");
}

std::string StorageClassOf(const Value& obj) {
    const Value& ann = obj.Path("metadata.annotations");
    if (const Value* beta = ann.Find("volume.beta.kubernetes.io/storage-class")) return beta->AsString();
    return Str(obj, "spec.storageClassName");
}

void ContainerCells(const Value& containers, std::string* names, std::string* images) {
    std::vector<std::string> n, i;
    for (const auto& c : containers.items()) {
        n.push_back(c.GetString("name"));
        i.push_back(c.GetString("image"));
    }
    *names = Join(n, ",");
    *images = Join(i, ",");
}

std::string ListWithMore(const std::vector<std::string>& list, bool more, int count, int max) {
    std::string ret = Join(list, ",");
    if (more) return ret + " + " + std::to_string(count - max) + " more...";
    if (ret.empty()) return "<unset>";
    return ret;
}

// [SECTION] per-kind rows

std::vector<std::string> PodCells(const Value& pod, Time now) {
    const Value& spec = pod.Get("spec");
    const Value& status = pod.Get("status");
    int64_t restarts = 0;
    int64_t restartable_init_restarts = 0;
    int64_t total = static_cast<int64_t>(spec.Get("containers").size());
    int64_t ready = 0;
    Time last_restart = 0;
    Time last_restartable_init_restart = 0;
    std::string phase = status.GetString("phase");
    std::string reason = phase;
    if (!status.GetString("reason").empty()) reason = status.GetString("reason");
    for (const auto& cond : status.Get("conditions").items()) {
        if (cond.GetString("type") == "PodScheduled" && cond.GetString("reason") == "SchedulingGated") {
            reason = "SchedulingGated";
        }
    }
    auto restartable = [&](const std::string& name) {
        for (const auto& c : spec.Get("initContainers").items()) {
            if (c.GetString("name") == name) return c.GetString("restartPolicy") == "Always";
        }
        return false;
    };
    for (const auto& c : spec.Get("initContainers").items()) {
        if (c.GetString("restartPolicy") == "Always") ++total;
    }
    auto finished_at = [](const Value& cs) {
        Time t = 0;
        ParseTime(cs.Path("lastState.terminated.finishedAt"), &t);
        return t;
    };
    bool initializing = false;
    const Value& init_statuses = status.Get("initContainerStatuses");
    for (size_t i = 0; i < init_statuses.size(); ++i) {
        const Value& c = init_statuses[i];
        restarts += c.GetInt("restartCount");
        Time f = finished_at(c);
        if (f > last_restart) last_restart = f;
        bool is_restartable = restartable(c.GetString("name"));
        if (is_restartable) {
            restartable_init_restarts += c.GetInt("restartCount");
            if (f > last_restartable_init_restart) last_restartable_init_restart = f;
        }
        const Value& term = c.Path("state.terminated");
        const Value& wait = c.Path("state.waiting");
        if (term.IsObject() && term.GetInt("exitCode") == 0) continue;
        if (is_restartable && c.GetBool("started")) {
            if (c.GetBool("ready")) ++ready;
            continue;
        }
        if (term.IsObject()) {
            if (term.GetString("reason").empty()) {
                if (term.GetInt("signal") != 0) reason = "Init:Signal:" + std::to_string(term.GetInt("signal"));
                else reason = "Init:ExitCode:" + std::to_string(term.GetInt("exitCode"));
            } else {
                reason = "Init:" + term.GetString("reason");
            }
            initializing = true;
        } else if (wait.IsObject() && !wait.GetString("reason").empty() && wait.GetString("reason") != "PodInitializing") {
            reason = "Init:" + wait.GetString("reason");
            initializing = true;
        } else {
            reason = "Init:" + std::to_string(i) + "/" + std::to_string(spec.Get("initContainers").size());
            initializing = true;
        }
        break;
    }
    bool initialized = false;
    for (const auto& cond : status.Get("conditions").items()) {
        if (cond.GetString("type") == "Initialized" && cond.GetString("status") == "True") initialized = true;
    }
    if (!initializing || initialized) {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init_restart;
        bool has_running = false;
        const Value& statuses = status.Get("containerStatuses");
        for (size_t k = statuses.size(); k-- > 0;) {
            const Value& c = statuses[k];
            restarts += c.GetInt("restartCount");
            Time f = finished_at(c);
            if (f > last_restart) last_restart = f;
            const Value& wait = c.Path("state.waiting");
            const Value& term = c.Path("state.terminated");
            if (wait.IsObject() && !wait.GetString("reason").empty()) {
                reason = wait.GetString("reason");
            } else if (term.IsObject() && !term.GetString("reason").empty()) {
                reason = term.GetString("reason");
            } else if (term.IsObject()) {
                if (term.GetInt("signal") != 0) reason = "Signal:" + std::to_string(term.GetInt("signal"));
                else reason = "ExitCode:" + std::to_string(term.GetInt("exitCode"));
            } else if (c.GetBool("ready") && c.Path("state.running").IsObject()) {
                has_running = true;
                ++ready;
            }
        }
        if (reason == "Completed" && has_running) {
            bool pod_ready = false;
            for (const auto& cond : status.Get("conditions").items()) {
                if (cond.GetString("type") == "Ready" && cond.GetString("status") == "True") pod_ready = true;
            }
            reason = pod_ready ? "Running" : "NotReady";
        }
    }
    bool deleting = pod.Path("metadata.deletionTimestamp").IsString();
    if (deleting && status.GetString("reason") == "NodeLost") {
        reason = "Unknown";
    } else if (deleting && phase != "Succeeded" && phase != "Failed") {
        reason = "Terminating";
    }
    std::string restarts_str = std::to_string(restarts);
    if (restarts != 0 && last_restart != 0) {
        restarts_str += " (" + HumanDuration(now - last_restart) + " ago)";
    }
    std::vector<std::string> cells = {pod.Path("metadata.name").AsString(),
                                      std::to_string(ready) + "/" + std::to_string(total), reason, restarts_str,
                                      FormatAge(pod, now)};
    std::string ip;
    const Value& ips = status.Get("podIPs");
    if (ips.size() > 0) ip = ips[0].GetString("ip");
    std::string node = spec.GetString("nodeName");
    std::string nominated = status.GetString("nominatedNodeName");
    std::string gates = "<none>";
    const Value& rg = spec.Get("readinessGates");
    if (rg.size() > 0) {
        int true_conditions = 0;
        for (const auto& g : rg.items()) {
            for (const auto& cond : status.Get("conditions").items()) {
                if (cond.GetString("type") == g.GetString("conditionType")) {
                    if (cond.GetString("status") == "True") ++true_conditions;
                    break;
                }
            }
        }
        gates = std::to_string(true_conditions) + "/" + std::to_string(rg.size());
    }
    cells.push_back(ip.empty() ? "<none>" : ip);
    cells.push_back(node.empty() ? "<none>" : node);
    cells.push_back(nominated.empty() ? "<none>" : nominated);
    cells.push_back(gates);
    return cells;
}

std::string ServiceExternalIp(const Value& svc, bool wide) {
    const Value& spec = svc.Get("spec");
    std::vector<std::string> external;
    for (const auto& ip : spec.Get("externalIPs").items()) external.push_back(ip.AsString());
    std::string type = spec.GetString("type", "ClusterIP");
    if (type == "ClusterIP" || type == "NodePort") return external.empty() ? "<none>" : Join(external, ",");
    if (type == "LoadBalancer") {
        std::set<std::string> lb;
        for (const auto& ing : svc.Path("status.loadBalancer").Get("ingress").items()) {
            if (!ing.GetString("ip").empty()) lb.insert(ing.GetString("ip"));
            else if (!ing.GetString("hostname").empty()) lb.insert(ing.GetString("hostname"));
        }
        std::string r = Join(std::vector<std::string>(lb.begin(), lb.end()), ",");
        if (!wide && r.size() > 16) r = r.substr(0, 13) + "...";
        if (!external.empty()) {
            std::vector<std::string> all;
            if (!r.empty()) all = Split(r, ',');
            all.insert(all.end(), external.begin(), external.end());
            return Join(all, ",");
        }
        return r.empty() ? "<pending>" : r;
    }
    if (type == "ExternalName") return spec.GetString("externalName");
    return "<unknown>";
}

std::vector<std::string> ServiceCells(const Value& svc, Time now) {
    const Value& spec = svc.Get("spec");
    std::string internal = "<none>";
    if (spec.Get("clusterIPs").size() > 0) internal = spec.Get("clusterIPs")[0].AsString();
    else if (!spec.GetString("clusterIP").empty()) internal = spec.GetString("clusterIP");
    std::vector<std::string> ports;
    for (const auto& p : spec.Get("ports").items()) {
        std::string proto = p.GetString("protocol", "TCP");
        if (p.GetInt("nodePort") > 0) ports.push_back(Int(p.Get("port")) + ":" + Int(p.Get("nodePort")) + "/" + proto);
        else ports.push_back(Int(p.Get("port")) + "/" + proto);
    }
    std::string port_str = ports.empty() ? "<none>" : Join(ports, ",");
    return {Str(svc, "metadata.name"), spec.GetString("type"), internal, ServiceExternalIp(svc, false), port_str,
            FormatAge(svc, now), FormatLabels(spec.Get("selector"))};
}

std::string FormatEndpoints(const Value& ep) {
    const Value& subsets = ep.Get("subsets");
    if (subsets.size() == 0) return "<none>";
    std::vector<std::string> list;
    const int max = 3;
    bool more = false;
    int count = 0;
    for (const auto& ss : subsets.items()) {
        const Value& addrs = ss.Get("addresses");
        if (ss.Get("ports").size() == 0) {
            count += static_cast<int>(addrs.size());
            for (const auto& a : addrs.items()) {
                if (static_cast<int>(list.size()) == max) {
                    more = true;
                    break;
                }
                list.push_back(a.GetString("ip"));
            }
            continue;
        }
        for (const auto& port : ss.Get("ports").items()) {
            count += static_cast<int>(addrs.size());
            for (const auto& a : addrs.items()) {
                if (static_cast<int>(list.size()) == max) {
                    more = true;
                    break;
                }
                std::string ip = a.GetString("ip");
                if (ip.find(':') != std::string::npos) ip = "[" + ip + "]";
                list.push_back(ip + ":" + Int(port.Get("port")));
            }
        }
    }
    std::string ret = Join(list, ",");
    if (more) return ret + " + " + std::to_string(count - max) + " more...";
    return ret;
}

std::vector<std::string> EndpointSliceCells(const Value& es, Time now) {
    std::vector<std::string> ports;
    const int max = 3;
    bool more = false;
    int count = 0;
    for (const auto& p : es.Get("ports").items()) {
        if (static_cast<int>(ports.size()) < max) {
            if (p.Has("port") && !p.Get("port").IsNull()) ports.push_back(Int(p.Get("port")));
            else if (p.Has("name") && !p.Get("name").IsNull()) ports.push_back(p.GetString("name"));
            else ports.push_back("*");
        } else if (static_cast<int>(ports.size()) == max) {
            more = true;
        }
        ++count;
    }
    std::string port_str = ListWithMore(ports, more, count, max);
    std::vector<std::string> addrs;
    bool amore = false;
    int acount = 0;
    for (const auto& e : es.Get("endpoints").items()) {
        for (const auto& a : e.Get("addresses").items()) {
            if (static_cast<int>(addrs.size()) < max) addrs.push_back(a.AsString());
            else if (static_cast<int>(addrs.size()) == max) amore = true;
            ++acount;
        }
    }
    return {Str(es, "metadata.name"), es.GetString("addressType"), port_str, ListWithMore(addrs, amore, acount, max),
            FormatAge(es, now)};
}

std::vector<std::string> PvcCells(const Value& pvc, Time now) {
    std::string phase = Str(pvc, "status.phase");
    if (pvc.Path("metadata.deletionTimestamp").IsString()) phase = "Terminating";
    std::string vac = "<unset>";
    if (pvc.Path("spec.volumeAttributesClassName").IsString()) vac = Str(pvc, "spec.volumeAttributesClassName");
    std::string capacity, modes;
    std::string volume = Str(pvc, "spec.volumeName");
    if (!volume.empty()) {
        modes = AccessModes(pvc.Path("status.accessModes"));
        capacity = pvc.Path("status.capacity").GetString("storage");
    }
    std::string mode = "<unset>";
    if (pvc.Path("spec.volumeMode").IsString()) mode = Str(pvc, "spec.volumeMode");
    return {Str(pvc, "metadata.name"), phase, volume, capacity, modes, StorageClassOf(pvc), vac, FormatAge(pvc, now), mode};
}

std::vector<std::string> PvCells(const Value& pv, Time now) {
    std::string claim;
    const Value& ref = pv.Path("spec.claimRef");
    if (ref.IsObject()) claim = ref.GetString("namespace") + "/" + ref.GetString("name");
    std::string phase = Str(pv, "status.phase");
    if (pv.Path("metadata.deletionTimestamp").IsString()) phase = "Terminating";
    std::string mode = "<unset>";
    if (pv.Path("spec.volumeMode").IsString()) mode = Str(pv, "spec.volumeMode");
    std::string vac = "<unset>";
    if (pv.Path("spec.volumeAttributesClassName").IsString()) vac = Str(pv, "spec.volumeAttributesClassName");
    return {Str(pv, "metadata.name"), pv.Path("spec.capacity").GetString("storage"),
            AccessModes(pv.Path("spec.accessModes")), Str(pv, "spec.persistentVolumeReclaimPolicy"), phase, claim,
            StorageClassOf(pv), vac, Str(pv, "status.reason"), FormatAge(pv, now), mode};
}

std::vector<std::string> StorageClassCells(const Value& sc, Time now) {
    std::string name = Str(sc, "metadata.name");
    const Value& ann = sc.Path("metadata.annotations");
    if (ann.GetString("storageclass.kubernetes.io/is-default-class") == "true" ||
        ann.GetString("storageclass.beta.kubernetes.io/is-default-class") == "true") {
        name += " (default)";
    }
    std::string reclaim = sc.GetString("reclaimPolicy", "Delete");
    std::string binding = sc.GetString("volumeBindingMode", "Immediate");
    bool expansion = sc.GetBool("allowVolumeExpansion");
    return {name, sc.GetString("provisioner"), reclaim, binding, expansion ? "true" : "false", FormatAge(sc, now)};
}

std::vector<std::string> ControllerRevisionCells(const Value& cr, Time now) {
    std::string controller = "<none>";
    for (const auto& ref : cr.Path("metadata.ownerReferences").items()) {
        if (!ref.GetBool("controller")) continue;
        std::string api = ref.GetString("apiVersion");
        std::string group = api.find('/') == std::string::npos ? "" : api.substr(0, api.find('/'));
        controller = KindPrefix(ref.GetString("kind"), group) + "/" + ref.GetString("name");
        break;
    }
    return {Str(cr, "metadata.name"), controller, Int(cr.Get("revision")), FormatAge(cr, now)};
}

std::vector<std::string> EventCells(const Value& ev, Time now) {
    auto since = [&](const Value& ts) { return Since(ts, now); };
    std::string first = ev.Get("firstTimestamp").IsString() ? since(ev.Get("firstTimestamp")) : since(ev.Get("eventTime"));
    std::string last = ev.Get("lastTimestamp").IsString() ? since(ev.Get("lastTimestamp")) : first;
    int64_t count = ev.GetInt("count");
    if (ev.Get("series").IsObject()) {
        last = since(ev.Path("series.lastObservedTime"));
        count = ev.Path("series").GetInt("count");
    } else if (count == 0) {
        count = 1;
    }
    const Value& obj = ev.Get("involvedObject");
    std::string target = ToLower(obj.GetString("kind"));
    if (!obj.GetString("name").empty()) target += "/" + obj.GetString("name");
    std::string component = ev.Path("source").GetString("component");
    if (component.empty()) component = ev.GetString("reportingComponent");
    std::string host = ev.Path("source").GetString("host");
    if (host.empty()) host = ev.GetString("reportingInstance");
    std::string source = host.empty() ? component : component + ", " + host;
    return {last, ev.GetString("type"), ev.GetString("reason"), target, obj.GetString("fieldPath"), source,
            Trim(ev.GetString("message")), first, std::to_string(count), Str(ev, "metadata.name")};
}

std::vector<std::string> NodeCells(const Value& node, Time now) {
    std::vector<std::string> status;
    for (const auto& c : node.Path("status.conditions").items()) {
        if (c.GetString("type") != "Ready") continue;
        status.push_back(c.GetString("status") == "True" ? "Ready" : "NotReady");
        break;
    }
    if (status.empty()) status.push_back("Unknown");
    if (node.Path("spec.unschedulable").AsBool()) status.push_back("SchedulingDisabled");
    std::set<std::string> roles;
    for (const auto& [k, v] : node.Path("metadata.labels").members()) {
        const std::string prefix = "node-role.kubernetes.io/";
        if (k.compare(0, prefix.size(), prefix) == 0 && k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
        else if (k == "kubernetes.io/role" && !v.AsString().empty()) roles.insert(v.AsString());
    }
    std::string role_str = Join(std::vector<std::string>(roles.begin(), roles.end()), ",");
    if (role_str.empty()) role_str = "<none>";
    const Value& info = node.Path("status.nodeInfo");
    auto addr = [&](const std::string& type) {
        for (const auto& a : node.Path("status.addresses").items()) {
            if (a.GetString("type") == type) return a.GetString("address");
        }
        return std::string("<none>");
    };
    auto or_unknown = [](std::string s) { return s.empty() ? std::string("<unknown>") : s; };
    return {Str(node, "metadata.name"), Join(status, ","), role_str, FormatAge(node, now), info.GetString("kubeletVersion"),
            addr("InternalIP"), addr("ExternalIP"), or_unknown(info.GetString("osImage")),
            or_unknown(info.GetString("kernelVersion")), or_unknown(info.GetString("containerRuntimeVersion"))};
}

// printComponentStatus: the Healthy condition's verdict, message and error.
std::vector<std::string> ComponentStatusCells(const Value& cs) {
    std::string status = "Unknown", message, error;
    for (const auto& c : cs.Get("conditions").items()) {
        if (c.GetString("type") != "Healthy") continue;
        status = c.GetString("status") == "True" ? "Healthy" : "Unhealthy";
        message = c.GetString("message");
        error = c.GetString("error");
        break;
    }
    return {Str(cs, "metadata.name"), status, message, error};
}

}  // namespace

// [SECTION] public

std::string FormatAge(const Value& object, Time now) { return Since(object.Path("metadata.creationTimestamp"), now); }

std::string FormatLabels(const Value& labels) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : labels.members()) parts.push_back(k + "=" + v.AsString());
    if (parts.empty()) return "<none>";
    return Join(parts, ",");
}

std::string FormatLabelSelector(const Value& selector) {
    if (!selector.IsObject()) return "<none>";
    std::vector<std::string> parts;
    for (const auto& [k, v] : selector.Get("matchLabels").members()) parts.push_back(k + "=" + v.AsString());
    for (const auto& e : selector.Get("matchExpressions").items()) {
        std::string op = e.GetString("operator");
        std::vector<std::string> vals;
        for (const auto& v : e.Get("values").items()) vals.push_back(v.AsString());
        std::string key = e.GetString("key");
        if (op == "In") parts.push_back(key + " in (" + Join(vals, ",") + ")");
        else if (op == "NotIn") parts.push_back(key + " notin (" + Join(vals, ",") + ")");
        else if (op == "Exists") parts.push_back(key);
        else if (op == "DoesNotExist") parts.push_back("!" + key);
    }
    std::string s = Join(parts, ",");
    return s.empty() ? "<none>" : s;
}

std::string KindPrefix(const std::string& kind, const std::string& group) {
    return ToLower(group.empty() ? kind : kind + "." + group);
}

std::vector<TableColumn> ColumnsFor(const std::string& kind) {
    if (kind == "Pod") {
        return {Col("Name", 0, true), Col("Ready"), Col("Status"), Col("Restarts"), Col("Age"), Col("IP", 1),
                Col("Node", 1), Col("Nominated Node", 1), Col("Readiness Gates", 1)};
    }
    if (kind == "StatefulSet") {
        return {Col("Name", 0, true), Col("Ready"), Col("Age"), Col("Containers", 1), Col("Images", 1)};
    }
    if (kind == "Deployment") {
        return {Col("Name", 0, true), Col("Ready"), Col("Up-to-date"), Col("Available"), Col("Age"),
                Col("Containers", 1), Col("Images", 1), Col("Selector", 1)};
    }
    if (kind == "ReplicaSet") {
        return {Col("Name", 0, true), Col("Desired"), Col("Current"), Col("Ready"), Col("Age"),
                Col("Containers", 1), Col("Images", 1), Col("Selector", 1)};
    }
    if (kind == "Service") {
        return {Col("Name", 0, true), Col("Type"), Col("Cluster-IP"), Col("External-IP"), Col("Port(s)"), Col("Age"),
                Col("Selector", 1)};
    }
    if (kind == "Endpoints") return {Col("Name", 0, true), Col("Endpoints"), Col("Age")};
    if (kind == "EndpointSlice") {
        return {Col("Name", 0, true), Col("AddressType"), Col("Ports"), Col("Endpoints"), Col("Age")};
    }
    if (kind == "PersistentVolumeClaim") {
        return {Col("Name", 0, true), Col("Status"), Col("Volume"), Col("Capacity"), Col("Access Modes"),
                Col("StorageClass"), Col("VolumeAttributesClass"), Col("Age"), Col("VolumeMode", 1)};
    }
    if (kind == "PersistentVolume") {
        return {Col("Name", 0, true), Col("Capacity"), Col("Access Modes"), Col("Reclaim Policy"), Col("Status"),
                Col("Claim"), Col("StorageClass"), Col("VolumeAttributesClass"), Col("Reason"), Col("Age"),
                Col("VolumeMode", 1)};
    }
    if (kind == "StorageClass") {
        return {Col("Name", 0, true), Col("Provisioner"), Col("ReclaimPolicy"), Col("VolumeBindingMode"),
                Col("AllowVolumeExpansion"), Col("Age")};
    }
    if (kind == "ControllerRevision") return {Col("Name", 0, true), Col("Controller"), Col("Revision"), Col("Age")};
    if (kind == "Scale") return {Col("Name", 0, true), Col("Desired"), Col("Available")};
    if (kind == "Event") {
        return {Col("Last Seen"), Col("Type"), Col("Reason"), Col("Object"), Col("Subobject", 1), Col("Source", 1),
                Col("Message"), Col("First Seen", 1), Col("Count", 1), Col("Name", 1, true)};
    }
    if (kind == "Node") {
        return {Col("Name", 0, true), Col("Status"), Col("Roles"), Col("Age"), Col("Version"), Col("Internal-IP", 1),
                Col("External-IP", 1), Col("OS-Image", 1), Col("Kernel-Version", 1), Col("Container-Runtime", 1)};
    }
    if (kind == "Namespace") return {Col("Name", 0, true), Col("Status"), Col("Age")};
    if (kind == "ComponentStatus") return {Col("Name", 0, true), Col("Status"), Col("Message"), Col("Error")};
    if (kind == "ConfigMap") return {Col("Name", 0, true), Col("Data"), Col("Age")};
    if (kind == "Secret") return {Col("Name", 0, true), Col("Type"), Col("Data"), Col("Age")};
    if (kind == "ServiceAccount") return {Col("Name", 0, true), Col("Secrets"), Col("Age")};
    // The API server's default table for kinds without a printer.
    return {Col("Name", 0, true), Col("Created At")};
}

Table BuildTable(const std::string& kind, const std::vector<Value>& objects, Time now) {
    Table t;
    t.columns = ColumnsFor(kind);
    for (const auto& obj : objects) {
        TableRow row;
        row.ns = Str(obj, "metadata.namespace");
        row.labels = obj.Path("metadata.labels");
        std::string name = Str(obj, "metadata.name");
        std::string age = FormatAge(obj, now);
        if (kind == "Pod") {
            row.cells = PodCells(obj, now);
        } else if (kind == "StatefulSet" || kind == "Deployment" || kind == "ReplicaSet") {
            std::string names, images;
            ContainerCells(obj.Path("spec.template.spec.containers"), &names, &images);
            const Value& st = obj.Get("status");
            int64_t desired = obj.Path("spec").Has("replicas") ? obj.Path("spec").GetInt("replicas") : 1;
            if (kind == "StatefulSet") {
                row.cells = {name, std::to_string(st.GetInt("readyReplicas")) + "/" + std::to_string(desired), age, names, images};
            } else if (kind == "Deployment") {
                row.cells = {name, std::to_string(st.GetInt("readyReplicas")) + "/" + std::to_string(desired),
                             Int(st.Get("updatedReplicas")), Int(st.Get("availableReplicas")), age, names, images,
                             FormatLabelSelector(obj.Path("spec.selector"))};
            } else {
                row.cells = {name, std::to_string(desired), Int(st.Get("replicas")), Int(st.Get("readyReplicas")), age,
                             names, images, FormatLabelSelector(obj.Path("spec.selector"))};
            }
        } else if (kind == "Service") {
            row.cells = ServiceCells(obj, now);
        } else if (kind == "Endpoints") {
            row.cells = {name, FormatEndpoints(obj), age};
        } else if (kind == "EndpointSlice") {
            row.cells = EndpointSliceCells(obj, now);
        } else if (kind == "PersistentVolumeClaim") {
            row.cells = PvcCells(obj, now);
        } else if (kind == "PersistentVolume") {
            row.cells = PvCells(obj, now);
        } else if (kind == "StorageClass") {
            row.cells = StorageClassCells(obj, now);
        } else if (kind == "ControllerRevision") {
            row.cells = ControllerRevisionCells(obj, now);
        } else if (kind == "Scale") {
            row.cells = {name, Int(obj.Path("spec.replicas")), Int(obj.Path("status.replicas"))};
        } else if (kind == "Event") {
            row.cells = EventCells(obj, now);
        } else if (kind == "Node") {
            row.cells = NodeCells(obj, now);
        } else if (kind == "Namespace") {
            row.cells = {name, Str(obj, "status.phase"), age};
        } else if (kind == "ComponentStatus") {
            row.cells = ComponentStatusCells(obj);
        } else if (kind == "ConfigMap") {
            row.cells = {name, std::to_string(obj.Get("data").size() + obj.Get("binaryData").size()), age};
        } else if (kind == "Secret") {
            row.cells = {name, obj.GetString("type"), std::to_string(obj.Get("data").size()), age};
        } else if (kind == "ServiceAccount") {
            row.cells = {name, std::to_string(obj.Get("secrets").size()), age};
        } else {
            row.cells = {name, Str(obj, "metadata.creationTimestamp")};
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

// [SECTION] the human-readable printer

namespace {

// Cell text as the table printer writes it: cut at a line break (with "..."), control
// characters escaped.
std::string CellText(const std::string& s) {
    size_t cut = s.find_first_of("\n\r\f");
    std::string v = cut == std::string::npos ? s : s.substr(0, cut);
    std::string out;
    for (char c : v) {
        if (c == '\x1b') out += "^[";
        else if (c == '\t') out += ' ';
        else out += c;
    }
    if (cut != std::string::npos) out += "...";
    return out;
}

}  // namespace

void HumanPrinter::Print(const Table& table, const std::string& event_type, TabWriter* w) {
    bool no_headers = options_.no_headers;
    if (printed_headers_ && table.columns == last_columns_) no_headers = true;
    if (!(table.columns == last_columns_)) {
        last_columns_ = table.columns;
        printed_headers_ = false;
    }
    if (!table.rows.empty()) printed_headers_ = true;
    if (table.rows.empty()) return;

    std::vector<std::string> header;
    if (!event_type.empty()) header.push_back("EVENT");
    if (options_.with_namespace) header.push_back("NAMESPACE");
    for (const auto& c : table.columns) {
        if (!options_.wide && c.priority != 0) continue;
        std::string up = c.name;
        for (char& ch : up) {
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        }
        header.push_back(up);
    }
    for (const auto& l : options_.label_columns) {
        std::string last = l.substr(l.rfind('/') == std::string::npos ? 0 : l.rfind('/') + 1);
        for (char& ch : last) {
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        }
        header.push_back(last);
    }
    if (options_.show_labels) header.push_back("LABELS");
    std::string out;
    if (!no_headers) out += Join(header, "\t") + "\n";
    for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        if (!event_type.empty()) {
            std::string e = event_type;
            if (e == "ADDED") e = "ADDED   ";
            else if (e == "DELETED") e = "DELETED ";
            else if (e == "ERROR") e = "ERROR   ";
            cells.push_back(e);
        }
        if (options_.with_namespace) cells.push_back(row.ns);
        for (size_t i = 0; i < table.columns.size() && i < row.cells.size(); ++i) {
            const TableColumn& c = table.columns[i];
            if (!options_.wide && c.priority != 0) continue;
            std::string cell = CellText(row.cells[i]);
            if (c.is_name && !options_.kind_prefix.empty()) cell = options_.kind_prefix + "/" + cell;
            cells.push_back(cell);
        }
        for (const auto& l : options_.label_columns) cells.push_back(row.labels.GetString(l));
        if (options_.show_labels) cells.push_back(FormatLabels(row.labels));
        out += Join(cells, "\t") + "\n";
    }
    w->Write(out);
}

}  // namespace sts::kubectl
