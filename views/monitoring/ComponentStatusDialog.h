#pragma once
// Set status… for one component (a provider operator outside customer tenants): the status as
// customers will see it and the message they read, required. The dialog stays open with what
// was typed when the server refuses it or cannot be reached, and says why.

#include "views/monitoring/StatusEditPresenter.h"

#include <wx/dialog.h>

#include <optional>

class wxButton;
class wxChoice;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class ComponentStatusDialog final : public wxDialog {
public:
    ComponentStatusDialog(wxWindow* parent, std::shared_ptr<client::IMonitoringApi> api,
                          const model::ComponentStatus& current, ITaskRunner& runner,
                          IUiDispatcher& ui);

    /// The server's answer once it took the status (the dialog ended with wxID_OK).
    const std::optional<model::ComponentStatus>& Saved() const { return m_saved; }
    /// The server ended the session while saving (the dialog ended with wxID_CANCEL).
    const std::optional<client::ApiError>& SessionEnded() const { return m_sessionEnded; }
    StatusEditPresenter& Presenter() { return m_presenter; }

    // For GUI tests.
    wxChoice* StatusChoice() const { return m_status; }
    wxTextCtrl* MessageField() const { return m_message; }
    wxButton* SaveButton() const { return m_save; }
    /// The error shown under the message; empty when none.
    wxString ErrorShown() const;
    /// The state the choice holds.
    model::ComponentState ChosenState() const;

private:
    void OnSave();
    void ShowError(const wxString& text);
    void ShowSaving();
    void UpdateCounter();

    StatusEditPresenter m_presenter;
    std::optional<model::ComponentStatus> m_saved;
    std::optional<client::ApiError> m_sessionEnded;
    wxChoice* m_status = nullptr;
    wxTextCtrl* m_message = nullptr;
    wxStaticText* m_counter = nullptr;
    wxStaticText* m_error = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_cancel = nullptr;
};

} // namespace resv::views
