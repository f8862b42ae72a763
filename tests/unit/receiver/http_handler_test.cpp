#include "receiver/http_handler.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sample_hitlist.hpp"
#include "sample_record.hpp"
#include "temp_dir.hpp"

namespace anpr::receiver {
namespace {

namespace http = boost::beast::http;
using nlohmann::json;
using testing::hitlist_text;
using testing::sample_hit;
using testing::sample_record;
using testing::sample_record_2;

const Peer kPeer{"127.0.0.1:5555", "unit-0001"};

Request request(http::verb method, const std::string& target, const std::string& body = "",
                const std::string& content_type = "application/json") {
    Request made{method, target, 11};
    if (!content_type.empty()) made.set(http::field::content_type, content_type);
    made.body() = body;
    made.prepare_payload();
    return made;
}

Request batch(const std::vector<json>& records) {
    return request(http::verb::post, "/v1/reads", json{{"records", records}}.dump());
}

json body_of(const Response& response) { return json::parse(response.body()); }

class ReceiverHttpHandlerTest : public ::testing::Test {
  protected:
    void SetUp() override {
        auto registry = SchemaRegistry::load("docs");
        ASSERT_TRUE(registry.ok()) << registry.error().message;
        schemas_.emplace(std::move(registry).value());
        auto store = RecordStore::open(dir_.path() / "reads.db");
        ASSERT_TRUE(store.ok()) << store.error().message;
        store_.emplace(std::move(store).value());
    }

    /// The handler's answer; fails the test when it closes without one.
    Response answer(const Request& sent) {
        auto reply = handler().handle(sent, kPeer);
        EXPECT_TRUE(reply.response.has_value());
        return reply.response ? std::move(*reply.response) : Response{};
    }

    RequestHandler handler() { return RequestHandler(*schemas_, *store_, faults_, hitlists_); }

    /// Serves hit lists from a folder holding full.hitlist at version 42 and
    /// delta-41.hitlist; returns the folder.
    std::filesystem::path serve_hitlists() {
        std::filesystem::create_directory(dir_.path() / "hitlists");
        dir_.write("hitlists/full.hitlist", hitlist_text(42));
        dir_.write("hitlists/delta-41.hitlist", hitlist_text(42, 41));
        hitlists_.emplace(dir_.path() / "hitlists");
        return hitlists_->folder();
    }

    Response get_hitlist(const std::string& query) {
        return answer(request(http::verb::get, "/v1/hitlist" + query, "", ""));
    }

    void schedule(const std::string& spec) {
        faults_ = FaultSchedule({parse_fault_spec(spec).value()}, 0, 1);
    }

    Counters counters() { return store_->counters().value(); }

    anpr::testing::TempDir dir_;
    std::optional<SchemaRegistry> schemas_;
    std::optional<RecordStore> store_;
    FaultSchedule faults_;
    std::optional<HitlistFolder> hitlists_;
};

TEST_F(ReceiverHttpHandlerTest, Health) {
    const auto response = answer(request(http::verb::get, "/v1/health", "", ""));
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(response[http::field::content_type], "application/json");
    EXPECT_EQ(body_of(response), json({{"status", "ok"}}));
    EXPECT_EQ(answer(request(http::verb::get, "/v1/health?probe=1", "", "")).result(),
              http::status::ok);
}

TEST_F(ReceiverHttpHandlerTest, OtherPathsAreNotFound) {
    for (const auto* target : {"/", "/v1", "/v1/reads/1", "/v2/reads", "/v1/health/x"}) {
        const auto response = answer(request(http::verb::post, target, "{}"));
        EXPECT_EQ(response.result(), http::status::not_found) << target;
        EXPECT_TRUE(body_of(response).contains("error")) << target;
    }
}

TEST_F(ReceiverHttpHandlerTest, OtherMethodsAreNotAllowed) {
    for (const auto method : {http::verb::get, http::verb::put, http::verb::delete_}) {
        const auto response = answer(request(method, "/v1/reads"));
        EXPECT_EQ(response.result(), http::status::method_not_allowed);
        EXPECT_EQ(response[http::field::allow], "POST");
    }
    const auto health = answer(request(http::verb::post, "/v1/health"));
    EXPECT_EQ(health.result(), http::status::method_not_allowed);
    EXPECT_EQ(health[http::field::allow], "GET");
}

TEST_F(ReceiverHttpHandlerTest, MalformedBatchesAreBadRequests) {
    const auto expect_400 = [&](const std::string& body, const std::string& error) {
        const auto response = answer(request(http::verb::post, "/v1/reads", body));
        EXPECT_EQ(response.result(), http::status::bad_request) << body;
        EXPECT_NE(body_of(response).value("error", "").find(error), std::string::npos)
            << body << " -> " << response.body();
    };
    expect_400("", "body is not JSON");
    expect_400("{\"records\": [", "body is not JSON");
    const auto unterminated =
        answer(request(http::verb::post, "/v1/reads", "\"" + std::string(1'000'000, 'a')));
    EXPECT_LT(unterminated.body().size(), 500u);
    expect_400("[]", "body has no \"records\" array");
    expect_400("{}", "body has no \"records\" array");
    expect_400("{\"records\": {}}", "body has no \"records\" array");
    expect_400("{\"records\": []}", "a batch holds 1 to 1000 records, this one 0");
    EXPECT_EQ(counters().batches, 0);
}

TEST_F(ReceiverHttpHandlerTest, MoreThanAThousandRecordsIsABadRequest) {
    const auto response = answer(batch(std::vector<json>(1001, sample_record())));
    EXPECT_EQ(response.result(), http::status::bad_request);
    EXPECT_EQ(body_of(response)["error"], "a batch holds 1 to 1000 records, this one 1001");
    EXPECT_EQ(counters().batches, 0);
}

TEST_F(ReceiverHttpHandlerTest, DeeplyNestedBodiesDoNotOverflowTheStack) {
    const std::size_t depth = 1'000'000;
    const std::string nested = std::string(depth, '[') + std::string(depth, ']');
    const auto response =
        answer(request(http::verb::post, "/v1/reads", R"({"records": [)" + nested + "]}"));
    ASSERT_EQ(response.result(), http::status::ok);
    EXPECT_EQ(body_of(response)["results"][0]["reason"], "(root): expected type object, got array");
    EXPECT_EQ(answer(request(http::verb::post, "/v1/reads", std::string(depth, '['))).result(),
              http::status::bad_request);
}

TEST_F(ReceiverHttpHandlerTest, ContentTypeMustBeJson) {
    const std::string body = json{{"records", json::array({sample_record()})}}.dump();
    const auto form =
        answer(request(http::verb::post, "/v1/reads", body, "application/x-www-form-urlencoded"));
    EXPECT_EQ(form.result(), http::status::unsupported_media_type);
    EXPECT_EQ(answer(request(http::verb::post, "/v1/reads", body, "")).result(),
              http::status::unsupported_media_type);
    EXPECT_EQ(
        answer(request(http::verb::post, "/v1/reads", body, "Application/JSON; charset=utf-8"))
            .result(),
        http::status::ok);
}

TEST_F(ReceiverHttpHandlerTest, TooLargeAnswers413AndEndsTheConnection) {
    const auto response = RequestHandler::too_large(request(http::verb::post, "/v1/reads"));
    EXPECT_EQ(response.result(), http::status::payload_too_large);
    EXPECT_FALSE(response.keep_alive());
    EXPECT_EQ(body_of(response)["error"], "body larger than 16777216 bytes");
}

TEST_F(ReceiverHttpHandlerTest, OneResultPerRecordInTheOrderSent) {
    json broken = sample_record(2);
    broken["text"] = "lower";
    json no_id = sample_record(4);
    no_id.erase("id");
    const auto response = answer(batch({sample_record(1), broken, sample_record(3), 17, no_id}));
    ASSERT_EQ(response.result(), http::status::ok) << response.body();
    EXPECT_EQ(response[http::field::content_type], "application/json");
    const json expected = {{"results",
                            {{{"id", "unit-0001/1"}, {"status", "stored"}},
                             {{"id", "unit-0001/2"},
                              {"status", "rejected"},
                              {"reason", "/text: does not match pattern ^[A-Z0-9]{1,16}$"}},
                             {{"id", "unit-0001/3"}, {"status", "stored"}},
                             {{"id", nullptr},
                              {"status", "rejected"},
                              {"reason", "(root): expected type object, got number"}},
                             {{"id", nullptr},
                              {"status", "rejected"},
                              {"reason", "/id: required property is missing"}}}}};
    EXPECT_EQ(body_of(response), expected);
    // As sent: id, status, then reason.
    EXPECT_NE(response.body().find(R"({"id":"unit-0001/2","status":"rejected","reason":)"),
              std::string::npos);
    const auto counted = counters();
    EXPECT_EQ(counted.batches, 1);
    EXPECT_EQ(counted.stored, 2);
    EXPECT_EQ(counted.rejected, 3);
}

TEST_F(ReceiverHttpHandlerTest, ResentRecordsAreDuplicates) {
    ASSERT_EQ(answer(batch({sample_record(1)})).result(), http::status::ok);
    const auto again = answer(batch({sample_record(1), sample_record(2)}));
    EXPECT_EQ(body_of(again)["results"][0]["status"], "duplicate");
    EXPECT_FALSE(body_of(again)["results"][0].contains("reason"));
    EXPECT_EQ(body_of(again)["results"][1]["status"], "stored");
    EXPECT_EQ(counters().duplicates, 1);
}

TEST_F(ReceiverHttpHandlerTest, KeepAliveFollowsTheRequest) {
    auto sent = request(http::verb::get, "/v1/health", "", "");
    EXPECT_TRUE(answer(sent).keep_alive());
    sent.keep_alive(false);
    EXPECT_FALSE(answer(sent).keep_alive());
}

TEST_F(ReceiverHttpHandlerTest, StatusFaultAnswersWithoutStoring) {
    schedule("status:503");
    const auto response = answer(batch({sample_record(1)}));
    EXPECT_EQ(response.result_int(), 503u);
    EXPECT_EQ(response[http::field::retry_after], "1");
    EXPECT_EQ(body_of(response), json({{"error", "fault injected"}}));
    EXPECT_EQ(counters().batches, 0);
    // The fault is spent: the resend is stored.
    EXPECT_EQ(body_of(answer(batch({sample_record(1)})))["results"][0]["status"], "stored");
}

TEST_F(ReceiverHttpHandlerTest, RetryAfterOnlyFor429And503) {
    schedule("status:500");
    const auto response = answer(batch({sample_record(1)}));
    EXPECT_EQ(response.result_int(), 500u);
    EXPECT_EQ(response.count(http::field::retry_after), 0u);
}

TEST_F(ReceiverHttpHandlerTest, FaultsApplyToPostReadsOnly) {
    schedule("status:500");
    EXPECT_EQ(answer(request(http::verb::get, "/v1/health", "", "")).result(), http::status::ok);
    EXPECT_EQ(answer(request(http::verb::get, "/v1/reads")).result(),
              http::status::method_not_allowed);
    EXPECT_EQ(answer(batch({sample_record(1)})).result_int(), 500u);
}

TEST_F(ReceiverHttpHandlerTest, DropBeforeClosesWithoutStoring) {
    schedule("drop-before");
    const auto reply = handler().handle(batch({sample_record(1)}), kPeer);
    EXPECT_FALSE(reply.response.has_value());
    EXPECT_EQ(counters().batches, 0);
}

TEST_F(ReceiverHttpHandlerTest, DropAfterStoresThenClosesAndTheResendIsADuplicate) {
    schedule("drop-after");
    const auto reply = handler().handle(batch({sample_record(1)}), kPeer);
    EXPECT_FALSE(reply.response.has_value());
    EXPECT_EQ(counters().stored, 1);
    EXPECT_EQ(body_of(answer(batch({sample_record(1)})))["results"][0]["status"], "duplicate");
}

TEST_F(ReceiverHttpHandlerTest, SlowStoresAndAsksForADelay) {
    schedule("slow:1500");
    const auto reply = handler().handle(batch({sample_record(1)}), kPeer);
    ASSERT_TRUE(reply.response.has_value());
    EXPECT_EQ(reply.delay, std::chrono::milliseconds(1500));
    EXPECT_EQ(reply.response->result(), http::status::ok);
    EXPECT_EQ(counters().stored, 1);
}

TEST_F(ReceiverHttpHandlerTest, RecordsWithHitsAreCountedAsAlerts) {
    json alert = sample_record_2(1);
    alert["hits"] = {sample_hit()};
    const auto response = answer(batch({alert, sample_record_2(2)}));
    ASSERT_EQ(response.result(), http::status::ok) << response.body();
    EXPECT_EQ(body_of(response)["results"][0]["status"], "stored") << response.body();
    EXPECT_EQ(counters().alerts, 1);
    EXPECT_EQ(body_of(answer(batch({alert})))["results"][0]["status"], "duplicate");
    EXPECT_EQ(counters().alerts, 1);
}

TEST_F(ReceiverHttpHandlerTest, HitlistDeltaWhenTheUnitHoldsItsBase) {
    serve_hitlists();
    const auto response = get_hitlist("?have=41");
    ASSERT_EQ(response.result(), http::status::ok) << response.body();
    EXPECT_EQ(response.body(), hitlist_text(42, 41));
    EXPECT_EQ(response[http::field::content_type], "application/vnd.anpr.hitlist");
    EXPECT_EQ(response["X-Hitlist-Version"], "42");
    EXPECT_EQ(response[http::field::content_length], std::to_string(response.body().size()));
    EXPECT_TRUE(response.keep_alive());
}

TEST_F(ReceiverHttpHandlerTest, HitlistFullWhenNewerThanTheUnitsAndNoDelta) {
    serve_hitlists();
    for (const auto* query : {"", "?have=0", "?have=40", "?other=1&have=7", "?have=007"}) {
        const auto response = get_hitlist(query);
        ASSERT_EQ(response.result(), http::status::ok) << query;
        EXPECT_EQ(response.body(), hitlist_text(42)) << query;
        EXPECT_EQ(response["X-Hitlist-Version"], "42") << query;
    }
}

TEST_F(ReceiverHttpHandlerTest, HitlistNotModifiedWhenUpToDate) {
    const auto folder = serve_hitlists();
    for (const auto* query : {"?have=42", "?have=43"}) {
        const auto response = get_hitlist(query);
        EXPECT_EQ(response.result(), http::status::not_modified) << query;
        EXPECT_EQ(response.body(), "") << query;
        EXPECT_EQ(response.count(http::field::content_type), 0u) << query;
        EXPECT_EQ(response.count("X-Hitlist-Version"), 0u) << query;
    }
    std::filesystem::remove(folder / "full.hitlist");
    EXPECT_EQ(get_hitlist("?have=0").result(), http::status::not_modified) << "no list at all";
}

TEST_F(ReceiverHttpHandlerTest, HitlistBadHaveIsABadRequestNamingIt) {
    serve_hitlists();
    for (const std::string have :
         {"x", "-1", "+1", "", "4 2", "0x1", "1.0", "99999999999999999999999", "\xff"}) {
        const auto response = get_hitlist("?have=" + have);
        EXPECT_EQ(response.result(), http::status::bad_request) << have;
        EXPECT_TRUE(body_of(response)["error"].get<std::string>().starts_with(
            "query parameter \"have\" must be a whole number"))
            << have << " -> " << response.body();
    }
    EXPECT_EQ(body_of(get_hitlist("?have=-1"))["error"],
              "query parameter \"have\" must be a whole number from 0 to 18446744073709551615, "
              "not \"-1\"");
    EXPECT_EQ(get_hitlist("?have").result(), http::status::bad_request);
    EXPECT_EQ(get_hitlist("?have=18446744073709551615").result(), http::status::not_modified);
}

TEST_F(ReceiverHttpHandlerTest, HitlistNotFoundWhenNoneAreServed) {
    const auto response = get_hitlist("?have=0");
    EXPECT_EQ(response.result(), http::status::not_found);
    EXPECT_EQ(body_of(response), json({{"error", "no hit lists served"}}));
}

TEST_F(ReceiverHttpHandlerTest, HitlistOnlyTakesGet) {
    serve_hitlists();
    for (const auto method : {http::verb::post, http::verb::put, http::verb::head}) {
        const auto response = answer(request(method, "/v1/hitlist?have=0"));
        EXPECT_EQ(response.result(), http::status::method_not_allowed);
        EXPECT_EQ(response[http::field::allow], "GET");
    }
}

TEST_F(ReceiverHttpHandlerTest, HitlistWithAGarbledHeaderIsAServerErrorNamingTheFile) {
    const auto folder = serve_hitlists();
    dir_.write("hitlists/full.hitlist", "{\"version\": 4\n{}\n");
    const auto response = get_hitlist("?have=0");
    EXPECT_EQ(response.result(), http::status::internal_server_error);
    EXPECT_EQ(body_of(response)["error"], "hit list '" + (folder / "full.hitlist").string() +
                                              "': its first line is not a JSON object");
    EXPECT_EQ(get_hitlist("?have=41").result(), http::status::ok) << "the delta is still good";
}

TEST_F(ReceiverHttpHandlerTest, FaultsDoNotApplyToHitlists) {
    serve_hitlists();
    schedule("status:500");
    EXPECT_EQ(get_hitlist("?have=0").result(), http::status::ok);
    EXPECT_EQ(answer(batch({sample_record(1)})).result_int(), 500u);
}

}  // namespace
}  // namespace anpr::receiver
