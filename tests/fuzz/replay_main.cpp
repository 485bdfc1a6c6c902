// The fuzz targets without libFuzzer (the normal native, asan and wasm trees): runs every file of
// the given folders (the seed corpus, the regression inputs) through LLVMFuzzerTestOneInput,
// then a fixed number of deterministic mutations of them (seeded; the same inputs on every
// machine), so CI gets a short fuzzing pass with no clang build. A broken property aborts,
// which fails the ctest test; the input is printed first, so the failure can be replayed.
//
//   fuzz_replay_<target> [--mutations N] [--seed S] [--print M] DIR|FILE...
// --print M writes mutation #M to stdout instead of running anything (to keep a failing one as
// a regression input, or to hand it to the libFuzzer binary).
#include <algorithm>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

// splitmix64: deterministic and identical natively and in wasm (no <random> distributions).
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t Next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }

private:
    uint64_t s_;
};

// Bytes that matter to YAML, JSON, sh and kubectl, and a few whole tokens.
const char kSpecial[] = "{}[]:,-'\"\n\t #&*!|>%@`$()\\;~=.0123456789\xff\xc2\x85";
const char* const kTokens[] = {
    "null", "true", "0", "-1", "2147483648", "1e400", "\"\"", "[]", "{}", "---\n", "&a ", "*a", "<<: ",
    "$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers",
    "\"op\":\"remove\"", "\"path\":\"/spec/replicas\"", "/-", "~1", "kubectl get pods\n", "--watch",
    " -o yaml", " -o jsonpath='{.items[*]}'", "$(echo x)", "; ", " | ", "&& ", "<<EOF\n", "EOF\n", "sleep 1d\n",
    "\\u0000", "\xef\xbf\xbd", "replicas: ", "name: ", "apiVersion: v1\nkind: Pod\n"};

std::string Mutate(const std::vector<std::string>& pool, const std::string& base, Rng& rng) {
    std::string s = base;
    const size_t rounds = 1 + rng.Below(4);
    for (size_t r = 0; r < rounds; ++r) {
        const size_t pos = rng.Below(s.size() + 1);
        switch (rng.Below(8)) {
        case 0:  // flip a bit
            if (!s.empty()) s[rng.Below(s.size())] ^= static_cast<char>(1u << rng.Below(8));
            break;
        case 1:  // replace a byte with a special one
            if (!s.empty()) s[rng.Below(s.size())] = kSpecial[rng.Below(sizeof kSpecial - 1)];
            break;
        case 2:  // insert a special byte
            s.insert(pos, 1, kSpecial[rng.Below(sizeof kSpecial - 1)]);
            break;
        case 3: {  // erase a range
            const size_t n = std::min(s.size() - std::min(pos, s.size()), 1 + rng.Below(16));
            s.erase(std::min(pos, s.size()), n);
            break;
        }
        case 4: {  // duplicate a range
            if (s.empty()) break;
            const size_t from = rng.Below(s.size());
            const size_t n = std::min(s.size() - from, 1 + rng.Below(32));
            s.insert(pos, s.substr(from, n));
            break;
        }
        case 5:  // insert a token
            s.insert(pos, kTokens[rng.Below(sizeof kTokens / sizeof kTokens[0])]);
            break;
        case 6: {  // splice in a piece of another input
            const std::string& other = pool[rng.Below(pool.size())];
            if (other.empty()) break;
            const size_t from = rng.Below(other.size());
            const size_t n = std::min(other.size() - from, 1 + rng.Below(64));
            s.insert(pos, other.substr(from, n));
            break;
        }
        default:  // cut at a random point
            if (!s.empty()) s.resize(rng.Below(s.size()));
            break;
        }
    }
    return s;
}

bool ReadFile(const std::filesystem::path& path, std::string* out) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return false;
    out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    return true;
}

void Run(const std::string& input) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

// Shown if the input aborts (the property checks print their own message first).
const std::string* g_current = nullptr;
const char* g_current_name = "";

void PrintCurrent() {
    if (!g_current) return;
    std::fprintf(stderr, "\n--- input %s (%zu bytes) ---\n", g_current_name, g_current->size());
    std::fwrite(g_current->data(), 1, std::min<size_t>(g_current->size(), 8192), stderr);
    std::fprintf(stderr, "\n--- end of input ---\n");
}

}  // namespace

int main(int argc, char** argv) {
    size_t mutations = 1000;
    uint64_t seed = 1;
    long long print = -1;
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--mutations" && i + 1 < argc) {
            mutations = std::strtoull(argv[++i], nullptr, 10);
        } else if (arg == "--print" && i + 1 < argc) {
            print = std::strtoll(argv[++i], nullptr, 10);
        } else if (arg == "--seed" && i + 1 < argc) {
            seed = std::strtoull(argv[++i], nullptr, 10);
        } else if (std::filesystem::is_directory(arg)) {
            for (const auto& e : std::filesystem::directory_iterator(arg))
                if (e.is_regular_file()) files.push_back(e.path());
        } else if (std::filesystem::is_regular_file(arg)) {
            files.push_back(arg);
        } else if (!std::filesystem::exists(arg)) {
            // A target with no regression inputs yet has no folder.
            continue;
        } else {
            std::fprintf(stderr, "usage: %s [--mutations N] [--seed S] [--print M] DIR|FILE...\n", argv[0]);
            return 2;
        }
    }
    std::sort(files.begin(), files.end());  // directory order differs between file systems
    std::vector<std::string> pool;
    for (const auto& f : files) {
        std::string content;
        if (!ReadFile(f, &content)) {
            std::fprintf(stderr, "cannot read %s\n", f.string().c_str());
            return 2;
        }
        pool.push_back(std::move(content));
    }
    if (pool.empty()) {
        std::fprintf(stderr, "no inputs: pass the seed corpus folder\n");
        return 2;
    }
    if (print >= 0) {
        Rng rng(seed);
        for (long long m = 0;; ++m) {
            const std::string input = Mutate(pool, pool[rng.Below(pool.size())], rng);
            if (m == print) {
                std::fwrite(input.data(), 1, input.size(), stdout);
                return 0;
            }
        }
    }
    std::signal(SIGABRT, [](int) {
        PrintCurrent();
        std::signal(SIGABRT, SIG_DFL);
        std::abort();
    });
    for (size_t i = 0; i < pool.size(); ++i) {
        const std::string name = files[i].string();
        g_current = &pool[i];
        g_current_name = name.c_str();
        Run(pool[i]);
    }
    Rng rng(seed);
    std::string name;
    for (size_t m = 0; m < mutations; ++m) {
        const std::string input = Mutate(pool, pool[rng.Below(pool.size())], rng);
        name = "mutation #" + std::to_string(m) + " (seed " + std::to_string(seed) + ")";
        g_current = &input;
        g_current_name = name.c_str();
        Run(input);
    }
    g_current = nullptr;
    std::printf("%zu inputs and %zu mutations passed\n", pool.size(), mutations);
    return 0;
}
