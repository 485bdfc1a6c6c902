#include "apiserver/patch_dispatch.h"

#include "apiserver/patch/patch.h"

namespace sts::apiserver {

client::ApiResult<Value> ApplyPatch(const std::string& kind, const Value& doc, client::PatchType type,
                                    const Value& patch) {
    PatchResult r;
    switch (type) {
        case client::PatchType::kJson: r = JsonPatch(doc, patch); break;
        case client::PatchType::kMerge: r = JsonMergePatch(doc, patch); break;
        case client::PatchType::kStrategicMerge: r = StrategicMergePatch(doc, patch, kind); break;
    }
    client::ApiResult<Value> out;
    if (!r.ok()) {
        out.error.code = r.code;
        out.error.reason = r.reason;
        out.error.message = r.message;
        return out;
    }
    out.value = std::move(r.doc);
    return out;
}

}  // namespace sts::apiserver
