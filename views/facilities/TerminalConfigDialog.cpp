#include "views/facilities/TerminalConfigDialog.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/facilities/FieldMessages.h"

#include "resv/model/Time.h"

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/infobar.h>
#include <wx/listctrl.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/slider.h>
#include <wx/spinctrl.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <chrono>
#include <cstdio>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using namespace std::chrono;

constexpr const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
constexpr const char* kLanguages[] = {"ja", "en", "zh", "ko"};

wxString HoursText(const model::BusinessHours& hours) {
    wxString days = hours.days.size() == 7 ? _("Every day") : wxString();
    for (const std::string& day : hours.days.size() == 7 ? std::vector<std::string>{} : hours.days) {
        if (!days.empty()) {
            days << wxS(" ");
        }
        days << DayName(day);
    }
    return wxString::Format(wxS("%s  %s-%s"), days, FromUtf8(hours.open), FromUtf8(hours.close));
}

wxString ValueText(const std::string& setting, const model::TerminalSettings& s) {
    if (setting == model::kSettingVolume) {
        return wxString::Format(wxS("%d"), s.volume);
    }
    if (setting == model::kSettingDisplayLanguage) {
        return DisplayLanguageName(s.displayLanguage);
    }
    if (setting == model::kSettingIdleMessage) {
        return s.idleMessage.empty() ? _("(none)") : FromUtf8(s.idleMessage);
    }
    if (setting == model::kSettingBusinessHours) {
        return HoursText(s.businessHours);
    }
    if (setting == model::kSettingRemoteSupport) {
        if (!s.remoteSupport.enabled || !s.remoteSupport.until) {
            return _("Off");
        }
        return wxString::Format(_("On until %s"),
                                FromUtf8(model::FormatJstDateTimeShort(*s.remoteSupport.until)));
    }
    return {};
}

/// "2026-11-26" and "09:00": the JST date and time of `t`, as the rest of the console shows them.
std::pair<wxString, wxString> JstDateAndTime(model::TimePoint t) {
    const wxString shown = FromUtf8(model::FormatJstDateTimeShort(t)); // "2026-11-26 09:00 JST"
    return {shown.Left(10), shown.Mid(11, 5)};
}

/// The instant of a JST "YYYY-MM-DD" and "HH:MM"; nothing unless both are well formed.
std::optional<model::TimePoint> ParseJst(const wxString& date, const wxString& time) {
    const std::string d = ToUtf8(wxString(date).Trim().Trim(false));
    const std::string t = ToUtf8(wxString(time).Trim().Trim(false));
    int y = 0, mo = 0, da = 0, h = 0, mi = 0;
    char end = 0;
    if (d.size() != 10 || std::sscanf(d.c_str(), "%4d-%2d-%2d%c", &y, &mo, &da, &end) != 3 ||
        t.size() != 5 || std::sscanf(t.c_str(), "%2d:%2d%c", &h, &mi, &end) != 2) {
        return std::nullopt;
    }
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)},
                             day{static_cast<unsigned>(da)}};
    if (!ymd.ok() || h < 0 || h > 23 || mi < 0 || mi > 59) {
        return std::nullopt;
    }
    return model::JstDayStart(y, static_cast<unsigned>(mo), static_cast<unsigned>(da)) + hours(h) +
           minutes(mi);
}

} // namespace

TerminalConfigDialog::TerminalConfigDialog(wxWindow* parent,
                                           std::shared_ptr<client::IFacilitiesApi> api,
                                           ConfigTarget target, ITaskRunner& runner,
                                           IUiDispatcher& ui)
    : wxDialog(parent, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
               wxDEFAULT_DIALOG_STYLE | wxRESIZE_BORDER)
    , m_presenter(std::move(api), std::move(target), runner, ui) {
    const ConfigTarget& t = m_presenter.Target();
    // TRANSLATORS: 遠隔設定 in Japanese; the dialog's title, with the terminal's (or group's) name.
    SetTitle(wxString::Format(_("Remote configuration: %s"), FromUtf8(t.name)));
    BuildLayout();
    m_presenter.SetCallbacks({[this] { ShowState(); },
                              [this](const client::ApiError& error) {
                                  m_messages->ShowMessage(DescribeError(error).Full(),
                                                          wxICON_WARNING);
                              }});
    m_pollTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) {
        if (m_presenter.Polling()) {
            m_presenter.Poll();
        } else {
            m_pollTimer.Stop();
        }
    });
    ShowState();
}

TerminalConfigDialog::~TerminalConfigDialog() {
    m_pollTimer.Stop();
}

void TerminalConfigDialog::Start() {
    m_presenter.Load();
}

void TerminalConfigDialog::BuildLayout() {
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_messages = new wxInfoBar(this);
    m_reload = new wxButton(this, wxID_ANY, _("Reload"));
    m_reload->Hide();
    column->Add(m_messages, wxSizerFlags().Expand());
    const ConfigTarget& t = m_presenter.Target();
    if (t.IsGroup()) {
        const int n = static_cast<int>(t.terminalIds.size());
        auto* scope = new wxStaticText(
            this, wxID_ANY,
            wxString::Format(wxPLURAL("Changes apply to %d terminal of \"%s\". The settings "
                                      "shown are those of the first one; only the settings "
                                      "you change are sent.",
                                      "Changes apply to %d terminals of \"%s\". The settings "
                                      "shown are those of the first one; only the settings "
                                      "you change are sent.",
                                      n),
                             n, FromUtf8(t.name)));
        scope->Wrap(FromDIP(820));
        column->Add(scope, layout::Padded(this, Space::Large, wxLEFT | wxRIGHT | wxTOP));
    }
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(BuildSettings(this), wxSizerFlags(1).Expand().Border(wxALL, Px(this, Space::Large)));
    row->Add(BuildDiffAndHistory(this),
             wxSizerFlags(1).Expand().Border(wxTOP | wxBOTTOM | wxRIGHT, Px(this, Space::Large)));
    column->Add(row, wxSizerFlags(1).Expand());

    auto* bottom = new wxBoxSizer(wxHORIZONTAL);
    m_progress = new wxStaticText(this, wxID_ANY, wxString());
    bottom->Add(m_progress, wxSizerFlags(1).CenterVertical());
    bottom->Add(m_reload, wxSizerFlags().Border(wxRIGHT, Px(this, Space::Medium)));
    m_apply = new wxButton(this, wxID_ANY, _("Apply..."));
    bottom->Add(m_apply, wxSizerFlags().Border(wxRIGHT, Px(this, Space::Medium)));
    // An explicit label: GTK's stock Close label is not translated without a system locale.
    bottom->Add(new wxButton(this, wxID_CLOSE, _("Close")));
    column->Add(bottom, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT | wxBOTTOM,
                                                        Px(this, Space::Large)));
    SetSizer(column);
    SetEscapeId(wxID_CLOSE);
    SetSize(FromDIP(wxSize(960, 680)));
    CentreOnParent();

    m_apply->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnApply(); });
    m_reload->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
        m_messages->Dismiss();
        m_presenter.Load();
    });
}

wxStaticText* TerminalConfigDialog::AddError(wxWindow* parent, wxSizer* sizer,
                                             const std::string& field) {
    auto* error = new wxStaticText(parent, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    sizer->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(parent, Space::Small)));
    m_errors[field] = error;
    return error;
}

wxSizer* TerminalConfigDialog::BuildSettings(wxWindow* parent) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Settings"));
    wxWindow* p = box->GetStaticBox();
    wxFlexGridSizer* grid = layout::NewFormGrid(p);
    auto cell = [&](const wxString& label, wxSizer* content, bool top = false) {
        grid->Add(new wxStaticText(p, wxID_ANY, label),
                  top ? wxSizerFlags().Right().Top() : layout::FormLabel());
        grid->Add(content, layout::FormField());
    };

    auto* volume = new wxBoxSizer(wxVERTICAL);
    auto* volumeRow = new wxBoxSizer(wxHORIZONTAL);
    m_volumeSlider = new wxSlider(p, wxID_ANY, 50, 0, model::kMaxVolume);
    m_volumeSpin = new wxSpinCtrl(p, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                  wxSP_ARROW_KEYS, 0, model::kMaxVolume, 50);
    volumeRow->Add(m_volumeSlider, wxSizerFlags(1).CenterVertical());
    volumeRow->Add(m_volumeSpin, wxSizerFlags().Border(wxLEFT, Px(p, Space::Small)));
    volume->Add(volumeRow, wxSizerFlags().Expand());
    AddError(p, volume, model::kSettingVolume);
    cell(SettingLabel(model::kSettingVolume), volume);

    auto* language = new wxBoxSizer(wxVERTICAL);
    m_language = new wxChoice(p, wxID_ANY);
    for (const char* code : kLanguages) {
        m_language->Append(DisplayLanguageName(code));
    }
    language->Add(m_language, wxSizerFlags().Expand());
    AddError(p, language, model::kSettingDisplayLanguage);
    cell(SettingLabel(model::kSettingDisplayLanguage), language);

    auto* idle = new wxBoxSizer(wxVERTICAL);
    m_idleMessage = new wxTextCtrl(p, wxID_ANY, wxString(), wxDefaultPosition,
                                   p->FromDIP(wxSize(-1, 56)), wxTE_MULTILINE);
    idle->Add(m_idleMessage, wxSizerFlags().Expand());
    m_idleCounter = new wxStaticText(p, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                     wxALIGN_RIGHT | wxST_NO_AUTORESIZE);
    idle->Add(m_idleCounter, wxSizerFlags().Expand());
    AddError(p, idle, model::kSettingIdleMessage);
    cell(SettingLabel(model::kSettingIdleMessage), idle, true);

    auto* hours = new wxBoxSizer(wxVERTICAL);
    auto* days = new wxGridSizer(4, wxSize(Px(p, Space::Small), Px(p, Space::Small)));
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        m_days[i] = new wxCheckBox(p, wxID_ANY, DayName(kDays[i]));
        days->Add(m_days[i]);
    }
    hours->Add(days);
    AddError(p, hours, "business_hours.days");
    auto* times = new wxBoxSizer(wxHORIZONTAL);
    m_open = new wxTextCtrl(p, wxID_ANY, wxString(), wxDefaultPosition, p->FromDIP(wxSize(64, -1)));
    m_close = new wxTextCtrl(p, wxID_ANY, wxString(), wxDefaultPosition, p->FromDIP(wxSize(64, -1)));
    // TRANSLATORS: business hours: "from [09:00] to [18:00]".
    times->Add(new wxStaticText(p, wxID_ANY, _("From")), wxSizerFlags().CenterVertical());
    times->Add(m_open, wxSizerFlags().Border(wxLEFT | wxRIGHT, Px(p, Space::Small)));
    times->Add(new wxStaticText(p, wxID_ANY, _("to")), wxSizerFlags().CenterVertical());
    times->Add(m_close, wxSizerFlags().Border(wxLEFT | wxRIGHT, Px(p, Space::Small)));
    times->Add(new wxStaticText(p, wxID_ANY, _("(HH:MM, JST)")), wxSizerFlags().CenterVertical());
    hours->Add(times, wxSizerFlags().Border(wxTOP, Px(p, Space::Small)));
    AddError(p, hours, "business_hours.open");
    AddError(p, hours, "business_hours.close");
    cell(SettingLabel(model::kSettingBusinessHours), hours, true);

    auto* support = new wxBoxSizer(wxVERTICAL);
    m_remoteSupport = new wxCheckBox(p, wxID_ANY, _("Allow remote support until"));
    support->Add(m_remoteSupport);
    auto* until = new wxBoxSizer(wxHORIZONTAL);
    m_untilDate = new wxTextCtrl(p, wxID_ANY, wxString(), wxDefaultPosition,
                                 p->FromDIP(wxSize(100, -1)));
    m_untilTime = new wxTextCtrl(p, wxID_ANY, wxString(), wxDefaultPosition,
                                 p->FromDIP(wxSize(64, -1)));
    until->Add(m_untilDate);
    until->Add(m_untilTime, wxSizerFlags().Border(wxLEFT, Px(p, Space::Small)));
    // TRANSLATORS: how to write the end of remote support; the letters stay as they are.
    until->Add(new wxStaticText(p, wxID_ANY, _("(YYYY-MM-DD HH:MM, JST)")),
               wxSizerFlags().CenterVertical().Border(wxLEFT, Px(p, Space::Small)));
    support->Add(until, wxSizerFlags().Border(wxTOP, Px(p, Space::Small)));
    auto* supportNote = new wxStaticText(p, wxID_ANY, _("At most 24 hours ahead; it ends by itself."));
    support->Add(supportNote, wxSizerFlags().Border(wxTOP, Px(p, Space::Small)));
    AddError(p, support, "remote_support.until");
    cell(SettingLabel(model::kSettingRemoteSupport), support, true);

    box->Add(grid, layout::Padded(p, Space::Medium).Expand());

    auto changed = [this](wxEvent&) { ReadControls(); };
    m_volumeSlider->Bind(wxEVT_SLIDER, [this](wxCommandEvent&) {
        m_volumeSpin->SetValue(m_volumeSlider->GetValue());
        ReadControls();
    });
    m_volumeSpin->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) {
        m_volumeSlider->SetValue(m_volumeSpin->GetValue());
        ReadControls();
    });
    m_language->Bind(wxEVT_CHOICE, changed);
    m_idleMessage->Bind(wxEVT_TEXT, changed);
    m_open->Bind(wxEVT_TEXT, changed);
    m_close->Bind(wxEVT_TEXT, changed);
    for (wxCheckBox* day : m_days) {
        day->Bind(wxEVT_CHECKBOX, changed);
    }
    m_remoteSupport->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
        m_untilDate->Enable(m_remoteSupport->GetValue());
        m_untilTime->Enable(m_remoteSupport->GetValue());
        ReadControls();
    });
    m_untilDate->Bind(wxEVT_TEXT, changed);
    m_untilTime->Bind(wxEVT_TEXT, changed);
    return box;
}

wxSizer* TerminalConfigDialog::BuildDiffAndHistory(wxWindow* parent) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* diffBox = new wxStaticBoxSizer(wxVERTICAL, parent, _("Changes to apply"));
    wxWindow* d = diffBox->GetStaticBox();
    m_diff = new wxListCtrl(d, wxID_ANY, wxDefaultPosition, d->FromDIP(wxSize(-1, 130)),
                            wxLC_REPORT | wxLC_SINGLE_SEL);
    m_diff->AppendColumn(_("Setting"), wxLIST_FORMAT_LEFT, d->FromDIP(130));
    m_diff->AppendColumn(_("Now"), wxLIST_FORMAT_LEFT, d->FromDIP(145));
    m_diff->AppendColumn(_("After Apply"), wxLIST_FORMAT_LEFT, d->FromDIP(145));
    diffBox->Add(m_diff, layout::Padded(d, Space::Small).Expand());
    column->Add(diffBox, wxSizerFlags().Expand());

    if (!m_presenter.Target().IsGroup()) {
        auto* historyBox = new wxStaticBoxSizer(wxVERTICAL, parent, _("History"));
        wxWindow* h = historyBox->GetStaticBox();
        m_history = new wxListCtrl(h, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                   wxLC_REPORT | wxLC_SINGLE_SEL);
        m_history->AppendColumn(_("Version"), wxLIST_FORMAT_RIGHT, h->FromDIP(84));
        m_history->AppendColumn(_("Time (JST)"), wxLIST_FORMAT_LEFT, h->FromDIP(150));
        m_history->AppendColumn(_("By"), wxLIST_FORMAT_LEFT, h->FromDIP(110));
        m_history->AppendColumn(_("Changed"), wxLIST_FORMAT_LEFT, h->FromDIP(200));
        historyBox->Add(m_history, wxSizerFlags(1).Expand().Border(wxALL, Px(h, Space::Small)));
        m_rollback = new wxButton(h, wxID_ANY, _("Roll back to this version..."));
        historyBox->Add(m_rollback, wxSizerFlags().Right().Border(wxALL, Px(h, Space::Small)));
        column->Add(historyBox, wxSizerFlags(1).Expand().Border(wxTOP, Px(parent, Space::Medium)));
        m_history->Bind(wxEVT_LIST_ITEM_SELECTED, [this](wxListEvent&) { ShowState(); });
        m_history->Bind(wxEVT_LIST_ITEM_DESELECTED, [this](wxListEvent&) { ShowState(); });
        m_rollback->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRollback(); });
    }
    return column;
}

void TerminalConfigDialog::ReadControls() {
    if (m_showing) {
        return;
    }
    model::TerminalSettings s = m_presenter.Edited();
    s.volume = m_volumeSpin->GetValue();
    const int language = m_language->GetSelection();
    if (language != wxNOT_FOUND) {
        s.displayLanguage = kLanguages[language];
    }
    s.idleMessage = ToUtf8(m_idleMessage->GetValue());
    s.businessHours.days.clear();
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        if (m_days[i]->GetValue()) {
            s.businessHours.days.push_back(kDays[i]);
        }
    }
    s.businessHours.open = ToUtf8(m_open->GetValue().Trim().Trim(false));
    s.businessHours.close = ToUtf8(m_close->GetValue().Trim().Trim(false));
    if (m_remoteSupport->GetValue()) {
        // Text that is not a date and time leaves `until` empty, which validation reports.
        s.remoteSupport = {true, ParseJst(m_untilDate->GetValue(), m_untilTime->GetValue())};
    } else {
        s.remoteSupport = m_presenter.Current().remoteSupport.enabled
                              ? model::RemoteSupport{}
                              : m_presenter.Current().remoteSupport;
    }
    m_presenter.SetEdited(std::move(s));
    m_presenter.Validate(model::Now());
    ShowState();
}

void TerminalConfigDialog::ShowSettings(const model::TerminalSettings& s) {
    m_showing = true;
    m_volumeSlider->SetValue(s.volume);
    m_volumeSpin->SetValue(s.volume);
    for (std::size_t i = 0; i < std::size(kLanguages); ++i) {
        if (s.displayLanguage == kLanguages[i]) {
            m_language->SetSelection(static_cast<int>(i));
        }
    }
    m_idleMessage->ChangeValue(FromUtf8(s.idleMessage));
    for (std::size_t i = 0; i < m_days.size(); ++i) {
        const auto& d = s.businessHours.days;
        m_days[i]->SetValue(std::find(d.begin(), d.end(), kDays[i]) != d.end());
    }
    m_open->ChangeValue(FromUtf8(s.businessHours.open));
    m_close->ChangeValue(FromUtf8(s.businessHours.close));
    m_remoteSupport->SetValue(s.remoteSupport.enabled);
    const model::TimePoint until =
        s.remoteSupport.until ? *s.remoteSupport.until
                              : floor<hours>(model::Now()) + hours(3);
    const auto [date, time] = JstDateAndTime(until);
    m_untilDate->ChangeValue(date);
    m_untilTime->ChangeValue(time);
    m_untilDate->Enable(s.remoteSupport.enabled);
    m_untilTime->Enable(s.remoteSupport.enabled);
    m_showing = false;
}

wxString TerminalConfigDialog::ErrorShown(const std::string& field) const {
    const auto it = m_errors.find(field);
    return it != m_errors.end() && it->second->IsShown() ? it->second->GetLabel() : wxString();
}

void TerminalConfigDialog::ShowState() {
    const bool loaded = m_presenter.Loaded();
    if (loaded && !m_shownOnce) {
        m_shownOnce = true;
        ShowSettings(m_presenter.Edited());
    } else if (loaded && !m_presenter.Busy() && m_presenter.Changes().empty() &&
               m_presenter.Edited() == m_presenter.Current()) {
        ShowSettings(m_presenter.Edited()); // after Apply or Rollback: the new current settings
    }
    m_idleCounter->SetLabel(wxString::Format(
        _("%zu / %zu characters"), model::CountCharacters(m_presenter.Edited().idleMessage),
        model::kMaxIdleMessageLength));
    for (auto& [field, label] : m_errors) {
        // The model names nested fields with their setting ("business_hours.close"); accept
        // the bare name too, as a server may send it.
        const auto& errors = m_presenter.Errors();
        auto error = errors.find(field);
        const auto dot = field.find('.');
        if (error == errors.end() && dot != std::string::npos) {
            error = errors.find(field.substr(dot + 1));
        }
        if (error != errors.end()) {
            label->SetLabel(FieldErrorText(error->second));
            label->Show();
        } else {
            label->Hide();
        }
    }
    ShowDiff();
    ShowHistory();

    const bool group = m_presenter.Target().IsGroup();
    const bool canApply = loaded && !m_presenter.Busy() && !m_presenter.Changes().empty() &&
                          m_presenter.Errors().empty() && !m_presenter.Target().terminalIds.empty();
    m_apply->Enable(canApply);
    if (m_rollback) {
        const long selected = m_history->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
        m_rollback->Enable(!m_presenter.Busy() && selected > 0);
    }
    if (m_presenter.Stale()) {
        m_messages->ShowMessage(
            _("Someone else changed this configuration after you started editing it. Your edit "
              "has been kept and nothing was overwritten. Reload to see the other change, check "
              "your edit against it, and apply again."),
            wxICON_WARNING);
        m_reload->Show();
    } else {
        m_reload->Hide();
    }

    wxString progress;
    if (m_presenter.Busy()) {
        progress = loaded ? _("Sending...") : _("Loading...");
    } else if (const auto& p = m_presenter.Progress()) {
        const int total = p->applied + p->pending + p->failed;
        if (!group && p->pending > 0) {
            progress = wxString::Format(
                _("Version %d: pending - waiting for the terminal to apply it."),
                m_presenter.BaseVersion());
        } else if (!group && p->applied > 0) {
            progress = wxString::Format(_("Version %d: applied - the terminal runs it now."),
                                        m_presenter.BaseVersion());
        } else if (!group && p->failed > 0) {
            progress = wxString::Format(_("Version %d: failed - %s"), m_presenter.BaseVersion(),
                                        FromUtf8(p->failures.empty() ? "" : p->failures.front()));
        } else {
            progress = wxString::Format(
                wxPLURAL("Applied by %d of %d terminal; %d pending, %d failed.",
                         "Applied by %d of %d terminals; %d pending, %d failed.", total),
                p->applied, total, p->pending, p->failed);
        }
        if (m_presenter.Polling() && !m_pollTimer.IsRunning()) {
            m_pollTimer.Start(kPollIntervalMs);
        }
    }
    m_progress->SetLabel(progress);
    Layout();
}

void TerminalConfigDialog::ShowDiff() {
    m_diff->DeleteAllItems();
    const auto changes = m_presenter.Changes();
    for (const std::string& setting : changes) {
        const long row = m_diff->InsertItem(m_diff->GetItemCount(), SettingLabel(setting));
        m_diff->SetItem(row, 1, ValueText(setting, m_presenter.Current()));
        m_diff->SetItem(row, 2, ValueText(setting, m_presenter.Edited()));
    }
    FitColumns(m_diff, 2);
}

void TerminalConfigDialog::FitColumns(wxListCtrl* list, int stretchColumn) {
    // Each column as wide as its widest cell or its header; what is left goes to one column,
    // and a list wider than its window scrolls instead of cutting names short.
    int total = 0;
    for (int column = 0; column < list->GetColumnCount(); ++column) {
        list->SetColumnWidth(column, wxLIST_AUTOSIZE_USEHEADER);
        const int header = list->GetColumnWidth(column);
        int content = 0;
        if (list->GetItemCount() > 0) {
            list->SetColumnWidth(column, wxLIST_AUTOSIZE);
            content = list->GetColumnWidth(column) + list->FromDIP(8);
        }
        const int width = std::max(header, content);
        list->SetColumnWidth(column, width);
        total += width;
    }
    const int room = list->GetClientSize().x - total;
    if (room > 0 && stretchColumn < list->GetColumnCount()) {
        list->SetColumnWidth(stretchColumn, list->GetColumnWidth(stretchColumn) + room);
    }
}

void TerminalConfigDialog::ShowHistory() {
    if (!m_history) {
        return;
    }
    const auto& history = m_presenter.History();
    if (static_cast<std::size_t>(m_history->GetItemCount()) == history.size() &&
        (history.empty() ||
         m_history->GetItemText(0) == wxString::Format(wxS("%d"), history.front().version))) {
        return;
    }
    m_history->DeleteAllItems();
    for (const auto& entry : history) {
        const long row =
            m_history->InsertItem(m_history->GetItemCount(), wxString::Format(wxS("%d"), entry.version));
        m_history->SetItem(row, 1, FromUtf8(model::FormatJstDateTime(entry.at)));
        m_history->SetItem(row, 2, entry.actorDisplayName.empty()
                                       ? _("(initial settings)")
                                       : FromUtf8(entry.actorDisplayName));
        wxString changed;
        for (const std::string& setting : entry.changed) {
            if (!changed.empty()) {
                changed << wxS(", ");
            }
            changed << SettingLabel(setting);
        }
        if (entry.rolledBackTo) {
            changed = wxString::Format(_("Rolled back to version %d: %s"), *entry.rolledBackTo,
                                       changed);
        } else if (entry.origin == "facility" || entry.origin == "jurisdiction") {
            changed = wxString::Format(entry.origin == "facility" ? _("%s (whole facility)")
                                                                  : _("%s (whole jurisdiction)"),
                                       changed);
        }
        m_history->SetItem(row, 3, changed);
    }
    FitColumns(m_history, 3);
}

void TerminalConfigDialog::ApplyNow() {
    m_presenter.Apply(model::Now());
}

void TerminalConfigDialog::OnApply() {
    const ConfigTarget& t = m_presenter.Target();
    if (t.IsGroup()) {
        const int n = static_cast<int>(t.terminalIds.size());
        wxMessageDialog ask(
            this,
            wxString::Format(wxPLURAL("Apply these changes to %d terminal of \"%s\"?",
                                      "Apply these changes to all %d terminals of \"%s\"?", n),
                             n, FromUtf8(t.name)),
            _("Apply remote configuration"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
        ask.SetYesNoLabels(_("Apply"), wxID_CANCEL);
        if (ask.ShowModal() != wxID_YES) {
            return;
        }
    }
    m_messages->Dismiss();
    ApplyNow();
}

void TerminalConfigDialog::OnRollback() {
    const long selected = m_history->GetNextItem(-1, wxLIST_NEXT_ALL, wxLIST_STATE_SELECTED);
    if (selected < 0) {
        return;
    }
    const int version = m_presenter.History().at(static_cast<std::size_t>(selected)).version;
    wxMessageDialog ask(this,
                        wxString::Format(_("Make the settings of version %d current again? This "
                                           "is recorded as a new version."),
                                         version),
                        _("Roll back"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    ask.SetYesNoLabels(_("Roll back"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.Rollback(version);
    }
}

} // namespace resv::views
