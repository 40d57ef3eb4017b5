#pragma once
// The selected incident or notice in full: for an incident its severity, status, components,
// detection, the 72-hour notify-by and when it was notified (a warning when that was late) and
// the timeline; for a notice its kind, effective time, emergency and reason, body and
// follow-ups. Below both, Acknowledge and who has acknowledged.

#include "views/notices/NoticesPresenter.h"

#include <wx/panel.h>

#include <optional>

class wxButton;
class wxScrolledWindow;
class wxSizer;
class wxStaticText;

namespace resv::views {

class NoticeDetailPane final : public wxPanel {
public:
    NoticeDetailPane(wxWindow* parent, NoticesPresenter& presenter);

    /// Shows the presenter's selected item (or a hint when there is none).
    void Show();

    wxButton* AcknowledgeButton() const { return m_acknowledge; }
    /// "Acknowledged at ..." or empty.
    wxStaticText* AcknowledgedLine() const { return m_acknowledged; }
    /// Who has acknowledged, one per line.
    wxStaticText* AcknowledgedBy() const { return m_acknowledgedBy; }
    /// The overdue warning (hidden unless the incident was notified late).
    wxStaticText* OverdueWarning() const { return m_overdue; }
    /// Every text of the detail, for tests that look for a word.
    wxString AllText() const;

    using wxPanel::Show;

private:
    void ShowIncident(const model::Incident& incident);
    void ShowNotice(const model::Notice& notice);
    void ShowAcknowledgements(const InboxItem& item);
    void AddRow(wxSizer* grid, const wxString& label, const wxString& value);
    wxStaticText* AddText(wxSizer* sizer, const wxString& text, int flags = 0);
    int TextWidth() const;

    NoticesPresenter& m_presenter;
    wxScrolledWindow* m_body = nullptr;
    wxStaticText* m_overdue = nullptr;
    wxButton* m_acknowledge = nullptr;
    wxStaticText* m_acknowledged = nullptr;
    wxStaticText* m_acknowledgedByTitle = nullptr;
    wxStaticText* m_acknowledgedBy = nullptr;
    std::optional<InboxItem> m_shown; ///< what the body shows
    int m_shownWidth = 0;
    bool m_built = false;
};

} // namespace resv::views
