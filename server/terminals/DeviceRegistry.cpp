#include "terminals/DeviceRegistry.h"

#include <spdlog/spdlog.h>

#include <vector>

namespace resv::server::terminals {

std::optional<storage::DeviceIdentity> DeviceRegistry::Identify(storage::Database& database,
                                                                const std::string& tokenHash) {
    {
        std::lock_guard lock(m_mutex);
        if (const auto it = m_byTokenHash.find(tokenHash); it != m_byTokenHash.end()) {
            return it->second;
        }
    }
    std::optional<storage::DeviceIdentity> identity;
    {
        auto db = database.Acquire();
        identity = storage::TerminalRepository(*db).FindByTokenHash(tokenHash);
    }
    if (!identity) {
        return std::nullopt;
    }
    std::lock_guard lock(m_mutex);
    // A change made meanwhile already put its newer state here: keep that.
    const auto [it, inserted] = m_byTokenHash.try_emplace(tokenHash, *identity);
    if (inserted) {
        m_tokenHashOf[identity->terminalId] = tokenHash;
    }
    return it->second;
}

void DeviceRegistry::ForgetToken(const std::string& terminalId) {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_tokenHashOf.find(terminalId); it != m_tokenHashOf.end()) {
        m_byTokenHash.erase(it->second);
        m_tokenHashOf.erase(it);
    }
}

void DeviceRegistry::Forget(const std::string& terminalId) {
    ForgetToken(terminalId);
    std::lock_guard lock(m_mutex);
    m_presence.erase(terminalId);
    m_unwritten.erase(terminalId);
}

void DeviceRegistry::SetDesiredVersion(const std::string& terminalId, int version) {
    std::lock_guard lock(m_mutex);
    if (const auto it = m_tokenHashOf.find(terminalId); it != m_tokenHashOf.end()) {
        m_byTokenHash[it->second].desiredConfigVersion = version;
    }
}

void DeviceRegistry::RecordPresence(const std::string& terminalId,
                                    const storage::TerminalPresence& presence) {
    std::lock_guard lock(m_mutex);
    m_presence[terminalId] = presence;
    m_unwritten.insert(terminalId);
}

void DeviceRegistry::Merge(storage::TerminalRecord& record) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_presence.find(record.id);
    if (it == m_presence.end() ||
        (record.lastSeenAt && *record.lastSeenAt > it->second.lastSeenAt)) {
        return;
    }
    record.lastSeenAt = it->second.lastSeenAt;
    record.appVersion = it->second.appVersion;
    record.reportedIp = it->second.reportedIp;
    record.state = it->second.state;
}

void DeviceRegistry::Flush(storage::Database& database) {
    std::vector<std::pair<std::string, storage::TerminalPresence>> batch;
    {
        std::lock_guard lock(m_mutex);
        for (const auto& id : m_unwritten) {
            batch.emplace_back(id, m_presence.at(id));
        }
        m_unwritten.clear();
    }
    if (batch.empty()) {
        return;
    }
    auto db = database.Acquire();
    storage::Transaction transaction(*db);
    storage::TerminalRepository terminals(*db);
    for (const auto& [id, presence] : batch) {
        terminals.WritePresence(id, presence);
    }
    transaction.Commit();
    spdlog::debug("wrote the presence of {} terminals", batch.size());
}

} // namespace resv::server::terminals
