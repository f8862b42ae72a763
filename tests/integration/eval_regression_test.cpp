// Guards the reading rate on the real photos of ../shared/data/eval, where
// that folder exists (it is not part of the repository).
#include <gtest/gtest.h>

#include <filesystem>

#include "run_command.hpp"

namespace anpr {
namespace {

const std::filesystem::path kEvalSet = "../shared/data/eval/openalpr-eu-dev";
// Folded exact-match floor, a few points under the figure in docs/benchmarks.md.
constexpr const char* kMinExactPercent = "65";

TEST(EvalRegressionTest, OpenAlprEuKeepsItsReadingRate) {
    if (!std::filesystem::exists(kEvalSet / "ground_truth.csv")) {
        GTEST_SKIP() << kEvalSet << " is absent: the regression check on real photos is skipped";
    }
    const auto result = testing::run_program(
        "anpr", "eval --truth " + (kEvalSet / "ground_truth.csv").string() + " " +
                    kEvalSet.string() + " --min-exact " + kMinExactPercent);
    EXPECT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("exact="), std::string::npos) << result.out;
}

}  // namespace
}  // namespace anpr
