#include "host/file_system.h"

#include <cstdio>

#include "host/embedded_assets.h"

namespace sts::host {

namespace {

#if !defined(__EMSCRIPTEN__)
// The page has no disk: files come from memory and the embedded assets only.
constexpr size_t kMaxDiskFile = 8u << 20;

bool ReadDiskFile(const std::string& path, std::string* content) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) return false;
    std::string data;
    char buf[65536];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
        data.append(buf, n);
        if (data.size() > kMaxDiskFile) break;  // the manifest parser reports "too large"
    }
    const bool is_dir_or_error = std::ferror(f) != 0;
    std::fclose(f);
    if (is_dir_or_error) return false;
    *content = std::move(data);
    return true;
}
#endif

std::string BaseName(const std::string& path) {
    const size_t slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

}  // namespace

ConsoleFileSystem::ConsoleFileSystem() { memory_.set_limit(16u << 20); }

bool ConsoleFileSystem::ReadFile(const std::string& path, std::string* content) const {
    if (memory_.ReadFile(path, content)) return true;
#if !defined(__EMSCRIPTEN__)
    if (!path.empty() && path[0] == '/') {
        if (ReadDiskFile(path, content)) return true;
    } else {
        for (const auto& root : disk_roots_)
            if (ReadDiskFile(root + "/" + path, content)) return true;
    }
#endif
    // The embedded assets, by their path under assets/ or by bare file name.
    for (const auto& asset : EmbeddedAssets()) {
        const std::string asset_path = asset.path;
        if (path == asset_path || path == "assets/" + asset_path ||
            (path.find('/') == std::string::npos && BaseName(asset_path) == path)) {
            content->assign(asset.data, asset.size);
            return true;
        }
    }
    return false;
}

std::string ConsoleFileSystem::WriteFile(const std::string& path, std::string_view content, bool append) {
    std::string existing;
    if (append && !memory_.ReadFile(path, &existing) && ReadFile(path, &existing)) {
        // Appending to a file from disk or the assets starts from its contents.
        memory_.WriteFile(path, existing, false);
    }
    return memory_.WriteFile(path, content, append);
}

bool ConsoleFileSystem::ListDir(const std::string& path, std::vector<std::string>* names) const {
    return memory_.ListDir(path, names);
}

}  // namespace sts::host
