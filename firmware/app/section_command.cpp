#include <cstdio>
#include <iostream>

#include "app/commands.hpp"
#include "section/section_speed.hpp"
#include "storage/sqlite_db.hpp"

namespace anpr::app {
namespace {

/// Every read record of `unit` in the receiver's store.
core::Result<std::vector<section::SectionRead>> reads_of(storage::SqliteDb& store,
                                                         const std::string& unit) {
    auto select = store.prepare("SELECT body FROM reads WHERE unit = ?", "reading its records");
    if (!select) return select.error();
    select.value().bind(1, unit);
    std::vector<section::SectionRead> reads;
    while (select.value().step()) {
        const auto record = nlohmann::json::parse(select.value().text(0), nullptr, false);
        if (auto read = section::section_read(record)) reads.push_back(std::move(*read));
    }
    if (const auto& failed = select.value().error()) return failed->error();
    return reads;
}

}  // namespace

int run_section(const SectionOptions& options) {
    if (!std::filesystem::exists(options.store)) {
        std::cerr << "anpr section: no store at '" << options.store.string() << "'\n";
        return 2;
    }
    auto store = storage::SqliteDb::open(options.store, false);
    if (!store) {
        std::cerr << "anpr section: " << store.error().message << "\n";
        return 2;
    }
    auto from = reads_of(store.value(), options.from);
    auto to = reads_of(store.value(), options.to);
    for (const auto* reads : {&from, &to}) {
        if (!*reads) {
            std::cerr << "anpr section: " << reads->error().message << "\n";
            return 2;
        }
    }
    const auto speeds =
        section::section_speeds(std::move(from).value(), std::move(to).value(), options.distance_m,
                                std::chrono::seconds(static_cast<long>(options.window_min * 60)));
    std::printf("%-10s %-24s %-24s %9s %8s %19s  %s\n", "plate", "from", "to", "seconds", "km/h",
                "range km/h", "enforcement");
    int fit = 0;
    for (const auto& s : speeds) {
        char range[32] = "unknown";
        if (s.low_kmh && s.high_kmh)
            std::snprintf(range, sizeof range, "%.3f..%.3f", *s.low_kmh, *s.high_kmh);
        std::printf("%-10s %-24s %-24s %9.3f %8.2f %19s  %s\n", s.text.c_str(), s.from_id.c_str(),
                    s.to_id.c_str(), s.seconds, s.kmh, range,
                    s.fit_for_enforcement ? "fit" : "NOT fit");
        fit += s.fit_for_enforcement ? 1 : 0;
    }
    std::printf("%zu passage(s) from %s to %s over %.1f m; %d fit for speed enforcement\n",
                speeds.size(), options.from.c_str(), options.to.c_str(), options.distance_m, fit);
    return 0;
}

}  // namespace anpr::app
