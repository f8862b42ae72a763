#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <random>

#include "app/commands.hpp"
#include "hitlist/hit_index.hpp"

namespace anpr::app {
namespace {

constexpr std::string_view kCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// A random number below `count`.
std::size_t below(std::mt19937_64& random, std::size_t count) {
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
}

std::string random_plate(std::mt19937_64& random) {
    std::string plate(5 + below(random, 3), ' ');
    for (auto& c : plate) c = kCharacters[below(random, kCharacters.size())];
    return plate;
}

/// The process's resident memory now, bytes (/proc/self/statm).
double resident_bytes() {
    std::ifstream statm("/proc/self/statm");
    double size_pages = 0;
    double resident_pages = 0;
    statm >> size_pages >> resident_pages;
    return resident_pages * static_cast<double>(sysconf(_SC_PAGESIZE));
}

double percentile(std::vector<double> values, double share) {
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1,
                           static_cast<std::size_t>(share * static_cast<double>(values.size())))];
}

}  // namespace

int run_hitlist_bench(const HitlistBenchOptions& options) {
    std::mt19937_64 random(42);
    const auto now = std::chrono::system_clock::now();
    std::vector<hitlist::HitEntry> entries;
    entries.reserve(options.entries);
    const std::vector<std::string> actions{"Stop the vehicle and check the driver",
                                           "Do not stop: report position", "Fine: no insurance",
                                           "Inform the low-emission zone office"};
    for (std::size_t i = 0; i < options.entries; ++i) {
        entries.push_back({random_plate(random), below(random, 4) ? "BE" : "",
                           hitlist::kCategories[below(random, hitlist::kCategories.size())],
                           static_cast<int>(1 + below(random, 9)),
                           actions[below(random, actions.size())],
                           now + std::chrono::hours(24 * 30)});
    }
    const auto before = resident_bytes();
    const auto build_start = std::chrono::steady_clock::now();
    const hitlist::HitIndex index(entries);
    const double build_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
    const auto after = resident_bytes();

    const hitlist::MatchPolicy policy{{hitlist::kCategories.begin(), hitlist::kCategories.end()},
                                      1};
    std::vector<double> times_us;
    std::size_t hits = 0;
    for (std::size_t p = 0; p < options.passages; ++p) {
        // A passage: 5 candidate texts; one in ten is a listed plate read
        // with a look-alike swap where it has one.
        std::vector<std::string> texts;
        for (int c = 0; c < 5; ++c) texts.push_back(random_plate(random));
        if (p % 10 == 0) texts[1] = entries[below(random, entries.size())].plate;
        const auto start = std::chrono::steady_clock::now();
        hits += index.match(texts, "BE", policy, now).size();
        times_us.push_back(
            std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                .count());
    }
    std::cout << "hit list: " << index.size() << " entries, index "
              << static_cast<double>(index.bytes()) / 1e6 << " MB (resident growth "
              << (after > before ? (after - before) / 1e6 : 0.0) << " MB), built in " << build_s
              << " s\n"
              << "match per passage (5 candidates, exact and 1 look-alike swap, one core), "
              << options.passages << " passages, " << hits << " hits: median "
              << percentile(times_us, 0.5) << " us, p99 " << percentile(times_us, 0.99)
              << " us, max " << *std::max_element(times_us.begin(), times_us.end()) << " us\n";
    return 0;
}

}  // namespace anpr::app
