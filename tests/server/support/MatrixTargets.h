#pragma once
// The objects of the authorization matrix (AuthorizationMatrixTest): fresh ones for every call,
// so that one caller's successful change never decides another caller's answer, made by a
// manager account of their own (a caller that changes its password ends its other sessions).

#include "support/StoredAccounts.h"
#include "support/Terminals.h"

#include <memory>
#include <optional>
#include <string>

namespace resv::test {

/// One object a call is about. `name` is unique in the whole run, so an answer that contains
/// it (or `id`) shows the object.
struct MatrixTarget {
    std::string id;
    std::string name;
    std::string password;  ///< accounts: the password to sign in with
    std::string sessionId; ///< accounts with a session: that session
};

struct StoredSession {
    std::string id;
    std::string token;
};

/// A session of the account written straight into storage, as a login would open it (acting in
/// `actAsTenant` for an operator): a login costs an Argon2id hash, ~50 ms on an idle machine and
/// many times that on a busy one.
StoredSession StoreSession(const TestServer& server, const std::string& tenantCode,
                           const std::string& loginId,
                           const std::optional<std::string>& actAsTenant = std::nullopt);

/// Where fresh facilities and terminals go.
struct MatrixPlace {
    MatrixTarget jurisdiction;
    std::string facilityId;
};

class MatrixTargets {
public:
    /// Makes the maker (a customer manager of the demo tenant, scope all) and two sites: the
    /// one inside the scoped employee's scope and the one outside it.
    explicit MatrixTargets(const TestServer& server);

    /// A jurisdiction and a facility with a KIOSK and an agent's PC, named "inside": the scoped
    /// employee's scope names this jurisdiction.
    const Site& InsideSite() const { return m_inside; }
    /// The same, outside that scope; its KIOSK is the device caller.
    const Site& OutsideSite() const { return m_outside; }
    MatrixPlace Inside() const;
    MatrixPlace Outside() const;

    /// "mx-0042-tag": login IDs accept it, and no name is a part of another.
    std::string UniqueName(const char* tag);

    MatrixTarget Jurisdiction();                     ///< empty, in no scope
    MatrixTarget Facility(const MatrixPlace& place); ///< empty, in place's jurisdiction
    MatrixTarget Terminal(const MatrixPlace& place); ///< a KIOSK in place's facility
    MatrixTarget Account();                          ///< a customeremployee, scope all
    MatrixTarget AccountWithSession();               ///< the same, with one session
    MatrixTarget Role();                             ///< an employee-tier role nobody holds

    /// An employee-tier custom role that may change facilities and terminals and configure
    /// terminals: held by the scoped employee, so that outside its scope it is the scope, not a
    /// missing permission, that refuses.
    std::string FieldWorkRole();

private:
    /// A new connection for every call (see AuthorizationMatrixTest's ClientWith for why).
    std::unique_ptr<client::ApiClient> Maker() const;

    const TestServer& m_server;
    StoredAccount m_makerAccount;
    std::string m_makerToken;
    Site m_inside;
    Site m_outside;
    int m_counter = 0;
};

} // namespace resv::test
