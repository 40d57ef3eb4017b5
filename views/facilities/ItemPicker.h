#pragma once
// Choosing a facility (or a jurisdiction) among thousands: the form shows the chosen one as
// "jurisdiction / facility" with a Choose... button, which opens a small dialog that filters the
// list as one types. A dropdown of 2,000 facilities could not be used.

#include "views/common/Layout.h"

#include <wx/button.h>
#include <wx/dialog.h>
#include <wx/listbox.h>
#include <wx/panel.h>
#include <wx/sizer.h>
#include <wx/srchctrl.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <functional>
#include <string>
#include <vector>

namespace resv::views {

struct PickItem {
    std::string id;
    wxString label;
};

/// The filtered list; OK (or a double click, or Enter) chooses the selected item.
class ItemPickerDialog final : public wxDialog {
public:
    ItemPickerDialog(wxWindow* parent, const wxString& title, const std::vector<PickItem>& items,
                     const std::string& selectedId)
        : wxDialog(parent, wxID_ANY, title, wxDefaultPosition, wxDefaultSize,
                   wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
        , m_items(items)
        , m_selectedId(selectedId) {
        using layout::Space;
        auto* column = new wxBoxSizer(wxVERTICAL);
        m_search = new wxSearchCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                    wxTE_PROCESS_ENTER);
        m_search->ShowCancelButton(true);
        m_search->SetDescriptiveText(_("Type part of a name"));
        column->Add(m_search, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP).Expand());
        m_list = new wxListBox(this, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(460, 320)), 0,
                               nullptr, wxLB_SINGLE);
        column->Add(m_list, layout::Padded(this, Space::Large).Expand().Proportion(1));
        m_count = new wxStaticText(this, wxID_ANY, wxString());
        column->Add(m_count, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT).Expand());
        // Explicit labels: GTK's stock labels are not translated without a system locale.
        auto* buttons = new wxStdDialogButtonSizer();
        m_ok = new wxButton(this, wxID_OK, _("Choose"));
        buttons->AddButton(m_ok);
        buttons->AddButton(new wxButton(this, wxID_CANCEL, _("Cancel")));
        buttons->Realize();
        column->Add(buttons, layout::Padded(this, Space::Large).Expand());
        SetSizerAndFit(column);
        CentreOnParent();

        m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { Filter(); });
        m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_search->Clear(); });
        m_search->Bind(wxEVT_TEXT_ENTER, [this](wxCommandEvent&) {
            if (m_list->GetCount() == 1) {
                m_list->SetSelection(0);
            }
            if (!SelectedId().empty()) {
                EndModal(wxID_OK);
            }
        });
        m_list->Bind(wxEVT_LISTBOX, [this](wxCommandEvent&) { m_ok->Enable(!SelectedId().empty()); });
        m_list->Bind(wxEVT_LISTBOX_DCLICK, [this](wxCommandEvent&) { EndModal(wxID_OK); });
        Filter();
        m_search->SetFocus();
    }

    wxSearchCtrl* Search() const { return m_search; }
    wxListBox* List() const { return m_list; }

    /// The selected item's id; empty when nothing is selected.
    std::string SelectedId() const {
        const int row = m_list->GetSelection();
        return row == wxNOT_FOUND ? std::string() : m_items[m_shown[static_cast<std::size_t>(row)]].id;
    }

private:
    /// Keeps the items whose label holds every word typed, in any case; the selection stays.
    void Filter() {
        const std::string keep = m_list->GetCount() > 0 ? SelectedId() : m_selectedId;
        wxArrayString words = wxSplit(m_search->GetValue().Lower(), ' ', '\0');
        wxArrayString labels;
        m_shown.clear();
        int selection = wxNOT_FOUND;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            const wxString label = m_items[i].label.Lower();
            bool matches = true;
            for (const wxString& word : words) {
                matches = matches && (word.empty() || label.Contains(word));
            }
            if (matches) {
                if (m_items[i].id == keep) {
                    selection = static_cast<int>(m_shown.size());
                }
                m_shown.push_back(i);
                labels.push_back(m_items[i].label);
            }
        }
        m_list->Set(labels);
        if (selection == wxNOT_FOUND && m_shown.size() == 1) {
            selection = 0; // the one match: Enter or Choose takes it
        }
        if (selection != wxNOT_FOUND) {
            m_list->SetSelection(selection);
            m_list->EnsureVisible(selection);
        }
        // TRANSLATORS: under the filtered list of the facility (or jurisdiction) picker.
        m_count->SetLabel(wxString::Format(_("%zu of %zu shown"), m_shown.size(), m_items.size()));
        m_ok->Enable(!SelectedId().empty());
    }

    std::vector<PickItem> m_items;
    std::string m_selectedId;
    std::vector<std::size_t> m_shown; ///< the rows of the list, as indexes into m_items
    wxSearchCtrl* m_search = nullptr;
    wxListBox* m_list = nullptr;
    wxStaticText* m_count = nullptr;
    wxButton* m_ok = nullptr;
};

/// A form field: the chosen item's label, read-only, and the button that opens the picker.
class PickerField final : public wxPanel {
public:
    PickerField(wxWindow* parent, const wxString& dialogTitle)
        : wxPanel(parent)
        , m_title(dialogTitle) {
        auto* row = new wxBoxSizer(wxHORIZONTAL);
        m_shown = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxTE_READONLY);
        row->Add(m_shown, wxSizerFlags(1).CenterVertical());
        m_choose = new wxButton(this, wxID_ANY, _("Choose..."));
        row->Add(m_choose, wxSizerFlags().Border(wxLEFT, layout::Px(this, layout::Space::Small)));
        SetSizer(row);
        m_choose->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Choose(); });
    }

    /// What may be chosen, and what to do with a choice.
    void SetItems(std::vector<PickItem> items) { m_items = std::move(items); }
    void OnChosen(std::function<void(const std::string&)> chosen) { m_chosen = std::move(chosen); }

    /// Shows the item with this id (nothing for an unknown one).
    void SetSelectedId(const std::string& id) {
        m_id = id;
        wxString label;
        for (const PickItem& item : m_items) {
            if (item.id == id) {
                label = item.label;
                break;
            }
        }
        if (m_shown->GetValue() != label) {
            m_shown->ChangeValue(label);
        }
    }
    const std::string& SelectedId() const { return m_id; }
    wxTextCtrl* Shown() const { return m_shown; }
    wxButton* ChooseButton() const { return m_choose; }

private:
    void Choose() {
        ItemPickerDialog dialog(this, m_title, m_items, m_id);
        if (dialog.ShowModal() != wxID_OK || dialog.SelectedId().empty()) {
            return;
        }
        SetSelectedId(dialog.SelectedId());
        if (m_chosen) {
            m_chosen(m_id);
        }
    }

    wxString m_title;
    std::vector<PickItem> m_items;
    std::string m_id;
    std::function<void(const std::string&)> m_chosen;
    wxTextCtrl* m_shown = nullptr;
    wxButton* m_choose = nullptr;
};

} // namespace resv::views
