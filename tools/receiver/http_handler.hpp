#pragma once
/// The receiver's HTTP API as a function of the request: routing, batch
/// checks, storing, per-record results, injected faults and serving hit
/// lists, with no sockets, so that every answer can be tested directly.
/// docs/uplink-api.yaml is the contract.

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>

#include "receiver/faults.hpp"
#include "receiver/hitlist_folder.hpp"
#include "receiver/record_store.hpp"
#include "receiver/schema_registry.hpp"

namespace anpr::receiver {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

/// Who sent a request, for the logs.
struct Peer {
    std::string address;  ///< "127.0.0.1:5555"
    std::string client;   ///< the verified client certificate's CN; "" over plain HTTP
};

/// What the connection does with a request's outcome.
struct Reply {
    /// The answer; nullopt: close the connection without answering (a drop fault).
    std::optional<Response> response;
    /// Wait this long before answering (a slow fault).
    std::chrono::milliseconds delay{0};
};

/// {"error": message} with `status`, ready to send.
Response error_response(boost::beast::http::status status, const std::string& message,
                        const Request& request);

class RequestHandler {
  public:
    static constexpr std::size_t kMaxBodyBytes = 16 * 1024 * 1024;
    static constexpr std::size_t kMaxRecords = 1000;

    /// Keeps references: all three must outlive the handler. Use it from
    /// one thread at a time. `hitlists`: where GET /v1/hitlist finds the
    /// lists; nullopt: none are served (404).
    RequestHandler(const SchemaRegistry& schemas, RecordStore& store, FaultSchedule& faults,
                   std::optional<HitlistFolder> hitlists = std::nullopt)
        : schemas_(schemas), store_(store), faults_(faults), hitlists_(std::move(hitlists)) {}

    /// The outcome of a whole request (its body at most kMaxBodyBytes).
    Reply handle(const Request& request, const Peer& peer);

    /// The answer to a request whose body is over kMaxBodyBytes, which the
    /// server stops reading at its header or at the limit.
    static Response too_large(const Request& request);

  private:
    Reply post_reads(const Request& request, const Peer& peer);
    Response store_batch(const Request& request, const Peer& peer);
    Response get_hitlist(const Request& request, const Peer& peer) const;

    const SchemaRegistry& schemas_;
    RecordStore& store_;
    FaultSchedule& faults_;
    std::optional<HitlistFolder> hitlists_;
};

}  // namespace anpr::receiver
