// Placeholder smoke test while the console suite is assembled.
#include <gtest/gtest.h>

#include "fake_cluster.h"
#include "kubectl/console.h"
#include "shell/shell.h"

namespace sts::kubectl {
namespace {

TEST(ConsoleSmoke, VersionClient) {
    testing::FakeCluster cluster;
    shell::MemoryFileSystem fs;
    Console console(&cluster, &fs);
    console.Input("kubectl version --client");
    EXPECT_EQ(console.TakeOutput(), "Client Version: v1.33.1\nKustomize Version: v5.6.0\n");
}

}  // namespace
}  // namespace sts::kubectl
