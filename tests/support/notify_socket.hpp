#pragma once
/// Stands in for systemd's NOTIFY_SOCKET: a datagram socket the test binds,
/// read at once on a thread of its own as systemd reads it (a full queue,
/// ten datagrams by default, would block the sender), keeping every message.

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace anpr::testing {

class NotifySocket {
  public:
    explicit NotifySocket(const std::filesystem::path& path)
        : path_(path), fd_(socket(AF_UNIX, SOCK_DGRAM, 0)) {
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
        if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
            throw std::runtime_error("cannot bind a notify socket at " + path.string());
        }
        timeval timeout{0, 20000};
        setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        reader_ = std::thread([this] {
            char buffer[512];
            while (listening_) {
                const auto n = recv(fd_, buffer, sizeof buffer, 0);
                if (n <= 0) continue;
                std::lock_guard lock(mutex_);
                messages_.emplace_back(buffer, static_cast<std::size_t>(n));
            }
        });
    }
    ~NotifySocket() {
        listening_ = false;
        reader_.join();
        close(fd_);
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    const std::filesystem::path& path() const { return path_; }

    /// Every message received so far, and forgets them.
    std::vector<std::string> take() {
        std::lock_guard lock(mutex_);
        return std::exchange(messages_, {});
    }

  private:
    std::filesystem::path path_;
    int fd_;
    std::atomic<bool> listening_{true};
    std::mutex mutex_;
    std::vector<std::string> messages_;
    std::thread reader_;
};

}  // namespace anpr::testing
