#pragma once
// A component's recent probe latencies as a small line (oldest left, newest right, a dot on the
// latest), drawn with wxGraphicsContext; the tooltip gives the latest, lowest and highest.

#include "resv/model/Monitoring.h"

#include <wx/window.h>

#include <vector>

namespace resv::views {

class LatencySparkline final : public wxWindow {
public:
    explicit LatencySparkline(wxWindow* parent);

    void SetSamples(std::vector<model::LatencySample> samples, const wxColour& colour);
    const std::vector<model::LatencySample>& Samples() const { return m_samples; }
    /// The tooltip's text (empty without samples).
    wxString Summary() const;

private:
    wxSize DoGetBestClientSize() const override;
    void OnPaint(wxPaintEvent& event);

    std::vector<model::LatencySample> m_samples;
    wxColour m_colour;
};

} // namespace resv::views
