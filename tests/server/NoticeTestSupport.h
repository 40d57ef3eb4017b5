#pragma once
// What the incident, notice and contact tests share: sessions of the provider's operator outside
// tenants, valid inputs, the mail outbox and row counts read straight from the database.

#include "support/Accounts.h"
#include "support/SqliteFile.h"
#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include "resv/model/Json.h"
#include "resv/model/Notices.h"

#include <memory>
#include <string>
#include <vector>

namespace resv::test {

/// The provider's `support` operator, logged in without acting in a tenant: the publisher.
inline std::unique_ptr<client::ApiClient> PublisherClient(const TestServer& server) {
    return LoggedIn(server, kSupport);
}

/// The same operator acting in the demo tenant.
inline std::unique_ptr<client::ApiClient> ActingOperatorClient(const TestServer& server) {
    return LoggedIn(server, kSupport, std::string("demo"));
}

inline model::IncidentInput IncidentFor(std::vector<std::string> codes,
                                        std::string title = "API の応答遅延") {
    model::IncidentInput input;
    input.title = std::move(title);
    input.severity = model::IncidentSeverity::Major;
    input.status = model::IncidentStatus::Investigating;
    input.tenants.codes = std::move(codes);
    input.components = {"api"};
    input.message = "調査中です。 We are investigating.";
    return input;
}

inline model::NoticeInput NoticeFor(std::vector<std::string> codes, model::NoticeKind kind,
                                    model::TimePoint effectiveAt) {
    model::NoticeInput input;
    input.kind = kind;
    input.title = "メンテナンスのお知らせ";
    input.body = "30分間停止します。 Down for 30 minutes.";
    input.tenants.codes = std::move(codes);
    input.effectiveAt = effectiveAt;
    return input;
}

inline std::filesystem::path DatabaseOf(const TestServer& server) {
    return server.DataDir() / "resv.db";
}

inline long long CountRows(const TestServer& server, const std::string& table) {
    return QueryRows(DatabaseOf(server), "SELECT COUNT(*) AS n FROM " + table)
        .front()
        .at("n")
        .get<long long>();
}

/// The outbox rows about a subject, oldest first, with the tenant's code.
inline std::vector<nlohmann::json> MailAbout(const TestServer& server, const std::string& id) {
    return QueryRows(DatabaseOf(server),
                     "SELECT m.id, t.code AS tenant, m.recipients, m.subject, m.body, m.sent_at "
                     "FROM mail_outbox m JOIN tenants t ON t.id = m.tenant_id "
                     "WHERE m.subject_id = ?1 ORDER BY m.created_at, t.code",
                     {id});
}

/// Simulates delivery: the mail about `id` to `tenantCode` reached the mail server at `at`.
inline void MarkSent(const TestServer& server, const std::string& id, const std::string& tenantCode,
                     model::TimePoint at) {
    Execute(DatabaseOf(server),
            "UPDATE mail_outbox SET sent_at = ?1, attempts = 1 WHERE subject_id = ?2 AND "
            "tenant_id = (SELECT id FROM tenants WHERE code = ?3)",
            {std::to_string(at.time_since_epoch().count()), id, tenantCode});
}

inline std::vector<std::string> RecipientsOf(const nlohmann::json& mailRow) {
    return nlohmann::json::parse(mailRow.at("recipients").get<std::string>())
        .get<std::vector<std::string>>();
}

/// The raw answer of a request (status and body) with the client's session.
inline client::HttpResult Send(client::ApiClient& client, const std::string& method,
                               const std::string& path, const nlohmann::json& body = nullptr) {
    return client.SendRaw(method, path, body.is_null() ? std::string() : body.dump(),
                          "application/json");
}

} // namespace resv::test
