#pragma once
/// Ground truth in the CSV format of ../shared/data: image,plate_text,x,y,w,h.

#include <filesystem>
#include <opencv2/core/types.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace anpr::evaluation {

struct TruthEntry {
    std::string image;            ///< file name inside the data folder
    std::string text;             ///< upper-case letters and digits
    std::optional<cv::Rect> box;  ///< absent where the CSV leaves it empty
};

/// Parses the CSV text; an Error names the line and what is wrong with it.
core::Result<std::vector<TruthEntry>> parse_truth(const std::string& csv,
                                                  const std::string& origin);

/// Reads and parses a ground-truth file.
core::Result<std::vector<TruthEntry>> load_truth(const std::filesystem::path& file);

}  // namespace anpr::evaluation
