#include "uplink/uplink_client.hpp"

#include <gtest/gtest.h>

namespace anpr::uplink {
namespace {

const std::vector<QueuedRecord> kBatch{{1, Lane::ordinary, "u/1", "{}"},
                                       {2, Lane::ordinary, "u/2", "{}"},
                                       {3, Lane::ordinary, "u/3", "{}"}};

TEST(ParseAcksTest, ReadsEachRecordsAnswerInOrder) {
    const auto acks = parse_acks(R"({"results":[{"id":"u/1","status":"stored"},
        {"id":"u/2","status":"duplicate"},
        {"id":"u/3","status":"rejected","reason":"/text: bad"}]})",
                                 kBatch);
    ASSERT_TRUE(acks);
    ASSERT_EQ(acks->size(), 3u);
    EXPECT_EQ((*acks)[0]->status, RecordAck::Status::stored);
    EXPECT_EQ((*acks)[1]->status, RecordAck::Status::duplicate);
    EXPECT_EQ((*acks)[2]->status, RecordAck::Status::rejected);
    EXPECT_EQ((*acks)[2]->reason, "/text: bad");
}

TEST(ParseAcksTest, AnswerForAnotherIdOrMissingLeavesTheRecordUnanswered) {
    const auto acks = parse_acks(
        R"({"results":[{"id":"u/9","status":"stored"},{"id":"u/2","status":"weird"}]})", kBatch);
    ASSERT_TRUE(acks);
    EXPECT_FALSE((*acks)[0]);
    EXPECT_FALSE((*acks)[1]);
    EXPECT_FALSE((*acks)[2]);
}

TEST(ParseAcksTest, NoResultsArrayIsNothing) {
    EXPECT_FALSE(parse_acks("", kBatch));
    EXPECT_FALSE(parse_acks("not json", kBatch));
    EXPECT_FALSE(parse_acks(R"({"results":5})", kBatch));
    EXPECT_FALSE(parse_acks("[]", kBatch));
}

TEST(UplinkClientTest, UnreadableCertificateIsAClearError) {
    config::UplinkConfig config;
    config.url = "https://localhost:1/v1/reads";
    config.ca_file = "/nonexistent/ca.pem";
    config.cert_file = "/nonexistent/unit.pem";
    config.key_file = "/nonexistent/unit.key";
    auto client = UplinkClient::create(config, "test");
    ASSERT_FALSE(client.ok());
    EXPECT_NE(client.error().message.find("uplink.ca_file '/nonexistent/ca.pem'"),
              std::string::npos)
        << client.error().message;
}

}  // namespace
}  // namespace anpr::uplink
