#include "uplink/uplink_client.hpp"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "uplink/network_session.hpp"
#include "uplink/transfer_error.hpp"

namespace anpr::uplink {
namespace {

// An answer bigger than this is not a receiver's: the transfer is cut.
constexpr std::size_t kMaxAnswerBytes = 1 << 20;

struct Answer {
    std::string body;
    std::optional<double> retry_after_s;
};

std::size_t keep_body(char* data, std::size_t size, std::size_t count, void* answer) {
    auto& body = static_cast<Answer*>(answer)->body;
    if (body.size() + size * count > kMaxAnswerBytes) return 0;  // curl ends the transfer
    body.append(data, size * count);
    return size * count;
}

std::size_t keep_retry_after(char* data, std::size_t size, std::size_t count, void* answer) {
    const std::string_view line(data, size * count);
    constexpr std::string_view kName = "retry-after:";
    if (line.size() > kName.size()) {
        std::string name(line.substr(0, kName.size()));
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (name == kName) {
            const std::string value(line.substr(kName.size()));
            char* end = nullptr;
            const double seconds = std::strtod(value.c_str(), &end);
            if (end != value.c_str() && seconds >= 0) {
                static_cast<Answer*>(answer)->retry_after_s = seconds;
            }
        }
    }
    return size * count;
}

std::string batch_body(const std::vector<QueuedRecord>& batch) {
    std::string body = R"({"records":[)";
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (i > 0) body += ',';
        body += batch[i].body;
    }
    return body + "]}";
}

std::string answer_error(long status, const std::string& body) {
    std::string text = "the receiver answered HTTP " + std::to_string(status);
    try {
        const auto json = nlohmann::json::parse(body);
        if (json.contains("error") && json["error"].is_string()) {
            text += ": " + json["error"].get<std::string>();
        }
    } catch (const nlohmann::json::exception&) {
        // An answer without a JSON error says nothing more than its status.
    }
    return text;
}

}  // namespace

std::optional<std::vector<std::optional<RecordAck>>> parse_acks(
    const std::string& body, const std::vector<QueuedRecord>& batch) {
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(body);
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
    if (!json.is_object() || !json.contains("results") || !json["results"].is_array()) {
        return std::nullopt;
    }
    std::vector<std::optional<RecordAck>> acks(batch.size());
    const auto& results = json["results"];
    for (std::size_t i = 0; i < batch.size() && i < results.size(); ++i) {
        const auto& result = results[i];
        if (!result.is_object() || result.value("id", nlohmann::json()) != batch[i].id) continue;
        const auto status = result.value("status", std::string());
        if (status == "stored") {
            acks[i] = RecordAck{RecordAck::Status::stored, {}};
        } else if (status == "duplicate") {
            acks[i] = RecordAck{RecordAck::Status::duplicate, {}};
        } else if (status == "rejected") {
            const auto reason = result.value("reason", std::string("no reason given"));
            acks[i] = RecordAck{RecordAck::Status::rejected, reason};
        }
    }
    return acks;
}

core::Result<UplinkClient> UplinkClient::create(const config::UplinkConfig& config,
                                                const std::string& user_agent) {
    auto session = network_session(config, config.url, user_agent);
    if (!session) return session.error();
    CURL* easy = session.value().release();
    UplinkClient client(easy);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, keep_body);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, keep_retry_after);
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
    // Send the body at once rather than wait for "100 Continue".
    headers = curl_slist_append(headers, "Expect:");
    client.headers_.reset(headers);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    return client;
}

SendOutcome UplinkClient::send(const std::vector<QueuedRecord>& batch) {
    CURL* easy = easy_.get();
    const std::string body = batch_body(batch);
    Answer answer;
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &answer);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &answer);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, detail);
    const CURLcode code = curl_easy_perform(easy);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, nullptr);

    SendOutcome outcome;
    if (code != CURLE_OK) {
        outcome.error = describe_transfer_error(code, detail);
        return outcome;
    }
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &outcome.http_status);
    const long status = outcome.http_status;
    outcome.retry_after_s = answer.retry_after_s;
    if (status >= 200 && status < 300) {
        outcome.kind = SendOutcome::Kind::delivered;
        if (auto acks = parse_acks(answer.body, batch)) {
            outcome.acks = std::move(*acks);
        } else {
            // A 2xx answer takes the records over, even when it says no more.
            outcome.acks.assign(batch.size(), RecordAck{RecordAck::Status::stored, {}});
            outcome.error = "HTTP " + std::to_string(status) +
                            " without per-record results: taken as delivered";
        }
        return outcome;
    }
    outcome.error = answer_error(status, answer.body);
    const bool final_refusal = status >= 400 && status < 500 && status != 408 && status != 429;
    outcome.kind = final_refusal ? SendOutcome::Kind::refused : SendOutcome::Kind::retry;
    return outcome;
}

}  // namespace anpr::uplink
