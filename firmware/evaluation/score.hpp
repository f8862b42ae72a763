#pragma once
/// Scores plate reads against ground truth.
///
/// Per image the read that overlaps the true box best (IoU >= 0.3) is the
/// one scored; where none overlaps, the most confident read is. Two exact
/// rates are given, as ../shared/data/README.md asks: strict, and folded
/// (O/0 and I/1 the same on both sides, since several labels confuse them).

#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "core/types.hpp"
#include "evaluation/truth.hpp"

namespace anpr::evaluation {

/// What a reader produced for one image.
struct ImageReads {
    std::vector<core::PlateRead> plates;
    double ms = 0;
    bool failed = false;  ///< the image could not be read at all
};

struct Miss {
    std::string image;
    std::string truth;
    std::string read;  ///< "" when nothing was read
    bool detected = false;
};

struct Report {
    int images = 0;
    int exact_strict = 0;
    int exact_folded = 0;
    int with_box = 0;  ///< images whose truth has a box
    int detected = 0;  ///< of those, how many a read overlaps with IoU >= 0.3
    double median_ms = 0;
    double p95_ms = 0;
    std::vector<Miss> misses;  ///< images not read exactly (folded), in truth order
};

constexpr double kDetectionIou = 0.3;

/// `O`->`0`, `I`->`1`.
std::string fold_lookalikes(std::string text);

/// An image of `truth` missing from `reads` counts as read nothing.
Report score(const std::vector<TruthEntry>& truth, const std::map<std::string, ImageReads>& reads);

/// The report for a person: the misses, then the summary; the last line is
/// `exact=<folded %> read=<n>/<m> strict=<%> detected=<n>/<m> median_ms=<ms> p95_ms=<ms>`.
void print_report(const Report& report, std::ostream& out);

}  // namespace anpr::evaluation
