// `anpr` as a user runs it: reads, bad input, evaluation.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "run_command.hpp"
#include "temp_dir.hpp"

namespace anpr {
namespace {

using testing::run_program;

std::vector<nlohmann::json> json_lines(const std::string& text) {
    std::vector<nlohmann::json> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.front() == '{') lines.push_back(nlohmann::json::parse(line));
    }
    return lines;
}

TEST(ReadCommandTest, PrintsOneJsonObjectPerImage) {
    const auto result = run_program("anpr", "read --json images/fr_01.jpg images/empty_road.jpg");
    ASSERT_EQ(result.exit_code, 0) << result.out;
    const auto lines = json_lines(result.out);
    ASSERT_EQ(lines.size(), 2u) << result.out;
    EXPECT_EQ(lines[0]["image"], "images/fr_01.jpg");
    EXPECT_TRUE(lines[0]["ms"].is_number());
    ASSERT_FALSE(lines[0]["plates"].empty());
    const auto& plate = lines[0]["plates"][0];
    EXPECT_EQ(plate["text"], "FY211ZP");
    EXPECT_EQ(plate["display"], "FY-211-ZP");
    EXPECT_EQ(plate["country"], "FR");
    EXPECT_EQ(plate["box"].size(), 4u);
    EXPECT_FALSE(plate["candidates"].empty());
    EXPECT_TRUE(lines[1]["plates"].empty());
}

TEST(ReadCommandTest, HumanLinePerPlate) {
    const auto result = run_program("anpr", "read images/fr_01.jpg");
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("images/fr_01.jpg: FY-211-ZP (FR)"), std::string::npos) << result.out;
}

TEST(ReadCommandTest, BadFilesAreNamedAndTheOthersStillRead) {
    testing::TempDir dir;
    const auto empty = dir.write("empty.jpg", "");
    const auto corrupt = dir.write("corrupt.png", "\x89PNG but then nothing sensible");
    const auto result = run_program(
        "anpr", "read --json " + empty.string() + " images/fr_01.jpg " + corrupt.string());
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("empty.jpg': the file is empty"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("corrupt.png"), std::string::npos) << result.out;
    const auto lines = json_lines(result.out);
    ASSERT_EQ(lines.size(), 1u) << result.out;
    EXPECT_EQ(lines[0]["image"], "images/fr_01.jpg");
}

TEST(ReadCommandTest, MissingFolderIsNamed) {
    const auto result = run_program("anpr", "read no/such/folder");
    EXPECT_EQ(result.exit_code, 2);
    EXPECT_NE(result.out.find("no/such/folder"), std::string::npos) << result.out;
}

TEST(ReadCommandTest, ConfigWithAMisspelledKeyIsRefused) {
    testing::TempDir dir;
    const auto config = dir.write("bad.toml", "[ocr]\nmin_confidense = 0.5\n");
    const auto result =
        run_program("anpr", "--config " + config.string() + " read images/fr_01.jpg");
    EXPECT_NE(result.exit_code, 0);
    EXPECT_NE(result.out.find("ocr.min_confidense"), std::string::npos) << result.out;
}

TEST(EvalCommandTest, ScoresSavedReads) {
    testing::TempDir dir;
    const auto truth = dir.write("truth.csv",
                                 "image,plate_text,x,y,w,h\n"
                                 "fr_01.jpg,FY211ZP,229,369,192,51\n"
                                 "empty_road.jpg,AB12CD,10,10,100,20\n");
    const auto reads = run_program("anpr", "read --json images/fr_01.jpg images/empty_road.jpg");
    ASSERT_EQ(reads.exit_code, 0);
    const auto saved = dir.write("reads.jsonl", reads.out);
    const auto result =
        run_program("anpr", "eval --truth " + truth.string() + " --reads " + saved.string());
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("miss empty_road.jpg: truth AB12CD, read nothing (plate not found)"),
              std::string::npos)
        << result.out;
    EXPECT_NE(result.out.find("exact=50.0 read=1/2 strict=50.0 detected=1/2"), std::string::npos)
        << result.out;
}

TEST(EvalCommandTest, ReadsAFolderAndGuardsAMinimum) {
    testing::TempDir dir;
    const auto truth =
        dir.write("truth.csv", "image,plate_text,x,y,w,h\nfr_01.jpg,FY211ZP,229,369,192,51\n");
    const auto pass =
        run_program("anpr", "eval --truth " + truth.string() + " images --min-exact 100");
    EXPECT_EQ(pass.exit_code, 0) << pass.out;
    EXPECT_NE(pass.out.find("exact=100.0 read=1/1"), std::string::npos) << pass.out;
    const auto wrong =
        dir.write("wrong.csv", "image,plate_text,x,y,w,h\nfr_01.jpg,ZZ999ZZ,229,369,192,51\n");
    const auto fail =
        run_program("anpr", "eval --truth " + wrong.string() + " images --min-exact 50");
    EXPECT_EQ(fail.exit_code, 1) << fail.out;
}

TEST(EvalCommandTest, BadInputIsNamed) {
    EXPECT_EQ(run_program("anpr", "eval --truth no/such.csv images").exit_code, 2);
    testing::TempDir dir;
    const auto truth =
        dir.write("truth.csv", "image,plate_text,x,y,w,h\nfr_01.jpg,FY211ZP,1,2,3,4\n");
    const auto missing = run_program("anpr", "eval --truth " + truth.string() + " no/such/folder");
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.out.find("no/such/folder"), std::string::npos) << missing.out;
    const auto garbled = dir.write("reads.jsonl", "{not json\n");
    const auto bad =
        run_program("anpr", "eval --truth " + truth.string() + " --reads " + garbled.string());
    EXPECT_EQ(bad.exit_code, 2);
    EXPECT_NE(bad.out.find("reads.jsonl:1: not a JSON object"), std::string::npos) << bad.out;
}

}  // namespace
}  // namespace anpr

namespace anpr {
namespace {

TEST(BenchCommandTest, ReportsEveryStageFpsAndMemory) {
    const auto result =
        testing::run_program("anpr", "bench images/fr_01.jpg images/empty_road.jpg --repeat 2");
    ASSERT_EQ(result.exit_code, 0) << result.out;
    for (const char* stage : {"decode", "detect", "read ", "read per region", "formats",
                              "frame after decode", "frame"}) {
        EXPECT_NE(result.out.find(std::string("\n") + stage), std::string::npos) << stage << "\n"
                                                                                 << result.out;
    }
    EXPECT_NE(result.out.find("frames=4 failed=0 fps="), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("peak_rss_mb="), std::string::npos) << result.out;
}

TEST(BenchCommandTest, TimesEveryFrameOfAVideo) {
    // images/passage_be.mp4: 25 frames (images/passage_be.json).
    const auto result = testing::run_program("anpr", "bench images/passage_be.mp4");
    ASSERT_EQ(result.exit_code, 0) << result.out;
    EXPECT_NE(result.out.find("frames=25 failed=0 fps="), std::string::npos) << result.out;
}

TEST(BenchCommandTest, BadImageAndVideoAreNamedAndCounted) {
    testing::TempDir dir;
    const auto image = dir.write("broken.jpg", "nope");
    const auto video = dir.write("broken.mp4", "not a video at all");
    const auto result = testing::run_program(
        "anpr", "bench images/fr_01.jpg " + image.string() + " " + video.string());
    EXPECT_EQ(result.exit_code, 1) << result.out;
    EXPECT_NE(result.out.find("broken.jpg"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("video '" + video.string() + "'"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("frames=1 failed=2"), std::string::npos) << result.out;
}

}  // namespace
}  // namespace anpr
