#include "storage/Sqlite.h"

#include <spdlog/spdlog.h>
#include <sqlite3.h>

namespace resv::server::storage {
namespace {

constexpr int kBusyTimeoutMs = 5000;

} // namespace

bool StorageError::IsConstraint() const {
    return (m_code & 0xff) == SQLITE_CONSTRAINT;
}

std::int64_t ToMillis(model::TimePoint t) {
    return t.time_since_epoch().count();
}

model::TimePoint FromMillis(std::int64_t millis) {
    return model::TimePoint{std::chrono::milliseconds{millis}};
}

Statement::Statement(sqlite3& db, std::string_view sql)
    : m_db(&db) {
    const int code =
        sqlite3_prepare_v2(m_db, sql.data(), static_cast<int>(sql.size()), &m_statement, nullptr);
    if (code != SQLITE_OK) {
        Fail(code);
    }
}

Statement::~Statement() {
    sqlite3_finalize(m_statement);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db)
    , m_statement(std::exchange(other.m_statement, nullptr)) {}

void Statement::Fail(int code) const {
    throw StorageError(std::string("SQLite: ") + sqlite3_errmsg(m_db), code);
}

Statement& Statement::Bind(int index, std::string_view text) {
    const int code = sqlite3_bind_text(m_statement, index, text.data(),
                                       static_cast<int>(text.size()), SQLITE_TRANSIENT);
    if (code != SQLITE_OK) {
        Fail(code);
    }
    return *this;
}

Statement& Statement::Bind(int index, std::int64_t value) {
    const int code = sqlite3_bind_int64(m_statement, index, value);
    if (code != SQLITE_OK) {
        Fail(code);
    }
    return *this;
}

Statement& Statement::Bind(int index, std::nullopt_t) {
    const int code = sqlite3_bind_null(m_statement, index);
    if (code != SQLITE_OK) {
        Fail(code);
    }
    return *this;
}

bool Statement::Step() {
    const int code = sqlite3_step(m_statement);
    if (code == SQLITE_ROW) {
        return true;
    }
    if (code == SQLITE_DONE) {
        return false;
    }
    Fail(sqlite3_extended_errcode(m_db));
}

void Statement::Run() {
    while (Step()) {
    }
}

bool Statement::IsNull(int column) const {
    return sqlite3_column_type(m_statement, column) == SQLITE_NULL;
}

std::string Statement::Text(int column) const {
    const auto* text = sqlite3_column_text(m_statement, column);
    const int length = sqlite3_column_bytes(m_statement, column);
    return text ? std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(length))
                : std::string();
}

std::optional<std::string> Statement::OptionalText(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<std::string>(Text(column));
}

std::int64_t Statement::Int(int column) const {
    return sqlite3_column_int64(m_statement, column);
}

std::optional<std::int64_t> Statement::OptionalInt(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<std::int64_t>(Int(column));
}

std::optional<model::TimePoint> Statement::OptionalTime(int column) const {
    return IsNull(column) ? std::nullopt : std::optional<model::TimePoint>(Time(column));
}

Connection::Connection(const std::filesystem::path& file) {
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int code = sqlite3_open_v2(file.c_str(), &m_db, flags, nullptr);
    if (code != SQLITE_OK) {
        const std::string message = m_db ? sqlite3_errmsg(m_db) : sqlite3_errstr(code);
        sqlite3_close(m_db);
        throw StorageError("cannot open " + file.string() + ": " + message, code);
    }
    sqlite3_extended_result_codes(m_db, 1);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    ExecuteScript("PRAGMA journal_mode = WAL;"
                  "PRAGMA synchronous = NORMAL;"
                  "PRAGMA foreign_keys = ON;"
                  "PRAGMA secure_delete = ON;"
                  // 16 MB of pages at most per connection (SQLite's default is 2 MB): the
                  // accounts list of a large tenant stays in memory between requests.
                  "PRAGMA cache_size = -16384;");
}

Connection::~Connection() {
    sqlite3_close_v2(m_db);
}

void Connection::ExecuteScript(const std::string& sql) {
    char* error = nullptr;
    const int code = sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error);
    if (code != SQLITE_OK) {
        const std::string message = error ? error : sqlite3_errstr(code);
        sqlite3_free(error);
        throw StorageError("SQLite: " + message, code);
    }
}

int Connection::Changes() const {
    return sqlite3_changes(m_db);
}

Transaction::Transaction(Connection& connection)
    : m_connection(connection) {
    m_connection.ExecuteScript("BEGIN IMMEDIATE");
}

Transaction::~Transaction() {
    if (m_done) {
        return;
    }
    try {
        m_connection.ExecuteScript("ROLLBACK");
    } catch (const StorageError& error) {
        spdlog::error("rollback failed: {}", error.what());
    }
}

void Transaction::Commit() {
    m_connection.ExecuteScript("COMMIT");
    m_done = true;
}

} // namespace resv::server::storage
