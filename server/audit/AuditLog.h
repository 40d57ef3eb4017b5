#pragma once
// 利用履歴: every login, failure and change, per tenant, hash-chained so that tampering shows
// (DESIGN.md "The audit chain").

#include "resv/model/Time.h"
#include "resv/server/Clock.h"
#include "storage/Sqlite.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace resv::server::audit {

/// Who did it, as they were at the time (a later rename does not rewrite history).
struct Actor {
    std::optional<std::string> id; ///< null for someone unknown (a failed login) or the system
    std::optional<std::string> loginId;
    std::optional<std::string> displayName;
    std::optional<std::string> role;
};

inline constexpr const char* kSuccess = "success";
inline constexpr const char* kFailure = "failure";

struct AuditEntry {
    std::string tenantId;
    Actor actor;
    std::optional<std::string> sourceIp;
    std::string action; ///< dotted: "session.login", "account.create"
    std::optional<std::string> target;
    std::string result = kSuccess;
};

/// The hash of the event before a tenant's first one.
inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// The event as the API returns it, without `hash`.
nlohmann::json EventWithoutHash(std::int64_t sequence, model::TimePoint at, const Actor& actor,
                                const AuditEntry& entry, const nlohmann::json& details,
                                const std::string& prevHash);

/// hex(SHA-256(prev_hash + "\n" + canonical(event))), canonical = keys sorted, compact, UTF-8.
std::string ChainHash(const std::string& prevHash, const nlohmann::json& eventWithoutHash);

class AuditLog {
public:
    explicit AuditLog(std::shared_ptr<const Clock> clock)
        : m_clock(std::move(clock)) {}

    /// Appends inside the caller's transaction, which makes sequence and chain consistent.
    /// `details` is an object; it never holds passwords or tokens. Returns the sequence number.
    /// `at` defaults to the clock's now; the demo seed gives past times to its call history.
    std::int64_t Append(storage::Connection& connection, const AuditEntry& entry,
                        const nlohmann::json& details,
                        std::optional<model::TimePoint> at = std::nullopt) const;

private:
    std::shared_ptr<const Clock> m_clock;
};

} // namespace resv::server::audit
