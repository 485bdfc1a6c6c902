// Field validation errors worded as the API server words them (field.Error / field.ErrorList),
// and the "<Kind>.<group> \"name\" is invalid: ..." status message built from them.
#pragma once

#include <string>
#include <vector>

#include "client/cluster.h"

namespace sts::apiserver {

struct FieldError {
    enum class Type { kRequired, kInvalid, kUnsupported, kForbidden, kDuplicate, kNotFound, kTooLong, kTooMany, kInternal };
    Type type = Type::kInvalid;
    std::string field;      // "spec.replicas"
    std::string bad_value;  // already rendered as Go prints it: "\"Web\"", "-1", "map[string]string{...}"
    std::string detail;
    std::vector<std::string> supported;  // kUnsupported: the quoted supported values

    // "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    std::string ToString() const;
};

using FieldErrors = std::vector<FieldError>;

FieldError Required(std::string field, std::string detail = "");
FieldError Invalid(std::string field, std::string bad_value, std::string detail);
FieldError Unsupported(std::string field, std::string bad_value, std::vector<std::string> supported);
FieldError Forbidden(std::string field, std::string detail);
FieldError Duplicate(std::string field, std::string bad_value);
FieldError NotFoundField(std::string field, std::string bad_value);
FieldError TooLong(std::string field, std::string bad_value, int max_length);

// Go's %q for a string value in messages: "\"Web\"".
std::string Quote(const std::string& s);

// 422 Invalid: `StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: ...`; several
// errors are joined as `[a, b]`.
client::ApiError InvalidError(const client::ResourceInfo& res, const std::string& name,
                              const FieldErrors& errors);

// Common API errors with the API server's messages.
client::ApiError NotFoundError(const client::ResourceInfo& res, const std::string& name);
client::ApiError AlreadyExistsError(const client::ResourceInfo& res, const std::string& name);
client::ApiError ConflictError(const client::ResourceInfo& res, const std::string& name,
                               const std::string& detail);
client::ApiError BadRequestError(const std::string& message);
client::ApiError NamespaceNotFoundError(const std::string& ns);
client::ApiError ForbiddenError(const std::string& message);
client::ApiError MethodNotAllowedError(const std::string& message);
client::ApiError InternalError(const std::string& message);

}  // namespace sts::apiserver
