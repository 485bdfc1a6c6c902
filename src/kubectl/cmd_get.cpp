// `kubectl get` (staging/src/k8s.io/kubectl/pkg/cmd/get/get.go): the resource builder's fetches,
// human tables with per-group headers and blank lines between groups, -o printers with the
// List wrapper, "No resources found", and --watch as a job that prints one row per event with
// column widths remembered across rows.
#include <deque>
#include <set>

#include "core/strings.h"
#include "kubectl/internal.h"
#include "kubectl/printers/jsonpath.h"
#include "kubectl/printers/output.h"
#include "kubectl/printers/table.h"

namespace sts::kubectl {

namespace {

struct Info {
    const client::ResourceInfo* res;
    Value object;
};

// "--request-timeout": "0", "5s", "1m", or a bare number of seconds.
Duration RequestTimeout(const FlagSet& f) {
    std::string v = f.GetString("request-timeout");
    Duration d = 0;
    int64_t secs = 0;
    if (ParseInt64(v, &secs)) return Seconds(secs);
    ParseGoDuration(v, &d);
    return d;
}

// A running watch: events arrive from the cluster's synchronous callbacks and are printed on
// Poll, with the simulated time at which they happened (for the AGE column).
class WatchJob : public shell::Job {
public:
    struct Options {
        const client::ResourceInfo* res = nullptr;
        std::string ns;            // "" = all namespaces
        std::string name;          // watch a single object
        LabelSelector selector;
        bool human = true;
        HumanOptions human_options;
        bool output_events = false;
        Duration idle_end = 0;
        Duration max = 0;
        Duration request_timeout = 0;
    };

    WatchJob(client::Cluster* cluster, Options opts, std::unique_ptr<ResourcePrinter> printer,
             std::shared_ptr<shell::OutputSink> out, std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), opts_(std::move(opts)), printer_(std::move(printer)), human_(opts_.human_options),
          out_(std::move(out)), err_(std::move(err)), queue_(std::make_shared<std::deque<Queued>>()) {
        start_ = cluster_->Now();
        last_change_ = start_;
        auto q = queue_;
        client::Cluster* c = cluster_;
        watch_id_ = cluster_->Watch(*opts_.res, opts_.ns, [q, c](const client::WatchEvent& e) {
            if (q->size() < 100000) q->push_back({e, c->Now()});
        });
    }
    ~WatchJob() override { cluster_->Unwatch(watch_id_); }
    // False when the server refused the watch (a resource whose storage cannot watch).
    bool Watching() const { return watch_id_ != 0; }

    // Prints the initial objects (before the job is handed to the shell).
    void PrintInitial(const std::vector<Value>& objects, Time now) {
        // The listed objects are one table, flushed once: aligned together, as kubectl prints
        // them before the first watch event.
        if (opts_.human && !objects.empty()) return PrintRows(objects, opts_.output_events ? "ADDED" : "", now);
        for (const auto& o : objects) Emit(o, opts_.output_events ? "ADDED" : "", now);
    }

    bool Poll() override {
        if (interrupted_) return true;
        while (!queue_->empty()) {
            Queued q = std::move(queue_->front());
            queue_->pop_front();
            const Value& obj = q.event.object;
            if (!opts_.name.empty() && obj.Path("metadata.name").AsString() != opts_.name) continue;
            if (!opts_.selector.Empty() && !opts_.selector.Matches(obj.Path("metadata.labels"))) continue;
            std::string type = q.event.type == client::WatchEventType::kAdded      ? "ADDED"
                               : q.event.type == client::WatchEventType::kModified ? "MODIFIED"
                                                                                    : "DELETED";
            Emit(obj, opts_.output_events ? type : "", q.at);
            last_change_ = q.at;
        }
        Time now = cluster_->Now();
        if (opts_.request_timeout > 0 && now - start_ >= opts_.request_timeout) return true;
        if (opts_.idle_end > 0 && now - last_change_ >= opts_.idle_end) return true;
        if (opts_.max > 0 && now - start_ >= opts_.max) return true;
        return false;
    }

    std::optional<Time> WakeTime() const override {
        std::optional<Time> t;
        auto consider = [&](Time x) {
            if (!t || x < *t) t = x;
        };
        if (opts_.request_timeout > 0) consider(start_ + opts_.request_timeout);
        if (opts_.idle_end > 0) consider(last_change_ + opts_.idle_end);
        if (opts_.max > 0) consider(start_ + opts_.max);
        return t;
    }

    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : 0; }

private:
    struct Queued {
        client::WatchEvent event;
        Time at;
    };

    // Table rows, flushed at once (the writer remembers column widths between flushes).
    void PrintRows(const std::vector<Value>& objects, const std::string& type, Time at) {
        human_.Print(BuildTable(opts_.res->kind, objects, at), type, &writer_);
        writer_.Flush();
        out_->Write(writer_.Take());
    }

    void Emit(const Value& obj, const std::string& type, Time at) {
        if (opts_.human) return PrintRows({obj}, type, at);
        Value v = obj;
        if (!type.empty()) v = Value::MakeObject({{"type", type}, {"object", obj}});
        std::string out, error;
        if (!printer_->Print(v, &out, &error)) {
            out_->Write(out);
            err_->Write("error: " + error + (error.empty() || error.back() != '\n' ? "\n" : ""));
            return;
        }
        out_->Write(out);
    }

    client::Cluster* cluster_;
    Options opts_;
    std::unique_ptr<ResourcePrinter> printer_;
    HumanPrinter human_;
    TabWriter writer_;
    std::shared_ptr<shell::OutputSink> out_;
    std::shared_ptr<shell::OutputSink> err_;
    std::shared_ptr<std::deque<Queued>> queue_;
    int watch_id_ = 0;
    Time start_ = 0;
    Time last_change_ = 0;
    bool interrupted_ = false;
};

bool HasScaleSubresource(const client::ResourceInfo& res) {
    return res.resource == "statefulsets" || res.resource == "deployments" || res.resource == "replicasets" ||
           res.resource == "replicationcontrollers";
}

// What GET <object>/scale returns (the registry's scale subresource for apps/v1 workloads).
Value ScaleOf(const Value& obj) {
    const Value& meta = obj.Get("metadata");
    Value m = Value::MakeObject();
    for (const char* key : {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"})
        if (meta.Has(key)) m.Set(key, meta.Get(key));
    const Value& spec = obj.Get("spec");
    Value status = Value::MakeObject({{"replicas", Value(obj.Path("status").GetInt("replicas"))}});
    const std::string selector = FormatLabelSelector(spec.Get("selector"));
    if (!selector.empty() && selector != "<none>") status.Set("selector", selector);
    return Value::MakeObject({{"apiVersion", "autoscaling/v1"},
                              {"kind", "Scale"},
                              {"metadata", m},
                              {"spec", Value::MakeObject({{"replicas", Value(spec.GetInt("replicas"))}})},
                              {"status", status}});
}

}  // namespace

shell::Outcome RunGet(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("output", 'o');
    f.String("template");
    f.Bool("watch", 'w');
    f.Bool("watch-only");
    f.Bool("output-watch-events");
    f.String("selector", 'l');
    f.String("field-selector");
    f.Bool("all-namespaces", 'A');
    f.Bool("show-labels");
    f.Slice("label-columns", 'L');
    f.Bool("no-headers");
    f.Bool("ignore-not-found");
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("sort-by");
    f.Bool("show-kind");
    f.Bool("show-managed-fields");
    f.Bool("allow-missing-template-keys", 0, true);
    f.Int("chunk-size", 0, 500);
    f.Bool("server-print", 0, true);
    f.String("raw");
    f.String("kustomize", 'k');
    f.String("subresource");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;

    bool watch = f.GetBool("watch") || f.GetBool("watch-only");
    std::vector<std::string> files = f.GetList("filename");
    if (!watch && c.flags.args().empty() && files.empty()) {
        c.Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
              "supported resources.\n\n");
        return c.Usage("Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed "
                       "description of that resource (e.g. kubectl explain pods).");
    }
    std::string output = f.GetString("output");
    if (f.GetBool("show-labels") && !output.empty() && output != "wide") {
        return c.Fail("--show-labels option cannot be used with " + output + " printer");
    }
    if (f.GetBool("output-watch-events") && !watch) {
        return c.Fail("--output-watch-events option can only be used with --watch or --watch-only");
    }
    if (!f.GetString("raw").empty()) return c.Fail("--raw is not available in this playground");
    const std::string subresource = f.GetString("subresource");
    if (!subresource.empty() && subresource != "status" && subresource != "scale")
        return c.Fail("invalid subresource value: \"" + subresource + "\". Must be one of [status scale]");
    std::string perror;
    auto printer = ResourcePrinter::Make(output, f.GetString("template"), f.GetBool("no-headers"), kGetFormats, &perror);
    if (!printer) return c.Fail(perror);

    bool all_ns = f.GetBool("all-namespaces");
    std::string list_ns = all_ns ? "" : c.ns;
    LabelSelector selector;
    std::string sel_error;
    if (!selector.Parse(f.GetString("selector"), &sel_error)) return c.Fail(sel_error);

    // Targets: from -f files or from TYPE/NAME arguments.
    std::vector<ResourceTarget> targets;
    std::vector<std::string> target_ns;
    if (!files.empty()) {
        std::vector<ManifestObject> objs;
        std::string error;
        if (!ReadManifests(c, files, &objs, &error)) return c.Fail(error);
        for (const auto& m : objs) {
            const client::ResourceInfo* r =
                c.mapper->ForKind(m.object.GetString("apiVersion"), m.object.GetString("kind"));
            if (!r) {
                return c.Fail("resource mapping not found for name: \"" + m.object.Path("metadata.name").AsString() +
                              "\" namespace: \"" + m.object.Path("metadata.namespace").AsString() + "\" from \"" +
                              m.source + "\": no matches for kind \"" + m.object.GetString("kind") +
                              "\" in version \"" + m.object.GetString("apiVersion") +
                              "\"\nensure CRDs are installed first");
            }
            targets.push_back({r, m.object.Path("metadata.name").AsString()});
            std::string ons = m.object.Path("metadata.namespace").AsString();
            target_ns.push_back(ons.empty() ? c.ns : ons);
        }
    } else {
        std::string error;
        if (!ResolveArgs(*c.mapper, c.flags.args(), &targets, &error)) return c.Fail(error);
        for (size_t i = 0; i < targets.size(); ++i) target_ns.push_back(c.ns);
    }
    if (targets.empty()) {
        return c.Fail("You must provide one or more resources by argument or filename.\nExample resource "
                      "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                      "   '<resource>'");
    }
    for (const auto& t : targets) {
        if (all_ns && !t.name.empty() && files.empty()) {
            return c.Fail("a resource cannot be retrieved by name across all namespaces");
        }
    }

    // Fetch.
    std::vector<Info> infos;
    std::vector<std::string> errors;
    bool single_item = targets.size() == 1 && !targets[0].name.empty();
    client::ListOptions lo;
    lo.label_selector = f.GetString("selector");
    lo.field_selector = f.GetString("field-selector");
    for (size_t i = 0; i < targets.size(); ++i) {
        const auto& t = targets[i];
        std::string ns = t.res->namespaced ? (t.name.empty() ? list_ns : target_ns[i]) : "";
        if (!t.name.empty()) {
            auto r = c.cluster->Get(*t.res, ns, t.name);
            c.Warn(r.warnings);
            if (!r.ok()) {
                if (r.error.reason == "NotFound" && f.GetBool("ignore-not-found")) continue;
                errors.push_back(ApiErrorText(r.error));
                continue;
            }
            if (!selector.Empty() && !selector.Matches(r.value.Path("metadata.labels"))) continue;
            if (subresource == "scale") {
                // The /scale subresource: an autoscaling/v1 Scale (the status subresource is the
                // object itself).
                if (!HasScaleSubresource(*t.res)) {
                    errors.push_back("Error from server (NotFound): the server could not find the requested resource");
                    continue;
                }
                infos.push_back({t.res, ScaleOf(r.value)});
                continue;
            }
            infos.push_back({t.res, r.value});
        } else {
            auto r = c.cluster->List(*t.res, ns, lo);
            c.Warn(r.warnings);
            if (!r.ok()) {
                errors.push_back(ApiErrorText(r.error));
                continue;
            }
            for (const auto& item : r.value.Get("items").items()) {
                Value obj = item;
                if (!obj.Has("kind")) obj.Set("kind", t.res->kind);
                if (!obj.Has("apiVersion")) obj.Set("apiVersion", t.res->ApiVersion());
                infos.push_back({t.res, obj});
            }
        }
    }
    Time now = c.Now();

    std::string sort_by = f.GetString("sort-by");
    if (!sort_by.empty() && watch) {
        c.Err("warning: --watch or --watch-only requested, --sort-by will be ignored\n");
    } else if (!sort_by.empty() && infos.size() > 1) {
        std::string path, perr;
        if (!RelaxedJsonPath(sort_by, &path, &perr)) return c.Fail(perr);
        JsonPath jp;
        if (!jp.Parse(path, &perr)) return c.Fail("error parsing jsonpath " + path + ", " + perr);
        std::vector<std::pair<Value, size_t>> keys;
        for (size_t k = 0; k < infos.size(); ++k) {
            std::vector<std::vector<Value>> results;
            std::string err;
            if (!jp.FindResults(infos[k].object, &results, &err) || results.empty() || results[0].empty()) {
                return c.Fail("couldn't find any field with path \"" + path + "\" in the list of objects");
            }
            keys.emplace_back(results[0][0], k);
        }
        auto less = [](const Value& a, const Value& b) {
            if (a.IsNumber() && b.IsNumber()) return a.AsFloat() < b.AsFloat();
            return JsonPathText(a) < JsonPathText(b);
        };
        // Objects of one resource stay together; each run is sorted on its own.
        size_t start = 0;
        std::vector<Info> sorted;
        while (start < infos.size()) {
            size_t end = start;
            while (end < infos.size() && infos[end].res == infos[start].res) ++end;
            std::vector<std::pair<Value, size_t>> run(keys.begin() + static_cast<long>(start), keys.begin() + static_cast<long>(end));
            std::stable_sort(run.begin(), run.end(), [&](const auto& x, const auto& y) { return less(x.first, y.first); });
            for (const auto& r : run) sorted.push_back(infos[r.second]);
            start = end;
        }
        infos = std::move(sorted);
    }

    if (watch) {
        std::set<const client::ResourceInfo*> kinds;
        for (const auto& t : targets) kinds.insert(t.res);
        if (kinds.size() > 1) {
            return c.Fail("watch is only supported on individual resources and resource collections - more than 1 "
                          "resource was found");
        }
        if (!errors.empty()) {
            c.Err(errors[0] + "\n");
            return Status(1);
        }
        WatchJob::Options wo;
        wo.res = targets[0].res;
        wo.ns = wo.res->namespaced ? (targets[0].name.empty() ? list_ns : target_ns[0]) : "";
        wo.name = targets[0].name;
        wo.selector = selector;
        wo.human = printer->human();
        wo.human_options.no_headers = f.GetBool("no-headers");
        wo.human_options.wide = printer->kind() == ResourcePrinter::Kind::kWide;
        wo.human_options.with_namespace = all_ns && wo.res->namespaced;
        wo.human_options.show_labels = f.GetBool("show-labels");
        wo.human_options.label_columns = f.GetList("label-columns");
        wo.output_events = f.GetBool("output-watch-events");
        wo.idle_end = c.settings->watch_idle_end;
        wo.max = c.settings->watch_max;
        wo.request_timeout = RequestTimeout(f);
        auto job = std::make_unique<WatchJob>(c.cluster, std::move(wo), std::move(printer), c.inv->out, c.inv->err);
        if (!f.GetBool("watch-only")) {
            std::vector<Value> objs;
            for (const auto& i : infos) objs.push_back(i.object);
            job->PrintInitial(objs, now);
        }
        if (!job->Watching()) {
            // The listing went through; the watch request after it is refused.
            c.Err("Error from server (MethodNotAllowed): watch is not supported on resources of kind \"" +
                  targets[0].res->GroupResource() + "\"\n");
            return Status(1);
        }
        shell::Outcome o;
        o.job = std::move(job);
        return o;
    }

    std::string error_text;
    for (const auto& e : errors) error_text += e + "\n";
    int status = errors.empty() ? 0 : 1;

    if (!printer->human()) {
        Value obj;
        if (single_item && infos.size() == 1) {
            obj = infos[0].object;
        } else {
            if (single_item && infos.empty()) {
                c.Err(error_text);
                return Status(status);
            }
            std::vector<Value> items;
            for (const auto& i : infos) items.push_back(i.object);
            obj = ResourcePrinter::ListOf(items);
        }
        std::string out, error;
        bool ok = printer->Print(obj, &out, &error);
        c.Out(out);
        c.Err(error_text);
        if (!ok) {
            c.Err("error: " + error + (error.empty() || error.back() == '\n' ? "" : "\n"));
            return Status(1);
        }
        return Status(status);
    }

    // Human-readable: one table per resource group, blank line between groups.
    std::set<const client::ResourceInfo*> distinct;
    for (const auto& i : infos) distinct.insert(i.res);
    bool with_kind = distinct.size() > 1 || f.GetBool("show-kind");
    std::string out;
    TabWriter w;
    std::unique_ptr<HumanPrinter> hp;
    const client::ResourceInfo* last = nullptr;
    bool any_cluster_scoped = false;
    size_t i = 0;
    while (i < infos.size()) {
        const client::ResourceInfo* res = infos[i].res;
        if (!res->namespaced) any_cluster_scoped = true;
        std::vector<Value> group;
        // kubectl prints object by object; consecutive objects of one resource share a printer.
        size_t j = i;
        while (j < infos.size() && infos[j].res == res) group.push_back(infos[j++].object);
        if (res != last) {
            w.Flush();
            out += w.Take();
            w.SetRememberedWidths({});
            if (last && !f.GetBool("no-headers") && !out.empty()) out += "\n";
            HumanOptions ho;
            ho.no_headers = f.GetBool("no-headers");
            ho.wide = printer->kind() == ResourcePrinter::Kind::kWide;
            ho.with_namespace = all_ns && res->namespaced;
            ho.show_labels = f.GetBool("show-labels");
            ho.label_columns = f.GetList("label-columns");
            if (with_kind) ho.kind_prefix = KindPrefix(res->kind, res->group);
            hp = std::make_unique<HumanPrinter>(ho);
            last = res;
        }
        hp->Print(BuildTable(group.front().GetString("kind") == "Scale" ? "Scale" : res->kind, group, now), "", &w);
        i = j;
    }
    w.Flush();
    out += w.Take();
    for (const auto& t : targets) {
        if (!t.res->namespaced) any_cluster_scoped = true;
    }
    c.Out(out);
    if (out.empty() && errors.empty() && !f.GetBool("ignore-not-found")) {
        c.Err(c.NoResourcesMessage(all_ns, any_cluster_scoped));
    }
    c.Err(error_text);
    return Status(status);
}

}  // namespace sts::kubectl
