#include "section/section_speed.hpp"

#include <algorithm>

#include "core/utc_text.hpp"

namespace anpr::section {
namespace {

constexpr double kMpsToKmh = 3.6;

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
    const auto time = core::parse_utc(captured->get<std::string>());
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
        const auto line_time = core::parse_utc(crossed->get<std::string>());
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
