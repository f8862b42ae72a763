#include "geo/gpsd_session.hpp"

#include <gps.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <string>

namespace anpr::geo {

namespace {

GeoFix::Mode mode_of(int gpsd_mode) {
    switch (gpsd_mode) {
        case MODE_2D:
            return GeoFix::Mode::fix_2d;
        case MODE_3D:
            return GeoFix::Mode::fix_3d;
        default:
            return GeoFix::Mode::none;
    }
}

std::chrono::system_clock::time_point to_time_point(const timespec_t& time) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(
            std::chrono::seconds(time.tv_sec) + std::chrono::nanoseconds(time.tv_nsec)));
}

/// gpsd's eph when it has one, else the radius from its per-axis errors.
double horizontal_error(const gps_fix_t& fix) {
    if (std::isfinite(fix.eph)) return fix.eph;
    if (std::isfinite(fix.epx) && std::isfinite(fix.epy)) return std::hypot(fix.epx, fix.epy);
    return NAN;
}

GeoFix to_geo_fix(const gps_data_t& data, int satellites_used) {
    const gps_fix_t& raw = data.fix;
    GeoFix fix;
    fix.received = std::chrono::steady_clock::now();
    fix.satellites_used = satellites_used;
    if (data.set & TIME_SET) fix.gps_time = to_time_point(raw.time);
    fix.mode = mode_of(raw.mode);
    // A fix without a position is no fix, whatever its mode says.
    if (!std::isfinite(raw.latitude) || !std::isfinite(raw.longitude)) {
        fix.mode = GeoFix::Mode::none;
    }
    if (!fix.has_position()) return fix;
    fix.lat = raw.latitude;
    fix.lon = raw.longitude;
    fix.altitude_m = fix.mode == GeoFix::Mode::fix_3d ? raw.altMSL : NAN;
    fix.heading_deg = raw.track;
    fix.speed_mps = raw.speed;
    fix.horizontal_error_m = horizontal_error(raw);
    return fix;
}

std::string why_closed() {
    return errno != 0 ? std::string(std::strerror(errno)) : "connection closed by gpsd";
}

}  // namespace

void GpsdSession::Close::operator()(gps_data_t* data) const {
    (void)gps_stream(data, WATCH_DISABLE, nullptr);
    (void)gps_close(data);
    delete data;
}

GpsdSession::GpsdSession(std::unique_ptr<gps_data_t, Close> data) : data_(std::move(data)) {}

core::Result<GpsdSession> GpsdSession::open(const GpsdAddress& address) {
    const std::string where = "gpsd at " + address.host + ":" + address.port;
    auto data = std::make_unique<gps_data_t>();
    if (gps_open(address.host.c_str(), address.port.c_str(), data.get()) != 0) {
        return core::Error{"cannot connect to " + where + ": " + gps_errstr(errno)};
    }
    // From here the Close deleter owns the open session.
    std::unique_ptr<gps_data_t, Close> session(data.release());
    if (gps_stream(session.get(), WATCH_ENABLE | WATCH_JSON, nullptr) != 0) {
        return core::Error{"cannot watch " + where + ": " + why_closed()};
    }
    return GpsdSession(std::move(session));
}

core::Result<std::optional<GeoFix>> GpsdSession::next(std::chrono::milliseconds timeout) {
    const auto timeout_us = std::chrono::duration_cast<std::chrono::microseconds>(timeout);
    errno = 0;
    if (!gps_waiting(data_.get(), static_cast<int>(timeout_us.count()))) {
        // A signal cutting the wait short is no failure: the caller waits again.
        if (errno != 0 && errno != EINTR) return core::Error{"gpsd: " + why_closed()};
        return std::optional<GeoFix>();
    }
    // libgps only adds flags for what a report holds: cleared, they say
    // which kind of report this one was.
    data_->set = 0;
    errno = 0;
    if (gps_read(data_.get(), nullptr, 0) < 0) return core::Error{"gpsd: " + why_closed()};
    if (data_->set & SATELLITE_SET) satellites_used_ = data_->satellites_used;
    if (!(data_->set & MODE_SET)) return std::optional<GeoFix>();
    return std::optional<GeoFix>(to_geo_fix(*data_, satellites_used_));
}

}  // namespace anpr::geo
