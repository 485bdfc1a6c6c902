// Manifest text (YAML or JSON) to Value, as kubectl reads `-f` files and `-p` patches.
//
// kubectl reads a file with apimachinery's YAMLOrJSONDecoder: a stream starting with '{' is read
// as JSON objects (falling back to YAML when the first object is not JSON); anything else is cut
// into documents at lines starting with "---" and each document goes through sigs.k8s.io/yaml,
// i.e. go-yaml v2 (YAML 1.1: yes/no/on/off are booleans, 0755 is octal) and a JSON round trip
// (integral floats become integers). Documents that come out as null (empty, comments only) are
// skipped. Error texts follow kubectl's, minus the "error: " prefix its error printer adds:
//     error parsing web.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context
// Line numbers count from the start of the failing document, as kubectl's do.
//
// This is the only module that uses yaml-cpp and nlohmann/json. Nothing here throws: parser
// exceptions are caught and returned as error strings. Absurd input is refused quickly: more than
// kMaxInputBytes, nesting deeper than kMaxDepth, more than kMaxNodes values, or alias expansion
// beyond go-yaml's "excessive aliasing" rule.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/value.h"

namespace sts::manifest {

inline constexpr size_t kMaxInputBytes = 8u << 20;  // 8 MiB
inline constexpr int kMaxDepth = 200;
inline constexpr size_t kMaxNodes = 300000;
inline constexpr size_t kMaxAliasExpansion = 100000;  // values produced by expanding *aliases

struct Documents {
    // Every document decoded before the first error, in order (kubectl acts on those before it
    // reports the error).
    std::vector<Value> docs;
    std::string error;  // "" on success
    bool ok() const { return error.empty(); }
};

struct Parsed {
    Value value;
    std::string error;
    bool ok() const { return error.empty(); }
};

// A whole `-f` file. `source_name` is the name kubectl prints ("web.yaml", "STDIN").
Documents ParseYamlDocuments(std::string_view text, std::string_view source_name);

// One YAML (or JSON) document as sigs.k8s.io/yaml.YAMLToJSON reads it: only the first document
// counts. Errors look like "error converting YAML to JSON: yaml: line 1: ...". This is how
// kubectl reads `patch -p` and `--overrides` strings.
Parsed ParseYaml(std::string_view text);

// Strict JSON as Go's encoding/json reads it (integers stay ints, other numbers are floats).
// Errors are Go's: "invalid character '}' looking for beginning of object key string",
// "unexpected end of JSON input".
Parsed ParseJson(std::string_view text);

// What kubectl's resource builder does with decoded documents: a document that is not an object
// fails as "unable to decode \"web.yaml\": json: cannot unmarshal string into Go value of type
// unstructured.detector"; an object with "items" is a list whose items replace it (recursively);
// an object without kind fails as "unable to decode \"web.yaml\": Object 'Kind' is missing in
// '{...}'". Stops at the first error, keeping the objects before it.
Documents ExpandLists(const std::vector<Value>& docs, std::string_view source_name);

}  // namespace sts::manifest
