#include "capture/frame_source.hpp"

#include "capture/capture_thread.hpp"
#include "capture/image_folder_source.hpp"
#include "capture/stream_source.hpp"
#include "capture/video_file.hpp"

namespace anpr::capture {

core::Result<std::unique_ptr<FrameSource>> open_source(const config::CaptureConfig& config,
                                                       const std::atomic<bool>& stop) {
    if (is_live_source(config.source)) {
        return std::unique_ptr<FrameSource>(std::make_unique<CaptureThread>(
            [&config](const std::atomic<bool>& halt) {
                return std::make_unique<StreamSource>(config, halt);
            },
            stop));
    }
    if (is_video_file(config.source)) {
        auto video = VideoFile::open(config.source);
        if (!video) return core::Error{"capture: " + video.error().message};
        return std::unique_ptr<FrameSource>(std::make_unique<VideoFile>(std::move(video).value()));
    }
    auto folder = ImageFolderSource::open(config);
    if (!folder) return folder.error();
    return std::unique_ptr<FrameSource>(
        std::make_unique<ImageFolderSource>(std::move(folder).value()));
}

}  // namespace anpr::capture
