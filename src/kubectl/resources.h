// Resource names as kubectl's RESTMapper and resource builder read them: "pods", "pod", "po",
// "Pod", "statefulsets.apps", "sts", "deployments.v1.apps", the "all" category, TYPE NAME...,
// TYPE/NAME..., TYPE1,TYPE2; plus label selectors for client-side filtering of watch events.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "client/cluster.h"
#include "core/value.h"

namespace sts::kubectl {

class Mapper {
public:
    explicit Mapper(const std::vector<client::ResourceInfo>& resources) : resources_(resources) {}
    const client::ResourceInfo* Find(std::string_view type) const;
    const client::ResourceInfo* ForKind(std::string_view api_version, std::string_view kind) const;
    // "all" expands to kubectl's category members the server has; other names to themselves.
    bool Expand(std::string_view type, std::vector<const client::ResourceInfo*>* out) const;
    const std::vector<client::ResourceInfo>& resources() const { return resources_; }

private:
    const std::vector<client::ResourceInfo>& resources_;
};

struct ResourceTarget {
    const client::ResourceInfo* res = nullptr;
    std::string name;  // empty: every object (a list)
};

// Builder.ResourceTypeOrNameArgs. Errors are kubectl's texts without "error: ".
bool ResolveArgs(const Mapper& mapper, const std::vector<std::string>& args, std::vector<ResourceTarget>* out,
                 std::string* error);

// "pod/web-0", "statefulset.apps/web".
std::string ObjectRef(const client::ResourceInfo& res, const std::string& name);
// The group of an apiVersion: "apps/v1" -> "apps", "v1" -> "".
std::string GroupOf(const std::string& api_version);

// A label selector for client-side matching ("a=b,c!=d,e in (x,y),!f,g").
class LabelSelector {
public:
    bool Parse(const std::string& text, std::string* error);
    bool Matches(const Value& labels) const;
    bool Empty() const { return reqs_.empty(); }

private:
    struct Req {
        std::string key;
        std::string op;  // "=", "!=", "in", "notin", "exists", "!"
        std::vector<std::string> values;
    };
    std::vector<Req> reqs_;
};

// metav1.LabelSelector (matchLabels + matchExpressions) as the string kubectl sends.
std::string SelectorString(const Value& label_selector);

}  // namespace sts::kubectl
