// The Usage history screen against the real in-process resv-server, reached through the
// console's navigation after logging in as the demo's manager: filtered to the server's JST day
// and to one user (typed, Enter), a change's before and after in the detail pane, and the CSV
// export of exactly those rows, read back from the file.
#include "GuiSupport.h"
#include "ServerLogin.h"
#include "TestServer.h"

#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/Shell.h"
#include "views/usage/AuditDetailPane.h"
#include "views/usage/AuditEventList.h"
#include "views/usage/AuditWords.h"
#include "views/usage/UsageHistoryView.h"

#include "resv/client/ApiClient.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/datectrl.h>
#include <wx/filedlg.h>
#include <wx/infobar.h>
#include <wx/listbook.h>
#include <wx/modalhook.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include <fstream>
#include <sstream>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;

namespace {

/// Closes the export's file dialog, noting that it was offered: GTK's chooser gives no path
/// unless a person used it, so the test exports to its own path with ExportTo.
class CancelFileDialog final : public wxModalDialogHook {
public:
    CancelFileDialog() { Register(); }
    ~CancelFileDialog() override { Unregister(); }
    wxString offeredName;

    int Enter(wxDialog* dialog) override {
        auto* files = dynamic_cast<wxFileDialog*>(dialog);
        REQUIRE(files != nullptr);
        offeredName = files->GetFilename();
        return wxID_CANCEL;
    }
    void Exit(wxDialog*) override {}
};

bool IsBold(wxListView* list, long row) {
    const wxFont font = list->GetItemFont(row);
    return font.IsOk() && font.GetWeight() == wxFONTWEIGHT_BOLD;
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find("\r\n", start);
        lines.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) {
            break;
        }
        start = end + 2;
    }
    return lines;
}

} // namespace

TEST_CASE("the manager filters the usage history to a day and a user, opens a change and "
          "exports it",
          "[gui][usage][server]") {
    UseTestLanguage("en");
    // A change with a before and an after, made from another PC.
    auto other = LoggedInClient("manager", kManagerPassword);
    model::AccountInput input;
    input.loginId = "usage.gui";
    input.displayName = "Usage Before";
    input.roles = {"customeremployee"};
    input.scope.all = true;
    const model::AccountCreated created = other->CreateAccount(input);
    model::AccountPatch patch;
    patch.displayName = "Usage After";
    other->UpdateAccount(created.account.id, patch);
    const JstDate serverDay = JstDateOf(TestServer::Shared().Clock().Now());

    test::MemorySettings settings;
    console::Shell shell({TestServer::Shared().Url(), TestServer::Shared().CaFile()}, settings);
    console::MainFrame* frame = LogInAsManager(shell);
    UsageHistoryView* view = frame->UsageHistory();
    REQUIRE(view != nullptr); // the manager's /me holds usage.read
    frame->Navigation()->SetSelection(static_cast<size_t>(frame->Navigation()->FindPage(view)));
    const auto ready = [&] {
        return view->Presenter().State() == UsageHistoryPresenter::ListState::Ready;
    };
    REQUIRE(WaitUntil(ready));
    CHECK(view->ExportButton()->IsEnabled()); // the customer manager holds usage.export

    // The server's JST day, chosen in the pickers, and the manager's login ID typed, Enter.
    view->PresetChoice()->SetSelection(4); // Custom dates
    const wxDateTime day(
        static_cast<wxDateTime::wxDateTime_t>(static_cast<unsigned>(serverDay.day())),
        static_cast<wxDateTime::Month>(static_cast<unsigned>(serverDay.month()) - 1),
        static_cast<int>(serverDay.year()));
    view->FromDate()->SetValue(day);
    view->ToDate()->SetValue(day);
    TypeInto(view->UserField(), "manager");
    wxUIActionSimulator().Char(WXK_RETURN);
    REQUIRE(WaitUntil([&] { return view->Presenter().AppliedFilters().user == "manager"; }));
    REQUIRE(WaitUntil(ready));
    const auto& query = view->Presenter().Query();
    REQUIRE(query.from);
    CHECK(*query.from == ToUtcRange({serverDay, serverDay}).from);
    CHECK(query.actor == "manager");
    const std::size_t rows = view->Presenter().RowCount();
    REQUIRE(rows >= 3); // logins, the creation and the change at least
    REQUIRE(WaitUntil([&] {
        for (std::size_t i = 0; i < std::min<std::size_t>(rows, 20); ++i) {
            if (view->Presenter().Row(i).event == nullptr) {
                return false;
            }
        }
        return true;
    }));
    long change = -1;
    for (std::size_t i = 0; i < std::min<std::size_t>(rows, 20); ++i) {
        const model::AuditEvent* event = view->Presenter().Row(i).event;
        CHECK(event->actor.loginId == "manager");
        CHECK(model::FormatJstDateTime(event->at).rfind(FormatJstDate(serverDay), 0) == 0);
        if (change < 0 && event->action == "account.update" && event->target &&
            event->target->id == created.account.id) {
            change = static_cast<long>(i);
        }
    }
    REQUIRE(change >= 0);

    // The change's detail: the display name before and after.
    view->SelectRow(change);
    REQUIRE(WaitUntil([&] { return view->Presenter().Selected() != nullptr; }));
    wxListView* changes = view->Detail()->Changes();
    long nameRow = -1;
    for (long i = 0; i < changes->GetItemCount(); ++i) {
        if (changes->GetItemText(i, 1) == wxS("Usage Before")) {
            nameRow = i;
        }
    }
    REQUIRE(nameRow >= 0);
    CHECK(changes->GetItemText(nameRow, 2) == wxS("Usage After"));
    CHECK(IsBold(changes, nameRow));
    Settle();
    Screenshot(frame, "usage-server-en");

    // Export: exactly the rows the list shows, UTF-8 with a BOM, times in +09:00.
    const std::filesystem::path file =
        std::filesystem::temp_directory_path() / "resv-usage-server-export.csv";
    std::filesystem::remove(file);
    {
        CancelFileDialog dialog;
        Click(view->ExportButton());
        REQUIRE(WaitUntil([&] { return !dialog.offeredName.empty(); }));
        CHECK(dialog.offeredName.StartsWith(wxS("usage-history-")));
    }
    view->ExportTo(wxString::FromUTF8(file.string()), UsageHistoryView::EncodingOfFileType(0));
    REQUIRE(WaitUntil([&] {
        return view->ExportProgress() == nullptr && !view->Presenter().Exporting() &&
               view->Messages()->IsShown();
    }));
    INFO(view->LastMessage().utf8_string());
    REQUIRE(std::filesystem::exists(file));
    std::ifstream in(file, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    const std::string csv = content.str();
    REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
    const auto lines = Lines(csv.substr(3));
    REQUIRE(!lines.empty());
    CHECK(lines[0] == "sequence,at,actor_login_id,actor_display_name,actor_role,source_ip,action,"
                      "target_type,target_id,target_label,result,details,hash");
    std::size_t dataLines = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        if (lines[i].empty()) {
            continue;
        }
        ++dataLines;
        CHECK(lines[i].find(",manager,") != std::string::npos);
        CHECK(lines[i].find("+09:00") != std::string::npos);
    }
    CHECK(dataLines == rows);
    CHECK(csv.find("account.update") != std::string::npos);
    CHECK(csv.find("Usage After") != std::string::npos);
    std::filesystem::remove(file);

    shell.CloseAll();
    REQUIRE(WaitUntil([&] { return !shell.Login() && !shell.Main(); }));
}
