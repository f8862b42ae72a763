#include "pipeline/reading_pool.hpp"

#include <condition_variable>
#include <map>
#include <mutex>
#include <thread>
#include <variant>

namespace anpr::pipeline {
namespace {

// A reader takes a new frame only while fewer than this many per reader wait
// to be handed on: memory stays bounded when the consumer is slower.
constexpr std::uint64_t kAheadPerReader = 2;

struct SourceEnded {};
struct Skipped {};
using Outcome = std::variant<ReadFrame, core::Error, SourceEnded, Skipped>;

}  // namespace

ReadingPool::ReadingPool(std::vector<PlateReader> readers) : readers_(std::move(readers)) {}

core::Status ReadingPool::run(capture::FrameSource& source, const std::atomic<bool>& stop,
                              const std::function<core::Status(ReadFrame&)>& on_frame,
                              const std::function<void(const core::Error&)>& on_error,
                              const std::function<bool(const core::Frame&)>& skip) {
    std::mutex source_mutex;  // one reader takes a frame at a time and numbers it
    // Frames taken: written under source_mutex, read where readers wait.
    std::atomic<std::uint64_t> taken{0};
    std::mutex mutex;  // guards what follows
    std::condition_variable changed;
    std::map<std::uint64_t, Outcome> done;
    std::uint64_t handed_on = 0;  // the number of the next frame to hand on
    bool finished = false;        // the source ended, or the consumer failed
    std::size_t working = readers_.size();
    const std::uint64_t ahead = kAheadPerReader * readers_.size();

    const auto work = [&](PlateReader& reader) {
        while (true) {
            {
                std::unique_lock lock(mutex);
                changed.wait(lock, [&] { return finished || stop || taken - handed_on < ahead; });
                if (finished || stop) break;
            }
            std::uint64_t number = 0;
            bool skipping = false;
            core::Result<std::optional<core::Frame>> next = std::optional<core::Frame>{};
            {
                const std::lock_guard lock(source_mutex);
                next = source.next();
                number = taken++;
                skipping = next && next.value() && skip && skip(*next.value());
            }
            Outcome outcome = SourceEnded{};
            if (!next) {
                outcome = next.error();
            } else if (skipping) {
                ++skipped_;
                outcome = Skipped{};
            } else if (next.value()) {
                ReadFrame read;
                read.frame = std::move(*next.value());
                read.plates = reader.read(read.frame, &read.times);
                outcome = std::move(read);
            }
            const bool ended = std::holds_alternative<SourceEnded>(outcome);
            {
                const std::lock_guard lock(mutex);
                done.emplace(number, std::move(outcome));
                if (ended) finished = true;
            }
            changed.notify_all();
            if (ended) break;
        }
        {
            const std::lock_guard lock(mutex);
            --working;
        }
        changed.notify_all();
    };
    std::vector<std::thread> threads;
    for (auto& reader : readers_) threads.emplace_back(work, std::ref(reader));

    core::Status status = core::Ok{};
    while (true) {
        std::unique_lock lock(mutex);
        changed.wait(lock, [&] { return done.count(handed_on) > 0 || working == 0; });
        const auto next = done.find(handed_on);
        if (next == done.end()) break;  // stopped: the readers have gone
        Outcome outcome = std::move(next->second);
        done.erase(next);
        ++handed_on;
        lock.unlock();
        changed.notify_all();
        if (std::holds_alternative<SourceEnded>(outcome)) break;
        if (std::holds_alternative<Skipped>(outcome)) continue;
        if (auto* error = std::get_if<core::Error>(&outcome)) {
            on_error(*error);
            continue;
        }
        status = on_frame(std::get<ReadFrame>(outcome));
        if (!status) break;
    }
    {
        const std::lock_guard lock(mutex);
        finished = true;
    }
    changed.notify_all();
    // Leaving on the consumer's error, stop not set: a reader may be waiting
    // in the source for a camera that is gone.
    if (!status) source.halt();
    for (auto& thread : threads) thread.join();
    return status;
}

}  // namespace anpr::pipeline
