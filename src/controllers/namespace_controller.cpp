// The namespace controller (pkg/controller/namespace/namespace_controller.go,
// deletion/namespaced_resources_deleter.go, deletion/status_condition_utils.go). See the header.
#include "controllers/namespace_controller.h"

#include <algorithm>
#include <map>
#include <vector>

#include "core/strings.h"

namespace sts::controllers {

namespace {

constexpr Duration kApiCall = Millis(2);
constexpr const char* kKubernetesFinalizer = "kubernetes";

struct Condition {
    std::string type, status, reason, message;
};

// The five deletion conditions in the order the controller maintains them, with their
// "nothing wrong" variants.
const std::vector<Condition>& OkConditions() {
    static const std::vector<Condition> kOk = {
        {"NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered"},
        {"NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions",
         "All legacy kube types successfully parsed"},
        {"NamespaceDeletionContentFailure", "False", "ContentDeleted",
         "All content successfully deleted, may be waiting on finalization"},
        {"NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed"},
        {"NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished"},
    };
    return kOk;
}

// updateConditions: every condition type present; lastTransitionTime moves only with status.
bool UpdateConditions(Value& conditions, const std::vector<Condition>& failing, Time now) {
    bool changed = false;
    if (!conditions.IsArray()) {
        conditions = Value::MakeArray();
        changed = true;
    }
    for (const auto& ok : OkConditions()) {
        Condition want = ok;
        for (const auto& f : failing)
            if (f.type == ok.type) want = f;
        Value* existing = nullptr;
        for (auto& c : conditions.MutableItems())
            if (c.GetString("type") == want.type) existing = &c;
        if (!existing) {
            conditions.Push(Value::MakeObject({{"type", want.type},
                                               {"status", want.status},
                                               {"lastTransitionTime", FormatRfc3339(now)},
                                               {"reason", want.reason},
                                               {"message", want.message}}));
            changed = true;
            continue;
        }
        if (existing->GetString("status") == want.status && existing->GetString("reason") == want.reason &&
            existing->GetString("message") == want.message)
            continue;
        if (existing->GetString("status") != want.status) existing->Set("lastTransitionTime", FormatRfc3339(now));
        existing->Set("status", want.status);
        existing->Set("reason", want.reason);
        existing->Set("message", want.message);
        changed = true;
    }
    return changed;
}

}  // namespace

NamespaceController::NamespaceController(engine::Context& ctx)
    : QueueController(ctx.scheduler, "namespace-controller"), ctx_(ctx) {
    ctx_.api.namespaces().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Namespace>&,
                                            const apiserver::Ptr<k8s::Namespace>& new_obj) {
        if (type == apiserver::WatchType::kDeleted || !new_obj->metadata.deletion_timestamp) return;
        // Give admission caches and clients a moment before emptying the namespace.
        EnqueueAfter(new_obj->metadata.name, kDeletionGracePeriod);
    });
}

bool NamespaceController::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    auto& api = ctx_.api;
    auto ns = api.namespaces().Get("", key);
    if (!ns || !ns->metadata.deletion_timestamp) return true;
    if (std::find(ns->spec.finalizers.begin(), ns->spec.finalizers.end(), kKubernetesFinalizer) ==
        ns->spec.finalizers.end())
        return true;
    if (ns->status.phase != "Terminating") {
        k8s::Namespace updated = *ns;
        updated.status.phase = "Terminating";
        auto r = api.namespaces().UpdateStatus(std::move(updated));
        if (!r.ok()) return false;
        ns = r.value;
        *cost += kApiCall;
    }

    // deleteAllContent: every namespaced resource, background propagation.
    std::map<std::string, int> remaining_by_resource;  // "pods." -> n
    std::map<std::string, int> remaining_by_finalizer;
    int64_t estimate = 0;
    std::vector<std::string> delete_errors;
    client::DeleteOptions opts;
    opts.propagation_policy = "Background";
    for (apiserver::KindStore* store : api.AllStores()) {
        const client::ResourceInfo& info = store->info();
        if (!info.namespaced) continue;
        std::vector<std::string> names;
        store->ForEachMeta([&](const k8s::ObjectMeta& meta) {
            if (meta.namespace_ == key && !meta.deletion_timestamp) names.push_back(meta.name);
        });
        for (const auto& name : names) {
            auto r = store->DeleteNamed(key, name, opts);
            *cost += kApiCall;
            if (!r.ok() && r.error.code != 404) delete_errors.push_back(r.error.message);
        }
        int remaining = 0;
        std::map<std::string, int> finalizers;
        int64_t kind_estimate = 0;
        store->ForEachMeta([&](const k8s::ObjectMeta& meta) {
            if (meta.namespace_ != key) return;
            ++remaining;
            for (const auto& f : meta.finalizers) ++finalizers[f];
        });
        if (remaining == 0) continue;
        if (info.kind == "Pod") {
            // estimateGracefulTerminationForPods: the longest grace period still running.
            api.pods().ForEach(key, [&](const apiserver::Ptr<k8s::Pod>& pod) {
                if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") return;
                int64_t grace = pod->spec->termination_grace_period_seconds.value_or(30);
                if (pod->metadata.deletion_grace_period_seconds) grace = *pod->metadata.deletion_grace_period_seconds;
                kind_estimate = std::max(kind_estimate, grace);
            });
        }
        if (kind_estimate == 0) kind_estimate = kFinalizerEstimateSeconds;
        estimate = std::max(estimate, kind_estimate);
        remaining_by_resource[info.resource + "." + info.group] += remaining;
        for (const auto& [f, n] : finalizers) remaining_by_finalizer[f] += n;
    }

    std::vector<Condition> failing;
    if (!delete_errors.empty()) {
        std::sort(delete_errors.begin(), delete_errors.end());
        failing.push_back({"NamespaceDeletionContentFailure", "True", "ContentDeletionFailed",
                           "Failed to delete all resource types, " + std::to_string(delete_errors.size()) +
                               " remaining: " + Join(delete_errors, ", ")});
    }
    if (!remaining_by_resource.empty()) {
        std::vector<std::string> parts;
        for (const auto& [res, n] : remaining_by_resource)
            parts.push_back(res + " has " + std::to_string(n) + " resource instances");
        std::sort(parts.begin(), parts.end());
        failing.push_back({"NamespaceContentRemaining", "True", "SomeResourcesRemain",
                           "Some resources are remaining: " + Join(parts, ", ")});
    }
    if (!remaining_by_finalizer.empty()) {
        std::vector<std::string> parts;
        for (const auto& [f, n] : remaining_by_finalizer)
            parts.push_back(f + " in " + std::to_string(n) + " resource instances");
        std::sort(parts.begin(), parts.end());
        failing.push_back({"NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
                           "Some content in the namespace has finalizers remaining: " + Join(parts, ", ")});
    }
    k8s::Namespace with_conditions = *ns;
    if (UpdateConditions(with_conditions.status.conditions, failing, ctx_.Now())) {
        auto r = api.namespaces().UpdateStatus(std::move(with_conditions));
        if (r.ok()) ns = r.value;
        *cost += kApiCall;
    }
    if (!delete_errors.empty()) return false;
    if (!remaining_by_resource.empty()) {
        EnqueueAfter(key, Seconds(estimate));
        return true;
    }

    // Everything is gone: the finalize subresource drops our finalizer, and with it the namespace.
    k8s::Namespace finalized = *ns;
    auto& fins = finalized.spec.finalizers;
    fins.erase(std::remove(fins.begin(), fins.end(), kKubernetesFinalizer), fins.end());
    *cost += kApiCall;
    return api.namespaces().InternalUpdate(std::move(finalized)).ok();
}

}  // namespace sts::controllers
