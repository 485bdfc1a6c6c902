// The kubectl dispatcher: global flags, subcommand lookup with cobra's "Did you mean this?"
// suggestions, and the small commands (version, api-resources, api-versions). Per-command
// behaviour lives in cmd_*.cpp.
#include "kubectl/kubectl.h"

#include <algorithm>

#include "core/strings.h"
#include "core/yaml_emit.h"
#include "kubectl/internal.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

namespace {

// kubectl 1.33's `kubectl --help`.
const char* kRootHelp = R"HELP(kubectl controls the Kubernetes cluster manager.

 Find more information at: https://kubernetes.io/docs/reference/kubectl/

Basic Commands (Beginner):
  create          Create a resource from a file or from stdin
  expose          Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service
  run             Run a particular image on the cluster
  set             Set specific features on objects

Basic Commands (Intermediate):
  explain         Get documentation for a resource
  get             Display one or many resources
  edit            Edit a resource on the server
  delete          Delete resources by file names, stdin, resources and names, or by resources and label selector

Deploy Commands:
  rollout         Manage the rollout of a resource
  scale           Set a new size for a deployment, replica set, or replication controller
  autoscale       Auto-scale a deployment, replica set, stateful set, or replication controller

Cluster Management Commands:
  certificate     Modify certificate resources
  cluster-info    Display cluster information
  top             Display resource (CPU/memory) usage
  cordon          Mark node as unschedulable
  uncordon        Mark node as schedulable
  drain           Drain node in preparation for maintenance
  taint           Update the taints on one or more nodes

Troubleshooting and Debugging Commands:
  describe        Show details of a specific resource or group of resources
  logs            Print the logs for a container in a pod
  attach          Attach to a running container
  exec            Execute a command in a container
  port-forward    Forward one or more local ports to a pod
  proxy           Run a proxy to the Kubernetes API server
  cp              Copy files and directories to and from containers
  auth            Inspect authorization
  debug           Create debugging sessions for troubleshooting workloads and nodes
  events          List events

Advanced Commands:
  diff            Diff the live version against a would-be applied version
  apply           Apply a configuration to a resource by file name or stdin
  patch           Update fields of a resource
  replace         Replace a resource by file name or stdin
  wait            Experimental: Wait for a specific condition on one or many resources
  kustomize       Build a kustomization target from a directory or URL

Settings Commands:
  label           Update the labels on a resource
  annotate        Update the annotations on a resource
  completion      Output shell completion code for the specified shell (bash, zsh, fish, or powershell)

Subcommands provided by plugins:

Other Commands:
  api-resources   Print the supported API resources on the server
  api-versions    Print the supported API versions on the server, in the form of "group/version"
  config          Modify kubeconfig files
  plugin          Provides utilities for interacting with plugins
  version         Print the client and server version information

Usage:
  kubectl [flags] [options]

Use "kubectl <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
)HELP";

// Subcommands in the order kubectl registers them (cobra suggests in this order).
const std::vector<std::string>& AllCommands() {
    static const std::vector<std::string> names = {
        "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
        "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
        "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace",
        "wait", "kustomize", "label", "annotate", "completion", "config", "plugin", "version", "api-versions",
        "api-resources", "options"};
    return names;
}

// Case-insensitive Levenshtein distance, as cobra's ld(..., ignoreCase=true).
int Distance(const std::string& a, const std::string& b) { return EditDistance(ToLower(a), ToLower(b)); }

std::vector<std::string> Suggestions(const std::string& typed) {
    std::vector<std::string> out;
    for (const auto& name : AllCommands()) {
        bool by_distance = Distance(typed, name) <= 2;
        bool by_prefix = ToLower(name).rfind(ToLower(typed), 0) == 0;
        if (by_distance || by_prefix) out.push_back(name);
        if (name == "get" && (ToLower(typed) == "list" || ToLower(typed) == "ps")) out.push_back(name);
    }
    return out;
}

Value VersionInfo(const ConsoleSettings& s) {
    std::string v = s.client_git_version;
    std::string minor = "33";
    size_t dot = v.find('.');
    if (dot != std::string::npos) minor = v.substr(dot + 1, v.find('.', dot + 1) - dot - 1);
    return Value::MakeObject({{"major", "1"},
                              {"minor", minor},
                              {"gitVersion", v},
                              {"gitCommit", "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828"},
                              {"gitTreeState", "clean"},
                              {"buildDate", "2025-05-15T08:27:33Z"},
                              {"goVersion", "go1.24.2"},
                              {"compiler", "gc"},
                              {"platform", "linux/amd64"}});
}

// Go's json.MarshalIndent of version.Info keeps the struct's field order.
std::string VersionJson(const Value& info, int indent) {
    static const char* kOrder[] = {"major", "minor", "gitVersion", "gitCommit", "gitTreeState", "buildDate",
                                   "goVersion", "compiler", "platform"};
    std::string pad(static_cast<size_t>(indent), ' ');
    std::string out = "{\n";
    bool first = true;
    for (const char* k : kOrder) {
        if (!info.Has(k)) continue;
        if (!first) out += ",\n";
        first = false;
        out += pad + "  " + JsonQuote(k) + ": " + JsonQuote(info.GetString(k));
    }
    return out + "\n" + pad + "}";
}

shell::Outcome RunVersion(Ctx& c, const std::vector<std::string>& args) {
    c.flags.Bool("client");
    c.flags.String("output", 'o');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (!c.flags.args().empty()) {
        return c.Fail("extra arguments: [" + Join(c.flags.args(), " ") + "]");
    }
    std::string o = c.flags.GetString("output");
    if (!o.empty() && o != "yaml" && o != "json") return c.Fail("--output must be 'yaml' or 'json'");
    bool client_only = c.flags.GetBool("client");
    Value client_info = VersionInfo(*c.settings);
    Value server_info;
    if (!client_only) server_info = c.cluster->ServerVersion();
    if (o == "json") {
        std::string out = "{\n  \"clientVersion\": " + VersionJson(client_info, 2) + ",\n  \"kustomizeVersion\": " +
                          JsonQuote(c.settings->kustomize_version);
        if (!client_only) out += ",\n  \"serverVersion\": " + VersionJson(server_info, 2);
        c.Out(out + "\n}\n");
        return Status(0);
    }
    if (o == "yaml") {
        Value all = Value::MakeObject();
        all.Set("clientVersion", client_info);
        all.Set("kustomizeVersion", c.settings->kustomize_version);
        if (!client_only) all.Set("serverVersion", server_info);
        c.Out(EmitYaml(all) + "\n");
        return Status(0);
    }
    std::string out = "Client Version: " + client_info.GetString("gitVersion") + "\n";
    out += "Kustomize Version: " + c.settings->kustomize_version + "\n";
    if (!client_only) {
        std::string sv = server_info.GetString("gitVersion");
        out += "Server Version: " + sv + "\n";
        int64_t cm = 0, sm = 0;
        ParseInt64(client_info.GetString("minor"), &cm);
        std::string smin = server_info.GetString("minor");
        while (!smin.empty() && (smin.back() < '0' || smin.back() > '9')) smin.pop_back();
        ParseInt64(smin, &sm);
        if (sm != 0 && (cm - sm > 1 || sm - cm > 1)) {
            out += "WARNING: version difference between client (1." + std::to_string(cm) + ") and server (1." +
                   std::to_string(sm) + ") exceeds the supported minor version skew of +/-1\n";
        }
    }
    c.Out(out);
    return Status(0);
}

shell::Outcome RunApiResources(Ctx& c, const std::vector<std::string>& args) {
    c.flags.String("output", 'o');
    c.flags.Bool("namespaced", 0, true);
    c.flags.Bool("no-headers");
    c.flags.String("api-group");
    c.flags.Bool("cached");
    c.flags.String("sort-by");
    c.flags.Slice("verbs");
    c.flags.Slice("categories");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::vector<const client::ResourceInfo*> res;
    for (const auto& r : c.cluster->Resources()) {
        if (r.resource.find('/') != std::string::npos) continue;
        if (c.flags.Changed("namespaced") && r.namespaced != c.flags.GetBool("namespaced")) continue;
        if (c.flags.Changed("api-group") && r.group != c.flags.GetString("api-group")) continue;
        res.push_back(&r);
    }
    std::stable_sort(res.begin(), res.end(), [](const client::ResourceInfo* a, const client::ResourceInfo* b) {
        if (a->group != b->group) return a->group < b->group;
        return a->resource < b->resource;
    });
    std::string o = c.flags.GetString("output");
    std::string out;
    if (o == "name") {
        for (const auto* r : res) out += r->group.empty() ? r->resource + "\n" : r->resource + "." + r->group + "\n";
        c.Out(out);
        return Status(0);
    }
    TabWriter w;
    std::string text;
    if (!c.flags.GetBool("no-headers")) text += "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n";
    for (const auto* r : res) {
        text += r->resource + "\t" + Join(r->short_names, ",") + "\t" + r->ApiVersion() + "\t" +
                (r->namespaced ? "true" : "false") + "\t" + r->kind + "\n";
    }
    w.Write(text);
    w.Flush();
    c.Out(w.Take());
    return Status(0);
}

shell::Outcome RunApiVersions(Ctx& c, const std::vector<std::string>& args) {
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::vector<std::string> versions;
    for (const auto& r : c.cluster->Resources()) {
        std::string v = r.ApiVersion();
        if (std::find(versions.begin(), versions.end(), v) == versions.end()) versions.push_back(v);
    }
    std::sort(versions.begin(), versions.end());
    std::string out;
    for (const auto& v : versions) out += v + "\n";
    c.Out(out);
    return Status(0);
}

}  // namespace

// [SECTION] Ctx

shell::Outcome Status(int code) {
    shell::Outcome o;
    o.status = code;
    return o;
}

shell::Outcome Ctx::Fail(const std::string& msg) const {
    std::string m = msg;
    if (m.empty() || m.back() != '\n') m += "\n";
    Err("error: " + m);
    return Status(1);
}

shell::Outcome Ctx::Usage(const std::string& msg) const {
    Err("error: " + msg + "\nSee 'kubectl " + command + " -h' for help and examples\n");
    return Status(1);
}

bool Ctx::ParseFlags(const std::vector<std::string>& args, shell::Outcome* fail) {
    AddGlobalFlags(&flags);
    flags.Bool("help", 'h');
    std::string error;
    if (!flags.Parse(args, &error)) {
        Err("error: " + error + "\nSee 'kubectl " + command + " --help' for usage.\n");
        *fail = Status(1);
        return false;
    }
    if (flags.GetBool("help")) {
        auto it = HelpTexts().find(command);
        if (it != HelpTexts().end()) {
            Out(it->second);
        } else {
            Out("Usage:\n  kubectl " + command + " [options]\n\nUse \"kubectl options\" for a list of global "
                "command-line options (applies to all commands).\n");
        }
        *fail = Status(0);
        return false;
    }
    if (flags.Changed("namespace")) {
        ns = flags.GetString("namespace");
        explicit_ns = true;
    } else {
        ns = settings->default_namespace;
    }
    return true;
}

void Ctx::Warn(const std::vector<std::string>& warnings) {
    for (const auto& w : warnings) {
        if (std::find(warned.begin(), warned.end(), w) != warned.end()) continue;
        warned.push_back(w);
        Err("Warning: " + w + "\n");
    }
}

std::string Ctx::NoResourcesMessage(bool all_namespaces, bool any_cluster_scoped) const {
    if (all_namespaces || any_cluster_scoped) return "No resources found\n";
    return "No resources found in " + ns + " namespace.\n";
}

// [SECTION] API errors

namespace {

// "StatefulSet.apps \"web\" is invalid: rest" -> {"StatefulSet", "web", "rest"}.
bool SplitInvalid(const std::string& msg, std::string* kind, std::string* name, std::string* rest) {
    size_t q1 = msg.find(" \"");
    if (q1 == std::string::npos) return false;
    size_t q2 = msg.find("\" is invalid", q1 + 2);
    if (q2 == std::string::npos) return false;
    *kind = msg.substr(0, q1);
    size_t dot = kind->find('.');
    if (dot != std::string::npos) *kind = kind->substr(0, dot);
    *name = msg.substr(q1 + 2, q2 - q1 - 2);
    std::string tail = msg.substr(q2 + std::string("\" is invalid").size());
    if (tail.rfind(": ", 0) == 0) tail = tail.substr(2);
    *rest = tail;
    return true;
}

// An aggregate "[a: x, b: y]" back into its field errors.
std::vector<std::string> SplitCauses(const std::string& rest) {
    if (rest.size() < 2 || rest.front() != '[' || rest.back() != ']') return {rest};
    std::string inner = rest.substr(1, rest.size() - 2);
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i + 2 < inner.size(); ++i) {
        if (inner[i] != ',' || inner[i + 1] != ' ') continue;
        // The next cause starts with a field path followed by ": ".
        size_t j = i + 2;
        while (j < inner.size() && inner[j] != ':' && inner[j] != ' ' && inner[j] != ',') ++j;
        if (j + 1 < inner.size() && inner[j] == ':' && inner[j + 1] == ' ' && j > i + 2) {
            out.push_back(inner.substr(start, i - start));
            start = i + 2;
        }
    }
    out.push_back(inner.substr(start));
    return out;
}

}  // namespace

std::string ApiErrorText(const client::ApiError& e) {
    if (e.reason == "Invalid" || e.code == 422) {
        std::string kind, name, rest;
        if (SplitInvalid(e.message, &kind, &name, &rest)) {
            std::string s = "The " + kind + " \"" + name + "\" is invalid";
            std::vector<std::string> causes = SplitCauses(rest);
            if (causes.size() == 1) return s + ": " + causes[0];
            std::string out = s + ": \n";
            for (size_t i = 0; i < causes.size(); ++i) out += (i ? "\n* " : "* ") + causes[i];
            return out;
        }
    }
    if (e.reason.empty()) return "Error from server: " + e.message;
    return "Error from server (" + e.reason + "): " + e.message;
}

std::string ApiErrorWithSource(const client::ApiError& e, const std::string& verb, const std::string& source) {
    if (e.reason == "Invalid" || e.code == 422) return ApiErrorText(e);
    client::ApiError wrapped = e;
    wrapped.message = "error when " + verb + " \"" + source + "\": " + e.message;
    return ApiErrorText(wrapped);
}

// [SECTION] dispatcher

Kubectl::Kubectl(client::Cluster* cluster, shell::FileSystem* fs, const ConsoleSettings* settings)
    : cluster_(cluster), fs_(fs), settings_(settings) {}

Kubectl::~Kubectl() = default;

const std::vector<std::string>& Kubectl::CommandNames() { return AllCommands(); }

std::vector<std::string> Kubectl::FlagNames(const std::string& command) const {
    FlagSet f;
    AddGlobalFlags(&f);
    static const std::map<std::string, std::vector<std::string>> kFlags = {
        {"get", {"--output", "--watch", "--watch-only", "--output-watch-events", "--selector", "--all-namespaces",
                 "--show-labels", "--label-columns", "--no-headers", "--template", "--field-selector",
                 "--ignore-not-found", "--filename", "--sort-by", "--show-kind"}},
        {"apply", {"--filename", "--dry-run", "--output", "--validate", "--force", "--server-side"}},
        {"create", {"--filename", "--dry-run", "--output", "--save-config"}},
        {"delete", {"--filename", "--selector", "--all", "--cascade", "--grace-period", "--now", "--force",
                    "--ignore-not-found", "--wait"}},
        {"scale", {"--replicas", "--current-replicas", "--selector", "--all"}},
        {"patch", {"--patch", "--type", "--patch-file", "--output", "--dry-run"}},
        {"rollout", {"--timeout", "--revision", "--to-revision", "--watch"}},
        {"wait", {"--for", "--timeout", "--selector", "--all"}},
        {"exec", {"--container", "--stdin", "--tty", "--quiet"}},
        {"run", {"--image", "--restart", "--stdin", "--tty", "--rm", "--command", "--env", "--labels", "--port",
                 "--dry-run", "--output"}},
        {"logs", {"--container", "--previous", "--follow", "--tail", "--timestamps"}},
    };
    std::vector<std::string> out = f.Names();
    auto it = kFlags.find(command);
    if (it != kFlags.end()) out.insert(out.end(), it->second.begin(), it->second.end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

shell::Outcome Kubectl::Run(shell::Invocation& inv) {
    std::vector<std::string> args(inv.argv.begin() + 1, inv.argv.end());
    // Find the subcommand: the first argument that is neither a flag nor a global flag's value.
    size_t cmd_index = args.size();
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") break;
        if (a.size() > 1 && a[0] == '-') {
            if (a.find('=') == std::string::npos && GlobalFlagTakesValue(a)) ++i;
            continue;
        }
        cmd_index = i;
        break;
    }
    Ctx c;
    c.cluster = cluster_;
    c.fs = fs_;
    c.settings = settings_;
    c.inv = &inv;
    c.mapper = std::make_unique<Mapper>(cluster_->Resources());
    if (cmd_index == args.size()) {
        // `kubectl` alone, or only flags: the root command.
        FlagSet root;
        AddGlobalFlags(&root);
        root.Bool("help", 'h');
        root.Bool("version");
        std::string error;
        if (!root.Parse(args, &error)) {
            c.Err("error: " + error + "\nSee 'kubectl --help' for usage.\n");
            return Status(1);
        }
        c.Out(kRootHelp);
        return Status(0);
    }
    std::string name = args[cmd_index];
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        if (i != cmd_index) rest.push_back(args[i]);
    }
    c.command = name;
    if (name == "get") return RunGet(c, rest);
    if (name == "apply") return RunApply(c, rest);
    if (name == "create") return RunCreate(c, rest);
    if (name == "replace") return RunReplace(c, rest);
    if (name == "delete") return RunDelete(c, rest);
    if (name == "scale") return RunScale(c, rest);
    if (name == "patch") return RunPatch(c, rest);
    if (name == "label") return RunLabel(c, rest, false);
    if (name == "annotate") return RunLabel(c, rest, true);
    if (name == "rollout") return RunRollout(c, rest);
    if (name == "wait") return RunWait(c, rest);
    if (name == "exec") return RunExec(c, rest);
    if (name == "run") return RunRun(c, rest);
    if (name == "logs") return RunLogs(c, rest);
    if (name == "describe") return RunDescribe(c, rest);
    if (name == "explain") return RunExplain(c, rest);
    if (name == "set") return RunSet(c, rest);
    if (name == "cordon" || name == "uncordon" || name == "drain" || name == "taint") return RunNodeCommand(c, rest);
    if (name == "cluster-info" || name == "config" || name == "top" || name == "edit") return RunClusterCommand(c, rest);
    if (name == "version") return RunVersion(c, rest);
    if (name == "api-resources") return RunApiResources(c, rest);
    if (name == "api-versions") return RunApiVersions(c, rest);
    if (name == "help") {
        std::vector<std::string> topic;
        for (size_t i = cmd_index + 1; i < args.size(); ++i) {
            if (args[i].empty() || args[i][0] == '-') continue;
            topic.push_back(args[i]);
        }
        auto it = HelpTexts().find(Join(topic, " "));
        c.Out(it != HelpTexts().end() ? it->second : std::string(kRootHelp));
        return Status(0);
    }
    const auto& all = AllCommands();
    if (std::find(all.begin(), all.end(), name) != all.end()) {
        return c.Fail("\"kubectl " + name + "\" is not available in this playground");
    }
    std::string msg = "error: unknown command \"" + name + "\" for \"kubectl\"\n";
    std::vector<std::string> sugg = Suggestions(name);
    if (!sugg.empty()) {
        msg += "\nDid you mean this?\n";
        for (const auto& s : sugg) msg += "\t" + s + "\n";
    }
    c.Err(msg);
    return Status(1);
}

}  // namespace sts::kubectl
