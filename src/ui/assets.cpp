// Embedded assets by path.
#include "ui/assets.h"

#include "host/embedded_assets.h"

namespace sts::ui {

std::string AssetText(std::string_view path) {
    for (const host::EmbeddedAsset& a : host::EmbeddedAssets()) {
        if (path == a.path) return std::string(a.data, a.size);
    }
    return {};
}

}  // namespace sts::ui
