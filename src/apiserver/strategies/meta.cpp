// Object metadata validation (k8s.io/apimachinery/pkg/api/validation/objectmeta.go) and the name
// rules (RFC 1123 labels and subdomains, RFC 1035 labels) the kinds choose between.
#include "apiserver/strategies/validation_util.h"

#include "k8s/labels.h"

namespace sts::apiserver {

namespace {

bool IsLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

}  // namespace

std::vector<std::string> IsDns1123Label(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > 63) errs.push_back("must be no more than 63 characters");
    bool ok = !value.empty() && IsLowerAlnum(value.front()) && IsLowerAlnum(value.back());
    for (char c : value) ok = ok && (IsLowerAlnum(c) || c == '-');
    if (!ok)
        errs.push_back(
            "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
            "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    return errs;
}

std::vector<std::string> IsDns1123Subdomain(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > 253) errs.push_back("must be no more than 253 characters");
    bool ok = !value.empty();
    size_t start = 0;
    while (ok && start <= value.size()) {
        size_t dot = value.find('.', start);
        std::string_view part = value.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        ok = !part.empty() && IsLowerAlnum(part.front()) && IsLowerAlnum(part.back());
        for (char c : part) ok = ok && (IsLowerAlnum(c) || c == '-');
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (!ok)
        errs.push_back(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must "
            "start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    return errs;
}

std::vector<std::string> IsDns1035Label(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > 63) errs.push_back("must be no more than 63 characters");
    bool ok = !value.empty() && value.front() >= 'a' && value.front() <= 'z' && IsLowerAlnum(value.back());
    for (char c : value) ok = ok && (IsLowerAlnum(c) || c == '-');
    if (!ok)
        errs.push_back(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
            "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for "
            "validation is '[a-z]([-a-z0-9]*[a-z0-9])?')");
    return errs;
}

FieldErrors ValidateName(const std::string& name, NameRule rule) {
    FieldErrors errs;
    std::vector<std::string> details;
    switch (rule) {
        case NameRule::kDns1123Label: details = IsDns1123Label(name); break;
        case NameRule::kDns1123Subdomain: details = IsDns1123Subdomain(name); break;
        case NameRule::kDns1035Label: details = IsDns1035Label(name); break;
        case NameRule::kPathSegment:
            if (name == "." || name == "..") details.push_back("may not be '" + name + "'");
            for (char c : name)
                if (c == '/' || c == '%') details.push_back(std::string("may not contain '") + c + "'");
            break;
    }
    for (const auto& d : details) errs.push_back(Invalid("metadata.name", Quote(name), d));
    return errs;
}

FieldErrors ValidateMetaCommon(const k8s::ObjectMeta& meta, bool namespaced, NameRule rule) {
    FieldErrors errs;
    if (meta.name.empty()) {
        errs.push_back(Required("metadata.name", "name or generateName is required"));
    } else {
        auto name_errs = ValidateName(meta.name, rule);
        errs.insert(errs.end(), name_errs.begin(), name_errs.end());
    }
    if (namespaced) {
        if (meta.namespace_.empty()) {
            errs.push_back(Required("metadata.namespace", ""));
        } else {
            for (const auto& d : IsDns1123Label(meta.namespace_))
                errs.push_back(Invalid("metadata.namespace", Quote(meta.namespace_), d));
        }
    } else if (!meta.namespace_.empty()) {
        errs.push_back(Forbidden("metadata.namespace", "not allowed on this type"));
    }
    for (const auto& [k, v] : meta.labels) {
        for (const auto& d : k8s::ValidateLabelKey(k)) errs.push_back(Invalid("metadata.labels", Quote(k), d));
        for (const auto& d : k8s::ValidateLabelValue(v)) errs.push_back(Invalid("metadata.labels", Quote(v), d));
    }
    size_t annotation_bytes = 0;
    for (const auto& [k, v] : meta.annotations) {
        annotation_bytes += k.size() + v.size();
        for (const auto& d : k8s::ValidateLabelKey(k)) errs.push_back(Invalid("metadata.annotations", Quote(k), d));
    }
    if (annotation_bytes > 256 * 1024)
        errs.push_back({FieldError::Type::kTooLong, "metadata.annotations", "", "must have at most 262144 bytes", {}});
    int controllers = 0;
    for (size_t i = 0; i < meta.owner_references.size(); ++i) {
        const auto& ref = meta.owner_references[i];
        const std::string path = "metadata.ownerReferences";
        if (ref.api_version.empty()) errs.push_back(Invalid(path + ".apiVersion", Quote(ref.api_version), "version must not be empty"));
        if (ref.kind.empty()) errs.push_back(Invalid(path + ".kind", Quote(ref.kind), "kind must not be empty"));
        if (ref.name.empty()) errs.push_back(Invalid(path + ".name", Quote(ref.name), "name must not be empty"));
        if (ref.uid.empty()) errs.push_back(Invalid(path + ".uid", Quote(ref.uid), "uid must not be empty"));
        if (ref.IsController()) ++controllers;
    }
    if (controllers > 1)
        errs.push_back(Invalid("metadata.ownerReferences", "[]v1.OwnerReference{...}",
                               "Only one reference can have Controller set to true"));
    return errs;
}

FieldErrors ValidateObjectMeta(const k8s::ObjectMeta& meta, bool namespaced, bool dns_label) {
    return ValidateMetaCommon(meta, namespaced, dns_label ? NameRule::kDns1123Label : NameRule::kDns1123Subdomain);
}

FieldErrors ValidateObjectMetaUpdate(const k8s::ObjectMeta& meta, const k8s::ObjectMeta& old) {
    FieldErrors errs;
    if (meta.name != old.name) errs.push_back(Invalid("metadata.name", Quote(meta.name), "field is immutable"));
    if (meta.namespace_ != old.namespace_)
        errs.push_back(Invalid("metadata.namespace", Quote(meta.namespace_), "field is immutable"));
    // Updates re-check labels, annotations and owner references, but not the name rule.
    FieldErrors rest = ValidateMetaCommon(meta, !meta.namespace_.empty(), NameRule::kPathSegment);
    for (auto& e : rest)
        if (e.field != "metadata.name") errs.push_back(std::move(e));
    return errs;
}

}  // namespace sts::apiserver
