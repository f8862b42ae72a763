#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "core/utc_text.hpp"
#include "evidence/signing_key.hpp"
#include "hitlist/list_document.hpp"

namespace anpr::app {
namespace {

std::vector<std::string> split(const std::string& line, std::size_t fields) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (parts.size() + 1 < fields) {
        const std::size_t comma = line.find(',', start);
        if (comma == std::string::npos) break;
        parts.push_back(line.substr(start, comma - start));
        start = comma + 1;
    }
    parts.push_back(line.substr(start));  // the last field may hold commas
    return parts;
}

core::Status read_line(const std::string& line, hitlist::ListDocument& document) {
    const bool removal = line.starts_with("-,");
    const auto f = split(removal ? line.substr(2) : line, removal ? 3 : 6);
    if (f.size() != (removal ? 3u : 6u)) {
        return core::Error{removal ? "a removal is -,plate,country,category"
                                   : "an entry is plate,country,category,priority,expires_utc,"
                                     "action"};
    }
    const auto category = hitlist::category_named(f[2]);
    if (!category) return core::Error{"unknown category '" + f[2] + "'"};
    if (removal) {
        document.removals.push_back({f[0], f[1], *category});
        return core::Ok{};
    }
    hitlist::HitEntry entry{f[0], f[1], *category, 0, f[5], {}};
    try {
        entry.priority = std::stoi(f[3]);
    } catch (const std::exception&) {
        return core::Error{"priority '" + f[3] + "' is not a number"};
    }
    const auto expires = core::parse_utc(f[4]);
    if (!expires) return core::Error{"expires_utc '" + f[4] + "' is not YYYY-MM-DDTHH:MM:SSZ"};
    entry.expires = *expires;
    document.entries.push_back(std::move(entry));
    return core::Ok{};
}

}  // namespace

int run_hitlist_sign(const HitlistSignOptions& options) {
    auto key = evidence::SigningKey::load(options.key);
    if (!key) {
        std::cerr << "anpr hitlist-sign: " << key.error().message << "\n";
        return 2;
    }
    std::ifstream in(options.entries);
    if (!in) {
        std::cerr << "anpr hitlist-sign: cannot read '" << options.entries.string() << "'\n";
        return 2;
    }
    hitlist::ListDocument document;
    auto& header = document.header;
    header.kind =
        options.delta_from ? hitlist::ListHeader::Kind::delta : hitlist::ListHeader::Kind::full;
    header.version = options.version;
    header.base_version = options.delta_from.value_or(0);
    header.issued = std::chrono::system_clock::now();
    header.expires =
        header.issued + std::chrono::seconds(static_cast<long>(options.valid_days * 86400));
    header.key_id = evidence::key_id(key.value().public_key());
    std::string line;
    for (int number = 1; std::getline(in, line); ++number) {
        if (line.empty() || line.starts_with('#')) continue;
        if (auto read = read_line(line, document); !read) {
            std::cerr << "anpr hitlist-sign: " << options.entries.string() << ":" << number << ": "
                      << read.error().message << "\n";
            return 2;
        }
    }
    auto text = hitlist::write_list_document(document, key.value());
    if (!text) {
        std::cerr << "anpr hitlist-sign: " << text.error().message << "\n";
        return 2;
    }
    // What a unit would refuse is not issued.
    auto check =
        hitlist::read_list_document(text.value(), key.value().public_key(), text.value().size());
    if (!check) {
        std::cerr << "anpr hitlist-sign: a unit would refuse this list: " << check.error().message
                  << " (line 1 is the header; entries follow in the order given)\n";
        return 2;
    }
    std::ofstream out(options.out, std::ios::binary | std::ios::trunc);
    if (!(out << text.value()) || !out.flush()) {
        std::cerr << "anpr hitlist-sign: cannot write '" << options.out.string() << "'\n";
        return 2;
    }
    std::cout << "hit list version " << header.version
              << (options.delta_from ? " (delta from " + std::to_string(*options.delta_from) + ")"
                                     : std::string(" (full)"))
              << ": " << document.entries.size() << " entries, " << document.removals.size()
              << " removals, expires " << core::utc_seconds_text(header.expires) << ", key "
              << header.key_id << " -> " << options.out.string() << "\n";
    return 0;
}

}  // namespace anpr::app
