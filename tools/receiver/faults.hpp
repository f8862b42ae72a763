#pragma once
/// Faults the receiver injects into its answers to POST /v1/reads, so that
/// tests can check how the unit's uplink copes with a failing network: first
/// the scheduled ones in the order given, then, optionally, random ones.

#include <chrono>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace anpr::receiver {

struct Fault {
    enum class Kind {
        none,         ///< serve normally
        status,       ///< answer `status` with {"error":"fault injected"}, store nothing
        slow,         ///< store normally, wait `delay` before answering
        drop_before,  ///< read the request, close the connection: no store, no answer
        drop_after,   ///< store the batch, then close the connection without answering
    };
    Kind kind = Kind::none;
    unsigned status = 0;
    std::chrono::milliseconds delay{0};
};

/// A fault and how many successive requests it applies to.
struct FaultSpec {
    Fault fault;
    unsigned count = 1;
};

/// Parses "status:CODE[:N]" (CODE 400..599), "slow:MS[:N]" (MS 1..600000),
/// "drop-before[:N]" or "drop-after[:N]" (N >= 1, default 1); an Error names
/// the spec and what is wrong with it.
core::Result<FaultSpec> parse_fault_spec(const std::string& spec);

/// The spec form of a fault, for logs: "status:503", "slow:1500", "drop-after".
std::string describe(const Fault& fault);

/// Which fault the next request gets. Use from one thread at a time.
class FaultSchedule {
  public:
    /// No faults: every request is served normally.
    FaultSchedule() = default;

    /// `scheduled` in order, then each request independently gets, with
    /// probability `random_rate`, one of status:500, status:429, slow:1500,
    /// drop-before or drop-after, drawn from a generator seeded with `seed`
    /// (the same seed gives the same faults).
    FaultSchedule(std::vector<FaultSpec> scheduled, double random_rate, std::uint64_t seed);

    Fault next();

  private:
    std::vector<FaultSpec> scheduled_;
    std::size_t current_ = 0;  // index into scheduled_
    unsigned used_ = 0;        // requests scheduled_[current_] has had
    double random_rate_ = 0;
    std::mt19937_64 random_;
};

}  // namespace anpr::receiver
