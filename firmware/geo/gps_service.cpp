#include "geo/gps_service.hpp"

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "geo/gpsd_session.hpp"
#include "geo/reconnect_delay.hpp"
#include "logging/logging.hpp"

namespace anpr::geo {

namespace {

/// How long one wait for gpsd lasts: bounds how late stop() and staleness are.
constexpr std::chrono::milliseconds poll_interval{200};

std::chrono::steady_clock::duration to_duration(float s) {
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::duration<double>(s));
}

std::optional<GpsdAddress> address_of(const GpsConfig& config) {
    if (const auto checked = check_gps_config(config); !checked) {
        throw std::invalid_argument(checked.error().message);
    }
    if (config.gpsd.empty()) return std::nullopt;
    return parse_gpsd_address(config.gpsd).value();
}

}  // namespace

GpsService::GpsService(const GpsConfig& config, LatLon site)
    : config_(config),
      address_(address_of(config)),
      tracker_(site, config.max_site_distance_m, to_duration(config.max_age_s)) {}

GpsService::~GpsService() { stop(); }

void GpsService::start() {
    if (!address_) {
        logging::logger("gps")->info("no gpsd configured: records carry the configured position");
        return;
    }
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stop_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void GpsService::stop() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::optional<GeoFix> GpsService::current() const {
    std::lock_guard lock(mutex_);
    return tracker_.current(std::chrono::steady_clock::now());
}

GpsStatus GpsService::status() const {
    std::lock_guard lock(mutex_);
    return {.gpsd = config_.gpsd,
            .connected = connected_,
            .last = tracker_.last(),
            .usable = tracker_.current(std::chrono::steady_clock::now()).has_value(),
            .counts = tracker_.counts(),
            .far_from_site = tracker_.far_from_site(),
            .site_distance_m = tracker_.site_distance_m(),
            .gpsd_outages = outages_,
            .gpsd_restarts = restarts_,
            .last_error = last_error_};
}

void GpsService::status(std::ostream& out) const {
    write_status(out, status(), std::chrono::steady_clock::now());
}

void GpsService::run() {
    int failed_attempts = 0;
    while (!stopping()) {
        try {
            auto session = GpsdSession::open(*address_);
            if (session) {
                failed_attempts = 0;
                connected();
                read(session.value());
            } else {
                lost(session.error().message);
            }
        } catch (const std::exception& error) {
            // Nothing here is expected to throw; if it does, the service
            // carries on as after any gpsd failure rather than dying silently.
            logging::logger("gps")->error("gps thread failed: {}", error.what());
            lost(error.what());
        }
        // Also after a session that ended: a gpsd that accepts and hangs up
        // at once is not hammered.
        pause(reconnect_delay(++failed_attempts));
    }
}

void GpsService::read(GpsdSession& session) {
    while (!stopping()) {
        auto report = session.next(poll_interval);
        if (!report) {
            lost(report.error().message);
            return;
        }
        if (report.value()) {
            std::lock_guard lock(mutex_);
            apply(tracker_.on_report(*report.value()), report.value());
        }
        tick();
    }
    std::lock_guard lock(mutex_);
    connected_ = false;
}

void GpsService::tick() {
    std::lock_guard lock(mutex_);
    apply(tracker_.on_tick(std::chrono::steady_clock::now()), std::nullopt);
}

void GpsService::apply(const FixChange& change, const std::optional<GeoFix>& fix) {
    const auto log = logging::logger("gps");
    switch (change.lost) {
        case FixChange::Loss::no_fix:
            log->warn("GPS fix lost: the receiver reports no fix");
            break;
        case FixChange::Loss::stale:
            log->warn("GPS fix lost: no report for {:.1f} s", config_.max_age_s);
            break;
        case FixChange::Loss::none:
            break;
    }
    if (change.regained && fix) {
        log->info("GPS fix ({}): {:.6f}, {:.6f}", to_string(fix->mode), fix->lat, fix->lon);
    }
    if (change.far_episode_m) {
        log->warn("GPS fix {:.0f} m from the configured site: check the unit's position",
                  *change.far_episode_m);
    }
    if (change.back_near_site) {
        log->info("GPS fix back within {:.0f} m of the configured site",
                  config_.max_site_distance_m);
    }
}

void GpsService::connected() {
    std::lock_guard lock(mutex_);
    connected_ = true;
    if (!in_outage_) return;
    in_outage_ = false;
    ++restarts_;
    logging::logger("gps")->info("gpsd back after outage {}", outages_);
}

void GpsService::lost(const std::string& why) {
    std::lock_guard lock(mutex_);
    connected_ = false;
    last_error_ = why;
    if (in_outage_) return;
    in_outage_ = true;
    ++outages_;
    logging::logger("gps")->warn("gpsd lost (outage {}): {}", outages_, why);
}

void GpsService::pause(std::chrono::milliseconds delay) {
    const auto until = std::chrono::steady_clock::now() + delay;
    std::unique_lock lock(mutex_);
    while (!stop_ && std::chrono::steady_clock::now() < until) {
        wake_.wait_until(lock, std::min(until, std::chrono::steady_clock::now() + poll_interval));
        lock.unlock();
        tick();
        lock.lock();
    }
}

bool GpsService::stopping() const {
    std::lock_guard lock(mutex_);
    return stop_;
}

}  // namespace anpr::geo
