// The console's files: writes go to memory (a script's `cat > web.yaml <<EOF` never touches the
// user's disk), reads look in memory, then in the host's directories (natively: the script's
// folder), then in the embedded assets by bare name ("nginx-statefulset.yaml" finds
// assets/manifests/nginx-statefulset.yaml), as a tutorial reader's working directory would.
#pragma once

#include <string>
#include <vector>

#include "shell/shell.h"

namespace sts::host {

class ConsoleFileSystem final : public shell::FileSystem {
public:
    ConsoleFileSystem();
    // A directory of the host's disk searched for relative paths (native only).
    void AddDiskRoot(std::string dir) { disk_roots_.push_back(std::move(dir)); }

    bool ReadFile(const std::string& path, std::string* content) const override;
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override;
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override;

private:
    shell::MemoryFileSystem memory_;
    std::vector<std::string> disk_roots_;
};

}  // namespace sts::host
