// kubectl exec / run / logs (pkg/cmd/exec, run, logs, attach) and the pod-template description
// rollout history prints (pkg/describe DescribePodTemplate). `run -it` and `exec -it` become
// interactive jobs: the console hands them the user's lines until `exit`.
#include <algorithm>
#include <deque>

#include "core/strings.h"
#include "kubectl/internal.h"
#include "kubectl/printers/output.h"
#include "kubectl/printers/table.h"

namespace sts::kubectl {

namespace {

// [SECTION] helpers

std::string DefaultContainer(const Value& pod, bool quiet, const Ctx& c) {
    const Value& containers = pod.Path("spec.containers");
    if (containers.size() == 0) return "";
    std::string annotated = pod.Path("metadata.annotations").GetString("kubectl.kubernetes.io/default-container");
    if (!annotated.empty()) {
        for (const auto& ct : containers.items()) {
            if (ct.GetString("name") == annotated) return annotated;
        }
    }
    std::string first = containers[0].GetString("name");
    if (containers.size() > 1 && !quiet) {
        std::vector<std::string> names;
        for (const auto& ct : containers.items()) names.push_back(ct.GetString("name"));
        c.Err("Defaulted container \"" + first + "\" out of: " + Join(names, ", ") + "\n");
    }
    return first;
}

// POD, pod/POD or TYPE/NAME (the first pod the workload selects).
bool FindPod(Ctx& c, const std::string& arg, Value* pod, shell::Outcome* fail) {
    const client::ResourceInfo* pods = c.mapper->Find("pods");
    if (!pods) {
        *fail = c.Fail("the server doesn't have a resource type \"pods\"");
        return false;
    }
    std::string name = arg;
    size_t slash = arg.find('/');
    if (slash != std::string::npos) {
        std::string type = arg.substr(0, slash);
        name = arg.substr(slash + 1);
        const client::ResourceInfo* r = c.mapper->Find(type);
        if (!r) {
            *fail = c.Fail("the server doesn't have a resource type \"" + type + "\"");
            return false;
        }
        if (r != pods) {
            auto owner = c.cluster->Get(*r, c.ns, name);
            if (!owner.ok()) {
                c.Err(ApiErrorText(owner.error) + "\n");
                *fail = Status(1);
                return false;
            }
            client::ListOptions lo;
            lo.label_selector = SelectorString(owner.value.Path("spec.selector"));
            auto list = c.cluster->List(*pods, c.ns, lo);
            if (!list.ok() || list.value.Get("items").size() == 0) {
                *fail = c.Fail("cannot attach to " + ObjectRef(*r, name) + ": selector for " + ObjectRef(*r, name) +
                               " does not match any pods");
                return false;
            }
            *pod = list.value.Get("items")[0];
            return true;
        }
    }
    auto r = c.cluster->Get(*pods, c.ns, name);
    if (!r.ok()) {
        c.Err(ApiErrorText(r.error) + "\n");
        *fail = Status(1);
        return false;
    }
    *pod = r.value;
    return true;
}

// Writes an exec result as kubectl does; returns the exit status.
int ReportExec(const Ctx& c, const client::ExecResult& r) {
    if (!r.error.ok()) {
        if (r.error.reason.empty()) c.Err("error: " + r.error.message + "\n");
        else c.Err(ApiErrorText(r.error) + "\n");
        return 1;
    }
    c.Out(r.out);
    c.Err(r.err);
    if (r.exit_code != 0) {
        c.Err("command terminated with exit code " + std::to_string(r.exit_code) + "\n");
        return r.exit_code;
    }
    return 0;
}

bool IsBusyboxImage(const std::string& image) {
    std::string lower = ToLower(image);
    std::string name = lower.substr(0, lower.find('@'));
    size_t slash = name.rfind('/');
    if (slash != std::string::npos) name = name.substr(slash + 1);
    name = name.substr(0, name.find(':'));
    return name == "busybox" || name == "alpine" || lower.find("alpine") != std::string::npos;
}

std::string PromptFor(const std::string& image) { return IsBusyboxImage(image) ? "/ # " : "# "; }

// run --rm: deletes the pod as kubectl delete does and prints so; returns its UID ("" when the
// delete failed), for PodGone.
std::string DeletePod(client::Cluster* cluster, const client::ResourceInfo& pods, const std::string& ns,
                      const std::string& pod, shell::OutputSink* out) {
    auto cur = cluster->Get(pods, ns, pod);
    client::DeleteOptions d;
    if (!cur.ok() || !cluster->Delete(pods, ns, pod, d).ok()) return "";
    out->Write("pod \"" + pod + "\" deleted\n");
    return cur.value.Path("metadata.uid").AsString();
}

// The pod with this UID no longer exists (kubectl delete's wait for deletion).
bool PodGone(client::Cluster* cluster, const client::ResourceInfo& pods, const std::string& ns,
             const std::string& pod, const std::string& uid) {
    auto r = cluster->Get(pods, ns, pod);
    return !r.ok() || r.value.Path("metadata.uid").AsString() != uid;
}

// A shell in a container, one line at a time: `kubectl run -it` and `kubectl exec -it`.
class PodShellJob : public shell::Job {
public:
    struct Options {
        std::string ns;
        std::string pod;
        std::string container;
        std::string image;
        std::string shell = "sh";
        bool remove = false;           // run --rm: delete the pod afterwards
        bool run = false;              // started by kubectl run
        std::string restart_policy;    // run: Always / OnFailure / Never
        Duration wait_running = 0;     // run: how long to wait for the pod to be Running
        bool tty = true;
        bool quiet = false;
        const client::ResourceInfo* pods = nullptr;
    };
    PodShellJob(client::Cluster* cluster, Options o, std::shared_ptr<shell::OutputSink> out,
                std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), o_(std::move(o)), out_(std::move(out)), err_(std::move(err)) {
        start_ = cluster_->Now();
        state_ = o_.run ? State::kWaiting : State::kAttached;
        if (state_ == State::kAttached) Attach();
    }

    bool Poll() override {
        if (!deleting_uid_.empty()) return done_ = PodGone(cluster_, *o_.pods, o_.ns, o_.pod, deleting_uid_);
        if (state_ == State::kWaiting) {
            auto r = cluster_->Get(*o_.pods, o_.ns, o_.pod);
            if (!r.ok()) {
                err_->Write(ApiErrorText(r.error) + "\n");
                code_ = 1;
                return Finish();
            }
            std::string phase = r.value.Path("status.phase").AsString();
            bool ready = false;
            for (const auto& cond : r.value.Path("status.conditions").items()) {
                if (cond.GetString("type") == "Ready" && cond.GetString("status") == "True") ready = true;
            }
            if (phase == "Succeeded" || phase == "Failed") {
                // Completed before kubectl could attach: kubectl falls back to the logs.
                auto logs = cluster_->Logs(o_.ns, o_.pod, o_.container, false);
                if (logs.ok()) out_->Write(logs.value);
                state_ = State::kEnded;
                code_ = phase == "Succeeded" ? 0 : 1;
                return Finish();
            }
            if (phase == "Running" && ready) {
                state_ = State::kAttached;
                Attach();
                return false;
            }
            if (o_.wait_running > 0 && cluster_->Now() - start_ >= o_.wait_running) {
                err_->Write("error: timed out waiting for the condition\n");
                code_ = 1;
                done_ = true;
                return true;
            }
            return false;
        }
        return done_;
    }

    std::optional<Time> WakeTime() const override {
        if (state_ == State::kWaiting && o_.wait_running > 0) return start_ + o_.wait_running;
        return std::nullopt;
    }

    // Ctrl-C goes to the shell in the container: the session stays. Before it is attached,
    // Ctrl-C stops kubectl.
    void Interrupt() override {
        if (state_ == State::kWaiting) {
            code_ = 130;
            done_ = true;
        }
    }
    int ExitCode() const override { return code_; }
    bool AcceptsInput() const override { return state_ == State::kAttached && !done_; }
    std::string Prompt() const override { return pending_.empty() ? PromptFor(o_.image) : "> "; }

    void Input(std::string_view line) override {
        if (!AcceptsInput()) return;
        std::string l(line);
        pending_ += l + "\n";
        shell::ParseResult pr = shell::Parse(pending_);
        if (pr.status == shell::ParseResult::Status::kIncomplete && pending_.size() < (1u << 20)) return;
        std::string text = std::move(pending_);
        pending_.clear();
        std::string trimmed = Trim(text);
        // `exit` / `exit N` ends the shell (and with it the container's main process).
        if (trimmed == "exit" || trimmed.rfind("exit ", 0) == 0) {
            int64_t n = 0;
            if (trimmed.size() > 5 && !ParseInt64(Trim(trimmed.substr(5)), &n)) n = 2;
            code_ = static_cast<int>(n & 0xff);
            EndSession();
            return;
        }
        if (trimmed.empty()) return;
        bool exited = false;
        client::ExecResult r = cluster_->ShellInput(session_, text, &exited);
        if (!r.error.ok()) {
            err_->Write((r.error.reason.empty() ? "error: " + r.error.message : ApiErrorText(r.error)) + "\n");
            code_ = 1;
            EndSession();
            return;
        }
        out_->Write(r.out);
        err_->Write(r.err);
        if (exited) {
            code_ = r.exit_code;
            EndSession();
        }
    }

private:
    enum class State { kWaiting, kAttached, kEnded };

    void Attach() {
        client::ApiError error;
        session_ = cluster_->OpenShell(o_.ns, o_.pod, o_.container, &error);
        if (session_ == 0) {
            err_->Write((error.reason.empty() ? "error: " + error.message : ApiErrorText(error)) + "\n");
            code_ = 1;
            state_ = State::kEnded;
            Finish();
            return;
        }
        if (o_.tty && !o_.quiet) err_->Write("If you don't see a command prompt, try pressing enter.\n");
    }

    // The shell ended (`exit`, or its container went away). For `kubectl run -it` the shell is
    // the container's main process, so its exit ends the container too.
    void EndSession() {
        if (session_ != 0) cluster_->CloseShell(session_, o_.run, code_);
        session_ = 0;
        state_ = State::kEnded;
        Finish();
    }

    bool Finish() {
        if (o_.run && !o_.quiet && o_.restart_policy == "Always") {
            out_->Write("Session ended, resume using 'kubectl attach " + o_.pod + " -c " + o_.container +
                        " -i -t' command when the pod is running\n");
        }
        if (o_.remove) deleting_uid_ = DeletePod(cluster_, *o_.pods, o_.ns, o_.pod, out_.get());
        if (o_.run && code_ != 0 && code_ != 130) {
            err_->Write("pod " + o_.ns + "/" + o_.pod + " terminated (Error)\n");
        }
        // --rm waits, as kubectl delete does, until the pod is gone.
        done_ = deleting_uid_.empty() || PodGone(cluster_, *o_.pods, o_.ns, o_.pod, deleting_uid_);
        return done_;
    }

    client::Cluster* cluster_;
    Options o_;
    std::shared_ptr<shell::OutputSink> out_;
    std::shared_ptr<shell::OutputSink> err_;
    State state_ = State::kWaiting;
    std::string pending_;
    std::string deleting_uid_;  // --rm: the pod being deleted
    int session_ = 0;
    Time start_ = 0;
    int code_ = 0;
    bool done_ = false;
};

// sh, /bin/sh, bash, ash, dash: a command that is a shell, to attach a terminal to.
bool IsShellProgram(const std::string& argv0) {
    const std::string prog = argv0.substr(argv0.rfind('/') + 1);
    return prog == "sh" || prog == "bash" || prog == "ash" || prog == "dash";
}

// `kubectl run --rm -i --image busybox x -- nslookup web-0`: wait for Running, then show what the
// container's command printed (attached), or its log when it finished first.
class RunCommandJob : public shell::Job {
public:
    RunCommandJob(client::Cluster* cluster, const client::ResourceInfo* pods, std::string ns, std::string pod,
                  std::string container, bool remove, bool tty, bool quiet,
                  Duration timeout, std::shared_ptr<shell::OutputSink> out, std::shared_ptr<shell::OutputSink> err)
        : cluster_(cluster), pods_(pods), ns_(std::move(ns)), pod_(std::move(pod)), container_(std::move(container)),
          remove_(remove), tty_(tty), quiet_(quiet), timeout_(timeout), out_(std::move(out)),
          err_(std::move(err)) {
        start_ = cluster_->Now();
    }
    bool Poll() override {
        if (interrupted_) return true;
        if (!deleting_uid_.empty()) return PodGone(cluster_, *pods_, ns_, pod_, deleting_uid_);
        auto r = cluster_->Get(*pods_, ns_, pod_);
        if (!r.ok()) {
            err_->Write(ApiErrorText(r.error) + "\n");
            code_ = 1;
            return true;
        }
        std::string phase = r.value.Path("status.phase").AsString();
        bool ready = false;
        for (const auto& cond : r.value.Path("status.conditions").items()) {
            if (cond.GetString("type") == "Ready" && cond.GetString("status") == "True") ready = true;
        }
        bool terminal = phase == "Succeeded" || phase == "Failed";
        if ((phase == "Running" && ready) || terminal) {
            if (terminal) {
                // The container finished before kubectl could attach: kubectl prints its logs.
                auto logs = cluster_->Logs(ns_, pod_, container_, false);
                if (logs.ok()) out_->Write(logs.value);
                code_ = phase == "Succeeded" ? 0 : ExitCodeOf(r.value);
            } else {
                if (tty_ && !quiet_) err_->Write("If you don't see a command prompt, try pressing enter.\n");
                client::ExecResult e = cluster_->Attach(ns_, pod_, container_);
                if (!e.error.ok()) {
                    err_->Write((e.error.reason.empty() ? "error: " + e.error.message : ApiErrorText(e.error)) + "\n");
                    code_ = 1;
                } else {
                    out_->Write(e.out);
                    if (tty_) out_->Write(e.err);
                    else err_->Write(e.err);
                    code_ = e.exit_code;
                }
            }
            if (remove_) deleting_uid_ = DeletePod(cluster_, *pods_, ns_, pod_, out_.get());
            if (code_ != 0) err_->Write("pod " + ns_ + "/" + pod_ + " terminated (Error)\n");
            // --rm waits, as kubectl delete does, until the pod is gone.
            return deleting_uid_.empty() || PodGone(cluster_, *pods_, ns_, pod_, deleting_uid_);
        }
        if (timeout_ > 0 && cluster_->Now() - start_ >= timeout_) {
            err_->Write("error: timed out waiting for the condition\n");
            code_ = 1;
            return true;
        }
        return false;
    }
    std::optional<Time> WakeTime() const override {
        if (timeout_ > 0) return start_ + timeout_;
        return std::nullopt;
    }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : code_; }

private:
    static int ExitCodeOf(const Value& pod) {
        for (const auto& cs : pod.Path("status.containerStatuses").items()) {
            const Value& t = cs.Path("state.terminated");
            if (t.IsObject() && t.GetInt("exitCode") != 0) return static_cast<int>(t.GetInt("exitCode"));
        }
        return 1;
    }

    client::Cluster* cluster_;
    const client::ResourceInfo* pods_;
    std::string ns_, pod_, container_;
    bool remove_, tty_, quiet_;
    Duration timeout_;
    std::shared_ptr<shell::OutputSink> out_, err_;
    std::string deleting_uid_;  // --rm: the pod being deleted
    Time start_ = 0;
    int code_ = 0;
    bool interrupted_ = false;
};

// Image references (distribution/reference ReferenceRegexp, simplified): lower-case path
// components, an optional host[:port], tag and digest.
bool ValidImage(const std::string& image) {
    if (image.empty() || image.size() > 255 * 4) return false;
    for (char ch : image) {
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '.' ||
                  ch == '-' || ch == '_' || ch == '/' || ch == ':' || ch == '@';
        if (!ok) return false;
    }
    std::string path = image.substr(0, image.find('@'));
    size_t last_slash = path.rfind('/');
    size_t colon = path.rfind(':');
    std::string name = colon != std::string::npos && (last_slash == std::string::npos || colon > last_slash)
                           ? path.substr(0, colon)
                           : path;
    std::vector<std::string> comps = Split(name, '/');
    for (size_t i = 0; i < comps.size(); ++i) {
        if (comps[i].empty()) return false;
        bool host = i == 0 && comps.size() > 1 &&
                    (comps[i].find('.') != std::string::npos || comps[i].find(':') != std::string::npos || comps[i] == "localhost");
        if (host) continue;
        for (char ch : comps[i]) {
            if (ch >= 'A' && ch <= 'Z') return false;
        }
    }
    return true;
}

}  // namespace

// [SECTION] exec

shell::Outcome RunExec(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("container", 'c');
    f.Bool("stdin", 'i');
    f.Bool("tty", 't');
    f.Bool("quiet", 'q');
    f.Add({"pod-running-timeout", 0, FlagKind::kDuration, "1m0s", "", ""});
    f.Slice("filename", 'f');
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const auto& a = c.flags.args();
    int dash = c.flags.args_len_at_dash();
    if (a.empty()) return c.Fail("pod, type/name or --filename must be specified");
    if (dash < 0 && a.size() > 1) {
        return c.Usage("exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
    }
    if (dash == 0) return c.Fail("pod, type/name or --filename must be specified");
    std::vector<std::string> command(a.begin() + 1, a.end());
    if (command.empty()) return c.Fail("you must specify at least one command for the container");
    Value pod;
    if (!FindPod(c, a[0], &pod, &fail)) return fail;
    std::string phase = pod.Path("status.phase").AsString();
    if (phase == "Succeeded" || phase == "Failed") {
        return c.Fail("cannot exec into a container in a completed pod; current phase is " + phase);
    }
    bool quiet = f.GetBool("quiet");
    std::string container = f.GetString("container");
    if (container.empty()) container = DefaultContainer(pod, quiet, c);
    std::string pod_name = pod.Path("metadata.name").AsString();
    std::string image;
    for (const auto& ct : pod.Path("spec.containers").items()) {
        if (ct.GetString("name") == container) image = ct.GetString("image");
    }
    bool interactive = f.GetBool("stdin") && f.GetBool("tty") && !c.inv->has_stdin;
    const bool is_shell = IsShellProgram(command[0]);
    if (interactive && is_shell && command.size() == 1) {
        // Attaching fails at once when the container cannot take an exec (not running yet).
        client::ExecResult probe = c.cluster->Exec(c.ns, pod_name, container, {command[0], "-c", ":"});
        if (!probe.error.ok()) return Status(ReportExec(c, probe));
        PodShellJob::Options o;
        o.ns = c.ns;
        o.pod = pod_name;
        o.container = container;
        o.image = image;
        o.shell = command[0];
        o.quiet = true;  // exec -it does not print the "try pressing enter" hint
        o.pods = c.mapper->Find("pods");
        shell::Outcome out;
        out.job = std::make_unique<PodShellJob>(c.cluster, std::move(o), c.inv->out, c.inv->err);
        return out;
    }
    if (is_shell && command.size() == 1 && f.GetBool("stdin") && c.inv->has_stdin) {
        // `kubectl exec -i web-0 -- sh <<EOF ...`: the shell reads its script from stdin.
        command = {command[0], "-c", c.inv->stdin_data};
    }
    if (f.GetBool("tty") && !f.GetBool("stdin") && !quiet) {
        c.Err("Unable to use a TTY - input is not a terminal or the right kind of file\n");
    }
    client::ExecResult r = c.cluster->Exec(c.ns, pod_name, container, command);
    return Status(ReportExec(c, r));
}

// [SECTION] run

shell::Outcome RunRun(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("image");
    f.String("restart");
    f.Bool("stdin", 'i');
    f.Bool("tty", 't');
    f.Bool("rm");
    f.Bool("attach");
    f.Bool("command");
    f.Array("env");
    f.Array("annotations");
    f.String("labels", 'l');
    f.String("port");
    f.Bool("expose");
    f.String("image-pull-policy");
    AddDryRunFlag(f);
    f.String("output", 'o');
    f.String("template");
    f.String("overrides");
    f.Bool("quiet", 'q');
    f.Bool("privileged");
    f.Bool("leave-stdin-open");
    f.Add({"pod-running-timeout", 0, FlagKind::kDuration, "1m0s", "", ""});
    f.String("field-manager", 0, "kubectl-run");
    f.Bool("save-config");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    if (!f.Changed("image")) {
        c.Err("error: required flag(s) \"image\" not set\n");
        return Status(1);
    }
    const auto& a = c.flags.args();
    if (a.empty() || c.flags.args_len_at_dash() == 0) return c.Usage("NAME is required for run");
    std::string image = f.GetString("image");
    if (image.empty()) return c.Usage("--image is required");
    if (!ValidImage(image)) {
        return c.Usage("Invalid image name \"" + image + "\": invalid reference format");
    }
    bool stdin_flag = f.GetBool("stdin");
    bool tty = f.GetBool("tty");
    if (tty && !stdin_flag) return c.Usage("-i/--stdin is required for containers with -t/--tty=true");
    if (f.GetBool("expose") && f.GetString("port").empty()) return c.Usage("--port must be set when exposing a service");
    std::string restart = f.GetString("restart");
    if (restart.empty()) restart = stdin_flag ? "OnFailure" : "Always";
    if (restart != "Always" && restart != "OnFailure" && restart != "Never") {
        return c.Usage("invalid restart policy: " + f.GetString("restart"));
    }
    bool attach = f.GetBool("attach") || (stdin_flag && !(f.Changed("attach") && !f.GetBool("attach")));
    if (!attach && f.GetBool("rm")) return c.Usage("--rm should only be used for attached containers");
    std::string dry_run = f.GetString("dry-run");
    if (dry_run == "unchanged") return c.Fail("--dry-run is deprecated and can be replaced with --dry-run=client.");
    if (attach && dry_run != "none") {
        return c.Usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, "
                       "or --tty)");
    }
    std::string pull = f.GetString("image-pull-policy");
    if (!pull.empty() && pull != "Always" && pull != "IfNotPresent" && pull != "Never") {
        return c.Usage("invalid image pull policy: " + pull);
    }
    std::string name = a[0];
    std::vector<std::string> extra(a.begin() + 1, a.end());

    // The run-pod/v1 generator's Pod.
    Value labels = Value::MakeObject();
    if (!f.GetString("labels").empty()) {
        for (const auto& kv : Split(f.GetString("labels"), ',')) {
            size_t eq = kv.find('=');
            if (eq == std::string::npos) return c.Fail("invalid label spec: " + kv);
            labels.Set(kv.substr(0, eq), kv.substr(eq + 1));
        }
    } else {
        labels.Set("run", name);
    }
    Value container = Value::MakeObject({{"image", image}, {"name", name}, {"resources", Value::MakeObject()}});
    if (!extra.empty()) {
        Value list = Value::MakeArray();
        for (const auto& e : extra) list.Push(e);
        container.Set(f.GetBool("command") ? "command" : "args", list);
    }
    if (!pull.empty()) container.Set("imagePullPolicy", pull);
    if (!f.GetList("env").empty()) {
        Value env = Value::MakeArray();
        for (const auto& e : f.GetList("env")) {
            size_t eq = e.find('=');
            env.Push(Value::MakeObject({{"name", e.substr(0, eq)}, {"value", eq == std::string::npos ? "" : e.substr(eq + 1)}}));
        }
        container.Set("env", env);
    }
    if (!f.GetString("port").empty()) {
        int64_t port = 0;
        if (!ParseInt64(f.GetString("port"), &port)) return c.Fail("strconv.Atoi: parsing \"" + f.GetString("port") + "\": invalid syntax");
        container.Set("ports", Value::MakeArray({Value::MakeObject({{"containerPort", Value(port)}})}));
    }
    if (stdin_flag) {
        container.Set("stdin", true);
        if (!f.GetBool("leave-stdin-open")) container.Set("stdinOnce", true);
    }
    if (tty) container.Set("tty", true);
    Value meta = Value::MakeObject({{"creationTimestamp", Value()}, {"labels", labels}, {"name", name}});
    Value annotations = Value::MakeObject();
    for (const auto& kv : f.GetList("annotations")) {
        size_t eq = kv.find('=');
        annotations.Set(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
    }
    if (annotations.size() > 0) meta.Set("annotations", annotations);
    Value pod = Value::MakeObject({{"apiVersion", "v1"},
                                   {"kind", "Pod"},
                                   {"metadata", meta},
                                   {"spec", Value::MakeObject({{"containers", Value::MakeArray({container})},
                                                               {"dnsPolicy", "ClusterFirst"},
                                                               {"restartPolicy", restart}})},
                                   {"status", Value::MakeObject()}});
    std::string perror;
    auto printer = ResourcePrinter::Make(f.GetString("output"), f.GetString("template"), false, kObjectFormats, &perror);
    if (!printer) return c.Fail(perror);
    const client::ResourceInfo* pods = c.mapper->Find("pods");
    if (!pods) return c.Fail("the server doesn't have a resource type \"pods\"");
    if (dry_run == "client") {
        if (printer->kind() == ResourcePrinter::Kind::kJson) {
            c.Out(TypedPrettyJson(pod));
        } else if (!printer->human()) {
            std::string out, error;
            printer->Print(pod, &out, &error);
            c.Out(out);
        } else {
            c.Out("pod/" + name + " created (dry run)\n");
        }
        return Status(0);
    }
    Value to_create = pod;
    to_create["metadata"].Erase("creationTimestamp");
    to_create.Erase("status");
    client::WriteOptions wo;
    wo.dry_run = dry_run == "server";
    wo.field_manager = f.GetString("field-manager");
    auto created = c.cluster->Create(*pods, c.ns, to_create, wo);
    c.Warn(created.warnings);
    if (!created.ok()) {
        c.Err(ApiErrorText(created.error) + "\n");
        return Status(1);
    }
    if (!attach) {
        if (!printer->human()) {
            std::string out, error;
            printer->Print(created.value, &out, &error);
            c.Out(out);
        } else {
            c.Out("pod/" + name + " created" + (dry_run == "server" ? " (server dry run)" : "") + "\n");
        }
        return Status(0);
    }
    Duration timeout = f.GetDuration("pod-running-timeout");
    // `kubectl run -it NAME --image=busybox -- sh`: the shell named is the main process, and the
    // terminal is attached to it, as to the image's own shell.
    const bool interactive_shell = extra.size() == 1 && IsShellProgram(extra[0]) && stdin_flag && tty && !c.inv->has_stdin;
    if (!extra.empty() && !interactive_shell) {
        // The container runs the command itself; the job attaches to it once it runs.
        shell::Outcome o;
        o.job = std::make_unique<RunCommandJob>(c.cluster, pods, c.ns, name, name, f.GetBool("rm"), tty,
                                                f.GetBool("quiet"), timeout, c.inv->out, c.inv->err);
        return o;
    }
    PodShellJob::Options o;
    o.ns = c.ns;
    o.pod = name;
    o.container = name;
    o.image = image;
    if (interactive_shell) o.shell = extra[0];
    o.remove = f.GetBool("rm");
    o.run = true;
    o.restart_policy = restart;
    o.wait_running = timeout;
    o.tty = tty;
    o.quiet = f.GetBool("quiet");
    o.pods = pods;
    shell::Outcome out;
    out.job = std::make_unique<PodShellJob>(c.cluster, std::move(o), c.inv->out, c.inv->err);
    return out;
}

// [SECTION] logs

namespace {

class FollowLogsJob : public shell::Job {
public:
    FollowLogsJob(client::Cluster* cluster, const client::ResourceInfo* pods, std::string ns, std::string pod,
                  std::string container, size_t printed, Duration idle, std::shared_ptr<shell::OutputSink> out)
        : cluster_(cluster), pods_(pods), ns_(std::move(ns)), pod_(std::move(pod)), container_(std::move(container)),
          printed_(printed), idle_(idle), out_(std::move(out)) {
        last_ = cluster_->Now();
    }
    bool Poll() override {
        if (interrupted_) return true;
        auto r = cluster_->Logs(ns_, pod_, container_, false);
        if (r.ok() && r.value.size() > printed_) {
            out_->Write(r.value.substr(printed_));
            printed_ = r.value.size();
            last_ = cluster_->Now();
        }
        auto p = cluster_->Get(*pods_, ns_, pod_);
        if (!p.ok()) return true;
        std::string phase = p.value.Path("status.phase").AsString();
        if (phase == "Succeeded" || phase == "Failed") return true;
        return idle_ > 0 && cluster_->Now() - last_ >= idle_;
    }
    std::optional<Time> WakeTime() const override {
        if (idle_ > 0) return last_ + idle_;
        return std::nullopt;
    }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : 0; }

private:
    client::Cluster* cluster_;
    const client::ResourceInfo* pods_;
    std::string ns_, pod_, container_;
    size_t printed_;
    Duration idle_;
    std::shared_ptr<shell::OutputSink> out_;
    Time last_ = 0;
    bool interrupted_ = false;
};

}  // namespace

shell::Outcome RunLogs(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("container", 'c');
    f.Bool("previous", 'p');
    f.Bool("follow", 'f');
    f.Int("tail", 0, -1);
    f.Bool("timestamps");
    f.String("selector", 'l');
    f.Bool("all-containers");
    f.String("since");
    f.String("since-time");
    f.Bool("prefix");
    f.Bool("ignore-errors");
    f.Int("limit-bytes");
    f.Int("max-log-requests", 0, 5);
    f.Add({"pod-running-timeout", 0, FlagKind::kDuration, "20s", "", ""});
    f.Bool("insecure-skip-tls-verify-backend");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const auto& a = c.flags.args();
    if (a.empty() || a.size() > 2) {
        return c.Usage("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
                       "argument for the logs command");
    }
    Value pod;
    if (!FindPod(c, a[0], &pod, &fail)) return fail;
    std::string container = a.size() == 2 ? a[1] : f.GetString("container");
    if (container.empty()) container = DefaultContainer(pod, false, c);
    std::string name = pod.Path("metadata.name").AsString();
    auto r = c.cluster->Logs(c.ns, name, container, f.GetBool("previous"));
    if (!r.ok()) {
        c.Err(ApiErrorText(r.error) + "\n");
        return Status(1);
    }
    std::string text = r.value;
    int64_t tail = f.GetInt("tail");
    if (tail >= 0) {
        std::vector<std::string> lines = SplitLines(text);
        if (static_cast<int64_t>(lines.size()) > tail) lines.erase(lines.begin(), lines.end() - tail);
        text.clear();
        for (const auto& l : lines) text += l + "\n";
    }
    c.Out(text);
    if (f.GetBool("follow")) {
        shell::Outcome o;
        o.job = std::make_unique<FollowLogsJob>(c.cluster, c.mapper->Find("pods"), c.ns, name, container, r.value.size(),
                                                c.settings->watch_idle_end, c.inv->out);
        return o;
    }
    return Status(0);
}

// [SECTION] describe: pod templates (rollout history --revision)

std::string DescribePodTemplate(const Value& t) {
    std::string out = "Pod Template:\n";
    auto multiline = [&](const std::string& title, const Value& map, const char* sep) {
        out += "  " + title + ":\t";
        if (map.size() == 0) {
            out += "<none>\n";
            return;
        }
        bool first = true;
        for (const auto& [k, v] : map.members()) {
            if (!first) out += "\t";
            first = false;
            out += k + sep + v.AsString() + "\n";
        }
    };
    multiline("Labels", t.Path("metadata.labels"), "=");
    const Value& ann = t.Path("metadata.annotations");
    if (ann.size() > 0) multiline("Annotations", ann, ": ");
    const Value& spec = t.Get("spec");
    if (!spec.GetString("serviceAccountName").empty()) out += "  Service Account:\t" + spec.GetString("serviceAccountName") + "\n";
    auto containers = [&](const std::string& title, const Value& list) {
        if (list.size() == 0) return;
        out += "  " + title + ":\n";
        for (const auto& ct : list.items()) {
            out += "   " + ct.GetString("name") + ":\n";
            out += "    Image:\t" + ct.GetString("image") + "\n";
            const Value& ports = ct.Get("ports");
            if (ports.size() == 0) {
                out += "    Port:\t<none>\n    Host Port:\t<none>\n";
            } else {
                std::vector<std::string> p, h;
                for (const auto& port : ports.items()) {
                    p.push_back(std::to_string(port.GetInt("containerPort")) + "/" + port.GetString("protocol"));
                    h.push_back(std::to_string(port.GetInt("hostPort")) + "/" + port.GetString("protocol"));
                }
                out += "    Port" + std::string(ports.size() > 1 ? "s" : "") + ":\t" + Join(p, ", ") + "\n";
                out += "    Host Port" + std::string(ports.size() > 1 ? "s" : "") + ":\t" + Join(h, ", ") + "\n";
            }
            auto strings = [&](const char* field, const char* label) {
                const Value& v = ct.Get(field);
                if (v.size() == 0) return;
                out += std::string("    ") + label + ":\n";
                for (const auto& s : v.items()) out += "      " + s.AsString() + "\n";
            };
            strings("command", "Command");
            strings("args", "Args");
            const Value& env = ct.Get("env");
            if (env.size() == 0) {
                out += "    Environment:\t<none>\n";
            } else {
                out += "    Environment:\n";
                for (const auto& e : env.items()) {
                    if (e.Has("valueFrom")) {
                        const Value& fr = e.Path("valueFrom.fieldRef");
                        if (fr.IsObject()) {
                            out += "      " + e.GetString("name") + ":\t (" + fr.GetString("apiVersion") + ":" +
                                   fr.GetString("fieldPath") + ")\n";
                        } else {
                            out += "      " + e.GetString("name") + ":\t<set to the key of a referenced object>\n";
                        }
                    } else {
                        out += "      " + e.GetString("name") + ":\t" + e.GetString("value") + "\n";
                    }
                }
            }
            std::vector<Value> mounts(ct.Get("volumeMounts").items().begin(), ct.Get("volumeMounts").items().end());
            std::sort(mounts.begin(), mounts.end(), [](const Value& x, const Value& y) {
                return x.GetString("mountPath") < y.GetString("mountPath");
            });
            if (mounts.empty()) {
                out += "    Mounts:\t<none>\n";
            } else {
                out += "    Mounts:\n";
                for (const auto& m : mounts) {
                    out += "      " + m.GetString("mountPath") + " from " + m.GetString("name") + " (" +
                           (m.GetBool("readOnly") ? "ro" : "rw");
                    if (!m.GetString("subPath").empty()) out += ",path=\"" + m.GetString("subPath") + "\"";
                    out += ")\n";
                }
            }
        }
    };
    containers("Init Containers", spec.Get("initContainers"));
    containers("Containers", spec.Get("containers"));
    const Value& volumes = spec.Get("volumes");
    if (volumes.size() == 0) {
        out += "  Volumes:\t<none>\n";
    } else {
        out += "  Volumes:\n";
        for (const auto& v : volumes.items()) {
            out += "   " + v.GetString("name") + ":\n";
            if (v.Has("hostPath")) {
                const Value& hp = v.Get("hostPath");
                out += "    Type:\tHostPath (bare host directory volume)\n    Path:\t" + hp.GetString("path") + "\n";
                out += "    HostPathType:\t" + (hp.Has("type") ? hp.GetString("type") : std::string("<none>")) + "\n";
            } else if (v.Has("persistentVolumeClaim")) {
                const Value& pvc = v.Get("persistentVolumeClaim");
                out += "    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n";
                out += "    ClaimName:\t" + pvc.GetString("claimName") + "\n";
                out += std::string("    ReadOnly:\t") + (pvc.GetBool("readOnly") ? "true" : "false") + "\n";
            } else if (v.Has("emptyDir")) {
                const Value& ed = v.Get("emptyDir");
                out += "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n";
                out += "    Medium:\t" + ed.GetString("medium") + "\n";
                out += "    SizeLimit:\t" + (ed.Has("sizeLimit") ? ed.GetString("sizeLimit") : std::string("<unset>")) + "\n";
            } else if (v.Has("configMap")) {
                const Value& cm = v.Get("configMap");
                out += "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" + cm.GetString("name") +
                       "\n    Optional:\t" + (cm.GetBool("optional") ? "true" : "false") + "\n";
            } else if (v.Has("secret")) {
                const Value& s = v.Get("secret");
                out += "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" + s.GetString("secretName") +
                       "\n    Optional:\t" + (s.GetBool("optional") ? "true" : "false") + "\n";
            } else {
                out += "    <unknown>\n";
            }
        }
    }
    out += "  Node-Selectors:\t" + (spec.Get("nodeSelector").size() ? FormatLabels(spec.Get("nodeSelector")) : std::string("<none>")) + "\n";
    const Value& tol = spec.Get("tolerations");
    if (tol.size() == 0) {
        out += "  Tolerations:\t<none>\n";
    } else {
        bool first = true;
        out += "  Tolerations:\t";
        for (const auto& t2 : tol.items()) {
            if (!first) out += "\t";
            first = false;
            std::string s = t2.GetString("key");
            if (!t2.GetString("value").empty()) s += "=" + t2.GetString("value");
            if (!t2.GetString("effect").empty()) s += ":" + t2.GetString("effect");
            if (t2.GetString("operator") == "Exists" && t2.GetString("value").empty()) s += " op=Exists";
            out += s + "\n";
        }
    }
    return out;
}

}  // namespace sts::kubectl
