#include "storage/sqlite_db.hpp"

namespace anpr::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;

SqliteError error_of(sqlite3* db, int code, std::string_view what,
                     const std::filesystem::path& path) {
    const char* words = db ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    return SqliteError{code & 0xff,
                       "'" + path.string() + "': " + std::string(what) + " failed: " + words};
}

}  // namespace

Statement::Statement(sqlite3_stmt* statement, std::string_view what,
                     const std::filesystem::path& path)
    : statement_(statement, sqlite3_finalize), what_(what), path_(path) {}

Statement& Statement::bind(int index, std::int64_t value) {
    sqlite3_bind_int64(statement_.get(), index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT,
                        SQLITE_UTF8);
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    sqlite3_bind_blob64(statement_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(statement_.get(), index);
    return *this;
}

bool Statement::step() {
    const int code = sqlite3_step(statement_.get());
    if (code == SQLITE_ROW) return true;
    if (code != SQLITE_DONE) {
        error_ = error_of(sqlite3_db_handle(statement_.get()), code, what_, path_);
    }
    return false;
}

bool Statement::run() {
    while (step()) {
    }
    return !error_;
}

std::int64_t Statement::integer(int column) const {
    return sqlite3_column_int64(statement_.get(), column);
}

std::string Statement::text(int column) const {
    const auto* bytes = static_cast<const char*>(sqlite3_column_blob(statement_.get(), column));
    const int size = sqlite3_column_bytes(statement_.get(), column);
    return bytes ? std::string(bytes, static_cast<std::size_t>(size)) : std::string();
}

void Statement::reset() {
    sqlite3_reset(statement_.get());
    sqlite3_clear_bindings(statement_.get());
    error_.reset();
}

core::Result<SqliteDb> SqliteDb::open(const std::filesystem::path& path, bool create) {
    sqlite3* raw = nullptr;
    const int flags =
        SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_FULLMUTEX;
    const int code = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    SqliteDb db(raw, path);
    if (code != SQLITE_OK) return error_of(raw, code, "opening", path).error();
    sqlite3_busy_timeout(raw, kBusyTimeoutMs);
    sqlite3_extended_result_codes(raw, 1);
    return db;
}

std::optional<SqliteError> SqliteDb::exec(std::string_view sql, std::string_view what) {
    const int code = sqlite3_exec(db_.get(), std::string(sql).c_str(), nullptr, nullptr, nullptr);
    if (code == SQLITE_OK) return std::nullopt;
    return error_of(db_.get(), code, what, path_);
}

core::Result<Statement> SqliteDb::prepare(std::string_view sql, std::string_view what) {
    sqlite3_stmt* raw = nullptr;
    const int code = sqlite3_prepare_v3(db_.get(), sql.data(), static_cast<int>(sql.size()),
                                        SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    Statement statement(raw, what, path_);
    if (code != SQLITE_OK) return error_of(db_.get(), code, what, path_).error();
    return statement;
}

core::Result<Statement> SqliteDb::first_row(std::string_view sql, std::string_view what) {
    auto statement = prepare(sql, what);
    if (!statement) return statement.error();
    if (statement.value().step()) return statement;
    if (const auto& failed = statement.value().error()) return failed->error();
    return core::Error{"'" + path_.string() + "': " + std::string(what) + " returned nothing"};
}

core::Result<std::int64_t> SqliteDb::integer(std::string_view sql, std::string_view what) {
    auto row = first_row(sql, what);
    if (!row) return row.error();
    return row.value().integer(0);
}

core::Result<std::string> SqliteDb::text(std::string_view sql, std::string_view what) {
    auto row = first_row(sql, what);
    if (!row) return row.error();
    return row.value().text(0);
}

SqliteError SqliteDb::last_error(std::string_view what) const {
    return error_of(db_.get(), sqlite3_errcode(db_.get()), what, path_);
}

}  // namespace anpr::storage
