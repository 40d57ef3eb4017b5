#include "SeededServer.h"

#include "../accounts/BenchSupport.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sqlite3.h>

#include <fstream>

namespace resv::bench {
namespace {

/// Written next to resv.db once seeding finished: "<events> <tenant id>".
constexpr const char* kMarker = "bench-audit-seeded";

std::optional<std::string> SeededTenant(const std::filesystem::path& dataDir, std::int64_t events) {
    std::ifstream in(dataDir / kMarker);
    std::int64_t seeded = 0;
    std::string tenantId;
    if (in >> seeded >> tenantId && seeded == events &&
        std::filesystem::exists(dataDir / "resv.db")) {
        return tenantId;
    }
    return std::nullopt;
}

/// The sequence of the tenant's latest signed checkpoint, 0 if none.
std::int64_t LatestCheckpoint(const std::filesystem::path& database, const std::string& tenantId) {
    sqlite3* db = nullptr;
    std::int64_t sequence = 0;
    if (sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt* query = nullptr;
        if (sqlite3_prepare_v2(db,
                               "SELECT COALESCE(MAX(sequence), 0) FROM audit_checkpoints "
                               "WHERE tenant_id = ?1",
                               -1, &query, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(query, 1, tenantId.c_str(), -1, SQLITE_TRANSIENT);
            if (sqlite3_step(query) == SQLITE_ROW) {
                sequence = sqlite3_column_int64(query, 0);
            }
        }
        sqlite3_finalize(query);
    }
    sqlite3_close_v2(db);
    return sequence;
}

} // namespace

SeededServer::SeededServer(const SeededServerOptions& options) {
    if (options.dataDir.empty()) {
        m_temp = std::make_unique<TempDir>(options.tempPrefix);
        m_dataDir = m_temp->Path() / "data";
    } else {
        m_dataDir = options.dataDir;
    }
    spdlog::set_level(spdlog::level::warn); // the server's start-up lines would break the table
    if (const auto tenant = SeededTenant(m_dataDir, options.events)) {
        m_tenantId = *tenant;
    } else {
        if (std::filesystem::exists(m_dataDir / "resv.db")) {
            throw std::runtime_error(fmt::format(
                "{} holds a database that this bench did not seed with {} events: give an empty "
                "or new --data-dir",
                m_dataDir.string(), options.events));
        }
        {
            // The schema, the demo tenant, its accounts, facilities and terminals; then the
            // server lets go of the file.
            server::Server demo({.dataDir = m_dataDir, .port = 0});
            demo.SeedDemo();
        }
        m_seeded = SeedAuditEvents({.database = Database(),
                                    .tenantCode = kTenant,
                                    .events = options.events,
                                    .days = options.days});
        m_tenantId = m_seeded->tenantId;
        std::ofstream(m_dataDir / kMarker) << options.events << ' ' << m_tenantId << '\n';
    }
    m_server =
        std::make_unique<server::Server>(server::ServerConfig{.dataDir = m_dataDir, .port = 0});
    // Now rather than in the background after the start, where it would run during the
    // measurements (after seeding it walks the whole chain).
    const auto start = Clock::now();
    m_server->RunRetention();
    m_checkpointSeconds = Ms(Clock::now() - start) / 1000;
    m_checkpointSequence = LatestCheckpoint(Database(), m_tenantId);
    if (m_seeded) {
        if (m_checkpointSequence != m_seeded->lastSequence) {
            throw std::runtime_error(fmt::format(
                "the server signed no checkpoint at the last seeded event ({}; latest {}): the "
                "seeded chain does not verify",
                m_seeded->lastSequence, m_checkpointSequence));
        }
    }
    m_server->Start();
}

SeededServer::~SeededServer() {
    if (m_server) {
        m_server->Stop();
    }
}

client::ClientOptions SeededServer::ClientOptionsFor(const std::string& userAgent) const {
    client::ClientOptions options;
    options.baseUrl = fmt::format("https://127.0.0.1:{}", m_server->Port());
    options.caFile = m_server->CaFile().string();
    options.userAgent = userAgent;
    return options;
}

std::string SeededServer::SignIn(client::ApiClient& client) const {
    model::LoginRequest login;
    login.tenant = kTenant;
    login.loginId = "manager";
    login.password = "Kanri-Demo#2026";
    return client.Login(login).token;
}

} // namespace resv::bench
