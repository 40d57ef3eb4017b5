#pragma once
// Puts N accounts straight into resv-server's SQLite database (one transaction, prepared
// statements): going through the API would hash N passwords with Argon2id (~50 ms each). Every
// account gets the one hash the server already computed for the demo manager.

#include <filesystem>
#include <string>

namespace resv::bench {

struct SeedSpec {
    std::filesystem::path database; ///< resv-server's DIR/data/resv.db
    std::string tenantCode;         ///< the tenant that gets the accounts
    std::string hashFromLogin;      ///< the account of that tenant whose hash is reused
    std::string customRole;         ///< a tenant role some employees also hold; empty: none
    int accounts = 10000;
};

struct SeedResult {
    std::string tenantId;
    int accounts = 0;
    int roleRows = 0;
    int scopeRows = 0;
    double seconds = 0;
};

/// Realistic rows from a fixed seed (the same data every run): login IDs "given.family[N]",
/// Japanese display names "家族 名前", ~2 % managers, ~8 % viewers, the rest employees (a fifth
/// of them also in `customRole`), ~6 % disabled and ~3 % locked, ~12 % never logged in, a third
/// of the employees limited to a jurisdiction or a few facilities. Throws std::runtime_error.
SeedResult SeedAccounts(const SeedSpec& spec);

} // namespace resv::bench
