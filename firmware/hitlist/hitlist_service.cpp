#include "hitlist/hitlist_service.hpp"

#include <curl/curl.h>

#include "core/utc_text.hpp"
#include "hitlist/list_update.hpp"
#include "logging/logging.hpp"
#include "uplink/backoff.hpp"
#include "uplink/network_session.hpp"
#include "uplink/transfer_error.hpp"

namespace anpr::hitlist {
namespace {

struct Download {
    std::string body;
    std::size_t max_bytes = 0;
    bool too_large = false;
};

std::size_t keep_list(char* data, std::size_t size, std::size_t count, void* download) {
    auto& d = *static_cast<Download*>(download);
    if (d.body.size() + size * count > d.max_bytes) {
        d.too_large = true;
        return 0;  // curl ends the transfer
    }
    d.body.append(data, size * count);
    return size * count;
}

std::string hours_since(std::chrono::system_clock::time_point time,
                        std::chrono::system_clock::time_point now) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f h",
                  std::chrono::duration<double, std::ratio<3600>>(now - time).count());
    return text;
}

std::shared_ptr<const ActiveList> make_active(StoredList list) {
    return std::make_shared<const ActiveList>(ActiveList{list.header, HitIndex(list.entries)});
}

}  // namespace

core::Result<std::unique_ptr<HitlistService>> HitlistService::create(
    const config::AppConfig& config, std::string user_agent) {
    auto authority = evidence::PublicKey::load(config.hitlist.authority_key);
    if (!authority) return core::Error{"hitlist.authority_key: " + authority.error().message};
    auto store = HitStore::open(config.hitlist.store);
    if (!store) return core::Error{"hitlist.store: " + store.error().message};
    auto stored = store.value().load();
    if (!stored) return core::Error{"hitlist.store: " + stored.error().message};
    std::unique_ptr<HitlistService> service(new HitlistService(
        config, std::move(user_agent), std::move(authority).value(), std::move(store).value()));
    const auto log = logging::logger("hitlist");
    if (stored.value()) {
        const auto& header = stored.value()->header;
        const auto now = std::chrono::system_clock::now();
        log->info("hit list version {} loaded: {} entries, issued {} ({} ago), expires {}",
                  header.version, stored.value()->entries.size(),
                  core::utc_seconds_text(header.issued), hours_since(header.issued, now),
                  core::utc_seconds_text(header.expires));
        if (header.expires <= now) log->error("the stored hit list has expired: no matching");
        service->active_ = make_active(std::move(*stored.value()));
    } else {
        log->warn("no hit list yet: nothing is matched until one arrives");
    }
    return service;
}

HitlistService::HitlistService(const config::AppConfig& config, std::string user_agent,
                               evidence::PublicKey authority, HitStore store)
    : config_(config.hitlist),
      tls_(config.uplink),
      user_agent_(std::move(user_agent)),
      authority_(std::move(authority)),
      store_(std::move(store)) {}

HitlistService::~HitlistService() { stop(); }

void HitlistService::start() {
    if (config_.url.empty() || thread_.joinable()) return;
    {
        std::lock_guard lock(mutex_);
        stopping_ = false;
    }
    thread_ = std::thread([this] { run(); });
}

void HitlistService::stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const ActiveList> HitlistService::active(
    std::chrono::system_clock::time_point now) const {
    std::lock_guard lock(mutex_);
    if (!active_) return nullptr;
    if (active_->header.expires > now) return active_;
    if (expiry_logged_ != active_->header.version) {
        expiry_logged_ = active_->header.version;
        logging::logger("hitlist")->error(
            "hit list version {} expired at {}: no matching until a newer list arrives",
            active_->header.version, core::utc_seconds_text(active_->header.expires));
    }
    return nullptr;
}

core::Status HitlistService::apply(std::string_view bytes,
                                   std::chrono::system_clock::time_point now) {
    const auto log = logging::logger("hitlist");
    auto document =
        read_list_document(bytes, authority_, static_cast<std::size_t>(config_.max_mb) << 20);
    if (!document) return refuse(document.error().message, now);
    std::shared_ptr<const ActiveList> held;
    {
        std::lock_guard lock(mutex_);
        held = active_;
    }
    // Unpacked outside the lock: matching goes on meanwhile.
    std::optional<StoredList> current;
    if (held) current = StoredList{held->header, held->index.entries()};
    auto updated = updated_list(current, document.value(), now);
    if (!updated) return refuse(updated.error().message, now);
    if (auto saved = store_.save(updated.value()); !saved) {
        return refuse("hit list version " + std::to_string(updated.value().header.version) +
                          " could not be stored: " + saved.error().message,
                      now);
    }
    auto fresh = make_active(std::move(updated).value());
    log->info("hit list version {} ({}) active: {} entries, expires {}", fresh->header.version,
              document.value().header.kind == ListHeader::Kind::delta ? "delta" : "full",
              fresh->index.size(), core::utc_seconds_text(fresh->header.expires));
    std::lock_guard lock(mutex_);
    active_ = std::move(fresh);
    ++counts_.updates;
    counts_.last_error.clear();
    return core::Ok{};
}

core::Status HitlistService::refuse(const std::string& why,
                                    std::chrono::system_clock::time_point now) {
    const auto log = logging::logger("hitlist");
    std::lock_guard lock(mutex_);
    ++counts_.refused;
    counts_.last_error = why;
    if (active_) {
        log->error("{}; keeping version {} (issued {} ago)", why, active_->header.version,
                   hours_since(active_->header.issued, now));
    } else {
        log->error("{}; the unit holds no list", why);
    }
    return core::Error{why};
}

HitlistStatus HitlistService::status() const {
    std::lock_guard lock(mutex_);
    HitlistStatus status = counts_;
    if (active_) {
        status.active = active_->header;
        status.entries = active_->index.size();
        status.bytes = active_->index.bytes();
        status.per_category = active_->index.per_category();
    }
    return status;
}

void HitlistService::status(std::ostream& out) const {
    const auto s = status();
    const auto now = std::chrono::system_clock::now();
    if (!s.active) {
        out << "no hit list";
    } else {
        out << "version " << s.active->version << ", issued " << hours_since(s.active->issued, now)
            << " ago, expires " << core::utc_seconds_text(s.active->expires)
            << (s.active->expires <= now ? " (EXPIRED: no matching)" : "") << ", " << s.entries
            << " entries (";
        for (std::size_t i = 0; i < kCategories.size(); ++i) {
            out << (i ? ", " : "") << category_name(kCategories[i]) << " " << s.per_category[i];
        }
        out << "), " << s.bytes / (1 << 20) << " MiB";
    }
    out << "; " << s.updates << " update(s), " << s.refused << " refused";
    if (!s.last_error.empty()) out << "; last error: " << s.last_error;
}

void HitlistService::note_failure(const std::string& why) {
    std::lock_guard lock(mutex_);
    counts_.last_error = why;
}

core::Result<HitlistService::Answer> HitlistService::fetch() {
    std::uint64_t have = 0;
    {
        std::lock_guard lock(mutex_);
        if (active_) have = active_->header.version;
    }
    const std::string url = config_.url + "?have=" + std::to_string(have);
    auto session = uplink::network_session(tls_, url, user_agent_);
    if (!session) return session.error();
    CURL* easy = session.value().get();
    Download download;
    download.max_bytes = static_cast<std::size_t>(config_.max_mb) << 20;
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, keep_list);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &download);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, detail);
    const CURLcode code = curl_easy_perform(easy);
    if (download.too_large) return Answer{Answer::Kind::too_large, {}};
    if (code != CURLE_OK) return core::Error{uplink::describe_transfer_error(code, detail)};
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    {
        std::lock_guard lock(mutex_);
        counts_.last_check = std::chrono::system_clock::now();
    }
    if (status == 304) return Answer{Answer::Kind::up_to_date, {}};
    if (status != 200) {
        return core::Error{"the hit list server answered HTTP " + std::to_string(status)};
    }
    return Answer{Answer::Kind::list, std::move(download.body)};
}

void HitlistService::run() {
    const auto log = logging::logger("hitlist");
    uplink::Backoff backoff(config_.refresh_s / 10.0, config_.refresh_s, std::random_device{}());
    while (true) {
        double pause_s = config_.refresh_s;
        auto fetched = fetch();
        if (!fetched) {
            pause_s = backoff.next();
            note_failure(fetched.error().message);
            log->warn("hit list not fetched: {}; trying again in {:.0f} s", fetched.error().message,
                      pause_s);
        } else {
            backoff.reset();
            const auto now = std::chrono::system_clock::now();
            if (fetched.value().kind == Answer::Kind::list) {
                (void)apply(fetched.value().body, now);
            } else if (fetched.value().kind == Answer::Kind::too_large) {
                (void)refuse("hit list larger than hitlist.max_mb (" +
                                 std::to_string(config_.max_mb) + " MiB), cut off: refused",
                             now);
            }
        }
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, std::chrono::duration<double>(pause_s),
                           [this] { return stopping_; })) {
            return;
        }
    }
}

}  // namespace anpr::hitlist
