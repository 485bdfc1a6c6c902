// How Go's fmt prints the decoded JSON kubectl hands to templates (map[string]interface{},
// []interface{}, string, int64, float64, bool, nil), for template output and error messages.
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"

namespace sts::kubectl {

// fmt %v: "map[a:1 b:[x y]]", "<nil>" for null.
std::string GoSprint(const Value& v);
// fmt %#v: map[string]interface {}{"a":1, "b":[]interface {}{"x", "y"}}.
std::string GoSharpV(const Value& v);
// strconv.Quote / %q.
std::string GoQuote(std::string_view s);
// strconv.FormatFloat(f, 'g', -1, 64), what %v prints for a float64.
std::string GoFormatFloatG(double d);

}  // namespace sts::kubectl
