// Files from assets/ compiled into the binary (manifests, tutorial scripts), the same natively
// and in the browser.
#pragma once

#include <cstddef>
#include <vector>

namespace sts::host {

struct EmbeddedAsset {
    const char* path;  // relative to assets/: "manifests/nginx-statefulset.yaml"
    const char* data;
    size_t size;
};

const std::vector<EmbeddedAsset>& EmbeddedAssets();

}  // namespace sts::host
