// kubectl set image / set env (pkg/cmd/set/set_image.go, set_env.go, env/env_parse.go): edit the
// pod template (or a pod's spec) locally, send the difference as a strategic merge patch, print
// "statefulset.apps/web image updated" / "env updated", and kubectl's errors for resources
// without a pod template, unknown containers, bad pairs and rejected patches.
#include <map>

#include "core/strings.h"
#include "kubectl/apply_patch.h"
#include "kubectl/internal.h"
#include "kubectl/printers/output.h"

namespace sts::kubectl {

namespace {

struct Target {
    const client::ResourceInfo* res = nullptr;
    std::string ns;
    Value object;
};

// cmdutil.CheckErr's wording: "error: " unless the message already starts with it.
std::string ErrorLine(const std::string& msg) {
    std::string m = msg.rfind("error: ", 0) == 0 ? msg : "error: " + msg;
    if (m.empty() || m.back() != '\n') m += "\n";
    return m;
}

// utilerrors.NewAggregate(...).Error(): one message as is, several as "[a, b]".
std::string Aggregate(const std::vector<std::string>& errs) {
    if (errs.size() == 1) return errs[0];
    std::string out = "[";
    for (size_t i = 0; i < errs.size(); ++i) out += (i ? ", " : "") + errs[i];
    return out + "]";
}

// The pod spec inside an object of a kind UpdatePodSpecForObjectFn knows, or null.
Value* PodSpecOf(Value& obj) {
    const std::string kind = obj.GetString("kind");
    if (kind == "Pod") return &obj["spec"];
    if (kind == "StatefulSet" || kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" ||
        kind == "ReplicationController" || kind == "Job") {
        return &obj["spec"]["template"]["spec"];
    }
    if (kind == "CronJob") return &obj["spec"]["jobTemplate"]["spec"]["template"]["spec"];
    return nullptr;
}

// path.Match for container selectors ("*", "web*", "nginx").
bool GlobMatch(const std::string& pattern, const std::string& name) {
    size_t p = 0, n = 0, star = std::string::npos, mark = 0;
    while (n < name.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
            ++p;
            ++n;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = n;
        } else if (star != std::string::npos) {
            p = star + 1;
            n = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

// "statefulsets.apps/web" (resource.Info.ObjectName).
std::string InfoName(const Target& t) {
    return t.res->GroupResource() + "/" + t.object.Path("metadata.name").AsString();
}

// The resource builder over TYPE NAME / TYPE/NAME / -l / --all / -f; false after printing.
bool CollectTargets(Ctx& c, const std::vector<std::string>& resources, std::vector<Target>* out, shell::Outcome* fail) {
    FlagSet& f = c.flags;
    std::vector<std::string> files = f.GetList("filename");
    std::string errors;
    if (!files.empty()) {
        std::vector<ManifestObject> objects;
        std::string read_error;
        if (!ReadManifests(c, files, &objects, &read_error) && objects.empty()) {
            *fail = c.Fail(read_error);
            return false;
        }
        for (const auto& m : objects) {
            const client::ResourceInfo* res =
                c.mapper->ForKind(m.object.GetString("apiVersion"), m.object.GetString("kind"));
            if (!res) continue;
            std::string ns = m.object.Path("metadata.namespace").AsString();
            if (!res->namespaced) ns.clear();
            else if (ns.empty()) ns = c.ns;
            auto r = c.cluster->Get(*res, ns, m.object.Path("metadata.name").AsString());
            if (!r.ok()) {
                errors += ApiErrorText(r.error) + "\n";
                continue;
            }
            out->push_back({res, ns, r.value});
        }
    }
    if (!resources.empty()) {
        std::vector<ResourceTarget> targets;
        std::string error;
        if (!ResolveArgs(*c.mapper, resources, &targets, &error)) {
            *fail = c.Fail(error);
            return false;
        }
        std::string selector = f.GetString("selector");
        bool all = f.GetBool("all");
        for (const auto& t : targets) {
            if (!t.name.empty() && !selector.empty()) {
                *fail = c.Fail("name cannot be provided when a selector is specified");
                return false;
            }
        }
        for (const auto& t : targets) {
            std::string ns = t.res->namespaced ? c.ns : "";
            if (!t.name.empty()) {
                auto r = c.cluster->Get(*t.res, ns, t.name);
                if (!r.ok()) {
                    errors += ApiErrorText(r.error) + "\n";
                    continue;
                }
                out->push_back({t.res, ns, r.value});
                continue;
            }
            if (selector.empty() && !all) {
                *fail = c.Fail("resource(s) were provided, but no name was specified");
                return false;
            }
            client::ListOptions lo;
            lo.label_selector = selector;
            auto r = c.cluster->List(*t.res, ns, lo);
            if (!r.ok()) {
                errors += ApiErrorText(r.error) + "\n";
                continue;
            }
            for (Value item : r.value.Get("items").items()) {
                if (!item.Has("kind")) item.Set("kind", t.res->kind);
                if (!item.Has("apiVersion")) item.Set("apiVersion", t.res->ApiVersion());
                out->push_back({t.res, ns, item});
            }
        }
    } else if (files.empty()) {
        *fail = c.Fail("You must provide one or more resources by argument or filename.\nExample resource "
                       "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> "
                       "<name>'\n   '<resource>'");
        return false;
    }
    if (!errors.empty()) {
        c.Err(errors);
        *fail = Status(1);
        return false;
    }
    for (auto& t : *out) {
        if (!t.object.Has("kind")) t.object.Set("kind", t.res->kind);
        if (!t.object.Has("apiVersion")) t.object.Set("apiVersion", t.res->ApiVersion());
    }
    return true;
}

void AddSetFlags(FlagSet& f) {
    f.Bool("all");
    f.String("selector", 'l');
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("kustomize", 'k');
    f.Bool("local");
    f.String("output", 'o');
    f.String("template");
    f.Bool("allow-missing-template-keys", 0, true);
    f.Bool("show-managed-fields");
    AddDryRunFlag(f);
    f.String("field-manager", 0, "kubectl-set");
}

// Prints an updated object: "<kind>/<name> <op>" or the -o format.
void PrintUpdated(Ctx& c, ResourcePrinter* printer, const Target& t, const Value& obj, const std::string& op,
                  const std::string& dry_run) {
    const std::string name = obj.Path("metadata.name").AsString();
    if (printer->human()) {
        const std::string suffix = DryRunSuffix(dry_run);
        c.Out(ObjectRef(*t.res, name) + " " + op + suffix + "\n");
        return;
    }
    if (printer->kind() == ResourcePrinter::Kind::kName) {
        c.Out(ObjectRef(*t.res, name) + "\n");
        return;
    }
    std::string out, error;
    printer->Print(obj, &out, &error);
    c.Out(out);
    if (!error.empty()) c.Err(ErrorLine(error));
}

// Sends the change between `before` and `after` as a strategic merge patch; returns false with
// the API error text.
bool PatchChange(Ctx& c, const Target& t, const Value& after, const std::string& dry_run, Value* result,
                 std::string* error) {
    Value patch = ThreeWayMergePatch(t.object, after, t.object);
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    wo.field_manager = c.flags.GetString("field-manager");
    auto r = c.cluster->Patch(*t.res, t.ns, t.object.Path("metadata.name").AsString(),
                              client::PatchType::kStrategicMerge, patch, "", wo);
    c.Warn(r.warnings);
    if (!r.ok()) {
        *error = r.error.message;
        return false;
    }
    *result = r.value;
    return true;
}

// [SECTION] set image

shell::Outcome SetImage(Ctx& c, const std::vector<std::string>& args) {
    AddSetFlags(c.flags);
    c.flags.Bool("record");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    std::string perror;
    auto printer = ResourcePrinter::Make(c.flags.GetString("output"), c.flags.GetString("template"), false,
                                         kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);

    // cmdutil.GetResourcesAndPairs and ParsePairs.
    std::vector<std::string> resources, pairs;
    bool found_pair = false;
    for (const auto& s : c.flags.args()) {
        bool pair = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
        if (pair) {
            found_pair = true;
            pairs.push_back(s);
        } else if (found_pair) {
            return c.Fail("all resources must be specified before image changes: " + s);
        } else {
            resources.push_back(s);
        }
    }
    std::vector<std::pair<std::string, std::string>> images;
    std::vector<std::string> invalid;
    for (const auto& p : pairs) {
        if (p.find('=') != std::string::npos && p[0] != '=') {
            size_t eq = p.find('=');
            std::string key = p.substr(0, eq);
            bool replaced = false;
            for (auto& [k, v] : images) {
                if (k == key) {
                    v = p.substr(eq + 1);
                    replaced = true;
                }
            }
            if (!replaced) images.emplace_back(key, p.substr(eq + 1));
        } else {
            invalid.push_back(p);
        }
    }
    if (!invalid.empty()) return c.Fail("invalid image format: " + Join(invalid, ", "));

    const bool local = c.flags.GetBool("local");
    std::vector<Target> targets;
    if (local) {
        if (!resources.empty()) {
            return c.Fail("error: you must specify resources by --filename when --local is set.\nExample resource "
                          "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
        }
    } else if (!CollectTargets(c, resources, &targets, &fail)) {
        return fail;
    }

    std::vector<std::string> verrs;
    if (c.flags.GetBool("all") && !c.flags.GetString("selector").empty()) {
        verrs.push_back("cannot set --all and --selector at the same time");
    }
    if (resources.empty() && c.flags.GetList("filename").empty()) {
        verrs.push_back("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    bool wildcard = false;
    for (const auto& [k, v] : images) wildcard |= k == "*";
    if (images.empty()) verrs.push_back("at least one image update is required");
    else if (images.size() > 1 && wildcard) {
        verrs.push_back("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    }
    if (local && dry_run == "server") {
        verrs.push_back("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    if (!verrs.empty()) {
        c.Err(ErrorLine(Aggregate(verrs)));
        return Status(1);
    }

    std::vector<std::string> errs;
    for (const auto& t : targets) {
        Value after = t.object;
        Value* spec = PodSpecOf(after);
        if (!spec) {
            errs.push_back("error: " + InfoName(t) + " the object is not a pod or does not have a pod template: *v1." +
                           t.res->kind + "\n");
            continue;
        }
        for (const auto& [name, image] : images) {
            bool found = false;
            for (const char* list : {"initContainers", "containers"}) {
                if (!spec->Get(list).IsArray()) continue;
                for (auto& ctr : (*spec)[list].MutableItems()) {
                    if (name == "*" || ctr.GetString("name") == name) {
                        ctr.Set("image", image);
                        found = true;
                    }
                }
            }
            if (!found) errs.push_back("error: unable to find container named \"" + name + "\"");
        }
        if (after == t.object) continue;
        if (local || dry_run == "client") {
            PrintUpdated(c, printer.get(), t, after, "image updated", dry_run);
            continue;
        }
        Value result;
        std::string error;
        if (!PatchChange(c, t, after, dry_run, &result, &error)) {
            errs.push_back("failed to patch image update to pod template: " + error);
            continue;
        }
        PrintUpdated(c, printer.get(), t, result, "image updated", dry_run);
    }
    if (!errs.empty()) {
        c.Err(ErrorLine(Aggregate(errs)));
        return Status(1);
    }
    return Status(0);
}

// [SECTION] set env

// validation.IsEnvVarName.
bool ValidEnvName(const std::string& s) {
    if (s.empty()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        char ch = s[i];
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch == '-' || ch == '.' ||
                  (i > 0 && ch >= '0' && ch <= '9');
        if (!ok) return false;
    }
    return true;
}

// envutil.GetEnvVarRefString.
std::string EnvRefString(const Value& from) {
    if (from.Get("configMapKeyRef").IsObject()) {
        return "configmap " + from.Path("configMapKeyRef").GetString("name") + ", key " +
               from.Path("configMapKeyRef").GetString("key");
    }
    if (from.Get("secretKeyRef").IsObject()) {
        return "secret " + from.Path("secretKeyRef").GetString("name") + ", key " +
               from.Path("secretKeyRef").GetString("key");
    }
    if (from.Get("fieldRef").IsObject()) return "field path " + from.Path("fieldRef").GetString("fieldPath");
    if (from.Get("resourceFieldRef").IsObject()) {
        std::string container = from.Path("resourceFieldRef").GetString("containerName");
        std::string out = "resource field ";
        if (!container.empty()) out += container + ":";
        return out + from.Path("resourceFieldRef").GetString("resource");
    }
    return "invalid valueFrom";
}

shell::Outcome SetEnv(Ctx& c, const std::vector<std::string>& args) {
    AddSetFlags(c.flags);
    c.flags.String("containers", 'c', "*");
    c.flags.String("from");
    c.flags.String("prefix");
    c.flags.Array("env", 'e');
    c.flags.Slice("keys");
    c.flags.Bool("list");
    c.flags.Bool("resolve");
    c.flags.Bool("overwrite", 0, true);
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (c.flags.GetBool("all") && !c.flags.GetString("selector").empty()) {
        return c.Fail("cannot set --all and --selector at the same time");
    }
    // envutil.SplitEnvironmentFromResources: resources first, then KEY=VALUE / KEY- arguments.
    std::vector<std::string> resources, env_args;
    bool first = true;
    for (const auto& s : c.flags.args()) {
        size_t eq = s.find('=');
        bool is_env = (eq != std::string::npos && eq > 0) || (!s.empty() && s.back() == '-');
        if (is_env) {
            first = false;
            env_args.push_back(s);
        } else if (first) {
            resources.push_back(s);
        } else {
            return c.Fail("all resources must be specified before environment changes: " + Join(c.flags.args(), " "));
        }
    }
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    const std::string output = c.flags.GetString("output");
    std::string perror;
    auto printer = ResourcePrinter::Make(output, c.flags.GetString("template"), false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);
    const bool local = c.flags.GetBool("local");
    if (local && dry_run == "server") {
        return c.Fail("cannot specify --local and --dry-run=server - did you mean --dry-run=client?");
    }
    if (c.flags.GetList("filename").empty() && resources.empty()) {
        return c.Fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    }
    if (c.flags.GetBool("list") && !output.empty()) {
        return c.Fail("--list and --output may not be specified together");
    }
    if (!c.flags.GetList("keys").empty() && c.flags.GetString("from").empty()) {
        return c.Fail("when specifying --keys, a configmap or secret must be provided with --from");
    }

    // envutil.ParseEnv over -e values then the arguments.
    std::vector<std::string> env_specs = c.flags.GetList("env");
    env_specs.insert(env_specs.end(), env_args.begin(), env_args.end());
    std::vector<std::pair<std::string, std::string>> env;
    std::vector<std::string> remove;
    for (const auto& s : env_specs) {
        if (s == "-") {
            for (const auto& raw : Split(c.inv->stdin_data, '\n')) {
                std::string line = raw.substr(0, raw.find('#'));
                size_t eq = line.find('=');
                if (eq != std::string::npos) env.emplace_back(line.substr(0, eq), line.substr(eq + 1));
            }
        } else if (s.find('=') != std::string::npos) {
            size_t eq = s.find('=');
            std::string key = s.substr(0, eq);
            if (!ValidEnvName(key)) {
                return c.Fail("\"" + key + "\" is not a valid key name: a valid environment variable name must consist "
                              "of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit "
                              "(e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
                              "'[-._a-zA-Z][-._a-zA-Z0-9]*')");
            }
            env.emplace_back(key, s.substr(eq + 1));
        } else if (!s.empty() && s.back() == '-') {
            remove.push_back(s.substr(0, s.size() - 1));
        } else {
            return c.Fail("unknown environment variable: " + s);
        }
    }
    for (const auto& r : remove) {
        for (const auto& [k, v] : env) {
            if (k == r) return c.Fail("can not both modify and remove the same environment variable in the same command");
        }
    }
    if (!c.flags.GetString("from").empty()) {
        return c.Fail("--from is not available in this playground: it serves no ConfigMaps or Secrets");
    }
    const std::string prefix = c.flags.GetString("prefix");
    for (auto& e : env) e.first = prefix + e.first;

    std::vector<Target> targets;
    if (local) {
        if (!resources.empty()) {
            return c.Fail("error: you must specify resources by --filename when --local is set.\nExample resource "
                          "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
        }
    } else if (!CollectTargets(c, resources, &targets, &fail)) {
        return fail;
    }

    const std::string selector = c.flags.GetString("containers");
    const bool list = c.flags.GetBool("list");
    std::vector<std::string> errs;
    struct Change {
        const Target* target;
        Value after;
    };
    std::vector<Change> changes;
    for (const auto& t : targets) {
        Value after = t.object;
        Value* spec = PodSpecOf(after);
        if (!spec) {
            errs.push_back("error: " + InfoName(t) + " the object is not a pod or does not have a pod template: *v1." +
                           t.res->kind + "\n");
            continue;
        }
        std::vector<Value*> containers;
        for (const char* group : {"containers", "initContainers"}) {
            if (!spec->Get(group).IsArray()) continue;
            for (auto& ctr : (*spec)[group].MutableItems()) {
                if (GlobMatch(selector, ctr.GetString("name"))) containers.push_back(&ctr);
            }
        }
        const std::string kind = t.object.GetString("kind");
        const std::string name = t.object.Path("metadata.name").AsString();
        if (containers.empty()) {
            c.Err("Warning: " + kind + "/" + name + " does not have any containers matching \"" + selector + "\"\n");
            continue;
        }
        bool failed = false;
        for (Value* ctr : containers) {
            const Value& existing = ctr->Get("env");
            if (!c.flags.GetBool("overwrite")) {
                for (const auto& [k, v] : env) {
                    for (const auto& e : existing.items()) {
                        if (e.GetString("name") == k && e.GetString("value") != v) {
                            errs.push_back("error: " + InfoName(t) + " '" + k + "' already has a value (" +
                                           e.GetString("value") + "), and --overwrite is false\n");
                            failed = true;
                            break;
                        }
                    }
                    if (failed) break;
                }
                if (failed) break;
            }
            // updateEnv: replace in place, drop removed names, append new ones.
            Value updated = Value::MakeArray();
            std::vector<std::string> covered = remove;
            auto is_covered = [&](const std::string& n) {
                return std::find(covered.begin(), covered.end(), n) != covered.end();
            };
            for (const auto& e : existing.items()) {
                const std::string n = e.GetString("name");
                if (is_covered(n)) continue;
                bool replaced = false;
                for (const auto& [k, v] : env) {
                    if (k != n) continue;
                    covered.push_back(n);
                    Value nv = Value::MakeObject({{"name", k}});
                    if (!v.empty()) nv.Set("value", v);
                    updated.Push(nv);
                    replaced = true;
                    break;
                }
                if (!replaced) updated.Push(e);
            }
            for (const auto& [k, v] : env) {
                if (is_covered(k)) continue;
                covered.push_back(k);
                Value nv = Value::MakeObject({{"name", k}});
                if (!v.empty()) nv.Set("value", v);
                updated.Push(nv);
            }
            if (updated.size() == 0) ctr->Erase("env");
            else ctr->Set("env", updated);
            if (list) {
                std::string out = "# " + kind + " " + name + ", container " + ctr->GetString("name") + "\n";
                for (const auto& e : ctr->Get("env").items()) {
                    if (e.Get("valueFrom").IsObject()) {
                        out += "# " + e.GetString("name") + " from " + EnvRefString(e.Get("valueFrom")) + "\n";
                    } else {
                        out += e.GetString("name") + "=" + e.GetString("value") + "\n";
                    }
                }
                c.Out(out);
            }
        }
        if (failed) continue;
        changes.push_back({&t, after});
    }
    if (list) {
        if (!errs.empty()) {
            c.Err(ErrorLine(Aggregate(errs)));
            return Status(1);
        }
        return Status(0);
    }
    for (const auto& ch : changes) {
        const Target& t = *ch.target;
        if (ch.after == t.object) continue;
        if (local || dry_run == "client") {
            PrintUpdated(c, printer.get(), t, ch.after, "env updated", dry_run);
            continue;
        }
        Value result;
        std::string error;
        if (!PatchChange(c, t, ch.after, dry_run, &result, &error)) {
            errs.push_back("failed to patch env update to pod template: " + error);
            continue;
        }
        if (env.empty() && env_args.empty()) {
            c.Err(ErrorLine("at least one environment variable must be provided"));
            return Status(1);
        }
        PrintUpdated(c, printer.get(), t, result, "env updated", dry_run);
    }
    if (!errs.empty()) {
        c.Err(ErrorLine(Aggregate(errs)));
        return Status(1);
    }
    return Status(0);
}

}  // namespace

shell::Outcome RunSet(Ctx& c, const std::vector<std::string>& args) {
    const size_t sub = SubcommandIndex(args);
    if (sub == args.size()) return GroupHelp(c, args, "set");
    std::string name = args[sub];
    const std::vector<std::string> rest = Without(args, sub);
    c.command = "set " + name;
    if (name == "image") return SetImage(c, rest);
    if (name == "env") return SetEnv(c, rest);
    if (name == "resources" || name == "selector" || name == "serviceaccount" || name == "subject") {
        return c.Fail("\"kubectl set " + name + "\" is not available in this playground");
    }
    c.Err("error: unknown command \"" + name + "\"\nSee 'kubectl set -h' for help and examples\n");
    return Status(1);
}

}  // namespace sts::kubectl
