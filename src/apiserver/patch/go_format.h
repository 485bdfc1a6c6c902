// Go's fmt verbs applied to decoded JSON (map[string]interface{}, []interface{}, string, int64,
// float64, bool, nil), for error messages that quote patch content the way the API server does:
// "map: map[image:x ports:[map[containerPort:1]]] does not contain declared merge key: name".
#pragma once

#include <string>

#include "core/value.h"

namespace sts::apiserver {

// %v
std::string GoV(const Value& v);
// %s (strings print raw; anything else prints like "%!s(int64=5)")
std::string GoS(const Value& v);

}  // namespace sts::apiserver
