#pragma once
/// Hands the newest frame of a live source from its capture thread to the
/// reader. Reading must never fall behind a live camera: a frame not taken
/// before the next one arrives is dropped, and counted.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>

#include "core/types.hpp"

namespace anpr::capture {

class LatestFrame {
  public:
    /// Leaves `frame` for the reader, dropping the one still waiting.
    void put(core::Frame frame);

    /// The newest frame, waiting up to `wait` for one; nothing when none came,
    /// or when the mailbox is closed and empty.
    std::optional<core::Frame> take(std::chrono::milliseconds wait);

    /// No more frames will come; take() returns what is left, then nothing.
    void close();
    bool closed() const;

    std::uint64_t dropped() const;

  private:
    mutable std::mutex mutex_;
    std::condition_variable arrived_;
    std::optional<core::Frame> frame_;
    bool closed_ = false;
    std::uint64_t dropped_ = 0;
};

}  // namespace anpr::capture
