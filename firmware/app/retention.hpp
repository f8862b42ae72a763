#pragma once
/// Retention: passages that hit nothing and are still undelivered after
/// purpose.retention_h are deleted from the outbox's ordinary lane, counted
/// and logged. Hits wait in the priority lane and are never deleted before
/// they are delivered.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "uplink/outbox.hpp"

namespace anpr::app {

class Retention {
  public:
    Retention(uplink::Outbox& outbox, float retention_h);
    ~Retention();
    Retention(const Retention&) = delete;
    Retention& operator=(const Retention&) = delete;

    /// Deletes what is past its time at once, then at every look.
    void start();
    void stop();
    /// Records deleted since start.
    std::uint64_t purged() const;

  private:
    void purge_once();

    uplink::Outbox& outbox_;
    std::chrono::milliseconds retention_;
    std::chrono::milliseconds look_every_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::uint64_t purged_ = 0;
    std::thread thread_;
};

}  // namespace anpr::app
