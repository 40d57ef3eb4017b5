#pragma once
// Accounts made through the API for a test: created by the demo manager, signed in with their
// one-time password, and (where the test needs an ordinary session) with a chosen password.

#include "support/TestServer.h"

#include "resv/model/Account.h"

#include <memory>
#include <string>
#include <vector>

namespace resv::test {

/// A password the policy accepts.
inline constexpr const char* kGoodPassword = "Umi-no-Hi#Kaze77";

struct TestAccount {
    model::Account account;
    std::string loginId;
    std::string password; ///< the one-time password, or the chosen one after ChangePassword
};

/// A client signed in as the demo manager.
std::unique_ptr<client::ApiClient> ManagerClient(const TestServer& server);

model::AccountInput NewAccountInput(const std::string& loginId,
                                    std::vector<std::string> roles = {"customeremployee"});

/// Creates the account as the demo manager.
TestAccount CreateAccount(const TestServer& server, const model::AccountInput& input);

/// A client signed in as `account` with its current password.
std::unique_ptr<client::ApiClient> SignIn(const TestServer& server, const TestAccount& account,
                                          const char* tenant = "demo");

/// Replaces the one-time password with kGoodPassword (the client stays signed in).
void ChangePassword(client::ApiClient& client, TestAccount& account);

/// The audit events of `action` on `target` in sequence order (columns as stored).
std::vector<nlohmann::json> AuditEvents(const TestServer& server, const std::string& action,
                                        const std::string& target);

/// The field and code of an error's first field error ("" when there is none).
std::string FirstField(const client::ApiError& error);
std::string FirstFieldCode(const client::ApiError& error);

} // namespace resv::test
