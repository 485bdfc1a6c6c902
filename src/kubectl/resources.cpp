// RESTMapper lookups over discovery, the resource builder's argument forms, and label selectors.
#include "kubectl/resources.h"

#include <algorithm>

#include "core/strings.h"

namespace sts::kubectl {

namespace {

bool Matches(const client::ResourceInfo& r, const std::string& name) {
    if (ToLower(r.resource) == name || ToLower(r.singular) == name || ToLower(r.kind) == name) return true;
    for (const auto& s : r.short_names) {
        if (ToLower(s) == name) return true;
    }
    return false;
}

}  // namespace

const client::ResourceInfo* Mapper::Find(std::string_view type) const {
    std::string t = ToLower(type);
    if (t.empty()) return nullptr;
    // Plain names first ("pods", "sts"), preferring the core group like kubectl's mapper.
    const client::ResourceInfo* best = nullptr;
    for (const auto& r : resources_) {
        if (r.resource.find('/') != std::string::npos) continue;
        if (Matches(r, t)) {
            if (!best || (r.group.empty() && !best->group.empty())) best = &r;
        }
    }
    if (best) return best;
    // "resource.group" or "resource.version.group".
    size_t dot = t.find('.');
    if (dot == std::string::npos) return nullptr;
    std::string name = t.substr(0, dot);
    std::string rest = t.substr(dot + 1);
    for (const auto& r : resources_) {
        if (r.resource.find('/') != std::string::npos) continue;
        bool name_ok = ToLower(r.resource) == name || ToLower(r.singular) == name || ToLower(r.kind) == name;
        if (!name_ok) continue;
        std::string group = ToLower(r.group);
        std::string version = ToLower(r.version);
        if (rest == group || rest == version + "." + group || (group.empty() && rest == version + ".")) return &r;
        if (group.empty() && rest == version) return &r;
    }
    return nullptr;
}

const client::ResourceInfo* Mapper::ForKind(std::string_view api_version, std::string_view kind) const {
    for (const auto& r : resources_) {
        if (r.resource.find('/') != std::string::npos) continue;
        if (r.kind == kind && r.ApiVersion() == api_version) return &r;
    }
    return nullptr;
}

bool Mapper::Expand(std::string_view type, std::vector<const client::ResourceInfo*>* out) const {
    if (ToLower(type) == "all") {
        static const char* kAll[] = {"pods", "replicationcontrollers", "services", "daemonsets.apps",
                                     "deployments.apps", "replicasets.apps", "statefulsets.apps",
                                     "horizontalpodautoscalers.autoscaling", "cronjobs.batch", "jobs.batch"};
        for (const char* name : kAll) {
            std::string n(name);
            std::string res = n.substr(0, n.find('.'));
            std::string group = n.find('.') == std::string::npos ? "" : n.substr(n.find('.') + 1);
            for (const auto& r : resources_) {
                if (r.resource == res && r.group == group) {
                    out->push_back(&r);
                    break;
                }
            }
        }
        return true;
    }
    const client::ResourceInfo* r = Find(type);
    if (!r) return false;
    out->push_back(r);
    return true;
}

std::string GroupOf(const std::string& api_version) {
    size_t slash = api_version.find('/');
    return slash == std::string::npos ? "" : api_version.substr(0, slash);
}

std::string ObjectRef(const client::ResourceInfo& res, const std::string& name) {
    return ToLower(res.group.empty() ? res.kind : res.kind + "." + res.group) + "/" + name;
}

bool ResolveArgs(const Mapper& mapper, const std::vector<std::string>& args, std::vector<ResourceTarget>* out,
                 std::string* error) {
    bool any_slash = false, any_plain = false;
    for (const auto& a : args) {
        if (a.find('/') != std::string::npos) any_slash = true;
        else any_plain = true;
    }
    auto unknown = [&](const std::string& t) {
        *error = "the server doesn't have a resource type \"" + t + "\"";
        return false;
    };
    if (any_slash) {
        if (any_plain) {
            *error = "there is no need to specify a resource type as a separate argument when passing arguments in "
                     "resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get "
                     "resource resource/<resource_name>'";
            return false;
        }
        for (const auto& a : args) {
            size_t slash = a.find('/');
            std::string type = a.substr(0, slash);
            std::string name = a.substr(slash + 1);
            if (type.empty() || name.empty() || name.find('/') != std::string::npos) {
                *error = "arguments in resource/name form must have a single resource and name";
                return false;
            }
            const client::ResourceInfo* r = mapper.Find(type);
            if (!r) return unknown(type);
            out->push_back({r, name});
        }
        return true;
    }
    if (args.empty()) return true;
    std::vector<const client::ResourceInfo*> types;
    for (const auto& t : Split(args[0], ',')) {
        if (t.empty()) continue;
        if (!mapper.Expand(t, &types)) return unknown(t);
    }
    if (args.size() == 1) {
        for (const auto* r : types) out->push_back({r, ""});
        return true;
    }
    for (const auto* r : types) {
        for (size_t i = 1; i < args.size(); ++i) out->push_back({r, args[i]});
    }
    return true;
}

// [SECTION] label selectors

bool LabelSelector::Parse(const std::string& text, std::string* error) {
    reqs_.clear();
    std::string s = text;
    size_t i = 0;
    auto skip = [&]() {
        while (i < s.size() && s[i] == ' ') ++i;
    };
    auto ident = [&]() {
        size_t b = i;
        while (i < s.size() && s[i] != ',' && s[i] != '=' && s[i] != '!' && s[i] != ' ' && s[i] != '(' &&
               s[i] != ')') {
            ++i;
        }
        return s.substr(b, i - b);
    };
    while (true) {
        skip();
        if (i >= s.size()) break;
        Req r;
        if (s[i] == '!') {
            ++i;
            skip();
            r.key = ident();
            r.op = "!";
        } else {
            r.key = ident();
            skip();
            if (i >= s.size() || s[i] == ',') {
                r.op = "exists";
            } else if (s.compare(i, 2, "==") == 0) {
                i += 2;
                r.op = "=";
            } else if (s.compare(i, 2, "!=") == 0) {
                i += 2;
                r.op = "!=";
            } else if (s[i] == '=') {
                ++i;
                r.op = "=";
            } else if (s.compare(i, 5, "notin") == 0 || s.compare(i, 2, "in") == 0) {
                bool notin = s.compare(i, 5, "notin") == 0;
                i += notin ? 5 : 2;
                skip();
                if (i >= s.size() || s[i] != '(') {
                    *error = "unable to parse requirement: found '" + s.substr(i, 1) + "', expected: '('";
                    return false;
                }
                ++i;
                size_t close = s.find(')', i);
                if (close == std::string::npos) {
                    *error = "unable to parse requirement: found '', expected: ')'";
                    return false;
                }
                for (auto& v : Split(s.substr(i, close - i), ',')) r.values.push_back(Trim(v));
                i = close + 1;
                r.op = notin ? "notin" : "in";
            } else {
                *error = "unable to parse requirement: found '" + s.substr(i, 1) + "', expected: in, notin, =, ==, !=, gt, lt";
                return false;
            }
            if (r.op == "=" || r.op == "!=") {
                skip();
                r.values.push_back(ident());
            }
        }
        if (r.key.empty()) {
            *error = "unable to parse requirement: key must not be empty";
            return false;
        }
        reqs_.push_back(r);
        skip();
        if (i < s.size()) {
            if (s[i] != ',') {
                *error = "unable to parse requirement: found '" + s.substr(i, 1) + "', expected: ','";
                return false;
            }
            ++i;
        }
    }
    return true;
}

bool LabelSelector::Matches(const Value& labels) const {
    for (const auto& r : reqs_) {
        const Value* v = labels.Find(r.key);
        if (r.op == "exists") {
            if (!v) return false;
        } else if (r.op == "!") {
            if (v) return false;
        } else if (r.op == "=") {
            if (!v || v->AsString() != r.values[0]) return false;
        } else if (r.op == "!=") {
            if (v && v->AsString() == r.values[0]) return false;
        } else if (r.op == "in") {
            if (!v || std::find(r.values.begin(), r.values.end(), v->AsString()) == r.values.end()) return false;
        } else if (r.op == "notin") {
            if (v && std::find(r.values.begin(), r.values.end(), v->AsString()) != r.values.end()) return false;
        }
    }
    return true;
}

std::string SelectorString(const Value& ls) {
    std::vector<std::string> parts;
    for (const auto& [k, v] : ls.Get("matchLabels").members()) parts.push_back(k + "=" + v.AsString());
    for (const auto& e : ls.Get("matchExpressions").items()) {
        std::string op = e.GetString("operator");
        std::vector<std::string> vals;
        for (const auto& v : e.Get("values").items()) vals.push_back(v.AsString());
        std::sort(vals.begin(), vals.end());
        std::string key = e.GetString("key");
        if (op == "In") parts.push_back(key + " in (" + Join(vals, ",") + ")");
        else if (op == "NotIn") parts.push_back(key + " notin (" + Join(vals, ",") + ")");
        else if (op == "Exists") parts.push_back(key);
        else if (op == "DoesNotExist") parts.push_back("!" + key);
    }
    std::sort(parts.begin(), parts.end(), [](const std::string& a, const std::string& b) {
        auto key = [](const std::string& s) {
            std::string k = s[0] == '!' ? s.substr(1) : s;
            return k.substr(0, k.find_first_of("=! "));
        };
        return key(a) < key(b);
    });
    return Join(parts, ",");
}

}  // namespace sts::kubectl
