// The sh subset: parsing (complete / incomplete / wrong), expansion, control flow, pipes,
// redirections, heredocs, personas' error wording, and the resumable machine (a command that
// blocks on a job suspends the program in the middle of loops, && chains and pipelines).
#include <gtest/gtest.h>

#include <string>

#include "cluster/container_shell.h"
#include "shell/parser.h"
#include "shell/shell.h"

namespace sts::shell {
namespace {

// A job that finishes after `polls` calls to Poll, writing a marker each time.
class CountdownJob : public Job {
public:
    CountdownJob(int polls, int code, std::shared_ptr<OutputSink> out) : left_(polls), code_(code), out_(std::move(out)) {}
    bool Poll() override {
        if (interrupted_) return true;
        out_->Write("tick\n");
        return --left_ <= 0;
    }
    void Interrupt() override { interrupted_ = true; }
    int ExitCode() const override { return interrupted_ ? 130 : code_; }

private:
    int left_;
    int code_;
    std::shared_ptr<OutputSink> out_;
    bool interrupted_ = false;
};

class ShellTest : public ::testing::Test {
protected:
    void SetUp() override { Make(Persona::kBash); }

    void Make(Persona p) {
        ShellConfig cfg;
        cfg.persona = p;
        cfg.fs = &fs_;
        AddCoreUtils(&cfg.commands, p);
        cfg.commands["wait2"] = [](Invocation& inv) {
            Outcome o;
            int code = inv.argv.size() > 1 ? std::stoi(inv.argv[1]) : 0;
            o.job = std::make_unique<CountdownJob>(2, code, inv.out);
            return o;
        };
        cfg.commands["args"] = [](Invocation& inv) {
            std::string s;
            for (size_t i = 1; i < inv.argv.size(); ++i) s += "<" + inv.argv[i] + ">";
            inv.out->Write(s + "\n");
            return Outcome{};
        };
        sh_ = std::make_unique<Interpreter>(std::move(cfg));
        out_.clear();
        auto sink = std::make_shared<CallbackSink>([this](std::string_view t) { out_ += t; });
        sh_->SetOutput(sink, sink);
    }

    // Runs text to completion, driving any job.
    std::string Run(const std::string& text) {
        out_.clear();
        Interpreter::State s = sh_->RunText(text);
        int guard = 0;
        while (s == Interpreter::State::kBlocked && guard++ < 1000) {
            Job* j = sh_->job();
            if (j->Poll()) s = sh_->Resume(j->ExitCode());
        }
        return out_;
    }

    MemoryFileSystem fs_;
    std::unique_ptr<Interpreter> sh_;
    std::string out_;
};

ParseResult::Status StatusOf(const std::string& text) { return Parse(text).status; }

TEST(ShellParse, CompleteIncompleteAndWrong) {
    EXPECT_EQ(StatusOf("echo hi"), ParseResult::Status::kOk);
    EXPECT_EQ(StatusOf("echo 'open"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("echo \"open"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("for i in 1 2; do"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("for i in 1 2; do\necho $i"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("for i in 1 2; do\necho $i\ndone"), ParseResult::Status::kOk);
    EXPECT_EQ(StatusOf("if true; then"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("echo a &&"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("echo a |"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("echo a \\"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("cat <<EOF"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("cat <<EOF\nline"), ParseResult::Status::kIncomplete);
    EXPECT_EQ(StatusOf("cat <<EOF\nline\nEOF"), ParseResult::Status::kOk);
    EXPECT_EQ(StatusOf("done"), ParseResult::Status::kError);
    EXPECT_EQ(StatusOf("echo a; ; echo b"), ParseResult::Status::kError);
    EXPECT_EQ(StatusOf("echo $(echo a"), ParseResult::Status::kIncomplete);
}

TEST(ShellParse, PersonaWordingOfSyntaxErrors) {
    SyntaxError e = Parse("done").error;
    EXPECT_EQ(FormatSyntaxError(Persona::kBash, e), "bash: syntax error near unexpected token `done'");
    EXPECT_EQ(FormatSyntaxError(Persona::kBusyboxAsh, e), "sh: syntax error: unexpected \"done\"");
    EXPECT_EQ(FormatSyntaxError(Persona::kDash, e), "sh: 1: Syntax error: \"done\" unexpected");
    SyntaxError eof = Parse("for i in a; do echo").error;
    EXPECT_EQ(FormatSyntaxError(Persona::kBusyboxAsh, eof),
              "sh: syntax error: unexpected end of file (expecting \"done\")");
    EXPECT_EQ(FormatSyntaxError(Persona::kDash, eof),
              "sh: 1: Syntax error: end of file unexpected (expecting \"done\")");
    SyntaxError q = Parse("echo 'x").error;
    EXPECT_EQ(FormatSyntaxError(Persona::kBusyboxAsh, q), "sh: syntax error: unterminated quoted string");
    EXPECT_EQ(FormatNotFound(Persona::kBash, "foo", 1), "bash: foo: command not found");
    EXPECT_EQ(FormatNotFound(Persona::kBusyboxAsh, "foo", 1), "sh: foo: not found");
    EXPECT_EQ(FormatNotFound(Persona::kDash, "foo", 1), "sh: 1: foo: not found");
}

TEST(ShellParse, LimitsGiveErrorsNotCrashes) {
    std::string deep;
    for (int i = 0; i < 100000; ++i) deep += "$(";
    ParseResult r = Parse("echo " + deep);
    EXPECT_EQ(r.status, ParseResult::Status::kError);
    EXPECT_EQ(r.error.kind, SyntaxError::Kind::kTooDeep);

    std::string quotes;
    for (int i = 0; i < 100000; ++i) quotes += "'a'\"b\"";
    EXPECT_EQ(Parse("echo " + quotes).status, ParseResult::Status::kOk);

    std::string braces;
    for (int i = 0; i < 100000; ++i) braces += "{ ";
    EXPECT_EQ(Parse(braces).error.kind, SyntaxError::Kind::kTooDeep);

    ParseOptions small;
    small.max_input = 100;
    EXPECT_EQ(Parse(std::string(200, 'a'), small).error.kind, SyntaxError::Kind::kTooLong);
}

TEST_F(ShellTest, QuotingAndExpansion) {
    EXPECT_EQ(Run("args a 'b c' \"d e\" f\\ g"), "<a><b c><d e><f g>\n");
    EXPECT_EQ(Run("X='1 2'; args $X \"$X\" ${X}"), "<1><2><1 2><1><2>\n");
    EXPECT_EQ(Run("for i in 0 1; do args \"web-$i\"; done"), "<web-0>\n<web-1>\n");
    EXPECT_EQ(Run("args \"$UNSET\" $UNSET x"), "<><x>\n");
    EXPECT_EQ(Run("args ${UNSET:-dflt} ${#X}"), "<dflt><3>\n");
    EXPECT_EQ(Run("args $(echo a b) \"$(echo a b)\""), "<a><b><a b>\n");
    EXPECT_EQ(Run("args $((1 + 2 * 3)) $(( (1+2)*3 ))"), "<7><9>\n");
    EXPECT_EQ(Run("args '$X' \"\\$X\""), "<$X><$X>\n");
    EXPECT_EQ(Run("args a#b # comment"), "<a#b>\n");
    EXPECT_EQ(Run("args ${123456789012345678901234567890} x"), "<x>\n");
}

TEST_F(ShellTest, StatusAndLists) {
    EXPECT_EQ(Run("false; echo $?"), "1\n");
    EXPECT_EQ(Run("true && echo yes || echo no"), "yes\n");
    EXPECT_EQ(Run("false && echo yes || echo no"), "no\n");
    EXPECT_EQ(Run("nosuch; echo $?"), "bash: nosuch: command not found\n127\n");
    EXPECT_EQ(Run("! false && echo negated"), "negated\n");
}

TEST_F(ShellTest, ControlFlow) {
    EXPECT_EQ(Run("if false; then echo a; elif true; then echo b; else echo c; fi"), "b\n");
    EXPECT_EQ(Run("for i in 1 2 3; do if [ $i = 2 ]; then continue; fi; echo $i; done"), "1\n3\n");
    EXPECT_EQ(Run("for i in 1 2 3; do echo $i; break; done"), "1\n");
    EXPECT_EQ(Run("i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done"), "0\n1\n2\n");
    EXPECT_EQ(Run("for i in a b\ndo\necho $i\ndone"), "a\nb\n");
    EXPECT_EQ(Run("{ echo a; echo b; } | wc -l"), "2\n");
    EXPECT_EQ(Run("X=1; (X=2; echo $X); echo $X"), "2\n1\n");
}

TEST_F(ShellTest, PipesRedirectionsAndHeredocs) {
    EXPECT_EQ(Run("printf 'b\\na\\nc\\n' | sort | head -n 2"), "a\nb\n");
    EXPECT_EQ(Run("echo hello > f.txt; echo world >> f.txt; cat f.txt"), "hello\nworld\n");
    EXPECT_EQ(Run("cat < f.txt | grep wor"), "world\n");
    EXPECT_EQ(Run("nosuch 2>/dev/null; echo $?"), "127\n");
    EXPECT_EQ(Run("nosuch 2>&1 | tr a-z A-Z"), "BASH: NOSUCH: COMMAND NOT FOUND\n");
    EXPECT_EQ(Run("N=x; cat <<EOF\nvalue $N\nEOF"), "value x\n");
    EXPECT_EQ(Run("cat <<'EOF'\nvalue $N\nEOF"), "value $N\n");
    EXPECT_EQ(Run("cat <<-EOF\n\tindented\n\tEOF"), "indented\n");
    EXPECT_EQ(Run("cat > m.yaml <<EOF\nkind: Pod\nEOF\ncat m.yaml"), "kind: Pod\n");
    EXPECT_EQ(Run("echo a \\\nb"), "a b\n");
    EXPECT_EQ(Run("cat missing.txt"), "cat: missing.txt: No such file or directory\n");
}

TEST_F(ShellTest, ExportAndEnv) {
    EXPECT_EQ(Run("export A=1; B=2; env | grep -E '^(A|B)='"), "A=1\n");
    EXPECT_EQ(Run("C=3 env | grep '^C='"), "C=3\n");
}

TEST_F(ShellTest, ExitStopsTheProgram) {
    EXPECT_EQ(Run("echo a; exit 3; echo b"), "a\n");
    EXPECT_EQ(sh_->state(), Interpreter::State::kExited);
    EXPECT_EQ(sh_->exit_status(), 3);
    Run("(exit 4); echo $?");
    EXPECT_EQ(out_, "4\n");
}

TEST_F(ShellTest, BlockingJobSuspendsInsideLoopsAndChains) {
    out_.clear();
    Interpreter::State s = sh_->RunText("for i in 1 2; do echo start $i && wait2 && echo end $i; done; echo after");
    ASSERT_EQ(s, Interpreter::State::kBlocked);
    EXPECT_EQ(out_, "start 1\n");
    ASSERT_FALSE(sh_->job()->Poll());
    ASSERT_TRUE(sh_->job()->Poll());
    s = sh_->Resume(0);
    ASSERT_EQ(s, Interpreter::State::kBlocked);
    EXPECT_EQ(out_, "start 1\ntick\ntick\nend 1\nstart 2\n");
    sh_->job()->Poll();
    sh_->job()->Poll();
    s = sh_->Resume(0);
    EXPECT_EQ(s, Interpreter::State::kIdle);
    EXPECT_EQ(out_, "start 1\ntick\ntick\nend 1\nstart 2\ntick\ntick\nend 2\nafter\n");
}

TEST_F(ShellTest, BlockingJobInsidePipelineFeedsNextStage) {
    EXPECT_EQ(Run("wait2 | wc -l; echo done"), "2\ndone\n");
    EXPECT_EQ(Run("wait2 3 || echo failed $?"), "tick\ntick\nfailed 3\n");
}

TEST_F(ShellTest, InterruptedJobAbortsProgram) {
    out_.clear();
    sh_->RunText("wait2; echo never");
    sh_->job()->Interrupt();
    sh_->Abort();
    EXPECT_EQ(sh_->state(), Interpreter::State::kIdle);
    EXPECT_EQ(sh_->last_status(), 130);
    EXPECT_EQ(out_, "");
}

TEST_F(ShellTest, RunawayLoopIsStopped) {
    std::string out = Run("while true; do :; done; echo after");
    EXPECT_NE(out.find("too many commands"), std::string::npos);
    EXPECT_EQ(sh_->state(), Interpreter::State::kIdle);
}

TEST_F(ShellTest, BusyboxAndDashWording) {
    Make(Persona::kBusyboxAsh);
    EXPECT_EQ(Run("foo"), "sh: foo: not found\n");
    EXPECT_EQ(Run("cat /nope"), "cat: can't open '/nope': No such file or directory\n");
    EXPECT_EQ(Run("echo 'x"), "sh: syntax error: unterminated quoted string\n");
    Make(Persona::kDash);
    EXPECT_EQ(Run("foo"), "sh: 1: foo: not found\n");
    EXPECT_EQ(Run("echo 'a\\tb'"), "a\tb\n");
}

TEST_F(ShellTest, GrepRegexSubset) {
    EXPECT_EQ(Run("printf 'web-0\\nweb-1\\ndb-0\\n' | grep '^web-[01]$'"), "web-0\nweb-1\n");
    EXPECT_EQ(Run("printf 'a\\nb\\n' | grep -v a"), "b\n");
    EXPECT_EQ(Run("printf 'ab\\nabab\\n' | grep -E '^(ab)+$' | wc -l"), "2\n");
    EXPECT_EQ(Run("printf 'Web\\n' | grep -i web"), "Web\n");
    EXPECT_EQ(Run("printf 'a\\nb\\nc\\n' | grep -e a -e c"), "a\nc\n") << "every -e pattern counts";
    EXPECT_EQ(Run("printf 'a.b\\naxb\\nc\\n' | grep -F -e a.b -e c"), "a.b\nc\n");
    // A pathological pattern on a long line ends (no match) instead of hanging.
    std::string line(5000, 'a');
    EXPECT_EQ(Run("echo " + line + " | grep -E '(a*)*b'; echo $?"), "1\n");
}

}  // namespace
}  // namespace sts::shell

// [SECTION] the shell inside a simulated container

namespace sts::cluster {
namespace {

class FakeEnv : public ContainerEnvironment {
public:
    explicit FakeEnv(std::string image, std::string host = "web-0") : image_(std::move(image)), host_(std::move(host)) {
        files_.Put("/etc/hostname", host_ + "\n");
        files_.Put("/etc/resolv.conf",
                   "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
    }
    std::string Image() const override { return image_; }
    std::string Hostname() const override { return host_; }
    std::string Fqdn() const override { return host_ + ".nginx.default.svc.cluster.local"; }
    std::string PodIp() const override { return "10.244.1.2"; }
    std::map<std::string, std::string> Environment() const override {
        std::map<std::string, std::string> env = extra_env;
        env["PATH"] = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        env["HOSTNAME"] = host_;
        return env;
    }
    std::map<std::string, std::string> extra_env;  // the image's own ENV lines
    bool ReadFile(const std::string& path, std::string* content) const override { return files_.ReadFile(path, content); }
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override {
        return files_.WriteFile(path, content, append);
    }
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override {
        return files_.ListDir(path, names);
    }
    Time Now() const override { return kSimulationEpoch + Seconds(5); }
    DnsServer Nameserver() const override { return {"10.96.0.10", "kube-dns.kube-system.svc.cluster.local"}; }
    DnsAnswer Lookup(const std::string& name) const override {
        DnsAnswer a;
        if (name == "web-0.nginx") {
            a.found = true;
            a.addresses = {"10.244.1.2"};
            a.ptr_names = {"web-0.nginx.default.svc.cluster.local"};
        } else if (name == "nginx") {
            a.found = true;
            a.addresses = {"10.244.1.2", "10.244.2.3"};
            a.ptr_names = {"web-0.nginx.default.svc.cluster.local", "web-1.nginx.default.svc.cluster.local"};
        }
        return a;
    }
    HttpResult HttpGet(const std::string& host, int port, const std::string& path) override {
        (void)path;
        HttpResult r;
        DnsAnswer a = Lookup(host);
        if (!a.found) {
            r.kind = HttpResult::Kind::kBadAddress;
            return r;
        }
        r.ip = a.addresses[0];
        if (port != 80) {
            r.kind = HttpResult::Kind::kRefused;
            return r;
        }
        r.body = NginxWelcomePage();
        return r;
    }
    shell::MemoryFileSystem files_;

private:
    std::string image_;
    std::string host_;
};

TEST(ContainerShell, FlavorFromImage) {
    EXPECT_EQ(FlavorForImage("busybox:1.28"), ShellFlavor::kBusybox);
    EXPECT_EQ(FlavorForImage("registry.k8s.io/busybox"), ShellFlavor::kBusybox);
    EXPECT_EQ(FlavorForImage("nginx:alpine"), ShellFlavor::kBusybox);
    EXPECT_EQ(FlavorForImage("nginx:latest"), ShellFlavor::kDebian);
    EXPECT_EQ(FlavorForImage("registry.k8s.io/nginx:1.20"), ShellFlavor::kDebian);
}

TEST(ContainerShell, HostnameThroughShC) {
    FakeEnv env("nginx:latest");
    ContainerShell sh(&env);
    ContainerExecResult r = sh.Exec({"sh", "-c", "hostname"});
    EXPECT_EQ(r.out, "web-0\n");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(sh.Exec({"hostname", "-f"}).out, "web-0.nginx.default.svc.cluster.local\n");
    EXPECT_EQ(sh.Exec({"hostname", "-i"}).out, "10.244.1.2\n");
    EXPECT_EQ(sh.Exec({"sh", "-c", "echo \"$(hostname)\" > /usr/share/nginx/html/index.html"}).exit_code, 0);
    std::string content;
    ASSERT_TRUE(env.files_.ReadFile("/usr/share/nginx/html/index.html", &content));
    EXPECT_EQ(content, "web-0\n");
}

TEST(ContainerShell, NslookupBusybox128Format) {
    FakeEnv env("busybox:1.28", "dns-test");
    ContainerShell sh(&env);
    ContainerExecResult r = sh.Exec({"nslookup", "web-0.nginx"});
    EXPECT_EQ(r.out,
              "Server:    10.96.0.10\n"
              "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
              "\n"
              "Name:      web-0.nginx\n"
              "Address 1: 10.244.1.2 web-0.nginx.default.svc.cluster.local\n");
    EXPECT_EQ(r.exit_code, 0);
    r = sh.Exec({"nslookup", "nginx"});
    EXPECT_NE(r.out.find("Address 2: 10.244.2.3 web-1.nginx.default.svc.cluster.local\n"), std::string::npos);
    r = sh.Exec({"nslookup", "web-3.nginx"});
    EXPECT_EQ(r.out,
              "Server:    10.96.0.10\n"
              "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
              "\n");
    EXPECT_EQ(r.err, "nslookup: can't resolve 'web-3.nginx'\n");
    EXPECT_EQ(r.exit_code, 1);
}

TEST(ContainerShell, NotFoundAndRuntimeErrors) {
    FakeEnv bb("busybox:1.28");
    ContainerShell b(&bb);
    EXPECT_EQ(b.Exec({"sh", "-c", "curl x"}).err, "sh: curl: not found\n");
    EXPECT_EQ(b.Exec({"sh", "-c", "curl x"}).exit_code, 127);
    FakeEnv deb("nginx");
    ContainerShell d(&deb);
    EXPECT_EQ(d.Exec({"sh", "-c", "nslookup x"}).err, "sh: 1: nslookup: not found\n");
    ContainerExecResult r = d.Exec({"nosuch"});
    EXPECT_NE(r.start_error.find("exec: \"nosuch\": executable file not found in $PATH: unknown"), std::string::npos);
    EXPECT_EQ(d.Exec({"sh", "-c", "for i in 1 2; do"}).err,
              "sh: 1: Syntax error: end of file unexpected (expecting \"done\")\n");
}

TEST(ContainerShell, WgetAndCurl) {
    FakeEnv bb("busybox:1.28");
    ContainerShell b(&bb);
    ContainerExecResult r = b.Exec({"wget", "-qO-", "http://web-0.nginx"});
    EXPECT_EQ(r.out, NginxWelcomePage());
    EXPECT_EQ(r.err, "");
    r = b.Exec({"wget", "-qO-", "web-3.nginx"});
    EXPECT_EQ(r.err, "wget: bad address 'web-3.nginx'\n");
    EXPECT_EQ(r.exit_code, 1);
    FakeEnv deb("nginx");
    ContainerShell d(&deb);
    EXPECT_EQ(d.Exec({"curl", "-s", "web-0.nginx"}).out, NginxWelcomePage());
    r = d.Exec({"curl", "web-9.nginx"});
    EXPECT_EQ(r.err, "curl: (6) Could not resolve host: web-9.nginx\n");
    EXPECT_EQ(r.exit_code, 6);
}

TEST(ContainerShell, TheNginxImageAnswersNginxsCommandLine) {
    FakeEnv env("nginx:1.27");
    env.extra_env["NGINX_VERSION"] = "1.27.4";
    ContainerShell sh(&env);
    ContainerExecResult r = sh.Exec({"nginx", "-v"});
    EXPECT_EQ(r.err, "nginx version: nginx/1.27.4\n");  // nginx writes it to stderr
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_EQ(sh.Exec({"sh", "-c", "nginx -v 2>&1"}).out, "nginx version: nginx/1.27.4\n");
    EXPECT_EQ(sh.Exec({"nginx", "-t"}).err,
              "nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\n"
              "nginx: configuration file /etc/nginx/nginx.conf test is successful\n");
    EXPECT_EQ(sh.Exec({"nginx", "-tq"}).err, "");  // quiet: only errors
    r = sh.Exec({"nginx", "-h"});
    EXPECT_EQ(r.err.rfind("nginx version: nginx/1.27.4\nUsage: nginx [-?hvVtTq] [-s signal] [-p prefix]\n", 0), 0u);
    EXPECT_NE(r.err.find("  -t            : test configuration and exit\n"), std::string::npos);
    r = sh.Exec({"nginx", "-x"});
    EXPECT_EQ(r.err, "nginx: invalid option: \"x\"\n");
    EXPECT_EQ(r.exit_code, 1);

    // Another Debian image has no nginx binary.
    FakeEnv redis("redis:7");
    ContainerShell other(&redis);
    EXPECT_NE(other.Exec({"nginx", "-v"}).start_error.find("exec: \"nginx\": executable file not found"),
              std::string::npos);
}

TEST(ContainerShell, InteractiveSessionKeepsState) {
    FakeEnv bb("busybox:1.28", "dns-test");
    ContainerShell sh(&bb);
    EXPECT_EQ(sh.Prompt(), "/ # ");
    sh.RunLine("X=hello");
    EXPECT_EQ(sh.RunLine("echo $X").out, "hello\n");
    sh.RunLine("for i in 1 2; do");
    EXPECT_EQ(sh.Prompt(), "> ");
    EXPECT_EQ(sh.RunLine("echo $i; done").out, "1\n2\n");
    EXPECT_FALSE(sh.Exited());
    sh.RunLine("exit");
    EXPECT_TRUE(sh.Exited());
    EXPECT_EQ(sh.ExitCode(), 0);
}

TEST(ContainerShell, DateUsesSimulatedTime) {
    FakeEnv bb("busybox:1.28");
    ContainerShell sh(&bb);
    EXPECT_EQ(sh.Exec({"date"}).out, "Thu Jan  1 00:00:05 UTC 2026\n");
}

}  // namespace
}  // namespace sts::cluster
