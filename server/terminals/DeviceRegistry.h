#pragma once
// What heartbeats need, in memory: device token hash → terminal (so a heartbeat reads no SQLite),
// each terminal's desired configuration version, and the latest presence each terminal reported.
// Presence is written to SQLite in batches (Flush); reads merge the newer in-memory presence, so
// nobody sees a stale last_seen_at. Thread-safe.

#include "storage/Database.h"
#include "storage/TerminalRepository.h"

#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace resv::server::terminals {

class DeviceRegistry {
public:
    /// The terminal of a token hash: from the cache, else from the database (then cached).
    std::optional<storage::DeviceIdentity> Identify(storage::Database& database,
                                                    const std::string& tokenHash);
    /// Drops the cached token of a terminal (rotated, or its kind changed).
    void ForgetToken(const std::string& terminalId);
    /// Drops everything of a deleted terminal.
    void Forget(const std::string& terminalId);
    void SetDesiredVersion(const std::string& terminalId, int version);

    void RecordPresence(const std::string& terminalId, const storage::TerminalPresence& presence);
    /// `record` with the presence heard since the last flush.
    void Merge(storage::TerminalRecord& record) const;
    /// Writes every presence not yet written, in one transaction.
    void Flush(storage::Database& database);

private:
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, storage::DeviceIdentity> m_byTokenHash;
    std::unordered_map<std::string, std::string> m_tokenHashOf; ///< terminal id → token hash
    std::unordered_map<std::string, storage::TerminalPresence> m_presence;
    std::unordered_set<std::string> m_unwritten;
};

} // namespace resv::server::terminals
