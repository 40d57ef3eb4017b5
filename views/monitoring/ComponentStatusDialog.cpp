#include "views/monitoring/ComponentStatusDialog.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/monitoring/MonitoringWords.h"

#include "resv/model/Facility.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <array>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using Problem = StatusEditPresenter::Problem;

constexpr std::array kStates{model::ComponentState::Operational, model::ComponentState::Degraded,
                             model::ComponentState::Maintenance,
                             model::ComponentState::PartialOutage,
                             model::ComponentState::MajorOutage};

wxString ProblemText(Problem problem) {
    switch (problem) {
    case Problem::MessageMissing:
        return _("Write the message customers will read with this status.");
    case Problem::MessageTooLong:
        return wxString::Format(_("The message is too long: at most %d characters."),
                                static_cast<int>(StatusEditPresenter::kMaxMessage));
    case Problem::None:
        break;
    }
    return {};
}

/// The server's refusal in words: its field errors as the dialog's own, else the common words.
wxString RefusalText(const client::ApiError& error) {
    for (const auto& field : error.Problem().errors) {
        if (field.field == "message") {
            return ProblemText(field.code == "too_long" ? Problem::MessageTooLong
                                                        : Problem::MessageMissing);
        }
    }
    if (error.GetKind() == client::ApiError::Kind::Http && error.Status() == 403) {
        return _("Your account may not set a component's status. Only an operator of the "
                 "service provider, logged in without acting for a customer, may.");
    }
    return DescribeError(error).Full();
}

} // namespace

ComponentStatusDialog::ComponentStatusDialog(wxWindow* parent,
                                             std::shared_ptr<client::IMonitoringApi> api,
                                             const model::ComponentStatus& current,
                                             ITaskRunner& runner, IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY,
               // TRANSLATORS: the title of the dialog that sets a component's status by hand;
               // %s is the component, e.g. "Database".
               wxString::Format(_("Set the status of %s"), ComponentName(current)),
               wxDefaultPosition, wxDefaultSize, wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), current, runner, ui) {
    const int large = Px(this, Space::Large);
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* intro = new wxStaticText(this, wxID_ANY, wxString());
    SetWrappedLabel(*intro,
                    _("Every customer sees this status and message on the Monitoring screen "
                      "until you return the component to automatic."),
                    FromDIP(420));
    column->Add(intro, wxSizerFlags().Border(wxALL, large));

    auto* grid = layout::NewFormGrid(this);
    // TRANSLATORS: label of the status choice (labels end with a colon).
    grid->Add(new wxStaticText(this, wxID_ANY, _("Status:")), layout::FormLabel());
    m_status = new wxChoice(this, wxID_ANY);
    for (const auto state : kStates) {
        m_status->Append(ComponentStateName(state));
    }
    const auto initial =
        std::find(kStates.begin(), kStates.end(), m_presenter.InitialState()) - kStates.begin();
    m_status->SetSelection(static_cast<int>(initial));
    grid->Add(m_status, wxSizerFlags().Left());
    grid->Add(new wxStaticText(this, wxID_ANY, _("Message:")),
              wxSizerFlags().Right().Border(wxTOP, Px(this, Space::Small)));
    auto* field = new wxBoxSizer(wxVERTICAL);
    m_message = new wxTextCtrl(this, wxID_ANY, FromUtf8(m_presenter.InitialMessage()),
                               wxDefaultPosition, FromDIP(wxSize(420, 90)), wxTE_MULTILINE);
    m_message->SetHint(_("What customers should know, e.g. the work and until when (JST)"));
    field->Add(m_message, wxSizerFlags(1).Expand());
    m_counter = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxALIGN_RIGHT | wxST_NO_AUTORESIZE);
    field->Add(m_counter, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Small)));
    m_error = new wxStaticText(this, wxID_ANY, wxString());
    m_error->SetForegroundColour(wxColour(0xC5, 0x22, 0x1F));
    m_error->Hide();
    field->Add(m_error, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Small)));
    grid->Add(field, wxSizerFlags(1).Expand());
    grid->AddGrowableRow(1, 1);
    column->Add(grid, wxSizerFlags(1).Expand().Border(wxLEFT | wxRIGHT, large));

    auto* buttons = new wxStdDialogButtonSizer;
    // TRANSLATORS: the button that sends the status chosen in the dialog.
    m_save = new wxButton(this, wxID_OK, _("Set status"));
    m_save->SetDefault();
    buttons->AddButton(m_save);
    m_cancel = new wxButton(this, wxID_CANCEL, _("Cancel"));
    buttons->AddButton(m_cancel);
    buttons->Realize();
    column->Add(buttons, wxSizerFlags().Expand().Border(wxALL, large));
    SetSizerAndFit(column);
    SetMinSize(GetSize());
    CentreOnParent();

    StatusEditPresenter::Callbacks callbacks;
    callbacks.saved = [this](const model::ComponentStatus& status) {
        m_saved = status;
        EndModal(wxID_OK);
    };
    callbacks.failed = [this](const client::ApiError& error) {
        if (EndsSession(error)) {
            m_sessionEnded = error;
            EndModal(wxID_CANCEL);
            return;
        }
        ShowError(RefusalText(error));
        m_message->SetFocus(); // what was typed is still there
    };
    callbacks.changed = [this] { ShowSaving(); };
    m_presenter.SetCallbacks(std::move(callbacks));
    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnSave(); });
    m_message->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { UpdateCounter(); });
    UpdateCounter();
    m_message->SetFocus();
}

model::ComponentState ComponentStatusDialog::ChosenState() const {
    const int index = m_status->GetSelection();
    return index >= 0 ? kStates[static_cast<std::size_t>(index)]
                      : model::ComponentState::Maintenance;
}

void ComponentStatusDialog::OnSave() {
    const Problem problem = m_presenter.Save(ChosenState(), ToUtf8(m_message->GetValue()));
    if (problem != Problem::None) {
        ShowError(ProblemText(problem));
        m_message->SetFocus();
    } else {
        ShowError(wxString());
    }
}

void ComponentStatusDialog::ShowError(const wxString& text) {
    if (text.empty()) {
        m_error->Hide();
    } else {
        SetWrappedLabel(*m_error, text, m_message->GetSize().x);
        m_error->Show();
    }
    Layout();
    wxSize size = GetSize(); // room for the error, never smaller than the user made it
    size.IncTo(GetBestSize());
    SetSize(size);
}

void ComponentStatusDialog::ShowSaving() {
    const bool saving = m_presenter.Saving();
    m_status->Enable(!saving);
    m_message->SetEditable(!saving);
    m_save->Enable(!saving);
}

void ComponentStatusDialog::UpdateCounter() {
    const std::size_t count = model::CountCharacters(ToUtf8(m_message->GetValue()));
    // TRANSLATORS: under the message: characters typed and the most allowed, e.g. "42 / 500".
    m_counter->SetLabelText(wxString::Format(_("%d / %d"), static_cast<int>(count),
                                             static_cast<int>(StatusEditPresenter::kMaxMessage)));
    m_counter->SetForegroundColour(count > StatusEditPresenter::kMaxMessage
                                       ? wxColour(0xC5, 0x22, 0x1F)
                                       : wxColour(0x5F, 0x63, 0x68));
}

wxString ComponentStatusDialog::ErrorShown() const {
    return m_error->IsShown() ? m_error->GetLabelText() : wxString();
}

} // namespace resv::views
