// IAccountsApi's CSV calls against the real server: the console's Import and Export screens use
// exactly these, so a change on either side of the contract fails here.

#include "support/Accounts.h"

#include "resv/client/AccountsApi.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;

TEST_CASE("Accounts CSV: the client's export and import agree with the server") {
    TestServer server;
    auto manager = ManagerClient(server);
    client::IAccountsApi& api = *manager;
    const std::string file =
        "\xEF\xBB\xBFlogin_id,display_name,email,roles,jurisdictions,facilities\r\n"
        "yamada.t,山田 太郎,,customeremployee,九州管轄,\r\n";

    SECTION("export: the file's bytes, BOM first") {
        const std::string csv = api.ExportAccountsCsv();
        CHECK(csv.rfind("\xEF\xBB\xBFlogin_id,display_name,email,roles,", 0) == 0);
        CHECK(csv.find("\r\nmanager,") != std::string::npos);
    }

    SECTION("a dry run, then the real run") {
        const model::ImportResult checked = api.ImportAccountsCsv(file, true);
        CHECK(checked.dryRun);
        CHECK_FALSE(checked.applied);
        CHECK(checked.valid == 1);
        REQUIRE(checked.rows.size() == 1);
        CHECK(checked.rows[0].line == 2);
        CHECK(checked.rows[0].loginId == "yamada.t");
        CHECK(checked.rows[0].status == "valid");
        CHECK_FALSE(checked.rows[0].oneTimePassword);

        const model::ImportResult created = api.ImportAccountsCsv(file, false);
        CHECK_FALSE(created.dryRun);
        CHECK(created.applied);
        REQUIRE(created.rows.size() == 1);
        CHECK(created.rows[0].status == "created");
        REQUIRE(created.rows[0].accountId);
        REQUIRE(created.rows[0].oneTimePassword);
        const model::Account account = api.GetAccount(*created.rows[0].accountId);
        CHECK(account.displayName == "山田 太郎");
        CHECK(account.scope.jurisdictions.size() == 1);

        // The same file again: the login ID exists now, and a real run refuses the whole file.
        const client::ApiError error = ApiErrorOf([&] { api.ImportAccountsCsv(file, false); });
        CHECK(error.Status() == 400);
        CHECK(error.Code() == "invalid_field");
        CHECK(FirstField(error) == "rows[2].login_id");
        CHECK(FirstFieldCode(error) == "exists");
    }
}
