// The password change dialog under a display, over fakes on the real worker thread: the policy
// shown, a short password refused as it is typed, a common one refused by the "server" next to
// the field, then a good one accepted with a fresh /me; Cancel reports back.
#include "GuiSupport.h"

#include "../FakePermissionsApi.h"
#include "../Fakes.h"
#include "console/WxDispatcher.h"
#include "views/login/PasswordChangeDialog.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakePermissionsApi;

namespace {

struct Dialog {
    std::shared_ptr<FakePermissionsApi> api = std::make_shared<FakePermissionsApi>();
    std::shared_ptr<test::FakeApiClient> client = std::make_shared<test::FakeApiClient>();
    WorkerThread runner;
    console::WxDispatcher ui;
    std::optional<model::Me> changed;
    int cancelled = 0;
    PasswordChangeDialog* dialog = nullptr;

    explicit Dialog(PasswordChangeDialog::Mode mode) {
        client->onGetMe = [] {
            model::Me me = test::SampleMe();
            me.loginId = "tanaka";
            return me;
        };
        auto presenter =
            std::make_unique<PasswordChangePresenter>(api, client, "tanaka", runner, ui);
        dialog = new PasswordChangeDialog(
            nullptr, std::move(presenter), mode,
            {[this](const model::Me& me) { changed = me; }, [this] { ++cancelled; }});
        dialog->Show();
        dialog->Raise();
        Settle();
    }
    ~Dialog() {
        runner.Stop();
        if (!wxTopLevelWindows.empty()) {
            dialog->Destroy();
        }
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }

    wxString Issue(PasswordField field) const {
        wxStaticText* text = dialog->IssueText(field);
        return text->IsShown() ? Unwrapped(text->GetLabelText()) : wxString();
    }
};

} // namespace

TEST_CASE("the forced password change refuses a weak password and accepts a good one",
          "[gui][password]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Dialog d(PasswordChangeDialog::Mode::Forced);
    PasswordChangeDialog* dialog = d.dialog;

    TypeInto(dialog->FieldCtrl(PasswordField::Current), "Ichiji-Pass#01");
    TypeInto(dialog->FieldCtrl(PasswordField::New), "short");
    REQUIRE(WaitUntil([&] { return !d.Issue(PasswordField::New).empty(); }));
    CHECK(d.Issue(PasswordField::New) == Unwrapped(PasswordChangeDialog::IssueMessage(
                                             PasswordField::New, PasswordIssue::TooShort)));

    TypeInto(dialog->FieldCtrl(PasswordField::New), "my password 2026");
    TypeInto(dialog->FieldCtrl(PasswordField::Confirm), "my password 2026");
    CHECK(d.Issue(PasswordField::New).empty());
    CHECK(d.Issue(PasswordField::Confirm).empty());
    Click(dialog->ChangeButton());
    REQUIRE(WaitUntil([&] { return !d.Issue(PasswordField::New).empty(); }));
    CHECK(d.Issue(PasswordField::New) == Unwrapped(PasswordChangeDialog::IssueMessage(
                                             PasswordField::New, PasswordIssue::CommonPassword)));
    CHECK_FALSE(d.changed);
    Settle();
    Screenshot(dialog, "password-change-weak-" + lang);

    TypeInto(dialog->FieldCtrl(PasswordField::New), "Kawa no nagare 2026");
    TypeInto(dialog->FieldCtrl(PasswordField::Confirm), "Kawa no nagare 202");
    REQUIRE(WaitUntil([&] { return !d.Issue(PasswordField::Confirm).empty(); }));
    TypeInto(dialog->FieldCtrl(PasswordField::Confirm), "Kawa no nagare 2026");
    CHECK(d.Issue(PasswordField::Confirm).empty());
    Click(dialog->ChangeButton());
    REQUIRE(WaitUntil([&] { return d.changed.has_value(); }));
    CHECK(d.changed->loginId == "tanaka");
    CHECK(d.api->password == "Kawa no nagare 2026");
    CHECK(d.client->meCalls == 1);
    CHECK(WaitUntil([] { return wxTopLevelWindows.empty(); })); // it closed itself
}

TEST_CASE("cancelling the password change reports back and closes", "[gui][password]") {
    UseTestLanguage("en");
    Dialog d(PasswordChangeDialog::Mode::Voluntary);
    Click(d.dialog->CancelButton());
    REQUIRE(WaitUntil([&] { return d.cancelled == 1; }));
    CHECK(d.api->passwordChanges.empty());
    CHECK(WaitUntil([] { return wxTopLevelWindows.empty(); }));
}
