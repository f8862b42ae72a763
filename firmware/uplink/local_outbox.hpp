#pragma once
/// The unit's local outbox: read records appended as JSON lines, each forced
/// to disk before it counts as written. The durable SQLite outbox with
/// delivery to the central network replaces it in the uplink issue.

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "core/result.hpp"

namespace anpr::uplink {

class LocalOutbox {
  public:
    /// Opens (creating the file and its folders) for appending.
    static core::Result<LocalOutbox> open(const std::filesystem::path& path);
    ~LocalOutbox();
    LocalOutbox(LocalOutbox&& other) noexcept;
    LocalOutbox& operator=(LocalOutbox&&) = delete;
    LocalOutbox(const LocalOutbox&) = delete;
    LocalOutbox& operator=(const LocalOutbox&) = delete;

    /// Appends one record as a line and fsyncs; an Error (disk full, I/O
    /// error) means the record is not stored and the caller must not go on
    /// as if it were.
    core::Status append(const nlohmann::ordered_json& record);

    const std::filesystem::path& path() const { return path_; }

  private:
    LocalOutbox(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace anpr::uplink
