#include "app/record_origin.hpp"

#include <openssl/evp.h>
#include <tesseract/baseapi.h>

#include <array>
#include <fstream>
#include <memory>

namespace anpr::app {
namespace {

// Twelve hex digits of SHA-256 tell the project's models apart with room to spare.
constexpr std::size_t kHashDigits = 12;

core::Result<std::string> versioned(const std::filesystem::path& model) {
    std::ifstream in(model, std::ios::binary);
    if (!in) return core::Error{"cannot read model '" + model.string() + "'"};
    std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> hash(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    EVP_DigestInit_ex(hash.get(), EVP_sha256(), nullptr);
    std::array<char, 1 << 16> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        EVP_DigestUpdate(hash.get(), chunk.data(), static_cast<std::size_t>(in.gcount()));
    }
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int size = 0;
    EVP_DigestFinal_ex(hash.get(), digest.data(), &size);
    std::string hex;
    constexpr const char* kDigits = "0123456789abcdef";
    for (unsigned int i = 0; i < size && hex.size() < kHashDigits; ++i) {
        hex += kDigits[digest[i] >> 4];
        hex += kDigits[digest[i] & 15];
    }
    return model.stem().string() + "@" + hex;
}

}  // namespace

core::Result<ModelVersions> model_versions(const config::AppConfig& config) {
    ModelVersions versions;
    if (config.localize.engine == "classic") {
        versions.detector = "classic";
    } else {
        auto detector = versioned(config.localize.model);
        if (!detector) return detector.error();
        versions.detector = detector.value();
    }
    const std::string& engine = config.ocr.engine;
    if (engine.find("tesseract") != std::string::npos) {
        versions.reader = std::string("tesseract-") + tesseract::TessBaseAPI::Version();
    }
    if (engine.find("cnn") != std::string::npos) {
        auto reader = versioned(config.ocr.model);
        if (!reader) return reader.error();
        versions.reader += (versions.reader.empty() ? "" : "+") + reader.value();
    }
    return versions;
}

core::Result<uplink::RecordOrigin> record_origin(const config::AppConfig& config) {
    auto models = model_versions(config);
    if (!models) return models.error();
    return uplink::RecordOrigin{config.unit, ANPR_VERSION, models.value().detector,
                                models.value().reader,
                                static_cast<std::size_t>(config.outbox.crop_max_kb) * 1024};
}

std::string user_agent() { return std::string("anpr-unit/") + ANPR_VERSION; }

}  // namespace anpr::app
