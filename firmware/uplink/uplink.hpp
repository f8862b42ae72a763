#pragma once
/// The uplink service: a thread that takes records from the outbox, priority
/// lane first, posts them in batches to the central receiver, and removes
/// them once acknowledged. Failed requests are tried again after a capped,
/// jittered exponential pause; records the receiver refuses for good go to
/// the outbox's dead letters with the reason, and are logged.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "uplink/backoff.hpp"
#include "uplink/outbox.hpp"
#include "uplink/uplink_client.hpp"

namespace anpr::uplink {

/// What the diagnostics show of the uplink.
struct UplinkStatus {
    OutboxDepths outbox;
    std::uint64_t requests = 0;      ///< batches posted since start
    std::uint64_t failures = 0;      ///< of them, not delivered
    std::uint64_t delivered = 0;     ///< records acknowledged (stored or duplicate)
    std::uint64_t duplicates = 0;    ///< of them, the receiver already had
    std::uint64_t dead_letters = 0;  ///< records refused for good since start
    std::optional<std::chrono::system_clock::time_point> last_success;
    std::optional<std::chrono::system_clock::time_point> last_failure;
    std::string last_error;      ///< why the last failed request failed
    double retry_delay_s = 0.0;  ///< the pause now under way, 0 when none
};

class Uplink {
  public:
    Uplink(const config::UplinkConfig& config, Outbox& outbox, UplinkClient client);
    ~Uplink();
    Uplink(const Uplink&) = delete;
    Uplink& operator=(const Uplink&) = delete;

    std::string name() const { return "uplink"; }
    void start();
    /// Ends the thread after the request under way; records stay in the outbox.
    void stop();
    /// A record was added: send now rather than at the next look. A priority
    /// record (an alert) also cuts short a pause after failed attempts: it
    /// is tried at once, in case the receiver is back.
    void wake(Lane lane = Lane::ordinary);

    UplinkStatus status();
    void status(std::ostream& out);

    /// Waits until the outbox is empty, `timeout` has passed or `stop` is set;
    /// true when it is empty.
    bool drain(std::chrono::milliseconds timeout, const std::atomic<bool>& stop);
    /// Set when the outbox itself failed (not the network): the unit must stop.
    std::optional<core::Error> failure();

  private:
    void run();
    /// Posts `batch` and applies the answer; false when it must be tried
    /// again (after the pause, already taken).
    bool deliver(const std::vector<QueuedRecord>& batch);
    /// A batch refused as a whole is tried record by record, so that one bad
    /// record does not take its neighbours to the dead letters. Returns the
    /// outcome that stopped it when a record must be tried again.
    std::optional<SendOutcome> deliver_one_by_one(const std::vector<QueuedRecord>& batch);
    /// Notes the failure, logs it and pauses; false, for `deliver`.
    bool retry_later(const SendOutcome& outcome, std::size_t records);
    void apply_acks(const std::vector<QueuedRecord>& batch, const SendOutcome& outcome);
    void dead_letter(const QueuedRecord& record, long http_status, const std::string& reason);
    void outbox_failed(const storage::SqliteError& error);
    /// Sleeps `seconds` unless stopped.
    void pause(double seconds);

    config::UplinkConfig config_;
    Outbox& outbox_;
    UplinkClient client_;
    Backoff backoff_;

    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    bool woken_ = false;
    bool alert_waiting_ = false;  ///< a priority record came during a pause
    UplinkStatus status_;
    std::optional<core::Error> failure_;
    std::thread thread_;
};

}  // namespace anpr::uplink
