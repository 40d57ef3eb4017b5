#pragma once
// What the facility and terminal services share: the storage, audit and clock they work with,
// paging, and the errors they answer.

#include "audit/AuditLog.h"
#include "auth/Permissions.h"
#include "resv/server/Clock.h"
#include "storage/Database.h"

#include <nlohmann/json_fwd.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace resv::server::facilities {

struct ServiceContext {
    storage::Database& database;
    const audit::AuditLog& audit;
    std::shared_ptr<const Clock> clock;
};

/// A keyset page: items after `after` (an id), at most `limit` (1–500).
struct PageRequest {
    int limit = 100;
    std::string after;
};

inline constexpr int kMaxPageLimit = 500;

/// `fetched` holds up to limit + 1 items; returns the cursor of the next page, if any, and
/// trims the extra item.
template <typename T, typename IdOf>
std::optional<std::string> TrimPage(std::vector<T>& fetched, int limit, IdOf idOf) {
    if (static_cast<int>(fetched.size()) <= limit) {
        return std::nullopt;
    }
    fetched.resize(limit);
    return idOf(fetched.back());
}

[[noreturn]] void ThrowNotFound(const std::string& what);
[[noreturn]] void ThrowInvalidField(const std::string& field, const std::string& message);
[[noreturn]] void ThrowConflict(const std::string& detail);

/// Appends an event in the caller's tenant, by the caller, inside the open transaction.
void Audit(const ServiceContext& context, storage::Connection& connection,
           const auth::Caller& caller, const std::string& action, audit::Target target,
           const nlohmann::json& details);

/// The same about the object `targetId` of the action's category ("facility.update" → a
/// facility), labelled with the name or login ID its details show after (or before) the change.
void Audit(const ServiceContext& context, storage::Connection& connection,
           const auth::Caller& caller, const std::string& action, const std::string& targetId,
           const nlohmann::json& details);

} // namespace resv::server::facilities
