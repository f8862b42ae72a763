#include "diag/shell_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>

#include "diag/password.hpp"
#include "diag/shell_client.hpp"
#include "temp_dir.hpp"

namespace anpr::diag {
namespace {

using namespace std::chrono_literals;

constexpr auto kAlicePassword = "alice-secret-123";
constexpr auto kBobPassword = "bob-secret-4567";

/// Accounts hashed once, cheaply (ln=10).
const std::vector<std::string>& accounts() {
    static const std::vector<std::string> made{
        "alice:" + hash_password(kAlicePassword, 10).value() + ":plates,operate",
        "bob:" + hash_password(kBobPassword, 10).value() + ":-"};
    return made;
}

/// The test PKI with a client certificate for "alice", made once.
const std::filesystem::path& pki() {
    static const testing::TempDir dir;
    static const std::filesystem::path made = [] {
        const auto path = dir.path() / "pki";
        const auto command = "scripts/make-test-pki " + path.string() + " alice >/dev/null";
        if (std::system(command.c_str()) != 0) throw std::runtime_error("make-test-pki failed");
        return path;
    }();
    return made;
}

class AuditLog {
  public:
    AuditSink sink() {
        return [this](const AuditEvent& event) {
            const std::lock_guard lock(mutex_);
            events_.push_back(event);
        };
    }
    std::vector<AuditEvent> events() const {
        const std::lock_guard lock(mutex_);
        return events_;
    }
    bool has(AuditEvent::Kind kind, const std::string& command, const std::string& detail = {}) {
        for (const auto& event : events()) {
            if (event.kind == kind && event.command.find(command) != std::string::npos &&
                event.detail.find(detail) != std::string::npos) {
                return true;
            }
        }
        return false;
    }

  private:
    mutable std::mutex mutex_;
    std::vector<AuditEvent> events_;
};

class ShellServerTest : public ::testing::Test {
  protected:
    ShellServerTest() {
        config_.listen = "127.0.0.1:0";
        config_.accounts = accounts();
        config_.max_connections = 16;
        config_.max_line_bytes = 4096;
        config_.idle_timeout_s = 10.f;
        config_.max_failed_logins = 2;
        config_.lockout_s = 30.f;
        table_.add(Command{"echo", "echo WORDS...", "says the words back", false,
                           [](const std::vector<std::string>& args, const Caller&) {
                               std::string text;
                               for (const auto& arg : args) text += (text.empty() ? "" : " ") + arg;
                               return Reply{true, text};
                           }});
        table_.add(Command{"lines", "lines", "three lines", false,
                           [](const std::vector<std::string>&, const Caller&) {
                               return Reply{true, "one\ntwo\nthree\x1b[0m"};
                           }});
        table_.add(Command{"slow", "slow", "takes a while", true,
                           [](const std::vector<std::string>&, const Caller&) {
                               std::this_thread::sleep_for(1500ms);
                               return Reply{true, "done"};
                           }});
        table_.add(
            Command{"whoami", "whoami", "the caller", false,
                    [](const std::vector<std::string>&, const Caller& caller) {
                        return Reply{true, caller.account + (caller.operate ? " operate" : "")};
                    }});
    }

    void TearDown() override {
        if (server_) server_->stop();
        for (const auto& event : audit_.events()) {
            for (const auto* password : {kAlicePassword, kBobPassword, "wrong-password"}) {
                for (const auto* field :
                     {&event.peer, &event.account, &event.command, &event.detail}) {
                    EXPECT_EQ(field->find(password), std::string::npos)
                        << kind_name(event.kind) << " event holds a password: " << *field;
                }
            }
        }
    }

    ShellServer& start() {
        auto created = ShellServer::create(config_, "unit-test", table_, audit_.sink());
        EXPECT_TRUE(created.ok()) << created.error().message;
        server_ = std::move(created).value();
        server_->start();
        return *server_;
    }

    ShellClientOptions options() const {
        ShellClientOptions options;
        options.address = "127.0.0.1:" + std::to_string(server_->port());
        options.connect_timeout = 5s;
        options.reply_timeout = 10s;
        return options;
    }

    std::unique_ptr<ShellClient> connect() {
        auto client = ShellClient::connect(options());
        EXPECT_TRUE(client.ok()) << client.error().message;
        return client.ok() ? std::move(client).value() : nullptr;
    }

    static ShellAnswer request(ShellClient& client, std::string_view line) {
        auto answer = client.request(line);
        EXPECT_TRUE(answer.ok()) << answer.error().message;
        return answer.ok() ? answer.value() : ShellAnswer{};
    }

    std::unique_ptr<ShellClient> logged_in(const std::string& name, const std::string& password) {
        auto client = connect();
        if (!client) return nullptr;
        const auto answer = request(*client, "login " + name + " " + password);
        EXPECT_TRUE(answer.ok) << answer.message;
        return client;
    }

    template <class Predicate>
    static bool eventually(Predicate predicate) {
        for (int i = 0; i < 500; ++i) {
            if (predicate()) return true;
            std::this_thread::sleep_for(10ms);
        }
        return predicate();
    }

    config::DiagConfig config_;
    CommandTable table_;
    AuditLog audit_;
    std::unique_ptr<ShellServer> server_;
};

TEST_F(ShellServerTest, GreetsWithTheUnitId) {
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    EXPECT_EQ(client->unit_id(), "unit-test");
    std::ostringstream status;
    server_->status(status);
    EXPECT_NE(
        status.str().find("listening on 127.0.0.1:" + std::to_string(server_->port()) + " (plain)"),
        std::string::npos);
    EXPECT_EQ(server_->name(), "shell");
}

TEST_F(ShellServerTest, LogsInAndRunsCommands) {
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    auto answer = request(*client, "login alice " + std::string(kAlicePassword));
    EXPECT_TRUE(answer.ok);
    EXPECT_EQ(answer.body,
              (std::vector<std::string>{"logged in as alice (rights: plates, operate)"}));
    answer = request(*client, R"(echo one "two three")");
    EXPECT_TRUE(answer.ok);
    EXPECT_EQ(answer.body, (std::vector<std::string>{"one two three"}));
    answer = request(*client, "lines\r");
    EXPECT_EQ(answer.body, (std::vector<std::string>{"one", "two", "three\\x1b[0m"}));
    answer = request(*client, "whoami");
    EXPECT_EQ(answer.body, (std::vector<std::string>{"alice operate"}));
    answer = request(*client, "help");
    EXPECT_TRUE(answer.ok);
    EXPECT_EQ(answer.body.size(), 5u);
    answer = request(*client, "nope");
    EXPECT_FALSE(answer.ok);
    EXPECT_EQ(answer.message, "unknown command 'nope': type help");
    answer = request(*client, "");
    EXPECT_EQ(answer.message, "empty line: type help");
    answer = request(*client, "login alice again");
    EXPECT_EQ(answer.message, "already logged in as alice");
    answer = request(*client, "logout");
    EXPECT_TRUE(answer.bye);
    EXPECT_EQ(answer.message, "logout");
    EXPECT_FALSE(client->read_line(2s).ok());

    EXPECT_TRUE(eventually([&] { return server_->stats().sessions_now == 0; }));
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::connected, ""));
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::login, "login alice"));
    for (const auto* line : {"echo one \"two three\"", "lines", "whoami", "help", "nope"}) {
        EXPECT_TRUE(audit_.has(AuditEvent::Kind::command, line)) << line;
    }
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::command, "nope", "unknown command 'nope'"));
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::closed, "", "logout"));
}

TEST_F(ShellServerTest, WithoutOperateOperateCommandsAreRefused) {
    start();
    auto client = logged_in("bob", kBobPassword);
    ASSERT_TRUE(client);
    const auto answer = request(*client, "slow");
    EXPECT_EQ(answer.message, "'slow' needs the operate right; account 'bob' does not have it");
    EXPECT_EQ(request(*client, "quit").message, "logout");
}

TEST_F(ShellServerTest, CommandsNeedALoginFirst) {
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    const auto answer = request(*client, "echo hi");
    EXPECT_FALSE(answer.ok);
    EXPECT_EQ(answer.message, "log in first: login NAME PASSWORD");
    EXPECT_EQ(request(*client, "login alice").message, "usage: login NAME PASSWORD");
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::command, "echo hi", "log in first"));
}

TEST_F(ShellServerTest, FailedLoginsAreRefusedAlikeThenLocked) {
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(request(*client, "login alice wrong-password").message, "login refused");
    EXPECT_GE(std::chrono::steady_clock::now() - started, 450ms);  // the back-off
    EXPECT_EQ(request(*client, "login mallory wrong-password").message, "login refused");
    const auto locked = request(*client, "login alice " + std::string(kAlicePassword));
    EXPECT_FALSE(locked.ok);
    EXPECT_EQ(locked.message.rfind("too many failed logins: try again in ", 0), 0u)
        << locked.message;
    EXPECT_EQ(server_->stats().logins_failed, 3u);
    EXPECT_GE(server_->stats().locked_now, 1u);
    EXPECT_TRUE(
        audit_.has(AuditEvent::Kind::login_failed, "login alice", "wrong name or password"));
    EXPECT_TRUE(
        audit_.has(AuditEvent::Kind::login_failed, "login mallory", "wrong name or password"));
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::login_failed, "login alice", "locked"));

    // The address is locked too: a new client is turned away at once.
    auto again = ShellClient::connect(options());
    ASSERT_FALSE(again.ok());
    EXPECT_NE(again.error().message.find("too many failed logins from this address"),
              std::string::npos);
    EXPECT_TRUE(eventually(
        [&] { return audit_.has(AuditEvent::Kind::refused, "", "too many failed logins"); }));
}

TEST_F(ShellServerTest, IdleSessionsAreClosed) {
    config_.idle_timeout_s = 0.3f;
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->write("echo no newline").ok());  // a dribble is not a line
    const auto bye = client->read_line(3s);
    ASSERT_TRUE(bye.ok()) << bye.error().message;
    EXPECT_EQ(bye.value(), "BYE idle for 0.3 s");
    EXPECT_FALSE(client->read_line(2s).ok());
    EXPECT_TRUE(eventually([&] { return audit_.has(AuditEvent::Kind::closed, "", "idle"); }));
}

TEST_F(ShellServerTest, ALongLineEndsItsSessionOnly) {
    start();
    auto client = connect();
    ASSERT_TRUE(client);
    (void)client->write(std::string(1 << 20, 'x') + "\n");  // may fail: the server stops reading
    const auto bye = client->read_line(3s);
    ASSERT_TRUE(bye.ok()) << bye.error().message;
    EXPECT_EQ(bye.value(), "BYE line longer than 4096 bytes");
    EXPECT_TRUE(
        eventually([&] { return audit_.has(AuditEvent::Kind::closed, "", "line too long"); }));

    auto next = logged_in("alice", kAlicePassword);
    ASSERT_TRUE(next);
    EXPECT_EQ(request(*next, "echo still here").body, (std::vector<std::string>{"still here"}));
}

TEST_F(ShellServerTest, GarbageGetsErrorsNotACrash) {
    start();
    auto client = logged_in("alice", kAlicePassword);
    ASSERT_TRUE(client);
    std::mt19937 random(7);
    for (int i = 0; i < 200; ++i) {
        std::string line(random() % 200, '\0');
        for (auto& byte : line) {
            byte = static_cast<char>(random() % 256);
            if (byte == '\n') byte = '\x01';
        }
        auto answer = client->request(line);
        ASSERT_TRUE(answer.ok()) << answer.error().message;
        EXPECT_FALSE(answer.value().bye);
        if (!answer.value().ok) {
            EXPECT_FALSE(answer.value().message.empty());
        }
    }
    EXPECT_EQ(request(*client, "echo alive").body, (std::vector<std::string>{"alive"}));
}

TEST_F(ShellServerTest, TurnsAwayClientsPastTheMost) {
    start();
    std::vector<std::unique_ptr<ShellClient>> served;
    int busy = 0;
    for (int i = 0; i < 100; ++i) {
        auto client = ShellClient::connect(options());
        if (client.ok()) {
            served.push_back(std::move(client).value());
        } else {
            EXPECT_NE(client.error().message.find("busy: 16 clients connected, the most allowed"),
                      std::string::npos)
                << client.error().message;
            ++busy;
        }
    }
    EXPECT_EQ(served.size(), 16u);
    EXPECT_EQ(busy, 84);
    EXPECT_EQ(server_->stats().turned_away, 84u);
    served.clear();
    ASSERT_TRUE(eventually([&] { return server_->stats().sessions_now == 0; }));
    for (int i = 0; i < 16; ++i) {
        auto client = ShellClient::connect(options());
        ASSERT_TRUE(client.ok()) << client.error().message;
        served.push_back(std::move(client).value());
    }
    EXPECT_TRUE(eventually([&] { return audit_.has(AuditEvent::Kind::refused, "", "busy"); }));
}

TEST_F(ShellServerTest, ASlowCommandBlocksNoOtherSession) {
    start();
    auto slow = logged_in("alice", kAlicePassword);
    auto quick = logged_in("bob", kBobPassword);
    ASSERT_TRUE(slow && quick);
    ASSERT_TRUE(slow->write("slow\n").ok());
    std::this_thread::sleep_for(100ms);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(request(*quick, "echo quick").body, (std::vector<std::string>{"quick"}));
    EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
    const auto answer = slow->read_answer();
    ASSERT_TRUE(answer.ok());
    EXPECT_EQ(answer.value().body, (std::vector<std::string>{"done"}));
}

TEST_F(ShellServerTest, StopSaysByeToEveryone) {
    start();
    auto client = logged_in("alice", kAlicePassword);
    ASSERT_TRUE(client);
    server_->stop();
    server_->stop();
    const auto bye = client->read_line(3s);
    ASSERT_TRUE(bye.ok()) << bye.error().message;
    EXPECT_EQ(bye.value(), "BYE unit stopping");
    EXPECT_TRUE(audit_.has(AuditEvent::Kind::closed, "", "unit stopping"));
}

TEST_F(ShellServerTest, CreateNamesWhatIsWrong) {
    config_.listen = "127.0.0.1:http";
    auto bad = ShellServer::create(config_, "u", table_, audit_.sink());
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("diag.listen"), std::string::npos);

    config_.listen = "127.0.0.1:0";
    start();
    config_.listen = "127.0.0.1:" + std::to_string(server_->port());
    auto taken = ShellServer::create(config_, "u", table_, audit_.sink());
    ASSERT_FALSE(taken.ok());
    EXPECT_NE(taken.error().message.find("cannot listen on " + config_.listen), std::string::npos)
        << taken.error().message;

    config_.listen = "127.0.0.1:0";
    config_.tls_ca = "/nonexistent/ca.pem";
    config_.tls_cert = "/nonexistent/cert.pem";
    config_.tls_key = "/nonexistent/key.pem";
    auto no_tls = ShellServer::create(config_, "u", table_, audit_.sink());
    ASSERT_FALSE(no_tls.ok());
    EXPECT_NE(no_tls.error().message.find("/nonexistent/ca.pem"), std::string::npos);

    config_ = {};
    config_.listen = "127.0.0.1:0";
    EXPECT_FALSE(ShellServer::create(config_, "u", table_, audit_.sink()).ok());
}

class ShellServerTlsTest : public ShellServerTest {
  protected:
    void SetUp() override {
        config_.tls_ca = pki() / "ca.pem";
        config_.tls_cert = pki() / "server.pem";
        config_.tls_key = pki() / "server.key";
    }
    ShellClientOptions tls_options(bool with_certificate) const {
        auto options = this->options();
        options.ca = pki() / "ca.pem";
        if (with_certificate) {
            options.cert = pki() / "unit.pem";  // CN=alice
            options.key = pki() / "unit.key";
        }
        return options;
    }
};

TEST_F(ShellServerTlsTest, AClientWithItsCertificateLogsIn) {
    start();
    auto client = ShellClient::connect(tls_options(true));
    ASSERT_TRUE(client.ok()) << client.error().message;
    const auto answer = request(*client.value(), "login alice " + std::string(kAlicePassword));
    EXPECT_TRUE(answer.ok) << answer.message;
    EXPECT_EQ(request(*client.value(), "echo secure").body, (std::vector<std::string>{"secure"}));
    std::ostringstream status;
    server_->status(status);
    EXPECT_NE(status.str().find("(tls)"), std::string::npos);
}

TEST_F(ShellServerTlsTest, AClientWithoutACertificateIsRefused) {
    start();
    const auto without = ShellClient::connect(tls_options(false));
    ASSERT_FALSE(without.ok());
    auto plain = tls_options(false);
    plain.ca.reset();
    plain.connect_timeout = 500ms;  // a plain client waits for a greeting that never comes
    EXPECT_FALSE(ShellClient::connect(plain).ok());
    EXPECT_TRUE(
        eventually([&] { return audit_.has(AuditEvent::Kind::closed, "", "TLS handshake"); }));
}

TEST_F(ShellServerTlsTest, ACertificateForAnotherNameCannotLogIn) {
    start();
    auto client = ShellClient::connect(tls_options(true));
    ASSERT_TRUE(client.ok()) << client.error().message;
    const auto answer = request(*client.value(), "login bob " + std::string(kBobPassword));
    EXPECT_EQ(answer.message, "login refused");
    EXPECT_TRUE(
        audit_.has(AuditEvent::Kind::login_failed, "login bob", "certificate is for alice"));
}

}  // namespace
}  // namespace anpr::diag
