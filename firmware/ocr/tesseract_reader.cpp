#include "ocr/tesseract_reader.hpp"

#include <omp.h>
#include <tesseract/baseapi.h>
#include <tesseract/resultiterator.h>

#include <cctype>
#include <string>
#include <vector>

namespace anpr::ocr {
namespace {

// The dash is allowed so that the engine can name the separators it sees;
// without it, a dash's likelihood leaks into the neighbouring glyph and
// drives its confidence to zero. Dashes are then left out of the slots.
constexpr const char* kPlateAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";

bool is_plate_char(char c) {
    return std::isupper(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c));
}

// Tesseract reports confidences as 0..100.
float unit_confidence(float tesseract_confidence) {
    return std::clamp(tesseract_confidence / 100.f, 0.f, 1.f);
}

plates::CharSlot read_slot(tesseract::ResultIterator& it) {
    plates::CharSlot slot;
    tesseract::ChoiceIterator choice(it);
    do {
        const char* text = choice.GetUTF8Text();
        if (text != nullptr && is_plate_char(text[0]) && text[1] == '\0') {
            slot.choices.push_back({text[0], unit_confidence(choice.Confidence())});
        }
    } while (choice.Next());
    std::unique_ptr<char[]> best(it.GetUTF8Text(tesseract::RIL_SYMBOL));
    if (best && is_plate_char(best[0]) && best[1] == '\0') {
        const float confidence = unit_confidence(it.Confidence(tesseract::RIL_SYMBOL));
        std::erase_if(slot.choices, [&](const auto& c) { return c.ch == best[0]; });
        slot.choices.insert(slot.choices.begin(), {best[0], confidence});
    }
    return slot;
}

}  // namespace

TesseractReader::TesseractReader(std::unique_ptr<tesseract::TessBaseAPI> api)
    : api_(std::move(api)) {}

TesseractReader::~TesseractReader() {
    if (api_) api_->End();
}

core::Result<std::unique_ptr<TesseractReader>> TesseractReader::create(
    const config::OcrConfig& config) {
    auto api = std::make_unique<tesseract::TessBaseAPI>();
    // Plates are not words: the dictionaries only pull reads toward English.
    std::vector<std::string> names{"load_system_dawg", "load_freq_dawg"};
    std::vector<std::string> values{"0", "0"};
    const std::string datapath = config.tessdata.string();
    if (api->Init(datapath.empty() ? nullptr : datapath.c_str(), config.language.c_str(),
                  tesseract::OEM_LSTM_ONLY, nullptr, 0, &names, &values, false) != 0) {
        return core::Error{
            "ocr: cannot start Tesseract with language '" + config.language + "' from " +
            (datapath.empty() ? "its default tessdata folder" : "'" + datapath + "'")};
    }
    api->SetPageSegMode(tesseract::PSM_SINGLE_LINE);
    api->SetVariable("tessedit_char_whitelist", kPlateAlphabet);
    api->SetVariable("lstm_choice_mode", "2");
    api->SetVariable("debug_file", "/dev/null");
    return std::unique_ptr<TesseractReader>(new TesseractReader(std::move(api)));
}

core::Result<plates::RawText> TesseractReader::read(const PlateCrop& crop) {
    const cv::Mat& ink = crop.ink;
    if (ink.empty() || ink.type() != CV_8UC1) {
        return core::Error{"ocr: the character mask must be non-empty 8-bit grey"};
    }
    // Debian's Tesseract splits each LSTM step over a team of OpenMP threads
    // whose size it fixes itself. On a plate crop the team costs more than it
    // gains (18.9 against 10.5 ms per region on 2 cores, docs/benchmarks.md)
    // and its spinning threads take the cores the pipeline's own threads need.
    // No active parallel level keeps the engine on the calling thread.
    omp_set_max_active_levels(0);
    api_->SetImage(ink.data, ink.cols, ink.rows, 1, static_cast<int>(ink.step));
    api_->SetSourceResolution(300);
    if (api_->Recognize(nullptr) != 0)
        return core::Error{"ocr: Tesseract failed to recognise the plate"};
    plates::RawText raw;
    std::unique_ptr<tesseract::ResultIterator> it(api_->GetIterator());
    if (it) {
        do {
            if (it->Empty(tesseract::RIL_SYMBOL)) continue;
            auto slot = read_slot(*it);
            if (!slot.choices.empty()) raw.slots.push_back(std::move(slot));
        } while (it->Next(tesseract::RIL_SYMBOL));
    }
    api_->Clear();
    return raw;
}

}  // namespace anpr::ocr
