#pragma once
/// A camera on loopback for the tests: serves JPEG frames as an MJPEG stream
/// over HTTP (multipart/x-mixed-replace), as many IP cameras do, to one client.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace anpr::testing {

class MjpegServer {
  public:
    /// Listens on 127.0.0.1:`port` (0: a free port, see port()).
    explicit MjpegServer(std::uint16_t port = 0) {
        // Close-on-exec: the unit under test, started by the test, must not
        // inherit the camera's socket and keep its port busy.
        fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd_ < 0) throw std::runtime_error("socket");
        const int yes = 1;
        setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        if (bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
            listen(fd_, 4) != 0) {
            const int error = errno;
            close(fd_);
            errno = error;
            throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port) + ": " +
                                     std::strerror(errno));
        }
        socklen_t size = sizeof address;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &size);
        port_ = ntohs(address.sin_port);
    }
    ~MjpegServer() { close(fd_); }
    MjpegServer(const MjpegServer&) = delete;
    MjpegServer& operator=(const MjpegServer&) = delete;

    std::uint16_t port() const { return port_; }

    /// Waits for one client, reads its request, sends `frames` at `fps`, and
    /// hangs up (the camera goes away mid-stream as far as the client knows).
    void serve(const std::vector<std::vector<std::uint8_t>>& frames, double fps) {
        const int client = accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) return;
        char request[2048];
        [[maybe_unused]] const auto ignored = recv(client, request, sizeof request, 0);
        send_all(client,
                 "HTTP/1.0 200 OK\r\nContent-Type: multipart/x-mixed-replace;"
                 "boundary=frame\r\nCache-Control: no-cache\r\n\r\n");
        const auto step = std::chrono::duration<double>(1.0 / fps);
        for (const auto& jpeg : frames) {
            const std::string head = "--frame\r\nContent-Type: image/jpeg\r\nContent-Length: " +
                                     std::to_string(jpeg.size()) + "\r\n\r\n";
            if (!send_all(client, head) ||
                !send_all(client, std::string(jpeg.begin(), jpeg.end()) + "\r\n")) {
                break;
            }
            std::this_thread::sleep_for(step);
        }
        close(client);
    }

  private:
    static bool send_all(int fd, const std::string& bytes) {
        std::size_t sent = 0;
        while (sent < bytes.size()) {
            const auto n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return false;
            sent += static_cast<std::size_t>(n);
        }
        return true;
    }

    int fd_ = -1;
    std::uint16_t port_ = 0;
};

}  // namespace anpr::testing
