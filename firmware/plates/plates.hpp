#pragma once
/// Country plate formats and format-guided look-alike correction.
///
/// The OCR stage hands over what it saw, character by character, each with
/// alternatives; this stage finds the readings that fit a country's format,
/// swapping look-alike characters (0/O, 1/I, 8/B, 5/S, 2/Z, 6/G) where the
/// format demands, and ranks them. Reads that fit no format survive with a
/// lower confidence instead of being dropped.

#include <string>
#include <vector>

namespace anpr::plates {

/// One alternative for one character position, as the OCR engine saw it.
struct CharChoice {
    char ch = 0;             ///< 'A'..'Z' or '0'..'9'
    float confidence = 0.f;  ///< 0..1
};

/// One character position; choices best first, never empty.
struct CharSlot {
    std::vector<CharChoice> choices;
};

/// The colour of a plate's ground, where the image shows it: it tells
/// formats of the same shape apart (Luxembourg's yellow "EL 6027" against
/// Germany's white "E-L 6027").
enum class PlateGround { unknown, white, yellow };

/// What the OCR engine saw, left to right (two-line plates: top line, then
/// bottom), and the plate's ground colour where known.
struct RawText {
    std::vector<CharSlot> slots;
    PlateGround ground = PlateGround::unknown;
};

/// A reading that the plates stage proposes.
struct Interpretation {
    std::string text;     ///< e.g. "1ABC123"
    std::string display;  ///< e.g. "1-ABC-123"; equals text where no format fits
    std::string country;  ///< e.g. "BE"; "" when no format fits
    float confidence = 0.f;
    int corrections = 0;  ///< look-alike swaps made to fit the format
};

struct PlatesConfig {
    /// Countries whose formats are tried, in priority order (ties go to the first).
    std::vector<std::string> countries{"BE", "NL", "FR", "DE", "LU", "CZ", "SK", "UK"};
    /// Confidence factor for a read that fits no format.
    float unformatted_factor = 0.5f;
    /// Most look-alike swaps allowed to make a read fit a format.
    int max_corrections = 3;
};

/// Country codes this stage knows formats for.
const std::vector<std::string>& known_countries();

/// Readings of `raw`, best first, without duplicate texts; empty only when
/// `raw` has no slots.
std::vector<Interpretation> interpret(const RawText& raw, const PlatesConfig& config);

/// The printed form of `text` under `country`'s formats ("1ABC123", "BE" ->
/// "1-ABC-123"); `text` itself when it fits none of them.
std::string display_form(const std::string& text, const std::string& country);

}  // namespace anpr::plates
