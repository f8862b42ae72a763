#include "app/image_batch.hpp"

#include <chrono>

#include "capture/image_files.hpp"
#include "core/elapsed.hpp"

namespace anpr::app {

int read_images(pipeline::PlateReader& reader, const std::vector<std::filesystem::path>& files,
                const std::function<void(const ImageOutcome&)>& on_image) {
    int failures = 0;
    std::uint64_t index = 0;
    for (const auto& file : files) {
        auto frame = capture::load_frame(file, index++);
        if (!frame) {
            ++failures;
            on_image({file, frame.error(), 0});
            continue;
        }
        const auto start = std::chrono::steady_clock::now();
        auto plates = reader.read(frame.value());
        const double ms = core::ms_since(start);
        if (!plates) {
            ++failures;
            plates = core::Error{file.string() + ": " + plates.error().message};
        }
        on_image({file, std::move(plates), ms});
    }
    return failures;
}

}  // namespace anpr::app
