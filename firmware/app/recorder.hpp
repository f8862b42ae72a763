#pragma once
/// Turns each passage (or still read) into a record in the outbox: matched
/// against the hit list first. A hit becomes an alert: the record carries
/// its "hits" and goes on the priority lane, ahead of any backlog, and the
/// log names the plate. A passage that hits nothing is stored only when the
/// camera's purposes upload such passages, and its plate is never logged.

#include <memory>

#include "app/record_maker.hpp"
#include "app/unit_runner.hpp"
#include "app/whereabouts.hpp"
#include "core/result.hpp"
#include "diag/recent_passages.hpp"
#include "hitlist/hitlist_service.hpp"
#include "hitlist/purpose_policy.hpp"
#include "tracking/passage.hpp"
#include "uplink/outbox.hpp"
#include "uplink/uplink.hpp"

namespace spdlog {
class logger;
}

namespace anpr::app {

class Recorder {
  public:
    /// `hitlist` and `sender` may be null: no hit list, no uplink. Every
    /// passage is also shown to `recent`, for the diagnostics shell.
    Recorder(const RecordMaker& maker, const Whereabouts& whereabouts, uplink::Outbox& outbox,
             uplink::Uplink* sender, const hitlist::HitlistService* hitlist,
             hitlist::PurposePolicy policy, UnitCounters& counters, diag::RecentPassages& recent);

    /// A plate read on a still image. An Error: the outbox's disk failed.
    core::Status read(const core::Frame& frame, const core::PlateRead& plate);
    /// Vehicles' passages from a video or stream.
    core::Status passages(const std::vector<tracking::Passage>& passages);

  private:
    core::Status store(const tracking::Passage& p, uplink::RecordKind kind);
    /// Shows the passage and what became of it to the shell's `reads`.
    void show(const tracking::Passage& p, std::string outcome);

    const RecordMaker& maker_;
    const Whereabouts& whereabouts_;
    uplink::Outbox& outbox_;
    uplink::Uplink* sender_;
    const hitlist::HitlistService* hitlist_;
    hitlist::PurposePolicy policy_;
    UnitCounters& counters_;
    diag::RecentPassages& recent_;
    std::shared_ptr<spdlog::logger> log_;
};

}  // namespace anpr::app
