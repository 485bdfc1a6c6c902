// The namespace controller (pkg/controller/namespace: namespace_controller.go and
// deletion/namespaced_resources_deleter.go).
//
// `kubectl delete namespace x` makes the API server mark the namespace Terminating (it keeps it
// while spec.finalizers lists "kubernetes"). Five seconds later (namespaceDeletionGracePeriod)
// this controller deletes every namespaced object in it with background propagation, reports
// progress in the namespace's deletion conditions (NamespaceContentRemaining "Some resources
// are remaining: pods. has 2 resource instances", ...), rechecks after the estimated time
// (the longest pod grace period, or 15 s while finalizers remain), and once nothing is left
// removes the "kubernetes" finalizer through the finalize subresource, so the namespace goes.
#pragma once

#include <string>

#include "engine/context.h"
#include "engine/workqueue.h"

namespace sts::controllers {

class NamespaceController final : public engine::QueueController {
public:
    explicit NamespaceController(engine::Context& ctx);

    static constexpr Duration kDeletionGracePeriod = Seconds(5);
    static constexpr int64_t kFinalizerEstimateSeconds = 15;

protected:
    bool Sync(const std::string& key, Duration* cost) override;

private:
    engine::Context& ctx_;
};

}  // namespace sts::controllers
