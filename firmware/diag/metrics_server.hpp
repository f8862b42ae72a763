#pragma once
/// Serves the unit's metrics over HTTP on loopback (diag.metrics), at
/// GET /metrics, for the fleet's Prometheus (through its node's own
/// exporter or a tunnel; the page is never served off the unit). One thread;
/// each request has 5 s to arrive; a few connections at once.

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <thread>

#include "core/counter.hpp"
#include "core/result.hpp"

namespace anpr::diag {

class MetricsServer {
  public:
    /// Listens on `listen` ("HOST:PORT", loopback); an Error names an address
    /// that cannot be bound. `page` makes the metrics text at each request.
    static core::Result<std::unique_ptr<MetricsServer>> create(const std::string& listen,
                                                               std::function<std::string()> page);
    ~MetricsServer();
    MetricsServer(const MetricsServer&) = delete;
    MetricsServer& operator=(const MetricsServer&) = delete;

    std::string name() const { return "metrics"; }
    void start();
    void stop();
    void status(std::ostream& out) const;
    std::uint16_t port() const { return port_; }

  private:
    MetricsServer(std::function<std::string()> page) : page_(std::move(page)) {}
    void accept();

    std::function<std::string()> page_;
    boost::asio::io_context io_;
    std::unique_ptr<boost::asio::ip::tcp::acceptor> acceptor_;
    std::uint16_t port_ = 0;
    std::string address_;
    std::thread thread_;
    core::Counter served_;
    core::Counter refused_;
    std::shared_ptr<std::atomic<int>> open_ = std::make_shared<std::atomic<int>>(0);
};

}  // namespace anpr::diag
