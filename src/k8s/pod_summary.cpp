#include "k8s/pod_summary.h"

#include "k8s/core_v1.h"

namespace sts::k8s {

namespace {

PodPhase ParsePhase(const std::string& phase) {
    if (phase.empty()) return PodPhase::kNone;
    if (phase == "Pending") return PodPhase::kPending;
    if (phase == "Running") return PodPhase::kRunning;
    if (phase == "Succeeded") return PodPhase::kSucceeded;
    if (phase == "Failed") return PodPhase::kFailed;
    return PodPhase::kOther;
}

}  // namespace

PodSummary Summarize(const Pod& pod) {
    PodSummary s;
    s.phase = ParsePhase(pod.status.phase);
    if (const PodCondition* ready = pod.status.FindCondition("Ready")) {
        s.ready = ready->status == "True";
        s.ready_transition = ready->last_transition_time.ms;
    }
    s.terminating = pod.metadata.deletion_timestamp.has_value();
    s.controller = pod.metadata.ControllerRef();
    // apps/v1's ControllerRevisionHashLabelKey, which the StatefulSet controller sets on its pods.
    s.revision = pod.metadata.labels.Find("controller-revision-hash");
    s.pod_name_label = pod.metadata.labels.Find("statefulset.kubernetes.io/pod-name");
    return s;
}

}  // namespace sts::k8s
