#include "timekeeping/clock_quality.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <sstream>
#include <vector>

namespace anpr::timekeeping {
namespace {

// `chronyc -c tracking`: ref id, ref name, stratum, ref time, system time
// offset, last offset, RMS offset, frequency, residual frequency, skew, root
// delay, root dispersion, update interval, leap status.
constexpr std::size_t kTrackingFields = 14;

// Reference names of chrony's local GPS clocks (refclock drivers and the
// names installers give them): anything else is a network server.
bool is_gps_reference(const std::string& name) {
    for (const char* gps : {"PPS", "GPS", "NMEA", "SHM", "SOCK", "PHC"}) {
        if (name.rfind(gps, 0) == 0) return true;
    }
    return false;
}

std::optional<double> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
    return value;
}

}  // namespace

const char* source_name(ClockQuality::Source source) {
    switch (source) {
        case ClockQuality::Source::gps:
            return "gps";
        case ClockQuality::Source::ntp:
            return "ntp";
        case ClockQuality::Source::unsynchronised:
            break;
    }
    return "unsynchronised";
}

std::optional<ChronyTracking> parse_chrony_tracking(const std::string& line) {
    std::vector<std::string> fields;
    std::stringstream in(line);
    for (std::string field; std::getline(in, field, ',');) fields.push_back(field);
    if (fields.size() != kTrackingFields) return std::nullopt;
    const auto stratum = number(fields[2]);
    const auto offset = number(fields[4]);
    const auto delay = number(fields[10]);
    const auto dispersion = number(fields[11]);
    if (!stratum || !offset || !delay || !dispersion) return std::nullopt;
    if (*stratum < 0 || *stratum > 16 || *delay < 0 || *dispersion < 0) return std::nullopt;
    std::string leap = fields[13];
    if (!leap.empty() && leap.back() == '\n') leap.pop_back();
    return ChronyTracking{fields[1], static_cast<int>(*stratum), *offset, *delay, *dispersion,
                          leap};
}

ClockQuality judge_clock(int state, const timex& kernel,
                         const std::optional<ChronyTracking>& chrony, double max_error_ms) {
    ClockQuality quality;
    // adjtimex() fails (-1) where a sandbox forbids it (systemd's
    // ProtectClock=): then the kernel says nothing, least of all "synchronised".
    const bool kernel_synced =
        state >= 0 && state != TIME_ERROR && (kernel.status & STA_UNSYNC) == 0;
    const bool chrony_synced =
        chrony && chrony->stratum > 0 && chrony->leap_status != "Not synchronised";
    if (chrony_synced) {
        // chrony's bound on the error: how far the clock is off now, plus the
        // root distance (half the round trip plus the dispersion).
        const double bound_s = std::abs(chrony->system_offset_s) + chrony->root_delay_s / 2 +
                               chrony->root_dispersion_s;
        quality.error_ms = bound_s * 1000.0;
        quality.reference = chrony->reference;
        quality.source = is_gps_reference(chrony->reference) ? ClockQuality::Source::gps
                                                             : ClockQuality::Source::ntp;
    } else if (kernel_synced) {
        // Without chrony, the kernel's maximum error, which the time daemon
        // sets at each update and the kernel grows between them.
        quality.error_ms = static_cast<double>(kernel.maxerror) / 1000.0;
        const bool pps = (kernel.status & STA_PPSTIME) != 0 && (kernel.status & STA_PPSSIGNAL) != 0;
        quality.source = pps ? ClockQuality::Source::gps : ClockQuality::Source::ntp;
        quality.reference = pps ? "PPS" : "";
    }
    quality.fit_for_enforcement = quality.error_ms && *quality.error_ms <= max_error_ms;
    return quality;
}

}  // namespace anpr::timekeeping
