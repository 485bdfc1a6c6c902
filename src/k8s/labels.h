// Label selectors: the string form users type (`-l app=nginx,tier in (web)`), matching, and
// the conversions between the typed LabelSelector and strings (k8s.io/apimachinery/pkg/labels).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "k8s/meta.h"

namespace sts::k8s {

struct Requirement {
    enum class Op { kEquals, kNotEquals, kIn, kNotIn, kExists, kDoesNotExist };
    std::string key;
    Op op = Op::kEquals;
    std::vector<std::string> values;
};

// A parsed selector; an empty one selects everything.
struct Selector {
    std::vector<Requirement> requirements;
    bool Matches(const StringMap& labels) const;
    bool Empty() const { return requirements.empty(); }
    // Canonical string, as labels.Selector.String() prints it.
    std::string String() const;
};

// Parses "a=b,c!=d,e in (f,g),!h"; on failure returns false and sets `error` to the API's
// wording ("unable to parse requirement: ...").
bool ParseSelector(std::string_view text, Selector* out, std::string* error);

// LabelSelector (matchLabels + matchExpressions) to a Selector; false with an error message
// when an expression is invalid.
bool SelectorFromLabelSelector(const LabelSelector& ls, Selector* out, std::string* error);

// Validates a label key / value as the API server does; returns the error details (empty when valid).
std::vector<std::string> ValidateLabelKey(std::string_view key);
std::vector<std::string> ValidateLabelValue(std::string_view value);

}  // namespace sts::k8s
