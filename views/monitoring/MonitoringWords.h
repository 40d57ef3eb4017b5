#pragma once
// The Monitoring screen's words and colours: a component's name by its id (API, データベース,
// 端末接続, 通知メール), a status in words (正常, 性能低下, メンテナンス中, 一部停止, 全面停止)
// with its colour, a day's uptime as a tooltip, and the navigation icon. A colour always comes with
// words (and the badge's shape): never colour alone.

#include "views/monitoring/MonitoringPresenter.h"

#include <wx/bmpbndl.h>
#include <wx/colour.h>
#include <wx/string.h>

#include <optional>
#include <string_view>

namespace resv::views {

/// The translated name of a known component; otherwise the server's `fallback`.
wxString ComponentName(std::string_view id, std::string_view fallback);
wxString ComponentName(const model::ComponentStatus& component);

/// "Operational" / 正常, "Degraded performance" / 性能低下, …
wxString ComponentStateName(model::ComponentState state);

/// The banner's headline for the worst state: "All systems operational" / 「すべて正常に稼働
/// しています」 for Operational, otherwise the state's own words.
wxString OverallHeadline(model::ComponentState worst);

/// The colour of a status (badge, banner, tile's edge).
wxColour ComponentStateColour(model::ComponentState state);
/// The text colour that reads on ComponentStateColour(state).
wxColour ComponentStateTextColour(model::ComponentState state);
/// A light tint of the status colour, for the banner's background.
wxColour ComponentStateTint(model::ComponentState state);

/// A day's bar colour.
wxColour UptimeColour(UptimeBand band);

/// "99.86%" (no data: "—").
wxString PercentText(const std::optional<double>& percent);

/// A bar's tooltip: "2026-11-26 JST: 99.86% up" / 「2026-11-26 (JST) 稼働率 99.86%」, or that
/// nothing was measured that day.
wxString UptimeDayText(const model::UptimeDay& day);

/// Under the strip: "99.95% uptime over 90 days" / 「90 日間の稼働率 99.95%」.
wxString UptimeAverageText(const std::vector<model::UptimeDay>& days);

/// "12 ms" (a whole number from 10 ms up, one decimal below).
wxString MillisecondsText(double milliseconds);

/// resources/icons/monitoring.svg, for the navigation.
wxBitmapBundle MonitoringIcon(int sizeDip);

} // namespace resv::views
