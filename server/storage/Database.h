#pragma once
// DIR/resv.db: a small pool of connections (SQLite in WAL mode lets readers run beside the one
// writer), migrated to the newest schema when opened.

#include "storage/Sqlite.h"

#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace resv::server::storage {

class Database {
public:
    /// Creates the file 0600 if missing, opens `poolSize` connections and applies migrations.
    Database(const std::filesystem::path& file, int poolSize);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    /// A connection for one thread until the lease ends.
    class Lease {
    public:
        Lease(Database& database, std::unique_ptr<Connection> connection);
        ~Lease();
        Lease(Lease&&) noexcept = default;
        Lease(const Lease&) = delete;
        Lease& operator=(const Lease&) = delete;
        Lease& operator=(Lease&&) = delete;

        Connection& operator*() const { return *m_connection; }
        Connection* operator->() const { return m_connection.get(); }

    private:
        Database* m_database;
        std::unique_ptr<Connection> m_connection;
    };

    Lease Acquire();

    const std::filesystem::path& File() const { return m_file; }

private:
    void Release(std::unique_ptr<Connection> connection);

    std::filesystem::path m_file;
    std::mutex m_mutex;
    std::condition_variable m_available;
    std::vector<std::unique_ptr<Connection>> m_idle;
};

} // namespace resv::server::storage
