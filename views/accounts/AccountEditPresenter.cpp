#include "views/accounts/AccountEditPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"
#include "resv/model/Validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

namespace resv::views {
namespace {

namespace code = model::error_code;
namespace f = account_field;

struct ScopeData {
    std::vector<model::Jurisdiction> jurisdictions;
    std::vector<model::Facility> facilities;
    std::vector<model::Role> roles;
};

std::string Trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos) {
        return {};
    }
    return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

} // namespace

std::string FieldOfError(const std::string& field) {
    const auto end = field.find_first_of(".[");
    return end == std::string::npos ? field : field.substr(0, end);
}

// ScopeSelection

void ScopeSelection::SetTree(std::vector<model::Jurisdiction> jurisdictions,
                             std::vector<model::Facility> facilities) {
    m_jurisdictions = std::move(jurisdictions);
    m_facilities = std::move(facilities);
    const auto byName = [](const auto& a, const auto& b) { return a.name < b.name; };
    std::sort(m_jurisdictions.begin(), m_jurisdictions.end(), byName);
    std::sort(m_facilities.begin(), m_facilities.end(), byName);
}

std::vector<const model::Facility*>
ScopeSelection::FacilitiesOf(const std::string& jurisdictionId) const {
    std::vector<const model::Facility*> result;
    for (const auto& facility : m_facilities) {
        if (facility.jurisdictionId == jurisdictionId) {
            result.push_back(&facility);
        }
    }
    return result;
}

std::string ScopeSelection::JurisdictionOf(const std::string& facilityId) const {
    for (const auto& facility : m_facilities) {
        if (facility.id == facilityId) {
            return facility.jurisdictionId;
        }
    }
    return {};
}

void ScopeSelection::Load(const model::Scope& scope) {
    m_all = scope.all;
    m_chosenJurisdictions = {scope.jurisdictions.begin(), scope.jurisdictions.end()};
    m_chosenFacilities = {scope.facilities.begin(), scope.facilities.end()};
}

model::Scope ScopeSelection::ToScope() const {
    model::Scope scope;
    scope.all = m_all;
    if (!m_all) {
        scope.jurisdictions = {m_chosenJurisdictions.begin(), m_chosenJurisdictions.end()};
        for (const auto& id : m_chosenFacilities) {
            if (!m_chosenJurisdictions.contains(JurisdictionOf(id))) {
                scope.facilities.push_back(id);
            }
        }
    }
    return scope;
}

ScopeSelection::Check ScopeSelection::JurisdictionCheck(const std::string& id) const {
    if (m_chosenJurisdictions.contains(id)) {
        return Check::On;
    }
    for (const auto* facility : FacilitiesOf(id)) {
        if (m_chosenFacilities.contains(facility->id)) {
            return Check::Partial;
        }
    }
    return Check::Off;
}

bool ScopeSelection::FacilityChecked(const std::string& id) const {
    return m_chosenFacilities.contains(id) || m_chosenJurisdictions.contains(JurisdictionOf(id));
}

void ScopeSelection::SetJurisdiction(const std::string& id, bool on) {
    for (const auto* facility : FacilitiesOf(id)) {
        m_chosenFacilities.erase(facility->id);
    }
    if (on) {
        m_chosenJurisdictions.insert(id);
    } else {
        m_chosenJurisdictions.erase(id);
    }
}

void ScopeSelection::SetFacility(const std::string& id, bool on) {
    const std::string jurisdiction = JurisdictionOf(id);
    if (!on && m_chosenJurisdictions.erase(jurisdiction) > 0) {
        for (const auto* facility : FacilitiesOf(jurisdiction)) {
            m_chosenFacilities.insert(facility->id); // the rest stay, one by one
        }
    }
    if (on) {
        m_chosenFacilities.insert(id);
    } else {
        m_chosenFacilities.erase(id);
    }
}

// AccountEditPresenter

AccountEditPresenter::AccountEditPresenter(std::shared_ptr<client::IAccountsApi> api,
                                           std::shared_ptr<client::IFacilitiesApi> facilities,
                                           std::optional<model::Account> existing,
                                           std::vector<model::Role> roles, ITaskRunner& runner,
                                           IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_facilitiesApi(std::move(facilities))
    , m_existing(std::move(existing))
    , m_roles(std::move(roles))
    , m_scopeJob(runner, ui) {
    if (m_existing) {
        m_loginId = m_existing->loginId;
        m_displayName = m_existing->displayName;
        m_email = m_existing->email.value_or("");
        m_chosenRoles = {m_existing->roles.begin(), m_existing->roles.end()};
        m_scope.Load(m_existing->scope);
    }
}

void AccountEditPresenter::Notify() const {
    if (m_callbacks.changed) {
        m_callbacks.changed();
    }
}

void AccountEditPresenter::Start() {
    auto api = m_api;
    auto facilities = m_facilitiesApi;
    const bool needRoles = m_roles.empty();
    m_scopeJob.Run(
        [api, facilities, needRoles] {
            ScopeData data;
            if (needRoles) {
                data.roles = api->ListRoles();
            }
            if (facilities) {
                data.jurisdictions = facilities->ListJurisdictions();
                data.facilities = facilities->ListFacilities();
            }
            return data;
        },
        [this, needRoles](TaskResult<ScopeData> result) {
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            if (needRoles) {
                m_roles = std::move(result.Value().roles);
            }
            m_scope.SetTree(std::move(result.Value().jurisdictions),
                            std::move(result.Value().facilities));
            m_scopeLoaded = true;
            Notify();
        });
}

std::string AccountEditPresenter::SetLoginId(const std::string& text) {
    std::string lowered = text;
    std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lowered != m_loginId) {
        m_loginId = lowered;
        ClearError(f::kLoginId);
    }
    return lowered;
}

void AccountEditPresenter::SetDisplayName(const std::string& text) {
    m_displayName = text;
    ClearError(f::kDisplayName);
}

void AccountEditPresenter::SetEmail(const std::string& text) {
    m_email = text;
    ClearError(f::kEmail);
}

void AccountEditPresenter::SetRole(const std::string& name, bool on) {
    if (on) {
        m_chosenRoles.insert(name);
    } else {
        m_chosenRoles.erase(name);
    }
    ClearError(f::kRoles);
}

void AccountEditPresenter::ScopeChanged() {
    ClearError(f::kScope);
}

void AccountEditPresenter::ClearError(const char* field) {
    if (m_errors.erase(field) > 0) {
        Notify();
    }
}

std::vector<std::string> AccountEditPresenter::ChosenRoles() const {
    // In the order GET roles lists them, then any the list no longer has.
    std::vector<std::string> chosen;
    for (const auto& role : m_roles) {
        if (m_chosenRoles.contains(role.name)) {
            chosen.push_back(role.name);
        }
    }
    for (const auto& name : m_chosenRoles) {
        if (std::find(chosen.begin(), chosen.end(), name) == chosen.end()) {
            chosen.push_back(name);
        }
    }
    return chosen;
}

namespace {

/// The request's body: everything for a new account, only what changed for an edit.
nlohmann::json BodyOf(const std::optional<model::Account>& existing, const std::string& loginId,
                      const std::string& displayName, const std::string& email,
                      const std::vector<std::string>& roles, const model::Scope& scope) {
    nlohmann::json body = nlohmann::json::object();
    const std::string trimmedEmail = Trimmed(email);
    if (!existing) {
        body[f::kLoginId] = loginId;
        body[f::kDisplayName] = displayName;
        if (!trimmedEmail.empty()) {
            body[f::kEmail] = trimmedEmail;
        }
        body[f::kRoles] = roles;
        body[f::kScope] = scope;
        return body;
    }
    if (Trimmed(displayName) != existing->displayName) {
        body[f::kDisplayName] = displayName;
    }
    if (trimmedEmail != existing->email.value_or("")) {
        body[f::kEmail] =
            trimmedEmail.empty() ? nlohmann::json(nullptr) : nlohmann::json(trimmedEmail);
    }
    std::vector<std::string> before = existing->roles;
    std::vector<std::string> after = roles;
    std::sort(before.begin(), before.end());
    std::sort(after.begin(), after.end());
    if (before != after) {
        body[f::kRoles] = roles;
    }
    model::Scope normalizedBefore = existing->scope;
    std::sort(normalizedBefore.jurisdictions.begin(), normalizedBefore.jurisdictions.end());
    std::sort(normalizedBefore.facilities.begin(), normalizedBefore.facilities.end());
    model::Scope normalizedAfter = scope;
    std::sort(normalizedAfter.facilities.begin(), normalizedAfter.facilities.end());
    if (!(normalizedBefore == normalizedAfter)) {
        body[f::kScope] = scope;
    }
    return body;
}

} // namespace

bool AccountEditPresenter::Validate() {
    m_errors.clear();
    if (m_existing == std::nullopt && !model::IsValidLoginId(m_loginId)) {
        m_errors.emplace(f::kLoginId,
                         model::FieldError{f::kLoginId,
                                           m_loginId.empty() ? "required" : "invalid_value",
                                           "login_id"});
    }
    if (m_scope.Empty()) {
        m_errors.emplace(f::kScope, model::FieldError{f::kScope, "required", "scope"});
    }
    // The model stops at the first bad field: put a good stand-in there and parse again, so
    // every field's error shows at once.
    const nlohmann::json standIns = {{f::kLoginId, "stand-in"},
                                     {f::kDisplayName, "stand-in"},
                                     {f::kRoles, {"stand-in"}},
                                     {f::kScope, {{"all", true}}}};
    nlohmann::json body =
        BodyOf(m_existing, m_loginId, m_displayName, m_email, ChosenRoles(), m_scope.ToScope());
    for (int attempt = 0; attempt < 8; ++attempt) {
        try {
            if (m_existing) {
                (void)body.get<model::AccountPatch>();
            } else {
                (void)body.get<model::AccountInput>();
            }
            break;
        } catch (const model::ValidationError& error) {
            for (const model::FieldError& fieldError : error.Errors()) {
                const std::string field = FieldOfError(fieldError.field);
                m_errors.emplace(field, fieldError);
                if (standIns.contains(field)) {
                    body[field] = standIns[field];
                } else {
                    body.erase(field);
                }
            }
        }
    }
    if (m_chosenRoles.empty()) {
        m_errors.emplace(f::kRoles, model::FieldError{f::kRoles, "required", "roles"});
    }
    return m_errors.empty();
}

void AccountEditPresenter::Save() {
    if (m_busy) {
        return;
    }
    const bool valid = Validate();
    Notify();
    if (!valid) {
        return;
    }
    const nlohmann::json body =
        BodyOf(m_existing, m_loginId, m_displayName, m_email, ChosenRoles(), m_scope.ToScope());
    if (m_existing && body.empty()) {
        if (m_callbacks.updated) {
            m_callbacks.updated(*m_existing); // nothing changed: nothing to send
        }
        return;
    }
    m_busy = true;
    Notify();
    auto api = m_api;
    if (!m_existing) {
        m_scopeJob.Run(
            [api, input = body.get<model::AccountInput>()] { return api->CreateAccount(input); },
            [this](TaskResult<model::AccountCreated> result) {
                m_busy = false;
                if (!result.Ok()) {
                    return Failed(ToApiError(result.Error()));
                }
                Notify();
                if (m_callbacks.created) {
                    m_callbacks.created(result.Value());
                }
            });
        return;
    }
    m_scopeJob.Run(
        [api, id = m_existing->id, patch = body.get<model::AccountPatch>()] {
            return api->UpdateAccount(id, patch);
        },
        [this](TaskResult<model::Account> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            m_existing = result.Value();
            Notify();
            if (m_callbacks.updated) {
                m_callbacks.updated(result.Value());
            }
        });
}

void AccountEditPresenter::Failed(const client::ApiError& error) {
    const bool http = error.GetKind() == client::ApiError::Kind::Http;
    if (http && error.Code() == code::kInvalidField && !error.Problem().errors.empty()) {
        for (const model::FieldError& fieldError : error.Problem().errors) {
            m_errors.insert_or_assign(FieldOfError(fieldError.field), fieldError);
        }
        return Notify();
    }
    if (http && error.Code() == code::kConflict && IsNew()) {
        m_errors.insert_or_assign(
            f::kLoginId, model::FieldError{f::kLoginId, code::kConflict, error.Problem().detail});
        return Notify();
    }
    if (http && error.Code() == code::kLastManager) {
        m_errors.insert_or_assign(
            f::kRoles, model::FieldError{f::kRoles, code::kLastManager, error.Problem().detail});
        return Notify();
    }
    Notify();
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
