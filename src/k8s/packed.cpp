#include "k8s/packed.h"

namespace sts::k8s::packed_detail {

std::string& Scratch() {
    thread_local std::string scratch;
    return scratch;
}

void Writer::PackValue(const Value& v) {
    Byte(static_cast<uint8_t>(v.type()));
    switch (v.type()) {
        case Value::Type::kNull: break;
        case Value::Type::kBool: Byte(v.AsBool() ? 1 : 0); break;
        case Value::Type::kInt: Varint(ZigZag(v.AsInt())); break;
        case Value::Type::kFloat: {
            // The IEEE bits, little-endian on every platform the engine builds for.
            const double d = v.AsFloat();
            uint64_t bits;
            std::memcpy(&bits, &d, sizeof bits);
            for (int i = 0; i < 8; ++i) Byte(static_cast<uint8_t>(bits >> (8 * i)));
            break;
        }
        case Value::Type::kString: Bytes(v.AsString()); break;
        case Value::Type::kArray:
            Varint(v.items().size());
            for (const Value& item : v.items()) PackValue(item);
            break;
        case Value::Type::kObject:
            Varint(v.members().size());
            for (const auto& [key, member] : v.members()) {
                Bytes(key);
                PackValue(member);
            }
            break;
    }
}

void Reader::UnpackValue(Value& out) {
    switch (static_cast<Value::Type>(Byte())) {
        case Value::Type::kNull: out = Value(); break;
        case Value::Type::kBool: out = Value(Byte() != 0); break;
        case Value::Type::kInt: out = Value(UnZigZag(Varint())); break;
        case Value::Type::kFloat: {
            uint64_t bits = 0;
            for (int i = 0; i < 8; ++i) bits |= static_cast<uint64_t>(Byte()) << (8 * i);
            double d;
            std::memcpy(&d, &bits, sizeof d);
            out = Value(d);
            break;
        }
        case Value::Type::kString: {
            std::string s;
            Bytes(s);
            out = Value(std::move(s));
            break;
        }
        case Value::Type::kArray: {
            out = Value::MakeArray();
            Value::Array& items = out.MutableItems();
            items.resize(Count());
            for (Value& item : items) UnpackValue(item);
            break;
        }
        case Value::Type::kObject: {
            out = Value::MakeObject();
            Value::Object& members = out.MutableMembers();
            const size_t n = Count();
            members.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                std::string key;
                Bytes(key);
                Value member;
                UnpackValue(member);
                members.emplace_back(std::move(key), std::move(member));
            }
            break;
        }
        default: out = Value(); break;
    }
}

}  // namespace sts::k8s::packed_detail
