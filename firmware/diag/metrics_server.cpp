#include "diag/metrics_server.hpp"

#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "core/listen_address.hpp"
#include "logging/logging.hpp"

namespace anpr::diag {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

/// Scrapes come from one Prometheus and a technician's curl.
constexpr int kMaxConnections = 8;
constexpr auto kRequestTime = std::chrono::seconds(5);

/// One connection: one request, one answer, closed.
class Exchange : public std::enable_shared_from_this<Exchange> {
  public:
    Exchange(tcp::socket socket, const std::function<std::string()>& page, core::Counter& served,
             std::shared_ptr<std::atomic<int>> open)
        : stream_(std::move(socket)), page_(page), served_(served), open_(std::move(open)) {}
    ~Exchange() { --*open_; }

    void run() {
        parser_.body_limit(0);
        parser_.header_limit(8192);
        stream_.expires_after(kRequestTime);
        http::async_read(stream_, buffer_, parser_,
                         [self = shared_from_this()](beast::error_code failed, std::size_t) {
                             if (!failed) self->answer();
                         });
    }

  private:
    void answer() {
        const auto& request = parser_.get();
        response_.version(request.version());
        response_.keep_alive(false);
        response_.set(http::field::server, "anpr");
        if (request.method() != http::verb::get) {
            response_.result(http::status::method_not_allowed);
            response_.set(http::field::allow, "GET");
            response_.body() = "only GET\n";
        } else if (request.target() != "/metrics") {
            response_.result(http::status::not_found);
            response_.body() = "the metrics are at /metrics\n";
        } else {
            response_.result(http::status::ok);
            response_.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
            try {
                response_.body() = page_();
                ++served_;
            } catch (const std::exception& e) {
                response_.result(http::status::internal_server_error);
                response_.body() = std::string("cannot make the metrics: ") + e.what() + "\n";
            }
        }
        response_.prepare_payload();
        stream_.expires_after(kRequestTime);
        http::async_write(stream_, response_,
                          [self = shared_from_this()](beast::error_code, std::size_t) {
                              beast::error_code ignored;
                              self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                          });
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request_parser<http::empty_body> parser_;
    http::response<http::string_body> response_;
    const std::function<std::string()>& page_;
    core::Counter& served_;
    std::shared_ptr<std::atomic<int>> open_;
};

}  // namespace

core::Result<std::unique_ptr<MetricsServer>> MetricsServer::create(
    const std::string& listen, std::function<std::string()> page) {
    auto address = core::parse_listen_address(listen);
    if (!address) return core::Error{"diag.metrics: " + address.error().message};
    std::unique_ptr<MetricsServer> server(new MetricsServer(std::move(page)));
    boost::system::error_code failed;
    const tcp::endpoint endpoint(address.value().host, address.value().port);
    auto acceptor = std::make_unique<tcp::acceptor>(server->io_);
    acceptor->open(endpoint.protocol(), failed);
    if (!failed) acceptor->set_option(tcp::acceptor::reuse_address(true), failed);
    if (!failed) acceptor->bind(endpoint, failed);
    if (!failed) acceptor->listen(kMaxConnections, failed);
    if (failed) {
        return core::Error{"diag.metrics: cannot listen on " + listen + ": " + failed.message()};
    }
    server->port_ = acceptor->local_endpoint().port();
    server->address_ = address.value().host.to_string() + ":" + std::to_string(server->port_);
    server->acceptor_ = std::move(acceptor);
    return server;
}

MetricsServer::~MetricsServer() { stop(); }

void MetricsServer::start() {
    if (thread_.joinable()) return;
    io_.restart();
    accept();
    thread_ = std::thread([this] { io_.run(); });
    logging::logger("metrics")->info("metrics at http://{}/metrics", address_);
}

void MetricsServer::stop() {
    if (!thread_.joinable()) return;
    boost::asio::post(io_, [this] {
        boost::system::error_code ignored;
        acceptor_->cancel(ignored);
    });
    io_.stop();
    thread_.join();
}

void MetricsServer::status(std::ostream& out) const {
    out << "metrics: http://" << address_ << "/metrics, " << served_.load() << " scrape(s), "
        << refused_.load() << " connection(s) turned away (more than " << kMaxConnections
        << " at once)";
}

void MetricsServer::accept() {
    acceptor_->async_accept([this](boost::system::error_code failed, tcp::socket socket) {
        if (failed == boost::asio::error::operation_aborted) return;
        if (!failed) {
            if (open_->load() >= kMaxConnections) {
                ++refused_;
            } else {
                ++*open_;
                std::make_shared<Exchange>(std::move(socket), page_, served_, open_)->run();
            }
        }
        accept();
    });
}

}  // namespace anpr::diag
