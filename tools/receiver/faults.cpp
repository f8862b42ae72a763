#include "receiver/faults.hpp"

#include <array>
#include <charconv>
#include <optional>
#include <string_view>

namespace anpr::receiver {
namespace {

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end - start));
        if (end == std::string_view::npos) return parts;
        start = end + 1;
    }
}

/// The whole of `text` as a number in [low, high]; nullopt otherwise.
std::optional<unsigned> number(std::string_view text, unsigned low, unsigned high) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value < low ||
        value > high)
        return std::nullopt;
    return value;
}

core::Error bad_spec(const std::string& spec, const std::string& why) {
    return core::Error{"bad fault spec '" + spec + "': " + why +
                       " (expected status:CODE[:N], slow:MS[:N], drop-before[:N] or "
                       "drop-after[:N])"};
}

}  // namespace

core::Result<FaultSpec> parse_fault_spec(const std::string& spec) {
    const auto parts = split(spec, ':');
    const std::string_view kind = parts[0];
    const bool has_value = kind == "status" || kind == "slow";
    if (!has_value && kind != "drop-before" && kind != "drop-after")
        return bad_spec(spec, "unknown fault '" + std::string(kind) + "'");
    const std::size_t count_at = has_value ? 2 : 1;
    if (parts.size() > count_at + 1) return bad_spec(spec, "too many fields");

    FaultSpec parsed;
    if (kind == "drop-before") parsed.fault.kind = Fault::Kind::drop_before;
    if (kind == "drop-after") parsed.fault.kind = Fault::Kind::drop_after;
    if (kind == "status") {
        const auto code = parts.size() > 1 ? number(parts[1], 400, 599) : std::nullopt;
        if (!code) return bad_spec(spec, "CODE must be an HTTP status 400..599");
        parsed.fault = {Fault::Kind::status, *code, {}};
    }
    if (kind == "slow") {
        const auto ms = parts.size() > 1 ? number(parts[1], 1, 600'000) : std::nullopt;
        if (!ms) return bad_spec(spec, "MS must be 1..600000 milliseconds");
        parsed.fault = {Fault::Kind::slow, 0, std::chrono::milliseconds(*ms)};
    }
    if (parts.size() > count_at) {
        const auto count = number(parts[count_at], 1, 1'000'000);
        if (!count) return bad_spec(spec, "N must be a count of requests 1..1000000");
        parsed.count = *count;
    }
    return parsed;
}

std::string describe(const Fault& fault) {
    switch (fault.kind) {
        case Fault::Kind::none:
            return "none";
        case Fault::Kind::status:
            return "status:" + std::to_string(fault.status);
        case Fault::Kind::slow:
            return "slow:" + std::to_string(fault.delay.count());
        case Fault::Kind::drop_before:
            return "drop-before";
        case Fault::Kind::drop_after:
            return "drop-after";
    }
    return "unknown";
}

FaultSchedule::FaultSchedule(std::vector<FaultSpec> scheduled, double random_rate,
                             std::uint64_t seed)
    : scheduled_(std::move(scheduled)), random_rate_(random_rate), random_(seed) {}

Fault FaultSchedule::next() {
    if (current_ < scheduled_.size()) {
        const Fault fault = scheduled_[current_].fault;
        if (++used_ == scheduled_[current_].count) {
            ++current_;
            used_ = 0;
        }
        return fault;
    }
    if (random_rate_ <= 0 || !std::bernoulli_distribution(random_rate_)(random_)) return {};
    static const std::array<Fault, 5> kRandomFaults = {
        Fault{Fault::Kind::status, 500, {}},
        Fault{Fault::Kind::status, 429, {}},
        Fault{Fault::Kind::slow, 0, std::chrono::milliseconds(1500)},
        Fault{Fault::Kind::drop_before, 0, {}},
        Fault{Fault::Kind::drop_after, 0, {}},
    };
    return kRandomFaults[std::uniform_int_distribution<std::size_t>(
        0, kRandomFaults.size() - 1)(random_)];
}

}  // namespace anpr::receiver
