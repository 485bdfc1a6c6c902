// The garbage collector (pkg/controller/garbagecollector). See garbage_collector.h.
#include "controllers/garbage_collector.h"

#include <vector>

namespace sts::controllers {

namespace {

constexpr const char* kForegroundFinalizer = "foregroundDeletion";
constexpr const char* kOrphanFinalizer = "orphan";

// The graph builder sees a change a moment after the write (informer delivery), and every
// API round trip of a worker takes a couple of milliseconds.
constexpr Duration kGraphDelay = Millis(10);
constexpr Duration kApiCall = Millis(2);

bool IsDeletingDependents(const k8s::ObjectMeta& meta) {
    return meta.deletion_timestamp && meta.HasFinalizer(kForegroundFinalizer);
}

bool IsOrphaning(const k8s::ObjectMeta& meta) {
    return meta.deletion_timestamp && meta.HasFinalizer(kOrphanFinalizer);
}

}  // namespace

GarbageCollector::GarbageCollector(engine::Context& ctx)
    : QueueController(ctx.scheduler, "garbage-collector-controller"), ctx_(ctx) {
    auto& api = ctx_.api;
    Watch(api.namespaces());
    Watch(api.nodes());
    Watch(api.pods());
    Watch(api.services());
    Watch(api.endpoints());
    Watch(api.endpointslices());
    Watch(api.pvcs());
    Watch(api.pvs());
    Watch(api.storageclasses());
    Watch(api.statefulsets());
    Watch(api.revisions());
    // Events are not watched: the graph builder's default ignoredResources holds core/v1
    // events (graph_builder.go), so the collector never deletes an Event through its owners.
    // Objects that already exist (a collector started on a populated server).
    for (apiserver::KindStore* store : api.AllStores()) {
        if (store == &api.events()) continue;
        store->ForEachMeta([&](const k8s::ObjectMeta& meta) { Observe(store, nullptr, &meta); });
    }
}

template <class T>
void GarbageCollector::Watch(apiserver::Store<T>& store) {
    apiserver::KindStore* kind_store = &store;
    store.AddHandler([this, kind_store](apiserver::WatchType type, const apiserver::Ptr<T>& old_obj,
                                        const apiserver::Ptr<T>& new_obj) {
        if (type == apiserver::WatchType::kDeleted) {
            Forget(old_obj->metadata);
            return;
        }
        Observe(kind_store, old_obj ? &old_obj->metadata : nullptr, &new_obj->metadata);
    });
}

size_t GarbageCollector::EdgeCount() const {
    size_t n = 0;
    for (const auto& [owner, deps] : dependents_) n += deps.size();
    return n;
}

std::set<std::string> GarbageCollector::DependentsOf(const std::string& owner_uid) const {
    auto it = dependents_.find(owner_uid);
    return it == dependents_.end() ? std::set<std::string>{} : it->second;
}

// [SECTION] Graph maintenance (runs inside API writes: no writes here, only enqueues)

void GarbageCollector::AddEdges(const k8s::ObjectMeta& meta) {
    for (const auto& ref : meta.owner_references) dependents_[ref.uid].insert(meta.uid);
}

void GarbageCollector::RemoveEdges(const k8s::ObjectMeta& meta) {
    for (const auto& ref : meta.owner_references) {
        auto it = dependents_.find(ref.uid);
        if (it == dependents_.end()) continue;
        it->second.erase(meta.uid);
        if (it->second.empty()) dependents_.erase(it);
    }
}

void GarbageCollector::Observe(apiserver::KindStore* store, const k8s::ObjectMeta* old_meta,
                               const k8s::ObjectMeta* new_meta) {
    const k8s::ObjectMeta& meta = *new_meta;
    if (!old_meta) objects_[meta.uid] = Identity{store, meta.namespace_, meta.name};  // names never change

    const bool refs_changed = !old_meta || old_meta->owner_references != meta.owner_references;
    if (refs_changed) {
        if (old_meta) {
            RemoveEdges(*old_meta);
            // An owner waiting for its dependents may have just lost one.
            for (const auto& ref : old_meta->owner_references) {
                bool still = false;
                for (const auto& r : meta.owner_references) still = still || r.uid == ref.uid;
                if (still) continue;
                const Identity* id = nullptr;
                auto owner = Lookup(ref.uid, &id);
                if (owner && IsDeletingDependents(*owner)) EnqueueDelete(ref.uid);
            }
        }
        AddEdges(meta);
        // A reference to an owner that does not exist makes this object garbage.
        for (const auto& ref : meta.owner_references) {
            const OwnerState state = ClassifyOwner(meta.namespace_, ref);
            if (state == OwnerState::kDangling || state == OwnerState::kWaitingForDependents) {
                EnqueueDelete(meta.uid);
                break;
            }
        }
    }

    // Transitions (graph_builder.go processTransitions).
    const bool was_orphaning = old_meta && IsOrphaning(*old_meta);
    const bool was_deleting_dependents = old_meta && IsDeletingDependents(*old_meta);
    if (IsOrphaning(meta) && !was_orphaning) {
        EnqueueOrphan(meta.uid);
        return;
    }
    if (IsDeletingDependents(meta) && !was_deleting_dependents) {
        auto it = dependents_.find(meta.uid);
        if (it != dependents_.end())
            for (const auto& dep : it->second) EnqueueDelete(dep);
        EnqueueDelete(meta.uid);
    }
}

void GarbageCollector::Forget(const k8s::ObjectMeta& meta) {
    objects_.erase(meta.uid);
    RemoveEdges(meta);
    // Owners deleting in the foreground re-check whether they may go now.
    for (const auto& ref : meta.owner_references) {
        const Identity* id = nullptr;
        auto owner = Lookup(ref.uid, &id);
        if (owner && IsDeletingDependents(*owner)) EnqueueDelete(ref.uid);
    }
    // Dependents of a vanished owner are now dangling.
    auto it = dependents_.find(meta.uid);
    if (it != dependents_.end())
        for (const auto& dep : it->second) EnqueueDelete(dep);
}

void GarbageCollector::EnqueueDelete(const std::string& uid) { EnqueueAfter("delete/" + uid, kGraphDelay); }

void GarbageCollector::EnqueueOrphan(const std::string& uid) { EnqueueAfter("orphan/" + uid, kGraphDelay); }

// [SECTION] Lookups

std::shared_ptr<const k8s::ObjectMeta> GarbageCollector::Lookup(const std::string& uid, const Identity** id) const {
    auto it = objects_.find(uid);
    if (it == objects_.end()) return nullptr;
    *id = &it->second;
    auto meta = it->second.store->FindMeta(it->second.ns, it->second.name);
    if (!meta || meta->uid != uid) return nullptr;
    return meta;
}

GarbageCollector::OwnerState GarbageCollector::ClassifyOwner(const std::string& ns,
                                                             const k8s::OwnerReference& ref) const {
    const apiserver::KindStore* store = ctx_.api.StoreForKind(ref.kind);
    if (!store) return OwnerState::kUnknownKind;
    auto owner = store->FindMeta(store->info().namespaced ? ns : "", ref.name);
    if (!owner || owner->uid != ref.uid) return OwnerState::kDangling;
    if (IsDeletingDependents(*owner)) return OwnerState::kWaitingForDependents;
    return OwnerState::kSolid;
}

// [SECTION] Workers

bool GarbageCollector::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    const size_t slash = key.find('/');
    const std::string verb = key.substr(0, slash);
    const std::string uid = key.substr(slash + 1);
    if (verb == "orphan") return AttemptToOrphan(uid, cost);
    return AttemptToDelete(uid, cost);
}

bool GarbageCollector::AttemptToDelete(const std::string& uid, Duration* cost) {
    const Identity* id = nullptr;
    auto meta = Lookup(uid, &id);
    if (!meta) return true;  // already gone
    // "Being deleted" is a one-way trip; the final deletion will requeue the dependents.
    if (meta->deletion_timestamp && !IsDeletingDependents(*meta)) return true;
    if (IsDeletingDependents(*meta)) return ProcessDeletingDependents(uid, *id, cost);
    if (meta->owner_references.empty()) return true;

    std::vector<std::string> solid, dangling, waiting;
    for (const auto& ref : meta->owner_references) {
        switch (ClassifyOwner(meta->namespace_, ref)) {
            case OwnerState::kSolid:
            case OwnerState::kUnknownKind: solid.push_back(ref.uid); break;
            case OwnerState::kDangling: dangling.push_back(ref.uid); break;
            case OwnerState::kWaitingForDependents: waiting.push_back(ref.uid); break;
        }
    }
    *cost += kApiCall;  // the live GET

    apiserver::KindStore* store = id->store;
    const std::string ns = id->ns;
    const std::string name = id->name;
    if (!solid.empty()) {
        // Keep the object, but drop references that would otherwise block other owners.
        for (const auto& owner : dangling) store->RemoveOwnerReference(ns, name, owner);
        for (const auto& owner : waiting) store->RemoveOwnerReference(ns, name, owner);
        if (!dangling.empty() || !waiting.empty()) *cost += kApiCall;
        return true;
    }
    client::DeleteOptions opts;
    auto deps = dependents_.find(uid);
    const bool has_dependents = deps != dependents_.end() && !deps->second.empty();
    if (!waiting.empty() && has_dependents) {
        opts.propagation_policy = "Foreground";
    } else if (meta->HasFinalizer(kOrphanFinalizer)) {
        opts.propagation_policy = "Orphan";
    } else if (meta->HasFinalizer(kForegroundFinalizer)) {
        opts.propagation_policy = "Foreground";
    } else {
        opts.propagation_policy = "Background";
    }
    store->DeleteNamed(ns, name, opts);
    *cost += kApiCall;
    return true;
}

bool GarbageCollector::ProcessDeletingDependents(const std::string& uid, const Identity& id, Duration* cost) {
    // Dependents that block this owner: those whose reference to it says blockOwnerDeletion.
    std::vector<std::string> blocking;
    auto it = dependents_.find(uid);
    if (it != dependents_.end()) {
        for (const auto& dep_uid : it->second) {
            const Identity* dep_id = nullptr;
            auto dep = Lookup(dep_uid, &dep_id);
            if (!dep) continue;
            for (const auto& ref : dep->owner_references) {
                if (ref.uid == uid && ref.block_owner_deletion.value_or(false)) {
                    blocking.push_back(dep_uid);
                    break;
                }
            }
        }
    }
    *cost += Millis(static_cast<int64_t>(blocking.size() / 50));
    if (blocking.empty()) {
        id.store->RemoveFinalizer(id.ns, id.name, kForegroundFinalizer);
        *cost += kApiCall;
        return true;
    }
    for (const auto& dep_uid : blocking) {
        const Identity* dep_id = nullptr;
        auto dep = Lookup(dep_uid, &dep_id);
        if (dep && !IsDeletingDependents(*dep)) EnqueueDelete(dep_uid);
    }
    return true;
}

bool GarbageCollector::AttemptToOrphan(const std::string& uid, Duration* cost) {
    const Identity* id = nullptr;
    auto meta = Lookup(uid, &id);
    if (!meta || !IsOrphaning(*meta)) return true;
    const Identity owner = *id;
    std::vector<std::string> deps;
    auto it = dependents_.find(uid);
    if (it != dependents_.end()) deps.assign(it->second.begin(), it->second.end());
    for (const auto& dep_uid : deps) {
        const Identity* dep_id = nullptr;
        if (!Lookup(dep_uid, &dep_id)) continue;
        const Identity dep = *dep_id;
        dep.store->RemoveOwnerReference(dep.ns, dep.name, uid);
        *cost += kApiCall;
    }
    owner.store->RemoveFinalizer(owner.ns, owner.name, kOrphanFinalizer);
    *cost += kApiCall;
    return true;
}

}  // namespace sts::controllers
