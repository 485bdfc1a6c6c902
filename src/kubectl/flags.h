// Command-line flags parsed the way kubectl's cobra/pflag parse them: --name=value, --name
// value, -n value, -nvalue, combined boolean shorthands (-it), "--" ending the flags, flags
// interspersed with arguments, and pflag's exact error texts ("unknown flag: --foo",
// "flag needs an argument: 'n' in -n", "invalid argument \"abc\" for \"--replicas\" flag: ...").
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/time.h"

namespace sts::kubectl {

enum class FlagKind { kBool, kString, kInt, kDuration, kStringArray, kStringSlice };

struct FlagDef {
    std::string name;
    char shorthand = 0;
    FlagKind kind = FlagKind::kString;
    std::string default_value;
    // A value used when the flag is given without "=value" (pflag's NoOptDefVal); "" if none.
    std::string no_opt_default;
    std::string usage;
};

class FlagSet {
public:
    void Add(FlagDef def);
    void Bool(const std::string& name, char shorthand = 0, bool def = false, std::string usage = "");
    void String(const std::string& name, char shorthand = 0, std::string def = "", std::string usage = "");
    void Int(const std::string& name, char shorthand = 0, int64_t def = 0, std::string usage = "");
    void Dur(const std::string& name, std::string def = "0s", std::string usage = "");
    void Array(const std::string& name, char shorthand = 0, std::string usage = "");
    void Slice(const std::string& name, char shorthand = 0, std::string usage = "");

    // Parses args; on failure sets `error` to pflag's message (without "error: ").
    bool Parse(const std::vector<std::string>& args, std::string* error);

    bool Has(const std::string& name) const;
    bool Changed(const std::string& name) const;
    std::string GetString(const std::string& name) const;
    bool GetBool(const std::string& name) const;
    int64_t GetInt(const std::string& name) const;
    Duration GetDuration(const std::string& name) const;
    std::vector<std::string> GetList(const std::string& name) const;

    const std::vector<std::string>& args() const { return args_; }
    // Index in args() where "--" appeared, or -1 (cobra's ArgsLenAtDash).
    int args_len_at_dash() const { return args_len_at_dash_; }
    std::vector<std::string> Names() const;  // "--name" for completion
    const FlagDef* Lookup(const std::string& name) const;
    const FlagDef* LookupShort(char c) const;

private:
    bool Set(const FlagDef& def, const std::string& value, std::string* error);
    std::string DisplayName(const FlagDef& def) const;

    std::vector<FlagDef> defs_;
    std::map<std::string, std::string> values_;
    std::map<std::string, std::vector<std::string>> lists_;
    std::map<std::string, bool> changed_;
    std::vector<std::string> args_;
    int args_len_at_dash_ = -1;
};

// Adds kubectl's global flags (-n/--namespace, --context, --request-timeout, -v, ...).
void AddGlobalFlags(FlagSet* flags);
// True when `arg` (e.g. "-n", "--context") is a global flag that takes the next argument.
bool GlobalFlagTakesValue(const std::string& arg);

}  // namespace sts::kubectl
