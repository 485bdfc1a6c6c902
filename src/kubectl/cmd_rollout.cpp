// kubectl rollout status / history / undo / restart / pause / resume
// (polymorphichelpers rollout_status.go, history.go, rollback.go, objectrestarter.go) and
// kubectl wait (pkg/cmd/wait). Status and wait run as jobs that re-evaluate on every change of
// the watched object in simulated time.
#include <algorithm>
#include <deque>

#include "core/strings.h"
#include "kubectl/internal.h"
#include "kubectl/printers/jsonpath.h"
#include "kubectl/printers/output.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

namespace {

// [SECTION] status viewer

// StatefulSetStatusViewer.Status: message, done, error.
bool StatefulSetStatus(const Value& sts, std::string* msg, bool* done, std::string* error) {
    const Value& spec = sts.Get("spec");
    const Value& status = sts.Get("status");
    const Value& strategy = spec.Get("updateStrategy");
    if (strategy.GetString("type") != "RollingUpdate") {
        *error = "rollout status is only available for RollingUpdate strategy type";
        *done = true;
        return false;
    }
    int64_t observed = status.GetInt("observedGeneration");
    if (observed == 0 || sts.Path("metadata").GetInt("generation") > observed) {
        *msg = "Waiting for statefulset spec update to be observed...\n";
        *done = false;
        return true;
    }
    bool has_replicas = spec.Has("replicas") && !spec.Get("replicas").IsNull();
    int64_t replicas = spec.GetInt("replicas");
    int64_t ready = status.GetInt("readyReplicas");
    if (has_replicas && ready < replicas) {
        *msg = "Waiting for " + std::to_string(replicas - ready) + " pods to be ready...\n";
        *done = false;
        return true;
    }
    const Value& ru = strategy.Get("rollingUpdate");
    int64_t updated = status.GetInt("updatedReplicas");
    if (ru.IsObject()) {
        if (has_replicas && ru.Has("partition") && !ru.Get("partition").IsNull()) {
            int64_t want = replicas - ru.GetInt("partition");
            if (updated < want) {
                *msg = "Waiting for partitioned roll out to finish: " + std::to_string(updated) + " out of " +
                       std::to_string(want) + " new pods have been updated...\n";
                *done = false;
                return true;
            }
        }
        *msg = "partitioned roll out complete: " + std::to_string(updated) + " new pods have been updated...\n";
        *done = true;
        return true;
    }
    if (status.GetString("updateRevision") != status.GetString("currentRevision")) {
        *msg = "waiting for statefulset rolling update to complete " + std::to_string(updated) + " pods at revision " +
               status.GetString("updateRevision") + "...\n";
        *done = false;
        return true;
    }
    *msg = "statefulset rolling update complete " + std::to_string(status.GetInt("currentReplicas")) +
           " pods at revision " + status.GetString("currentRevision") + "...\n";
    *done = true;
    return true;
}

class RolloutStatusJob : public shell::Job {
public:
    RolloutStatusJob(client::Cluster* cluster, const client::ResourceInfo* res, std::string ns, std::string name,
                     Duration limit, std::shared_ptr<shell::OutputSink> out, std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), res_(res), ns_(std::move(ns)), name_(std::move(name)), limit_(limit), out_(std::move(out)),
          err_(std::move(err)), queue_(std::make_shared<std::deque<client::WatchEvent>>()) {
        start_ = cluster_->Now();
        auto q = queue_;
        watch_id_ = cluster_->Watch(*res_, ns_, [q](const client::WatchEvent& e) {
            if (q->size() < 100000) q->push_back(e);
        });
    }
    ~RolloutStatusJob() override { cluster_->Unwatch(watch_id_); }

    // Evaluates an object; true when the job is over.
    bool Evaluate(const Value& obj) {
        std::string msg, error;
        bool done = false;
        if (!StatefulSetStatus(obj, &msg, &done, &error)) {
            err_->Write("error: " + error + "\n");
            code_ = 1;
            return true;
        }
        out_->Write(msg);
        if (done) code_ = 0;
        return done;
    }

    bool Poll() override {
        if (interrupted_) return true;
        while (!queue_->empty()) {
            client::WatchEvent e = std::move(queue_->front());
            queue_->pop_front();
            if (e.object.Path("metadata.name").AsString() != name_) continue;
            if (e.type == client::WatchEventType::kDeleted) {
                err_->Write("error: object has been deleted\n");
                code_ = 1;
                return true;
            }
            if (Evaluate(e.object)) return true;
        }
        if (limit_ > 0 && cluster_->Now() - start_ >= limit_) {
            err_->Write("error: timed out waiting for the condition\n");
            code_ = 1;
            return true;
        }
        return false;
    }
    std::optional<Time> WakeTime() const override {
        if (limit_ > 0) return start_ + limit_;
        return std::nullopt;
    }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : code_; }

private:
    client::Cluster* cluster_;
    const client::ResourceInfo* res_;
    std::string ns_;
    std::string name_;
    Duration limit_;
    std::shared_ptr<shell::OutputSink> out_;
    std::shared_ptr<shell::OutputSink> err_;
    std::shared_ptr<std::deque<client::WatchEvent>> queue_;
    int watch_id_ = 0;
    Time start_ = 0;
    int code_ = 1;
    bool interrupted_ = false;
};

// One TYPE NAME / TYPE/NAME target of a rollout subcommand.
bool RolloutTarget(Ctx& c, const client::ResourceInfo** res, std::string* name, Value* obj, shell::Outcome* fail) {
    const auto& a = c.flags.args();
    if (a.empty()) {
        *fail = c.Fail("required resource not specified");
        return false;
    }
    std::vector<ResourceTarget> targets;
    std::string error;
    if (!ResolveArgs(*c.mapper, a, &targets, &error)) {
        *fail = c.Fail(error);
        return false;
    }
    if (targets.empty() || targets[0].name.empty()) {
        *fail = c.Fail("resource(s) were provided, but no name was specified");
        return false;
    }
    *res = targets[0].res;
    *name = targets[0].name;
    auto r = c.cluster->Get(**res, (*res)->namespaced ? c.ns : "", *name);
    if (!r.ok()) {
        c.Err(ApiErrorText(r.error) + "\n");
        *fail = Status(1);
        return false;
    }
    *obj = r.value;
    return true;
}

bool IsStatefulSet(const client::ResourceInfo* r) { return r->kind == "StatefulSet" && r->group == "apps"; }

// ControllerRevisions owned by the set, sorted by revision.
bool History(Ctx& c, const Value& sts, std::vector<Value>* out, std::string* error) {
    const client::ResourceInfo* cr = c.mapper->Find("controllerrevisions.apps");
    if (!cr) {
        *error = "the server doesn't have a resource type \"controllerrevisions\"";
        return false;
    }
    client::ListOptions lo;
    lo.label_selector = SelectorString(sts.Path("spec.selector"));
    auto r = c.cluster->List(*cr, sts.Path("metadata.namespace").AsString(), lo);
    if (!r.ok()) {
        *error = "unable to find history controlled by StatefulSet " + sts.Path("metadata.name").AsString() + ": " +
                 r.error.message;
        return false;
    }
    std::string uid = sts.Path("metadata.uid").AsString();
    for (const auto& item : r.value.Get("items").items()) {
        for (const auto& ref : item.Path("metadata.ownerReferences").items()) {
            if (ref.GetBool("controller") && ref.GetString("uid") == uid) {
                out->push_back(item);
                break;
            }
        }
    }
    std::stable_sort(out->begin(), out->end(),
                     [](const Value& a, const Value& b) { return a.GetInt("revision") < b.GetInt("revision"); });
    return true;
}

// The template a revision restores: data.spec.template without the $patch directive.
Value RevisionTemplate(const Value& cr) {
    Value t = cr.Path("data.spec.template");
    if (t.IsObject()) t.Erase("$patch");
    return t;
}

shell::Outcome RolloutStatus(Ctx& c, const std::vector<std::string>& args) {
    c.flags.Bool("watch", 'w', true);
    c.flags.Int("revision");
    c.flags.Dur("timeout");
    c.flags.Slice("filename", 'f');
    c.flags.String("selector", 'l');
    c.flags.Bool("recursive", 'R');
    c.flags.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const client::ResourceInfo* res = nullptr;
    std::string name;
    Value obj;
    if (!RolloutTarget(c, &res, &name, &obj, &fail)) return fail;
    if (!IsStatefulSet(res)) return c.Fail("no status viewer has been implemented for " + res->kind);
    Duration limit = c.flags.GetDuration("timeout");
    if (limit <= 0) limit = c.settings->wait_limit;
    auto job = std::make_unique<RolloutStatusJob>(c.cluster, res, res->namespaced ? c.ns : "", name, limit, c.inv->out,
                                                  c.inv->err);
    bool done = job->Evaluate(obj);
    if (done || !c.flags.GetBool("watch")) return Status(done ? job->ExitCode() : 0);
    shell::Outcome o;
    o.job = std::move(job);
    return o;
}

shell::Outcome RolloutHistory(Ctx& c, const std::vector<std::string>& args) {
    c.flags.Int("revision");
    c.flags.String("output", 'o');
    c.flags.String("template");
    c.flags.Slice("filename", 'f');
    c.flags.String("selector", 'l');
    c.flags.Bool("recursive", 'R');
    c.flags.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const client::ResourceInfo* res = nullptr;
    std::string name;
    Value sts;
    if (!RolloutTarget(c, &res, &name, &sts, &fail)) return fail;
    if (!IsStatefulSet(res)) return c.Fail("no history viewer has been implemented for \"" + res->kind + "\"");
    std::vector<Value> history;
    std::string error;
    if (!History(c, sts, &history, &error)) return c.Fail(error);
    int64_t revision = c.flags.GetInt("revision");
    std::string ref = ObjectRef(*res, name);
    if (history.empty()) {
        c.Out(ref + " \nNo rollout history found.\n");
        return Status(0);
    }
    if (revision != 0) {
        for (const auto& cr : history) {
            if (cr.GetInt("revision") != revision) continue;
            c.Out(ref + " with revision #" + std::to_string(revision) + "\n" + DescribePodTemplate(RevisionTemplate(cr)) + "\n");
            return Status(0);
        }
        return c.Fail("unable to find the specified revision");
    }
    TabWriter::Options opts;
    opts.min_width = 0;
    opts.tab_width = 8;
    opts.padding = 2;
    opts.remember_widths = false;
    TabWriter w(opts);
    std::string text = "REVISION\tCHANGE-CAUSE\n";
    std::vector<int64_t> seen;
    for (const auto& cr : history) {
        int64_t rev = cr.GetInt("revision");
        if (std::find(seen.begin(), seen.end(), rev) != seen.end()) continue;
        seen.push_back(rev);
        std::string cause = cr.Path("metadata.annotations").GetString("kubernetes.io/change-cause");
        text += std::to_string(rev) + "\t" + (cause.empty() ? "<none>" : cause) + "\n";
    }
    w.Write(text);
    w.Flush();
    c.Out(ref + " \n" + w.Take() + "\n");
    return Status(0);
}

shell::Outcome RolloutUndo(Ctx& c, const std::vector<std::string>& args) {
    c.flags.Int("to-revision");
    AddDryRunFlag(c.flags);
    c.flags.String("output", 'o');
    c.flags.Slice("filename", 'f');
    c.flags.String("selector", 'l');
    c.flags.Bool("recursive", 'R');
    c.flags.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    const client::ResourceInfo* res = nullptr;
    std::string name;
    Value sts;
    if (!RolloutTarget(c, &res, &name, &sts, &fail)) return fail;
    if (!IsStatefulSet(res)) return c.Fail("no rollbacker has been implemented for \"" + res->kind + "\"");
    int64_t to = c.flags.GetInt("to-revision");
    if (to < 0) return c.Fail("unable to find specified revision " + std::to_string(to) + " in history");
    std::vector<Value> history;
    std::string error;
    if (!History(c, sts, &history, &error)) return c.Fail(error);
    if (to == 0 && history.size() <= 1) return c.Fail("no last revision to roll back to");
    const Value* target = nullptr;
    if (to == 0) {
        target = &history[history.size() - 2];
    } else {
        for (const auto& h : history) {
            if (h.GetInt("revision") == to) target = &h;
        }
    }
    if (!target) return c.Fail("unable to find specified revision " + std::to_string(to) + " in history");
    std::string ref = ObjectRef(*res, name);
    if (dry_run == "client") {
        c.Out(ref + " will roll back to " + DescribePodTemplate(RevisionTemplate(*target)) + " (dry run)\n");
        return Status(0);
    }
    if (RevisionTemplate(*target) == sts.Path("spec.template")) {
        c.Out(ref + " skipped rollback (current template already matches revision " +
              std::to_string(target->GetInt("revision")) + ")\n");
        return Status(0);
    }
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    auto r = c.cluster->Patch(*res, c.ns, name, client::PatchType::kStrategicMerge, target->Get("data"), "", wo);
    if (!r.ok()) {
        return c.Fail("failed restoring revision " + std::to_string(target->GetInt("revision")) + ": " +
                      ApiErrorText(r.error));
    }
    c.Out(ref + " rolled back" + DryRunSuffix(dry_run) + "\n");
    return Status(0);
}

shell::Outcome RolloutRestart(Ctx& c, const std::vector<std::string>& args) {
    AddDryRunFlag(c.flags);
    c.flags.String("output", 'o');
    c.flags.String("field-manager", 0, "kubectl-rollout");
    c.flags.Slice("filename", 'f');
    c.flags.String("selector", 'l');
    c.flags.Bool("recursive", 'R');
    c.flags.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    const client::ResourceInfo* res = nullptr;
    std::string name;
    Value sts;
    if (!RolloutTarget(c, &res, &name, &sts, &fail)) return fail;
    if (!IsStatefulSet(res)) return c.Fail(res->GroupResource() + " \"" + name + "\" restarting is not supported");
    // A client-side dry run sends nothing.
    if (dry_run == "client") {
        c.Out(ObjectRef(*res, name) + " restarted" + DryRunSuffix(dry_run) + "\n");
        return Status(0);
    }
    Value ann = Value::MakeObject({{"kubectl.kubernetes.io/restartedAt", FormatRfc3339(c.Now())}});
    Value patch = Value::MakeObject(
        {{"spec", Value::MakeObject({{"template", Value::MakeObject({{"metadata", Value::MakeObject({{"annotations", ann}})}})}})}});
    client::WriteOptions wo;
    wo.field_manager = c.flags.GetString("field-manager");
    wo.dry_run = dry_run == "server";
    auto r = c.cluster->Patch(*res, c.ns, name, client::PatchType::kStrategicMerge, patch, "", wo);
    if (!r.ok()) {
        c.Err(ApiErrorText(r.error) + "\n");
        return Status(1);
    }
    c.Out(ObjectRef(*res, name) + " restarted" + DryRunSuffix(dry_run) + "\n");
    return Status(0);
}

}  // namespace

shell::Outcome RunRollout(Ctx& c, const std::vector<std::string>& args) {
    const size_t sub = SubcommandIndex(args);
    if (sub == args.size()) {
        c.Out(HelpTexts().at("rollout"));
        return Status(1);
    }
    std::string name = args[sub];
    const std::vector<std::string> rest = Without(args, sub);
    c.command = "rollout " + name;
    if (name == "status") return RolloutStatus(c, rest);
    if (name == "history") return RolloutHistory(c, rest);
    if (name == "undo") return RolloutUndo(c, rest);
    if (name == "restart") return RolloutRestart(c, rest);
    if (name == "pause" || name == "resume") {
        c.flags.Slice("filename", 'f');
        c.flags.String("selector", 'l');
        shell::Outcome fail;
        if (!c.ParseFlags(rest, &fail)) return fail;
        const client::ResourceInfo* res = nullptr;
        std::string target;
        Value obj;
        if (!RolloutTarget(c, &res, &target, &obj, &fail)) return fail;
        return c.Fail(res->GroupResource() + " \"" + target + "\" " + (name == "pause" ? "pausing" : "resuming") +
                      " is not supported");
    }
    std::string joined = Join(rest, " ");
    c.Err("error: unknown command \"" + name + (joined.empty() ? "" : " " + joined) +
          "\"\nSee 'kubectl rollout -h' for help and examples\n");
    return Status(1);
}

// [SECTION] wait

namespace {

struct WaitFor {
    enum class Kind { kDelete, kCondition, kJsonPath, kCreate } kind = Kind::kCondition;
    std::string condition;  // lower-cased type
    std::string value = "true";
    JsonPath path;
    bool path_has_value = false;
    std::string path_value;
};

bool ParseFor(const std::string& spec, WaitFor* w, std::string* error) {
    std::string lower = ToLower(spec);
    if (lower == "delete") {
        w->kind = WaitFor::Kind::kDelete;
        return true;
    }
    if (lower == "create") {
        w->kind = WaitFor::Kind::kCreate;
        return true;
    }
    if (lower.rfind("condition=", 0) == 0) {
        std::string rest = spec.substr(10);
        size_t eq = rest.find('=');
        w->kind = WaitFor::Kind::kCondition;
        w->condition = ToLower(rest.substr(0, eq));
        if (eq != std::string::npos) w->value = ToLower(rest.substr(eq + 1));
        if (w->condition.empty()) {
            *error = "unrecognized condition: \"" + spec + "\"";
            return false;
        }
        return true;
    }
    if (lower.rfind("jsonpath=", 0) == 0) {
        std::string rest = spec.substr(9);
        if (rest.size() >= 2 && rest.front() == '\'' ) rest = rest.substr(1);
        size_t close = rest.rfind('}');
        std::string expr = close == std::string::npos ? rest : rest.substr(0, close + 1);
        std::string tail = close == std::string::npos ? "" : rest.substr(close + 1);
        if (!tail.empty() && tail.front() == '\'') tail = tail.substr(1);
        if (!tail.empty()) {
            if (tail[0] != '=') {
                *error = "jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                         "--for=jsonpath='{.status.readyReplicas}'";
                return false;
            }
            w->path_has_value = true;
            w->path_value = tail.substr(1);
        }
        std::string relaxed, perr;
        if (!RelaxedJsonPath(expr, &relaxed, &perr) || !w->path.Parse(relaxed, &perr)) {
            *error = perr;
            return false;
        }
        w->kind = WaitFor::Kind::kJsonPath;
        return true;
    }
    *error = "unrecognized condition: \"" + spec + "\"";
    return false;
}

bool ConditionMet(const WaitFor& w, const Value& obj) {
    if (w.kind == WaitFor::Kind::kCondition) {
        for (const auto& cond : obj.Path("status.conditions").items()) {
            if (ToLower(cond.GetString("type")) != w.condition) continue;
            if (ToLower(cond.GetString("status")) != w.value) return false;
            int64_t og = cond.GetInt("observedGeneration");
            if (og != 0 && og < obj.Path("metadata").GetInt("generation")) return false;
            return true;
        }
        return false;
    }
    if (w.kind == WaitFor::Kind::kJsonPath) {
        std::vector<std::vector<Value>> results;
        std::string err;
        if (!w.path.FindResults(obj, &results, &err)) return false;
        std::vector<Value> flat;
        for (const auto& l : results) flat.insert(flat.end(), l.begin(), l.end());
        if (!w.path_has_value) return !flat.empty();
        if (flat.size() != 1) return false;
        return JsonPathText(flat[0]) == w.path_value;
    }
    return true;
}

class WaitJob : public shell::Job {
public:
    struct Item {
        const client::ResourceInfo* res;
        std::string ns;
        std::string name;
        std::string uid;
    };
    WaitJob(client::Cluster* cluster, WaitFor w, std::vector<Item> items, Duration timeout,
            std::shared_ptr<shell::OutputSink> out, std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), for_(std::move(w)), items_(std::move(items)), timeout_(timeout), out_(std::move(out)),
          err_(std::move(err)) {
        start_ = cluster_->Now();
    }
    // Checks items in order; true when all are done (or the wait failed).
    bool Check() {
        while (next_ < items_.size()) {
            const Item& it = items_[next_];
            auto r = cluster_->Get(*it.res, it.ns, it.name);
            bool met = false;
            if (for_.kind == WaitFor::Kind::kDelete) {
                met = !r.ok() || r.value.Path("metadata.uid").AsString() != it.uid;
            } else if (r.ok()) {
                met = ConditionMet(for_, r.value);
            }
            if (!met) break;
            out_->Write(ObjectRef(*it.res, it.name) + " condition met\n");
            ++next_;
        }
        if (next_ >= items_.size()) return true;
        if (cluster_->Now() - start_ >= timeout_) {
            const Item& it = items_[next_];
            // --for=create times out in its polling loop, before any object is named.
            if (for_.kind == WaitFor::Kind::kCreate) err_->Write("error: timed out waiting for the condition\n");
            else err_->Write("error: timed out waiting for the condition on " + it.res->resource + "/" + it.name + "\n");
            code_ = 1;
            return true;
        }
        return false;
    }
    bool Poll() override { return interrupted_ || Check(); }
    std::optional<Time> WakeTime() const override { return start_ + timeout_; }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : code_; }

private:
    client::Cluster* cluster_;
    WaitFor for_;
    std::vector<Item> items_;
    Duration timeout_;
    std::shared_ptr<shell::OutputSink> out_;
    std::shared_ptr<shell::OutputSink> err_;
    size_t next_ = 0;
    Time start_ = 0;
    int code_ = 0;
    bool interrupted_ = false;
};

}  // namespace

shell::Outcome RunWait(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("for");
    f.Add({"timeout", 0, FlagKind::kDuration, "30s", "", ""});
    f.String("selector", 'l');
    f.String("field-selector");
    f.Bool("all");
    f.Bool("all-namespaces", 'A');
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("output", 'o');
    f.Bool("local");
    f.String("kustomize", 'k');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    WaitFor w;
    std::string error;
    if (!ParseFor(f.GetString("for"), &w, &error)) return c.Fail(error);
    std::vector<ResourceTarget> targets;
    if (!ResolveArgs(*c.mapper, c.flags.args(), &targets, &error)) return c.Fail(error);
    if (targets.empty()) {
        return c.Fail("You must provide one or more resources by argument or filename.\nExample resource "
                      "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                      "   '<resource>'");
    }
    std::vector<WaitJob::Item> items;
    std::string errors;
    for (const auto& t : targets) {
        std::string ns = t.res->namespaced ? (f.GetBool("all-namespaces") ? "" : c.ns) : "";
        if (!t.name.empty()) {
            auto r = c.cluster->Get(*t.res, ns, t.name);
            if (!r.ok()) {
                if (w.kind == WaitFor::Kind::kDelete && r.error.reason == "NotFound") continue;
                // --for=create polls until the named object exists.
                if (w.kind == WaitFor::Kind::kCreate && r.error.reason == "NotFound") {
                    items.push_back({t.res, ns, t.name, ""});
                    continue;
                }
                c.Err(ApiErrorText(r.error) + "\n");
                return Status(1);
            }
            items.push_back({t.res, ns, t.name, r.value.Path("metadata.uid").AsString()});
            continue;
        }
        if (f.GetString("selector").empty() && !f.GetBool("all") && f.GetString("field-selector").empty()) {
            return c.Fail("resource(s) were provided, but no name was specified");
        }
        client::ListOptions lo;
        lo.label_selector = f.GetString("selector");
        lo.field_selector = f.GetString("field-selector");
        auto r = c.cluster->List(*t.res, ns, lo);
        if (!r.ok()) {
            c.Err(ApiErrorText(r.error) + "\n");
            return Status(1);
        }
        for (const auto& item : r.value.Get("items").items()) {
            items.push_back({t.res, item.Path("metadata.namespace").AsString(), item.Path("metadata.name").AsString(),
                             item.Path("metadata.uid").AsString()});
        }
    }
    if (items.empty()) {
        bool named = false;
        for (const auto& t : targets) {
            if (!t.name.empty()) named = true;
        }
        if (w.kind == WaitFor::Kind::kDelete && named) return Status(0);
        return c.Fail("no matching resources found");
    }
    Duration timeout = f.GetDuration("timeout");
    if (timeout < 0) timeout = Hours(24 * 7);
    auto job = std::make_unique<WaitJob>(c.cluster, std::move(w), std::move(items), timeout, c.inv->out, c.inv->err);
    if (job->Check()) return Status(job->ExitCode());
    shell::Outcome o;
    o.job = std::move(job);
    return o;
}

}  // namespace sts::kubectl
