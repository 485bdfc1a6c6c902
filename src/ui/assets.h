// The assets embedded into the binary (assets/manifests, assets/scripts), by path.
#pragma once

#include <string>
#include <string_view>

namespace sts::ui {

// The text of an embedded asset ("manifests/nginx-statefulset.yaml"), or "" when absent.
std::string AssetText(std::string_view path);

}  // namespace sts::ui
