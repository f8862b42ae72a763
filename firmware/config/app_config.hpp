#pragma once
/// The unit's whole configuration: one struct per stage or service, defaults
/// in code, loaded from one TOML file (see config/anpr.toml for every key).

#include <filesystem>
#include <string>
#include <vector>

#include "geo/gps_config.hpp"
#include "plates/plates.hpp"

namespace anpr::config {

struct UnitConfig {
    std::string id = "unit-0000";    ///< unique per unit; names the unit in every read record
    std::string site = "site-0000";  ///< where the unit stands
    /// Where the unit stands, WGS 84 degrees, until GPS gives it; every record carries it.
    double latitude = 0.0;   ///< -90..90
    double longitude = 0.0;  ///< -180..180
    /// Which way the camera looks, degrees clockwise from true north, 0 up to
    /// (not including) 360; negative: not known. Records carry it when known.
    double heading = -1.0;
};

struct LogConfig {
    std::string level = "info";  ///< trace, debug, info, warn, error, critical, off
    std::filesystem::path file;  ///< empty: console only
};

struct CaptureConfig {
    /// Where frames come from: a folder of JPEG/PNG images (read in name
    /// order), a video file (.mp4, .mkv, .avi, .mov, .webm), a network stream
    /// (rtsp://, rtsps://, http://, https://) or a V4L2 camera (v4l2:///dev/video0).
    std::string source = "images";
    bool loop = false;    ///< start the folder again after the last frame
    int interval_ms = 0;  ///< pause between frames of a folder, 0..60000
    /// Live sources: the first pause before opening a lost stream or camera
    /// again, s; each failed attempt doubles it up to reconnect_max_s.
    float reconnect_min_s = 0.5f;
    float reconnect_max_s = 30.f;  ///< s, >= reconnect_min_s, ..3600
    float stream_timeout_s = 5.f;  ///< a stream silent this long is lost, s, 0.5..60
};

struct LocalizeConfig {
    /// "detector" (the project's learned plate detector) or "classic" (rows of
    /// character-like blobs, no model needed).
    std::string engine = "detector";
    /// The detector's ONNX model (engine "detector").
    std::filesystem::path model = "models/plate_detector.onnx";
    float min_score = 0.3f;     ///< detector: plates scored below this are dropped, 0..1
    int max_candidates = 12;    ///< regions passed to the reader, 1..64
    int min_plate_width = 40;   ///< px, 8..4000
    int max_plate_width = 800;  ///< px, >= min_plate_width, ..8000
};

struct PipelineConfig {
    /// Frames read at once, each on a thread with its own reader (models and
    /// Tesseract: about 40 MB each), 1..8. More than the cores is no faster.
    int threads = 1;
    /// Videos and live sources: skip reading frames where nothing moved
    /// while no plate is being followed (empty road).
    bool motion_gate = true;
};

struct OcrConfig {
    /// "tesseract", "cnn", or "tesseract+cnn" (both read every region, readings merged).
    std::string engine = "tesseract+cnn";
    /// The CNN reader's ONNX model (engine "cnn").
    std::filesystem::path model = "models/plate_reader.onnx";
    std::filesystem::path tessdata;  ///< Tesseract: empty means Tesseract's default folder
    std::string language = "eng";    ///< Tesseract: its language data
    float min_confidence = 0.35f;    ///< reads below this are not reported, 0..1
};

/// Lanes seen by the camera: a region of interest each. Plates read outside
/// every lane are ignored (the other carriageway, a car park); passages name
/// their lane. None: the whole picture, passages without a lane.
struct LanesConfig {
    std::vector<std::string> names;  ///< e.g. ["1", "2"], one per polygon
    /// Each lane's outline in frame pixels, x0, y0, x1, y1, ... (3 points at least).
    std::vector<std::vector<int>> polygons;
};

/// Following plates across the frames of a video or stream (tracking/).
struct TrackingConfig {
    /// A vehicle's passage ends when its plate has not been read for this long, s, 0.05..10.
    float max_gap_s = 0.6f;
    /// Passages read in fewer frames are not reported (a still image counts as one), 1..100.
    int min_frames = 2;
    /// A read belongs to a plate's track when its box overlaps where the
    /// plate was expected by at least this share (intersection over union),
    /// or lies within one plate width of it, 0..1.
    float min_overlap = 0.1f;
    /// ...and its text is at most this many edits from the track's, 0..8.
    int max_text_edits = 3;
    /// The timing line for section control: the row where a passage's time is
    /// taken, as a share of the picture's height from its top, 0.05..0.95.
    float timing_line = 0.6f;
};

/// The durable outbox (uplink/outbox.hpp): records wait here until the
/// central network acknowledges them.
struct OutboxConfig {
    std::filesystem::path path = "out/outbox.db";  ///< SQLite database, created when missing
    /// Most disk space for waiting records, MB, 1..1000000. When it is full,
    /// new ordinary records are refused and counted; hit alerts may use a
    /// further tenth (docs/uplink.md).
    int quota_mb = 1024;
    int crop_max_kb = 8;  ///< largest plate crop JPEG in a record, KiB, 1..16
};

/// Delivery to the central network over HTTPS with mutual TLS (uplink/).
struct UplinkConfig {
    /// The central receiver's endpoint, e.g. "https://central.example:8443/v1/reads".
    /// Empty: records stay in the outbox and nothing is sent. Only https:// is accepted.
    std::string url;
    std::filesystem::path ca_file;    ///< the network's private CA (PEM); the only one trusted
    std::filesystem::path cert_file;  ///< this unit's certificate (PEM)
    std::filesystem::path key_file;   ///< this unit's private key (PEM), mode 0600
    int batch = 100;                  ///< records per request, 1..1000
    float connect_timeout_s = 10.f;   ///< s, 0.1..120
    float timeout_s = 30.f;           ///< a whole request, s, 0.1..600
    /// Pause after a failed request, s; doubled after each further failure
    /// up to retry_max_s, with random jitter.
    float retry_min_s = 1.f;
    float retry_max_s = 300.f;  ///< s, >= retry_min_s, ..86400
    /// When the source ends (a file or folder), keep sending this long for
    /// the outbox to empty before the unit exits, s, 0..3600.
    float drain_s = 10.f;
};

/// The clock (timekeeping/): how good it must be for speed enforcement.
struct TimeConfig {
    /// Reads whose clock error bound is larger, or unknown, are marked unfit
    /// for speed enforcement (section control), ms, 0.01..10000.
    float max_error_ms = 5.f;
};

/// Signed records (evidence/): the unit's Ed25519 key.
struct EvidenceConfig {
    /// Folder of signing.key (PEM, mode 0600), which signs every record, and
    /// signing.pub, to register with the network. Both are made on the first
    /// start when missing.
    std::filesystem::path key_dir = "out";
};

/// The hit list (hitlist/): where it comes from and how passages are matched.
struct HitlistConfig {
    /// The list authority's Ed25519 public key (PEM): lists it did not sign
    /// are refused. Empty: the unit holds no hit list and matches nothing.
    std::filesystem::path authority_key;
    /// The central network's hit list endpoint, e.g.
    /// "https://central.example:8443/v1/hitlist", fetched with uplink's CA,
    /// certificate and key. Empty: no sync; the stored list is used.
    std::string url;
    std::filesystem::path store = "out/hitlist.db";  ///< the active list, kept across restarts
    float refresh_s = 300.f;    ///< how often to ask for a newer list, s, 1..86400
    int max_mb = 256;           ///< larger lists are refused, MiB, 1..4096
    int max_substitutions = 1;  ///< look-alike swaps a match may need, 0..3
};

/// What the camera is for, as the coordination cell decided: each purpose
/// enables hit list categories and says whether passages that hit nothing
/// are uploaded at all.
struct PurposeConfig {
    std::vector<std::string> purposes = {"traffic_safety", "crime_fighting"};
    std::vector<std::string> traffic_safety_categories = {"no_insurance", "no_technical_inspection",
                                                          "low_emission_zone"};
    std::vector<std::string> crime_fighting_categories = {"stolen_vehicle", "wanted_person",
                                                          "watch"};
    bool traffic_safety_uploads_passages = false;
    bool crime_fighting_uploads_passages = true;
    /// Passages that hit nothing and are not delivered after this long are
    /// deleted from the outbox, h, 0.01..8760.
    float retention_h = 24.f;
};

/// The diagnostics shell and health reporting (diag/).
struct DiagConfig {
    /// Where the shell listens, "HOST:PORT"; port 0 takes a free one (logged).
    /// Anywhere but loopback needs tls_ca, tls_cert and tls_key. Empty: no
    /// shell. The shell also stays off while no account is configured.
    std::string listen = "127.0.0.1:7070";
    /// Technicians' accounts, "NAME:PASSWORD-HASH:RIGHTS" each, made with
    /// `anpr shell-account`; RIGHTS is a comma-separated subset of "plates"
    /// (see plates in `reads`) and "operate" (snapshot, flush, log level,
    /// restart), or "-" for none. There is no default account.
    std::vector<std::string> accounts;
    /// Remote use: the shell speaks TLS and asks each client for a
    /// certificate signed by tls_ca whose common name is the account that
    /// logs in. All three or none.
    std::filesystem::path tls_ca;
    std::filesystem::path tls_cert;
    std::filesystem::path tls_key;
    int max_connections = 16;      ///< clients at once; more are turned away, 1..1000
    int max_line_bytes = 4096;     ///< a longer line ends its session, 64..1048576
    float idle_timeout_s = 600.f;  ///< a silent session is closed, s, 1..86400
    int max_failed_logins =
        5;                    ///< failures in a row before an account or address is locked, 1..100
    float lockout_s = 300.f;  ///< how long it stays locked, s, 1..86400
    std::filesystem::path snapshot_dir = "out/snapshots";  ///< where `snapshot` writes frames
    /// Prometheus metrics over HTTP, "HOST:PORT" (loopback only), at /metrics.
    /// Empty: none. An address in use is logged and the unit reads on.
    std::string metrics = "127.0.0.1:9464";
};

struct AppConfig {
    UnitConfig unit;
    LogConfig log;
    CaptureConfig capture;
    LocalizeConfig localize;
    OcrConfig ocr;
    PipelineConfig pipeline;
    plates::PlatesConfig plates;
    LanesConfig lanes;
    TrackingConfig tracking;
    OutboxConfig outbox;
    UplinkConfig uplink;
    TimeConfig time;
    geo::GpsConfig gps;
    EvidenceConfig evidence;
    HitlistConfig hitlist;
    PurposeConfig purpose;
    DiagConfig diag;
};

}  // namespace anpr::config
