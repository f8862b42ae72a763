#pragma once
/// The GPS fix as the unit sees it over time: the latest report, whether it
/// is still usable, and the counts the diagnostics show. Pure (time is passed
/// in) so that losses, staleness and the site check are tested without gpsd.

#include <chrono>
#include <cstdint>
#include <optional>

#include "geo/distance.hpp"
#include "geo/geo_fix.hpp"

namespace anpr::geo {

/// What a report or the passing of time changed, for the service to log once.
struct FixChange {
    enum class Loss { none, no_fix, stale };
    Loss lost = Loss::none;  ///< a usable fix just went away, and why
    bool regained = false;   ///< a usable fix just came (back)
    /// A fix just went farther than allowed from the site: its distance.
    std::optional<double> far_episode_m;
    bool back_near_site = false;  ///< a far episode just ended
};

struct FixCounts {
    std::uint64_t fixes = 0;          ///< reports with a 2D or 3D fix
    std::uint64_t fix_losses = 0;     ///< a usable fix turned into no fix or went stale
    std::uint64_t far_from_site = 0;  ///< fixes farther than allowed from the site
};

class FixTracker {
  public:
    FixTracker(LatLon site, double max_site_distance_m,
               std::chrono::steady_clock::duration max_age);

    /// A position report from gpsd (with or without a fix), received at `fix.received`.
    FixChange on_report(const GeoFix& fix);
    /// Time has passed: a fix older than max_age is lost.
    FixChange on_tick(std::chrono::steady_clock::time_point now);

    /// The latest fix if it is a real fix no older than max_age at `now`.
    std::optional<GeoFix> current(std::chrono::steady_clock::time_point now) const;
    /// The latest report, usable or not.
    const std::optional<GeoFix>& last() const { return last_; }
    const FixCounts& counts() const { return counts_; }
    /// The latest fix was farther than allowed from the site.
    bool far_from_site() const { return far_; }
    /// From the site to the latest fix, m; nullopt before the first fix.
    std::optional<double> site_distance_m() const { return site_distance_m_; }

  private:
    bool fresh(const GeoFix& fix, std::chrono::steady_clock::time_point now) const;

    LatLon site_;
    double max_site_distance_m_;
    std::chrono::steady_clock::duration max_age_;
    std::optional<GeoFix> last_;
    bool usable_ = false;  ///< a fix is held that has not been lost or gone stale
    bool far_ = false;
    std::optional<double> site_distance_m_;
    FixCounts counts_;
};

}  // namespace anpr::geo
