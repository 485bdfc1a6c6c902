// kubectl scale / patch / label / annotate (pkg/cmd/scale, patch, label, annotate): changes to
// existing objects, with kubectl's success messages ("scaled", "patched", "patched (no change)",
// "labeled", "annotated") and errors.
#include "core/strings.h"
#include "kubectl/internal.h"
#include "kubectl/printers/output.h"
#include "manifest/manifest.h"

namespace sts::kubectl {

namespace {

struct Found {
    const client::ResourceInfo* res;
    std::string ns;
    Value object;
};

// Objects named by TYPE NAME / TYPE/NAME / -l / --all / -f; false after printing an error.
bool Collect(Ctx& c, std::vector<Found>* out, std::string* errors, int* status, bool allow_selector) {
    FlagSet& f = c.flags;
    std::vector<std::string> files = f.Has("filename") ? f.GetList("filename") : std::vector<std::string>{};
    if (!files.empty()) {
        std::vector<ManifestObject> objects;
        std::string read_error;
        if (!ReadManifests(c, files, &objects, &read_error) && objects.empty()) {
            c.Fail(read_error);
            *status = 1;
            return false;
        }
        for (const auto& m : objects) {
            const client::ResourceInfo* res = c.mapper->ForKind(m.object.GetString("apiVersion"), m.object.GetString("kind"));
            if (!res) continue;
            std::string ns = res->namespaced ? (m.object.Path("metadata.namespace").AsString().empty()
                                                    ? c.ns
                                                    : m.object.Path("metadata.namespace").AsString())
                                             : "";
            auto r = c.cluster->Get(*res, ns, m.object.Path("metadata.name").AsString());
            if (!r.ok()) {
                *errors += ApiErrorText(r.error) + "\n";
                *status = 1;
                continue;
            }
            out->push_back({res, ns, r.value});
        }
        return true;
    }
    const auto& a = c.flags.args();
    if (a.empty()) {
        c.Fail("You must provide one or more resources by argument or filename.\nExample resource specifications "
               "include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
        *status = 1;
        return false;
    }
    std::vector<ResourceTarget> targets;
    std::string error;
    if (!ResolveArgs(*c.mapper, a, &targets, &error)) {
        c.Fail(error);
        *status = 1;
        return false;
    }
    std::string selector = allow_selector && f.Has("selector") ? f.GetString("selector") : "";
    bool all = f.Has("all") && f.GetBool("all");
    for (const auto& t : targets) {
        std::string ns = t.res->namespaced ? c.ns : "";
        if (!t.name.empty()) {
            auto r = c.cluster->Get(*t.res, ns, t.name);
            if (!r.ok()) {
                *errors += ApiErrorText(r.error) + "\n";
                *status = 1;
                continue;
            }
            out->push_back({t.res, ns, r.value});
            continue;
        }
        if (selector.empty() && !all) {
            c.Fail("resource(s) were provided, but no name was specified");
            *status = 1;
            return false;
        }
        client::ListOptions lo;
        lo.label_selector = selector;
        auto r = c.cluster->List(*t.res, ns, lo);
        if (!r.ok()) {
            *errors += ApiErrorText(r.error) + "\n";
            *status = 1;
            continue;
        }
        for (const auto& item : r.value.Get("items").items()) out->push_back({t.res, ns, item});
    }
    return true;
}

}  // namespace

// [SECTION] scale

shell::Outcome RunScale(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Int("replicas", 0, -1);
    f.Int("current-replicas", 0, -1);
    f.String("resource-version");
    f.String("selector", 'l');
    f.Bool("all");
    f.Bool("all-namespaces", 'A');
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    AddDryRunFlag(f);
    f.Dur("timeout");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (!f.Changed("replicas")) {
        c.Err("error: required flag(s) \"replicas\" not set\n");
        return Status(1);
    }
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    int64_t replicas = f.GetInt("replicas");
    if (replicas < 0) return c.Fail("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
    std::vector<Found> found;
    std::string errors;
    int status = 0;
    if (!Collect(c, &found, &errors, &status, true)) return Status(status);
    if (found.empty()) {
        std::string msg = errors;
        if (!msg.empty() && msg.back() == '\n') msg.pop_back();
        if (msg.rfind("Error from server (NotFound): ", 0) == 0) msg = msg.substr(30);
        return c.Fail("no objects passed to scale " + msg);
    }
    int64_t current = f.GetInt("current-replicas");
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    for (const auto& fd : found) {
        std::string name = fd.object.Path("metadata.name").AsString();
        if (current >= 0) {
            int64_t have = fd.object.Path("spec").GetInt("replicas", 1);
            if (have != current) {
                errors += "error: Expected replicas to be " + std::to_string(current) + ", was " + std::to_string(have) + "\n";
                status = 1;
                continue;
            }
        }
        if (dry_run != "client") {
            Value patch = Value::MakeObject({{"spec", Value::MakeObject({{"replicas", Value(replicas)}})}});
            auto r = c.cluster->Patch(*fd.res, fd.ns, name, client::PatchType::kMerge, patch, "scale", wo);
            if (!r.ok()) {
                errors += ApiErrorText(r.error) + "\n";
                status = 1;
                continue;
            }
        }
        if (f.GetString("output") == "name") c.Out(ObjectRef(*fd.res, name) + "\n");
        else c.Out(ObjectRef(*fd.res, name) + " scaled" + DryRunSuffix(dry_run) + "\n");
    }
    c.Err(errors);
    return Status(status);
}

// [SECTION] patch

shell::Outcome RunPatch(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("patch", 'p');
    f.String("patch-file");
    f.String("type", 0, "strategic");
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    f.String("template");
    AddDryRunFlag(f);
    f.Bool("local");
    f.String("subresource");
    f.String("field-manager", 0, "kubectl-patch");
    f.Bool("allow-missing-template-keys", 0, true);
    f.Bool("show-managed-fields");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    std::string patch_text = f.GetString("patch");
    if (!f.GetString("patch-file").empty()) {
        if (!patch_text.empty()) return c.Fail("cannot specify --patch and --patch-file together");
        if (!c.fs->ReadFile(f.GetString("patch-file"), &patch_text)) {
            return c.Fail("unable to read patch file: open " + f.GetString("patch-file") + ": no such file or directory");
        }
    }
    if (patch_text.empty()) return c.Fail("must specify --patch or --patch-file containing the contents of the patch");
    std::string type = ToLower(f.GetString("type"));
    client::PatchType pt;
    if (type == "strategic") pt = client::PatchType::kStrategicMerge;
    else if (type == "merge") pt = client::PatchType::kMerge;
    else if (type == "json") pt = client::PatchType::kJson;
    else return c.Fail("--type must be one of [json merge strategic], not \"" + f.GetString("type") + "\"");
    manifest::Parsed parsed = manifest::ParseYaml(patch_text);
    if (!parsed.ok()) {
        std::string e = parsed.error;
        const std::string prefix = "error converting YAML to JSON: ";
        if (e.rfind(prefix, 0) == 0) e = e.substr(prefix.size());
        return c.Fail("unable to parse \"" + patch_text + "\": " + e);
    }
    std::string perror;
    auto printer = ResourcePrinter::Make(f.GetString("output"), f.GetString("template"), false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);
    std::vector<Found> found;
    std::string errors;
    int status = 0;
    if (!Collect(c, &found, &errors, &status, false)) return Status(status);
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    wo.field_manager = f.GetString("field-manager");
    for (const auto& fd : found) {
        std::string name = fd.object.Path("metadata.name").AsString();
        auto r = c.cluster->Patch(*fd.res, fd.ns, name, pt, parsed.value, f.GetString("subresource"), wo);
        c.Warn(r.warnings);
        if (!r.ok()) {
            errors += ApiErrorText(r.error) + "\n";
            status = 1;
            continue;
        }
        if (!printer->human()) {
            std::string out, error;
            if (printer->kind() == ResourcePrinter::Kind::kName) out = ObjectRef(*fd.res, name) + "\n";
            else printer->Print(r.value, &out, &error);
            c.Out(out);
            if (!error.empty()) c.Err("error: " + error + "\n");
            continue;
        }
        bool changed = !(r.value == fd.object);
        c.Out(ObjectRef(*fd.res, name) + (changed ? " patched" : " patched (no change)") + DryRunSuffix(dry_run) + "\n");
    }
    c.Err(errors);
    return Status(status);
}

// [SECTION] label / annotate

shell::Outcome RunLabel(Ctx& c, const std::vector<std::string>& args, bool annotate) {
    FlagSet& f = c.flags;
    f.Bool("overwrite");
    f.Bool("list");
    f.Bool("local");
    f.String("selector", 'l');
    f.Bool("all");
    f.Bool("all-namespaces", 'A');
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    f.String("resource-version");
    AddDryRunFlag(f);
    f.String("field-manager", 0, annotate ? "kubectl-annotate" : "kubectl-label");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    // Split resource arguments from key=value / key- changes.
    std::vector<std::string> resources;
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<std::string> remove;
    for (const auto& a : c.flags.args()) {
        size_t eq = a.find('=');
        if (eq != std::string::npos) {
            set.emplace_back(a.substr(0, eq), a.substr(eq + 1));
        } else if (!a.empty() && a.back() == '-' && resources.size() >= 1) {
            remove.push_back(a.substr(0, a.size() - 1));
        } else {
            resources.push_back(a);
        }
    }
    const char* what = annotate ? "annotation" : "label";
    if (set.empty() && remove.empty() && !f.GetBool("list")) {
        return c.Usage(std::string("at least one ") + what + " update is required");
    }
    std::vector<std::string> saved = resources;
    std::vector<Found> found;
    std::string errors;
    int status = 0;
    {
        std::vector<ResourceTarget> targets;
        std::string error;
        if (saved.empty() && f.GetList("filename").empty()) {
            return c.Fail("one or more resources must be specified as <resource> <name> or <resource>/<name>");
        }
        if (!ResolveArgs(*c.mapper, saved, &targets, &error)) return c.Fail(error);
        for (const auto& t : targets) {
            std::string ns = t.res->namespaced ? c.ns : "";
            if (!t.name.empty()) {
                auto r = c.cluster->Get(*t.res, ns, t.name);
                if (!r.ok()) {
                    errors += ApiErrorText(r.error) + "\n";
                    status = 1;
                    continue;
                }
                found.push_back({t.res, ns, r.value});
            } else {
                if (f.GetString("selector").empty() && !f.GetBool("all")) {
                    return c.Fail("resource(s) were provided, but no name was specified");
                }
                client::ListOptions lo;
                lo.label_selector = f.GetString("selector");
                auto r = c.cluster->List(*t.res, ns, lo);
                if (!r.ok()) {
                    errors += ApiErrorText(r.error) + "\n";
                    status = 1;
                    continue;
                }
                for (const auto& item : r.value.Get("items").items()) found.push_back({t.res, ns, item});
            }
        }
    }
    std::string field = annotate ? "annotations" : "labels";
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    for (const auto& fd : found) {
        std::string name = fd.object.Path("metadata.name").AsString();
        const Value& current = fd.object.Path("metadata").Get(field);
        if (f.GetBool("list")) {
            std::string out;
            for (const auto& [k, v] : current.members()) out += k + "=" + v.AsString() + "\n";
            c.Out(out);
            continue;
        }
        bool bad = false;
        for (const auto& [k, v] : set) {
            const Value* have = current.Find(k);
            if (have && !f.GetBool("overwrite") && have->AsString() != v) {
                errors += "error: '" + k + "' already has a value (" + have->AsString() + "), and --overwrite is false\n";
                status = 1;
                bad = true;
            }
        }
        if (bad) continue;
        Value changes = Value::MakeObject();
        for (const auto& [k, v] : set) changes.Set(k, v);
        for (const auto& k : remove) changes.Set(k, Value());
        Value patch = Value::MakeObject({{"metadata", Value::MakeObject({{field, changes}})}});
        Value result = fd.object;
        if (dry_run == "client") {
            // kubectl edits its local copy and reports what that edit changed.
            Value& edited = result["metadata"][field];
            for (const auto& [k, v] : set) edited.Set(k, v);
            for (const auto& k : remove) edited.Erase(k);
        } else {
            auto r = c.cluster->Patch(*fd.res, fd.ns, name, client::PatchType::kMerge, patch, "", wo);
            if (!r.ok()) {
                errors += ApiErrorText(r.error) + "\n";
                status = 1;
                continue;
            }
            result = r.value;
        }
        std::string verb;
        if (annotate) {
            verb = "annotated";
        } else {
            bool same = result.Path("metadata").Get("labels") == current;
            verb = same ? "not labeled" : (set.empty() ? "unlabeled" : "labeled");
        }
        if (f.GetString("output") == "name") c.Out(ObjectRef(*fd.res, name) + "\n");
        else c.Out(ObjectRef(*fd.res, name) + " " + verb + DryRunSuffix(dry_run) + "\n");
    }
    c.Err(errors);
    return Status(status);
}

}  // namespace sts::kubectl
