#pragma once
/// The HTTPS client of the uplink (libcurl): posts batches of records to the
/// central receiver over mutual TLS and says what became of each record.
/// The contract is docs/uplink-api.yaml; outcomes follow Fluent Bit's rule:
/// 2xx delivered (per record), 4xx other than 408 and 429 refused for good,
/// anything else (5xx, 408, 429, no answer) to be tried again.

#include <curl/curl.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "uplink/outbox.hpp"

namespace anpr::uplink {

/// What the receiver said of one record of a delivered batch.
struct RecordAck {
    enum class Status { stored, duplicate, rejected };
    Status status = Status::stored;
    std::string reason;  ///< why, when rejected
};

struct SendOutcome {
    enum class Kind {
        delivered,  ///< 2xx: see `acks`
        refused,    ///< 4xx other than 408/429: the batch will never be accepted
        retry,      ///< try again later
    };
    Kind kind = Kind::retry;
    long http_status = 0;  ///< 0: no answer
    std::string error;     ///< why, when not delivered; a warning, when delivered
    /// One per record of the batch that the receiver answered for, by
    /// position; a record without an answer is sent again.
    std::vector<std::optional<RecordAck>> acks;
    std::optional<double> retry_after_s;  ///< the receiver's Retry-After, s
};

class UplinkClient {
  public:
    /// A client for `config.url`; an Error names a certificate, key or CA
    /// file that is missing or unreadable. `user_agent` names the firmware.
    static core::Result<UplinkClient> create(const config::UplinkConfig& config,
                                             const std::string& user_agent);

    /// Posts `batch` as one request, reusing the connection when it can.
    SendOutcome send(const std::vector<QueuedRecord>& batch);

  private:
    explicit UplinkClient(CURL* easy) : easy_(easy, curl_easy_cleanup) {}
    std::unique_ptr<CURL, void (*)(CURL*)> easy_;
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headers_{nullptr, curl_slist_free_all};
};

/// The receiver's per-record answers in `body` (a 2xx answer to `batch`),
/// matched by position and checked by id; a record whose answer is missing or
/// names another id is left without one. Nothing when `body` holds no
/// "results" array. Exposed for tests.
std::optional<std::vector<std::optional<RecordAck>>> parse_acks(
    const std::string& body, const std::vector<QueuedRecord>& batch);

}  // namespace anpr::uplink
