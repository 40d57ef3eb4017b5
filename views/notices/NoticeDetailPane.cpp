#include "views/notices/NoticeDetailPane.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/notices/NoticeWords.h"

#include <wx/button.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statline.h>
#include <wx/stattext.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

enum TextStyle { kPlain = 0, kBold = 1, kTitle = 2, kGray = 4, kWarning = 8 };

wxColour WarningColour() {
    return {0xB0, 0x00, 0x20};
}

wxString Jst(model::TimePoint t) {
    return FromUtf8(model::FormatJstDateTimeShort(t));
}

} // namespace

NoticeDetailPane::NoticeDetailPane(wxWindow* parent, NoticesPresenter& presenter)
    : wxPanel(parent)
    , m_presenter(presenter) {
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_body = new wxScrolledWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxVSCROLL);
    m_body->SetScrollRate(0, FromDIP(12));
    m_body->SetSizer(new wxBoxSizer(wxVERTICAL));
    column->Add(m_body, wxSizerFlags(1).Expand());

    column->Add(new wxStaticLine(this),
                wxSizerFlags().Expand().Border(wxTOP | wxBOTTOM, Px(this, Space::Small)));
    auto* ackRow = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: a button: the manager confirms having read an incident or notice (確認).
    m_acknowledge = new wxButton(this, wxID_ANY, _("Acknowledge"));
    ackRow->Add(m_acknowledge, wxSizerFlags().CenterVertical());
    m_acknowledged = new wxStaticText(this, wxID_ANY, wxString());
    ackRow->Add(m_acknowledged,
                wxSizerFlags(1).CenterVertical().Border(wxLEFT, Px(this, Space::Medium)));
    column->Add(ackRow, wxSizerFlags().Expand().Border(wxLEFT | wxRIGHT, Px(this, Space::Medium)));
    // TRANSLATORS: the heading above the list of accounts that acknowledged an item.
    m_acknowledgedByTitle = new wxStaticText(this, wxID_ANY, _("Acknowledged by"));
    m_acknowledgedByTitle->SetFont(layout::Emphasized(this));
    column->Add(m_acknowledgedByTitle,
                wxSizerFlags().Border(wxLEFT | wxRIGHT | wxTOP, Px(this, Space::Medium)));
    m_acknowledgedBy = new wxStaticText(this, wxID_ANY, wxString());
    column->Add(m_acknowledgedBy, wxSizerFlags().Expand().Border(wxALL, Px(this, Space::Medium)));
    SetSizer(column);

    m_acknowledge->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Acknowledge(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        if (m_built && TextWidth() != m_shownWidth) {
            CallAfter([this] { Show(); }); // wrapped again for the new width
        }
    });
    Show();
}

int NoticeDetailPane::TextWidth() const {
    // Room for the margins and a vertical scroll bar.
    return std::max(GetClientSize().x - FromDIP(40), FromDIP(200));
}

wxStaticText* NoticeDetailPane::AddText(wxSizer* sizer, const wxString& text, int flags) {
    auto* label = new wxStaticText(m_body, wxID_ANY, wxString());
    if (flags & kTitle) {
        label->SetFont(layout::Emphasized(m_body, 1.3));
    } else if (flags & kBold) {
        label->SetFont(layout::Emphasized(m_body));
    }
    if (flags & kGray) {
        label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    }
    if (flags & kWarning) {
        label->SetForegroundColour(WarningColour());
    }
    SetWrappedLabel(*label, text, TextWidth());
    sizer->Add(label, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    return label;
}

void NoticeDetailPane::AddRow(wxSizer* grid, const wxString& label, const wxString& value) {
    auto* name = new wxStaticText(m_body, wxID_ANY, label);
    name->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    grid->Add(name, wxSizerFlags().Right().Top());
    auto* text = new wxStaticText(m_body, wxID_ANY, wxString());
    SetWrappedLabel(*text, value, TextWidth() - FromDIP(170));
    grid->Add(text, layout::FormField());
}

void NoticeDetailPane::Show() {
    const InboxItem* item = m_presenter.Selected();
    const int width = TextWidth();
    // A reload every minute brings the same item again: rebuilt only when it changed, so the
    // reader's scroll position stays.
    const bool same = width == m_shownWidth && ((item == nullptr && !m_shown && m_built) ||
                                                (item != nullptr && m_shown && *m_shown == *item));
    Freeze();
    if (!same) {
        const bool otherItem = !item || !m_shown || m_shown->Id() != item->Id();
        m_body->GetSizer()->Clear(true);
        m_overdue = nullptr;
        if (item == nullptr) {
            AddText(m_body->GetSizer(), _("Select an incident or notice to see it in full."),
                    kGray);
        } else if (const model::Incident* incident = item->Incident()) {
            ShowIncident(*incident);
        } else {
            ShowNotice(*item->Notice());
        }
        m_body->FitInside();
        if (otherItem) {
            m_body->Scroll(0, 0);
        }
        m_shown = item ? std::optional<InboxItem>(*item) : std::nullopt;
        m_shownWidth = width;
        m_built = true;
    }
    const bool ackShown = item != nullptr && m_presenter.Permissions().acknowledge;
    m_acknowledge->Show(ackShown);
    m_acknowledge->Enable(m_presenter.CanAcknowledge());
    wxString acknowledgedAt;
    if (item != nullptr && item->Acknowledged()) {
        const auto at = m_presenter.AcknowledgedAt();
        // TRANSLATORS: beside the disabled Acknowledge button: when this account acknowledged.
        acknowledgedAt =
            at ? wxString::Format(_("Acknowledged at %s"), Jst(*at)) : _("Acknowledged");
    }
    SetWrappedLabel(*m_acknowledged, acknowledgedAt,
                    TextWidth() - m_acknowledge->GetSize().x - FromDIP(8));
    if (item != nullptr) {
        ShowAcknowledgements(*item);
    } else {
        m_acknowledgedByTitle->Hide();
        m_acknowledgedBy->Hide();
    }
    Layout();
    Thaw();
}

void NoticeDetailPane::ShowIncident(const model::Incident& incident) {
    wxSizer* sizer = m_body->GetSizer();
    auto* box = new wxBoxSizer(wxVERTICAL);
    AddText(box, FromUtf8(incident.title), kTitle);
    auto* grid = layout::NewFormGrid(m_body);
    // TRANSLATORS: a label in the incident's detail.
    AddRow(grid, _("Severity"), SeverityText(incident.severity));
    AddRow(grid, _("Status"), IncidentStatusText(incident.status));
    // TRANSLATORS: a label in the incident's detail: the parts of the service it affects.
    AddRow(grid, _("Components"), ComponentsText(incident.components));
    // TRANSLATORS: a label in the incident's detail: when the provider noticed it (JST).
    AddRow(grid, _("Detected at"), Jst(incident.detectedAt));
    // TRANSLATORS: a label: the latest time to notify customers, 72 hours after detection.
    AddRow(grid, _("Notify by (72 hours)"), Jst(incident.notifyBy));
    // TRANSLATORS: a label: when the e-mail about it reached the mail server.
    AddRow(grid, _("Notified at"),
           incident.notifiedAt ? Jst(*incident.notifiedAt) : _("Not yet notified"));
    AddRow(grid, _("Published at"), Jst(incident.publishedAt));
    if (incident.resolvedAt) {
        AddRow(grid, _("Resolved at"), Jst(*incident.resolvedAt));
    }
    box->Add(grid, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Medium)));
    if (incident.overdue) {
        m_overdue = AddText(
            box, _("Overdue: the notification did not go out within 72 hours of detection."),
            kBold | kWarning);
    }
    // TRANSLATORS: the heading of an incident's updates, oldest first.
    auto* heading = AddText(box, _("Timeline"), kBold);
    heading->GetContainingSizer()->GetItem(heading)->SetBorder(Px(this, Space::Large));
    for (const model::IncidentUpdate& update : incident.updates) {
        // TRANSLATORS: one timeline entry's heading: JST time, status, author.
        AddText(box,
                wxString::Format(_("%s  %s  (%s)"), Jst(update.at),
                                 IncidentStatusText(update.status), FromUtf8(update.author)),
                kBold);
        AddText(box, FromUtf8(update.message));
    }
    sizer->Add(box, wxSizerFlags().Expand().Border(wxALL, Px(this, Space::Medium)));
}

void NoticeDetailPane::ShowNotice(const model::Notice& notice) {
    wxSizer* sizer = m_body->GetSizer();
    auto* box = new wxBoxSizer(wxVERTICAL);
    AddText(box, FromUtf8(notice.title), kTitle);
    auto* grid = layout::NewFormGrid(m_body);
    // TRANSLATORS: a label in the notice's detail: change, maintenance or vulnerability.
    AddRow(grid, _("Kind"), NoticeKindText(notice.kind));
    // TRANSLATORS: a label in the notice's detail: when the change takes effect (JST).
    AddRow(grid, _("Effective at"), Jst(notice.effectiveAt));
    AddRow(grid, _("Published at"), Jst(notice.publishedAt));
    if (notice.emergency) {
        // TRANSLATORS: a label: the notice was published less than 7 days ahead, as an emergency.
        AddRow(grid, _("Emergency"), FromUtf8(notice.reason.value_or("")));
    }
    if (notice.notifiedAt) {
        AddRow(grid, _("Notified at"), Jst(*notice.notifiedAt));
    }
    box->Add(grid, wxSizerFlags().Expand().Border(wxTOP, Px(this, Space::Medium)));
    auto* body = AddText(box, FromUtf8(notice.body));
    body->GetContainingSizer()->GetItem(body)->SetBorder(Px(this, Space::Large));
    if (!notice.updates.empty()) {
        // TRANSLATORS: the heading of a notice's later additions.
        auto* heading = AddText(box, _("Follow-ups"), kBold);
        heading->GetContainingSizer()->GetItem(heading)->SetBorder(Px(this, Space::Large));
        for (const model::NoticeUpdate& update : notice.updates) {
            AddText(box, wxString::Format(_("%s  (%s)"), Jst(update.at), FromUtf8(update.author)),
                    kBold);
            AddText(box, FromUtf8(update.body));
        }
    }
    sizer->Add(box, wxSizerFlags().Expand().Border(wxALL, Px(this, Space::Medium)));
}

void NoticeDetailPane::ShowAcknowledgements(const InboxItem& item) {
    wxString lines;
    for (const auto& ack : item.Acknowledgements()) {
        if (!lines.empty()) {
            lines += wxS("\n");
        }
        lines += AcknowledgementText(ack);
    }
    if (lines.empty()) {
        // TRANSLATORS: under "Acknowledged by" when no one has.
        lines = _("No one yet");
    }
    m_acknowledgedByTitle->Show();
    m_acknowledgedBy->Show();
    m_acknowledgedBy->SetLabel(WrapText(*m_acknowledgedBy, lines, TextWidth()));
}

wxString NoticeDetailPane::AllText() const {
    wxString text;
    for (wxWindow* child : m_body->GetChildren()) {
        if (auto* label = dynamic_cast<wxStaticText*>(child)) {
            text += label->GetLabel() + wxS("\n");
        }
    }
    return text;
}

} // namespace resv::views
