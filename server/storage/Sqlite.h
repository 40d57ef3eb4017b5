#pragma once
// A thin RAII layer over SQLite: statements take bound parameters only, never spliced text.

#include "resv/model/Time.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace resv::server::storage {

class StorageError : public std::runtime_error {
public:
    StorageError(const std::string& what, int code)
        : std::runtime_error(what)
        , m_code(code) {}
    int Code() const { return m_code; }
    /// A UNIQUE, FOREIGN KEY or CHECK constraint refused the change.
    bool IsConstraint() const;

private:
    int m_code;
};

/// Milliseconds since the epoch: how times are stored (sortable, indexable, exact).
std::int64_t ToMillis(model::TimePoint t);
model::TimePoint FromMillis(std::int64_t millis);

class Statement {
public:
    Statement(sqlite3& db, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    Statement& operator=(Statement&&) = delete;

    /// Parameters are numbered from 1, as in SQL's `?1`.
    Statement& Bind(int index, std::string_view text);
    Statement& Bind(int index, const char* text) { return Bind(index, std::string_view(text)); }
    Statement& Bind(int index, std::int64_t value);
    Statement& Bind(int index, int value) { return Bind(index, static_cast<std::int64_t>(value)); }
    Statement& Bind(int index, bool value) { return Bind(index, value ? 1 : 0); }
    Statement& Bind(int index, model::TimePoint value) { return Bind(index, ToMillis(value)); }
    Statement& Bind(int index, std::nullopt_t);
    template <typename T>
    Statement& Bind(int index, const std::optional<T>& value) {
        return value ? Bind(index, *value) : Bind(index, std::nullopt);
    }

    /// Binds the arguments to ?1, ?2, ... in order.
    template <typename... Args>
    Statement& BindAll(const Args&... args) {
        int index = 0;
        (Bind(++index, args), ...);
        return *this;
    }

    /// Advances to the next row; false when there are no more.
    bool Step();
    /// Runs a statement that returns no rows.
    void Run();

    bool IsNull(int column) const;
    std::string Text(int column) const;
    std::optional<std::string> OptionalText(int column) const;
    std::int64_t Int(int column) const;
    std::optional<std::int64_t> OptionalInt(int column) const;
    bool Bool(int column) const { return Int(column) != 0; }
    model::TimePoint Time(int column) const { return FromMillis(Int(column)); }
    std::optional<model::TimePoint> OptionalTime(int column) const;

private:
    [[noreturn]] void Fail(int code) const;

    sqlite3* m_db;
    sqlite3_stmt* m_statement = nullptr;
};

class Connection {
public:
    /// Opens (creating if needed) with WAL, foreign keys on and a busy timeout.
    explicit Connection(const std::filesystem::path& file);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    Statement Prepare(std::string_view sql) { return Statement(*m_db, sql); }
    /// For fixed SQL only (schema, pragmas): it takes no parameters.
    void ExecuteScript(const std::string& sql);
    int Changes() const;

private:
    sqlite3* m_db = nullptr;
};

/// BEGIN IMMEDIATE (the write lock up front, so two writers never deadlock on an upgrade);
/// rolls back unless Commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    void Commit();

private:
    Connection& m_connection;
    bool m_done = false;
};

} // namespace resv::server::storage
