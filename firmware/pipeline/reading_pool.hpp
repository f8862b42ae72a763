#pragma once
/// Frames read on several threads, handed on in the order they were taken:
/// each thread has a PlateReader of its own (readers are not thread-safe),
/// and the tracker downstream needs frames in capture order.

#include <atomic>
#include <functional>
#include <vector>

#include "capture/frame_source.hpp"
#include "pipeline/plate_reader.hpp"

namespace anpr::pipeline {

/// One frame and what was read in it.
struct ReadFrame {
    core::Frame frame;
    core::Result<std::vector<core::PlateRead>> plates = std::vector<core::PlateRead>{};
    StageTimes times;
};

class ReadingPool {
  public:
    /// One thread per reader; at least one reader.
    explicit ReadingPool(std::vector<PlateReader> readers);

    /// Takes frames from `source` until it ends or `stop` is set, reads them
    /// on the pool's threads, and calls `on_frame` for each on this thread,
    /// in the order the source gave them; a frame the source could not give
    /// goes to `on_error` in its place. Readers take at most two frames each
    /// ahead of the one handed on. An Error from `on_frame` stops the pool,
    /// halts the source (FrameSource::halt) and is returned. `skip`, when given, sees each frame in
    /// the order taken, before it is read; a frame it skips is counted, not read nor handed on.
    core::Status run(capture::FrameSource& source, const std::atomic<bool>& stop,
                     const std::function<core::Status(ReadFrame&)>& on_frame,
                     const std::function<void(const core::Error&)>& on_error,
                     const std::function<bool(const core::Frame&)>& skip = {});

    std::size_t threads() const { return readers_.size(); }
    /// Frames `skip` skipped, over every run.
    std::uint64_t skipped() const { return skipped_; }

  private:
    std::vector<PlateReader> readers_;
    std::atomic<std::uint64_t> skipped_{0};
};

}  // namespace anpr::pipeline
