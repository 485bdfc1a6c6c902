// Helpers shared by the per-kind strategies: name rules and common field checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "apiserver/strategies.h"

namespace sts::apiserver {

enum class NameRule { kDns1123Label, kDns1123Subdomain, kDns1035Label, kPathSegment };

std::vector<std::string> IsDns1123Label(std::string_view value);
std::vector<std::string> IsDns1123Subdomain(std::string_view value);
std::vector<std::string> IsDns1035Label(std::string_view value);
FieldErrors ValidateName(const std::string& name, NameRule rule);
FieldErrors ValidateMetaCommon(const k8s::ObjectMeta& meta, bool namespaced, NameRule rule);

// "must be greater than or equal to 0" checks.
inline void CheckNonNegative(int64_t v, const std::string& field, FieldErrors& errs) {
    if (v < 0) errs.push_back(Invalid(field, std::to_string(v), "must be greater than or equal to 0"));
}

inline void Append(FieldErrors& to, FieldErrors from) {
    for (auto& e : from) to.push_back(std::move(e));
}

}  // namespace sts::apiserver
