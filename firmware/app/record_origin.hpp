#pragma once
/// What every record says of where it comes from: the unit, its firmware and
/// the models that read the plate, so that a record can be traced to the
/// exact detector and reader that made it.

#include <string>

#include "config/app_config.hpp"
#include "core/result.hpp"
#include "uplink/read_record.hpp"

namespace anpr::app {

struct ModelVersions {
    /// "plate_detector@<first 12 hex digits of the ONNX file's SHA-256>", or "classic".
    std::string detector;
    /// "plate_reader@<hash>", "tesseract-<version>", or both joined by '+'.
    std::string reader;
};

/// The versions for `config`; an Error names a model file that cannot be read.
core::Result<ModelVersions> model_versions(const config::AppConfig& config);

/// The record origin for `config`: unit, firmware version, model versions and
/// the crop cap; an Error names a model file that cannot be read.
core::Result<uplink::RecordOrigin> record_origin(const config::AppConfig& config);

/// "anpr-unit/<firmware version>": how the unit introduces itself to the receiver.
std::string user_agent();

}  // namespace anpr::app
