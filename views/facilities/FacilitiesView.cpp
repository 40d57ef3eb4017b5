#include "views/facilities/FacilitiesView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/common/Wrap.h"
#include "views/facilities/FieldMessages.h"
#include "views/facilities/TerminalConfigDialog.h"

#include "resv/model/Time.h"

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/clipbrd.h>
#include <wx/dialog.h>
#include <wx/infobar.h>
#include <wx/msgdlg.h>
#include <wx/srchctrl.h>
#include <wx/simplebook.h>
#include <wx/sizer.h>
#include <wx/statbox.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

enum Image { kJurisdictionImage, kFacilityImage, kOnlineImage, kOfflineImage, kPendingImage,
             kFailedImage };
enum Page { kEmptyPage, kJurisdictionPage, kFacilityPage, kTerminalPage };

class NodeData final : public wxTreeItemData {
public:
    explicit NodeData(NodeRef ref)
        : ref(std::move(ref)) {}
    NodeRef ref;
};

std::string KeyOf(const NodeRef& ref) {
    static const char* const kPrefix[] = {"j:", "f:", "t:"};
    return kPrefix[static_cast<int>(ref.kind)] + ref.id;
}

int ImageOf(TerminalStatus status) {
    switch (status) {
    case TerminalStatus::Online:
        return kOnlineImage;
    case TerminalStatus::Offline:
        return kOfflineImage;
    case TerminalStatus::ConfigPending:
        return kPendingImage;
    case TerminalStatus::ConfigFailed:
        return kFailedImage;
    }
    return kOfflineImage;
}

wxString FacilityCount(int n) {
    // TRANSLATORS: a count in a tree label, e.g. "4 facilities" (ja: 4 施設).
    return wxString::Format(wxPLURAL("%d facility", "%d facilities", n), n);
}

wxString TerminalCount(int n) {
    // TRANSLATORS: a count in a tree label, e.g. "15 terminals" (ja: 15 端末).
    return wxString::Format(wxPLURAL("%d terminal", "%d terminals", n), n);
}

wxString JurisdictionLabel(const model::Jurisdiction& j, int facilities, int terminals) {
    // TRANSLATORS: a jurisdiction in the tree: its name, then its facility and terminal counts.
    return wxString::Format(_("%s (%s, %s)"), FromUtf8(j.name), FacilityCount(facilities),
                            TerminalCount(terminals));
}

wxString FacilityLabel(const model::Facility& f, int terminals) {
    // TRANSLATORS: a facility in the tree: its name and its terminal count.
    return wxString::Format(_("%s (%s)"), FromUtf8(f.name), TerminalCount(terminals));
}

wxString TerminalLabel(const model::Terminal& t) {
    const TerminalStatus status = StatusOf(t);
    // TRANSLATORS: a terminal in the tree: name, IP address and status (so it is not told by
    // the icon alone).
    return wxString::Format(_("%s  %s  [%s]"), FromUtf8(t.name), FromUtf8(t.ipAddress),
                            StatusText(status));
}

wxString ReadOnlyReason() {
    return _("Your role can view facilities and terminals but not change them.");
}

} // namespace

FacilitiesView::FacilitiesView(wxWindow* parent, ISession& session,
                               std::shared_ptr<client::IFacilitiesApi> api,
                               FacilityPermissions permissions, ITaskRunner& runner,
                               IUiDispatcher& ui)
    : wxPanel(parent)
    , m_session(session)
    , m_api(api)
    , m_runner(runner)
    , m_ui(ui)
    , m_presenter(std::move(api), permissions, runner, ui) {
    BuildLayout();
    ApplyPermissions();
    m_presenter.SetCallbacks({
        [this] { SyncTree(); },
        [this] { ShowDraft(); },
        [this](const client::ApiError& error) { ShowError(error); },
        [this](const ShownToken& token) { ShowToken(token); },
    });
    m_refreshTimer.Bind(wxEVT_TIMER, [this](wxTimerEvent&) { m_presenter.Refresh(); });
    ShowDraft();
}

FacilitiesView::~FacilitiesView() {
    m_refreshTimer.Stop();
}

void FacilitiesView::Start() {
    m_presenter.Refresh();
    m_refreshTimer.Start(kRefreshIntervalMs);
}

void FacilitiesView::BuildLayout() {
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(BuildTreeSide(this), wxSizerFlags(2).Expand().Border(wxALL, Px(this, Space::Medium)));
    row->Add(BuildDetailSide(this),
             wxSizerFlags(3).Expand().Border(wxTOP | wxBOTTOM | wxRIGHT, Px(this, Space::Medium)));
    SetSizer(row);
}

wxWindow* FacilitiesView::BuildTreeSide(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_search = new wxSearchCtrl(side, wxID_ANY);
    m_search->ShowCancelButton(true);
    m_search->SetDescriptiveText(_("Search by name, IP address or serial"));
    column->Add(m_search, wxSizerFlags().Expand().Border(wxBOTTOM, Px(side, Space::Small)));

    m_tree = new wxTreeCtrl(side, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                            wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT |
                                wxTR_SINGLE | wxTR_FULL_ROW_HIGHLIGHT | wxBORDER_THEME);
    wxWithImages::Images images;
    for (Icon icon : {Icon::Jurisdiction, Icon::Facility, Icon::TerminalOnline,
                      Icon::TerminalOffline, Icon::TerminalPending, Icon::TerminalFailed}) {
        images.push_back(IconBundle(icon, 16));
    }
    m_tree->SetImages(images);
    m_tree->AddRoot(wxString());
    column->Add(m_tree, wxSizerFlags(1).Expand());

    auto* buttons = new wxGridSizer(2, wxSize(Px(side, Space::Small), Px(side, Space::Small)));
    m_addJurisdiction = new wxButton(side, wxID_ANY, _("Add jurisdiction"));
    m_addFacility = new wxButton(side, wxID_ANY, _("Add facility"));
    m_addTerminal = new wxButton(side, wxID_ANY, _("Add terminal"));
    m_delete = new wxButton(side, wxID_ANY, _("Delete..."));
    for (wxButton* button : {m_addJurisdiction, m_addFacility, m_addTerminal, m_delete}) {
        buttons->Add(button, wxSizerFlags().Expand());
    }
    column->Add(buttons, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Small)));
    // TRANSLATORS: 遠隔設定 in Japanese; opens the remote configuration dialog.
    m_configure = new wxButton(side, wxID_ANY, _("Remote configuration..."));
    m_configure->SetBitmap(IconBundle(Icon::TerminalPending, 16));
    column->Add(m_configure, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Small)));
    side->SetSizer(column);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        m_presenter.SetFilter(ToUtf8(m_search->GetValue()));
    });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) {
        m_search->Clear();
    });
    m_tree->Bind(wxEVT_TREE_SEL_CHANGING, &FacilitiesView::OnSelChanging, this);
    m_tree->Bind(wxEVT_TREE_SEL_CHANGED, &FacilitiesView::OnSelChanged, this);
    m_tree->Bind(wxEVT_TREE_DELETE_ITEM, [this](wxTreeEvent& event) {
        if (const auto ref = RefOf(event.GetItem())) {
            const auto it = m_items.find(KeyOf(*ref));
            if (it != m_items.end() && it->second == event.GetItem()) {
                m_items.erase(it);
            }
        }
    });
    m_addJurisdiction->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAdd(NodeKind::Jurisdiction); });
    m_addFacility->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAdd(NodeKind::Facility); });
    m_addTerminal->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAdd(NodeKind::Terminal); });
    m_delete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDelete(); });
    m_configure->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnConfigure(); });
    return side;
}

wxWindow* FacilitiesView::BuildDetailSide(wxWindow* parent) {
    auto* side = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    m_messages = new wxInfoBar(side);
    column->Add(m_messages, wxSizerFlags().Expand());
    m_title = new wxStaticText(side, wxID_ANY, wxString());
    m_title->SetFont(layout::Emphasized(side, 1.25));
    column->Add(m_title, wxSizerFlags().Expand().Border(wxBOTTOM | wxTOP, Px(side, Space::Medium)));

    m_pages = new wxSimplebook(side);
    auto* empty = new wxPanel(m_pages);
    auto* emptySizer = new wxBoxSizer(wxVERTICAL);
    emptySizer->Add(new wxStaticText(empty, wxID_ANY,
                                     _("Select a jurisdiction, facility or terminal to see and "
                                       "edit its details.")),
                    wxSizerFlags().Expand());
    empty->SetSizer(emptySizer);
    m_pages->AddPage(empty, wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Jurisdiction), wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Facility), wxString());
    m_pages->AddPage(BuildForm(m_pages, NodeKind::Terminal), wxString());
    column->Add(m_pages, wxSizerFlags(1).Expand());

    auto* buttons = new wxBoxSizer(wxHORIZONTAL);
    m_rotate = new wxButton(side, wxID_ANY, _("New device token..."));
    buttons->Add(m_rotate);
    buttons->AddStretchSpacer();
    m_revert = new wxButton(side, wxID_ANY, _("Revert"));
    m_save = new wxButton(side, wxID_ANY, _("Save"));
    buttons->Add(m_revert, wxSizerFlags().Border(wxRIGHT, Px(side, Space::Medium)));
    buttons->Add(m_save);
    column->Add(buttons, wxSizerFlags().Expand().Border(wxTOP, Px(side, Space::Medium)));
    side->SetSizer(column);

    m_save->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Save(); });
    m_revert->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { m_presenter.Revert(); });
    m_rotate->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnRotate(); });
    return side;
}

wxWindow* FacilitiesView::BuildForm(wxWindow* parent, NodeKind kind) {
    auto* page = new wxPanel(parent);
    auto* column = new wxBoxSizer(wxVERTICAL);
    wxFlexGridSizer* grid = layout::NewFormGrid(page);
    switch (kind) {
    case NodeKind::Jurisdiction:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        break;
    case NodeKind::Facility:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        // TRANSLATORS: the jurisdiction a facility belongs to; changing it moves the facility.
        AddChoiceField(page, grid, kind, field::kJurisdictionId, _("Jurisdiction"));
        AddTextField(page, grid, kind, field::kAddress, _("Address"));
        AddTextField(page, grid, kind, field::kPhone, _("Phone"));
        AddTextField(page, grid, kind, field::kNotes, _("Notes"), wxTE_MULTILINE);
        break;
    case NodeKind::Terminal:
        AddTextField(page, grid, kind, field::kName, _("Name"));
        AddChoiceField(page, grid, kind, field::kKind, _("Kind"));
        AddChoiceField(page, grid, kind, field::kFacilityId, _("Facility"));
        AddTextField(page, grid, kind, field::kIpAddress, _("IP address"));
        AddTextField(page, grid, kind, field::kModel, _("Model"));
        AddTextField(page, grid, kind, field::kSerial, _("Serial number"));
        break;
    }
    column->Add(grid, wxSizerFlags().Expand());
    if (kind == NodeKind::Terminal) {
        column->Add(BuildTerminalStatus(page),
                    wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Large)));
    }
    page->SetSizer(column);
    return page;
}

void FacilitiesView::AddTextField(wxWindow* page, wxSizer* grid, NodeKind kind, const char* name,
                                  const wxString& label, long style) {
    grid->Add(new wxStaticText(page, wxID_ANY, label),
              style & wxTE_MULTILINE ? wxSizerFlags().Right().Top() : layout::FormLabel());
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* text = new wxTextCtrl(page, wxID_ANY, wxString(), wxDefaultPosition,
                                style & wxTE_MULTILINE ? page->FromDIP(wxSize(-1, 80))
                                                       : wxDefaultSize,
                                style);
    column->Add(text, wxSizerFlags().Expand());
    auto* error = new wxStaticText(page, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    column->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Small)));
    grid->Add(column, layout::FormField());
    m_fields[{kind, name}] = {kind, text, error};
    const std::string key = name;
    text->Bind(wxEVT_TEXT, [this, text, key](wxCommandEvent&) {
        m_presenter.SetValue(key, ToUtf8(text->GetValue()));
        UpdateButtons();
    });
}

void FacilitiesView::AddChoiceField(wxWindow* page, wxSizer* grid, NodeKind kind,
                                    const char* name, const wxString& label) {
    grid->Add(new wxStaticText(page, wxID_ANY, label), layout::FormLabel());
    auto* column = new wxBoxSizer(wxVERTICAL);
    auto* choice = new wxChoice(page, wxID_ANY);
    column->Add(choice, wxSizerFlags().Expand());
    auto* error = new wxStaticText(page, wxID_ANY, wxString());
    error->SetForegroundColour(wxColour(0xB0, 0x00, 0x20));
    error->Hide();
    column->Add(error, wxSizerFlags().Expand().Border(wxTOP, Px(page, Space::Small)));
    grid->Add(column, layout::FormField());
    m_fields[{kind, name}] = {kind, choice, error};
    const std::string key = name;
    if (key == field::kKind) {
        choice->Append(TerminalKindText(model::TerminalKind::Kiosk));
        choice->Append(TerminalKindText(model::TerminalKind::AgentPc));
    }
    choice->Bind(wxEVT_CHOICE, [this, choice, key](wxCommandEvent&) {
        const int selection = choice->GetSelection();
        if (selection == wxNOT_FOUND) {
            return;
        }
        std::string value;
        if (key == field::kKind) {
            value = selection == 0 ? "kiosk" : "agent_pc";
        } else {
            const auto& ids = m_choiceIds[key == field::kJurisdictionId ? 0 : 1];
            value = ids.at(static_cast<std::size_t>(selection));
        }
        m_presenter.SetValue(key, value);
        UpdateButtons();
    });
}

wxSizer* FacilitiesView::BuildTerminalStatus(wxWindow* parent) {
    auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, _("Status"));
    wxWindow* boxWindow = box->GetStaticBox();
    wxFlexGridSizer* grid = layout::NewFormGrid(boxWindow);
    const std::pair<const char*, wxString> rows[] = {
        {"status", _("Connection")},
        {"state", _("State")},
        // TRANSLATORS: the value is a date and time in Japan Standard Time.
        {"last_seen", _("Last seen (JST)")},
        {"app_version", _("App version")},
        {"ip", _("Reported IP address")},
        // TRANSLATORS: the remote configuration version a terminal should run and runs.
        {"config", _("Configuration")},
    };
    for (const auto& [key, label] : rows) {
        grid->Add(new wxStaticText(boxWindow, wxID_ANY, label), wxSizerFlags().Right().Top());
        auto* value = new wxStaticText(boxWindow, wxID_ANY, wxString());
        grid->Add(value, layout::FormField());
        m_statusRows[key] = value;
    }
    box->Add(grid, layout::Padded(boxWindow, Space::Medium).Expand());
    m_statusBox = boxWindow;
    return box;
}

void FacilitiesView::ApplyPermissions() {
    const FacilityPermissions& p = m_presenter.Permissions();
    for (wxButton* button : {m_addJurisdiction, m_addFacility, m_delete}) {
        if (!p.writeFacilities) {
            button->SetToolTip(ReadOnlyReason());
        }
    }
    if (!p.writeTerminals) {
        m_addTerminal->SetToolTip(ReadOnlyReason());
        m_rotate->SetToolTip(ReadOnlyReason());
    }
    for (auto& [key, row] : m_fields) {
        if (!m_presenter.CanEdit(key.first)) {
            row.control->Enable(false);
            row.control->SetToolTip(ReadOnlyReason());
        }
    }
    if (!p.configure) {
        m_configure->SetToolTip(
            _("Remote configuration is for customer managers and for operators acting in this "
              "tenant."));
    }
}

std::optional<NodeRef> FacilitiesView::RefOf(const wxTreeItemId& item) const {
    if (!item.IsOk()) {
        return std::nullopt;
    }
    const auto* data = dynamic_cast<NodeData*>(m_tree->GetItemData(item));
    return data ? std::optional<NodeRef>(data->ref) : std::nullopt;
}

wxTreeItemId FacilitiesView::ItemOf(const NodeRef& ref) const {
    const auto it = m_items.find(KeyOf(ref));
    return it == m_items.end() ? wxTreeItemId() : it->second;
}

void FacilitiesView::SyncChildren(const wxTreeItemId& parent, const std::vector<NodeRef>& refs,
                                  const std::function<void(std::size_t, const wxTreeItemId&)>& fill) {
    // Children that are no longer wanted go first; the rest are kept (with their expansion)
    // when they are already in order, and re-created where the order changed.
    std::unordered_map<std::string, std::size_t> wanted;
    wanted.reserve(refs.size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
        wanted.emplace(KeyOf(refs[i]), i);
    }
    std::vector<wxTreeItemId> unwanted;
    wxTreeItemIdValue cookie;
    for (wxTreeItemId child = m_tree->GetFirstChild(parent, cookie); child.IsOk();
         child = m_tree->GetNextChild(parent, cookie)) {
        const auto ref = RefOf(child);
        if (!ref || !wanted.contains(KeyOf(*ref))) {
            unwanted.push_back(child);
        }
    }
    for (const wxTreeItemId& item : unwanted) {
        m_tree->Delete(item);
    }
    wxTreeItemId cursor = m_tree->GetFirstChild(parent, cookie);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const std::string key = KeyOf(refs[i]);
        wxTreeItemId item;
        const auto cursorRef = RefOf(cursor);
        if (cursorRef && KeyOf(*cursorRef) == key) {
            item = cursor;
            cursor = m_tree->GetNextSibling(cursor);
        } else {
            const auto existing = m_items.find(key);
            if (existing != m_items.end()) {
                m_tree->Delete(existing->second); // moved or out of order
            }
            item = cursor.IsOk() ? m_tree->InsertItem(parent, i, wxString(), -1, -1,
                                                      new NodeData(refs[i]))
                                 : m_tree->AppendItem(parent, wxString(), -1, -1,
                                                      new NodeData(refs[i]));
            m_items[key] = item;
        }
        fill(i, item);
    }
}

void FacilitiesView::SyncTree() {
    m_syncing = true;
    m_tree->Freeze();
    const FacilityTree& tree = m_presenter.Tree();
    const auto& data = tree.Data();
    auto setItem = [this](const wxTreeItemId& item, const wxString& label, int image) {
        if (m_tree->GetItemText(item) != label) {
            m_tree->SetItemText(item, label);
        }
        if (m_tree->GetItemImage(item) != image) {
            m_tree->SetItemImage(item, image);
        }
    };
    std::vector<NodeRef> roots;
    roots.reserve(tree.Roots().size());
    for (const auto& j : tree.Roots()) {
        roots.push_back({NodeKind::Jurisdiction, data.jurisdictions[j.index].id});
    }
    SyncChildren(m_tree->GetRootItem(), roots, [&](std::size_t ji, const wxTreeItemId& jItem) {
        const auto& jNode = tree.Roots()[ji];
        const model::Jurisdiction& jurisdiction = data.jurisdictions[jNode.index];
        setItem(jItem,
                JurisdictionLabel(jurisdiction, tree.FacilityCountOf(jurisdiction.id),
                                  jNode.terminalCount),
                kJurisdictionImage);
        std::vector<NodeRef> facilities;
        facilities.reserve(jNode.facilities.size());
        for (const auto& f : jNode.facilities) {
            facilities.push_back({NodeKind::Facility, data.facilities[f.index].id});
        }
        SyncChildren(jItem, facilities, [&](std::size_t fi, const wxTreeItemId& fItem) {
            const auto& fNode = jNode.facilities[fi];
            const model::Facility& facility = data.facilities[fNode.index];
            setItem(fItem, FacilityLabel(facility, tree.TerminalCountOfFacility(facility.id)),
                    kFacilityImage);
            std::vector<NodeRef> terminals;
            terminals.reserve(fNode.terminals.size());
            for (const auto& t : fNode.terminals) {
                terminals.push_back({NodeKind::Terminal, data.terminals[t.index].id});
            }
            SyncChildren(fItem, terminals, [&](std::size_t ti, const wxTreeItemId& tItem) {
                const model::Terminal& terminal = data.terminals[fNode.terminals[ti].index];
                setItem(tItem, TerminalLabel(terminal), ImageOf(StatusOf(terminal)));
            });
            if (tree.Filtered() && !terminals.empty()) {
                m_tree->Expand(fItem);
            }
        });
        if (tree.Filtered() && !facilities.empty()) {
            m_tree->Expand(jItem);
        }
    });
    if (const auto& selected = m_presenter.Selected()) {
        const wxTreeItemId item = ItemOf(*selected);
        if (item.IsOk() && m_tree->GetSelection() != item) {
            m_tree->SelectItem(item);
        }
    }
    m_tree->Thaw();
    m_syncing = false;
    m_choicesStale = true;
    ShowDraft();
}

bool FacilitiesView::ConfirmLeavingDraft() {
    const auto& draft = m_presenter.Draft();
    if (!draft || !draft->Dirty()) {
        return true;
    }
    wxMessageDialog ask(this,
                        _("You have changes that are not saved. Discard them?"),
                        _("Unsaved changes"), wxYES_NO | wxCANCEL | wxICON_QUESTION);
    ask.SetYesNoCancelLabels(_("Save"), _("Discard"), wxID_CANCEL);
    switch (ask.ShowModal()) {
    case wxID_YES:
        m_presenter.Save();
        return false;
    case wxID_NO:
        m_presenter.DiscardDraft();
        return true;
    default:
        return false;
    }
}

void FacilitiesView::OnSelChanging(wxTreeEvent& event) {
    if (m_syncing) {
        return;
    }
    if (!ConfirmLeavingDraft()) {
        event.Veto();
    }
}

void FacilitiesView::OnSelChanged(wxTreeEvent& event) {
    if (m_syncing) {
        return;
    }
    m_presenter.Select(RefOf(event.GetItem()));
    UpdateButtons();
}

void FacilitiesView::SelectNode(const NodeRef& ref) {
    const wxTreeItemId item = ItemOf(ref);
    if (item.IsOk()) {
        m_tree->EnsureVisible(item);
        m_tree->SelectItem(item);
    }
}

wxWindow* FacilitiesView::FieldControl(const std::string& name) const {
    const auto& draft = m_presenter.Draft();
    const NodeKind kind = draft ? draft->ref.kind : NodeKind::Jurisdiction;
    const auto it = m_fields.find({kind, name});
    return it == m_fields.end() ? nullptr : it->second.control;
}

wxStaticText* FacilitiesView::FieldError(const std::string& name) const {
    const auto& draft = m_presenter.Draft();
    const NodeKind kind = draft ? draft->ref.kind : NodeKind::Jurisdiction;
    const auto it = m_fields.find({kind, name});
    return it == m_fields.end() ? nullptr : it->second.error;
}

wxButton* FacilitiesView::AddButton(NodeKind kind) const {
    switch (kind) {
    case NodeKind::Jurisdiction:
        return m_addJurisdiction;
    case NodeKind::Facility:
        return m_addFacility;
    case NodeKind::Terminal:
        return m_addTerminal;
    }
    return nullptr;
}

void FacilitiesView::FillChoices(NodeKind kind) {
    if (!m_choicesStale) {
        return;
    }
    m_choicesStale = false;
    const FacilityData& data = m_presenter.Tree().Data();
    auto* jurisdictions = static_cast<wxChoice*>(m_fields[{NodeKind::Facility, field::kJurisdictionId}].control);
    auto* facilities = static_cast<wxChoice*>(m_fields[{NodeKind::Terminal, field::kFacilityId}].control);
    (void)kind;
    wxArrayString labels;
    m_choiceIds[0].clear();
    for (const auto& j : data.jurisdictions) {
        m_choiceIds[0].push_back(j.id);
        labels.push_back(FromUtf8(j.name));
    }
    jurisdictions->Set(labels);
    labels.clear();
    m_choiceIds[1].clear();
    for (const auto& f : data.facilities) {
        m_choiceIds[1].push_back(f.id);
        const model::Jurisdiction* j = m_presenter.Tree().FindJurisdiction(f.jurisdictionId);
        // TRANSLATORS: a facility in a choice list, with its jurisdiction.
        labels.push_back(wxString::Format(_("%s (%s)"), FromUtf8(f.name),
                                          j ? FromUtf8(j->name) : wxString()));
    }
    facilities->Set(labels);
}

void FacilitiesView::ShowDraft() {
    const auto& draft = m_presenter.Draft();
    if (!draft) {
        m_pages->ChangeSelection(kEmptyPage);
        m_title->SetLabel(wxString());
        UpdateButtons();
        return;
    }
    const NodeKind kind = draft->ref.kind;
    m_pages->ChangeSelection(kind == NodeKind::Jurisdiction ? kJurisdictionPage
                             : kind == NodeKind::Facility   ? kFacilityPage
                                                            : kTerminalPage);
    FillChoices(kind);
    if (draft->IsNew()) {
        m_title->SetLabel(kind == NodeKind::Jurisdiction ? _("New jurisdiction")
                          : kind == NodeKind::Facility   ? _("New facility")
                                                         : _("New terminal"));
    } else {
        const wxString what = kind == NodeKind::Jurisdiction ? _("Jurisdiction")
                              : kind == NodeKind::Facility   ? _("Facility")
                                                             : _("Terminal");
        // TRANSLATORS: the detail panel's title: the kind of item, then its name.
        m_title->SetLabel(wxString::Format(_("%s: %s"), what, FromUtf8(m_presenter.NameOf(draft->ref))));
    }
    for (auto& [key, row] : m_fields) {
        if (key.first != kind) {
            continue;
        }
        const std::string value = draft->Value(key.second);
        if (auto* text = dynamic_cast<wxTextCtrl*>(row.control)) {
            if (ToUtf8(text->GetValue()) != value) {
                text->ChangeValue(FromUtf8(value));
            }
        } else if (auto* choice = dynamic_cast<wxChoice*>(row.control)) {
            int selection = wxNOT_FOUND;
            if (key.second == field::kKind) {
                selection = value == "agent_pc" ? 1 : 0;
            } else {
                const auto& ids = m_choiceIds[key.second == field::kJurisdictionId ? 0 : 1];
                const auto it = std::find(ids.begin(), ids.end(), value);
                selection = it == ids.end() ? wxNOT_FOUND : static_cast<int>(it - ids.begin());
            }
            choice->SetSelection(selection);
        }
        const auto error = draft->errors.find(key.second);
        if (error != draft->errors.end()) {
            row.error->SetLabel(FieldErrorText(error->second));
            row.error->Show();
        } else if (row.error->IsShown()) {
            row.error->Hide();
        }
    }
    if (kind == NodeKind::Terminal) {
        ShowTerminalStatus(draft->IsNew() ? nullptr
                                          : m_presenter.Tree().FindTerminal(draft->ref.id));
    }
    m_pages->GetCurrentPage()->Layout();
    UpdateButtons();
}

void FacilitiesView::ShowTerminalStatus(const model::Terminal* terminal) {
    m_statusBox->Show(terminal != nullptr);
    if (!terminal) {
        return;
    }
    const TerminalStatus status = StatusOf(*terminal);
    m_statusRows["status"]->SetLabel(terminal->online ? _("Online") : _("Offline"));
    m_statusRows["state"]->SetLabel(terminal->state ? TerminalStateText(*terminal->state)
                                                    : _("Not reported yet"));
    m_statusRows["last_seen"]->SetLabel(
        terminal->lastSeenAt ? FromUtf8(model::FormatJstDateTime(*terminal->lastSeenAt))
                             : _("Never"));
    m_statusRows["app_version"]->SetLabel(
        terminal->appVersion ? FromUtf8(*terminal->appVersion) : _("Not reported yet"));
    wxString ip = terminal->reportedIp ? FromUtf8(*terminal->reportedIp) : _("Not reported yet");
    if (terminal->ipMismatch) {
        ip = wxString::Format(_("%s - WARNING: differs from the registered address %s. Check "
                                "the terminal's network or correct the registration."),
                              ip, FromUtf8(terminal->ipAddress));
    }
    // Japanese has no spaces to break at: the shared wrapper breaks it by its own rules.
    SetWrappedLabel(*m_statusRows["ip"], ip, m_statusBox->FromDIP(380));
    m_statusRows["ip"]->SetForegroundColour(terminal->ipMismatch ? wxColour(0xB0, 0x00, 0x20)
                                                                 : GetForegroundColour());
    wxString config;
    switch (status == TerminalStatus::ConfigFailed    ? model::ConfigState::Failed
            : status == TerminalStatus::ConfigPending ? model::ConfigState::Pending
                                                      : terminal->configState) {
    case model::ConfigState::Applied:
        config = wxString::Format(_("Version %d applied"), terminal->appliedConfigVersion);
        break;
    case model::ConfigState::Pending:
        config = wxString::Format(_("Version %d pending (the terminal runs version %d)"),
                                  terminal->desiredConfigVersion, terminal->appliedConfigVersion);
        break;
    case model::ConfigState::Failed:
        config = wxString::Format(_("Version %d failed: %s (the terminal runs version %d)"),
                                  terminal->desiredConfigVersion,
                                  FromUtf8(terminal->configError.value_or("")),
                                  terminal->appliedConfigVersion);
        break;
    }
    SetWrappedLabel(*m_statusRows["config"], config, m_statusBox->FromDIP(380));
}

wxString FacilitiesView::TerminalDetailText() const {
    wxString text;
    for (const char* key : {"status", "state", "last_seen", "app_version", "ip", "config"}) {
        wxString row = m_statusRows.at(key)->GetLabel();
        row.Replace(wxS("\n"), wxString()); // undo the wrapping: one row, one line
        text << row << wxS("\n");
    }
    return text;
}

void FacilitiesView::UpdateButtons() {
    const auto& draft = m_presenter.Draft();
    const auto& selected = m_presenter.Selected();
    const FacilityPermissions& p = m_presenter.Permissions();
    const bool busy = m_presenter.Busy();
    const bool editable = draft && m_presenter.CanEdit(draft->ref.kind);
    m_save->Enable(editable && draft->Dirty() && !busy);
    m_revert->Enable(editable && draft->Dirty() && !busy);
    m_save->SetToolTip(draft && !editable ? ReadOnlyReason() : wxString());
    const bool terminalShown = draft && !draft->IsNew() && draft->ref.kind == NodeKind::Terminal;
    m_rotate->Show(terminalShown);
    m_rotate->Enable(terminalShown && p.writeTerminals && !busy);
    m_addJurisdiction->Enable(p.writeFacilities && !busy);
    const bool inJurisdiction = selected.has_value();
    m_addFacility->Enable(p.writeFacilities && inJurisdiction && !busy);
    m_addTerminal->Enable(p.writeTerminals && selected && selected->kind != NodeKind::Jurisdiction &&
                          !busy);
    m_delete->Enable(selected && m_presenter.CanEdit(selected->kind) && !busy);
    m_configure->Enable(selected && p.configure &&
                        !m_presenter.Tree().TerminalIdsUnder(*selected).empty());
    m_rotate->GetParent()->Layout();
}

void FacilitiesView::OnAdd(NodeKind kind) {
    if (!ConfirmLeavingDraft()) {
        return;
    }
    std::string parent;
    const auto& selected = m_presenter.Selected();
    if (selected && kind == NodeKind::Facility) {
        parent = selected->kind == NodeKind::Jurisdiction ? selected->id
                 : selected->kind == NodeKind::Facility
                     ? m_presenter.Tree().FindFacility(selected->id)->jurisdictionId
                     : m_presenter.Tree()
                           .FindFacility(m_presenter.Tree().FindTerminal(selected->id)->facilityId)
                           ->jurisdictionId;
    } else if (selected && kind == NodeKind::Terminal) {
        parent = selected->kind == NodeKind::Facility
                     ? selected->id
                     : m_presenter.Tree().FindTerminal(selected->id)->facilityId;
    }
    if (m_presenter.BeginAdd(kind, parent)) {
        if (auto* name = dynamic_cast<wxTextCtrl*>(FieldControl(field::kName))) {
            name->SetFocus();
        }
    }
}

void FacilitiesView::OnDelete() {
    const auto selected = m_presenter.Selected();
    if (!selected) {
        return;
    }
    const wxString name = FromUtf8(m_presenter.NameOf(*selected));
    wxString question;
    switch (selected->kind) {
    case NodeKind::Jurisdiction:
        question = wxString::Format(_("Delete the jurisdiction \"%s\"?"), name);
        break;
    case NodeKind::Facility:
        question = wxString::Format(_("Delete the facility \"%s\"?"), name);
        break;
    case NodeKind::Terminal:
        question = wxString::Format(
            _("Delete the terminal \"%s\"? Its device token stops working at once."), name);
        break;
    }
    wxMessageDialog ask(this, question, _("Delete"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Delete"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.Delete(*selected);
    }
}

void FacilitiesView::OnConfigure() {
    const auto selected = m_presenter.Selected();
    if (!selected || !ConfirmLeavingDraft()) {
        return;
    }
    ConfigTarget target{*selected, m_presenter.NameOf(*selected),
                        m_presenter.Tree().TerminalIdsUnder(*selected)};
    TerminalConfigDialog dialog(this, m_api, std::move(target), m_runner, m_ui);
    dialog.Start();
    dialog.ShowModal();
    m_presenter.Refresh();
}

void FacilitiesView::OnRotate() {
    const auto& draft = m_presenter.Draft();
    if (!draft || draft->IsNew() || draft->ref.kind != NodeKind::Terminal) {
        return;
    }
    wxMessageDialog ask(this,
                        wxString::Format(_("Issue a new device token for \"%s\"? The current token "
                                           "stops working at once; the terminal needs the new one "
                                           "entered in its settings."),
                                         FromUtf8(m_presenter.NameOf(draft->ref))),
                        _("New device token"), wxYES_NO | wxNO_DEFAULT | wxICON_WARNING);
    ask.SetYesNoLabels(_("Issue new token"), wxID_CANCEL);
    if (ask.ShowModal() == wxID_YES) {
        m_presenter.RotateToken(draft->ref.id);
    }
}

void FacilitiesView::ShowToken(const ShownToken& token) {
    wxDialog dialog(this, wxID_ANY, _("Device token"));
    auto* column = new wxBoxSizer(wxVERTICAL);
    const wxString intro =
        token.created
            ? wxString::Format(_("The terminal \"%s\" has been registered. Enter this device "
                                 "token in the terminal's settings:"),
                               FromUtf8(token.terminalName))
            : wxString::Format(_("New device token for \"%s\". Enter it in the terminal's "
                                 "settings:"),
                               FromUtf8(token.terminalName));
    auto* introText = new wxStaticText(&dialog, wxID_ANY, intro);
    introText->Wrap(dialog.FromDIP(440));
    column->Add(introText, layout::Padded(&dialog, Space::Large, wxLEFT | wxRIGHT | wxTOP));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    auto* value = new wxTextCtrl(&dialog, wxID_ANY, FromUtf8(token.token), wxDefaultPosition,
                                 dialog.FromDIP(wxSize(360, -1)), wxTE_READONLY);
    row->Add(value, wxSizerFlags(1).CenterVertical());
    auto* copy = new wxButton(&dialog, wxID_ANY, _("Copy"));
    row->Add(copy, wxSizerFlags().Border(wxLEFT, Px(&dialog, Space::Medium)));
    column->Add(row, layout::Padded(&dialog, Space::Large).Expand());
    auto* warning = new wxStaticText(
        &dialog, wxID_ANY,
        _("This token will not be shown again. Copy it now; if it is lost, issue a new one."));
    warning->SetFont(layout::Emphasized(&dialog));
    warning->Wrap(dialog.FromDIP(440));
    column->Add(warning, layout::Padded(&dialog, Space::Large, wxLEFT | wxRIGHT | wxBOTTOM));
    column->Add(dialog.CreateSeparatedButtonSizer(wxOK), layout::Padded(&dialog, Space::Large).Expand());
    dialog.SetSizerAndFit(column);
    copy->Bind(wxEVT_BUTTON, [value, copy](wxCommandEvent&) {
        if (wxTheClipboard->Open()) {
            wxTheClipboard->SetData(new wxTextDataObject(value->GetValue()));
            wxTheClipboard->Close();
            copy->SetLabel(_("Copied"));
        }
    });
    dialog.CentreOnParent();
    dialog.ShowModal();
}

void FacilitiesView::ShowError(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_refreshTimer.Stop();
        m_session.Expired(error);
        return;
    }
    m_messages->ShowMessage(DescribeError(error).Full(), wxICON_WARNING);
}

} // namespace resv::views
