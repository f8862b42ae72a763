#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "uplink/outbox.hpp"

namespace anpr::app {

int run_outbox(const config::AppConfig& config, const OutboxOptions& options) {
    const auto& path = config.outbox.path;
    if (!std::filesystem::exists(path)) {
        std::cerr << "anpr outbox: no outbox at '" << path.string() << "'\n";
        return 2;
    }
    const auto quota = static_cast<std::uint64_t>(config.outbox.quota_mb) * 1000 * 1000;
    auto outbox = uplink::Outbox::open(path, quota);
    if (!outbox) {
        std::cerr << "anpr outbox: " << outbox.error().message << "\n";
        return 2;
    }
    if (options.records) {
        // Every waiting record, in the order the uplink sends them.
        auto records = outbox.value().next_batch(SIZE_MAX, SIZE_MAX);
        if (!records) {
            std::cerr << "anpr outbox: " << records.error().message << "\n";
            return 2;
        }
        for (const auto& record : records.value()) std::cout << record.body << "\n";
        return 0;
    }
    if (options.dead_letters) {
        auto letters = outbox.value().dead_letters();
        if (!letters) {
            std::cerr << "anpr outbox: " << letters.error().message << "\n";
            return 2;
        }
        for (const auto& letter : letters.value()) {
            const nlohmann::ordered_json line{{"id", letter.id},
                                              {"http_status", letter.http_status},
                                              {"reason", letter.reason},
                                              {"record", nlohmann::json::parse(letter.body)}};
            std::cout << line.dump() << "\n";
        }
        return 0;
    }
    auto depths = outbox.value().depths();
    if (!depths) {
        std::cerr << "anpr outbox: " << depths.error().message << "\n";
        return 2;
    }
    const auto& d = depths.value();
    std::cout << "outbox '" << path.string() << "': " << d.priority << " priority and "
              << d.ordinary << " ordinary record(s) waiting, " << d.dead_letters
              << " dead letter(s), " << d.bytes / 1000 << " kB used of " << quota / 1000
              << " kB, last sequence number " << d.last_seq << "\n";
    return 0;
}

}  // namespace anpr::app
