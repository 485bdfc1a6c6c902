#include "apiserver/field_errors.h"

namespace sts::apiserver {

std::string FieldError::ToString() const {
    std::string out = field + ": ";
    switch (type) {
        case Type::kRequired:
            out += "Required value";
            if (!detail.empty()) out += ": " + detail;
            break;
        case Type::kInvalid:
            out += "Invalid value: " + bad_value;
            if (!detail.empty()) out += ": " + detail;
            break;
        case Type::kUnsupported: {
            out += "Unsupported value: " + bad_value;
            if (!supported.empty()) {
                out += ": supported values: ";
                for (size_t i = 0; i < supported.size(); ++i) {
                    if (i) out += ", ";
                    out += supported[i];
                }
            }
            break;
        }
        case Type::kForbidden:
            out += "Forbidden";
            if (!detail.empty()) out += ": " + detail;
            break;
        case Type::kDuplicate: out += "Duplicate value: " + bad_value; break;
        case Type::kNotFound: out += "Not found: " + bad_value; break;
        case Type::kTooLong:
            out += "Too long: " + detail;
            break;
        case Type::kTooMany: out += "Too many: " + detail; break;
        case Type::kInternal:
            out += "Internal error";
            if (!detail.empty()) out += ": " + detail;
            break;
    }
    return out;
}

FieldError Required(std::string field, std::string detail) {
    return {FieldError::Type::kRequired, std::move(field), "", std::move(detail), {}};
}
FieldError Invalid(std::string field, std::string bad_value, std::string detail) {
    return {FieldError::Type::kInvalid, std::move(field), std::move(bad_value), std::move(detail), {}};
}
FieldError Unsupported(std::string field, std::string bad_value, std::vector<std::string> supported) {
    return {FieldError::Type::kUnsupported, std::move(field), std::move(bad_value), "", std::move(supported)};
}
FieldError Forbidden(std::string field, std::string detail) {
    return {FieldError::Type::kForbidden, std::move(field), "", std::move(detail), {}};
}
FieldError Duplicate(std::string field, std::string bad_value) {
    return {FieldError::Type::kDuplicate, std::move(field), std::move(bad_value), "", {}};
}
FieldError NotFoundField(std::string field, std::string bad_value) {
    return {FieldError::Type::kNotFound, std::move(field), std::move(bad_value), "", {}};
}
FieldError TooLong(std::string field, std::string bad_value, int max_length) {
    return {FieldError::Type::kTooLong, std::move(field), std::move(bad_value),
            "may not be more than " + std::to_string(max_length) + " bytes", {}};
}

std::string Quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

namespace {

// "StatefulSet.apps" or "Pod": the qualified kind used in Invalid messages.
std::string QualifiedKind(const client::ResourceInfo& res) {
    return res.group.empty() ? res.kind : res.kind + "." + res.group;
}

}  // namespace

client::ApiError InvalidError(const client::ResourceInfo& res, const std::string& name,
                              const FieldErrors& errors) {
    std::string msg = QualifiedKind(res) + " " + Quote(name) + " is invalid: ";
    if (errors.size() == 1) {
        msg += errors[0].ToString();
    } else {
        msg += "[";
        for (size_t i = 0; i < errors.size(); ++i) {
            if (i) msg += ", ";
            msg += errors[i].ToString();
        }
        msg += "]";
    }
    return {422, "Invalid", msg};
}

client::ApiError NotFoundError(const client::ResourceInfo& res, const std::string& name) {
    return {404, "NotFound", res.GroupResource() + " " + Quote(name) + " not found"};
}

client::ApiError AlreadyExistsError(const client::ResourceInfo& res, const std::string& name) {
    return {409, "AlreadyExists", res.GroupResource() + " " + Quote(name) + " already exists"};
}

client::ApiError ConflictError(const client::ResourceInfo& res, const std::string& name,
                               const std::string& detail) {
    return {409, "Conflict",
            "Operation cannot be fulfilled on " + res.GroupResource() + " " + Quote(name) + ": " + detail};
}

client::ApiError BadRequestError(const std::string& message) { return {400, "BadRequest", message}; }

client::ApiError NamespaceNotFoundError(const std::string& ns) {
    return {404, "NotFound", "namespaces " + Quote(ns) + " not found"};
}

client::ApiError ForbiddenError(const std::string& message) { return {403, "Forbidden", message}; }

client::ApiError MethodNotAllowedError(const std::string& message) {
    return {405, "MethodNotAllowed", message};
}

client::ApiError InternalError(const std::string& message) {
    return {500, "InternalError", "Internal error occurred: " + message};
}

}  // namespace sts::apiserver
