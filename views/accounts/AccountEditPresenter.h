#pragma once
// The New/Edit account dialog without wx: what was typed (the login ID lower-cased), the roles
// and the scope picked, validation by the model's own parsing, the server's field errors on the
// same fields, and nothing typed lost when saving fails.

#include "views/common/Async.h"

#include "resv/client/AccountsApi.h"
#include "resv/client/ApiError.h"
#include "resv/client/FacilitiesApi.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace resv::views {

/// The API's field names: a server's invalid_field lands on the same control as our own check.
namespace account_field {
inline constexpr const char* kLoginId = "login_id";
inline constexpr const char* kDisplayName = "display_name";
inline constexpr const char* kEmail = "email";
inline constexpr const char* kRoles = "roles";
inline constexpr const char* kScope = "scope";
} // namespace account_field

/// "roles[2]" -> "roles", "scope.facilities[0]" -> "scope": the control a field error belongs to.
std::string FieldOfError(const std::string& field);

/// A scope as checks in a jurisdiction → facility tree. A checked jurisdiction is the whole
/// jurisdiction (facilities added to it later too); unchecking one of its facilities turns the
/// others into facilities of their own.
class ScopeSelection {
public:
    enum class Check { Off, On, Partial };

    void SetTree(std::vector<model::Jurisdiction> jurisdictions,
                 std::vector<model::Facility> facilities);
    const std::vector<model::Jurisdiction>& Jurisdictions() const { return m_jurisdictions; }
    std::vector<const model::Facility*> FacilitiesOf(const std::string& jurisdictionId) const;

    void Load(const model::Scope& scope);
    model::Scope ToScope() const;

    bool All() const { return m_all; }
    void SetAll(bool all) { m_all = all; }
    Check JurisdictionCheck(const std::string& id) const;
    bool FacilityChecked(const std::string& id) const;
    void SetJurisdiction(const std::string& id, bool on);
    void SetFacility(const std::string& id, bool on);
    /// "Nothing chosen" when not All.
    bool Empty() const {
        return !m_all && m_chosenJurisdictions.empty() && m_chosenFacilities.empty();
    }

private:
    std::string JurisdictionOf(const std::string& facilityId) const;

    std::vector<model::Jurisdiction> m_jurisdictions;
    std::vector<model::Facility> m_facilities;
    bool m_all = true;
    std::set<std::string> m_chosenJurisdictions; ///< chosen jurisdictions
    std::set<std::string> m_chosenFacilities;    ///< chosen facilities outside them
};

class AccountEditPresenter {
public:
    struct Callbacks {
        std::function<void()> changed; ///< errors, busy, the scope tree arrived
        std::function<void(const model::AccountCreated&)> created;
        std::function<void(const model::Account&)> updated;
        std::function<void(const client::ApiError&)> failed; ///< not about a field
    };

    /// `existing` empty: a new account. `facilities` may be null (the scope is then All only).
    AccountEditPresenter(std::shared_ptr<client::IAccountsApi> api,
                         std::shared_ptr<client::IFacilitiesApi> facilities,
                         std::optional<model::Account> existing, std::vector<model::Role> roles,
                         ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    /// Loads the jurisdictions and facilities (and the roles when none were given).
    void Start();

    bool IsNew() const { return !m_existing; }
    const std::vector<model::Role>& Roles() const { return m_roles; }
    bool ScopeLoaded() const { return m_scopeLoaded; }

    const std::string& LoginId() const { return m_loginId; }
    /// Lower-cases as typed; returns what the field should show.
    std::string SetLoginId(const std::string& text);
    const std::string& DisplayName() const { return m_displayName; }
    void SetDisplayName(const std::string& text);
    const std::string& Email() const { return m_email; }
    void SetEmail(const std::string& text);
    bool HasRole(const std::string& name) const { return m_chosenRoles.contains(name); }
    void SetRole(const std::string& name, bool on);
    ScopeSelection& Scope() { return m_scope; }
    const ScopeSelection& Scope() const { return m_scope; }
    /// The scope changed through Scope(): its error goes.
    void ScopeChanged();

    /// Checks as the server will; the errors land in Errors(). True when valid.
    bool Validate();
    const std::map<std::string, model::FieldError>& Errors() const { return m_errors; }
    /// Creates or changes the account (an edit sends only what changed).
    void Save();
    bool Busy() const { return m_busy; }

private:
    std::vector<std::string> ChosenRoles() const;
    void ClearError(const char* field);
    void Failed(const client::ApiError& error);
    void Notify() const;

    std::shared_ptr<client::IAccountsApi> m_api;
    std::shared_ptr<client::IFacilitiesApi> m_facilitiesApi;
    std::optional<model::Account> m_existing;
    std::vector<model::Role> m_roles;
    Callbacks m_callbacks;
    std::string m_loginId;
    std::string m_displayName;
    std::string m_email;
    std::set<std::string> m_chosenRoles;
    ScopeSelection m_scope;
    std::map<std::string, model::FieldError> m_errors;
    bool m_scopeLoaded = false;
    bool m_busy = false;
    AsyncScope m_scopeJob;
};

} // namespace resv::views
