// The unit's health reporting: the systemd watchdog protocol over a real
// notify socket, and the metrics page over real HTTP on loopback.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <cstdlib>
#include <sstream>
#include <thread>

#include "diag/metrics_server.hpp"
#include "diag/watchdog.hpp"
#include "notify_socket.hpp"
#include "temp_dir.hpp"

namespace anpr::diag {
namespace {

using namespace std::chrono_literals;

int count(const std::vector<std::string>& messages, const std::string& text) {
    return static_cast<int>(std::count(messages.begin(), messages.end(), text));
}

TEST(WatchdogTest, VouchesOnlyWhileThePipelineBeats) {
    anpr::testing::TempDir dir;
    anpr::testing::NotifySocket systemd(dir.path() / "notify");
    setenv("NOTIFY_SOCKET", systemd.path().c_str(), 1);
    setenv("WATCHDOG_USEC", "100000", 1);
    unsetenv("WATCHDOG_PID");
    std::atomic<bool> beating{true};
    {
        Watchdog watchdog(
            [&]() -> std::optional<std::chrono::steady_clock::time_point> {
                const auto now = std::chrono::steady_clock::now();
                return beating ? now : now - 1s;
            },
            [] { return std::string("3 frames"); });
        watchdog.start();
        std::this_thread::sleep_for(400ms);
        const auto alive = systemd.take();
        ASSERT_FALSE(alive.empty());
        EXPECT_EQ(alive.front(), "READY=1");
        EXPECT_GE(count(alive, "WATCHDOG=1"), 3);
        EXPECT_GE(count(alive, "STATUS=3 frames"), 3);
        beating = false;
        std::this_thread::sleep_for(100ms);  // a pet may be on its way
        systemd.take();
        std::this_thread::sleep_for(400ms);
        const auto hung = systemd.take();
        EXPECT_EQ(count(hung, "WATCHDOG=1"), 0);
        EXPECT_GE(count(hung, "STATUS=3 frames"), 3);
        std::ostringstream status;
        watchdog.status(status);
        EXPECT_NE(status.str().find("withheld"), std::string::npos);
        watchdog.stop();
        std::this_thread::sleep_for(100ms);
        EXPECT_EQ(count(systemd.take(), "STOPPING=1"), 1);
    }
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
}

TEST(WatchdogTest, OutsideSystemdItSendsNothing) {
    unsetenv("NOTIFY_SOCKET");
    Watchdog watchdog([] { return std::nullopt; }, [] { return std::string(); });
    watchdog.start();
    watchdog.stop();
    std::ostringstream status;
    watchdog.status(status);
    EXPECT_NE(status.str().find("not under systemd"), std::string::npos);
}

/// One HTTP exchange with the server, the whole answer as text.
std::string http_exchange(std::uint16_t port, const std::string& request) {
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket socket(io);
    socket.connect({boost::asio::ip::make_address("127.0.0.1"), port});
    boost::asio::write(socket, boost::asio::buffer(request));
    std::string answer;
    boost::system::error_code ended;
    boost::asio::read(socket, boost::asio::dynamic_buffer(answer), ended);
    return answer;
}

TEST(MetricsServerTest, ServesTheMetricsPageAndNothingElse) {
    auto server = MetricsServer::create("127.0.0.1:0", [] { return std::string("anpr_up 1\n"); });
    ASSERT_TRUE(server) << server.error().message;
    server.value()->start();
    const auto port = server.value()->port();
    // A client that connects and says nothing holds no one else up.
    boost::asio::io_context io;
    boost::asio::ip::tcp::socket silent(io);
    silent.connect({boost::asio::ip::make_address("127.0.0.1"), port});

    const auto page = http_exchange(port, "GET /metrics HTTP/1.1\r\nHost: unit\r\n\r\n");
    EXPECT_EQ(page.rfind("HTTP/1.1 200", 0), 0u) << page;
    EXPECT_NE(page.find("text/plain; version=0.0.4"), std::string::npos);
    EXPECT_NE(page.find("\r\n\r\nanpr_up 1\n"), std::string::npos);
    EXPECT_EQ(http_exchange(port, "GET / HTTP/1.1\r\nHost: unit\r\n\r\n").rfind("HTTP/1.1 404", 0),
              0u);
    EXPECT_EQ(
        http_exchange(port, "POST /metrics HTTP/1.1\r\nHost: unit\r\nContent-Length: 0\r\n\r\n")
            .rfind("HTTP/1.1 405", 0),
        0u);
    EXPECT_EQ(http_exchange(port, std::string(300, '\x01') + "\r\n\r\n"), "");  // no HTTP: closed
    std::ostringstream status;
    server.value()->status(status);
    EXPECT_NE(status.str().find("1 scrape(s)"), std::string::npos) << status.str();
    server.value()->stop();
}

TEST(MetricsServerTest, AnAddressInUseIsAClearError) {
    auto first = MetricsServer::create("127.0.0.1:0", [] { return std::string(); });
    ASSERT_TRUE(first);
    const auto taken = "127.0.0.1:" + std::to_string(first.value()->port());
    auto second = MetricsServer::create(taken, [] { return std::string(); });
    ASSERT_FALSE(second);
    EXPECT_NE(second.error().message.find("cannot listen on " + taken), std::string::npos);
    EXPECT_FALSE(MetricsServer::create("localhost:9464", [] { return std::string(); }));
}

}  // namespace
}  // namespace anpr::diag
