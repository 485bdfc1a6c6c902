// RFC 6902 JSON patch with the behaviour and error texts of gopkg.in/evanphx/json-patch.v4
// (v4.12.0, what kube-apiserver 1.33 and kubectl 1.33 use), quirks included: "replace" on a
// missing object key adds it, "copy" from a missing object key copies null, negative array
// indices count from the end, a path without a leading "/" addresses the root, and a "test"
// without a value on a missing path panics the server.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "apiserver/patch/patch.h"

namespace sts::apiserver {

namespace {

constexpr size_t kMaxOperations = 10000;
// evanphx's AccumulatedCopySizeLimit is off in the API server; copies can still double a document
// per operation, so their total is capped at etcd's object size limit (1.5 MiB), beyond which the
// result could not be stored anyway.
constexpr size_t kMaxCopiedBytes = 1572864;

const char* kRejected = "the server rejected our request due to an error in our request";

struct OpError {
    std::string text;
    bool panic = false;  // evanphx dereferences nil here; the API server answers 500
};

// The JSON type names of Go's UnmarshalTypeError.
std::string GoJsonType(const Value& v) {
    switch (v.type()) {
        case Value::Type::kNull: return "null";
        case Value::Type::kBool: return "bool";
        case Value::Type::kInt:
        case Value::Type::kFloat: return "number";
        case Value::Type::kString: return "string";
        case Value::Type::kArray: return "array";
        case Value::Type::kObject: return "object";
    }
    return "value";
}

// strconv.Quote for the texts that reach error messages.
std::string GoQuote(std::string_view s) { return JsonQuote(s); }

// strconv.Atoi: optional sign, decimal digits, int64 range.
bool Atoi(std::string_view key, int64_t* out, std::string* error) {
    std::string_view s = key;
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) {
        *error = "strconv.Atoi: parsing " + GoQuote(key) + ": invalid syntax";
        return false;
    }
    uint64_t v = 0;
    bool overflow = false;
    for (char c : s) {
        if (c < '0' || c > '9') {
            *error = "strconv.Atoi: parsing " + GoQuote(key) + ": invalid syntax";
            return false;
        }
        if (v > (UINT64_MAX - 9) / 10) overflow = true;
        else v = v * 10 + static_cast<uint64_t>(c - '0');
    }
    const uint64_t limit = neg ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
    if (overflow || v > limit) {
        *error = "strconv.Atoi: parsing " + GoQuote(key) + ": value out of range";
        return false;
    }
    *out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
    return true;
}

std::string InvalidIndex(int64_t idx) {
    return "Unable to access invalid index: " + std::to_string(idx) + ": invalid index referenced";
}

std::string DecodeKey(std::string_view k) {
    std::string s(k);
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '~' && i + 1 < s.size() && s[i + 1] == '1') {
            out += '/';
            ++i;
        } else {
            out += s[i];
        }
    }
    std::string final;
    for (size_t i = 0; i < out.size(); ++i) {
        if (out[i] == '~' && i + 1 < out.size() && out[i + 1] == '0') {
            final += '~';
            ++i;
        } else {
            final += out[i];
        }
    }
    return final;
}

// evanphx's lazyNode.equal: numbers compare as float64, objects need the same keys.
bool Equal(const Value& a, const Value& b) {
    if (a.IsNumber() && b.IsNumber()) return a.AsFloat() == b.AsFloat();
    if (a.type() != b.type()) return false;
    switch (a.type()) {
        case Value::Type::kNull: return true;
        case Value::Type::kBool: return a.AsBool() == b.AsBool();
        case Value::Type::kString: return a.AsString() == b.AsString();
        case Value::Type::kArray:
            if (a.items().size() != b.items().size()) return false;
            for (size_t i = 0; i < a.items().size(); ++i)
                if (!Equal(a.items()[i], b.items()[i])) return false;
            return true;
        case Value::Type::kObject:
            if (a.members().size() != b.members().size()) return false;
            for (const auto& [k, v] : a.members()) {
                const Value* o = b.Find(k);
                if (!o || !Equal(v, *o)) return false;
            }
            return true;
        default: return false;
    }
}

class Applier {
public:
    explicit Applier(Value doc) : doc_(std::move(doc)) {}

    std::optional<OpError> Apply(const Value& op) {
        std::string kind = "unknown";
        if (op.IsObject() && op.Get("op").IsString()) kind = op.Get("op").AsString();
        if (kind == "add") return Add(op);
        if (kind == "remove") return Remove(op);
        if (kind == "replace") return Replace(op);
        if (kind == "move") return Move(op);
        if (kind == "test") return Test(op);
        if (kind == "copy") return Copy(op);
        return OpError{"Unexpected kind: " + kind};
    }

    Value TakeDoc() { return std::move(doc_); }

private:
    struct Target {
        Value* container = nullptr;  // an object or an array
        std::string key;
    };

    // Operation.Path()/From(): a string field; absent or null is "missing".
    static bool Field(const Value& op, const char* name, const char* missing_text, std::string* out,
                      std::string* error) {
        const Value* v = op.Find(name);
        if (!v || v->IsNull()) {
            *error = std::string(missing_text) + ": missing value";
            return false;
        }
        if (!v->IsString()) {
            *error = "json: cannot unmarshal " + GoJsonType(*v) + " into Go value of type string";
            return false;
        }
        *out = v->AsString();
        return true;
    }
    static bool Path(const Value& op, std::string* out, std::string* error) {
        return Field(op, "path", "operation missing path field", out, error);
    }
    static bool From(const Value& op, std::string* out, std::string* error) {
        return Field(op, "from", "operation, missing from field", out, error);
    }
    // Operation.value(): absent is a nil node, JSON null a node holding null.
    static std::optional<Value> OpValue(const Value& op) {
        const Value* v = op.Find("value");
        if (!v) return std::nullopt;
        return *v;
    }

    // Resolves an array index for reading, as partialArray.get does.
    static bool ArrayGet(Value* arr, const std::string& key, size_t* index, std::string* error) {
        int64_t idx;
        if (!Atoi(key, &idx, error)) return false;
        int64_t n = static_cast<int64_t>(arr->items().size());
        if (idx < 0) {
            if (idx < -n) {
                *error = InvalidIndex(idx);
                return false;
            }
            idx += n;
        }
        if (idx >= n) {
            *error = InvalidIndex(idx);
            return false;
        }
        *index = static_cast<size_t>(idx);
        return true;
    }

    // findObject: walks all but the last segment; every step must be an object or an array.
    Target Find(const std::string& path) {
        std::vector<std::string> parts;
        size_t start = 0;
        while (true) {
            size_t slash = path.find('/', start);
            parts.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        if (parts.size() < 2) return {};
        Value* cur = &doc_;
        for (size_t i = 1; i + 1 < parts.size(); ++i) {
            std::string key = DecodeKey(parts[i]);
            Value* next = nullptr;
            if (cur->IsObject()) {
                next = cur->Find(key);
            } else {
                size_t index;
                std::string ignored;
                if (ArrayGet(cur, key, &index, &ignored)) next = &cur->MutableItems()[index];
            }
            if (!next || !(next->IsObject() || next->IsArray())) return {};
            cur = next;
        }
        return {cur, DecodeKey(parts.back())};
    }

    // container.get: objects never fail (a missing key reads as null).
    static bool Get(const Target& t, std::optional<Value>* out, std::string* error) {
        if (t.container->IsObject()) {
            const Value* v = t.container->Find(t.key);
            if (v && !v->IsNull()) *out = *v;
            else *out = std::nullopt;
            return true;
        }
        size_t index;
        if (!ArrayGet(t.container, t.key, &index, error)) return false;
        const Value& v = t.container->items()[index];
        if (v.IsNull()) *out = std::nullopt;
        else *out = v;
        return true;
    }

    static bool AddAt(const Target& t, Value v, std::string* error) {
        if (t.container->IsObject()) {
            t.container->Set(t.key, std::move(v));
            return true;
        }
        auto& items = t.container->MutableItems();
        if (t.key == "-") {
            items.push_back(std::move(v));
            return true;
        }
        int64_t idx;
        std::string atoi_error;
        if (!Atoi(t.key, &idx, &atoi_error)) {
            *error = "value was not a proper array index: '" + t.key + "': " + atoi_error;
            return false;
        }
        int64_t size = static_cast<int64_t>(items.size()) + 1;
        if (idx >= size) {
            *error = InvalidIndex(idx);
            return false;
        }
        if (idx < 0) {
            if (idx < -size) {
                *error = InvalidIndex(idx);
                return false;
            }
            idx += size;
        }
        items.insert(items.begin() + idx, std::move(v));
        return true;
    }

    static bool RemoveAt(const Target& t, std::string* error) {
        if (t.container->IsObject()) {
            if (!t.container->Find(t.key)) {
                *error = "Unable to remove nonexistent key: " + t.key + ": missing value";
                return false;
            }
            t.container->Erase(t.key);
            return true;
        }
        auto& items = t.container->MutableItems();
        int64_t idx;
        if (!Atoi(t.key, &idx, error)) return false;
        int64_t n = static_cast<int64_t>(items.size());
        if (idx >= n) {
            *error = InvalidIndex(idx);
            return false;
        }
        if (idx < 0) {
            if (idx < -n) {
                *error = InvalidIndex(idx);
                return false;
            }
            idx += n;
        }
        items.erase(items.begin() + idx);
        return true;
    }

    std::optional<OpError> Add(const Value& op) {
        std::string path, error;
        if (!Path(op, &path, &error)) return OpError{"add operation failed to decode path: missing value"};
        Target t = Find(path);
        if (!t.container) return OpError{"add operation does not apply: doc is missing path: \"" + path + "\": missing value"};
        if (!AddAt(t, OpValue(op).value_or(Value()), &error)) return OpError{"error in add for path: '" + path + "': " + error};
        return std::nullopt;
    }

    std::optional<OpError> Remove(const Value& op) {
        std::string path, error;
        if (!Path(op, &path, &error)) return OpError{"remove operation failed to decode path: missing value"};
        Target t = Find(path);
        if (!t.container) return OpError{"remove operation does not apply: doc is missing path: \"" + path + "\": missing value"};
        if (!RemoveAt(t, &error)) return OpError{"error in remove for path: '" + path + "': " + error};
        return std::nullopt;
    }

    std::optional<OpError> Replace(const Value& op) {
        std::string path, error;
        if (!Path(op, &path, &error)) return OpError{"replace operation failed to decode path: " + error};
        Target t = Find(path);
        if (!t.container) return OpError{"replace operation does not apply: doc is missing path: " + path + ": missing value"};
        std::optional<Value> current;
        if (!Get(t, &current, &error)) {
            return OpError{"replace operation does not apply: doc is missing key: " + path + ": missing value"};
        }
        Value v = OpValue(op).value_or(Value());
        if (t.container->IsObject()) {
            t.container->Set(t.key, std::move(v));
        } else {
            size_t index = 0;
            ArrayGet(t.container, t.key, &index, &error);
            t.container->MutableItems()[index] = std::move(v);
        }
        return std::nullopt;
    }

    std::optional<OpError> Move(const Value& op) {
        std::string from, path, error;
        if (!From(op, &from, &error)) return OpError{"move operation failed to decode from: " + error};
        Target src = Find(from);
        if (!src.container) return OpError{"move operation does not apply: doc is missing from path: " + from + ": missing value"};
        std::optional<Value> val;
        if (!Get(src, &val, &error)) return OpError{"error in move for path: '" + src.key + "': " + error};
        if (!RemoveAt(src, &error)) return OpError{"error in move for path: '" + src.key + "': " + error};
        if (!Path(op, &path, &error)) return OpError{"move operation failed to decode path: " + error};
        Target dst = Find(path);
        if (!dst.container) {
            return OpError{"move operation does not apply: doc is missing destination path: " + path + ": missing value"};
        }
        if (!AddAt(dst, val.value_or(Value()), &error)) return OpError{"error in move for path: '" + path + "': " + error};
        return std::nullopt;
    }

    std::optional<OpError> Test(const Value& op) {
        std::string path, error;
        if (!Path(op, &path, &error)) return OpError{"test operation failed to decode path: " + error};
        std::optional<Value> expected = OpValue(op);
        if (path.empty()) {
            if (expected && Equal(doc_, *expected)) return std::nullopt;
            return OpError{"testing value  failed: test failed"};
        }
        Target t = Find(path);
        if (!t.container) return OpError{"test operation does not apply: is missing path: " + path + ": missing value"};
        std::optional<Value> actual;
        if (!Get(t, &actual, &error)) return OpError{"error in test for path: '" + path + "': " + error};
        if (!actual) {
            if (!expected) return OpError{"", true};
            if (expected->IsNull()) return std::nullopt;
            return OpError{"testing value " + path + " failed: test failed"};
        }
        if (!expected) return OpError{"testing value " + path + " failed: test failed"};
        if (Equal(*actual, *expected)) return std::nullopt;
        return OpError{"testing value " + path + " failed: test failed"};
    }

    std::optional<OpError> Copy(const Value& op) {
        std::string from, path, error;
        if (!From(op, &from, &error)) return OpError{"copy operation failed to decode from: " + error};
        Target src = Find(from);
        if (!src.container) return OpError{"copy operation does not apply: doc is missing from path: " + from + ": missing value"};
        std::optional<Value> val;
        if (!Get(src, &val, &error)) return OpError{"error in copy for from: '" + from + "': " + error};
        if (!Path(op, &path, &error)) return OpError{"copy operation failed to decode path: missing value"};
        Target dst = Find(path);
        if (!dst.container) {
            return OpError{"copy operation does not apply: doc is missing destination path: " + path + ": missing value"};
        }
        copied_bytes_ += val ? val->ToJson().size() : 4;
        if (copied_bytes_ > kMaxCopiedBytes) {
            return OpError{"Unable to complete the copy, the accumulated size increase of copy is " +
                           std::to_string(copied_bytes_) + ", exceeding the limit " + std::to_string(kMaxCopiedBytes)};
        }
        if (!AddAt(dst, val.value_or(Value()), &error)) return OpError{"error while adding value during copy: " + error};
        return std::nullopt;
    }

    Value doc_;
    size_t copied_bytes_ = 0;
};

}  // namespace

PatchResult JsonPatch(const Value& doc, const Value& ops) {
    PatchResult r;
    if (!ops.IsArray()) {
        r.code = 400;
        r.reason = "BadRequest";
        r.message = r.detail = "json: cannot unmarshal " + GoJsonType(ops) + " into Go value of type jsonpatch.Patch";
        return r;
    }
    for (const Value& op : ops.items()) {
        if (!op.IsObject() && !op.IsNull()) {
            r.code = 400;
            r.reason = "BadRequest";
            r.message = r.detail =
                "json: cannot unmarshal " + GoJsonType(op) + " into Go value of type jsonpatch.Operation";
            return r;
        }
    }
    if (ops.items().size() > kMaxOperations) {
        r.code = 413;
        r.reason = "RequestEntityTooLarge";
        r.message = "Request entity too large: The allowed maximum operations in a JSON patch is " +
                    std::to_string(kMaxOperations) + ", got " + std::to_string(ops.items().size());
        r.detail = r.message;
        return r;
    }
    Applier applier(doc);
    for (const Value& op : ops.items()) {
        std::optional<OpError> err = applier.Apply(op.IsNull() ? Value::MakeObject() : op);
        if (!err) continue;
        if (err->panic) {
            r.code = 500;
            r.reason = "InternalError";
            r.message =
                "an error on the server (\"This request caused apiserver to panic. Look in the logs for "
                "details.\") has prevented the request from succeeding";
            r.detail = "runtime error: invalid memory address or nil pointer dereference";
            return r;
        }
        r.code = 422;
        r.reason = "Invalid";
        r.message = kRejected;
        r.detail = err->text;
        return r;
    }
    r.doc = applier.TakeDoc();
    return r;
}

}  // namespace sts::apiserver
