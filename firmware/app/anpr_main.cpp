// anpr: the command-line tool for installers, technicians and developers.
#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "app/config_option.hpp"

int main(int argc, char** argv) {
    CLI::App cli{"anpr: read number plates from images and measure how well they are read"};
    cli.require_subcommand(1);
    std::optional<std::filesystem::path> config_file;
    cli.add_option("-c,--config", config_file, "TOML config file (default: built-in defaults)")
        ->check(CLI::ExistingFile);

    anpr::app::ReadOptions read;
    auto* read_cmd =
        cli.add_subcommand("read", "read the plates in JPEG/PNG files or folders of them");
    read_cmd->add_flag("--json", read.json, "one JSON object per image and line");
    read_cmd->add_option("paths", read.paths, "image files or folders")->required();

    anpr::app::EvalOptions eval;
    std::filesystem::path images;
    auto* eval_cmd = cli.add_subcommand(
        "eval", "score reads against a ground-truth CSV (image,plate_text,x,y,w,h)");
    eval_cmd->add_option("--truth", eval.truth, "ground_truth.csv")->required();
    auto* images_opt = eval_cmd->add_option("folder", images, "folder of the images to read now");
    auto* reads_opt = eval_cmd->add_option("--reads", eval.reads,
                                           "saved output of 'anpr read --json' to score instead");
    eval_cmd->add_option("--min-exact", eval.min_exact,
                         "exit 1 when the folded exact-match % is below this");
    images_opt->excludes(reads_opt);
    eval_cmd->callback([&] {
        if (images_opt->count() == 0 && reads_opt->count() == 0)
            throw CLI::ValidationError("give a folder or --reads");
    });

    anpr::app::BenchOptions bench;
    auto* bench_cmd = cli.add_subcommand(
        "bench", "time each stage on images or videos, one thread: median and p95 ms, fps, memory");
    bench_cmd->add_option("paths", bench.paths, "image or video files, or folders of images")
        ->required();
    bench_cmd->add_option("--repeat", bench.repeat, "passes over the images")
        ->check(CLI::Range(1, 1000));

    anpr::app::PassagesOptions passages;
    auto* passages_cmd = cli.add_subcommand(
        "passages", "one read per vehicle passage in video files, voted over its frames");
    passages_cmd->add_option("videos", passages.videos, "video files")->required();
    passages_cmd->add_flag("--json", passages.json, "one JSON object per passage and line");
    passages_cmd->add_option("--truth", passages.truth,
                             "score against this ground truth (the video renderer's JSON)");
    passages_cmd->add_option("--min-recall", passages.min_recall,
                             "with --truth: exit 1 when the passage recall % is below this");

    anpr::app::OutboxOptions outbox;
    auto* outbox_cmd = cli.add_subcommand(
        "outbox", "what waits in the unit's outbox (outbox.path) to be sent to the network");
    auto* records_opt =
        outbox_cmd->add_flag("--records", outbox.records, "print the waiting records, JSON lines");
    outbox_cmd
        ->add_flag("--dead-letters", outbox.dead_letters,
                   "print the records the receiver refused, with why, JSON lines")
        ->excludes(records_opt);

    anpr::app::UplinkBenchOptions uplink_bench;
    auto* uplink_bench_cmd = cli.add_subcommand(
        "bench-uplink",
        "fill a fresh outbox and send it to uplink.url: commits/s, MB per 100,000, records/s");
    uplink_bench_cmd->add_option("--records", uplink_bench.records, "records to produce and send")
        ->check(CLI::Range(1, 10000000));
    uplink_bench_cmd->add_option("--frame", uplink_bench.frame, "image whose first read is copied")
        ->check(CLI::ExistingFile);

    anpr::app::VerifyOptions verify;
    auto* verify_cmd = cli.add_subcommand(
        "verify", "check a stream of a unit's signed records against its public key");
    verify_cmd->add_option("--key", verify.key, "the unit's public key (signing.pub, PEM)")
        ->required();
    verify_cmd->add_option("records", verify.records, "JSON lines file of records, - for stdin")
        ->required();

    anpr::app::KeygenOptions keygen;
    auto* keygen_cmd = cli.add_subcommand(
        "keygen", "make a unit's Ed25519 signing key: DIR/signing.key (0600) and DIR/signing.pub");
    keygen_cmd->add_option("--out", keygen.out, "folder to write them to")->required();

    anpr::app::SectionOptions section;
    auto* section_cmd = cli.add_subcommand(
        "section", "average speeds between two units from the receiver's store (pilot tool)");
    section_cmd->add_option("--store", section.store, "the reference receiver's database")
        ->required();
    section_cmd->add_option("--from", section.from, "unit id at the section's entry")->required();
    section_cmd->add_option("--to", section.to, "unit id at its exit")->required();
    section_cmd->add_option("--distance-m", section.distance_m, "length of the section, m")
        ->required()
        ->check(CLI::Range(1.0, 1e6));
    section_cmd
        ->add_option("--window-min", section.window_min,
                     "pair reads at most this many minutes apart (default 60)")
        ->check(CLI::Range(0.1, 10080.0));

    anpr::app::HitlistSignOptions hitlist_sign;
    auto* hitlist_sign_cmd = cli.add_subcommand(
        "hitlist-sign", "the list authority's tool: a signed hit list from a CSV of entries");
    hitlist_sign_cmd->add_option("--key", hitlist_sign.key, "the authority's signing.key")
        ->required()
        ->check(CLI::ExistingFile);
    hitlist_sign_cmd->add_option("--version", hitlist_sign.version, "the list's version, >= 1")
        ->required()
        ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 62));
    hitlist_sign_cmd->add_option("--delta-from", hitlist_sign.delta_from,
                                 "make a delta onto this version (default: a full list)");
    hitlist_sign_cmd
        ->add_option("--valid-days", hitlist_sign.valid_days,
                     "units refuse the list this many days after it is made (default 7)")
        ->check(CLI::Range(0.001, 366.0));
    hitlist_sign_cmd->add_option("--out", hitlist_sign.out, "the signed list to write")->required();
    hitlist_sign_cmd
        ->add_option("entries", hitlist_sign.entries,
                     "CSV: plate,country,category,priority,expires_utc,action; "
                     "-,plate,country,category removes (deltas)")
        ->required();

    anpr::app::HitlistBenchOptions hitlist_bench;
    auto* hitlist_bench_cmd = cli.add_subcommand(
        "bench-hitlist", "match time per passage and memory with a large random hit list");
    hitlist_bench_cmd->add_option("--entries", hitlist_bench.entries, "entries in the list")
        ->check(CLI::Range(1, 50'000'000));
    hitlist_bench_cmd->add_option("--passages", hitlist_bench.passages, "passages matched")
        ->check(CLI::Range(1, 10'000'000));

    anpr::app::SelftestOptions selftest;
    auto* selftest_cmd = cli.add_subcommand(
        "selftest",
        "commissioning report: camera, focus, exposure, reads, GPS, clock, disk, "
        "outbox, uplink, hit list; each pass, warn or fail");
    selftest_cmd
        ->add_option("--frames", selftest.frames, "frames to read (default 50, 20 s at most)")
        ->check(CLI::Range(1, 10000));
    selftest_cmd->add_option("--report", selftest.report, "also write the report to this file");
    selftest_cmd->add_flag("--json", selftest.json, "the report as one JSON object");

    anpr::app::ShellOptions shell;
    auto* shell_cmd = cli.add_subcommand(
        "shell", "log in to a unit's diagnostics shell: interactive, or run --command lines");
    shell_cmd->add_option("address", shell.address, "HOST:PORT (default 127.0.0.1:7070)");
    shell_cmd->add_option("-u,--user", shell.user, "the account (default $USER)");
    shell_cmd
        ->add_option("-c,--command", shell.commands,
                     "run this line and leave (repeatable); exit 1 if any fails")
        ->allow_extra_args(false);
    auto* shell_ca = shell_cmd->add_option("--ca", shell.ca, "TLS: CA of the unit's certificate")
                         ->check(CLI::ExistingFile);
    auto* shell_cert =
        shell_cmd->add_option("--cert", shell.cert, "TLS: your certificate (CN = the account)")
            ->check(CLI::ExistingFile);
    auto* shell_key = shell_cmd->add_option("--key", shell.key, "TLS: your certificate's key")
                          ->check(CLI::ExistingFile);
    shell_cert->needs(shell_ca)->needs(shell_key);
    shell_key->needs(shell_cert);

    anpr::app::ShellAccountOptions shell_account;
    auto* shell_account_cmd = cli.add_subcommand(
        "shell-account", "make a diagnostics shell account line for diag.accounts");
    shell_account_cmd->add_option("name", shell_account.name, "the account's name")->required();
    shell_account_cmd->add_option("--rights", shell_account.rights,
                                  "plates, operate, plates,operate or - for none (default -)");

    anpr::app::ProvisionOptions provision;
    auto* provision_cmd = cli.add_subcommand(
        "provision",
        "commission a unit: set its identity, place, camera, network and TLS files in its "
        "config, all checked first; nothing is written when anything is wrong");
    provision_cmd
        ->add_option("--config", provision.config,
                     "the unit's config, e.g. /etc/anpr/anpr.toml (read when it exists)")
        ->required();
    provision_cmd->add_option("--unit-id", provision.unit_id, "unit.id");
    provision_cmd->add_option("--site-id", provision.site_id, "unit.site");
    provision_cmd->add_option("--latitude", provision.latitude, "unit.latitude, WGS 84 degrees");
    provision_cmd->add_option("--longitude", provision.longitude, "unit.longitude, WGS 84 degrees");
    provision_cmd->add_option("--heading", provision.heading,
                              "unit.heading: where the camera looks, degrees from true north "
                              "(0 up to 360; negative: not known)");
    provision_cmd
        ->add_option("--lane", provision.lanes,
                     "NAME=x0,y0,x1,y1,...: a lane's outline in frame pixels (repeatable; "
                     "replaces every lane)")
        ->allow_extra_args(false);
    provision_cmd->add_option("--source", provision.source, "capture.source: the camera");
    provision_cmd->add_option("--central-url", provision.central_url,
                              "uplink.url: the central receiver, https://");
    provision_cmd->add_option("--hitlist-url", provision.hitlist_url,
                              "hitlist.url: the hit list endpoint, https://");
    provision_cmd->add_option("--ca", provision.ca,
                              "the network CA (PEM), installed as tls/ca.pem beside the config");
    provision_cmd->add_option("--cert", provision.cert,
                              "the unit's certificate (PEM, CN = unit id), as tls/unit.pem");
    provision_cmd->add_option("--key", provision.key,
                              "the certificate's private key (PEM), as tls/unit.key");
    provision_cmd->add_option("--authority-key", provision.authority_key,
                              "hitlist.authority_key: the list authority's public key (PEM)");
    provision_cmd
        ->add_option("--account", provision.accounts,
                     "NAME:HASH:RIGHTS from 'anpr shell-account': added to diag.accounts, or in "
                     "place of NAME's (repeatable)")
        ->allow_extra_args(false);
    provision_cmd->add_flag("--dry-run", provision.dry_run,
                            "print the resulting config and write nothing");

    CLI11_PARSE(cli, argc, argv);
    if (provision_cmd->parsed()) return anpr::app::run_provision(provision);
    if (shell_cmd->parsed()) return anpr::app::run_shell(shell);
    if (shell_account_cmd->parsed()) return anpr::app::run_shell_account(shell_account);
    if (!images.empty()) eval.images = images;

    auto config = anpr::app::config_from(config_file);
    if (!config) {
        std::cerr << "anpr: " << config.error().message << "\n";
        return 2;
    }
    if (read_cmd->parsed()) return anpr::app::run_read(config.value(), read);
    if (bench_cmd->parsed()) return anpr::app::run_bench(config.value(), bench);
    if (passages_cmd->parsed()) return anpr::app::run_passages(config.value(), passages);
    if (outbox_cmd->parsed()) return anpr::app::run_outbox(config.value(), outbox);
    if (section_cmd->parsed()) return anpr::app::run_section(section);
    if (uplink_bench_cmd->parsed())
        return anpr::app::run_uplink_bench(config.value(), uplink_bench);
    if (verify_cmd->parsed()) return anpr::app::run_verify(verify);
    if (keygen_cmd->parsed()) return anpr::app::run_keygen(keygen);
    if (hitlist_sign_cmd->parsed()) return anpr::app::run_hitlist_sign(hitlist_sign);
    if (hitlist_bench_cmd->parsed()) return anpr::app::run_hitlist_bench(hitlist_bench);
    if (selftest_cmd->parsed()) return anpr::app::run_selftest_command(config.value(), selftest);
    return anpr::app::run_eval(config.value(), eval);
}
