#include "capture/video_file.hpp"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavdevice/avdevice.h>
#include <libavformat/avformat.h>
#include <libswscale/swscale.h>
}

#include <array>
#include <cstdarg>
#include <string>

#include "capture/image_decode.hpp"
#include "capture/image_files.hpp"
#include "logging/logging.hpp"

namespace anpr::capture {
namespace {

std::string av_error_text(int code) {
    std::array<char, AV_ERROR_MAX_STRING_SIZE> text{};
    av_strerror(code, text.data(), text.size());
    return text.data();
}

struct FormatCloser {
    void operator()(AVFormatContext* context) const { avformat_close_input(&context); }
};
struct CodecFreer {
    void operator()(AVCodecContext* context) const { avcodec_free_context(&context); }
};
struct PacketFreer {
    void operator()(AVPacket* packet) const { av_packet_free(&packet); }
};
struct FrameFreer {
    void operator()(AVFrame* frame) const { av_frame_free(&frame); }
};
struct ScalerFreer {
    void operator()(SwsContext* scaler) const { sws_freeContext(scaler); }
};

}  // namespace

bool is_video_file(const std::filesystem::path& path) {
    const std::string ext = lowercase_extension(path);
    return ext == ".mp4" || ext == ".mkv" || ext == ".avi" || ext == ".mov" || ext == ".webm";
}

struct VideoFile::Decoder {
    std::string name;
    std::unique_ptr<AVFormatContext, FormatCloser> format;
    std::unique_ptr<AVCodecContext, CodecFreer> codec;
    std::unique_ptr<AVPacket, PacketFreer> packet{av_packet_alloc()};
    std::unique_ptr<AVFrame, FrameFreer> frame{av_frame_alloc()};
    std::unique_ptr<SwsContext, ScalerFreer> scaler;
    int stream = -1;
    bool draining = false;
    std::uint64_t index = 0;
    /// When the file was opened: its frames are stamped with this plus their
    /// presentation time, as if it were being filmed now at its own pace.
    core::Timestamp opened{std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
    double last_seconds = 0;
    bool live = false;  ///< a stream or camera: frames are stamped when they arrive

    /// The decoded frame's presentation time, s from the start of the stream;
    /// frames without one follow the last at the stream's frame rate.
    double presentation_seconds() {
        const AVStream* s = format->streams[stream];
        const std::int64_t pts = frame->best_effort_timestamp;
        if (pts != AV_NOPTS_VALUE) {
            const std::int64_t start = s->start_time == AV_NOPTS_VALUE ? 0 : s->start_time;
            last_seconds = static_cast<double>(pts - start) * av_q2d(s->time_base);
        } else if (s->avg_frame_rate.num > 0) {
            last_seconds += 1 / av_q2d(s->avg_frame_rate);
        }
        return last_seconds;
    }

    core::Timestamp stamp(double seconds) const {
        const std::chrono::duration<double> offset(seconds);
        return {
            opened.monotonic +
                std::chrono::duration_cast<std::chrono::steady_clock::duration>(offset),
            opened.utc + std::chrono::duration_cast<std::chrono::system_clock::duration>(offset)};
    }

    core::Error error(const std::string& what) const {
        return core::Error{(live ? "stream '" : "video '") + name + "': " + what};
    }

    /// The decoded frame in `frame` as BGR.
    cv::Mat to_bgr() {
        scaler.reset(sws_getCachedContext(scaler.release(), frame->width, frame->height,
                                          static_cast<AVPixelFormat>(frame->format), frame->width,
                                          frame->height, AV_PIX_FMT_BGR24, SWS_BILINEAR, nullptr,
                                          nullptr, nullptr));
        cv::Mat bgr(frame->height, frame->width, CV_8UC3);
        if (!scaler) return {};
        std::array<std::uint8_t*, 1> planes{bgr.data};
        std::array<int, 1> strides{static_cast<int>(bgr.step)};
        sws_scale(scaler.get(), frame->data, frame->linesize, 0, frame->height, planes.data(),
                  strides.data());
        return bgr;
    }
};

VideoFile::VideoFile(std::unique_ptr<Decoder> decoder) : decoder_(std::move(decoder)) {}
VideoFile::VideoFile(VideoFile&&) noexcept = default;
VideoFile& VideoFile::operator=(VideoFile&&) noexcept = default;
VideoFile::~VideoFile() = default;

core::Result<VideoFile> VideoFile::open(const std::filesystem::path& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        return core::Error{"video '" + file.string() + "': not found"};
    }
    return open_input(file.string(), nullptr, nullptr, false);
}

core::Result<VideoFile> VideoFile::open_live(const std::string& url, LiveKind kind,
                                             std::chrono::milliseconds io_timeout) {
    AVDictionary* options = nullptr;
    const auto microseconds =
        std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(io_timeout).count());
    const AVInputFormat* format = nullptr;
    if (kind == LiveKind::camera) {
        avdevice_register_all();
        format = av_find_input_format("video4linux2");
        if (format == nullptr) return core::Error{"camera '" + url + "': no V4L2 support"};
    } else {
        // A stalled stream must not block the unit: reads time out and the
        // stream is opened again.
        av_dict_set(&options, url.rfind("rtsp", 0) == 0 ? "timeout" : "rw_timeout",
                    microseconds.c_str(), 0);
    }
    auto opened = open_input(url, format, &options, true);
    av_dict_free(&options);
    return opened;
}

namespace {

/// FFmpeg's own messages go to the "capture" log at debug level: the unit
/// reports what matters itself, with the source and frame named.
void forward_ffmpeg_log(void* context, int level, const char* format, va_list arguments) {
    if (level > av_log_get_level()) return;
    std::array<char, 1024> line{};
    int prefix = 1;
    av_log_format_line2(context, level, format, arguments, line.data(),
                        static_cast<int>(line.size()), &prefix);
    std::string text(line.data());
    while (!text.empty() && text.back() == '\n') text.pop_back();
    if (!text.empty()) logging::logger("capture")->debug("ffmpeg: {}", text);
}

void route_ffmpeg_log() {
    static const bool routed = [] {
        av_log_set_callback(forward_ffmpeg_log);
        return true;
    }();
    (void)routed;
}

}  // namespace

core::Result<VideoFile> VideoFile::open_input(const std::string& name,
                                              const AVInputFormat* input_format,
                                              AVDictionary** options, bool live) {
    route_ffmpeg_log();
    auto decoder = std::make_unique<Decoder>();
    decoder->name = name;
    decoder->live = live;
    if (!decoder->packet || !decoder->frame) return decoder->error("out of memory");
    AVFormatContext* format = nullptr;
    if (const int rc = avformat_open_input(&format, name.c_str(), input_format, options); rc < 0) {
        return decoder->error(std::string(live ? "cannot open it" : "not a readable video") + ": " +
                              av_error_text(rc));
    }
    decoder->format.reset(format);
    if (const int rc = avformat_find_stream_info(format, nullptr); rc < 0) {
        return decoder->error("cannot read its streams: " + av_error_text(rc));
    }
    const AVCodec* codec = nullptr;
    decoder->stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1, &codec, 0);
    if (decoder->stream < 0 || codec == nullptr) return decoder->error("holds no decodable video");
    const AVCodecParameters* params = format->streams[decoder->stream]->codecpar;
    if (static_cast<std::int64_t>(params->width) * params->height > kMaxImagePixels) {
        return decoder->error("its frames are " + std::to_string(params->width) + "x" +
                              std::to_string(params->height) + ", more than " +
                              std::to_string(kMaxImagePixels) + " pixels");
    }
    decoder->codec.reset(avcodec_alloc_context3(codec));
    if (!decoder->codec) return decoder->error("out of memory");
    avcodec_parameters_to_context(decoder->codec.get(), format->streams[decoder->stream]->codecpar);
    decoder->codec->thread_count = 1;  // one core, as the rest of the pipeline
    // A damaged frame is an error the unit counts and names, not a frame
    // patched up silently (FFmpeg would conceal the damage and go on).
    decoder->codec->err_recognition |= AV_EF_EXPLODE;
    if (const int rc = avcodec_open2(decoder->codec.get(), codec, nullptr); rc < 0) {
        return decoder->error("cannot start its " + std::string(codec->name) +
                              " decoder: " + av_error_text(rc));
    }
    return VideoFile(std::move(decoder));
}

std::string VideoFile::description() const {
    return (decoder_->live ? "stream '" : "video '") + decoder_->name + "'";
}

core::Result<std::optional<core::Frame>> VideoFile::next() {
    Decoder& d = *decoder_;
    while (true) {
        const int got = avcodec_receive_frame(d.codec.get(), d.frame.get());
        if (got == 0) {
            core::Frame out;
            out.image = d.to_bgr();
            if (out.image.empty())
                return d.error("cannot convert frame " + std::to_string(d.index));
            out.source = d.name;
            out.index = d.index++;
            out.captured = d.live ? core::Timestamp{std::chrono::steady_clock::now(),
                                                    std::chrono::system_clock::now()}
                                  : d.stamp(d.presentation_seconds());
            return std::optional<core::Frame>(std::move(out));
        }
        if (got == AVERROR_EOF) return std::optional<core::Frame>();
        if (got != AVERROR(EAGAIN)) {
            return d.error("frame " + std::to_string(d.index) + ": " + av_error_text(got));
        }
        if (d.draining) return std::optional<core::Frame>();
        const int read = av_read_frame(d.format.get(), d.packet.get());
        if (read == AVERROR_EOF) {
            d.draining = true;
            avcodec_send_packet(d.codec.get(), nullptr);  // flush the decoder's last frames
            continue;
        }
        if (read < 0) {
            // The file cannot be read on: what was decoded comes out, then the end.
            d.draining = true;
            avcodec_send_packet(d.codec.get(), nullptr);
            return d.error("reading: " + av_error_text(read));
        }
        int sent = 0;
        if (d.packet->stream_index == d.stream)
            sent = avcodec_send_packet(d.codec.get(), d.packet.get());
        av_packet_unref(d.packet.get());
        if (sent < 0 && sent != AVERROR(EAGAIN)) {
            return d.error("frame " + std::to_string(d.index) + ": " + av_error_text(sent));
        }
    }
}

}  // namespace anpr::capture
