#include "k8s/packed.h"

#include <array>

namespace sts::k8s::packed_detail {

namespace {

// Strings that recur in nearly every packed Event (its kind and namespace, the involved object's
// kind and API version, the reporting component, the type and the common reasons): each packs
// to one byte. The order is the encoding, so the table is only ever read by this build's own
// Pack and Unpack (nothing packed outlives the process).
constexpr std::array<std::string_view, 40> kCommonStrings = {
    "BackOff",
    "Created",
    "Event",
    "Failed",
    "FailedCreate",
    "FailedDelete",
    "FailedScheduling",
    "Killing",
    "Node",
    "Normal",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "Pod",
    "Pulled",
    "Pulling",
    "RecreatingFailedPod",
    "Scheduled",
    "Service",
    "Started",
    "StatefulSet",
    "SuccessfulCreate",
    "SuccessfulDelete",
    "Unhealthy",
    "Warning",
    "apps/v1",
    "default",
    "default-scheduler",
    "endpoint-controller",
    "endpointslice-controller",
    "garbage-collector-controller",
    "kube-system",
    "kubelet",
    "node-controller",
    "persistentvolume-controller",
    "spec.containers{nginx}",
    "statefulset-controller",
    "storage.k8s.io/v1",
    "v1",
    "volume_binding",
    "waiting for first consumer to be created before binding",
};

// Every string an Event packs is looked up here, so the lookup is an open-addressed hash on the
// length and three characters: a string not in the table rarely costs a comparison.
constexpr size_t kSlotCount = 128;
constexpr size_t SlotOf(std::string_view s) {
    if (s.empty()) return 0;
    const auto at = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>(s[i])); };
    return (s.size() * 131 + at(0) * 31 + at(s.size() - 1) * 7 + at(s.size() / 2)) % kSlotCount;
}
constexpr std::array<uint8_t, kSlotCount> kCommonSlots = [] {
    std::array<uint8_t, kSlotCount> slots{};  // 0: empty; else the table index + 1
    for (size_t i = 0; i < kCommonStrings.size(); ++i) {
        size_t slot = SlotOf(kCommonStrings[i]);
        while (slots[slot]) slot = (slot + 1) % kSlotCount;
        slots[slot] = static_cast<uint8_t>(i + 1);
    }
    return slots;
}();

// The string's index in kCommonStrings, or -1.
int CommonIndex(std::string_view s) {
    for (size_t slot = SlotOf(s); kCommonSlots[slot]; slot = (slot + 1) % kSlotCount) {
        const int index = kCommonSlots[slot] - 1;
        if (kCommonStrings[index] == s) return index;
    }
    return -1;
}

// A string's header: length << 1 for a literal (the bytes follow); odd for the others, which
// keeps every one of them to a single byte: kUuid (16 bytes follow), or kCommonFirst + 2 * index.
constexpr uint64_t kUuid = 1;
constexpr uint64_t kCommonFirst = 3;
static_assert(kCommonFirst + 2 * (kCommonStrings.size() - 1) < 0x80);

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;  // upper case is not canonical, so it stays a literal and comes back as written
}

bool IsUuidDash(size_t i) { return i == 8 || i == 13 || i == 18 || i == 23; }

// True for the 36-character lowercase form every uid in the cluster takes.
bool PackUuid(std::string_view s, uint8_t out[16]) {
    if (s.size() != 36) return false;
    size_t n = 0;
    for (size_t i = 0; i < 36; ++i) {
        if (IsUuidDash(i)) {
            if (s[i] != '-') return false;
            continue;
        }
        const int hi = HexDigit(s[i]);
        const int lo = ++i < 36 ? HexDigit(s[i]) : -1;
        if (hi < 0 || lo < 0 || IsUuidDash(i)) return false;
        out[n++] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return n == 16;
}

}  // namespace

std::string& Scratch() {
    thread_local std::string scratch;
    return scratch;
}

void Writer::String(std::string_view s) {
    if (s.empty()) {  // most of an Event's optional strings
        Byte(0);
        return;
    }
    if (const int common = CommonIndex(s); common >= 0) {
        Varint(kCommonFirst + 2 * static_cast<uint64_t>(common));
        return;
    }
    uint8_t uuid[16];
    if (PackUuid(s, uuid)) {
        Varint(kUuid);
        out_.append(reinterpret_cast<const char*>(uuid), sizeof uuid);
        return;
    }
    Varint(static_cast<uint64_t>(s.size()) << 1);
    out_.append(s);
}

void Reader::String(std::string& out) {
    const uint64_t header = Varint();
    if ((header & 1) == 0) {
        const uint64_t n = header >> 1;
        const size_t avail = static_cast<size_t>(end_ - p_);
        const size_t take = n < avail ? static_cast<size_t>(n) : avail;
        out.assign(reinterpret_cast<const char*>(p_), take);
        p_ += take;
    } else if (header >= kCommonFirst) {
        const uint64_t index = (header - kCommonFirst) / 2;
        if (index < kCommonStrings.size()) out.assign(kCommonStrings[index]);
        else out.clear();
    } else {
        static constexpr char kHex[] = "0123456789abcdef";
        out.resize(36);
        for (size_t i = 0; i < 36; ++i) {
            if (IsUuidDash(i)) {
                out[i] = '-';
                continue;
            }
            const uint8_t b = Byte();
            out[i] = kHex[b >> 4];
            out[++i] = kHex[b & 15];
        }
    }
}

void Writer::PackValue(const Value& v) {
    Byte(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
        case Value::Type::kNull: break;
        case Value::Type::kBool: Byte(v.AsBool() ? 1 : 0); break;
        case Value::Type::kInt: Varint(ZigZag(v.AsInt())); break;
        case Value::Type::kFloat: {
            // The IEEE bits, little-endian on every platform the engine builds for.
            const double d = v.AsFloat();
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(bits >> (8 * i)));
            break;
        }
        case Value::Type::kString: String(v.AsString()); break;
        case Value::Type::kArray:
            Varint(v.items().size());
            for (const Value& item : v.items()) PackValue(item);
            break;
        case Value::Type::kObject:
            Varint(v.members().size());
            for (const auto& [key, member] : v.members()) {
                String(key);
                PackValue(member);
            }
            break;
    }
}

void Reader::UnpackValue(Value& out) {
    switch (static_cast<Value::Type>(Byte())) {
        case Value::Type::kNull: out = Value(); break;
        case Value::Type::kBool: out = Value(Byte() != 0); break;
        case Value::Type::kInt: out = Value(UnZigZag(Varint())); break;
        case Value::Type::kFloat: {
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(Byte()) << (8 * i);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            out = Value(d);
            break;
        }
        case Value::Type::kString: {
            std::string s;
            String(s);
            out = Value(std::move(s));
            break;
        }
        case Value::Type::kArray: {
            out = Value::MakeArray();
            Value::Array& items = out.MutableItems();
            items.resize(Count());
            for (Value& item : items) UnpackValue(item);
            break;
        }
        case Value::Type::kObject: {
            out = Value::MakeObject();
            Value::Object& members = out.MutableMembers();
            const size_t n = Count();
            members.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                std::string key;
                String(key);
                Value member;
                UnpackValue(member);
                members.emplace_back(std::move(key), std::move(member));
            }
            break;
        }
        default: out = Value(); break;
    }
}

}  // namespace sts::k8s::packed_detail
