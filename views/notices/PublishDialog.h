#pragma once
// The provider operator's editor: New incident, Post update (to the selected incident's
// timeline), New notice and Post follow-up. Title, severity, status, components, tenants (All or
// checked), the message, the detection or effective time as a JST date and time, emergency and
// its reason. The 7-day rule is shown as a hint; every error shows next to its field and the
// dialog keeps what was typed until the server accepts it.

#include "views/notices/PublishPresenter.h"

#include <wx/dialog.h>

#include <map>
#include <optional>

class wxButton;
class wxCheckBox;
class wxCheckListBox;
class wxChoice;
class wxSizer;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class PublishDialog final : public wxDialog {
public:
    PublishDialog(wxWindow* parent, std::shared_ptr<client::INoticesApi> api, PublishMode mode,
                  std::optional<InboxItem> existing, ITaskRunner& runner, IUiDispatcher& ui);

    void Start();
    PublishPresenter& Presenter() { return m_presenter; }
    /// What the server answered, once it has.
    const std::optional<InboxItem>& Published() const { return m_published; }

    // For GUI tests.
    wxTextCtrl* TitleField() const { return m_title; }
    wxTextCtrl* MessageField() const { return m_message; }
    wxTextCtrl* DateField() const { return m_date; }
    wxTextCtrl* TimeField() const { return m_time; }
    wxCheckBox* AllTenants() const { return m_allTenants; }
    wxCheckListBox* TenantList() const { return m_tenants; }
    wxCheckListBox* ComponentList() const { return m_components; }
    wxChoice* KindChoice() const { return m_kind; }
    wxCheckBox* EmergencyBox() const { return m_emergency; }
    wxTextCtrl* ReasonField() const { return m_reason; }
    wxStaticText* LeadTimeHint() const { return m_leadHint; }
    wxButton* PublishButton() const { return m_publish; }
    /// The error shown next to a control (publish_field); empty when none.
    wxString ErrorShown(const std::string& control) const;

private:
    void AddField(wxSizer* grid, const wxString& label, wxWindow* control, const char* field,
                  const wxString& note = {}, wxSizer* cellContent = nullptr);
    void BuildIncidentFields(wxSizer* grid);
    void BuildNoticeFields(wxSizer* grid);
    void BuildTenants(wxSizer* grid);
    wxSizer* BuildWhen();
    void BindEvents();
    void FillTenants();
    void ShowState();

    PublishPresenter m_presenter;
    wxTextCtrl* m_title = nullptr;
    wxChoice* m_severity = nullptr;
    wxChoice* m_status = nullptr;
    wxChoice* m_kind = nullptr;
    wxCheckListBox* m_components = nullptr;
    wxCheckBox* m_allTenants = nullptr;
    wxCheckListBox* m_tenants = nullptr;
    wxTextCtrl* m_message = nullptr;
    wxTextCtrl* m_date = nullptr;
    wxTextCtrl* m_time = nullptr;
    wxStaticText* m_leadHint = nullptr;
    wxCheckBox* m_emergency = nullptr;
    wxTextCtrl* m_reason = nullptr;
    wxButton* m_publish = nullptr;
    std::map<std::string, wxStaticText*> m_errors;
    std::optional<InboxItem> m_published;
    bool m_tenantsFilled = false;
};

} // namespace resv::views
