// The source tutorial end to end (assets/scripts/statefulset-tutorial.sh): every step checked
// for the behaviour it teaches, and the whole transcript against a golden copy, so native and
// wasm builds must print the same bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "transcript_util.h"

namespace sts::testing {
namespace {

constexpr const char* kScript = "assets/scripts/statefulset-tutorial.sh";
constexpr const char* kGolden = "tests/scenarios/golden/statefulset-tutorial.txt";

class Tutorial : public ::testing::Test {
protected:
    static void SetUpTestSuite() { transcript_ = new std::string(RunScriptFile(kScript)); }
    static void TearDownTestSuite() { delete transcript_; }
    static const std::string& T() { return *transcript_; }
    static std::string* transcript_;
};

std::string* Tutorial::transcript_ = nullptr;

// Index of the first watch row for `pod` whose READY and STATUS are as given.
int RowIndex(const std::vector<std::string>& rows, const std::string& pod, const std::string& ready,
             const std::string& status) {
    for (size_t i = 0; i < rows.size(); ++i) {
        auto c = Columns(rows[i]);
        if (c.size() >= 3 && c[0] == pod && c[1] == ready && c[2] == status) return static_cast<int>(i);
    }
    return -1;
}

int FirstRowOf(const std::vector<std::string>& rows, const std::string& pod) {
    for (size_t i = 0; i < rows.size(); ++i)
        if (!Columns(rows[i]).empty() && Columns(rows[i])[0] == pod) return static_cast<int>(i);
    return -1;
}

TEST_F(Tutorial, ApplyCreatesTheServiceAndTheStatefulSet) {
    auto out = OutputOf(T(), "kubectl apply -f nginx-statefulset.yaml");
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], "service/nginx created");
    EXPECT_EQ(out[1], "statefulset.apps/web created");
}

TEST_F(Tutorial, Web1StartsOnlyAfterWeb0IsRunningAndReady) {
    auto rows = OutputOf(T(), "kubectl get pod -l app=nginx --watch", 0);
    ASSERT_FALSE(rows.empty());
    EXPECT_EQ(Columns(rows[0]), (std::vector<std::string>{"NAME", "READY", "STATUS", "RESTARTS", "AGE"}));
    const int web0_ready = RowIndex(rows, "web-0", "1/1", "Running");
    const int web1_first = FirstRowOf(rows, "web-1");
    ASSERT_GE(web0_ready, 0);
    ASSERT_GE(web1_first, 0);
    EXPECT_LT(web0_ready, web1_first);
    EXPECT_GE(RowIndex(rows, "web-0", "0/1", "ContainerCreating"), 0);
    EXPECT_GE(RowIndex(rows, "web-1", "1/1", "Running"), 0);
}

TEST_F(Tutorial, GetCommandsPrintKubectlTables) {
    auto sts = OutputOf(T(), "kubectl get statefulset web");
    ASSERT_EQ(sts.size(), 2u);
    EXPECT_EQ(Columns(sts[0]), (std::vector<std::string>{"NAME", "READY", "AGE"}));
    EXPECT_EQ(Columns(sts[1])[1], "2/2");
    auto svc = OutputOf(T(), "kubectl get service nginx");
    ASSERT_EQ(svc.size(), 2u);
    auto cols = Columns(svc[1]);
    ASSERT_GE(cols.size(), 6u);
    EXPECT_EQ(cols[0], "nginx");
    EXPECT_EQ(cols[1], "ClusterIP");
    EXPECT_EQ(cols[2], "None");
    EXPECT_EQ(cols[3], "<none>");
    EXPECT_EQ(cols[4], "80/TCP");
}

TEST_F(Tutorial, HostnameIsThePodName) {
    auto out = OutputOf(T(), "for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done");
    EXPECT_EQ(out, (std::vector<std::string>{"web-0", "web-1"}));
}

TEST_F(Tutorial, NslookupFromBusyboxAnswersWithWeb0sIp) {
    auto wide = OutputOf(T(), "kubectl get pod -l app=nginx -o wide");
    std::string web0_ip;
    for (const auto& row : wide) {
        auto c = Columns(row);
        if (!c.empty() && c[0] == "web-0") web0_ip = c[5];
    }
    ASSERT_FALSE(web0_ip.empty());
    const std::string expected = "Server:    10.96.0.10\n"
                                 "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
                                 "\n"
                                 "Name:      web-0.nginx\n"
                                 "Address 1: " + web0_ip + " web-0.nginx.default.svc.cluster.local\n";
    EXPECT_NE(T().find("/ # nslookup web-0.nginx\n" + expected), std::string::npos) << T();
}

TEST_F(Tutorial, ScaleUpCreatesPodsInAscendingOrder) {
    EXPECT_EQ(OutputOf(T(), "kubectl scale statefulset web --replicas=5"),
              (std::vector<std::string>{"statefulset.apps/web scaled"}));
    auto rows = OutputOf(T(), "kubectl get pod -l app=nginx --watch", 1);
    const int web2_ready = RowIndex(rows, "web-2", "1/1", "Running");
    const int web3_first = FirstRowOf(rows, "web-3");
    const int web3_ready = RowIndex(rows, "web-3", "1/1", "Running");
    const int web4_first = FirstRowOf(rows, "web-4");
    ASSERT_GE(web2_ready, 0);
    ASSERT_GE(web3_ready, 0);
    EXPECT_LT(web2_ready, web3_first);
    EXPECT_LT(web3_ready, web4_first);
    EXPECT_GE(RowIndex(rows, "web-4", "1/1", "Running"), 0);
}

TEST_F(Tutorial, ScaleDownRemovesTheHighestOrdinalFirst) {
    EXPECT_EQ(OutputOf(T(), "kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'"),
              (std::vector<std::string>{"statefulset.apps/web patched"}));
    auto rows = OutputOf(T(), "kubectl get pod -l app=nginx --watch", 2);
    // After the initial list (5 pods), web-4 terminates entirely before web-3 starts to.
    int last_web4 = -1, first_web3_change = -1;
    for (size_t i = 6; i < rows.size(); ++i) {
        auto c = Columns(rows[i]);
        if (c.empty()) continue;
        if (c[0] == "web-4") last_web4 = static_cast<int>(i);
        if (c[0] == "web-3" && first_web3_change < 0) first_web3_change = static_cast<int>(i);
        EXPECT_TRUE(c[0] == "web-3" || c[0] == "web-4") << rows[i];
    }
    ASSERT_GE(last_web4, 0);
    ASSERT_GE(first_web3_change, 0);
    EXPECT_LT(last_web4, first_web3_change);
}

TEST_F(Tutorial, RollingUpdateEndsWithThePartitionedMessage) {
    auto out = OutputOf(T(), "kubectl rollout status statefulset web");
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back(), "partitioned roll out complete: 3 new pods have been updated...");
    auto images = OutputOf(T(), "for p in 0 1 2; do kubectl get pod \"web-$p\" --template '{{range $i, $c := "
                                ".spec.containers}}{{$c.image}}{{end}}'; echo; done");
    EXPECT_EQ(images, (std::vector<std::string>(3, "registry.k8s.io/nginx:1.20")));
}

TEST_F(Tutorial, TranscriptIsDeterministicAndMatchesTheGoldenCopy) {
    EXPECT_EQ(RunScriptFile(kScript), T());
    if (std::getenv("STS_UPDATE_GOLDEN")) {
        std::ofstream(kGolden, std::ios::binary) << T();
        GTEST_SKIP() << "golden transcript rewritten";
    }
    const std::string golden = ReadFileOrEmpty(kGolden);
    ASSERT_FALSE(golden.empty()) << "missing " << kGolden << " (run with STS_UPDATE_GOLDEN=1)";
    EXPECT_EQ(T(), golden);
}

// The transcript shows what kubectl prints; the state hash covers every stored object (uids,
// IPs, resourceVersions, timestamps). Native and wasm compare against the same golden hash, so a
// platform difference anywhere in the cluster's state fails one of the two builds.
TEST(TutorialState, FinalStateHashIsTheSameOnEveryPlatform) {
    constexpr const char* kGoldenHash = "tests/scenarios/golden/statefulset-tutorial.state-hash";
    uint64_t state_hash = 0;
    RunScriptFile(kScript, 1, &state_hash);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(state_hash));
    const std::string hash = std::string(hex) + "\n";
    if (std::getenv("STS_UPDATE_GOLDEN")) {
        std::ofstream(kGoldenHash, std::ios::binary) << hash;
        GTEST_SKIP() << "golden state hash rewritten";
    }
    EXPECT_EQ(hash, ReadFileOrEmpty(kGoldenHash)) << "(run with STS_UPDATE_GOLDEN=1 after a deliberate change)";
}

TEST_F(Tutorial, AnotherSeedChangesTimingsButNotTheBehaviour) {
    const std::string other = RunScriptFile(kScript, 7);
    auto out = OutputOf(other, "kubectl rollout status statefulset web");
    ASSERT_FALSE(out.empty());
    EXPECT_EQ(out.back(), "partitioned roll out complete: 3 new pods have been updated...");
}

}  // namespace
}  // namespace sts::testing
