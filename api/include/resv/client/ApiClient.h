#pragma once
// A typed client of the RESV API over HTTPS. Calls block: run them on a worker thread, never on the
// UI thread. One instance keeps one connection and is used by one thread at a time; Cancel() may be
// called from any thread.

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/client/AuditApi.h"
#include "resv/client/ClientOptions.h"
#include "resv/client/FacilitiesApi.h"
#include "resv/client/MonitoringApi.h"
#include "resv/model/Session.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace resv::client {

/// What presenters depend on; tests give them a fake.
class IApiClient {
public:
    virtual ~IApiClient() = default;

    virtual model::Health GetHealth() = 0;
    /// Logs in and keeps the returned token for later calls.
    virtual model::LoginResponse Login(const model::LoginRequest& request) = 0;
    virtual model::Me GetMe() = 0;
    /// Ends the session on the server and forgets the token.
    virtual void Logout() = 0;

    virtual void SetToken(std::string token) = 0;
    virtual bool HasToken() const = 0;
    /// Makes the request in flight (and the next ones, until ResetCancel) fail with
    /// Kind::Cancelled.
    virtual void Cancel() = 0;
    virtual void ResetCancel() = 0;
};

struct HttpResult {
    int status = 0;
    std::string contentType;
    std::string body;
};

class HttpSession;

class ApiClient final : public IApiClient,
                        public IFacilitiesApi,
                        public IAccountsApi,
                        public IAuditApi,
                        public IMonitoringApi,
                        public INoticesApi {
public:
    explicit ApiClient(ClientOptions options);
    ~ApiClient() override;
    ApiClient(const ApiClient&) = delete;
    ApiClient& operator=(const ApiClient&) = delete;

    model::Health GetHealth() override;
    model::LoginResponse Login(const model::LoginRequest& request) override;
    model::Me GetMe() override;
    void Logout() override;

    void SetToken(std::string token) override;
    bool HasToken() const override;
    void Cancel() override;
    void ResetCancel() override;

    std::vector<model::Jurisdiction> ListJurisdictions() override;
    model::Jurisdiction CreateJurisdiction(const model::JurisdictionPatch& input) override;
    model::Jurisdiction UpdateJurisdiction(const std::string& id,
                                           const model::JurisdictionPatch& patch) override;
    void DeleteJurisdiction(const std::string& id) override;
    std::vector<model::Facility> ListFacilities() override;
    model::Facility CreateFacility(const model::FacilityPatch& input) override;
    model::Facility UpdateFacility(const std::string& id,
                                   const model::FacilityPatch& patch) override;
    void DeleteFacility(const std::string& id) override;
    std::vector<model::Terminal> ListTerminals() override;
    model::Terminal GetTerminal(const std::string& id) override;
    model::TerminalWithToken CreateTerminal(const model::TerminalPatch& input) override;
    model::Terminal UpdateTerminal(const std::string& id,
                                   const model::TerminalPatch& patch) override;
    void DeleteTerminal(const std::string& id) override;
    model::TerminalWithToken RotateTerminalToken(const std::string& id) override;
    model::TerminalConfig GetTerminalConfig(const std::string& terminalId) override;
    model::TerminalConfig PutTerminalConfig(const std::string& terminalId,
                                            const nlohmann::json& patch,
                                            std::optional<int> ifMatch) override;
    std::vector<model::ConfigHistoryEntry>
    GetTerminalConfigHistory(const std::string& terminalId) override;
    model::TerminalConfig RollbackTerminalConfig(const std::string& terminalId,
                                                 int version) override;
    model::BulkConfigResult PutFacilityConfig(const std::string& facilityId,
                                              const nlohmann::json& patch) override;
    model::BulkConfigResult PutJurisdictionConfig(const std::string& jurisdictionId,
                                                  const nlohmann::json& patch) override;

    model::Page<model::Account> ListAccounts(const AccountQuery& query) override;
    model::Account GetAccount(const std::string& id) override;
    model::AccountCreated CreateAccount(const model::AccountInput& input) override;
    model::Account UpdateAccount(const std::string& id, const model::AccountPatch& patch) override;
    void DeleteAccount(const std::string& id) override;
    model::Account DisableAccount(const std::string& id) override;
    model::Account EnableAccount(const std::string& id) override;
    model::Account UnlockAccount(const std::string& id) override;
    model::AccountCreated ResetPassword(const std::string& id) override;
    std::vector<model::SessionInfo> ListSessions(const std::string& accountId) override;
    void RevokeSessions(const std::string& accountId) override;
    void RevokeSession(const std::string& accountId, const std::string& sessionId) override;
    void ChangeMyPassword(const model::PasswordChange& change) override;
    std::vector<model::PermissionInfo> ListPermissions() override;
    std::vector<model::Role> ListRoles() override;
    model::Role CreateRole(const model::RoleInput& input) override;
    model::Role UpdateRole(const std::string& id, const model::RoleInput& patch) override;
    void DeleteRole(const std::string& id) override;
    model::EffectiveAccess GetEffectiveAccess(const std::string& accountId) override;
    std::string ExportAccountsCsv() override;
    model::ImportResult ImportAccountsCsv(const std::string& csv, bool dryRun) override;

    model::Page<model::AuditEvent> ListAuditEvents(const AuditQuery& query) override;
    model::AuditCount CountAuditEvents(const AuditQuery& query) override;
    model::AuditVerification VerifyAuditLog() override;
    /// A file that cannot be written throws std::filesystem::filesystem_error.
    void ExportAuditCsv(const AuditQuery& query, CsvEncoding encoding,
                        const std::filesystem::path& file, const ExportProgress& progress) override;

    model::ServiceStatus GetServiceStatus() override;
    model::TerminalPresence GetTerminalPresence() override;
    model::ComponentStatus SetComponentStatus(const std::string& componentId,
                                              const model::ComponentOverride& input) override;
    model::ComponentStatus ClearComponentStatus(const std::string& componentId) override;

    model::InboxPage<model::Incident> ListIncidents(const InboxQuery& query) override;
    model::Incident GetIncident(const std::string& id) override;
    model::Incident AcknowledgeIncident(const std::string& id) override;
    model::InboxPage<model::Notice> ListNotices(const InboxQuery& query) override;
    model::Notice GetNotice(const std::string& id) override;
    model::Notice AcknowledgeNotice(const std::string& id) override;
    model::TenantContacts GetContacts() override;
    model::TenantContacts PutContacts(const model::TenantContacts& contacts) override;
    std::vector<TenantSummary> ListTenants() override;
    model::Incident CreateIncident(const model::IncidentInput& input) override;
    model::Incident UpdateIncident(const std::string& id,
                                   const model::IncidentPatch& patch) override;
    model::Notice CreateNotice(const model::NoticeInput& input) override;
    model::Notice UpdateNotice(const std::string& id, const model::NoticePatch& patch) override;

    /// Sends a request and returns the parsed JSON of a 2xx answer (null for 204); any other status
    /// throws ApiError(Kind::Http) with the server's problem details.
    nlohmann::json Send(const std::string& method, const std::string& path);
    nlohmann::json Send(const std::string& method, const std::string& path,
                        const nlohmann::json& body);
    /// The same with extra request headers (e.g. If-Match).
    nlohmann::json Send(const std::string& method, const std::string& path,
                        const nlohmann::json& body,
                        const std::map<std::string, std::string>& headers);

    /// The body of a 2xx answer as it came (a CSV file); other statuses throw as Send does.
    std::string Download(const std::string& path);
    /// Sends `body` of `contentType` (e.g. text/csv) and returns the parsed JSON answer.
    nlohmann::json Upload(const std::string& method, const std::string& path,
                          const std::string& body, const std::string& contentType);

    /// Every item of a list endpoint, following next_cursor (`path` may carry a query).
    std::vector<nlohmann::json> ListAll(const std::string& path);

    /// The raw exchange, for tests that need to send what a well-behaved client never would.
    HttpResult SendRaw(const std::string& method, const std::string& path, const std::string& body,
                       const std::string& contentType,
                       const std::map<std::string, std::string>& headers = {});

    const ClientOptions& Options() const { return m_options; }

private:
    nlohmann::json Exchange(const std::string& method, const std::string& path,
                            const std::string& body,
                            const std::map<std::string, std::string>& headers,
                            const std::string& contentType);

    ClientOptions m_options;
    std::unique_ptr<HttpSession> m_http;
    std::string m_token;
};

} // namespace resv::client
