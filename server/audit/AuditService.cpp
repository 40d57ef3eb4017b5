#include "audit/AuditService.h"

#include "audit/AuditSeal.h"
#include "resv/model/Json.h"
#include "resv/model/Role.h"
#include "roles/Reach.h"
#include "util/Csv.h"
#include "util/Encoding.h"

#include <fmt/format.h>

namespace resv::server::audit {
namespace {

namespace perm = model::permission;

constexpr int kExportBatch = 2000;
constexpr std::size_t kExportChunk = 64 * 1024;
constexpr const char* kExportHeader =
    "sequence,at,actor_login_id,actor_display_name,actor_role,source_ip,action,target_type,"
    "target_id,target_label,result,details,hash\r\n";

void AppendField(std::string& out, const std::optional<std::string>& value, bool last = false) {
    if (value) {
        out += util::CsvField(*value);
    }
    out += last ? "\r\n" : ",";
}

nlohmann::json FilterJson(const AuditFilter& filter) {
    nlohmann::json json = nlohmann::json::object();
    if (filter.from) {
        json["from"] = model::FormatRfc3339Utc(*filter.from);
    }
    if (filter.to) {
        json["to"] = model::FormatRfc3339Utc(*filter.to);
    }
    const std::pair<const char*, const std::string*> texts[] = {{"actor", &filter.actor},
                                                                {"action", &filter.action},
                                                                {"target_type", &filter.targetType},
                                                                {"q", &filter.q}};
    for (const auto& [name, value] : texts) {
        if (!value->empty()) {
            json[name] = *value;
        }
    }
    if (filter.result) {
        json["result"] = model::ToString(*filter.result);
    }
    return json;
}

} // namespace

std::string FormatJstIso8601Millis(model::TimePoint t) {
    using namespace std::chrono;
    const auto local = t + model::kJstOffset;
    const auto day = floor<days>(local);
    const year_month_day date{day};
    const hh_mm_ss<milliseconds> time{local - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+09:00", int(date.year()),
                       unsigned(date.month()), unsigned(date.day()), time.hours().count(),
                       time.minutes().count(), time.seconds().count(), time.subseconds().count());
}

AuditService::AuditService(storage::Database& database, const AuditLog& log,
                           std::shared_ptr<const Clock> clock, std::string publicKeyHex)
    : m_database(database)
    , m_log(log)
    , m_clock(std::move(clock))
    , m_publicKeyHex(std::move(publicKeyHex)) {}

AuditVisibility AuditService::VisibilityOf(storage::Connection& connection,
                                           const auth::Caller& caller) {
    const roles::Reach reach = roles::Reach::Of(connection, caller);
    if (reach.All()) {
        return {};
    }
    return {false, reach.ShownJurisdictions(), reach.ReachedFacilities(),
            reach.NamedJurisdictions()};
}

model::Page<model::AuditEvent> AuditService::List(const auth::Caller& caller,
                                                  const AuditFilter& filter,
                                                  const AuditPaging& paging) {
    auth::RequirePermission(caller, m_database, perm::kUsageRead);
    auto db = m_database.Acquire();
    AuditQuery query(*db, caller.TenantId(), filter, VisibilityOf(*db, caller));
    auto [items, next] = query.Page(paging);
    return {std::move(items), std::move(next)};
}

model::AuditCount AuditService::Count(const auth::Caller& caller, const AuditFilter& filter) {
    auth::RequirePermission(caller, m_database, perm::kUsageRead);
    auto db = m_database.Acquire();
    AuditQuery query(*db, caller.TenantId(), filter, VisibilityOf(*db, caller));
    return {query.Count(), query.LatestSequence()};
}

model::AuditVerification AuditService::Verify(const auth::Caller& caller) {
    auth::RequirePermission(caller, m_database, perm::kUsageRead);
    auto db = m_database.Acquire();
    const auto& tenant = caller.principal.EffectiveTenant();
    return VerifyAuditChain(*db, tenant.id, tenant.code, m_publicKeyHex);
}

BodyWriter AuditService::Export(const auth::Caller& caller, AuditFilter filter, bool descending,
                                ExportEncoding encoding) {
    auth::RequirePermission(caller, m_database, perm::kUsageExport);
    AuditVisibility visibility;
    {
        auto db = m_database.Acquire();
        visibility = VisibilityOf(*db, caller);
        storage::Transaction transaction(*db);
        nlohmann::json details{{"filters", FilterJson(filter)},
                               {"encoding", encoding == ExportEncoding::Cp932 ? "cp932" : "utf-8"}};
        const std::int64_t sequence = m_log.Append(
            *db,
            {caller.TenantId(), auth::ActorOf(caller.principal.account), caller.sourceIp,
             "audit.export", Target{"audit_log", std::nullopt, "usage-history.csv"}},
            details);
        transaction.Commit();
        filter.beforeSequence = sequence;
    }
    return [this, tenantId = caller.TenantId(), filter = std::move(filter),
            visibility = std::move(visibility), descending,
            encoding](const std::function<bool(std::string_view)>& write) {
        std::string head = encoding == ExportEncoding::Cp932 ? "" : std::string(util::kBom);
        head += kExportHeader;
        if (!write(head)) {
            return false;
        }
        auto db = m_database.Acquire();
        AuditQuery query(*db, tenantId, filter, visibility);
        // One buffer, written every 64 KB and reused: handing the transport one large string per
        // batch had it copy and fault in fresh memory for every piece.
        std::string chunk;
        chunk.reserve(kExportChunk + 4096);
        bool open = true;
        const auto flush = [&] {
            open =
                encoding == ExportEncoding::Cp932 ? write(util::Utf8ToCp932(chunk)) : write(chunk);
            chunk.clear();
            return open;
        };
        query.ForEach(descending, kExportBatch, [&](const std::vector<AuditQuery::Row>& rows) {
            for (const auto& row : rows) {
                chunk += std::to_string(row.sequence);
                chunk += ',';
                chunk += FormatJstIso8601Millis(storage::FromMillis(row.atMillis));
                chunk += ',';
                AppendField(chunk, row.actorLoginId);
                AppendField(chunk, row.actorDisplayName);
                AppendField(chunk, row.actorRole);
                AppendField(chunk, row.sourceIp);
                AppendField(chunk, row.action);
                AppendField(chunk, row.targetType);
                AppendField(chunk, row.targetId);
                AppendField(chunk, row.targetLabel);
                AppendField(chunk, row.result);
                AppendField(chunk, row.detailsJson);
                AppendField(chunk, row.hash, true);
                if (chunk.size() >= kExportChunk && !flush()) {
                    return false;
                }
            }
            return true;
        });
        if (open && !chunk.empty()) {
            flush();
        }
        return open;
    };
}

} // namespace resv::server::audit
