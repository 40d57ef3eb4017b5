// The shapes of issue 4's requests: what parsing accepts, and the field each refusal names.
#include "resv/client/AccountsApi.h"
#include "resv/model/Access.h"
#include "resv/model/Account.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"

#include <catch2/catch.hpp>

using namespace resv::model;

namespace {

/// The field and code of the one error parsing `json` as T throws.
template <typename T>
std::pair<std::string, std::string> Refusal(const Json& json) {
    try {
        (void)json.get<T>();
    } catch (const ValidationError& e) {
        REQUIRE(e.Errors().size() == 1);
        return {e.Errors().front().field, e.Errors().front().code};
    }
    FAIL("accepted: " << json.dump());
    return {};
}

Json ValidAccount() {
    return Json{{"login_id", "yamada.hana"},
                {"display_name", "  山田 花子 "},
                {"email", "hana@example.jp"},
                {"roles", {"customeremployee"}},
                {"scope", {{"facilities", {"fac_1"}}}}};
}

} // namespace

TEST_CASE("Login IDs are 3-64 of a-z 0-9 . _ -") {
    CHECK(IsValidLoginId("abc"));
    CHECK(IsValidLoginId("front.desk_2-b"));
    CHECK(IsValidLoginId(std::string(64, 'a')));
    CHECK_FALSE(IsValidLoginId("ab"));
    CHECK_FALSE(IsValidLoginId(std::string(65, 'a')));
    CHECK_FALSE(IsValidLoginId("Yamada"));
    CHECK_FALSE(IsValidLoginId("yamada hana"));
    CHECK_FALSE(IsValidLoginId("yamada@hotel"));
    CHECK_FALSE(IsValidLoginId("\xE5\xB1\xB1\xE7\x94\xB0")); // 山田
}

TEST_CASE("E-mail addresses are checked loosely but never let header characters through") {
    CHECK(IsPlausibleEmail("hana@example.jp"));
    CHECK(IsPlausibleEmail("front+desk@hotel.example.co.jp"));
    CHECK_FALSE(IsPlausibleEmail("hana@localhost"));
    CHECK_FALSE(IsPlausibleEmail("@example.jp"));
    CHECK_FALSE(IsPlausibleEmail("hana@@example.jp"));
    CHECK_FALSE(IsPlausibleEmail("hana@example.jp\r\nBcc: x@y.jp"));
    CHECK_FALSE(IsPlausibleEmail("a b@example.jp"));
}

TEST_CASE("An account to create is parsed, trimmed and checked field by field") {
    const auto input = ValidAccount().get<AccountInput>();
    CHECK(input.displayName == "\xE5\xB1\xB1\xE7\x94\xB0 \xE8\x8A\xB1\xE5\xAD\x90");
    CHECK(input.email == "hana@example.jp");
    CHECK_FALSE(input.scope.all);
    CHECK(input.scope.facilities == std::vector<std::string>{"fac_1"});

    auto upper = ValidAccount();
    upper["login_id"] = "Yamada";
    CHECK(Refusal<AccountInput>(upper) ==
          std::pair<std::string, std::string>{"login_id", "invalid_value"});
    auto blank = ValidAccount();
    blank["display_name"] = "   ";
    CHECK(Refusal<AccountInput>(blank).first == "display_name");
    auto noRoles = ValidAccount();
    noRoles["roles"] = Json::array();
    CHECK(Refusal<AccountInput>(noRoles) ==
          std::pair<std::string, std::string>{"roles", "required"});
    auto badMail = ValidAccount();
    badMail["email"] = "hana";
    CHECK(Refusal<AccountInput>(badMail).first == "email");
    auto noScope = ValidAccount();
    noScope.erase("scope");
    CHECK(Refusal<AccountInput>(noScope).first == "scope");
    auto extra = ValidAccount();
    extra["password"] = "x";
    CHECK(Refusal<AccountInput>(extra) ==
          std::pair<std::string, std::string>{"password", "unknown_field"});
}

TEST_CASE("An account patch names only what it changes, and the login ID never changes") {
    const auto patch = Json{{"display_name", "Hana"}}.get<AccountPatch>();
    CHECK(patch.displayName == "Hana");
    CHECK_FALSE(patch.email);
    CHECK_FALSE(patch.roles);
    const auto clear = Json{{"email", nullptr}}.get<AccountPatch>();
    REQUIRE(clear.email);
    CHECK_FALSE(clear.email->has_value());
    CHECK(Json(clear) == Json{{"email", nullptr}});
    CHECK(Refusal<AccountPatch>(Json{{"login_id", "other"}}) ==
          std::pair<std::string, std::string>{"login_id", "read_only"});
}

TEST_CASE("A role names catalogue permissions and never a built-in name") {
    const auto input =
        Json{{"name", " Front desk "},
             {"tier", "employee"},
             {"permissions", {"terminals.read", "facilities.read", "terminals.read"}}}
            .get<RoleInput>();
    CHECK(input.name == "Front desk");
    CHECK(input.permissions == std::vector<std::string>{"facilities.read", "terminals.read"});
    CHECK(Refusal<RoleInput>(Json{{"name", "customermanager"}}) ==
          std::pair<std::string, std::string>{"name", "reserved"});
    CHECK(Refusal<RoleInput>(Json{{"permissions", {"facilities.read", "root"}}}) ==
          std::pair<std::string, std::string>{"permissions[1]", "unknown_permission"});
    CHECK(Refusal<RoleInput>(Json{{"tier", "provider"}}).first == "tier");
    CHECK_THROWS_AS(RequireForCreate(Json{{"name", "x"}}.get<RoleInput>()), ValidationError);
}

TEST_CASE("The permission catalogue marks what only manager tier may hold") {
    const auto catalogue = PermissionCatalogue();
    CHECK(catalogue.size() == 15);
    for (const auto& entry : catalogue) {
        INFO(entry.name);
        const bool managerOnly = entry.name == "usage.read" || entry.name == "usage.export" ||
                                 entry.name == "monitoring.read";
        CHECK(entry.managerTierOnly == managerOnly);
    }
}

TEST_CASE("Effective access and import results survive the wire") {
    EffectiveAccess access;
    access.accountId = "acc_1";
    access.loginId = "hana";
    access.permissions = {{"facilities.read", {"customeremployee", "Front desk"}}};
    access.scope.all = false;
    access.scope.jurisdictions = {"jur_1"};
    access.jurisdictions = {{"jur_1", "\xE6\x9D\xB1\xE4\xBA\xAC"}};
    access.facilities = {{"fac_1", "Shinjuku", "jur_1", "Tokyo", "jurisdiction"}};
    CHECK(Json(access).get<EffectiveAccess>() == access);

    ImportResult result;
    result.rows = {{2, "hana", "valid", {}, std::nullopt, std::nullopt},
                   {3, "Bad", "error", {{"login_id", "invalid_value", "bad"}}, {}, {}}};
    result.valid = 1;
    result.invalid = 1;
    CHECK(Json(result).get<ImportResult>() == result);
}

TEST_CASE("The accounts query string encodes search text and filters") {
    resv::client::AccountQuery query;
    query.q = "\xE5\xB1\xB1\xE7\x94\xB0 &";
    query.status = AccountStatus::Locked;
    query.sort = "-last_login_at";
    query.limit = 50;
    CHECK(resv::client::ToQueryString(query) ==
          "?q=%E5%B1%B1%E7%94%B0%20%26&status=locked&sort=-last_login_at&limit=50");
}
