// The self-test's verdicts on hand-built figures: each check's pass, warn
// and fail boundaries.
#include "diag/selftest.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace anpr::diag {
namespace {

using namespace std::chrono_literals;

FrameStats good_frames() {
    FrameStats s;
    s.frames = 100;
    s.frames_with_plate = 40;
    s.reads = 40;
    s.frames_per_s = 25;
    s.measured = 20;
    s.edge_blur_px = 0.5;
    s.plate_regions = 40;
    s.exposure = Exposure{110, 0.01, 0.02, {20, 35, 110, 190, 230}};
    s.plate_height_px = 30;
    s.confidence = 0.95;
    return s;
}

UnitFacts good_facts() {
    UnitFacts f;
    f.now = std::chrono::system_clock::time_point{} + 24h * 20000;
    f.camera = {"video 'lane.mp4'", true, "", true};
    f.reader = reader_needs(config::AppConfig{});
    f.gps.configured = true;
    f.gps.gpsd = "127.0.0.1:2947";
    f.gps.connected = true;
    f.gps.has_fix = true;
    f.gps.site_distance_m = 20;
    f.gps.max_site_distance_m = 200;
    f.gps.site_configured = true;
    f.clock.source = timekeeping::ClockQuality::Source::gps;
    f.clock.reference = "PPS";
    f.clock.error_ms = 0.01;
    f.clock.max_error_ms = 5;
    f.disk.path = "out/outbox.db";
    f.disk.free_bytes = 100'000'000'000;
    f.disk.outbox_quota_bytes = 1'000'000'000;
    f.outbox.readable = true;
    f.outbox.sending = true;
    f.uplink = {true, "https://central.example:8443/v1/reads", true, 20.0, ""};
    f.hitlist.configured = true;
    f.hitlist.syncing = true;
    f.hitlist.active = hitlist::ListHeader{};
    f.hitlist.active->version = 3;
    f.hitlist.active->issued = f.now - 1h;
    f.hitlist.active->expires = f.now + 24h * 7;
    f.hitlist.last_check = f.now - 1min;
    return f;
}

SelftestLine check(const std::vector<SelftestLine>& lines, const std::string& name) {
    const auto it = std::find_if(lines.begin(), lines.end(),
                                 [&](const SelftestLine& l) { return l.check == name; });
    if (it == lines.end()) throw std::runtime_error("no check " + name);
    return *it;
}

Verdict verdict(const FrameStats& frames, const UnitFacts& facts, const std::string& name) {
    return check(run_selftest(frames, facts), name).verdict;
}

TEST(SelftestTest, AGoodUnitPassesEveryCheckTheIssueNames) {
    const auto lines = run_selftest(good_frames(), good_facts());
    std::vector<std::string> names;
    for (const auto& line : lines) {
        names.push_back(line.check);
        EXPECT_EQ(line.verdict, Verdict::pass) << line.check << ": " << line.measured;
        EXPECT_TRUE(line.advice.empty()) << line.check;
    }
    EXPECT_EQ(names,
              (std::vector<std::string>{"camera", "focus", "exposure", "plate height", "reads",
                                        "gps", "clock", "disk", "outbox", "uplink", "hit list"}));
    EXPECT_EQ(overall(lines), Verdict::pass);
}

TEST(SelftestTest, ReaderNeedsComeFromTheConfig) {
    config::AppConfig config;
    const auto needs = reader_needs(config);
    EXPECT_NEAR(needs.min_plate_height_px, 8 / 0.58, 0.01);  // characters of 8 px
    EXPECT_FLOAT_EQ(static_cast<float>(needs.min_confidence), config.ocr.min_confidence);
    EXPECT_NEAR(needs.min_frames_per_s, 2 * 130 / 3.6 / 10, 0.01);
    config.localize.min_plate_width = 141;  // 30 px high at the EU aspect of 4.7
    EXPECT_NEAR(reader_needs(config).min_plate_height_px, 30, 0.01);
}

TEST(SelftestTest, CameraFailsUnreachableSilentOrFailingAndSlow) {
    auto facts = good_facts();
    facts.camera.reachable = false;
    facts.camera.error = "no such folder";
    const auto line = check(run_selftest(good_frames(), facts), "camera");
    EXPECT_EQ(line.verdict, Verdict::fail);
    EXPECT_NE(line.measured.find("no such folder"), std::string::npos);
    EXPECT_FALSE(line.advice.empty());

    auto frames = good_frames();
    frames.frames = 0;
    frames.frames_per_s.reset();
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::fail);
    frames = good_frames();
    frames.frames_failed = 1;
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::warn);
    frames.frames_failed = 10;  // a tenth
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::fail);

    frames = good_frames();
    const double needed = good_facts().reader.min_frames_per_s;  // 7.2
    frames.frames_per_s = needed - 0.1;
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::fail);
    frames.frames_per_s = needed + 0.1;
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::warn);
    frames.frames_per_s = 2 * needed - 0.1;
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::warn);
    frames.frames_per_s = 2 * needed;
    EXPECT_EQ(verdict(frames, good_facts(), "camera"), Verdict::pass);

    // Still images have no frame rate to judge.
    facts = good_facts();
    facts.camera.films_a_scene = false;
    frames.frames_per_s = 1;
    EXPECT_EQ(verdict(frames, facts, "camera"), Verdict::pass);
}

TEST(SelftestTest, FocusWarnsAboveTwoPixelsOfBlurAndFailsAboveThree) {
    auto frames = good_frames();
    const auto at = [&](double px) {
        frames.edge_blur_px = px;
        return verdict(frames, good_facts(), "focus");
    };
    EXPECT_EQ(at(2.0), Verdict::pass);
    EXPECT_EQ(at(2.01), Verdict::warn);
    EXPECT_EQ(at(3.0), Verdict::warn);
    EXPECT_EQ(at(3.01), Verdict::fail);
    frames.edge_blur_px.reset();
    EXPECT_EQ(verdict(frames, good_facts(), "focus"), Verdict::warn);

    frames = good_frames();
    frames.plate_regions = 0;
    const auto line = check(run_selftest(frames, good_facts()), "focus");
    EXPECT_NE(line.measured.find("no plate read"), std::string::npos) << line.measured;
}

TEST(SelftestTest, ExposureSaysUnderOrOverExposed) {
    const auto judged = [](auto change) {
        auto frames = good_frames();
        change(*frames.exposure);
        return check(run_selftest(frames, good_facts()), "exposure");
    };
    const auto brightest = [&](double level) {
        return judged([&](Exposure& e) { e.percentiles[4] = level; });
    };
    EXPECT_EQ(brightest(63).verdict, Verdict::fail);
    EXPECT_NE(brightest(63).measured.find("under-exposed"), std::string::npos);
    EXPECT_NE(brightest(63).advice.find("under-exposed"), std::string::npos);
    EXPECT_EQ(brightest(64).verdict, Verdict::warn);
    EXPECT_EQ(brightest(127).verdict, Verdict::warn);
    EXPECT_EQ(brightest(128).verdict, Verdict::pass);

    const auto black = [&](double share) {
        return judged([&](Exposure& e) { e.dark_clipped = share; });
    };
    EXPECT_EQ(black(0.25).verdict, Verdict::pass);
    EXPECT_EQ(black(0.26).verdict, Verdict::warn);
    EXPECT_EQ(black(0.51).verdict, Verdict::fail);
    EXPECT_NE(black(0.51).measured.find("under-exposed"), std::string::npos);

    const auto white = [&](double share) {
        return judged([&](Exposure& e) { e.bright_clipped = share; });
    };
    EXPECT_EQ(white(0.25).verdict, Verdict::pass);
    EXPECT_EQ(white(0.26).verdict, Verdict::warn);
    EXPECT_EQ(white(0.51).verdict, Verdict::fail);
    EXPECT_NE(white(0.51).measured.find("over-exposed"), std::string::npos);
    EXPECT_EQ(white(0.51).measured.find("under-exposed"), std::string::npos);

    const auto darkest = [&](double level) {
        return judged([&](Exposure& e) { e.percentiles[0] = level; });
    };
    EXPECT_EQ(darkest(64).verdict, Verdict::pass);
    EXPECT_EQ(darkest(65).verdict, Verdict::warn);  // washed out
    EXPECT_NE(darkest(65).measured.find("over-exposed"), std::string::npos);

    auto frames = good_frames();
    frames.exposure.reset();
    EXPECT_EQ(verdict(frames, good_facts(), "exposure"), Verdict::warn);
}

TEST(SelftestTest, PlateHeightAgainstWhatTheReaderNeeds) {
    auto frames = good_frames();
    auto facts = good_facts();
    facts.reader.min_plate_height_px = 14;
    const auto at = [&](double px) {
        frames.plate_height_px = px;
        return verdict(frames, facts, "plate height");
    };
    EXPECT_EQ(at(13.9), Verdict::fail);
    EXPECT_EQ(at(14), Verdict::warn);
    EXPECT_EQ(at(20.9), Verdict::warn);
    EXPECT_EQ(at(21), Verdict::pass);  // 1.5 times the floor
    frames.plate_height_px.reset();
    EXPECT_EQ(verdict(frames, facts, "plate height"), Verdict::warn);
}

TEST(SelftestTest, ReadsWarnWithoutPlatesOrWhenWeak) {
    auto frames = good_frames();
    frames.frames_with_plate = 0;
    frames.reads = 0;
    frames.confidence.reset();
    EXPECT_EQ(verdict(frames, good_facts(), "reads"), Verdict::warn);
    frames = good_frames();
    frames.confidence = 0.67;  // below (0.35 + 1) / 2
    EXPECT_EQ(verdict(frames, good_facts(), "reads"), Verdict::warn);
    frames.confidence = 0.68;
    EXPECT_EQ(verdict(frames, good_facts(), "reads"), Verdict::pass);
}

TEST(SelftestTest, GpsFixMustBeNearTheConfiguredSite) {
    auto facts = good_facts();
    facts.gps.site_distance_m = 200;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::pass);
    facts.gps.site_distance_m = 201;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::fail);
    facts = good_facts();
    facts.gps.has_fix = false;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::warn);
    facts.gps.connected = false;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::fail);
    facts = good_facts();
    facts.gps.configured = false;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::pass);
    facts.gps.site_configured = false;
    EXPECT_EQ(verdict(good_frames(), facts, "gps"), Verdict::warn);
}

TEST(SelftestTest, ClockMustBeSynchronisedWithinTheLimit) {
    auto facts = good_facts();
    facts.clock.error_ms = 5.0;
    EXPECT_EQ(verdict(good_frames(), facts, "clock"), Verdict::pass);
    facts.clock.error_ms = 5.1;
    EXPECT_EQ(verdict(good_frames(), facts, "clock"), Verdict::warn);
    facts.clock.error_ms.reset();
    EXPECT_EQ(verdict(good_frames(), facts, "clock"), Verdict::warn);
    facts.clock.source = timekeeping::ClockQuality::Source::unsynchronised;
    EXPECT_EQ(verdict(good_frames(), facts, "clock"), Verdict::fail);
}

TEST(SelftestTest, DiskMustHoldWhatTheOutboxMayStillTake) {
    auto facts = good_facts();  // quota 1 GB, empty: may take 1.1 GB with the priority lane
    facts.disk.free_bytes = 1'100'000'000;
    EXPECT_EQ(verdict(good_frames(), facts, "disk"), Verdict::pass);
    facts.disk.free_bytes = 1'099'000'000;
    EXPECT_EQ(verdict(good_frames(), facts, "disk"), Verdict::warn);
    facts.disk.free_bytes = 109'000'000;
    EXPECT_EQ(verdict(good_frames(), facts, "disk"), Verdict::fail);
    facts.disk.outbox_used_bytes = 1'100'000'000;  // full: it takes no more
    EXPECT_EQ(verdict(good_frames(), facts, "disk"), Verdict::pass);
    facts.disk.free_bytes.reset();
    facts.disk.error = "cannot see";
    EXPECT_EQ(verdict(good_frames(), facts, "disk"), Verdict::warn);
}

TEST(SelftestTest, OutboxWarnsOfDeadLettersAndBacklogs) {
    auto facts = good_facts();
    facts.outbox.depths.dead_letters = 1;
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::warn);
    facts = good_facts();
    facts.outbox.depths.priority = 1;
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::warn);
    facts = good_facts();
    facts.outbox.depths.ordinary = 1000;  // ten requests of 100
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::pass);
    facts.outbox.depths.ordinary = 1001;
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::warn);
    facts.outbox.sending = false;  // without an uplink, records stay
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::pass);
    facts.outbox.readable = false;
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::fail);
    facts.outbox.exists = false;
    EXPECT_EQ(verdict(good_frames(), facts, "outbox"), Verdict::pass);
}

TEST(SelftestTest, UplinkNeedsAHandshake) {
    auto facts = good_facts();
    facts.uplink.handshake_ok = false;
    facts.uplink.error = "SSL certificate problem";
    const auto line = check(run_selftest(good_frames(), facts), "uplink");
    EXPECT_EQ(line.verdict, Verdict::fail);
    EXPECT_NE(line.measured.find("SSL certificate problem"), std::string::npos);
    facts.uplink.configured = false;
    EXPECT_EQ(verdict(good_frames(), facts, "uplink"), Verdict::warn);
}

TEST(SelftestTest, HitListMustBeHeldFreshAndSynced) {
    auto facts = good_facts();
    facts.hitlist.configured = false;
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::pass);
    facts = good_facts();
    facts.hitlist.active.reset();
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::fail);
    facts = good_facts();
    facts.hitlist.active->expires = facts.now - 1s;
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::fail);
    facts = good_facts();
    auto& header = *facts.hitlist.active;
    header.issued = facts.now - 24h * 6;
    header.expires = facts.now + 24h * 2 + 1h;  // more than a quarter of 8 days left
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::pass);
    header.expires = facts.now + 24h * 2 - 1h;
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::warn);
    facts = good_facts();
    facts.hitlist.last_error = "timeout";
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::warn);
    facts = good_facts();
    facts.hitlist.last_check = facts.now - 901s;  // three refreshes of 300 s
    EXPECT_EQ(verdict(good_frames(), facts, "hit list"), Verdict::warn);
}

TEST(SelftestTest, ReportHasALinePerCheckAdviceUnderWarningsAndTheOverallVerdict) {
    auto frames = good_frames();
    frames.edge_blur_px = 2.5;
    const auto lines = run_selftest(frames, good_facts());
    EXPECT_EQ(overall(lines), Verdict::warn);
    const auto text = report_text(lines);
    EXPECT_NE(text.find("PASS camera       video 'lane.mp4'"), std::string::npos) << text;
    EXPECT_NE(text.find("WARN focus        edges blurred by 2.5 px on 40 plate regions"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("\n  -> blurred: focus the lens"), std::string::npos) << text;
    EXPECT_NE(text.find("PASS plate height median 30 px"), std::string::npos) << text;
    EXPECT_NE(text.find("overall: WARN (11 checks, 1 warnings, 0 failures)"), std::string::npos)
        << text;
    EXPECT_EQ(report_text({}), "overall: PASS (0 checks, 0 warnings, 0 failures)\n");
}

TEST(UnitFactsTest, HandshakeWithoutTheUnitsFilesSaysWhichIsMissing) {
    config::UplinkConfig uplink;
    EXPECT_FALSE(uplink_handshake(uplink).configured);
    uplink.url = "https://127.0.0.1:1/v1/reads";
    uplink.ca_file = "no/such/ca.pem";
    const auto facts = uplink_handshake(uplink);
    EXPECT_TRUE(facts.configured);
    EXPECT_FALSE(facts.handshake_ok);
    EXPECT_NE(facts.error.find("uplink.ca_file"), std::string::npos) << facts.error;
}

TEST(UnitFactsTest, DiskFreeLooksAtTheNearestExistingFolder) {
    const auto free = disk_free(std::filesystem::temp_directory_path() / "no/such/outbox.db");
    ASSERT_TRUE(free) << free.error().message;
    EXPECT_GT(free.value(), 0u);
}

}  // namespace
}  // namespace anpr::diag
