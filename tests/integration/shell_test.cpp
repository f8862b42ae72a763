// The diagnostics shell on a running unit, driven as technicians and hostile
// clients would: `anpr shell` for every command, raw sockets for garbage,
// overlong lines and a crowd; the unit must keep reading, and every command
// must reach the outbox as a signed audit record. Also the systemd watchdog
// protocol and the metrics page of the same running unit.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/write.hpp>
#include <csignal>
#include <random>
#include <regex>
#include <thread>

#include "child_process.hpp"
#include "diag/password.hpp"
#include "notify_socket.hpp"
#include "outbox_records.hpp"
#include "run_command.hpp"
#include "temp_dir.hpp"

namespace anpr {
namespace {

using namespace std::chrono_literals;
using testing::run_command;

constexpr const char* kPassword = "correct horse battery";

/// A client that speaks the protocol by hand, or does not.
class RawClient {
  public:
    explicit RawClient(int port) : socket_(io_) {
        socket_.connect(
            {boost::asio::ip::make_address("127.0.0.1"), static_cast<std::uint16_t>(port)});
        timeval timeout{10, 0};
        setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    }
    void send(const std::string& bytes) {
        boost::system::error_code ignored;  // the server may have closed already
        boost::asio::write(socket_, boost::asio::buffer(bytes), ignored);
    }
    /// The next line, "" when the server closed (or said nothing for 10 s).
    std::string line() {
        boost::system::error_code ended;
        const auto n =
            boost::asio::read_until(socket_, boost::asio::dynamic_buffer(buffer_), '\n', ended);
        if (ended && n == 0) return "";
        auto text = buffer_.substr(0, n - 1);
        buffer_.erase(0, n);
        return text;
    }
    /// Lines up to and including the OK/ERR/BYE that ends an answer.
    std::vector<std::string> answer() {
        std::vector<std::string> lines;
        for (auto text = line(); !text.empty(); text = line()) {
            lines.push_back(text);
            if (text == "OK" || text.rfind("ERR", 0) == 0 || text.rfind("BYE", 0) == 0) break;
        }
        return lines;
    }

  private:
    boost::asio::io_context io_;
    boost::asio::ip::tcp::socket socket_;
    std::string buffer_;
};

/// The unit, reading the sample images round and round, with its shell and
/// metrics on free loopback ports.
class ShellOnUnitTest : public ::testing::Test {
  protected:
    void SetUp() override {
        const auto hash = diag::hash_password(kPassword, 10);
        ASSERT_TRUE(hash);
        const auto readonly = diag::hash_password("another long password", 10);
        ASSERT_TRUE(readonly);
        config_ = dir_.write("unit.toml",
                             "[unit]\nid = \"unit-7\"\nsite = \"n4-km3\"\n"
                             "[capture]\nsource = \"images\"\nloop = true\ninterval_ms = 20\n"
                             "[outbox]\npath = \"" +
                                 (dir_.path() / "outbox.db").string() +
                                 "\"\n"
                                 "[evidence]\nkey_dir = \"" +
                                 dir_.path().string() +
                                 "\"\n"
                                 "[diag]\nlisten = \"127.0.0.1:0\"\nmetrics = \"127.0.0.1:0\"\n"
                                 "max_connections = 8\nmax_line_bytes = 4096\nidle_timeout_s = 30\n"
                                 "max_failed_logins = 3\nlockout_s = 60\nsnapshot_dir = \"" +
                                 (dir_.path() / "snapshots").string() +
                                 "\"\naccounts = [\"tech:" + hash.value() +
                                 ":plates,operate\", \"viewer:" + readonly.value() + ":-\"]\n");
    }

    void start_unit() {
        unit_.emplace(testing::ChildProcess::start(
            {testing::program_path("anprd"), "--config", config_.string()},
            dir_.path() / "anprd.log"));
        const auto shell =
            unit_->wait_for_line(R"(diagnostics shell listening on 127\.0\.0\.1:(\d+))", 60s);
        ASSERT_TRUE(shell) << log();
        shell_port_ = std::stoi(*shell);
        const auto metrics =
            unit_->wait_for_line(R"(metrics at http://127\.0\.0\.1:(\d+)/metrics)", 10s);
        ASSERT_TRUE(metrics) << log();
        metrics_port_ = std::stoi(*metrics);
        ASSERT_TRUE(unit_->wait_for_line("stored as", 60s)) << log();
    }

    int stop_unit() {
        unit_->signal(SIGTERM);
        const auto code = unit_->wait_for(60s);
        return code.value_or(-1);
    }

    testing::CommandResult shell(const std::string& user, const std::string& password,
                                 const std::string& commands) {
        return run_command(
            "ANPR_SHELL_PASSWORD='" + password + "' " + testing::program_path("anpr") +
            " shell 127.0.0.1:" + std::to_string(shell_port_) + " -u " + user + " " + commands);
    }

    /// One unlabelled sample from the unit's metrics page; -1 when absent.
    long metric(const std::string& name) {
        RawClient http(metrics_port_);
        http.send("GET /metrics HTTP/1.1\r\nHost: unit\r\n\r\n");
        // Header lines end in '\r', so only a closed connection reads as "".
        for (auto line = http.line(); !line.empty(); line = http.line()) {
            if (line.rfind(name + " ", 0) == 0) return std::stol(line.substr(name.size() + 1));
        }
        return -1;
    }

    std::string log() const {
        std::ifstream in(dir_.path() / "anprd.log");
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }

    std::vector<nlohmann::json> audit_records() {
        std::vector<nlohmann::json> audit;
        for (auto& record : testing::outbox_records(config_)) {
            if (record["schema"] == "anpr.audit/1") audit.push_back(std::move(record));
        }
        return audit;
    }

    testing::TempDir dir_;
    std::filesystem::path config_;
    std::optional<testing::ChildProcess> unit_;
    int shell_port_ = 0;
    int metrics_port_ = 0;
};

TEST_F(ShellOnUnitTest, EveryCommandAnswersAndIsAudited) {
    start_unit();
    const std::vector<std::string> commands = {
        "help",        "status",    "status pipeline", "camera",   "snapshot",
        "reads 3",     "hitlist",   "outbox",          "gps",      "time",
        "config diag", "log level", "metrics",         "selftest", "restart clock"};
    std::string arguments;
    for (const auto& command : commands) arguments += " -c '" + command + "'";
    const auto result = shell("tech", kPassword, arguments);
    // selftest may fail on this machine (no GPS, no clock sync): its checks,
    // not the shell, decide that.
    EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 1) << result.out;
    for (const auto* expected : {"restart SERVICE", "pipeline:", "resolution:", "wrote ",
                                 "no hit list", "waiting:", "now ", "[diag]", "log level",
                                 "anpr_frames_total", "focus", "restarted clock"}) {
        EXPECT_NE(result.out.find(expected), std::string::npos) << expected << "\n" << result.out;
    }
    EXPECT_EQ(result.out.find("$scrypt$"), std::string::npos) << "config shows a password hash";

    const auto viewer = shell("viewer", "another long password", "-c 'reads 1' -c snapshot");
    EXPECT_EQ(viewer.exit_code, 1) << viewer.out;  // snapshot needs "operate"
    EXPECT_NE(viewer.out.find("*"), std::string::npos) << viewer.out;
    EXPECT_NE(viewer.out.find("operate"), std::string::npos) << viewer.out;

    const auto wrong = shell("tech", "not the password", "-c status");
    EXPECT_EQ(wrong.exit_code, 2) << wrong.out;
    EXPECT_NE(wrong.out.find("login refused"), std::string::npos) << wrong.out;

    EXPECT_EQ(stop_unit(), 0) << log();
    const auto audit = audit_records();
    std::vector<std::string> audited;
    for (const auto& record : audit) {
        EXPECT_EQ(record["unit"], "unit-7");
        EXPECT_EQ(record["signature"].get<std::string>().size(), 88u);
        if (record["event"] == "command") audited.push_back(record["command"]);
    }
    for (const auto& command : commands) {
        EXPECT_NE(std::find(audited.begin(), audited.end(), command), audited.end())
            << "not audited: " << command;
    }
    bool login_failed = false;
    for (const auto& record : audit) {
        EXPECT_EQ(record.dump().find("correct horse"), std::string::npos) << record.dump();
        EXPECT_EQ(record.dump().find("not the password"), std::string::npos) << record.dump();
        if (record["event"] == "login_failed" && record["account"] == "tech") login_failed = true;
    }
    EXPECT_TRUE(login_failed);
    // The audit records are chained with the reads: `anpr verify` takes
    // the lot, in the order the unit numbered them.
    auto records = testing::outbox_records(config_);
    std::sort(records.begin(), records.end(),
              [](const auto& a, const auto& b) { return a["seq"] < b["seq"]; });
    std::string lines;
    for (const auto& record : records) lines += record.dump() + "\n";
    const auto chain = dir_.write("chain.jsonl", lines);
    const auto verified =
        run_command(testing::program_path("anpr") + " verify --key " +
                    (dir_.path() / "signing.pub").string() + " " + chain.string());
    EXPECT_EQ(verified.exit_code, 0) << verified.out;
}

TEST_F(ShellOnUnitTest, HostileClientsNeitherCrashNorStopTheUnit) {
    start_unit();
    const auto frames_before = metric("anpr_frames_total");
    ASSERT_GT(frames_before, 0);
    {
        // A crowd: 100 clients at once, 8 allowed; the others are turned away.
        std::vector<std::unique_ptr<RawClient>> crowd;
        for (int i = 0; i < 100; ++i) crowd.push_back(std::make_unique<RawClient>(shell_port_));
        int greeted = 0;
        int busy = 0;
        for (auto& client : crowd) {
            const auto first = client->line();
            if (first.rfind("HELLO anpr-shell/1", 0) == 0) ++greeted;
            if (first.rfind("BYE busy", 0) == 0) ++busy;
        }
        EXPECT_EQ(greeted, 8);
        EXPECT_EQ(busy, 92);
    }
    std::this_thread::sleep_for(300ms);  // the server notices the crowd leave
    {
        RawClient garbage(shell_port_);
        EXPECT_EQ(garbage.line().rfind("HELLO", 0), 0u);
        std::mt19937 random(7);
        std::string bytes;
        for (int i = 0; i < 3000; ++i) bytes += static_cast<char>(random() % 256);
        garbage.send(bytes + "\nquit\n");
        // Whatever it made of that, it still answers the quit after it.
        std::string last;
        for (auto text = garbage.line(); !text.empty(); text = garbage.line()) last = text;
        EXPECT_EQ(last, "BYE logout");
    }
    {
        RawClient flood(shell_port_);
        flood.line();
        flood.send(std::string(1 << 20, 'A') + "\n");
        auto answer = flood.answer();
        ASSERT_FALSE(answer.empty());
        EXPECT_EQ(answer.back(), "BYE line longer than 4096 bytes");
    }
    // The unit read on through all of it.
    std::this_thread::sleep_for(500ms);
    EXPECT_GT(metric("anpr_frames_total"), frames_before);
    const auto viewer = shell("viewer", "another long password", "-c status");
    EXPECT_EQ(viewer.exit_code, 0) << viewer.out;
    {
        RawClient guesser(shell_port_);
        guesser.line();
        for (int i = 0; i < 3; ++i) {
            guesser.send("login tech wrong" + std::to_string(i) + "\n");
            EXPECT_EQ(guesser.answer().back(), "ERR login refused");
        }
        guesser.send(std::string("login tech \"") + kPassword + "\"\n");
        const auto refused = guesser.answer();
        ASSERT_FALSE(refused.empty());
        EXPECT_EQ(refused.back().rfind("ERR too many failed logins", 0), 0u) << refused.back();
    }
    EXPECT_GE(metric("anpr_shell_logins_failed_total"), 3);
    EXPECT_GE(metric("anpr_shell_turned_away_total"), 92);
    // ...and the address it guessed from, loopback here, is locked for everyone.
    const auto locked = shell("viewer", "another long password", "-c status");
    EXPECT_EQ(locked.exit_code, 2) << locked.out;
    EXPECT_NE(locked.out.find("too many failed logins"), std::string::npos) << locked.out;
    EXPECT_GT(metric("anpr_frames_total"), frames_before);
    EXPECT_EQ(stop_unit(), 0) << log();
}

TEST_F(ShellOnUnitTest, TellsSystemdItIsReadyAndAlive) {
    testing::NotifySocket systemd(dir_.path() / "notify");
    setenv("NOTIFY_SOCKET", systemd.path().c_str(), 1);
    setenv("WATCHDOG_USEC", "400000", 1);
    start_unit();
    unsetenv("NOTIFY_SOCKET");
    unsetenv("WATCHDOG_USEC");
    std::this_thread::sleep_for(1s);
    EXPECT_EQ(stop_unit(), 0) << log();
    std::this_thread::sleep_for(200ms);
    const auto messages = systemd.take();
    ASSERT_FALSE(messages.empty());
    EXPECT_EQ(messages.front(), "READY=1");
    EXPECT_GE(std::count(messages.begin(), messages.end(), "WATCHDOG=1"), 2);
    EXPECT_EQ(messages.back(), "STOPPING=1");
}

}  // namespace
}  // namespace anpr
