#include "audit/AccessLog.h"

namespace resv::server::audit {
namespace {

constexpr std::size_t kFlushAt = 5000;

} // namespace

AccessLog::AccessLog(const std::filesystem::path& file)
    : m_database(file) {
    m_database.ExecuteScript("CREATE TABLE IF NOT EXISTS access_log ("
                             " id INTEGER PRIMARY KEY,"
                             " at INTEGER NOT NULL,"
                             " method TEXT NOT NULL,"
                             " route TEXT NOT NULL,"
                             " status INTEGER NOT NULL,"
                             " latency_us INTEGER NOT NULL);"
                             "CREATE INDEX IF NOT EXISTS access_log_by_time ON access_log(at);");
}

void AccessLog::Record(AccessRecord record) {
    std::vector<AccessRecord> full;
    {
        std::lock_guard lock(m_pendingMutex);
        m_pending.push_back(std::move(record));
        if (m_pending.size() < kFlushAt) {
            return;
        }
        full.swap(m_pending);
    }
    std::lock_guard lock(m_databaseMutex);
    WriteLocked(std::move(full));
}

void AccessLog::Flush() {
    std::vector<AccessRecord> records;
    {
        std::lock_guard lock(m_pendingMutex);
        records.swap(m_pending);
    }
    std::lock_guard lock(m_databaseMutex);
    WriteLocked(std::move(records));
}

void AccessLog::WriteLocked(std::vector<AccessRecord> records) {
    if (records.empty()) {
        return;
    }
    storage::Transaction transaction(m_database);
    for (const auto& record : records) {
        storage::Statement row =
            m_database.Prepare("INSERT INTO access_log(at, method, route, status, latency_us) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)");
        row.BindAll(record.at, record.method, record.route, record.status, record.latencyMicros)
            .Run();
    }
    transaction.Commit();
}

int AccessLog::DeleteExpired(model::TimePoint asOf) {
    Flush();
    std::lock_guard lock(m_databaseMutex);
    m_database.Prepare("DELETE FROM access_log WHERE at < ?1")
        .Bind(1, asOf - std::chrono::duration_cast<std::chrono::milliseconds>(kAccessLogRetention))
        .Run();
    return m_database.Changes();
}

} // namespace resv::server::audit
