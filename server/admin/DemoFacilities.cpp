#include "admin/DemoFacilities.h"

#include "auth/Tokens.h"
#include "resv/model/Json.h"
#include "storage/FacilityRepository.h"
#include "storage/Ids.h"
#include "storage/TenantRepository.h"
#include "storage/TerminalRepository.h"
#include "util/Files.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <vector>

namespace resv::server::admin {
namespace {

struct DemoFacility {
    const char* name;
    const char* address;
    const char* phone;
};

struct DemoJurisdiction {
    const char* name;
    std::vector<DemoFacility> facilities;
};

const std::vector<DemoJurisdiction> kJurisdictions{
    {"東京管轄",
     {{"デモホテル 新宿", "東京都新宿区西新宿2-7-2", "03-3344-0101"},
      {"デモホテル 渋谷", "東京都渋谷区道玄坂1-2-3", "03-3461-0202"},
      {"デモホテル 銀座", "東京都中央区銀座4-5-6", "03-3561-0303"},
      {"デモホテル 浅草", "東京都台東区浅草1-3-5", "03-3841-0404"},
      {"デモホテル 品川", "東京都港区高輪3-13-1", "03-3440-0505"}}},
    {"関西管轄",
     {{"デモホテル 梅田", "大阪府大阪市北区梅田3-1-1", "06-6345-0606"},
      {"デモホテル なんば", "大阪府大阪市中央区難波5-1-60", "06-6644-0707"},
      {"デモホテル 京都駅前", "京都府京都市下京区東塩小路町721-1", "075-361-0808"},
      {"デモホテル 神戸三宮", "兵庫県神戸市中央区三宮町1-1-1", "078-391-0909"}}},
    {"九州管轄",
     {{"デモホテル 博多", "福岡県福岡市博多区博多駅中央街1-1", "092-431-1010"},
      {"デモホテル 天神", "福岡県福岡市中央区天神2-5-1", "092-721-1111"},
      {"デモホテル 熊本", "熊本県熊本市中央区桜町3-10", "096-354-1212"}}},
};

constexpr const char* kDemoTenant = "demo";
constexpr int kCallDays = 7;
constexpr int kCallsPerFacilityAndDay = 3;

/// A small deterministic generator, so every fresh demo has the same history.
class Sequence {
public:
    std::uint32_t Next(std::uint32_t bound) {
        m_state = m_state * 1664525u + 1013904223u;
        return (m_state >> 8) % bound;
    }

private:
    std::uint32_t m_state = 20261125u;
};

struct SeededSite {
    std::string facilityId;
    std::vector<storage::TerminalRecord> kiosks;
    storage::TerminalRecord agent;
};

storage::TerminalRecord MakeTerminal(const std::string& tenantId, const std::string& facilityId,
                                     const std::string& name, model::TerminalKind kind,
                                     const std::string& ip, int serial) {
    storage::TerminalRecord t;
    t.id = storage::NewId(storage::id_prefix::kTerminal);
    t.tenantId = tenantId;
    t.facilityId = facilityId;
    t.name = name;
    t.kind = kind;
    t.ipAddress = ip;
    t.model = kind == model::TerminalKind::Kiosk ? "RK-200" : "Agent PC";
    t.serial = fmt::format("DEMO-{:04}", serial);
    return t;
}

std::vector<SeededSite> SeedTree(storage::Connection& db, const std::string& tenantId,
                                 model::TimePoint now) {
    storage::FacilityRepository facilities(db);
    storage::TerminalRepository terminals(db);
    std::vector<SeededSite> sites;
    int serial = 0;
    for (std::size_t j = 0; j < kJurisdictions.size(); ++j) {
        const storage::JurisdictionRecord jurisdiction{
            storage::NewId(storage::id_prefix::kJurisdiction), tenantId, kJurisdictions[j].name};
        facilities.InsertJurisdiction(jurisdiction, now);
        for (std::size_t f = 0; f < kJurisdictions[j].facilities.size(); ++f) {
            const auto& demo = kJurisdictions[j].facilities[f];
            const storage::FacilityRecord facility{storage::NewId(storage::id_prefix::kFacility),
                                                   tenantId,
                                                   jurisdiction.id,
                                                   demo.name,
                                                   demo.address,
                                                   demo.phone,
                                                   ""};
            facilities.InsertFacility(facility, now);
            SeededSite site{facility.id, {}, {}};
            const std::string net = fmt::format("10.{}.{}.", j + 1, f + 1);
            const int kiosks = 2 + static_cast<int>(sites.size() % 2);
            for (int k = 1; k <= kiosks; ++k) {
                site.kiosks.push_back(MakeTerminal(
                    tenantId, facility.id, fmt::format("ロビー KIOSK {}", k),
                    model::TerminalKind::Kiosk, net + std::to_string(10 + k), ++serial));
            }
            site.agent = MakeTerminal(tenantId, facility.id, "フロント 受付PC",
                                      model::TerminalKind::AgentPc, net + "100", ++serial);
            site.kiosks.push_back(site.agent);
            for (const auto& terminal : site.kiosks) {
                terminals.Insert(terminal, auth::HashToken(auth::NewToken()), now);
                terminals.InsertConfigVersion(
                    terminal.id,
                    {1, model::TerminalSettings{}, {}, now, "", "", "initial", std::nullopt});
            }
            site.kiosks.pop_back();
            sites.push_back(std::move(site));
        }
    }
    return sites;
}

void SeedCalls(storage::Connection& db, const audit::AuditLog& audit, const std::string& tenantId,
               const std::vector<SeededSite>& sites, model::TimePoint now) {
    static const char* kResults[] = {"completed", "completed", "completed", "abandoned", "failed"};
    Sequence random;
    for (int day = kCallDays; day >= 1; --day) {
        for (const auto& site : sites) {
            for (int n = 0; n < kCallsPerFacilityAndDay; ++n) {
                const auto& kiosk =
                    site.kiosks[random.Next(static_cast<std::uint32_t>(site.kiosks.size()))];
                const auto started =
                    now - std::chrono::hours(24 * day) + std::chrono::minutes(random.Next(24 * 60));
                const auto seconds = 30 + random.Next(600);
                const auto ended = started + std::chrono::seconds(seconds);
                const model::Json details{
                    {"kiosk",
                     {{"id", kiosk.id}, {"name", kiosk.name}, {"facility_id", kiosk.facilityId}}},
                    {"agent",
                     {{"id", site.agent.id},
                      {"name", site.agent.name},
                      {"facility_id", site.agent.facilityId}}},
                    {"started_at", model::FormatRfc3339Utc(started)},
                    {"ended_at", model::FormatRfc3339Utc(ended)},
                    {"duration_seconds", seconds},
                    {"call_result", kResults[random.Next(5)]}};
                audit::AuditEntry entry;
                entry.tenantId = tenantId;
                entry.actor.id = kiosk.id;
                entry.actor.displayName = kiosk.name;
                entry.sourceIp = kiosk.ipAddress;
                entry.action = "terminal.call";
                entry.target = audit::Target{"terminal", kiosk.id, kiosk.name};
                audit.Append(db, entry, details, ended);
            }
        }
    }
}

/// Fresh tokens for every terminal of the demo tenant, as lines of the tokens file.
std::string RotateDemoTokens(storage::Connection& db, const std::string& tenantId,
                             model::TimePoint now, terminals::DeviceRegistry& registry) {
    storage::TerminalRepository terminals(db);
    std::string lines;
    std::string after;
    for (;;) {
        const auto page = terminals.List(tenantId, after, 500);
        if (page.empty()) {
            break;
        }
        for (const auto& terminal : page) {
            const std::string token = auth::NewToken();
            terminals.SetTokenHash(tenantId, terminal.id, auth::HashToken(token), now);
            registry.ForgetToken(terminal.id);
            lines += fmt::format("{}\t{}\t{}\t{}\n", terminal.id, token,
                                 model::ToString(terminal.kind), terminal.ipAddress);
        }
        after = page.back().id;
    }
    return lines;
}

} // namespace

std::string SeedDemoFacilities(storage::Database& database, const audit::AuditLog& audit,
                               const Clock& clock, terminals::DeviceRegistry& registry,
                               const std::filesystem::path& dataDir) {
    const model::TimePoint now = clock.Now();
    auto db = database.Acquire();
    storage::Transaction transaction(*db);
    const auto tenant = storage::TenantRepository(*db).FindByCode(kDemoTenant);
    if (!tenant) {
        return {};
    }
    storage::FacilityRepository facilities(*db);
    if (!facilities.FindJurisdictionByName(tenant->id, kJurisdictions.front().name)) {
        const auto sites = SeedTree(*db, tenant->id, now);
        SeedCalls(*db, audit, tenant->id, sites, now);
        spdlog::info("demo facilities, terminals and a week of calls are in place");
    }
    const std::string lines = RotateDemoTokens(*db, tenant->id, now, registry);
    const auto file = dataDir / kDemoTokensFileName;
    util::WriteFileAtomically(file, lines, util::kPrivateFileMode);
    transaction.Commit();
    return fmt::format("Demo terminal tokens (new on every --demo start, for resv-terminal-sim):\n"
                       "  {}\n",
                       file.string());
}

} // namespace resv::server::admin
