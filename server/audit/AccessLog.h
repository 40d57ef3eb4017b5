#pragma once
// The access log (CLD.8.1): each HTTP request's time, method, route template, status and latency,
// and nothing else — no query string, no address, no customer data. It is kept apart from the
// tenants' data, in DATA_DIR/access-log.db, and deleted after 31 days. Requests only touch
// memory; the rows reach SQLite in batches.

#include "resv/model/Time.h"
#include "storage/Sqlite.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

namespace resv::server::audit {

inline constexpr std::chrono::days kAccessLogRetention{31};

struct AccessRecord {
    model::TimePoint at;
    std::string method;
    std::string route; ///< the template ("/api/v1/accounts/{id}"), or "-" when none matched
    int status = 0;
    std::int64_t latencyMicros = 0;
};

class AccessLog {
public:
    explicit AccessLog(const std::filesystem::path& file);

    /// Thread-safe; written at the next Flush (or at once when many are waiting).
    void Record(AccessRecord record);
    void Flush();
    /// Flushes, then deletes the rows older than `asOf` - 31 days. Returns how many.
    int DeleteExpired(model::TimePoint asOf);

private:
    void WriteLocked(std::vector<AccessRecord> records);

    std::mutex m_pendingMutex;
    std::vector<AccessRecord> m_pending;
    std::mutex m_databaseMutex;
    storage::Connection m_database;
};

} // namespace resv::server::audit
