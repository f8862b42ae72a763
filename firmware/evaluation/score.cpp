#include "evaluation/score.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "core/geometry.hpp"
#include "core/statistics.hpp"

namespace anpr::evaluation {
namespace {

/// The read scored for an image: best overlap with the true box, else most confident.
const core::PlateRead* scored_read(const TruthEntry& truth, const ImageReads& reads,
                                   bool& detected) {
    detected = false;
    const core::PlateRead* best = nullptr;
    double best_iou = kDetectionIou;
    if (truth.box) {
        for (const auto& plate : reads.plates) {
            const double overlap = core::iou(plate.box, *truth.box);
            if (overlap >= best_iou) {
                best_iou = overlap;
                best = &plate;
                detected = true;
            }
        }
    }
    if (best == nullptr && !reads.plates.empty()) best = &reads.plates.front();
    return best;
}

std::string percent(int part, int whole) {
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << (whole == 0 ? 0.0 : 100.0 * part / whole);
    return out.str();
}

}  // namespace

std::string fold_lookalikes(std::string text) {
    std::replace(text.begin(), text.end(), 'O', '0');
    std::replace(text.begin(), text.end(), 'I', '1');
    return text;
}

Report score(const std::vector<TruthEntry>& truth, const std::map<std::string, ImageReads>& reads) {
    Report report;
    std::vector<double> times;
    const ImageReads nothing;
    for (const auto& entry : truth) {
        const auto found = reads.find(entry.image);
        const ImageReads& image = found == reads.end() ? nothing : found->second;
        if (found != reads.end() && !image.failed) times.push_back(image.ms);
        ++report.images;
        bool detected = false;
        const core::PlateRead* read = scored_read(entry, image, detected);
        if (entry.box) {
            ++report.with_box;
            report.detected += detected ? 1 : 0;
        }
        const std::string text = read == nullptr ? "" : read->text;
        report.exact_strict += text == entry.text ? 1 : 0;
        if (fold_lookalikes(text) == fold_lookalikes(entry.text)) {
            ++report.exact_folded;
        } else {
            report.misses.push_back({entry.image, entry.text, text, detected});
        }
    }
    report.median_ms = core::percentile(times, 0.5);
    report.p95_ms = core::percentile(times, 0.95);
    return report;
}

void print_report(const Report& report, std::ostream& out) {
    for (const auto& miss : report.misses) {
        out << "miss " << miss.image << ": truth " << miss.truth << ", read "
            << (miss.read.empty() ? "nothing" : miss.read)
            << (miss.detected ? "" : " (plate not found)") << "\n";
    }
    out << "exact=" << percent(report.exact_folded, report.images)
        << " read=" << report.exact_folded << "/" << report.images
        << " strict=" << percent(report.exact_strict, report.images)
        << " detected=" << report.detected << "/" << report.with_box << std::fixed
        << std::setprecision(1) << " median_ms=" << report.median_ms << " p95_ms=" << report.p95_ms
        << "\n";
}

}  // namespace anpr::evaluation
