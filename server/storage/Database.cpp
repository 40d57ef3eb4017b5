#include "storage/Database.h"

#include "storage/Migrations.h"
#include "util/Files.h"

namespace resv::server::storage {

Database::Database(const std::filesystem::path& file, int poolSize)
    : m_file(file) {
    // SQLite gives its -wal and -shm files the mode of the database file.
    util::CreateFileIfMissing(file, util::kPrivateFileMode);
    for (int i = 0; i < std::max(1, poolSize); ++i) {
        m_idle.push_back(std::make_unique<Connection>(file));
    }
    ApplyMigrations(*m_idle.front());
}

Database::~Database() = default;

Database::Lease::Lease(Database& database, std::unique_ptr<Connection> connection)
    : m_database(&database)
    , m_connection(std::move(connection)) {}

Database::Lease::~Lease() {
    if (m_connection) {
        m_database->Release(std::move(m_connection));
    }
}

Database::Lease Database::Acquire() {
    std::unique_lock lock(m_mutex);
    m_available.wait(lock, [this] { return !m_idle.empty(); });
    std::unique_ptr<Connection> connection = std::move(m_idle.back());
    m_idle.pop_back();
    return Lease(*this, std::move(connection));
}

void Database::Release(std::unique_ptr<Connection> connection) {
    {
        std::lock_guard lock(m_mutex);
        m_idle.push_back(std::move(connection));
    }
    m_available.notify_one();
}

} // namespace resv::server::storage
