#pragma once
// The Facilities & Terminals screen (施設と端末) without wx: the tree, the selected node's draft
// with validation by the model's own patch parsing, save/create/delete/move, tokens shown once,
// and a live refresh that keeps the selection and an edit in progress.

#include "views/common/Async.h"
#include "views/facilities/FacilityTree.h"

#include "resv/client/ApiError.h"
#include "resv/client/FacilitiesApi.h"
#include "resv/model/Session.h"

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace resv::views {

/// What the account may do here, from its roles (an operator only while acting in a tenant).
struct FacilityPermissions {
    bool read = false;
    bool writeFacilities = false; ///< jurisdictions and facilities
    bool writeTerminals = false;
    bool configure = false; ///< remote configuration
};
FacilityPermissions PermissionsFor(const model::Me& me);

/// Field names are the API's ("name", "jurisdiction_id", "ip_address", ...), so a server's
/// invalid_field answer lands on the same control as our own check.
namespace field {
inline constexpr const char* kName = "name";
inline constexpr const char* kJurisdictionId = "jurisdiction_id";
inline constexpr const char* kAddress = "address";
inline constexpr const char* kPhone = "phone";
inline constexpr const char* kNotes = "notes";
inline constexpr const char* kKind = "kind";
inline constexpr const char* kFacilityId = "facility_id";
inline constexpr const char* kIpAddress = "ip_address";
inline constexpr const char* kModel = "model";
inline constexpr const char* kSerial = "serial";
} // namespace field

/// The selected node's form: its values as text, as the user typed them.
struct NodeDraft {
    NodeRef ref; ///< id empty: a node being added
    std::map<std::string, std::string> original;
    std::map<std::string, std::string> values;
    std::map<std::string, model::FieldError> errors; ///< by field name

    bool IsNew() const { return ref.id.empty(); }
    bool Dirty() const { return IsNew() || values != original; }
    std::string Value(const std::string& name) const;
};

/// A device token to show once (after creating a terminal or rotating its token).
struct ShownToken {
    std::string terminalId;
    std::string terminalName;
    std::string token;
    bool created = false; ///< a new terminal, not a rotation
};

class FacilitiesPresenter {
public:
    struct Callbacks {
        std::function<void()> treeChanged;  ///< the data or the filter changed
        std::function<void()> draftChanged; ///< the form's values, errors or busy state
        std::function<void(const client::ApiError&)> failed;
        std::function<void(const ShownToken&)> tokenIssued;
    };

    FacilitiesPresenter(std::shared_ptr<client::IFacilitiesApi> api, FacilityPermissions permissions,
                        ITaskRunner& runner, IUiDispatcher& ui);

    void SetCallbacks(Callbacks callbacks) { m_callbacks = std::move(callbacks); }
    const FacilityPermissions& Permissions() const { return m_permissions; }
    bool CanEdit(NodeKind kind) const;

    /// Loads (or reloads) the three lists on the worker. A reload keeps the selection and a
    /// draft with changes; a draft without changes takes the fresh values.
    void Refresh();
    /// Applies fresh data as Refresh's result does (tests and the benchmark call it directly).
    void ApplyData(FacilityData data);
    bool Loaded() const { return m_loaded; }
    bool Loading() const { return m_loading; }

    void SetFilter(const std::string& filter);
    const std::string& Filter() const { return m_filter; }
    const FacilityTree& Tree() const { return m_tree; }

    /// Selecting another node while the draft has changes is refused (false): the view asks
    /// the user, then calls DiscardDraft and selects again.
    bool Select(const std::optional<NodeRef>& ref);
    const std::optional<NodeRef>& Selected() const { return m_selected; }
    const std::optional<NodeDraft>& Draft() const { return m_draft; }
    void DiscardDraft();

    void SetValue(const std::string& name, const std::string& value);
    /// Checks the draft as the server will; the errors land in Draft()->errors. True when valid.
    bool Validate();
    void Save();
    void Revert();
    bool Busy() const { return m_busy; }

    /// Starts a new node's form (refused while the current draft has changes). The parent is
    /// the jurisdiction of a new facility or the facility of a new terminal.
    bool BeginAdd(NodeKind kind, const std::string& parentId);
    /// Deletes the node (the view asked the user first).
    void Delete(const NodeRef& ref);
    void RotateToken(const std::string& terminalId);

    /// A name for messages: 「東京管轄」, 「ホテル新宿」, 「KIOSK-01」.
    std::string NameOf(const NodeRef& ref) const;

private:
    NodeDraft DraftFor(const NodeRef& ref) const;
    void Rebuild();
    void Failed(const client::ApiError& error);
    void Notify(const std::function<void()>& callback) const;
    void Saved(NodeRef ref);

    std::shared_ptr<client::IFacilitiesApi> m_api;
    FacilityPermissions m_permissions;
    Callbacks m_callbacks;
    FacilityData m_data;
    FacilityTree m_tree;
    std::string m_filter;
    std::optional<NodeRef> m_selected;
    std::optional<NodeDraft> m_draft;
    bool m_loaded = false;
    bool m_loading = false;
    bool m_busy = false;
    AsyncScope m_refreshScope;
    AsyncScope m_scope;
};

} // namespace resv::views
