// The YAML document decoder shared by documents.cpp (not a public interface).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/value.h"

namespace sts::manifest {

// Work allowed for a whole input (all documents together).
struct DecodeBudget {
    size_t nodes = 0;           // values decoded so far, alias expansions included
    size_t alias_nodes = 0;     // of which produced by expanding aliases
};

struct YamlDocResult {
    Value value;
    std::string error;  // go-yaml's text, e.g. "yaml: line 7: mapping values are not allowed in this context"
    bool ok() const { return error.empty(); }
};

// Decodes the first YAML document of `text` as sigs.k8s.io/yaml.Unmarshal does (go-yaml v2 into
// interface{}, then the JSON round trip). An empty or comment-only text gives null.
YamlDocResult DecodeYamlDocument(std::string_view text, DecodeBudget* budget);

}  // namespace sts::manifest
