#include "AuditHistory.h"

#include "AuditSeeder.h"

#include "audit/AuditLog.h"
#include "resv/model/Json.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace resv::bench {
namespace {

using model::Json;

constexpr std::int64_t kHourMs = 3600LL * 1000;

constexpr std::array<const char*, 24> kFamily{
    "sato",     "suzuki",    "takahashi", "tanaka", "ito",     "watanabe",
    "yamamoto", "nakamura",  "kobayashi", "kato",   "yoshida", "yamada",
    "sasaki",   "yamaguchi", "matsumoto", "inoue",  "kimura",  "hayashi",
    "saito",    "shimizu",   "yamazaki",  "mori",   "ikeda",   "abe"};
constexpr std::array<const char*, 24> kFamilyKanji{
    "佐藤", "鈴木", "高橋", "田中", "伊藤",   "渡辺", "山本", "中村",
    "小林", "加藤", "吉田", "山田", "佐々木", "山口", "松本", "井上",
    "木村", "林",   "斎藤", "清水", "山崎",   "森",   "池田", "阿部"};
constexpr std::array<const char*, 12> kGiven{"shota", "daisuke", "kenta",  "haruto",
                                             "ren",   "yui",     "hanako", "misaki",
                                             "aoi",   "sakura",  "makoto", "ai"};
constexpr std::array<const char*, 12> kGivenKanji{"翔太", "大輔", "健太", "陽翔",   "蓮", "結衣",
                                                  "花子", "美咲", "葵",   "さくら", "誠", "愛"};

struct ActionWeight {
    const char* action;
    double weight;
};

// A hotel chain's month: the KIOSK calls and the front desk's sign-ins dominate; changes are few.
constexpr std::array<ActionWeight, 34> kActions{{
    {"terminal.call", 38},
    {"session.login", 17},
    {"session.logout", 13},
    {"session.login_failed", 3},
    {"account.lockout", 0.15},
    {"request.denied", 2.2},
    {"session.revoke", 0.4},
    {"account.update", 2.5},
    {"account.create", 0.4},
    {"account.delete", 0.08},
    {"account.disable", 0.1},
    {"account.enable", 0.06},
    {"account.unlock", 0.12},
    {"account.reset_password", 0.15},
    {"account.password_change", 1.2},
    {"account.export", 0.1},
    {"account.import", 0.02},
    {"role.create", 0.02},
    {"role.update", 0.06},
    {"role.delete", 0.01},
    {"jurisdiction.create", 0.01},
    {"jurisdiction.update", 0.03},
    {"facility.create", 0.03},
    {"facility.update", 0.8},
    {"facility.delete", 0.01},
    {"terminal.create", 0.05},
    {"terminal.update", 0.8},
    {"terminal.delete", 0.02},
    {"terminal.rotate_token", 0.1},
    {"terminal.config.update", 1.2},
    {"terminal.config.applied", 2.6},
    {"terminal.config.failed", 0.15},
    {"terminal.config.rollback", 0.05},
    {"audit.export", 0.03},
}};

constexpr std::array<const char*, 6> kDeniedRoutes{"GET /api/v1/accounts",
                                                   "POST /api/v1/accounts",
                                                   "GET /api/v1/roles",
                                                   "DELETE /api/v1/facilities/{id}",
                                                   "GET /api/v1/audit-events/export.csv",
                                                   "PATCH /api/v1/terminals/{id}"};
constexpr std::array<const char*, 5> kCallResults{"completed", "completed", "completed",
                                                  "abandoned", "failed"};

/// An event as the INSERT binds it, made on the maker thread so that the writer only binds.
} // namespace

void AddPeople(AuditWorld& world, const model::AuditActor& common,
               const std::vector<model::AuditActor>& others) {
    world.people.push_back(common);
    world.people.push_back(model::AuditActor{"acc_kansatantobenchaudit0000", kRareActor,
                                             "監査 担当", "customermanager_viewer"});
    world.people.insert(world.people.end(), others.begin(), others.end());
    // Front-desk staff who never had an account in this database: history outlives accounts.
    for (std::size_t f = 0; f < kFamily.size(); ++f) {
        for (std::size_t g = 0; g < kGiven.size(); g += 1 + f % 3) {
            const std::string login = fmt::format("{}.{}", kGiven[g], kFamily[f]);
            world.people.push_back({"acc_bench" + login, login,
                                    fmt::format("{} {}", kFamilyKanji[f], kGivenKanji[g]),
                                    g % 5 == 0 ? "customermanager" : "customeremployee"});
        }
    }
    // The common actor about a tenth of everything (a third of what people do), the rare one a
    // few dozen events, the rest falling off with their rank.
    world.peopleWeights.assign(world.people.size(), 0);
    double rest = 0;
    for (std::size_t i = 2; i < world.people.size(); ++i) {
        world.peopleWeights[i] = 1.0 / static_cast<double>(i);
        rest += world.peopleWeights[i];
    }
    world.peopleWeights[0] = rest * 0.5;
    world.peopleWeights[1] = (rest * 1.5) * 0.00017;
}

EventMaker::EventMaker(AuditWorld world, std::int64_t count, std::int64_t fromMs, std::int64_t toMs,
                       std::int64_t firstSequence, std::string prevHash)
    : m_world(std::move(world))
    , m_count(count)
    , m_from(fromMs)
    , m_sequence(firstSequence)
    , m_prevHash(std::move(prevHash))
    , m_random(20261128)
    , m_people(m_world.peopleWeights.begin(), m_world.peopleWeights.end()) {
    std::vector<double> weights;
    for (const auto& a : kActions) {
        weights.push_back(a.weight);
    }
    m_actions = std::discrete_distribution<std::size_t>(weights.begin(), weights.end());
    // Busier from 08:00 to 22:00 JST: the cumulative weight of every hour, to place event i
    // at the i-th quantile.
    const std::int64_t hours = (toMs - fromMs) / kHourMs;
    double total = 0;
    for (std::int64_t h = 0; h < hours; ++h) {
        const int jstHour = static_cast<int>(((fromMs + h * kHourMs) / kHourMs + 9) % 24);
        total += jstHour >= 8 && jstHour < 22 ? 10.0 : 1.0;
        m_cumulative.push_back(total);
    }
    for (const auto* places :
         {&m_world.kiosks, &m_world.agents, &m_world.facilities, &m_world.jurisdictions}) {
        for (const Named& place : *places) {
            m_places.emplace(place.id, &place);
        }
    }
}

std::vector<SeedRow> EventMaker::Next(std::size_t rows) {
    std::vector<SeedRow> batch;
    batch.reserve(rows);
    while (batch.size() < rows && m_made < m_count) {
        SeedRow& row = batch.emplace_back();
        row.event = Make();
        row.event.hash = server::audit::ChainHash(row.event);
        row.category = server::audit::CategoryOf(row.event.action);
        row.detailsJson = row.event.details.dump(); // as AuditLog::Append stores it
        Place(row);
        m_prevHash = row.event.hash;
    }
    return batch;
}

std::int64_t EventMaker::TimeOf(std::int64_t index) {
    const double quantile = (static_cast<double>(index) + Unit()) / static_cast<double>(m_count);
    const double target = quantile * m_cumulative.back();
    const auto hour = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), target);
    const auto h = static_cast<std::size_t>(hour - m_cumulative.begin());
    const double before = h == 0 ? 0 : m_cumulative[h - 1];
    const double within = (target - before) / (m_cumulative[h] - before);
    return m_from + static_cast<std::int64_t>(h) * kHourMs +
           static_cast<std::int64_t>(within * static_cast<double>(kHourMs));
}

void EventMaker::Place(SeedRow& row) const {
    const auto& target = row.event.target;
    if (!target || !target->id) {
        return;
    }
    const auto it = m_places.find(*target->id);
    if (it == m_places.end()) {
        return; // not a terminal, facility or jurisdiction
    }
    if (!it->second->facilityId.empty()) {
        row.placeFacilityId = it->second->facilityId;
    }
    if (!it->second->jurisdictionId.empty()) {
        row.placeJurisdictionId = it->second->jurisdictionId;
    }
}

std::string EventMaker::OfficeIp() {
    return fmt::format("192.0.2.{}", 10 + m_random() % 40);
}

void EventMaker::Person(model::AuditEvent& event) {
    event.actor = m_world.people[m_people(m_random)];
    event.sourceIp = OfficeIp();
}

void EventMaker::Change(model::AuditEvent& event, const std::string& category,
                        const std::string& verb) {
    Person(event);
    const int n = static_cast<int>(m_random() % 1000);
    if (category == "account") {
        const auto& who = m_world.people[2 + m_random() % (m_world.people.size() - 2)];
        event.target = model::AuditTarget{"account", who.id, who.loginId};
        if (verb == "update") {
            event.details = {{"before", {{"display_name", *who.displayName}, {"email", nullptr}}},
                             {"after",
                              {{"display_name", *who.displayName},
                               {"email", *who.loginId + "@demo-hotels.example.jp"}}}};
        } else if (verb == "import") {
            event.details = {{"created", 10 + n % 90}, {"updated", n % 7}, {"dry_run", false}};
            event.result = n % 5 == 0 ? model::AuditResult::Failed : model::AuditResult::Success;
        } else if (verb == "export") {
            event.target = model::AuditTarget{"account", std::nullopt, "accounts.csv"};
        }
    } else if (category == "facility") {
        const auto& facility = Pick(m_world.facilities);
        event.target = model::AuditTarget{"facility", facility.id, facility.name};
        event.details = {
            {"before", {{"name", facility.name}, {"phone", "03-0000-0000"}}},
            {"after", {{"name", facility.name}, {"phone", fmt::format("03-1234-{:04}", n)}}}};
    } else if (category == "jurisdiction" && !m_world.jurisdictions.empty()) {
        const auto& area = Pick(m_world.jurisdictions);
        event.target = model::AuditTarget{"jurisdiction", area.id, area.name};
        event.details = {{"before", {{"name", area.name}}}, {"after", {{"name", area.name}}}};
    } else if (category == "role") {
        event.target = model::AuditTarget{"role", fmt::format("role_bench{:03}", n % 12),
                                          fmt::format("フロント係{}", n % 12)};
        event.details = {{"after", {{"permissions", {"facilities.read", "terminals.read"}}}}};
    } else {
        const auto& terminal = Pick(m_world.kiosks);
        event.target = model::AuditTarget{"terminal", terminal.id, terminal.name};
        event.details = {{"before", {{"version", 1 + n % 9}}},
                         {"after", {{"version", 2 + n % 9}, {"settings", {{"volume", n % 10}}}}}};
    }
}

model::AuditEvent EventMaker::Make() {
    model::AuditEvent event;
    event.sequence = m_sequence++;
    event.at = model::TimePoint(std::chrono::milliseconds(TimeOf(m_made++)));
    event.prevHash = m_prevHash;
    const std::string action = kActions[m_actions(m_random)].action;
    event.action = action;
    const std::string category = action.substr(0, action.find('.'));
    const std::string verb = action.substr(action.rfind('.') + 1);
    const int n = static_cast<int>(m_random() % 1000);
    if (action == "terminal.call") {
        const auto& kiosk = Pick(m_world.kiosks);
        const auto& agent = Pick(m_world.agents);
        const int seconds = 30 + n % 600;
        const auto started = event.at - std::chrono::seconds(seconds);
        event.actor = model::AuditActor{kiosk.id, std::nullopt, kiosk.name, std::nullopt};
        event.sourceIp = kiosk.ip;
        event.target = model::AuditTarget{"terminal", kiosk.id, kiosk.name};
        event.details = {{"kiosk", {{"id", kiosk.id}, {"name", kiosk.name}}},
                         {"agent", {{"id", agent.id}, {"name", agent.name}}},
                         {"started_at", model::FormatRfc3339Utc(started)},
                         {"ended_at", model::FormatRfc3339Utc(event.at)},
                         {"duration_seconds", seconds},
                         {"call_result", kCallResults[n % kCallResults.size()]}};
    } else if (action == "terminal.config.applied" || action == "terminal.config.failed") {
        const auto& kiosk = Pick(m_world.kiosks);
        event.actor = model::AuditActor{kiosk.id, std::nullopt, kiosk.name, std::nullopt};
        event.sourceIp = kiosk.ip;
        event.target = model::AuditTarget{"terminal", kiosk.id, kiosk.name};
        event.details = {{"version", 2 + n % 9}};
        if (verb == "failed") {
            event.result = model::AuditResult::Failed;
            event.details["error"] = "the printer did not answer";
        }
    } else if (category == "session") {
        Person(event);
        event.target = model::AuditTarget{"session", fmt::format("ses_bench{:06}", m_made % 997),
                                          *event.actor.loginId};
        if (verb == "login_failed") {
            event.result = model::AuditResult::Failed;
            event.target = model::AuditTarget{"account", event.actor.id, event.actor.loginId};
            event.details = {{"reason", "invalid_credentials"}};
            if (n % 10 == 0) { // a login ID that does not exist
                event.actor = model::AuditActor{std::nullopt, fmt::format("unknown{}", n),
                                                std::nullopt, std::nullopt};
                event.target = model::AuditTarget{"account", std::nullopt, event.actor.loginId};
            }
        }
    } else if (action == "account.lockout") {
        const auto& who = m_world.people[2 + m_random() % (m_world.people.size() - 2)];
        event.sourceIp = OfficeIp();
        event.target = model::AuditTarget{"account", who.id, who.loginId};
        event.details = {
            {"failed_logins", 5},
            {"locked_until", model::FormatRfc3339Utc(event.at + std::chrono::minutes(15))}};
    } else if (action == "request.denied") {
        Person(event);
        event.result = model::AuditResult::Denied;
        event.target =
            model::AuditTarget{"route", kDeniedRoutes[n % kDeniedRoutes.size()], std::nullopt};
        event.details = {{"code", "forbidden"}};
    } else if (action == "audit.export") {
        Person(event);
        event.target = model::AuditTarget{"audit_log", std::nullopt, "usage-history.csv"};
        event.details = {{"encoding", n % 2 ? "cp932" : "utf-8"}, {"filters", Json::object()}};
    } else {
        Change(event, category, verb);
    }
    return event;
}

/// A bounded queue of batches between the maker thread and the writer.

} // namespace resv::bench
