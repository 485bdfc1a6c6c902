// The resources this API server serves, as discovery lists them (names, short names, scope).
#pragma once

#include <string_view>
#include <vector>

#include "client/cluster.h"

namespace sts::apiserver {

// Every served resource, in a fixed order.
const std::vector<client::ResourceInfo>& ServedResources();
// Finds a resource by kind ("StatefulSet"), or nullptr.
const client::ResourceInfo* ResourceForKind(std::string_view kind);
// Resolves what a user may type: plural, singular, short name, kind (any case),
// optionally qualified by group ("statefulsets.apps", "sts"). Returns nullptr when unknown.
const client::ResourceInfo* ResolveResource(std::string_view name);

}  // namespace sts::apiserver
