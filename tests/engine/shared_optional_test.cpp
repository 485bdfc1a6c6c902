// k8s::SharedOptional: the copy-on-write optional that holds a container's probes and a
// container status's states. Copies share the value; a write through a copy never shows in
// another; and to the reflection code (JSON in and out, omitempty) it is an optional.
#include <gtest/gtest.h>

#include <utility>

#include "k8s/core_v1.h"

namespace sts::k8s {
namespace {

TEST(SharedOptionalTest, CopiesShareTheValueUntilOneIsWrittenThrough) {
    ContainerState a;
    a.waiting = ContainerStateWaiting{"ContainerCreating", ""};
    ContainerState b = a;
    EXPECT_EQ(&*std::as_const(a).waiting, &*std::as_const(b).waiting);  // one value, two holders
    b.waiting->reason = "ErrImagePull";
    EXPECT_EQ(a.waiting->reason, "ContainerCreating");
    EXPECT_EQ(b.waiting->reason, "ErrImagePull");
    EXPECT_NE(a, b);
    b.waiting->reason = "ContainerCreating";
    EXPECT_EQ(a, b);  // equal by value once the contents agree again
    b.waiting.reset();
    EXPECT_FALSE(b.waiting.has_value());
    EXPECT_TRUE(a.waiting.has_value());
}

TEST(SharedOptionalTest, EncodesAndDecodesAsAnOptionalDoes) {
    ContainerStatus status;
    status.name = "nginx";
    status.state.running = ContainerStateRunning{Timestamp(kSimulationEpoch)};
    const Value encoded = Encode(status);
    EXPECT_TRUE(encoded.Path("state.running").IsObject());
    EXPECT_TRUE(encoded.Path("state.waiting").IsNull());  // absent values are omitted
    EXPECT_TRUE(encoded.Path("lastState").IsObject());

    DecodeErrors errors;
    const auto decoded = Decode<ContainerStatus>(encoded, errors);
    ASSERT_TRUE(errors.ok());
    EXPECT_EQ(decoded, status);
    EXPECT_FALSE(decoded.state.terminated.has_value());

    Container c;
    c.name = "nginx";
    c.image = "nginx";
    Value with_probe = Encode(c);
    Value probe = Value::MakeObject();
    probe.Set("periodSeconds", 7);
    with_probe.Set("readinessProbe", probe);
    const auto probed = Decode<Container>(with_probe, errors);
    ASSERT_TRUE(errors.ok());
    ASSERT_TRUE(probed.readiness_probe.has_value());
    EXPECT_EQ(probed.readiness_probe->period_seconds, 7);
    EXPECT_FALSE(probed.liveness_probe.has_value());
}

}  // namespace
}  // namespace sts::k8s
