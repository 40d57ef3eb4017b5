#pragma once
// A component's last 90 JST days as a strip of bars, one a day, oldest on the left, coloured by
// the day's uptime (grey when nothing was measured). Drawn with wxGraphicsContext; the pointer
// over a bar shows its date and percent as the tooltip, and the bar is outlined.

#include "resv/model/Monitoring.h"

#include <wx/window.h>

#include <vector>

namespace resv::views {

class UptimeStrip final : public wxWindow {
public:
    explicit UptimeStrip(wxWindow* parent);

    void SetDays(std::vector<model::UptimeDay> days);
    const std::vector<model::UptimeDay>& Days() const { return m_days; }

    /// The bar under `point` (client coordinates), or -1.
    int DayAt(const wxPoint& point) const;
    /// Bar `index`'s rectangle in client coordinates (empty when out of range).
    wxRect BarRect(int index) const;
    /// The bar under the pointer, or -1.
    int Hovered() const { return m_hovered; }

private:
    wxSize DoGetBestClientSize() const override;
    void OnPaint(wxPaintEvent& event);
    void OnMotion(wxMouseEvent& event);
    void OnLeave(wxMouseEvent& event);
    void Hover(int index);
    /// The left edge and width of bar `index` in a strip `width` pixels wide.
    void Geometry(int index, int width, double& left, double& barWidth) const;

    std::vector<model::UptimeDay> m_days;
    int m_hovered = -1;
};

} // namespace resv::views
