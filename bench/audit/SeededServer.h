#pragma once
// resv-server in-process on a free loopback port over a data dir whose demo tenant holds a million
// usage-history events: the schema and the demo come from the server itself (SeedDemo, with the
// server not yet listening), the events from SeedAuditEvents, then the server starts. Shared by
// resv-bench-audit and resv-bench-audit-view; with a data dir of the caller's the seeded database
// is kept and a later run on it starts at once.

#include "../common/TempDir.h"
#include "AuditSeeder.h"

#include "resv/client/ApiClient.h"
#include "resv/server/Server.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace resv::bench {

struct SeededServerOptions {
    std::int64_t events = 1000000;
    int days = 90;
    /// Empty: a temp dir removed at the end. Else kept, and seeded only if it is not already.
    std::filesystem::path dataDir;
    std::string tempPrefix = "resv-bench-audit";
};

class SeededServer {
public:
    static constexpr const char* kTenant = "demo";

    /// Seeds (unless the data dir already holds the events) and starts the server. Throws.
    explicit SeededServer(const SeededServerOptions& options);
    ~SeededServer();
    SeededServer(const SeededServer&) = delete;
    SeededServer& operator=(const SeededServer&) = delete;

    server::Server& Server() { return *m_server; }
    const std::filesystem::path& DataDir() const { return m_dataDir; }
    std::filesystem::path Database() const { return m_dataDir / "resv.db"; }
    const std::string& TenantId() const { return m_tenantId; }
    /// What seeding did in this run; empty when the data dir was seeded before.
    const std::optional<AuditSeedResult>& Seeded() const { return m_seeded; }
    /// After seeding, the server's retention job signs the first checkpoint: it recomputes every
    /// hash of the chain and signs only if all hold, so it proves the seeded chain intact.
    double CheckpointSeconds() const { return m_checkpointSeconds; }
    std::int64_t CheckpointSequence() const { return m_checkpointSequence; }

    client::ClientOptions ClientOptionsFor(const std::string& userAgent) const;
    /// Signs `client` in as the demo manager (usage.read and usage.export); returns the token.
    std::string SignIn(client::ApiClient& client) const;

private:
    std::unique_ptr<TempDir> m_temp;
    std::filesystem::path m_dataDir;
    std::string m_tenantId;
    std::optional<AuditSeedResult> m_seeded;
    double m_checkpointSeconds = 0;
    std::int64_t m_checkpointSequence = 0;
    std::unique_ptr<server::Server> m_server;
};

} // namespace resv::bench
