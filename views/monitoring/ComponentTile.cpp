#include "views/monitoring/ComponentTile.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/monitoring/LatencySparkline.h"
#include "views/monitoring/MonitoringWords.h"
#include "views/monitoring/UptimeStrip.h"

#include <wx/button.h>
#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include <memory>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

const wxColour kBorder(0xDA, 0xDC, 0xE0);
const wxColour kQuiet(0x5F, 0x63, 0x68);
const wxColour kCard(0xFF, 0xFF, 0xFF);
const wxColour kInk(0x20, 0x21, 0x24);

wxStaticText* Quiet(wxWindow* parent, const wxString& text, long style = 0) {
    auto* label = new wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, style);
    label->SetForegroundColour(kQuiet);
    label->SetFont(label->GetFont().Smaller());
    return label;
}

} // namespace

// StatusBadge ------------------------------------------------------------------------------------

StatusBadge::StatusBadge(wxWindow* parent, double scale)
    : wxWindow(parent, wxID_ANY)
    , m_scale(scale) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    if (scale != 1.0) {
        SetFont(GetFont().Scaled(static_cast<float>(scale)));
    }
    SetFont(GetFont().Bold());
    m_text = ComponentStateName(m_state);
    Bind(wxEVT_PAINT, &StatusBadge::OnPaint, this);
}

void StatusBadge::SetState(model::ComponentState state) {
    const wxString text = ComponentStateName(state);
    if (state == m_state && text == m_text) {
        return;
    }
    m_state = state;
    m_text = text;
    SetToolTip(m_text);
    InvalidateBestSize();
    Refresh();
}

wxSize StatusBadge::DoGetBestClientSize() const {
    const wxSize text = GetTextExtent(m_text);
    const int pad = FromDIP(8);
    // The symbol is as tall as the text; the pill is a little taller.
    return {pad + text.y + FromDIP(5) + text.x + pad, text.y + FromDIP(6)};
}

void StatusBadge::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize size = GetClientSize();
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->SetBrush(wxBrush(ComponentStateColour(m_state)));
    gc->DrawRoundedRectangle(0, 0, size.x, size.y, size.y / 2.0);
    const wxColour ink = ComponentStateTextColour(m_state);
    const wxSize text = GetTextExtent(m_text);
    const double symbol = text.y * 0.8;
    const double pad = FromDIP(8);
    DrawSymbol(*gc, pad, (size.y - symbol) / 2, symbol);
    gc->SetFont(GetFont(), ink);
    gc->DrawText(m_text, pad + text.y + FromDIP(5), (size.y - text.y) / 2.0);
}

void StatusBadge::DrawSymbol(wxGraphicsContext& gc, double x, double y, double size) const {
    const wxColour ink = ComponentStateTextColour(m_state);
    const double stroke = std::max(1.5, size / 6);
    gc.SetPen(
        gc.CreatePen(wxGraphicsPenInfo(ink).Width(stroke).Cap(wxCAP_ROUND).Join(wxJOIN_ROUND)));
    gc.SetBrush(*wxTRANSPARENT_BRUSH);
    wxGraphicsPath path = gc.CreatePath();
    switch (m_state) {
    case model::ComponentState::Operational: // a check mark
        path.MoveToPoint(x + size * 0.15, y + size * 0.55);
        path.AddLineToPoint(x + size * 0.42, y + size * 0.8);
        path.AddLineToPoint(x + size * 0.88, y + size * 0.22);
        break;
    case model::ComponentState::Degraded: // a warning triangle with "!"
        path.MoveToPoint(x + size * 0.5, y + size * 0.05);
        path.AddLineToPoint(x + size * 0.97, y + size * 0.92);
        path.AddLineToPoint(x + size * 0.03, y + size * 0.92);
        path.CloseSubpath();
        path.MoveToPoint(x + size * 0.5, y + size * 0.4);
        path.AddLineToPoint(x + size * 0.5, y + size * 0.6);
        path.MoveToPoint(x + size * 0.5, y + size * 0.77);
        path.AddLineToPoint(x + size * 0.5, y + size * 0.78);
        break;
    case model::ComponentState::Maintenance: // a pause sign: planned and temporary
        path.MoveToPoint(x + size * 0.32, y + size * 0.15);
        path.AddLineToPoint(x + size * 0.32, y + size * 0.85);
        path.MoveToPoint(x + size * 0.68, y + size * 0.15);
        path.AddLineToPoint(x + size * 0.68, y + size * 0.85);
        break;
    case model::ComponentState::PartialOutage: { // a circle half filled
        path.AddCircle(x + size / 2, y + size / 2, size * 0.42);
        gc.StrokePath(path);
        wxGraphicsPath half = gc.CreatePath();
        half.MoveToPoint(x + size / 2, y + size * 0.08);
        half.AddArc(x + size / 2, y + size / 2, size * 0.42, -M_PI / 2, M_PI / 2, true);
        half.CloseSubpath();
        gc.SetBrush(wxBrush(ink));
        gc.FillPath(half);
        return;
    }
    case model::ComponentState::MajorOutage: // a cross
        path.MoveToPoint(x + size * 0.2, y + size * 0.2);
        path.AddLineToPoint(x + size * 0.8, y + size * 0.8);
        path.MoveToPoint(x + size * 0.8, y + size * 0.2);
        path.AddLineToPoint(x + size * 0.2, y + size * 0.8);
        break;
    }
    gc.StrokePath(path);
}

// ComponentTile ----------------------------------------------------------------------------------

ComponentTile::ComponentTile(wxWindow* parent, bool canSetStatus, Actions actions)
    : wxPanel(parent)
    , m_actions(std::move(actions)) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetBackgroundColour(kCard);
    SetForegroundColour(kInk);
    const int gap = Px(this, Space::Medium);
    const int small = Px(this, Space::Small);

    auto* head = new wxBoxSizer(wxHORIZONTAL);
    m_name = new wxStaticText(this, wxID_ANY, wxString());
    m_name->SetFont(layout::Emphasized(this, 1.15));
    m_name->SetForegroundColour(kInk);
    head->Add(m_name, wxSizerFlags().CenterVertical());
    m_badge = new StatusBadge(this);
    head->Add(m_badge, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
    head->AddSpacer(gap); // never touching the latency, however narrow the tile
    head->AddStretchSpacer();
    // TRANSLATORS: before the small line of a component's recent response times.
    head->Add(Quiet(this, _("Latency")), wxSizerFlags().CenterVertical().Border(wxRIGHT, small));
    m_sparkline = new LatencySparkline(this);
    head->Add(m_sparkline, wxSizerFlags().CenterVertical());
    m_latency = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition,
                                 wxSize(GetTextExtent(wxS("0000 ms")).x, -1), wxALIGN_RIGHT);
    m_latency->SetForegroundColour(kInk);
    head->Add(m_latency, wxSizerFlags().CenterVertical().Border(wxLEFT, small));

    auto* about = new wxBoxSizer(wxHORIZONTAL);
    m_message = new wxStaticText(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxST_ELLIPSIZE_END | wxST_NO_AUTORESIZE);
    m_message->SetForegroundColour(kQuiet);
    // Ellipsized: a long message gives way to the buttons (its tooltip has all of it).
    m_message->SetMinSize(wxSize(FromDIP(80), -1));
    about->Add(m_message, wxSizerFlags(1).CenterVertical());
    // TRANSLATORS: beside a component whose status an operator of the service provider set by
    // hand (not the automatic checks).
    m_operatorMark = new wxStaticText(this, wxID_ANY, _("Set by the operator"));
    m_operatorMark->SetForegroundColour(ComponentStateColour(model::ComponentState::Maintenance));
    m_operatorMark->SetFont(m_operatorMark->GetFont().Smaller().Bold());
    m_operatorMark->SetToolTip(_("An operator of the service provider set this status by hand; "
                                 "the automatic checks do not change it."));
    about->Add(m_operatorMark, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
    if (canSetStatus) {
        m_setStatus = new wxButton(this, wxID_ANY, _("Set status..."), wxDefaultPosition,
                                   wxDefaultSize, wxBU_EXACTFIT);
        m_setStatus->SetToolTip(_("Set this component's status and message by hand"));
        about->Add(m_setStatus, wxSizerFlags().CenterVertical().Border(wxLEFT, gap));
        m_return = new wxButton(this, wxID_ANY, _("Return to automatic"), wxDefaultPosition,
                                wxDefaultSize, wxBU_EXACTFIT);
        m_return->SetToolTip(_("Let the automatic checks decide this component's status again"));
        about->Add(m_return, wxSizerFlags().CenterVertical().Border(wxLEFT, small));
        m_setStatus->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            if (m_actions.setStatus) {
                m_actions.setStatus(m_id);
            }
        });
        m_return->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
            if (m_actions.returnToAutomatic) {
                m_actions.returnToAutomatic(m_id);
            }
        });
    }

    m_strip = new UptimeStrip(this);

    auto* scale = new wxBoxSizer(wxHORIZONTAL);
    // TRANSLATORS: under the left end of the 90 daily uptime bars.
    scale->Add(Quiet(this, _("90 days ago")), wxSizerFlags().CenterVertical());
    scale->AddStretchSpacer();
    m_average = Quiet(this, wxString());
    scale->Add(m_average, wxSizerFlags().CenterVertical());
    scale->AddStretchSpacer();
    // TRANSLATORS: under the right end of the daily uptime bars (the JST day).
    scale->Add(Quiet(this, _("Today")), wxSizerFlags().CenterVertical());

    auto* column = new wxBoxSizer(wxVERTICAL);
    column->Add(head, wxSizerFlags().Expand());
    column->Add(about, wxSizerFlags().Expand().Border(wxTOP, small));
    column->Add(m_strip, wxSizerFlags().Expand().Border(wxTOP, gap));
    column->Add(scale, wxSizerFlags().Expand().Border(wxTOP, 2));
    auto* outer = new wxBoxSizer(wxHORIZONTAL);
    outer->AddSpacer(FromDIP(5)); // the status colour's stripe (OnPaint)
    outer->Add(column, wxSizerFlags(1).Expand().Border(wxALL, gap));
    SetSizer(outer);
    Bind(wxEVT_PAINT, &ComponentTile::OnPaint, this);
}

void ComponentTile::ShowComponent(const model::ComponentStatus& component, bool clearing) {
    m_id = component.id;
    const bool stateChanged = component.status != m_state;
    m_state = component.status;
    m_name->SetLabelText(ComponentName(component));
    m_badge->SetState(component.status);
    const wxString message = FromUtf8(component.message);
    if (m_message->GetLabelText() != message) {
        m_message->SetLabelText(message);
        m_message->SetToolTip(message);
    }
    m_operatorMark->Show(component.setByOperator);
    const auto latest = LatestLatency(component);
    m_latency->SetLabelText(latest ? MillisecondsText(*latest) : wxString(wxUniChar(0x2014)));
    m_sparkline->SetSamples(component.latency,
                            ComponentStateColour(model::ComponentState::Maintenance));
    m_strip->SetDays(component.uptime);
    m_average->SetLabelText(UptimeAverageText(component.uptime));
    if (m_return != nullptr) {
        m_return->Show(component.setByOperator);
        m_return->Enable(!clearing);
        m_setStatus->Enable(!clearing);
    }
    Layout();
    if (stateChanged) {
        Refresh(); // the stripe's colour
    }
}

wxString ComponentTile::NameText() const {
    return m_name->GetLabelText();
}

wxString ComponentTile::MessageText() const {
    return m_message->GetLabelText();
}

bool ComponentTile::OperatorMarkShown() const {
    return m_operatorMark->IsShown();
}

wxString ComponentTile::LatestLatencyText() const {
    return m_latency->GetLabelText();
}

wxString ComponentTile::AverageText() const {
    return m_average->GetLabelText();
}

void ComponentTile::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize size = GetClientSize();
    const double radius = FromDIP(4);
    gc->SetPen(wxPen(kBorder, 1));
    gc->SetBrush(wxBrush(kCard));
    gc->DrawRoundedRectangle(0.5, 0.5, size.x - 1.0, size.y - 1.0, radius);
    // The status colour down the left edge: seen at a glance, said in the badge's words.
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->SetBrush(wxBrush(ComponentStateColour(m_state)));
    wxGraphicsPath stripe = gc->CreatePath();
    stripe.AddRoundedRectangle(0.5, 0.5, FromDIP(5) + radius, size.y - 1.0, radius);
    gc->Clip(0, 0, FromDIP(5), size.y);
    gc->FillPath(stripe);
    gc->ResetClip();
}

} // namespace resv::views
