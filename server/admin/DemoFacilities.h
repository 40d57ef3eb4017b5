#pragma once
// `--demo`, second part: the demo tenant's jurisdictions, facilities and terminals with Japanese
// names and addresses, and a week of KIOSK calls in its usage history — made once. Device tokens
// are shown only once, so every run gives the demo terminals fresh tokens and writes them to
// DIR/demo-terminal-tokens.tsv (0600) for resv-terminal-sim.

#include "audit/AuditLog.h"
#include "resv/server/Clock.h"
#include "storage/Database.h"
#include "terminals/DeviceRegistry.h"

#include <filesystem>
#include <memory>
#include <string>

namespace resv::server::admin {

inline constexpr const char* kDemoTokensFileName = "demo-terminal-tokens.tsv";

/// Seeds what is missing and rewrites the tokens file; returns the text `--demo` prints.
std::string SeedDemoFacilities(storage::Database& database, const audit::AuditLog& audit,
                               const Clock& clock, terminals::DeviceRegistry& registry,
                               const std::filesystem::path& dataDir);

} // namespace resv::server::admin
