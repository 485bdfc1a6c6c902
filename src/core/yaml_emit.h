// YAML output exactly as `kubectl -o yaml` prints it.
//
// kubectl's printer is sigs.k8s.io/yaml: the object goes to JSON, go-yaml v2 reads that JSON back
// (so integral floats become ints) and marshals it with its default emitter settings: 2-space
// indent, sequences inside mappings not indented, keys in go-yaml's natural order, strings quoted
// only when go-yaml would read them back as another type (double quotes) or when the plain style
// is unsafe (single quotes, or double quotes with escapes), multi-line strings as literal blocks,
// long plain and quoted strings folded at column 80, Unicode printed raw.
// Mirrors gopkg.in/yaml.v2 encode.go, emitterc.go, sorter.go and sigs.k8s.io/yaml JSONToYAML.
// Pure C++: used by the engine's printers natively and in the browser.
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"

namespace sts {

// The document, ending in a newline ("{}\n" for an empty object).
std::string EmitYaml(const Value& v);

// go-yaml v2's key order: digit runs compare as numbers, letters sort after other characters
// ("a9" < "a10", "a_b" < "aB").
bool YamlKeyLess(std::string_view a, std::string_view b);

}  // namespace sts
