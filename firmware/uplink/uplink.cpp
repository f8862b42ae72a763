#include "uplink/uplink.hpp"

#include <iomanip>
#include <random>

#include "logging/logging.hpp"
#include "uplink/read_json.hpp"

namespace anpr::uplink {
namespace {

// Half the receiver's 16 MiB limit on a request body (docs/uplink-api.yaml).
constexpr std::size_t kMaxBatchBytes = 8u << 20;
// With nothing to send, the outbox is looked at this often even unwoken.
constexpr auto kIdleLook = std::chrono::seconds(1);

std::string ago(const std::optional<std::chrono::system_clock::time_point>& when) {
    return when ? iso8601_utc(*when) : std::string("never");
}

}  // namespace

Uplink::Uplink(const config::UplinkConfig& config, Outbox& outbox, UplinkClient client)
    : config_(config),
      outbox_(outbox),
      client_(std::move(client)),
      backoff_(config.retry_min_s, config.retry_max_s, std::random_device{}()) {}

Uplink::~Uplink() { stop(); }

void Uplink::start() {
    if (thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    logging::logger("uplink")->info("sending to {} in batches of up to {}", config_.url,
                                    config_.batch);
    thread_ = std::thread([this] { run(); });
}

void Uplink::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

void Uplink::wake(Lane lane) {
    {
        std::lock_guard lock(mutex_);
        woken_ = true;
        if (lane == Lane::priority) alert_waiting_ = true;
    }
    wake_.notify_all();
}

std::optional<core::Error> Uplink::failure() {
    std::lock_guard lock(mutex_);
    return failure_;
}

void Uplink::run() {
    auto log = logging::logger("uplink");
    while (true) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_ || failure_) return;
            alert_waiting_ = false;  // the batch below takes every alert waiting now
        }
        auto batch = outbox_.next_batch(static_cast<std::size_t>(config_.batch), kMaxBatchBytes);
        if (!batch) {
            outbox_failed({SQLITE_ERROR, batch.error().message});
            return;
        }
        if (batch.value().empty()) {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, kIdleLook, [this] { return stopping_ || woken_; });
            woken_ = false;
            continue;
        }
        if (deliver(batch.value())) {
            if (backoff_.failures() > 0) {
                log->info("delivering again after {} failed attempt(s)", backoff_.failures());
            }
            backoff_.reset();
        }
    }
}

bool Uplink::deliver(const std::vector<QueuedRecord>& batch) {
    const SendOutcome outcome = client_.send(batch);
    {
        std::lock_guard lock(mutex_);
        ++status_.requests;
    }
    switch (outcome.kind) {
        case SendOutcome::Kind::delivered:
            apply_acks(batch, outcome);
            return true;
        case SendOutcome::Kind::refused:
            if (batch.size() == 1) {
                dead_letter(batch.front(), outcome.http_status, outcome.error);
                return true;
            }
            if (auto failed = deliver_one_by_one(batch)) return retry_later(*failed, batch.size());
            return true;
        case SendOutcome::Kind::retry:
            break;
    }
    return retry_later(outcome, batch.size());
}

bool Uplink::retry_later(const SendOutcome& outcome, std::size_t records) {
    {
        std::lock_guard lock(mutex_);
        ++status_.failures;
        status_.last_failure = std::chrono::system_clock::now();
        status_.last_error = outcome.error;
    }
    const double delay = backoff_.next(outcome.retry_after_s);
    logging::logger("uplink")->warn("cannot deliver {} record(s): {}; trying again in {:.1f} s",
                                    records, outcome.error, delay);
    pause(delay);
    return false;
}

std::optional<SendOutcome> Uplink::deliver_one_by_one(const std::vector<QueuedRecord>& batch) {
    for (const auto& record : batch) {
        {
            std::lock_guard lock(mutex_);
            if (stopping_ || failure_) return std::nullopt;
        }
        const std::vector<QueuedRecord> one{record};
        const SendOutcome outcome = client_.send(one);
        {
            std::lock_guard lock(mutex_);
            ++status_.requests;
        }
        if (outcome.kind == SendOutcome::Kind::delivered) {
            apply_acks(one, outcome);
        } else if (outcome.kind == SendOutcome::Kind::refused) {
            dead_letter(record, outcome.http_status, outcome.error);
        } else {
            return outcome;  // the rest waits for the next round
        }
    }
    return std::nullopt;
}

void Uplink::apply_acks(const std::vector<QueuedRecord>& batch, const SendOutcome& outcome) {
    auto log = logging::logger("uplink");
    if (!outcome.error.empty()) log->warn("{}", outcome.error);
    std::vector<std::uint64_t> done;
    std::uint64_t duplicates = 0;
    std::size_t unanswered = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const auto& ack = outcome.acks[i];
        if (!ack) {
            ++unanswered;
        } else if (ack->status == RecordAck::Status::rejected) {
            dead_letter(batch[i], outcome.http_status, ack->reason);
        } else {
            if (ack->status == RecordAck::Status::duplicate) ++duplicates;
            done.push_back(batch[i].seq);
        }
    }
    if (unanswered > 0) {
        log->warn("the receiver did not answer for {} of {} record(s); they will be sent again",
                  unanswered, batch.size());
    }
    if (auto failed = outbox_.delivered(done)) {
        // Not removed: they are sent again and the receiver knows them by id.
        if (failed->code == SQLITE_FULL) {
            log->error("{} delivered record(s) not removed: {}", done.size(), failed->message);
            return;
        }
        outbox_failed(*failed);
        return;
    }
    std::lock_guard lock(mutex_);
    status_.delivered += done.size();
    status_.duplicates += duplicates;
    status_.last_success = std::chrono::system_clock::now();
}

void Uplink::dead_letter(const QueuedRecord& record, long http_status, const std::string& reason) {
    logging::logger("uplink")->error(
        "record {} refused by the receiver for good: {}; kept in the outbox's dead letters",
        record.id, reason);
    if (auto failed = outbox_.dead_letter(record.seq, static_cast<int>(http_status), reason)) {
        if (failed->code != SQLITE_FULL) outbox_failed(*failed);
        return;
    }
    std::lock_guard lock(mutex_);
    ++status_.dead_letters;
}

void Uplink::outbox_failed(const storage::SqliteError& error) {
    logging::logger("uplink")->critical("{}", error.message);
    std::lock_guard lock(mutex_);
    failure_ = core::Error{error.message};
}

void Uplink::pause(double seconds) {
    std::unique_lock lock(mutex_);
    status_.retry_delay_s = seconds;
    wake_.wait_for(lock, std::chrono::duration<double>(seconds),
                   [this] { return stopping_ || alert_waiting_; });
    alert_waiting_ = false;
    status_.retry_delay_s = 0.0;
}

UplinkStatus Uplink::status() {
    auto depths = outbox_.depths();
    std::lock_guard lock(mutex_);
    UplinkStatus status = status_;
    if (depths) status.outbox = depths.value();
    return status;
}

void Uplink::status(std::ostream& out) {
    const UplinkStatus s = status();
    out << "uplink: " << s.outbox.priority << " priority and " << s.outbox.ordinary
        << " ordinary record(s) waiting (" << s.outbox.bytes / 1000 << " kB), "
        << s.outbox.dead_letters << " dead letter(s); " << s.delivered << " delivered ("
        << s.duplicates << " already there), " << s.dead_letters << " refused, " << s.requests
        << " request(s), " << s.failures << " failed; last success " << ago(s.last_success)
        << ", last failure " << ago(s.last_failure);
    if (!s.last_error.empty()) out << " (" << s.last_error << ")";
    if (s.retry_delay_s > 0) {
        out << "; next try in " << std::fixed << std::setprecision(1) << s.retry_delay_s << " s";
    }
}

bool Uplink::drain(std::chrono::milliseconds timeout, const std::atomic<bool>& stop) {
    const auto until = std::chrono::steady_clock::now() + timeout;
    while (true) {
        auto depths = outbox_.depths();
        if (depths && depths.value().priority + depths.value().ordinary == 0) return true;
        if (stop || failure() || std::chrono::steady_clock::now() >= until) return false;
        wake();
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
}

}  // namespace anpr::uplink
