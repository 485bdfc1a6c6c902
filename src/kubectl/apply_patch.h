// Client-side `kubectl apply`: the last-applied-configuration annotation and the three-way
// strategic merge patch between the last applied configuration, the new configuration and the
// live object (apimachinery strategicpatch.CreateThreeWayMergePatch, with the merge keys of the
// core API's list fields).
#pragma once

#include <string>

#include "core/value.h"

namespace sts::kubectl {

inline constexpr const char* kLastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

// The configuration as kubectl stores it in the annotation: the object with its annotations
// map present (minus the annotation itself), encoded as compact JSON plus a newline.
std::string LastAppliedJson(const Value& config);
// `config` with the annotation set to LastAppliedJson(config).
Value WithLastApplied(const Value& config);

// The patch that turns `current` into `modified`, deleting what `original` had and `modified`
// dropped. An empty object means "unchanged".
Value ThreeWayMergePatch(const Value& original, const Value& modified, const Value& current);

}  // namespace sts::kubectl
