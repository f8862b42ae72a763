#include "app/unit_diagnostics.hpp"

#include "diag/selftest.hpp"
#include "diag/unit_commands.hpp"
#include "diag/unit_facts.hpp"
#include "diag/unit_metrics.hpp"
#include "logging/logging.hpp"

namespace anpr::app {
namespace {

void capture_status(const capture::FrameSource& source, const diag::FrameTap& frames,
                    std::ostream& out) {
    const auto counts = source.counters();
    out << "capture: " << source.description();
    if (const auto latest = frames.latest()) {
        out << ", " << latest->frame.image.cols << "x" << latest->frame.image.rows << " at "
            << static_cast<int>(latest->fps + 0.5) << " frames/s";
    } else {
        out << ", no frame yet";
    }
    out << ", " << counts.dropped << " dropped, " << counts.outages << " outage(s)";
}

void pipeline_status(const config::AppConfig& config, const core::UnitCounters& c,
                     std::ostream& out) {
    out << "pipeline: " << config.pipeline.threads << " reading thread(s); " << c.frames.load()
        << " frames (" << c.frames_failed.load() << " failed, " << c.frames_skipped.load()
        << " not read: nothing moved), " << c.passages.load() << " passages and " << c.reads.load()
        << " reads stored, " << c.hits.load() << " hit(s), " << c.refused.load()
        << " refused (outbox full)";
}

}  // namespace

UnitDiagnostics::UnitDiagnostics(const config::AppConfig& config,
                                 const core::UnitCounters& counters, const UnitServices& services,
                                 const RecordMaker& maker)
    : config_(config),
      counters_(counters),
      services_(services),
      audit_(maker, services.outbox, services.uplink),
      watchdog_([this] { return frames_.last_beat(); }, [this] { return summary(); }) {
    registry_.add({"capture",
                   [this](std::ostream& out) { capture_status(services_.source, frames_, out); },
                   nullptr});
    registry_.add({"pipeline",
                   [this](std::ostream& out) { pipeline_status(config_, counters_, out); },
                   nullptr});
    registry_.add_service(services_.clock, true);
    registry_.add_service(services_.gps, true);
    if (services_.uplink) registry_.add_service(*services_.uplink, true);
    if (services_.hitlist) registry_.add_service(*services_.hitlist, true);

    const auto log = logging::logger("diag");
    if (!config.diag.metrics.empty()) {
        auto server = diag::MetricsServer::create(config.diag.metrics,
                                                  [this] { return diag::unit_metrics(view_); });
        if (server) {
            metrics_ = std::move(server).value();
            registry_.add_service(*metrics_, false);
        } else {
            log->error("{}: no metrics; the unit reads on", server.error().message);
        }
    }
    view_ = diag::UnitView{&config_,
                           &registry_,
                           &counters_,
                           &services_.source,
                           &frames_,
                           &recent_,
                           &services_.outbox,
                           services_.uplink,
                           services_.hitlist,
                           &services_.gps,
                           &services_.clock,
                           [this] { return selftest(); },
                           [this] { return diag::unit_metrics(view_); }};
    commands_ = diag::unit_commands(view_);
    if (config.diag.listen.empty()) {
        log->info("no diag.listen: no diagnostics shell");
    } else if (config.diag.accounts.empty()) {
        log->info(
            "no diag.accounts: the diagnostics shell stays off (add one with `anpr "
            "shell-account`)");
    } else {
        auto shell =
            diag::ShellServer::create(config.diag, config.unit.id, commands_, audit_.sink());
        if (shell) {
            shell_ = std::move(shell).value();
            view_.shell = shell_.get();
            registry_.add_service(*shell_, false);
        } else {
            log->error("{}: no diagnostics shell; the unit reads on", shell.error().message);
        }
    }
    registry_.add_service(watchdog_, false);
}

UnitDiagnostics::~UnitDiagnostics() { stop(); }

void UnitDiagnostics::start() {
    if (metrics_) metrics_->start();
    if (shell_) shell_->start();
    watchdog_.start();
}

void UnitDiagnostics::stop() {
    watchdog_.stop();
    if (shell_) shell_->stop();
    if (metrics_) metrics_->stop();
}

std::pair<bool, std::string> UnitDiagnostics::selftest() const {
    diag::UnitFacts facts;
    facts.camera = {services_.source.description(), frames_.latest().has_value(),
                    frames_.latest() ? "" : "no frame from the source yet",
                    services_.source.films_a_scene()};
    facts.reader = diag::reader_needs(config_);
    facts.gps = diag::gps_facts(services_.gps.status(), config_, std::chrono::steady_clock::now());
    facts.clock = diag::clock_facts(services_.clock.current(), config_);
    const auto depths = services_.outbox.depths();
    facts.outbox = diag::outbox_facts(depths, config_);
    facts.disk = diag::disk_facts(config_.outbox.path,
                                  static_cast<std::uint64_t>(config_.outbox.quota_mb) * 1000 * 1000,
                                  depths ? depths.value().bytes : 0);
    facts.uplink = diag::uplink_handshake(config_.uplink);
    if (services_.hitlist)
        facts.hitlist = diag::hitlist_facts(services_.hitlist->status(), config_);
    const auto lines = diag::run_selftest(collector_.stats(), facts);
    const auto verdict = diag::overall(lines);
    // The first line is what an ERR answer and the audit record show.
    return {
        verdict != diag::Verdict::fail,
        "self-test " + std::string(diag::verdict_name(verdict)) + "\n" + diag::report_text(lines)};
}

std::string UnitDiagnostics::summary() const {
    return std::to_string(counters_.frames.load()) + " frames, " +
           std::to_string(counters_.passages.load() + counters_.reads.load()) + " stored, " +
           std::to_string(counters_.hits.load()) + " hit(s)";
}

}  // namespace anpr::app
