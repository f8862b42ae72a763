#include "section/section_speed.hpp"

#include <algorithm>
#include <ctime>

namespace anpr::section {
namespace {

constexpr double kMpsToKmh = 3.6;

/// "YYYY-MM-DDTHH:MM:SS.mmmZ" as the unit writes it; nothing otherwise.
std::optional<std::chrono::system_clock::time_point> utc_time(const std::string& text) {
    std::tm utc{};
    int millis = 0;
    char zone = 0;
    if (text.size() != 24 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%c", &utc.tm_year, &utc.tm_mon,
                    &utc.tm_mday, &utc.tm_hour, &utc.tm_min, &utc.tm_sec, &millis, &zone) != 8 ||
        zone != 'Z') {
        return std::nullopt;
    }
    // timegm would carry a 13th month or a 61st minute into the next one.
    if (utc.tm_mon < 1 || utc.tm_mon > 12 || utc.tm_mday < 1 || utc.tm_mday > 31 ||
        utc.tm_hour > 23 || utc.tm_min > 59 || utc.tm_sec > 60 || millis < 0) {
        return std::nullopt;
    }
    utc.tm_year -= 1900;
    utc.tm_mon -= 1;
    const std::time_t seconds = timegm(&utc);
    if (seconds == -1) return std::nullopt;
    return std::chrono::system_clock::from_time_t(seconds) + std::chrono::milliseconds(millis);
}

}  // namespace

std::optional<SectionRead> section_read(const nlohmann::json& record) {
    if (!record.is_object()) return std::nullopt;
    const auto text = record.find("text");
    const auto best = record.find("best");
    const auto clock = record.find("time");
    const auto id = record.find("id");
    if (text == record.end() || !text->is_string() || best == record.end() || !best->is_object() ||
        clock == record.end() || !clock->is_object() || id == record.end() || !id->is_string()) {
        return std::nullopt;
    }
    const auto captured = best->find("captured_utc");
    if (captured == best->end() || !captured->is_string()) return std::nullopt;
    const auto time = utc_time(captured->get<std::string>());
    if (!time) return std::nullopt;
    SectionRead read{
        id->get<std::string>(), text->get<std::string>(), *time, std::nullopt, std::nullopt, false};
    if (const auto line = record.find("line"); line != record.end()) {
        if (!line->is_object()) return std::nullopt;
        const auto crossed = line->find("captured_utc");
        const auto error = line->find("error_ms");
        if (crossed == line->end() || !crossed->is_string() || error == line->end() ||
            !error->is_number() || error->get<double>() < 0) {
            return std::nullopt;
        }
        const auto line_time = utc_time(crossed->get<std::string>());
        if (!line_time) return std::nullopt;
        read.time = *line_time;
        read.line_error_ms = error->get<double>();
    }
    if (const auto error = clock->find("error_ms"); error != clock->end() && error->is_number()) {
        read.clock_error_ms = error->get<double>();
    }
    if (const auto fit = clock->find("fit_for_enforcement");
        fit != clock->end() && fit->is_boolean()) {
        read.fit_for_enforcement = fit->get<bool>();
    }
    return read;
}

std::vector<SectionSpeed> section_speeds(std::vector<SectionRead> from, std::vector<SectionRead> to,
                                         double distance_m, std::chrono::seconds window) {
    const auto by_time = [](const SectionRead& a, const SectionRead& b) { return a.time < b.time; };
    std::sort(from.begin(), from.end(), by_time);
    std::sort(to.begin(), to.end(), by_time);
    std::vector<bool> used(to.size(), false);
    std::vector<SectionSpeed> speeds;
    for (const auto& a : from) {
        for (std::size_t i = 0; i < to.size(); ++i) {
            const auto& b = to[i];
            if (used[i] || b.text != a.text || b.time <= a.time) continue;
            if (b.time - a.time > window) break;
            used[i] = true;
            SectionSpeed speed;
            speed.text = a.text;
            speed.from_id = a.id;
            speed.to_id = b.id;
            speed.seconds = std::chrono::duration<double>(b.time - a.time).count();
            speed.kmh = distance_m / speed.seconds * kMpsToKmh;
            const bool timed = a.line_error_ms && b.line_error_ms;
            speed.fit_for_enforcement = a.fit_for_enforcement && b.fit_for_enforcement && timed;
            if (a.clock_error_ms && b.clock_error_ms && timed) {
                // Each clock and each crossing may be off by its bound, in
                // either direction.
                const double spread_s =
                    (*a.clock_error_ms + *b.clock_error_ms + *a.line_error_ms + *b.line_error_ms) /
                    1000.0;
                speed.low_kmh = distance_m / (speed.seconds + spread_s) * kMpsToKmh;
                if (speed.seconds > spread_s) {
                    speed.high_kmh = distance_m / (speed.seconds - spread_s) * kMpsToKmh;
                } else {
                    speed.low_kmh.reset();
                }
            }
            speeds.push_back(speed);
            break;
        }
    }
    return speeds;
}

}  // namespace anpr::section
