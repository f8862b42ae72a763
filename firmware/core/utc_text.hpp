#pragma once
/// UTC times as the unit's records and lists write them:
/// "YYYY-MM-DDTHH:MM:SSZ" or, with milliseconds, "YYYY-MM-DDTHH:MM:SS.mmmZ".

#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <string>

namespace anpr::core {

/// The time `text` names, in either form; nothing for any other text or an
/// impossible date.
inline std::optional<std::chrono::system_clock::time_point> parse_utc(const std::string& text) {
    std::tm utc{};
    int millis = 0;
    char zone = 0;
    int fields = 0;
    if (text.size() == 24) {
        fields =
            std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &utc.tm_year, &utc.tm_mon,
                        &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &millis, &zone);
        if (fields != 8) return std::nullopt;
    } else if (text.size() == 20) {
        fields = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c", &utc.tm_year, &utc.tm_mon,
                             &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &zone);
        if (fields != 7) return std::nullopt;
    } else {
        return std::nullopt;
    }
    // timegm would carry a 13th month or a 61st minute into the next one.
    if (zone != 'Z' || utc.tm_mon < 1 || utc.tm_mon > 12 || utc.tm_mday < 1 || utc.tm_mday > 31 ||
        utc.tm_hour < 0 || utc.tm_hour > 23 || utc.tm_min < 0 || utc.tm_min > 59 ||
        utc.tm_sec < 0 || utc.tm_sec > 60 || millis < 0) {
        return std::nullopt;
    }
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    const std::time_t seconds = timegm(&utc);
    if (seconds == -1) return std::nullopt;
    return std::chrono::system_clock::from_time_t(seconds) + std::chrono::milliseconds(millis);
}

/// "YYYY-MM-DDTHH:MM:SSZ", the second `time` falls in.
inline std::string utc_seconds_text(std::chrono::system_clock::time_point time) {
    const std::time_t seconds =
        std::chrono::system_clock::to_time_t(std::chrono::floor<std::chrono::seconds>(time));
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return text;
}

}  // namespace anpr::core
