#pragma once
// Accounts with any roles and scope, written straight into the server's storage: the tests of
// roles and scopes need them whatever the accounts API allows, and without one-time passwords.

#include "support/TestServer.h"

#include "resv/model/Account.h"

#include <memory>
#include <string>
#include <vector>

namespace resv::test {

struct StoredAccount {
    std::string id;
    std::string tenantCode;
    std::string loginId;
    std::string password;
};

/// An active account of `tenantCode` holding `roles` (names, built-in or custom) and `scope`,
/// with a password it need not change.
StoredAccount StoreAccount(const TestServer& server, const std::string& loginId,
                           const std::vector<std::string>& roles, const model::Scope& scope = {},
                           const std::string& tenantCode = "demo");

std::unique_ptr<client::ApiClient> LoggedIn(const TestServer& server, const StoredAccount& account);

/// A scope that is not "all".
model::Scope LimitedScope(std::vector<std::string> jurisdictions,
                          std::vector<std::string> facilities);

} // namespace resv::test
