#include "views/monitoring/UptimeStrip.h"

#include "views/monitoring/MonitoringWords.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>
#include <wx/settings.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace resv::views {
namespace {

constexpr int kBestWidthDip = 360;
constexpr int kHeightDip = 26;

} // namespace

UptimeStrip::UptimeStrip(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    SetMinClientSize(wxSize(FromDIP(90), FromDIP(kHeightDip)));
    Bind(wxEVT_PAINT, &UptimeStrip::OnPaint, this);
    Bind(wxEVT_MOTION, &UptimeStrip::OnMotion, this);
    Bind(wxEVT_LEAVE_WINDOW, &UptimeStrip::OnLeave, this);
}

wxSize UptimeStrip::DoGetBestClientSize() const {
    return FromDIP(wxSize(kBestWidthDip, kHeightDip));
}

void UptimeStrip::SetDays(std::vector<model::UptimeDay> days) {
    if (days == m_days) {
        return;
    }
    m_days = std::move(days);
    if (m_hovered >= static_cast<int>(m_days.size())) {
        m_hovered = -1;
    }
    const int hovered = m_hovered;
    m_hovered = -1;
    Hover(hovered); // the tooltip says the new day's figure
    Refresh();
}

void UptimeStrip::Geometry(int index, int width, double& left, double& barWidth) const {
    const int count = static_cast<int>(m_days.size());
    const double pitch = static_cast<double>(width) / std::max(count, 1);
    // A gap of about a quarter of a bar, at least a pixel while bars are wide enough for one.
    const double gap = pitch >= 3 ? std::max(1.0, std::floor(pitch * 0.25)) : 0;
    left = index * pitch;
    barWidth = std::max(1.0, pitch - gap);
}

wxRect UptimeStrip::BarRect(int index) const {
    if (index < 0 || index >= static_cast<int>(m_days.size())) {
        return {};
    }
    const wxSize size = GetClientSize();
    double left = 0;
    double width = 0;
    Geometry(index, size.x, left, width);
    return {static_cast<int>(std::lround(left)), 0,
            std::max(1, static_cast<int>(std::lround(width))), size.y};
}

int UptimeStrip::DayAt(const wxPoint& point) const {
    const wxSize size = GetClientSize();
    if (m_days.empty() || point.x < 0 || point.y < 0 || point.x >= size.x || point.y >= size.y) {
        return -1;
    }
    const int count = static_cast<int>(m_days.size());
    const int index = static_cast<int>(point.x * count / std::max(size.x, 1));
    return std::clamp(index, 0, count - 1);
}

void UptimeStrip::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize size = GetClientSize();
    const double radius = FromDIP(2);
    for (int i = 0; i < static_cast<int>(m_days.size()); ++i) {
        double left = 0;
        double width = 0;
        Geometry(i, size.x, left, width);
        const wxColour colour = UptimeColour(BandOf(m_days[static_cast<std::size_t>(i)].percent));
        gc->SetBrush(wxBrush(colour));
        if (i == m_hovered) {
            // The day under the pointer stands out: darker, with an outline.
            gc->SetBrush(wxBrush(colour.ChangeLightness(75)));
            gc->SetPen(wxPen(wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT), FromDIP(1)));
        } else {
            gc->SetPen(*wxTRANSPARENT_PEN);
        }
        gc->DrawRoundedRectangle(left, 0.5, width, size.y - 1.0, std::min(radius, width / 2));
    }
}

void UptimeStrip::OnMotion(wxMouseEvent& event) {
    event.Skip();
    Hover(DayAt(event.GetPosition()));
}

void UptimeStrip::OnLeave(wxMouseEvent& event) {
    event.Skip();
    Hover(-1);
}

void UptimeStrip::Hover(int index) {
    if (index == m_hovered) {
        return;
    }
    m_hovered = index;
    if (index >= 0) {
        SetToolTip(UptimeDayText(m_days[static_cast<std::size_t>(index)]));
    }
    Refresh();
}

} // namespace resv::views
