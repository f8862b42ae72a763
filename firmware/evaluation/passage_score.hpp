#pragma once
/// Scores the passages reported for a video against the renderer's ground
/// truth (models/train/make_passage_videos.py writes it next to each video).
///
/// A reported passage belongs to the true passage whose frames its frames
/// overlap (the closest text where several do); one that overlaps none is
/// invented. A true passage with no reported one is missed, with more than
/// one has duplicates; its text is exact when the report that overlaps it
/// most reads it exactly.

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "tracking/passage.hpp"

namespace anpr::evaluation {

struct TruePassage {
    std::string text;
    std::string direction;            ///< "approaching" or "receding"
    std::uint64_t first_frame = 0;    ///< the whole plate in the picture from...
    std::uint64_t last_frame = 0;     ///< ...to, both included
    bool has_misread_frames = false;  ///< frames drawn to be misread on their own
};

/// The "passages" of a truth file; an Error names the file and the bad field.
core::Result<std::vector<TruePassage>> load_passage_truth(const std::filesystem::path& file);

struct PassageReport {
    int truth = 0;
    int reported = 0;
    int found = 0;                      ///< true passages reported at least once
    int exact = 0;                      ///< ...and read exactly
    int duplicates = 0;                 ///< reports beyond the first of a true passage
    int invented = 0;                   ///< reports of no true passage
    int direction_right = 0;            ///< found, with the right direction
    int misread_passages = 0;           ///< true passages with frames drawn to be misread
    int misread_exact = 0;              ///< ...read exactly all the same
    std::vector<std::string> problems;  ///< one line per miss, wrong text, duplicate, invention

    double recall() const { return truth == 0 ? 0 : 100.0 * found / truth; }
    double precision() const {
        return reported == 0 ? 0 : 100.0 * (reported - duplicates - invented) / reported;
    }
    double exact_rate() const { return truth == 0 ? 0 : 100.0 * exact / truth; }
};

PassageReport score_passages(const std::vector<TruePassage>& truth,
                             const std::vector<tracking::Passage>& reported);

/// The problems, then `passages=<n> reported=<n> recall=<%> precision=<%>
/// exact=<%> duplicates=<n> invented=<n> direction=<n>/<n> misread_exact=<n>/<n>`.
void print_passage_report(const PassageReport& report, std::ostream& out);

}  // namespace anpr::evaluation
