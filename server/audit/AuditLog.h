#pragma once
// 利用履歴: every login, failure and change, per tenant, hash-chained so that tampering shows
// (DESIGN.md "The audit chain"). Events are only ever appended.

#include "resv/model/AuditEvent.h"
#include "resv/model/Time.h"
#include "resv/server/Clock.h"
#include "storage/Sqlite.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>

namespace resv::server::audit {

/// Who did it, as they were at the time (a later rename does not rewrite history).
using Actor = model::AuditActor;
/// What it was done to, with its name at the time.
using Target = model::AuditTarget;
using model::AuditResult;

struct AuditEntry {
    std::string tenantId;
    Actor actor;
    std::optional<std::string> sourceIp;
    std::string action; ///< dotted: "session.login", "account.create"
    std::optional<Target> target;
    AuditResult result = AuditResult::Success;
};

/// The hash of the event before a tenant's first one.
inline constexpr const char* kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

/// hex(SHA-256(prev_hash + "\n" + canonical(event))), canonical = the event as the API returns
/// it without `hash`, keys sorted, compact, UTF-8.
std::string ChainHash(const model::AuditEvent& event);

/// The first of `keys` that is a string in details.after, or else in details.before (the object
/// as it was, once deleted).
std::optional<std::string> FromChangedObject(const nlohmann::json& details,
                                             std::initializer_list<const char*> keys);

/// The part of an action before its first '.', which the category filter and index use.
std::string CategoryOf(const std::string& action);

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

    /// Appends in a transaction of its own (a denied request has none open).
    std::int64_t AppendNow(storage::Connection& connection, const AuditEntry& entry,
                           const nlohmann::json& details) const;

private:
    std::shared_ptr<const Clock> m_clock;
};

} // namespace resv::server::audit
