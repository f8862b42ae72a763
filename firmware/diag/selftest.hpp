#pragma once
/// The self-test, or commissioning report: the installer's check that the
/// unit sees well and is connected, one line per check saying pass, warn or
/// fail, what was measured against what is needed, and what to do about it.
/// Pure: it judges figures (FrameStats, UnitFacts) gathered elsewhere, so the
/// shell's `selftest` and `anpr selftest` give the same verdicts.

#include <string>
#include <vector>

#include "diag/selftest_collector.hpp"
#include "diag/unit_facts.hpp"

namespace anpr::diag {

enum class Verdict { pass, warn, fail };

/// "PASS", "WARN" or "FAIL".
const char* verdict_name(Verdict verdict);

struct SelftestLine {
    Verdict verdict = Verdict::pass;
    std::string check;     ///< "camera", "focus", "exposure", ...
    std::string measured;  ///< what was measured, and against what
    std::string advice;    ///< what to do; empty on a pass
};

/// The checks, in this order: camera (reachable, frame rate, failed frames),
/// focus, exposure, plate height, reads (detection and read rates), gps,
/// clock, disk, outbox, uplink, hit list. Thresholds and their reasons are in
/// selftest.cpp.
std::vector<SelftestLine> run_selftest(const FrameStats& frames, const UnitFacts& facts);

/// The worst verdict of `lines`; pass when there are none.
Verdict overall(const std::vector<SelftestLine>& lines);

/// One line per check, "PASS focus        edges blurred by ...", a warning or a
/// failure followed by "  -> what to do", and a last line with the overall
/// verdict.
std::string report_text(const std::vector<SelftestLine>& lines);

}  // namespace anpr::diag
