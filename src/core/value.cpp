#include "core/value.h"

#include "core/yaml_scalar.h"

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

const std::string& Value::EmptyString() {
    static const std::string kEmpty;
    return kEmpty;
}

const Value::Array& Value::EmptyArray() {
    static const Array kEmpty;
    return kEmpty;
}

const Value::Object& Value::EmptyObject() {
    static const Object kEmpty;
    return kEmpty;
}

void Value::CopyFrom(const Value& other) {
    type_ = other.type_;
    u_ = other.u_;
    switch (type_) {
        case Type::kString: u_.s->refs.fetch_add(1, std::memory_order_relaxed); break;
        case Type::kArray: u_.a->refs.fetch_add(1, std::memory_order_relaxed); break;
        case Type::kObject: u_.o->refs.fetch_add(1, std::memory_order_relaxed); break;
        default: break;
    }
}

void Value::Release() {
    switch (type_) {
        case Type::kString:
            if (u_.s->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.s;
            break;
        case Type::kArray:
            if (u_.a->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.a;
            break;
        case Type::kObject:
            if (u_.o->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete u_.o;
            break;
        default: break;
    }
    type_ = Type::kNull;
    u_.i = 0;
}

void Value::Unshare() {
    Payload own = u_;
    switch (type_) {
        case Type::kString:
            if (u_.s->refs.load(std::memory_order_acquire) == 1) return;
            own.s = new StringNode(u_.s->value);
            break;
        case Type::kArray:
            if (u_.a->refs.load(std::memory_order_acquire) == 1) return;
            own.a = new ArrayNode(u_.a->value);
            break;
        case Type::kObject:
            if (u_.o->refs.load(std::memory_order_acquire) == 1) return;
            own.o = new ObjectNode(u_.o->value);
            break;
        default: return;
    }
    const Type type = type_;
    Release();
    type_ = type;
    u_ = own;
}

std::string& Value::MutableString() {
    if (type_ != Type::kString) *this = Value(std::string());
    Unshare();
    return u_.s->value;
}

Value::Array& Value::MutableItems() {
    if (type_ != Type::kArray) *this = MakeArray();
    Unshare();
    return u_.a->value;
}

Value::Object& Value::MutableMembers() {
    if (type_ != Type::kObject) *this = MakeObject();
    Unshare();
    return u_.o->value;
}

Value Value::MakeArray(Array items) {
    Value v = MakeArray();
    v.u_.a->value = std::move(items);
    return v;
}

Value Value::MakeObject(std::initializer_list<Member> members) {
    Value v = MakeObject();
    for (const auto& m : members) v.Set(m.first, m.second);
    return v;
}

void Value::Push(Value v) { MutableItems().push_back(std::move(v)); }

size_t Value::size() const {
    if (type_ == Type::kArray) return u_.a->value.size();
    if (type_ == Type::kObject) return u_.o->value.size();
    return 0;
}

const Value* Value::Find(std::string_view key) const {
    if (type_ != Type::kObject) return nullptr;
    const Object& obj = u_.o->value;
    auto it = LowerBound(obj, key);
    if (it != obj.end() && it->first == key) return &it->second;
    return nullptr;
}

Value* Value::Find(std::string_view key) {
    if (type_ != Type::kObject) return nullptr;
    Unshare();  // the caller may write through the result
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
    Object& obj = MutableMembers();
    auto it = std::lower_bound(obj.begin(), obj.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it != obj.end() && it->first == key) return it->second;
    it = obj.insert(it, Member(std::string(key), Value()));
    return it->second;
}

bool Value::Erase(std::string_view key) {
    if (!static_cast<const Value*>(this)->Find(key)) return false;
    Object& obj = MutableMembers();
    auto it = std::lower_bound(obj.begin(), obj.end(), key,
                               [](const Member& m, std::string_view k) { return m.first < k; });
    if (it == obj.end() || it->first != key) return false;
    obj.erase(it);
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
        case Type::kInt: return u_.i == 0;
        case Type::kFloat: return u_.d == 0;
        case Type::kString: return u_.s->value.empty();
        case Type::kArray: return u_.a->value.empty();
        case Type::kObject: return u_.o->value.empty();
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
        case Type::kInt: return u_.i == other.u_.i;
        case Type::kFloat: return u_.d == other.u_.d;
        case Type::kString: return u_.s == other.u_.s || u_.s->value == other.u_.s->value;
        case Type::kArray: return u_.a == other.u_.a || u_.a->value == other.u_.a->value;
        case Type::kObject: return u_.o == other.u_.o || u_.o->value == other.u_.o->value;
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
    // encoding/json: 'f' format, or 'e' outside [1e-6, 1e21), with "e-09" cleaned to "e-9".
    if (std::isnan(d) || std::isinf(d)) return "null";
    const double abs = std::fabs(d);
    const char fmt = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
    std::string out = FormatGoFloat(d, fmt);
    const size_t n = out.size();
    if (fmt == 'e' && n >= 4 && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') {
        out[n - 2] = out[n - 1];
        out.pop_back();
    }
    return out;
}

}  // namespace sts
