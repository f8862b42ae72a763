#pragma once
/// Frames of a video file (MP4, MKV, AVI...: whatever Debian's FFmpeg
/// libraries demux and decode): a frame source for the unit, `anpr passages`
/// and `anpr bench`. Frames are stamped at the video's own pace from the
/// moment it was opened.

#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

struct AVInputFormat;
struct AVDictionary;

#include "capture/frame_source.hpp"

namespace anpr::capture {

/// Whether `path` names a video file by its extension (.mp4, .mkv, .avi, .mov, .webm).
bool is_video_file(const std::filesystem::path& path);

class VideoFile final : public FrameSource {
  public:
    /// Opens the file's best video stream; an Error names the file and what
    /// is wrong (missing, not a video, no decoder for its codec).
    static core::Result<VideoFile> open(const std::filesystem::path& file);

    enum class LiveKind { stream, camera };

    /// Opens a live input: a network stream URL that FFmpeg reads (rtsp://,
    /// http:// and https://, MJPEG over HTTP included), whose reads time out
    /// after `io_timeout`, or a V4L2 camera device ("/dev/video0"). Its
    /// frames are stamped when they arrive. An Error names it and says why.
    static core::Result<VideoFile> open_live(const std::string& url, LiveKind kind,
                                             std::chrono::milliseconds io_timeout);

    VideoFile(VideoFile&&) noexcept;
    VideoFile& operator=(VideoFile&&) noexcept;
    ~VideoFile() override;

    /// The next frame as 8-bit BGR, indexed from 0; std::nullopt at the end.
    /// A damaged frame is an Error naming the file and the frame, and the next
    /// call goes on with the frame after it; a file that cannot be read on is
    /// an Error once, then its end.
    core::Result<std::optional<core::Frame>> next() override;

    bool films_a_scene() const override { return true; }
    std::string description() const override;

  private:
    struct Decoder;
    explicit VideoFile(std::unique_ptr<Decoder> decoder);
    static core::Result<VideoFile> open_input(const std::string& name,
                                              const AVInputFormat* input_format,
                                              AVDictionary** options, bool live);
    std::unique_ptr<Decoder> decoder_;
};

}  // namespace anpr::capture
