// Go fmt %v / %s of decoded JSON values (see go_format.h).
#include "apiserver/patch/go_format.h"

#include "core/yaml_scalar.h"

namespace sts::apiserver {

std::string GoV(const Value& v) {
    switch (v.type()) {
        case Value::Type::kNull: return "<nil>";
        case Value::Type::kBool: return v.AsBool() ? "true" : "false";
        case Value::Type::kInt: return std::to_string(v.AsInt());
        case Value::Type::kFloat: return FormatGoFloat(v.AsFloat(), 'g');
        case Value::Type::kString: return v.AsString();
        case Value::Type::kArray: {
            std::string out = "[";
            for (size_t i = 0; i < v.items().size(); ++i) {
                if (i) out += ' ';
                out += GoV(v.items()[i]);
            }
            return out + "]";
        }
        case Value::Type::kObject: {
            // fmt prints map keys sorted, as Value keeps them.
            std::string out = "map[";
            bool first = true;
            for (const auto& [k, val] : v.members()) {
                if (!first) out += ' ';
                first = false;
                out += k + ":" + GoV(val);
            }
            return out + "]";
        }
    }
    return "";
}

std::string GoS(const Value& v) {
    switch (v.type()) {
        case Value::Type::kString: return v.AsString();
        case Value::Type::kNull: return "%!s(<nil>)";
        case Value::Type::kBool: return "%!s(bool=" + GoV(v) + ")";
        case Value::Type::kInt: return "%!s(int64=" + GoV(v) + ")";
        case Value::Type::kFloat: return "%!s(float64=" + GoV(v) + ")";
        case Value::Type::kArray: {
            std::string out = "[";
            for (size_t i = 0; i < v.items().size(); ++i) {
                if (i) out += ' ';
                out += GoS(v.items()[i]);
            }
            return out + "]";
        }
        case Value::Type::kObject: {
            std::string out = "map[";
            bool first = true;
            for (const auto& [k, val] : v.members()) {
                if (!first) out += ' ';
                first = false;
                out += k + ":" + GoS(val);
            }
            return out + "]";
        }
    }
    return "";
}

}  // namespace sts::apiserver
