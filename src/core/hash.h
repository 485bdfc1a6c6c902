// Non-cryptographic hashes with fixed definitions, for state hashes and revision names.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sts {

constexpr uint64_t kFnv64Offset = 14695981039346656037ULL;

// FNV-1a, 64 bit; `seed` lets callers chain several pieces.
uint64_t Fnv1a64(std::string_view data, uint64_t seed = kFnv64Offset);
// FNV-1, 32 bit (multiply then xor), the hash Kubernetes uses for ControllerRevision names.
uint32_t Fnv1_32(std::string_view data, uint32_t seed = 2166136261u);

// The hash of an unordered index keyed by strings (or by views of strings kept elsewhere) that
// is looked up by std::string_view, without building a string (use with std::equal_to<>). Only
// for lookups: an iteration over such an index would follow the platform's hash, so ordered
// walks use a std::map.
struct StringViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    size_t operator()(const std::string& s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace sts
