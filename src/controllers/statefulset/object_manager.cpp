// The StatefulSet controller's real API client over the simulated API server.
// Mirrors realStatefulPodControlObjectManager, realStatefulSetStatusUpdater and history.realHistory.
#include "controllers/statefulset/object_manager.h"

#include <algorithm>

#include "apiserver/field_errors.h"

namespace sts::controllers::statefulset {

namespace {

template <class T>
Fetched<T> FromResult(const apiserver::Result<T>& r) {
    Fetched<T> out;
    if (!r.ok()) {
        out.err = Error::FromApi(r.error);
        return out;
    }
    out.obj = r.value;
    return out;
}

template <class T>
Fetched<T> FromStore(const apiserver::Store<T>& store, const std::string& ns, const std::string& name) {
    Fetched<T> out;
    out.obj = store.Get(ns, name);
    if (!out.obj) out.err = Error::FromApi(apiserver::NotFoundError(store.info(), name));
    return out;
}

// A strategic-merge patch of metadata.ownerReferences (merge key uid) with a UID precondition,
// applied as an update that skips the resourceVersion check, as PATCH does.
template <class T, class Mutate>
apiserver::Result<T> PatchOwnerRefs(apiserver::Store<T>& store, const std::string& ns, const std::string& name,
                                    const std::string& uid, Mutate mutate) {
    auto cur = store.Get(ns, name);
    if (!cur) {
        apiserver::Result<T> r;
        r.error = apiserver::NotFoundError(store.info(), name);
        return r;
    }
    T obj = *cur;
    obj.metadata.resource_version.clear();
    obj.metadata.uid = uid;
    mutate(obj.metadata.owner_references);
    return store.Update(std::move(obj));
}

void MergeRef(std::vector<k8s::OwnerReference>& refs, const k8s::OwnerReference& ref) {
    for (auto& r : refs) {
        if (r.uid == ref.uid) {
            r = ref;
            return;
        }
    }
    refs.push_back(ref);
}

}  // namespace

Error ApiObjectManager::CreatePod(const k8s::Pod& pod) {
    ++calls_;
    return Error::FromApi(api_.pods().Create(pod).error);
}

Fetched<k8s::Pod> ApiObjectManager::GetPod(const std::string& ns, const std::string& name) {
    return FromStore(api_.pods(), ns, name);
}

Error ApiObjectManager::UpdatePod(const k8s::Pod& pod) {
    ++calls_;
    return Error::FromApi(api_.pods().Update(pod).error);
}

Error ApiObjectManager::DeletePod(const k8s::Pod& pod) {
    ++calls_;
    return Error::FromApi(api_.pods().Delete(pod.metadata.namespace_, pod.metadata.name).error);
}

Error ApiObjectManager::AdoptPod(const k8s::Pod& pod, const k8s::OwnerReference& ref) {
    ++calls_;
    auto r = PatchOwnerRefs(api_.pods(), pod.metadata.namespace_, pod.metadata.name, pod.metadata.uid,
                            [&](std::vector<k8s::OwnerReference>& refs) { MergeRef(refs, ref); });
    return Error::FromApi(r.error);
}

Error ApiObjectManager::ReleasePod(const k8s::Pod& pod, const std::string& owner_uid) {
    ++calls_;
    auto r = PatchOwnerRefs(api_.pods(), pod.metadata.namespace_, pod.metadata.name, pod.metadata.uid,
                            [&](std::vector<k8s::OwnerReference>& refs) {
                                refs.erase(std::remove_if(refs.begin(), refs.end(),
                                                          [&](const k8s::OwnerReference& x) {
                                                              return x.uid == owner_uid;
                                                          }),
                                           refs.end());
                            });
    return Error::FromApi(r.error);
}

Error ApiObjectManager::CreateClaim(const k8s::PersistentVolumeClaim& claim) {
    ++calls_;
    return Error::FromApi(api_.pvcs().Create(claim).error);
}

Fetched<k8s::PersistentVolumeClaim> ApiObjectManager::GetClaim(const std::string& ns, const std::string& name) {
    return FromStore(api_.pvcs(), ns, name);
}

Error ApiObjectManager::UpdateClaim(const k8s::PersistentVolumeClaim& claim) {
    ++calls_;
    return Error::FromApi(api_.pvcs().Update(claim).error);
}

Fetched<k8s::StatefulSet> ApiObjectManager::GetStatefulSetUncached(const std::string& ns, const std::string& name) {
    ++calls_;
    return FromStore(api_.statefulsets(), ns, name);
}

Fetched<k8s::StatefulSet> ApiObjectManager::GetStatefulSet(const std::string& ns, const std::string& name) {
    return FromStore(api_.statefulsets(), ns, name);
}

Error ApiObjectManager::UpdateStatefulSetStatus(const k8s::StatefulSet& set) {
    ++calls_;
    return Error::FromApi(api_.statefulsets().UpdateStatus(set).error);
}

std::vector<std::shared_ptr<const k8s::ControllerRevision>> ApiObjectManager::ListRevisions(const std::string& ns) {
    return api_.revisions().List(ns);
}

Fetched<k8s::ControllerRevision> ApiObjectManager::CreateRevision(const k8s::ControllerRevision& rev) {
    ++calls_;
    return FromResult(api_.revisions().Create(rev));
}

Fetched<k8s::ControllerRevision> ApiObjectManager::GetRevisionUncached(const std::string& ns,
                                                                     const std::string& name) {
    ++calls_;
    return FromStore(api_.revisions(), ns, name);
}

Fetched<k8s::ControllerRevision> ApiObjectManager::UpdateRevision(const k8s::ControllerRevision& rev) {
    ++calls_;
    return FromResult(api_.revisions().Update(rev));
}

Error ApiObjectManager::DeleteRevision(const k8s::ControllerRevision& rev) {
    ++calls_;
    return Error::FromApi(api_.revisions().Delete(rev.metadata.namespace_, rev.metadata.name).error);
}

Fetched<k8s::ControllerRevision> ApiObjectManager::AdoptRevision(const k8s::ControllerRevision& rev,
                                                               const k8s::OwnerReference& ref) {
    ++calls_;
    return FromResult(PatchOwnerRefs(api_.revisions(), rev.metadata.namespace_, rev.metadata.name,
                                     rev.metadata.uid,
                                     [&](std::vector<k8s::OwnerReference>& refs) { MergeRef(refs, ref); }));
}

}  // namespace sts::controllers::statefulset
