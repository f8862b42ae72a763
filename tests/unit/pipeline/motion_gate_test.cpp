#include "pipeline/motion_gate.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

namespace anpr::pipeline {
namespace {

cv::Mat road() {
    cv::Mat frame(1080, 1920, CV_8UC3, cv::Scalar(90, 90, 90));
    cv::line(frame, {960, 300}, {960, 1080}, cv::Scalar(230, 230, 230), 12);
    return frame;
}

cv::Mat with_noise(const cv::Mat& frame, int seed) {
    cv::Mat noise(frame.size(), CV_16SC3);
    cv::theRNG().state = static_cast<std::uint64_t>(seed);
    cv::randn(noise, 0, 4);
    cv::Mat noisy;
    frame.convertTo(noisy, CV_16SC3);
    noisy += noise;
    noisy.convertTo(noisy, CV_8UC3);
    return noisy;
}

TEST(MotionGateTest, AStillRoadDoesNotMoveThroughSensorNoise) {
    MotionGate gate;
    EXPECT_TRUE(gate.moved(with_noise(road(), 1)));  // the first frame: nothing to compare
    for (int i = 2; i < 10; ++i) EXPECT_FALSE(gate.moved(with_noise(road(), i))) << i;
}

TEST(MotionGateTest, AFarCarMoves) {
    MotionGate gate;
    gate.moved(road());
    cv::Mat car = road();
    cv::rectangle(car, cv::Rect(900, 320, 60, 40), cv::Scalar(40, 40, 160), cv::FILLED);
    EXPECT_TRUE(gate.moved(car));
    EXPECT_FALSE(gate.moved(car));  // and stands still
    cv::Mat on = road();
    cv::rectangle(on, cv::Rect(900, 340, 60, 40), cv::Scalar(40, 40, 160), cv::FILLED);
    EXPECT_TRUE(gate.moved(on));  // 20 px down the road
}

}  // namespace
}  // namespace anpr::pipeline
