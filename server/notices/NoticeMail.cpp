#include "notices/NoticeMail.h"

#include <fmt/format.h>

namespace resv::server::notices {
namespace {

constexpr const char* kSubjectPrefix = "[RESV] ";
constexpr const char* kFollowUpJa = "【続報】";
constexpr const char* kRule =
    "----------------------------------------------------------------------\n";

std::string KindTagJa(model::NoticeKind kind) {
    switch (kind) {
    case model::NoticeKind::Change:
        return "【変更のお知らせ】";
    case model::NoticeKind::Maintenance:
        return "【メンテナンスのお知らせ】";
    case model::NoticeKind::Vulnerability:
        return "【脆弱性のお知らせ】";
    }
    return "【お知らせ】";
}

std::string KindEn(model::NoticeKind kind) {
    switch (kind) {
    case model::NoticeKind::Change:
        return "Change";
    case model::NoticeKind::Maintenance:
        return "Maintenance";
    case model::NoticeKind::Vulnerability:
        return "Vulnerability";
    }
    return "Notice";
}

std::string ComponentJa(const std::string& id) {
    if (id == "api") {
        return "API";
    }
    if (id == "database") {
        return "データベース";
    }
    if (id == "terminal_gateway") {
        return "端末ゲートウェイ";
    }
    if (id == "notifications") {
        return "通知";
    }
    return id;
}

std::string Joined(const std::vector<std::string>& items, const char* separator,
                   std::string (*word)(const std::string&)) {
    std::string text;
    for (const auto& item : items) {
        text += (text.empty() ? "" : separator) + word(item);
    }
    return text;
}

std::string Same(const std::string& text) {
    return text;
}

/// "2026-11-27 00:00 UTC": the English part gives UTC beside JST.
std::string UtcShort(model::TimePoint t) {
    const std::string rfc = model::FormatRfc3339Utc(t); // 2026-11-27T00:00:00.000Z
    return rfc.substr(0, 10) + " " + rfc.substr(11, 5) + " UTC";
}

std::string Both(model::TimePoint t) {
    return fmt::format("{} ({})", model::FormatJstDateTimeShort(t), UtcShort(t));
}

constexpr const char* kFooterJa = "詳細は Customer Mgr の「お知らせ」画面でご確認いただけます。\n"
                                  "本メールは送信専用です。ご返信いただいてもお答えできません。\n";
constexpr const char* kFooterEn = "The details are on the Notices screen of Customer Mgr.\n"
                                  "This address does not receive replies.\n";

} // namespace

std::string SeverityJa(model::IncidentSeverity severity) {
    switch (severity) {
    case model::IncidentSeverity::Minor:
        return "軽微";
    case model::IncidentSeverity::Major:
        return "重大";
    case model::IncidentSeverity::Critical:
        return "緊急";
    }
    return "軽微";
}

std::string StatusJa(model::IncidentStatus status) {
    switch (status) {
    case model::IncidentStatus::Investigating:
        return "調査中";
    case model::IncidentStatus::Identified:
        return "原因特定";
    case model::IncidentStatus::Monitoring:
        return "経過観察中";
    case model::IncidentStatus::Resolved:
        return "解決済み";
    }
    return "調査中";
}

MailText IncidentMail(const IncidentRecord& incident, const model::IncidentUpdate& update,
                      bool followUp) {
    MailText mail;
    mail.subject =
        fmt::format("{}{}【障害】{}", kSubjectPrefix, followUp ? kFollowUpJa : "", incident.title);
    std::string& b = mail.body;
    b += "RESV をご利用のお客様へ\n\n";
    b += followUp ? "下記の障害について続報をお知らせします。\n\n"
                  : "下記の障害を検知しましたのでお知らせします。\n\n";
    b += fmt::format("件名: {}\n", incident.title);
    b += fmt::format("重大度: {}\n", SeverityJa(incident.severity));
    b += fmt::format("状況: {}\n", StatusJa(update.status));
    b += fmt::format("検知日時: {}\n", model::FormatJstDateTimeShort(incident.detectedAt));
    b += fmt::format("通知目標 (検知から72時間以内): {}\n",
                     model::FormatJstDateTimeShort(incident.notifyBy));
    if (incident.resolvedAt) {
        b += fmt::format("解決日時: {}\n", model::FormatJstDateTimeShort(*incident.resolvedAt));
    }
    if (!incident.components.empty()) {
        b += fmt::format("影響範囲: {}\n", Joined(incident.components, "、", &ComponentJa));
    }
    b += fmt::format("更新日時: {}\n\n", model::FormatJstDateTimeShort(update.at));
    b += update.message + "\n\n";
    b += kFooterJa;
    b += "\n";
    b += kRule;
    b += "(English)\n\n";
    b += followUp ? "This is an update on the incident below.\n\n"
                  : "We have detected the incident below.\n\n";
    b += fmt::format("Title: {}\n", incident.title);
    b += fmt::format("Severity: {}\n", model::ToString(incident.severity));
    b += fmt::format("Status: {}\n", model::ToString(update.status));
    b += fmt::format("Detected: {}\n", Both(incident.detectedAt));
    b += fmt::format("Notification target (72 hours after detection): {}\n",
                     Both(incident.notifyBy));
    if (incident.resolvedAt) {
        b += fmt::format("Resolved: {}\n", Both(*incident.resolvedAt));
    }
    if (!incident.components.empty()) {
        b += fmt::format("Components: {}\n", Joined(incident.components, ", ", &Same));
    }
    b += fmt::format("Updated: {}\n\n", Both(update.at));
    b += "(The message is above.)\n\n";
    b += kFooterEn;
    return mail;
}

MailText NoticeMail(const NoticeRecord& notice, const std::optional<std::string>& followUp) {
    MailText mail;
    mail.subject = fmt::format("{}{}{}{}", kSubjectPrefix, followUp ? kFollowUpJa : "",
                               KindTagJa(notice.kind), notice.title);
    const bool vulnerability = notice.kind == model::NoticeKind::Vulnerability;
    std::string& b = mail.body;
    b += "RESV をご利用のお客様へ\n\n";
    b += followUp ? "下記のお知らせについて続報をお送りします。\n\n"
                  : "下記のとおりお知らせいたします。\n\n";
    b += fmt::format("件名: {}\n", notice.title);
    b += fmt::format("{}: {}\n", vulnerability ? "公表日時" : "実施日時",
                     model::FormatJstDateTimeShort(notice.effectiveAt));
    if (notice.emergency) {
        b += fmt::format("緊急のため、7日前までのお知らせができませんでした。理由: {}\n",
                         notice.reason.value_or(""));
    }
    b += "\n";
    if (followUp) {
        b += *followUp + "\n\n";
        b += "(当初のお知らせ)\n";
    }
    b += notice.body + "\n\n";
    b += kFooterJa;
    b += "\n";
    b += kRule;
    b += "(English)\n\n";
    b += fmt::format("{} notice{}\n\n", KindEn(notice.kind), followUp ? ": follow-up" : "");
    b += fmt::format("Title: {}\n", notice.title);
    b += fmt::format("{}: {}\n", vulnerability ? "Published" : "Takes effect",
                     Both(notice.effectiveAt));
    if (notice.emergency) {
        b += "This is an emergency change that could not be announced 7 days ahead; the reason "
             "is given above.\n";
    }
    b += "\n(The text is above.)\n\n";
    b += kFooterEn;
    return mail;
}

} // namespace resv::server::notices
