#include "app/retention.hpp"

#include <algorithm>

#include "logging/logging.hpp"

namespace anpr::app {

Retention::Retention(uplink::Outbox& outbox, float retention_h)
    : outbox_(outbox),
      retention_(static_cast<long>(static_cast<double>(retention_h) * 3600.0 * 1000.0)),
      // A record is deleted at most a tenth of the retention (and a minute) late.
      look_every_(std::clamp(retention_ / 10, std::chrono::milliseconds(100),
                             std::chrono::milliseconds(60'000))) {}

Retention::~Retention() { stop(); }

void Retention::start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            purge_once();
            lock.lock();
            wake_.wait_for(lock, look_every_, [this] { return stopping_; });
        }
    });
}

void Retention::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::uint64_t Retention::purged() const {
    std::lock_guard lock(mutex_);
    return purged_;
}

void Retention::purge_once() {
    const auto before = std::chrono::system_clock::now() - retention_;
    const auto deleted = outbox_.purge(uplink::Lane::ordinary, before);
    const auto log = logging::logger("unit");
    if (!deleted) {
        log->error("retention: {}", deleted.error().message);
        return;
    }
    if (deleted.value() == 0) return;
    std::lock_guard lock(mutex_);
    purged_ += deleted.value();
    log->warn("retention: deleted {} undelivered passage(s) older than {:.2f} h ({} so far)",
              deleted.value(), std::chrono::duration<double, std::ratio<3600>>(retention_).count(),
              purged_);
}

}  // namespace anpr::app
