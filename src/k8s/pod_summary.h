// What controllers ask of every pod at every sync (its phase, its Ready condition, its
// controller, its revision label), worked out once per stored snapshot.
//
// A StatefulSet sync and an endpoints sync each walk every pod of a namespace, as upstream's
// do, and a 10,000-pod set is walked hundreds of times while it comes up. Reading these facts
// from the Pod itself means a label scan, a condition scan and string compares over objects
// spread across the heap; the summary keeps them in a few bytes inside the Pod.
//
// Only a frozen Pod keeps its summary: the API server's store freezes each object as it
// becomes an immutable snapshot. A copy or a move starts unfrozen and empty, so a Pod being
// built or edited is always summarised afresh and never answers with stale facts.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/time.h"

namespace sts::k8s {

struct OwnerReference;
struct Pod;

// Well-known label keys (k8s.io/api/apps/v1) the StatefulSet controller puts on its pods.
inline constexpr std::string_view kStatefulSetPodNameLabel = "statefulset.kubernetes.io/pod-name";
inline constexpr std::string_view kStatefulSetRevisionLabel = "controller-revision-hash";  // ControllerRevisionHashLabelKey

enum class PodPhase : uint8_t { kNone, kPending, kRunning, kSucceeded, kFailed, kOther };

// A revision name prepared for comparing with the labels of many pods: its length and first
// bytes, zero-padded as PodSummary keeps them, so a comparison is a fixed-size compare of the
// heads (a few word compares) and rarely reads either string.
struct RevisionName {
    explicit RevisionName(std::string_view n) : name(n), size(static_cast<uint32_t>(n.size())) {
        std::memcpy(head.data(), n.data(), std::min(n.size(), head.size()));
    }
    std::string_view name;
    uint32_t size;
    std::array<char, 24> head{};
};

struct PodSummary {
    PodPhase phase = PodPhase::kNone;
    bool ready = false;                // the Ready condition is True
    bool terminating = false;          // deletionTimestamp is set
    Time ready_transition = kNoTime;   // the Ready condition's lastTransitionTime
    const OwnerReference* controller = nullptr;  // the owner reference with controller: true
    const std::string* revision = nullptr;       // the controller-revision-hash label
    // The label's length and first bytes: revision names ("<set>-<hash>") usually fit, so a
    // comparison with one rarely reads the label itself, which lives elsewhere on the heap.
    uint32_t revision_size = 0;
    std::array<char, 24> revision_head{};
    bool pod_name_label_is_name = false;         // the statefulset.kubernetes.io/pod-name label is the name
    // The name read as a StatefulSet pod's, "<parent>-<ordinal>" (see ParseOrdinalName).
    uint32_t parent_size = 0;
    int32_t ordinal = -1;

    // Whether the revision label is `name` (a missing label reads as "").
    bool RevisionIs(const RevisionName& name) const {
        if (revision_size != name.size) return false;
        if (std::memcmp(revision_head.data(), name.head.data(), revision_head.size()) != 0) return false;
        return name.size <= revision_head.size() || *revision == name.name;
    }
    bool RevisionIs(std::string_view name) const { return RevisionIs(RevisionName(name)); }
};

PodSummary Summarize(const Pod& pod);

// `(.*)-([0-9]+)$`, the StatefulSet controller's reading of a pod name, without allocating:
// the parent as a view into the name and the ordinal (-1 when the name does not parse or the
// number overflows int32, as strconv.ParseInt(.., 32)).
struct OrdinalName {
    std::string_view parent;
    int ordinal = -1;
};
OrdinalName ParseOrdinalName(std::string_view pod_name);

class PodSummaryMemo {
public:
    PodSummaryMemo() = default;
    PodSummaryMemo(const PodSummaryMemo&) {}
    PodSummaryMemo(PodSummaryMemo&&) noexcept {}
    PodSummaryMemo& operator=(const PodSummaryMemo&) {
        Reset();
        return *this;
    }
    PodSummaryMemo& operator=(PodSummaryMemo&&) noexcept {
        Reset();
        return *this;
    }
    // Derived data: two Pods that are equal as objects are equal whatever their memos hold.
    bool operator==(const PodSummaryMemo&) const { return true; }

    // Called by the store on the object it is about to share as a const snapshot.
    void Freeze() { frozen_ = true; }

    // The summary of `pod`, the Pod this memo belongs to.
    PodSummary Get(const Pod& pod) const {
        if (!frozen_) return Summarize(pod);
        if (!filled_) {
            summary_ = Summarize(pod);
            filled_ = true;
        }
        return summary_;
    }

private:
    void Reset() {
        frozen_ = false;
        filled_ = false;
    }
    bool frozen_ = false;
    mutable bool filled_ = false;
    mutable PodSummary summary_;
};

}  // namespace sts::k8s
