// kubectl's JSONPath dialect (k8s.io/client-go/util/jsonpath): text with {actions}; fields
// .a.b, recursive descent .., wildcards, [i] [a:b] [a,b] ['key'], filters [?(@.x=="y")],
// {range ...}{end}, string literals {"\n"}. Missing keys give empty results (kubectl's
// allowMissingKeys). Maps and lists print as JSON, scalars as Go prints them.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/value.h"

namespace sts::kubectl {

class JsonPath {
public:
    JsonPath();
    ~JsonPath();
    JsonPath(JsonPath&&) noexcept;
    JsonPath& operator=(JsonPath&&) noexcept;

    // Parses a template; on failure returns false and sets `error` ("unclosed action",
    // "unterminated array", "unrecognized character in action: U+003D '='").
    bool Parse(const std::string& text, std::string* error);
    // Evaluates against `data`; false with `error` on an evaluation error.
    bool Execute(const Value& data, std::string* out, std::string* error) const;
    // The raw result lists (custom-columns joins them itself).
    bool FindResults(const Value& data, std::vector<std::vector<Value>>* results, std::string* error) const;

    struct Node;

private:
    std::shared_ptr<Node> root_;
};

// "name1.name2", ".a.b", "{.a.b}" -> "{.a.b}" (kubectl's RelaxedJSONPathExpression).
bool RelaxedJsonPath(const std::string& expr, std::string* out, std::string* error);

// How kubectl's jsonpath printer prints one result value.
std::string JsonPathText(const Value& v);

}  // namespace sts::kubectl
