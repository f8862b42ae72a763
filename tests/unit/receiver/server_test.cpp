// The server on loopback, in this process: keep-alive, limits, drops, stop,
// and mutual TLS with the test PKI from scripts/make-test-pki.
#include "receiver/server.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "receiver/tls.hpp"
#include "sample_hitlist.hpp"
#include "sample_record.hpp"
#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using nlohmann::json;
using tcp = net::ip::tcp;
using testing::hitlist_text;
using testing::sample_record;

Request post_batch(const std::vector<json>& records) {
    Request request{http::verb::post, "/v1/reads", 11};
    request.set(http::field::host, "localhost");
    request.set(http::field::content_type, "application/json");
    request.body() = json{{"records", records}}.dump();
    request.prepare_payload();
    return request;
}

Request get(const std::string& target) {
    Request request{http::verb::get, target, 11};
    request.set(http::field::host, "localhost");
    return request;
}

Request get_health() { return get("/v1/health"); }

/// A blocking HTTP client over Stream: beast::tcp_stream or an ssl_stream of one.
template <class Stream>
class Client {
  public:
    template <class... Args>
    explicit Client(unsigned short port, Args&... args) : stream_(io_, args...) {
        beast::get_lowest_layer(stream_).connect(
            tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    }
    Stream& stream() { return stream_; }

    beast::error_code send(const Request& request) {
        beast::error_code error;
        http::write(stream_, request, error);
        return error;
    }
    /// The next answer, or nullopt with the error when the connection ends first.
    std::optional<Response> receive(beast::error_code* error = nullptr) {
        Response response;
        beast::error_code read_error;
        http::read(stream_, buffer_, response, read_error);
        if (error != nullptr) *error = read_error;
        if (read_error) return std::nullopt;
        return response;
    }
    std::optional<Response> exchange(const Request& request) {
        if (send(request)) return std::nullopt;
        return receive();
    }

  private:
    net::io_context io_;
    Stream stream_;
    beast::flat_buffer buffer_;
};

using PlainClient = Client<beast::tcp_stream>;
using TlsClient = Client<beast::ssl_stream<beast::tcp_stream>>;

class ReceiverServerTest : public ::testing::Test {
  protected:
    void start(const std::vector<std::string>& faults = {}, net::ssl::context* tls = nullptr) {
        auto registry = SchemaRegistry::load("docs");
        ASSERT_TRUE(registry.ok()) << registry.error().message;
        schemas_.emplace(std::move(registry).value());
        auto store = RecordStore::open(db_path());
        ASSERT_TRUE(store.ok()) << store.error().message;
        store_.emplace(std::move(store).value());
        std::vector<FaultSpec> specs;
        for (const auto& spec : faults) specs.push_back(parse_fault_spec(spec).value());
        faults_.emplace(std::move(specs), 0, 1);
        handler_.emplace(*schemas_, *store_, *faults_, hitlists_);
        auto server = Server::listen(io_, {net::ip::make_address("127.0.0.1"), 0}, tls, *handler_);
        ASSERT_TRUE(server.ok()) << server.error().message;
        server_ = std::move(server).value();
        server_->start();
        port_ = server_->local_endpoint().port();
        thread_ = std::thread([this] { io_.run(); });
    }

    /// Stops the server and waits until its last connection has closed.
    void stop() {
        net::post(io_, [this] { server_->stop(); });
        thread_.join();
    }

    void TearDown() override {
        if (thread_.joinable()) stop();
    }

    std::filesystem::path db_path() const { return dir_.path() / "reads.db"; }

    /// A counter as another process sees it, through its own connection.
    long long counter(const std::string& name) const {
        sqlite3* raw = nullptr;
        sqlite3_open_v2(db_path().c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
        const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> db(raw, sqlite3_close);
        sqlite3_stmt* statement = nullptr;
        sqlite3_prepare_v2(db.get(),
                           ("SELECT value FROM counters WHERE name = '" + name + "'").c_str(), -1,
                           &statement, nullptr);
        const std::unique_ptr<sqlite3_stmt, decltype(&sqlite3_finalize)> owned(statement,
                                                                               sqlite3_finalize);
        return sqlite3_step(statement) == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : -1;
    }

    anpr::testing::TempDir dir_;
    std::optional<SchemaRegistry> schemas_;
    std::optional<RecordStore> store_;
    std::optional<FaultSchedule> faults_;
    std::optional<HitlistFolder> hitlists_;  ///< set before start() to serve hit lists
    std::optional<RequestHandler> handler_;
    net::io_context io_;
    std::unique_ptr<Server> server_;
    std::thread thread_;
    unsigned short port_ = 0;
};

TEST_F(ReceiverServerTest, KeepAliveServesRequestsOneAfterAnotherOnOneConnection) {
    start();
    PlainClient client(port_);
    const auto health = client.exchange(get_health());
    ASSERT_TRUE(health.has_value());
    EXPECT_EQ(health->result(), http::status::ok);
    EXPECT_TRUE(health->keep_alive());
    const auto stored = client.exchange(post_batch({sample_record(1)}));
    ASSERT_TRUE(stored.has_value());
    EXPECT_EQ(json::parse(stored->body())["results"][0]["status"], "stored");
    const auto duplicate = client.exchange(post_batch({sample_record(1)}));
    ASSERT_TRUE(duplicate.has_value());
    EXPECT_EQ(json::parse(duplicate->body())["results"][0]["status"], "duplicate");
}

TEST_F(ReceiverServerTest, DropFaultsCloseTheConnectionWithoutAnAnswer) {
    start({"drop-before", "drop-after"});
    for (const long long stored_after : {0, 1}) {
        PlainClient client(port_);
        beast::error_code error;
        ASSERT_FALSE(client.send(post_batch({sample_record(1)})));
        EXPECT_FALSE(client.receive(&error).has_value());
        EXPECT_TRUE(error);
        EXPECT_EQ(counter("stored"), stored_after);
    }
    PlainClient client(port_);
    const auto resent = client.exchange(post_batch({sample_record(1)}));
    ASSERT_TRUE(resent.has_value());
    EXPECT_EQ(json::parse(resent->body())["results"][0]["status"], "duplicate");
}

TEST_F(ReceiverServerTest, BodyOverTheLimitIsAnswered413) {
    start();
    PlainClient client(port_);
    Request huge = post_batch({sample_record(1)});
    huge.body() = std::string(RequestHandler::kMaxBodyBytes + 1, ' ');
    huge.prepare_payload();
    // The whole body goes out, as a simple client sends it, and the answer is
    // still there to read.
    ASSERT_FALSE(client.send(huge));
    const auto response = client.receive();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->result(), http::status::payload_too_large);
    EXPECT_FALSE(response->keep_alive());
    EXPECT_EQ(counter("batches"), 0);
}

TEST_F(ReceiverServerTest, HugeHeaderIsAnswered431) {
    start();
    PlainClient client(port_);
    Request request = get_health();
    request.set("X-Padding", std::string(32 * 1024, 'x'));
    const auto response = client.exchange(request);
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->result(), http::status::request_header_fields_too_large);
}

TEST_F(ReceiverServerTest, GarbageIsABadRequest) {
    start();
    PlainClient client(port_);
    net::write(client.stream(), net::buffer(std::string("HELLO THERE\r\n\r\n")));
    const auto response = client.receive();
    ASSERT_TRUE(response.has_value());
    EXPECT_EQ(response->result(), http::status::bad_request);
    EXPECT_FALSE(response->keep_alive());
}

TEST_F(ReceiverServerTest, StopClosesIdleConnectionsAndAnswersRequestsInProgress) {
    start({"slow:1000"});
    PlainClient idle(port_);
    ASSERT_TRUE(idle.exchange(get_health()).has_value());  // now waiting for its next request
    PlainClient busy(port_);
    ASSERT_FALSE(busy.send(post_batch({sample_record(1)})));
    // The batch is committed before the slow fault's wait: then it is in progress.
    for (int i = 0; i < 1000 && counter("batches") < 1; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_EQ(counter("batches"), 1);
    stop();  // returns when both connections are closed

    beast::error_code error;
    EXPECT_FALSE(idle.receive(&error).has_value());
    EXPECT_EQ(error, http::error::end_of_stream);
    const auto answered = busy.receive();
    ASSERT_TRUE(answered.has_value());
    EXPECT_EQ(answered->result(), http::status::ok);
    EXPECT_FALSE(answered->keep_alive());
    EXPECT_THROW(PlainClient late(port_), boost::system::system_error);
}

TEST_F(ReceiverServerTest, HitlistAndNotModifiedKeepTheConnection) {
    dir_.write("full.hitlist", hitlist_text(42));
    hitlists_.emplace(dir_.path());
    start();
    PlainClient client(port_);
    const auto full = client.exchange(get("/v1/hitlist?have=0"));
    ASSERT_TRUE(full.has_value());
    EXPECT_EQ(full->result(), http::status::ok);
    EXPECT_EQ(full->body(), hitlist_text(42));
    EXPECT_EQ((*full)["X-Hitlist-Version"], "42");
    const auto current = client.exchange(get("/v1/hitlist?have=42"));
    ASSERT_TRUE(current.has_value());
    EXPECT_EQ(current->result(), http::status::not_modified);
    EXPECT_TRUE(current->keep_alive());
    const auto health = client.exchange(get_health());  // the 304 had no body to skip
    ASSERT_TRUE(health.has_value());
    EXPECT_EQ(health->result(), http::status::ok);
}

/// The test PKI, made once for all TLS tests; empty when it cannot be made.
const std::filesystem::path& test_pki() {
    static const anpr::testing::TempDir dir;
    static const std::filesystem::path pki = [] {
        const auto folder = dir.path() / "pki";
        const std::string command = "scripts/make-test-pki " + folder.string() + " >/dev/null 2>&1";
        return std::system(command.c_str()) == 0 ? folder : std::filesystem::path();
    }();
    return pki;
}

net::ssl::context client_tls(const std::string& certificate) {
    net::ssl::context tls(net::ssl::context::tls_client);
    tls.load_verify_file((test_pki() / "ca.pem").string());
    tls.set_verify_mode(net::ssl::verify_peer);
    if (!certificate.empty()) {
        tls.use_certificate_chain_file((test_pki() / (certificate + ".pem")).string());
        tls.use_private_key_file((test_pki() / (certificate + ".key")).string(),
                                 net::ssl::context::pem);
    }
    return tls;
}

/// Health over TLS with the client certificate named (none: ""); whether it was answered.
bool health_over_tls(unsigned short port, const std::string& certificate) {
    auto tls = client_tls(certificate);
    TlsClient client(port, tls);
    beast::error_code error;
    client.stream().handshake(net::ssl::stream_base::client, error);
    if (error) return false;
    const auto response = client.exchange(get_health());
    return response && response->result() == http::status::ok;
}

TEST_F(ReceiverServerTest, MutualTlsAcceptsOnlyUnitsOfTheClientCa) {
    if (test_pki().empty()) GTEST_SKIP() << "scripts/make-test-pki failed (no openssl?)";
    auto tls = make_server_tls(test_pki() / "server.pem", test_pki() / "server.key",
                               test_pki() / "ca.pem");
    ASSERT_TRUE(tls.ok()) << tls.error().message;
    start({}, &tls.value());
    EXPECT_TRUE(health_over_tls(port_, "unit"));
    EXPECT_FALSE(health_over_tls(port_, ""));
    EXPECT_FALSE(health_over_tls(port_, "unit-other-ca"));
    EXPECT_TRUE(health_over_tls(port_, "unit"));  // still serving

    PlainClient plain(port_);  // no TLS at all: closed without an HTTP answer
    EXPECT_FALSE(plain.exchange(get_health()).has_value());
}

TEST_F(ReceiverServerTest, HitlistOverMutualTls) {
    if (test_pki().empty()) GTEST_SKIP() << "scripts/make-test-pki failed (no openssl?)";
    auto server_tls = make_server_tls(test_pki() / "server.pem", test_pki() / "server.key",
                                      test_pki() / "ca.pem");
    ASSERT_TRUE(server_tls.ok()) << server_tls.error().message;
    dir_.write("delta-41.hitlist", hitlist_text(42, 41));
    hitlists_.emplace(dir_.path());
    start({}, &server_tls.value());
    auto tls = client_tls("unit");
    TlsClient client(port_, tls);
    client.stream().handshake(net::ssl::stream_base::client);
    const auto delta = client.exchange(get("/v1/hitlist?have=41"));
    ASSERT_TRUE(delta.has_value());
    EXPECT_EQ(delta->result(), http::status::ok);
    EXPECT_EQ(delta->body(), hitlist_text(42, 41));
    EXPECT_EQ((*delta)[http::field::content_type], "application/vnd.anpr.hitlist");
}

TEST_F(ReceiverServerTest, TlsContextErrorsNameTheFile) {
    if (test_pki().empty()) GTEST_SKIP() << "scripts/make-test-pki failed (no openssl?)";
    const auto missing =
        make_server_tls(test_pki() / "nope.pem", test_pki() / "server.key", test_pki() / "ca.pem");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("nope.pem"), std::string::npos);
    const auto mismatched =
        make_server_tls(test_pki() / "server.pem", test_pki() / "unit.key", test_pki() / "ca.pem");
    ASSERT_FALSE(mismatched.ok());
    EXPECT_NE(mismatched.error().message.find("server key '" + (test_pki() / "unit.key").string() +
                                              "': key values mismatch"),
              std::string::npos)
        << mismatched.error().message;
}

}  // namespace
}  // namespace anpr::receiver
