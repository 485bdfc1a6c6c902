// How go-yaml v2 (the YAML library behind sigs.k8s.io/yaml, hence behind kubectl) reads a scalar,
// and how Go formats floats. Shared by the YAML emitter (core/yaml_emit.cpp), which must quote
// exactly the strings go-yaml would read back as something else, and by the manifest parser
// (manifest/yaml.cpp), which must type unquoted scalars as kubectl does.
// Mirrors gopkg.in/yaml.v2 resolve.go and Go's strconv.FormatFloat.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sts {

enum class YamlKind : uint8_t { kNull, kBool, kInt, kUint, kFloat, kTimestamp, kString };

struct YamlResolved {
    YamlKind kind = YamlKind::kString;
    bool b = false;
    int64_t i = 0;
    uint64_t u = 0;
    double f = 0;
};

// go-yaml's resolve(tag, text). `tag` is "" for an untagged plain scalar, or a short tag such as
// "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp". Tags it cannot resolve (local
// tags, "!!binary") give a string. On a scalar that does not fit its explicit tag, returns false
// and sets `error` to go-yaml's "cannot decode !!str `x` as a !!int".
bool ResolveYamlScalar(std::string_view tag, std::string_view text, YamlResolved* out,
                       std::string* error);

// Convenience for untagged plain scalars (never fails).
YamlResolved ResolveYamlPlain(std::string_view text);

// go-yaml quotes "1:20" on output for compatibility with YAML 1.1 sexagesimal floats.
bool IsYamlBase60Float(std::string_view text);

// A YAML 1.1 timestamp in the forms go-yaml v2 recognises ("2006-1-2", "2006-1-2T15:4:5Z", ...).
bool IsYamlTimestamp(std::string_view text);

// strconv.FormatFloat(d, fmt, -1, 64) for fmt 'e', 'f' or 'g': the shortest digits that read
// back as d ("1e+21", "1e-07", "1.5", "1.2345675e+06").
std::string FormatGoFloat(double d, char fmt);

// Go's strconv.ParseInt(s, 0, 64) / ParseUint(s, 0, 64): optional sign (ParseInt only),
// 0x / 0o / 0b prefixes, a leading 0 meaning octal.
bool ParseGoInt(std::string_view s, int64_t* out);
bool ParseGoUint(std::string_view s, uint64_t* out);

}  // namespace sts
