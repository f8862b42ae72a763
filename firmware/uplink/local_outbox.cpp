#include "uplink/local_outbox.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace anpr::uplink {
namespace {

std::string failure(const std::string& what, const std::filesystem::path& path) {
    return "outbox: cannot " + what + " '" + path.string() + "': " + std::strerror(errno);
}

}  // namespace

core::Result<LocalOutbox> LocalOutbox::open(const std::filesystem::path& path) {
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
    if (ec)
        return core::Error{"outbox: cannot create folder '" + path.parent_path().string() +
                           "': " + ec.message()};
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0640);
    if (fd < 0) return core::Error{failure("open", path)};
    return LocalOutbox(path, fd);
}

LocalOutbox::LocalOutbox(LocalOutbox&& other) noexcept
    : path_(std::move(other.path_)), fd_(other.fd_) {
    other.fd_ = -1;
}

LocalOutbox::~LocalOutbox() {
    if (fd_ >= 0) ::close(fd_);
}

core::Status LocalOutbox::append(const nlohmann::ordered_json& record) {
    const std::string line = record.dump() + "\n";
    std::size_t written = 0;
    while (written < line.size()) {
        const ssize_t n = ::write(fd_, line.data() + written, line.size() - written);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return core::Error{failure("write to", path_)};
        written += static_cast<std::size_t>(n);
    }
    if (::fsync(fd_) != 0) return core::Error{failure("sync", path_)};
    return core::Ok{};
}

}  // namespace anpr::uplink
