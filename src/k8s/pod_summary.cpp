#include "k8s/pod_summary.h"

#include "k8s/core_v1.h"

#include <algorithm>
#include <cstring>

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
    s.revision = pod.metadata.labels.Find(kStatefulSetRevisionLabel);
    if (s.revision) {
        s.revision_size = static_cast<uint32_t>(s.revision->size());
        std::memcpy(s.revision_head.data(), s.revision->data(), std::min(s.revision->size(), s.revision_head.size()));
    }
    const std::string* pod_name = pod.metadata.labels.Find(kStatefulSetPodNameLabel);
    s.pod_name_label_is_name = pod_name && *pod_name == pod.metadata.name;
    const OrdinalName parsed = ParseOrdinalName(pod.metadata.name);
    s.parent_size = static_cast<uint32_t>(parsed.parent.size());
    s.ordinal = parsed.ordinal;
    return s;
}

OrdinalName ParseOrdinalName(std::string_view pod_name) {
    // The greedy group ends at the last '-' followed only by digits.
    const size_t end = pod_name.size();
    size_t first_digit = end;
    while (first_digit > 0 && pod_name[first_digit - 1] >= '0' && pod_name[first_digit - 1] <= '9') --first_digit;
    if (first_digit == end || first_digit == 0 || pod_name[first_digit - 1] != '-') return {};
    const std::string_view parent = pod_name.substr(0, first_digit - 1);
    int64_t value = 0;
    for (char c : pod_name.substr(first_digit)) {
        value = value * 10 + (c - '0');
        if (value > 2147483647) return {parent, -1};
    }
    return {parent, static_cast<int>(value)};
}

}  // namespace sts::k8s
