// The API server's three patch mechanisms, applied to an object's JSON (Value):
//   JsonPatch            RFC 6902, as gopkg.in/evanphx/json-patch.v4 (v4.12) applies it
//   JsonMergePatch       RFC 7386, as evanphx/json-patch MergePatch applies it
//   StrategicMergePatch  k8s.io/apimachinery/pkg/util/strategicpatch with the patch tags of the
//                        typed API structs (see patch_schema.h)
// Failures come back as the Status the API server would answer with (code, reason, message);
// `detail` keeps the library's own words, which is what `kubectl patch --local` prints and what a
// real server drops for JSON patches:
//   kubectl patch ... --type=json (replace on a missing path) prints
//   "The request is invalid: the server rejected our request due to an error in our request".
#pragma once

#include <string>
#include <string_view>

#include "core/value.h"

namespace sts::apiserver {

struct PatchResult {
    Value doc;
    int code = 0;         // 0 on success, else the HTTP status: 400, 413, 422 or 500
    std::string reason;   // Status.reason: "BadRequest", "Invalid", "RequestEntityTooLarge",
                          // "InternalError", or "" (a plain error the server reports as Unknown)
    std::string message;  // Status.message
    std::string detail;   // the patch library's error text
    bool ok() const { return code == 0; }
};

// `ops` is the decoded patch document (normally an array of operations).
PatchResult JsonPatch(const Value& doc, const Value& ops);

PatchResult JsonMergePatch(const Value& doc, const Value& patch);

// `kind` selects the schema ("StatefulSet", "Pod", ...); unknown kinds get merge semantics with
// no list merging (every list is replaced), as for fields the schema does not know.
PatchResult StrategicMergePatch(const Value& doc, const Value& patch, std::string_view kind);

}  // namespace sts::apiserver
