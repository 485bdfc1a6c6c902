// Kubernetes strategic merge patch, following k8s.io/apimachinery/pkg/util/strategicpatch
// (patch.go: mergeMap, mergeSlice, mergePatchIntoOriginal, normalizeElementOrder) with the
// options the API server uses (MergeParallelList, IgnoreUnmatchedNulls):
//   - maps merge recursively; null deletes a key; a key the object lacks takes the patch value
//     minus its nulls and minus the maps in it that hold "$patch"; a value of another JSON type
//     replaces the same way;
//   - lists whose field has patchStrategy "merge" merge: maps by the patchMergeKey (items the
//     object lacks go first, then the rest keep the object's order), primitives as a union;
//     other lists are replaced whole;
//   - directives: {"$patch": "replace"|"delete"} in maps and list items, "$retainKeys",
//     "$deleteFromPrimitiveList/<field>", "$setElementOrder/<field>".
// The Go implementation walks maps in random order; this one walks keys in sorted order, which
// puts the "$..." directives first.
//
// [SECTION] Helpers
// [SECTION] Lists
// [SECTION] Maps
// [SECTION] Entry point
#include <optional>
#include <string>
#include <vector>

#include "apiserver/patch/go_format.h"
#include "apiserver/patch/patch.h"
#include "apiserver/patch/patch_schema.h"

namespace sts::apiserver {

namespace {

constexpr const char* kDirective = "$patch";
constexpr const char* kRetainKeys = "$retainKeys";
constexpr std::string_view kDeletePrefix = "$deleteFromPrimitiveList/";
constexpr std::string_view kOrderPrefix = "$setElementOrder/";

// ---------------------------------------------------------------------------------------------
// [SECTION] Helpers

struct SmpError {
    int code;  // 400, 422 or 500 as the API server maps strategicpatch errors
    std::string text;
};

SmpError Plain(std::string text) { return {500, std::move(text)}; }

// Go's reflect.TypeOf on decoded JSON: int64 and float64 differ.
int GoType(const Value& v) { return static_cast<int>(v.type()); }

// Go's == on interface values holding JSON scalars.
bool GoEqual(const Value& a, const Value& b) {
    if (a.type() != b.type()) return false;
    return a == b;
}

std::string BareName(const PatchType* t) {
    if (!t) return "";
    size_t dot = t->name.rfind('.');
    return dot == std::string::npos ? t->name : t->name.substr(dot + 1);
}

SmpError NoMergeKey(const Value& m, const std::string& key) {
    return Plain("map: " + GoV(m) + " does not contain declared merge key: " + key);
}

std::string GoTypeName(const Value& v) {
    switch (v.type()) {
        case Value::Type::kNull: return "<nil>";
        case Value::Type::kBool: return "bool";
        case Value::Type::kInt: return "int64";
        case Value::Type::kFloat: return "float64";
        case Value::Type::kString: return "string";
        case Value::Type::kArray: return "[]interface {}";
        case Value::Type::kObject: return "map[string]interface {}";
    }
    return "";
}

SmpError BadArgType(const Value& actual) {
    return Plain("expected a []interface {}, but received a " + GoTypeName(actual));
}

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// discardNullValuesFromPatch: nulls inside maps go, recursively (list items stay).
Value DiscardNulls(const Value& v) {
    if (v.IsObject()) {
        Value out = Value::MakeObject();
        for (const auto& [k, child] : v.members())
            if (!child.IsNull()) out.MutableMembers().emplace_back(k, DiscardNulls(child));
        return out;
    }
    if (v.IsArray()) {
        Value out = Value::MakeArray();
        for (const auto& child : v.items()) out.Push(DiscardNulls(child));
        return out;
    }
    return v;
}

bool HasDirective(const Value& v) { return v.IsObject() && v.Has(kDirective); }

// removeDirectives: list items that are directives go, "$" keys in maps go.
Value RemoveDirectives(const Value& v) {
    if (v.IsObject()) {
        Value out = Value::MakeObject();
        for (const auto& [k, child] : v.members())
            if (!StartsWith(k, "$")) out.MutableMembers().emplace_back(k, RemoveDirectives(child));
        return out;
    }
    if (v.IsArray()) {
        Value out = Value::MakeArray();
        for (const auto& child : v.items())
            if (!HasDirective(child)) out.Push(RemoveDirectives(child));
        return out;
    }
    return v;
}

// mergeMap's removeDirectives, for a value the object lacks (or holds with another JSON type):
// a map holding "$patch" goes, from its parent map or list, and nullopt means the value itself
// is one. Other "$" keys stay, as upstream keeps them.
std::optional<Value> WithoutPatchMaps(const Value& v) {
    if (v.IsObject()) {
        if (v.Has(kDirective)) return std::nullopt;
        Value out = Value::MakeObject();
        for (const auto& [k, child] : v.members())
            if (std::optional<Value> c = WithoutPatchMaps(child)) out.MutableMembers().emplace_back(k, std::move(*c));
        return out;
    }
    if (v.IsArray()) {
        Value out = Value::MakeArray();
        for (const auto& child : v.items())
            if (std::optional<Value> c = WithoutPatchMaps(child)) out.Push(std::move(*c));
        return out;
    }
    return v;
}

class Smp {
public:
    std::optional<SmpError> error;

    // ---------------------------------------------------------------------------------------------
    // [SECTION] Lists

    // sliceElementType: every item of both lists must have the same Go type, and not be a list.
    bool ElementType(const Value& a, const Value& b, int* type) {
        std::optional<int> prev;
        for (const Value* list : {&a, &b}) {
            for (const Value& item : list->items()) {
                if (!prev) {
                    prev = GoType(item);
                    if (item.IsArray()) {
                        error = SmpError{422, "lists of lists are not supported"};
                        return false;
                    }
                } else if (*prev != GoType(item)) {
                    Value both = Value::MakeArray();
                    both.Push(a);
                    both.Push(b);
                    error = Plain("list element types are not identical: " + GoV(both));
                    return false;
                }
            }
        }
        if (!prev) {
            error = Plain("no elements in any of the given slices");
            return false;
        }
        *type = *prev;
        return true;
    }

    // index(): position of an item in `list`, by merge key for maps.
    static int Index(const Value& list, const Value& item, const std::string& key, bool maps) {
        for (size_t i = 0; i < list.items().size(); ++i) {
            const Value& v = list.items()[i];
            if (maps) {
                if (v.IsObject() && item.IsObject() && v.Has(key) && item.Has(key) &&
                    GoEqual(v.Get(key), item.Get(key)))
                    return static_cast<int>(i);
            } else if (GoEqual(v, item)) {
                return static_cast<int>(i);
            }
        }
        return -1;
    }

    // Splits `merged` into the items present in `by` (kept in merged order) and the rest.
    bool Partition(const Value& merged, const Value& by, const std::string& key, bool maps, Value* present,
                   Value* absent) {
        *present = Value::MakeArray();
        *absent = Value::MakeArray();
        for (const Value& item : merged.items()) {
            if (maps && !(item.IsObject() && item.Has(key))) {
                error = NoMergeKey(item, key);
                return false;
            }
            (Index(by, item, key, maps) >= 0 ? present : absent)->Push(item);
        }
        return true;
    }

    // normalizeSliceOrder: stable sort by position in `order`; "$patch: delete" items last.
    bool SortByOrder(Value* list, const Value& order, const std::string& key, bool maps) {
        std::vector<Value> items, deletes;
        for (const Value& item : list->items()) {
            if (maps && !(item.IsObject() && item.Has(key))) {
                error = NoMergeKey(item, key);
                return false;
            }
            if (maps && item.Get(kDirective) == Value("delete")) deletes.push_back(item);
            else items.push_back(item);
        }
        if (maps) {
            for (const Value& item : order.items()) {
                if (!(item.IsObject() && item.Has(key))) {
                    error = NoMergeKey(item, key);
                    return false;
                }
            }
        }
        // Insertion sort: stable, and safe with items missing from `order` (left in place).
        for (size_t i = 1; i < items.size(); ++i) {
            for (size_t j = i; j > 0; --j) {
                int a = Index(order, items[j - 1], key, maps), b = Index(order, items[j], key, maps);
                if (a >= 0 && b >= 0 && b < a) std::swap(items[j - 1], items[j]);
                else break;
            }
        }
        *list = Value::MakeArray();
        for (auto& item : items) list->Push(std::move(item));
        for (auto& item : deletes) list->Push(std::move(item));
        return true;
    }

    // normalizeElementOrder + mergeSortedSlice: server-only items are slotted into the patch
    // items where the live object's order says they belong.
    bool NormalizeOrder(Value patch_items, Value server_only, const Value& patch_order, const Value& server_order,
                        const std::string& key, bool maps, Value* out) {
        if (!SortByOrder(&patch_items, patch_order, key, maps)) return false;
        if (!SortByOrder(&server_only, server_order, key, maps)) return false;
        const auto& left = server_only.items();
        const auto& right = patch_items.items();
        *out = Value::MakeArray();
        size_t i = 0, j = 0;
        while (i < left.size() || j < right.size()) {
            if (i >= left.size()) {
                out->Push(right[j++]);
            } else if (j >= right.size()) {
                out->Push(left[i++]);
            } else {
                int li = Index(server_order, left[i], key, maps), ri = Index(server_order, right[j], key, maps);
                if (li >= 0 && ri >= 0 && li < ri) out->Push(left[i++]);
                else out->Push(right[j++]);
            }
        }
        return true;
    }

    bool MergeSlice(const Value& original, const Value& patch, const PatchType* schema, const std::string& key,
                    bool delete_list, Value* out) {
        if (original.items().empty() && patch.items().empty()) {
            *out = original;
            return true;
        }
        int type;
        if (!ElementType(original, patch, &type)) return false;
        bool maps = type == static_cast<int>(Value::Type::kObject);
        Value orig = original, pat = patch, merged = Value::MakeArray();
        if (!maps) {
            if (delete_list) {
                *out = Value::MakeArray();
                for (const Value& item : original.items())
                    if (Index(patch, item, "", false) < 0) out->Push(item);
                return true;
            }
            for (const Value* list : {&original, &patch})
                for (const Value& item : list->items())
                    if (Index(merged, item, "", false) < 0) merged.Push(item);
        } else {
            if (key.empty()) {
                error = Plain("cannot merge lists without merge key for " + BareName(schema));
                return false;
            }
            if (!SpecialElements(&orig, &pat, key)) return false;
            merged = orig;
            for (const Value& item : pat.items()) {
                if (!item.Has(key)) {
                    error = NoMergeKey(item, key);
                    return false;
                }
                int at = -1;
                for (size_t i = 0; i < merged.items().size(); ++i) {
                    const Value& m = merged.items()[i];
                    if (m.IsObject() && m.Has(key) && GoEqual(m.Get(key), item.Get(key))) {
                        at = static_cast<int>(i);
                        break;
                    }
                }
                if (at < 0) {
                    merged.Push(item);
                    continue;
                }
                Value mm;
                if (!MergeMap(merged.items()[static_cast<size_t>(at)], item, schema, &mm)) return false;
                merged.MutableItems()[static_cast<size_t>(at)] = std::move(mm);
            }
        }
        Value patch_items, server_only;
        if (!Partition(merged, pat, key, maps, &patch_items, &server_only)) return false;
        return NormalizeOrder(std::move(patch_items), std::move(server_only), pat, orig, key, maps, out);
    }

    // mergeSliceWithSpecialElements: "$patch: delete" items remove by merge key, "$patch: replace"
    // makes the patch items the whole list.
    bool SpecialElements(Value* original, Value* patch, const std::string& key) {
        Value plain = Value::MakeArray();
        bool replace = false;
        for (const Value& item : patch->items()) {
            if (!item.Has(kDirective)) {
                plain.Push(item);
                continue;
            }
            const Value& d = item.Get(kDirective);
            if (d == Value("delete")) {
                if (!item.Has(key)) {
                    error = NoMergeKey(item, key);
                    return false;
                }
                Value kept = Value::MakeArray();
                for (const Value& o : original->items())
                    if (!(o.IsObject() && o.Has(key) && GoEqual(o.Get(key), item.Get(key)))) kept.Push(o);
                *original = std::move(kept);
            } else if (d == Value("replace")) {
                replace = true;
            } else if (d == Value("merge")) {
                error = Plain("merging lists cannot yet be specified in the patch");
                return false;
            } else {
                error = Plain("unknown patch type: " + GoS(d) + " in map: " + GoV(item));
                return false;
            }
        }
        if (replace) {
            *original = std::move(plain);
            *patch = Value::MakeArray();
        } else {
            *patch = std::move(plain);
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------
    // [SECTION] Maps

    // LookupPatchMetadataForStruct/ForSlice for field `k` of `schema`.
    bool Lookup(const PatchType* schema, const std::string& k, const PatchField** field) {
        *field = nullptr;
        if (!schema) return true;
        if (schema->raw_extension) {
            error = Plain("unable to find api field in struct RawExtension for the json field \"" + k + "\"");
            return false;
        }
        *field = schema->Find(k);
        if (!*field) {
            error = Plain("unable to find api field in struct " + BareName(schema) + " for the json field \"" + k + "\"");
            return false;
        }
        return true;
    }

    bool RetainKeys(Value* original, Value* patch) {
        const Value* keys = patch->Find(kRetainKeys);
        if (!keys) return true;
        Value list = *keys;
        patch->Erase(kRetainKeys);
        if (!list.IsArray()) {
            error = SmpError{400, "invalid patch format of retainKeys"};
            return false;
        }
        auto listed = [&](const std::string& k) { return Index(list, Value(k), "", false) >= 0; };
        for (const auto& [k, v] : patch->members()) {
            if (v.IsNull() || StartsWith(k, kDeletePrefix) || StartsWith(k, kOrderPrefix)) continue;
            if (!listed(k)) {
                error = SmpError{400, "invalid patch format of retainKeys"};
                return false;
            }
        }
        Value kept = Value::MakeObject();
        for (const auto& [k, v] : original->members())
            if (listed(k)) kept.MutableMembers().emplace_back(k, v);
        *original = std::move(kept);
        return true;
    }

    // validatePatchWithSetOrderList: the patch items must appear in the order list, in order.
    bool ValidateOrder(const Value& patch_list, const Value& order, const std::string& key) {
        if (order.items().empty() || patch_list.items().empty()) return true;
        std::vector<const Value*> non_delete;
        for (const Value& item : patch_list.items())
            if (!(key.size() && item.Get(kDirective) == Value("delete"))) non_delete.push_back(&item);
        size_t p = 0, o = 0;
        while (p < non_delete.size() && o < order.items().size()) {
            if (HasDirective(*non_delete[p])) {
                ++p;
                continue;
            }
            const Value& a = *non_delete[p];
            const Value& b = order.items()[o];
            bool equal;
            if (key.empty()) {
                equal = GoEqual(a, b);
            } else {
                if (!a.Has(key)) {
                    error = NoMergeKey(a, key);
                    return false;
                }
                if (!b.IsObject() || !b.Has(key)) {
                    error = NoMergeKey(b, key);
                    return false;
                }
                equal = GoEqual(a.Get(key), b.Get(key));
            }
            if (equal) ++p;
            ++o;
        }
        if (p < non_delete.size() && o >= order.items().size()) {
            error = Plain("The order in patch list:\n" + GoV(patch_list) + "\n doesn't match $setElementOrder list:\n" +
                          GoV(order) + "\n");
            return false;
        }
        return true;
    }

    // mergePatchIntoOriginal: each "$setElementOrder/<k>" merges list <k> and orders the result
    // by the directive, then the patch's order, then the live order.
    bool SetElementOrder(Value* original, Value* patch, const PatchType* schema) {
        std::vector<std::string> directives;
        for (const auto& [k, v] : patch->members())
            if (StartsWith(k, kOrderPrefix)) directives.push_back(k);
        for (const std::string& directive : directives) {
            Value order = patch->Get(directive);
            patch->Erase(directive);
            if (!order.IsArray()) {
                error = BadArgType(order);
                return false;
            }
            std::string k = directive.substr(kOrderPrefix.size());
            const Value* orig_list = original->Find(k);
            const Value* patch_list = patch->Find(k);
            if (orig_list && !orig_list->IsArray()) {
                error = BadArgType(*orig_list);
                return false;
            }
            if (patch_list && !patch_list->IsArray()) {
                error = BadArgType(*patch_list);
                return false;
            }
            const PatchField* field;
            if (!Lookup(schema, k, &field)) return false;
            std::string key = field ? field->merge_key : "";
            const PatchType* sub = field ? LookupPatchType(field->type) : nullptr;
            Value empty = Value::MakeArray();
            if (!ValidateOrder(patch_list ? *patch_list : empty, order, key)) return false;
            Value merged;
            if (orig_list && !patch_list) {
                merged = *orig_list;
            } else if (!orig_list && patch_list) {
                merged = RemoveDirectives(*patch_list);
            } else if (orig_list && patch_list) {
                if (field && field->merge) {
                    if (!MergeSlice(*orig_list, *patch_list, sub, key, false, &merged)) return false;
                } else {
                    merged = *patch_list;
                }
            } else {
                continue;
            }
            int type;
            if (!ElementType(orig_list ? *orig_list : empty, patch_list ? *patch_list : empty, &type)) return false;
            bool maps = type == static_cast<int>(Value::Type::kObject);
            Value patch_items, server_only, result;
            if (!Partition(merged, order, key, maps, &patch_items, &server_only)) return false;
            if (!NormalizeOrder(std::move(patch_items), std::move(server_only), order,
                                orig_list ? *orig_list : empty, key, maps, &result))
                return false;
            original->Set(k, std::move(result));
            patch->Erase(k);
        }
        return true;
    }

    bool MergeMap(const Value& original_in, const Value& patch_in, const PatchType* schema, Value* out) {
        if (const Value* d = patch_in.Find(kDirective)) {
            if (*d == Value("replace")) {
                *out = patch_in;
                out->Erase(kDirective);
                return true;
            }
            if (*d == Value("delete")) {
                *out = Value::MakeObject();
                return true;
            }
            error = Plain("unknown patch type: " + GoS(*d) + " in map: " + GoV(patch_in));
            return false;
        }
        Value original = original_in.IsObject() ? original_in : Value::MakeObject();
        Value patch = patch_in;
        if (!RetainKeys(&original, &patch)) return false;
        if (!SetElementOrder(&original, &patch, schema)) return false;

        for (const auto& [raw_key, pv] : patch.members()) {
            std::string k = raw_key;
            bool delete_list = false;
            if (StartsWith(k, kDeletePrefix)) {
                delete_list = true;
                k = k.substr(kDeletePrefix.size());
            }
            if (pv.IsNull()) {
                original.Erase(k);
                continue;
            }
            const Value* ov = original.Find(k);
            if (!ov || GoType(*ov) != GoType(pv)) {
                if (delete_list) continue;
                if (std::optional<Value> v = WithoutPatchMaps(DiscardNulls(pv))) original.Set(k, std::move(*v));
                else original.Erase(k);
                continue;
            }
            if (pv.IsObject()) {
                const PatchField* field;
                if (!Lookup(schema, k, &field)) return false;
                if (field && field->replace) {
                    original.Set(k, pv);
                    continue;
                }
                Value merged;
                if (!MergeMap(*ov, pv, field ? LookupPatchType(field->type) : nullptr, &merged)) return false;
                original.Set(k, std::move(merged));
            } else if (pv.IsArray()) {
                const PatchField* field;
                if (!Lookup(schema, k, &field)) return false;
                if (delete_list || (field && field->merge)) {
                    Value merged;
                    if (!MergeSlice(*ov, pv, field ? LookupPatchType(field->type) : nullptr,
                                    field ? field->merge_key : "", delete_list, &merged))
                        return false;
                    original.Set(k, std::move(merged));
                } else {
                    original.Set(k, pv);
                }
            } else {
                original.Set(k, pv);
            }
        }
        *out = std::move(original);
        return true;
    }
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Entry point

PatchResult StrategicMergePatch(const Value& doc, const Value& patch, std::string_view kind) {
    PatchResult r;
    if (patch.IsNull()) {
        r.doc = doc;
        return r;
    }
    if (!patch.IsObject()) {
        r.code = 400;
        r.reason = "BadRequest";
        r.message = r.detail = "json: cannot unmarshal " +
                               std::string(patch.IsArray() ? "array" : patch.IsString() ? "string"
                                                                     : patch.IsBool()   ? "bool"
                                                                                        : "number") +
                               " into Go value of type map[string]interface {}";
        return r;
    }
    Smp smp;
    if (smp.MergeMap(doc, patch, PatchTypeForKind(kind), &r.doc)) return r;
    r.doc = Value();
    r.detail = smp.error->text;
    r.code = smp.error->code;
    if (r.code == 400) {
        r.reason = "BadRequest";
        r.message = r.detail;
    } else if (r.code == 422) {
        r.reason = "Invalid";
        r.message = "the server rejected our request due to an error in our request";
    } else {
        r.reason = "";
        r.message = r.detail;
    }
    return r;
}

}  // namespace sts::apiserver
