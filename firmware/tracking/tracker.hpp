#pragma once
/// Follows plates across the frames of one source and turns each vehicle's
/// reads into one passage when it has gone.

#include <optional>
#include <vector>

#include "config/app_config.hpp"
#include "tracking/lanes.hpp"
#include "tracking/passage.hpp"

namespace anpr::tracking {

class Tracker {
  public:
    /// Reads outside every lane of `lanes` are left out (no lanes: none is).
    Tracker(config::TrackingConfig config, plates::PlatesConfig plates,
            config::LanesConfig lanes = {});

    /// Adds one frame's reads, frames in capture order. A read joins the open
    /// track whose plate it overlaps where the plate was expected (its last
    /// box moved on at its last speed) and whose text it is close to; the
    /// best such pairs are made first, a track takes one read per frame, and
    /// a read that joins none starts a track. Returns the passages of the
    /// tracks that ended before this frame: not read for tracking.max_gap_s.
    std::vector<Passage> add(const core::Frame& frame, const std::vector<core::PlateRead>& reads);

    /// Ends every open track (the source is done) and returns their passages.
    std::vector<Passage> finish();

    /// Tracks open now.
    std::size_t open_tracks() const { return tracks_.size(); }

  private:
    struct Track {
        std::vector<Sighting> sightings;
        std::size_t best = 0;  ///< index of the most confident sighting
        cv::Mat best_crop;
        std::string source;
        int line_row = 0;  ///< tracking.timing_line in this source's frames
    };

    /// Where `track`'s plate should be at `time`.
    static cv::Rect expected_box(const Track& track, const core::Timestamp& time);
    /// How well `read` continues `track`, or a negative value when it cannot.
    double match_score(const Track& track, const core::PlateRead& read,
                       const core::Timestamp& time) const;
    void extend(Track& track, const core::Frame& frame, const core::PlateRead& read,
                std::string lane);
    /// The passage of an ended track, or nothing when it was read too few times.
    std::optional<Passage> passage_of(const Track& track) const;

    config::TrackingConfig config_;
    plates::PlatesConfig plates_;
    Lanes lanes_;
    std::vector<Track> tracks_;
};

}  // namespace anpr::tracking
