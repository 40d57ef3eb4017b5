#pragma once
// The home screen: who is logged in, their role, tenant and data region, the tenant an operator
// acts in, and when the session ends (JST).

#include "views/home/HomePresenter.h"

#include <wx/panel.h>

#include <array>

class wxFlexGridSizer;
class wxStaticText;

namespace resv::views {

class HomeView final : public wxPanel {
public:
    enum class Row { DisplayName, LoginId, Roles, Tenant, Region, ActingAs, SessionEnds, IdleEnds };

    HomeView(wxWindow* parent, const ISession& session);

    /// Shows the session as it is now (the shell calls it when /me changes).
    void ShowSession();

    /// What a row shows; empty when the row is hidden. For GUI tests.
    wxString Shown(Row row) const;
    bool PasswordNoticeShown() const;

private:
    static constexpr std::size_t kRowCount = 8;
    static std::size_t Index(Row row) { return static_cast<std::size_t>(row); }

    void BuildLayout();
    wxSizer* BuildAccountBox();
    wxSizer* BuildSessionBox();
    wxWindow* BuildPasswordNotice();
    void AlignLabels();
    void AddRow(wxWindow* parent, wxFlexGridSizer* grid, Row row, const wxString& label);
    void SetRow(Row row, const wxString& text);

    HomePresenter m_presenter;
    std::array<wxStaticText*, kRowCount> m_values{};
    std::array<wxStaticText*, kRowCount> m_labels{};
    wxStaticText* m_actingAsNote = nullptr;
    wxWindow* m_passwordNotice = nullptr;
};

} // namespace resv::views
