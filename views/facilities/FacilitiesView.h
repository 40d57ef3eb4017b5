#pragma once
// 施設と端末: the jurisdictions → facilities → terminals tree with status icons, counts and search
// on the left; the selected node's form on the right, edited in place. Refreshes every few
// seconds on the worker, merging into the tree so the selection and an edit survive.

#include "views/common/Session.h"
#include "views/facilities/FacilitiesPresenter.h"

#include <wx/panel.h>
#include <wx/timer.h>
#include <wx/treectrl.h>

#include <map>
#include <string>
#include <unordered_map>

class wxButton;
class wxChoice;
class wxInfoBar;
class wxSearchCtrl;
class wxSimplebook;
class wxSplitterWindow;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class TerminalConfigDialog;

class FacilitiesView final : public wxPanel {
public:
    static constexpr int kRefreshIntervalMs = 10000;
    /// The tree's starting width and either side's least width, in DIP.
    static constexpr int kTreeWidth = 380;
    static constexpr int kMinPaneWidth = 280;

    FacilitiesView(wxWindow* parent, ISession& session,
                   std::shared_ptr<client::IFacilitiesApi> api, FacilityPermissions permissions,
                   ITaskRunner& runner, IUiDispatcher& ui);
    ~FacilitiesView() override;

    FacilitiesPresenter& Presenter() { return m_presenter; }
    /// Starts the first load and the live refresh.
    void Start();

    // For GUI tests and the benchmark.
    wxTreeCtrl* Tree() const { return m_tree; }
    wxSplitterWindow* Splitter() const { return m_splitter; }
    wxTreeItemId ItemOf(const NodeRef& ref) const;
    wxSearchCtrl* Search() const { return m_search; }
    wxWindow* FieldControl(const std::string& name) const;
    wxStaticText* FieldError(const std::string& name) const;
    wxButton* SaveButton() const { return m_save; }
    wxButton* ConfigureButton() const { return m_configure; }
    wxButton* AddButton(NodeKind kind) const;
    wxInfoBar* Messages() const { return m_messages; }
    /// The remote configuration dialog for the selected node, loading, not yet shown; the
    /// Remote configuration... button shows it modally.
    TerminalConfigDialog* NewConfigDialog();
    /// Selects the node as a click would (with the unsaved-changes guard).
    void SelectNode(const NodeRef& ref);
    /// The terminal detail rows as shown (status, last seen, ...), joined by newlines.
    wxString TerminalDetailText() const;

private:
    struct FieldRow {
        NodeKind page;
        wxWindow* control = nullptr;
        wxStaticText* error = nullptr;
    };

    void BuildLayout();
    wxWindow* BuildTreeSide(wxWindow* parent);
    wxWindow* BuildDetailSide(wxWindow* parent);
    wxWindow* BuildForm(wxWindow* parent, NodeKind kind);
    wxSizer* BuildTerminalStatus(wxWindow* parent);
    void AddTextField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                      const wxString& label, long style = 0);
    void AddChoiceField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                        const wxString& label);
    void ApplyPermissions();

    void SyncTree();
    void SyncChildren(const wxTreeItemId& parent, const std::vector<NodeRef>& refs,
                      const std::function<void(std::size_t, const wxTreeItemId&)>& fill);
    void ShowDraft();
    void ShowTerminalStatus(const model::Terminal* terminal);
    void AddPickerField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                        const wxString& label, const wxString& dialogTitle);
    void FillChoices();
    void UpdateButtons();
    std::optional<NodeRef> RefOf(const wxTreeItemId& item) const;
    bool ConfirmLeavingDraft();
    void OnSelChanging(wxTreeEvent& event);
    void OnSelChanged(wxTreeEvent& event);
    void OnAdd(NodeKind kind);
    void OnDelete();
    void OnConfigure();
    void OnRotate();
    void ShowToken(const ShownToken& token);
    void ShowError(const client::ApiError& error);

    ISession& m_session;
    std::shared_ptr<client::IFacilitiesApi> m_api;
    ITaskRunner& m_runner;
    IUiDispatcher& m_ui;
    FacilitiesPresenter m_presenter;
    wxSplitterWindow* m_splitter = nullptr;
    wxSearchCtrl* m_search = nullptr;
    wxTreeCtrl* m_tree = nullptr;
    wxButton* m_addJurisdiction = nullptr;
    wxButton* m_addFacility = nullptr;
    wxButton* m_addTerminal = nullptr;
    wxButton* m_delete = nullptr;
    wxButton* m_configure = nullptr;
    wxInfoBar* m_messages = nullptr;
    wxStaticText* m_title = nullptr;
    wxSimplebook* m_pages = nullptr;
    wxWindow* m_statusBox = nullptr;
    std::map<std::string, wxStaticText*> m_statusRows;
    wxButton* m_rotate = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_revert = nullptr;
    std::map<std::pair<NodeKind, std::string>, FieldRow> m_fields;
    std::unordered_map<std::string, wxTreeItemId> m_items; ///< "j:id", "f:id", "t:id"
    wxTimer m_refreshTimer;
    bool m_syncing = false;
    bool m_choicesStale = true;
};

} // namespace resv::views
