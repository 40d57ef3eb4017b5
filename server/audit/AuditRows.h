#pragma once
// Reading an audit_events row back into the event the API returns, shared by the query and the
// chain walk so that both read the same columns in the same order.

#include "resv/model/AuditEvent.h"
#include "storage/Sqlite.h"

namespace resv::server::audit {

/// The columns ReadAuditRow expects, in its order, for "SELECT <these> FROM audit_events".
inline constexpr const char* kAuditEventColumns =
    "sequence, at, actor_id, actor_login_id, actor_display_name, actor_role, source_ip, action, "
    "target_type, target_id, target_label, result, details_json, prev_hash, hash";

struct AuditRow {
    model::AuditEvent event;
    /// False when the stored result or details could not be read (only an edit outside the
    /// server does that); the chain walk reports such a row as altered.
    bool readable = true;
};

AuditRow ReadAuditRow(const storage::Statement& row);

} // namespace resv::server::audit
