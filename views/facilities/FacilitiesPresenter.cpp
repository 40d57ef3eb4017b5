#include "views/facilities/FacilitiesPresenter.h"

#include "views/common/ApiErrors.h"

#include "resv/model/Problem.h"
#include "resv/model/Role.h"
#include "resv/model/Validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <set>

namespace resv::views {
namespace {

namespace code = model::error_code;

using Fields = std::map<std::string, std::string>;

Fields FieldsOf(const model::Jurisdiction& j) {
    return {{field::kName, j.name}};
}

Fields FieldsOf(const model::Facility& f) {
    return {{field::kName, f.name},
            {field::kJurisdictionId, f.jurisdictionId},
            {field::kAddress, f.address},
            {field::kPhone, f.phone},
            {field::kNotes, f.notes}};
}

Fields FieldsOf(const model::Terminal& t) {
    return {{field::kName, t.name},
            {field::kKind, std::string(model::ToString(t.kind))},
            {field::kFacilityId, t.facilityId},
            {field::kIpAddress, t.ipAddress},
            {field::kModel, t.model},
            {field::kSerial, t.serial}};
}

/// The fields a request sends: for a new node every field given, for a change only what
/// differs from the original.
nlohmann::json PatchJson(const NodeDraft& draft) {
    nlohmann::json patch = nlohmann::json::object();
    for (const auto& [name, value] : draft.values) {
        const auto original = draft.original.find(name);
        const bool changed = original == draft.original.end() || original->second != value;
        if (draft.IsNew() ? !value.empty() : changed) {
            patch[name] = value;
        }
    }
    return patch;
}

template <typename Patch>
Patch ParsePatch(const NodeDraft& draft) {
    Patch patch = PatchJson(draft).get<Patch>();
    if (draft.IsNew()) {
        model::RequireForCreate(patch);
    }
    return patch;
}

template <typename Item>
void Upsert(std::vector<Item>& items, Item item) {
    const auto it = std::find_if(items.begin(), items.end(),
                                 [&](const Item& existing) { return existing.id == item.id; });
    if (it == items.end()) {
        items.push_back(std::move(item));
    } else {
        *it = std::move(item);
    }
}

template <typename Item>
void EraseById(std::vector<Item>& items, const std::string& id) {
    std::erase_if(items, [&](const Item& item) { return item.id == id; });
}

} // namespace

FacilityPermissions PermissionsFor(const model::Me& me) {
    std::set<std::string_view> granted;
    for (const std::string& name : me.roles) {
        if (name == model::role::kOperator && !me.actingAs) {
            continue; // an operator sees a tenant's facilities only while acting in it
        }
        if (const model::BuiltinRole* role = model::FindBuiltinRole(name)) {
            granted.insert(role->permissions.begin(), role->permissions.end());
        }
    }
    namespace p = model::permission;
    return {granted.contains(p::kFacilitiesRead), granted.contains(p::kFacilitiesWrite),
            granted.contains(p::kTerminalsWrite), granted.contains(p::kTerminalsConfigure)};
}

std::string NodeDraft::Value(const std::string& name) const {
    const auto it = values.find(name);
    return it == values.end() ? std::string() : it->second;
}

FacilitiesPresenter::FacilitiesPresenter(std::shared_ptr<client::IFacilitiesApi> api,
                                         FacilityPermissions permissions, ITaskRunner& runner,
                                         IUiDispatcher& ui)
    : m_api(std::move(api))
    , m_permissions(permissions)
    , m_refreshScope(runner, ui)
    , m_scope(runner, ui) {}

bool FacilitiesPresenter::CanEdit(NodeKind kind) const {
    return kind == NodeKind::Terminal ? m_permissions.writeTerminals
                                      : m_permissions.writeFacilities;
}

void FacilitiesPresenter::Notify(const std::function<void()>& callback) const {
    if (callback) {
        callback();
    }
}

void FacilitiesPresenter::Refresh() {
    if (m_loading) {
        return;
    }
    m_loading = true;
    auto api = m_api;
    m_refreshScope.Run(
        [api] {
            FacilityData data;
            data.jurisdictions = api->ListJurisdictions();
            data.facilities = api->ListFacilities();
            data.terminals = api->ListTerminals();
            return data;
        },
        [this](TaskResult<FacilityData> result) {
            m_loading = false;
            if (!result.Ok()) {
                Failed(ToApiError(result.Error()));
                return;
            }
            ApplyData(std::move(result.Value()));
        });
}

void FacilitiesPresenter::ApplyData(FacilityData data) {
    m_data = std::move(data);
    m_loaded = true;
    Rebuild();
    if (m_draft && !m_draft->IsNew() && !m_tree.Contains(m_draft->ref)) {
        // Someone else deleted it: nothing is left to save the edit to.
        m_draft.reset();
        m_selected.reset();
    } else if (m_draft && !m_draft->Dirty()) {
        m_draft = DraftFor(m_draft->ref);
    }
    if (m_selected && !m_tree.Contains(*m_selected)) {
        m_selected.reset();
    }
    Notify(m_callbacks.treeChanged);
    Notify(m_callbacks.draftChanged);
}

void FacilitiesPresenter::Rebuild() {
    m_tree = FacilityTree(m_data, m_filter);
}

void FacilitiesPresenter::SetFilter(const std::string& filter) {
    if (filter == m_filter) {
        return;
    }
    m_filter = filter;
    Rebuild();
    Notify(m_callbacks.treeChanged);
}

NodeDraft FacilitiesPresenter::DraftFor(const NodeRef& ref) const {
    NodeDraft draft;
    draft.ref = ref;
    switch (ref.kind) {
    case NodeKind::Jurisdiction:
        if (const auto* j = m_tree.FindJurisdiction(ref.id)) {
            draft.original = FieldsOf(*j);
        }
        break;
    case NodeKind::Facility:
        if (const auto* f = m_tree.FindFacility(ref.id)) {
            draft.original = FieldsOf(*f);
        }
        break;
    case NodeKind::Terminal:
        if (const auto* t = m_tree.FindTerminal(ref.id)) {
            draft.original = FieldsOf(*t);
        }
        break;
    }
    draft.values = draft.original;
    return draft;
}

bool FacilitiesPresenter::Select(const std::optional<NodeRef>& ref) {
    if (ref == m_selected && (!m_draft || !m_draft->IsNew())) {
        return true;
    }
    if (m_draft && m_draft->Dirty()) {
        return false;
    }
    m_selected = ref;
    if (ref && m_tree.Contains(*ref)) {
        m_draft = DraftFor(*ref);
    } else {
        m_draft.reset();
    }
    Notify(m_callbacks.draftChanged);
    return true;
}

void FacilitiesPresenter::DiscardDraft() {
    if (m_draft && m_draft->IsNew()) {
        m_draft.reset();
    } else if (m_draft) {
        m_draft = DraftFor(m_draft->ref);
    }
    Notify(m_callbacks.draftChanged);
}

void FacilitiesPresenter::SetValue(const std::string& name, const std::string& value) {
    if (!m_draft || m_draft->Value(name) == value) {
        return;
    }
    m_draft->values[name] = value;
    if (m_draft->errors.erase(name) > 0) {
        Notify(m_callbacks.draftChanged);
    }
}

bool FacilitiesPresenter::Validate() {
    if (!m_draft) {
        return false;
    }
    m_draft->errors.clear();
    try {
        switch (m_draft->ref.kind) {
        case NodeKind::Jurisdiction:
            ParsePatch<model::JurisdictionPatch>(*m_draft);
            break;
        case NodeKind::Facility:
            ParsePatch<model::FacilityPatch>(*m_draft);
            break;
        case NodeKind::Terminal:
            ParsePatch<model::TerminalPatch>(*m_draft);
            break;
        }
    } catch (const model::ValidationError& error) {
        for (const model::FieldError& fieldError : error.Errors()) {
            m_draft->errors.emplace(fieldError.field, fieldError);
        }
    }
    return m_draft->errors.empty();
}

void FacilitiesPresenter::Save() {
    if (!m_draft || m_busy || !CanEdit(m_draft->ref.kind)) {
        return;
    }
    if (!Validate()) {
        Notify(m_callbacks.draftChanged);
        return;
    }
    if (!m_draft->Dirty()) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.draftChanged);
    const NodeDraft draft = *m_draft;
    auto api = m_api;
    switch (draft.ref.kind) {
    case NodeKind::Jurisdiction: {
        const auto patch = ParsePatch<model::JurisdictionPatch>(draft);
        m_scope.Run(
            [api, patch, id = draft.ref.id] {
                return id.empty() ? api->CreateJurisdiction(patch)
                                  : api->UpdateJurisdiction(id, patch);
            },
            [this](TaskResult<model::Jurisdiction> result) {
                m_busy = false;
                if (!result.Ok()) {
                    return Failed(ToApiError(result.Error()));
                }
                Upsert(m_data.jurisdictions, result.Value());
                Saved({NodeKind::Jurisdiction, result.Value().id});
            });
        break;
    }
    case NodeKind::Facility: {
        const auto patch = ParsePatch<model::FacilityPatch>(draft);
        m_scope.Run(
            [api, patch, id = draft.ref.id] {
                return id.empty() ? api->CreateFacility(patch) : api->UpdateFacility(id, patch);
            },
            [this](TaskResult<model::Facility> result) {
                m_busy = false;
                if (!result.Ok()) {
                    return Failed(ToApiError(result.Error()));
                }
                Upsert(m_data.facilities, result.Value());
                Saved({NodeKind::Facility, result.Value().id});
            });
        break;
    }
    case NodeKind::Terminal: {
        const auto patch = ParsePatch<model::TerminalPatch>(draft);
        m_scope.Run(
            [api, patch, id = draft.ref.id] {
                if (id.empty()) {
                    return api->CreateTerminal(patch);
                }
                return model::TerminalWithToken{api->UpdateTerminal(id, patch), {}};
            },
            [this](TaskResult<model::TerminalWithToken> result) {
                m_busy = false;
                if (!result.Ok()) {
                    return Failed(ToApiError(result.Error()));
                }
                const model::TerminalWithToken& saved = result.Value();
                Upsert(m_data.terminals, saved.terminal);
                Saved({NodeKind::Terminal, saved.terminal.id});
                if (!saved.deviceToken.empty() && m_callbacks.tokenIssued) {
                    m_callbacks.tokenIssued(
                        {saved.terminal.id, saved.terminal.name, saved.deviceToken, true});
                }
            });
        break;
    }
    }
}

void FacilitiesPresenter::Saved(NodeRef ref) {
    Rebuild();
    m_selected = ref;
    m_draft = DraftFor(ref);
    Notify(m_callbacks.treeChanged);
    Notify(m_callbacks.draftChanged);
}

void FacilitiesPresenter::Revert() {
    DiscardDraft();
}

bool FacilitiesPresenter::BeginAdd(NodeKind kind, const std::string& parentId) {
    if (!CanEdit(kind) || (m_draft && m_draft->Dirty())) {
        return false;
    }
    NodeDraft draft;
    draft.ref = {kind, {}};
    switch (kind) {
    case NodeKind::Jurisdiction:
        draft.values = FieldsOf(model::Jurisdiction{});
        break;
    case NodeKind::Facility:
        draft.values = FieldsOf(model::Facility{});
        draft.values[field::kJurisdictionId] = parentId;
        break;
    case NodeKind::Terminal:
        draft.values = FieldsOf(model::Terminal{});
        draft.values[field::kFacilityId] = parentId;
        break;
    }
    m_draft = std::move(draft);
    Notify(m_callbacks.draftChanged);
    return true;
}

void FacilitiesPresenter::Delete(const NodeRef& ref) {
    if (m_busy || !CanEdit(ref.kind)) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.draftChanged);
    auto api = m_api;
    m_scope.Run(
        [api, ref] {
            switch (ref.kind) {
            case NodeKind::Jurisdiction:
                return api->DeleteJurisdiction(ref.id);
            case NodeKind::Facility:
                return api->DeleteFacility(ref.id);
            case NodeKind::Terminal:
                return api->DeleteTerminal(ref.id);
            }
        },
        [this, ref](TaskResult<Done> result) {
            m_busy = false;
            if (!result.Ok()) {
                return Failed(ToApiError(result.Error()));
            }
            switch (ref.kind) {
            case NodeKind::Jurisdiction:
                EraseById(m_data.jurisdictions, ref.id);
                break;
            case NodeKind::Facility:
                EraseById(m_data.facilities, ref.id);
                break;
            case NodeKind::Terminal:
                EraseById(m_data.terminals, ref.id);
                break;
            }
            if (m_selected == ref) {
                m_selected.reset();
                m_draft.reset();
            }
            Rebuild();
            Notify(m_callbacks.treeChanged);
            Notify(m_callbacks.draftChanged);
        });
}

void FacilitiesPresenter::RotateToken(const std::string& terminalId) {
    if (m_busy || !m_permissions.writeTerminals) {
        return;
    }
    m_busy = true;
    Notify(m_callbacks.draftChanged);
    auto api = m_api;
    m_scope.Run([api, terminalId] { return api->RotateTerminalToken(terminalId); },
                [this](TaskResult<model::TerminalWithToken> result) {
                    m_busy = false;
                    Notify(m_callbacks.draftChanged);
                    if (!result.Ok()) {
                        return Failed(ToApiError(result.Error()));
                    }
                    const model::TerminalWithToken& rotated = result.Value();
                    if (m_callbacks.tokenIssued) {
                        m_callbacks.tokenIssued({rotated.terminal.id, rotated.terminal.name,
                                                 rotated.deviceToken, false});
                    }
                });
}

std::string FacilitiesPresenter::NameOf(const NodeRef& ref) const {
    switch (ref.kind) {
    case NodeKind::Jurisdiction:
        if (const auto* j = m_tree.FindJurisdiction(ref.id)) {
            return j->name;
        }
        break;
    case NodeKind::Facility:
        if (const auto* f = m_tree.FindFacility(ref.id)) {
            return f->name;
        }
        break;
    case NodeKind::Terminal:
        if (const auto* t = m_tree.FindTerminal(ref.id)) {
            return t->name;
        }
        break;
    }
    return ref.id;
}

void FacilitiesPresenter::Failed(const client::ApiError& error) {
    if (m_draft && error.GetKind() == client::ApiError::Kind::Http) {
        if (error.Code() == code::kInvalidField && !error.Problem().errors.empty()) {
            for (const model::FieldError& fieldError : error.Problem().errors) {
                m_draft->errors.insert_or_assign(fieldError.field, fieldError);
            }
            Notify(m_callbacks.draftChanged);
            return;
        }
        if (error.Code() == code::kConflict) {
            m_draft->errors.insert_or_assign(
                field::kName, model::FieldError{field::kName, code::kConflict, error.Problem().detail});
            Notify(m_callbacks.draftChanged);
            return;
        }
    }
    Notify(m_callbacks.draftChanged);
    if (m_callbacks.failed) {
        m_callbacks.failed(error);
    }
}

} // namespace resv::views
