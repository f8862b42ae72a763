#include "diag/unit_commands.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "capture/image_encode.hpp"
#include "config/load.hpp"
#include "core/utc_text.hpp"
#include "logging/logging.hpp"

namespace anpr::diag {
namespace {

using Args = std::vector<std::string>;

std::string format(const char* pattern, double value) {
    char text[64];
    std::snprintf(text, sizeof text, pattern, value);
    return text;
}

std::string age_text(std::chrono::system_clock::time_point when) {
    const std::chrono::duration<double> age = std::chrono::system_clock::now() - when;
    return core::utc_seconds_text(when) + " (" + format("%.0f", age.count()) + " s ago)";
}

Reply too_many(const Args& args, std::size_t allowed, const std::string& usage) {
    if (args.size() <= allowed) return Reply{};
    return error_reply("too many arguments: usage " + usage);
}

/// A service's status line, led by its name where the service does not say it.
std::string status_line(const ServiceEntry& service) {
    std::ostringstream out;
    service.status(out);
    auto text = out.str();
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    if (text.rfind(service.name + ":", 0) != 0) text = service.name + ": " + text;
    return text;
}

Reply status(const UnitView& unit, const Args& args) {
    if (auto wrong = too_many(args, 1, "status [SERVICE]"); !wrong.ok) return wrong;
    if (args.empty()) {
        std::string text;
        for (const auto& service : unit.services->entries()) {
            text += (text.empty() ? "" : "\n") + status_line(service);
        }
        return Reply{true, text};
    }
    const auto* service = unit.services->find(args[0]);
    if (!service) {
        return error_reply("no service '" + args[0] + "' (services: " + unit.services->names() +
                           ")");
    }
    return Reply{true, status_line(*service)};
}

Reply camera(const UnitView& unit, const Args& args) {
    if (auto wrong = too_many(args, 0, "camera"); !wrong.ok) return wrong;
    const auto counts = unit.source->counters();
    const auto& counters = *unit.counters;
    std::string text = "source: " + unit.source->description();
    const auto latest = unit.frames->latest();
    if (!latest) {
        text += "\nno frame yet";
    } else {
        const auto& image = latest->frame.image;
        const std::chrono::duration<double> age =
            std::chrono::steady_clock::now() - latest->frame.captured.monotonic;
        text += "\nresolution: " + std::to_string(image.cols) + "x" + std::to_string(image.rows) +
                ", " + format("%.1f", latest->fps) + " frames/s, last frame " +
                format("%.1f", age.count()) + " s ago";
    }
    text += "\nframes: " + std::to_string(counters.frames.load()) + " taken, " +
            std::to_string(counters.frames_failed.load()) + " failed, " +
            std::to_string(counts.dropped) + " dropped (no time to read them), " +
            std::to_string(counts.errors) + " undecodable";
    text += "\nreconnects: " + std::to_string(counts.outages) + " outage(s) of the source";
    return Reply{true, text};
}

Reply snapshot(const UnitView& unit, const Args& args) {
    if (auto wrong = too_many(args, 0, "snapshot"); !wrong.ok) return wrong;
    const auto latest = unit.frames->latest();
    if (!latest) return error_reply("no frame yet: the camera has not delivered one");
    auto jpeg = capture::encode_jpeg(latest->frame.image, 92);
    if (!jpeg) return error_reply("cannot encode the frame: " + jpeg.error().message);
    const auto& folder = unit.config->diag.snapshot_dir;
    std::error_code failed;
    std::filesystem::create_directories(folder, failed);
    if (failed) {
        return error_reply("cannot make '" + folder.string() + "': " + failed.message());
    }
    auto stamp = core::utc_seconds_text(latest->frame.captured.utc);
    std::replace(stamp.begin(), stamp.end(), ':', '-');
    const auto path =
        folder / ("snapshot-" + stamp + "-" + std::to_string(latest->frame.index) + ".jpg");
    std::ofstream file(path, std::ios::binary);
    file.write(reinterpret_cast<const char*>(jpeg.value().data()),
               static_cast<std::streamsize>(jpeg.value().size()));
    file.close();
    if (!file) return error_reply("cannot write '" + path.string() + "'");
    return Reply{true, "wrote " + path.string() + " (" + std::to_string(jpeg.value().size()) +
                           " bytes, frame " + std::to_string(latest->frame.index) + ", " +
                           std::to_string(latest->frame.image.cols) + "x" +
                           std::to_string(latest->frame.image.rows) + ")"};
}

Reply reads(const UnitView& unit, const Args& args, const Caller& caller) {
    if (auto wrong = too_many(args, 1, "reads [COUNT]"); !wrong.ok) return wrong;
    std::size_t count = 10;
    if (!args.empty()) {
        const auto& text = args[0];
        const auto [end, failed] = std::from_chars(text.data(), text.data() + text.size(), count);
        if (failed != std::errc{} || end != text.data() + text.size() || count < 1 || count > 50) {
            return error_reply("COUNT must be a number 1..50, got '" + text + "'");
        }
    }
    if (unit.recent->size() == 0) return Reply{true, "no passage read since the unit started"};
    auto text = unit.recent->lines(count, caller.see_plates);
    if (!caller.see_plates)
        text +=
            "\n(plates masked: account '" + caller.account + "' does not have the plates right)";
    return Reply{true, text};
}

Reply hitlist(const UnitView& unit, const Args& args) {
    if (auto wrong = too_many(args, 0, "hitlist"); !wrong.ok) return wrong;
    if (!unit.hitlist) return Reply{true, "no hit list: hitlist.authority_key is not set"};
    const auto status = unit.hitlist->status();
    std::string text;
    if (!status.active) {
        text = "no list held yet";
    } else {
        const auto& header = *status.active;
        text = "version " + std::to_string(header.version) + ", issued " + age_text(header.issued) +
               ", expires " + core::utc_seconds_text(header.expires) +
               (header.expires < std::chrono::system_clock::now() ? " (EXPIRED: not matched)" : "");
        text += "\n" + std::to_string(status.entries) + " entries:";
        for (std::size_t i = 0; i < hitlist::kCategories.size(); ++i) {
            text += " " + std::string(hitlist::category_name(hitlist::kCategories[i])) + " " +
                    std::to_string(status.per_category[i]) + ",";
        }
        text.pop_back();
    }
    text += "\nupdates taken " + std::to_string(status.updates) + ", refused " +
            std::to_string(status.refused) + "; last answer from the network: " +
            (status.last_check ? age_text(*status.last_check) : "none");
    if (!status.last_error.empty()) text += "\nlast error: " + status.last_error;
    return Reply{true, text};
}

std::string outbox_text(const UnitView& unit) {
    auto depths = unit.outbox->depths();
    if (!depths) return "outbox: " + depths.error().message;
    const auto& d = depths.value();
    std::string text = "waiting: " + std::to_string(d.priority) + " priority (alerts, audit), " +
                       std::to_string(d.ordinary) + " ordinary; " + std::to_string(d.dead_letters) +
                       " dead letter(s); " + std::to_string(d.bytes / 1000) + " kB; last seq " +
                       std::to_string(d.last_seq);
    if (!unit.uplink) return text + "\nno uplink.url: records stay here";
    const auto status = unit.uplink->status();
    text += "\ndelivered " + std::to_string(status.delivered) + " in " +
            std::to_string(status.requests) + " request(s), " + std::to_string(status.failures) +
            " failed; last delivery: " +
            (status.last_success ? age_text(*status.last_success) : "none");
    if (status.last_failure) {
        text += "\nlast error: " + age_text(*status.last_failure) + ": " + status.last_error;
    }
    if (status.retry_delay_s > 0)
        text += "\nretrying after a pause of " + format("%.1f", status.retry_delay_s) + " s";
    return text;
}

Reply outbox(const UnitView& unit, const Args& args, const Caller& caller) {
    if (auto wrong = too_many(args, 1, "outbox [flush]"); !wrong.ok) return wrong;
    if (args.empty()) return Reply{true, outbox_text(unit)};
    if (args[0] != "flush")
        return error_reply("unknown argument '" + args[0] + "': outbox [flush]");
    if (!caller.operate) {
        return error_reply("'outbox flush' needs the operate right; account '" + caller.account +
                           "' does not have it");
    }
    if (!unit.uplink) return error_reply("no uplink.url: there is nowhere to flush to");
    // Cuts short a pause after failures, as an alert does, and gives it a
    // moment: the records go in the background either way.
    unit.uplink->wake(uplink::Lane::priority);
    const std::atomic<bool> never{false};
    const bool empty = unit.uplink->drain(std::chrono::seconds(10), never);
    return Reply{empty, std::string(empty ? "outbox empty: everything delivered"
                                          : "not empty after 10 s: sending goes on") +
                            "\n" + outbox_text(unit)};
}

Reply service_text(const ServiceRegistry& services, const std::string& name) {
    const auto* service = services.find(name);
    if (!service) return Reply{true, "no " + name + " service"};
    return Reply{true, status_line(*service)};
}

Reply config_text(const UnitView& unit, const Args& args) {
    if (auto wrong = too_many(args, 1, "config [SECTION]"); !wrong.ok) return wrong;
    std::ostringstream out;
    config::print_config(config::redact_secrets(*unit.config), out);
    if (args.empty()) return Reply{true, out.str()};
    // One section: from its header to the next blank line.
    const auto text = out.str();
    const auto start = text.find("[" + args[0] + "]\n");
    if (start == std::string::npos) return error_reply("no config section '" + args[0] + "'");
    const auto end = text.find("\n\n", start);
    return Reply{true, text.substr(start, end == std::string::npos ? end : end - start)};
}

Reply log_level(const Args& args, const Caller& caller) {
    if (args.empty() || args[0] != "level" || args.size() > 2) {
        return error_reply("usage: log level [trace|debug|info|warn|error|critical|off]");
    }
    if (args.size() == 1) return Reply{true, "log level " + logging::level()};
    if (!caller.operate) {
        return error_reply("setting the log level needs the operate right; account '" +
                           caller.account + "' does not have it");
    }
    if (auto set = logging::set_level(args[1]); !set) return error_reply(set.error().message);
    logging::logger("shell")->warn("log level set to {} by '{}'", args[1], caller.account);
    return Reply{true, "log level " + logging::level()};
}

Reply restart(const UnitView& unit, const Args& args) {
    if (args.size() != 1) return error_reply("usage: restart SERVICE");
    const auto* service = unit.services->find(args[0]);
    if (!service) {
        return error_reply("no service '" + args[0] + "' (services: " + unit.services->names() +
                           ")");
    }
    if (!service->restart) {
        return error_reply("'" + args[0] + "' cannot be restarted alone: restart the unit");
    }
    service->restart();
    std::ostringstream out;
    service->status(out);
    return Reply{true, "restarted " + args[0] + "\n" + out.str()};
}

}  // namespace

CommandTable unit_commands(const UnitView& unit) {
    CommandTable table;
    const auto* u = &unit;
    table.add({"status", "status [SERVICE]", "every service's state, or one's", false,
               [u](const Args& args, const Caller&) { return status(*u, args); }});
    table.add({"camera", "camera", "source, resolution, frame rate, drops and reconnects", false,
               [u](const Args& args, const Caller&) { return camera(*u, args); }});
    table.add({"snapshot", "snapshot", "write the current frame to diag.snapshot_dir as JPEG", true,
               [u](const Args& args, const Caller&) { return snapshot(*u, args); }});
    table.add({"reads", "reads [COUNT]", "the last passages (plates masked without 'plates')",
               false,
               [u](const Args& args, const Caller& caller) { return reads(*u, args, caller); }});
    table.add({"hitlist", "hitlist", "the hit list's version, age and entries per category", false,
               [u](const Args& args, const Caller&) { return hitlist(*u, args); }});
    table.add({"outbox", "outbox [flush]",
               "queue depths, last delivery and error; flush (operate) sends now", false,
               [u](const Args& args, const Caller& caller) { return outbox(*u, args, caller); }});
    table.add({"gps", "gps", "the GPS fix and its distance from the configured site", false,
               [u](const Args& args, const Caller&) {
                   if (auto wrong = too_many(args, 0, "gps"); !wrong.ok) return wrong;
                   return service_text(*u->services, "gps");
               }});
    table.add({"time", "time", "the clock's source and error bound", false,
               [u](const Args& args, const Caller&) {
                   if (auto wrong = too_many(args, 0, "time"); !wrong.ok) return wrong;
                   auto reply = service_text(*u->services, "clock");
                   reply.text = "now " + core::utc_seconds_text(std::chrono::system_clock::now()) +
                                "\n" + reply.text;
                   return reply;
               }});
    table.add({"config", "config [SECTION]", "the effective config, secrets redacted", false,
               [u](const Args& args, const Caller&) { return config_text(*u, args); }});
    table.add({"log", "log level [LEVEL]", "show the log level, or set it (operate)", false,
               [](const Args& args, const Caller& caller) { return log_level(args, caller); }});
    table.add({"metrics", "metrics", "the metrics as Prometheus scrapes them", false,
               [u](const Args& args, const Caller&) {
                   if (auto wrong = too_many(args, 0, "metrics"); !wrong.ok) return wrong;
                   auto text = u->metrics();
                   if (!text.empty() && text.back() == '\n') text.pop_back();
                   return Reply{true, text};
               }});
    table.add({"selftest", "selftest", "the commissioning report: pass, warn or fail per check",
               false, [u](const Args& args, const Caller&) {
                   if (auto wrong = too_many(args, 0, "selftest"); !wrong.ok) return wrong;
                   auto [passed, text] = u->selftest();
                   return Reply{passed, text};
               }});
    table.add({"restart", "restart SERVICE", "stop and start one service", true,
               [u](const Args& args, const Caller&) { return restart(*u, args); }});
    return table;
}

}  // namespace anpr::diag
