#pragma once
/// The receiver's network side: accepts connections, speaks HTTP/1.1 over
/// TLS (or plain TCP for one test), and passes each whole request to the
/// RequestHandler.
///
/// Everything runs on one thread, the one running the io_context: the handler,
/// its store and its fault schedule are then used one request at a time
/// without locks. Connections are asynchronous, so a slow or idle one holds
/// no one else up; a batch is parsed, checked and committed on that thread.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "receiver/http_handler.hpp"

namespace anpr::receiver {

/// Limits that keep a hostile or broken client from holding the receiver.
struct ConnectionLimits {
    std::chrono::seconds handshake{30};
    /// Waiting for the next request on a kept-alive connection, and reading
    /// its header.
    std::chrono::seconds idle{60};
    std::chrono::seconds body{120};  ///< reading a body, up to 16 MiB
    std::chrono::seconds write{60};
    std::chrono::seconds tls_shutdown{5};  ///< waiting for the client's close_notify
    std::size_t header_bytes = 16 * 1024;
    std::size_t connections = 256;  ///< more are closed as soon as accepted
};

/// "127.0.0.1:5555", "[::1]:5555".
std::string endpoint_text(const boost::asio::ip::tcp::endpoint& endpoint);

namespace detail {
struct ServerState;
}  // namespace detail

class Server {
  public:
    /// Binds and listens at `endpoint` (port 0: any free one). `tls` null:
    /// plain HTTP. `tls` and `handler` must outlive the server and the
    /// io_context's run.
    static core::Result<std::unique_ptr<Server>> listen(
        boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint,
        boost::asio::ssl::context* tls, RequestHandler& handler, ConnectionLimits limits = {});
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    /// Where it listens, with the port picked for port 0.
    boost::asio::ip::tcp::endpoint local_endpoint() const;

    /// Starts accepting connections; they are served while the io_context runs.
    void start();

    /// Stops accepting and closes idle connections; a request already being
    /// read or answered is finished and answered, then its connection closed.
    /// The io_context's run returns when the last connection has closed.
    void stop();

  private:
    Server(boost::asio::io_context& io, boost::asio::ip::tcp::acceptor acceptor,
           std::shared_ptr<detail::ServerState> state);
    void accept();

    boost::asio::ip::tcp::acceptor acceptor_;
    boost::asio::steady_timer accept_pause_;
    std::shared_ptr<detail::ServerState> state_;
};

}  // namespace anpr::receiver
