#pragma once
/// Greedy CTC decoding of a reader network's per-step class probabilities.

#include <opencv2/core.hpp>
#include <string_view>

#include "plates/plates.hpp"

namespace anpr::ocr {

/// Characters from `probs` (T x C, CV_32F, one row per step left to right,
/// column 0 the CTC blank, column k the character alphabet[k - 1]): the best
/// class per step, repeats collapsed and blanks dropped. Each character's
/// confidence is its highest probability over its run of steps; its
/// alternatives are the other characters at that step, best first, down to
/// `min_alternative`.
plates::RawText ctc_greedy_decode(const cv::Mat& probs, std::string_view alphabet,
                                  float min_alternative = 0.01f);

}  // namespace anpr::ocr
