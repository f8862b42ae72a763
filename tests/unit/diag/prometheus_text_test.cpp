#include "diag/prometheus_text.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "diag/recent_passages.hpp"

namespace anpr::diag {
namespace {

TEST(PrometheusTextTest, WritesFamiliesAndEscapesLabels) {
    PrometheusText out;
    out.counter("anpr_frames_total", "Frames taken", 12)
        .family("anpr_outbox_records", "gauge", "Records\nwaiting \\ here")
        .sample("anpr_outbox_records", 3, {{"lane", "a\"b\\c\nd"}})
        .gauge("anpr_nan", "Not a number", NAN);
    EXPECT_EQ(out.text(),
              "# HELP anpr_frames_total Frames taken\n"
              "# TYPE anpr_frames_total counter\n"
              "anpr_frames_total 12\n"
              "# HELP anpr_outbox_records Records\\nwaiting \\\\ here\n"
              "# TYPE anpr_outbox_records gauge\n"
              "anpr_outbox_records{lane=\"a\\\"b\\\\c\\nd\"} 3\n"
              "# HELP anpr_nan Not a number\n"
              "# TYPE anpr_nan gauge\n"
              "anpr_nan NaN\n");
}

TEST(RecentPassagesTest, KeepsTheNewestAndMasksPlates) {
    EXPECT_EQ(mask_plate("1-ABC-123"), "*-***-***");
    EXPECT_EQ(mask_plate("M\xC3\x9C 12"), "*** **");  // each byte of a non-ASCII letter
    RecentPassages recent(2);
    for (const auto* plate : {"AA-11", "BB-22", "CC-33"}) {
        recent.add(
            {std::chrono::system_clock::now(), plate, "NL", 0.9f, 4, 20, "", "unknown", "stored"});
    }
    EXPECT_EQ(recent.size(), 2u);
    const auto lines = recent.lines(10, true);
    EXPECT_EQ(lines.find("AA-11"), std::string::npos);
    EXPECT_LT(lines.find("CC-33"), lines.find("BB-22"));
    EXPECT_EQ(recent.lines(1, false).find("CC"), std::string::npos);
}

}  // namespace
}  // namespace anpr::diag
