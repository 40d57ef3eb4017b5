#include "auth/AuthService.h"

#include "auth/Permissions.h"
#include "auth/Tokens.h"
#include "http/Problem.h"
#include "resv/model/Json.h"
#include "resv/model/Problem.h"
#include "storage/Ids.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace resv::server::auth {
namespace {

namespace ec = model::error_code;
using storage::AccountRecord;
using storage::TenantRecord;

[[noreturn]] void ThrowInvalidCredentials() {
    throw http::HttpError(401, ec::kInvalidCredentials,
                          "The tenant, login ID or password is not correct.");
}

[[noreturn]] void ThrowUnauthenticated() {
    throw http::HttpError(401, ec::kUnauthenticated, "A valid session token is required.");
}

bool HasRole(const AccountRecord& account, std::string_view role) {
    return std::find(account.roles.begin(), account.roles.end(), role) != account.roles.end();
}

/// The token of "Bearer <token>" (the scheme in any case), or nothing.
std::optional<std::string> BearerToken(const std::string& authorization) {
    constexpr std::string_view kScheme = "bearer ";
    if (authorization.size() <= kScheme.size() ||
        http::ToLowerAscii(authorization.substr(0, kScheme.size())) != kScheme) {
        return std::nullopt;
    }
    std::string token = authorization.substr(kScheme.size());
    token.erase(0, token.find_first_not_of(' '));
    return token.empty() ? std::nullopt : std::optional<std::string>(token);
}

model::TenantRef RefOf(const TenantRecord& tenant) {
    return model::TenantRef{tenant.code, tenant.name, tenant.dataRegion};
}

} // namespace

void RequireNoPendingPasswordChange(const Principal& principal) {
    if (principal.account.mustChangePassword) {
        throw http::HttpError(403, ec::kPasswordChangeRequired,
                              "Change the one-time password first (PUT /api/v1/me/password).");
    }
}

audit::Actor ActorOf(const AccountRecord& account) {
    std::optional<std::string> role;
    if (!account.roles.empty()) {
        role = account.roles.front();
    }
    return audit::Actor{account.id, account.loginId, account.displayName, role};
}

AuthService::AuthService(storage::Database& database, PasswordHasher& hasher,
                         const audit::AuditLog& audit, std::shared_ptr<const Clock> clock,
                         SessionPolicy policy)
    : m_database(database)
    , m_hasher(hasher)
    , m_audit(audit)
    , m_clock(std::move(clock))
    , m_policy(policy)
    , m_throttle(m_clock, policy.throttle) {}

model::LoginResponse AuthService::Login(const model::LoginRequest& request,
                                        const std::string& sourceIp) {
    // Before the costly hash: a throttled address gets no answer about the password.
    m_throttle.Check(sourceIp);
    const Candidate candidate = FindCandidate(request);
    // Always one Argon2id verification, so the time taken does not tell who exists.
    bool passwordMatches = false;
    if (candidate.account) {
        passwordMatches = m_hasher.Verify(candidate.account->passwordHash, request.password);
    } else {
        m_hasher.VerifyDummy(request.password);
    }
    if (auto reason = RefusalReason(candidate, passwordMatches, m_clock->Now())) {
        RefuseLogin(candidate, request, sourceIp, *reason, *reason == "wrong_password");
    }
    const auto actingAs = ResolveActAs(candidate, request, sourceIp);
    return OpenSession(candidate, actingAs, sourceIp);
}

AuthService::Candidate AuthService::FindCandidate(const model::LoginRequest& request) {
    auto db = m_database.Acquire();
    Candidate candidate;
    candidate.tenant = storage::TenantRepository(*db).FindByCode(request.tenant);
    if (candidate.tenant) {
        candidate.account =
            storage::AccountRepository(*db).FindByLogin(candidate.tenant->id, request.loginId);
    }
    return candidate;
}

std::optional<std::string> AuthService::RefusalReason(const Candidate& candidate,
                                                      bool passwordMatches,
                                                      model::TimePoint now) const {
    if (!candidate.tenant) {
        return "unknown_tenant";
    }
    if (candidate.tenant->contractStatus != "active") {
        return "contract_ended";
    }
    if (!candidate.account) {
        return "unknown_login_id";
    }
    const AccountRecord& account = *candidate.account;
    if (account.lockedUntil && *account.lockedUntil > now) {
        return "account_locked";
    }
    if (!passwordMatches) {
        return "wrong_password";
    }
    if (account.status != model::AccountStatus::Active) {
        return "account_disabled";
    }
    if (account.mustChangePassword && account.otpExpiresAt && now >= *account.otpExpiresAt) {
        return "one_time_password_expired";
    }
    return std::nullopt;
}

void AuthService::RefuseLogin(const Candidate& candidate, const model::LoginRequest& request,
                              const std::string& sourceIp, const std::string& reason,
                              bool countsAsFailure) {
    m_throttle.RecordFailure(sourceIp);
    if (!candidate.tenant) {
        spdlog::info("login refused from {}: unknown tenant", sourceIp);
        ThrowInvalidCredentials();
    }
    const model::TimePoint now = m_clock->Now();
    nlohmann::json details{{"reason", reason}};
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    storage::AccountRepository accounts(*db);
    // Read again inside the write lock, so concurrent failures all count.
    const auto account =
        candidate.account ? accounts.FindById(candidate.account->id) : std::nullopt;
    if (account && countsAsFailure) {
        const int failed = account->failedLogins + 1;
        int lockouts = account->lockouts;
        std::optional<model::TimePoint> lockedUntil;
        if (failed >= m_policy.lockoutThreshold) {
            ++lockouts;
            const auto doubled = m_policy.firstLockout * (1LL << std::min(lockouts - 1, 20));
            lockedUntil =
                now + std::min<std::chrono::milliseconds>(doubled, m_policy.longestLockout);
            details["locked_until"] = model::FormatRfc3339Utc(*lockedUntil);
        }
        accounts.RecordLoginFailure(account->id, failed, lockouts, lockedUntil);
    }
    audit::Actor actor = account ? ActorOf(*account) : audit::Actor{};
    actor.loginId = request.loginId;
    const audit::Target target{"account", account ? std::optional(account->id) : std::nullopt,
                               request.loginId};
    m_audit.Append(*db,
                   {candidate.tenant->id, actor, sourceIp, "session.login_failed", target,
                    audit::AuditResult::Failed},
                   details);
    if (details.contains("locked_until")) {
        m_audit.Append(*db,
                       {candidate.tenant->id, audit::Actor{}, sourceIp, "account.lockout", target,
                        audit::AuditResult::Success},
                       {{"locked_until", details.at("locked_until")},
                        {"failed_logins", m_policy.lockoutThreshold}});
    }
    transaction.Commit();
    ThrowInvalidCredentials();
}

std::optional<TenantRecord> AuthService::ResolveActAs(const Candidate& candidate,
                                                      const model::LoginRequest& request,
                                                      const std::string& sourceIp) {
    if (!request.actAsTenant) {
        return std::nullopt;
    }
    const AccountRecord& account = *candidate.account;
    const bool isOperator = candidate.tenant->code == storage::kProviderTenantCode &&
                            HasRole(account, model::role::kOperator);
    auto db = m_database.Acquire();
    auto target = storage::TenantRepository(*db).FindByCode(*request.actAsTenant);
    const bool assigned =
        isOperator && target && target->contractStatus == "active" &&
        storage::AccountRepository(*db).IsOperatorAssigned(account.id, target->id);
    if (assigned) {
        return target;
    }
    m_throttle.RecordFailure(sourceIp);
    storage::Transaction transaction(*db);
    m_audit.Append(*db,
                   {candidate.tenant->id, ActorOf(account), sourceIp, "session.login_failed",
                    audit::Target{"tenant", std::nullopt, *request.actAsTenant},
                    audit::AuditResult::Denied},
                   {{"reason", isOperator ? "not_assigned" : "not_an_operator"},
                    {"act_as_tenant", *request.actAsTenant}});
    transaction.Commit();
    throw http::HttpError(403, ec::kForbidden,
                          "This account may not act in tenant " + *request.actAsTenant + ".");
}

model::LoginResponse AuthService::OpenSession(const Candidate& candidate,
                                              const std::optional<TenantRecord>& actingAs,
                                              const std::string& sourceIp) {
    const model::TimePoint now = m_clock->Now();
    AccountRecord account = *candidate.account;
    const std::string token = NewToken();
    const storage::SessionRecord session{storage::NewId(storage::id_prefix::kSession),
                                         HashToken(token),
                                         account.id,
                                         account.tenantId,
                                         actingAs ? std::optional(actingAs->id) : std::nullopt,
                                         now,
                                         now,
                                         now + m_policy.absoluteLifetime,
                                         sourceIp,
                                         std::nullopt};
    nlohmann::json details = nlohmann::json::object();
    if (actingAs) {
        details["acting_as"] = actingAs->code;
    }
    storage::RoleTiers customTiers;
    {
        auto db = m_database.Acquire();
        storage::Transaction transaction(*db);
        customTiers = storage::RoleRepository(*db).CustomTiers(account.tenantId);
        storage::SessionRepository(*db).Insert(session);
        storage::AccountRepository(*db).RecordLoginSuccess(account.id, now);
        const audit::AuditEntry entry{account.tenantId,
                                      ActorOf(account),
                                      sourceIp,
                                      "session.login",
                                      audit::Target{"session", session.id, account.loginId},
                                      audit::AuditResult::Success};
        m_audit.Append(*db, entry, details);
        if (actingAs) {
            audit::AuditEntry inCustomerTenant = entry;
            inCustomerTenant.tenantId = actingAs->id;
            m_audit.Append(*db, inCustomerTenant, details);
        }
        transaction.Commit();
    }
    account.lastLoginAt = now;
    account.failedLogins = 0;
    account.lockouts = 0;
    account.lockedUntil.reset();
    const auto idleSeconds = std::chrono::seconds(m_policy.idleTimeout).count();
    return model::LoginResponse{token, session.expiresAt, static_cast<int>(idleSeconds),
                                storage::ToModel(account, now, customTiers)};
}

Principal AuthService::Authenticate(const std::string& authorization) {
    const auto token = BearerToken(authorization);
    if (!token) {
        ThrowUnauthenticated();
    }
    auto db = m_database.Acquire();
    storage::SessionRepository sessions(*db);
    auto session = sessions.FindByTokenHash(HashToken(*token));
    if (!session || session->revokedAt) {
        ThrowUnauthenticated();
    }
    const model::TimePoint now = m_clock->Now();
    if (now >= session->expiresAt || now >= session->lastUsedAt + m_policy.idleTimeout) {
        throw http::HttpError(401, ec::kSessionExpired, "The session has expired; log in again.");
    }
    auto account = storage::AccountRepository(*db).FindById(session->accountId);
    storage::TenantRepository tenants(*db);
    auto tenant = tenants.FindById(session->tenantId);
    if (!account || !tenant || account->status != model::AccountStatus::Active) {
        ThrowUnauthenticated();
    }
    std::optional<TenantRecord> actingAs;
    if (session->actingAsTenantId) {
        actingAs = tenants.FindById(*session->actingAsTenantId);
    }
    sessions.Touch(session->id, now);
    session->lastUsedAt = now;
    const model::TimePoint idleEnd = std::min(now + m_policy.idleTimeout, session->expiresAt);
    return Principal{std::move(*session), std::move(*account), std::move(*tenant),
                     std::move(actingAs), idleEnd};
}

void AuthService::Logout(const Principal& principal, const std::string& sourceIp) {
    auto db = m_database.Acquire();
    storage::Transaction transaction(*db);
    storage::SessionRepository(*db).Revoke(principal.session.id, m_clock->Now());
    const audit::AuditEntry entry{
        principal.tenant.id,
        ActorOf(principal.account),
        sourceIp,
        "session.logout",
        audit::Target{"session", principal.session.id, principal.account.loginId},
        audit::AuditResult::Success};
    nlohmann::json details = nlohmann::json::object();
    if (principal.actingAs) {
        details["acting_as"] = principal.actingAs->code;
    }
    m_audit.Append(*db, entry, details);
    if (principal.actingAs) {
        audit::AuditEntry inCustomerTenant = entry;
        inCustomerTenant.tenantId = principal.actingAs->id;
        m_audit.Append(*db, inCustomerTenant, details);
    }
    transaction.Commit();
}

void AuthService::RecordDenied(const Principal& principal, const std::string& sourceIp,
                               const std::string& route, const std::string& code) noexcept {
    try {
        auto db = m_database.Acquire();
        m_audit.AppendNow(*db,
                          {principal.EffectiveTenant().id, ActorOf(principal.account), sourceIp,
                           "request.denied", audit::Target{"route", route, std::nullopt},
                           audit::AuditResult::Denied},
                          {{"code", code}});
    } catch (const std::exception& error) {
        spdlog::error("recording a denied request failed: {}", error.what());
    }
}

model::Me AuthService::Describe(const Principal& principal) const {
    auto db = m_database.Acquire();
    const model::Account account =
        storage::ToModel(principal.account, m_clock->Now(),
                         storage::RoleRepository(*db).CustomTiers(principal.account.tenantId));
    model::Me me;
    me.id = account.id;
    me.loginId = account.loginId;
    me.displayName = account.displayName;
    me.email = account.email;
    me.roles = account.roles;
    {
        // The same computation RequirePermission makes, custom roles included.
        const EffectivePermissions permissions = PermissionsOfSession(*db, principal);
        me.permissions = permissions.Names();
        me.tier = principal.tenant.code == storage::kProviderTenantCode ? account.tier
                                                                        : permissions.Tier();
    }
    me.tenant = RefOf(principal.tenant);
    me.mustChangePassword = account.mustChangePassword;
    me.session = model::SessionTimes{principal.session.expiresAt, principal.idleExpiresAt};
    if (principal.actingAs) {
        me.actingAs = RefOf(*principal.actingAs);
    }
    return me;
}

} // namespace resv::server::auth
