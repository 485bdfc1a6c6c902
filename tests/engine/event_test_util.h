// What tests that record Events directly share: the reference an Event about a pod of the
// default namespace carries.
#pragma once

#include <string>

#include "k8s/core_v1.h"

namespace sts::engine {

inline k8s::ObjectReference PodReference(const std::string& pod) {
    k8s::ObjectReference ref;
    ref.kind = "Pod";
    ref.namespace_ = "default";
    ref.name = pod;
    ref.uid = "uid-" + pod;
    ref.api_version = "v1";
    return ref;
}

}  // namespace sts::engine
