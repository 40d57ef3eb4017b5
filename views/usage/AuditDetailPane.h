#pragma once
// The selected event of the usage history in full: when, who (name, login ID, role), from where,
// what, to what, the result, its sequence and hash (selectable, to quote to an auditor), and its
// details: a change's "Before" and "After" side by side with the changed items marked, and any
// other detail as item and value.

#include "views/usage/UsageHistoryPresenter.h"

#include <wx/panel.h>
#include <wx/scrolwin.h>
#include <wx/string.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

class wxListView;
class wxSizer;
class wxStaticText;
class wxTextCtrl;

namespace resv::views {

/// One item of a change: its value before and after ("" when it had none).
struct DetailChange {
    std::string key; ///< dotted for nested objects: "scope.all"
    wxString before;
    wxString after;
    bool changed = false;
};

/// The items of a change's before and after side by side, nested objects flattened to dotted
/// keys, in the order of the keys; empty when the event is not a change.
std::vector<DetailChange> DetailChanges(const EventChanges& changes);

/// The other details (ChangesOf's `other`) as item and value, nested objects flattened.
std::vector<std::pair<std::string, wxString>> OtherDetails(const nlohmann::json& other);

/// A detail's item in words where we know it ("display_name" -> "Display name"), else its key.
wxString DetailKeyName(const std::string& key);

class AuditDetailPane final : public wxPanel {
public:
    explicit AuditDetailPane(wxWindow* parent);

    /// Shows `event` with its details split as `changes`, or the empty state when null.
    void Show(const model::AuditEvent* event, const EventChanges& changes);
    using wxPanel::Show;

    // For GUI tests.
    wxListView* Changes() const { return m_changes; }
    wxListView* Others() const { return m_others; }
    /// The event as the context menu's Copy puts it on the clipboard.
    const wxString& CopyText() const { return m_copyText; }
    /// The value shown for a field ("time", "user", "ip", "action", "target", "result",
    /// "sequence", "hash").
    wxString Field(const std::string& name) const;

private:
    wxSizer* BuildSummary();
    wxSizer* BuildDetails();
    void FillChanges(const std::vector<DetailChange>& changes);
    void FillOthers(const std::vector<std::pair<std::string, wxString>>& others);
    void FitListColumns(wxListView* list);
    void ShowCopyMenu();

    wxStaticText* m_empty = nullptr;
    wxSizer* m_emptyBox = nullptr; ///< the empty state, centred
    wxScrolled<wxPanel>* m_body = nullptr;
    wxStaticText* m_heading = nullptr;
    std::map<std::string, wxWindow*> m_fields; ///< wxStaticText, the hash a wxTextCtrl
    wxString m_copyText;                       ///< the event as text, for Copy
    wxSizer* m_changesBox = nullptr;
    wxSizer* m_othersBox = nullptr;
    wxStaticText* m_changesTitle = nullptr;
    wxListView* m_changes = nullptr;
    wxStaticText* m_othersTitle = nullptr;
    wxListView* m_others = nullptr;
    wxStaticText* m_noDetails = nullptr;
};

} // namespace resv::views
