#pragma once
// The tenant's designated contacts (指定連絡先): the e-mail addresses that receive incidents and
// notices. One row per address with Remove, Add address, and each row's error under it. Without
// tenant.contacts.write the addresses are shown read-only. Closing with unsaved changes asks
// first; a refused save keeps everything typed.

#include "views/notices/ContactsPresenter.h"

#include <wx/dialog.h>

#include <vector>

class wxButton;
class wxScrolledWindow;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

class ContactsDialog final : public wxDialog {
public:
    ContactsDialog(wxWindow* parent, std::shared_ptr<client::INoticesApi> api, bool writable,
                   ITaskRunner& runner, IUiDispatcher& ui);

    void Start();
    ContactsPresenter& Presenter() { return m_presenter; }

    // For GUI tests.
    wxTextCtrl* Field(std::size_t row) const;
    /// The error under a row; empty when none.
    wxString RowError(std::size_t row) const;
    /// The error of the whole list, or a failure; empty when none.
    wxString ListError() const;
    wxButton* AddButton() const { return m_add; }
    wxButton* SaveButton() const { return m_save; }

private:
    struct RowControls {
        wxTextCtrl* field = nullptr;
        wxButton* remove = nullptr;
        wxStaticText* error = nullptr;
    };

    void Rebuild();
    void ShowState();
    void OnClose();

    ContactsPresenter m_presenter;
    wxScrolledWindow* m_rowsPanel = nullptr;
    std::vector<RowControls> m_rows;
    wxStaticText* m_listError = nullptr;
    wxButton* m_add = nullptr;
    wxButton* m_save = nullptr;
    wxButton* m_close = nullptr;
};

} // namespace resv::views
