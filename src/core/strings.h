// Small string helpers shared by every layer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sts {

std::vector<std::string> Split(std::string_view s, char sep);
// Splits on sep but drops empty pieces.
std::vector<std::string> SplitNonEmpty(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string_view TrimView(std::string_view s);
std::string Trim(std::string_view s);
std::string ToLower(std::string_view s);
bool ParseInt64(std::string_view s, int64_t* out);
// Replaces every occurrence of `from` with `to`.
std::string ReplaceAll(std::string s, std::string_view from, std::string_view to);
// Splits text into lines; a trailing newline does not make an empty last line.
std::vector<std::string> SplitLines(std::string_view text);
// Levenshtein distance, for "did you mean" suggestions.
int EditDistance(std::string_view a, std::string_view b);

}  // namespace sts
