#include "hitlist/purpose_policy.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace anpr::hitlist {
namespace {

bool enables(const PurposePolicy& policy, Category category) {
    return std::find(policy.match.categories.begin(), policy.match.categories.end(), category) !=
           policy.match.categories.end();
}

TEST(PurposePolicyTest, TrafficSafetyOnlyMatchesItsCategoriesAndUploadsHitsOnly) {
    config::AppConfig config;
    config.purpose.purposes = {"traffic_safety"};
    const auto policy = purpose_policy(config);
    EXPECT_TRUE(enables(policy, Category::no_insurance));
    EXPECT_TRUE(enables(policy, Category::low_emission_zone));
    EXPECT_FALSE(enables(policy, Category::stolen_vehicle));
    EXPECT_FALSE(enables(policy, Category::wanted_person));
    EXPECT_FALSE(policy.uploads_passages);
}

TEST(PurposePolicyTest, BothPurposesEnableBothAndUploadWhenEitherDoes) {
    config::AppConfig config;
    config.hitlist.max_substitutions = 2;
    const auto policy = purpose_policy(config);
    for (const Category category : kCategories) EXPECT_TRUE(enables(policy, category));
    EXPECT_TRUE(policy.uploads_passages);
    EXPECT_EQ(policy.match.max_substitutions, 2u);
    EXPECT_EQ(policy.match.categories.size(), kCategories.size()) << "each once";
}

TEST(PurposePolicyTest, NoPurposeMatchesNothingAndUploadsNothing) {
    config::AppConfig config;
    config.purpose.purposes = {};
    const auto policy = purpose_policy(config);
    EXPECT_TRUE(policy.match.categories.empty());
    EXPECT_FALSE(policy.uploads_passages);
}

}  // namespace
}  // namespace anpr::hitlist
