// An in-memory client::Cluster for console tests: a store with resourceVersions, watches with
// synchronous callbacks, merge / JSON / simple strategic patches, a settable clock, scripted
// exec and logs, and an optional toy StatefulSet controller (Tick) that walks pods through
// Pending -> ContainerCreating -> Running in order, enough to replay the tutorial.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "client/cluster.h"
#include "core/strings.h"
#include "core/time.h"
#include "core/value.h"
#include "kubectl/resources.h"

namespace sts::testing {

class FakeCluster : public client::Cluster {
public:
    FakeCluster() {
        auto add = [&](std::string kind, std::string group, std::string resource, std::string singular,
                       std::vector<std::string> shorts, bool namespaced) {
            client::ResourceInfo r;
            r.kind = std::move(kind);
            r.group = std::move(group);
            r.version = "v1";
            r.resource = std::move(resource);
            r.singular = std::move(singular);
            r.short_names = std::move(shorts);
            r.namespaced = namespaced;
            resources_.push_back(r);
        };
        add("Pod", "", "pods", "pod", {"po"}, true);
        add("Service", "", "services", "service", {"svc"}, true);
        add("Endpoints", "", "endpoints", "endpoints", {"ep"}, true);
        add("Namespace", "", "namespaces", "namespace", {"ns"}, false);
        add("Node", "", "nodes", "node", {"no"}, false);
        add("Event", "", "events", "event", {"ev"}, true);
        add("PersistentVolumeClaim", "", "persistentvolumeclaims", "persistentvolumeclaim", {"pvc"}, true);
        add("PersistentVolume", "", "persistentvolumes", "persistentvolume", {"pv"}, false);
        add("ConfigMap", "", "configmaps", "configmap", {"cm"}, true);
        add("StatefulSet", "apps", "statefulsets", "statefulset", {"sts"}, true);
        add("ControllerRevision", "apps", "controllerrevisions", "controllerrevision", {}, true);
        add("StorageClass", "storage.k8s.io", "storageclasses", "storageclass", {"sc"}, false);
        add("EndpointSlice", "discovery.k8s.io", "endpointslices", "endpointslice", {}, true);
        now_ = kSimulationEpoch;
    }

    // [SECTION] test controls

    Time now_ = 0;
    void Advance(Duration d) { now_ += d; }
    std::function<client::ExecResult(const std::string&, const std::string&, const std::string&,
                                     const std::vector<std::string>&)>
        exec_handler;
    std::map<std::string, std::string> logs;  // "ns/pod/container" -> text
    bool graceful_pod_delete = false;          // pods get a deletionTimestamp instead of vanishing
    int watch_count() const { return static_cast<int>(watches_.size()); }

    const client::ResourceInfo& Res(const std::string& resource) const {
        for (const auto& r : resources_) {
            if (r.resource == resource) return r;
        }
        return resources_[0];
    }

    // Stores an object as-is (fills metadata bookkeeping) and notifies watchers.
    Value Put(const std::string& resource, Value obj) {
        const client::ResourceInfo& r = Res(resource);
        std::string ns = r.namespaced ? obj.Path("metadata.namespace").AsString() : "";
        if (r.namespaced && ns.empty()) {
            ns = "default";
            obj["metadata"].Set("namespace", ns);
        }
        obj.Set("apiVersion", r.ApiVersion());
        obj.Set("kind", r.kind);
        std::string name = obj.Path("metadata.name").AsString();
        std::string key = Key(resource, ns, name);
        bool existed = store_.count(key) > 0;
        if (!obj.Path("metadata.uid").IsString()) obj["metadata"].Set("uid", "uid-" + std::to_string(++uid_));
        if (!obj.Path("metadata.creationTimestamp").IsString()) {
            obj["metadata"].Set("creationTimestamp", FormatRfc3339(TruncateToSeconds(now_)));
        }
        obj["metadata"].Set("resourceVersion", std::to_string(++rv_));
        store_[key] = obj;
        Notify(resource, ns, existed ? client::WatchEventType::kModified : client::WatchEventType::kAdded, obj);
        return obj;
    }
    // Stores an object exactly as given (golden tests need the same bytes as a real server's).
    void Store(const std::string& resource, const Value& obj) {
        store_[Key(resource, obj.Path("metadata.namespace").AsString(), obj.Path("metadata.name").AsString())] = obj;
    }
    void Remove(const std::string& resource, const std::string& ns, const std::string& name) {
        std::string key = Key(resource, ns, name);
        auto it = store_.find(key);
        if (it == store_.end()) return;
        Value obj = it->second;
        store_.erase(it);
        Notify(resource, ns, client::WatchEventType::kDeleted, obj);
    }
    const Value* Find(const std::string& resource, const std::string& ns, const std::string& name) const {
        auto it = store_.find(Key(resource, ns, name));
        return it == store_.end() ? nullptr : &it->second;
    }

    // [SECTION] a toy StatefulSet controller

    // Moves the simulation one step: pods are created one at a time in ordinal order, each
    // Pending for `pending` then ContainerCreating for `creating`, then Running and Ready;
    // scale-down deletes the highest ordinal; a template change replaces pods from the highest
    // ordinal. Sets status like the real controller. Returns true when something changed.
    Duration pending = Seconds(1);
    Duration creating = Seconds(1);
    Duration terminating = Seconds(2);

    bool Tick() {
        bool changed = false;
        // Finish terminating pods.
        std::vector<std::string> gone;
        for (auto& [key, obj] : store_) {
            if (obj.GetString("kind") != "Pod") continue;
            Time del = 0;
            if (ParseRfc3339(obj.Path("metadata.deletionTimestamp").AsString(), &del) && now_ >= del) gone.push_back(key);
        }
        for (const auto& key : gone) {
            Value obj = store_[key];
            Remove("pods", obj.Path("metadata.namespace").AsString(), obj.Path("metadata.name").AsString());
            changed = true;
        }
        for (auto entry : Snapshot("statefulsets")) changed |= SyncSet(entry);
        return changed;
    }

    // [SECTION] client::Cluster

    const std::vector<client::ResourceInfo>& Resources() const override { return resources_; }

    client::ApiResult<Value> Create(const client::ResourceInfo& res, const std::string& ns, const Value& in,
                                    const client::WriteOptions& opts) override {
        client::ApiResult<Value> out;
        std::string n = res.namespaced ? ns : "";
        std::string name = in.Path("metadata.name").AsString();
        if (name.empty()) {
            out.error = {422, "Invalid", res.kind + " \"\" is invalid: metadata.name: Required value: name or generateName is required"};
            return out;
        }
        if (store_.count(Key(res.resource, n, name))) {
            out.error = {409, "AlreadyExists", res.GroupResource() + " \"" + name + "\" already exists"};
            return out;
        }
        Value obj = in;
        obj["metadata"].Set("generation", Value(static_cast<int64_t>(1)));
        if (res.namespaced) obj["metadata"].Set("namespace", n);
        Default(res.kind, &obj);
        if (opts.dry_run) {
            out.value = obj;
            return out;
        }
        out.value = Put(res.resource, obj);
        return out;
    }

    client::ApiResult<Value> Get(const client::ResourceInfo& res, const std::string& ns, const std::string& name) override {
        client::ApiResult<Value> out;
        const Value* v = Find(res.resource, res.namespaced ? ns : "", name);
        if (!v) {
            out.error = {404, "NotFound", res.GroupResource() + " \"" + name + "\" not found"};
            return out;
        }
        out.value = *v;
        return out;
    }

    client::ApiResult<Value> List(const client::ResourceInfo& res, const std::string& ns,
                                  const client::ListOptions& opts) override {
        client::ApiResult<Value> out;
        kubectl::LabelSelector sel;
        std::string err;
        if (!sel.Parse(opts.label_selector, &err)) {
            out.error = {400, "BadRequest", "unable to parse requirement: " + err};
            return out;
        }
        std::string field_name;
        if (opts.field_selector.rfind("metadata.name=", 0) == 0) field_name = opts.field_selector.substr(14);
        Value items = Value::MakeArray();
        for (const auto& obj : Snapshot(res.resource)) {
            if (res.namespaced && !ns.empty() && obj.Path("metadata.namespace").AsString() != ns) continue;
            if (!sel.Matches(obj.Path("metadata.labels"))) continue;
            if (!field_name.empty() && obj.Path("metadata.name").AsString() != field_name) continue;
            items.Push(obj);
        }
        out.value = Value::MakeObject({{"apiVersion", res.ApiVersion()},
                                       {"kind", res.kind + "List"},
                                       {"metadata", Value::MakeObject({{"resourceVersion", std::to_string(rv_)}})},
                                       {"items", items}});
        return out;
    }

    client::ApiResult<Value> Update(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                    const std::string& subresource, const client::WriteOptions& opts) override {
        client::ApiResult<Value> out;
        std::string name = obj.Path("metadata.name").AsString();
        const Value* cur = Find(res.resource, res.namespaced ? ns : "", name);
        if (!cur) {
            out.error = {404, "NotFound", res.GroupResource() + " \"" + name + "\" not found"};
            return out;
        }
        Value next = *cur;
        if (subresource == "status") {
            next.Set("status", obj.Get("status"));
        } else if (subresource == "scale") {
            next["spec"].Set("replicas", obj.Path("spec.replicas"));
        } else {
            next = obj;
            next["metadata"].Set("uid", cur->Path("metadata.uid"));
            next["metadata"].Set("creationTimestamp", cur->Path("metadata.creationTimestamp"));
            next["metadata"].Set("generation", cur->Path("metadata.generation"));
            if (!next.Has("status")) next.Set("status", cur->Get("status"));
        }
        return Commit(res, *cur, next, opts);
    }

    client::ApiResult<Value> Patch(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                   client::PatchType type, const Value& patch, const std::string& subresource,
                                   const client::WriteOptions& opts) override {
        client::ApiResult<Value> out;
        const Value* cur = Find(res.resource, res.namespaced ? ns : "", name);
        if (!cur) {
            out.error = {404, "NotFound", res.GroupResource() + " \"" + name + "\" not found"};
            return out;
        }
        Value next = *cur;
        if (subresource == "scale") {
            next["spec"].Set("replicas", patch.Path("spec.replicas"));
            return Commit(res, *cur, next, opts);
        }
        std::string error;
        if (type == client::PatchType::kJson) {
            if (!JsonPatch(&next, patch, &error)) {
                out.error = {422, "Invalid", error};
                return out;
            }
        } else {
            if (!patch.IsObject()) {
                out.error = {400, "BadRequest", "json: cannot unmarshal array into Go value of type map[string]interface {}"};
                return out;
            }
            next = MergePatch(next, patch, type == client::PatchType::kStrategicMerge);
        }
        return Commit(res, *cur, next, opts);
    }

    client::ApiResult<Value> Delete(const client::ResourceInfo& res, const std::string& ns, const std::string& name,
                                    const client::DeleteOptions& opts) override {
        client::ApiResult<Value> out;
        std::string n = res.namespaced ? ns : "";
        const Value* cur = Find(res.resource, n, name);
        if (!cur) {
            out.error = {404, "NotFound", res.GroupResource() + " \"" + name + "\" not found"};
            return out;
        }
        if (opts.dry_run) {
            out.value = *cur;
            return out;
        }
        if (res.resource == "pods" && graceful_pod_delete && !(opts.grace_period_seconds && *opts.grace_period_seconds == 0)) {
            Value next = *cur;
            if (!next.Path("metadata.deletionTimestamp").IsString()) {
                next["metadata"].Set("deletionTimestamp", FormatRfc3339(TruncateToSeconds(now_ + terminating)));
                next = Put("pods", next);
            }
            out.value = next;
            return out;
        }
        out.value = *cur;
        Remove(res.resource, n, name);
        return out;
    }

    int Watch(const client::ResourceInfo& res, const std::string& ns,
              std::function<void(const client::WatchEvent&)> callback) override {
        int id = ++watch_id_;
        watches_[id] = {res.resource, ns, std::move(callback)};
        return id;
    }
    void Unwatch(int id) override { watches_.erase(id); }

    client::ExecResult Exec(const std::string& ns, const std::string& pod, const std::string& container,
                            const std::vector<std::string>& argv) override {
        client::ExecResult r;
        if (!Find("pods", ns, pod)) {
            r.error = {404, "NotFound", "pods \"" + pod + "\" not found"};
            return r;
        }
        if (exec_handler) return exec_handler(ns, pod, container, argv);
        return r;
    }
    // Attaching runs the stored pod's container command and args through the exec handler.
    client::ExecResult Attach(const std::string& ns, const std::string& pod, const std::string& container) override {
        std::vector<std::string> argv;
        if (const Value* obj = Find("pods", ns, pod)) {
            for (const auto& c : obj->Path("spec.containers").items()) {
                if (c.GetString("name") != container) continue;
                for (const char* field : {"command", "args"})
                    for (const auto& a : c.Path(field).items()) argv.push_back(a.AsString());
            }
        }
        return Exec(ns, pod, container, argv);
    }

    client::ApiResult<std::string> Logs(const std::string& ns, const std::string& pod, const std::string& container,
                                        bool previous) override {
        (void)previous;
        client::ApiResult<std::string> r;
        if (!Find("pods", ns, pod)) {
            r.error = {404, "NotFound", "pods \"" + pod + "\" not found"};
            return r;
        }
        r.value = logs[ns + "/" + pod + "/" + container];
        return r;
    }

    Time Now() const override { return now_; }
    Value ServerVersion() const override {
        return Value::MakeObject({{"major", "1"}, {"minor", "33"}, {"gitVersion", "v1.33.1"},
                                  {"gitCommit", "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828"},
                                  {"gitTreeState", "clean"}, {"buildDate", "2025-05-15T08:19:00Z"},
                                  {"goVersion", "go1.24.2"}, {"compiler", "gc"}, {"platform", "linux/amd64"}});
    }

private:
    struct WatchRec {
        std::string resource;
        std::string ns;
        std::function<void(const client::WatchEvent&)> fn;
    };

    static std::string Key(const std::string& resource, const std::string& ns, const std::string& name) {
        return resource + "|" + ns + "|" + name;
    }

    std::vector<Value> Snapshot(const std::string& resource) const {
        std::vector<Value> out;
        std::string prefix = resource + "|";
        for (const auto& [k, v] : store_) {
            if (k.compare(0, prefix.size(), prefix) == 0) out.push_back(v);
        }
        return out;
    }

    void Notify(const std::string& resource, const std::string& ns, client::WatchEventType type, const Value& obj) {
        std::vector<std::function<void(const client::WatchEvent&)>> fns;
        for (const auto& [id, w] : watches_) {
            if (w.resource == resource && (w.ns.empty() || w.ns == ns)) fns.push_back(w.fn);
        }
        for (auto& fn : fns) fn(client::WatchEvent{type, obj});
    }

    client::ApiResult<Value> Commit(const client::ResourceInfo& res, const Value& cur, Value next,
                                    const client::WriteOptions& opts) {
        client::ApiResult<Value> out;
        if (next == cur) {
            out.value = cur;
            return out;
        }
        if (!(next.Get("spec") == cur.Get("spec"))) {
            next["metadata"].Set("generation", Value(cur.Path("metadata").GetInt("generation") + 1));
        }
        if (opts.dry_run) {
            out.value = next;
            return out;
        }
        out.value = Put(res.resource, next);
        return out;
    }

    static void Default(const std::string& kind, Value* obj) {
        if (kind == "Service") {
            Value& spec = (*obj)["spec"];
            if (!spec.Has("type")) spec.Set("type", "ClusterIP");
            if (!spec.Has("clusterIP")) spec.Set("clusterIP", "10.96.0.20");
            spec.Set("clusterIPs", Value::MakeArray({spec.Get("clusterIP")}));
            Value ports = spec.Get("ports");
            for (auto& p : ports.MutableItems()) {
                if (!p.Has("protocol")) p.Set("protocol", "TCP");
                if (!p.Has("targetPort")) p.Set("targetPort", p.Get("port"));
            }
            if (ports.IsArray()) spec.Set("ports", ports);
        } else if (kind == "StatefulSet") {
            Value& spec = (*obj)["spec"];
            if (!spec.Has("replicas")) spec.Set("replicas", Value(static_cast<int64_t>(1)));
            if (!spec.Has("updateStrategy")) {
                spec.Set("updateStrategy", Value::MakeObject({{"type", "RollingUpdate"},
                                                              {"rollingUpdate", Value::MakeObject({{"partition", Value(static_cast<int64_t>(0))}})}}));
            }
            if (!spec.Has("podManagementPolicy")) spec.Set("podManagementPolicy", "OrderedReady");
            if (!spec.Has("revisionHistoryLimit")) spec.Set("revisionHistoryLimit", Value(static_cast<int64_t>(10)));
            if (!obj->Has("status")) obj->Set("status", Value::MakeObject({{"replicas", Value(static_cast<int64_t>(0))}, {"availableReplicas", Value(static_cast<int64_t>(0))}}));
        } else if (kind == "Pod") {
            if (!obj->Path("status.phase").IsString()) (*obj)["status"].Set("phase", "Pending");
        }
    }

    static std::string MergeKey(const std::string& field) {
        if (field == "containers" || field == "volumes" || field == "env" || field == "initContainers") return "name";
        if (field == "volumeMounts") return "mountPath";
        if (field == "ports") return "";
        return "";
    }

    static Value MergePatch(const Value& target, const Value& patch, bool strategic) {
        if (!patch.IsObject()) return patch;
        if (strategic && patch.GetString("$patch") == "replace") {
            Value p = patch;
            p.Erase("$patch");
            return p;
        }
        Value out = target.IsObject() ? target : Value::MakeObject();
        for (const auto& [k, v] : patch.members()) {
            if (k.rfind("$", 0) == 0) continue;
            if (v.IsNull()) {
                out.Erase(k);
                continue;
            }
            const Value* cur = out.Find(k);
            std::string key = strategic ? MergeKey(k) : "";
            if (strategic && !key.empty() && v.IsArray() && cur && cur->IsArray()) {
                Value merged = *cur;
                for (const auto& item : v.items()) {
                    bool del = item.GetString("$patch") == "delete";
                    bool found = false;
                    for (size_t i = 0; i < merged.size(); ++i) {
                        if (merged[i].Get(key) == item.Get(key)) {
                            found = true;
                            if (del) merged.MutableItems().erase(merged.MutableItems().begin() + static_cast<long>(i));
                            else merged[i] = MergePatch(merged[i], item, true);
                            break;
                        }
                    }
                    if (!found && !del) merged.Push(item);
                }
                out.Set(k, merged);
            } else if (v.IsObject()) {
                out.Set(k, MergePatch(cur ? *cur : Value::MakeObject(), v, strategic));
            } else {
                out.Set(k, v);
            }
        }
        return out;
    }

    static bool JsonPatch(Value* doc, const Value& ops, std::string* error) {
        if (!ops.IsArray()) {
            *error = "json: cannot unmarshal object into Go value of type jsonpatch.Patch";
            return false;
        }
        for (const auto& op : ops.items()) {
            std::string kind = op.GetString("op");
            std::vector<std::string> parts = Split(op.GetString("path"), '/');
            if (parts.empty() || !parts[0].empty()) {
                *error = "invalid path";
                return false;
            }
            parts.erase(parts.begin());
            Value* cur = doc;
            for (size_t i = 0; i + 1 < parts.size(); ++i) {
                if (cur->IsArray()) {
                    int64_t idx = 0;
                    if (!ParseInt64(parts[i], &idx) || idx < 0 || idx >= static_cast<int64_t>(cur->size())) {
                        *error = "jsonpatch " + kind + " operation does not apply: doc is missing path: " + op.GetString("path");
                        return false;
                    }
                    cur = &(*cur)[static_cast<size_t>(idx)];
                } else {
                    cur = cur->Find(parts[i]);
                    if (!cur) {
                        *error = "jsonpatch " + kind + " operation does not apply: doc is missing path: " + op.GetString("path");
                        return false;
                    }
                }
            }
            const std::string& last = parts.back();
            if (cur->IsArray()) {
                int64_t idx = 0;
                if (last == "-" && kind == "add") {
                    cur->Push(op.Get("value"));
                    continue;
                }
                if (!ParseInt64(last, &idx) || idx < 0 || idx > static_cast<int64_t>(cur->size())) {
                    *error = "jsonpatch " + kind + " operation does not apply: doc is missing path: " + op.GetString("path");
                    return false;
                }
                auto& items = cur->MutableItems();
                if (kind == "add") items.insert(items.begin() + idx, op.Get("value"));
                else if (kind == "replace" && idx < static_cast<int64_t>(items.size())) items[static_cast<size_t>(idx)] = op.Get("value");
                else if (kind == "remove" && idx < static_cast<int64_t>(items.size())) items.erase(items.begin() + idx);
                else {
                    *error = "jsonpatch " + kind + " operation does not apply";
                    return false;
                }
            } else {
                if ((kind == "replace" || kind == "remove") && !cur->Has(last)) {
                    *error = "jsonpatch " + kind + " operation does not apply: doc is missing key: " + op.GetString("path");
                    return false;
                }
                if (kind == "remove") cur->Erase(last);
                else cur->Set(last, op.Get("value"));
            }
        }
        return true;
    }

    // [SECTION] toy controller internals

    bool SyncSet(const Value& sts) {
        std::string ns = sts.Path("metadata.namespace").AsString();
        std::string name = sts.Path("metadata.name").AsString();
        int64_t replicas = sts.Path("spec").GetInt("replicas", 1);
        Value tmpl = sts.Path("spec.template");
        std::string revision = name + "-" + std::to_string(Fnv(tmpl.ToJson()) % 100000000);
        bool changed = false;
        // Existing pods by ordinal.
        std::map<int64_t, Value> pods;
        for (const auto& p : Snapshot("pods")) {
            std::string pn = p.Path("metadata.name").AsString();
            if (p.Path("metadata.namespace").AsString() != ns || pn.rfind(name + "-", 0) != 0) continue;
            int64_t ord = 0;
            if (ParseInt64(pn.substr(name.size() + 1), &ord)) pods[ord] = p;
        }
        int64_t ready = 0, updated = 0, current = 0;
        bool busy = false;
        for (auto& [ord, p] : pods) {
            Value pod = p;
            if (pod.Path("metadata.deletionTimestamp").IsString()) {
                busy = true;
                continue;
            }
            Time created = 0;
            ParseRfc3339(pod.Path("metadata.creationTimestamp").AsString(), &created);
            std::string phase = pod.Path("status.phase").AsString();
            bool is_ready = phase == "Running";
            if (!is_ready) {
                busy = true;
                if (now_ - created >= pending + creating) {
                    SetPodState(&pod, "Running", true, created + pending + creating);
                    Put("pods", pod);
                    changed = true;
                    is_ready = true;
                } else if (now_ - created >= pending && !pod.Path("spec.nodeName").IsString()) {
                    pod["spec"].Set("nodeName", "node-1");
                    SetPodState(&pod, "Pending", false, 0);
                    Put("pods", pod);
                    changed = true;
                }
            }
            if (is_ready) ++ready;
            if (pod.Path("metadata.labels").GetString("controller-revision-hash") == revision) ++updated;
            else ++current;
        }
        if (!busy) {
            // Create the lowest missing ordinal, or delete the highest extra, or roll one pod.
            int64_t missing = -1;
            for (int64_t i = 0; i < replicas; ++i) {
                if (!pods.count(i)) {
                    missing = i;
                    break;
                }
            }
            if (missing >= 0) {
                Value meta = tmpl.Get("metadata");
                meta.Set("name", name + "-" + std::to_string(missing));
                meta.Set("namespace", ns);
                Value labels = meta.Get("labels");
                labels.Set("controller-revision-hash", revision);
                labels.Set("statefulset.kubernetes.io/pod-name", name + "-" + std::to_string(missing));
                meta.Set("labels", labels);
                Value pod = Value::MakeObject({{"metadata", meta}, {"spec", tmpl.Get("spec")},
                                               {"status", Value::MakeObject({{"phase", "Pending"}})}});
                Put("pods", pod);
                changed = true;
            } else if (!pods.empty() && pods.rbegin()->first >= replicas) {
                Value pod = pods.rbegin()->second;
                pod["metadata"].Set("deletionTimestamp", FormatRfc3339(TruncateToSeconds(now_ + terminating)));
                Put("pods", pod);
                changed = true;
            } else {
                for (auto it = pods.rbegin(); it != pods.rend(); ++it) {
                    if (it->second.Path("metadata.labels").GetString("controller-revision-hash") != revision) {
                        Value pod = it->second;
                        pod["metadata"].Set("deletionTimestamp", FormatRfc3339(TruncateToSeconds(now_ + terminating)));
                        Put("pods", pod);
                        changed = true;
                        break;
                    }
                }
            }
        }
        Value next = sts;
        Value st = next.Get("status").IsObject() ? next.Get("status") : Value::MakeObject();
        st.Set("observedGeneration", sts.Path("metadata.generation"));
        st.Set("replicas", Value(static_cast<int64_t>(pods.size())));
        st.Set("readyReplicas", Value(ready));
        st.Set("availableReplicas", Value(ready));
        st.Set("updatedReplicas", Value(updated));
        st.Set("currentReplicas", Value(updated == static_cast<int64_t>(pods.size()) ? updated : current));
        st.Set("updateRevision", revision);
        st.Set("currentRevision", updated == static_cast<int64_t>(pods.size()) ? revision : st.GetString("currentRevision", revision));
        next.Set("status", st);
        if (!(next == sts)) {
            Put("statefulsets", next);
            changed = true;
        }
        return changed;
    }

    void SetPodState(Value* pod, const std::string& phase, bool running, Time started) {
        Value& status = (*pod)["status"];
        status.Set("phase", phase);
        Value cs = Value::MakeArray();
        for (const auto& c : pod->Path("spec.containers").items()) {
            Value s = Value::MakeObject({{"name", c.Get("name")}, {"ready", running}, {"restartCount", Value(static_cast<int64_t>(0))}});
            if (running) {
                s.Set("state", Value::MakeObject({{"running", Value::MakeObject({{"startedAt", FormatRfc3339(TruncateToSeconds(started))}})}}));
            } else {
                s.Set("state", Value::MakeObject({{"waiting", Value::MakeObject({{"reason", "ContainerCreating"}})}}));
            }
            cs.Push(s);
        }
        status.Set("containerStatuses", cs);
        status.Set("conditions", Value::MakeArray({Value::MakeObject({{"type", "Ready"}, {"status", running ? "True" : "False"}})}));
        if (running) {
            status.Set("podIP", "10.244.1." + std::to_string(10 + (uid_ % 200)));
            status.Set("podIPs", Value::MakeArray({Value::MakeObject({{"ip", status.Get("podIP")}})}));
        }
    }

    static uint64_t Fnv(const std::string& s) {
        uint64_t h = 1469598103934665603ULL;
        for (unsigned char c : s) {
            h ^= c;
            h *= 1099511628211ULL;
        }
        return h;
    }

    std::vector<client::ResourceInfo> resources_;
    std::map<std::string, Value> store_;
    std::map<int, WatchRec> watches_;
    int watch_id_ = 0;
    int64_t rv_ = 100;
    int64_t uid_ = 0;
};

}  // namespace sts::testing
