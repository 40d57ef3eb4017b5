#pragma once
// One component on the Monitoring screen: its name and status (a coloured badge with a symbol
// and the status in words), the probe's or operator's message, "Set by the operator", the
// latency line with the latest value, and the 90-day uptime strip with its average. For a
// provider operator: Set status… and Return to automatic.

#include "resv/model/Monitoring.h"

#include <wx/panel.h>

#include <functional>

class wxButton;
class wxStaticText;

namespace resv::views {

class LatencySparkline;
class UptimeStrip;

/// A status as a rounded badge: its colour, a symbol of its own (✓, !, ‖, ◐, ×) and its words.
class StatusBadge final : public wxWindow {
public:
    StatusBadge(wxWindow* parent, double scale = 1.0);
    void SetState(model::ComponentState state);
    model::ComponentState State() const { return m_state; }
    /// The words the badge shows.
    wxString Text() const { return m_text; }

private:
    wxSize DoGetBestClientSize() const override;
    void OnPaint(wxPaintEvent& event);
    void DrawSymbol(class wxGraphicsContext& gc, double x, double y, double size) const;

    model::ComponentState m_state = model::ComponentState::Operational;
    wxString m_text;
    double m_scale = 1.0;
};

class ComponentTile final : public wxPanel {
public:
    struct Actions {
        std::function<void(const std::string& id)> setStatus;
        std::function<void(const std::string& id)> returnToAutomatic;
    };

    /// `canSetStatus`: the operator's buttons are there.
    ComponentTile(wxWindow* parent, bool canSetStatus, Actions actions);

    /// Shows `component`; `clearing`: Return to automatic is under way.
    void ShowComponent(const model::ComponentStatus& component, bool clearing);
    const std::string& ComponentId() const { return m_id; }

    // For GUI tests.
    wxString NameText() const;
    StatusBadge* Badge() const { return m_badge; }
    wxString MessageText() const;
    bool OperatorMarkShown() const;
    wxString LatestLatencyText() const;
    wxString AverageText() const;
    UptimeStrip* Strip() const { return m_strip; }
    LatencySparkline* Sparkline() const { return m_sparkline; }
    wxButton* SetStatusButton() const { return m_setStatus; }
    wxButton* ReturnButton() const { return m_return; }

private:
    void OnPaint(wxPaintEvent& event);

    std::string m_id;
    model::ComponentState m_state = model::ComponentState::Operational;
    Actions m_actions;
    wxStaticText* m_name = nullptr;
    StatusBadge* m_badge = nullptr;
    wxStaticText* m_message = nullptr;
    wxStaticText* m_operatorMark = nullptr;
    LatencySparkline* m_sparkline = nullptr;
    wxStaticText* m_latency = nullptr;
    UptimeStrip* m_strip = nullptr;
    wxStaticText* m_average = nullptr;
    wxButton* m_setStatus = nullptr;
    wxButton* m_return = nullptr;
};

} // namespace resv::views
