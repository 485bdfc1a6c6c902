// Simulated time: integer milliseconds since the Unix epoch, advanced only by the engine's
// event loop. Nothing in the engine reads a wall clock.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sts {

using Time = int64_t;      // absolute, ms since 1970-01-01T00:00:00Z; 0 means "unset"
using Duration = int64_t;  // ms

constexpr Time kNoTime = 0;
// Every simulation starts here, so transcripts and hashes never depend on the host's date.
constexpr Time kSimulationEpoch = 1767225600000;  // 2026-01-01T00:00:00Z

constexpr Duration Millis(int64_t n) { return n; }
constexpr Duration Seconds(int64_t n) { return n * 1000; }
constexpr Duration Minutes(int64_t n) { return n * 60 * 1000; }
constexpr Duration Hours(int64_t n) { return n * 3600 * 1000; }

// Truncates to whole seconds, the precision of metav1.Time on the wire.
constexpr Time TruncateToSeconds(Time t) { return t - t % 1000; }

// RFC 3339 in UTC with second precision: "2026-01-01T00:00:05Z".
std::string FormatRfc3339(Time t);
// RFC 3339 with microseconds, as metav1.MicroTime: "2026-01-01T00:00:05.123000Z".
std::string FormatRfc3339Micro(Time t);
// Parses the two forms above (and fractional seconds of any length); false on failure.
bool ParseRfc3339(std::string_view s, Time* out);

// A time's calendar fields in UTC.
struct CivilTime {
    int year, month, day;  // month 1-12, day 1-31
    int hour, minute, second, millis;
    int weekday;  // 0 = Sunday
};
CivilTime ToCivil(Time t);
// "Sun" ... "Sat" by CivilTime::weekday, "Jan" ... "Dec" by month - 1 (the C locale's names).
extern const char* const kShortWeekdayNames[7];
extern const char* const kShortMonthNames[12];
// Go's time.RFC1123 layout with the zone written as given: "Thu, 01 Jan 2026 00:02:00 GMT"
// (an HTTP Date header) or "... +0000" (time.RFC1123Z, as kubectl describe prints).
std::string FormatRfc1123(Time t, std::string_view zone);

// kubectl's duration.HumanDuration: "0s", "19s", "2m50s", "8m", "3h", "2d".
std::string HumanDuration(Duration d);
// duration.ShortHumanDuration: "19s", "8m", "3h", "2d", "1y".
std::string ShortHumanDuration(Duration d);
// Go's time.Duration.String() for whole seconds or more: "30s", "5m0s", "1h0m0s".
std::string GoDurationString(Duration d);
// Parses "30s", "2m", "1h30m", "500ms", or a bare number of seconds; false on failure.
bool ParseGoDuration(std::string_view s, Duration* out);

}  // namespace sts
