#include "views/monitoring/LatencySparkline.h"

#include "views/monitoring/MonitoringWords.h"

#include <wx/dcbuffer.h>
#include <wx/graphics.h>

#include <algorithm>
#include <memory>

namespace resv::views {

LatencySparkline::LatencySparkline(wxWindow* parent)
    : wxWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxFULL_REPAINT_ON_RESIZE)
    , m_colour(0x19, 0x67, 0xD2) {
    SetBackgroundStyle(wxBG_STYLE_PAINT);
    Bind(wxEVT_PAINT, &LatencySparkline::OnPaint, this);
}

wxSize LatencySparkline::DoGetBestClientSize() const {
    return FromDIP(wxSize(84, 24));
}

void LatencySparkline::SetSamples(std::vector<model::LatencySample> samples,
                                  const wxColour& colour) {
    if (samples == m_samples && colour == m_colour) {
        return;
    }
    m_samples = std::move(samples);
    m_colour = colour;
    const wxString summary = Summary();
    if (summary.empty()) {
        UnsetToolTip();
    } else {
        SetToolTip(summary);
    }
    Refresh();
}

wxString LatencySparkline::Summary() const {
    if (m_samples.empty()) {
        return {};
    }
    const auto [low, high] =
        std::minmax_element(m_samples.begin(), m_samples.end(), [](const auto& a, const auto& b) {
            return a.milliseconds < b.milliseconds;
        });
    // TRANSLATORS: the latency line's tooltip, e.g. "Latency: latest 12 ms (lowest 11 ms,
    // highest 21 ms over the last 16 checks)".
    return wxString::Format(
        wxPLURAL("Latency: latest %s (lowest %s, highest %s over the last %d check)",
                 "Latency: latest %s (lowest %s, highest %s over the last %d checks)",
                 static_cast<int>(m_samples.size())),
        MillisecondsText(m_samples.back().milliseconds), MillisecondsText(low->milliseconds),
        MillisecondsText(high->milliseconds), static_cast<int>(m_samples.size()));
}

void LatencySparkline::OnPaint(wxPaintEvent&) {
    wxAutoBufferedPaintDC dc(this);
    dc.SetBackground(wxBrush(GetParent()->GetBackgroundColour()));
    dc.Clear();
    std::unique_ptr<wxGraphicsContext> gc(wxGraphicsContext::Create(dc));
    if (!gc) {
        return;
    }
    const wxSize size = GetClientSize();
    const double scale = GetDPIScaleFactor();
    const double dot = 2.5 * scale;
    const double top = dot + 1;
    const double bottom = size.y - dot - 1;
    const double right = size.x - dot - 1;
    // The baseline, so an empty or flat line still reads as a chart.
    gc->SetPen(wxPen(wxColour(0xCF, 0xD3, 0xD8), 1));
    gc->StrokeLine(0, bottom + 0.5, size.x, bottom + 0.5);
    if (m_samples.empty()) {
        return;
    }
    double high = 0;
    for (const auto& sample : m_samples) {
        high = std::max(high, sample.milliseconds);
    }
    high = std::max(high, 1.0);
    const auto count = m_samples.size();
    const auto xAt = [&](std::size_t i) {
        return count == 1 ? right : right * static_cast<double>(i) / static_cast<double>(count - 1);
    };
    const auto yAt = [&](double ms) { return bottom - (bottom - top) * (ms / high); };

    wxGraphicsPath line = gc->CreatePath();
    line.MoveToPoint(xAt(0), yAt(m_samples[0].milliseconds));
    for (std::size_t i = 1; i < count; ++i) {
        line.AddLineToPoint(xAt(i), yAt(m_samples[i].milliseconds));
    }
    // A light fill under the line, then the line.
    wxGraphicsPath area = gc->CreatePath();
    area.AddPath(line);
    area.AddLineToPoint(xAt(count - 1), bottom);
    area.AddLineToPoint(xAt(0), bottom);
    area.CloseSubpath();
    gc->SetBrush(wxBrush(wxColour(m_colour.Red(), m_colour.Green(), m_colour.Blue(), 48)));
    gc->SetPen(*wxTRANSPARENT_PEN);
    gc->FillPath(area);
    gc->SetPen(gc->CreatePen(wxGraphicsPenInfo(m_colour).Width(1.5 * scale)));
    gc->StrokePath(line);
    gc->SetBrush(wxBrush(m_colour));
    gc->SetPen(*wxTRANSPARENT_PEN);
    const double lastX = xAt(count - 1);
    const double lastY = yAt(m_samples.back().milliseconds);
    gc->DrawEllipse(lastX - dot, lastY - dot, dot * 2, dot * 2);
}

} // namespace resv::views
