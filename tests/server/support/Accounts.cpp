#include "support/Accounts.h"

#include "support/SqliteFile.h"

#include "resv/model/Json.h"

namespace resv::test {

std::unique_ptr<client::ApiClient> ManagerClient(const TestServer& server) {
    auto client = server.Client();
    client->Login(RequestFor(kManager));
    return client;
}

model::AccountInput NewAccountInput(const std::string& loginId, std::vector<std::string> roles) {
    model::AccountInput input;
    input.loginId = loginId;
    input.displayName = "Test " + loginId;
    input.roles = std::move(roles);
    return input;
}

TestAccount CreateAccount(const TestServer& server, const model::AccountInput& input) {
    const model::AccountCreated created = ManagerClient(server)->CreateAccount(input);
    return {created.account, input.loginId, created.oneTimePassword};
}

std::unique_ptr<client::ApiClient> SignIn(const TestServer& server, const TestAccount& account,
                                          const char* tenant) {
    auto client = server.Client();
    model::LoginRequest request;
    request.tenant = tenant;
    request.loginId = account.loginId;
    request.password = account.password;
    client->Login(request);
    return client;
}

void ChangePassword(client::ApiClient& client, TestAccount& account) {
    client.ChangeMyPassword({account.password, kGoodPassword});
    account.password = kGoodPassword;
}

std::vector<nlohmann::json> AuditEvents(const TestServer& server, const std::string& action,
                                        const std::string& target) {
    return QueryRows(server.DataDir() / "resv.db",
                     "SELECT sequence, json_object('id', actor_id, 'login_id', actor_login_id, "
                     "'display_name', actor_display_name, 'role', actor_role) AS actor_json, "
                     "source_ip, action, target_id AS target, result, "
                     "details_json "
                     "FROM audit_events WHERE action = ?1 AND (target_id = ?2 OR (target_id IS "
                     "NULL AND target_label = ?2)) ORDER BY id",
                     {action, target});
}

std::string FirstField(const client::ApiError& error) {
    return error.Problem().errors.empty() ? std::string() : error.Problem().errors.front().field;
}

std::string FirstFieldCode(const client::ApiError& error) {
    return error.Problem().errors.empty() ? std::string() : error.Problem().errors.front().code;
}

} // namespace resv::test
