#pragma once
/// How `anpr provision` puts its files in place: each written to a temporary
/// file beside it and synced, and only once all are ready renamed over the
/// old ones, in order, so that a failure or a power cut leaves each file
/// either as it was or as it is meant to be.

#include <sys/types.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace anpr::app {

struct FileToInstall {
    std::filesystem::path path;
    std::string content;
    mode_t mode = 0640;
    std::optional<gid_t> group;  ///< its group; nothing: the installer's
};

/// The whole content of `path`; an Error naming it when it cannot be read.
core::Result<std::string> read_whole_file(const std::filesystem::path& path);

/// Whether `file` already holds `file.content` with `file.mode`.
bool already_installed(const FileToInstall& file);

/// The group `anpr`, which the unit's service runs in, where the system has one.
std::optional<gid_t> anpr_group();

/// Installs `files` in their order, creating missing folders (0755). When a
/// temporary file cannot be written, removes them all and changes nothing.
core::Status install_files(const std::vector<FileToInstall>& files);

}  // namespace anpr::app
