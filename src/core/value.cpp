#include "core/value.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstdio>

namespace sts {

namespace {

// Lower-bound search over sorted members.
Value::Object::const_iterator LowerBound(const Value::Object& obj, std::string_view key) {
    return std::lower_bound(obj.begin(), obj.end(), key,
                            [](const Value::Member& m, std::string_view k) { return m.first < k; });
}

void AppendJson(const Value& v, std::string& out, int indent, int depth);

void AppendIndent(std::string& out, int indent, int depth) {
    out.push_back('\n');
    out.append(static_cast<size_t>(indent * depth), ' ');
}

void AppendJson(const Value& v, std::string& out, int indent, int depth) {
    switch (v.type()) {
        case Value::Type::kNull: out += "null"; break;
        case Value::Type::kBool: out += v.AsBool() ? "true" : "false"; break;
        case Value::Type::kInt: out += std::to_string(v.AsInt()); break;
        case Value::Type::kFloat: out += FormatJsonFloat(v.AsFloat()); break;
        case Value::Type::kString: out += JsonQuote(v.AsString()); break;
        case Value::Type::kArray: {
            if (v.items().empty()) {
                out += "[]";
                break;
            }
            out.push_back('[');
            bool first = true;
            for (const Value& item : v.items()) {
                if (!first) out.push_back(',');
                first = false;
                if (indent > 0) AppendIndent(out, indent, depth + 1);
                AppendJson(item, out, indent, depth + 1);
            }
            if (indent > 0) AppendIndent(out, indent, depth);
            out.push_back(']');
            break;
        }
        case Value::Type::kObject: {
            if (v.members().empty()) {
                out += "{}";
                break;
            }
            out.push_back('{');
            bool first = true;
            for (const auto& [key, member] : v.members()) {
                if (!first) out.push_back(',');
                first = false;
                if (indent > 0) AppendIndent(out, indent, depth + 1);
                out += JsonQuote(key);
                out += indent > 0 ? ": " : ":";
                AppendJson(member, out, indent, depth + 1);
            }
            if (indent > 0) AppendIndent(out, indent, depth);
            out.push_back('}');
            break;
        }
    }
}

}  // namespace

const Value& Value::Null() {
    static const Value kNull;
    return kNull;
}

Value Value::MakeArray(Array items) {
    Value v = MakeArray();
    v.array_ = std::move(items);
    return v;
}

Value Value::MakeObject(std::initializer_list<Member> members) {
    Value v = MakeObject();
    for (const auto& m : members) v.Set(m.first, m.second);
    return v;
}

void Value::Push(Value v) {
    if (type_ == Type::kNull) type_ = Type::kArray;
    array_.push_back(std::move(v));
}

size_t Value::size() const {
    if (type_ == Type::kArray) return array_.size();
    if (type_ == Type::kObject) return object_.size();
    return 0;
}

const Value* Value::Find(std::string_view key) const {
    if (type_ != Type::kObject) return nullptr;
    auto it = LowerBound(object_, key);
    if (it != object_.end() && it->first == key) return &it->second;
    return nullptr;
}

Value* Value::Find(std::string_view key) {
    return const_cast<Value*>(static_cast<const Value*>(this)->Find(key));
}

const Value& Value::Get(std::string_view key) const {
    const Value* v = Find(key);
    return v ? *v : Null();
}

Value& Value::Set(std::string_view key, Value v) {
    Value& slot = (*this)[key];
    slot = std::move(v);
    return slot;
}

Value& Value::operator[](std::string_view key) {
    if (type_ == Type::kNull) type_ = Type::kObject;
    auto it = std::lower_bound(object_.begin(), object_.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it != object_.end() && it->first == key) return it->second;
    it = object_.insert(it, Member(std::string(key), Value()));
    return it->second;
}

bool Value::Erase(std::string_view key) {
    if (type_ != Type::kObject) return false;
    auto it = std::lower_bound(object_.begin(), object_.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it == object_.end() || it->first != key) return false;
    object_.erase(it);
    return true;
}

std::string Value::GetString(std::string_view key, std::string_view def) const {
    const Value* v = Find(key);
    return v && v->IsString() ? v->AsString() : std::string(def);
}

int64_t Value::GetInt(std::string_view key, int64_t def) const {
    const Value* v = Find(key);
    return v && v->IsNumber() ? v->AsInt() : def;
}

bool Value::GetBool(std::string_view key, bool def) const {
    const Value* v = Find(key);
    return v && v->IsBool() ? v->AsBool() : def;
}

const Value& Value::Path(std::string_view dotted) const {
    const Value* cur = this;
    while (!dotted.empty()) {
        size_t dot = dotted.find('.');
        std::string_view part = dotted.substr(0, dot);
        cur = cur->Find(part);
        if (!cur) return Null();
        if (dot == std::string_view::npos) break;
        dotted.remove_prefix(dot + 1);
    }
    return *cur;
}

bool Value::IsEmpty() const {
    switch (type_) {
        case Type::kNull: return true;
        case Type::kBool: return !AsBool();
        case Type::kInt: return int_ == 0;
        case Type::kFloat: return float_ == 0;
        case Type::kString: return str_.empty();
        case Type::kArray: return array_.empty();
        case Type::kObject: return object_.empty();
    }
    return true;
}

bool Value::operator==(const Value& other) const {
    if (type_ != other.type_) {
        if (IsNumber() && other.IsNumber()) return AsFloat() == other.AsFloat();
        return false;
    }
    switch (type_) {
        case Type::kNull: return true;
        case Type::kBool:
        case Type::kInt: return int_ == other.int_;
        case Type::kFloat: return float_ == other.float_;
        case Type::kString: return str_ == other.str_;
        case Type::kArray: return array_ == other.array_;
        case Type::kObject: return object_ == other.object_;
    }
    return false;
}

std::string Value::ToJson() const {
    std::string out;
    AppendJson(*this, out, 0, 0);
    return out;
}

std::string Value::ToPrettyJson(int indent) const {
    std::string out;
    AppendJson(*this, out, indent, 0);
    return out;
}

std::string JsonQuote(std::string_view s) {
    static const char* kHex = "0123456789abcdef";
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '<':
            case '>':
            case '&':
                out += "\\u00";
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 15]);
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out.push_back(kHex[c >> 4]);
                    out.push_back(kHex[c & 15]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out.push_back('"');
    return out;
}

std::string FormatJsonFloat(double d) {
    if (std::isnan(d) || std::isinf(d)) return "null";
    if (d == std::floor(d) && std::fabs(d) < 1e21) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.0f", d);
        return buf;
    }
    // Shortest representation that round-trips, as Go does.
    char buf[64];
    for (int precision = 1; precision <= 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*g", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    return buf;
}

}  // namespace sts
