#pragma once
// Numbered schema migrations, applied in order at start and recorded in `schema_migrations`.
// A migration, once released, never changes: a new change is a new number.

#include "storage/Sqlite.h"

namespace resv::server::storage {

/// Applies every migration newer than the database, each in its own transaction.
void ApplyMigrations(Connection& connection);

/// The newest migration's number.
int LatestSchemaVersion();

} // namespace resv::server::storage
