// The scenario scripts (tests/scenarios/scripts/*.sh): upstream's e2e StatefulSet tests and the
// reference's known edge cases (§7.4, §8), each run on a fresh simulated cluster. Every script
// checks the behaviour it teaches with #expect comments (scenario_runner.h) and its whole
// transcript against tests/scenarios/golden/<name>.txt (STS_UPDATE_GOLDEN=1 rewrites them).
// Also checks the bookkeeping: every script has a golden copy, and docs/scenarios.md names
// only scripts that exist.
// libstdc++ 12's <regex> trips GCC's -Wmaybe-uninitialized when optimised (a known false
// positive inside std::function); the warning's location is in headers gtest includes first, so it
// is silenced for the whole file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <gtest/gtest.h>

#include <dirent.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>

#include "apiserver/api_server.h"
#include "scenario_runner.h"

namespace sts::testing {
namespace {

constexpr const char* kScripts = "tests/scenarios/scripts";
constexpr const char* kGoldens = "tests/scenarios/golden";
constexpr const char* kIndex = "docs/scenarios.md";

std::vector<std::string> FilesWithExtension(const char* dir, const std::string& ext) {
    // POSIX readdir rather than <filesystem>: the same call works natively and in wasm (NODERAWFS).
    std::vector<std::string> names;
    if (DIR* d = opendir(dir)) {
        while (const dirent* entry = readdir(d)) {
            const std::string file = entry->d_name;
            if (file.size() > ext.size() && file.compare(file.size() - ext.size(), ext.size(), ext) == 0)
                names.push_back(file.substr(0, file.size() - ext.size()));
        }
        closedir(d);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::vector<std::string> ScriptNames() { return FilesWithExtension(kScripts, ".sh"); }

std::string ScriptPath(const std::string& name) { return std::string(kScripts) + "/" + name + ".sh"; }
std::string GoldenPath(const std::string& name) { return std::string(kGoldens) + "/" + name + ".txt"; }

class Scenario : public ::testing::TestWithParam<std::string> {};

TEST_P(Scenario, BehavesAsExpectedAndMatchesTheGoldenTranscript) {
    const std::string script = ReadFileOrEmpty(ScriptPath(GetParam()));
    ASSERT_FALSE(script.empty()) << ScriptPath(GetParam());
    const ScenarioRun run = RunScenario(script);

    EXPECT_GT(run.expectations, 0) << "a scenario must check its behaviour with #expect comments";
    for (const auto& failure : run.failures) ADD_FAILURE() << ScriptPath(GetParam()) << " " << failure;

    const std::string golden_path = GoldenPath(GetParam());
    if (std::getenv("STS_UPDATE_GOLDEN")) {
        std::ofstream(golden_path, std::ios::binary) << run.transcript;
        return;
    }
    const std::string golden = ReadFileOrEmpty(golden_path);
    ASSERT_FALSE(golden.empty()) << "missing " << golden_path << " (run with STS_UPDATE_GOLDEN=1)";
    EXPECT_EQ(run.transcript, golden) << "transcript differs from " << golden_path;
}

TEST_P(Scenario, OpensWithTheUpstreamScenarioItCovers) {
    const std::vector<std::string> lines = SplitLines(ReadFileOrEmpty(ScriptPath(GetParam())));
    ASSERT_GE(lines.size(), 2u);
    const std::string& first = lines[0];
    EXPECT_TRUE(first.rfind("# Upstream: ", 0) == 0 || first.rfind("# Reference §8", 0) == 0)
        << "first line must name the upstream e2e test (\"# Upstream: ...\") or the reference item "
           "(\"# Reference §8.N ...\"): "
        << first;
    bool learner = false;
    for (size_t i = 0; i < lines.size() && !lines[i].empty() && lines[i][0] == '#'; ++i)
        learner = learner || lines[i].find("A learner should see") != std::string::npos;
    EXPECT_TRUE(learner) << "the opening comment must say what a learner should see";
}

std::string TestName(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    std::replace(name.begin(), name.end(), '-', '_');
    return name;
}

INSTANTIATE_TEST_SUITE_P(Scripts, Scenario, ::testing::ValuesIn(ScriptNames()), TestName);

TEST(ScenarioRunner, ExpectationsMatchWordsWhateverTheColumnPadding) {
    using scenario_detail::Check;
    const std::vector<std::string> out = {"NAME    READY   STATUS", "web-0   1/1     Running", "web-1   0/1     Pending"};
    EXPECT_EQ(Check("#expect web-0 1/1 Running", out), "");
    EXPECT_EQ(Check("#expect ^web-1 0/1 Pending$", out), "");
    EXPECT_NE(Check("#expect ^1/1 Running", out), "");
    EXPECT_NE(Check("#expect web-2", out), "");
    EXPECT_EQ(Check("#expect-not web-2", out), "");
    EXPECT_NE(Check("#expect-not Pending", out), "");
    EXPECT_EQ(Check("#expect-count 2 web-", out), "");
    EXPECT_NE(Check("#expect-count 1 web-", out), "");
    EXPECT_EQ(Check("#expect-order web-0 | web-1", out), "");
    EXPECT_NE(Check("#expect-order web-1 | web-0", out), "");
    const std::vector<std::string> watch = {"web-0 1/1 Running", "web-1 0/1 Pending", "web-0 1/1 Terminating",
                                            "web-1 0/1 Running"};
    EXPECT_EQ(Check("#expect-order web-0 1/1 Terminating | web-1", watch), "") << "a later line, not the first one";
    EXPECT_NE(Check("#expect-first-order web-0 1/1 Terminating | web-1", watch), "");
    EXPECT_EQ(Check("#expect-first-order web-0 | web-1 0/1 Running", watch), "");
    EXPECT_NE(Check("#expect-sorted web-1", out), "");
    EXPECT_EQ(Check("#expect ^web-0 * Running$", out), "");
    EXPECT_NE(Check("#expect ^web-0 * Pending$", out), "");
    EXPECT_EQ(Check("#expect ^NAME * STATUS$", out), "");
    EXPECT_NE(Check("#expect ^STATUS * NAME", out), "");
}

TEST(ScenarioRunner, TheTranscriptIsTheOneTheCommandLinePrints) {
    const std::vector<std::string> names = ScriptNames();
    ASSERT_FALSE(names.empty());
    const std::string path = ScriptPath(names.front());
    EXPECT_EQ(RunScenario(ReadFileOrEmpty(path)).transcript, RunScriptFile(path));
}

// `kubectl apply` of a two-replica StatefulSet "web" of one nginx container, with extra spec
// lines (indented two spaces) and the image given.
std::string ApplyWebSet(const std::string& extra_spec, const std::string& image) {
    return "kubectl apply -f - <<EOF\n"
           "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n"
           "  serviceName: nginx\n" + extra_spec + "  replicas: 2\n"
           "  selector:\n    matchLabels:\n      app: nginx\n  template:\n    metadata:\n"
           "      labels:\n        app: nginx\n    spec:\n      containers:\n      - name: nginx\n"
           "        image: " + image + "\nEOF";
}

TEST(ScenarioSession, RunRmReturnsOnlyOnceThePodIsGone) {
    // kubectl run --rm deletes the pod as kubectl delete does, waiting for it to be gone, so
    // the same name can be used again at once (the DNS scenario runs several dns-test pods).
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm");
    session.Input("exit");
    EXPECT_NE(session.TakeOutput().find("pod \"dns-test\" deleted\n"), std::string::npos);
    EXPECT_EQ(session.sim().api().pods().Get("default", "dns-test"), nullptr);
}

TEST(ScenarioSession, AbsurdScaleIsRefusedPastTheCapacityAndRecovers) {
    // `kubectl scale --replicas=1000000` is accepted (as by a real API server), but the pods past
    // the playground's capacity are refused with a Forbidden error the controller records as
    // FailedCreate; nothing else breaks, and scaling back down recovers. Here the capacity is 30
    // and the absurd size 100, so a regression fails this test instead of filling memory.
    host::SessionOptions options;
    options.max_objects_per_kind = 30;
    host::Session session(options);
    session.Input(ApplyWebSet("  podManagementPolicy: Parallel\n", "registry.k8s.io/nginx-slim:0.24"));
    session.Input("kubectl scale sts web --replicas=100");
    EXPECT_NE(session.TakeOutput().find("statefulset.apps/web scaled"), std::string::npos);
    session.Input("sleep 30s");
    const size_t pods = session.sim().api().pods().Size();
    EXPECT_EQ(pods, 30u);
    session.Input("kubectl run extra --image=busybox:1.28 -- sleep 1");
    EXPECT_NE(session.TakeOutput().find("Error from server (Forbidden): pods \"extra\" is forbidden: exceeded the "
                                        "playground's capacity: the simulated cluster holds at most 30 pods"),
              std::string::npos);
    bool failed_create = false;
    for (const auto& e : session.sim().api().events().List("default"))
        failed_create = failed_create || (e->reason == "FailedCreate" &&
                                          e->message.find("is forbidden: exceeded the playground's capacity") !=
                                              std::string::npos);
    EXPECT_TRUE(failed_create);
    session.Input("kubectl scale sts web --replicas=2");
    session.Input("sleep 3m");
    session.TakeOutput();
    session.Input("kubectl get sts web");
    EXPECT_NE(session.TakeOutput().find("web    2/2"), std::string::npos);
}

TEST(ScenarioSession, GetComponentStatusesAnswersAsTheDeprecatedApiStillDoes) {
    // `kubectl get cs`, the health check of many install guides: served by 1.33 with a
    // deprecation warning, from probes (get and list only; every other verb is refused).
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl get cs");
    EXPECT_EQ(session.TakeOutput(),
              "Warning: v1 ComponentStatus is deprecated in v1.19+\n"
              "NAME                 STATUS    MESSAGE   ERROR\n"
              "scheduler            Healthy   ok        \n"
              "controller-manager   Healthy   ok        \n"
              "etcd-0               Healthy   ok        \n");
    session.Input("kubectl get componentstatus etcd-0 -o jsonpath='{.conditions[0].type}={.conditions[0].status}'");
    EXPECT_NE(session.TakeOutput().find("Healthy=True"), std::string::npos);
    session.Input("kubectl get cs kube-proxy");
    EXPECT_NE(session.TakeOutput().find("Error from server: Component not found: kube-proxy\n"), std::string::npos);
    session.Input("kubectl delete cs scheduler");
    EXPECT_NE(session.TakeOutput().find("Error from server (MethodNotAllowed): the server does not allow this method "
                                        "on the requested resource\n"),
              std::string::npos);
    session.Input("kubectl get cs -w");
    const std::string watched = session.TakeOutput();
    EXPECT_NE(watched.find("controller-manager   Healthy   ok"), std::string::npos) << watched;
    EXPECT_NE(watched.find("Error from server (MethodNotAllowed): watch is not supported on resources of kind "
                           "\"componentstatuses\"\n"),
              std::string::npos)
        << watched;
    session.Input("kubectl api-resources --api-group='' -o name");
    EXPECT_NE(session.TakeOutput().find("componentstatuses\n"), std::string::npos);
}

TEST(ScenarioSession, OlderTutorialManifestsOnK8sGcrIoStillRun) {
    // The StatefulSet tutorial's older editions (and the posts copied from them) name
    // k8s.gcr.io/nginx-slim:0.8 and update to 0.7. k8s.gcr.io redirects to registry.k8s.io, so on
    // a real cluster the pods pull and run; the images keep the names they were pulled by.
    host::SessionOptions options;
    host::Session session(options);
    session.Input(ApplyWebSet("", "k8s.gcr.io/nginx-slim:0.8"));
    session.Input("kubectl rollout status sts/web");
    EXPECT_NE(session.TakeOutput().find("partitioned roll out complete: 2 new pods have been updated..."),
              std::string::npos);
    session.Input("kubectl set image sts/web nginx=k8s.gcr.io/nginx-slim:0.7");
    session.Input("kubectl rollout status sts/web");
    EXPECT_NE(session.TakeOutput().find("partitioned roll out complete: 2 new pods have been updated..."),
              std::string::npos);
    session.Input("kubectl get pod web-0 -o jsonpath='{.status.containerStatuses[0].image}'");
    EXPECT_NE(session.TakeOutput().find("k8s.gcr.io/nginx-slim:0.7"), std::string::npos);
}

TEST(ScenarioSession, CurlInsideAPodReachesItsOwnServerThroughEtcHosts) {
    // The upstream tutorial's `kubectl exec -i -t "web-$i" -- curl http://localhost/`: the pod's
    // resolver reads /etc/hosts before DNS, and loopback stays in the pod. The tutorial's html
    // directory is an empty hostPath, so nginx answers 403, naming the version it runs.
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl apply -f assets/manifests/nginx-statefulset.yaml");
    session.Input("kubectl rollout status sts web");
    session.TakeOutput();
    for (const char* url : {"http://localhost/", "localhost", "127.0.0.1", "web-0"}) {
        session.Input(std::string("kubectl exec web-0 -- curl -s ") + url);
        const std::string out = session.TakeOutput();
        EXPECT_NE(out.find("<h1>403 Forbidden</h1>"), std::string::npos) << url << ":\n" << out;
        EXPECT_NE(out.find("<center>nginx/1.29.3</center>"), std::string::npos) << url << ":\n" << out;
    }
    // Nothing listens on 8080, and a pod without a server refuses on its own loopback.
    session.Input("kubectl exec web-0 -- curl -sS localhost:8080");
    EXPECT_NE(session.TakeOutput().find("curl: (7) Failed to connect to localhost port 8080"), std::string::npos);
    session.Input("kubectl run bb --image=busybox:1.28 --restart=Never -- sleep 3600");
    session.Input("sleep 20s");
    session.TakeOutput();
    session.Input("kubectl exec bb -- wget -qO- localhost");
    EXPECT_NE(session.TakeOutput().find("wget: can't connect to remote host (127.0.0.1): Connection refused"),
              std::string::npos);
}

TEST(ScenarioSession, CurlHeadAndIncludePrintNginxsResponseHeaders) {
    // `curl -I` (HEAD) prints the status line and nginx's headers, no body; `curl -i` prints both.
    // A file written through kubectl exec carries its write time as Last-Modified, and nginx's
    // ETag is that time and the length, in hex.
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl apply -f assets/manifests/nginx-statefulset.yaml");
    session.Input("kubectl rollout status sts web");
    session.TakeOutput();
    const std::string date = FormatRfc1123(session.sim().Now(), "GMT");
    session.Input("kubectl exec web-0 -- curl -sI localhost");
    EXPECT_EQ(session.TakeOutput(), "HTTP/1.1 403 Forbidden\r\nServer: nginx/1.29.3\r\nDate: " + date +
                                        "\r\nContent-Type: text/html\r\nContent-Length: 153\r\n"
                                        "Connection: keep-alive\r\n\r\n");

    session.Input("kubectl exec web-0 -- sh -c 'echo $(hostname) > /usr/share/nginx/html/index.html'");
    const Time written = session.sim().Now();
    session.Input("sleep 30s");
    session.TakeOutput();
    const std::string now = FormatRfc1123(session.sim().Now(), "GMT");
    ASSERT_NE(now, FormatRfc1123(written, "GMT"));
    char etag[32];
    std::snprintf(etag, sizeof etag, "\"%llx-6\"", static_cast<unsigned long long>(written / 1000));
    const std::string head = "HTTP/1.1 200 OK\r\nServer: nginx/1.29.3\r\nDate: " + now +
                             "\r\nContent-Type: text/html\r\nContent-Length: 6\r\nLast-Modified: " +
                             FormatRfc1123(written, "GMT") + "\r\nConnection: keep-alive\r\nETag: " + etag +
                             "\r\nAccept-Ranges: bytes\r\n\r\n";
    session.Input("kubectl exec web-1 -- curl -s --head web-0.nginx");
    EXPECT_EQ(session.TakeOutput(), head);
    session.Input("kubectl exec web-1 -- curl -si http://web-0.nginx/");
    EXPECT_EQ(session.TakeOutput(), head + "web-0\n");
}

TEST(ScenarioSession, KubectlRunWithACommandShowsWhatTheContainerPrinted) {
    // `kubectl run -i --rm ... -- nslookup web-0.nginx`: the container runs the command, and
    // kubectl shows its output (attached, or from the log once the container has finished).
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl apply -f assets/manifests/nginx-statefulset.yaml");
    session.Input("kubectl rollout status sts web");
    session.TakeOutput();
    const std::string web0_ip = session.sim().api().pods().Get("default", "web-0")->status.pod_ip;
    ASSERT_FALSE(web0_ip.empty());

    session.Input("kubectl run -i --rm bb --image=busybox:1.28 --restart=Never -- nslookup web-0.nginx");
    const std::string looked_up = session.TakeOutput();
    EXPECT_NE(looked_up.find("Name:      web-0.nginx\nAddress 1: " + web0_ip + " web-0.nginx.default.svc.cluster.local\n"),
              std::string::npos)
        << looked_up;
    EXPECT_NE(looked_up.find("pod \"bb\" deleted"), std::string::npos) << looked_up;

    // Detached: the output is the container's log, the command's status its exit code.
    session.Input("kubectl run c --image=curlimages/curl --restart=Never -- -s http://web-0.nginx");
    session.Input("kubectl run f --image=curlimages/curl --restart=Never -- -sf http://web-0.nginx");
    session.Input("sleep 20s");
    session.Input("kubectl logs c");
    session.Input("kubectl get pods c f");
    const std::string logs = session.TakeOutput();
    EXPECT_NE(logs.find("<center><h1>403 Forbidden</h1></center>"), std::string::npos) << logs;
    EXPECT_NE(logs.find("\nc      0/1     Completed   0 "), std::string::npos) << logs;
    EXPECT_NE(logs.find("\nf      0/1     Error       0 "), std::string::npos) << "curl -f exits 22:\n" << logs;

    // A shell named after `--` is the container's process, and the terminal is attached to it.
    session.Input("kubectl run -it sh --image=busybox:1.28 --restart=Never -- sh");
    session.Input("hostname");
    session.Input("exit");
    const std::string shell = session.TakeOutput();
    EXPECT_NE(shell.find("try pressing enter.\nsh\n"), std::string::npos) << "hostname in the pod:\n" << shell;
}

TEST(ScenarioSession, SimWhySaysWhenTheSetChangedSinceTheLastSync) {
    // A command that returns at once (no simulated time passes) is followed by `sim why` before
    // the controller has seen the change: the explanation says it is about the older generation.
    host::SessionOptions options;
    host::Session session(options);
    session.Input("kubectl apply -f nginx-statefulset.yaml");
    session.Input("kubectl rollout status sts/web");
    session.TakeOutput();
    session.Input("kubectl scale sts web --replicas=3");
    session.Input("sim why sts/web");
    const std::string stale = session.TakeOutput();
    EXPECT_NE(stale.find("(the set has changed since: generation 2, this sync saw 1; the controller has not synced "
                         "it yet)"),
              std::string::npos)
        << stale;
    session.Input("sleep 1");
    session.Input("sim why sts/web");
    const std::string fresh = session.TakeOutput();
    EXPECT_EQ(fresh.find("has changed since"), std::string::npos) << fresh;
    EXPECT_NE(fresh.find("web-2"), std::string::npos) << "the new sync is about the third pod: " << fresh;
}

TEST(ScenarioIndex, EveryScriptHasAGoldenTranscriptAndEveryGoldenAScript) {
    const std::vector<std::string> scripts = ScriptNames();
    ASSERT_FALSE(scripts.empty()) << "no scripts found in " << kScripts << " (run from the repository root)";
    const std::vector<std::string> goldens = FilesWithExtension(kGoldens, ".txt");
    const std::set<std::string> golden_set(goldens.begin(), goldens.end());
    const std::set<std::string> script_set(scripts.begin(), scripts.end());
    for (const auto& s : scripts) EXPECT_TRUE(golden_set.count(s)) << "no golden transcript for " << ScriptPath(s);
    for (const auto& g : goldens) {
        if (g == "statefulset-tutorial") continue;  // the tutorial's own script lives in assets/scripts
        EXPECT_TRUE(script_set.count(g)) << GoldenPath(g) << " has no script";
    }
}

TEST(ScenarioIndex, DocsNameOnlyScriptsThatExistAndEveryScript) {
    const std::string index = ReadFileOrEmpty(kIndex);
    ASSERT_FALSE(index.empty()) << "missing " << kIndex;
    std::set<std::string> named;
    // "scripts/<name>.sh" (the tutorial's assets/scripts/... is not one of them).
    const std::regex script_ref(R"((?:^|[^A-Za-z0-9_/])scripts/([A-Za-z0-9_.-]+)\.sh)");
    for (auto it = std::sregex_iterator(index.begin(), index.end(), script_ref); it != std::sregex_iterator(); ++it)
        named.insert((*it)[1].str());
    const std::vector<std::string> scripts = ScriptNames();
    for (const auto& n : named)
        EXPECT_TRUE(std::find(scripts.begin(), scripts.end(), n) != scripts.end())
            << kIndex << " names " << ScriptPath(n) << ", which does not exist";
    for (const auto& s : scripts) EXPECT_TRUE(named.count(s)) << kIndex << " does not list " << ScriptPath(s);
}

TEST(ScenarioIndex, DocsNameOnlyControllerTestsThatExist) {
    // `Suite.Name` followed on the same line by the file it is in (statefulset_update_test.cpp).
    const std::string index = ReadFileOrEmpty(kIndex);
    ASSERT_FALSE(index.empty()) << "missing " << kIndex;
    const std::regex test_ref("`([A-Z][A-Za-z0-9]*)\\.([A-Za-z0-9_]+)`");
    const std::regex file_ref("([a-z_]+_test\\.cpp)");
    int checked = 0;
    for (const std::string& line : SplitLines(index)) {
        for (auto it = std::sregex_iterator(line.begin(), line.end(), test_ref); it != std::sregex_iterator(); ++it) {
            const std::string rest = line.substr(static_cast<size_t>(it->position() + it->length()));
            std::smatch file;
            if (!std::regex_search(rest, file, file_ref)) continue;
            std::string source;
            for (const char* dir : {"tests/controllers/", "tests/scenarios/", "tests/apiserver/"})
                if (source.empty()) source = ReadFileOrEmpty(dir + file[1].str());
            ASSERT_FALSE(source.empty()) << kIndex << " names " << file[1] << ", which does not exist";
            const std::string suite = (*it)[1], name = (*it)[2];
            EXPECT_NE(source.find("(" + suite + ", " + name + ")"), std::string::npos)
                << kIndex << " names " << suite << "." << name << ", which is not in " << file[1];
            ++checked;
        }
    }
    EXPECT_GT(checked, 50);
}

}  // namespace
}  // namespace sts::testing
