// ControllerRevisions of a StatefulSet: the revision's data (the pod template as a replace
// patch), its hash and name (FNV-1 32 of the data and collisionCount, encoded with the
// {4-9,b,c,d,f} digit alphabet), ordering and equality, applying a revision back onto a set,
// and the history client (list, create with collision handling, re-number, delete, adopt).
// Mirrors kubernetes pkg/controller/history/controller_history.go and the revision helpers of
// pkg/controller/statefulset/stateful_set_utils.go.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "controllers/statefulset/object_manager.h"
#include "core/value.h"
#include "k8s/apps_v1.h"
#include "k8s/labels.h"

namespace sts::controllers::statefulset {

inline constexpr std::string_view kControllerRevisionHashLabel = "controller.kubernetes.io/hash";

using RevisionPtr = std::shared_ptr<const k8s::ControllerRevision>;

// {"spec":{"template":{<template>,"$patch":"replace"}}}: only the pod template is recorded.
Value GetPatch(const k8s::StatefulSet& set);
// rand.SafeEncodeString: each character c becomes "bcdfghjklmnpqrstvwxz2456789"[c % 27].
std::string SafeEncodeString(std::string_view s);
// SafeEncode(decimal(FNV-1 32(canonical JSON of data ++ decimal(probe)))).
std::string HashControllerRevision(const Value& data, std::optional<int32_t> probe);
// "<prefix>-<hash>", the prefix cut to 223 bytes so the name fits 253.
std::string ControllerRevisionName(std::string prefix, const std::string& hash);
// A revision of set numbered `revision`: template labels plus the hash label, set's
// annotations, a controller ref to set, named from the hash with collision_count.
k8s::ControllerRevision NewRevision(const k8s::StatefulSet& set, int64_t revision, int32_t collision_count);
// The same with the data and hash already worked out: GetPatch(set) and
// HashControllerRevision(data, collision_count).
k8s::ControllerRevision NewRevision(const k8s::StatefulSet& set, int64_t revision, Value data, const std::string& hash);
// The pod template a revision records; false (and err) when the data is unusable.
bool DecodeRevisionTemplate(const k8s::ControllerRevision& revision, k8s::PodTemplateSpec* out, Error* err);
// set with its template replaced by the revision's; false (and err) when the data is unusable.
bool ApplyRevision(const k8s::StatefulSet& set, const k8s::ControllerRevision& revision, k8s::StatefulSet* out,
                   Error* err);
// 1 for an empty history, else the last (highest) revision + 1. Expects sorted revisions.
int64_t NextRevision(const std::vector<RevisionPtr>& sorted);
// Stable sort by revision, ties by creation time then name.
void SortControllerRevisions(std::vector<RevisionPtr>& revisions);
// Same data (the hash labels are compared first when both parse as int32, as upstream does).
bool EqualRevision(const k8s::ControllerRevision* lhs, const k8s::ControllerRevision* rhs);
std::vector<RevisionPtr> FindEqualRevisions(const std::vector<RevisionPtr>& revisions,
                                            const k8s::ControllerRevision& needle);

// The history client (history.Interface) over an ObjectManager.
class History {
public:
    explicit History(ObjectManager& om) : om_(&om) {}
    void SetObjectManager(ObjectManager& om) { om_ = &om; }

    // Revisions in set's namespace matching selector, owned by set or by no controller.
    std::vector<RevisionPtr> ListControllerRevisions(const k8s::StatefulSet& set, const k8s::Selector& selector);
    // Creates revision; on a name clash with different data bumps *collision_count and retries
    // with the new name; a clash with equal data returns the existing revision.
    Fetched<k8s::ControllerRevision> CreateControllerRevision(const k8s::StatefulSet& set,
                                                              const k8s::ControllerRevision& revision,
                                                              int32_t* collision_count);
    // Re-numbers revision (a rollback keeps its name and gets the next number).
    Fetched<k8s::ControllerRevision> UpdateControllerRevision(const k8s::ControllerRevision& revision,
                                                              int64_t new_revision);
    Error DeleteControllerRevision(const k8s::ControllerRevision& revision);
    // Adds set as controller of an orphaned revision; an owned revision is an error.
    Fetched<k8s::ControllerRevision> AdoptControllerRevision(const k8s::StatefulSet& set,
                                                             const k8s::ControllerRevision& revision);

private:
    ObjectManager* om_;
};

}  // namespace sts::controllers::statefulset
