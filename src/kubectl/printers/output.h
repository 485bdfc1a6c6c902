// The -o printers of cli-runtime: yaml, json, name, jsonpath, go-template / --template,
// custom-columns, and the human table formats (default, wide) which get.cpp drives itself.
#pragma once

#include <memory>
#include <string>

#include "core/value.h"
#include "kubectl/printers/gotemplate.h"
#include "kubectl/printers/jsonpath.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

class ResourcePrinter {
public:
    enum class Kind { kHuman, kWide, kYaml, kJson, kName, kJsonPath, kGoTemplate, kCustomColumns };

    // -o / --output value, --template value. `allowed` lists the formats for the "unable to
    // match a printer" error of the calling command. Returns null after setting `error`.
    static std::unique_ptr<ResourcePrinter> Make(const std::string& output, const std::string& template_text,
                                                 bool no_headers, const std::string& allowed, std::string* error);

    Kind kind() const { return kind_; }
    bool human() const { return kind_ == Kind::kHuman || kind_ == Kind::kWide; }

    // Prints an object or a List. On failure `error` is kubectl's message without "error: ";
    // `out` may hold output written before the failure (go-template prints its debug block).
    bool Print(const Value& object, std::string* out, std::string* error);

    // The list kubectl wraps several objects in for -o yaml/json/jsonpath/...
    static Value ListOf(const std::vector<Value>& items);

private:
    Kind kind_ = Kind::kHuman;
    std::string arg_;  // template or columns spec
    bool no_headers_ = false;
    int printed_ = 0;
    JsonPath jsonpath_;
    GoTemplate template_;
    std::vector<std::pair<std::string, JsonPath>> columns_;
    bool printed_header_ = false;
    TabWriter writer_;
};

// JSON of an object kubectl built itself (run, create namespace): Go encodes typed structs in
// field order, not sorted like the unstructured objects a server returns.
std::string TypedPrettyJson(const Value& object);

// "statefulset.apps/web" for an object (its apiVersion and kind).
std::string NameOf(const Value& object);

// kubectl's allowed-format lists.
extern const char* const kGetFormats;
extern const char* const kObjectFormats;

}  // namespace sts::kubectl
