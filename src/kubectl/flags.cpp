// pflag's parser (github.com/spf13/pflag flag.go parseArgs / parseLongArg / parseShortArg) and
// its value types' error texts (strconv.ParseBool, strconv.ParseInt, time.ParseDuration).
#include "kubectl/flags.h"

#include <algorithm>

#include "core/strings.h"

namespace sts::kubectl {

void FlagSet::Add(FlagDef def) {
    if (def.kind == FlagKind::kBool && def.no_opt_default.empty()) def.no_opt_default = "true";
    values_[def.name] = def.default_value;
    defs_.push_back(std::move(def));
}

void FlagSet::Bool(const std::string& name, char shorthand, bool def, std::string usage) {
    Add({name, shorthand, FlagKind::kBool, def ? "true" : "false", "true", std::move(usage)});
}
void FlagSet::String(const std::string& name, char shorthand, std::string def, std::string usage) {
    Add({name, shorthand, FlagKind::kString, std::move(def), "", std::move(usage)});
}
void FlagSet::Int(const std::string& name, char shorthand, int64_t def, std::string usage) {
    Add({name, shorthand, FlagKind::kInt, std::to_string(def), "", std::move(usage)});
}
void FlagSet::Dur(const std::string& name, std::string def, std::string usage) {
    Add({name, 0, FlagKind::kDuration, std::move(def), "", std::move(usage)});
}
void FlagSet::Array(const std::string& name, char shorthand, std::string usage) {
    Add({name, shorthand, FlagKind::kStringArray, "", "", std::move(usage)});
}
void FlagSet::Slice(const std::string& name, char shorthand, std::string usage) {
    Add({name, shorthand, FlagKind::kStringSlice, "", "", std::move(usage)});
}

const FlagDef* FlagSet::Lookup(const std::string& name) const {
    for (const auto& d : defs_) {
        if (d.name == name) return &d;
    }
    return nullptr;
}

const FlagDef* FlagSet::LookupShort(char c) const {
    for (const auto& d : defs_) {
        if (d.shorthand == c) return &d;
    }
    return nullptr;
}

std::string FlagSet::DisplayName(const FlagDef& def) const {
    if (def.shorthand) return std::string("-") + def.shorthand + ", --" + def.name;
    return "--" + def.name;
}

namespace {

// Go's time.ParseDuration for the common forms ("30s", "1m30s", "2h", "500ms", "0").
bool ParseGoDurationStrict(const std::string& s, Duration* out) {
    if (s == "0") {
        *out = 0;
        return true;
    }
    if (s.empty()) return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i >= s.size()) return false;
    double total = 0;
    while (i < s.size()) {
        size_t j = i;
        while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
        if (j == i) return false;
        double n = std::strtod(s.substr(i, j - i).c_str(), nullptr);
        size_t k = j;
        while (k < s.size() && !((s[k] >= '0' && s[k] <= '9') || s[k] == '.')) ++k;
        std::string unit = s.substr(j, k - j);
        double ms;
        if (unit == "ns") ms = n / 1e6;
        else if (unit == "us" || unit == "µs") ms = n / 1e3;
        else if (unit == "ms") ms = n;
        else if (unit == "s") ms = n * 1000;
        else if (unit == "m") ms = n * 60000;
        else if (unit == "h") ms = n * 3600000;
        else return false;
        total += ms;
        i = k;
    }
    if (total > 9.2e15) return false;
    *out = static_cast<Duration>(neg ? -total : total);
    return true;
}

bool ParseGoBool(const std::string& s, bool* out) {
    if (s == "1" || s == "t" || s == "T" || s == "TRUE" || s == "true" || s == "True") {
        *out = true;
        return true;
    }
    if (s == "0" || s == "f" || s == "F" || s == "FALSE" || s == "false" || s == "False") {
        *out = false;
        return true;
    }
    return false;
}

// encoding/csv reading of a string-slice flag value ("a,b", "\"a,b\",c").
std::vector<std::string> SplitCsv(const std::string& s) {
    std::vector<std::string> out;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (quoted) {
            if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
                cur += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cur += c;
            }
        } else if (c == '"' && cur.empty()) {
            quoted = true;
        } else if (c == ',') {
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

}  // namespace

bool FlagSet::Set(const FlagDef& def, const std::string& value, std::string* error) {
    auto invalid = [&](const std::string& why) {
        *error = "invalid argument \"" + value + "\" for \"" + DisplayName(def) + "\" flag: " + why;
        return false;
    };
    switch (def.kind) {
    case FlagKind::kBool: {
        bool b = false;
        if (!ParseGoBool(value, &b)) return invalid("strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        values_[def.name] = b ? "true" : "false";
        break;
    }
    case FlagKind::kInt: {
        int64_t n = 0;
        std::string v = value;
        if (!ParseInt64(v, &n)) {
            if (v.size() > 18 && std::all_of(v.begin() + (v[0] == '-' ? 1 : 0), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
                return invalid("strconv.ParseInt: parsing \"" + value + "\": value out of range");
            }
            return invalid("strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
        }
        values_[def.name] = std::to_string(n);
        break;
    }
    case FlagKind::kDuration: {
        Duration d = 0;
        if (!ParseGoDurationStrict(value, &d)) {
            bool has_unit = false;
            for (char c : value) {
                if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) has_unit = true;
            }
            if (!value.empty() && !has_unit) return invalid("time: missing unit in duration \"" + value + "\"");
            return invalid("time: invalid duration \"" + value + "\"");
        }
        values_[def.name] = std::to_string(d) + "ms";
        break;
    }
    case FlagKind::kStringArray:
        if (!changed_[def.name]) lists_[def.name].clear();
        lists_[def.name].push_back(value);
        break;
    case FlagKind::kStringSlice: {
        if (!changed_[def.name]) lists_[def.name].clear();
        for (auto& piece : SplitCsv(value)) lists_[def.name].push_back(piece);
        break;
    }
    case FlagKind::kString:
        values_[def.name] = value;
        break;
    }
    changed_[def.name] = true;
    return true;
}

bool FlagSet::Parse(const std::vector<std::string>& args, std::string* error) {
    args_.clear();
    args_len_at_dash_ = -1;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a.size() < 2 || a[0] != '-') {
            args_.push_back(a);
            continue;
        }
        if (a == "--") {
            args_len_at_dash_ = static_cast<int>(args_.size());
            for (size_t k = i + 1; k < args.size(); ++k) args_.push_back(args[k]);
            return true;
        }
        if (a[1] == '-') {
            std::string body = a.substr(2);
            if (body.empty() || body[0] == '-' || body[0] == '=') {
                *error = "bad flag syntax: " + a;
                return false;
            }
            size_t eq = body.find('=');
            std::string name = body.substr(0, eq);
            const FlagDef* def = Lookup(name);
            if (!def) {
                *error = "unknown flag: --" + name;
                return false;
            }
            std::string value;
            if (eq != std::string::npos) {
                value = body.substr(eq + 1);
            } else if (!def->no_opt_default.empty()) {
                value = def->no_opt_default;
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                *error = "flag needs an argument: " + a;
                return false;
            }
            if (!Set(*def, value, error)) return false;
            continue;
        }
        // Shorthands: -abc, -nfoo, -n foo, -n=foo.
        std::string shorts = a.substr(1);
        for (size_t k = 0; k < shorts.size(); ++k) {
            char c = shorts[k];
            const FlagDef* def = LookupShort(c);
            if (!def) {
                *error = std::string("unknown shorthand flag: '") + c + "' in -" + shorts;
                return false;
            }
            std::string value;
            if (k + 1 < shorts.size() && shorts[k + 1] == '=') {
                value = shorts.substr(k + 2);
                if (!Set(*def, value, error)) return false;
                break;
            }
            if (!def->no_opt_default.empty()) {
                if (!Set(*def, def->no_opt_default, error)) return false;
                continue;
            }
            if (k + 1 < shorts.size()) {
                value = shorts.substr(k + 1);
            } else if (i + 1 < args.size()) {
                value = args[++i];
            } else {
                *error = std::string("flag needs an argument: '") + c + "' in -" + shorts;
                return false;
            }
            if (!Set(*def, value, error)) return false;
            break;
        }
    }
    return true;
}

bool FlagSet::Has(const std::string& name) const { return Lookup(name) != nullptr; }

bool FlagSet::Changed(const std::string& name) const {
    auto it = changed_.find(name);
    return it != changed_.end() && it->second;
}

std::string FlagSet::GetString(const std::string& name) const {
    auto it = values_.find(name);
    return it == values_.end() ? "" : it->second;
}

bool FlagSet::GetBool(const std::string& name) const { return GetString(name) == "true"; }

int64_t FlagSet::GetInt(const std::string& name) const {
    int64_t n = 0;
    ParseInt64(GetString(name), &n);
    return n;
}

Duration FlagSet::GetDuration(const std::string& name) const {
    std::string v = GetString(name);
    Duration d = 0;
    if (v.size() > 2 && v.compare(v.size() - 2, 2, "ms") == 0 && ParseInt64(v.substr(0, v.size() - 2), &d)) return d;
    ParseGoDurationStrict(v, &d);
    return d;
}

std::vector<std::string> FlagSet::GetList(const std::string& name) const {
    auto it = lists_.find(name);
    return it == lists_.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> FlagSet::Names() const {
    std::vector<std::string> out;
    for (const auto& d : defs_) out.push_back("--" + d.name);
    std::sort(out.begin(), out.end());
    return out;
}

void AddGlobalFlags(FlagSet* f) {
    f->String("namespace", 'n', "", "If present, the namespace scope for this CLI request");
    f->String("context");
    f->String("cluster");
    f->String("user");
    f->String("kubeconfig");
    f->String("server", 's');
    f->String("token");
    f->String("as");
    f->Array("as-group");
    f->String("as-uid");
    f->String("request-timeout", 0, "0");
    f->Bool("insecure-skip-tls-verify");
    f->String("certificate-authority");
    f->String("client-certificate");
    f->String("client-key");
    f->String("tls-server-name");
    f->String("cache-dir");
    f->Bool("match-server-version");
    f->Add({"v", 'v', FlagKind::kInt, "0", "", ""});
    f->String("vmodule");
    f->Bool("warnings-as-errors");
    f->Bool("disable-compression");
    f->String("profile", 0, "none");
    f->String("profile-output", 0, "profile.pprof");
    f->String("username");
    f->String("password");
    f->String("log-flush-frequency", 0, "5s");
}

bool GlobalFlagTakesValue(const std::string& arg) {
    static const char* kValued[] = {"-n", "--namespace", "--context", "--cluster", "--user", "--kubeconfig", "-s",
                                    "--server", "--token", "--as", "--as-group", "--as-uid", "--request-timeout",
                                    "--certificate-authority", "--client-certificate", "--client-key",
                                    "--tls-server-name", "--cache-dir", "-v", "--v", "--vmodule", "--profile",
                                    "--profile-output", "--username", "--password", "--log-flush-frequency"};
    for (const char* v : kValued) {
        if (arg == v) return true;
    }
    return false;
}

}  // namespace sts::kubectl
