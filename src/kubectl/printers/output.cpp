// cli-runtime/pkg/printers: json.go, yaml.go, name.go, jsonpath.go, template.go and kubectl's
// customcolumn.go, with their error texts.
#include "kubectl/printers/output.h"

#include <algorithm>
#include <map>

#include "core/strings.h"
#include "core/yaml_emit.h"
#include "kubectl/printers/gofmt.h"
#include "kubectl/printers/table.h"

namespace sts::kubectl {

const char* const kGetFormats =
    "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,"
    "name,template,templatefile,wide,yaml";
const char* const kObjectFormats =
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml";

std::string NameOf(const Value& object) {
    std::string api = object.GetString("apiVersion");
    std::string group = api.find('/') == std::string::npos ? "" : api.substr(0, api.find('/'));
    return KindPrefix(object.GetString("kind"), group) + "/" + object.Path("metadata.name").AsString();
}

namespace {

// Go struct field order of the types kubectl generates (k8s.io/api/core/v1 types.go).
const std::vector<std::string>& FieldOrder(const std::string& type) {
    static const std::map<std::string, std::vector<std::string>> kOrders = {
        {"object", {"kind", "apiVersion", "metadata", "spec", "status"}},
        {"metadata", {"name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
                      "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
                      "annotations", "ownerReferences", "finalizers", "managedFields"}},
        {"podspec", {"volumes", "initContainers", "containers", "ephemeralContainers", "restartPolicy",
                     "terminationGracePeriodSeconds", "activeDeadlineSeconds", "dnsPolicy", "nodeSelector",
                     "serviceAccountName", "serviceAccount", "automountServiceAccountToken", "nodeName",
                     "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
                     "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations"}},
        {"container", {"name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources",
                       "resizePolicy", "restartPolicy", "volumeMounts", "volumeDevices", "livenessProbe",
                       "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
                       "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce",
                       "tty"}},
        {"port", {"name", "hostPort", "containerPort", "protocol", "hostIP"}},
        {"env", {"name", "value", "valueFrom"}},
    };
    static const std::vector<std::string> kNone;
    auto it = kOrders.find(type);
    return it == kOrders.end() ? kNone : it->second;
}

std::string ChildType(const std::string& parent, const std::string& key) {
    if (key == "metadata") return "metadata";
    if (parent == "object" && key == "spec") return "podspec";
    if (parent == "podspec" && (key == "containers" || key == "initContainers")) return "container";
    if (parent == "container" && key == "ports") return "port";
    if (parent == "container" && key == "env") return "env";
    return "";
}

void TypedJson(const Value& v, const std::string& type, int depth, std::string* out) {
    std::string pad(static_cast<size_t>(depth) * 4, ' ');
    std::string inner(static_cast<size_t>(depth + 1) * 4, ' ');
    if (v.IsArray()) {
        if (v.size() == 0) {
            *out += "[]";
            return;
        }
        *out += "[\n";
        for (size_t i = 0; i < v.size(); ++i) {
            *out += inner;
            TypedJson(v[i], type, depth + 1, out);
            *out += i + 1 < v.size() ? ",\n" : "\n";
        }
        *out += pad + "]";
        return;
    }
    if (!v.IsObject()) {
        *out += v.ToJson();
        return;
    }
    if (v.size() == 0) {
        *out += "{}";
        return;
    }
    std::vector<std::string> keys;
    for (const auto& k : FieldOrder(type)) {
        if (v.Has(k)) keys.push_back(k);
    }
    for (const auto& [k, item] : v.members()) {
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
    }
    *out += "{\n";
    for (size_t i = 0; i < keys.size(); ++i) {
        *out += inner + JsonQuote(keys[i]) + ": ";
        TypedJson(v.Get(keys[i]), ChildType(type, keys[i]), depth + 1, out);
        *out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    *out += pad + "}";
}

}  // namespace

std::string TypedPrettyJson(const Value& object) {
    std::string out;
    TypedJson(object, "object", 0, &out);
    return out + "\n";
}

Value ResourcePrinter::ListOf(const std::vector<Value>& items) {
    Value list = Value::MakeObject();
    list.Set("apiVersion", "v1");
    Value arr = Value::MakeArray();
    for (const auto& i : items) arr.Push(i);
    list.Set("items", arr);
    list.Set("kind", "List");
    Value meta = Value::MakeObject();
    meta.Set("resourceVersion", "");
    list.Set("metadata", meta);
    return list;
}

std::unique_ptr<ResourcePrinter> ResourcePrinter::Make(const std::string& output, const std::string& template_text,
                                                       bool no_headers, const std::string& allowed, std::string* error) {
    auto p = std::make_unique<ResourcePrinter>();
    p->no_headers_ = no_headers;
    std::string format = output;
    std::string arg;
    size_t eq = output.find('=');
    if (eq != std::string::npos) {
        format = output.substr(0, eq);
        arg = output.substr(eq + 1);
    }
    if (format.empty() && !template_text.empty()) format = "go-template";
    if ((format == "go-template" || format == "template" || format == "jsonpath") && eq == std::string::npos) {
        arg = template_text;
    }
    auto allowed_has = [&](const std::string& f) {
        for (const auto& a : Split(allowed, ',')) {
            if (a == f) return true;
        }
        return false;
    };
    if (format.empty()) {
        p->kind_ = Kind::kHuman;
    } else if (format == "wide" && allowed_has("wide")) {
        p->kind_ = Kind::kWide;
    } else if (format == "yaml") {
        p->kind_ = Kind::kYaml;
    } else if (format == "json") {
        p->kind_ = Kind::kJson;
    } else if (format == "name") {
        p->kind_ = Kind::kName;
    } else if (format == "jsonpath" || format == "jsonpath-as-json") {
        if (arg.empty()) {
            *error = "template format specified but no template given";
            return nullptr;
        }
        std::string perr;
        if (!p->jsonpath_.Parse(arg, &perr)) {
            *error = "error parsing jsonpath " + arg + ", " + perr;
            return nullptr;
        }
        p->kind_ = Kind::kJsonPath;
        p->arg_ = arg;
    } else if (format == "go-template" || format == "template") {
        if (arg.empty()) {
            *error = "template format specified but no template given";
            return nullptr;
        }
        std::string perr;
        if (!p->template_.Parse(arg, &perr)) {
            *error = "error parsing template " + arg + ", " + perr;
            return nullptr;
        }
        p->kind_ = Kind::kGoTemplate;
        p->arg_ = arg;
    } else if (format == "custom-columns" && allowed_has("custom-columns")) {
        if (arg.empty()) {
            *error = "custom-columns format specified but no custom columns given";
            return nullptr;
        }
        for (const auto& spec : Split(arg, ',')) {
            size_t colon = spec.find(':');
            if (colon == std::string::npos) {
                *error = "unexpected custom-columns spec: " + spec + ", expected <header>:<json-path-expr>";
                return nullptr;
            }
            std::string path;
            std::string perr;
            if (!RelaxedJsonPath(spec.substr(colon + 1), &path, &perr)) {
                *error = perr;
                return nullptr;
            }
            JsonPath jp;
            if (!jp.Parse(path, &perr)) {
                *error = "error parsing jsonpath " + path + ", " + perr;
                return nullptr;
            }
            p->columns_.emplace_back(spec.substr(0, colon), std::move(jp));
        }
        p->kind_ = Kind::kCustomColumns;
    } else {
        *error = "unable to match a printer suitable for the output format \"" + output +
                 "\", allowed formats are: " + allowed;
        return nullptr;
    }
    return p;
}

bool ResourcePrinter::Print(const Value& object, std::string* out, std::string* error) {
    ++printed_;
    switch (kind_) {
    case Kind::kHuman:
    case Kind::kWide:
        return true;
    case Kind::kYaml:
        if (printed_ > 1) *out += "---\n";
        *out += EmitYaml(object);
        return true;
    case Kind::kJson:
        *out += object.ToPrettyJson(4) + "\n";
        return true;
    case Kind::kName:
        if (object.GetString("kind") == "List" || object.Has("items")) {
            for (const auto& item : object.Get("items").items()) *out += NameOf(item) + "\n";
        } else {
            *out += NameOf(object) + "\n";
        }
        return true;
    case Kind::kJsonPath: {
        std::string text, err;
        if (!jsonpath_.Execute(object, &text, &err)) {
            *error = "error executing jsonpath " + GoQuote(arg_) + ": Error executing template: " + err +
                     ". Printing more information for debugging the template:\n\ttemplate was:\n\t\t" + arg_ +
                     "\n\tobject given to jsonpath engine was:\n\t\t" + GoSharpV(object) + "\n\n\n";
            return false;
        }
        *out += text;
        return true;
    }
    case Kind::kGoTemplate: {
        std::string text, err;
        if (!template_.Execute(object, &text, &err)) {
            *out += text;
            *out += "Error executing template: " + err + ". Printing more information for debugging the template:\n";
            *out += "\ttemplate was:\n\t\t" + arg_ + "\n";
            *out += "\traw data was:\n\t\t" + object.ToJson() + "\n";
            *out += "\tobject given to template engine was:\n\t\t" + GoSprint(object) + "\n\n";
            *error = "error executing template " + GoQuote(arg_) + ": " + err;
            return false;
        }
        *out += text;
        return true;
    }
    case Kind::kCustomColumns: {
        std::string rows;
        if (!no_headers_ && !printed_header_) {
            std::vector<std::string> heads;
            for (const auto& c : columns_) heads.push_back(c.first);
            rows += Join(heads, "\t") + "\n";
            printed_header_ = true;
        }
        std::vector<Value> items;
        if (object.GetString("kind") == "List" || (object.Has("items") && object.Get("items").IsArray())) {
            for (const auto& i : object.Get("items").items()) items.push_back(i);
        } else {
            items.push_back(object);
        }
        for (const auto& item : items) {
            std::vector<std::string> cells;
            for (const auto& c : columns_) {
                std::vector<std::vector<Value>> results;
                std::string err;
                if (!c.second.FindResults(item, &results, &err)) {
                    *error = err;
                    return false;
                }
                std::vector<std::string> vals;
                for (const auto& list : results) {
                    for (const auto& v : list) vals.push_back(GoSprint(v));
                }
                cells.push_back(vals.empty() ? "<none>" : Join(vals, ","));
            }
            rows += Join(cells, "\t") + "\n";
        }
        writer_.Write(rows);
        writer_.Flush();
        *out += writer_.Take();
        return true;
    }
    }
    return true;
}

}  // namespace sts::kubectl
