#pragma once
/// A thin RAII layer over SQLite: the database and its prepared statements
/// close themselves, and every failure comes back naming the file, what was
/// being done and SQLite's own words, with SQLite's result code kept so that
/// callers can tell a full disk from a broken one.

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace anpr::storage {

/// A failed SQLite call: the message for people, the code for callers.
struct SqliteError {
    int code = SQLITE_ERROR;  ///< primary result code: SQLITE_FULL, SQLITE_IOERR, ...
    std::string message;
    core::Error error() const { return core::Error{message}; }
};

class Statement {
  public:
    Statement(sqlite3_stmt* statement, std::string_view what, const std::filesystem::path& path);

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);

    /// One step: true while a row is there to read, false when done; an
    /// error is kept and returned by `error()`.
    bool step();
    /// Runs to the end, for statements that return no rows.
    bool run();
    /// The error of the last failed step, if any.
    const std::optional<SqliteError>& error() const { return error_; }

    std::int64_t integer(int column) const;
    std::string text(int column) const;

    void reset();

  private:
    std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement_;
    std::string what_;
    std::filesystem::path path_;
    std::optional<SqliteError> error_;
};

class SqliteDb {
  public:
    /// Opens (creating when `create`) the database at `path` with a busy
    /// timeout, so that a reader in another process delays rather than fails.
    static core::Result<SqliteDb> open(const std::filesystem::path& path, bool create);

    /// Runs SQL that returns no rows; `what` says what it was for in errors.
    std::optional<SqliteError> exec(std::string_view sql, std::string_view what);
    /// A prepared statement; preparation fails only for a programming error
    /// or a database that is not ours, so it is reported as an Error.
    core::Result<Statement> prepare(std::string_view sql, std::string_view what);
    /// A single integer from a query such as "PRAGMA page_count".
    core::Result<std::int64_t> integer(std::string_view sql, std::string_view what);
    /// A single text from a query such as "PRAGMA journal_mode=WAL".
    core::Result<std::string> text(std::string_view sql, std::string_view what);

    /// The error SQLite reports for the last call, for `what`.
    SqliteError last_error(std::string_view what) const;
    const std::filesystem::path& path() const { return path_; }
    sqlite3* handle() const { return db_.get(); }

  private:
    /// A query's statement, stepped onto its first row.
    core::Result<Statement> first_row(std::string_view sql, std::string_view what);

    SqliteDb(sqlite3* db, std::filesystem::path path)
        : db_(db, sqlite3_close_v2), path_(std::move(path)) {}
    std::unique_ptr<sqlite3, int (*)(sqlite3*)> db_;
    std::filesystem::path path_;
};

}  // namespace anpr::storage
