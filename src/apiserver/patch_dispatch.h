// Applies a patch of any supported type to an object's JSON, as the API server's patch handler
// does before the result goes through the normal update path.
#pragma once

#include <string>

#include "client/cluster.h"
#include "core/value.h"

namespace sts::apiserver {

// `kind` selects the strategic-merge schema ("StatefulSet", "Pod", "Scale", ...).
client::ApiResult<Value> ApplyPatch(const std::string& kind, const Value& doc, client::PatchType type,
                                    const Value& patch);

}  // namespace sts::apiserver
