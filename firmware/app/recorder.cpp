#include "app/recorder.hpp"

#include "hitlist/hits_json.hpp"
#include "logging/logging.hpp"
#include "tracking/still_passage.hpp"

namespace anpr::app {
namespace {

/// The texts a passage may be: its voted text, then every vote candidate.
std::vector<std::string> texts_of(const tracking::Passage& passage) {
    std::vector<std::string> texts{passage.text};
    for (const auto& candidate : passage.candidates) {
        if (candidate.text != passage.text) texts.push_back(candidate.text);
    }
    return texts;
}

std::string how(const hitlist::HitMatch& match) {
    if (match.substitutions.empty()) return "exact";
    std::string text = "look-alike, read " + match.matched_text + ":";
    for (const auto& swap : match.substitutions) {
        text += " " + std::string(1, swap.read) + "->" + std::string(1, swap.listed) + " at " +
                std::to_string(swap.position + 1);
    }
    return text;
}

}  // namespace

Recorder::Recorder(const RecordMaker& maker, const Whereabouts& whereabouts, uplink::Outbox& outbox,
                   uplink::Uplink* sender, const hitlist::HitlistService* hitlist,
                   hitlist::PurposePolicy policy, UnitCounters& counters,
                   diag::RecentPassages& recent)
    : maker_(maker),
      whereabouts_(whereabouts),
      outbox_(outbox),
      sender_(sender),
      hitlist_(hitlist),
      policy_(std::move(policy)),
      counters_(counters),
      recent_(recent),
      log_(logging::logger("unit")) {}

core::Status Recorder::read(const core::Frame& frame, const core::PlateRead& plate) {
    return store(tracking::still_passage(frame, plate), uplink::RecordKind::still);
}

core::Status Recorder::passages(const std::vector<tracking::Passage>& passages) {
    for (const auto& p : passages) {
        if (auto stored = store(p, uplink::RecordKind::passage); !stored) return stored;
    }
    return core::Ok{};
}

void Recorder::show(const tracking::Passage& p, std::string outcome) {
    recent_.add({p.best.time.utc, p.display, p.country, p.confidence, p.frames_read,
                 p.best.read.box.height, p.lane, std::string(tracking::direction_name(p.direction)),
                 std::move(outcome)});
}

core::Status Recorder::store(const tracking::Passage& p, uplink::RecordKind kind) {
    const auto now = std::chrono::system_clock::now();
    const auto list = hitlist_ ? hitlist_->active(now) : nullptr;
    std::vector<hitlist::HitMatch> hits;
    if (list) hits = list->index.match(texts_of(p), p.country, policy_.match, now);
    const char* what = kind == uplink::RecordKind::passage ? "passage" : "read";
    if (hits.empty() && !policy_.uploads_passages) {
        ++counters_.not_uploaded;
        show(p, "not kept (purpose)");
        return core::Ok{};
    }
    const auto lane = hits.empty() ? uplink::Lane::ordinary : uplink::Lane::priority;
    const auto added = outbox_.add(
        lane, maker_.make(p, kind, whereabouts_.moment(),
                          hits.empty() ? nlohmann::ordered_json()
                                       : hitlist::hits_json(hits, list->header.version)));
    using Kind = uplink::AddOutcome::Kind;
    if (added.kind == Kind::failed) return core::Error{added.message};
    if (added.kind == Kind::full) {
        ++counters_.refused;
        log_->error("{}: {} {}not stored ({} refused so far)", added.message, what,
                    hits.empty() ? "" : "WITH A HIT ", counters_.refused.load());
        show(p, "REFUSED: outbox full");
        return core::Ok{};
    }
    if (sender_) sender_->wake(lane);
    const auto id = uplink::record_id(maker_.origin().unit.id, added.seq);
    ++(kind == uplink::RecordKind::passage ? counters_.passages : counters_.reads);
    show(p, (hits.empty() ? "stored as " : "HIT, alert stored as ") + id);
    for (const auto& hit : hits) {
        ++counters_.hits;
        log_->warn("HIT {} ({}) {} priority {} ({}), list version {}: {} | {} stored as {}",
                   hit.entry.plate, hit.entry.country.empty() ? "any country" : hit.entry.country,
                   hitlist::category_name(hit.entry.category), hit.entry.priority, how(hit),
                   list->header.version, hit.entry.action, what, id);
    }
    // No plate: a read that hit nothing is not the log's business.
    if (hits.empty() && kind == uplink::RecordKind::still) {
        log_->info("read stored as {}: confidence {:.2f} in '{}'", id, p.confidence, p.source);
    } else if (hits.empty()) {
        log_->info("passage stored as {}: {}, confidence {:.2f}, frames {}-{} of '{}' ({} read)",
                   id, tracking::direction_name(p.direction), p.confidence, p.first.frame,
                   p.last.frame, p.source, p.frames_read);
    }
    return core::Ok{};
}

}  // namespace anpr::app
