#include "core/time.h"

#include <cstdio>

namespace sts {

namespace {

// Howard Hinnant's days-from-civil / civil-from-days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t yy = static_cast<int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string FormatCivil(Time t, bool micro) {
    const int64_t secs = FloorDiv(t, 1000);
    const int64_t ms = t - secs * 1000;
    const int64_t days = FloorDiv(secs, 86400);
    const int64_t sod = secs - days * 86400;
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    char buf[64];
    if (micro) {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%06lldZ",
                      static_cast<long long>(y), m, d, static_cast<long long>(sod / 3600),
                      static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60),
                      static_cast<long long>(ms * 1000));
    } else {
        std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                      static_cast<long long>(y), m, d, static_cast<long long>(sod / 3600),
                      static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
    }
    return buf;
}

}  // namespace

const char* const kShortWeekdayNames[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
const char* const kShortMonthNames[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

CivilTime ToCivil(Time t) {
    const int64_t secs = FloorDiv(t, 1000);
    const int64_t days = FloorDiv(secs, 86400);
    const int64_t sod = secs - days * 86400;
    int64_t y;
    unsigned m, d;
    CivilFromDays(days, &y, &m, &d);
    CivilTime c{};
    c.year = static_cast<int>(y);
    c.month = static_cast<int>(m);
    c.day = static_cast<int>(d);
    c.hour = static_cast<int>(sod / 3600);
    c.minute = static_cast<int>(sod / 60 % 60);
    c.second = static_cast<int>(sod % 60);
    c.millis = static_cast<int>(t - secs * 1000);
    c.weekday = static_cast<int>((days % 7 + 11) % 7);  // 1970-01-01 was a Thursday
    return c;
}

std::string FormatRfc1123(Time t, std::string_view zone) {
    const CivilTime c = ToCivil(t);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %.*s", kShortWeekdayNames[c.weekday], c.day,
                  kShortMonthNames[c.month - 1], c.year, c.hour, c.minute, c.second, static_cast<int>(zone.size()),
                  zone.data());
    return buf;
}

std::string FormatRfc3339(Time t) { return FormatCivil(t, false); }
std::string FormatRfc3339Micro(Time t) { return FormatCivil(t, true); }

bool ParseRfc3339(std::string_view s, Time* out) {
    int y, mo, d, h, mi, se;
    if (s.size() < 20) return false;
    std::string str(s);
    if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &se) != 6) return false;
    size_t pos = 19;
    int64_t ms = 0;
    if (pos < str.size() && str[pos] == '.') {
        ++pos;
        int digits = 0;
        while (pos < str.size() && str[pos] >= '0' && str[pos] <= '9') {
            if (digits < 3) ms = ms * 10 + (str[pos] - '0');
            ++digits;
            ++pos;
        }
        for (; digits < 3; ++digits) ms *= 10;
    }
    if (pos >= str.size() || str[pos] != 'Z' || pos + 1 != str.size()) return false;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
    const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    *out = ((days * 86400) + h * 3600 + mi * 60 + se) * 1000 + ms;
    return true;
}

std::string HumanDuration(Duration d) {
    const int64_t seconds = d / 1000;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 60 * 2) return std::to_string(seconds) + "s";
    const int64_t minutes = d / Minutes(1);
    if (minutes < 10) {
        const int64_t s = seconds % 60;
        if (s == 0) return std::to_string(minutes) + "m";
        return std::to_string(minutes) + "m" + std::to_string(s) + "s";
    }
    if (minutes < 60 * 3) return std::to_string(minutes) + "m";
    const int64_t hours = d / Hours(1);
    if (hours < 8) {
        const int64_t m = minutes % 60;
        if (m == 0) return std::to_string(hours) + "h";
        return std::to_string(hours) + "h" + std::to_string(m) + "m";
    }
    if (hours < 48) return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        const int64_t h = hours % 24;
        if (h == 0) return std::to_string(hours / 24) + "d";
        return std::to_string(hours / 24) + "d" + std::to_string(h) + "h";
    }
    if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const int64_t dy = (hours / 24) % 365;
        if (dy == 0) return std::to_string(hours / 24 / 365) + "y";
        return std::to_string(hours / 24 / 365) + "y" + std::to_string(dy) + "d";
    }
    return std::to_string(hours / 24 / 365) + "y";
}

std::string ShortHumanDuration(Duration d) {
    const int64_t seconds = d / 1000;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 60) return std::to_string(seconds) + "s";
    const int64_t minutes = d / Minutes(1);
    if (minutes < 60) return std::to_string(minutes) + "m";
    const int64_t hours = d / Hours(1);
    if (hours < 24) return std::to_string(hours) + "h";
    if (hours < 24 * 365) return std::to_string(hours / 24) + "d";
    return std::to_string(hours / 24 / 365) + "y";
}

std::string GoDurationString(Duration d) {
    if (d == 0) return "0s";
    std::string sign = d < 0 ? "-" : "";
    if (d < 0) d = -d;
    if (d < 1000) return sign + std::to_string(d) + "ms";
    const int64_t h = d / Hours(1);
    const int64_t m = d / Minutes(1) % 60;
    const int64_t s = d / 1000 % 60;
    const int64_t ms = d % 1000;
    std::string secs = std::to_string(s);
    if (ms) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%03lld", static_cast<long long>(ms));
        std::string frac = buf;
        while (frac.back() == '0') frac.pop_back();
        secs += frac;
    }
    if (h) return sign + std::to_string(h) + "h" + std::to_string(m) + "m" + secs + "s";
    if (m) return sign + std::to_string(m) + "m" + secs + "s";
    return sign + secs + "s";
}

bool ParseGoDuration(std::string_view s, Duration* out) {
    if (s.empty()) return false;
    bool all_digits = true;
    for (char c : s) all_digits = all_digits && c >= '0' && c <= '9';
    if (all_digits) {
        if (s.size() > 12) return false;
        *out = Seconds(std::stoll(std::string(s)));
        return true;
    }
    Duration total = 0;
    size_t i = 0;
    while (i < s.size()) {
        size_t start = i;
        int64_t whole = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            whole = whole * 10 + (s[i] - '0');
            if (whole > 1000000000000LL) return false;
            ++i;
        }
        int64_t frac_num = 0, frac_den = 1;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
                if (frac_den < 1000000) {
                    frac_num = frac_num * 10 + (s[i] - '0');
                    frac_den *= 10;
                }
                ++i;
            }
        }
        if (i == start) return false;
        size_t unit_start = i;
        while (i < s.size() && !(s[i] >= '0' && s[i] <= '9') && s[i] != '.') ++i;
        std::string_view unit = s.substr(unit_start, i - unit_start);
        int64_t scale;
        if (unit == "ms") scale = 1;
        else if (unit == "s") scale = 1000;
        else if (unit == "m") scale = 60000;
        else if (unit == "h") scale = 3600000;
        else return false;
        total += whole * scale + frac_num * scale / frac_den;
    }
    *out = total;
    return true;
}

}  // namespace sts
