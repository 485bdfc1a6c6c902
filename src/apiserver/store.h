// The storage of one kind: objects by namespace/name, the create/update/delete flow of the API
// server's generic registry (defaulting, admission, validation, resourceVersion, graceful
// deletion, finalizers), and watch fan-out.
//
// Stored objects are immutable snapshots (shared_ptr<const T>): a write replaces the pointer,
// so anything holding an older snapshot (the UI, a printer, a rewind point) stays valid.
// Events are the exception: the store keeps them packed (k8s/packed.h), as etcd keeps them for
// an API server that has no watch cache for Events, and each read unpacks a fresh snapshot.
//
// Watch handlers run synchronously inside the write, in registration order. They must not
// write to the API server themselves; controllers enqueue work and act on a later event.
#pragma once

#include <algorithm>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "apiserver/field_errors.h"
#include "apiserver/strategies.h"
#include "client/cluster.h"
#include "core/hash.h"
#include "k8s/packed.h"
#include "k8s/reflect.h"

namespace sts::apiserver {

class ApiServer;

enum class WatchType { kAdded, kModified, kDeleted };

template <class T>
using Ptr = std::shared_ptr<const T>;

template <class T>
using Result = client::ApiResult<Ptr<T>>;

// The kind-independent face of a store, used by generic paths (kubectl, GC, hashing).
class KindStore {
public:
    using ValueWatcher = std::function<void(WatchType, const Value&)>;

    explicit KindStore(const client::ResourceInfo& info) : info_(info) {}
    virtual ~KindStore() = default;

    const client::ResourceInfo& info() const { return info_; }

    virtual client::ApiResult<Value> CreateValue(const std::string& ns, const Value& obj,
                                                 const client::WriteOptions& opts) = 0;
    virtual client::ApiResult<Value> GetValue(const std::string& ns, const std::string& name) const = 0;
    // Objects in ns ("" = all), in key order.
    virtual std::vector<Value> ListValues(const std::string& ns) const = 0;
    virtual client::ApiResult<Value> UpdateValue(const std::string& ns, const Value& obj,
                                                 bool status_only, const client::WriteOptions& opts) = 0;
    virtual client::ApiResult<Value> DeleteNamed(const std::string& ns, const std::string& name,
                                                 const client::DeleteOptions& opts) = 0;
    // Metadata of every object (for the garbage collector and namespace deletion).
    virtual void ForEachMeta(const std::function<void(const k8s::ObjectMeta&)>& fn) const = 0;
    // The metadata, kept alive by the returned pointer (a packed kind unpacks it for the caller).
    virtual std::shared_ptr<const k8s::ObjectMeta> FindMeta(const std::string& ns, const std::string& name) const = 0;
    // Removes one finalizer (GC, pvc-protection); no-op when absent.
    virtual void RemoveFinalizer(const std::string& ns, const std::string& name, std::string_view f) = 0;
    // Drops owner references with this uid (GC orphaning).
    virtual void RemoveOwnerReference(const std::string& ns, const std::string& name,
                                      const std::string& owner_uid) = 0;
    virtual size_t Size() const = 0;
    // Counts this kind's writes (creates, updates, deletions): a reader that rebuilds a view of
    // the kind rebuilds only when it moved.
    uint64_t Revision() const { return revision_; }
    // Folds every object's canonical JSON into an FNV-1a hash.
    virtual uint64_t Hash(uint64_t seed) const = 0;

    // At most this many objects of the kind (0: no limit); a create beyond it is Forbidden.
    // The simulated cluster lives in a browser tab's memory, so hosts cap what a typo such as
    // `--replicas=1000000` can make it hold; updates and deletes are never refused.
    void SetCapacity(size_t max_objects) { capacity_ = max_objects; }

    int AddValueWatcher(const std::string& ns, ValueWatcher watcher);
    void RemoveValueWatcher(int id);
    bool HasValueWatchers() const { return !value_watchers_.empty(); }

protected:
    struct WatcherEntry {
        int id;
        std::string ns;
        ValueWatcher fn;
    };
    void NotifyValueWatchers(WatchType type, const std::string& ns, const Value& obj);

    const client::ResourceInfo& info_;
    size_t capacity_ = 0;
    uint64_t revision_ = 0;
    std::vector<WatcherEntry> value_watchers_;
    int next_watcher_id_ = 1;
};

// Mutating admission for each kind (defaults that need cluster state: service IPs, the default
// StorageClass, service-account volumes). Defined in admission.cpp.
void Admit(ApiServer& server, k8s::Pod& obj, const k8s::Pod* old);
void Admit(ApiServer& server, k8s::Service& obj, const k8s::Service* old);
void Admit(ApiServer& server, k8s::PersistentVolumeClaim& obj, const k8s::PersistentVolumeClaim* old);
void Admit(ApiServer& server, k8s::PersistentVolume& obj, const k8s::PersistentVolume* old);
template <class T>
void Admit(ApiServer&, T&, const T*) {}

// Services the store needs from its server (declared here to keep store.h independent of
// api_server.h).
Time ServerNow(const ApiServer& server);
std::string ServerNewUid(ApiServer& server);
std::string ServerNextResourceVersion(ApiServer& server);
std::string ServerGenerateNameSuffix(ApiServer& server);
// The etcd lease an Event written now is attached to (the event registry's TTL).
uint64_t ServerEventLease(ApiServer& server);
bool ServerNamespaceExists(const ApiServer& server, const std::string& ns);
bool ServerNamespaceTerminating(const ApiServer& server, const std::string& ns);

// A key "ns/name" looked up without building it: most reads and writes find an existing
// object, and a built key of 16 characters or more costs an allocation.
struct StoreKeyRef {
    std::string_view ns, name;
};
// key <=> ns + "/" + name, as std::string compares (bytes as unsigned char).
inline int CompareKey(std::string_view key, const StoreKeyRef& ref) {
    if (const int c = key.substr(0, ref.ns.size()).compare(ref.ns)) return c;
    if (key.size() == ref.ns.size()) return -1;
    const unsigned char sep = static_cast<unsigned char>(key[ref.ns.size()]);
    if (sep != '/') return sep < '/' ? -1 : 1;
    return key.substr(ref.ns.size() + 1).compare(ref.name);
}
struct StoreKeyLess {
    using is_transparent = void;
    bool operator()(const std::string& a, const std::string& b) const { return a < b; }
    bool operator()(const std::string& a, const StoreKeyRef& b) const { return CompareKey(a, b) < 0; }
    bool operator()(const StoreKeyRef& a, const std::string& b) const { return CompareKey(b, a) > 0; }
};
// Hash and equality of the same keys, for the index that serves reads by name: a Get is one
// hash and one compare instead of a descent through the ordered map, whose keys share their
// first bytes ("default/web-") and so cost a long compare at every level.
// The index is never walked, so the platform's string hash (word at a time) serves.
struct StoreKeyHash : StringViewHash {
    using StringViewHash::operator();
    size_t operator()(const StoreKeyRef& ref) const {
        // The bytes of ns + "/" + name, on the stack when they fit (names are short).
        char buf[160];
        const size_t size = ref.ns.size() + 1 + ref.name.size();
        if (size > sizeof(buf)) return (*this)(std::string(ref.ns) + "/" + std::string(ref.name));
        std::memcpy(buf, ref.ns.data(), ref.ns.size());
        buf[ref.ns.size()] = '/';
        std::memcpy(buf + ref.ns.size() + 1, ref.name.data(), ref.name.size());
        return std::hash<std::string_view>{}(std::string_view(buf, size));
    }
};
struct StoreKeyEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const { return a == b; }
    bool operator()(std::string_view a, const StoreKeyRef& b) const {
        return a.size() == b.ns.size() + 1 + b.name.size() && CompareKey(a, b) == 0;
    }
    bool operator()(const StoreKeyRef& a, std::string_view b) const { return (*this)(b, a); }
};

template <class T>
class Store final : public KindStore {
public:
    using Handler = std::function<void(WatchType, const Ptr<T>& old_obj, const Ptr<T>& new_obj)>;

    Store(ApiServer& server, const client::ResourceInfo& info) : KindStore(info), server_(server) {}
    // The index points into the map: a copy would point into the original's.
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    // ---- Reads --------------------------------------------------------------------------------
    Ptr<T> Get(std::string_view ns, std::string_view name) const {
        const Slot* slot = FindSlot(ns, name);
        return slot ? Load(*slot) : nullptr;
    }
    // Objects in ns ("" = every namespace), in key (namespace, then name) order.
    std::vector<Ptr<T>> List(std::string_view ns = {}) const {
        std::vector<Ptr<T>> out;
        ForEach(ns, [&](const Ptr<T>& obj) { out.push_back(obj); });
        return out;
    }
    // Walks the key-ordered list as it stood when the walk began: a handler that writes to this
    // store from inside fn does not disturb the walk (it sees what List() would have returned).
    template <class F>
    void ForEach(std::string_view ns, F&& fn) const {
        if constexpr (kPacked) {
            // Unpacked for this walk only (a kept list would keep every object unpacked), all
            // before the first call, so that fn may write to the store.
            std::vector<Ptr<T>> walk;
            if (ns.empty() || !info_.namespaced) {
                walk.reserve(objects_.size());
                for (const auto& [key, slot] : objects_) walk.push_back(Load(slot));
            } else {
                for (auto [it, last] = KeyRange(ns); it != last; ++it) walk.push_back(Load(it->second));
            }
            for (const Ptr<T>& obj : walk) fn(obj);
            return;
        }
        const std::shared_ptr<const std::vector<Ptr<T>>> order = Ordered();
        const auto [first, last] = Range(*order, ns);
        for (auto it = first; it != last; ++it) fn(*it);
    }
    size_t Size() const override { return objects_.size(); }
    // Objects in ns ("" = every namespace).
    size_t Count(std::string_view ns) const {
        if constexpr (kPacked) {
            if (ns.empty() || !info_.namespaced) return objects_.size();
            auto [first, last] = KeyRange(ns);
            return static_cast<size_t>(std::distance(first, last));
        }
        const std::shared_ptr<const std::vector<Ptr<T>>> order = Ordered();
        const auto [first, last] = Range(*order, ns);
        return static_cast<size_t>(last - first);
    }

    void AddHandler(Handler handler) { handlers_.push_back(std::move(handler)); }

    // A Pod watch with the field selector spec.nodeName=<node>, as each kubelet opens one: the
    // handler sees the events of pods bound to that node only (a delete carries the pod's last
    // state, so its node too). The server filters, so a cluster of a hundred nodes does not
    // call a hundred kubelets at every pod write. All node watches are dispatched at the place
    // of the first one among the handlers.
    // (A template, so that the stores of other kinds, instantiated explicitly, leave it out.)
    template <class Pod = T>
        requires std::is_same_v<Pod, k8s::Pod>
    void AddNodeHandler(const std::string& node, Handler handler) {
        if (node_handlers_.empty()) {
            handlers_.push_back([this](WatchType type, const Ptr<Pod>& old_obj, const Ptr<Pod>& new_obj) {
                const Ptr<Pod>& obj = new_obj ? new_obj : old_obj;
                if (obj->spec->node_name.empty()) return;
                auto it = node_handlers_.find(obj->spec->node_name);
                if (it == node_handlers_.end()) return;
                for (const Handler& h : it->second) h(type, old_obj, new_obj);
            });
        }
        node_handlers_[node].push_back(std::move(handler));
    }

    // etcd revoked these leases: the Events last written under one of them are deleted, in key
    // order, each DELETED watch event carrying the last state. Returns how many went.
    template <class Event = T>
        requires std::is_same_v<Event, k8s::Event>
    size_t ExpireLeases(const std::vector<uint64_t>& leases) {
        if (leases.empty()) return 0;
        std::vector<Ptr<T>> expired;
        for (const auto& [key, slot] : objects_)
            if (std::find(leases.begin(), leases.end(), slot.lease) != leases.end()) expired.push_back(Load(slot));
        for (const Ptr<T>& obj : expired) Remove(obj);
        return expired.size();
    }

    // Hands the packed Events over, leaving their slots empty (the store is not to be used
    // after): the bench weighs what the stored objects hold apart from the store's own index.
    template <class Event = T>
        requires std::is_same_v<Event, k8s::Event>
    std::vector<k8s::PackedObject> TakePacked() {
        std::vector<k8s::PackedObject> out;
        out.reserve(objects_.size());
        for (auto& [key, slot] : objects_) out.push_back(std::move(slot.packed));
        return out;
    }

    // ---- Writes -------------------------------------------------------------------------------
    Result<T> Create(T obj, const client::WriteOptions& opts = {}) {
        Result<T> result;
        auto& meta = obj.metadata;
        if (info_.namespaced) {
            if (meta.namespace_.empty()) meta.namespace_ = "default";
            if (!ServerNamespaceExists(server_, meta.namespace_)) {
                result.error = NamespaceNotFoundError(meta.namespace_);
                return result;
            }
            if (ServerNamespaceTerminating(server_, meta.namespace_)) {
                result.error = ForbiddenError(
                    info_.GroupResource() + " " + Quote(meta.name) + " is forbidden: unable to create new content in namespace " +
                    meta.namespace_ + " because it is being terminated");
                return result;
            }
        } else {
            meta.namespace_.clear();
        }
        if (meta.name.empty() && !meta.generate_name.empty()) {
            meta.name = meta.generate_name + ServerGenerateNameSuffix(server_);
        }
        if (meta.name.empty()) {
            result.error = InvalidError(info_, "",
                                        {Required("metadata.name", "name or generateName is required")});
            return result;
        }
        obj.api_version = T::kApiVersion;
        obj.kind = T::kKind;
        meta.uid = ServerNewUid(server_);
        meta.creation_timestamp = k8s::Timestamp(ServerNow(server_));
        meta.deletion_timestamp.reset();
        meta.deletion_grace_period_seconds.reset();
        meta.resource_version.clear();
        SetDefaults(obj);
        PrepareForCreate(obj);
        Admit(server_, obj, static_cast<const T*>(nullptr));
        FieldErrors errors = ValidateCreate(obj);
        if (!errors.empty()) {
            result.error = InvalidError(info_, meta.name, errors);
            return result;
        }
        // Without an index, the descent that finds the key's place is the one that inserts it.
        auto place = objects_.end();
        bool exists;
        if constexpr (kIndexed) {
            exists = FindSlot(meta.namespace_, meta.name) != nullptr;
        } else {
            const StoreKeyRef ref{meta.namespace_, meta.name};
            place = objects_.lower_bound(ref);
            exists = place != objects_.end() && CompareKey(place->first, ref) == 0;
        }
        if (exists) {
            result.error = AlreadyExistsError(info_, meta.name);
            return result;
        }
        if (capacity_ && objects_.size() >= capacity_) {
            result.error = ForbiddenError(info_.GroupResource() + " " + Quote(meta.name) +
                                          " is forbidden: exceeded the playground's capacity: the simulated cluster "
                                          "holds at most " + std::to_string(capacity_) + " " + info_.resource);
            return result;
        }
        result.warnings = WarningsOnCreate(obj);
        if (opts.dry_run) {
            result.value = Snapshot(std::move(obj));
            return result;
        }
        meta.resource_version = ServerNextResourceVersion(server_);
        auto stored = Snapshot(std::move(obj));
        Slot* slot;
        if constexpr (kIndexed) slot = &AddSlot(stored->metadata.namespace_, stored->metadata.name);
        else slot = &objects_.emplace_hint(place, Key(stored->metadata.namespace_, stored->metadata.name), Slot{})->second;
        Keep(*slot, stored);
        AttachLease(*slot);
        order_stale_ = true;
        Notify(WatchType::kAdded, nullptr, stored);
        result.value = stored;
        return result;
    }

    // Replaces spec and metadata (status is kept, as the main resource ignores status writes).
    Result<T> Update(T obj, const client::WriteOptions& opts = {}) { return DoUpdate(std::move(obj), false, opts); }
    // Writes status only (the /status subresource).
    Result<T> UpdateStatus(T obj, const client::WriteOptions& opts = {}) { return DoUpdate(std::move(obj), true, opts); }

    // Writes an object bypassing the update strategy: the API server's own internal writes
    // (the pod binding subresource, namespace finalization). Still bumps resourceVersion and
    // notifies watchers; a no-op write is skipped.
    Result<T> InternalUpdate(T obj) {
        Result<T> result;
        auto cur = Get(obj.metadata.namespace_, obj.metadata.name);
        if (!cur) {
            result.error = NotFoundError(info_, obj.metadata.name);
            return result;
        }
        obj.metadata.resource_version = cur->metadata.resource_version;
        return Commit(std::move(obj), cur, result);
    }

    // Deletes per the API server's rules: graceful pods get a deletionTimestamp in the future and
    // stay until the kubelet finishes; finalizers (including the GC's foregroundDeletion and
    // orphan) keep an object until they are removed.
    Result<T> Delete(std::string_view ns, std::string_view name, const client::DeleteOptions& opts = {}) {
        Result<T> result;
        auto cur = Get(ns, name);
        if (!cur) {
            result.error = NotFoundError(info_, std::string(name));
            return result;
        }
        if (opts.dry_run) {
            result.value = cur;
            return result;
        }
        T obj = *cur;
        auto& meta = obj.metadata;
        const Time now = ServerNow(server_);
        bool changed = false;
        if (opts.propagation_policy == "Foreground" && !meta.HasFinalizer("foregroundDeletion") &&
            !meta.HasFinalizer("orphan")) {
            meta.finalizers.push_back("foregroundDeletion");
            changed = true;
        } else if (opts.propagation_policy == "Orphan" && !meta.HasFinalizer("orphan") &&
                   !meta.HasFinalizer("foregroundDeletion")) {
            meta.finalizers.push_back("orphan");
            changed = true;
        }
        if constexpr (std::is_same_v<T, k8s::Namespace>) {
            // The namespace registry keeps a namespace whose spec.finalizers are pending: it
            // turns Terminating, the namespace controller empties and then finalizes it.
            if (!obj.spec.finalizers.empty()) {
                if (!meta.deletion_timestamp) {
                    meta.deletion_timestamp = k8s::Timestamp(now);
                    meta.deletion_grace_period_seconds = 0;
                    obj.status.phase = "Terminating";
                    changed = true;
                }
                if (changed) return Commit(std::move(obj), cur, result);
                result.value = cur;
                return result;
            }
        }
        int64_t grace = GracePeriodSeconds(*cur, opts);
        if (grace > 0) {
            const Time deadline = now + Seconds(grace);
            if (!meta.deletion_timestamp || deadline < meta.deletion_timestamp->ms) {
                meta.deletion_timestamp = k8s::Timestamp(deadline);
                meta.deletion_grace_period_seconds = grace;
                changed = true;
            }
            if (changed) return Commit(std::move(obj), cur, result);
            result.value = cur;
            return result;
        }
        if (!meta.finalizers.empty()) {
            if (!meta.deletion_timestamp || meta.deletion_grace_period_seconds.value_or(1) != 0) {
                if (!meta.deletion_timestamp) meta.deletion_timestamp = k8s::Timestamp(now);
                meta.deletion_grace_period_seconds = 0;
                changed = true;
            }
            if (changed) return Commit(std::move(obj), cur, result);
            result.value = cur;
            return result;
        }
        Remove(cur);
        result.value = cur;
        return result;
    }

    // ---- KindStore ----------------------------------------------------------------------------
    client::ApiResult<Value> CreateValue(const std::string& ns, const Value& value,
                                         const client::WriteOptions& opts) override {
        client::ApiResult<Value> out;
        T obj;
        if (!DecodeValue(value, &obj, &out.error)) return out;
        if (info_.namespaced) {
            if (!obj.metadata.namespace_.empty() && obj.metadata.namespace_ != ns) {
                out.error = BadRequestError(
                    "the namespace of the provided object does not match the namespace sent on the request");
                return out;
            }
            obj.metadata.namespace_ = ns;
        }
        return ToValueResult(Create(std::move(obj), opts));
    }
    client::ApiResult<Value> GetValue(const std::string& ns, const std::string& name) const override {
        client::ApiResult<Value> out;
        auto obj = Get(info_.namespaced ? ns : "", name);
        if (!obj) {
            out.error = NotFoundError(info_, name);
            return out;
        }
        out.value = k8s::Encode(*obj);
        return out;
    }
    std::vector<Value> ListValues(const std::string& ns) const override {
        std::vector<Value> out;
        ForEach(ns, [&](const Ptr<T>& obj) { out.push_back(k8s::Encode(*obj)); });
        return out;
    }
    client::ApiResult<Value> UpdateValue(const std::string& ns, const Value& value, bool status_only,
                                         const client::WriteOptions& opts) override {
        client::ApiResult<Value> out;
        T obj;
        if (!DecodeValue(value, &obj, &out.error)) return out;
        if (info_.namespaced) {
            if (!obj.metadata.namespace_.empty() && obj.metadata.namespace_ != ns) {
                out.error = BadRequestError(
                    "the namespace of the provided object does not match the namespace sent on the request");
                return out;
            }
            obj.metadata.namespace_ = ns;
        }
        return ToValueResult(DoUpdate(std::move(obj), status_only, opts));
    }
    client::ApiResult<Value> DeleteNamed(const std::string& ns, const std::string& name,
                                         const client::DeleteOptions& opts) override {
        return ToValueResult(Delete(info_.namespaced ? ns : "", name, opts));
    }
    void ForEachMeta(const std::function<void(const k8s::ObjectMeta&)>& fn) const override {
        for (const auto& [key, slot] : objects_) fn(Load(slot)->metadata);
    }
    std::shared_ptr<const k8s::ObjectMeta> FindMeta(const std::string& ns, const std::string& name) const override {
        auto obj = Get(info_.namespaced ? ns : "", name);
        // The metadata lives as long as the snapshot it is part of.
        return obj ? std::shared_ptr<const k8s::ObjectMeta>(obj, &obj->metadata) : nullptr;
    }
    void RemoveFinalizer(const std::string& ns, const std::string& name, std::string_view f) override {
        auto cur = Get(info_.namespaced ? ns : "", name);
        if (!cur || !cur->metadata.HasFinalizer(f)) return;
        T obj = *cur;
        auto& fins = obj.metadata.finalizers;
        for (auto it = fins.begin(); it != fins.end(); ++it) {
            if (*it == f) {
                fins.erase(it);
                break;
            }
        }
        Result<T> ignored;
        Commit(std::move(obj), cur, ignored);
    }
    void RemoveOwnerReference(const std::string& ns, const std::string& name,
                              const std::string& owner_uid) override {
        auto cur = Get(info_.namespaced ? ns : "", name);
        if (!cur) return;
        T obj = *cur;
        auto& refs = obj.metadata.owner_references;
        const size_t before = refs.size();
        refs.erase(std::remove_if(refs.begin(), refs.end(),
                                  [&](const k8s::OwnerReference& r) { return r.uid == owner_uid; }),
                   refs.end());
        if (refs.size() == before) return;
        Result<T> ignored;
        Commit(std::move(obj), cur, ignored);
    }
    uint64_t Hash(uint64_t seed) const override {
        uint64_t h = seed;
        for (const auto& [key, slot] : objects_) h = Fnv1a64(k8s::Encode(*Load(slot)).ToJson(), h);
        return h;
    }

private:
    static std::string Key(std::string_view ns, std::string_view name) {
        std::string key;
        key.reserve(ns.size() + name.size() + 1);
        key.append(ns).push_back('/');
        key.append(name);
        return key;
    }

    bool DecodeValue(const Value& value, T* obj, client::ApiError* error) const {
        k8s::DecodeErrors errors;
        *obj = k8s::Decode<T>(value, errors);
        if (errors.ok()) return true;
        const std::string prefix = std::string(T::kKind) + " in version \"" + info_.version +
                                   "\" cannot be handled as a " + T::kKind + ": ";
        *error = BadRequestError(prefix + (errors.type_error.empty() ? errors.StrictMessage()
                                                                     : errors.type_error));
        return false;
    }

    static client::ApiResult<Value> ToValueResult(const Result<T>& r) {
        client::ApiResult<Value> out;
        out.error = r.error;
        out.warnings = r.warnings;
        if (r.value) out.value = k8s::Encode(*r.value);
        return out;
    }

    int64_t GracePeriodSeconds(const T& obj, const client::DeleteOptions& opts) const {
        if constexpr (std::is_same_v<T, k8s::Pod>) {
            // Pods never scheduled, or already finished, have no kubelet to wait for.
            if (obj.spec->node_name.empty() || obj.status.phase == "Succeeded" || obj.status.phase == "Failed")
                return 0;
            int64_t grace = opts.grace_period_seconds
                                ? *opts.grace_period_seconds
                                : obj.spec->termination_grace_period_seconds.value_or(30);
            // A negative grace period means "use the default"; 0 means immediate (--force).
            if (grace < 0) grace = obj.spec->termination_grace_period_seconds.value_or(30);
            return grace;
        } else {
            (void)obj;
            (void)opts;
            return 0;
        }
    }

    Result<T> DoUpdate(T obj, bool status_only, const client::WriteOptions& opts) {
        Result<T> result;
        auto& meta = obj.metadata;
        if (!info_.namespaced) meta.namespace_.clear();
        auto cur = Get(meta.namespace_, meta.name);
        if (!cur) {
            result.error = NotFoundError(info_, meta.name);
            return result;
        }
        if (!meta.resource_version.empty() && meta.resource_version != cur->metadata.resource_version) {
            result.error = ConflictError(info_, meta.name,
                                         "the object has been modified; please apply your changes to the "
                                         "latest version and try again");
            return result;
        }
        if (!meta.uid.empty() && meta.uid != cur->metadata.uid) {
            result.error = ConflictError(info_, meta.name,
                                         "Precondition failed: UID in precondition: " + cur->metadata.uid +
                                             ", UID in object meta: " + meta.uid);
            return result;
        }
        obj.api_version = T::kApiVersion;
        obj.kind = T::kKind;
        // System-owned metadata cannot be changed by writers.
        meta.uid = cur->metadata.uid;
        meta.creation_timestamp = cur->metadata.creation_timestamp;
        meta.deletion_timestamp = cur->metadata.deletion_timestamp;
        meta.deletion_grace_period_seconds = cur->metadata.deletion_grace_period_seconds;
        meta.resource_version = cur->metadata.resource_version;
        if (meta.generate_name.empty()) meta.generate_name = cur->metadata.generate_name;
        // A Pod's status write keeps nothing but the status, and a Pod's defaults all live in its
        // spec: defaulting would only copy the spec (copy-on-write) to throw the copy away.
        if (!(status_only && std::is_same_v<T, k8s::Pod>)) SetDefaults(obj);
        FieldErrors errors;
        if (status_only) {
            PrepareForStatusUpdate(obj, *cur);
            errors = ValidateStatusUpdate(obj, *cur);
        } else {
            PrepareForUpdate(obj, *cur);
            Admit(server_, obj, cur.get());
            errors = ValidateUpdate(obj, *cur);
        }
        if (!errors.empty()) {
            result.error = InvalidError(info_, meta.name, errors);
            return result;
        }
        result.warnings = WarningsOnUpdate(obj, *cur);
        if (opts.dry_run) {
            result.value = Snapshot(std::move(obj));
            return result;
        }
        return Commit(std::move(obj), cur, result);
    }

    // A namespace stays until the namespace controller has emptied it and removed
    // spec.finalizers (the finalize subresource, an InternalUpdate here).
    static bool HeldBySpecFinalizers(const T& obj) {
        if constexpr (std::is_same_v<T, k8s::Namespace>) {
            return !obj.spec.finalizers.empty();
        } else {
            (void)obj;
            return false;
        }
    }

    // Stores a changed object (or removes it when a deletion's last finalizer went away).
    Result<T>& Commit(T obj, const Ptr<T>& cur, Result<T>& result) {
        if (obj.metadata.deletion_timestamp && obj.metadata.finalizers.empty() &&
            obj.metadata.deletion_grace_period_seconds.value_or(0) == 0 && !HeldBySpecFinalizers(obj)) {
            Remove(cur);
            result.value = cur;
            return result;
        }
        if (obj == *cur) {  // a no-op write does not bump resourceVersion or notify
            result.value = cur;
            return result;
        }
        obj.metadata.resource_version = ServerNextResourceVersion(server_);
        auto stored = Snapshot(std::move(obj));
        Slot* found = FindSlot(stored->metadata.namespace_, stored->metadata.name);
        Slot& slot = found ? *found : AddSlot(stored->metadata.namespace_, stored->metadata.name);
        Keep(slot, stored);
        AttachLease(slot);
        // The key set is unchanged, so the ordered list takes the new snapshot in place, unless
        // a ForEach is walking it (then it is rebuilt when next asked for).
        if constexpr (!kPacked) {
            if (!order_stale_) {
                if (order_.use_count() == 1) (*order_)[slot.pos] = stored;
                else order_stale_ = true;
            }
        }
        Notify(WatchType::kModified, cur, stored);
        result.value = stored;
        return result;
    }

    void Remove(const Ptr<T>& cur) {
        if (auto it = objects_.find(StoreKeyRef{cur->metadata.namespace_, cur->metadata.name}); it != objects_.end()) {
            if (kIndexed) index_.erase(it->first);
            objects_.erase(it);
        }
        order_stale_ = true;
        // The DELETED event carries the last state with a fresh resourceVersion, as etcd does.
        T last = *cur;
        last.metadata.resource_version = ServerNextResourceVersion(server_);
        Notify(WatchType::kDeleted, cur, Snapshot(std::move(last)));
    }

    void Notify(WatchType type, const Ptr<T>& old_obj, const Ptr<T>& new_obj) {
        ++revision_;
        for (size_t i = 0; i < handlers_.size(); ++i) handlers_[i](type, old_obj, new_obj);
        if (HasValueWatchers()) {
            const Ptr<T>& obj = new_obj ? new_obj : old_obj;
            NotifyValueWatchers(type, obj->metadata.namespace_, k8s::Encode(*obj));
        }
    }

    // The immutable snapshot of a new object version; a Pod is frozen so that it keeps its summary.
    static Ptr<T> Snapshot(T&& obj) {
        auto stored = std::make_shared<T>(std::move(obj));
        if constexpr (std::is_same_v<T, k8s::Pod>) stored->summary_memo.Freeze();
        return stored;
    }

    // The objects of ns ("" = all) in the key-ordered list.
    using OrderIt = typename std::vector<Ptr<T>>::const_iterator;
    std::pair<OrderIt, OrderIt> Range(const std::vector<Ptr<T>>& order, std::string_view ns) const {
        if (ns.empty() || !info_.namespaced) return {order.begin(), order.end()};
        // The keys "ns/..." are those in ["ns/", "ns0"): '0' follows '/'.
        const std::string from = std::string(ns) + "/", to = std::string(ns) + "0";
        auto key_less = [](const Ptr<T>& obj, const std::string& key) {
            return CompareKey(key, StoreKeyRef{obj->metadata.namespace_, obj->metadata.name}) > 0;
        };
        const auto first = std::lower_bound(order.begin(), order.end(), from, key_less);
        return {first, std::lower_bound(first, order.end(), to, key_less)};
    }

    // The objects in key order, contiguous: controllers walk every pod of a namespace at each
    // sync, and a walk over map nodes is a chain of cache misses. Rebuilt when the key set has
    // changed; an update writes its snapshot in place at the slot's position.
    // (A packed kind keeps no such list: it would keep every object unpacked.)
    std::shared_ptr<const std::vector<Ptr<T>>> Ordered() const {
        if constexpr (!kPacked) {
            if (order_stale_ || !order_) {
                auto fresh = std::make_shared<std::vector<Ptr<T>>>();
                fresh->reserve(objects_.size());
                for (auto& [key, slot] : objects_) {
                    slot.pos = fresh->size();
                    fresh->push_back(slot.obj);
                }
                order_ = std::move(fresh);
                order_stale_ = false;
            }
        }
        return order_;
    }

    // Events are many (five or more per pod) and seldom read: the store keeps them packed, and
    // gives each no index entry (they are read by name only when one repeats), since either
    // would cost more memory than the reads it speeds up.
    static constexpr bool kPacked = std::is_same_v<T, k8s::Event>;
    static constexpr bool kIndexed = !kPacked;

    struct ObjectSlot {
        Ptr<T> obj;
        mutable size_t pos = 0;  // index in order_ while order_ is not stale
    };
    struct PackedSlot {
        k8s::PackedObject packed;
        uint64_t lease = 0;  // the etcd lease of the Event's last write
    };
    using Slot = std::conditional_t<kPacked, PackedSlot, ObjectSlot>;

    static Ptr<T> Load(const Slot& slot) {
        if constexpr (kPacked) return std::make_shared<const T>(k8s::Unpack<T>(slot.packed));
        else return slot.obj;
    }
    static void Keep(Slot& slot, const Ptr<T>& stored) {
        if constexpr (kPacked) slot.packed = k8s::Pack(*stored);
        else slot.obj = stored;
    }

    // Every write of an Event (create or update, not a no-op) attaches it to a lease afresh.
    void AttachLease(Slot& slot) {
        if constexpr (kPacked) slot.lease = ServerEventLease(server_);
        else (void)slot;
    }

    // The map's entries of namespace ns: the keys "ns/..." are those in ["ns/", "ns0").
    auto KeyRange(std::string_view ns) const {
        return std::make_pair(objects_.lower_bound(std::string(ns) + "/"), objects_.lower_bound(std::string(ns) + "0"));
    }

    Slot* FindSlot(std::string_view ns, std::string_view name) const {
        if constexpr (kIndexed) {
            auto it = index_.find(StoreKeyRef{ns, name});
            return it == index_.end() ? nullptr : it->second;
        } else {
            auto it = objects_.find(StoreKeyRef{ns, name});
            return it == objects_.end() ? nullptr : const_cast<Slot*>(&it->second);
        }
    }
    // The slot of a key not stored yet, in the map and the index.
    Slot& AddSlot(const std::string& ns, const std::string& name) {
        auto [it, inserted] = objects_.try_emplace(Key(ns, name));
        if (kIndexed && inserted) index_.emplace(it->first, &it->second);
        return it->second;
    }

    ApiServer& server_;
    std::map<std::string, Slot, StoreKeyLess> objects_;  // walked in key order
    // The same slots by key, viewing the map's own key strings (map nodes stay put; an entry
    // leaves the index before its node leaves the map). Never walked, so its order does not
    // matter.
    std::unordered_map<std::string_view, Slot*, StoreKeyHash, StoreKeyEqual> index_;
    mutable std::shared_ptr<std::vector<Ptr<T>>> order_;
    mutable bool order_stale_ = true;
    std::vector<Handler> handlers_;
    std::unordered_map<std::string, std::vector<Handler>> node_handlers_;  // by spec.nodeName
};

// The stores are instantiated once, in api_server.cpp: every other file that includes this
// header would otherwise compile the whole registry flow again for each kind.
extern template class Store<k8s::Pod>;
extern template class Store<k8s::Service>;
extern template class Store<k8s::Endpoints>;
extern template class Store<k8s::Namespace>;
extern template class Store<k8s::Node>;
extern template class Store<k8s::PersistentVolumeClaim>;
extern template class Store<k8s::PersistentVolume>;
extern template class Store<k8s::Event>;
extern template class Store<k8s::StatefulSet>;
extern template class Store<k8s::ControllerRevision>;
extern template class Store<k8s::StorageClass>;
extern template class Store<k8s::EndpointSlice>;

}  // namespace sts::apiserver
