// Compact binary copies of API objects, for the objects the API server keeps but seldom reads.
//
// kube-apiserver keeps no watch cache for Events (DefaultWatchCacheSizes, in
// pkg/kubeapiserver/default_storage_factory_builder.go, sets events to 0): an
// Event lives in etcd, serialised, and is decoded when a request reads it. The Event store does
// the same with this encoding, because Events are the most numerous objects (five or more per
// pod) and are read only by `kubectl get events`, `describe` and the Events panel. As C++
// structs an Event takes about 1.2 KB with its strings; packed, about 300 bytes.
//
// The encoding follows each struct's Reflect() field by field, so a field added to a struct is
// packed without further code: no names, no tags, just the values in declaration order.
//   string, Quantity      a literal: varint of length << 1, the bytes; a lowercase UUID: one odd
//                         byte, 16 bytes; one of a table of common strings: one odd byte
//   bool                  one byte
//   int32, int64          zigzag varint
//   Timestamp, MicroTime  zigzag varint of the milliseconds (0 is unset, as kNoTime)
//   IntOrString           one byte (1: string), then the string or the integer
//   optional<T>           one byte (presence), then T
//   vector<T>, StringMap  varint count, then the items (a map's keys in their sorted order)
//   Raw (any JSON)        one byte of type, then the scalar, or the count and the children
// Packing and unpacking are exact: Unpack(Pack(x)) == x for every value.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "k8s/reflect.h"

namespace sts::k8s {

// The bytes of one packed object, in one allocation that also holds their count: 8 bytes in the
// holder. Move-only, immutable once made.
class PackedObject {
public:
    PackedObject() = default;
    explicit PackedObject(std::string_view bytes) {
        const uint32_t n = static_cast<uint32_t>(bytes.size());
        bytes_.reset(new uint8_t[sizeof(n) + n]);
        std::memcpy(bytes_.get(), &n, sizeof(n));
        if (n) std::memcpy(bytes_.get() + sizeof(n), bytes.data(), n);
    }
    bool empty() const { return !bytes_; }
    size_t size() const {
        if (!bytes_) return 0;
        uint32_t n;
        std::memcpy(&n, bytes_.get(), sizeof(n));
        return n;
    }
    const uint8_t* data() const { return bytes_ ? bytes_.get() + sizeof(uint32_t) : nullptr; }
    std::string_view view() const { return {reinterpret_cast<const char*>(data()), size()}; }

private:
    std::unique_ptr<uint8_t[]> bytes_;
};

namespace packed_detail {

inline uint64_t ZigZag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

class Writer {
public:
    explicit Writer(std::string& out) : out_(out) {}

    void Varint(uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>(v | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
    void String(std::string_view s);
    void PackValue(const Value& v);

    template <class T>
    void Put(const T& v) {
        if constexpr (std::is_same_v<T, std::string>) String(v);
        else if constexpr (std::is_same_v<T, bool>) Byte(v ? 1 : 0);
        else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) Varint(ZigZag(v));
        else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, MicroTimestamp>) Varint(ZigZag(v.ms));
        else if constexpr (std::is_same_v<T, Quantity>) String(v.text);
        else if constexpr (std::is_same_v<T, IntOrString>) {
            Byte(v.is_string ? 1 : 0);
            if (v.is_string) String(v.str_value);
            else Varint(ZigZag(v.int_value));
        } else if constexpr (std::is_same_v<T, StringMap>) {
            Varint(v.size());
            for (const auto& [key, value] : v) {
                String(key);
                String(value);
            }
        } else if constexpr (std::is_same_v<T, Raw>) {
            PackValue(v);
        } else if constexpr (IsOptional<T>::value) {
            Byte(v.has_value() ? 1 : 0);
            if (v.has_value()) Put(*v);
        } else if constexpr (IsCow<T>::value) {
            Put(*v);
        } else if constexpr (IsVector<T>::value) {
            Varint(v.size());
            for (const auto& item : v) Put(item);
        } else {
            const_cast<T&>(v).Reflect(*this);
        }
    }
    // The visitor Reflect() calls: every field, in order, names and options aside.
    template <class T>
    void operator()(std::string_view, const T& field, unsigned = kNoOptions) {
        Put(field);
    }

private:
    std::string& out_;
};

// Reads what Writer wrote. The bytes come from Writer alone; a read past the end (which only a
// bug could cause) yields zeros and empty values instead of reading outside the buffer.
class Reader {
public:
    Reader(const uint8_t* p, size_t n) : p_(p), end_(p + n) {}

    uint64_t Varint() {
        uint64_t v = 0;
        for (int shift = 0; p_ < end_ && shift < 64; shift += 7) {
            const uint8_t b = *p_++;
            v |= static_cast<uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) break;
        }
        return v;
    }
    uint8_t Byte() { return p_ < end_ ? *p_++ : 0; }
    void String(std::string& out);
    // A count of items that each take at least a byte, so a damaged count cannot ask for more.
    size_t Count() {
        const uint64_t n = Varint();
        const size_t avail = static_cast<size_t>(end_ - p_);
        return n < avail ? static_cast<size_t>(n) : avail;
    }
    void UnpackValue(Value& out);

    template <class T>
    void Get(T& v) {
        if constexpr (std::is_same_v<T, std::string>) String(v);
        else if constexpr (std::is_same_v<T, bool>) v = Byte() != 0;
        else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) v = static_cast<T>(UnZigZag(Varint()));
        else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, MicroTimestamp>) v.ms = UnZigZag(Varint());
        else if constexpr (std::is_same_v<T, Quantity>) String(v.text);
        else if constexpr (std::is_same_v<T, IntOrString>) {
            v.is_string = Byte() != 0;
            if (v.is_string) String(v.str_value);
            else v.int_value = static_cast<int32_t>(UnZigZag(Varint()));
        } else if constexpr (std::is_same_v<T, StringMap>) {
            v.clear();
            const size_t n = Count();
            std::string key, value;
            for (size_t i = 0; i < n; ++i) {
                String(key);
                String(value);
                v.Set(key, value);
            }
        } else if constexpr (std::is_same_v<T, Raw>) {
            UnpackValue(v);
        } else if constexpr (IsOptional<T>::value) {
            if (Byte()) Get(v.emplace());
            else v.reset();
        } else if constexpr (IsCow<T>::value) {
            Get(v.Mut());
        } else if constexpr (IsVector<T>::value) {
            v.clear();
            v.resize(Count());
            for (auto& item : v) Get(item);
        } else {
            v.Reflect(*this);
        }
    }
    template <class T>
    void operator()(std::string_view, T& field, unsigned = kNoOptions) {
        Get(field);
    }

private:
    const uint8_t* p_;
    const uint8_t* end_;
};

// The scratch buffer every Pack writes into before the exact-size copy (the engine runs on one
// thread).
std::string& Scratch();

}  // namespace packed_detail

template <class T>
PackedObject Pack(const T& obj) {
    std::string& scratch = packed_detail::Scratch();
    scratch.clear();
    packed_detail::Writer writer(scratch);
    writer.Put(obj);
    return PackedObject(scratch);
}

template <class T>
T Unpack(const PackedObject& packed) {
    T out{};
    packed_detail::Reader reader(packed.data(), packed.size());
    reader.Get(out);
    return out;
}

}  // namespace sts::k8s
