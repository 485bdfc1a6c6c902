#include "apiserver/patch_dispatch.h"

#include "apiserver/field_errors.h"

namespace sts::apiserver {

namespace {

// RFC 7386 JSON merge patch (temporary until the patch engines land).
Value MergePatch(const Value& doc, const Value& patch) {
    if (!patch.IsObject()) return patch;
    Value out = doc.IsObject() ? doc : Value::MakeObject();
    for (const auto& [k, v] : patch.members()) {
        if (v.IsNull()) out.Erase(k);
        else out.Set(k, MergePatch(out.Get(k), v));
    }
    return out;
}

}  // namespace

client::ApiResult<Value> ApplyPatch(const std::string& kind, const Value& doc, client::PatchType type,
                                    const Value& patch) {
    (void)kind;
    client::ApiResult<Value> out;
    if (type == client::PatchType::kJson) {
        out.error = BadRequestError("json patch is not supported yet");
        return out;
    }
    out.value = MergePatch(doc, patch);
    return out;
}

}  // namespace sts::apiserver
