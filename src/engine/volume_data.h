// The bytes behind volumes and container filesystems that `kubectl exec` can write: a file
// written into web-0's PVC is still there when web-0 is recreated, one written into the
// container's own filesystem is gone after a restart. Keys name the backing store:
//   "pv/<pv-name>"                    a PersistentVolume (outlives pods and claims' pods)
//   "hostpath/<node>/<path>"          a hostPath directory on one node
//   "pod/<pod-uid>/<volume>"          an emptyDir (lives as long as the pod)
//   "rootfs/<pod-uid>/<container>"    a container's writable layer
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/time.h"

namespace sts::engine {

class VolumeData {
public:
    struct File {
        std::string content;
        Time modified = kNoTime;  // the last write (nginx's Last-Modified and ETag come from it)
    };
    // Files of one store, relative paths ("index.html", "dir/file").
    using Files = std::map<std::string, File>;

    const Files* Find(const std::string& store) const {
        auto it = stores_.find(store);
        return it == stores_.end() ? nullptr : &it->second;
    }
    Files& Open(const std::string& store) { return stores_[store]; }
    void Drop(const std::string& store) { stores_.erase(store); }
    size_t TotalBytes() const {
        size_t n = 0;
        for (const auto& [k, files] : stores_)
            for (const auto& [p, f] : files) n += p.size() + f.content.size();
        return n;
    }
    const std::map<std::string, Files>& stores() const { return stores_; }

private:
    std::map<std::string, Files> stores_;
};

}  // namespace sts::engine
