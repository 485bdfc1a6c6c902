#include "core/rng.h"

#include "core/hash.h"

namespace sts {

namespace {

uint64_t SplitMix64(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Rng::Rng(uint64_t seed) : seed_(seed) {
    uint64_t x = seed;
    for (uint64_t& s : s_) s = SplitMix64(x);
}

uint64_t Rng::Next() {
    const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
}

uint64_t Rng::Below(uint64_t bound) {
    // Rejection sampling: discard the top partial block so every residue is equally likely.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t r;
    do {
        r = Next();
    } while (r >= limit);
    return r % bound;
}

int64_t Rng::Range(int64_t lo, int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<int64_t>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

Rng Rng::Fork(std::string_view name) const { return Rng(seed_ ^ Fnv1a64(name)); }

std::string Rng::Uuid() {
    static const char* kHex = "0123456789abcdef";
    uint64_t a = Next(), b = Next();
    a = (a & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;  // version 4
    b = (b & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // variant 10
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 32; ++i) {
        if (i == 8 || i == 12 || i == 16 || i == 20) out.push_back('-');
        const uint64_t word = i < 16 ? a : b;
        const int shift = 60 - 4 * (i % 16);
        out.push_back(kHex[(word >> shift) & 15]);
    }
    return out;
}

std::string Rng::NameSuffix(int n) {
    static const char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (int i = 0; i < n; ++i) out.push_back(kAlphabet[Below(27)]);
    return out;
}

}  // namespace sts
