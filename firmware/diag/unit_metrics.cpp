#include "diag/unit_metrics.hpp"

#include "diag/prometheus_text.hpp"

namespace anpr::diag {
namespace {

double seconds_since(std::chrono::system_clock::time_point when) {
    return std::chrono::duration<double>(std::chrono::system_clock::now() - when).count();
}

void pipeline_metrics(const UnitView& unit, PrometheusText& out) {
    const auto& c = *unit.counters;
    const auto source = unit.source->counters();
    out.counter("anpr_frames_total", "Frames taken from the source, failed ones included",
                static_cast<double>(c.frames.load()))
        .counter("anpr_frames_failed_total", "Frames that could not be decoded or read",
                 static_cast<double>(c.frames_failed.load()))
        .counter("anpr_frames_skipped_total", "Frames not read because nothing moved",
                 static_cast<double>(c.frames_skipped.load()))
        .counter("anpr_frames_dropped_total", "Live frames the reader had no time for",
                 static_cast<double>(source.dropped))
        .counter("anpr_source_outages_total", "Times the live source was lost",
                 static_cast<double>(source.outages))
        .counter("anpr_reads_total", "Still-image reads stored",
                 static_cast<double>(c.reads.load()))
        .counter("anpr_passages_total", "Vehicle passages stored",
                 static_cast<double>(c.passages.load()))
        .counter("anpr_hits_total", "Hit list matches sent as alerts",
                 static_cast<double>(c.hits.load()))
        .counter("anpr_records_refused_total", "Records not stored: the outbox was full",
                 static_cast<double>(c.refused.load()))
        .counter("anpr_passages_not_uploaded_total",
                 "Passages that hit nothing, not kept for the camera's purposes",
                 static_cast<double>(c.not_uploaded.load()));
    const auto latest = unit.frames->latest();
    out.gauge("anpr_frame_rate", "Frames per second over the last frames",
              latest ? latest->fps : 0);
    if (latest) {
        out.gauge("anpr_last_frame_age_seconds", "Time since the last frame was captured",
                  std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                                latest->frame.captured.monotonic)
                      .count());
    }
}

void outbox_metrics(const UnitView& unit, PrometheusText& out) {
    if (auto depths = unit.outbox->depths()) {
        const auto& d = depths.value();
        out.family("anpr_outbox_records", "gauge", "Records waiting to be delivered, by lane")
            .sample("anpr_outbox_records", static_cast<double>(d.priority), {{"lane", "priority"}})
            .sample("anpr_outbox_records", static_cast<double>(d.ordinary), {{"lane", "ordinary"}});
        out.gauge("anpr_outbox_dead_letters", "Records the receiver refused for good",
                  static_cast<double>(d.dead_letters))
            .gauge("anpr_outbox_bytes", "Database space in use", static_cast<double>(d.bytes));
    }
    if (!unit.uplink) return;
    const auto status = unit.uplink->status();
    out.counter("anpr_uplink_requests_total", "Batches posted since start",
                static_cast<double>(status.requests))
        .counter("anpr_uplink_failures_total", "Batches not delivered",
                 static_cast<double>(status.failures))
        .counter("anpr_uplink_delivered_total", "Records acknowledged by the receiver",
                 static_cast<double>(status.delivered));
    if (status.last_success) {
        out.gauge("anpr_uplink_last_delivery_age_seconds", "Time since the last delivery",
                  seconds_since(*status.last_success));
    }
}

void hitlist_metrics(const UnitView& unit, PrometheusText& out) {
    if (!unit.hitlist) return;
    const auto status = unit.hitlist->status();
    out.gauge("anpr_hitlist_entries", "Entries in the active hit list",
              static_cast<double>(status.entries));
    if (!status.active) return;
    out.gauge("anpr_hitlist_version", "The active hit list's version",
              static_cast<double>(status.active->version))
        .gauge("anpr_hitlist_age_seconds", "Time since the active list was issued",
               seconds_since(status.active->issued))
        .gauge("anpr_hitlist_expired", "1 when the active list has expired and matches nothing",
               status.active->expires < std::chrono::system_clock::now() ? 1 : 0);
}

void position_and_time_metrics(const UnitView& unit, PrometheusText& out) {
    const auto fix = unit.gps->current();
    out.gauge("anpr_gps_fix", "1 while gpsd reports a fix", fix ? 1 : 0);
    const auto clock = unit.clock->current();
    out.gauge("anpr_clock_synchronised", "1 when NTP or GPS disciplines the clock",
              clock.source == timekeeping::ClockQuality::Source::unsynchronised ? 0 : 1)
        .gauge("anpr_clock_fit_for_enforcement",
               "1 when the clock error is within time.max_error_ms",
               clock.fit_for_enforcement ? 1 : 0);
    if (clock.error_ms) {
        out.gauge("anpr_clock_error_ms", "Bound on the clock's error", *clock.error_ms);
    }
}

void shell_metrics(const UnitView& unit, PrometheusText& out) {
    if (!unit.shell) return;
    const auto stats = unit.shell->stats();
    out.gauge("anpr_shell_sessions", "Diagnostics shell sessions open",
              static_cast<double>(stats.sessions_now))
        .counter("anpr_shell_logins_failed_total", "Failed shell logins (guessing shows here)",
                 static_cast<double>(stats.logins_failed))
        .counter("anpr_shell_turned_away_total",
                 "Shell clients turned away: too many at once, or a locked address",
                 static_cast<double>(stats.turned_away))
        .gauge("anpr_shell_locked", "Account names and addresses locked after failed logins",
               static_cast<double>(stats.locked_now));
}

}  // namespace

std::string unit_metrics(const UnitView& unit) {
    PrometheusText out;
    out.family("anpr_unit_info", "gauge", "The unit, its site and firmware")
        .sample("anpr_unit_info", 1,
                {{"unit", unit.config->unit.id}, {"site", unit.config->unit.site}});
    pipeline_metrics(unit, out);
    outbox_metrics(unit, out);
    hitlist_metrics(unit, out);
    position_and_time_metrics(unit, out);
    shell_metrics(unit, out);
    return out.text();
}

}  // namespace anpr::diag
