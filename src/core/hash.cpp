#include "core/hash.h"

namespace sts {

uint64_t Fnv1a64(std::string_view data, uint64_t seed) {
    uint64_t h = seed;
    for (unsigned char c : data) {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

uint32_t Fnv1_32(std::string_view data, uint32_t seed) {
    uint32_t h = seed;
    for (unsigned char c : data) {
        h *= 16777619u;
        h ^= c;
    }
    return h;
}

}  // namespace sts
