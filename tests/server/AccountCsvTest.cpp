// Accounts as CSV (issue 4): the export is UTF-8 with a BOM, guarded against formulas and audited;
// the import checks every row in a dry run that writes nothing, and a real run creates every
// account or none, returning the one-time passwords of those it created.

#include "support/Accounts.h"
#include "support/RawTls.h"
#include "support/SqliteFile.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "accounts/AccountCsv.h"
#include "resv/model/Json.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>

using namespace resv;
using namespace resv::test;
using client::ApiError;

namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";
constexpr const char* kImportHeader = "login_id,display_name,email,roles,jurisdictions,facilities";
constexpr const char* kImportPath = "/api/v1/accounts/import";

/// A file of the import's header and `rows`, CRLF line ends as Excel writes them.
std::string CsvFile(const std::vector<std::string>& rows) {
    std::string text = kImportHeader + std::string("\r\n");
    for (const auto& row : rows) {
        text += row + "\r\n";
    }
    return text;
}

std::int64_t CountOf(const TestServer& server, const std::string& table) {
    return QueryRows(server.DataDir() / "resv.db", "SELECT COUNT(*) AS n FROM " + table)
        .at(0)
        .at("n")
        .get<std::int64_t>();
}

/// What storage holds: accounts and audit events, so that "nothing was written" is provable.
struct Written {
    std::int64_t accounts = 0;
    std::int64_t events = 0;
    bool operator==(const Written&) const = default;
};

Written WrittenSoFar(const TestServer& server) {
    // A refused request is itself recorded (request.denied); anything else would be a change.
    return {CountOf(server, "accounts"),
            CountOf(server, "audit_events WHERE action != 'request.denied'")};
}

std::string IdOfJurisdiction(client::ApiClient& api, const std::string& name) {
    for (const auto& j : api.ListJurisdictions()) {
        if (j.name == name) {
            return j.id;
        }
    }
    FAIL("no jurisdiction named " << name);
    return {};
}

std::string IdOfFacility(client::ApiClient& api, const std::string& name,
                         const std::string& jurisdictionId = {}) {
    for (const auto& f : api.ListFacilities()) {
        if (f.name == name && (jurisdictionId.empty() || f.jurisdictionId == jurisdictionId)) {
            return f.id;
        }
    }
    FAIL("no facility named " << name);
    return {};
}

const model::ImportRow& RowAt(const model::ImportResult& result, int line) {
    const auto it = std::find_if(result.rows.begin(), result.rows.end(),
                                 [line](const model::ImportRow& row) { return row.line == line; });
    REQUIRE(it != result.rows.end());
    return *it;
}

/// "field code" of each error of a row, for assertions that read as the answer does.
std::vector<std::string> ErrorsOf(const model::ImportRow& row) {
    std::vector<std::string> errors;
    for (const auto& error : row.errors) {
        errors.push_back(error.field + " " + error.code);
    }
    return errors;
}

std::vector<std::string> ProblemErrors(const ApiError& error) {
    std::vector<std::string> errors;
    for (const auto& fieldError : error.Problem().errors) {
        errors.push_back(fieldError.field + " " + fieldError.code);
    }
    return errors;
}

/// The lines of a CSV text without its BOM (no quoted line breaks in these tests).
std::vector<std::string> LinesOf(std::string text) {
    if (text.rfind(kBom, 0) == 0) {
        text.erase(0, 3);
    }
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(line);
    }
    return lines;
}

std::string LineOf(const std::vector<std::string>& lines, const std::string& loginId) {
    for (const auto& line : lines) {
        if (line.rfind(loginId + ",", 0) == 0) {
            return line;
        }
    }
    FAIL("the export has no line for " << loginId);
    return {};
}

std::optional<model::Account> FindAccount(client::ApiClient& api, const std::string& loginId) {
    client::AccountQuery query;
    query.q = loginId;
    for (const auto& account : api.ListAccounts(query).items) {
        if (account.loginId == loginId) {
            return account;
        }
    }
    return std::nullopt;
}

} // namespace

TEST_CASE(
    "Accounts CSV: the export is UTF-8 with a BOM, guarded against formulas, and imports again") {
    TestServer server;
    auto manager = ManagerClient(server);
    const std::string kansai = IdOfJurisdiction(*manager, "関西管轄");
    const std::string shinjuku = IdOfFacility(*manager, "デモホテル 新宿");
    model::AccountInput tanaka = NewAccountInput("tanaka.k");
    tanaka.displayName = "田中 健";
    tanaka.email = "tanaka@example.jp";
    tanaka.scope = LimitedScope({kansai}, {shinjuku});
    manager->CreateAccount(tanaka);
    model::AccountInput formula = NewAccountInput("formula.x", {"customermanager_viewer"});
    formula.displayName = "=HYPERLINK(\"http://evil.example\",\"x\")";
    manager->CreateAccount(formula);

    const std::string csv = manager->ExportAccountsCsv();

    REQUIRE(csv.rfind(kBom, 0) == 0);
    CHECK(csv.find("\r\n") != std::string::npos);
    const auto lines = LinesOf(csv);
    REQUIRE(lines.size() >= 6); // header, the demo's manager, viewer and staff01, and these two
    CHECK(lines[0] ==
          "login_id,display_name,email,roles,jurisdictions,facilities,status,last_login_at,"
          "locked_until");
    CHECK(LineOf(lines, "tanaka.k") ==
          "tanaka.k,田中 健,tanaka@example.jp,customeremployee,関西管轄,デモホテル 新宿,active,,");
    // The cell starts with ' so that Excel shows the text instead of running the formula.
    CHECK(LineOf(lines, "formula.x") ==
          "formula.x,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",,"
          "customermanager_viewer,,,active,,");
    CHECK(LineOf(lines, "manager").find(",customermanager,") != std::string::npos);
    // Sorted by login ID.
    CHECK(std::is_sorted(lines.begin() + 1, lines.end()));

    SECTION(
        "an edited export imports again: names, Japanese text and the guarded cell as they were") {
        const std::string tanakaId = FindAccount(*manager, "tanaka.k")->id;
        const std::string formulaId = FindAccount(*manager, "formula.x")->id;
        manager->DeleteAccount(tanakaId);
        manager->DeleteAccount(formulaId);
        // The manager keeps the header and the two lines, as one would in Excel.
        const std::string edited = std::string(kBom) + lines[0] + "\r\n" +
                                   LineOf(lines, "formula.x") + "\r\n" + LineOf(lines, "tanaka.k") +
                                   "\r\n";

        const model::ImportResult result = manager->ImportAccountsCsv(edited, false);

        CHECK(result.applied);
        CHECK(result.valid == 2);
        const auto again = FindAccount(*manager, "tanaka.k");
        REQUIRE(again);
        CHECK(again->displayName == "田中 健");
        CHECK(again->email == std::optional<std::string>("tanaka@example.jp"));
        CHECK(again->roles == std::vector<std::string>{"customeremployee"});
        CHECK(again->scope == LimitedScope({kansai}, {shinjuku}));
        const auto formulaAgain = FindAccount(*manager, "formula.x");
        REQUIRE(formulaAgain);
        CHECK(formulaAgain->displayName == formula.displayName);
        CHECK(formulaAgain->roles == std::vector<std::string>{"customermanager_viewer"});
        CHECK(formulaAgain->scope.all);
    }
}

TEST_CASE("Accounts CSV: the export is a text/csv attachment and every export is an audit event") {
    TestServer server;
    auto client = server.Client();
    const std::string token = client->Login(RequestFor(kViewer)).token;

    const HttpAnswer answer =
        HttpsRequest(server.Port(), server.CaFile(), "GET", "/api/v1/accounts/export.csv", "",
                     "Authorization: Bearer " + token + "\r\n");

    CHECK(answer.status == 200);
    CHECK(answer.headers.at("content-type") == "text/csv; charset=utf-8");
    CHECK(answer.headers.at("content-disposition") == "attachment; filename=\"accounts.csv\"");
    CHECK(answer.headers.at("cache-control") == "no-store");
    CHECK(answer.body.rfind(kBom, 0) == 0);

    client->ExportAccountsCsv();
    const auto events = AuditEvents(server, "account.export", "accounts.csv");
    REQUIRE(events.size() == 2);
    const auto details = model::Json::parse(events[1].at("details_json").get<std::string>());
    CHECK(details.at("rows") == CountOf(server, "accounts WHERE tenant_id = (SELECT id FROM "
                                                "tenants WHERE code = 'demo')"));
    CHECK(model::Json::parse(events[1].at("actor_json").get<std::string>()).at("login_id") ==
          "viewer");
}

TEST_CASE("Accounts CSV: employees may neither export nor import, and a viewer only exports") {
    TestServer server;
    const auto employee = LoggedIn(server, StoreAccount(server, "emp.csv", {"customeremployee"}));
    const Written before = WrittenSoFar(server);

    const ApiError exportError = ApiErrorOf([&] { employee->ExportAccountsCsv(); });
    CHECK(exportError.Status() == 403);
    CHECK(exportError.Code() == "forbidden");
    for (const bool dryRun : {true, false}) {
        const ApiError importError = ApiErrorOf(
            [&] { employee->ImportAccountsCsv(CsvFile({"a.b,A B,,customeremployee,,"}), dryRun); });
        CHECK(importError.Status() == 403);
        CHECK(importError.Code() == "forbidden");
    }
    CHECK(WrittenSoFar(server) == before);

    const auto viewer = LoggedIn(server, kViewer);
    CHECK_FALSE(viewer->ExportAccountsCsv().empty());
    const ApiError viewerImport = ApiErrorOf(
        [&] { viewer->ImportAccountsCsv(CsvFile({"a.b,A B,,customeremployee,,"}), true); });
    CHECK(viewerImport.Status() == 403);
}

TEST_CASE("Accounts CSV: a custom role with accounts.write imports, and accounts.read exports") {
    TestServer server;
    auto manager = ManagerClient(server);
    model::RoleInput role;
    role.name = "アカウント登録";
    role.tier = model::Tier::Manager;
    role.permissions = std::vector<std::string>{"accounts.read", "accounts.write"};
    manager->CreateRole(role);
    const auto clerk = LoggedIn(server, StoreAccount(server, "clerk", {"アカウント登録"}));

    CHECK(clerk->ExportAccountsCsv().find("\r\nclerk,") != std::string::npos);
    const auto result =
        clerk->ImportAccountsCsv(CsvFile({"by.clerk,By Clerk,,customeremployee,,"}), false);
    CHECK(result.applied);
    CHECK(FindAccount(*manager, "by.clerk"));
}

TEST_CASE("Accounts CSV: a dry run answers every row with its errors and writes nothing") {
    TestServer server;
    auto manager = ManagerClient(server);
    const Written before = WrittenSoFar(server);
    const std::string file = CsvFile({
        "good.one,良い 一,,customeremployee,,",                       // line 2
        "no.role,役割 なし,,nosuchrole,,",                            // line 3
        "no.place,施設 なし,,customeremployee,,存在しないホテル",     // line 4
        "good.one,重複,,customeremployee,,",                          // line 5
        "manager,既存,,customeremployee,,",                           // line 6
        "Bad ID!,悪い ID,,customeremployee,,",                        // line 7
        "op.user,運用,,operator,,",                                   // line 8
        "good.two,良い 二,two@example.jp,customeremployee,関西管轄,", // line 9
        "short.row,短い",                                             // line 10
        "no.area,管轄 なし,,customeremployee,北海道管轄,",            // line 11
    });

    const client::HttpResult answer =
        manager->SendRaw("POST", std::string(kImportPath) + "?dry_run=true", file, "text/csv");

    REQUIRE(answer.status == 200);
    const auto result = model::Json::parse(answer.body).get<model::ImportResult>();
    CHECK(result.dryRun);
    CHECK_FALSE(result.applied);
    CHECK(result.rows.size() == 10);
    CHECK(result.valid == 2);
    CHECK(result.invalid == 8);
    CHECK(RowAt(result, 2).status == "valid");
    CHECK(RowAt(result, 2).errors.empty());
    CHECK_FALSE(RowAt(result, 2).oneTimePassword);
    CHECK(RowAt(result, 9).status == "valid");
    CHECK(ErrorsOf(RowAt(result, 3)) == std::vector<std::string>{"roles[0] not_found"});
    CHECK(ErrorsOf(RowAt(result, 4)) == std::vector<std::string>{"facilities[0] not_found"});
    CHECK(ErrorsOf(RowAt(result, 5)) == std::vector<std::string>{"login_id duplicate"});
    CHECK(ErrorsOf(RowAt(result, 6)) == std::vector<std::string>{"login_id exists"});
    CHECK(ErrorsOf(RowAt(result, 7)) == std::vector<std::string>{"login_id invalid_value"});
    CHECK(ErrorsOf(RowAt(result, 8)) == std::vector<std::string>{"roles[0] role_not_allowed"});
    CHECK(ErrorsOf(RowAt(result, 10)) == std::vector<std::string>{"line field_count"});
    CHECK(ErrorsOf(RowAt(result, 11)) == std::vector<std::string>{"jurisdictions[0] not_found"});
    for (const auto& row : result.rows) {
        INFO("line " << row.line);
        CHECK(row.status == (row.errors.empty() ? "valid" : "error"));
        CHECK_FALSE(row.accountId);
    }
    CHECK(RowAt(result, 7).loginId == "Bad ID!");

    CHECK(WrittenSoFar(server) == before);
    CHECK_FALSE(FindAccount(*manager, "good.one"));
}

TEST_CASE(
    "Accounts CSV: a real run with one bad row is refused whole, naming the row, writing nothing") {
    TestServer server;
    auto manager = ManagerClient(server);
    const Written before = WrittenSoFar(server);
    const std::string file = CsvFile({
        "fine.one,Fine One,,customeremployee,,",
        "fine.two,Fine Two,,nosuchrole,,",
        "fine.three,Fine Three,,customeremployee,,",
    });

    const client::HttpResult answer =
        manager->SendRaw("POST", std::string(kImportPath) + "?dry_run=false", file, "text/csv");
    CHECK(answer.status == 400);
    const ApiError error = ApiErrorOf([&] { manager->ImportAccountsCsv(file, false); });

    CHECK(error.Status() == 400);
    CHECK(error.Code() == "invalid_field");
    CHECK(ProblemErrors(error) == std::vector<std::string>{"rows[3].roles[0] not_found"});
    CHECK(WrittenSoFar(server) == before);
    CHECK_FALSE(FindAccount(*manager, "fine.one"));
    CHECK_FALSE(FindAccount(*manager, "fine.three"));
}

TEST_CASE(
    "Accounts CSV: a real run creates every account with roles, scope and one-time passwords") {
    TestServer server;
    auto manager = ManagerClient(server);
    const std::string tokyo = IdOfJurisdiction(*manager, "東京管轄");
    const std::string kansai = IdOfJurisdiction(*manager, "関西管轄");
    const std::string umeda = IdOfFacility(*manager, "デモホテル 梅田");
    const std::string hakata = IdOfFacility(*manager, "デモホテル 博多");
    // A second "デモホテル 新宿" in 関西管轄: the name alone is ambiguous now.
    model::FacilityPatch twin;
    twin.name = "デモホテル 新宿";
    twin.jurisdictionId = kansai;
    const std::string twinId = manager->CreateFacility(twin).id;
    const Written before = WrittenSoFar(server);
    const std::string file = std::string(kBom) +
                             "Login_ID,Display_Name,EMAIL,Roles,Jurisdictions,Facilities\r\n"
                             "sato.h,佐藤 花子,sato@example.jp,customeremployee,,"
                             "デモホテル 梅田; デモホテル 博多\r\n"
                             "\r\n"
                             ",,,,,\r\n"
                             "suzuki.m,鈴木 誠,,customermanager_viewer;customeremployee,"
                             "東京管轄,関西管轄/デモホテル 新宿\r\n"
                             "kato.y,加藤 洋,,customermanager,,\r\n";

    SECTION("the ambiguous name alone is a row error") {
        const auto result = manager->ImportAccountsCsv(
            CsvFile({"amb.x,曖昧,,customeremployee,,デモホテル 新宿"}), true);
        CHECK(ErrorsOf(RowAt(result, 2)) == std::vector<std::string>{"facilities[0] ambiguous"});
    }

    SECTION("created, with 201") {
        const client::HttpResult answer = manager->SendRaw(
            "POST", std::string(kImportPath) + "?dry_run=false", file, "text/csv; charset=utf-8");
        REQUIRE(answer.status == 201);
        const auto result = model::Json::parse(answer.body).get<model::ImportResult>();

        CHECK_FALSE(result.dryRun);
        CHECK(result.applied);
        CHECK(result.valid == 3);
        CHECK(result.invalid == 0);
        REQUIRE(result.rows.size() == 3);
        CHECK(RowAt(result, 2).loginId == "sato.h");
        CHECK(RowAt(result, 5).loginId == "suzuki.m");
        CHECK(RowAt(result, 6).loginId == "kato.y");
        std::map<std::string, std::string> passwords;
        for (const auto& row : result.rows) {
            INFO(row.loginId);
            CHECK(row.status == "created");
            CHECK(row.errors.empty());
            REQUIRE(row.accountId);
            REQUIRE(row.oneTimePassword);
            CHECK(row.oneTimePassword->size() >= 16);
            passwords[row.loginId] = *row.oneTimePassword;
        }
        CHECK(WrittenSoFar(server).accounts == before.accounts + 3);

        const auto sato = FindAccount(*manager, "sato.h");
        REQUIRE(sato);
        CHECK(sato->id == RowAt(result, 2).accountId);
        CHECK(sato->displayName == "佐藤 花子");
        CHECK(sato->email == std::optional<std::string>("sato@example.jp"));
        CHECK(sato->roles == std::vector<std::string>{"customeremployee"});
        CHECK(sato->scope.facilities.size() == 2);
        CHECK(std::is_permutation(sato->scope.facilities.begin(), sato->scope.facilities.end(),
                                  std::vector<std::string>{umeda, hakata}.begin()));
        CHECK(sato->scope.jurisdictions.empty());
        CHECK_FALSE(sato->scope.all);
        CHECK(sato->mustChangePassword);
        const auto suzuki = FindAccount(*manager, "suzuki.m");
        REQUIRE(suzuki);
        CHECK(suzuki->roles ==
              std::vector<std::string>{"customeremployee", "customermanager_viewer"});
        CHECK(suzuki->scope == LimitedScope({tokyo}, {twinId}));
        const auto kato = FindAccount(*manager, "kato.y");
        REQUIRE(kato);
        CHECK(kato->roles == std::vector<std::string>{"customermanager"});
        CHECK(kato->scope.all);

        // The one-time password logs in, and the session must change it first.
        TestAccount account{*sato, "sato.h", passwords.at("sato.h")};
        auto client = SignIn(server, account);
        CHECK(client->GetMe().mustChangePassword);
        CHECK(ApiErrorOf([&] { client->ListFacilities(); }).Code() == "password_change_required");
        ChangePassword(*client, account);
        CHECK(client->ListFacilities().size() == 2);

        const auto imports = AuditEvents(server, "account.import", "accounts.csv");
        REQUIRE(imports.size() == 1);
        CHECK(model::Json::parse(imports[0].at("details_json").get<std::string>()).at("created") ==
              3);
        CHECK(AuditEvents(server, "account.create", *RowAt(result, 6).accountId).size() == 1);
        // The one-time passwords are in the answer only: never in the usage history.
        for (const auto& row :
             QueryRows(server.DataDir() / "resv.db", "SELECT details_json FROM audit_events")) {
            for (const auto& [login, password] : passwords) {
                CHECK(row.at("details_json").get<std::string>().find(password) ==
                      std::string::npos);
            }
        }
    }
}

TEST_CASE("Accounts CSV: a file that cannot be read is a 4xx naming the problem, writing nothing") {
    TestServer server;
    auto manager = ManagerClient(server);
    const Written before = WrittenSoFar(server);
    const auto refused = [&](const std::string& body, const std::string& contentType,
                             const std::string& query = "?dry_run=true") {
        const client::HttpResult answer =
            manager->SendRaw("POST", kImportPath + query, body, contentType);
        INFO(answer.body);
        CHECK(answer.status >= 400);
        CHECK(answer.status < 500);
        return answer.status == 0 ? model::Json() : model::Json::parse(answer.body);
    };
    const auto firstError = [](const model::Json& problem) {
        const auto& error = problem.at("errors").at(0);
        return error.at("field").get<std::string>() + " " + error.at("code").get<std::string>();
    };

    SECTION("not sent as text/csv: 415") {
        const auto problem = refused("{\"rows\": []}", "application/json");
        CHECK(problem.at("status") == 415);
        CHECK(problem.at("code") == "unsupported_media_type");
        CHECK(problem.at("detail") == "Send the request body as text/csv.");
        CHECK(refused(CsvFile({"x.y,X Y,,customeremployee,,"}), "text/plain").at("status") == 415);
    }
    SECTION("a header that is not the import's: 400") {
        auto problem = refused("login,name,mail,roles,jurisdictions,facilities\r\n"
                               "x.y,X Y,,customeremployee,,\r\n",
                               "text/csv", "?dry_run=false");
        CHECK(problem.at("status") == 400);
        CHECK(problem.at("code") == "invalid_field");
        CHECK(firstError(problem) == "header unknown_column");
        problem =
            refused("login_id,display_name,roles\r\nx.y,X Y,customeremployee\r\n", "text/csv");
        CHECK(firstError(problem) == "header missing_column");
    }
    SECTION("no rows, broken quoting, not UTF-8, too many rows: 400") {
        CHECK(firstError(refused(CsvFile({}), "text/csv")) == "file no_rows");
        CHECK(firstError(refused("", "text/csv")) == "file empty");
        CHECK(firstError(refused(CsvFile({"x.y,\"X Y,,customeremployee,,"}), "text/csv")) ==
              "file invalid_csv");
        CHECK(firstError(refused(CsvFile({"x.y,\x93\xFA\x96\x7B,,customeremployee,,"}),
                                 "text/csv")) == "file invalid_csv");
        std::vector<std::string> rows;
        for (int i = 0; i <= server::accounts::kMaxImportRows; ++i) {
            rows.push_back("user." + std::to_string(i) + ",User,,customeremployee,,");
        }
        CHECK(firstError(refused(CsvFile(rows), "text/csv", "?dry_run=false")) ==
              "file too_many_rows");
    }
    SECTION("a body over the size limit: 413") {
        std::string huge = CsvFile({});
        while (huge.size() <= 1024 * 1024) {
            huge += "padding.row,Padding Row With A Long Display Name,,customeremployee,,\r\n";
        }
        CHECK(refused(huge, "text/csv", "?dry_run=false").at("status") == 413);
    }
    SECTION("dry_run other than true or false: 400") {
        const auto problem =
            refused(CsvFile({"x.y,X Y,,customeremployee,,"}), "text/csv", "?dry_run=yes");
        CHECK(firstError(problem) == "dry_run invalid_value");
    }
    CHECK(WrittenSoFar(server) == before);
}
