#include "resv/model/Account.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Session.h"

#include <catch2/catch.hpp>

using namespace resv::model;

namespace {

Account SampleAccount() {
    Account a;
    a.id = "acc_01";
    a.loginId = "manager";
    a.displayName = "山田 花子";
    a.email = "hanako@example.jp";
    a.roles = {"customermanager"};
    a.tier = Tier::Manager;
    a.scope = Scope{false, {"jur_1"}, {"fac_1", "fac_2"}};
    a.status = AccountStatus::Locked;
    a.mustChangePassword = true;
    a.lastLoginAt = ParseRfc3339("2026-11-25T08:10:49.123Z");
    a.lockedUntil = ParseRfc3339("2026-11-25T08:11:49.000Z");
    return a;
}

/// The field named by the ValidationError that parsing `j` as T throws.
template <typename T>
std::string FailingField(const Json& j) {
    try {
        (void)j.get<T>();
    } catch (const ValidationError& e) {
        REQUIRE(e.Errors().size() == 1);
        return e.Errors().front().field;
    }
    FAIL("no ValidationError");
    return {};
}

} // namespace

TEST_CASE("Account round-trips through its wire form with snake_case names") {
    const Account a = SampleAccount();
    const Json j = a;
    CHECK(j.at("login_id") == "manager");
    CHECK(j.at("display_name") == "山田 花子");
    CHECK(j.at("last_login_at") == "2026-11-25T08:10:49.123Z");
    CHECK(j.at("status") == "locked");
    CHECK(j.at("tier") == "manager");
    CHECK(j.at("scope") ==
          Json::parse(R"({"jurisdictions":["jur_1"],"facilities":["fac_1","fac_2"]})"));
    CHECK(j.get<Account>() == a);
}

TEST_CASE("Absent optional fields are null on the wire and nullopt in the model") {
    Account a = SampleAccount();
    a.email.reset();
    a.lastLoginAt.reset();
    a.scope = Scope{};
    const Json j = a;
    CHECK(j.at("email").is_null());
    CHECK(j.at("last_login_at").is_null());
    CHECK(j.at("scope") == Json::parse(R"({"all":true})"));
    CHECK(j.get<Account>() == a);
}

TEST_CASE("Unknown enum strings are rejected, never mapped to a real value") {
    Json j = SampleAccount();
    j["tier"] = "superuser";
    CHECK(FailingField<Account>(j) == "tier");
    j = SampleAccount();
    j["status"] = "ACTIVE";
    CHECK(FailingField<Account>(j) == "status");
    j = SampleAccount();
    j["status"] = 0;
    CHECK(FailingField<Account>(j) == "status");
}

TEST_CASE("A missing or ill-typed field is named in the error") {
    Json j = SampleAccount();
    j.erase("login_id");
    CHECK(FailingField<Account>(j) == "login_id");
    j = SampleAccount();
    j["roles"] = "customermanager";
    CHECK(FailingField<Account>(j) == "roles");
    j = SampleAccount();
    j["must_change_password"] = "yes";
    CHECK(FailingField<Account>(j) == "must_change_password");
    j = SampleAccount();
    j["last_login_at"] = "yesterday";
    CHECK(FailingField<Account>(j) == "last_login_at");
    CHECK(FailingField<Account>(Json::array()) == "");
}

TEST_CASE("Errors inside a nested object carry the path") {
    LoginResponse r;
    r.token = "t";
    r.expiresAt = *ParseRfc3339("2026-11-25T20:00:00Z");
    r.account = SampleAccount();
    Json j = r;
    j["account"]["tier"] = "root";
    CHECK(FailingField<LoginResponse>(j) == "account.tier");
    j = r;
    j["account"]["scope"]["all"] = "yes";
    CHECK(FailingField<LoginResponse>(j) == "account.scope.all");
}

TEST_CASE("A scope is all or lists, never both") {
    CHECK(Json::parse(R"({"all":true})").get<Scope>() == Scope{});
    CHECK(Json::parse(R"({"facilities":["f"]})").get<Scope>() == Scope{false, {}, {"f"}});
    CHECK(FailingField<Scope>(Json::parse(R"({"all":true,"facilities":["f"]})")) == "all");
}

TEST_CASE("A login request needs tenant, login ID and password") {
    const auto ok = Json::parse(R"({"tenant":"demo","login_id":"manager","password":"x"})");
    const auto request = ok.get<LoginRequest>();
    CHECK(request.tenant == "demo");
    CHECK_FALSE(request.actAsTenant.has_value());
    CHECK(Json(request) == ok);

    for (const char* field : {"tenant", "login_id", "password"}) {
        Json missing = ok;
        missing.erase(field);
        CHECK(FailingField<LoginRequest>(missing) == field);
        Json empty = ok;
        empty[field] = "";
        CHECK(FailingField<LoginRequest>(empty) == field);
        Json wrongType = ok;
        wrongType[field] = 42;
        CHECK(FailingField<LoginRequest>(wrongType) == field);
    }
    Json act = ok;
    act["act_as_tenant"] = "demo";
    CHECK(act.get<LoginRequest>().actAsTenant == "demo");
}

TEST_CASE("Me round-trips with the session times and acting tenant") {
    Me me;
    me.id = "acc_9";
    me.loginId = "support";
    me.displayName = "保守 一郎";
    me.roles = {"operator"};
    me.tier = Tier::Provider;
    me.tenant = TenantRef{"provider", "RESV サポート", "jp"};
    me.session = {*ParseRfc3339("2026-11-25T20:00:00Z"), *ParseRfc3339("2026-11-25T08:40:00Z")};
    me.actingAs = TenantRef{"demo", "デモホテルグループ", "jp"};
    const Json j = me;
    CHECK(j.at("session").at("idle_expires_at") == "2026-11-25T08:40:00.000Z");
    CHECK(j.at("acting_as").at("code") == "demo");
    CHECK(j.get<Me>() == me);

    Json broken = j;
    broken["session"].erase("expires_at");
    CHECK(FailingField<Me>(broken) == "session.expires_at");
}

TEST_CASE("Problem details keep code and field errors") {
    Problem p;
    p.title = "Invalid field";
    p.status = 400;
    p.code = error_code::kInvalidField;
    p.errors = {{"login_id", "required", "login_id is required"}};
    const Json j = p;
    CHECK(j.at("errors").at(0).at("field") == "login_id");
    CHECK(j.get<Problem>() == p);
    CHECK_FALSE(Json(Problem{}).contains("errors"));
}

TEST_CASE("Health carries the server time") {
    const auto h =
        Json::parse(R"({"status":"ok","version":"0.1.0","server_time":"2026-11-25T08:10:49.123Z"})")
            .get<Health>();
    CHECK(h.serverTime == *ParseRfc3339("2026-11-25T08:10:49.123Z"));
}
