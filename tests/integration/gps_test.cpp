/// The GPS service against a real gpsd: gpsfake replays a recorded NMEA log
/// (tests/data/gps/drive_e40.nmea, made by make_nmea.py) through its own gpsd
/// on loopback. Checks that fixes carry the log's positions and times, that
/// the log's no-fix stretch is a counted fix loss, that its garbled sentence
/// changes nothing, and that a gpsd restart is survived and counted.

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "child_process.hpp"
#include "geo/gps_service.hpp"
#include "outbox_records.hpp"
#include "temp_dir.hpp"

namespace anpr::geo {
namespace {

using namespace std::chrono_literals;
using anpr::testing::ChildProcess;
using anpr::testing::TempDir;

const std::filesystem::path gpsfake = "/usr/bin/gpsfake";
const std::filesystem::path gpsd = "/usr/sbin/gpsd";
const std::filesystem::path nmea_log = "tests/data/gps/drive_e40.nmea";
const LatLon site{50.8466, 4.3528};

/// What the log says the receiver reported at one second.
struct LoggedFix {
    bool fix = false;
    double lat = NAN;
    double lon = NAN;
};

struct NmeaLog {
    std::map<std::chrono::system_clock::time_point, LoggedFix> seconds;
    int bad_checksums = 0;
};

bool checksum_ok(const std::string& sentence) {
    const auto star = sentence.find('*');
    if (sentence.empty() || sentence[0] != '$' || star == std::string::npos) return false;
    unsigned sum = 0;
    for (std::size_t i = 1; i < star; ++i) sum ^= static_cast<unsigned char>(sentence[i]);
    char expected[3];
    std::snprintf(expected, sizeof expected, "%02X", sum);
    return sentence.substr(star + 1, 2) == expected;
}

/// The two digits at `at` ("083007.00", "140524"), as a number.
int two_digits(const std::string& field, std::size_t at) { return std::stoi(field.substr(at, 2)); }

std::vector<std::string> fields(const std::string& sentence) {
    std::vector<std::string> out;
    std::istringstream in(sentence.substr(0, sentence.find('*')));
    for (std::string field; std::getline(in, field, ',');) out.push_back(field);
    return out;
}

/// "5050.79604" + "N", "00421.16941" + "E": degrees, south and west negative.
double degrees(const std::string& value, const std::string& hemisphere) {
    const double raw = std::stod(value);
    const double deg = std::floor(raw / 100.0);
    const double signed_deg = deg + (raw - deg * 100.0) / 60.0;
    return hemisphere == "S" || hemisphere == "W" ? -signed_deg : signed_deg;
}

/// The log's GPRMC and GPGGA sentences with good checksums (what gpsd uses),
/// keyed by their UTC time on the log's date; GPGGA carries no date, so the
/// RMC's is used.
NmeaLog read_nmea_log(const std::filesystem::path& path) {
    NmeaLog log;
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path.string());
    std::chrono::sys_days date{};
    std::vector<std::vector<std::string>> ggas;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (!checksum_ok(line)) {
            ++log.bad_checksums;
            continue;
        }
        const auto f = fields(line);
        if (f[0] == "$GPRMC") {
            date = std::chrono::year_month_day(
                std::chrono::year(2000 + two_digits(f[9], 4)),
                std::chrono::month(static_cast<unsigned>(two_digits(f[9], 2))),
                std::chrono::day(static_cast<unsigned>(two_digits(f[9], 0))));
        }
        if (f[0] == "$GPGGA") ggas.push_back(f);
    }
    for (const auto& f : ggas) {
        const auto time = date + std::chrono::hours(two_digits(f[1], 0)) +
                          std::chrono::minutes(two_digits(f[1], 2)) +
                          std::chrono::seconds(two_digits(f[1], 4));
        LoggedFix fix;
        fix.fix = f[6] != "0";
        if (fix.fix) {
            fix.lat = degrees(f[2], f[3]);
            fix.lon = degrees(f[4], f[5]);
        }
        log.seconds[time] = fix;
    }
    return log;
}

/// A loopback port free at the time of asking.
int free_port() {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
        getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
        throw std::runtime_error("cannot find a free loopback port");
    }
    close(fd);
    return ntohs(address.sin_port);
}

bool accepts_connections(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    close(fd);
    return ok;
}

/// gpsfake replaying the log once through its own gpsd on 127.0.0.1:`port`
/// (gpsd listens on loopback only unless given -G), serving when made.
/// -n: gpsd reads the log from the start, before any client; -c 0.06: 0.3 s
/// per logged second; -D 1: gpsd logs its warnings, among them the dropped
/// sentence.
class GpsFake {
  public:
    GpsFake(int port, const std::filesystem::path& dir) : port_(port), log_(dir / "gpsfake.log") {
        // TMPDIR: gpsfake puts gpsd's control socket there, and gpsd leaves it.
        child_.emplace(ChildProcess::start(
            {"/usr/bin/env", "TMPDIR=" + dir.string(), gpsfake.string(), "-1", "-n", "-q", "-c",
             "0.06", "-D", "1", "-P", std::to_string(port), nmea_log.string()},
            log_));
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (!accepts_connections(port)) {
            if (!child_->running() || std::chrono::steady_clock::now() > deadline) {
                throw std::runtime_error("gpsfake did not serve on 127.0.0.1:" +
                                         std::to_string(port) + " (log " + log_.string() + ")");
            }
            std::this_thread::sleep_for(20ms);
        }
    }
    ~GpsFake() { stop(); }
    GpsFake(const GpsFake&) = delete;
    GpsFake& operator=(const GpsFake&) = delete;

    /// Stops gpsfake as a technician would: on SIGTERM it stops its gpsd,
    /// where SIGKILL (ChildProcess's last resort) would leave gpsd running.
    /// True when it stopped in time.
    bool stop() {
        if (!child_) return true;
        child_->signal(SIGTERM);
        const bool stopped = child_->wait_for(5s).has_value();
        child_.reset();
        // gpsd keeps a System V shared-memory copy of its state, keyed by
        // port (gpsfake's GPSD_SHM_KEY), and never removes it.
        if (const int id = shmget(static_cast<key_t>(0x47700000 + port_), 0, 0); id >= 0) {
            shmctl(id, IPC_RMID, nullptr);
        }
        return stopped;
    }

    bool logged(const std::string& regex, std::chrono::milliseconds timeout) {
        return child_ && child_->wait_for_line(regex, timeout).has_value();
    }
    const std::filesystem::path& log() const { return log_; }

  private:
    int port_;
    std::filesystem::path log_;
    std::optional<ChildProcess> child_;
};

/// Polls the service every 5 ms until `done` or `timeout`, keeping every
/// distinct report it sees.
class Watcher {
  public:
    explicit Watcher(const GpsService& gps) : gps_(gps) {}

    bool until(const std::function<bool(const GpsStatus&)>& done, std::chrono::seconds timeout) {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto status = gps_.status();
            if (status.last && (seen_.empty() || status.last->received != seen_.back().received)) {
                seen_.push_back(*status.last);
            }
            if (done(status)) return true;
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(5ms);
        }
    }
    const std::vector<GeoFix>& seen() const { return seen_; }

  private:
    const GpsService& gps_;
    std::vector<GeoFix> seen_;
};

TEST(GpsTest, ReplayedLogGivesItsFixesSurvivesNoFixGarbageAndGpsdRestart) {
    if (!std::filesystem::exists(gpsfake) || !std::filesystem::exists(gpsd)) {
        GTEST_SKIP() << gpsfake << " or " << gpsd
                     << " not installed (Debian: apt install gpsd gpsd-clients)";
    }
    const auto log = read_nmea_log(nmea_log);
    ASSERT_EQ(log.bad_checksums, 1) << "the log should hold exactly one garbled sentence";

    TempDir dir;
    const int port = free_port();
    auto replay = std::make_optional<GpsFake>(port, dir.path());

    GpsConfig config;
    config.gpsd = "127.0.0.1:" + std::to_string(port);
    config.max_age_s = 1.f;  // the log plays at 0.3 s per second
    GpsService gps(config, site);
    gps.start();
    Watcher watcher(gps);

    // The no-fix stretch: one fix loss, and no position for records meanwhile.
    ASSERT_TRUE(watcher.until([](const GpsStatus& s) { return s.counts.fix_losses >= 1; }, 20s))
        << "no fix loss seen; gpsfake log " << replay->log();
    EXPECT_FALSE(gps.current()) << "current() must be empty while the receiver has no fix";
    const auto at_loss = gps.status();
    ASSERT_TRUE(at_loss.last);
    EXPECT_EQ(at_loss.last->mode, GeoFix::Mode::none);
    EXPECT_FALSE(log.seconds.at(at_loss.last->gps_time).fix);

    // Fixes again after it.
    ASSERT_TRUE(watcher.until(
        [&](const GpsStatus& s) { return s.usable && s.counts.fixes > at_loss.counts.fixes; },
        10s));
    ASSERT_TRUE(gps.current());
    EXPECT_EQ(gps.status().counts.fix_losses, 1u);

    // gpsd saw the garbled sentence and dropped it (its only trace: gpsd's
    // own log); nothing of it reached the unit.
    EXPECT_TRUE(replay->logged("bad checksum in NMEA packet", 5s))
        << "gpsd never read the garbled sentence; gpsfake log " << replay->log();

    // gpsd goes away and comes back on the same port.
    ASSERT_TRUE(replay->stop()) << "gpsfake did not stop on SIGTERM";
    ASSERT_TRUE(watcher.until([](const GpsStatus& s) { return s.gpsd_outages == 1; }, 5s));
    // Without gpsd the last fix ages past max_age: a second fix loss.
    ASSERT_TRUE(watcher.until([](const GpsStatus& s) { return s.counts.fix_losses == 2; }, 5s));
    EXPECT_FALSE(gps.current()) << "a stale fix must not be used";
    EXPECT_FALSE(gps.status().connected);
    const auto fixes_before_restart = gps.status().counts.fixes;
    replay.emplace(port, dir.path());
    ASSERT_TRUE(watcher.until(
        [&](const GpsStatus& s) {
            return s.gpsd_restarts == 1 && s.usable && s.counts.fixes > fixes_before_restart;
        },
        15s))
        << "no fixes after gpsd came back; gpsfake log " << replay->log();
    EXPECT_TRUE(gps.current());

    const auto end = gps.status();
    EXPECT_EQ(end.counts.fix_losses, 2u);
    EXPECT_EQ(end.gpsd_outages, 1u);
    EXPECT_EQ(end.gpsd_restarts, 1u);
    EXPECT_TRUE(end.connected);
    EXPECT_EQ(end.counts.far_from_site, 0u) << "a fix far from the site: the garbled position?";
    EXPECT_FALSE(end.far_from_site);

    // Every report seen carries the log's own time and, with a fix, the
    // log's position for that second.
    int with_fix = 0;
    int with_satellites = 0;
    for (const auto& fix : watcher.seen()) {
        const auto logged = log.seconds.find(fix.gps_time);
        ASSERT_NE(logged, log.seconds.end()) << "a report at a time the log does not have: "
                                             << fix.gps_time.time_since_epoch().count();
        EXPECT_EQ(fix.has_position(), logged->second.fix);
        if (!fix.has_position()) continue;
        ++with_fix;
        EXPECT_NEAR(fix.lat, logged->second.lat, 1e-6);
        EXPECT_NEAR(fix.lon, logged->second.lon, 1e-6);
        EXPECT_LT(distance_m(site, {fix.lat, fix.lon}), 20.0);
        // gpsd sends the sky after the position: a fix carries the count
        // of the sky report before it, none for a session's first fix.
        EXPECT_TRUE(fix.satellites_used == 0 || fix.satellites_used == 8) << fix.satellites_used;
        if (fix.satellites_used == 8) ++with_satellites;
    }
    EXPECT_GT(with_fix, 10);
    EXPECT_GT(with_satellites, 10);

    std::ostringstream status;
    gps.status(status);
    EXPECT_NE(status.str().find("2 fix losses, 0 far from site, 1 gpsd outages, 1 gpsd restarts"),
              std::string::npos)
        << status.str();
    gps.stop();
}

// The unit itself with [gps]: its records carry the replayed log's positions
// and GPS times, and name GPS as their source.
TEST(GpsTest, TheUnitsRecordsCarryTheLogsPositionsAndTimes) {
    if (!std::filesystem::exists(gpsfake) || !std::filesystem::exists(gpsd)) {
        GTEST_SKIP() << gpsfake << " or " << gpsd << " not installed";
    }
    TempDir dir;
    const int port = free_port();
    GpsFake replay(port, dir.path());
    const auto config =
        dir.write("unit.toml",
                  "[unit]\nid = \"unit-0001\"\nlatitude = 50.8466\nlongitude = 4.3528\n"
                  "[capture]\nloop = true\ninterval_ms = 50\n[gps]\ngpsd = \"127.0.0.1:" +
                      std::to_string(port) + "\"\nmax_age_s = 1.0\n[outbox]\npath = \"" +
                      (dir.path() / "outbox.db").string() + "\"\n[evidence]\nkey_dir = \"" +
                      dir.path().string() + "\"\n");
    auto unit = ChildProcess::start({testing::program_path("anprd"), "--config", config.string()},
                                    dir.path() / "anprd.log");
    std::this_thread::sleep_for(4s);
    unit.signal(SIGTERM);
    ASSERT_EQ(unit.wait_for(30s), 0);
    const auto records = testing::outbox_records(config);
    int from_gps = 0;
    for (const auto& record : records) {
        const auto& position = record.at("position");
        if (position.at("source") != "gps") continue;
        ++from_gps;
        EXPECT_LT(distance_m(site, {position.at("lat"), position.at("lon")}), 20.0);
        EXPECT_EQ(position.at("gps_utc").get<std::string>().rfind("2024-05-14T08:30:", 0), 0u)
            << position.dump();
        EXPECT_FALSE(position.at("far_from_site").get<bool>());
    }
    EXPECT_GT(from_gps, 0) << "no record took its position from the GPS";
}

}  // namespace
}  // namespace anpr::geo
