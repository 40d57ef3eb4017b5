#include "views/usage/AuditDetailPane.h"

#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Words.h"
#include "views/usage/AuditWords.h"

#include "resv/model/Time.h"

#include <wx/clipbrd.h>
#include <wx/gbsizer.h>
#include <wx/listctrl.h>
#include <wx/menu.h>
#include <wx/scrolwin.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <algorithm>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;
using nlohmann::json;

// In pairs: the grid shows two a row (the action is the heading, the hash a row of its own).
const char* const kSummaryFields[] = {"time", "user", "target", "ip", "result", "sequence"};

bool IsRoleKey(const std::string& key) {
    const auto last = key.substr(key.rfind('.') + 1);
    return last == "role" || last == "roles";
}

wxString ValueText(const std::string& key, const json& value) {
    switch (value.type()) {
    case json::value_t::null:
        return {};
    case json::value_t::string:
        return IsRoleKey(key) ? RoleName(value.get<std::string>())
                              : FromUtf8(value.get<std::string>());
    case json::value_t::boolean:
        // TRANSLATORS: a true/false detail of an event, e.g. whether a scope is "all".
        return value.get<bool>() ? _("Yes") : _("No");
    case json::value_t::array: {
        wxString joined;
        for (const json& item : value) {
            if (!joined.empty()) {
                joined += _(", ");
            }
            joined += item.is_structured() ? FromUtf8(item.dump()) : ValueText(key, item);
        }
        return joined;
    }
    default:
        return FromUtf8(value.dump());
    }
}

/// `value`'s items as dotted keys: {"scope": {"all": true}} -> "scope.all" = true.
void Flatten(const json& value, const std::string& prefix, std::vector<std::string>& order,
             std::map<std::string, json>& items) {
    if (value.is_object() && (!value.empty() || prefix.empty())) {
        for (const auto& [key, item] : value.items()) {
            Flatten(item, prefix.empty() ? key : prefix + "." + key, order, items);
        }
        return;
    }
    const std::string key = prefix.empty() ? std::string("value") : prefix;
    if (items.emplace(key, value.is_object() ? json() : value).second) {
        order.push_back(key);
    }
}

wxString FieldLabel(const std::string& name) {
    if (name == "time") {
        return _("Time (JST):");
    }
    if (name == "user") {
        return _("User:");
    }
    if (name == "ip") {
        return _("Source IP:");
    }
    if (name == "action") {
        return _("Action:");
    }
    if (name == "target") {
        return _("Target:");
    }
    if (name == "result") {
        return _("Result:");
    }
    if (name == "sequence") {
        // TRANSLATORS: the event's number in the tenant's usage history, e.g. "#1234".
        return _("Sequence:");
    }
    // TRANSLATORS: the event's SHA-256 hash, which links it to the one before.
    return _("Hash:");
}

} // namespace

std::vector<DetailChange> DetailChanges(const EventChanges& changes) {
    if (!changes.hasBeforeAfter) {
        return {};
    }
    std::vector<std::string> order;
    std::map<std::string, json> before;
    std::map<std::string, json> after;
    Flatten(changes.before, {}, order, before);
    Flatten(changes.after, {}, order, after);
    // A creation has no before and a deletion no after: every item "changed" says nothing.
    const bool compare = !before.empty() && !after.empty();
    std::vector<DetailChange> rows;
    for (const std::string& key : order) {
        const auto b = before.find(key);
        const auto a = after.find(key);
        const json& beforeValue = b == before.end() ? json() : b->second;
        const json& afterValue = a == after.end() ? json() : a->second;
        rows.push_back({key, ValueText(key, beforeValue), ValueText(key, afterValue),
                        compare && beforeValue != afterValue});
    }
    return rows;
}

std::vector<std::pair<std::string, wxString>> OtherDetails(const nlohmann::json& other) {
    std::vector<std::pair<std::string, wxString>> rows;
    if (!other.is_object()) {
        if (!other.is_null()) {
            rows.emplace_back("value", ValueText("value", other));
        }
        return rows;
    }
    for (const auto& [key, value] : other.items()) {
        std::vector<std::string> order;
        std::map<std::string, json> items;
        Flatten(value, key, order, items);
        for (const std::string& item : order) {
            rows.emplace_back(item, ValueText(item, items[item]));
        }
    }
    return rows;
}

wxString DetailKeyName(const std::string& key) {
    const std::pair<const char*, wxString> known[] = {
        {"login_id", _("Login ID")},
        {"display_name", _("Display name")},
        {"email", _("E-mail")},
        {"roles", _("Roles")},
        {"role", _("Role")},
        {"status", _("Status")},
        {"scope", _("Scope")},
        {"scope.all", _("Scope: all")},
        {"scope.jurisdictions", _("Scope: jurisdictions")},
        {"scope.facilities", _("Scope: facilities")},
        {"name", _("Name")},
        {"code", _("Code")},
        {"permissions", _("Permissions")},
        // TRANSLATORS: a detail of a failed login or a denied request: why it was refused.
        {"reason", _("Reason")},
        {"method", _("Method")},
        // TRANSLATORS: a detail of an export: the filters it was made with.
        {"filters", _("Filters")},
        // TRANSLATORS: a detail of an export or an import: how many rows it had.
        {"rows", _("Rows")},
        // TRANSLATORS: a detail of an export: the file's character encoding.
        {"encoding", _("Encoding")},
        {"value", _("Value")},
    };
    for (const auto& [name, words] : known) {
        if (key == name) {
            return words;
        }
    }
    return FromUtf8(key);
}

AuditDetailPane::AuditDetailPane(wxWindow* parent)
    : wxPanel(parent) {
    auto* outer = new wxBoxSizer(wxVERTICAL);
    m_empty = new wxStaticText(this, wxID_ANY, _("Select an event to see its details."));
    m_empty->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    m_emptyBox = new wxBoxSizer(wxVERTICAL);
    m_emptyBox->AddStretchSpacer();
    m_emptyBox->Add(m_empty, wxSizerFlags().CenterHorizontal());
    m_emptyBox->AddStretchSpacer();
    outer->Add(m_emptyBox, wxSizerFlags(1).Expand());

    // Scrolls when the splitter leaves it less than its height.
    m_body = new wxScrolled<wxPanel>(this);
    m_body->SetScrollRate(0, FromDIP(8));
    auto* body = new wxBoxSizer(wxVERTICAL);
    // The action, as the heading.
    m_heading = new wxStaticText(m_body, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                 wxST_ELLIPSIZE_END);
    m_fields["action"] = m_heading;
    m_heading->SetFont(layout::Emphasized(m_body, 1.1));
    body->Add(m_heading, layout::Padded(m_body, Space::Medium, wxLEFT | wxRIGHT | wxTOP).Expand());
    body->Add(BuildSummary(), layout::Padded(m_body, Space::Medium).Expand());
    body->Add(
        BuildDetails(),
        layout::Padded(m_body, Space::Medium, wxLEFT | wxRIGHT | wxBOTTOM).Expand().Proportion(1));
    m_body->SetSizer(body);
    outer->Add(m_body, wxSizerFlags(1).Expand());
    outer->Hide(m_body);
    SetSizer(outer);
    // Right-click anywhere on the event (the lists have their own menu): copy it as text.
    m_body->Bind(wxEVT_CONTEXT_MENU, [this](wxContextMenuEvent&) { ShowCopyMenu(); });
}

wxSizer* AuditDetailPane::BuildSummary() {
    // Two fields a row and the hash across, so that the changes below get the height.
    auto* grid = new wxGridBagSizer(Px(this, Space::Small), Px(this, Space::Medium));
    const auto addLabel = [&](const char* name, int row, int column) {
        auto* label = new wxStaticText(m_body, wxID_ANY, FieldLabel(name));
        label->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
        grid->Add(label, wxGBPosition(row, column), wxDefaultSpan, wxALIGN_RIGHT | wxLEFT,
                  column > 0 ? Px(this, Space::Large) : 0);
    };
    int index = 0;
    for (const char* name : kSummaryFields) {
        const int row = index / 2;
        const int column = index % 2 * 2;
        ++index;
        addLabel(name, row, column);
        auto* value = new wxStaticText(m_body, wxID_ANY, wxString(), wxDefaultPosition,
                                       FromDIP(wxSize(80, -1)), wxST_ELLIPSIZE_END);
        m_fields[name] = value;
        grid->Add(value, wxGBPosition(row, column + 1), wxDefaultSpan, wxEXPAND);
    }
    // Selectable, in full: it is quoted to an auditor.
    const int hashRow = (index + 1) / 2;
    addLabel("hash", hashRow, 0);
    auto* hash = new wxTextCtrl(m_body, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                                wxTE_MULTILINE | wxTE_READONLY | wxTE_NO_VSCROLL | wxTE_CHARWRAP |
                                    wxBORDER_NONE);
    hash->SetFont(wxFont(wxFontInfo(GetFont().GetPointSize()).Family(wxFONTFAMILY_TELETYPE)));
    hash->SetBackgroundColour(GetBackgroundColour());
    hash->SetMinSize(wxSize(FromDIP(80), hash->GetCharHeight() + FromDIP(4)));
    m_fields["hash"] = hash;
    grid->Add(hash, wxGBPosition(hashRow, 1), wxGBSpan(1, 3), wxEXPAND);
    grid->AddGrowableCol(1, 1);
    grid->AddGrowableCol(3, 1);
    return grid;
}

wxSizer* AuditDetailPane::BuildDetails() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    m_changesBox = new wxBoxSizer(wxVERTICAL);
    m_changesTitle = new wxStaticText(m_body, wxID_ANY, _("Changes (changed items in bold)"));
    m_changesBox->Add(m_changesTitle, wxSizerFlags().Border(wxBOTTOM, Px(this, Space::Small)));
    m_changes = new wxListView(m_body, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 60)),
                               wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    // TRANSLATORS: a column of an event's changes: what was changed (a field's name).
    m_changes->AppendColumn(_("Item"));
    // TRANSLATORS: a column of an event's changes: the value before the change.
    m_changes->AppendColumn(_("Before"));
    // TRANSLATORS: a column of an event's changes: the value after the change.
    m_changes->AppendColumn(_("After"));
    m_changesBox->Add(m_changes, wxSizerFlags(1).Expand());
    row->Add(m_changesBox, wxSizerFlags(3).Expand());

    m_othersBox = new wxBoxSizer(wxVERTICAL);
    m_othersTitle = new wxStaticText(m_body, wxID_ANY, _("Details"));
    m_othersBox->Add(m_othersTitle, wxSizerFlags().Border(wxBOTTOM, Px(this, Space::Small)));
    m_others = new wxListView(m_body, wxID_ANY, wxDefaultPosition, FromDIP(wxSize(-1, 60)),
                              wxLC_REPORT | wxLC_SINGLE_SEL | wxBORDER_THEME);
    m_others->AppendColumn(_("Item"));
    m_others->AppendColumn(_("Value"));
    m_othersBox->Add(m_others, wxSizerFlags(1).Expand());
    row->Add(m_othersBox, wxSizerFlags(2).Expand().Border(wxLEFT, Px(this, Space::Large)));

    m_noDetails = new wxStaticText(m_body, wxID_ANY, _("This event has no further details."));
    m_noDetails->SetForegroundColour(wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
    row->Add(m_noDetails);
    for (wxListView* list : {m_changes, m_others}) {
        list->Bind(wxEVT_SIZE, [this, list](wxSizeEvent& event) {
            event.Skip();
            CallAfter([this, list] { FitListColumns(list); });
        });
    }
    return row;
}

void AuditDetailPane::Show(const model::AuditEvent* event, const EventChanges& eventChanges) {
    wxSizer* outer = GetSizer();
    if (event == nullptr) {
        outer->Hide(m_body);
        outer->Show(m_emptyBox);
        Layout();
        return;
    }
    const model::AuditEvent& e = *event;
    const bool bad = e.result != model::AuditResult::Success;
    m_fields["result"]->SetForegroundColour(
        bad ? AuditResultColour(e.result) : wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT));
    wxString user = AuditActorText(e.actor);
    if (e.actor.role) {
        // TRANSLATORS: the user of an event with their role then, e.g. "山田 花子 (yamada),
        // Customer manager".
        user = wxString::Format(_("%s, %s"), user, RoleName(*e.actor.role));
    }
    const std::pair<const char*, wxString> values[] = {
        {"time", FromUtf8(model::FormatJstDateTime(e.at))},
        {"user", user},
        {"ip", e.sourceIp ? FromUtf8(*e.sourceIp) : _("Unknown")},
        {"action", wxString::Format(_("%s (%s)"), AuditActionName(e.action), FromUtf8(e.action))},
        {"target", e.target ? AuditTargetText(e.target) : _("None")},
        {"result", AuditResultName(e.result)},
        {"sequence", SequenceText(e.sequence)},
        {"hash", FromUtf8(e.hash)},
    };
    m_copyText = AuditActionName(e.action) + wxS("\n");
    for (const auto& [name, text] : values) {
        if (auto* field = dynamic_cast<wxTextCtrl*>(m_fields[name])) {
            field->ChangeValue(text);
        } else {
            static_cast<wxStaticText*>(m_fields[name])->SetLabelText(text);
        }
        m_fields[name]->SetToolTip(text);
        m_copyText += FieldLabel(name) + wxS(" ") + text + wxS("\n");
    }
    const auto changes = DetailChanges(eventChanges);
    const auto others = OtherDetails(eventChanges.other);
    FillChanges(changes);
    FillOthers(others);
    wxSizer* details = m_noDetails->GetContainingSizer();
    details->Show(m_changesBox, !changes.empty());
    details->Show(m_othersBox, !others.empty());
    details->Show(m_noDetails, changes.empty() && others.empty());
    // Alone, the other details take the whole width.
    details->GetItem(m_othersBox)->SetBorder(changes.empty() ? 0 : Px(this, Space::Large));
    for (const auto& change : changes) {
        m_copyText += DetailKeyName(change.key) + wxS(": ") + change.before + wxS(" -> ") +
                      change.after + wxS("\n");
    }
    for (const auto& [key, value] : others) {
        m_copyText += DetailKeyName(key) + wxS(": ") + value + wxS("\n");
    }
    outer->Hide(m_emptyBox);
    outer->Show(m_body);
    Layout();
    m_body->FitInside();
    m_body->Layout();
    FitListColumns(m_changes);
    FitListColumns(m_others);
}

void AuditDetailPane::FillChanges(const std::vector<DetailChange>& changes) {
    m_changes->DeleteAllItems();
    const wxFont bold = layout::Emphasized(m_changes);
    const wxColour highlight(0xFF, 0xF4, 0xCC); // a marker's yellow, readable in both themes' text
    for (const DetailChange& change : changes) {
        const long row =
            m_changes->InsertItem(m_changes->GetItemCount(), DetailKeyName(change.key));
        m_changes->SetItem(row, 1, change.before);
        m_changes->SetItem(row, 2, change.after);
        if (change.changed) {
            m_changes->SetItemFont(row, bold);
            m_changes->SetItemBackgroundColour(row, highlight);
            m_changes->SetItemTextColour(row, *wxBLACK);
        }
    }
}

void AuditDetailPane::FillOthers(const std::vector<std::pair<std::string, wxString>>& others) {
    m_others->DeleteAllItems();
    for (const auto& [key, value] : others) {
        const long row = m_others->InsertItem(m_others->GetItemCount(), DetailKeyName(key));
        m_others->SetItem(row, 1, value);
    }
}

void AuditDetailPane::FitListColumns(wxListView* list) {
    // The item's name as wide as it needs (within a third); the values share the rest.
    const int width = list->GetClientSize().x;
    const int columns = list->GetColumnCount();
    if (width <= 0 || columns < 2) {
        return;
    }
    wxListItem header;
    header.SetMask(wxLIST_MASK_TEXT);
    list->GetColumn(0, header);
    int keyWidth = list->GetTextExtent(header.GetText()).x;
    for (long row = 0; row < list->GetItemCount(); ++row) {
        keyWidth = std::max(keyWidth, list->GetTextExtent(list->GetItemText(row, 0)).x);
    }
    keyWidth = std::min(keyWidth + FromDIP(24), width / 3);
    keyWidth = std::max(keyWidth, FromDIP(80));
    list->SetColumnWidth(0, keyWidth);
    const int rest = (width - keyWidth) / (columns - 1);
    for (int column = 1; column < columns; ++column) {
        list->SetColumnWidth(column, rest);
    }
}

wxString AuditDetailPane::Field(const std::string& name) const {
    const auto it = m_fields.find(name);
    if (it == m_fields.end()) {
        return {};
    }
    if (const auto* text = dynamic_cast<const wxTextCtrl*>(it->second)) {
        return text->GetValue();
    }
    return static_cast<const wxStaticText*>(it->second)->GetLabelText();
}

void AuditDetailPane::ShowCopyMenu() {
    wxMenu menu;
    // TRANSLATORS: a context menu item: copies the selected event of the usage history as text.
    menu.Append(wxID_COPY, _("Copy the event's details"));
    menu.Bind(
        wxEVT_MENU,
        [this](wxCommandEvent&) {
            wxClipboardLocker lock;
            if (!!lock) {
                wxTheClipboard->SetData(new wxTextDataObject(m_copyText));
            }
        },
        wxID_COPY);
    PopupMenu(&menu);
}

} // namespace resv::views
