#include "evaluation/passage_score.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/edit_distance.hpp"

namespace anpr::evaluation {
namespace {

/// Frames two passages share; negative when they share none.
std::int64_t shared_frames(const TruePassage& truth, const tracking::Passage& reported) {
    const auto first = std::max(truth.first_frame, reported.first.frame);
    const auto last = std::min(truth.last_frame, reported.last.frame);
    return static_cast<std::int64_t>(last) - static_cast<std::int64_t>(first) + 1;
}

/// The true passage `reported` belongs to, or -1.
int owner_of(const tracking::Passage& reported, const std::vector<TruePassage>& truth) {
    int owner = -1;
    std::size_t best_edits = std::numeric_limits<std::size_t>::max();
    std::int64_t best_shared = 0;
    for (std::size_t t = 0; t < truth.size(); ++t) {
        const auto shared = shared_frames(truth[t], reported);
        if (shared <= 0) continue;
        const auto edits = core::edit_distance(truth[t].text, reported.text);
        if (edits < best_edits || (edits == best_edits && shared > best_shared)) {
            owner = static_cast<int>(t);
            best_edits = edits;
            best_shared = shared;
        }
    }
    return owner;
}

std::string frames_of(std::uint64_t first, std::uint64_t last) {
    return "frames " + std::to_string(first) + "-" + std::to_string(last);
}

}  // namespace

core::Result<std::vector<TruePassage>> load_passage_truth(const std::filesystem::path& file) {
    std::ifstream in(file);
    if (!in) return core::Error{"passage truth '" + file.string() + "': cannot open it"};
    try {
        const auto json = nlohmann::json::parse(in);
        std::vector<TruePassage> truth;
        for (const auto& p : json.at("passages")) {
            TruePassage passage;
            passage.text = p.at("text").get<std::string>();
            passage.direction = p.at("direction").get<std::string>();
            passage.first_frame = p.at("first_frame").get<std::uint64_t>();
            passage.last_frame = p.at("last_frame").get<std::uint64_t>();
            passage.has_misread_frames =
                !p.value("misread_frames", nlohmann::json::array()).empty();
            if (passage.last_frame < passage.first_frame) {
                return core::Error{"passage truth '" + file.string() + "': passage " +
                                   passage.text + " ends before it starts"};
            }
            truth.push_back(std::move(passage));
        }
        return truth;
    } catch (const nlohmann::json::exception& e) {
        return core::Error{"passage truth '" + file.string() + "': " + e.what()};
    }
}

PassageReport score_passages(const std::vector<TruePassage>& truth,
                             const std::vector<tracking::Passage>& reported) {
    PassageReport report;
    report.truth = static_cast<int>(truth.size());
    report.reported = static_cast<int>(reported.size());
    std::vector<std::vector<const tracking::Passage*>> owned(truth.size());
    for (const auto& passage : reported) {
        const int owner = owner_of(passage, truth);
        if (owner < 0) {
            ++report.invented;
            report.problems.push_back("invented: " + passage.text + " " +
                                      frames_of(passage.first.frame, passage.last.frame));
            continue;
        }
        owned[static_cast<std::size_t>(owner)].push_back(&passage);
    }
    for (std::size_t t = 0; t < truth.size(); ++t) {
        const auto& truly = truth[t];
        const auto& reports = owned[t];
        if (truly.has_misread_frames) ++report.misread_passages;
        const std::string where = truly.text + " " + frames_of(truly.first_frame, truly.last_frame);
        if (reports.empty()) {
            report.problems.push_back("missed: " + where);
            continue;
        }
        ++report.found;
        if (reports.size() > 1) {
            report.duplicates += static_cast<int>(reports.size()) - 1;
            report.problems.push_back("reported " + std::to_string(reports.size()) +
                                      " times: " + where);
        }
        const auto* main = *std::max_element(reports.begin(), reports.end(), [&](auto a, auto b) {
            return shared_frames(truly, *a) < shared_frames(truly, *b);
        });
        if (main->text == truly.text) {
            ++report.exact;
            if (truly.has_misread_frames) ++report.misread_exact;
        } else {
            report.problems.push_back("read " + main->text + ": " + where);
        }
        if (tracking::direction_name(main->direction) == truly.direction) ++report.direction_right;
    }
    return report;
}

void print_passage_report(const PassageReport& report, std::ostream& out) {
    for (const auto& problem : report.problems) out << problem << "\n";
    char line[256];
    std::snprintf(line, sizeof line,
                  "passages=%d reported=%d recall=%.1f precision=%.1f exact=%.1f duplicates=%d "
                  "invented=%d direction=%d/%d misread_exact=%d/%d",
                  report.truth, report.reported, report.recall(), report.precision(),
                  report.exact_rate(), report.duplicates, report.invented, report.direction_right,
                  report.found, report.misread_exact, report.misread_passages);
    out << line << "\n";
}

}  // namespace anpr::evaluation
