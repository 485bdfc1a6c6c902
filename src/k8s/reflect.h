// Field reflection for API structs: one Reflect() per struct drives JSON encoding, strict
// decoding and schema listing (kubectl explain), so the three can never disagree.
//
// Each API struct declares
//     static constexpr const char* kGoType = "v1.PodSpec";   // Go type, for error messages
//     template <class V> void Reflect(V& v) { v("nodeName", node_name, kOmitEmpty); ... }
// Encoding follows Go's encoding/json: `omitempty` drops false, 0, "", nil pointers and empty
// slices/maps, but never a struct value (hence `status: {}` and `lastProbeTime: null`).
// Decoding follows the API server's strict decoder: the first type mismatch is reported as
// `json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32`,
// and unknown fields as `unknown field "spec.foo"`.
#pragma once

#include <climits>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/time.h"
#include "core/value.h"
#include "k8s/shared_optional.h"
#include "k8s/cow.h"
#include "k8s/string_map.h"

namespace sts::k8s {

enum FieldOptions : unsigned {
    kNoOptions = 0,
    kOmitEmpty = 1,  // Go `json:",omitempty"`
};

// metav1.Time: second precision, `null` when unset.
struct Timestamp {
    Time ms = kNoTime;
    Timestamp() = default;
    explicit Timestamp(Time t) : ms(TruncateToSeconds(t)) {}
    bool IsSet() const { return ms != kNoTime; }
    bool operator==(const Timestamp& o) const { return ms == o.ms; }
    bool operator!=(const Timestamp& o) const { return ms != o.ms; }
};

// metav1.MicroTime: microsecond precision on the wire (we keep milliseconds).
struct MicroTimestamp {
    Time ms = kNoTime;
    bool IsSet() const { return ms != kNoTime; }
    bool operator==(const MicroTimestamp& o) const { return ms == o.ms; }
};

// intstr.IntOrString.
struct IntOrString {
    bool is_string = false;
    int32_t int_value = 0;
    std::string str_value;

    IntOrString() = default;
    IntOrString(int32_t v) : int_value(v) {}
    IntOrString(std::string s) : is_string(true), str_value(std::move(s)) {}
    std::string ToString() const { return is_string ? str_value : std::to_string(int_value); }
    bool operator==(const IntOrString& o) const {
        return is_string == o.is_string && int_value == o.int_value && str_value == o.str_value;
    }
};

// resource.Quantity, kept in its canonical string form ("1Gi", "500m").
struct Quantity {
    std::string text;
    Quantity() = default;
    Quantity(std::string t) : text(std::move(t)) {}
    bool operator==(const Quantity& o) const { return text == o.text; }
};

// Any JSON (runtime.RawExtension and fields the engine carries without interpreting).
using Raw = Value;

// ---------------------------------------------------------------------------------------------
// [SECTION] Type traits

template <class T, class = void>
struct IsReflected : std::false_type {};
template <class T>
struct IsReflected<T, std::void_t<decltype(T::kGoType)>> : std::true_type {};

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};
template <class T>
struct IsOptional<SharedOptional<T>> : std::true_type {};

template <class T>
struct IsCow : std::false_type {};
template <class T>
struct IsCow<Cow<T>> : std::true_type {};

template <class T>
struct IsVector : std::false_type {};
template <class T>
struct IsVector<std::vector<T>> : std::true_type {};

// Go type name as printed in decode errors ("int32", "[]v1.Container", "map[string]string").
template <class T>
std::string GoTypeName() {
    if constexpr (std::is_same_v<T, std::string>) return "string";
    else if constexpr (std::is_same_v<T, bool>) return "bool";
    else if constexpr (std::is_same_v<T, int32_t>) return "int32";
    else if constexpr (std::is_same_v<T, int64_t>) return "int64";
    else if constexpr (std::is_same_v<T, StringMap>) return "map[string]string";
    else if constexpr (std::is_same_v<T, Timestamp>) return "v1.Time";
    else if constexpr (std::is_same_v<T, MicroTimestamp>) return "v1.MicroTime";
    else if constexpr (std::is_same_v<T, IntOrString>) return "intstr.IntOrString";
    else if constexpr (std::is_same_v<T, Quantity>) return "resource.Quantity";
    else if constexpr (std::is_same_v<T, Raw>) return "interface {}";
    else if constexpr (IsOptional<T>::value) return "*" + GoTypeName<typename T::value_type>();
    else if constexpr (IsCow<T>::value) return GoTypeName<std::decay_t<decltype(*std::declval<T>())>>();
    else if constexpr (IsVector<T>::value) return "[]" + GoTypeName<typename T::value_type>();
    else return T::kGoType;
}

// The bare struct name in "Go struct field PodSpec.spec..." ("v1.PodSpec" -> "PodSpec").
std::string_view BareGoName(std::string_view go_type);

// ---------------------------------------------------------------------------------------------
// [SECTION] Encoding

template <class T>
Value Encode(const T& v);

template <class T>
bool IsOmittable(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return v.empty();
    else if constexpr (std::is_same_v<T, bool>) return !v;
    else if constexpr (std::is_integral_v<T>) return v == 0;
    else if constexpr (std::is_same_v<T, StringMap>) return v.empty();
    else if constexpr (std::is_same_v<T, Raw>) return v.IsNull();
    else if constexpr (IsOptional<T>::value) return !v.has_value();
    else if constexpr (IsVector<T>::value) return v.empty();
    else if constexpr (IsCow<T>::value) return IsOmittable(*v);
    else if constexpr (std::is_same_v<T, Quantity>) return false;  // a struct in Go
    else return false;                                            // structs are never empty
}

class StructEncoder {
public:
    explicit StructEncoder(Value& out) : out_(out) {}
    template <class T>
    void operator()(std::string_view name, const T& field, unsigned options = kNoOptions) {
        if ((options & kOmitEmpty) && IsOmittable(field)) return;
        out_.Set(name, Encode(field));
    }

private:
    Value& out_;
};

template <class T>
Value Encode(const T& v) {
    if constexpr (std::is_same_v<T, std::string>) return Value(v);
    else if constexpr (std::is_same_v<T, bool>) return Value(v);
    else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>)
        return Value(static_cast<int64_t>(v));
    else if constexpr (std::is_same_v<T, StringMap>) {
        Value out = Value::MakeObject();
        for (const auto& [k, val] : v) out.MutableMembers().emplace_back(k, Value(val));
        return out;
    } else if constexpr (std::is_same_v<T, Timestamp>) {
        return v.IsSet() ? Value(FormatRfc3339(v.ms)) : Value();
    } else if constexpr (std::is_same_v<T, MicroTimestamp>) {
        return v.IsSet() ? Value(FormatRfc3339Micro(v.ms)) : Value();
    } else if constexpr (std::is_same_v<T, IntOrString>) {
        return v.is_string ? Value(v.str_value) : Value(static_cast<int64_t>(v.int_value));
    } else if constexpr (std::is_same_v<T, Quantity>) {
        return Value(v.text);
    } else if constexpr (std::is_same_v<T, Raw>) {
        return v;
    } else if constexpr (IsOptional<T>::value) {
        return v ? Encode(*v) : Value();
    } else if constexpr (IsCow<T>::value) {
        return Encode(*v);
    } else if constexpr (IsVector<T>::value) {
        Value out = Value::MakeArray();
        out.MutableItems().reserve(v.size());
        for (const auto& item : v) out.Push(Encode(item));
        return out;
    } else {
        Value out = Value::MakeObject();
        StructEncoder enc(out);
        const_cast<T&>(v).Reflect(enc);
        return out;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Decoding

struct DecodeErrors {
    std::string type_error;                   // first type mismatch, Go's wording
    std::vector<std::string> unknown_fields;  // strict decoding, paths with [i] indices
    bool ok() const { return type_error.empty() && unknown_fields.empty(); }
    // "strict decoding error: unknown field \"spec.foo\", unknown field \"spec.bar\"".
    std::string StrictMessage() const;
};

struct DecodePath {
    std::string go_path;      // "spec.template.spec.containers.image" (no indices)
    std::string strict_path;  // "spec.template.spec.containers[0].image"
    std::string_view struct_name;
};

// JSON type of a value as Go names it in UnmarshalTypeError ("string", "number", "bool", ...).
std::string JsonTypeName(const Value& v);

void ReportTypeError(const Value& v, std::string_view go_type, const DecodePath& path,
                     DecodeErrors& errors);

template <class T>
void DecodeInto(const Value& v, T& out, const DecodePath& path, DecodeErrors& errors);

class StructDecoder {
public:
    StructDecoder(const Value& obj, const DecodePath& path, std::string_view struct_name,
                  DecodeErrors& errors)
        : obj_(obj), path_(path), struct_name_(struct_name), errors_(errors),
          used_(obj.members().size(), false) {}

    template <class T>
    void operator()(std::string_view name, T& field, unsigned /*options*/ = kNoOptions) {
        const auto& members = obj_.members();
        for (size_t i = 0; i < members.size(); ++i) {
            if (members[i].first != name) continue;
            used_[i] = true;
            DecodePath child;
            child.go_path = path_.go_path.empty() ? std::string(name) : path_.go_path + "." + std::string(name);
            child.strict_path =
                path_.strict_path.empty() ? std::string(name) : path_.strict_path + "." + std::string(name);
            child.struct_name = struct_name_;
            DecodeInto(members[i].second, field, child, errors_);
            return;
        }
    }

    void ReportUnknown() {
        const auto& members = obj_.members();
        for (size_t i = 0; i < members.size(); ++i) {
            if (used_[i]) continue;
            errors_.unknown_fields.push_back(path_.strict_path.empty()
                                                 ? members[i].first
                                                 : path_.strict_path + "." + members[i].first);
        }
    }

private:
    const Value& obj_;
    const DecodePath& path_;
    std::string_view struct_name_;
    DecodeErrors& errors_;
    std::vector<bool> used_;
};

bool DecodeTimestamp(const Value& v, Time* out);

template <class T>
void DecodeInto(const Value& v, T& out, const DecodePath& path, DecodeErrors& errors) {
    if constexpr (IsOptional<T>::value) {
        if (v.IsNull()) {
            out.reset();
            return;
        }
        if (!out) out.emplace();
        DecodeInto(v, *out, path, errors);
        return;
    } else if constexpr (IsCow<T>::value) {
        DecodeInto(v, out.Mut(), path, errors);
        return;
    } else {
        if (v.IsNull()) return;  // Go leaves non-pointer fields untouched on null
        if constexpr (std::is_same_v<T, std::string>) {
            if (!v.IsString()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            out = v.AsString();
        } else if constexpr (std::is_same_v<T, bool>) {
            if (!v.IsBool()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            out = v.AsBool();
        } else if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
            if (!v.IsNumber()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            if (v.IsFloat() || v.AsInt() < static_cast<int64_t>(std::numeric_limits<T>::min()) ||
                v.AsInt() > static_cast<int64_t>(std::numeric_limits<T>::max())) {
                return ReportTypeError(v, GoTypeName<T>(), path, errors);
            }
            out = static_cast<T>(v.AsInt());
        } else if constexpr (std::is_same_v<T, StringMap>) {
            if (!v.IsObject()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            out.clear();
            for (const auto& [k, val] : v.members()) {
                if (val.IsNull()) {
                    out.Set(k, "");
                    continue;
                }
                if (!val.IsString()) {
                    DecodePath child = path;
                    child.go_path += "." + k;
                    return ReportTypeError(val, "string", child, errors);
                }
                out.Set(k, val.AsString());
            }
        } else if constexpr (std::is_same_v<T, Timestamp> || std::is_same_v<T, MicroTimestamp>) {
            Time t;
            if (!v.IsString() || !DecodeTimestamp(v, &t))
                return ReportTypeError(v, GoTypeName<T>(), path, errors);
            out.ms = std::is_same_v<T, Timestamp> ? TruncateToSeconds(t) : t;
        } else if constexpr (std::is_same_v<T, IntOrString>) {
            if (v.IsString()) {
                out = IntOrString(v.AsString());
            } else if (v.IsInt() && v.AsInt() >= INT32_MIN && v.AsInt() <= INT32_MAX) {
                out = IntOrString(static_cast<int32_t>(v.AsInt()));
            } else {
                return ReportTypeError(v, GoTypeName<T>(), path, errors);
            }
        } else if constexpr (std::is_same_v<T, Quantity>) {
            if (v.IsString()) out.text = v.AsString();
            else if (v.IsInt()) out.text = std::to_string(v.AsInt());
            else if (v.IsFloat()) out.text = FormatJsonFloat(v.AsFloat());
            else return ReportTypeError(v, GoTypeName<T>(), path, errors);
        } else if constexpr (std::is_same_v<T, Raw>) {
            out = v;
        } else if constexpr (IsVector<T>::value) {
            if (!v.IsArray()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            out.clear();
            out.resize(v.items().size());
            for (size_t i = 0; i < v.items().size(); ++i) {
                DecodePath child = path;
                // Appended piecewise: g++ 12's -Wrestrict misfires on "[" + to_string(i).
                child.strict_path += '[';
                child.strict_path += std::to_string(i);
                child.strict_path += ']';
                DecodeInto(v.items()[i], out[i], child, errors);
            }
        } else {
            if (!v.IsObject()) return ReportTypeError(v, GoTypeName<T>(), path, errors);
            StructDecoder dec(v, path, BareGoName(T::kGoType), errors);
            out.Reflect(dec);
            dec.ReportUnknown();
        }
    }
}

// Decodes a whole object; unknown fields and type errors land in `errors`.
template <class T>
T Decode(const Value& v, DecodeErrors& errors) {
    T out{};
    DecodePath root;
    DecodeInto(v, out, root, errors);
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Schema listing (kubectl explain)

struct FieldInfo {
    std::string name;
    std::string go_type;  // "int32", "[]v1.Container", ...
    std::string struct_go_type;  // the element struct's Go type when the field is (a list of) a struct
};

class SchemaLister {
public:
    std::vector<FieldInfo> fields;
    template <class T>
    void operator()(std::string_view name, T&, unsigned = kNoOptions) {
        FieldInfo info{std::string(name), GoTypeName<T>(), ""};
        if constexpr (IsReflected<Unwrapped<T>>::value) info.struct_go_type = Unwrapped<T>::kGoType;
        fields.push_back(std::move(info));
    }

private:
    template <class T>
    struct UnwrapT {
        using type = T;
    };
    template <class T>
    struct UnwrapT<std::optional<T>> {
        using type = typename UnwrapT<T>::type;
    };
    template <class T>
    struct UnwrapT<SharedOptional<T>> {
        using type = typename UnwrapT<T>::type;
    };
    template <class T>
    struct UnwrapT<std::vector<T>> {
        using type = typename UnwrapT<T>::type;
    };
    template <class T>
    struct UnwrapT<Cow<T>> {
        using type = typename UnwrapT<T>::type;
    };
    template <class T>
    using Unwrapped = typename UnwrapT<T>::type;
};

template <class T>
std::vector<FieldInfo> ListFields() {
    T sample{};
    SchemaLister lister;
    sample.Reflect(lister);
    return lister.fields;
}

}  // namespace sts::k8s
