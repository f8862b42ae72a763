#pragma once
/// One connection to gpsd through libgps, watching its JSON reports; closed
/// by its destructor.

#include <chrono>
#include <memory>
#include <optional>

#include "core/result.hpp"
#include "geo/geo_fix.hpp"
#include "geo/gpsd_address.hpp"

struct gps_data_t;

namespace anpr::geo {

class GpsdSession {
  public:
    /// Connects and asks gpsd to stream JSON reports; an Error naming the
    /// address when gpsd is not there.
    static core::Result<GpsdSession> open(const GpsdAddress& address);

    /// Waits up to `timeout` for gpsd's next report: a GeoFix for a position
    /// report (TPV, with or without a fix), nullopt when none came or it was
    /// another kind; an Error once the connection is gone.
    core::Result<std::optional<GeoFix>> next(std::chrono::milliseconds timeout);

  private:
    struct Close {
        void operator()(gps_data_t* data) const;
    };
    explicit GpsdSession(std::unique_ptr<gps_data_t, Close> data);

    std::unique_ptr<gps_data_t, Close> data_;
    /// From gpsd's sky reports, which come apart from the position reports.
    int satellites_used_ = 0;
};

}  // namespace anpr::geo
