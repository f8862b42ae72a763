#pragma once
/// The `anpr` tool's subcommands; each returns the process exit code.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "config/app_config.hpp"

namespace anpr::app {

struct ReadOptions {
    std::vector<std::filesystem::path> paths;
    bool json = false;
};

/// `anpr read`: 0 when every image was read, 1 when any failed, 2 on a bad path.
int run_read(const config::AppConfig& config, const ReadOptions& options);

struct EvalOptions {
    std::filesystem::path truth;
    std::optional<std::filesystem::path> images;  ///< read these images now...
    std::optional<std::filesystem::path> reads;   ///< ...or score saved `anpr read --json` output
    std::optional<double> min_exact;              ///< fail (exit 1) below this folded exact %
};

/// `anpr eval`: prints the report; 0, or 1 below --min-exact, 2 on bad input.
int run_eval(const config::AppConfig& config, const EvalOptions& options);

struct BenchOptions {
    std::vector<std::filesystem::path> paths;
    int repeat = 1;  ///< passes over the images and videos
};

/// `anpr bench`: per-stage median and p95 ms, frames per second and peak
/// resident memory, on one thread, over images and the frames of video files
/// (capture::is_video_file); 0, or 1 when a frame failed, 2 on bad input.
int run_bench(const config::AppConfig& config, const BenchOptions& options);

struct PassagesOptions {
    std::vector<std::filesystem::path> videos;
    bool json = false;
    std::optional<std::filesystem::path> truth;  ///< score the one video against this
    std::optional<double> min_recall;            ///< with truth: exit 1 below this %
};

/// `anpr passages`: one line (or JSON object) per vehicle passage of each
/// video, its text voted over the frames; with --truth, the score. 0, or 1
/// when a frame failed or recall is below --min-recall, 2 on bad input.
int run_passages(const config::AppConfig& config, const PassagesOptions& options);

struct OutboxOptions {
    bool records = false;       ///< print the waiting records, one JSON per line
    bool dead_letters = false;  ///< print the dead letters, one JSON per line
};

/// `anpr outbox`: what waits in the configured outbox (outbox.path): counts,
/// or the records, or the dead letters with why; 0, or 2 when it cannot be read.
int run_outbox(const config::AppConfig& config, const OutboxOptions& options);

struct UplinkBenchOptions {
    int records = 100000;
    std::filesystem::path frame = "images/be_01.jpg";  ///< its first read is copied
};

/// `anpr bench-uplink`: fills a fresh outbox (outbox.path, which must not
/// exist) with copies of a real read record, then lets the uplink send them
/// to uplink.url: commits per second, size on disk per 100,000 records, and
/// records per second delivered. 0, 1 when not all were delivered, 2 on bad input.
int run_uplink_bench(const config::AppConfig& config, const UplinkBenchOptions& options);

struct VerifyOptions {
    std::filesystem::path key;      ///< the unit's public key, PEM
    std::filesystem::path records;  ///< JSON lines, one signed record each; "-": standard input
};

/// `anpr verify`: checks a stream of one unit's signed records against its
/// public key (evidence/chain_verifier.hpp). Prints "OK: ..." and returns 0,
/// or prints the first break, "line L (seq S, id I): why", and returns 1 (also
/// for a stream without records); 2 when the key or the file cannot be read.
int run_verify(const VerifyOptions& options);

struct KeygenOptions {
    std::filesystem::path out;  ///< folder for signing.key and signing.pub
};

/// `anpr keygen`: a new Ed25519 key pair for a unit, written to
/// out/signing.key (mode 0600) and out/signing.pub; 0, or 2 when either exists or
/// cannot be written.
int run_keygen(const KeygenOptions& options);

struct SectionOptions {
    std::filesystem::path store;  ///< the reference receiver's SQLite store
    std::string from;             ///< unit id of the section's entry
    std::string to;               ///< unit id of its exit
    double distance_m = 0;
    double window_min = 60;  ///< a read at B pairs with A's only this soon after
};

/// `anpr section`: each plate read at `from`, then at `to`, with its average
/// speed over the distance and the range both units' clock errors allow,
/// and whether both reads were fit for speed enforcement. 0, 2 on bad input.
int run_section(const SectionOptions& options);

struct HitlistSignOptions {
    std::filesystem::path key;      ///< the list authority's signing.key
    std::filesystem::path entries;  ///< CSV: plate,country,category,priority,expires_utc,action
    std::filesystem::path out;
    std::uint64_t version = 0;
    std::optional<std::uint64_t> delta_from;  ///< a delta from this version, else a full list
    double valid_days = 7;
};

/// `anpr hitlist-sign`: the list authority's tool. Makes a signed hit list
/// (docs/hitlist.md) from a CSV of entries (and, for a delta, removals
/// "-,plate,country,category"), checks it as a unit would, and writes it.
/// 0, or 2 naming the line or file that is wrong.
int run_hitlist_sign(const HitlistSignOptions& options);

struct HitlistBenchOptions {
    std::size_t entries = 1'000'000;
    std::size_t passages = 20'000;
};

/// `anpr bench-hitlist`: a random list of `entries`, its index's memory and
/// build time, and the time to match a passage (median, p99, max) on one core.
int run_hitlist_bench(const HitlistBenchOptions& options);

struct SelftestOptions {
    int frames = 50;  ///< frames to read from capture.source, at most (20 s at most)
    std::optional<std::filesystem::path> report;  ///< also write the report here
    bool json = false;                            ///< the report as one JSON object
};

/// `anpr selftest`: the commissioning report (diag/selftest.hpp) on frames
/// read now from capture.source and the unit's services as they stand. A
/// camera that cannot be opened is a FAIL line of it. 0 when no check
/// failed (warnings allowed), 1 when one did, 2 on bad input (a source that
/// cannot be opened, missing models, a report that cannot be written).
int run_selftest_command(const config::AppConfig& config, const SelftestOptions& options);

struct ShellOptions {
    std::string address = "127.0.0.1:7070";  ///< the unit's shell, HOST:PORT
    std::string user;                        ///< the account; empty: $USER
    std::vector<std::string> commands;       ///< run these and leave; none: interactive
    std::optional<std::filesystem::path> ca;    ///< TLS: the CA of the unit's certificate
    std::optional<std::filesystem::path> cert;  ///< TLS: this technician's certificate
    std::optional<std::filesystem::path> key;   ///< TLS: its key
};

/// `anpr shell`: logs in to a unit's diagnostics shell (diag/shell_server.hpp)
/// with the password from ANPR_SHELL_PASSWORD, the terminal (not echoed) or
/// standard input, then runs the --command lines (bodies to stdout, errors to
/// stderr) or reads commands with readline. 0 when all answered OK, 1 when
/// one did not (or the unit ended the session), 2 when it could not connect
/// or log in.
int run_shell(const ShellOptions& options);

struct ShellAccountOptions {
    std::string name;
    std::string rights = "-";  ///< "plates", "operate", "plates,operate" or "-"
};

/// `anpr shell-account`: asks for a new password (twice on a terminal; at
/// least 12 characters) and prints the diag.accounts line with its scrypt
/// hash. 0, or 2 on a bad name, rights or password.
int run_shell_account(const ShellAccountOptions& options);

struct ProvisionOptions {
    std::filesystem::path config;        ///< the unit's config: read when it exists, then written
    std::optional<std::string> unit_id;  ///< unit.id
    std::optional<std::string> site_id;  ///< unit.site
    /// unit.latitude, longitude and heading as typed: read here, so that "abc"
    /// is reported with every other problem.
    std::optional<std::string> latitude;
    std::optional<std::string> longitude;
    std::optional<std::string> heading;
    std::vector<std::string> lanes;     ///< "NAME=x0,y0,x1,y1,...": all of lanes.names and polygons
    std::optional<std::string> source;  ///< capture.source
    std::optional<std::string> central_url;     ///< uplink.url
    std::optional<std::string> hitlist_url;     ///< hitlist.url
    std::optional<std::filesystem::path> ca;    ///< the network CA, installed as tls/ca.pem
    std::optional<std::filesystem::path> cert;  ///< the unit's certificate, as tls/unit.pem
    std::optional<std::filesystem::path> key;   ///< and its key, as tls/unit.key
    std::optional<std::filesystem::path> authority_key;  ///< hitlist.authority_key
    std::vector<std::string> accounts;  ///< "NAME:HASH:RIGHTS": added to diag.accounts, by NAME
    bool dry_run = false;               ///< print the resulting config, write nothing
};

/// `anpr provision`: commissions a unit (docs/provisioning.md). Applies the
/// options to the config file (or the defaults when it does not exist),
/// checks the result as the unit would (every key, and the files it names:
/// app/config_check.hpp), then installs the TLS files into the config's
/// folder, tls/, and writes the config, each atomically. 0 when written (or
/// nothing changed, or a dry run); 2 with every problem, one line each, and
/// nothing written.
int run_provision(const ProvisionOptions& options);

}  // namespace anpr::app
