#include "views/usage/VerifyBanner.h"

#include "views/common/ErrorMessages.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/usage/AuditWords.h"

#include "IconData.h"

#include <wx/activityindicator.h>
#include <wx/button.h>
#include <wx/sizer.h>
#include <wx/statbmp.h>
#include <wx/stattext.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

constexpr int kIconSize = 32;

wxBitmapBundle IconOf(VerifyBanner::Look look) {
    const char* svg = look == VerifyBanner::Look::Intact   ? icon_data::kVerifyOk
                      : look == VerifyBanner::Look::Broken ? icon_data::kVerifyBroken
                                                           : icon_data::kVerifyUnknown;
    return wxBitmapBundle::FromSVG(svg, wxSize(kIconSize, kIconSize));
}

wxColour BackgroundOf(VerifyBanner::Look look) {
    switch (look) {
    case VerifyBanner::Look::Intact:
        return {0xE6, 0xF4, 0xEA};
    case VerifyBanner::Look::Broken:
        return {0xFD, 0xE7, 0xE7};
    case VerifyBanner::Look::Failed:
        return {0xFF, 0xF4, 0xD6};
    default:
        return wxNullColour;
    }
}

} // namespace

VerifyBanner::VerifyBanner(wxWindow* parent)
    : wxPanel(parent) {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_spinner = new wxActivityIndicator(this);
    row->Add(m_spinner, wxSizerFlags().CenterVertical().Border(wxALL, Px(this, Space::Medium)));
    m_icon = new wxStaticBitmap(this, wxID_ANY, IconOf(Look::Intact));
    row->Add(m_icon, wxSizerFlags().CenterVertical().Border(wxALL, Px(this, Space::Medium)));
    auto* texts = new wxBoxSizer(wxVERTICAL);
    m_headline = new wxStaticText(this, wxID_ANY, wxString());
    m_headline->SetFont(layout::Emphasized(this));
    texts->Add(m_headline);
    m_advice = new wxStaticText(this, wxID_ANY, wxString());
    texts->Add(m_advice, wxSizerFlags().Border(wxTOP, Px(this, Space::Small)));
    row->Add(texts,
             wxSizerFlags(1).CenterVertical().Border(wxTOP | wxBOTTOM, Px(this, Space::Medium)));
    m_close =
        new wxButton(this, wxID_ANY, _("Close"), wxDefaultPosition, wxDefaultSize, wxBU_EXACTFIT);
    row->Add(m_close, wxSizerFlags().CenterVertical().Border(wxALL, Px(this, Space::Medium)));
    SetSizer(row);
    m_close->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
    Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
        event.Skip();
        CallAfter([this] { WrapAdvice(); });
    });
    wxPanel::Hide();
}

void VerifyBanner::ShowRunning() {
    SetLook(Look::Running, _("Verifying the usage history..."),
            _("The server checks every event's hash and the signed checkpoints. With many "
              "events this takes a few seconds."));
}

void VerifyBanner::ShowResult(const model::AuditVerification& verification,
                              model::TimePoint checkedAt) {
    // TRANSLATORS: Verify's advice, then when the check was made, e.g. "... nothing has been
    // changed or removed. Checked at 17:10:49 JST."
    const wxString advice =
        wxString::Format(_("%s Checked at %s."), VerificationAdvice(verification),
                         FromUtf8(model::FormatJstTime(checkedAt)));
    SetLook(verification.ok ? Look::Intact : Look::Broken, VerificationText(verification), advice);
}

void VerifyBanner::ShowFailure(const ErrorMessage& message) {
    SetLook(Look::Failed, _("The usage history could not be verified."), message.Full());
}

void VerifyBanner::Close() {
    m_look = Look::Hidden;
    wxPanel::Hide();
    if (GetParent() != nullptr) {
        GetParent()->Layout();
    }
}

void VerifyBanner::SetLook(Look look, const wxString& headline, const wxString& advice) {
    m_look = look;
    const bool running = look == Look::Running;
    m_spinner->Show(running);
    if (running) {
        m_spinner->Start();
    } else {
        m_spinner->Stop();
        m_icon->SetBitmap(IconOf(look));
    }
    m_icon->Show(!running);
    m_close->Show(!running);
    SetBackgroundColour(BackgroundOf(look));
    // Dark text on the light colours whatever the desktop's theme.
    const wxColour text = running ? wxNullColour : wxColour(0x20, 0x20, 0x20);
    m_headline->SetForegroundColour(text);
    m_advice->SetForegroundColour(text);
    m_headline->SetLabelText(headline);
    m_adviceText = advice;
    wxPanel::Show();
    WrapAdvice();
    Refresh();
}

void VerifyBanner::WrapAdvice() {
    if (m_look == Look::Hidden) {
        return;
    }
    int width = GetClientSize().x - FromDIP(kIconSize) - m_close->GetSize().x - FromDIP(48);
    if (width < FromDIP(200)) {
        width = FromDIP(600);
    }
    const wxString wrapped = WrapText(*m_advice, m_adviceText, width);
    if (m_advice->GetLabelText() != wrapped) {
        m_advice->SetLabelText(wrapped);
        if (GetParent() != nullptr) {
            GetParent()->Layout();
        }
    }
}

wxString VerifyBanner::Headline() const {
    return m_headline->GetLabelText();
}

wxString VerifyBanner::Advice() const {
    return m_adviceText;
}

} // namespace resv::views
