#pragma once
/// Still images as frames: finding them on disk and decoding them.

#include <filesystem>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/types.hpp"

namespace anpr::capture {

/// True for the extensions the unit reads (.jpg, .jpeg, .png, any case).
bool is_image_file(const std::filesystem::path& path);

/// The file name's extension in lower case, dot included (".jpg"); "" when none.
std::string lowercase_extension(const std::filesystem::path& path);

/// The JPEG/PNG files of a folder, in name order (not recursive).
core::Result<std::vector<std::filesystem::path>> list_images(const std::filesystem::path& folder);

/// `paths` with each folder replaced by its images; a missing path is an Error naming it.
core::Result<std::vector<std::filesystem::path>> expand_image_paths(
    const std::vector<std::filesystem::path>& paths);

/// Decodes one image file into a frame stamped now; an Error names the file
/// and says whether it is missing, empty or not a decodable image.
core::Result<core::Frame> load_frame(const std::filesystem::path& file, std::uint64_t index);

}  // namespace anpr::capture
