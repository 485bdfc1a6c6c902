// k8s::Pack / Unpack, the binary form the Event store keeps: exact for every field of every kind
// (each field filled with a value of its own, so a field the codec skipped would come back
// empty), sized as the store's memory budget assumes, and safe on damaged bytes. Then the Event
// store itself: what a reader gets back is what was written, and each read is its own snapshot.
#include <gtest/gtest.h>

#include <string>

#include "engine/simulation.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/packed.h"
#include "k8s/storage_v1.h"

namespace sts::k8s {
namespace {

// Gives every field a distinct, non-empty value, following Reflect() as the codec does. Lists
// get two items down to a depth, so the fill stays finite for any nesting.
class Filler {
public:
    int fields = 0;       // fields filled
    int left_empty = 0;   // fields an omitempty encoder would still drop (must stay 0)

    template <class T>
    void Fill(T& v, int depth) {
        ++counter_;
        if constexpr (std::is_same_v<T, std::string>) v = "s" + std::to_string(counter_);
        else if constexpr (std::is_same_v<T, bool>) v = true;
        else if constexpr (std::is_same_v<T, int32_t>) v = (counter_ % 2 ? -1 : 1) * (1000 + counter_);
        else if constexpr (std::is_same_v<T, int64_t>) v = (counter_ % 2 ? -1 : 1) * (int64_t{1} << 40) - counter_;
        else if constexpr (std::is_same_v<T, Timestamp>) v = Timestamp(kSimulationEpoch + Seconds(counter_));
        else if constexpr (std::is_same_v<T, MicroTimestamp>) v.ms = kSimulationEpoch + counter_;
        else if constexpr (std::is_same_v<T, Quantity>) v = Quantity(std::to_string(counter_) + "Mi");
        else if constexpr (std::is_same_v<T, IntOrString>)
            v = counter_ % 2 ? IntOrString(-counter_) : IntOrString("p" + std::to_string(counter_));
        else if constexpr (std::is_same_v<T, StringMap>) {
            v.Set("b/key" + std::to_string(counter_), "x");
            v.Set("a", "");
        } else if constexpr (std::is_same_v<T, Raw>) {
            v = Value::MakeObject({{"int", Value(int64_t{-7})},
                                   {"float", Value(0.1)},
                                   {"list", Value::MakeArray({Value(true), Value(), Value("text")})},
                                   {"nested", Value::MakeObject({{"k", Value(std::numeric_limits<int64_t>::min())}})}});
        } else if constexpr (IsOptional<T>::value) {
            Fill(v.emplace(), depth);
        } else if constexpr (IsCow<T>::value) {
            Fill(v.Mut(), depth);
        } else if constexpr (IsVector<T>::value) {
            if (depth < kMaxDepth) {
                v.resize(2);
                for (auto& item : v) Fill(item, depth + 1);
            }
        } else {
            depth_ = depth;
            v.Reflect(*this);
        }
    }
    template <class T>
    void operator()(std::string_view, T& field, unsigned options = kNoOptions) {
        const int depth = depth_;
        Fill(field, depth);
        depth_ = depth;
        ++fields;
        if ((options & kOmitEmpty) && IsOmittable(field) && depth < kMaxDepth) ++left_empty;
    }

private:
    static constexpr int kMaxDepth = 6;
    int counter_ = 0;
    int depth_ = 0;
};

template <class T>
void ExpectExactRoundTrip() {
    T original{};
    Filler filler;
    filler.Fill(original, 0);
    ASSERT_GT(filler.fields, 5) << T::kGoType;
    ASSERT_EQ(filler.left_empty, 0) << T::kGoType;

    const PackedObject packed = Pack(original);
    const T back = Unpack<T>(packed);
    EXPECT_TRUE(back == original) << T::kGoType;
    EXPECT_EQ(Encode(back).ToJson(), Encode(original).ToJson()) << T::kGoType;
    // The binary form is smaller than the JSON one (no field names).
    EXPECT_LT(packed.size(), Encode(original).ToJson().size()) << T::kGoType;
}

TEST(PackedTest, EveryFieldOfEveryKindComesBackExactly) {
    ExpectExactRoundTrip<Event>();
    ExpectExactRoundTrip<Pod>();
    ExpectExactRoundTrip<Service>();
    ExpectExactRoundTrip<Endpoints>();
    ExpectExactRoundTrip<EndpointSlice>();
    ExpectExactRoundTrip<Node>();
    ExpectExactRoundTrip<Namespace>();
    ExpectExactRoundTrip<PersistentVolumeClaim>();
    ExpectExactRoundTrip<PersistentVolume>();
    ExpectExactRoundTrip<StorageClass>();
    ExpectExactRoundTrip<StatefulSet>();
    ExpectExactRoundTrip<ControllerRevision>();
}

TEST(PackedTest, UnsetAndExtremeValuesComeBackAsTheyWere) {
    Event empty;
    EXPECT_TRUE(Unpack<Event>(Pack(empty)) == empty);

    ObjectMeta meta;
    meta.generation = std::numeric_limits<int64_t>::min();
    meta.deletion_grace_period_seconds = std::numeric_limits<int64_t>::max();
    meta.deletion_timestamp = Timestamp();  // present but unset: still present
    meta.managed_fields = Value::MakeArray({Value(-0.0), Value(1e308), Value(""), Value::MakeObject()});
    const ObjectMeta back = Unpack<ObjectMeta>(Pack(meta));
    EXPECT_TRUE(back == meta);
    EXPECT_TRUE(back.deletion_timestamp.has_value());
    EXPECT_EQ(back.managed_fields.ToJson(), meta.managed_fields.ToJson());
}

// Packs one string field alone (an ObjectReference with only its uid set) and checks it comes
// back exactly; returns the packed size less that of the same reference with an empty uid.
size_t PackedUidBytes(const std::string& uid) {
    ObjectReference ref;
    ref.uid = uid;
    const PackedObject packed = Pack(ref);
    EXPECT_EQ(Unpack<ObjectReference>(packed).uid, uid);
    return packed.size() - Pack(ObjectReference{}).size() + 1;  // the empty uid's byte back
}

TEST(PackedTest, UidsAndCommonStringsPackSmallAndEveryNearMissStaysExact) {
    // A canonical uid takes a header byte and its 16 bytes, in place of 37.
    EXPECT_EQ(PackedUidBytes("687b5ba9-0e93-4b53-b0e5-0e26ada947cf"), 17u);
    EXPECT_EQ(PackedUidBytes("00000000-0000-0000-0000-000000000000"), 17u);
    EXPECT_EQ(PackedUidBytes("ffffffff-ffff-ffff-ffff-ffffffffffff"), 17u);
    // Strings the cluster repeats in every Event take a byte.
    for (const char* common : {"default", "v1", "apps/v1", "Pod", "StatefulSet", "kubelet", "Normal", "Warning",
                               "Scheduled", "Pulled", "statefulset-controller", "spec.containers{nginx}"})
        EXPECT_EQ(PackedUidBytes(common), 1u) << common;
    // Near misses are literals, and come back exactly as written.
    for (const char* literal : {"687B5BA9-0E93-4B53-B0E5-0E26ADA947CF",    // upper case
                                "687b5ba9-0e93-4b53-b0e5-0e26ada947c",     // one short
                                "687b5ba9-0e93-4b53-b0e5-0e26ada947cff",   // one long
                                "687b5ba90e93-4b53-b0e5-0e26ada947cf-",    // dash misplaced
                                "687b5ba9-0e93-4b53-b0e5-0e26ada947cg",    // not hex
                                "687b5ba9_0e93_4b53_b0e5_0e26ada947cf",    // not dashes
                                "Default", "default ", "kubelet2", "", "v"}) {
        const std::string s = literal;
        EXPECT_EQ(PackedUidBytes(s), 1 + s.size()) << s;
    }
}

TEST(PackedTest, DamagedBytesNeverReadOutsideTheBuffer) {
    Event ev;
    ev.metadata.name = "web-0.187a3b2c1d4e5f6a";
    ev.message = std::string(300, 'm');
    ev.series = Value::MakeObject({{"count", Value(int64_t{3})}});
    const std::string bytes(Pack(ev).view());
    // Every truncation, and every single-byte corruption, unpacks to some Event without
    // reading past the end (the sanitizer builds would catch a read outside).
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        const Event partial = Unpack<Event>(PackedObject(std::string_view(bytes).substr(0, cut)));
        EXPECT_LE(partial.message.size(), ev.message.size());
    }
    for (size_t at = 0; at < bytes.size(); ++at) {
        std::string damaged = bytes;
        damaged[at] = static_cast<char>(0xff);
        (void)Unpack<Event>(PackedObject(damaged));
    }
    EXPECT_TRUE(Unpack<Event>(PackedObject()) == Event{});
}

TEST(PackedTest, TheEventStoreGivesBackWhatWasWrittenAsFreshSnapshots) {
    engine::Simulation sim;
    auto& events = sim.api().events();
    apiserver::Ptr<Event> seen;
    events.AddHandler([&](apiserver::WatchType, const auto&, const apiserver::Ptr<Event>& obj) { seen = obj; });

    Event ev;
    ev.metadata.namespace_ = "default";
    ev.metadata.name = "web-0.187a3b2c1d4e5f6a";
    ev.involved_object.kind = "Pod";
    ev.involved_object.name = "web-0";
    ev.reason = "Scheduled";
    ev.message = "Successfully assigned default/web-0 to kind-worker";
    ev.count = 1;
    const auto created = events.Create(ev);
    ASSERT_TRUE(created.ok());
    ASSERT_TRUE(seen);
    const auto read = events.Get("default", ev.metadata.name);
    ASSERT_TRUE(read);
    EXPECT_TRUE(*read == *seen);  // uid, resourceVersion and timestamps included
    EXPECT_EQ(read->message, ev.message);
    EXPECT_NE(read.get(), events.Get("default", ev.metadata.name).get());  // each read unpacks afresh

    Event bumped = *read;
    bumped.count = 2;
    ASSERT_TRUE(events.Update(bumped).ok());
    EXPECT_EQ(events.Get("default", ev.metadata.name)->count, 2);
    EXPECT_EQ(read->count, 1);  // an earlier snapshot stays as it was
    ASSERT_EQ(events.List("default").size(), 1u);
    EXPECT_EQ(events.Count("default"), 1u);
    EXPECT_EQ(events.Count("kube-system"), 0u);
    EXPECT_TRUE(events.List("kube-system").empty());
}

}  // namespace
}  // namespace sts::k8s
