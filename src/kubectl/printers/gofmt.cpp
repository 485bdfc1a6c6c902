// Go fmt verbs over JSON values (fmt/print.go printValue for maps, slices and interfaces; maps
// print with sorted keys since Go 1.12).
#include "kubectl/printers/gofmt.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace sts::kubectl {

std::string GoFormatFloatG(double d) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
    // Shortest digits that round-trip, then strconv's %g layout for the shortest precision:
    // exponent form when the decimal exponent is < -4 or >= 6.
    char buf[64];
    int prec = 1;
    for (; prec <= 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    // buf is d.ddde±XX with `prec` significant digits.
    std::string s(buf);
    size_t e = s.find('e');
    std::string mant = s.substr(0, e);
    int exp = std::atoi(s.c_str() + e + 1);
    bool neg = !mant.empty() && mant[0] == '-';
    if (neg) mant = mant.substr(1);
    std::string digits;
    for (char c : mant) {
        if (c != '.') digits += c;
    }
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    int nd = static_cast<int>(digits.size());
    const int eprec = 6;
    std::string out;
    if (exp < -4 || exp >= eprec) {
        out = digits.substr(0, 1);
        if (nd > 1) out += "." + digits.substr(1);
        char eb[16];
        std::snprintf(eb, sizeof eb, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
        out += eb;
    } else if (exp < 0) {
        out = "0." + std::string(static_cast<size_t>(-exp - 1), '0') + digits;
    } else if (exp + 1 >= nd) {
        out = digits + std::string(static_cast<size_t>(exp + 1 - nd), '0');
    } else {
        out = digits.substr(0, static_cast<size_t>(exp + 1)) + "." + digits.substr(static_cast<size_t>(exp + 1));
    }
    return neg ? "-" + out : out;
}

std::string GoQuote(std::string_view s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\v': out += "\\v"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    out += "\"";
    return out;
}

std::string GoSprint(const Value& v) {
    switch (v.type()) {
    case Value::Type::kNull: return "<nil>";
    case Value::Type::kBool: return v.AsBool() ? "true" : "false";
    case Value::Type::kInt: return std::to_string(v.AsInt());
    case Value::Type::kFloat: return GoFormatFloatG(v.AsFloat());
    case Value::Type::kString: return v.AsString();
    case Value::Type::kArray: {
        std::string out = "[";
        bool first = true;
        for (const auto& item : v.items()) {
            if (!first) out += ' ';
            first = false;
            out += GoSprint(item);
        }
        return out + "]";
    }
    case Value::Type::kObject: {
        std::string out = "map[";
        bool first = true;
        for (const auto& [k, item] : v.members()) {
            if (!first) out += ' ';
            first = false;
            out += k + ":" + GoSprint(item);
        }
        return out + "]";
    }
    }
    return "";
}

std::string GoSharpV(const Value& v) {
    switch (v.type()) {
    case Value::Type::kNull: return "interface {}(nil)";
    case Value::Type::kBool: return v.AsBool() ? "true" : "false";
    case Value::Type::kInt: return std::to_string(v.AsInt());
    case Value::Type::kFloat: return GoFormatFloatG(v.AsFloat());
    case Value::Type::kString: return GoQuote(v.AsString());
    case Value::Type::kArray: {
        std::string out = "[]interface {}{";
        bool first = true;
        for (const auto& item : v.items()) {
            if (!first) out += ", ";
            first = false;
            out += GoSharpV(item);
        }
        return out + "}";
    }
    case Value::Type::kObject: {
        std::string out = "map[string]interface {}{";
        bool first = true;
        for (const auto& [k, item] : v.members()) {
            if (!first) out += ", ";
            first = false;
            out += GoQuote(k) + ":" + GoSharpV(item);
        }
        return out + "}";
    }
    }
    return "";
}

}  // namespace sts::kubectl
