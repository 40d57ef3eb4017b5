// The Accounts screen under a display, over a fake API on the real worker thread: an account
// created through the dialog's controls (errors next to the fields first), disabled after a
// confirmation naming it, its password reset with the one-time password shown once; the
// import preview; read-only roles. Modal dialogs are driven from a wxModalDialogHook.
#include "GuiSupport.h"

#include "../FakeAccountsApi.h"
#include "../FakeFacilitiesApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/accounts/AccountDialog.h"
#include "views/accounts/AccountList.h"
#include "views/accounts/AccountWords.h"
#include "views/accounts/AccountsDialogs.h"
#include "views/accounts/AccountsView.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checklst.h>
#include <wx/frame.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <deque>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakeAccountsApi;

namespace {

/// Answers the modal dialogs the screen opens, in order: a step returns the dialog's result
/// without showing it (message and file dialogs), or wxID_NONE to let it show and drive it from
/// `drive`, which runs inside the dialog's own event loop.
class DialogScript final : public wxModalDialogHook {
public:
    struct Step {
        std::function<int(wxDialog*)> enter;
        std::function<void(wxDialog*)> drive;
    };

    DialogScript() { Register(); }
    ~DialogScript() override { Unregister(); }

    void Then(Step step) { m_steps.push_back(std::move(step)); }
    bool Done() const { return m_steps.empty() && m_open == 0; }
    std::vector<wxString> messages; ///< what the message dialogs asked

    int Enter(wxDialog* dialog) override {
        if (auto* message = dynamic_cast<wxMessageDialog*>(dialog)) {
            messages.push_back(message->GetMessage());
        }
        if (m_steps.empty()) {
            FAIL_CHECK("an unexpected modal dialog: " << dialog->GetTitle().utf8_string());
            return wxID_CANCEL;
        }
        Step step = std::move(m_steps.front());
        m_steps.pop_front();
        const int answer = step.enter ? step.enter(dialog) : wxID_NONE;
        if (answer == wxID_NONE && step.drive) {
            ++m_open;
            wxTheApp->CallAfter([dialog, drive = step.drive] { drive(dialog); });
        }
        return answer;
    }
    void Exit(wxDialog*) override {
        if (m_open > 0) {
            --m_open;
        }
    }

private:
    std::deque<Step> m_steps;
    int m_open = 0;
};

DialogScript::Step Answer(int id) {
    return {[id](wxDialog*) { return id; }, {}};
}

struct Screen {
    std::shared_ptr<FakeAccountsApi> api = std::make_shared<FakeAccountsApi>();
    std::shared_ptr<test::FakeFacilitiesApi> facilities =
        std::make_shared<test::FakeFacilitiesApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session{std::make_shared<test::FakeApiClient>(), test::SampleMe()};
    wxFrame* frame = nullptr;
    AccountsView* view = nullptr;

    explicit Screen(AccountPermissions permissions = {true, true}) {
        test::FillAccounts(*api, 40);
        api->accounts[0].displayName =
            "\xe5\xb1\xb1\xe7\x94\xb0 \xe8\x8a\xb1\xe5\xad\x90"; // 山田 花子
        api->accounts[0].lastLoginAt = test::SampleTime();
        api->accounts[1].displayName =
            "\xe9\x88\xb4\xe6\x9c\xa8 \xe5\xa4\xaa\xe9\x83\x8e"; // 鈴木 太郎
        api->accounts[1].status = model::AccountStatus::Locked;
        api->accounts[1].lockedUntil = test::SampleTime();
        api->accounts[1].scope = {false, {"jur_tokyo", "jur_osaka"}, {"a", "b", "c"}};
        api->accounts[2].status = model::AccountStatus::Disabled;
        api->accounts[2].roles = {"customermanager_viewer", "Front desk"};
        test::FillSample(*facilities);
        facilities->jurisdictions[0].name =
            "\xe6\x9d\xb1\xe4\xba\xac\xe7\xae\xa1\xe8\xbd\x84"; // 東京管轄
        frame = new wxFrame(nullptr, wxID_ANY, wxS("accounts"));
        view = new AccountsView(frame, session, api, facilities, permissions, runner, ui);
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        frame->SetClientSize(frame->FromDIP(wxSize(1100, 640)));
        frame->Show();
        view->Start();
        REQUIRE(WaitUntil([&] { return view->Presenter().RowCount() == 40; }));
        Settle();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }
    wxString Cell(const std::string& id, int column) const {
        const auto row = view->Presenter().IndexOf(id);
        return row ? view->List()->GetItemText(static_cast<long>(*row), column) : wxString();
    }
};

void CheckRole(wxCheckListBox* roles, int index) {
    roles->Check(index);
    wxCommandEvent event(wxEVT_CHECKLISTBOX, roles->GetId());
    event.SetInt(index);
    event.SetEventObject(roles);
    roles->ProcessWindowEvent(event);
}

} // namespace

TEST_CASE("create an account through the dialog, disable it, reset its password",
          "[gui][accounts]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    CHECK(s.Cell("acc_2", AccountList::kStatus).Contains(wxS("17:10 JST")));
    CHECK(s.Cell("acc_2", AccountList::kScope) ==
          ScopeText({false, {"j1", "j2"}, {"f1", "f2", "f3"}}));
    CHECK(s.Cell("acc_1", AccountList::kLastLogin) == wxS("2026-11-25 17:10:49"));
    CHECK(s.Cell("acc_3", AccountList::kRoles).Contains(wxS("Front desk")));
    s.frame->Refresh(); // nothing of the previous language's window may show through
    Settle(std::chrono::milliseconds(600));
    Screenshot(s.frame, "accounts-list-" + lang);

    DialogScript script;
    bool dialogChecked = false;
    script.Then({{}, [&](wxDialog* d) {
                     auto* dialog = dynamic_cast<AccountDialog*>(d);
                     REQUIRE(dialog);
                     REQUIRE(WaitUntil([&] { return dialog->Presenter().ScopeLoaded(); }));
                     TypeInto(dialog->LoginIdField(), "Sato Ichiro");
                     CHECK(dialog->LoginIdField()->GetValue() == wxS("sato ichiro"));
                     Click(dialog->ChosenScope());
                     Click(dialog->SaveButton());
                     REQUIRE(WaitUntil([&] { return !dialog->ErrorShown("login_id").empty(); }));
                     CHECK_FALSE(dialog->ErrorShown("display_name").empty());
                     CHECK_FALSE(dialog->ErrorShown("roles").empty());
                     CHECK_FALSE(dialog->ErrorShown("scope").empty());
                     Settle();
                     Screenshot(dialog, "account-dialog-errors-" + lang);

                     TypeInto(dialog->LoginIdField(), "Sato.Ichiro");
                     dialog->DisplayNameField()->SetValue(
                         wxString::FromUTF8("\xe4\xbd\x90\xe8\x97\xa4 \xe4\xb8\x80\xe9\x83\x8e"));
                     TypeInto(dialog->EmailField(), "sato@example.jp");
                     CheckRole(dialog->RolesList(), 2); // customeremployee
                     dialog->CheckScope("jur_tokyo", true);
                     dialog->CheckScope("fac_ueno", false); // Shinjuku stays, on its own
                     REQUIRE(WaitUntil([&] { return dialog->ErrorShown("login_id").empty(); }));
                     Settle();
                     Screenshot(dialog, "account-dialog-" + lang);
                     dialogChecked = true;
                     Click(dialog->SaveButton());
                 }});
    wxString shownPassword;
    const auto readPassword = [&](const std::string& shot) {
        return DialogScript::Step{{}, [&, shot](wxDialog* d) {
                                      auto* dialog = dynamic_cast<OneTimePasswordDialog*>(d);
                                      REQUIRE(dialog);
                                      shownPassword = dialog->Password()->GetValue();
                                      Settle();
                                      Screenshot(dialog, shot);
                                      dialog->EndModal(wxID_OK);
                                  }};
    };
    script.Then(readPassword("account-otp-created-" + lang));
    Click(s.view->Button(AccountAction::New));
    REQUIRE(WaitUntil([&] { return script.Done(); }));
    CHECK(dialogChecked);
    CHECK(shownPassword == wxS("otp-sato.ichiro"));
    const model::Account* created = s.api->Find("acc_1000");
    REQUIRE(created);
    CHECK(created->loginId == "sato.ichiro");
    CHECK(created->email == std::optional<std::string>("sato@example.jp"));
    CHECK(created->roles == std::vector<std::string>{"customeremployee"});
    CHECK(created->scope == model::Scope{false, {}, {"fac_shinjuku"}});
    CHECK(s.view->Presenter().SelectedId() == std::optional<std::string>("acc_1000"));

    // Disable: the confirmation names the account; the row says so and the button turns to Enable.
    script.Then(Answer(wxID_YES));
    Click(s.view->Button(AccountAction::Disable));
    REQUIRE(WaitUntil(
        [&] { return s.view->Presenter().Selected()->status == model::AccountStatus::Disabled; }));
    REQUIRE(script.messages.size() == 1);
    CHECK(script.messages[0].Contains(wxS("sato.ichiro")));
    CHECK(script.messages[0].Contains(wxString::FromUTF8("\xe4\xbd\x90\xe8\x97\xa4")));
    CHECK(s.Cell("acc_1000", AccountList::kStatus) ==
          AccountStatusName(model::AccountStatus::Disabled));
    CHECK(s.view->Button(AccountAction::Disable)->GetLabel() == _("Enable"));

    // Reset password: confirmed, then the one-time password once.
    script.Then(Answer(wxID_YES));
    script.Then(readPassword("account-otp-reset-" + lang));
    Click(s.view->Button(AccountAction::ResetPassword));
    REQUIRE(WaitUntil([&] { return script.Done() && !s.view->Presenter().Busy(); }));
    CHECK(shownPassword == wxS("reset-sato.ichiro"));
    CHECK(script.messages.size() == 2);
    Settle();
    Screenshot(s.frame, "accounts-after-actions-" + lang);
}

TEST_CASE("import: every row previewed before Apply, the passwords' file is asked for",
          "[gui][accounts]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s;
    s.api->importAnswer.valid = 2;
    s.api->importAnswer.rows = {{2, "kato", "valid", {}, {}, {}}, {3, "ito", "valid", {}, {}, {}}};
    DialogScript script;
    script.Then({{}, [&](wxDialog* d) {
                     auto* dialog = dynamic_cast<ImportPreviewDialog*>(d);
                     REQUIRE(dialog);
                     CHECK(dialog->Rows()->GetItemCount() == 2);
                     CHECK(dialog->Rows()->GetItemText(1, 1) == wxS("ito"));
                     CHECK(dialog->ApplyButton()->IsEnabled());
                     Settle();
                     Screenshot(dialog, "accounts-import-preview-" + lang);
                     Click(dialog->ApplyButton());
                 }});
    script.Then(Answer(wxID_CANCEL)); // the file dialog for the passwords: not saved...
    script.Then(Answer(wxID_YES));    // ...and the warning that they are lost: accepted
    s.view->Presenter().CheckImport("login_id,display_name,email,roles,jurisdictions,facilities\n"
                                    "kato,Kato,,customeremployee,,\nito,Ito,,customeremployee,,\n");
    REQUIRE(WaitUntil([&] { return script.Done(); }));
    const auto calls = s.api->Calls();
    CHECK(std::count(calls.begin(), calls.end(), "ImportAccountsCsv dry") == 1);
    CHECK(std::count(calls.begin(), calls.end(), "ImportAccountsCsv real") == 1);
    REQUIRE(script.messages.size() == 1);
    CHECK_FALSE(script.messages[0].empty()); // the passwords would be lost: said before going on
}

TEST_CASE("read-only roles see the accounts with every action disabled and why",
          "[gui][accounts]") {
    UseTestLanguage("en");
    Screen s({true, false});
    s.view->SelectAccount("acc_2");
    Settle();
    for (auto action : {AccountAction::New, AccountAction::Edit, AccountAction::Disable,
                        AccountAction::Delete, AccountAction::Import}) {
        CHECK_FALSE(s.view->Button(action)->IsEnabled());
        CHECK(s.view->Button(action)->GetToolTipText() == UnavailableText(Unavailable::ReadOnly));
    }
    CHECK(s.view->StatusLine()->GetLabel().Contains(wxS("40")));
}

TEST_CASE("an import the server cannot read, and its row errors, are put in words",
          "[gui][accounts][import]") {
    UseTestLanguage("en");
    const auto problem = [](const std::string& field, const std::string& code) {
        model::Problem p;
        p.status = 400;
        p.code = "invalid_field";
        p.errors = {{field, code, "technical"}};
        return client::ApiError(p);
    };
    CHECK(DescribeImportError(problem("header", "missing_column")).what ==
          _("The first line of the file does not name the columns of the template."));
    CHECK(DescribeImportError(problem("file", "too_many_rows")).what ==
          _("The file has too many accounts to import at once."));
    CHECK(DescribeImportError(problem("file", "no_rows")).what ==
          _("The file has no accounts to import."));
    CHECK(DescribeImportError(problem("file", "invalid_csv")).what ==
          _("The file cannot be read as CSV."));
    // A real run refused because of its rows is still said as such.
    CHECK(DescribeImportError(problem("rows[3].login_id", "exists")).what ==
          _("Some rows were not accepted, so nothing was created."));

    CHECK(ImportErrorsText({{"login_id", "duplicate", ""}}) ==
          _("An earlier line of the file has the same login ID."));
    CHECK(ImportErrorsText({{"facilities[0]", "ambiguous", ""}})
              .StartsWith(_("Several facilities have this name")));
    CHECK(ImportErrorsText({{"login_id", "exists", ""}, {"roles[1]", "not_found", ""}}) ==
          _("This login ID already exists.") + _("; ") +
              _("A role of this name does not exist."));
}
