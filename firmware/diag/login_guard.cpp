#include "diag/login_guard.hpp"

#include <algorithm>

namespace anpr::diag {
namespace {

constexpr std::chrono::milliseconds kFirstDelay{500};
constexpr std::chrono::milliseconds kMaxDelay{8000};

}  // namespace

LoginGuard::LoginGuard(int max_failed_logins, std::chrono::duration<double> lockout, Clock clock)
    : max_failed_(std::max(1, max_failed_logins)),
      lockout_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(lockout)),
      clock_(std::move(clock)) {}

std::optional<long> LoginGuard::locked_for(const Table& table, std::string_view key,
                                           TimePoint now) const {
    const auto entry = table.find(key);
    if (entry == table.end() || entry->second.count < max_failed_) return std::nullopt;
    const auto left = entry->second.last + lockout_ - now;
    if (left <= std::chrono::steady_clock::duration::zero()) return std::nullopt;
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(left).count();
    return std::max<long>(1, static_cast<long>(seconds));
}

std::optional<long> LoginGuard::locked_for(std::string_view name, std::string_view address) const {
    const std::lock_guard lock(mutex_);
    const auto now = clock_();
    const auto by_name = locked_for(names_, name, now);
    const auto by_address = locked_for(addresses_, address, now);
    if (!by_name) return by_address;
    if (!by_address) return by_name;
    return std::max(*by_name, *by_address);
}

std::optional<long> LoginGuard::address_locked_for(std::string_view address) const {
    const std::lock_guard lock(mutex_);
    return locked_for(addresses_, address, clock_());
}

void LoginGuard::forget_old(Table& table, TimePoint now) {
    std::erase_if(table, [&](const auto& entry) { return now - entry.second.last >= lockout_; });
    if (table.size() < kMaxTracked) return;
    const auto oldest = std::min_element(
        table.begin(), table.end(),
        [](const auto& a, const auto& b) { return a.second.last < b.second.last; });
    table.erase(oldest);
}

int LoginGuard::record(Table& table, const std::string& key, TimePoint now) {
    auto entry = table.find(key);
    if (entry == table.end()) {
        forget_old(table, now);
        entry = table.emplace(key, Failures{}).first;
    } else if (now - entry->second.last >= lockout_) {
        entry->second.count = 0;  // a lock served, or failures long ago: start again
    }
    entry->second.last = now;
    return ++entry->second.count;
}

std::chrono::milliseconds LoginGuard::failed(const std::string& name, const std::string& address) {
    const std::lock_guard lock(mutex_);
    const auto now = clock_();
    const int in_a_row = std::max(record(names_, name, now), record(addresses_, address, now));
    const int doublings = std::min(in_a_row - 1, 4);
    return std::min(kMaxDelay, kFirstDelay * (1 << doublings));
}

void LoginGuard::succeeded(const std::string& name, const std::string& address) {
    const std::lock_guard lock(mutex_);
    names_.erase(name);
    addresses_.erase(address);
}

std::size_t LoginGuard::locked_now() const {
    const std::lock_guard lock(mutex_);
    const auto now = clock_();
    std::size_t locked = 0;
    for (const auto* table : {&names_, &addresses_}) {
        for (const auto& entry : *table) {
            if (locked_for(*table, entry.first, now)) ++locked;
        }
    }
    return locked;
}

}  // namespace anpr::diag
