#include "receiver/server.hpp"

#include <boost/asio/ip/address.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "logging/logging.hpp"
#include "receiver/tls.hpp"

namespace anpr::receiver {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace detail {

/// A connection as the server sees it when it stops.
class Connection {
  public:
    virtual ~Connection() = default;
    /// Closes the connection unless a request on it is being read or answered.
    virtual void stop_if_idle() = 0;
};

/// What the server shares with its connections, which may outlive it.
struct ServerState {
    RequestHandler& handler;
    net::ssl::context* tls;
    ConnectionLimits limits;
    bool stopping = false;
    std::vector<std::weak_ptr<Connection>> connections;

    std::size_t live_connections() {
        std::erase_if(connections, [](const auto& connection) { return connection.expired(); });
        return connections.size();
    }
};

}  // namespace detail

namespace {

/// After an error answer to a request not read to its end, what the client
/// still sends is read and dropped, up to this much, so that closing the
/// connection does not reset it before the client has read the answer.
constexpr std::size_t kMaxDrainBytes = 2 * RequestHandler::kMaxBodyBytes;

std::shared_ptr<spdlog::logger> log() { return logging::logger("receiver"); }

/// One client connection over Stream: beast::tcp_stream or an ssl_stream of one.
template <class Stream>
class Session : public detail::Connection, public std::enable_shared_from_this<Session<Stream>> {
  public:
    static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

    Session(Stream stream, std::string address, std::shared_ptr<detail::ServerState> state)
        : stream_(std::move(stream)), delay_(stream_.get_executor()), state_(std::move(state)) {
        peer_.address = std::move(address);
    }

    void start() {
        if constexpr (kTls) {
            phase_ = Phase::handshake;
            lowest().expires_after(state_->limits.handshake);
            stream_.async_handshake(net::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code error) {
                                        self->on_handshake(error);
                                    });
        } else {
            log()->info("connection from {} (plain HTTP)", peer_.address);
            read_header();
        }
    }

    void stop_if_idle() override {
        const bool waiting = phase_ == Phase::idle && buffer_.size() == 0;
        if (phase_ == Phase::handshake || phase_ == Phase::closing || waiting) lowest().close();
    }

  private:
    enum class Phase { handshake, idle, busy, closing };

    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

    void on_handshake(beast::error_code error) {
        if (error) {
            log()->warn("TLS handshake with {} failed: {}", peer_.address,
                        handshake_failure(error, stream_.native_handle()));
            lowest().close();
            return;
        }
        peer_.client = peer_common_name(stream_.native_handle());
        log()->info("connection from CN={} ({})", peer_.client, peer_.address);
        read_header();
    }

    void read_header() {
        if (state_->stopping) return shut_down();
        phase_ = Phase::idle;
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(state_->limits.header_bytes));
        parser_->body_limit(RequestHandler::kMaxBodyBytes);
        lowest().expires_after(state_->limits.idle);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                self->on_header(error);
            });
    }

    void on_header(beast::error_code error) {
        phase_ = Phase::busy;
        if (error) return on_read_error(error);
        if (!beast::iequals(parser_->get()[http::field::expect], "100-continue"))
            return read_body();
        continue_ = {http::status::continue_, parser_->get().version()};
        lowest().expires_after(state_->limits.write);
        http::async_write(
            stream_, continue_,
            [self = this->shared_from_this()](beast::error_code write_error, std::size_t) {
                if (write_error) return self->lowest().close();
                self->read_body();
            });
    }

    void read_body() {
        lowest().expires_after(state_->limits.body);
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                             self->on_body(error);
                         });
    }

    void on_body(beast::error_code error) {
        if (error) return on_read_error(error);
        Reply reply = state_->handler.handle(parser_->get(), peer_);
        response_ = std::move(reply.response);
        if (reply.delay.count() == 0) return deliver();
        delay_.expires_after(reply.delay);
        delay_.async_wait(
            [self = this->shared_from_this()](beast::error_code) { self->deliver(); });
    }

    void on_read_error(beast::error_code error) {
        const auto& http_errors = make_error_code(http::error::bad_target).category();
        if (error == http::error::body_limit)
            return answer_and_close(RequestHandler::too_large(parser_->get()));
        if (error == http::error::header_limit)
            return answer_and_close(error_response(http::status::request_header_fields_too_large,
                                                   "request header too large", parser_->get()));
        const bool client_left =
            error == http::error::end_of_stream || error == http::error::partial_message;
        if (error.category() == http_errors && !client_left)
            return answer_and_close(error_response(http::status::bad_request,
                                                   "malformed HTTP request: " + error.message(),
                                                   parser_->get()));
        if (error == beast::error::timeout)
            log()->info("connection from {} timed out", peer_.address);
        else if (!client_left && error != net::error::operation_aborted)
            log()->debug("connection from {} ended: {}", peer_.address, error.message());
        lowest().close();
    }

    void deliver() {
        if (!response_) {
            log()->info("fault: closing the connection from {} without an answer", peer_.address);
            lowest().close();
            return;
        }
        if (state_->stopping) response_->keep_alive(false);
        write();
    }

    /// Answers a request that was not read to its end; the connection cannot go on.
    void answer_and_close(Response response) {
        response_ = std::move(response);
        response_->keep_alive(false);
        drain_after_write_ = true;
        write();
    }

    void write() {
        lowest().expires_after(state_->limits.write);
        http::async_write(stream_, *response_,
                          [self = this->shared_from_this()](beast::error_code error, std::size_t) {
                              self->on_write(error);
                          });
    }

    void on_write(beast::error_code error) {
        if (error) {
            log()->debug("answer to {} not sent: {}", peer_.address, error.message());
            return lowest().close();
        }
        const bool keep_alive = response_->keep_alive();
        response_.reset();
        if (drain_after_write_) return drain();
        if (keep_alive) return read_header();
        shut_down();
    }

    void drain() {
        phase_ = Phase::closing;
        buffer_.clear();
        lowest().expires_after(state_->limits.body);
        drain_some();
    }

    void drain_some() {
        stream_.async_read_some(
            buffer_.prepare(64 * 1024),
            [self = this->shared_from_this()](beast::error_code error, std::size_t bytes) {
                self->drained_ += bytes;
                if (error || self->drained_ > kMaxDrainBytes) return self->lowest().close();
                self->drain_some();
            });
    }

    void shut_down() {
        phase_ = Phase::closing;
        if constexpr (kTls) {
            lowest().expires_after(state_->limits.tls_shutdown);
            stream_.async_shutdown(
                [self = this->shared_from_this()](beast::error_code) { self->lowest().close(); });
        } else {
            beast::error_code ignored;
            lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
            lowest().close();
        }
    }

    Stream stream_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    http::response<http::empty_body> continue_;
    std::optional<Response> response_;
    net::steady_timer delay_;
    std::shared_ptr<detail::ServerState> state_;
    Peer peer_;
    Phase phase_ = Phase::idle;
    bool drain_after_write_ = false;
    std::size_t drained_ = 0;
};

template <class Stream>
void start_session(Stream stream, std::string address,
                   const std::shared_ptr<detail::ServerState>& state) {
    auto session = std::make_shared<Session<Stream>>(std::move(stream), std::move(address), state);
    state->connections.push_back(session);
    session->start();
}

void serve(tcp::socket socket, const std::shared_ptr<detail::ServerState>& state) {
    beast::error_code error;
    std::string address = endpoint_text(socket.remote_endpoint(error));
    if (error) return;  // gone already
    if (state->live_connections() >= state->limits.connections) {
        log()->warn("{} connections open already: closing the one from {}",
                    state->limits.connections, address);
        return;
    }
    if (state->tls != nullptr)
        start_session(beast::ssl_stream<beast::tcp_stream>(std::move(socket), *state->tls),
                      std::move(address), state);
    else
        start_session(beast::tcp_stream(std::move(socket)), std::move(address), state);
}

}  // namespace

std::string endpoint_text(const tcp::endpoint& endpoint) {
    const auto address = endpoint.address();
    const std::string host =
        address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
    return host + ":" + std::to_string(endpoint.port());
}

core::Result<std::unique_ptr<Server>> Server::listen(net::io_context& io,
                                                     const tcp::endpoint& endpoint,
                                                     net::ssl::context* tls,
                                                     RequestHandler& handler,
                                                     ConnectionLimits limits) {
    tcp::acceptor acceptor(io);
    beast::error_code error;
    const auto fail = [&] {
        return core::Error{"cannot listen on " + endpoint_text(endpoint) + ": " + error.message()};
    };
    if (acceptor.open(endpoint.protocol(), error); error) return fail();
    if (acceptor.set_option(net::socket_base::reuse_address(true), error); error) return fail();
    if (acceptor.bind(endpoint, error); error) return fail();
    if (acceptor.listen(net::socket_base::max_listen_connections, error); error) return fail();
    auto state =
        std::make_shared<detail::ServerState>(detail::ServerState{handler, tls, limits, false, {}});
    return std::unique_ptr<Server>(new Server(io, std::move(acceptor), std::move(state)));
}

Server::Server(net::io_context& io, tcp::acceptor acceptor,
               std::shared_ptr<detail::ServerState> state)
    : acceptor_(std::move(acceptor)), accept_pause_(io), state_(std::move(state)) {}

Server::~Server() = default;

tcp::endpoint Server::local_endpoint() const {
    beast::error_code ignored;
    return acceptor_.local_endpoint(ignored);
}

void Server::start() { accept(); }

void Server::accept() {
    acceptor_.async_accept([this](beast::error_code error, tcp::socket socket) {
        if (error == net::error::operation_aborted || state_->stopping) return;
        if (error) {
            // Out of file descriptors, say: pause rather than spin.
            log()->warn("accepting a connection failed: {}", error.message());
            accept_pause_.expires_after(std::chrono::milliseconds(100));
            accept_pause_.async_wait([this](beast::error_code wait_error) {
                if (!wait_error && !state_->stopping) accept();
            });
            return;
        }
        serve(std::move(socket), state_);
        accept();
    });
}

void Server::stop() {
    state_->stopping = true;
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_pause_.cancel();
    for (const auto& connection : state_->connections) {
        if (const auto live = connection.lock()) live->stop_if_idle();
    }
}

}  // namespace anpr::receiver
