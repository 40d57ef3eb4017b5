#include "admin/DemoNotices.h"

#include "notices/NoticeMail.h"
#include "notices/NoticeSupport.h"
#include "notices/Records.h"
#include "notices/SubjectStore.h"
#include "storage/AccountRepository.h"
#include "storage/Ids.h"
#include "storage/TenantRepository.h"

#include <spdlog/spdlog.h>

namespace resv::server::admin {
namespace {

using namespace std::chrono_literals;
using model::IncidentStatus;
using notices::SubjectKind;

constexpr const char* kDemoTenant = "demo";

struct Seeder {
    storage::Connection& db;
    const mail::MailOutbox& outbox;
    std::string tenantId;
    std::string authorId;
    std::string author;

    /// Mails the demo tenant as the service would have; `sentAt` marks the mail delivered.
    void Mail(SubjectKind kind, const std::string& id, const notices::MailText& text,
              std::optional<model::TimePoint> sentAt) {
        const auto mailed =
            notices::MailTenants(db, outbox, {tenantId}, {notices::KindName(kind), id}, text);
        if (sentAt && !mailed.empty()) {
            db.Prepare("UPDATE mail_outbox SET sent_at = ?3, attempts = 1 WHERE subject_kind = ?1 "
                       "AND subject_id = ?2 AND sent_at IS NULL")
                .BindAll(notices::KindName(kind), id, *sentAt)
                .Run();
        }
    }

    /// `entries`: (time after detection, status, message); the first is the publication. The
    /// demo's mail counts as delivered a minute after each entry, so that no demo mail waits in
    /// the outbox (the notifications component would count it).
    void Incident(
        notices::IncidentRecord record,
        const std::vector<std::tuple<std::chrono::minutes, IncidentStatus, const char*>>& entries,
        bool delivered) {
        notices::IncidentRepository repo(db);
        record.id = storage::NewId(storage::id_prefix::kIncident);
        record.notifyBy = record.detectedAt + model::kIncidentNotifyWithin;
        record.createdBy = authorId;
        const auto& [firstAfter, firstStatus, firstMessage] = entries.front();
        record.publishedAt = record.detectedAt + firstAfter;
        record.status = firstStatus;
        record.updatedAt = record.publishedAt;
        repo.Insert(record);
        notices::SubjectStore(db, SubjectKind::Incident).AddTenants(record.id, {tenantId});
        bool first = true;
        for (const auto& [after, status, message] : entries) {
            const model::IncidentUpdate update{record.detectedAt + after, status, message, author};
            record.status = status;
            record.updatedAt = update.at;
            if (status == IncidentStatus::Resolved) {
                record.resolvedAt = update.at;
            }
            repo.Update(record);
            repo.AddUpdate(record.id, update);
            Mail(SubjectKind::Incident, record.id, notices::IncidentMail(record, update, !first),
                 delivered ? std::optional(update.at + 1min) : std::nullopt);
            first = false;
        }
    }

    void Notice(notices::NoticeRecord record) {
        record.id = storage::NewId(storage::id_prefix::kNotice);
        record.createdBy = authorId;
        record.updatedAt = record.publishedAt;
        notices::NoticeRepository(db).Insert(record);
        notices::SubjectStore(db, SubjectKind::Notice).AddTenants(record.id, {tenantId});
        Mail(SubjectKind::Notice, record.id, notices::NoticeMail(record, std::nullopt),
             record.publishedAt + 1min);
    }
};

bool AnyPublished(storage::Connection& db) {
    storage::Statement query =
        db.Prepare("SELECT (SELECT COUNT(*) FROM incidents) + (SELECT COUNT(*) FROM notices)");
    return query.Step() && query.Int(0) > 0;
}

void SeedIncidents(Seeder& seeder, model::TimePoint now) {
    notices::IncidentRecord resolved;
    resolved.title = "一部施設で KIOSK 端末が接続できない障害";
    resolved.severity = model::IncidentSeverity::Major;
    resolved.components = {"terminal_gateway"};
    resolved.detectedAt = now - 5 * 24h - 3h;
    seeder.Incident(
        resolved,
        {{20min, IncidentStatus::Investigating,
          "東京管轄の一部施設で、KIOSK 端末が遠隔接続できない事象を検知しました。現在、原因を"
          "調査しています。\nWe detected that some KIOSK terminals in the Tokyo jurisdiction "
          "cannot connect. We are investigating."},
         {1h + 30min, IncidentStatus::Identified,
          "端末ゲートウェイの証明書更新処理の不具合が原因と特定しました。修正を適用しています。"
          "\nThe cause is a fault in the terminal gateway's certificate renewal; a fix is being "
          "applied."},
         {3h, IncidentStatus::Resolved,
          "修正の適用が完了し、すべての KIOSK 端末の接続を確認しました。ご迷惑をおかけしました"
          "ことをお詫び申し上げます。\nThe fix is in place and every KIOSK terminal has "
          "reconnected. We apologise for the inconvenience."}},
        true);

    notices::IncidentRecord open;
    open.title = "管理画面の表示が遅くなる事象";
    open.severity = model::IncidentSeverity::Minor;
    open.components = {"api", "database"};
    open.detectedAt = now - 2h;
    seeder.Incident(open,
                    {{15min, IncidentStatus::Investigating,
                      "Customer Mgr の一部画面で表示に時間がかかる事象を確認しています。端末と"
                      "遠隔接続への影響はありません。\nSome Customer Mgr screens are slow to "
                      "load. Terminals and remote connections are not affected."}},
                    true);
}

void SeedNotices(Seeder& seeder, model::TimePoint now) {
    notices::NoticeRecord maintenance;
    maintenance.kind = model::NoticeKind::Maintenance;
    maintenance.title = "定期メンテナンスのお知らせ";
    maintenance.body =
        "サービス基盤の定期メンテナンスを実施します。実施中の約30分間、Customer Mgr への"
        "ログインと端末の遠隔設定がご利用いただけません。KIOSK 端末の通話には影響ありません。\n"
        "Scheduled maintenance of the service platform: for about 30 minutes Customer Mgr "
        "logins and remote terminal configuration are unavailable. KIOSK calls are not "
        "affected.";
    maintenance.publishedAt = now - 1h;
    maintenance.effectiveAt = now + 10 * 24h;
    seeder.Notice(maintenance);

    notices::NoticeRecord vulnerability;
    vulnerability.kind = model::NoticeKind::Vulnerability;
    vulnerability.title = "OpenSSL の脆弱性への対応について";
    vulnerability.body =
        "サービスで使用している OpenSSL に公表された脆弱性について影響を調査し、修正版への更新"
        "を完了しました。お客様での対応は不要です。\nWe assessed the published OpenSSL "
        "vulnerability and have updated to the fixed release. No action is needed on your side.";
    vulnerability.publishedAt = now - 3 * 24h;
    vulnerability.effectiveAt = now - 3 * 24h - 2h;
    seeder.Notice(vulnerability);
}

} // namespace

std::string SeedDemoNotices(storage::Database& database, const mail::MailOutbox& outbox,
                            const Clock& clock) {
    auto db = database.Acquire();
    storage::Transaction transaction(*db);
    storage::TenantRepository tenants(*db);
    const auto demo = tenants.FindByCode(kDemoTenant);
    const auto provider = tenants.FindByCode(storage::kProviderTenantCode);
    if (!demo || !provider) {
        return {};
    }
    std::string text;
    if (notices::ContactsOf(*db, demo->id).empty()) {
        notices::ReplaceContacts(*db, demo->id, {kDemoContact});
        text += std::string("Designated contact of the demo tenant: ") + kDemoContact + "\n";
    }
    if (!AnyPublished(*db)) {
        const auto support = storage::AccountRepository(*db).FindByLogin(provider->id, "support");
        Seeder seeder{*db, outbox, demo->id, support ? support->id : std::string("system"),
                      support ? support->displayName : std::string("RESV 運用")};
        const model::TimePoint now = clock.Now();
        SeedIncidents(seeder, now);
        SeedNotices(seeder, now);
        text += "Demo incidents and notices: 2 incidents (1 open), 2 notices\n";
    }
    transaction.Commit();
    if (!text.empty()) {
        spdlog::info("demo incidents, notices and contacts are in place");
    }
    return text;
}

} // namespace resv::server::admin
