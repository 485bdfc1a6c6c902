// kubectl cordon / uncordon / drain / taint (pkg/cmd/drain/drain.go, pkg/drain/drain.go and
// filters.go, pkg/cmd/taint/taint.go and utils.go): node scheduling marks, evicting a node's
// pods with drain's filters (DaemonSet-managed, mirror, emptyDir, unmanaged pods) and its
// messages, and taint edits. Drain waits in simulated time for each evicted pod to be gone,
// checking once a second as kubectl's waitForDelete does.
#include <set>

#include "core/strings.h"
#include "k8s/labels.h"
#include "kubectl/internal.h"

namespace sts::kubectl {

namespace {

constexpr const char* kMirrorAnnotation = "kubernetes.io/config.mirror";

struct NodeInfo {
    std::string name;
    Value object;
};

// The resource builder over node names or a label selector; false after printing the error.
bool CollectNodes(Ctx& c, bool allow_all, std::vector<NodeInfo>* out, shell::Outcome* fail) {
    const client::ResourceInfo* nodes = c.mapper->Find("nodes");
    if (!nodes) {
        *fail = c.Fail("the server doesn't have a resource type \"nodes\"");
        return false;
    }
    const std::string selector = c.flags.Has("selector") ? c.flags.GetString("selector") : "";
    const bool all = allow_all && c.flags.Has("all") && c.flags.GetBool("all");
    if (!selector.empty() || all) {
        client::ListOptions lo;
        lo.label_selector = selector;
        auto r = c.cluster->List(*nodes, "", lo);
        if (!r.ok()) {
            c.Err(ApiErrorText(r.error) + "\n");
            *fail = Status(1);
            return false;
        }
        for (const auto& n : r.value.Get("items").items()) out->push_back({n.Path("metadata.name").AsString(), n});
        return true;
    }
    for (const auto& name : c.flags.args()) {
        auto r = c.cluster->Get(*nodes, "", name);
        if (!r.ok()) {
            c.Err(ApiErrorText(r.error) + "\n");
            *fail = Status(1);
            return false;
        }
        out->push_back({name, r.value});
    }
    return true;
}

// RunCordonOrUncordon: "node/x cordoned", "node/x already cordoned", or an error line.
void CordonNodes(Ctx& c, const std::vector<NodeInfo>& nodes, bool desired, const std::string& dry_run) {
    const client::ResourceInfo* res = c.mapper->Find("nodes");
    const std::string verb = desired ? "cordon" : "uncordon";
    for (const auto& n : nodes) {
        bool current = n.object.Path("spec").GetBool("unschedulable");
        if (current == desired) {
            c.Out("node/" + n.name + " already " + verb + "ed" + DryRunSuffix(dry_run) + "\n");
            continue;
        }
        if (dry_run != "client") {
            Value patch = Value::MakeObject(
                {{"spec", Value::MakeObject({{"unschedulable", desired ? Value(true) : Value()}})}});
            client::WriteOptions wo;
            wo.dry_run = dry_run == "server";
            auto r = c.cluster->Patch(*res, "", n.name, client::PatchType::kStrategicMerge, patch, "", wo);
            if (!r.ok()) {
                c.Err("error: unable to " + verb + " node \"" + n.name + "\": " + r.error.message + "\n");
                continue;
            }
        }
        c.Out("node/" + n.name + " " + verb + "ed" + DryRunSuffix(dry_run) + "\n");
    }
}

// [SECTION] cordon / uncordon

shell::Outcome Cordon(Ctx& c, const std::vector<std::string>& args, bool desired) {
    c.flags.String("selector", 'l');
    AddDryRunFlag(c.flags);
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (c.flags.args().empty() && !c.flags.Changed("selector")) return c.Usage("USAGE: " + c.command + " NODE [flags]");
    if (!c.flags.args().empty() && !c.flags.GetString("selector").empty()) {
        return c.Usage("cannot specify both a node name and a --selector option");
    }
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    std::vector<NodeInfo> nodes;
    if (!CollectNodes(c, false, &nodes, &fail)) return fail;
    CordonNodes(c, nodes, desired, dry_run);
    return Status(0);
}

// [SECTION] drain

struct DrainOptions {
    bool force = false;
    bool ignore_daemonsets = false;
    bool delete_emptydir_data = false;
    bool disable_eviction = false;
    int64_t grace_period = -1;
    Duration timeout = 0;
    std::string pod_selector;
    std::string dry_run;
};

// The filters of pkg/drain in their order; the first that refuses a pod decides, and only the
// last warning is kept.
struct PodVerdict {
    bool remove = true;
    std::string warning;
    std::string error;
};

PodVerdict Filter(const Value& pod, const DrainOptions& o) {
    PodVerdict v;
    const std::string phase = pod.Path("status.phase").AsString();
    const bool finished = phase == "Succeeded" || phase == "Failed";
    const Value* controller = nullptr;
    for (const auto& ref : pod.Path("metadata.ownerReferences").items()) {
        if (ref.GetBool("controller")) controller = &ref;
    }
    // DaemonSet-managed pods stay: their controller would recreate them right away.
    if (controller && controller->GetString("kind") == "DaemonSet" && !finished) {
        v.remove = false;
        if (!o.ignore_daemonsets) v.error = "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)";
        else v.warning = "ignoring DaemonSet-managed Pods";
        return v;
    }
    // Mirror pods of static pods are the kubelet's business.
    if (pod.Path("metadata.annotations").Has(kMirrorAnnotation)) {
        v.remove = false;
        return v;
    }
    bool local_storage = false;
    for (const auto& vol : pod.Path("spec.volumes").items()) local_storage |= vol.Has("emptyDir");
    if (local_storage && !finished) {
        if (!o.delete_emptydir_data) {
            v.remove = false;
            v.error = "Pods with local storage (use --delete-emptydir-data to override)";
            return v;
        }
        v.warning = "deleting Pods with local storage";
    }
    if (!finished && !controller) {
        if (!o.force) {
            v.remove = false;
            v.warning.clear();
            v.error = "cannot delete Pods that declare no controller (use --force to override)";
            return v;
        }
        v.warning = "deleting Pods that declare no controller";
    }
    return v;
}

// Messages grouped by text, in order of first appearance: "<msg>: ns/a, ns/b".
std::vector<std::string> Grouped(const std::vector<std::pair<std::string, std::string>>& items) {
    std::vector<std::string> order;
    std::map<std::string, std::vector<std::string>> pods;
    for (const auto& [msg, pod] : items) {
        if (!pods.count(msg)) order.push_back(msg);
        pods[msg].push_back(pod);
    }
    std::vector<std::string> out;
    for (const auto& msg : order) out.push_back(msg + ": " + Join(pods[msg], ", "));
    return out;
}

std::string AggregateText(const std::vector<std::string>& errs) {
    if (errs.size() == 1) return errs[0];
    return "[" + Join(errs, ", ") + "]";
}

// Evicts (or deletes) one node's pods after another and waits for them to go away.
class DrainJob : public shell::Job {
public:
    DrainJob(Ctx& c, std::vector<NodeInfo> nodes, DrainOptions opts)
        : cluster_(c.cluster), pods_res_(c.mapper->Find("pods")), nodes_(std::move(nodes)), opts_(std::move(opts)),
          out_(c.inv->out), err_(c.inv->err), wait_limit_(c.settings->wait_limit) {}

    // Runs until the first wait; true when everything is done already.
    bool Start() { return Advance(); }

    bool Poll() override {
        if (interrupted_) return true;
        if (cluster_->Now() < next_check_) return false;
        return Advance();
    }
    std::optional<Time> WakeTime() const override { return next_check_; }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : status_; }

private:
    struct Waiting {
        std::string ns, name, uid;
    };

    bool Advance() {
        while (true) {
            if (!waiting_.empty()) {
                CheckDeleted();
                if (!waiting_.empty()) {
                    Time now = cluster_->Now();
                    Duration limit = opts_.timeout > 0 ? opts_.timeout : wait_limit_;
                    if (limit > 0 && now - node_start_ >= limit) {
                        std::vector<std::string> errs;
                        for (const auto& w : waiting_) {
                            errs.push_back("error when waiting for pod \"" + w.name + "\" terminating: global timeout reached: " +
                                           GoDurationString(limit));
                        }
                        waiting_.clear();
                        NodeFailed(AggregateText(errs));
                        continue;
                    }
                    next_check_ = now + Seconds(1);
                    return false;
                }
                out_->Write("node/" + nodes_[index_].name + " drained\n");
                ++index_;
                continue;
            }
            if (index_ >= nodes_.size()) {
                Finish();
                return true;
            }
            if (StartNode()) continue;
        }
    }

    // Lists and filters the node's pods and evicts them; false when the node needs no waiting.
    bool StartNode() {
        const NodeInfo& node = nodes_[index_];
        node_start_ = cluster_->Now();
        client::ListOptions lo;
        lo.field_selector = "spec.nodeName=" + node.name;
        lo.label_selector = opts_.pod_selector;
        auto r = cluster_->List(*pods_res_, "", lo);
        if (!r.ok()) {
            NodeFailed(ApiErrorText(r.error));
            ++index_;
            return true;
        }
        std::vector<Value> remove;
        std::vector<std::pair<std::string, std::string>> warnings, errors;
        for (const auto& pod : r.value.Get("items").items()) {
            if (pod.Path("spec.nodeName").AsString() != node.name) continue;
            PodVerdict v = Filter(pod, opts_);
            std::string ref = pod.Path("metadata.namespace").AsString() + "/" + pod.Path("metadata.name").AsString();
            if (!v.error.empty()) errors.emplace_back(v.error, ref);
            else if (!v.warning.empty()) warnings.emplace_back(v.warning, ref);
            if (v.remove && v.error.empty()) remove.push_back(pod);
        }
        if (!errors.empty()) {
            std::vector<std::string> errs;
            for (const auto& e : Grouped(errors)) errs.push_back("cannot delete " + e);
            NodeFailed(AggregateText(errs));
            ++index_;
            return true;
        }
        if (!warnings.empty()) err_->Write("Warning: " + Join(Grouped(warnings), "; ") + "\n");
        if (opts_.dry_run == "client") {
            for (const auto& pod : remove) {
                out_->Write("evicting pod " + pod.Path("metadata.namespace").AsString() + "/" +
                            pod.Path("metadata.name").AsString() + " (dry run)\n");
            }
            out_->Write("node/" + node.name + " drained (dry run)\n");
            ++index_;
            return true;
        }
        client::DeleteOptions d;
        if (opts_.grace_period >= 0) d.grace_period_seconds = opts_.grace_period;
        d.dry_run = opts_.dry_run == "server";
        for (const auto& pod : remove) {
            std::string ns = pod.Path("metadata.namespace").AsString();
            std::string name = pod.Path("metadata.name").AsString();
            // The playground's API server has no PodDisruptionBudgets, so an eviction is the
            // graceful delete the eviction subresource performs.
            if (!opts_.disable_eviction) out_->Write("evicting pod " + ns + "/" + name + "\n");
            auto del = cluster_->Delete(*pods_res_, ns, name, d);
            if (!del.ok() && del.error.reason != "NotFound") {
                NodeFailed((opts_.disable_eviction ? "" : "error when evicting pods/\"" + name + "\" -n \"" + ns + "\": ") +
                           ApiErrorText(del.error));
                waiting_.clear();
                ++index_;
                return true;
            }
            waiting_.push_back({ns, name, pod.Path("metadata.uid").AsString()});
        }
        if (waiting_.empty()) {
            out_->Write("node/" + node.name + " drained\n");
            ++index_;
        }
        return true;
    }

    void CheckDeleted() {
        std::vector<Waiting> left;
        for (const auto& w : waiting_) {
            auto r = cluster_->Get(*pods_res_, w.ns, w.name);
            if (!r.ok() || r.value.Path("metadata.uid").AsString() != w.uid) {
                out_->Write("pod/" + w.name + (opts_.disable_eviction ? " deleted\n" : " evicted\n"));
                continue;
            }
            left.push_back(w);
        }
        waiting_ = std::move(left);
    }

    void NodeFailed(const std::string& error) {
        err_->Write("error: unable to drain node \"" + nodes_[index_].name + "\" due to error: " + error +
                    ", continuing command...\n");
        failed_.push_back({nodes_[index_].name, error});
    }

    void Finish() {
        if (failed_.empty()) return;
        std::string text = "There are pending nodes to be drained:\n";
        for (const auto& f : failed_) text += " " + f.first + "\n";
        for (const auto& f : failed_) text += f.second + "\n";
        err_->Write(text);
        status_ = 1;
    }

    static std::string GoDurationString(Duration d) {
        int64_t s = d / 1000;
        if (s % 3600 == 0 && s >= 3600) return std::to_string(s / 3600) + "h0m0s";
        if (s >= 3600) return std::to_string(s / 3600) + "h" + std::to_string((s % 3600) / 60) + "m" + std::to_string(s % 60) + "s";
        if (s >= 60) return std::to_string(s / 60) + "m" + std::to_string(s % 60) + "s";
        return std::to_string(s) + "s";
    }

    client::Cluster* cluster_;
    const client::ResourceInfo* pods_res_;
    std::vector<NodeInfo> nodes_;
    DrainOptions opts_;
    std::shared_ptr<shell::OutputSink> out_;
    std::shared_ptr<shell::OutputSink> err_;
    Duration wait_limit_;
    size_t index_ = 0;
    std::vector<Waiting> waiting_;
    std::vector<std::pair<std::string, std::string>> failed_;
    Time next_check_ = 0;
    Time node_start_ = 0;
    int status_ = 0;
    bool interrupted_ = false;
};

shell::Outcome Drain(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Bool("force");
    f.Bool("ignore-daemonsets");
    f.Bool("delete-emptydir-data");
    f.Int("grace-period", 0, -1);
    f.Dur("timeout");
    f.String("selector", 'l');
    f.String("pod-selector");
    f.Bool("disable-eviction");
    f.Int("skip-wait-for-delete-timeout", 0, 0);
    f.Int("chunk-size", 0, 500);
    AddDryRunFlag(f);
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (f.args().empty() && !f.Changed("selector")) return c.Usage("USAGE: drain NODE [flags]");
    if (!f.args().empty() && !f.GetString("selector").empty()) {
        return c.Usage("cannot specify both a node name and a --selector option");
    }
    DrainOptions o;
    o.dry_run = DryRunStrategy(c, &fail);
    if (o.dry_run.empty()) return fail;
    o.force = f.GetBool("force");
    o.ignore_daemonsets = f.GetBool("ignore-daemonsets");
    o.delete_emptydir_data = f.GetBool("delete-emptydir-data");
    o.disable_eviction = f.GetBool("disable-eviction");
    o.grace_period = f.GetInt("grace-period");
    o.timeout = f.GetDuration("timeout");
    o.pod_selector = f.GetString("pod-selector");
    if (!o.pod_selector.empty()) {
        k8s::Selector sel;
        std::string error;
        if (!k8s::ParseSelector(o.pod_selector, &sel, &error)) {
            return c.Fail("--pod-selector=<pod_selector> must be a valid label selector");
        }
    }
    std::vector<NodeInfo> nodes;
    if (!CollectNodes(c, false, &nodes, &fail)) return fail;
    CordonNodes(c, nodes, true, o.dry_run);
    auto job = std::make_unique<DrainJob>(c, std::move(nodes), o);
    if (job->Start()) return Status(job->ExitCode());
    shell::Outcome out;
    out.job = std::move(job);
    return out;
}

// [SECTION] taint

struct Taint {
    std::string key, value, effect;
    // Taint.ToString: key[=value][:effect].
    std::string Text() const {
        std::string s = key;
        if (!value.empty()) s += "=" + value;
        if (!effect.empty()) s += ":" + effect;
        return s;
    }
};

// parseTaint: "<key>=<value>:<effect>", "<key>:<effect>" or "<key>".
bool ParseTaint(const std::string& spec, Taint* out, std::string* error) {
    std::vector<std::string> parts = Split(spec, ':');
    Taint t;
    if (parts.size() == 1) {
        t.key = parts[0];
    } else if (parts.size() == 2) {
        t.effect = parts[1];
        if (t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute") {
            *error = "invalid taint effect: " + t.effect + ", unsupported taint effect";
            return false;
        }
        std::vector<std::string> kv = Split(parts[0], '=');
        if (kv.size() > 2) {
            *error = "invalid taint spec: " + spec;
            return false;
        }
        t.key = kv[0];
        if (kv.size() == 2) {
            t.value = kv[1];
            auto errs = k8s::ValidateLabelValue(t.value);
            if (!errs.empty()) {
                *error = "invalid taint spec: " + spec + ", " + Join(errs, "; ");
                return false;
            }
        }
    } else {
        *error = "invalid taint spec: " + spec;
        return false;
    }
    auto errs = k8s::ValidateLabelKey(t.key);
    if (!errs.empty()) {
        *error = "invalid taint spec: " + spec + ", " + Join(errs, "; ");
        return false;
    }
    *out = t;
    return true;
}

shell::Outcome TaintCmd(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("selector", 'l');
    f.Bool("overwrite");
    f.Bool("all");
    f.String("output", 'o');
    f.String("template");
    f.Bool("allow-missing-template-keys", 0, true);
    f.Bool("show-managed-fields");
    f.Add({"validate", 0, FlagKind::kString, "strict", "strict", ""});
    f.String("field-manager", 0, "kubectl-taint");
    AddDryRunFlag(f);
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string dry_run = DryRunStrategy(c, &fail);
    if (dry_run.empty()) return fail;
    std::vector<std::string> resources, specs;
    bool met = false;
    for (const auto& s : f.args()) {
        bool is_taint = s.find('=') != std::string::npos || s.find(':') != std::string::npos ||
                        (!s.empty() && s.back() == '-');
        if (is_taint) {
            met = true;
            specs.push_back(s);
        } else if (met) {
            return c.Fail("all resources must be specified before taint changes: " + s);
        } else {
            resources.push_back(s);
        }
    }
    if (resources.empty()) return c.Fail("one or more resources must be specified as <resource> <name>");
    if (specs.empty()) return c.Fail("at least one taint update is required");
    std::vector<Taint> add, remove;
    for (const auto& spec : specs) {
        Taint t;
        std::string error;
        bool removal = spec.back() == '-';
        if (!ParseTaint(removal ? spec.substr(0, spec.size() - 1) : spec, &t, &error)) return c.Usage(error);
        if (removal) {
            remove.push_back({t.key, "", t.effect});
            continue;
        }
        if (t.effect.empty()) return c.Usage("invalid taint spec: " + spec);
        for (const auto& a : add) {
            if (a.key == t.key && a.effect == t.effect) {
                return c.Usage("duplicated taints with the same key and effect: {" + t.key + " " + t.value + " " +
                               t.effect + " <nil>}");
            }
        }
        add.push_back(t);
    }
    // Validate: only nodes, no add/remove conflicts, names unless --all or -l.
    const std::string type = ToLower(resources[0]);
    const client::ResourceInfo* res = c.mapper->Find(type);
    if (!res) {
        c.Err("the server doesn't have a resource type \"" + type + "\"\n");
        return Status(1);
    }
    if (res->kind != "Node") return c.Fail("invalid resource type " + type + ", only node types are supported");
    std::vector<std::string> conflicts;
    for (const auto& a : add) {
        for (const auto& r : remove) {
            if (a.key != r.key) continue;
            if (r.effect.empty() || a.effect == r.effect) conflicts.push_back(r.key + "=" + r.effect);
        }
    }
    if (!conflicts.empty()) {
        return c.Fail("can not both modify and remove the following taint(s) in the same command: " + Join(conflicts, ", "));
    }
    const bool all = f.GetBool("all");
    const std::string selector = f.GetString("selector");
    if (all && !selector.empty()) return c.Fail("setting 'all' parameter with a non empty selector is prohibited");
    if (!all && selector.empty() && resources.size() < 2) {
        return c.Fail("at least one resource name must be specified since 'all' parameter is not set");
    }
    std::vector<NodeInfo> nodes;
    if (all || !selector.empty()) {
        client::ListOptions lo;
        lo.label_selector = selector;
        auto r = c.cluster->List(*res, "", lo);
        if (!r.ok()) {
            c.Err(ApiErrorText(r.error) + "\n");
            return Status(1);
        }
        for (const auto& n : r.value.Get("items").items()) nodes.push_back({n.Path("metadata.name").AsString(), n});
    } else {
        for (size_t i = 1; i < resources.size(); ++i) {
            auto r = c.cluster->Get(*res, "", resources[i]);
            if (!r.ok()) {
                c.Err(ApiErrorText(r.error) + "\n");
                return Status(1);
            }
            nodes.push_back({resources[i], r.value});
        }
    }
    const bool overwrite = f.GetBool("overwrite");
    for (const auto& n : nodes) {
        std::vector<Taint> old;
        for (const auto& t : n.object.Path("spec.taints").items()) {
            old.push_back({t.GetString("key"), t.GetString("value"), t.GetString("effect")});
        }
        if (!overwrite) {
            std::vector<std::string> exists;
            for (const auto& a : add)
                for (const auto& o : old)
                    if (a.key == o.key && a.effect == o.effect) exists.push_back(a.key);
            if (!exists.empty()) {
                return c.Fail("node " + n.name + " already has " + Join(exists, ",") +
                              " taint(s) with same effect(s) and --overwrite is false");
            }
        }
        // reorganizeTaints: new taints first, then the old ones they do not replace, minus removals.
        std::vector<Taint> result = add;
        for (const auto& o : old) {
            bool replaced = false;
            for (const auto& a : add) replaced |= a.key == o.key && a.effect == o.effect;
            if (!replaced) result.push_back(o);
        }
        const bool added = old.size() != result.size();
        bool deleted = false;
        std::vector<std::string> errs;
        for (const auto& r : remove) {
            std::vector<Taint> kept;
            for (const auto& t : result) {
                bool match = t.key == r.key && (r.effect.empty() || t.effect == r.effect);
                if (!match) kept.push_back(t);
            }
            deleted = kept.size() != result.size();
            if (!deleted) errs.push_back("taint \"" + r.Text() + "\" not found");
            result = std::move(kept);
        }
        if (!errs.empty()) return c.Fail(AggregateText(errs));
        std::string op = (added && deleted) || overwrite ? "modified" : added ? "tainted" : "untainted";
        if (dry_run != "client") {
            Value list = Value::MakeArray();
            for (const auto& t : result) {
                // Keep what the server knows about taints that did not change (timeAdded).
                Value v;
                for (const auto& ot : n.object.Path("spec.taints").items()) {
                    if (ot.GetString("key") == t.key && ot.GetString("effect") == t.effect &&
                        ot.GetString("value") == t.value)
                        v = ot;
                }
                if (!v.IsObject()) {
                    v = Value::MakeObject({{"effect", t.effect}, {"key", t.key}});
                    if (!t.value.empty()) v.Set("value", t.value);
                }
                list.Push(v);
            }
            Value patch = Value::MakeObject(
                {{"spec", Value::MakeObject({{"taints", list.size() ? list : Value()}})}});
            client::WriteOptions wo;
            wo.dry_run = dry_run == "server";
            wo.field_manager = f.GetString("field-manager");
            auto r = c.cluster->Patch(*res, "", n.name, client::PatchType::kStrategicMerge, patch, "", wo);
            if (!r.ok()) {
                c.Err(ApiErrorText(r.error) + "\n");
                return Status(1);
            }
        }
        if (f.GetString("output") == "name") c.Out("node/" + n.name + "\n");
        else c.Out("node/" + n.name + " " + op + "\n");
    }
    return Status(0);
}

}  // namespace

shell::Outcome RunNodeCommand(Ctx& c, const std::vector<std::string>& args) {
    if (c.command == "cordon") return Cordon(c, args, true);
    if (c.command == "uncordon") return Cordon(c, args, false);
    if (c.command == "drain") return Drain(c, args);
    return TaintCmd(c, args);
}

}  // namespace sts::kubectl
