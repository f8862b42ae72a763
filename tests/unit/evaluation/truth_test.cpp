#include "evaluation/truth.hpp"

#include <gtest/gtest.h>

namespace anpr::evaluation {
namespace {

TEST(TruthTest, ParsesRowsWithAndWithoutBoxes) {
    auto truth = parse_truth(
        "image,plate_text,x,y,w,h\r\na.jpg,1ABC123,10,20,100,25\nb.jpg,XY12,,,,\n", "t.csv");
    ASSERT_TRUE(truth.ok()) << truth.error().message;
    ASSERT_EQ(truth.value().size(), 2u);
    EXPECT_EQ(truth.value()[0].image, "a.jpg");
    EXPECT_EQ(truth.value()[0].text, "1ABC123");
    EXPECT_EQ(*truth.value()[0].box, cv::Rect(10, 20, 100, 25));
    EXPECT_FALSE(truth.value()[1].box.has_value());
}

struct BadCsv {
    std::string text;
    std::string expected;  // part of the message
};

class TruthErrorTest : public ::testing::TestWithParam<BadCsv> {};

TEST_P(TruthErrorTest, NamesTheLineAndTheProblem) {
    auto truth = parse_truth(GetParam().text, "t.csv");
    ASSERT_FALSE(truth.ok());
    EXPECT_NE(truth.error().message.find(GetParam().expected), std::string::npos)
        << truth.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    BadFiles, TruthErrorTest,
    ::testing::Values(
        BadCsv{"", "empty ground-truth file"},
        BadCsv{"name,text\n", "t.csv:1: expected the header"},
        BadCsv{"image,plate_text,x,y,w,h\na.jpg,AB,1,2,3\n", "t.csv:2: expected 6 fields, found 5"},
        BadCsv{"image,plate_text,x,y,w,h\na.jpg,AB,1,2,x,4\n", "t.csv:2: box value 'x'"},
        BadCsv{"image,plate_text,x,y,w,h\na.jpg,AB,1,2,0,4\n", "t.csv:2: box width and height"},
        BadCsv{"image,plate_text,x,y,w,h\n,AB,1,2,3,4\n", "t.csv:2: empty image name"}));

TEST(TruthTest, MissingFileIsAnErrorNamingIt) {
    auto truth = load_truth("no/such/ground_truth.csv");
    ASSERT_FALSE(truth.ok());
    EXPECT_NE(truth.error().message.find("no/such/ground_truth.csv"), std::string::npos);
}

}  // namespace
}  // namespace anpr::evaluation
