#include "support/StoredAccounts.h"

#include "support/Terminals.h"

#include "auth/PasswordHasher.h"
#include "storage/AccountRepository.h"
#include "storage/Database.h"
#include "storage/Ids.h"
#include "storage/TenantRepository.h"

#include <catch2/catch.hpp>

namespace resv::test {
namespace {

constexpr const char* kPassword = "Tameshi-Kengen#2026";

/// One Argon2id hash for every stored account: each costs ~50 ms and 64 MiB.
const std::string& PasswordHash() {
    static const std::string hash = server::auth::PasswordHasher(1).Hash(kPassword);
    return hash;
}

} // namespace

StoredAccount StoreAccount(const TestServer& server, const std::string& loginId,
                           const std::vector<std::string>& roles, const model::Scope& scope,
                           const std::string& tenantCode) {
    server::storage::Database database(server.DataDir() / "resv.db", 1);
    auto db = database.Acquire();
    const auto tenant = server::storage::TenantRepository(*db).FindByCode(tenantCode);
    REQUIRE(tenant);
    server::storage::AccountRecord account;
    account.id = server::storage::NewId(server::storage::id_prefix::kAccount);
    account.tenantId = tenant->id;
    account.loginId = loginId;
    account.displayName = "Test " + loginId;
    account.passwordHash = PasswordHash();
    account.status = model::AccountStatus::Active;
    account.roles = roles;
    account.scope = scope;
    account.createdAt = server.SharedClock()->Now();
    server::storage::Transaction transaction(*db);
    server::storage::AccountRepository(*db).Insert(account);
    transaction.Commit();
    return {account.id, tenantCode, loginId, kPassword};
}

std::unique_ptr<client::ApiClient> LoggedIn(const TestServer& server,
                                            const StoredAccount& account) {
    return LoggedIn(server, DemoLogin{account.tenantCode.c_str(), account.loginId.c_str(),
                                      account.password.c_str()});
}

model::Scope LimitedScope(std::vector<std::string> jurisdictions,
                          std::vector<std::string> facilities) {
    return model::Scope{false, std::move(jurisdictions), std::move(facilities)};
}

} // namespace resv::test
