#include "views/facilities/FacilitiesView.h"

#include "views/common/ApiErrors.h"
#include "views/common/ErrorMessages.h"
#include "views/common/Icons.h"
#include "views/common/Layout.h"
#include "views/common/Text.h"
#include "views/facilities/FieldMessages.h"

#include <wx/button.h>
#include <wx/infobar.h>
#include <wx/sizer.h>
#include <wx/splitter.h>
#include <wx/srchctrl.h>

// The panel itself and its left side: the jurisdiction/facility/terminal tree, its search and
// the buttons under it, and keeping the tree in step with the presenter. The detail forms are in
// FacilitiesViewDetail.cpp; the actions and their dialogs in FacilitiesViewActions.cpp.

namespace resv::views {
namespace {

using layout::Px;
using layout::Space;

enum Image {
    kJurisdictionImage,
    kFacilityImage,
    kOnlineImage,
    kOfflineImage,
    kPendingImage,
    kFailedImage
};

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

/// The status in a few letters: the tree is narrow, and the detail panel spells it out.
wxString ShortStatusText(TerminalStatus status) {
    switch (status) {
    case TerminalStatus::Online:
        return _("Online");
    case TerminalStatus::Offline:
        return _("Offline");
    case TerminalStatus::ConfigPending:
        // TRANSLATORS: short tree tag of a terminal whose new configuration is not applied yet.
        return _("Pending");
    case TerminalStatus::ConfigFailed:
        // TRANSLATORS: short tree tag of a terminal that could not apply its configuration.
        return _("Config failed");
    }
    return {};
}

wxString TerminalLabel(const model::Terminal& t) {
    // TRANSLATORS: a terminal in the tree: name, IP address and status (so it is not told by
    // the icon alone).
    return wxString::Format(_("%s  %s  [%s]"), FromUtf8(t.name), FromUtf8(t.ipAddress),
                            ShortStatusText(StatusOf(t)));
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
    // A splitter, so a long terminal label can be uncovered by dragging; the tree starts wide
    // enough for "name  IP  [status]" three levels deep, and both sides keep a usable minimum.
    m_splitter = new wxSplitterWindow(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                                      wxSP_LIVE_UPDATE | wxSP_NOBORDER);
    m_splitter->SetMinimumPaneSize(FromDIP(kMinPaneWidth));
    m_splitter->SetSashGravity(0.0); // a wider window widens the forms; the tree keeps its size
    m_splitter->SplitVertically(BuildTreeSide(m_splitter), BuildDetailSide(m_splitter),
                                FromDIP(kTreeWidth));
    auto* row = new wxBoxSizer(wxHORIZONTAL);
    row->Add(m_splitter, wxSizerFlags(1).Expand().Border(wxALL, Px(this, Space::Medium)));
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
                            wxTR_HAS_BUTTONS | wxTR_HIDE_ROOT | wxTR_LINES_AT_ROOT | wxTR_SINGLE |
                                wxTR_FULL_ROW_HIGHLIGHT | wxBORDER_THEME);
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
    auto* padded = new wxBoxSizer(wxVERTICAL); // clear of the splitter's sash
    padded->Add(column, wxSizerFlags(1).Expand().Border(wxRIGHT, Px(side, Space::Medium)));
    side->SetSizer(padded);

    m_search->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
        m_presenter.SetFilter(ToUtf8(m_search->GetValue()));
    });
    m_search->Bind(wxEVT_SEARCHCTRL_CANCEL_BTN, [this](wxCommandEvent&) { m_search->Clear(); });
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
    m_addJurisdiction->Bind(wxEVT_BUTTON,
                            [this](wxCommandEvent&) { OnAdd(NodeKind::Jurisdiction); });
    m_addFacility->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAdd(NodeKind::Facility); });
    m_addTerminal->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnAdd(NodeKind::Terminal); });
    m_delete->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnDelete(); });
    m_configure->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { OnConfigure(); });
    return side;
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

void FacilitiesView::SyncChildren(
    const wxTreeItemId& parent, const std::vector<NodeRef>& refs,
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
            item = cursor.IsOk()
                       ? m_tree->InsertItem(parent, i, wxString(), -1, -1, new NodeData(refs[i]))
                       : m_tree->AppendItem(parent, wxString(), -1, -1, new NodeData(refs[i]));
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

void FacilitiesView::ShowError(const client::ApiError& error) {
    if (EndsSession(error)) {
        m_refreshTimer.Stop();
        m_session.Expired(error);
        return;
    }
    m_messages->ShowMessage(DescribeError(error).Full(), wxICON_WARNING);
}

} // namespace resv::views
