// JSON text to Value (nlohmann/json's SAX parser builds the tree), with Go's encoding/json
// error messages from a small scanner that follows Go's scanner states (encoding/json/scanner.go).
#include "manifest/json_internal.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <limits>
#include <vector>

#include "manifest/manifest.h"

namespace sts::manifest {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Go's quoteChar: 'x', '\n', '\'', '"'.
std::string QuoteChar(unsigned char c) {
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    switch (c) {
        case '\n': return "'\\n'";
        case '\r': return "'\\r'";
        case '\t': return "'\\t'";
        case '\a': return "'\\a'";
        case '\b': return "'\\b'";
        case '\f': return "'\\f'";
        case '\v': return "'\\v'";
        case '\\': return "'\\\\'";
        default: break;
    }
    if (c < 0x20 || c == 0x7F) {
        static const char* kHex = "0123456789abcdef";
        return std::string("'\\x") + kHex[c >> 4] + kHex[c & 15] + "'";
    }
    if (c < 0x80) return std::string("'") + static_cast<char>(c) + "'";
    // A byte >= 0x80 is quoted as the rune of the same number (Latin-1).
    std::string out = "'";
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
    return out + "'";
}

class Scanner {
public:
    Scanner(std::string_view text, size_t pos) : s_(text), i_(pos) {}

    JsonScan Run() {
        SkipSpace();
        Value_(0);
        JsonScan r;
        r.ok = !failed_;
        r.eof = eof_;
        r.end = i_;
        r.error_index = error_index_;
        r.message = message_;
        return r;
    }

private:
    bool AtEnd() const { return i_ >= s_.size(); }
    char Cur() const { return s_[i_]; }
    void SkipSpace() {
        while (!AtEnd() && IsSpace(Cur())) ++i_;
    }
    void Fail(const std::string& context) {
        if (failed_) return;
        failed_ = true;
        if (AtEnd()) {
            eof_ = true;
            message_ = "unexpected end of JSON input";
            error_index_ = s_.size();
            return;
        }
        error_index_ = i_;
        message_ = "invalid character " + QuoteChar(static_cast<unsigned char>(Cur())) + " " + context;
    }

    void Value_(int depth) {
        if (failed_) return;
        if (AtEnd()) return Fail("looking for beginning of value");
        char c = Cur();
        if (c == '{') return Object(depth + 1);
        if (c == '[') return Array(depth + 1);
        if (c == '"') return String();
        if (c == '-' || IsDigit(c)) return Number();
        if (c == 't') return Literal("true");
        if (c == 'f') return Literal("false");
        if (c == 'n') return Literal("null");
        Fail("looking for beginning of value");
    }

    bool CheckDepth(int depth) {
        if (depth <= kMaxDepth) return true;
        failed_ = true;
        error_index_ = i_;
        message_ = "exceeded max depth";
        return false;
    }

    void Object(int depth) {
        if (!CheckDepth(depth)) return;
        ++i_;
        SkipSpace();
        if (!AtEnd() && Cur() == '}') {
            ++i_;
            return;
        }
        while (!failed_) {
            if (AtEnd() || Cur() != '"') return Fail("looking for beginning of object key string");
            String();
            if (failed_) return;
            SkipSpace();
            if (AtEnd() || Cur() != ':') return Fail("after object key");
            ++i_;
            SkipSpace();
            Value_(depth);
            if (failed_) return;
            SkipSpace();
            if (AtEnd()) return Fail("after object key:value pair");
            if (Cur() == ',') {
                ++i_;
                SkipSpace();
                continue;
            }
            if (Cur() == '}') {
                ++i_;
                return;
            }
            return Fail("after object key:value pair");
        }
    }

    void Array(int depth) {
        if (!CheckDepth(depth)) return;
        ++i_;
        SkipSpace();
        if (!AtEnd() && Cur() == ']') {
            ++i_;
            return;
        }
        while (!failed_) {
            Value_(depth);
            if (failed_) return;
            SkipSpace();
            if (AtEnd()) return Fail("after array element");
            if (Cur() == ',') {
                ++i_;
                SkipSpace();
                continue;
            }
            if (Cur() == ']') {
                ++i_;
                return;
            }
            return Fail("after array element");
        }
    }

    void String() {
        ++i_;  // opening quote
        while (true) {
            if (AtEnd()) return Fail("in string literal");
            unsigned char c = static_cast<unsigned char>(Cur());
            if (c == '"') {
                ++i_;
                return;
            }
            if (c < 0x20) return Fail("in string literal");
            if (c == '\\') {
                ++i_;
                if (AtEnd()) return Fail("in string escape code");
                char e = Cur();
                if (e == 'u') {
                    ++i_;
                    for (int k = 0; k < 4; ++k) {
                        if (AtEnd() || !IsHex(Cur())) return Fail("in \\u hexadecimal character escape");
                        ++i_;
                    }
                    continue;
                }
                if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' &&
                    e != 't')
                    return Fail("in string escape code");
                ++i_;
                continue;
            }
            ++i_;
        }
    }

    void Number() {
        if (Cur() == '-') {
            ++i_;
            if (AtEnd() || !IsDigit(Cur())) return Fail("in numeric literal");
        }
        if (Cur() == '0') {
            ++i_;
        } else {
            while (!AtEnd() && IsDigit(Cur())) ++i_;
        }
        if (!AtEnd() && Cur() == '.') {
            ++i_;
            if (AtEnd() || !IsDigit(Cur())) return Fail("after decimal point in numeric literal");
            while (!AtEnd() && IsDigit(Cur())) ++i_;
        }
        if (!AtEnd() && (Cur() == 'e' || Cur() == 'E')) {
            ++i_;
            if (!AtEnd() && (Cur() == '+' || Cur() == '-')) ++i_;
            if (AtEnd() || !IsDigit(Cur())) return Fail("in exponent of numeric literal");
            while (!AtEnd() && IsDigit(Cur())) ++i_;
        }
    }

    void Literal(std::string_view word) {
        ++i_;
        for (size_t k = 1; k < word.size(); ++k) {
            if (AtEnd() || Cur() != word[k]) {
                return Fail("in literal " + std::string(word) + " (expecting '" + word[k] + "')");
            }
            ++i_;
        }
    }

    std::string_view s_;
    size_t i_;
    bool failed_ = false;
    bool eof_ = false;
    size_t error_index_ = 0;
    std::string message_;
};

// Builds a Value from nlohmann's SAX events; numbers as Go's UseNumber decoding sees them.
class ValueBuilder : public nlohmann::json_sax<nlohmann::json> {
public:
    bool null() override { return Add(Value()); }
    bool boolean(bool b) override { return Add(Value(b)); }
    bool number_integer(number_integer_t v) override { return Add(Value(static_cast<int64_t>(v))); }
    bool number_unsigned(number_unsigned_t v) override {
        if (v <= static_cast<number_unsigned_t>(std::numeric_limits<int64_t>::max()))
            return Add(Value(static_cast<int64_t>(v)));
        return Add(Value(static_cast<double>(v)));
    }
    bool number_float(number_float_t v, const string_t&) override { return Add(Value(static_cast<double>(v))); }
    bool string(string_t& s) override { return Add(Value(std::move(s))); }
    bool binary(binary_t&) override { return Add(Value()); }
    bool start_object(std::size_t) override {
        if (!Count()) return false;
        stack_.push_back(Value::MakeObject());
        keys_.emplace_back();
        return true;
    }
    bool key(string_t& k) override {
        keys_.back() = std::move(k);
        return true;
    }
    bool end_object() override { return Close(); }
    bool start_array(std::size_t) override {
        if (!Count()) return false;
        stack_.push_back(Value::MakeArray());
        keys_.emplace_back();
        return true;
    }
    bool end_array() override { return Close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        error_ = ex.what();
        return false;
    }

    Value TakeResult() { return std::move(result_); }
    const std::string& error() const { return error_; }

private:
    bool Count() {
        if (++nodes_ <= kMaxNodes) return true;
        error_ = "document too large: more than " + std::to_string(kMaxNodes) + " values";
        return false;
    }
    bool Add(Value v) {
        if (v.IsNull() || v.IsBool() || v.IsNumber() || v.IsString()) {
            if (!Count()) return false;
        }
        if (stack_.empty()) {
            result_ = std::move(v);
            return true;
        }
        Value& top = stack_.back();
        if (top.IsArray()) top.Push(std::move(v));
        else top.Set(keys_.back(), std::move(v));
        return true;
    }
    bool Close() {
        Value done = std::move(stack_.back());
        stack_.pop_back();
        keys_.pop_back();
        return Add(std::move(done));
    }

    std::vector<Value> stack_;
    std::vector<std::string> keys_;
    Value result_;
    std::string error_;
    size_t nodes_ = 0;
};

}  // namespace

JsonScan ScanJsonValue(std::string_view text, size_t pos) { return Scanner(text, pos).Run(); }

std::string SanitizeUtf8ForJson(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    size_t i = 0;
    auto at = [&](size_t k) -> unsigned char { return k < s.size() ? static_cast<unsigned char>(s[k]) : 0; };
    while (i < s.size()) {
        unsigned char c = at(i);
        size_t n = 0;
        if (c < 0x80) n = 1;
        else if (c >= 0xC2 && c <= 0xDF) n = (at(i + 1) & 0xC0) == 0x80 ? 2 : 0;
        else if (c >= 0xE0 && c <= 0xEF) {
            unsigned char lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
            n = (at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80) ? 3 : 0;
        } else if (c >= 0xF0 && c <= 0xF4) {
            unsigned char lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
            n = (at(i + 1) >= lo && at(i + 1) <= hi && (at(i + 2) & 0xC0) == 0x80 && (at(i + 3) & 0xC0) == 0x80)
                    ? 4
                    : 0;
        }
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

Parsed BuildJsonValue(std::string_view text) {
    Parsed out;
    try {
        std::string clean = SanitizeUtf8ForJson(text);
        ValueBuilder builder;
        bool ok = nlohmann::json::sax_parse(clean, &builder, nlohmann::json::input_format_t::json, true);
        if (!ok) {
            // The size limit, or escapes Go tolerates and nlohmann does not (lone UTF-16 surrogates).
            out.error = builder.error();
            return out;
        }
        out.value = builder.TakeResult();
    } catch (const std::exception& e) {
        out.error = e.what();
    } catch (...) {
        out.error = "invalid JSON";
    }
    return out;
}

Parsed ParseJson(std::string_view text) {
    Parsed out;
    if (text.size() > kMaxInputBytes) {
        out.error = "input too large: " + std::to_string(text.size()) + " bytes (the limit is " +
                    std::to_string(kMaxInputBytes) + ")";
        return out;
    }
    JsonScan scan = ScanJsonValue(text, 0);
    if (!scan.ok) {
        out.error = scan.message;
        return out;
    }
    size_t i = scan.end;
    while (i < text.size() && IsSpace(text[i])) ++i;
    if (i < text.size()) {
        out.error = "invalid character " + QuoteChar(static_cast<unsigned char>(text[i])) + " after top-level value";
        return out;
    }
    return BuildJsonValue(text.substr(0, scan.end));
}

}  // namespace sts::manifest
