#pragma once
/// Slows and then stops password guessing at the shell: failed logins in a
/// row are counted per account name and per client address; each failure
/// earns a growing delay before its answer, and max_failed_logins of them
/// lock the name or the address for lockout_s. A lock is checked before the
/// password, so a locked account costs an attacker no scrypt and us no CPU.
/// Memory stays bounded whatever names and addresses clients invent.

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace anpr::diag {

class LoginGuard {
  public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    /// Names and addresses tracked at most, each; the oldest go first.
    static constexpr std::size_t kMaxTracked = 4096;

    /// `clock` is for tests; the unit uses the steady clock.
    LoginGuard(int max_failed_logins, std::chrono::duration<double> lockout,
               Clock clock = std::chrono::steady_clock::now);

    /// Whole seconds (at least 1) until `name` and `address` are both
    /// unlocked; nullopt when neither is locked.
    std::optional<long> locked_for(std::string_view name, std::string_view address) const;
    /// As locked_for, for the address alone (a client is turned away at once).
    std::optional<long> address_locked_for(std::string_view address) const;

    /// Records a failed login and returns the delay before its answer:
    /// 0.5 s x 2^(n-1) for the n-th failure in a row, at most 8 s.
    std::chrono::milliseconds failed(const std::string& name, const std::string& address);

    /// Forgets the failures of `name` and `address`.
    void succeeded(const std::string& name, const std::string& address);

    /// Names and addresses locked now.
    std::size_t locked_now() const;

  private:
    using TimePoint = std::chrono::steady_clock::time_point;
    struct Failures {
        int count = 0;
        TimePoint last;
    };
    using Table = std::map<std::string, Failures, std::less<>>;

    std::optional<long> locked_for(const Table& table, std::string_view key, TimePoint now) const;
    int record(Table& table, const std::string& key, TimePoint now);
    void forget_old(Table& table, TimePoint now);

    int max_failed_;
    std::chrono::steady_clock::duration lockout_;
    Clock clock_;
    mutable std::mutex mutex_;
    Table names_;
    Table addresses_;
};

}  // namespace anpr::diag
