#include "support/MatrixTargets.h"

#include "auth/Tokens.h"
#include "resv/model/Json.h"
#include "storage/AccountRepository.h"
#include "storage/Database.h"
#include "storage/Ids.h"
#include "storage/SessionRepository.h"
#include "storage/TenantRepository.h"

#include <catch2/catch.hpp>
#include <fmt/format.h>

namespace resv::test {

StoredSession StoreSession(const TestServer& server, const std::string& tenantCode,
                           const std::string& loginId,
                           const std::optional<std::string>& actAsTenant) {
    namespace storage = server::storage;
    storage::Database database(server.DataDir() / "resv.db", 1);
    auto db = database.Acquire();
    storage::TenantRepository tenants(*db);
    const auto tenant = tenants.FindByCode(tenantCode);
    REQUIRE(tenant);
    const auto account = storage::AccountRepository(*db).FindByLogin(tenant->id, loginId);
    REQUIRE(account);
    std::optional<std::string> actingAs;
    if (actAsTenant) {
        const auto customer = tenants.FindByCode(*actAsTenant);
        REQUIRE(customer);
        actingAs = customer->id;
    }
    const model::TimePoint now = server.SharedClock()->Now();
    const std::string token = server::auth::NewToken();
    const storage::SessionRecord session{storage::NewId(storage::id_prefix::kSession),
                                         server::auth::HashToken(token),
                                         account->id,
                                         account->tenantId,
                                         actingAs,
                                         now,
                                         now,
                                         now + std::chrono::hours(12),
                                         std::string("127.0.0.1"),
                                         std::nullopt};
    storage::Transaction transaction(*db);
    storage::SessionRepository(*db).Insert(session);
    transaction.Commit();
    return {session.id, token};
}

MatrixTargets::MatrixTargets(const TestServer& server)
    : m_server(server)
    , m_makerAccount(StoreAccount(server, "matrix.maker", {"customermanager"}))
    , m_makerToken(StoreSession(server, "demo", m_makerAccount.loginId).token)
    , m_inside(MakeSite(*Maker(), "inside"))
    , m_outside(MakeSite(*Maker(), "outside")) {}

std::unique_ptr<client::ApiClient> MatrixTargets::Maker() const {
    auto client = m_server.Client();
    client->SetToken(m_makerToken);
    return client;
}

MatrixPlace MatrixTargets::Inside() const {
    return {{m_inside.jurisdiction.id, m_inside.jurisdiction.name, {}, {}}, m_inside.facility.id};
}

MatrixPlace MatrixTargets::Outside() const {
    return {{m_outside.jurisdiction.id, m_outside.jurisdiction.name, {}, {}},
            m_outside.facility.id};
}

std::string MatrixTargets::UniqueName(const char* tag) {
    return fmt::format("mx-{:04}-{}", ++m_counter, tag);
}

MatrixTarget MatrixTargets::Jurisdiction() {
    const auto made = Maker()->CreateJurisdiction({UniqueName("jur")});
    return {made.id, made.name, {}, {}};
}

MatrixTarget MatrixTargets::Facility(const MatrixPlace& place) {
    model::FacilityPatch input;
    input.name = UniqueName("fac");
    input.jurisdictionId = place.jurisdiction.id;
    const auto made = Maker()->CreateFacility(input);
    return {made.id, made.name, {}, {}};
}

MatrixTarget MatrixTargets::Terminal(const MatrixPlace& place) {
    const auto made = Maker()->CreateTerminal(
        NewTerminal(place.facilityId, UniqueName("trm"), model::TerminalKind::Kiosk, "192.0.2.40"));
    return {made.terminal.id, made.terminal.name, {}, {}};
}

MatrixTarget MatrixTargets::Account() {
    const std::string loginId = UniqueName("acc");
    const StoredAccount stored = StoreAccount(m_server, loginId, {"customeremployee"});
    return {stored.id, loginId, stored.password, {}};
}

MatrixTarget MatrixTargets::AccountWithSession() {
    MatrixTarget target = Account();
    target.sessionId = StoreSession(m_server, "demo", target.name).id;
    return target;
}

MatrixTarget MatrixTargets::Role() {
    model::RoleInput input;
    input.name = UniqueName("role");
    input.tier = model::Tier::Employee;
    input.permissions = std::vector<std::string>{"facilities.read"};
    const auto made = Maker()->CreateRole(input);
    return {made.id, made.name, {}, {}};
}

std::string MatrixTargets::FieldWorkRole() {
    model::RoleInput input;
    input.name = UniqueName("field-work");
    input.tier = model::Tier::Employee;
    input.permissions =
        std::vector<std::string>{"facilities.write", "terminals.write", "terminals.configure"};
    return Maker()->CreateRole(input).name;
}

} // namespace resv::test
