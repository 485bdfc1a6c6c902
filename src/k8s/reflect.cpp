#include "k8s/reflect.h"

namespace sts::k8s {

std::string_view BareGoName(std::string_view go_type) {
    size_t dot = go_type.rfind('.');
    return dot == std::string_view::npos ? go_type : go_type.substr(dot + 1);
}

std::string JsonTypeName(const Value& v) {
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

void ReportTypeError(const Value& v, std::string_view go_type, const DecodePath& path,
                     DecodeErrors& errors) {
    if (!errors.type_error.empty()) return;  // Go reports the first mismatch only
    std::string what = JsonTypeName(v);
    // A number that fits the JSON grammar but not the Go type is quoted with its literal.
    if (v.IsNumber() && (go_type == "int32" || go_type == "int64")) {
        what += " " + (v.IsInt() ? std::to_string(v.AsInt()) : FormatJsonFloat(v.AsFloat()));
    }
    if (path.go_path.empty() || path.struct_name.empty()) {
        errors.type_error =
            "json: cannot unmarshal " + what + " into Go value of type " + std::string(go_type);
        return;
    }
    errors.type_error = "json: cannot unmarshal " + what + " into Go struct field " +
                        std::string(path.struct_name) + "." + path.go_path + " of type " +
                        std::string(go_type);
}

bool DecodeTimestamp(const Value& v, Time* out) { return ParseRfc3339(v.AsString(), out); }

std::string DecodeErrors::StrictMessage() const {
    std::string out = "strict decoding error: ";
    for (size_t i = 0; i < unknown_fields.size(); ++i) {
        if (i) out += ", ";
        out += "unknown field \"" + unknown_fields[i] + "\"";
    }
    return out;
}

}  // namespace sts::k8s
