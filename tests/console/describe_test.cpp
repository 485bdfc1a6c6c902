// Byte-for-byte comparison of `kubectl describe` with real kubectl 1.33: testdata/describe_golden.json
// holds kubectl 1.33.1's output against a minimal API server serving these objects.
// That test server ignored field selectors, so real kubectl listed every event of the namespace
// under each object; a real API server (and this console) lists only the object's own events.
// The sts/svc/pvc cases are therefore compared with the "Events:" section removed, and for the pod
// cases the StatefulSet's event is re-addressed to the pod so that the event table is compared in full.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fake_cluster.h"
#include "kubectl/console.h"
#include "manifest/manifest.h"
#include "shell/shell.h"

namespace sts::kubectl {
namespace {

Value LoadGolden() {
    std::ifstream in("tests/console/testdata/describe_golden.json");
    std::stringstream ss;
    ss << in.rdbuf();
    manifest::Parsed p = manifest::ParseJson(ss.str());
    EXPECT_TRUE(p.ok()) << p.error;
    return p.value;
}

// Everything from the "Events:" line on (the last section of describe's output).
std::string WithoutEvents(const std::string& s) {
    size_t at = s.find("\nEvents:");
    return at == std::string::npos ? s : s.substr(0, at + 1);
}

bool EventsArtifact(const std::string& cmd) {
    return cmd == "kubectl describe sts web" || cmd == "kubectl describe svc nginx" ||
           cmd == "kubectl describe pvc www-web-0";
}

TEST(KubectlDescribeGolden, MatchesRealKubectl) {
    Value golden = LoadGolden();
    ASSERT_TRUE(golden.Get("cases").IsArray());
    for (const auto& c : golden.Get("cases").items()) {
        testing::FakeCluster cluster;
        cluster.now_ = golden.Get("now").AsInt();
        for (const auto& [resource, list] : golden.Get("objects").members())
            for (Value obj : list.items()) {
                if (resource == "events" && obj.Path("involvedObject.kind").AsString() == "StatefulSet") {
                    obj["involvedObject"].Set("kind", "Pod");
                    obj["involvedObject"].Set("name", "web-0");
                }
                cluster.Store(resource, obj);
            }
        shell::MemoryFileSystem fs;
        Console console(&cluster, &fs);
        const std::string cmd = c.GetString("cmd");
        console.Input(cmd);
        std::string want = c.GetString("stdout") + c.GetString("stderr");
        std::string got = console.TakeOutput();
        if (EventsArtifact(cmd)) {
            EXPECT_EQ(WithoutEvents(got), WithoutEvents(want)) << "command: " << cmd;
        } else {
            EXPECT_EQ(got, want) << "command: " << cmd;
        }
        EXPECT_EQ(console.last_status(), c.GetInt("rc")) << "command: " << cmd;
    }
}

}  // namespace
}  // namespace sts::kubectl
