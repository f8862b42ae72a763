#include "geo/fix_tracker.hpp"

namespace anpr::geo {

FixTracker::FixTracker(LatLon site, double max_site_distance_m,
                       std::chrono::steady_clock::duration max_age)
    : site_(site), max_site_distance_m_(max_site_distance_m), max_age_(max_age) {}

FixChange FixTracker::on_report(const GeoFix& fix) {
    FixChange change;
    last_ = fix;
    if (!fix.has_position()) {
        if (usable_) {
            usable_ = false;
            ++counts_.fix_losses;
            change.lost = FixChange::Loss::no_fix;
        }
        return change;
    }
    ++counts_.fixes;
    change.regained = !usable_;
    usable_ = true;

    const double distance = distance_m(site_, {fix.lat, fix.lon});
    site_distance_m_ = distance;
    const bool far = distance > max_site_distance_m_;
    if (far) ++counts_.far_from_site;
    if (far && !far_) change.far_episode_m = distance;
    change.back_near_site = far_ && !far;
    far_ = far;
    return change;
}

FixChange FixTracker::on_tick(std::chrono::steady_clock::time_point now) {
    FixChange change;
    if (usable_ && !fresh(*last_, now)) {
        usable_ = false;
        ++counts_.fix_losses;
        change.lost = FixChange::Loss::stale;
    }
    return change;
}

std::optional<GeoFix> FixTracker::current(std::chrono::steady_clock::time_point now) const {
    if (!last_ || !last_->has_position() || !fresh(*last_, now)) return std::nullopt;
    return last_;
}

bool FixTracker::fresh(const GeoFix& fix, std::chrono::steady_clock::time_point now) const {
    return now - fix.received <= max_age_;
}

}  // namespace anpr::geo
