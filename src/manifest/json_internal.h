// Pieces of the JSON reader shared by json.cpp and documents.cpp (not a public interface).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "manifest/manifest.h"

namespace sts::manifest {

// Result of checking one JSON value the way Go's scanner does.
struct JsonScan {
    bool ok = false;
    bool eof = false;        // the text ended inside the value
    size_t end = 0;          // index just past the value (on success)
    size_t error_index = 0;  // index of the offending byte
    std::string message;     // Go's text: "invalid character ',' looking for beginning of value"
};

// Checks the JSON value starting at `pos` (leading whitespace allowed).
JsonScan ScanJsonValue(std::string_view text, size_t pos);

// Builds the Value of text that ScanJsonValue accepted.
Parsed BuildJsonValue(std::string_view text);

// Replaces bytes that do not start valid UTF-8 with U+FFFD, as Go's decoder does in strings.
std::string SanitizeUtf8ForJson(std::string_view s);

}  // namespace sts::manifest
