#include <gtest/gtest.h>

#include "core/edit_distance.hpp"
#include "core/geometry.hpp"
#include "core/result.hpp"
#include "core/statistics.hpp"

namespace anpr::core {
namespace {

TEST(GeometryTest, IntersectionOverUnion) {
    EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {0, 0, 10, 10}), 1.0);
    EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {5, 0, 10, 10}), 50.0 / 150.0);
    EXPECT_DOUBLE_EQ(iou({0, 0, 10, 10}, {20, 20, 5, 5}), 0.0);
    EXPECT_DOUBLE_EQ(iou({}, {}), 0.0);
}

TEST(GeometryTest, OverlapOfTheSmallerBox) {
    EXPECT_DOUBLE_EQ(overlap_of_smaller({0, 0, 100, 100}, {10, 10, 5, 5}), 1.0);
    EXPECT_DOUBLE_EQ(overlap_of_smaller({0, 0, 10, 10}, {5, 0, 10, 10}), 0.5);
    EXPECT_DOUBLE_EQ(overlap_of_smaller({0, 0, 10, 10}, {}), 0.0);
}

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(core::edit_distance("1ABC123", "1ABC123"), 0u);
    EXPECT_EQ(core::edit_distance("1ABC123", "1A8C123"), 1u);
    EXPECT_EQ(core::edit_distance("1ABC123", "ABC123"), 1u);
    EXPECT_EQ(core::edit_distance("", "ABC"), 3u);
    EXPECT_EQ(core::edit_distance("min_confidense", "min_confidence"), 1u);
}

TEST(EditDistanceTest, EditsToPartOfAText) {
    EXPECT_EQ(core::edits_to_part_of("Q507", "2GSQ507"), 0u);
    EXPECT_EQ(core::edits_to_part_of("QSO7", "2GSQ507"), 2u);  // Q507 with S for 5, O for 0
    EXPECT_EQ(core::edits_to_part_of("", "2GSQ507"), 0u);
    EXPECT_EQ(core::edits_to_part_of("XYZ", "2GSQ507"), 3u);
    EXPECT_EQ(core::edits_to_part_of("2GSQ507", "2GSQ507"), 0u);
}

TEST(StatisticsTest, NearestRankPercentile) {
    EXPECT_DOUBLE_EQ(percentile({}, 0.5), 0.0);
    EXPECT_DOUBLE_EQ(percentile({3, 1, 2}, 0.5), 2.0);
    EXPECT_DOUBLE_EQ(percentile({1, 2, 3, 4}, 0.5), 2.0);
    EXPECT_DOUBLE_EQ(percentile({1, 2, 3, 4}, 0.95), 4.0);
    EXPECT_DOUBLE_EQ(percentile({7}, 0.01), 7.0);
}

TEST(ResultTest, HoldsAValueOrAnError) {
    Result<int> good = 4;
    ASSERT_TRUE(good.ok());
    EXPECT_EQ(good.value(), 4);
    Result<int> bad = Error{"broken"};
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().message, "broken");
    EXPECT_THROW(static_cast<void>(bad.value()), std::logic_error);
}

}  // namespace
}  // namespace anpr::core
