#include "app/provision_install.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <set>
#include <sstream>
#include <string_view>

namespace anpr::app {
namespace {

namespace fs = std::filesystem;

/// "cannot `what` 'path': `errno`'s reason".
core::Error failure(const std::string& what, const fs::path& path) {
    return core::Error{"cannot " + what + " '" + path.string() + "': " + std::strerror(errno)};
}

/// Creates `folder` and its missing parents, 0755 whatever the umask.
core::Status make_folder(const fs::path& folder) {
    std::error_code ignored;
    if (folder.empty() || fs::is_directory(folder, ignored)) return core::Ok{};
    if (auto parent = make_folder(folder.parent_path()); !parent) return parent;
    if (::mkdir(folder.c_str(), 0755) != 0 && errno != EEXIST) {
        return failure("create folder", folder);
    }
    if (::chmod(folder.c_str(), 0755) != 0) return failure("set the mode of", folder);
    return core::Ok{};
}

bool write_all(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t written = ::write(fd, bytes.data(), bytes.size());
        if (written < 0 && errno == EINTR) continue;
        if (written < 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(written));
    }
    return true;
}

/// A new temporary file beside `file.path` holding its content, mode and
/// group, synced to disk; its path.
core::Result<fs::path> write_temporary(const FileToInstall& file) {
    std::string name =
        (file.path.parent_path() / ("." + file.path.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(name.data());
    if (fd < 0) return failure("create a temporary file beside", file.path);
    // fchmod, unlike the mode given at creation, is not narrowed by the umask.
    const bool written = write_all(fd, file.content) &&
                         (!file.group || ::fchown(fd, static_cast<uid_t>(-1), *file.group) == 0) &&
                         ::fchmod(fd, file.mode) == 0 && ::fsync(fd) == 0;
    const int reason = errno;
    const bool closed = ::close(fd) == 0;
    if (written && closed) return fs::path(name);
    if (!written) errno = reason;
    auto error = failure("write", name);
    std::error_code ignored;
    fs::remove(name, ignored);
    return error;
}

core::Status sync_folder(const fs::path& folder) {
    const int fd =
        ::open(folder.empty() ? "." : folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return failure("open folder", folder);
    const bool synced = ::fsync(fd) == 0;
    const int reason = errno;
    ::close(fd);
    errno = reason;
    if (!synced) return failure("sync folder", folder);
    return core::Ok{};
}

}  // namespace

core::Result<std::string> read_whole_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return failure("read", path);
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) return failure("read", path);
    return content.str();
}

bool already_installed(const FileToInstall& file) {
    struct stat status {};
    if (::stat(file.path.c_str(), &status) != 0 || (status.st_mode & 07777) != file.mode ||
        (file.group && status.st_gid != *file.group)) {
        return false;
    }
    const auto content = read_whole_file(file.path);
    return content && content.value() == file.content;
}

std::optional<gid_t> anpr_group() {
    const group* entry = ::getgrnam("anpr");
    if (entry == nullptr) return std::nullopt;
    return entry->gr_gid;
}

core::Status install_files(const std::vector<FileToInstall>& files) {
    std::vector<fs::path> temporaries;
    const auto remove_temporaries = [&temporaries](std::size_t from) {
        std::error_code ignored;
        for (std::size_t i = from; i < temporaries.size(); ++i) fs::remove(temporaries[i], ignored);
    };
    for (const auto& file : files) {
        if (auto folder = make_folder(file.path.parent_path()); !folder) {
            remove_temporaries(0);
            return folder;
        }
        auto temporary = write_temporary(file);
        if (!temporary) {
            remove_temporaries(0);
            return temporary.error();
        }
        temporaries.push_back(temporary.value());
    }
    std::set<fs::path> folders;
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
            const auto error = failure("replace", files[i].path);
            remove_temporaries(i);
            return error;
        }
        folders.insert(files[i].path.parent_path());
    }
    // The renames themselves last only once their folders are synced.
    for (const auto& folder : folders) {
        if (auto synced = sync_folder(folder); !synced) return synced;
    }
    return core::Ok{};
}

}  // namespace anpr::app
