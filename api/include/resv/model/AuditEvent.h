#pragma once
// 利用履歴 (A.12.4.1/A.12.4.4): one event of a tenant's usage history as GET /api/v1/audit-events
// returns it, and the answers of /count and /verify. The JSON form without `hash` is exactly what
// the chain hashes (DESIGN.md "The audit chain"), so to_json here is part of the contract.

#include "resv/model/Time.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace resv::model {

/// Who did it, as they were at the time: a later rename does not rewrite history. All null for
/// the system, and for someone unknown (a failed login with a login ID that does not exist keeps
/// what was typed in `details`).
struct AuditActor {
    std::optional<std::string> id;
    std::optional<std::string> loginId;
    std::optional<std::string> displayName;
    std::optional<std::string> role; ///< the actor's tier-giving role: "customermanager", …

    bool operator==(const AuditActor&) const = default;
};

/// What it was done to: `type` is "account", "role", "facility", "jurisdiction", "terminal",
/// "session", "tenant", "route" (a denied request) or "audit_log"; `label` is its name then.
struct AuditTarget {
    std::string type;
    std::optional<std::string> id;
    std::optional<std::string> label;

    bool operator==(const AuditTarget&) const = default;
};

enum class AuditResult { Success, Denied, Failed };

const char* ToString(AuditResult result);
std::optional<AuditResult> ParseAuditResult(std::string_view text);

struct AuditEvent {
    std::int64_t sequence = 0; ///< dense per tenant, from 1
    TimePoint at{};            ///< UTC, milliseconds
    AuditActor actor;
    std::optional<std::string> sourceIp;
    std::string action; ///< dotted: "session.login", "account.create", "request.denied"
    std::optional<AuditTarget> target;
    AuditResult result = AuditResult::Success;
    nlohmann::json details = nlohmann::json::object(); ///< {"before": …, "after": …} for changes
    std::string prevHash;
    std::string hash;

    bool operator==(const AuditEvent&) const = default;
};

/// The whole event as the API returns it.
void to_json(nlohmann::json& j, const AuditEvent& event);
void from_json(const nlohmann::json& j, AuditEvent& event);

/// The event without `hash`: what the chain hashes after `prev_hash + "\n"`.
nlohmann::json WithoutHash(const AuditEvent& event);

/// GET /api/v1/audit-events/count: how many match, and the tenant's newest sequence (whatever the
/// filters), so that a screen can tell that events arrived since it loaded.
struct AuditCount {
    std::int64_t count = 0;
    std::int64_t latestSequence = 0;

    bool operator==(const AuditCount&) const = default;
};

void to_json(nlohmann::json& j, const AuditCount& count);
void from_json(const nlohmann::json& j, AuditCount& count);

/// The latest Ed25519-signed checkpoint: the chain's hash at `sequence`, signed at `at`.
struct AuditCheckpointStatus {
    std::int64_t sequence = 0;
    TimePoint at{};
    bool valid = false; ///< the signature verifies and the chain's hash there is the signed one

    bool operator==(const AuditCheckpointStatus&) const = default;
};

/// GET /api/v1/audit-events/verify. `first_bad_reason` says what is wrong at
/// `first_bad_sequence`: "altered" (its hash or link does not match), "missing" (the sequence
/// has a gap there) or "checkpoint" (the chain was recomputed: the signed hash differs).
struct AuditVerification {
    bool ok = false;
    std::int64_t checked = 0;
    std::optional<std::int64_t> firstBadSequence;
    std::optional<std::string> firstBadReason;
    std::optional<AuditCheckpointStatus> checkpoint; ///< null before the first checkpoint

    bool operator==(const AuditVerification&) const = default;
};

void to_json(nlohmann::json& j, const AuditVerification& verification);
void from_json(const nlohmann::json& j, AuditVerification& verification);

} // namespace resv::model
