#pragma once
/// The GPS service: a thread that reads position reports from gpsd, keeps the
/// latest fix for the records, checks it against the configured site, and
/// reconnects when gpsd goes away. Without a configured gpsd it does nothing
/// and records carry the configured position.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "geo/distance.hpp"
#include "geo/fix_tracker.hpp"
#include "geo/geo_fix.hpp"
#include "geo/gps_config.hpp"
#include "geo/gps_status.hpp"
#include "geo/gpsd_address.hpp"

namespace anpr::geo {

class GpsdSession;

class GpsService {
  public:
    /// `site` is the configured position (UnitConfig latitude, longitude).
    /// Throws std::invalid_argument with check_gps_config's message when
    /// `config` is invalid.
    GpsService(const GpsConfig& config, LatLon site);
    ~GpsService();
    GpsService(const GpsService&) = delete;
    GpsService& operator=(const GpsService&) = delete;

    std::string name() const { return "gps"; }
    /// Starts the thread; nothing when no gpsd is configured.
    void start();
    /// Ends the thread within a poll interval and closes the gpsd session.
    void stop();

    /// The latest fix if it is a real fix (2D or 3D) no older than max_age;
    /// nullopt otherwise, and always without a configured gpsd.
    std::optional<GeoFix> current() const;

    GpsStatus status() const;
    void status(std::ostream& out) const;

  private:
    void run();
    /// Reads reports until the session fails or the service stops.
    void read(GpsdSession& session);
    void apply(const FixChange& change, const std::optional<GeoFix>& fix);
    void connected();
    void lost(const std::string& why);
    /// Sleeps `delay` unless stopped, ageing the fix meanwhile.
    void pause(std::chrono::milliseconds delay);
    void tick();
    bool stopping() const;

    GpsConfig config_;
    std::optional<GpsdAddress> address_;  ///< none: no GPS configured

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stop_ = false;
    FixTracker tracker_;
    bool connected_ = false;
    bool in_outage_ = false;
    std::uint64_t outages_ = 0;
    std::uint64_t restarts_ = 0;
    std::string last_error_;
    std::thread thread_;
};

}  // namespace anpr::geo
