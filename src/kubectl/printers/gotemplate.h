// A Go text/template subset for `kubectl get -o go-template=...` / `--template`: {{.a.b}},
// variables, pipelines, range (with $i, $v := ...) / if / else if / with / else / end,
// trim markers {{- -}}, comments, and the builtins and or not len index print printf println
// eq ne lt le gt ge slice. Missing map keys print "<no value>" (kubectl's default
// --allow-missing-template-keys=true). Errors are worded as text/template words them.
#pragma once

#include <memory>
#include <string>

#include "core/value.h"

namespace sts::kubectl {

class GoTemplate {
public:
    GoTemplate();
    ~GoTemplate();
    GoTemplate(GoTemplate&&) noexcept;
    GoTemplate& operator=(GoTemplate&&) noexcept;

    // "template: output:1: function \"foo\" not defined" on failure.
    bool Parse(const std::string& text, std::string* error);
    // Writes what executed before an error into `out`, as Go does.
    bool Execute(const Value& data, std::string* out, std::string* error) const;

    struct Impl;

private:
    std::shared_ptr<Impl> impl_;
};

}  // namespace sts::kubectl
