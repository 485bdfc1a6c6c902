// RFC 7386 JSON merge patch as evanphx/json-patch MergePatch applies it: null deletes, objects
// merge recursively, anything else replaces; null members inside values that are added (also
// inside objects within arrays) are dropped, null array elements are kept.
#include "apiserver/patch/patch.h"

namespace sts::apiserver {

namespace {

Value PruneNulls(const Value& v) {
    if (v.IsObject()) {
        Value out = Value::MakeObject();
        for (const auto& [k, child] : v.members())
            if (!child.IsNull()) out.MutableMembers().emplace_back(k, PruneNulls(child));
        return out;
    }
    if (v.IsArray()) {
        Value out = Value::MakeArray();
        for (const auto& child : v.items()) out.Push(PruneNulls(child));
        return out;
    }
    return v;
}

void MergeDocs(Value& doc, const Value& patch) {
    for (const auto& [k, pv] : patch.members()) {
        if (pv.IsNull()) {
            doc.Erase(k);
            continue;
        }
        Value* cur = doc.Find(k);
        if (cur && cur->IsObject() && pv.IsObject()) {
            MergeDocs(*cur, pv);
        } else {
            doc.Set(k, PruneNulls(pv));
        }
    }
}

}  // namespace

PatchResult JsonMergePatch(const Value& doc, const Value& patch) {
    PatchResult r;
    if (patch.IsArray()) {
        // Not a document: the (pruned) patch becomes the result, as evanphx does.
        r.doc = PruneNulls(patch);
        return r;
    }
    if (!patch.IsObject()) {
        r.code = 400;
        r.reason = "BadRequest";
        r.message = r.detail = "Invalid JSON Patch";
        return r;
    }
    if (!doc.IsObject()) {
        r.doc = PruneNulls(patch);
        return r;
    }
    r.doc = doc;
    MergeDocs(r.doc, patch);
    return r;
}

}  // namespace sts::apiserver
