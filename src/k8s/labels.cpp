#include "k8s/labels.h"

#include <algorithm>

#include "core/strings.h"

namespace sts::k8s {

namespace {

bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

class SelectorLexer {
public:
    explicit SelectorLexer(std::string_view s) : s_(s) {}
    void SkipSpace() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t')) ++pos_;
    }
    bool AtEnd() {
        SkipSpace();
        return pos_ >= s_.size();
    }
    char Peek() {
        SkipSpace();
        return pos_ < s_.size() ? s_[pos_] : '\0';
    }
    bool Consume(std::string_view tok) {
        SkipSpace();
        if (s_.substr(pos_, tok.size()) == tok) {
            pos_ += tok.size();
            return true;
        }
        return false;
    }
    // An identifier: anything up to a delimiter.
    std::string Word() {
        SkipSpace();
        size_t start = pos_;
        while (pos_ < s_.size()) {
            char c = s_[pos_];
            if (c == ' ' || c == '\t' || c == ',' || c == '=' || c == '!' || c == '(' || c == ')') break;
            ++pos_;
        }
        return std::string(s_.substr(start, pos_ - start));
    }
    size_t pos() const { return pos_; }

private:
    std::string_view s_;
    size_t pos_ = 0;
};

std::string OpString(Requirement::Op op) {
    switch (op) {
        case Requirement::Op::kEquals: return "=";
        case Requirement::Op::kNotEquals: return "!=";
        case Requirement::Op::kIn: return " in ";
        case Requirement::Op::kNotIn: return " notin ";
        default: return "";
    }
}

}  // namespace

bool Selector::Matches(const StringMap& labels) const {
    for (const auto& r : requirements) {
        const std::string* v = labels.Find(r.key);
        switch (r.op) {
            case Requirement::Op::kEquals:
            case Requirement::Op::kIn:
                if (!v || std::find(r.values.begin(), r.values.end(), *v) == r.values.end()) return false;
                break;
            case Requirement::Op::kNotEquals:
            case Requirement::Op::kNotIn:
                if (v && std::find(r.values.begin(), r.values.end(), *v) != r.values.end()) return false;
                break;
            case Requirement::Op::kExists:
                if (!v) return false;
                break;
            case Requirement::Op::kDoesNotExist:
                if (v) return false;
                break;
        }
    }
    return true;
}

std::string Selector::String() const {
    std::vector<std::string> parts;
    for (const auto& r : requirements) {
        switch (r.op) {
            case Requirement::Op::kExists: parts.push_back(r.key); break;
            case Requirement::Op::kDoesNotExist: parts.push_back("!" + r.key); break;
            case Requirement::Op::kIn:
            case Requirement::Op::kNotIn: {
                std::vector<std::string> vals = r.values;
                std::sort(vals.begin(), vals.end());
                parts.push_back(r.key + OpString(r.op) + "(" + Join(vals, ",") + ")");
                break;
            }
            default: parts.push_back(r.key + OpString(r.op) + (r.values.empty() ? "" : r.values[0]));
        }
    }
    return Join(parts, ",");
}

bool ParseSelector(std::string_view text, Selector* out, std::string* error) {
    out->requirements.clear();
    if (TrimView(text).empty()) return true;
    if (text.size() > 4096) {
        *error = "unable to parse requirement: selector is too long";
        return false;
    }
    SelectorLexer lex(text);
    while (true) {
        Requirement r;
        if (lex.Consume("!")) {
            r.key = lex.Word();
            r.op = Requirement::Op::kDoesNotExist;
        } else {
            r.key = lex.Word();
            if (lex.Consume("==") || lex.Consume("=")) {
                r.op = Requirement::Op::kEquals;
                r.values.push_back(lex.Word());
            } else if (lex.Consume("!=")) {
                r.op = Requirement::Op::kNotEquals;
                r.values.push_back(lex.Word());
            } else if (lex.Peek() == ',' || lex.AtEnd()) {
                r.op = Requirement::Op::kExists;
            } else {
                std::string word = lex.Word();
                if (word != "in" && word != "notin") {
                    *error = "unable to parse requirement: found '" + word + "', expected: in, notin, =, ==, !=, gt, lt";
                    return false;
                }
                r.op = word == "in" ? Requirement::Op::kIn : Requirement::Op::kNotIn;
                if (!lex.Consume("(")) {
                    *error = "unable to parse requirement: found '" + std::string(1, lex.Peek()) + "', expected: '('";
                    return false;
                }
                while (!lex.Consume(")")) {
                    if (lex.AtEnd()) {
                        *error = "unable to parse requirement: found '', expected: ',', ')' or identifier";
                        return false;
                    }
                    std::string v = lex.Word();
                    if (!v.empty()) r.values.push_back(v);
                    if (!lex.Consume(",") && lex.Peek() != ')') {
                        *error = "unable to parse requirement: found '" + std::string(1, lex.Peek()) +
                                 "', expected: ',', ')' or identifier";
                        return false;
                    }
                }
            }
        }
        if (r.key.empty()) {
            *error = "unable to parse requirement: <nil>: Invalid value: \"\": name part must be non-empty";
            return false;
        }
        auto key_errors = ValidateLabelKey(r.key);
        if (!key_errors.empty()) {
            *error = "unable to parse requirement: <nil>: Invalid value: \"" + r.key + "\": " + key_errors[0];
            return false;
        }
        for (const auto& v : r.values) {
            auto value_errors = ValidateLabelValue(v);
            if (!value_errors.empty()) {
                *error = "unable to parse requirement: values[0][" + r.key + "]: Invalid value: \"" + v +
                         "\": " + value_errors[0];
                return false;
            }
        }
        out->requirements.push_back(std::move(r));
        if (lex.AtEnd()) break;
        if (!lex.Consume(",")) {
            *error = "unable to parse requirement: found '" + std::string(1, lex.Peek()) + "', expected: ',' or 'end of string'";
            return false;
        }
    }
    // The API sorts requirements by key.
    std::stable_sort(out->requirements.begin(), out->requirements.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
    return true;
}

bool SelectorFromLabelSelector(const LabelSelector& ls, Selector* out, std::string* error) {
    out->requirements.clear();
    for (const auto& [k, v] : ls.match_labels)
        out->requirements.push_back({k, Requirement::Op::kEquals, {v}});
    for (const auto& e : ls.match_expressions) {
        Requirement r;
        r.key = e.key;
        r.values = e.values;
        if (e.operator_ == "In") r.op = Requirement::Op::kIn;
        else if (e.operator_ == "NotIn") r.op = Requirement::Op::kNotIn;
        else if (e.operator_ == "Exists") r.op = Requirement::Op::kExists;
        else if (e.operator_ == "DoesNotExist") r.op = Requirement::Op::kDoesNotExist;
        else {
            *error = "\"" + e.operator_ + "\" is not a valid label selector operator";
            return false;
        }
        out->requirements.push_back(std::move(r));
    }
    std::stable_sort(out->requirements.begin(), out->requirements.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
    return true;
}

bool SelectorMatches(const LabelSelector& selector, const StringMap& labels) {
    Selector s;
    std::string error;
    if (!SelectorFromLabelSelector(selector, &s, &error)) return false;
    return s.Matches(labels);
}

bool MapSelectorMatches(const StringMap& selector, const StringMap& labels) {
    if (selector.empty()) return false;
    for (const auto& [k, v] : selector) {
        const std::string* have = labels.Find(k);
        if (!have || *have != v) return false;
    }
    return true;
}

std::string SelectorString(const LabelSelector& selector) {
    Selector s;
    std::string error;
    if (!SelectorFromLabelSelector(selector, &s, &error)) return "";
    return s.String();
}

std::vector<std::string> ValidateLabelKey(std::string_view key) {
    std::vector<std::string> errs;
    std::string_view name = key;
    size_t slash = key.find('/');
    if (slash != std::string_view::npos) {
        std::string_view prefix = key.substr(0, slash);
        name = key.substr(slash + 1);
        if (prefix.empty()) errs.push_back("prefix part must be non-empty");
        else if (prefix.size() > 253) errs.push_back("prefix part must be no more than 253 characters");
    }
    if (name.empty()) {
        errs.push_back("name part must be non-empty");
        return errs;
    }
    if (name.size() > 63) errs.push_back("name part must be no more than 63 characters");
    bool ok = IsAlnum(name.front()) && IsAlnum(name.back());
    for (char c : name) ok = ok && (IsAlnum(c) || c == '-' || c == '_' || c == '.');
    if (!ok)
        errs.push_back(
            "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
            "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
    return errs;
}

std::vector<std::string> ValidateLabelValue(std::string_view value) {
    std::vector<std::string> errs;
    if (value.empty()) return errs;
    if (value.size() > 63) errs.push_back("must be no more than 63 characters");
    bool ok = IsAlnum(value.front()) && IsAlnum(value.back());
    for (char c : value) ok = ok && (IsAlnum(c) || c == '-' || c == '_' || c == '.');
    if (!ok)
        errs.push_back(
            "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and "
            "must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
            "regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    return errs;
}

}  // namespace sts::k8s
