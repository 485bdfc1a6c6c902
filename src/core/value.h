// A JSON value tree: the shape every Kubernetes object takes on the wire.
//
// Objects keep their keys sorted, because kubectl prints JSON and YAML with sorted keys
// (it decodes into maps before printing), and because sorted keys make hashing canonical.
// This type is the engine's own: the engine never sees yaml-cpp or nlohmann.
//
// Strings, arrays and objects live in reference-counted nodes. Copying a Value shares its node;
// the first write through a Value whose node is shared gives it its own copy of that one node
// (the children stay shared until they are written in turn). Every write to a cluster object
// copies the object (a Pod status update copies the Pod), and the Raw parts it carries almost
// never change, so sharing them saves an allocation per string, array and object per copy.
// A consequence to keep in mind: a reference obtained from a mutable accessor must not be
// written through after the Value it came from (or one of its parents) has been copied.
#pragma once

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sts {

class Value {
public:
    enum class Type : uint8_t { kNull, kBool, kInt, kFloat, kString, kArray, kObject };
    using Array = std::vector<Value>;
    using Member = std::pair<std::string, Value>;
    using Object = std::vector<Member>;  // sorted by key, unique keys

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : type_(Type::kBool) { u_.i = b ? 1 : 0; }
    Value(int v) : type_(Type::kInt) { u_.i = v; }
    Value(int64_t v) : type_(Type::kInt) { u_.i = v; }
    Value(double v) : type_(Type::kFloat) { u_.d = v; }
    Value(const char* s) : type_(Type::kString) { u_.s = new StringNode(s); }
    Value(std::string s) : type_(Type::kString) { u_.s = new StringNode(std::move(s)); }
    Value(std::string_view s) : type_(Type::kString) { u_.s = new StringNode(s); }
    Value(const Value& other) { CopyFrom(other); }
    Value(Value&& other) noexcept : type_(other.type_), u_(other.u_) {
        other.type_ = Type::kNull;
        other.u_.i = 0;
    }
    Value& operator=(const Value& other) {
        if (this != &other) {
            Value tmp(other);
            Swap(tmp);
        }
        return *this;
    }
    Value& operator=(Value&& other) noexcept {
        if (this != &other) {
            Release();
            type_ = other.type_;
            u_ = other.u_;
            other.type_ = Type::kNull;
            other.u_.i = 0;
        }
        return *this;
    }
    ~Value() { Release(); }
    void Swap(Value& other) noexcept {
        std::swap(type_, other.type_);
        std::swap(u_, other.u_);
    }

    static Value MakeArray() {
        Value v;
        v.type_ = Type::kArray;
        v.u_.a = new ArrayNode();
        return v;
    }
    static Value MakeObject() {
        Value v;
        v.type_ = Type::kObject;
        v.u_.o = new ObjectNode();
        return v;
    }
    static Value MakeArray(Array items);
    // Builds an object from key/value pairs in any order (later duplicates win).
    static Value MakeObject(std::initializer_list<Member> members);

    Type type() const { return type_; }
    bool IsNull() const { return type_ == Type::kNull; }
    bool IsBool() const { return type_ == Type::kBool; }
    bool IsInt() const { return type_ == Type::kInt; }
    bool IsFloat() const { return type_ == Type::kFloat; }
    bool IsNumber() const { return type_ == Type::kInt || type_ == Type::kFloat; }
    bool IsString() const { return type_ == Type::kString; }
    bool IsArray() const { return type_ == Type::kArray; }
    bool IsObject() const { return type_ == Type::kObject; }

    bool AsBool() const { return (type_ == Type::kBool || type_ == Type::kInt) && u_.i != 0; }
    int64_t AsInt() const {
        return type_ == Type::kFloat ? static_cast<int64_t>(u_.d) : type_ == Type::kInt ? u_.i : 0;
    }
    double AsFloat() const {
        return type_ == Type::kInt ? static_cast<double>(u_.i) : type_ == Type::kFloat ? u_.d : 0.0;
    }
    // The string, or an empty string for non-strings.
    const std::string& AsString() const { return type_ == Type::kString ? u_.s->value : EmptyString(); }
    // Turns this into a string (if it is not one) and returns it for editing.
    std::string& MutableString();

    // Arrays (a non-array reads as empty).
    const Array& items() const { return type_ == Type::kArray ? u_.a->value : EmptyArray(); }
    // Turns a null into an array and returns the items for editing.
    Array& MutableItems();
    void Push(Value v);
    size_t size() const;  // items or members; 0 for scalars
    const Value& operator[](size_t i) const { return items()[i]; }
    Value& operator[](size_t i) { return MutableItems()[i]; }

    // Objects (a non-object reads as empty).
    const Object& members() const { return type_ == Type::kObject ? u_.o->value : EmptyObject(); }
    // Turns a null into an object and returns the members for editing.
    Object& MutableMembers();
    // Returns the member or nullptr when absent (or when this is not an object).
    const Value* Find(std::string_view key) const;
    Value* Find(std::string_view key);
    bool Has(std::string_view key) const { return Find(key) != nullptr; }
    // Returns the member, or a shared null when absent; chains safely: v.Get("a").Get("b").
    const Value& Get(std::string_view key) const;
    // Inserts or replaces; turns a null into an object first.
    Value& Set(std::string_view key, Value v);
    // Returns the member, inserting null if absent; turns a null into an object first.
    Value& operator[](std::string_view key);
    bool Erase(std::string_view key);

    // Convenience lookups with defaults.
    std::string GetString(std::string_view key, std::string_view def = {}) const;
    int64_t GetInt(std::string_view key, int64_t def = 0) const;
    bool GetBool(std::string_view key, bool def = false) const;
    // Walks a dotted path of object keys ("spec.template.metadata").
    const Value& Path(std::string_view dotted) const;

    // An "empty" value in Go's omitempty sense: null, false, 0, "", [] or {}.
    bool IsEmpty() const;

    bool operator==(const Value& other) const;
    bool operator!=(const Value& other) const { return !(*this == other); }

    // Compact JSON with sorted keys (canonical form, used for hashing and annotations).
    std::string ToJson() const;
    // Indented JSON as kubectl -o json prints it (4 spaces, ": " separator).
    std::string ToPrettyJson(int indent = 4) const;

    static const Value& Null();

private:
    static const std::string& EmptyString();
    static const Array& EmptyArray();
    static const Object& EmptyObject();
    void CopyFrom(const Value& other);
    void Release();
    // Gives this Value its own copy of its node if the node is shared.
    void Unshare();

    // Atomic counts: a Value built once (a static default) may be copied from several threads.
    template <class T>
    struct Node {
        template <class... Args>
        explicit Node(Args&&... args) : value(std::forward<Args>(args)...) {}
        std::atomic<uint32_t> refs{1};
        T value;
    };
    using StringNode = Node<std::string>;
    using ArrayNode = Node<Array>;
    using ObjectNode = Node<Object>;

    // 16 bytes: the engine keeps many Raw (uninterpreted) fields that are usually null.
    Type type_ = Type::kNull;
    union Payload {
        int64_t i;
        double d;
        StringNode* s;
        ArrayNode* a;
        ObjectNode* o;
    } u_{0};
};

// Quotes a string as JSON does (Go's encoding/json escaping of <, >, & included).
std::string JsonQuote(std::string_view s);

// Formats a float as Go's strconv.FormatFloat(f, 'g', -1, 64) would in JSON output.
std::string FormatJsonFloat(double d);

}  // namespace sts
