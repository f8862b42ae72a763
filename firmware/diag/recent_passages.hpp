#pragma once
/// The last passages the unit committed, for the shell's `reads`: what a
/// technician needs to see that plates are read (time, confidence, frames,
/// lane, where the record went), with the plate itself masked unless the
/// account has the "plates" right. Bounded; thread-safe.

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>

namespace anpr::diag {

struct RecentPassage {
    std::chrono::system_clock::time_point when;
    std::string display;  ///< the plate as printed
    std::string country;
    float confidence = 0.f;
    int frames_read = 0;
    int plate_height_px = 0;  ///< the best read's box
    std::string lane;
    std::string direction;
    std::string
        outcome;  ///< "stored as unit/12", "HIT ...", "not kept (purpose)", "refused (outbox full)"
};

/// "1-ABC-123" -> "*-***-***": the shape of the plate without its characters.
std::string mask_plate(const std::string& display);

class RecentPassages {
  public:
    explicit RecentPassages(std::size_t capacity = 50) : capacity_(capacity) {}

    void add(RecentPassage passage);
    /// The newest `count` passages, newest first, one line each.
    std::string lines(std::size_t count, bool see_plates) const;
    std::size_t size() const;

  private:
    std::size_t capacity_;
    mutable std::mutex mutex_;
    std::deque<RecentPassage> passages_;
};

}  // namespace anpr::diag
