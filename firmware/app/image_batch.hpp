#pragma once
/// Runs the plate reader over still-image files, one at a time, timing each.

#include <filesystem>
#include <functional>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"
#include "pipeline/plate_reader.hpp"

namespace anpr::app {

struct ImageOutcome {
    std::filesystem::path file;
    core::Result<std::vector<core::PlateRead>> plates;  ///< an Error names the file
    double ms = 0;                                      ///< decode excluded
};

/// Calls `on_image` for each file in order; a file that fails does not stop the others.
/// Returns how many files failed.
int read_images(pipeline::PlateReader& reader, const std::vector<std::filesystem::path>& files,
                const std::function<void(const ImageOutcome&)>& on_image);

}  // namespace anpr::app
