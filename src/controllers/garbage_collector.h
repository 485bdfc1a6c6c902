// The garbage collector: ownerReferences-based cascading deletion over every kind the API
// server serves (mirrors pkg/controller/garbagecollector: garbagecollector.go attemptToDeleteItem,
// processDeletingDependentsItem, attemptToOrphanWorker; graph_builder.go processTransitions).
//
// - Background: an owner that is gone (by uid) leaves dangling references; each dependent is
//   deleted on its own, so a StatefulSet's pods go concurrently (reference §2.9, §8.14).
// - Foreground: an owner carrying the foregroundDeletion finalizer has its dependents deleted
//   first; the finalizer is removed only once every dependent that blocks owner deletion is gone.
// - Orphan: an owner carrying the orphan finalizer has its references stripped from every
//   dependent, then the finalizer is removed.
// Owners of kinds this server does not serve (ReplicaSet, DaemonSet of the system pods) are
// treated as present, since their absence cannot be verified.
//
// The dependency index (owner uid -> dependents) is kept up to date from the stores' watch
// handlers; work is queued only when something changed, never by polling.
#pragma once

#include <map>
#include <set>
#include <string>

#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

class GarbageCollector final : public engine::QueueController {
public:
    explicit GarbageCollector(engine::Context& ctx);

    // Number of known owner -> dependent edges (for tests and the UI).
    size_t EdgeCount() const;
    // uids of the objects currently referencing owner_uid.
    std::set<std::string> DependentsOf(const std::string& owner_uid) const;

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    // Where an object lives, so a queue key (its uid) can be turned back into it.
    struct Identity {
        apiserver::KindStore* store = nullptr;
        std::string ns;
        std::string name;
    };

    template <class T>
    void Watch(apiserver::Store<T>& store);
    void Observe(apiserver::KindStore* store, const k8s::ObjectMeta* old_meta, const k8s::ObjectMeta* new_meta);
    void Forget(const k8s::ObjectMeta& meta);
    void AddEdges(const k8s::ObjectMeta& meta);
    void RemoveEdges(const k8s::ObjectMeta& meta);

    // Live lookup of an owner reference from a dependent in namespace ns.
    enum class OwnerState { kSolid, kDangling, kWaitingForDependents, kUnknownKind };
    OwnerState ClassifyOwner(const std::string& ns, const k8s::OwnerReference& ref) const;
    std::shared_ptr<const k8s::ObjectMeta> Lookup(const std::string& uid, const Identity** id) const;

    void EnqueueDelete(const std::string& uid);
    void EnqueueOrphan(const std::string& uid);

    bool AttemptToDelete(const std::string& uid, Duration* cost);
    bool ProcessDeletingDependents(const std::string& uid, const Identity& id, Duration* cost);
    bool AttemptToOrphan(const std::string& uid, Duration* cost);

    engine::Context& ctx_;
    std::map<std::string, Identity> objects_;                   // uid -> where it is
    std::map<std::string, std::set<std::string>> dependents_;  // owner uid -> dependent uids
};

}  // namespace sts::controllers
