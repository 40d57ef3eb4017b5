#pragma once
// Puts a million usage-history events straight into resv-server's SQLite database: appending them
// through the server would take hours. The rows continue the tenant's hash chain exactly as
// server/audit/AuditLog.cpp does (the same audit::ChainHash over model::WithoutHash), so
// GET /api/v1/audit-events/verify passes over them. Times are spread over the last `days` days,
// increasing, busier in JST office hours; the mix of actions, actors, results and targets is that
// of a hotel chain whose KIOSK terminals report every call.

#include <cstdint>
#include <filesystem>
#include <string>

namespace resv::bench {

struct AuditSeedSpec {
    std::filesystem::path database; ///< resv-server's DIR/resv.db, the server stopped
    std::string tenantCode;         ///< the tenant that gets the events
    std::int64_t events = 1000000;
    int days = 90;
};

/// Login IDs the cases filter on: one actor with a few dozen events, one with about a tenth.
inline constexpr const char* kRareActor = "kansa.tanto";
inline constexpr const char* kCommonActor = "manager";

struct AuditSeedResult {
    std::string tenantId;
    std::int64_t events = 0;        ///< rows written
    std::int64_t firstSequence = 0; ///< of the rows written (the demo's own events come before)
    std::int64_t lastSequence = 0;
    double seconds = 0;          ///< the whole seeding, wall clock
    double makerCpuSeconds = 0;  ///< CPU time making the events and their hashes (one thread)
    double writerCpuSeconds = 0; ///< CPU time inserting them (another thread)
    std::int64_t databaseBytes = 0;
};

/// The data come from a fixed seed, so every run writes the same events (but for their times,
/// which end a minute before now). Throws std::runtime_error.
AuditSeedResult SeedAuditEvents(const AuditSeedSpec& spec);

} // namespace resv::bench
