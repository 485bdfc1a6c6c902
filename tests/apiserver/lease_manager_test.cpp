// The etcd leases Events are written with (k8s.io/apiserver storage/etcd3/lease_manager.go):
// a write reuses the previous lease while it expires between ttl and ttl + reuse from now, for
// at most 1000 objects; otherwise a new lease of ttl + reuse is granted.
#include <gtest/gtest.h>

#include "apiserver/lease_manager.h"

namespace sts::apiserver {
namespace {

constexpr int64_t kHour = 3600;
constexpr Time kStart = 1'000'000;

TEST(LeaseManagerTest, ANewLeaseLastsTheTtlAndFivePercentCappedAtAMinute) {
    LeaseManager leases;
    const uint64_t id = leases.GetLease(kStart, kHour);
    EXPECT_EQ(leases.ExpiryOf(id), kStart + Seconds(kHour + 60));  // 5% of an hour is 180 s: capped
    LeaseManager short_ttl;
    const uint64_t short_id = short_ttl.GetLease(kStart, 100);
    EXPECT_EQ(short_ttl.ExpiryOf(short_id), kStart + Seconds(100 + 5));
}

TEST(LeaseManagerTest, WritesWithinTheReuseWindowShareTheLeaseAndTheNextOneDoesNot) {
    LeaseManager leases;
    const uint64_t first = leases.GetLease(kStart, kHour);
    // Valid while now + ttl is strictly before the lease's expiry.
    EXPECT_EQ(leases.GetLease(kStart + Seconds(59), kHour), first);
    EXPECT_EQ(leases.GetLease(kStart + Seconds(60) - 1, kHour), first);
    const uint64_t second = leases.GetLease(kStart + Seconds(60), kHour);
    EXPECT_NE(second, first);
    EXPECT_EQ(leases.ExpiryOf(second), kStart + Seconds(60) + Seconds(kHour + 60));
}

TEST(LeaseManagerTest, AtMostAThousandObjectsShareALease) {
    LeaseManager leases;
    const uint64_t first = leases.GetLease(kStart, kHour);
    for (int i = 2; i <= 1000; ++i) ASSERT_EQ(leases.GetLease(kStart, kHour), first) << i;
    const uint64_t next = leases.GetLease(kStart, kHour);
    EXPECT_NE(next, first);
    // The count starts again with the new lease.
    for (int i = 2; i <= 1000; ++i) ASSERT_EQ(leases.GetLease(kStart, kHour), next) << i;
    EXPECT_NE(leases.GetLease(kStart, kHour), next);
}

TEST(LeaseManagerTest, LeasesExpireInTheOrderTheyWereGranted) {
    LeaseManager leases;
    const uint64_t a = leases.GetLease(kStart, kHour);
    const uint64_t b = leases.GetLease(kStart + Seconds(120), kHour);
    EXPECT_EQ(leases.NextExpiry(), kStart + Seconds(kHour + 60));
    EXPECT_TRUE(leases.TakeExpired(kStart + Seconds(kHour + 60) - 1).empty());
    EXPECT_EQ(leases.TakeExpired(kStart + Seconds(kHour + 60)), std::vector<uint64_t>{a});
    EXPECT_EQ(leases.NextExpiry(), kStart + Seconds(120 + kHour + 60));
    EXPECT_EQ(leases.TakeExpired(kStart + Seconds(10 * kHour)), std::vector<uint64_t>{b});
    EXPECT_FALSE(leases.NextExpiry().has_value());
    EXPECT_EQ(leases.ExpiryOf(a), 0);
}

}  // namespace
}  // namespace sts::apiserver
