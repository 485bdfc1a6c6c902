// The simulated registry: containerd's reference normalisation, lookups, pull timing, and what
// images do when they run.
#include <gtest/gtest.h>

#include "cluster/image_registry.h"
#include "engine/simulation.h"

namespace sts::cluster {
namespace {

ImageReference Parse(std::string_view s) {
    ImageReference ref;
    std::string error;
    EXPECT_TRUE(ParseImageReference(s, &ref, &error)) << s << ": " << error;
    return ref;
}

std::string ParseError(std::string_view s) {
    ImageReference ref;
    std::string error;
    EXPECT_FALSE(ParseImageReference(s, &ref, &error)) << s;
    return error;
}

TEST(ImageRegistryTest, ReferencesNormaliseAsContainerdDoes) {
    EXPECT_EQ(Parse("nginx").Normalized(), "docker.io/library/nginx:latest");
    EXPECT_EQ(Parse("nginx:1.25").Normalized(), "docker.io/library/nginx:1.25");
    EXPECT_EQ(Parse("library/nginx:1.25").Normalized(), "docker.io/library/nginx:1.25");
    EXPECT_EQ(Parse("index.docker.io/library/nginx").Normalized(), "docker.io/library/nginx:latest");
    EXPECT_EQ(Parse("bitnami/redis:7.4").Normalized(), "docker.io/bitnami/redis:7.4");
    EXPECT_EQ(Parse("registry.k8s.io/nginx-slim:0.8").Normalized(), "registry.k8s.io/nginx-slim:0.8");
    EXPECT_EQ(Parse("localhost:5000/app").Normalized(), "localhost:5000/app:latest");
    const std::string digest = "sha256:" + std::string(64, 'a');
    EXPECT_EQ(Parse("nginx@" + digest).Normalized(), "docker.io/library/nginx@" + digest);
    EXPECT_EQ(Parse("nginx:1.25@" + digest).Normalized(), "docker.io/library/nginx@" + digest);
    EXPECT_EQ(ParseError("Nginx"), "invalid reference format: repository name (library/Nginx) must be lowercase");
    EXPECT_EQ(ParseError("nginx:"), "invalid reference format");
    EXPECT_EQ(ParseError("nginx::1"), "invalid reference format");
    EXPECT_EQ(ParseError(""), "invalid reference format");
}

// The kept answers are the parse's, asked once or many times, good names and bad, and still
// after more names than the parser keeps have come by.
TEST(ImageRegistryTest, TheParserThatKeepsAnswersAnswersAsTheParse) {
    ImageReferenceParser parser;
    std::vector<std::string> names = {"nginx", "registry.k8s.io/nginx-slim:0.8", "Nginx", "nginx:", "",
                                      "localhost:5000/app", "nginx:1.25@sha256:" + std::string(64, 'b')};
    for (int i = 0; i < 300; ++i) names.push_back("app-" + std::to_string(i) + (i % 7 ? ":1" : ":"));
    for (int round = 0; round < 2; ++round) {
        for (const std::string& name : names) {
            ImageReference want, got;
            std::string want_error, got_error;
            const bool want_ok = ParseImageReference(name, &want, &want_error);
            ASSERT_EQ(parser.Parse(name, &got, &got_error), want_ok) << name;
            if (want_ok) {
                EXPECT_EQ(got.Normalized(), want.Normalized()) << name;
                EXPECT_EQ(got.Repository(), want.Repository()) << name;
            } else {
                EXPECT_EQ(got_error, want_error) << name;
            }
        }
    }
}

TEST(ImageRegistryTest, CatalogHasTheTutorialImagesWithSharedDigestsForAliases) {
    ImageRegistry reg;
    const ImageInfo* latest = reg.Find(Parse("nginx"));
    const ImageInfo* mainline = reg.Find(Parse("nginx:1.29"));
    ASSERT_NE(latest, nullptr);
    EXPECT_EQ(latest, mainline);
    EXPECT_EQ(latest->size_bytes, 72195292);
    EXPECT_EQ(latest->digest.size(), 71u);
    EXPECT_NE(reg.Find(Parse("nginx:1.28")), latest);
    for (const char* ref : {"registry.k8s.io/nginx:1.20", "registry.k8s.io/nginx-slim:0.8", "registry.k8s.io/nginx-slim:0.24",
                            "busybox:1.28", "busybox", "mysql:8.0", "redis:7.2", "postgres:16", "zookeeper:3.8",
                            "registry.k8s.io/pause:3.10", "alpine", "ubuntu:24.04", "elasticsearch:8.19.5"})
        EXPECT_NE(reg.Find(Parse(ref)), nullptr) << ref;
    EXPECT_EQ(reg.Find(Parse("elasticsearch")), nullptr) << "Docker Hub has no elasticsearch:latest";
    // Digests are facts about images: the same in every simulation, whatever its seed.
    engine::SimulationOptions options;
    options.seed = 99;
    engine::Simulation other(options);
    EXPECT_EQ(other.image_registry()->Find(Parse("nginx"))->digest, latest->digest);
    EXPECT_EQ(reg.Find(Parse("nginx@" + latest->digest)), latest);
}

TEST(ImageRegistryTest, OldK8sGcrIoNamesPullWhatRegistryK8sIoServes) {
    ImageRegistry reg;
    // The older tutorial's manifest and update steps, as readers still copy them.
    for (const char* tag : {"0.7", "0.8", "0.9"}) {
        const std::string old_name = std::string("k8s.gcr.io/nginx-slim:") + tag;
        const ImageInfo* old_host = reg.Resolve(Parse(old_name)).image;
        const ImageInfo* new_host = reg.Find(Parse(std::string("registry.k8s.io/nginx-slim:") + tag));
        ASSERT_NE(old_host, nullptr) << old_name;
        ASSERT_NE(new_host, nullptr) << tag;
        // The same image (one digest), kept under the name it was pulled by.
        EXPECT_EQ(old_host->digest, new_host->digest);
        EXPECT_EQ(old_host->size_bytes, new_host->size_bytes);
        EXPECT_EQ(old_host->RepoDigestRef(), "k8s.gcr.io/nginx-slim@" + new_host->digest);
    }
    EXPECT_NE(reg.Find(Parse("k8s.gcr.io/pause:3.10")), nullptr);
    // Only registry.k8s.io's names are preloaded on kind's nodes.
    for (const ImageInfo* img : reg.PreloadedImages()) EXPECT_FALSE(img->repository.starts_with("k8s.gcr.io/"));
    // The redirect serves what registry.k8s.io has, and nothing else.
    EXPECT_EQ(reg.Resolve(Parse("k8s.gcr.io/nginx-slim:0.99")).error,
              "rpc error: code = NotFound desc = failed to pull and unpack image \"k8s.gcr.io/nginx-slim:0.99\": "
              "failed to resolve image: k8s.gcr.io/nginx-slim:0.99: not found");
}

TEST(ImageRegistryTest, MissingImagesFailWithContainerdsMessages) {
    ImageRegistry reg;
    EXPECT_EQ(reg.Resolve(Parse("nginx:nope")).error,
              "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:nope\": "
              "failed to resolve image: docker.io/library/nginx:nope: not found");
    EXPECT_EQ(reg.Resolve(Parse("ngnix")).error,
              "rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/ngnix:latest\": "
              "failed to resolve image: docker.io/library/ngnix:latest: not found");
    EXPECT_EQ(reg.Resolve(Parse("myregistry.local:5000/app:1")).error,
              "rpc error: code = Unknown desc = failed to pull and unpack image \"myregistry.local:5000/app:1\": failed "
              "to resolve image: failed to do request: Head \"https://myregistry.local:5000/v2/app/manifests/1\": dial "
              "tcp: lookup myregistry.local on 172.18.0.1:53: no such host");
}

TEST(ImageRegistryTest, PullTimeFollowsSizeAndBandwidth) {
    ImageRegistry reg;
    Rng rng(5);
    const ImageInfo& nginx = *reg.Find(Parse("nginx"));
    const ImageInfo& busybox = *reg.Find(Parse("busybox:1.28"));
    for (int i = 0; i < 20; ++i) {
        const Duration n = reg.PullDuration(nginx, reg.Bandwidth("kind-worker"), rng);
        EXPECT_GE(n, Seconds(14));
        EXPECT_LE(n, Seconds(20));
        EXPECT_LT(reg.PullDuration(busybox, reg.Bandwidth("kind-worker"), rng), Seconds(2));
    }
    reg.SetBandwidth("kind-worker2", 50'000'000);
    EXPECT_LT(reg.PullDuration(nginx, reg.Bandwidth("kind-worker2"), rng), Seconds(4));
}

TEST(ImageRegistryTest, AddAndRemoveImages) {
    ImageRegistry reg;
    EXPECT_EQ(reg.Find(Parse("myapp:1.0")), nullptr);
    ASSERT_TRUE(reg.AddImage("myapp:1.0", 12'345'678));
    ASSERT_NE(reg.Find(Parse("docker.io/library/myapp:1.0")), nullptr);
    EXPECT_EQ(reg.Find(Parse("myapp:1.0"))->size_bytes, 12'345'678);
    ASSERT_TRUE(reg.RemoveImage("nginx:1.27"));
    EXPECT_EQ(reg.Find(Parse("nginx:1.27")), nullptr);
    EXPECT_NE(reg.Find(Parse("nginx:1.27.5")), nullptr) << "other tags of the image stay";
    EXPECT_FALSE(reg.RemoveImage("nginx:1.27"));
    EXPECT_FALSE(reg.AddImage("Bad:1", 1));
}

TEST(ImageRegistryTest, ArgsRunThroughTheImagesEntrypoint) {
    using Argv = std::vector<std::string>;
    ImageRegistry reg;
    const ImageInfo& curl = *reg.Find(Parse("curlimages/curl"));
    const ImageInfo& busybox = *reg.Find(Parse("busybox:1.28"));
    const ImageInfo& nginx = *reg.Find(Parse("nginx"));
    k8s::Container c;
    EXPECT_EQ(reg.MainCommand(curl, c), Argv{}) << "no command or args: the image's own default";
    // curlimages/curl's /entrypoint.sh prepends curl to an option, or to what is not a command.
    c.args = {"-sI", "http://nginx"};
    EXPECT_EQ(reg.MainCommand(curl, c), (Argv{"curl", "-sI", "http://nginx"}));
    c.args = {"http://nginx"};
    EXPECT_EQ(reg.MainCommand(curl, c), (Argv{"curl", "http://nginx"}));
    c.args = {"curl", "-s", "http://nginx"};
    EXPECT_EQ(reg.MainCommand(curl, c), (Argv{"curl", "-s", "http://nginx"}));
    c.args = {"sh"};
    EXPECT_EQ(reg.MainCommand(curl, c), Argv{"sh"});
    // A shell image has no entrypoint: args are the command line; a server image's entrypoint
    // runs them itself.
    c.args = {"nslookup", "web-0.nginx"};
    EXPECT_EQ(reg.MainCommand(busybox, c), (Argv{"nslookup", "web-0.nginx"}));
    EXPECT_EQ(reg.MainCommand(nginx, c), Argv{});
    // command replaces the entrypoint, and args follow it.
    c.command = {"sh", "-c"};
    c.args = {"echo hi"};
    EXPECT_EQ(reg.MainCommand(curl, c), (Argv{"sh", "-c", "echo hi"}));

    // A one-shot command that reads the cluster is handed to the kubelet to run; a server is not.
    c.command.clear();
    c.args = {"-s", "http://nginx"};
    ProcessBehavior b = reg.BehaviorFor(curl, c);
    EXPECT_EQ(b.command, (Argv{"curl", "-s", "http://nginx"}));
    EXPECT_FALSE(b.runs_forever);
    c.args = {"nslookup", "web-0.nginx"};
    EXPECT_EQ(reg.BehaviorFor(busybox, c).command, (Argv{"nslookup", "web-0.nginx"}));
    c.args = {"sleep", "10"};
    EXPECT_TRUE(reg.BehaviorFor(busybox, c).command.empty());
    c.args.clear();
    EXPECT_TRUE(reg.BehaviorFor(curl, c).command.empty()) << "curl with no URL prints its usage";
    EXPECT_EQ(reg.BehaviorFor(curl, c).exit_code, 2);
}

TEST(ImageRegistryTest, ContainersThatKeepTheImagesDefaultShareItsBehaviour) {
    ImageRegistry reg;
    const ImageInfo& nginx = *reg.Find(Parse("nginx"));
    k8s::Container plain;
    plain.name = "nginx";
    EXPECT_EQ(reg.SharedBehaviorFor(nginx, plain), nginx.behavior) << "one behaviour for every such container";
    k8s::Container sleeper;
    sleeper.command = {"sleep", "3600"};
    const auto own = reg.SharedBehaviorFor(nginx, sleeper);
    EXPECT_NE(own, nginx.behavior);
    EXPECT_TRUE(*own == reg.BehaviorFor(nginx, sleeper));
    EXPECT_FALSE(own->runs_forever);
    EXPECT_TRUE(nginx.behavior->runs_forever) << "the image's own is unchanged";
}

TEST(ImageRegistryTest, ProcessBehaviourFollowsImageCommandAndEnvironment) {
    ImageRegistry reg;
    k8s::Container c;
    const ImageInfo& nginx = *reg.Find(Parse("nginx"));
    ProcessBehavior b = reg.BehaviorFor(nginx, c);
    EXPECT_TRUE(b.runs_forever);
    EXPECT_EQ(b.stop_signal, "SIGQUIT");
    EXPECT_FALSE(b.ignores_stop_signal);
    EXPECT_EQ(b.stop_exit_code, 0);
    EXPECT_EQ(b.listen_ports, std::vector<int32_t>{80});

    const ImageInfo& busybox = *reg.Find(Parse("busybox:1.28"));
    b = reg.BehaviorFor(busybox, c);
    EXPECT_FALSE(b.runs_forever) << "sh without a terminal exits at once";
    EXPECT_EQ(b.exit_code, 0);
    c.command = {"sleep", "3600"};
    b = reg.BehaviorFor(busybox, c);
    EXPECT_FALSE(b.runs_forever);
    EXPECT_EQ(b.run_time, Seconds(3600));
    EXPECT_TRUE(b.ignores_stop_signal) << "sleep as PID 1 ignores SIGTERM";
    c.command = {"sh", "-c", "trap 'exit 0' TERM; while true; do sleep 1; done"};
    b = reg.BehaviorFor(busybox, c);
    EXPECT_TRUE(b.runs_forever);
    EXPECT_FALSE(b.ignores_stop_signal);
    c.command = {"sh", "-c", "echo starting; exit 3"};
    b = reg.BehaviorFor(busybox, c);
    EXPECT_FALSE(b.runs_forever);
    EXPECT_EQ(b.exit_code, 3);
    EXPECT_EQ(b.exit_output, std::vector<std::string>{"starting"});
    c.command = {"myapp"};
    b = reg.BehaviorFor(busybox, c);
    EXPECT_EQ(b.log_style, "start-error:myapp");
    // command [sh, -c] with the script in args (the e2e partition test's sidecar).
    c.command = {"sh", "-c"};
    c.args = {"_term() { exit 1; }\ntrap _term SIGTERM\nwhile true; do sleep 1; done\n"};
    b = reg.BehaviorFor(busybox, c);
    EXPECT_TRUE(b.runs_forever);
    EXPECT_FALSE(b.ignores_stop_signal);
    EXPECT_EQ(b.stop_exit_code, 1);
    c.args.clear();

    k8s::Container db;
    const ImageInfo& mysql = *reg.Find(Parse("mysql:8.0"));
    b = reg.BehaviorFor(mysql, db);
    EXPECT_FALSE(b.runs_forever) << "no MYSQL_ROOT_PASSWORD: the entrypoint exits";
    EXPECT_EQ(b.exit_code, 1);
    db.env.push_back({"MYSQL_ROOT_PASSWORD", "secret", {}});
    b = reg.BehaviorFor(mysql, db);
    EXPECT_TRUE(b.runs_forever);
    EXPECT_GT(b.warmup, Seconds(5));
}

TEST(ImageRegistryTest, NginxLogsWhatTheOfficialImagePrints) {
    ImageRegistry reg;
    const ImageInfo& nginx = *reg.Find(Parse("nginx"));
    const auto lines = reg.StartupLog(nginx, *nginx.behavior, kSimulationEpoch + Seconds(19), 2);
    ASSERT_GE(lines.size(), 10u);
    EXPECT_EQ(lines[0], "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration");
    EXPECT_EQ(lines[8], "/docker-entrypoint.sh: Configuration complete; ready for start up");
    EXPECT_EQ(lines[9], "2026/01/01 00:00:19 [notice] 1#1: using the \"epoll\" event method");
    EXPECT_EQ(lines[10], "2026/01/01 00:00:19 [notice] 1#1: nginx/1.29.3");
    EXPECT_EQ(lines.back(), "2026/01/01 00:00:19 [notice] 1#1: start worker process 30");
}

}  // namespace
}  // namespace sts::cluster
