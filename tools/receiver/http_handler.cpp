#include "receiver/http_handler.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

#include "logging/logging.hpp"

namespace anpr::receiver {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;
using nlohmann::ordered_json;

/// An answer with no body yet, with the fields every answer has.
Response bare_response(http::status status, const Request& request) {
    Response response{status, request.version()};
    response.set(http::field::server, "anpr-receiver");
    response.keep_alive(request.keep_alive());
    return response;
}

Response json_response(http::status status, const ordered_json& body, const Request& request) {
    auto response = bare_response(status, request);
    response.set(http::field::content_type, "application/json");
    // Replace, not throw on, bytes that are not UTF-8: messages quote the target.
    response.body() = body.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
    response.prepare_payload();
    return response;
}

Response method_not_allowed(const Request& request, const char* allowed) {
    auto response = error_response(http::status::method_not_allowed,
                                   std::string("use ") + allowed + " here", request);
    response.set(http::field::allow, allowed);
    return response;
}

std::string_view std_view(boost::beast::string_view view) { return {view.data(), view.size()}; }

/// The target without its query string.
std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

/// The value of query parameter `name` in `target` (the first, if repeated);
/// nullopt when absent. Values are taken as sent, without percent-decoding.
std::optional<std::string_view> query_parameter(std::string_view target, std::string_view name) {
    const auto question = target.find('?');
    if (question == std::string_view::npos) return std::nullopt;
    std::string_view query = target.substr(question + 1);
    while (!query.empty()) {
        const auto amp = query.find('&');
        const auto pair = query.substr(0, amp);
        const auto equals = pair.find('=');
        if (pair.substr(0, equals) == name)
            return equals == std::string_view::npos ? "" : pair.substr(equals + 1);
        query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    }
    return std::nullopt;
}

/// ?have=N, the hit list version a unit holds: 0 (none) when absent.
core::Result<std::uint64_t> have_version(std::string_view target) {
    const auto text = query_parameter(target, "have");
    if (!text) return std::uint64_t{0};
    std::uint64_t have = 0;
    const char* end = text->data() + text->size();
    const auto parsed = std::from_chars(text->data(), end, have);
    if (text->empty() || parsed.ec != std::errc{} || parsed.ptr != end)
        return core::Error{"query parameter \"have\" must be a whole number from 0 to " +
                           std::to_string(std::numeric_limits<std::uint64_t>::max()) + ", not \"" +
                           std::string(*text) + "\""};
    return have;
}

/// "application/json", in any case, with or without parameters such as charset.
bool is_json(std::string_view content_type) {
    std::string_view type = content_type.substr(0, content_type.find(';'));
    while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
    constexpr std::string_view kJson = "application/json";
    return std::equal(type.begin(), type.end(), kJson.begin(), kJson.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}

std::string who(const Peer& peer) {
    return peer.client.empty() ? peer.address : "CN=" + peer.client + " (" + peer.address + ")";
}

/// The record's id for its result: null when it has no string id.
ordered_json id_of(const json& record) {
    if (!record.is_object()) return nullptr;
    const auto id = record.find("id");
    if (id == record.end() || !id->is_string()) return nullptr;
    return id->get<std::string>();
}

/// A warning for each hit of each newly stored record, for the people on duty.
void log_alerts(const std::vector<AcceptedRecord>& records,
                const std::vector<StoreOutcome>& outcomes) {
    const auto log = logging::logger("receiver");
    for (std::size_t i = 0; i < records.size(); ++i) {
        if (outcomes[i] != StoreOutcome::stored) continue;
        for (const auto& hit : records[i].hits)
            log->warn("ALERT {}: {} {} (priority {})", records[i].id, hit.plate, hit.category,
                      hit.priority);
    }
}

}  // namespace

Response error_response(http::status status, const std::string& message, const Request& request) {
    return json_response(status, {{"error", message}}, request);
}

Response RequestHandler::too_large(const Request& request) {
    auto response =
        error_response(http::status::payload_too_large,
                       "body larger than " + std::to_string(kMaxBodyBytes) + " bytes", request);
    // The rest of the body is never read, so the connection cannot go on.
    response.keep_alive(false);
    return response;
}

Reply RequestHandler::handle(const Request& request, const Peer& peer) {
    const auto path = path_of(std_view(request.target()));
    if (path == "/v1/reads") {
        if (request.method() != http::verb::post) return {method_not_allowed(request, "POST")};
        return post_reads(request, peer);
    }
    if (path == "/v1/hitlist") {
        if (request.method() != http::verb::get) return {method_not_allowed(request, "GET")};
        return {get_hitlist(request, peer)};
    }
    if (path == "/v1/health") {
        if (request.method() != http::verb::get) return {method_not_allowed(request, "GET")};
        return {json_response(http::status::ok, {{"status", "ok"}}, request)};
    }
    return {
        error_response(http::status::not_found, "no such resource: " + std::string(path), request)};
}

Reply RequestHandler::post_reads(const Request& request, const Peer& peer) {
    const Fault fault = faults_.next();
    if (fault.kind != Fault::Kind::none)
        logging::logger("receiver")
            ->info("fault {} on a request from {}", describe(fault), who(peer));
    switch (fault.kind) {
        case Fault::Kind::none:
            return {store_batch(request, peer)};
        case Fault::Kind::slow:
            return {store_batch(request, peer), fault.delay};
        case Fault::Kind::drop_before:
            return {};
        case Fault::Kind::drop_after:
            store_batch(request, peer);
            return {};
        case Fault::Kind::status:
            break;
    }
    auto response = error_response(http::status::internal_server_error, "fault injected", request);
    response.result(fault.status);
    if (fault.status == 429 || fault.status == 503) response.set(http::field::retry_after, "1");
    return {std::move(response)};
}

Response RequestHandler::store_batch(const Request& request, const Peer& peer) {
    if (!is_json(std_view(request[http::field::content_type])))
        return error_response(http::status::unsupported_media_type,
                              "Content-Type must be application/json", request);
    json body;
    try {
        body = json::parse(request.body());
    } catch (const json::parse_error& e) {
        // The parser quotes the token it stopped in, which can be most of the body.
        constexpr std::size_t kMaxReason = 300;
        std::string reason = e.what();
        if (reason.size() > kMaxReason) reason = reason.substr(0, kMaxReason) + "...";
        return error_response(http::status::bad_request, "body is not JSON: " + reason, request);
    }
    const auto records = body.find("records");  // end() too when body is not an object
    if (records == body.end() || !records->is_array())
        return error_response(http::status::bad_request, "body has no \"records\" array", request);
    if (records->empty() || records->size() > kMaxRecords)
        return error_response(http::status::bad_request,
                              "a batch holds 1 to " + std::to_string(kMaxRecords) +
                                  " records, this one " + std::to_string(records->size()),
                              request);

    std::vector<AcceptedRecord> accepted;
    std::vector<std::optional<std::string>> rejections(records->size());
    for (std::size_t i = 0; i < records->size(); ++i) {
        auto checked = check_record(schemas_, (*records)[i]);
        if (checked)
            accepted.push_back(std::move(checked).value());
        else
            rejections[i] = checked.error().message;
    }
    const std::size_t rejected = records->size() - accepted.size();
    const auto log = logging::logger("receiver");
    const auto outcomes = store_.store_batch(accepted, rejected, std::chrono::system_clock::now());
    if (!outcomes) {
        log->error("batch from {} not stored: {}", who(peer), outcomes.error().message);
        return error_response(http::status::internal_server_error,
                              "cannot store the batch: " + outcomes.error().message, request);
    }
    log_alerts(accepted, outcomes.value());

    ordered_json results = ordered_json::array();
    std::size_t next_outcome = 0;
    std::size_t stored = 0;
    std::string first_rejection;
    for (std::size_t i = 0; i < records->size(); ++i) {
        ordered_json result{{"id", id_of((*records)[i])}};
        if (rejections[i]) {
            result["status"] = "rejected";
            result["reason"] = *rejections[i];
            if (first_rejection.empty())
                first_rejection =
                    "; first rejected: " + result["id"].dump() + ": " + *rejections[i];
        } else {
            const bool is_new = outcomes.value()[next_outcome++] == StoreOutcome::stored;
            stored += is_new ? 1 : 0;
            result["status"] = is_new ? "stored" : "duplicate";
        }
        results.push_back(std::move(result));
    }
    log->info("batch from {}: {} records, {} stored, {} duplicate, {} rejected{}", who(peer),
              records->size(), stored, accepted.size() - stored, rejected, first_rejection);
    return json_response(http::status::ok, {{"results", std::move(results)}}, request);
}

Response RequestHandler::get_hitlist(const Request& request, const Peer& peer) const {
    if (!hitlists_) return error_response(http::status::not_found, "no hit lists served", request);
    const auto have = have_version(std_view(request.target()));
    if (!have) return error_response(http::status::bad_request, have.error().message, request);
    const auto log = logging::logger("receiver");
    auto hitlist = hitlists_->for_unit_holding(have.value());
    if (!hitlist) {
        log->error("hit list for {} (have {}): {}", who(peer), have.value(),
                   hitlist.error().message);
        return error_response(http::status::internal_server_error, hitlist.error().message,
                              request);
    }
    if (!hitlist.value()) {
        log->info("hit list for {}: has version {}, up to date", who(peer), have.value());
        return bare_response(http::status::not_modified, request);  // no body, no length
    }
    Hitlist& served = *hitlist.value();
    log->info("hit list for {}: has version {}, sent {} (version {}, {} bytes)", who(peer),
              have.value(), served.name, served.version, served.bytes.size());
    auto response = bare_response(http::status::ok, request);
    response.set(http::field::content_type, "application/vnd.anpr.hitlist");
    response.set("X-Hitlist-Version", std::to_string(served.version));
    response.body() = std::move(served.bytes);
    response.prepare_payload();
    return response;
}

}  // namespace anpr::receiver
