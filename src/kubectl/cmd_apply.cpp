// kubectl apply / create / replace / delete over -f manifests and TYPE NAME arguments
// (pkg/cmd/apply/apply.go, create/create.go, replace/replace.go, delete/delete.go): the messages
// "service/nginx created", "statefulset.apps/web configured" / "unchanged", `pod "web-0" deleted`,
// and the errors wrapped with their source file.
#include <set>

#include "core/strings.h"
#include "kubectl/apply_patch.h"
#include "kubectl/internal.h"
#include "kubectl/printers/output.h"
#include "manifest/manifest.h"

namespace sts::kubectl {

namespace {

bool EndsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

// [SECTION] manifests

bool ReadManifests(Ctx& c, const std::vector<std::string>& files, std::vector<ManifestObject>* out, std::string* error) {
    for (const auto& f : files) {
        std::vector<std::pair<std::string, std::string>> sources;  // name, text
        if (f == "-") {
            sources.emplace_back("STDIN", c.inv->stdin_data);
        } else if (f.rfind("http://", 0) == 0 || f.rfind("https://", 0) == 0) {
            *error = "unable to read URL \"" + f + "\", server reported 404 Not Found, status code=404";
            return false;
        } else {
            std::string text;
            std::vector<std::string> names;
            if (c.fs->ReadFile(f, &text)) {
                sources.emplace_back(f, text);
            } else if (c.fs->ListDir(f, &names)) {
                for (const auto& n : names) {
                    if (!(EndsWith(n, ".yaml") || EndsWith(n, ".yml") || EndsWith(n, ".json"))) continue;
                    std::string path = (f.back() == '/' ? f : f + "/") + n;
                    std::string t;
                    if (c.fs->ReadFile(path, &t)) sources.emplace_back(path, t);
                }
            } else {
                *error = "the path \"" + f + "\" does not exist";
                return false;
            }
        }
        for (const auto& [name, text] : sources) {
            manifest::Documents docs = manifest::ParseYamlDocuments(text, name);
            manifest::Documents flat = manifest::ExpandLists(docs.docs, name);
            for (auto& d : flat.docs) out->push_back({d, name});
            if (!flat.ok()) {
                *error = flat.error;
                return false;
            }
            if (!docs.ok()) {
                *error = docs.error;
                return false;
            }
        }
    }
    if (out->empty() && error->empty()) {
        *error = "no objects passed to " + c.command;
        return false;
    }
    return true;
}

std::string DryRunSuffix(const std::string& dry_run) {
    if (dry_run == "client") return " (dry run)";
    if (dry_run == "server") return " (server dry run)";
    return "";
}

std::string DryRunStrategy(Ctx& c, shell::Outcome* fail) {
    std::string v = c.flags.GetString("dry-run");
    if (v == "unchanged") {
        *fail = c.Fail("--dry-run is deprecated and can be replaced with --dry-run=client.");
        return "";
    }
    if (v == "true") {
        c.Err("W0101 00:00:00.000000       1 helpers.go:703] --dry-run=true is deprecated (boolean value) and can be "
              "replaced with --dry-run=client.\n");
        v = "client";
    }
    if (v == "false") v = "none";
    if (v != "none" && v != "client" && v != "server") {
        *fail = c.Fail("Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".");
        return "";
    }
    return v;
}

void AddDryRunFlag(FlagSet& f) { f.Add({"dry-run", 0, FlagKind::kString, "none", "unchanged", ""}); }

namespace {

// Validates --dry-run; returns false after printing kubectl's error.
bool CheckDryRun(Ctx& c, std::string* value, shell::Outcome* fail) {
    *value = DryRunStrategy(c, fail);
    return !value->empty();
}


// Resolves a manifest object's resource and namespace; false with kubectl's error.
bool ResolveObject(Ctx& c, const ManifestObject& m, const client::ResourceInfo** res, std::string* ns, std::string* error) {
    const Value& o = m.object;
    *res = c.mapper->ForKind(o.GetString("apiVersion"), o.GetString("kind"));
    std::string name = o.Path("metadata.name").AsString();
    if (!*res) {
        *error = "resource mapping not found for name: \"" + name + "\" namespace: \"" +
                 o.Path("metadata.namespace").AsString() + "\" from \"" + m.source + "\": no matches for kind \"" +
                 o.GetString("kind") + "\" in version \"" + o.GetString("apiVersion") + "\"\nensure CRDs are installed first";
        return false;
    }
    std::string obj_ns = o.Path("metadata.namespace").AsString();
    if ((*res)->namespaced) {
        if (!obj_ns.empty() && c.explicit_ns && obj_ns != c.ns) {
            *error = "the namespace from the provided object \"" + obj_ns +
                     "\" does not match the namespace \"" + c.ns + "\". You must pass '--namespace=" + obj_ns +
                     "' to perform this operation.";
            return false;
        }
        *ns = obj_ns.empty() ? c.ns : obj_ns;
    } else {
        ns->clear();
    }
    return true;
}

// Prints the result of a write: a message, or the object with -o.
void Report(Ctx& c, ResourcePrinter* printer, const client::ResourceInfo& res, const Value& obj, const std::string& name,
            const std::string& op, const std::string& dry_run) {
    if (printer && printer->kind() != ResourcePrinter::Kind::kHuman) {
        std::string out, error;
        if (printer->kind() == ResourcePrinter::Kind::kName) {
            c.Out(ObjectRef(res, name) + "\n");
            return;
        }
        printer->Print(obj, &out, &error);
        c.Out(out);
        if (!error.empty()) c.Err("error: " + error + "\n");
        return;
    }
    c.Out(ObjectRef(res, name) + " " + op + DryRunSuffix(dry_run) + "\n");
}

}  // namespace

// [SECTION] apply

shell::Outcome RunApply(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    AddDryRunFlag(f);
    f.Add({"validate", 0, FlagKind::kString, "strict", "strict", ""});
    f.Bool("force");
    f.Bool("server-side");
    f.String("field-manager", 0, "kubectl-client-side-apply");
    f.Bool("overwrite", 0, true);
    f.Bool("prune");
    f.String("selector", 'l');
    f.Int("grace-period", 0, -1);
    f.Bool("wait");
    f.Dur("timeout");
    f.Bool("record");
    f.Bool("force-conflicts");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run;
    if (!CheckDryRun(c, &dry_run, &fail)) return fail;
    std::vector<std::string> files = f.GetList("filename");
    if (files.empty()) return c.Fail("must specify one of -f and -k");
    if (!c.flags.args().empty()) {
        return c.Usage("Unexpected args: [" + Join(c.flags.args(), " ") + "]");
    }
    std::string perror;
    auto printer = ResourcePrinter::Make(f.GetString("output"), "", false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);

    std::vector<ManifestObject> objects;
    std::string read_error;
    bool read_ok = ReadManifests(c, files, &objects, &read_error);
    if (!read_ok && objects.empty()) return c.Fail(read_error);

    int status = 0;
    std::string errors;
    for (const auto& m : objects) {
        const client::ResourceInfo* res = nullptr;
        std::string ns, error;
        if (!ResolveObject(c, m, &res, &ns, &error)) {
            errors += "error: " + error + "\n";
            status = 1;
            continue;
        }
        Value config = m.object;
        if (res->namespaced) config["metadata"].Set("namespace", ns);
        std::string name = config.Path("metadata.name").AsString();
        if (name.empty()) {
            errors += "error: error when retrieving current configuration of:\nResource: \"" + res->GroupResource() +
                      "\", GroupVersionKind: \"" + res->ApiVersion() + ", Kind=" + res->kind +
                      "\"\nName: \"\", Namespace: \"" + ns + "\"\nfrom server for: \"" + m.source +
                      "\": resource name may not be empty\n";
            status = 1;
            continue;
        }
        Value modified = WithLastApplied(config);
        auto current = c.cluster->Get(*res, ns, name);
        client::WriteOptions wo;
        wo.dry_run = dry_run == "server";
        wo.field_manager = f.GetString("field-manager");
        if (!current.ok() && current.error.reason == "NotFound") {
            if (dry_run == "client") {
                Report(c, printer.get(), *res, modified, name, "created", dry_run);
                continue;
            }
            auto created = c.cluster->Create(*res, ns, modified, wo);
            c.Warn(created.warnings);
            if (!created.ok()) {
                errors += ApiErrorWithSource(created.error, "creating", m.source) + "\n";
                status = 1;
                continue;
            }
            Report(c, printer.get(), *res, created.value, name, "created", dry_run);
            continue;
        }
        if (!current.ok()) {
            errors += ApiErrorWithSource(current.error, "retrieving current configuration of", m.source) + "\n";
            status = 1;
            continue;
        }
        const Value& live = current.value;
        const Value* last = live.Path("metadata.annotations").Find(kLastAppliedAnnotation);
        Value original;
        if (last) {
            manifest::Parsed p = manifest::ParseJson(last->AsString());
            if (p.ok()) original = p.value;
        } else {
            c.Err("Warning: resource " + res->resource + "/" + name +
                  " is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by "
                  "kubectl apply. kubectl apply should only be used on resources created declaratively by either "
                  "kubectl create --save-config or kubectl apply. The missing annotation will be patched "
                  "automatically.\n");
        }
        Value patch = ThreeWayMergePatch(original, modified, live);
        if (patch.size() == 0) {
            Report(c, printer.get(), *res, live, name, "unchanged", dry_run);
            continue;
        }
        if (dry_run == "client") {
            Report(c, printer.get(), *res, live, name, "configured", dry_run);
            continue;
        }
        auto patched = c.cluster->Patch(*res, ns, name, client::PatchType::kStrategicMerge, patch, "", wo);
        c.Warn(patched.warnings);
        if (!patched.ok()) {
            if (patched.error.reason == "Invalid" || patched.error.code == 422) {
                errors += ApiErrorText(patched.error) + "\n";
            } else {
                errors += "Error from server (" + patched.error.reason + "): error when applying patch:\n" +
                          patch.ToJson() + "\nto:\nResource: \"" + res->GroupResource() + "\", GroupVersionKind: \"" +
                          res->ApiVersion() + ", Kind=" + res->kind + "\"\nName: \"" + name + "\", Namespace: \"" + ns +
                          "\"\nfor: \"" + m.source + "\": error when patching \"" + m.source + "\": " +
                          patched.error.message + "\n";
            }
            status = 1;
            continue;
        }
        Report(c, printer.get(), *res, patched.value, name, "configured", dry_run);
    }
    if (!read_ok) {
        errors += "error: " + read_error + "\n";
        status = 1;
    }
    c.Err(errors);
    return Status(status);
}

// [SECTION] create

shell::Outcome RunCreate(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    AddDryRunFlag(f);
    f.Add({"validate", 0, FlagKind::kString, "strict", "strict", ""});
    f.Bool("save-config");
    f.Bool("edit");
    f.Bool("windows-line-endings");
    f.String("field-manager", 0, "kubectl-create");
    f.String("selector", 'l');
    f.String("raw");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run;
    if (!CheckDryRun(c, &dry_run, &fail)) return fail;
    std::string perror;
    auto printer = ResourcePrinter::Make(f.GetString("output"), "", false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    wo.field_manager = f.GetString("field-manager");

    const auto& rest = c.flags.args();
    if (!rest.empty() && (rest[0] == "namespace" || rest[0] == "ns")) {
        if (rest.size() != 2) return c.Fail("exactly one NAME is required, got " + std::to_string(rest.size() - 1));
        const client::ResourceInfo* res = c.mapper->Find("namespaces");
        if (!res) return c.Fail("the server doesn't have a resource type \"namespaces\"");
        Value ns = Value::MakeObject({{"apiVersion", "v1"}, {"kind", "Namespace"},
                                      {"metadata", Value::MakeObject({{"name", rest[1]}})}, {"spec", Value::MakeObject()},
                                      {"status", Value::MakeObject()}});
        if (dry_run == "client") {
            Report(c, printer.get(), *res, ns, rest[1], "created", dry_run);
            return Status(0);
        }
        auto r = c.cluster->Create(*res, "", ns, wo);
        if (!r.ok()) {
            c.Err(ApiErrorText(r.error) + "\n");
            return Status(1);
        }
        Report(c, printer.get(), *res, r.value, rest[1], "created", dry_run);
        return Status(0);
    }
    if (!rest.empty()) {
        return c.Fail("\"kubectl create " + rest[0] + "\" is not available in this playground; use kubectl create -f");
    }
    std::vector<std::string> files = f.GetList("filename");
    if (files.empty()) return c.Fail("must specify one of -f and -k");
    std::vector<ManifestObject> objects;
    std::string read_error;
    bool read_ok = ReadManifests(c, files, &objects, &read_error);
    if (!read_ok && objects.empty()) return c.Fail(read_error);
    int status = 0;
    std::string errors;
    for (const auto& m : objects) {
        const client::ResourceInfo* res = nullptr;
        std::string ns, error;
        if (!ResolveObject(c, m, &res, &ns, &error)) {
            errors += "error: " + error + "\n";
            status = 1;
            continue;
        }
        Value obj = m.object;
        if (res->namespaced) obj["metadata"].Set("namespace", ns);
        if (f.GetBool("save-config")) obj = WithLastApplied(obj);
        std::string name = obj.Path("metadata.name").AsString();
        if (dry_run == "client") {
            Report(c, printer.get(), *res, obj, name, "created", dry_run);
            continue;
        }
        auto r = c.cluster->Create(*res, ns, obj, wo);
        c.Warn(r.warnings);
        if (!r.ok()) {
            errors += ApiErrorWithSource(r.error, "creating", m.source) + "\n";
            status = 1;
            continue;
        }
        Report(c, printer.get(), *res, r.value, r.value.Path("metadata.name").AsString(), "created", dry_run);
    }
    if (!read_ok) {
        errors += "error: " + read_error + "\n";
        status = 1;
    }
    c.Err(errors);
    return Status(status);
}

// [SECTION] replace

shell::Outcome RunReplace(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    AddDryRunFlag(f);
    f.Add({"validate", 0, FlagKind::kString, "strict", "strict", ""});
    f.Bool("force");
    f.Bool("save-config");
    f.Int("grace-period", 0, -1);
    f.Add({"cascade", 0, FlagKind::kString, "background", "background", ""});
    f.Bool("wait");
    f.Dur("timeout");
    f.String("field-manager", 0, "kubectl-replace");
    f.String("subresource");
    f.String("raw");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run;
    if (!CheckDryRun(c, &dry_run, &fail)) return fail;
    std::vector<std::string> files = f.GetList("filename");
    if (files.empty()) return c.Usage("must specify --filename to replace");
    std::string perror;
    auto printer = ResourcePrinter::Make(f.GetString("output"), "", false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);
    std::vector<ManifestObject> objects;
    std::string read_error;
    bool read_ok = ReadManifests(c, files, &objects, &read_error);
    if (!read_ok && objects.empty()) return c.Fail(read_error);
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    wo.field_manager = f.GetString("field-manager");
    int status = 0;
    std::string errors;
    for (const auto& m : objects) {
        const client::ResourceInfo* res = nullptr;
        std::string ns, error;
        if (!ResolveObject(c, m, &res, &ns, &error)) {
            errors += "error: " + error + "\n";
            status = 1;
            continue;
        }
        Value obj = m.object;
        if (res->namespaced) obj["metadata"].Set("namespace", ns);
        std::string name = obj.Path("metadata.name").AsString();
        if (f.GetBool("save-config")) obj = WithLastApplied(obj);
        if (f.GetBool("force")) {
            client::DeleteOptions dopts;
            auto d = c.cluster->Delete(*res, ns, name, dopts);
            if (d.ok()) c.Out(ToLower(res->group.empty() ? res->kind : res->kind + "." + res->group) + " \"" + name + "\" deleted\n");
            auto r = c.cluster->Create(*res, ns, obj, wo);
            if (!r.ok()) {
                errors += ApiErrorWithSource(r.error, "replacing", m.source) + "\n";
                status = 1;
                continue;
            }
            Report(c, printer.get(), *res, r.value, name, "replaced", dry_run);
            continue;
        }
        auto cur = c.cluster->Get(*res, ns, name);
        if (!cur.ok()) {
            errors += ApiErrorWithSource(cur.error, "replacing", m.source) + "\n";
            status = 1;
            continue;
        }
        if (!obj.Path("metadata.resourceVersion").IsString()) {
            obj["metadata"].Set("resourceVersion", cur.value.Path("metadata.resourceVersion"));
        }
        if (dry_run == "client") {
            Report(c, printer.get(), *res, obj, name, "replaced", dry_run);
            continue;
        }
        auto r = c.cluster->Update(*res, ns, obj, "", wo);
        c.Warn(r.warnings);
        if (!r.ok()) {
            errors += ApiErrorWithSource(r.error, "replacing", m.source) + "\n";
            status = 1;
            continue;
        }
        Report(c, printer.get(), *res, r.value, name, "replaced", dry_run);
    }
    if (!read_ok) {
        errors += "error: " + read_error + "\n";
        status = 1;
    }
    c.Err(errors);
    return Status(status);
}

// [SECTION] delete

namespace {

// `kubectl delete --wait`: returns once every deleted object is gone from the API.
class DeleteWaitJob : public shell::Job {
public:
    struct Item {
        const client::ResourceInfo* res;
        std::string ns;
        std::string name;
        std::string uid;
    };
    DeleteWaitJob(client::Cluster* cluster, std::vector<Item> items, Duration limit, int status,
                  std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), items_(std::move(items)), limit_(limit), status_(status), err_(std::move(err)) {
        start_ = cluster_->Now();
    }
    bool Poll() override {
        if (interrupted_) return true;
        std::vector<Item> left;
        for (const auto& i : items_) {
            auto r = cluster_->Get(*i.res, i.ns, i.name);
            if (r.ok() && r.value.Path("metadata.uid").AsString() == i.uid) left.push_back(i);
        }
        items_ = std::move(left);
        if (items_.empty()) return true;
        if (limit_ > 0 && cluster_->Now() - start_ >= limit_) {
            const Item& i = items_.front();
            err_->Write("error: timed out waiting for the condition on " + i.res->resource + "/" + i.name + "\n");
            status_ = 1;
            return true;
        }
        return false;
    }
    std::optional<Time> WakeTime() const override {
        if (limit_ > 0) return start_ + limit_;
        return std::nullopt;
    }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : status_; }

private:
    client::Cluster* cluster_;
    std::vector<Item> items_;
    Duration limit_;
    int status_;
    std::shared_ptr<shell::OutputSink> err_;
    Time start_ = 0;
    bool interrupted_ = false;
};

}  // namespace

shell::Outcome RunDelete(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("selector", 'l');
    f.String("field-selector");
    f.Bool("all");
    f.Bool("all-namespaces", 'A');
    f.Add({"cascade", 0, FlagKind::kString, "background", "background", ""});
    f.Int("grace-period", 0, -1);
    f.Bool("now");
    f.Bool("force");
    f.Bool("wait", 0, true);
    f.Dur("timeout");
    f.Bool("ignore-not-found");
    f.String("output", 'o');
    AddDryRunFlag(f);
    f.Bool("interactive", 'i');
    f.String("raw");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run;
    if (!CheckDryRun(c, &dry_run, &fail)) return fail;
    std::string output = f.GetString("output");
    if (!output.empty() && output != "name") return c.Fail("unexpected -o output mode: " + output + ". We only support '-o name'");

    std::string cascade = f.GetString("cascade");
    std::string propagation;
    if (cascade == "background" || cascade == "true") propagation = "Background";
    else if (cascade == "orphan" || cascade == "false") propagation = "Orphan";
    else if (cascade == "foreground") propagation = "Foreground";
    else return c.Fail("invalid cascade value (" + cascade + "). Must be \"background\", \"foreground\", or \"orphan\".");
    if (cascade == "true" || cascade == "false") {
        c.Err("warning: --cascade=" + cascade + " is deprecated (boolean value) and can be replaced with --cascade=" +
              (cascade == "true" ? "background" : "orphan") + ".\n");
    }
    int64_t grace = f.GetInt("grace-period");
    if (f.GetBool("now")) {
        if (grace != -1) return c.Fail("--now and --grace-period cannot be specified together");
        grace = 1;
    }
    if (f.GetBool("force") && grace < 0) grace = 0;
    if (grace == 0 && !f.GetBool("force")) grace = 1;
    if (f.GetBool("force") && grace == 0) {
        c.Err("Warning: Immediate deletion does not wait for confirmation that the running resource has been "
              "terminated. The resource may continue to run on the cluster indefinitely.\n");
    }

    struct Target {
        const client::ResourceInfo* res;
        std::string ns;
        std::string name;
        std::string source;
    };
    std::vector<Target> targets;
    std::string errors;
    int status = 0;
    std::vector<std::string> files = f.GetList("filename");
    bool all = f.GetBool("all");
    std::string selector = f.GetString("selector");
    if (!files.empty()) {
        if (!c.flags.args().empty()) {
            return c.Fail("Unexpected args: [" + Join(c.flags.args(), " ") + "]");
        }
        std::vector<ManifestObject> objects;
        std::string read_error;
        if (!ReadManifests(c, files, &objects, &read_error) && objects.empty()) return c.Fail(read_error);
        for (const auto& m : objects) {
            const client::ResourceInfo* res = nullptr;
            std::string ns, error;
            if (!ResolveObject(c, m, &res, &ns, &error)) {
                errors += "error: " + error + "\n";
                status = 1;
                continue;
            }
            targets.push_back({res, ns, m.object.Path("metadata.name").AsString(), m.source});
        }
        if (!read_error.empty()) {
            errors += "error: " + read_error + "\n";
            status = 1;
        }
    } else {
        const auto& a = c.flags.args();
        if (a.empty()) {
            return c.Fail("You must provide one or more resources by argument or filename.\nExample resource "
                          "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> "
                          "<name>'\n   '<resource>'");
        }
        std::vector<ResourceTarget> rts;
        std::string error;
        if (!ResolveArgs(*c.mapper, a, &rts, &error)) return c.Fail(error);
        bool lists = false;
        for (const auto& t : rts) {
            if (t.name.empty()) lists = true;
        }
        if (lists && !all && selector.empty() && f.GetString("field-selector").empty()) {
            return c.Fail("resource(s) were provided, but no name was specified");
        }
        std::string list_ns = f.GetBool("all-namespaces") ? "" : c.ns;
        for (const auto& t : rts) {
            if (!t.name.empty()) {
                targets.push_back({t.res, t.res->namespaced ? c.ns : "", t.name, ""});
                continue;
            }
            client::ListOptions lo;
            lo.label_selector = selector;
            lo.field_selector = f.GetString("field-selector");
            auto r = c.cluster->List(*t.res, t.res->namespaced ? list_ns : "", lo);
            if (!r.ok()) {
                errors += ApiErrorText(r.error) + "\n";
                status = 1;
                continue;
            }
            for (const auto& item : r.value.Get("items").items()) {
                targets.push_back({t.res, item.Path("metadata.namespace").AsString(), item.Path("metadata.name").AsString(), ""});
            }
        }
        if (targets.empty() && status == 0) {
            c.Out("No resources found\n");
            return Status(0);
        }
    }

    client::DeleteOptions dopts;
    if (grace >= 0) dopts.grace_period_seconds = grace;
    dopts.propagation_policy = propagation;
    dopts.dry_run = dry_run == "server";
    std::vector<DeleteWaitJob::Item> waiting;
    for (const auto& t : targets) {
        std::string kind_lower = ToLower(t.res->group.empty() ? t.res->kind : t.res->kind + "." + t.res->group);
        if (dry_run == "client") {
            c.Out(kind_lower + " \"" + t.name + "\" deleted (dry run)\n");
            continue;
        }
        auto r = c.cluster->Delete(*t.res, t.ns, t.name, dopts);
        c.Warn(r.warnings);
        if (!r.ok()) {
            if (r.error.reason == "NotFound" && f.GetBool("ignore-not-found")) continue;
            errors += (t.source.empty() ? ApiErrorText(r.error) : ApiErrorWithSource(r.error, "deleting", t.source)) + "\n";
            status = 1;
            continue;
        }
        if (output == "name") c.Out(ObjectRef(*t.res, t.name) + "\n");
        else c.Out(kind_lower + " \"" + t.name + "\" " + (grace == 0 ? "force deleted" : "deleted") +
                   DryRunSuffix(dry_run) + "\n");
        if (f.GetBool("wait") && dry_run == "none" && r.value.IsObject() &&
            r.value.Path("metadata.deletionTimestamp").IsString()) {
            waiting.push_back({t.res, t.ns, t.name, r.value.Path("metadata.uid").AsString()});
        }
    }
    c.Err(errors);
    if (!waiting.empty()) {
        Duration limit = f.GetDuration("timeout");
        if (limit <= 0) limit = c.settings->wait_limit;
        shell::Outcome o;
        o.job = std::make_unique<DeleteWaitJob>(c.cluster, std::move(waiting), limit, status, c.inv->err);
        return o;
    }
    return Status(status);
}

}  // namespace sts::kubectl
