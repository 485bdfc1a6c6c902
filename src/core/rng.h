// The engine's only source of randomness: a seeded xoshiro256** generator of our own, so the
// same seed gives the same numbers natively and in wasm (std distributions differ between
// libstdc++ and libc++).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sts {

class Rng {
public:
    explicit Rng(uint64_t seed = 1);

    uint64_t Next();
    // Uniform in [0, bound) without modulo bias; bound must be > 0.
    uint64_t Below(uint64_t bound);
    // Uniform in [lo, hi] (inclusive).
    int64_t Range(int64_t lo, int64_t hi);
    // True with probability permille/1000.
    bool Chance(int permille) { return Below(1000) < static_cast<uint64_t>(permille); }
    // An independent stream derived from this seed and a name, so adding a consumer does not
    // shift the draws of every other one.
    Rng Fork(std::string_view name) const;

    // A random RFC 4122 version-4 UUID string, as the API server assigns to metadata.uid.
    std::string Uuid();
    // n characters from Kubernetes' generateName alphabet ("bcdfghjklmnpqrstvwxz2456789").
    std::string NameSuffix(int n);

    uint64_t seed() const { return seed_; }

private:
    uint64_t seed_;
    uint64_t s_[4];
};

}  // namespace sts
