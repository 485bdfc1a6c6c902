// Shared by the fuzz targets: the input size cap and the property check that turns a broken
// invariant into a crash libFuzzer records (and the replay driver reports as a failed test).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace sts::fuzz {

// Inputs beyond this are skipped: bigger texts only repeat what smaller ones reach, and each
// input must finish well inside libFuzzer's -timeout under the sanitizers.
inline constexpr size_t kMaxInputBytes = 64u << 10;

[[noreturn]] inline void Fail(const char* file, int line, const char* what, const std::string& detail) {
    std::fprintf(stderr, "\n%s:%d: fuzz property violated: %s\n", file, line, what);
    if (!detail.empty()) {
        // Keep the report readable when the detail is a whole document.
        const size_t kShow = 4000;
        std::fprintf(stderr, "%.*s%s\n", static_cast<int>(detail.size() < kShow ? detail.size() : kShow),
                     detail.data(), detail.size() > kShow ? "\n[...]" : "");
    }
    std::fflush(stderr);
    std::abort();
}

}  // namespace sts::fuzz

// FUZZ_CHECK(cond, detail): `detail` (a std::string expression) is evaluated only on failure.
#define FUZZ_CHECK(cond, detail)                                              \
    do {                                                                      \
        if (!(cond)) ::sts::fuzz::Fail(__FILE__, __LINE__, #cond, (detail)); \
    } while (0)
