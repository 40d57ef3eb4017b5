// AccountService: the sessions of an account and the signed-in account's own password change.

#include "accounts/AccountService.h"

#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "storage/AccountRepository.h"
#include "storage/SessionRepository.h"
#include "storage/TenantRepository.h"

namespace resv::server::accounts {
namespace {

namespace perm = model::permission;
using storage::AccountRecord;
using storage::AccountRepository;
using storage::SessionRepository;

} // namespace

std::vector<model::SessionInfo> AccountService::ListSessions(const auth::Caller& caller,
                                                             const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsRead);
    auto db = m_context.database.Acquire();
    Require(*db, caller, id);
    const model::TimePoint now = m_context.clock->Now();
    storage::TenantRepository tenants(*db);
    std::vector<model::SessionInfo> sessions;
    for (const auto& s : SessionRepository(*db).ListActive(id, now, now - m_idleTimeout)) {
        model::SessionInfo info;
        info.id = s.id;
        info.createdAt = s.createdAt;
        info.lastUsedAt = s.lastUsedAt;
        info.expiresAt = s.expiresAt;
        info.sourceIp = s.sourceIp;
        if (s.actingAsTenantId) {
            if (auto tenant = tenants.FindById(*s.actingAsTenantId)) {
                info.actingAs = tenant->code;
            }
        }
        info.current = s.id == caller.principal.session.id;
        sessions.push_back(std::move(info));
    }
    return sessions;
}

void AccountService::RevokeSessions(const auth::Caller& caller, const std::string& id) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const AccountRecord account = Require(*db, caller, id);
    const int revoked = SessionRepository(*db).RevokeAllOf(id, m_context.clock->Now());
    facilities::Audit(m_context, *db, caller, "session.revoke", audit::Target{"account", id, account.loginId},
                      {{"sessions", "all"}, {"sessions_revoked", revoked}});
    transaction.Commit();
}

void AccountService::RevokeSession(const auth::Caller& caller, const std::string& id,
                                   const std::string& sessionId) {
    auth::RequirePermission(caller, m_context.database, perm::kAccountsWrite);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const AccountRecord account = Require(*db, caller, id);
    SessionRepository sessions(*db);
    const auto session = sessions.FindById(sessionId);
    if (!session || session->accountId != id || session->revokedAt) {
        facilities::ThrowNotFound("session");
    }
    sessions.Revoke(sessionId, m_context.clock->Now());
    facilities::Audit(m_context, *db, caller, "session.revoke", audit::Target{"account", id, account.loginId},
                      {{"sessions", sessionId}, {"sessions_revoked", 1}});
    transaction.Commit();
}

void AccountService::ChangeOwnPassword(const auth::Caller& caller,
                                       const model::PasswordChange& change) {
    const AccountRecord& self = caller.principal.account;
    // The event belongs to the account's own tenant, also for an operator acting elsewhere.
    const auto audit = [&](storage::Connection& db, audit::AuditResult result,
                           const nlohmann::json& details) {
        m_context.audit.Append(db,
                               {self.tenantId, auth::ActorOf(self), caller.sourceIp,
                                "account.password_change",
                                audit::Target{"account", self.id, self.loginId}, result},
                               details);
    };
    if (!m_hasher.Verify(self.passwordHash, change.currentPassword)) {
        auto db = m_context.database.Acquire();
        storage::Transaction transaction(*db);
        audit(*db, audit::AuditResult::Failed, {{"reason", "wrong_current_password"}});
        transaction.Commit();
        const char* message = "The current password is not correct.";
        throw http::HttpError(400, model::error_code::kInvalidField, message,
                              {{"current_password", "incorrect", message}});
    }
    if (change.newPassword == change.currentPassword) {
        const char* message = "The new password must differ from the current one.";
        throw http::HttpError(400, model::error_code::kWeakPassword, message,
                              {{"new_password", auth::password_reason::kSameAsCurrent, message}});
    }
    m_policy.Require(change.newPassword, self.loginId);
    const std::string hash = m_hasher.Hash(change.newPassword);
    auto db = m_context.database.Acquire();
    storage::Transaction transaction(*db);
    const model::TimePoint now = m_context.clock->Now();
    AccountRepository(*db).SetPassword(self.id, hash, std::nullopt, now);
    const int revoked = SessionRepository(*db).RevokeAllOf(self.id, now, caller.principal.session.id);
    audit(*db, audit::AuditResult::Success,
          {{"was_one_time_password", self.mustChangePassword}, {"other_sessions_revoked", revoked}});
    transaction.Commit();
}

} // namespace resv::server::accounts
