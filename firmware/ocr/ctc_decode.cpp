#include "ocr/ctc_decode.hpp"

#include <algorithm>

namespace anpr::ocr {
namespace {

constexpr int kBlank = 0;

int best_class(const float* row, int classes) {
    return static_cast<int>(std::max_element(row, row + classes) - row);
}

/// The slot for a character whose run peaks at `row`.
plates::CharSlot slot_at(const float* row, int classes, int best, std::string_view alphabet,
                         float min_alternative) {
    plates::CharSlot slot;
    slot.choices.push_back({alphabet[static_cast<std::size_t>(best - 1)], row[best]});
    std::vector<plates::CharChoice> others;
    for (int c = 1; c < classes; ++c) {
        if (c != best && row[c] >= min_alternative) {
            others.push_back({alphabet[static_cast<std::size_t>(c - 1)], row[c]});
        }
    }
    std::sort(others.begin(), others.end(),
              [](const auto& a, const auto& b) { return a.confidence > b.confidence; });
    slot.choices.insert(slot.choices.end(), others.begin(), others.end());
    return slot;
}

}  // namespace

plates::RawText ctc_greedy_decode(const cv::Mat& probs, std::string_view alphabet,
                                  float min_alternative) {
    CV_Assert(probs.type() == CV_32F && probs.dims == 2 &&
              probs.cols == static_cast<int>(alphabet.size()) + 1);
    plates::RawText raw;
    // The steps before the first character form a run of blanks from step 0.
    int run_class = kBlank;
    int peak_row = 0;
    const auto close_run = [&] {
        if (run_class != kBlank) {
            raw.slots.push_back(slot_at(probs.ptr<float>(peak_row), probs.cols, run_class, alphabet,
                                        min_alternative));
        }
    };
    for (int t = 0; t < probs.rows; ++t) {
        const float* row = probs.ptr<float>(t);
        const int best = best_class(row, probs.cols);
        if (best != run_class) {
            close_run();
            run_class = best;
            peak_row = t;
        } else if (best != kBlank && row[best] > probs.ptr<float>(peak_row)[best]) {
            peak_row = t;
        }
    }
    close_run();
    return raw;
}

}  // namespace anpr::ocr
