// go-yaml v2 scalar resolution and Go float formatting (see yaml_scalar.h).
#include "core/yaml_scalar.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace sts {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The decimal syntax go-yaml accepts as a float once underscores are gone:
// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
bool IsYamlStyleFloat(std::string_view s) {
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t start = i;
        while (i < s.size() && IsDigit(s[i])) ++i;
        if (i == start) return false;
    } else {
        size_t start = i;
        while (i < s.size() && IsDigit(s[i])) ++i;
        if (i == start) return false;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && IsDigit(s[i])) ++i;
        }
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        size_t start = i;
        while (i < s.size() && IsDigit(s[i])) ++i;
        if (i == start) return false;
    }
    return i == s.size();
}

// strconv.ParseFloat restricted to plain decimal syntax (callers check the syntax first); an
// overflow to infinity is an error in Go.
bool ParseDecimalFloat(std::string_view s, double* out) {
    std::string buf(s);
    char* end = nullptr;
    double d = std::strtod(buf.c_str(), &end);
    if (end != buf.c_str() + buf.size()) return false;
    if (std::isinf(d)) return false;
    *out = d;
    return true;
}

int DigitValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool ParseUintBase(std::string_view s, int base, uint64_t* out) {
    if (s.empty()) return false;
    uint64_t v = 0;
    const uint64_t max = std::numeric_limits<uint64_t>::max();
    for (char c : s) {
        int d = DigitValue(c);
        if (d >= base) return false;
        if (v > (max - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return false;
        v = v * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    *out = v;
    return true;
}

// Base-0 digits after any sign: prefix detection as strconv does it.
bool ParseUnsignedBase0(std::string_view s, uint64_t* out) {
    if (s.empty()) return false;
    int base = 10;
    if (s[0] == '0') {
        if (s.size() >= 3 && Lower(s[1]) == 'b') {
            base = 2;
            s.remove_prefix(2);
        } else if (s.size() >= 3 && Lower(s[1]) == 'o') {
            base = 8;
            s.remove_prefix(2);
        } else if (s.size() >= 3 && Lower(s[1]) == 'x') {
            base = 16;
            s.remove_prefix(2);
        } else {
            base = 8;
            s.remove_prefix(1);
            if (s.empty()) {
                *out = 0;
                return true;
            }
        }
    }
    return ParseUintBase(s, base, out);
}

struct NamedValue {
    const char* text;
    YamlKind kind;
    int sign;  // bools: 1 true / 0 false; floats: 1 +Inf, -1 -Inf, 0 NaN
};

// go-yaml's resolve map (YAML 1.1 booleans included: y, yes, on, ...).
constexpr NamedValue kResolveMap[] = {
    {"y", YamlKind::kBool, 1},      {"Y", YamlKind::kBool, 1},       {"yes", YamlKind::kBool, 1},
    {"Yes", YamlKind::kBool, 1},    {"YES", YamlKind::kBool, 1},     {"true", YamlKind::kBool, 1},
    {"True", YamlKind::kBool, 1},   {"TRUE", YamlKind::kBool, 1},    {"on", YamlKind::kBool, 1},
    {"On", YamlKind::kBool, 1},     {"ON", YamlKind::kBool, 1},      {"n", YamlKind::kBool, 0},
    {"N", YamlKind::kBool, 0},      {"no", YamlKind::kBool, 0},      {"No", YamlKind::kBool, 0},
    {"NO", YamlKind::kBool, 0},     {"false", YamlKind::kBool, 0},   {"False", YamlKind::kBool, 0},
    {"FALSE", YamlKind::kBool, 0},  {"off", YamlKind::kBool, 0},     {"Off", YamlKind::kBool, 0},
    {"OFF", YamlKind::kBool, 0},    {"", YamlKind::kNull, 0},        {"~", YamlKind::kNull, 0},
    {"null", YamlKind::kNull, 0},   {"Null", YamlKind::kNull, 0},    {"NULL", YamlKind::kNull, 0},
    {".nan", YamlKind::kFloat, 0},  {".NaN", YamlKind::kFloat, 0},   {".NAN", YamlKind::kFloat, 0},
    {".inf", YamlKind::kFloat, 1},  {".Inf", YamlKind::kFloat, 1},   {".INF", YamlKind::kFloat, 1},
    {"+.inf", YamlKind::kFloat, 1}, {"+.Inf", YamlKind::kFloat, 1},  {"+.INF", YamlKind::kFloat, 1},
    {"-.inf", YamlKind::kFloat, -1}, {"-.Inf", YamlKind::kFloat, -1}, {"-.INF", YamlKind::kFloat, -1},
};

// The first character decides which rules apply (go-yaml's resolveTable): 'M' map lookup only,
// 'D' digit, 'S' sign, '.' float, 0 always a string.
char Hint(std::string_view s) {
    if (s.empty()) return 'N';
    char c = s[0];
    if (c == '+' || c == '-') return 'S';
    if (IsDigit(c)) return 'D';
    if (std::strchr("yYnNtTfFoO~", c) != nullptr) return 'M';
    if (c == '.') return '.';
    return 0;
}

const char* ShortTagName(YamlKind k) {
    switch (k) {
        case YamlKind::kNull: return "!!null";
        case YamlKind::kBool: return "!!bool";
        case YamlKind::kInt:
        case YamlKind::kUint: return "!!int";
        case YamlKind::kFloat: return "!!float";
        case YamlKind::kTimestamp: return "!!timestamp";
        case YamlKind::kString: return "!!str";
    }
    return "!!str";
}

YamlResolved Untagged(std::string_view in, bool try_timestamp) {
    YamlResolved r;
    char hint = Hint(in);
    if (hint == 0) return r;
    for (const auto& nv : kResolveMap) {
        if (in != nv.text) continue;
        r.kind = nv.kind;
        if (nv.kind == YamlKind::kBool) r.b = nv.sign == 1;
        if (nv.kind == YamlKind::kFloat) {
            r.f = nv.sign == 0 ? std::numeric_limits<double>::quiet_NaN()
                               : nv.sign * std::numeric_limits<double>::infinity();
        }
        return r;
    }
    if (hint == '.') {
        // strconv.ParseFloat on ".5", ".5e3" (nothing else starting with '.' is a float).
        double d;
        if (IsYamlStyleFloat(in) && ParseDecimalFloat(in, &d)) {
            r.kind = YamlKind::kFloat;
            r.f = d;
        }
        return r;
    }
    if (hint == 'D' || hint == 'S') {
        if (try_timestamp && IsYamlTimestamp(in)) {
            r.kind = YamlKind::kTimestamp;
            return r;
        }
        std::string plain;
        plain.reserve(in.size());
        for (char c : in)
            if (c != '_') plain += c;
        int64_t iv;
        if (ParseGoInt(plain, &iv)) {
            r.kind = YamlKind::kInt;
            r.i = iv;
            return r;
        }
        uint64_t uv;
        if (ParseGoUint(plain, &uv)) {
            r.kind = YamlKind::kUint;
            r.u = uv;
            return r;
        }
        double d;
        if (IsYamlStyleFloat(plain) && ParseDecimalFloat(plain, &d)) {
            r.kind = YamlKind::kFloat;
            r.f = d;
            return r;
        }
    }
    return r;
}

bool IsResolvableTag(std::string_view tag) {
    return tag.empty() || tag == "!!str" || tag == "!!bool" || tag == "!!null" || tag == "!!int" ||
           tag == "!!float" || tag == "!!timestamp";
}

// ---------------------------------------------------------------------------------------------
// Timestamps: Go's time.Parse with the layouts go-yaml tries.

bool ReadNum(std::string_view s, size_t* i, int min_digits, int max_digits, int* out) {
    int n = 0, v = 0;
    while (*i < s.size() && n < max_digits && IsDigit(s[*i])) {
        v = v * 10 + (s[*i] - '0');
        ++*i;
        ++n;
    }
    if (n < min_digits) return false;
    *out = v;
    return true;
}

int DaysIn(int month, int year) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return kDays[month - 1];
}

// ---------------------------------------------------------------------------------------------
// Float formatting

// Shortest decimal digits that read back as d (d > 0, finite): value = 0.DIGITS x 10^dp.
void ShortestDigits(double d, std::string* digits, int* dp) {
    char buf[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    // buf is "D.DDDDe+XX" or "De+XX".
    std::string mant;
    const char* p = buf;
    for (; *p && *p != 'e'; ++p)
        if (IsDigit(*p)) mant += *p;
    int exp = std::atoi(p + 1);
    while (mant.size() > 1 && mant.back() == '0') mant.pop_back();
    *digits = mant;
    *dp = exp + 1;
}

std::string FormatE(const std::string& digits, int dp) {
    std::string out;
    out += digits[0];
    if (digits.size() > 1) {
        out += '.';
        out += digits.substr(1);
    }
    int exp = digits == "0" ? 0 : dp - 1;
    out += 'e';
    out += exp < 0 ? '-' : '+';
    int a = exp < 0 ? -exp : exp;
    if (a < 10) out += '0';
    out += std::to_string(a);
    return out;
}

std::string FormatF(const std::string& digits, int dp) {
    if (digits == "0") return "0";
    int nd = static_cast<int>(digits.size());
    if (dp <= 0) return "0." + std::string(static_cast<size_t>(-dp), '0') + digits;
    if (dp >= nd) return digits + std::string(static_cast<size_t>(dp - nd), '0');
    return digits.substr(0, static_cast<size_t>(dp)) + "." + digits.substr(static_cast<size_t>(dp));
}

}  // namespace

bool ParseGoUint(std::string_view s, uint64_t* out) { return ParseUnsignedBase0(s, out); }

bool ParseGoInt(std::string_view s, int64_t* out) {
    if (s.empty()) return false;
    bool neg = false;
    if (s[0] == '+' || s[0] == '-') {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    uint64_t u;
    if (!ParseUnsignedBase0(s, &u)) return false;
    const uint64_t cutoff = static_cast<uint64_t>(1) << 63;
    if (neg) {
        if (u > cutoff) return false;
        *out = u == cutoff ? std::numeric_limits<int64_t>::min() : -static_cast<int64_t>(u);
    } else {
        if (u >= cutoff) return false;
        *out = static_cast<int64_t>(u);
    }
    return true;
}

bool IsYamlTimestamp(std::string_view s) {
    // Quick check as go-yaml does: exactly four digits, then '-'.
    size_t i = 0;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i != 4 || i == s.size() || s[i] != '-') return false;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    ++i;
    int month, day;
    if (!ReadNum(s, &i, 1, 2, &month) || i >= s.size() || s[i] != '-') return false;
    ++i;
    if (!ReadNum(s, &i, 1, 2, &day)) return false;
    if (month < 1 || month > 12 || day < 1 || day > DaysIn(month, year)) return false;
    if (i == s.size()) return true;  // "2006-1-2"
    char sep = s[i];
    if (sep != 'T' && sep != 't' && sep != ' ') return false;
    ++i;
    int hour, minute, second;
    if (!ReadNum(s, &i, 1, 2, &hour) || i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!ReadNum(s, &i, 1, 2, &minute) || i >= s.size() || s[i] != ':') return false;
    ++i;
    if (!ReadNum(s, &i, 1, 2, &second)) return false;
    if (hour > 23 || minute > 59 || second > 59) return false;
    // Optional fractional seconds (".999999999" in the layout; Go also accepts a comma).
    if (i + 1 < s.size() && (s[i] == '.' || s[i] == ',') && IsDigit(s[i + 1])) {
        ++i;
        while (i < s.size() && IsDigit(s[i])) ++i;
    }
    if (sep == ' ') return i == s.size();
    // "Z07:00": Z or a numeric offset with a colon.
    if (i < s.size() && s[i] == 'Z') return i + 1 == s.size();
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        if (s.size() - i != 6 || s[i + 3] != ':') return false;
        if (!IsDigit(s[i + 1]) || !IsDigit(s[i + 2]) || !IsDigit(s[i + 4]) || !IsDigit(s[i + 5]))
            return false;
        int oh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
        int om = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
        return oh <= 24 && om <= 59;
    }
    return false;
}

bool IsYamlBase60Float(std::string_view s) {
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= s.size() || !IsDigit(s[i])) return false;
    ++i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i;
    int groups = 0;
    while (i < s.size() && s[i] == ':') {
        ++i;
        // [0-5]?[0-9]: one digit, or two with the first in 0-5.
        if (i < s.size() && IsDigit(s[i])) {
            if (i + 1 < s.size() && IsDigit(s[i + 1]) && s[i] <= '5') i += 2;
            else ++i;
        } else {
            return false;
        }
        ++groups;
    }
    if (groups == 0) return false;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && (IsDigit(s[i]) || s[i] == '_')) ++i;
    }
    return i == s.size();
}

bool ResolveYamlScalar(std::string_view tag, std::string_view text, YamlResolved* out,
                       std::string* error) {
    *out = YamlResolved{};
    if (!IsResolvableTag(tag)) return true;
    YamlResolved r;
    if (tag != "!!str") r = Untagged(text, tag.empty() || tag == "!!timestamp");
    if (tag.empty() || tag == "!!str" || std::string_view(ShortTagName(r.kind)) == tag) {
        *out = r;
        return true;
    }
    if (tag == "!!float" && (r.kind == YamlKind::kInt || r.kind == YamlKind::kUint)) {
        double f = r.kind == YamlKind::kInt ? static_cast<double>(r.i) : static_cast<double>(r.u);
        *out = YamlResolved{};
        out->kind = YamlKind::kFloat;
        out->f = f;
        return true;
    }
    if (error) {
        *error = "cannot decode " + std::string(ShortTagName(r.kind)) + " `" + std::string(text) +
                 "` as a " + std::string(tag);
    }
    return false;
}

YamlResolved ResolveYamlPlain(std::string_view text) { return Untagged(text, true); }

std::string FormatGoFloat(double d, char fmt) {
    if (std::isnan(d)) return "NaN";
    if (std::isinf(d)) return d > 0 ? "+Inf" : "-Inf";
    std::string sign = std::signbit(d) ? "-" : "";
    double a = std::fabs(d);
    std::string digits = "0";
    int dp = 1;
    if (a != 0) ShortestDigits(a, &digits, &dp);
    if (fmt == 'e') return sign + FormatE(digits, dp);
    if (fmt == 'f') return sign + FormatF(digits, dp);
    // 'g' with the shortest precision switches to %e below 1e-4 and from 1e6 on (strconv uses
    // an exponent threshold of 6 when the precision is -1).
    int exp = a == 0 ? 0 : dp - 1;
    if (exp < -4 || exp >= 6) return sign + FormatE(digits, dp);
    return sign + FormatF(digits, dp);
}

}  // namespace sts
