// kubectl cluster-info, config (current-context, get-contexts, get-clusters, get-users, view,
// use-context), top and edit (pkg/cmd/clusterinfo, config, top, edit). The console's kubeconfig
// is the one kind writes for a cluster named "kind": one context, cluster and user, all named
// kind-kind. There is no metrics API and no editor, so top and edit end with kubectl's errors.
#include "core/strings.h"
#include "core/yaml_emit.h"
#include "kubectl/internal.h"
#include "kubectl/printers/jsonpath.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

size_t SubcommandIndex(const std::vector<std::string>& args) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i].size() > 1 && args[i][0] == '-') {
            if (args[i].find('=') == std::string::npos && GlobalFlagTakesValue(args[i])) ++i;
            continue;
        }
        return i;
    }
    return args.size();
}

std::vector<std::string> Without(const std::vector<std::string>& args, size_t index) {
    std::vector<std::string> out;
    for (size_t i = 0; i < args.size(); ++i)
        if (i != index) out.push_back(args[i]);
    return out;
}

// cmdutil.DefaultSubCommandRun: a command group run without a subcommand prints its help on
// stderr and exits 1 (0 and stdout with -h).
shell::Outcome GroupHelp(Ctx& c, const std::vector<std::string>& args, const std::string& group) {
    bool help = false;
    for (const auto& a : args) help |= a == "-h" || a == "--help";
    if (help) {
        c.Out(HelpTexts().at(group));
        return Status(0);
    }
    c.Err(HelpTexts().at(group));
    return Status(1);
}

namespace {

constexpr const char* kContext = "kind-kind";
constexpr const char* kServer = "https://127.0.0.1:6443";
// Stand-ins for kind's certificate data (shown only with --raw).
constexpr const char* kCaData =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUMvakNDQWVhZ0F3SUJBZ0lCQURBTkJna3Foa2lHOXcwQkFRc0ZBREFW"
    "TVJNd0VRWURWUVFERXdwcmRXSmwKY201bGRHVnpNQjRYRFRJMk1ERXdNVEF3TURBd01Gb1hEVE0yTVRJeU9UQXdNREF3TUZv"
    "d0ZURVRNQkVHQTFVRQpBeE1LYTNWaVpYSnVaWFJsY3pDQ0FTSXdEUVlKS29aSWh2Y04KLS0tLS1FTkQgQ0VSVElGSUNBVEUt"
    "LS0tLQo=";
constexpr const char* kCertData =
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURLVENDQWhHZ0F3SUJBZ0lJCi0tLS0tRU5EIENFUlRJRklDQVRFLS0t"
    "LS0K";
constexpr const char* kKeyData =
    "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtF"
    "WS0tLS0tCg==";



// [SECTION] config

// The kubeconfig as `kubectl config view` shows it (certificate data omitted unless raw).
Value KubeConfig(bool raw) {
    std::string omitted = "DATA+OMITTED";
    Value cluster = Value::MakeObject(
        {{"certificate-authority-data", raw ? kCaData : omitted.c_str()}, {"server", kServer}});
    Value user = Value::MakeObject({{"client-certificate-data", raw ? kCertData : omitted.c_str()},
                                    {"client-key-data", raw ? kKeyData : omitted.c_str()}});
    Value cfg = Value::MakeObject();
    cfg.Set("apiVersion", "v1");
    cfg.Set("clusters", Value::MakeArray({Value::MakeObject({{"cluster", cluster}, {"name", kContext}})}));
    cfg.Set("contexts", Value::MakeArray({Value::MakeObject(
                            {{"context", Value::MakeObject({{"cluster", kContext}, {"user", kContext}})},
                             {"name", kContext}})}));
    cfg.Set("current-context", kContext);
    cfg.Set("kind", "Config");
    cfg.Set("preferences", Value::MakeObject());
    cfg.Set("users", Value::MakeArray({Value::MakeObject({{"name", kContext}, {"user", user}})}));
    return cfg;
}

// clientcmdapi.Config encoded by encoding/json: struct field order, 4-space indent.
std::string KubeConfigJson(bool raw) {
    auto q = [](const std::string& s) { return JsonQuote(s); };
    std::string ca = raw ? kCaData : "DATA+OMITTED";
    std::string cert = raw ? kCertData : "DATA+OMITTED";
    std::string key = raw ? kKeyData : "DATA+OMITTED";
    return "{\n    \"kind\": \"Config\",\n    \"apiVersion\": \"v1\",\n    \"preferences\": {},\n    \"clusters\": [\n"
           "        {\n            \"name\": " + q(kContext) + ",\n            \"cluster\": {\n                \"server\": " +
           q(kServer) + ",\n                \"certificate-authority-data\": " + q(ca) +
           "\n            }\n        }\n    ],\n    \"users\": [\n        {\n            \"name\": " + q(kContext) +
           ",\n            \"user\": {\n                \"client-certificate-data\": " + q(cert) +
           ",\n                \"client-key-data\": " + q(key) + "\n            }\n        }\n    ],\n"
           "    \"contexts\": [\n        {\n            \"name\": " + q(kContext) +
           ",\n            \"context\": {\n                \"cluster\": " + q(kContext) + ",\n                \"user\": " +
           q(kContext) + "\n            }\n        }\n    ],\n    \"current-context\": " + q(kContext) + "\n}\n";
}

shell::Outcome ConfigView(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("output", 'o', "yaml");
    f.String("template");
    f.Bool("minify");
    f.Bool("flatten");
    f.Bool("raw");
    f.Bool("merge", 0, true);
    f.Bool("allow-missing-template-keys", 0, true);
    f.Bool("show-managed-fields");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (!f.args().empty()) return c.Usage("unexpected arguments: [" + Join(f.args(), " ") + "]");
    const bool raw = f.GetBool("raw") || f.GetBool("flatten");
    const std::string o = f.GetString("output");
    if (o == "yaml") {
        c.Out(EmitYaml(KubeConfig(raw)));
        return Status(0);
    }
    if (o == "json") {
        c.Out(KubeConfigJson(raw));
        return Status(0);
    }
    if (o.rfind("jsonpath=", 0) == 0 || o.rfind("jsonpath-as-json=", 0) == 0) {
        std::string expr = o.substr(o.find('=') + 1);
        JsonPath jp;
        std::string error;
        if (!jp.Parse(expr, &error)) return c.Fail("error parsing jsonpath " + expr + ", " + error);
        std::string out;
        if (!jp.Execute(KubeConfig(raw), &out, &error)) {
            c.Out(out);
            return c.Fail(error);
        }
        c.Out(out);
        return Status(0);
    }
    return c.Fail("unable to match a printer suitable for the output format \"" + o +
                  "\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,"
                  "name,template,templatefile,yaml");
}

shell::Outcome ConfigGetContexts(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("output", 'o');
    f.Bool("no-headers");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const std::string o = f.GetString("output");
    if (!o.empty() && o != "name") return c.Fail("output must be one of '' or 'name'");
    std::vector<std::string> names = f.args();
    if (names.empty()) names.push_back(kContext);
    std::vector<std::string> missing;
    bool found = false;
    for (const auto& n : names) {
        if (n == kContext) found = true;
        else missing.push_back(n);
    }
    if (o == "name") {
        if (found) c.Out(std::string(kContext) + "\n");
    } else {
        TabWriter w;
        std::string text;
        if (!f.GetBool("no-headers")) text += "CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n";
        if (found) text += std::string("*\t") + kContext + "\t" + kContext + "\t" + kContext + "\t" + "\n";
        w.Write(text);
        w.Flush();
        c.Out(w.Take());
    }
    if (!missing.empty()) {
        std::string err;
        for (const auto& m : missing) err += "context " + m + " not found";
        return c.Fail(err);
    }
    return Status(0);
}

shell::Outcome RunConfig(Ctx& c, const std::vector<std::string>& args) {
    size_t sub = SubcommandIndex(args);
    if (sub == args.size()) return GroupHelp(c, args, "config");
    const std::string name = args[sub];
    std::vector<std::string> rest = Without(args, sub);
    c.command = "config " + name;
    if (name == "view") return ConfigView(c, rest);
    if (name == "get-contexts") return ConfigGetContexts(c, rest);
    shell::Outcome fail;
    if (name == "current-context") {
        if (!c.ParseFlags(rest, &fail)) return fail;
        c.Out(std::string(kContext) + "\n");
        return Status(0);
    }
    if (name == "get-clusters" || name == "get-users") {
        if (!c.ParseFlags(rest, &fail)) return fail;
        c.Out(std::string("NAME\n") + kContext + "\n");
        return Status(0);
    }
    if (name == "use-context" || name == "use") {
        if (!c.ParseFlags(rest, &fail)) return fail;
        if (c.flags.args().size() != 1) return c.Usage("Unexpected args: [" + Join(c.flags.args(), " ") + "]");
        const std::string ctx = c.flags.args()[0];
        if (ctx != kContext) return c.Fail("no context exists with the name: \"" + ctx + "\"");
        c.Out("Switched to context \"" + ctx + "\".\n");
        return Status(0);
    }
    static const std::vector<std::string> kKnown = {"delete-cluster", "delete-context", "delete-user", "rename-context",
                                                    "set", "set-cluster", "set-context", "set-credentials", "unset"};
    if (std::find(kKnown.begin(), kKnown.end(), name) != kKnown.end()) {
        return c.Fail("\"kubectl config " + name + "\" is not available in this playground: its kubeconfig is fixed");
    }
    c.Err("error: unknown command \"" + name + "\"\nSee 'kubectl config -h' for help and examples\n");
    return Status(1);
}

// [SECTION] cluster-info

shell::Outcome RunClusterInfo(Ctx& c, const std::vector<std::string>& args) {
    size_t sub = SubcommandIndex(args);
    if (sub < args.size() && args[sub] == "dump") {
        return c.Fail("\"kubectl cluster-info dump\" is not available in this playground");
    }
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    std::string out = std::string("Kubernetes control plane is running at ") + kServer + "\n";
    if (const client::ResourceInfo* svc = c.mapper->Find("services")) {
        client::ListOptions lo;
        lo.label_selector = "kubernetes.io/cluster-service=true";
        auto r = c.cluster->List(*svc, "kube-system", lo);
        if (r.ok()) {
            for (const auto& s : r.value.Get("items").items()) {
                const std::string name = s.Path("metadata.name").AsString();
                std::string link;
                const Value& ingress = s.Path("status.loadBalancer").Get("ingress");
                if (ingress.size() > 0) {
                    std::string ip = ingress.items()[0].GetString("ip");
                    if (ip.empty()) ip = ingress.items()[0].GetString("hostname");
                    for (const auto& p : s.Path("spec.ports").items()) {
                        link += "http://" + ip + ":" + std::to_string(p.GetInt("port"));
                    }
                } else {
                    std::string ref = name;
                    const Value& ports = s.Path("spec.ports");
                    if (ports.size() > 0) {
                        const Value& p = ports.items()[0];
                        std::string scheme = p.GetString("name") == "https" || p.GetInt("port") == 443 ? "https" : "";
                        std::string port_name = p.GetString("name");
                        ref = scheme.empty() ? (port_name.empty() ? name : name + ":" + port_name)
                                             : scheme + ":" + name + ":" + port_name;
                    }
                    link = std::string(kServer) + "/api/v1/namespaces/kube-system/services/" + ref + "/proxy";
                }
                std::string shown = s.Path("metadata.labels").GetString("kubernetes.io/name");
                if (shown.empty()) shown = name;
                out += shown + " is running at " + link + "\n";
            }
        }
    }
    out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    c.Out(out);
    return Status(0);
}

// [SECTION] top

shell::Outcome RunTop(Ctx& c, const std::vector<std::string>& args) {
    size_t sub = SubcommandIndex(args);
    if (sub == args.size()) return GroupHelp(c, args, "top");
    const std::string name = args[sub];
    std::vector<std::string> rest = Without(args, sub);
    FlagSet& f = c.flags;
    if (name == "pod" || name == "pods" || name == "po") {
        c.command = "top pod";
        f.Bool("all-namespaces", 'A');
        f.Bool("containers");
        f.String("field-selector");
        f.Bool("no-headers");
        f.String("selector", 'l');
        f.String("sort-by");
        f.Bool("sum");
        f.Bool("use-protocol-buffers", 0, true);
    } else if (name == "node" || name == "nodes" || name == "no") {
        c.command = "top node";
        f.Bool("no-headers");
        f.String("selector", 'l');
        f.Bool("show-capacity");
        f.String("sort-by");
        f.Bool("use-protocol-buffers", 0, true);
    } else {
        c.Err("error: unknown command \"" + name + "\"\nSee 'kubectl top -h' for help and examples\n");
        return Status(1);
    }
    shell::Outcome fail;
    if (!c.ParseFlags(rest, &fail)) return fail;
    // The playground runs no metrics-server, so the metrics.k8s.io API is not served.
    return c.Fail("Metrics API not available");
}

// [SECTION] edit

shell::Outcome RunEdit(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.Slice("filename", 'f');
    f.Bool("recursive", 'R');
    f.String("kustomize", 'k');
    f.String("output", 'o');
    f.String("template");
    f.Bool("output-patch");
    f.Bool("windows-line-endings");
    f.Bool("save-config");
    f.Add({"validate", 0, FlagKind::kString, "strict", "strict", ""});
    f.String("field-manager", 0, "kubectl-edit");
    f.String("subresource");
    f.Bool("allow-missing-template-keys", 0, true);
    f.Bool("show-managed-fields");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (f.args().empty() && f.GetList("filename").empty()) {
        return c.Fail("You must provide one or more resources by argument or filename.\nExample resource "
                      "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                      "   '<resource>'");
    }
    if (!f.args().empty()) {
        std::vector<ResourceTarget> targets;
        std::string error;
        if (!ResolveArgs(*c.mapper, f.args(), &targets, &error)) return c.Fail(error);
        for (const auto& t : targets) {
            if (t.name.empty()) continue;
            auto r = c.cluster->Get(*t.res, t.res->namespaced ? c.ns : "", t.name);
            if (!r.ok()) {
                c.Err(ApiErrorText(r.error) + "\n");
                return Status(1);
            }
        }
    }
    // editor.NewDefaultEditor: $KUBE_EDITOR, then $EDITOR, then vi. The console has no editor
    // to launch, which is what kubectl reports when the program cannot be started.
    std::string editor;
    for (const char* var : {"KUBE_EDITOR", "EDITOR"}) {
        auto it = c.inv->env.find(var);
        if (it != c.inv->env.end() && !it->second.empty()) {
            editor = it->second;
            break;
        }
        if (c.inv->shell) {
            auto env = c.inv->shell->ExportedEnv();
            auto e = env.find(var);
            if (e != env.end() && !e->second.empty()) {
                editor = e->second;
                break;
            }
        }
    }
    if (editor.empty()) editor = "vi";
    return c.Fail("unable to launch the editor \"" + editor + "\"");
}

}  // namespace

shell::Outcome RunClusterCommand(Ctx& c, const std::vector<std::string>& args) {
    if (c.command == "cluster-info") return RunClusterInfo(c, args);
    if (c.command == "config") return RunConfig(c, args);
    if (c.command == "top") return RunTop(c, args);
    return RunEdit(c, args);
}

}  // namespace sts::kubectl
