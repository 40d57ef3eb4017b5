#include "storage/Migrations.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <vector>

namespace resv::server::storage {
namespace {

struct Migration {
    int version;
    const char* name;
    const char* sql;
};

// Times are INTEGER milliseconds since the epoch (UTC). Ids are opaque random text.
constexpr const char* kFoundation = R"sql(
CREATE TABLE tenants (
    id              TEXT PRIMARY KEY,
    code            TEXT NOT NULL UNIQUE,
    name            TEXT NOT NULL,
    data_region     TEXT NOT NULL DEFAULT 'jp',
    contract_status TEXT NOT NULL DEFAULT 'active'
                    CHECK (contract_status IN ('active', 'ended', 'purged')),
    ended_at        INTEGER,
    created_at      INTEGER NOT NULL
);

CREATE TABLE accounts (
    id                   TEXT PRIMARY KEY,
    tenant_id            TEXT NOT NULL REFERENCES tenants(id),
    login_id             TEXT NOT NULL,
    display_name         TEXT NOT NULL,
    email                TEXT,
    password_hash        TEXT NOT NULL,
    status               TEXT NOT NULL DEFAULT 'active'
                         CHECK (status IN ('active', 'disabled', 'locked')),
    must_change_password INTEGER NOT NULL DEFAULT 0,
    failed_logins        INTEGER NOT NULL DEFAULT 0,
    lockouts             INTEGER NOT NULL DEFAULT 0,
    locked_until         INTEGER,
    last_login_at        INTEGER,
    otp_expires_at       INTEGER,
    password_changed_at  INTEGER,
    scope_all            INTEGER NOT NULL DEFAULT 1,
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           INTEGER NOT NULL,
    updated_at           INTEGER NOT NULL,
    UNIQUE (tenant_id, login_id)
);

CREATE TABLE account_roles (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    role       TEXT NOT NULL,
    PRIMARY KEY (account_id, role)
);

CREATE TABLE operator_assignments (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, tenant_id)
);

CREATE TABLE sessions (
    id                  TEXT PRIMARY KEY,
    token_hash          TEXT NOT NULL UNIQUE,
    account_id          TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    tenant_id           TEXT NOT NULL REFERENCES tenants(id),
    acting_as_tenant_id TEXT REFERENCES tenants(id),
    created_at          INTEGER NOT NULL,
    last_used_at        INTEGER NOT NULL,
    expires_at          INTEGER NOT NULL,
    source_ip           TEXT,
    revoked_at          INTEGER
);
CREATE INDEX sessions_by_account ON sessions(account_id);

CREATE TABLE audit_events (
    id           INTEGER PRIMARY KEY,
    tenant_id    TEXT NOT NULL REFERENCES tenants(id),
    sequence     INTEGER NOT NULL,
    at           INTEGER NOT NULL,
    actor_json   TEXT NOT NULL,
    source_ip    TEXT,
    action       TEXT NOT NULL,
    target       TEXT,
    result       TEXT NOT NULL CHECK (result IN ('success', 'failure')),
    details_json TEXT NOT NULL,
    prev_hash    TEXT NOT NULL,
    hash         TEXT NOT NULL,
    UNIQUE (tenant_id, sequence)
);
CREATE INDEX audit_events_by_time ON audit_events(tenant_id, at);
)sql";

// Names are unique within their parent (409 conflict). A terminal's token is kept only as its
// SHA-256. last_seen_at and the reported fields are written in batches, never per heartbeat.
constexpr const char* kFacilities = R"sql(
CREATE TABLE jurisdictions (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    name       TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX jurisdictions_unique_name ON jurisdictions(tenant_id, name);

CREATE TABLE facilities (
    id              TEXT PRIMARY KEY,
    tenant_id       TEXT NOT NULL REFERENCES tenants(id),
    jurisdiction_id TEXT NOT NULL REFERENCES jurisdictions(id),
    name            TEXT NOT NULL,
    address         TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX facilities_unique_name ON facilities(jurisdiction_id, name);
CREATE INDEX facilities_by_tenant ON facilities(tenant_id, id);

CREATE TABLE terminals (
    id                     TEXT PRIMARY KEY,
    tenant_id              TEXT NOT NULL REFERENCES tenants(id),
    facility_id            TEXT NOT NULL REFERENCES facilities(id),
    name                   TEXT NOT NULL,
    kind                   TEXT NOT NULL CHECK (kind IN ('kiosk', 'agent_pc')),
    ip_address             TEXT NOT NULL,
    model                  TEXT NOT NULL DEFAULT '',
    serial                 TEXT NOT NULL DEFAULT '',
    token_hash             TEXT NOT NULL UNIQUE,
    app_version            TEXT,
    reported_ip            TEXT,
    state                  TEXT,
    last_seen_at           INTEGER,
    desired_config_version INTEGER NOT NULL DEFAULT 1,
    applied_config_version INTEGER NOT NULL DEFAULT 0,
    config_error           TEXT,
    config_error_version   INTEGER,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);
CREATE UNIQUE INDEX terminals_unique_name ON terminals(facility_id, name);
CREATE INDEX terminals_by_tenant ON terminals(tenant_id, id);

CREATE TABLE terminal_config_versions (
    terminal_id        TEXT NOT NULL REFERENCES terminals(id) ON DELETE CASCADE,
    version            INTEGER NOT NULL,
    settings_json      TEXT NOT NULL,
    changed_json       TEXT NOT NULL,
    at                 INTEGER NOT NULL,
    actor_login_id     TEXT NOT NULL DEFAULT '',
    actor_display_name TEXT NOT NULL DEFAULT '',
    origin             TEXT NOT NULL,
    rolled_back_to     INTEGER,
    PRIMARY KEY (terminal_id, version)
);
)sql";

// Tenant-defined roles (built-in roles are code, model/Role.h), account scopes, and the indexes
// the accounts screen lists and searches with. account_roles keeps role names: a rename of a
// custom role rewrites them in the same transaction. A scope entry names a jurisdiction or a
// facility of the account's tenant; an account with scope_all = 0 and no entries reaches nothing.
constexpr const char* kAccountsAndRoles = R"sql(
CREATE TABLE roles (
    id         TEXT PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    name       TEXT NOT NULL,
    tier       TEXT NOT NULL CHECK (tier IN ('manager', 'employee')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX roles_unique_name ON roles(tenant_id, name);
CREATE TABLE role_permissions (
    role_id    TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    permission TEXT NOT NULL,
    PRIMARY KEY (role_id, permission)
);
CREATE TABLE account_scope (
    account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('jurisdiction', 'facility')),
    target_id  TEXT NOT NULL,
    PRIMARY KEY (account_id, kind, target_id)
);
CREATE INDEX account_scope_by_target ON account_scope(target_id);
CREATE INDEX account_roles_by_role ON account_roles(role, account_id);
CREATE INDEX accounts_by_display_name ON accounts(tenant_id, display_name, id);
CREATE INDEX accounts_by_last_login ON accounts(tenant_id, last_login_at, id);
CREATE INDEX accounts_by_status ON accounts(tenant_id, status, id);
)sql";

// Covering indexes for the accounts list (bench/accounts): a search, a role, status or lock filter
// is tested on the index entry in sort order, and only the rows that match are read from the
// table. With the narrow indexes SQLite fetched every account of the tenant, at random places in
// the file, to test it, and a rare filter over 10,000 accounts missed the 20 ms target.
constexpr const char* kAccountListCovering = R"sql(
DROP INDEX accounts_by_display_name;
CREATE INDEX accounts_by_display_name
    ON accounts(tenant_id, display_name, id, login_id, status, locked_until);
CREATE INDEX accounts_by_login_covering
    ON accounts(tenant_id, login_id, id, display_name, status, locked_until);
)sql";

// Issue 5, usage history. The event gains the shape the API returns (actor and target as
// columns, result success|denied|failed), so the first table cannot be read as the new chain
// without rewriting its hashes. It is kept, untouched, as audit_events_v1 and the new chain of
// each tenant starts at sequence 1. Rows are never updated or deleted (the triggers; the tenant
// purge of the data-lifecycle issue will be the one exception). Events are listed in (at,
// sequence) order, newest first, and every filter the screen offers has an index that gives
// that order, so a page reads only its own rows even in a tenant with millions of events.
constexpr const char* kUsageHistory = R"sql(
ALTER TABLE audit_events RENAME TO audit_events_v1;
DROP INDEX audit_events_by_time;
CREATE TABLE audit_events (
    id                 INTEGER PRIMARY KEY,
    tenant_id          TEXT NOT NULL REFERENCES tenants(id),
    sequence           INTEGER NOT NULL,
    at                 INTEGER NOT NULL,
    actor_id           TEXT,
    actor_login_id     TEXT,
    actor_display_name TEXT,
    actor_role         TEXT,
    source_ip          TEXT,
    action             TEXT NOT NULL,
    category           TEXT NOT NULL,
    target_type        TEXT,
    target_id          TEXT,
    target_label       TEXT,
    result             TEXT NOT NULL CHECK (result IN ('success', 'denied', 'failed')),
    details_json       TEXT NOT NULL,
    prev_hash          TEXT NOT NULL,
    hash               TEXT NOT NULL,
    UNIQUE (tenant_id, sequence)
);
CREATE INDEX audit_events_by_time ON audit_events(tenant_id, at, sequence);
CREATE INDEX audit_events_by_actor ON audit_events(tenant_id, actor_login_id, at, sequence);
CREATE INDEX audit_events_by_category ON audit_events(tenant_id, category, at, sequence);
CREATE INDEX audit_events_by_action ON audit_events(tenant_id, action, at, sequence);
CREATE INDEX audit_events_by_result ON audit_events(tenant_id, result, at, sequence);
CREATE INDEX audit_events_by_target ON audit_events(tenant_id, target_type, at, sequence);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN
    SELECT RAISE(ABORT, 'audit events are append-only');
END;

-- The chain's hash at `sequence`, signed with the Ed25519 key kept outside the database.
CREATE TABLE audit_checkpoints (
    id         INTEGER PRIMARY KEY,
    tenant_id  TEXT NOT NULL REFERENCES tenants(id),
    sequence   INTEGER NOT NULL,
    hash       TEXT NOT NULL,
    at         INTEGER NOT NULL,
    public_key TEXT NOT NULL,
    signature  TEXT NOT NULL
);
CREATE INDEX audit_checkpoints_by_tenant ON audit_checkpoints(tenant_id, sequence);
)sql";

// Where the facility or terminal an event is about was at the time, so that an account limited
// to some places keeps seeing their history after one of them was deleted.
constexpr const char* kAuditPlaces = R"sql(
ALTER TABLE audit_events ADD COLUMN place_facility_id TEXT;
ALTER TABLE audit_events ADD COLUMN place_jurisdiction_id TEXT;
)sql";

// Issue 6, monitoring and notices (CLD.12.4.5, A.16.1.1, A.12.1.2, A.12.6.1).
// - component_samples: what a probe found, about once a minute per component (kept 2 days: the
//   latency sparkline); component_days: the same counted per JST day (kept 100 days: the 90-day
//   uptime bars); component_overrides: a status an operator set, until cleared.
// - incidents and notices with their timelines, the tenants they concern (all_tenants or rows of
//   *_tenants), and who acknowledged them (acknowledgements, per account).
// - tenant_contacts: the designated contacts' addresses, in the order given.
// - mail_outbox: every e-mail, written in the same transaction as what it announces and kept
//   after it was sent (sent_at), so nothing is lost and "notified at" can be shown.
constexpr const char* kMonitoringAndNotices = R"sql(
CREATE TABLE component_samples (
    component  TEXT NOT NULL,
    at         INTEGER NOT NULL,
    status     TEXT NOT NULL,
    latency_ms REAL,
    message    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (component, at)
) WITHOUT ROWID;
CREATE TABLE component_days (
    component      TEXT NOT NULL,
    day            TEXT NOT NULL,
    samples        INTEGER NOT NULL DEFAULT 0,
    operational    INTEGER NOT NULL DEFAULT 0,
    degraded       INTEGER NOT NULL DEFAULT 0,
    maintenance    INTEGER NOT NULL DEFAULT 0,
    partial_outage INTEGER NOT NULL DEFAULT 0,
    major_outage   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (component, day)
) WITHOUT ROWID;
CREATE TABLE component_overrides (
    component      TEXT PRIMARY KEY,
    status         TEXT NOT NULL,
    message        TEXT NOT NULL,
    set_by_account TEXT NOT NULL,
    set_at         INTEGER NOT NULL
);

CREATE TABLE incidents (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    severity    TEXT NOT NULL CHECK (severity IN ('minor', 'major', 'critical')),
    status      TEXT NOT NULL
                CHECK (status IN ('investigating', 'identified', 'monitoring', 'resolved')),
    all_tenants INTEGER NOT NULL,
    components  TEXT NOT NULL,
    detected_at INTEGER NOT NULL,
    notify_by   INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    created_by  TEXT NOT NULL
);
CREATE INDEX incidents_by_published ON incidents(published_at, id);
CREATE TABLE incident_tenants (
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    PRIMARY KEY (incident_id, tenant_id)
) WITHOUT ROWID;
CREATE INDEX incident_tenants_by_tenant ON incident_tenants(tenant_id, incident_id);
CREATE TABLE incident_updates (
    id          INTEGER PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents(id),
    at          INTEGER NOT NULL,
    status      TEXT NOT NULL,
    message     TEXT NOT NULL,
    author      TEXT NOT NULL
);
CREATE INDEX incident_updates_by_incident ON incident_updates(incident_id, at, id);

CREATE TABLE notices (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('change', 'maintenance', 'vulnerability')),
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    all_tenants  INTEGER NOT NULL,
    effective_at INTEGER NOT NULL,
    emergency    INTEGER NOT NULL,
    reason       TEXT,
    published_at INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL,
    created_by   TEXT NOT NULL
);
CREATE INDEX notices_by_published ON notices(published_at, id);
CREATE TABLE notice_tenants (
    notice_id TEXT NOT NULL REFERENCES notices(id),
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    PRIMARY KEY (notice_id, tenant_id)
) WITHOUT ROWID;
CREATE INDEX notice_tenants_by_tenant ON notice_tenants(tenant_id, notice_id);
CREATE TABLE notice_updates (
    id        INTEGER PRIMARY KEY,
    notice_id TEXT NOT NULL REFERENCES notices(id),
    at        INTEGER NOT NULL,
    body      TEXT NOT NULL,
    author    TEXT NOT NULL
);
CREATE INDEX notice_updates_by_notice ON notice_updates(notice_id, at, id);

-- subject_kind 'incident' | 'notice'; one row per account.
CREATE TABLE acknowledgements (
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('incident', 'notice')),
    subject_id   TEXT NOT NULL,
    account_id   TEXT NOT NULL REFERENCES accounts(id),
    tenant_id    TEXT NOT NULL REFERENCES tenants(id),
    login_id     TEXT NOT NULL,
    display_name TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (subject_kind, subject_id, account_id)
) WITHOUT ROWID;
CREATE INDEX acknowledgements_by_account ON acknowledgements(account_id, subject_kind, subject_id);

CREATE TABLE tenant_contacts (
    tenant_id TEXT NOT NULL REFERENCES tenants(id),
    position  INTEGER NOT NULL,
    email     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, position)
) WITHOUT ROWID;

CREATE TABLE mail_outbox (
    id              TEXT PRIMARY KEY,
    tenant_id       TEXT REFERENCES tenants(id),
    subject_kind    TEXT,
    subject_id      TEXT,
    recipients      TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body            TEXT NOT NULL,
    created_at      INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error      TEXT,
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox(sent_at, next_attempt_at);
CREATE INDEX mail_outbox_by_subject ON mail_outbox(subject_kind, subject_id, tenant_id, sent_at);
)sql";

const std::vector<Migration>& Migrations() {
    static const std::vector<Migration> migrations{
        {1, "foundation: tenants, accounts, roles, operator assignments, sessions, audit events",
         kFoundation},
        {2, "jurisdictions, facilities, terminals and their configuration versions", kFacilities},
        {3, "custom roles, account scopes, account list indexes", kAccountsAndRoles},
        {4, "covering indexes for the accounts list", kAccountListCovering},
        {5, "usage history: the event as the API shows it, indexes per filter, checkpoints",
         kUsageHistory},
        {6, "usage history: the facility and jurisdiction an event's place was in", kAuditPlaces},
        {7, "monitoring, incidents, notices, designated contacts and the mail outbox",
         kMonitoringAndNotices},
    };
    return migrations;
}

int CurrentVersion(Connection& connection) {
    connection.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_migrations ("
                             " version INTEGER PRIMARY KEY,"
                             " name TEXT NOT NULL,"
                             " applied_at INTEGER NOT NULL)");
    Statement query = connection.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    query.Step();
    return static_cast<int>(query.Int(0));
}

} // namespace

int LatestSchemaVersion() {
    return Migrations().back().version;
}

void ApplyMigrations(Connection& connection) {
    const int current = CurrentVersion(connection);
    if (current > LatestSchemaVersion()) {
        throw StorageError(
            "the database is from a newer resv-server (schema " + std::to_string(current) + ")", 0);
    }
    for (const Migration& migration : Migrations()) {
        if (migration.version <= current) {
            continue;
        }
        Transaction transaction(connection);
        // Checked again inside the write lock: another process may have just migrated.
        if (CurrentVersion(connection) >= migration.version) {
            continue;
        }
        connection.ExecuteScript(migration.sql);
        const auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now());
        connection
            .Prepare("INSERT INTO schema_migrations(version, name, applied_at) "
                     "VALUES (?1, ?2, ?3)")
            .BindAll(migration.version, migration.name, now)
            .Run();
        transaction.Commit();
        spdlog::info("database migrated to schema {}: {}", migration.version, migration.name);
    }
}

} // namespace resv::server::storage
