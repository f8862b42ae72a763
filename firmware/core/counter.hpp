#pragma once
/// A count one thread raises while others read it (the diagnostics shell,
/// the metrics): an atomic that can still be copied, as a snapshot, so that
/// a struct of counts stays a plain value.

#include <atomic>
#include <cstdint>

namespace anpr::core {

class Counter {
  public:
    Counter() = default;
    Counter(const Counter& other) : value_(other.load()) {}
    Counter& operator=(const Counter& other) {
        value_.store(other.load(), std::memory_order_relaxed);
        return *this;
    }
    Counter& operator=(std::uint64_t value) {
        value_.store(value, std::memory_order_relaxed);
        return *this;
    }
    Counter& operator++() {
        value_.fetch_add(1, std::memory_order_relaxed);
        return *this;
    }
    Counter& operator+=(std::uint64_t n) {
        value_.fetch_add(n, std::memory_order_relaxed);
        return *this;
    }
    std::uint64_t load() const { return value_.load(std::memory_order_relaxed); }
    operator std::uint64_t() const { return load(); }  // NOLINT: reads as the number it is

  private:
    std::atomic<std::uint64_t> value_{0};
};

}  // namespace anpr::core
