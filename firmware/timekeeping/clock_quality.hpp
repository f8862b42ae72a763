#pragma once
/// How far the unit's clock can be trusted, as each read states it. A read's
/// time is the capture time of its frames on this clock; section control
/// (average speed between two units) needs it good to a few milliseconds,
/// so a unit whose clock is worse marks its reads as unfit for speed
/// enforcement rather than let them be used.

#include <sys/timex.h>

#include <optional>
#include <string>

namespace anpr::timekeeping {

struct ClockQuality {
    enum class Source {
        unsynchronised,  ///< nothing disciplines the clock: its time may be anything
        ntp,             ///< synchronised over the network (NTP)
        gps,             ///< synchronised to GPS time, PPS included
    };
    Source source = Source::unsynchronised;
    /// Bound on the clock's error, ms: what the time daemon reports (chrony's
    /// root distance and offset, or the kernel's maximum error); none when
    /// unsynchronised.
    std::optional<double> error_ms;
    /// The error is known and at most the configured limit (time.max_error_ms).
    bool fit_for_enforcement = false;
    std::string reference;  ///< what the clock follows, e.g. "PPS", "GPS", "192.0.2.1"; "" if none
};

/// "gps", "ntp" or "unsynchronised".
const char* source_name(ClockQuality::Source source);

/// What chrony says of its synchronisation (`chronyc -c tracking`).
struct ChronyTracking {
    std::string reference;         ///< reference name: "PPS", "GPS", an address...
    int stratum = 0;               ///< 0: not synchronised
    double system_offset_s = 0;    ///< how far the system clock is from true time now
    double root_delay_s = 0;       ///< to the primary reference, round trip
    double root_dispersion_s = 0;  ///< accumulated error estimate to it
    std::string leap_status;       ///< "Normal", "Not synchronised", ...
};

/// Parses one line of `chronyc -c tracking` (comma-separated, 14 fields);
/// nothing when it is not such a line. Exposed for tests and the fuzz test.
std::optional<ChronyTracking> parse_chrony_tracking(const std::string& line);

/// The quality from the kernel's view (`state`, `timex` from adjtimex; a
/// state of -1, adjtimex failing, is no view at all) and,
/// when chrony runs, its tracking; reads are fit for enforcement when the
/// error bound is at most `max_error_ms`.
ClockQuality judge_clock(int state, const timex& kernel,
                         const std::optional<ChronyTracking>& chrony, double max_error_ms);

}  // namespace anpr::timekeeping
