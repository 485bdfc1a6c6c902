#include "apiserver/api_server.h"

#include <algorithm>
#include <cstdio>

#include "apiserver/patch_dispatch.h"
#include "apiserver/resources.h"
#include "core/hash.h"
#include "core/strings.h"
#include "k8s/labels.h"

namespace sts::apiserver {

template class Store<k8s::Pod>;
template class Store<k8s::Service>;
template class Store<k8s::Endpoints>;
template class Store<k8s::Namespace>;
template class Store<k8s::Node>;
template class Store<k8s::PersistentVolumeClaim>;
template class Store<k8s::PersistentVolume>;
template class Store<k8s::Event>;
template class Store<k8s::StatefulSet>;
template class Store<k8s::ControllerRevision>;
template class Store<k8s::StorageClass>;
template class Store<k8s::EndpointSlice>;

// [SECTION] Hooks the typed stores call back into -------------------------------------------

Time ServerNow(const ApiServer& server) { return server.Now(); }
std::string ServerNewUid(ApiServer& server) { return server.NewUid(); }
std::string ServerNextResourceVersion(ApiServer& server) { return server.NextResourceVersion(); }
std::string ServerGenerateNameSuffix(ApiServer& server) { return server.GenerateNameSuffix(); }
uint64_t ServerEventLease(ApiServer& server) { return server.AttachEventLease(); }
bool ServerNamespaceExists(const ApiServer& server, const std::string& ns) { return server.NamespaceExists(ns); }
bool ServerNamespaceTerminating(const ApiServer& server, const std::string& ns) {
    return server.NamespaceTerminating(ns);
}

int KindStore::AddValueWatcher(const std::string& ns, ValueWatcher watcher) {
    const int id = next_watcher_id_++;
    value_watchers_.push_back({id, ns, std::move(watcher)});
    return id;
}

void KindStore::RemoveValueWatcher(int id) {
    value_watchers_.erase(std::remove_if(value_watchers_.begin(), value_watchers_.end(),
                                         [id](const WatcherEntry& w) { return w.id == id; }),
                          value_watchers_.end());
}

void KindStore::NotifyValueWatchers(WatchType type, const std::string& ns, const Value& obj) {
    // Copy: a watcher may unregister itself (or others) while being notified.
    std::vector<WatcherEntry> watchers = value_watchers_;
    for (const auto& w : watchers) {
        if (!w.ns.empty() && w.ns != ns) continue;
        bool still_registered = false;
        for (const auto& cur : value_watchers_) still_registered = still_registered || cur.id == w.id;
        if (still_registered) w.fn(type, obj);
    }
}

// [SECTION] Construction ---------------------------------------------------------------------

ApiServer::ApiServer(const Clock& clock, uint64_t seed)
    : clock_(clock),
      rng_(Rng(seed).Fork("apiserver")),
      namespaces_(*this, *ResourceForKind("Namespace")),
      nodes_(*this, *ResourceForKind("Node")),
      pods_(*this, *ResourceForKind("Pod")),
      services_(*this, *ResourceForKind("Service")),
      endpoints_(*this, *ResourceForKind("Endpoints")),
      endpointslices_(*this, *ResourceForKind("EndpointSlice")),
      pvcs_(*this, *ResourceForKind("PersistentVolumeClaim")),
      pvs_(*this, *ResourceForKind("PersistentVolume")),
      storageclasses_(*this, *ResourceForKind("StorageClass")),
      statefulsets_(*this, *ResourceForKind("StatefulSet")),
      revisions_(*this, *ResourceForKind("ControllerRevision")),
      events_(*this, *ResourceForKind("Event")) {
    all_stores_ = {&namespaces_, &nodes_,          &pods_,        &services_, &endpoints_,  &endpointslices_,
                   &pvcs_,       &pvs_,            &storageclasses_, &statefulsets_, &revisions_, &events_};
}

KindStore* ApiServer::StoreFor(const client::ResourceInfo& res) { return StoreForKind(res.kind); }

const KindStore* ApiServer::StoreFor(const client::ResourceInfo& res) const {
    for (KindStore* s : all_stores_)
        if (s->info().kind == res.kind) return s;
    return nullptr;
}

KindStore* ApiServer::StoreForKind(std::string_view kind) {
    for (KindStore* s : all_stores_)
        if (s->info().kind == kind) return s;
    return nullptr;
}

bool ApiServer::NamespaceExists(const std::string& ns) const { return namespaces_.Get("", ns) != nullptr; }

bool ApiServer::NamespaceTerminating(const std::string& ns) const {
    auto obj = namespaces_.Get("", ns);
    return obj && obj->metadata.IsTerminating();
}

std::string ApiServer::AllocateClusterIp() {
    uint32_t offset;
    if (!released_service_ips_.empty()) {
        offset = released_service_ips_.front();
        released_service_ips_.erase(released_service_ips_.begin());
    } else {
        offset = next_service_ip_++;
    }
    // 10.96.0.0/12 spans 10.96.0.0 - 10.111.255.255.
    const uint32_t base = (10u << 24) | (96u << 16);
    const uint32_t ip = base + offset;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255);
    return buf;
}

void ApiServer::ReleaseClusterIp(const std::string& ip) {
    unsigned a, b, c, d;
    if (std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d) != 4) return;
    const uint32_t value = (a << 24) | (b << 16) | (c << 8) | d;
    const uint32_t base = (10u << 24) | (96u << 16);
    if (value <= base) return;
    released_service_ips_.push_back(value - base);
    std::sort(released_service_ips_.begin(), released_service_ips_.end());
}

uint64_t ApiServer::StateHash() const {
    uint64_t h = kFnv64Offset;
    for (const KindStore* s : all_stores_) {
        h = Fnv1a64(s->info().kind, h);
        h = s->Hash(h);
    }
    return h;
}

client::ApiError ApiServer::BindPod(const std::string& ns, const std::string& name, const std::string& node) {
    auto pod = pods_.Get(ns, name);
    if (!pod) return NotFoundError(*ResourceForKind("Pod"), name);
    if (pod->metadata.IsTerminating())
        return ConflictError(*ResourceForKind("Pod"), name, "pod is being deleted, cannot be assigned to a host");
    if (!pod->spec->node_name.empty())
        return ConflictError(*ResourceForKind("Pod"), name,
                             "pod " + name + " is already assigned to node " + Quote(pod->spec->node_name));
    if (!nodes_.Get("", node)) return NotFoundError(*ResourceForKind("Node"), node);
    k8s::Pod bound = *pod;
    bound.spec.Mut().node_name = node;
    bool found = false;
    for (auto& c : bound.status.conditions) {
        if (c.type != "PodScheduled") continue;
        found = true;
        if (c.status != "True") {
            c.status = "True";
            c.reason.clear();
            c.message.clear();
            c.last_transition_time = k8s::Timestamp(Now());
        }
    }
    if (!found) {
        k8s::PodCondition c;
        c.type = "PodScheduled";
        c.status = "True";
        c.last_transition_time = k8s::Timestamp(Now());
        bound.status.conditions.push_back(c);
    }
    auto r = pods_.InternalUpdate(std::move(bound));
    return r.error;
}

// [SECTION] Generic verbs ----------------------------------------------------------------------

namespace {

client::ApiResult<Value> NotServed(const client::ResourceInfo& res) {
    client::ApiResult<Value> out;
    out.error = {404, "NotFound", "the server could not find the requested resource (" + res.resource + ")"};
    return out;
}

// ComponentStatus, deprecated since 1.19 and still served: nothing is stored, the API server
// probes the scheduler, the controller manager and etcd at each request
// (pkg/registry/core/componentstatus). Its storage has get and list only (read_only).
bool IsComponentStatus(const client::ResourceInfo& res) { return res.kind == "ComponentStatus"; }

// A verb the resource's storage does not implement is not routed: the server answers 405.
client::ApiResult<Value> NotAllowed() {
    client::ApiResult<Value> out;
    out.error = MethodNotAllowedError("the server does not allow this method on the requested resource");
    return out;
}

// The components probed, in one of the orders a real server lists them: it probes them in
// parallel and lists them as the probes return.
constexpr const char* kProbedComponents[] = {"scheduler", "controller-manager", "etcd-0"};

// Every probe succeeds: the simulated control plane does not fail. The scheduler's and the
// controller manager's /healthz answer "ok", and the etcd probe (a storage health check since
// 1.26) reports "ok" as well.
Value ComponentStatusValue(std::string_view name) {
    Value cs = Value::MakeObject();
    cs["apiVersion"] = "v1";
    cs["kind"] = "ComponentStatus";
    cs["metadata"]["name"] = std::string(name);
    cs["metadata"]["creationTimestamp"] = Value();  // never set: Go's zero time encodes as null
    Value condition = Value::MakeObject();
    condition["type"] = "Healthy";
    condition["status"] = "True";
    condition["message"] = "ok";
    cs["conditions"] = Value::MakeArray();
    cs["conditions"].Push(std::move(condition));
    return cs;
}

client::ApiResult<Value> GetComponentStatus(const std::string& name) {
    client::ApiResult<Value> out;
    for (const char* component : kProbedComponents) {
        if (name == component) {
            out.value = ComponentStatusValue(name);
            return out;
        }
    }
    // The storage returns a plain error, which the server turns into a 500 without a reason.
    out.error = {500, "", "Component not found: " + name};
    return out;
}

// Field selectors the API server supports for every kind, plus the pod-specific ones.
bool FieldSelectorMatches(const client::ResourceInfo& res, const Value& obj, const std::string& selector,
                          std::string* error) {
    if (TrimView(selector).empty()) return true;
    for (const std::string& part : SplitNonEmpty(selector, ',')) {
        std::string key, want;
        bool negate = false;
        size_t pos;
        if ((pos = part.find("!=")) != std::string::npos) {
            key = part.substr(0, pos);
            want = part.substr(pos + 2);
            negate = true;
        } else if ((pos = part.find("==")) != std::string::npos) {
            key = part.substr(0, pos);
            want = part.substr(pos + 2);
        } else if ((pos = part.find('=')) != std::string::npos) {
            key = part.substr(0, pos);
            want = part.substr(pos + 1);
        } else {
            *error = "invalid selector: '" + selector + "'; can't understand '" + part + "'";
            return false;
        }
        key = Trim(key);
        want = Trim(want);
        std::string have;
        if (key == "metadata.name") have = obj.Path("metadata.name").AsString();
        else if (key == "metadata.namespace") have = obj.Path("metadata.namespace").AsString();
        else if (res.kind == "Pod" && key == "spec.nodeName") have = obj.Path("spec.nodeName").AsString();
        else if (res.kind == "Pod" && key == "status.phase") have = obj.Path("status.phase").AsString();
        else if (res.kind == "Pod" && key == "spec.restartPolicy") have = obj.Path("spec.restartPolicy").AsString();
        else if (res.kind == "Pod" && key == "status.podIP") have = obj.Path("status.podIP").AsString();
        else if (res.kind == "Event" && key == "involvedObject.name") have = obj.Path("involvedObject.name").AsString();
        else if (res.kind == "Event" && key == "involvedObject.kind") have = obj.Path("involvedObject.kind").AsString();
        else if (res.kind == "Event" && key == "involvedObject.uid") have = obj.Path("involvedObject.uid").AsString();
        else if (res.kind == "Event" && key == "reason") have = obj.Path("reason").AsString();
        else if (res.kind == "Event" && key == "type") have = obj.Path("type").AsString();
        else {
            *error = "field label not supported: " + key;
            return false;
        }
        if ((have == want) == negate) return false;
    }
    return true;
}

Value ScaleFromStatefulSet(const k8s::StatefulSet& sts) {
    Value scale = Value::MakeObject();
    scale["apiVersion"] = "autoscaling/v1";
    scale["kind"] = "Scale";
    Value& meta = scale["metadata"];
    meta["name"] = sts.metadata.name;
    meta["namespace"] = sts.metadata.namespace_;
    meta["uid"] = sts.metadata.uid;
    meta["resourceVersion"] = sts.metadata.resource_version;
    meta["creationTimestamp"] = k8s::Encode(sts.metadata.creation_timestamp);
    scale["spec"]["replicas"] = static_cast<int64_t>(sts.spec.replicas.value_or(1));
    scale["status"]["replicas"] = static_cast<int64_t>(sts.status.replicas);
    if (sts.spec.selector) scale["status"]["selector"] = k8s::SelectorString(*sts.spec.selector);
    return scale;
}

const client::ResourceInfo& ScaleResource() {
    static const client::ResourceInfo kScale{"Scale", "autoscaling", "v1", "scale", "scale", {}, true};
    return kScale;
}

}  // namespace

client::ApiResult<Value> ApiServer::Create(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                           const client::WriteOptions& opts) {
    if (res.read_only) return NotAllowed();
    KindStore* store = StoreFor(res);
    if (!store) return NotServed(res);
    return store->CreateValue(res.namespaced ? ns : "", obj, opts);
}

client::ApiResult<Value> ApiServer::Get(const client::ResourceInfo& res, const std::string& ns,
                                        const std::string& name, const std::string& subresource) {
    if (IsComponentStatus(res)) return subresource.empty() ? GetComponentStatus(name) : NotServed(res);
    KindStore* store = StoreFor(res);
    if (!store) return NotServed(res);
    if (subresource == "scale") {
        client::ApiResult<Value> out;
        if (res.kind != "StatefulSet") {
            out.error = {404, "NotFound", "the server could not find the requested resource"};
            return out;
        }
        auto sts = statefulsets_.Get(ns, name);
        if (!sts) {
            out.error = NotFoundError(res, name);
            return out;
        }
        out.value = ScaleFromStatefulSet(*sts);
        return out;
    }
    return store->GetValue(ns, name);
}

client::ApiResult<Value> ApiServer::List(const client::ResourceInfo& res, const std::string& ns,
                                         const client::ListOptions& opts) {
    client::ApiResult<Value> out;
    KindStore* store = StoreFor(res);
    if (!store && !IsComponentStatus(res)) return NotServed(res);
    k8s::Selector selector;
    std::string error;
    if (!k8s::ParseSelector(opts.label_selector, &selector, &error)) {
        out.error = BadRequestError(error);
        return out;
    }
    Value list = Value::MakeObject();
    list["apiVersion"] = res.ApiVersion();
    list["kind"] = res.kind + "List";
    list["metadata"]["resourceVersion"] = std::to_string(resource_version_);
    Value& items = list["items"];
    items = Value::MakeArray();
    std::vector<Value> listed;
    if (store) {
        listed = store->ListValues(res.namespaced ? ns : "");
    } else {
        for (const char* component : kProbedComponents) listed.push_back(ComponentStatusValue(component));
    }
    for (Value& item : listed) {
        if (!selector.Empty()) {
            StringMap labels;
            for (const auto& [k, v] : item.Path("metadata.labels").members())
                if (v.IsString()) labels.Set(k, v.AsString());
            if (!selector.Matches(labels)) continue;
        }
        if (!FieldSelectorMatches(res, item, opts.field_selector, &error)) {
            if (!error.empty()) {
                out.error = BadRequestError(error);
                return out;
            }
            continue;
        }
        items.Push(std::move(item));
    }
    out.value = std::move(list);
    return out;
}

client::ApiResult<Value> ApiServer::Update(const client::ResourceInfo& res, const std::string& ns, const Value& obj,
                                           const std::string& subresource, const client::WriteOptions& opts) {
    if (res.read_only) return NotAllowed();
    KindStore* store = StoreFor(res);
    if (!store) return NotServed(res);
    if (subresource == "scale") {
        client::ApiResult<Value> out;
        const std::string name = obj.Path("metadata.name").AsString();
        auto sts = res.kind == "StatefulSet" ? statefulsets_.Get(ns, name) : nullptr;
        if (!sts) {
            out.error = NotFoundError(res, name);
            return out;
        }
        const Value& replicas = obj.Path("spec.replicas");
        if (!replicas.IsNull() && !replicas.IsInt()) {
            out.error = BadRequestError("Scale in version \"v1\" cannot be handled as a Scale: json: cannot unmarshal " +
                                        k8s::JsonTypeName(replicas) +
                                        " into Go struct field ScaleSpec.spec.replicas of type int32");
            return out;
        }
        const int64_t want = replicas.IsInt() ? replicas.AsInt() : 0;
        if (want < 0) {
            out.error = InvalidError(ScaleResource(), name,
                                     {Invalid("spec.replicas", std::to_string(want),
                                              "must be greater than or equal to 0")});
            return out;
        }
        const std::string rv = obj.Path("metadata.resourceVersion").AsString();
        if (!rv.empty() && rv != sts->metadata.resource_version) {
            out.error = ConflictError(res, name,
                                      "the object has been modified; please apply your changes to the latest "
                                      "version and try again");
            return out;
        }
        k8s::StatefulSet updated = *sts;
        updated.spec.replicas = static_cast<int32_t>(want);
        auto r = statefulsets_.Update(std::move(updated), opts);
        out.error = r.error;
        if (r.value) out.value = ScaleFromStatefulSet(*r.value);
        return out;
    }
    return store->UpdateValue(res.namespaced ? ns : "", obj, subresource == "status", opts);
}

client::ApiResult<Value> ApiServer::Patch(const client::ResourceInfo& res, const std::string& ns,
                                          const std::string& name, client::PatchType type, const Value& patch,
                                          const std::string& subresource, const client::WriteOptions& opts) {
    if (res.read_only) return NotAllowed();
    client::ApiResult<Value> current = Get(res, ns, name, subresource);
    if (!current.ok()) return current;
    const std::string kind = subresource == "scale" ? "Scale" : res.kind;
    client::ApiResult<Value> patched = ApplyPatch(kind, current.value, type, patch);
    if (!patched.ok()) return patched;
    // The patched object must still name the same object.
    Value& meta = patched.value["metadata"];
    if (meta.GetString("name") != name) {
        client::ApiResult<Value> out;
        out.error = BadRequestError("the name of the object (" + meta.GetString("name") +
                                    ") does not match the name on the URL (" + name + ")");
        return out;
    }
    // A patch that does not mention resourceVersion applies to whatever is current.
    if (!patch.Path("metadata.resourceVersion").IsString())
        meta.Set("resourceVersion", current.value.Path("metadata.resourceVersion"));
    return Update(res, ns, patched.value, subresource, opts);
}

client::ApiResult<Value> ApiServer::Delete(const client::ResourceInfo& res, const std::string& ns,
                                           const std::string& name, const client::DeleteOptions& opts) {
    if (res.read_only) return NotAllowed();
    KindStore* store = StoreFor(res);
    if (!store) return NotServed(res);
    return store->DeleteNamed(ns, name, opts);
}

}  // namespace sts::apiserver
