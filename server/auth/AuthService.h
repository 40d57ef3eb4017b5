#pragma once
// Logging in and out, and turning a bearer token into the session it belongs to.
// Rules: the same 401 invalid_credentials for an unknown tenant, an unknown user, a wrong
// password, a disabled or locked account; 30 min idle and 12 h absolute session lifetime from the
// injected clock; lockout after 10 consecutive failures (60 s, doubling, at most 15 min): the 10th
// failure in a row locks for 60 s, and every further failure before a success locks again for
// twice as long as the lock before. Failed logins are also counted per source IP (LoginThrottle).

#include "audit/AuditLog.h"
#include "auth/LoginThrottle.h"
#include "auth/PasswordHasher.h"
#include "resv/model/Session.h"
#include "resv/server/Clock.h"
#include "storage/AccountRepository.h"
#include "storage/Database.h"
#include "storage/SessionRepository.h"
#include "storage/TenantRepository.h"

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace resv::server::auth {

struct SessionPolicy {
    std::chrono::minutes idleTimeout{30};
    std::chrono::hours absoluteLifetime{12};
    int lockoutThreshold = 10;
    std::chrono::seconds firstLockout{60};
    std::chrono::seconds longestLockout{15 * 60};
    ThrottlePolicy throttle;
};

/// The session a request came with, and whose it is.
struct Principal {
    storage::SessionRecord session;
    storage::AccountRecord account;
    storage::TenantRecord tenant;                  ///< the account's own tenant
    std::optional<storage::TenantRecord> actingAs; ///< an operator inside a customer tenant
    model::TimePoint idleExpiresAt;

    /// The tenant every query of this session is about.
    const storage::TenantRecord& EffectiveTenant() const { return actingAs ? *actingAs : tenant; }
};

class AuthService {
public:
    AuthService(storage::Database& database, PasswordHasher& hasher, const audit::AuditLog& audit,
                std::shared_ptr<const Clock> clock, SessionPolicy policy = {});

    /// Throws http::HttpError: 401 invalid_credentials, 403 forbidden for an act_as_tenant
    /// the account may not act in, LoginThrottled (429) when the source IP failed too often.
    model::LoginResponse Login(const model::LoginRequest& request, const std::string& sourceIp);

    /// From the Authorization header's value. Throws http::HttpError 401 unauthenticated (none,
    /// unknown, revoked) or session_expired (idle or absolute). Marks the session used.
    Principal Authenticate(const std::string& authorization);

    void Logout(const Principal& principal, const std::string& sourceIp);
    /// A request the session may not make (403): a request.denied event in the tenant it works
    /// in, naming the route ("GET /api/v1/accounts"). Never throws: the 403 goes out anyway.
    void RecordDenied(const Principal& principal, const std::string& sourceIp,
                      const std::string& route, const std::string& code) noexcept;

    model::Me Describe(const Principal& principal) const;

    const SessionPolicy& Policy() const { return m_policy; }

private:
    struct Candidate {
        std::optional<storage::TenantRecord> tenant;
        std::optional<storage::AccountRecord> account;
    };

    Candidate FindCandidate(const model::LoginRequest& request);
    std::optional<std::string> RefusalReason(const Candidate& candidate, bool passwordMatches,
                                             model::TimePoint now) const;
    [[noreturn]] void RefuseLogin(const Candidate& candidate, const model::LoginRequest& request,
                                  const std::string& sourceIp, const std::string& reason,
                                  bool countsAsFailure);
    std::optional<storage::TenantRecord> ResolveActAs(const Candidate& candidate,
                                                      const model::LoginRequest& request,
                                                      const std::string& sourceIp);
    model::LoginResponse OpenSession(const Candidate& candidate,
                                     const std::optional<storage::TenantRecord>& actingAs,
                                     const std::string& sourceIp);

    storage::Database& m_database;
    PasswordHasher& m_hasher;
    const audit::AuditLog& m_audit;
    std::shared_ptr<const Clock> m_clock;
    SessionPolicy m_policy;
    LoginThrottle m_throttle;
};

/// Throws http::HttpError 403 password_change_required while the session's account still has to
/// replace a one-time password.
void RequireNoPendingPasswordChange(const Principal& principal);

/// The actor snapshot of an account for the audit log.
audit::Actor ActorOf(const storage::AccountRecord& account);

} // namespace resv::server::auth
