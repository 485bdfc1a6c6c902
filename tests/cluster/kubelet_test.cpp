// The kubelet's pod lifecycle as `kubectl get pods -w`, `kubectl describe pod` and
// `kubectl get events` show it on a kind cluster running Kubernetes 1.33.
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>

#include "cluster/kubelet.h"
#include "cluster/node_ipam.h"
#include "cluster_test_util.h"

namespace sts::cluster {
namespace {

using testing::EventLog;
using testing::GetPod;
using testing::MainContainer;
using testing::MakePod;
using testing::PodWatcher;

k8s::Pod PinnedPod(const std::string& name, const std::string& image, const std::string& node) {
    k8s::Pod pod = MakePod(name, image);
    MainContainer(pod).image_pull_policy = "IfNotPresent";
    pod.spec.Mut().node_selector.Set("kubernetes.io/hostname", node);
    return pod;
}

k8s::Probe HttpProbe(int port, const std::string& path, int delay, int period, int failure = 3, int success = 1) {
    k8s::Probe p;
    p.http_get = Value::MakeObject({{"path", path}, {"port", port}});
    p.initial_delay_seconds = delay;
    p.period_seconds = period;
    p.failure_threshold = failure;
    p.success_threshold = success;
    return p;
}

const k8s::PodCondition* Cond(const k8s::Pod& pod, const std::string& type) { return pod.status.FindCondition(type); }

TEST(KubeletTest, TutorialPodGoesPendingPendingContainerCreatingRunningAfterThePull) {
    engine::Simulation sim;
    PodWatcher watch(sim, "web-0");
    EventLog events(sim);
    k8s::Pod pod = MakePod("web-0", "nginx:latest");
    MainContainer(pod).image_pull_policy = "IfNotPresent";
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(40));

    ASSERT_GE(watch.lines.size(), 4u);
    EXPECT_EQ(watch.lines[0].status, "Pending");
    EXPECT_EQ(watch.lines[0].node, "");
    EXPECT_EQ(watch.lines[1].status, "Pending");
    EXPECT_NE(watch.lines[1].node, "");
    EXPECT_NE(watch.lines[1].node, "kind-control-plane");
    EXPECT_EQ(watch.lines[2].status, "ContainerCreating");
    EXPECT_EQ(watch.lines[2].ready, "0/1");
    EXPECT_EQ(watch.lines[3].status, "Running");
    EXPECT_EQ(watch.lines[3].ready, "1/1");
    EXPECT_EQ(watch.lines.size(), 4u) << "a settled pod writes nothing more";
    // Bound within milliseconds, ContainerCreating at once, Running after the ~17 s pull.
    EXPECT_LT(watch.lines[1].at - t0, Millis(60));
    EXPECT_LT(watch.lines[2].at - t0, Millis(120));
    const Duration running = watch.lines[3].at - t0;
    EXPECT_GE(running, Seconds(15));
    EXPECT_LE(running, Seconds(23));

    const std::string node = watch.lines[1].node;
    EXPECT_EQ(events.Reasons("web-0"),
              (std::vector<std::string>{"Scheduled", "Pulling", "Pulled", "Created", "Started"}));
    EXPECT_EQ(events.Find("web-0", "Scheduled")->message, "Successfully assigned default/web-0 to " + node);
    EXPECT_EQ(events.Find("web-0", "Pulling")->message, "Pulling image \"nginx:latest\"");
    EXPECT_TRUE(std::regex_match(
        events.Find("web-0", "Pulled")->message,
        std::regex(R"(Successfully pulled image "nginx:latest" in 1\d\.\d+s \(1\d\.\d+s including waiting\)\. Image size: 72195292 bytes\.)")))
        << events.Find("web-0", "Pulled")->message;
    EXPECT_EQ(events.Find("web-0", "Created")->message, "Created container: nginx");
    EXPECT_EQ(events.Find("web-0", "Started")->message, "Started container nginx");

    auto p = GetPod(sim, "web-0");
    EXPECT_EQ(p->status.phase, "Running");
    const auto& cs = p->status.container_statuses.at(0);
    EXPECT_EQ(cs.image, "docker.io/library/nginx:latest");
    EXPECT_TRUE(std::regex_match(cs.image_id, std::regex("docker\\.io/library/nginx@sha256:[0-9a-f]{64}")));
    EXPECT_TRUE(std::regex_match(cs.container_id, std::regex("containerd://[0-9a-f]{64}")));
    EXPECT_TRUE(cs.ready);
    EXPECT_TRUE(cs.started.value_or(false));
    EXPECT_EQ(cs.restart_count, 0);
    ASSERT_TRUE(cs.state.running);
    std::vector<std::string> types;
    for (const auto& c : p->status.conditions) {
        types.push_back(c.type);
        EXPECT_EQ(c.status, "True") << c.type;
    }
    EXPECT_EQ(types, (std::vector<std::string>{"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                                               "PodScheduled"}));
    const std::string node_prefix = node == "kind-worker" ? "10.244.1." : node == "kind-worker2" ? "10.244.2." : "10.244.3.";
    EXPECT_EQ(p->status.pod_ip.rfind(node_prefix, 0), 0u) << p->status.pod_ip;
    EXPECT_EQ(p->status.host_ip.rfind("172.18.0.", 0), 0u);
    ASSERT_TRUE(p->status.start_time);
}

TEST(KubeletTest, CachedImageIsAlreadyPresentAndStartsInAboutASecond) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("first", "nginx:1.27", "kind-worker")).ok());
    sim.Advance(Seconds(40));
    ASSERT_EQ(testing::StatusColumn(*GetPod(sim, "first")), "Running");
    EXPECT_TRUE(sim.kubelet("kind-worker")->HasImage("nginx:1.27"));
    EXPECT_FALSE(sim.kubelet("kind-worker2")->HasImage("nginx:1.27"));

    PodWatcher watch(sim, "second");
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("second", "nginx:1.27", "kind-worker")).ok());
    sim.Advance(Seconds(10));
    EXPECT_EQ(events.Find("second", "Pulled")->message, "Container image \"nginx:1.27\" already present on machine");
    EXPECT_EQ(events.Find("second", "Pulling"), nullptr);
    const Time running = watch.FirstTime("Running", "1/1");
    ASSERT_NE(running, 0);
    EXPECT_LT(running - t0, Seconds(3));

    // The node's status lists the pulled image by digest and tag.
    bool listed = false;
    for (const auto& img : sim.api().nodes().Get("", "kind-worker")->status.images)
        for (const auto& n : img.names) listed = listed || n == "docker.io/library/nginx:1.27";
    EXPECT_TRUE(listed);
}

TEST(KubeletTest, MissingTagGoesErrImagePullThenImagePullBackOffWithDoublingBackOff) {
    engine::Simulation sim;
    PodWatcher watch(sim, "bad");
    EventLog events(sim);
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Create(MakePod("bad", "nginx:nope")).ok());
    sim.Advance(Minutes(12));

    const std::string not_found =
        "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:nope\": "
        "failed to resolve image: docker.io/library/nginx:nope: not found";
    // ContainerCreating, then ErrImagePull within seconds, ImagePullBackOff one sync later.
    const Time err = watch.FirstTime("ErrImagePull");
    const Time backoff = watch.FirstTime("ImagePullBackOff");
    ASSERT_NE(err, 0);
    ASSERT_NE(backoff, 0);
    EXPECT_LT(err - t0, Seconds(5));
    EXPECT_GE(backoff - err, Seconds(9));
    EXPECT_LE(backoff - err, Seconds(17));
    std::vector<std::string> distinct;
    for (const auto& s : watch.Statuses())
        if (distinct.empty() || distinct.back() != s) distinct.push_back(s);
    ASSERT_GE(distinct.size(), 5u);
    EXPECT_EQ(distinct[0], "Pending");
    EXPECT_EQ(distinct[1], "ContainerCreating");
    EXPECT_EQ(distinct[2], "ErrImagePull");
    EXPECT_EQ(distinct[3], "ImagePullBackOff");
    EXPECT_EQ(distinct[4], "ErrImagePull");

    // Pull attempts back off 10 s, 20 s, 40 s, ... (each retry waits for the next pod sync,
    // which comes 10-15 s after a failed one). Each failed attempt turns the status back to
    // ErrImagePull. (The Pulling events cannot time them: after 25 events about the pod the
    // kubelet's spam filter lets one through per 5 minutes.)
    std::vector<Time> pulls;
    for (size_t i = 0; i < watch.lines.size(); ++i)
        if (watch.lines[i].status == "ErrImagePull" && (i == 0 || watch.lines[i - 1].status != "ErrImagePull"))
            pulls.push_back(watch.lines[i].at);
    ASSERT_GE(pulls.size(), 6u);
    const Duration expected[] = {Seconds(10), Seconds(20), Seconds(40), Seconds(80), Seconds(160)};
    for (size_t i = 0; i + 1 < pulls.size() && i < 5; ++i) {
        const Duration gap = pulls[i + 1] - pulls[i];
        EXPECT_GE(gap, expected[i]) << "retry " << i;
        EXPECT_LE(gap, expected[i] + Seconds(19)) << "retry " << i;
    }
    EXPECT_EQ(events.Find("bad", "Failed")->message, "Failed to pull image \"nginx:nope\": " + not_found);
    bool err_event = false, backoff_event = false, backoff_error = false;
    for (const auto& e : events.For("bad")) {
        err_event = err_event || e.message == "Error: ErrImagePull";
        backoff_event = backoff_event || (e.reason == "BackOff" && e.message == "Back-off pulling image \"nginx:nope\"");
        backoff_error = backoff_error || e.message == "Error: ImagePullBackOff";
    }
    EXPECT_TRUE(err_event);
    EXPECT_TRUE(backoff_event);
    EXPECT_TRUE(backoff_error);

    // The waiting messages, as `kubectl describe pod` shows them.
    for (const auto& line : watch.lines) {
        const auto& cs = line.pod->status.container_statuses;
        if (cs.empty() || !cs[0].state.waiting) continue;
        if (cs[0].state.waiting->reason == "ErrImagePull") {
            EXPECT_EQ(cs[0].state.waiting->message, not_found);
        }
        if (cs[0].state.waiting->reason == "ImagePullBackOff") {
            EXPECT_EQ(cs[0].state.waiting->message, "Back-off pulling image \"nginx:nope\": ErrImagePull: " + not_found);
        }
    }
    EXPECT_EQ(GetPod(sim, "bad")->status.phase, "Pending");
}

TEST(KubeletTest, UnknownRegistryHostFailsWithTheDnsError) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(MakePod("priv", "registry.example.internal/team/app:1.0")).ok());
    sim.Advance(Seconds(10));
    const auto* failed = events.Find("priv", "Failed");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->message,
              "Failed to pull image \"registry.example.internal/team/app:1.0\": rpc error: code = Unknown desc = failed "
              "to pull and unpack image \"registry.example.internal/team/app:1.0\": failed to resolve image: failed to do "
              "request: Head \"https://registry.example.internal/v2/team/app/manifests/1.0\": dial tcp: lookup "
              "registry.example.internal on 172.18.0.1:53: no such host");
}

TEST(KubeletTest, InvalidImageNameIsReportedWithoutPulling) {
    engine::Simulation sim;
    PodWatcher watch(sim, "upper");
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(MakePod("upper", "Nginx:1.27")).ok());
    sim.Advance(Seconds(5));
    EXPECT_EQ(watch.lines.back().status, "InvalidImageName");
    EXPECT_EQ(events.Find("upper", "InspectFailed")->message,
              "Failed to apply default image tag \"Nginx:1.27\": couldn't parse image name \"Nginx:1.27\": invalid "
              "reference format: repository name (library/Nginx) must be lowercase");
    EXPECT_EQ(events.Find("upper", "Pulling"), nullptr);
}

TEST(KubeletTest, ReadinessProbeHonoursInitialDelayPeriodAndThresholds) {
    engine::Simulation sim;
    PodWatcher watch(sim, "probed");
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("probed", "nginx:1.27", "kind-worker");
    MainContainer(pod).readiness_probe = HttpProbe(80, "/", /*delay=*/5, /*period=*/3);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(60));

    // 0/1 Running first (the probe's initial delay), then 1/1 once a probe passes.
    const Time not_ready = watch.FirstTime("Running", "0/1");
    const Time ready = watch.FirstTime("Running", "1/1");
    ASSERT_NE(not_ready, 0);
    ASSERT_NE(ready, 0);
    const auto p = GetPod(sim, "probed");
    const Time started = p->status.container_statuses[0].state.running->started_at.ms;
    EXPECT_GE(ready - started, Seconds(5));  // initialDelaySeconds (startedAt is truncated to seconds)
    EXPECT_LE(ready - started, Seconds(5) + Seconds(3) + Seconds(1));
    EXPECT_EQ(Cond(*p, "Ready")->status, "True");
    EXPECT_TRUE(sim.Settle(Minutes(2))) << "a settled cluster schedules no probe events";

    // Failing: the Ready condition drops on the third failed probe, 2 periods after the first.
    const size_t before = watch.lines.size();
    const Time fail_at = sim.Now();
    ASSERT_TRUE(sim.kubelet("kind-worker")->SetReadiness("default", "probed", false));
    sim.Advance(Seconds(30));
    // One event, written when the first probe failed and updated (count) when Ready dropped.
    const auto unhealthy = events.Times("probed", "Unhealthy");
    ASSERT_GE(unhealthy.size(), 1u);
    EXPECT_LE(unhealthy.size(), 2u) << "repeats are counted lazily, not written every period";
    EXPECT_EQ(events.Find("probed", "Unhealthy")->message, "Readiness probe failed: HTTP probe failed with statuscode: 503");
    EXPECT_GT(unhealthy[0], fail_at);
    EXPECT_LE(unhealthy[0] - fail_at, Seconds(3));
    Time dropped = 0;
    for (size_t i = before; i < watch.lines.size(); ++i)
        if (watch.lines[i].ready == "0/1") {
            dropped = watch.lines[i].at;
            break;
        }
    ASSERT_NE(dropped, 0);
    EXPECT_EQ(dropped - unhealthy[0], Seconds(6));
    const auto q = GetPod(sim, "probed");
    EXPECT_EQ(Cond(*q, "Ready")->status, "False");
    EXPECT_EQ(Cond(*q, "Ready")->reason, "ContainersNotReady");
    EXPECT_EQ(Cond(*q, "Ready")->message, "containers with unready status: [nginx]");
    EXPECT_EQ(testing::StatusColumn(*q), "Running");

    // Counting up: ten failed probes in 30 s at a 3 s period.
    sim.kubelet("kind-worker")->FlushProbeEvents();
    int count = 0;
    for (const auto& ev : sim.api().events().List("default"))
        if (ev->involved_object.name == "probed" && ev->reason == "Unhealthy") count = ev->count;
    EXPECT_EQ(count, 10);

    // Passing again: ready at the next probe.
    const Time pass_at = sim.Now();
    ASSERT_TRUE(sim.kubelet("kind-worker")->SetReadiness("default", "probed", true));
    sim.Advance(Seconds(10));
    Time back = 0;
    for (const auto& l : watch.lines)
        if (l.at > pass_at && l.ready == "1/1") {
            back = l.at;
            break;
        }
    ASSERT_NE(back, 0);
    EXPECT_LE(back - pass_at, Seconds(3));
}

TEST(KubeletTest, ProbeOnAPortNothingListensOnNeverPasses) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("wrongport", "nginx:1.27", "kind-worker");
    MainContainer(pod).readiness_probe = HttpProbe(8080, "/", 0, 10);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(60));
    const auto p = GetPod(sim, "wrongport");
    EXPECT_EQ(testing::ReadyColumn(*p), "0/1");
    EXPECT_EQ(testing::StatusColumn(*p), "Running");
    EXPECT_EQ(events.Find("wrongport", "Unhealthy")->message,
              "Readiness probe failed: Get \"http://" + p->status.pod_ip + ":8080/\": dial tcp " + p->status.pod_ip +
                  ":8080: connect: connection refused");
}

TEST(KubeletTest, NginxAnswers404ForAPathItDoesNotServe) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("healthz", "nginx:1.27", "kind-worker");
    MainContainer(pod).readiness_probe = HttpProbe(80, "/healthz", 0, 10);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(60));
    EXPECT_EQ(events.Find("healthz", "Unhealthy")->message, "Readiness probe failed: HTTP probe failed with statuscode: 404");
    EXPECT_EQ(testing::ReadyColumn(*GetPod(sim, "healthz")), "0/1");
}

TEST(KubeletTest, AnyPodCanBeMadeUnreadyEvenWithoutAProbe) {
    engine::Simulation sim;
    PodWatcher watch(sim, "plain");
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("plain", "nginx:1.27", "kind-worker")).ok());
    sim.Advance(Seconds(40));
    ASSERT_EQ(watch.lines.back().ready, "1/1");
    const Time fail_at = sim.Now();
    ASSERT_TRUE(sim.kubelet("kind-worker")->SetReadiness("default", "plain", false));
    sim.Advance(Seconds(40));
    const Time dropped = watch.FirstTime("Running", "0/1");
    ASSERT_NE(dropped, 0);
    EXPECT_GT(dropped - fail_at, Seconds(20));  // three probes, 10 s apart
    EXPECT_LE(dropped - fail_at, Seconds(30));
    ASSERT_TRUE(sim.kubelet("kind-worker")->SetReadiness("default", "plain", true));
    sim.Advance(Seconds(11));
    EXPECT_EQ(watch.lines.back().ready, "1/1");
    EXPECT_TRUE(sim.Settle(Minutes(2)));
}

TEST(KubeletTest, BusyboxWithoutCommandCrashLoopsWithDoublingBackOff) {
    engine::Simulation sim;
    PodWatcher watch(sim, "bb");
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("bb", "busybox:1.28", "kind-worker2");
    MainContainer(pod).name = "bb";
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Minutes(6));

    const auto starts = events.Times("bb", "Started");
    ASSERT_GE(starts.size(), 5u);
    // The first restart is immediate (the crash-loop entry is made then), then 10 s, 20 s, 40 s,
    // each rounded up to the next pod sync (10-15 s after the previous one).
    EXPECT_LT(starts[1] - starts[0], Seconds(3));
    const Duration backoff[] = {Seconds(10), Seconds(20), Seconds(40), Seconds(80)};
    for (size_t i = 1; i + 1 < starts.size() && i < 5; ++i) {
        const Duration gap = starts[i + 1] - starts[i];
        EXPECT_GE(gap, backoff[i - 1]) << "restart " << i;
        EXPECT_LE(gap, backoff[i - 1] + Seconds(18)) << "restart " << i;
    }
    const auto statuses = watch.Statuses();
    std::set<std::string> seen(statuses.begin(), statuses.end());
    EXPECT_TRUE(seen.count("Completed"));
    EXPECT_TRUE(seen.count("CrashLoopBackOff"));
    const auto p = GetPod(sim, "bb");
    EXPECT_EQ(p->status.phase, "Running");
    EXPECT_GE(p->status.container_statuses[0].restart_count, 4);
    EXPECT_EQ(events.Find("bb", "BackOff")->message,
              "Back-off restarting failed container bb in pod bb_default(" + p->metadata.uid + ")");
    bool message_seen = false;
    for (const auto& l : watch.lines) {
        const auto& cs = l.pod->status.container_statuses;
        if (cs.empty() || !cs[0].state.waiting || cs[0].state.waiting->reason != "CrashLoopBackOff") continue;
        message_seen = message_seen || cs[0].state.waiting->message ==
                                           "back-off 20s restarting failed container=bb pod=bb_default(" +
                                               p->metadata.uid + ")";
        EXPECT_TRUE(cs[0].last_state.terminated);
        EXPECT_EQ(cs[0].last_state.terminated->reason, "Completed");
    }
    EXPECT_TRUE(message_seen);
}

TEST(KubeletTest, CrashRestartsAtOnceThenBacksOff) {
    engine::Simulation sim;
    PodWatcher watch(sim, "c");
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("c", "nginx:1.27", "kind-worker3")).ok());
    sim.Advance(Seconds(40));
    Kubelet* k = sim.kubelet("kind-worker3");
    const std::string first_id = k->FindPod("default", "c")->containers[0].container_id;
    ASSERT_TRUE(k->Crash("default", "c"));
    sim.Advance(Seconds(3));
    auto p = GetPod(sim, "c");
    ASSERT_EQ(p->status.container_statuses[0].restart_count, 1);
    ASSERT_TRUE(p->status.container_statuses[0].last_state.terminated);
    EXPECT_EQ(p->status.container_statuses[0].last_state.terminated->exit_code, 1);
    EXPECT_EQ(p->status.container_statuses[0].last_state.terminated->reason, "Error");
    EXPECT_EQ(p->status.container_statuses[0].last_state.terminated->container_id, first_id);
    EXPECT_NE(k->FindPod("default", "c")->containers[0].container_id, first_id);
    // A second crash right away waits out the 10 s back-off.
    const Time crash2 = sim.Now();
    ASSERT_TRUE(k->Crash("default", "c"));
    sim.Advance(Seconds(40));
    const auto starts = events.Times("c", "Started");
    ASSERT_EQ(starts.size(), 3u);
    EXPECT_GE(starts[2] - crash2, Seconds(10));
    EXPECT_LE(starts[2] - crash2, Seconds(27));
    EXPECT_NE(watch.FirstTime("Error"), 0);
    EXPECT_NE(watch.FirstTime("CrashLoopBackOff"), 0);
    EXPECT_EQ(GetPod(sim, "c")->status.container_statuses[0].restart_count, 2);
    auto logs = k->Logs("default", "c", "nginx", true);
    ASSERT_TRUE(logs.ok) << logs.error;
}

TEST(KubeletTest, DeletedNginxQuitsAtOnceAndIsGoneAsCompleted) {
    engine::Simulation sim;
    PodWatcher watch(sim, "web");
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("web", "nginx:1.27", "kind-worker")).ok());
    sim.Advance(Seconds(40));
    const size_t ips = sim.ipam("kind-worker")->InUse();
    const size_t before = watch.lines.size();
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Delete("default", "web").ok());
    sim.Advance(Seconds(5));
    ASSERT_EQ(GetPod(sim, "web"), nullptr);
    std::vector<std::string> tail;
    for (size_t i = before; i < watch.lines.size(); ++i) tail.push_back(watch.lines[i].ready + " " + watch.lines[i].status);
    // 1/1 Terminating, then the terminal phase before the object goes (DELETED repeats it).
    EXPECT_EQ(tail, (std::vector<std::string>{"1/1 Terminating", "0/1 Completed", "0/1 Completed"}));
    EXPECT_LT(watch.lines.back().at - t0, Seconds(2));
    EXPECT_EQ(events.Find("web", "Killing")->message, "Stopping container nginx");
    const auto& last = *watch.lines[watch.lines.size() - 2].pod;
    EXPECT_EQ(last.status.phase, "Succeeded");
    ASSERT_TRUE(last.status.container_statuses[0].state.terminated);
    EXPECT_EQ(last.status.container_statuses[0].state.terminated->exit_code, 0);
    EXPECT_EQ(Cond(last, "Ready")->reason, "PodCompleted");
    EXPECT_EQ(Cond(last, "PodReadyToStartContainers")->status, "False");
    EXPECT_EQ(sim.ipam("kind-worker")->InUse(), ips - 1);
    EXPECT_FALSE(sim.kubelet("kind-worker")->FindPod("default", "web").has_value());
}

TEST(KubeletTest, SleepIgnoresSigtermSoDeletionWaitsTheGracePeriod) {
    engine::Simulation sim;
    PodWatcher watch(sim, "sleeper");
    k8s::Pod pod = PinnedPod("sleeper", "busybox:1.28", "kind-worker2");
    MainContainer(pod).name = "sleeper";
    MainContainer(pod).command = {"sleep", "3600"};
    pod.spec.Mut().termination_grace_period_seconds = 20;
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(10));
    ASSERT_EQ(watch.lines.back().status, "Running");
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper").ok());
    sim.Advance(Seconds(19));
    ASSERT_NE(GetPod(sim, "sleeper"), nullptr);
    EXPECT_EQ(testing::StatusColumn(*GetPod(sim, "sleeper")), "Terminating");
    sim.Advance(Seconds(3));
    EXPECT_EQ(GetPod(sim, "sleeper"), nullptr);
    const auto& last = *watch.lines[watch.lines.size() - 2].pod;
    EXPECT_EQ(last.status.phase, "Failed");
    EXPECT_EQ(last.status.container_statuses[0].state.terminated->exit_code, 137);
    EXPECT_EQ(testing::StatusColumn(last), "Error");
    EXPECT_GE(watch.lines.back().at - t0, Seconds(20));
    EXPECT_LT(watch.lines.back().at - t0, Seconds(21) + Millis(900));
}

TEST(KubeletTest, ASecondShorterDeleteBringsTheKillForward) {
    engine::Simulation sim;
    k8s::Pod pod = PinnedPod("sleeper", "busybox:1.28", "kind-worker2");
    MainContainer(pod).name = "sleeper";
    MainContainer(pod).command = {"sleep", "3600"};
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(10));
    const Time t0 = sim.Now();
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper").ok());  // 30 s
    sim.Advance(Seconds(5));
    client::DeleteOptions shorter;
    shorter.grace_period_seconds = 3;
    ASSERT_TRUE(sim.api().pods().Delete("default", "sleeper", shorter).ok());
    sim.Advance(Seconds(2));
    EXPECT_NE(GetPod(sim, "sleeper"), nullptr);
    sim.Advance(Seconds(2));
    EXPECT_EQ(GetPod(sim, "sleeper"), nullptr);
    EXPECT_LT(sim.Now() - t0, Seconds(10));
}

TEST(KubeletTest, EvictionFailsThePodAndFreesItsAddress) {
    engine::Simulation sim;
    EventLog events(sim);
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("ev", "nginx:1.27", "kind-worker")).ok());
    sim.Advance(Seconds(40));
    const size_t ips = sim.ipam("kind-worker")->InUse();
    ASSERT_TRUE(sim.kubelet("kind-worker")->Evict("default", "ev"));
    sim.Advance(Seconds(5));
    const auto p = GetPod(sim, "ev");
    ASSERT_NE(p, nullptr) << "an evicted pod stays until someone deletes it";
    EXPECT_EQ(p->status.phase, "Failed");
    EXPECT_EQ(p->status.reason, "Evicted");
    EXPECT_EQ(p->status.message.rfind("The node was low on resource: memory. Threshold quantity: 100Mi, available: ", 0), 0u);
    EXPECT_EQ(Cond(*p, "DisruptionTarget")->reason, "TerminationByKubelet");
    EXPECT_EQ(events.Find("ev", "Evicted")->type, "Warning");
    EXPECT_NE(events.Find("ev", "Killing"), nullptr);
    EXPECT_EQ(sim.ipam("kind-worker")->InUse(), ips - 1);
    // Deleting it is immediate: a terminal pod has no kubelet to wait for.
    ASSERT_TRUE(sim.api().pods().Delete("default", "ev").ok());
    EXPECT_EQ(GetPod(sim, "ev"), nullptr);
}

TEST(KubeletTest, LogsAndRuntimeViewForExecAndLogs) {
    engine::Simulation sim;
    ASSERT_TRUE(sim.api().pods().Create(PinnedPod("web", "nginx:latest", "kind-worker")).ok());
    k8s::Pod bb = PinnedPod("bb", "busybox:1.28", "kind-worker");
    MainContainer(bb).name = "bb";
    MainContainer(bb).command = {"sleep", "infinity"};
    ASSERT_TRUE(sim.api().pods().Create(bb).ok());
    Kubelet* k = sim.kubelet("kind-worker");
    sim.Advance(Seconds(2));
    auto waiting = k->Logs("default", "web", "nginx", false);
    EXPECT_FALSE(waiting.ok);
    EXPECT_EQ(waiting.error, "container \"nginx\" in pod \"web\" is waiting to start: ContainerCreating");
    sim.Advance(Seconds(40));
    auto logs = k->Logs("default", "web", "", false);
    ASSERT_TRUE(logs.ok) << logs.error;
    ASSERT_GE(logs.lines.size(), 10u);
    EXPECT_EQ(logs.lines[0].text, "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    bool version = false, ready = false;
    for (const auto& l : logs.lines) {
        version = version || l.text.find("[notice] 1#1: nginx/1.29.3") != std::string::npos;
        ready = ready || l.text == "/docker-entrypoint.sh: Configuration complete; ready for start up";
    }
    EXPECT_TRUE(version);
    EXPECT_TRUE(ready);
    auto prev = k->Logs("default", "web", "nginx", true);
    EXPECT_FALSE(prev.ok);
    EXPECT_EQ(prev.error, "previous terminated container \"nginx\" in pod \"web\" not found");
    auto quiet = k->Logs("default", "bb", "bb", false);
    EXPECT_TRUE(quiet.ok);
    EXPECT_TRUE(quiet.lines.empty());

    const std::optional<RunningPod> view = k->FindPod("default", "web");
    ASSERT_TRUE(view.has_value());
    EXPECT_EQ(view->node, "kind-worker");
    EXPECT_EQ(view->ip, GetPod(sim, "web")->status.pod_ip);
    ASSERT_EQ(view->containers.size(), 1u);
    EXPECT_TRUE(view->containers[0].running);
    EXPECT_EQ(view->containers[0].image, "docker.io/library/nginx:latest");
}

TEST(KubeletTest, BootstrapSystemPodsAreAdoptedNotRestarted) {
    engine::Simulation sim;
    std::map<std::string, std::string> ids;
    for (const auto& p : sim.api().pods().List("kube-system")) ids[p->metadata.name] = p->status.container_statuses[0].container_id;
    ASSERT_FALSE(ids.empty());
    sim.Advance(Minutes(2));
    for (const auto& p : sim.api().pods().List("kube-system")) {
        EXPECT_EQ(p->status.phase, "Running") << p->metadata.name;
        EXPECT_EQ(p->status.container_statuses[0].restart_count, 0) << p->metadata.name;
        EXPECT_EQ(p->status.container_statuses[0].container_id, ids[p->metadata.name]) << p->metadata.name;
        Kubelet* k = sim.kubelet(p->spec->node_name);
        ASSERT_NE(k, nullptr);
        const std::optional<RunningPod> view = k->FindPod("kube-system", p->metadata.name);
        ASSERT_TRUE(view.has_value()) << p->metadata.name;
        EXPECT_TRUE(view->containers[0].running);
        EXPECT_EQ(view->ip, p->status.pod_ip);
    }
}

TEST(KubeletTest, RestartPolicyNeverPodCompletesAndReleasesItsAddress) {
    engine::Simulation sim;
    PodWatcher watch(sim, "once");
    k8s::Pod pod = PinnedPod("once", "busybox:1.28", "kind-worker3");
    MainContainer(pod).name = "once";
    MainContainer(pod).command = {"sh", "-c", "echo hello; sleep 2"};
    pod.spec.Mut().restart_policy = "Never";
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(30));
    const auto p = GetPod(sim, "once");
    EXPECT_EQ(p->status.phase, "Succeeded");
    EXPECT_EQ(testing::StatusColumn(*p), "Completed");
    EXPECT_EQ(Cond(*p, "Ready")->reason, "PodCompleted");
    auto logs = sim.kubelet("kind-worker3")->Logs("default", "once", "once", false);
    ASSERT_TRUE(logs.ok);
    ASSERT_EQ(logs.lines.size(), 1u);
    EXPECT_EQ(logs.lines[0].text, "hello");
}

TEST(KubeletTest, LivenessFailureRestartsTheContainer) {
    engine::Simulation sim;
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("live", "nginx:1.27", "kind-worker");
    MainContainer(pod).liveness_probe = HttpProbe(80, "/", 0, 5);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(40));
    ASSERT_TRUE(sim.kubelet("kind-worker")->SetLiveness("default", "live", false));
    sim.Advance(Seconds(30));
    const auto* killing = events.Find("live", "Killing");
    ASSERT_NE(killing, nullptr);
    EXPECT_EQ(killing->message, "Container nginx failed liveness probe, will be restarted");
    EXPECT_EQ(events.Find("live", "Unhealthy")->message, "Liveness probe failed: HTTP probe failed with statuscode: 503");
    EXPECT_GE(GetPod(sim, "live")->status.container_statuses[0].restart_count, 1);
}

TEST(KubeletTest, StartupProbeGatesReadinessAndRestartsWhenItNeverPasses) {
    engine::Simulation sim;
    PodWatcher watch(sim, "slow");
    EventLog events(sim);
    k8s::Pod pod = PinnedPod("slow", "nginx:1.27", "kind-worker");
    MainContainer(pod).startup_probe = HttpProbe(80, "/", 0, 10, /*failure=*/30);
    MainContainer(pod).readiness_probe = HttpProbe(80, "/", 0, 5);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Seconds(60));
    auto p = GetPod(sim, "slow");
    ASSERT_TRUE(p->status.container_statuses[0].state.running);
    EXPECT_TRUE(p->status.container_statuses[0].started.value_or(false));
    EXPECT_EQ(testing::ReadyColumn(*p), "1/1");
    // Started only after a startup probe passed, ready only after that.
    const Time running = watch.FirstTime("Running");
    const Time ready = watch.FirstTime("Running", "1/1");
    EXPECT_GT(ready, running);

    k8s::Pod broken = PinnedPod("broken", "nginx:1.27", "kind-worker");
    MainContainer(broken).startup_probe = HttpProbe(8080, "/", 0, 2, /*failure=*/3);
    ASSERT_TRUE(sim.api().pods().Create(broken).ok());
    sim.Advance(Seconds(30));
    const auto* killing = events.Find("broken", "Killing");
    ASSERT_NE(killing, nullptr);
    EXPECT_EQ(killing->message, "Container nginx failed startup probe, will be restarted");
    EXPECT_FALSE(GetPod(sim, "broken")->status.container_statuses[0].started.value_or(true));
    EXPECT_GE(GetPod(sim, "broken")->status.container_statuses[0].restart_count, 1);
}

TEST(KubeletTest, PodWaitsInContainerCreatingForItsClaim) {
    engine::Simulation sim;
    EventLog events(sim);
    // Bound directly to a node (bypassing the scheduler) with a claim that does not exist.
    k8s::Pod pod = MakePod("vol", "nginx:1.27");
    auto& spec = pod.spec.Mut();
    spec.node_name = "kind-worker";
    k8s::Volume v;
    v.name = "data";
    v.persistent_volume_claim = k8s::PersistentVolumeClaimVolumeSource{"missing", false};
    spec.volumes.push_back(v);
    ASSERT_TRUE(sim.api().pods().Create(pod).ok());
    sim.Advance(Minutes(3));
    EXPECT_EQ(testing::StatusColumn(*GetPod(sim, "vol")), "ContainerCreating");
    const auto* failed = events.Find("vol", "FailedMount");
    ASSERT_NE(failed, nullptr);
    EXPECT_EQ(failed->message.rfind("Unable to attach or mount volumes: unmounted volumes=[data], unattached volumes=[", 0), 0u);
    EXPECT_NE(failed->message.find("]: timed out waiting for the condition"), std::string::npos);
    EXPECT_EQ(events.Find("vol", "Pulling"), nullptr);
}

}  // namespace
}  // namespace sts::cluster
