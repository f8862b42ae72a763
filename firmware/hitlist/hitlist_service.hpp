#pragma once
/// The hit list service: keeps the last good list (from the unit's store at
/// start, then from the central network every hitlist.refresh_s), refuses
/// any list that is unsigned, altered, signed by another key, older than the
/// active one, expired, truncated or too large, and hands the matcher the
/// active list, swapped in whole. Matching goes on offline; a list whose
/// expiry has passed is not used at all.

#include <array>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "evidence/signing_key.hpp"
#include "hitlist/hit_index.hpp"
#include "hitlist/hit_store.hpp"
#include "hitlist/list_document.hpp"

namespace anpr::hitlist {

struct ActiveList {
    ListHeader header;
    HitIndex index;
};

/// What the diagnostics show of the hit list (never its entries).
struct HitlistStatus {
    std::optional<ListHeader> active;  ///< none: the unit holds no list
    std::size_t entries = 0;
    std::size_t bytes = 0;  ///< memory the index holds
    std::array<std::size_t, kCategories.size()> per_category{};
    std::uint64_t updates = 0;  ///< lists taken since start
    std::uint64_t refused = 0;  ///< lists refused since start
    std::optional<std::chrono::system_clock::time_point>
        last_check;          ///< last answer from the network
    std::string last_error;  ///< why the last fetch or list failed; "" after a success
};

class HitlistService {
  public:
    /// Reads the authority's key and the stored list; an Error names the
    /// file and what is wrong with it.
    static core::Result<std::unique_ptr<HitlistService>> create(const config::AppConfig& config,
                                                                std::string user_agent);
    ~HitlistService();
    HitlistService(const HitlistService&) = delete;
    HitlistService& operator=(const HitlistService&) = delete;

    std::string name() const { return "hitlist"; }
    /// Starts fetching from hitlist.url, when set.
    void start();
    void stop();

    /// The list to match against at `now`; nullptr when there is none or it
    /// has expired.
    std::shared_ptr<const ActiveList> active(std::chrono::system_clock::time_point now) const;

    /// Checks `bytes` as fetched and makes it the active list, stored first;
    /// an Error says why it was refused, and the last good list stays. One
    /// caller at a time (the service's thread); matching goes on meanwhile.
    core::Status apply(std::string_view bytes, std::chrono::system_clock::time_point now);

    HitlistStatus status() const;
    void status(std::ostream& out) const;

  private:
    HitlistService(const config::AppConfig& config, std::string user_agent,
                   evidence::PublicKey authority, HitStore store);
    void run();
    /// What the network answered: a newer list, nothing new, or a list
    /// larger than hitlist.max_mb (cut off).
    struct Answer {
        enum class Kind { list, up_to_date, too_large };
        Kind kind = Kind::up_to_date;
        std::string body;
    };
    core::Result<Answer> fetch();
    /// Counts and logs a refused list, naming the list kept; returns `why`.
    core::Status refuse(const std::string& why, std::chrono::system_clock::time_point now);
    void note_failure(const std::string& why);

    config::HitlistConfig config_;
    config::UplinkConfig tls_;
    std::string user_agent_;
    evidence::PublicKey authority_;

    mutable std::mutex mutex_;  ///< guards everything below
    HitStore store_;
    std::shared_ptr<const ActiveList> active_;
    mutable std::uint64_t expiry_logged_ = 0;  ///< the version whose expiry was logged
    HitlistStatus counts_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace anpr::hitlist
