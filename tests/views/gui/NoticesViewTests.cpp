// The Notices screen under a display, over a fake API on the real worker thread: an incident
// acknowledged with a click (the button then disabled, the account under "Acknowledged by", the
// navigation's badge one less), the designated contacts with their errors on the right rows and
// the unsaved-changes question, and the operator's editor refused for the 7-day rule, then
// published as an emergency. Screenshots in Japanese and English.
#include "GuiSupport.h"

#include "../FakeNoticesApi.h"
#include "../Fakes.h"
#include "console/MainFrame.h"
#include "console/WxDispatcher.h"
#include "views/common/Words.h"
#include "views/notices/ContactsDialog.h"
#include "views/notices/NoticeDetailPane.h"
#include "views/notices/NoticeWords.h"
#include "views/notices/NoticesView.h"
#include "views/notices/PublishDialog.h"

#include <catch2/catch.hpp>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/checklst.h>
#include <wx/frame.h>
#include <wx/listbook.h>
#include <wx/listctrl.h>
#include <wx/modalhook.h>
#include <wx/msgdlg.h>
#include <wx/sizer.h>
#include <wx/stattext.h>
#include <wx/textctrl.h>

#include <deque>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using test::FakeNoticesApi;

namespace {

/// Answers the modal dialogs in order: `enter` returns the result without showing (message
/// dialogs) or wxID_NONE to show it and run `drive` inside its event loop.
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
    std::vector<wxString> messages;

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

client::ApiError FieldProblem(const std::string& field, const std::string& code) {
    model::Problem problem;
    problem.status = 400;
    problem.code = "invalid_field";
    problem.title = "invalid_field";
    problem.errors = {{field, code, code}};
    return client::ApiError(problem);
}

model::Me MeWith(std::vector<std::string> permissions) {
    model::Me me = test::SampleMe();
    me.permissions = std::move(permissions);
    return me;
}

struct Screen {
    std::shared_ptr<FakeNoticesApi> api = std::make_shared<FakeNoticesApi>();
    WorkerThread runner;
    console::WxDispatcher ui;
    test::FakeSession session;
    wxFrame* frame = nullptr;
    NoticesView* view = nullptr;
    wxString badge;

    explicit Screen(model::Me me)
        : session(std::make_shared<test::FakeApiClient>(), me) {
        api->now = model::Now();
        api->incidents = {test::SampleIncident("inc_1", api->now, 80),
                          test::SampleIncident("inc_2", api->now, 2)};
        api->incidents[0].title =
            "\xe7\xab\xaf\xe6\x9c\xab\xe3\x81\x8c\xe6\x8e\xa5\xe7\xb6\x9a\xe3\x81\xa7\xe3\x81\x8d"
            "\xe3\x81\xaa\xe3\x81\x84"; // 端末が接続できない
        api->incidents[0].overdue = true;
        api->incidents[0].notifiedAt.reset();
        api->incidents[1].status = model::IncidentStatus::Resolved;
        api->incidents[1].acknowledged = true;
        api->incidents[1].acknowledgements = {
            {"acc_7", "suzuki", "\xe9\x88\xb4\xe6\x9c\xa8 \xe5\xa4\xaa\xe9\x83\x8e", api->now}};
        api->notices = {
            test::SampleNotice("ntc_1", api->now, 30),
            test::SampleNotice("ntc_2", api->now, 200, model::NoticeKind::Vulnerability)};
        api->notices[1].title = "OpenSSL update";
        api->contacts.emails = {"ops@example.jp"};
        api->tenants = {{"demo", "Demo Hotel Group"}, {"kyoto", "Kyoto Inn"}};
        frame = new wxFrame(nullptr, wxID_ANY, wxS("notices"));
        view = new NoticesView(frame, session, api, NoticePermissionsFor(session.Me()), runner, ui);
        view->SetOnUnreadChanged([this](int unread) { badge = NoticesNavigationLabel(unread); });
        auto* sizer = new wxBoxSizer(wxVERTICAL);
        sizer->Add(view, wxSizerFlags(1).Expand());
        frame->SetSizer(sizer);
        frame->SetClientSize(frame->FromDIP(wxSize(1180, 680)));
        frame->Show();
        view->Start();
        REQUIRE(WaitUntil([&] { return view->Presenter().Loaded(); }));
        Settle();
    }
    ~Screen() {
        runner.Stop();
        frame->Destroy();
        WaitUntil([] { return wxTopLevelWindows.empty(); });
    }
};

model::Me Manager() {
    return MeWith({"monitoring.read", "notices.ack", "notices.read", "tenant.contacts.write"});
}

} // namespace

TEST_CASE("an incident acknowledged: the button goes grey, the account is listed, the badge "
          "counts one less",
          "[gui][notices]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s(Manager());
    CHECK(s.view->List()->GetItemCount() == 4);
    CHECK(s.view->List()->GetItemText(0, NoticesView::kTitleColumn) ==
          wxS("API responses delayed"));
    CHECK(s.view->List()->GetItemText(0, NoticesView::kKindColumn) ==
          wxGETTEXT_IN_CONTEXT("notice kind", "Incident"));
    CHECK_FALSE(s.view->List()->GetItemText(1, NoticesView::kUnreadColumn).empty()); // ntc_1
    CHECK(s.badge == NoticesNavigationLabel(3));
    CHECK(s.badge.Contains(wxS("(3)")));

    s.view->SelectItem("inc_1");
    REQUIRE(WaitUntil([&] {
        const auto calls = s.api->Calls();
        return std::find(calls.begin(), calls.end(), "GetIncident inc_1") != calls.end();
    }));
    Settle();
    NoticeDetailPane* detail = s.view->Detail();
    CHECK(detail->AllText().Contains(wxS("The database was overloaded.")));
    CHECK(detail->AllText().Contains(IncidentStatusText(model::IncidentStatus::Identified)));
    REQUIRE(detail->OverdueWarning());
    CHECK(detail->OverdueWarning()->IsShown());
    CHECK(detail->AcknowledgeButton()->IsEnabled());
    s.frame->Refresh();
    Settle(std::chrono::milliseconds(500));
    Screenshot(s.frame, "notices-incident-" + lang);

    Click(detail->AcknowledgeButton());
    REQUIRE(WaitUntil([&] { return !detail->AcknowledgedLine()->GetLabel().empty(); }));
    CHECK_FALSE(detail->AcknowledgeButton()->IsEnabled());
    CHECK(detail->AcknowledgedLine()->GetLabel().Contains(wxS("JST")));
    CHECK(detail->AcknowledgedBy()->GetLabel().Contains(wxS("Yamada Hanako")));
    CHECK(detail->AcknowledgedBy()->GetLabel().Contains(wxS("manager")));
    CHECK(s.badge == NoticesNavigationLabel(2));
    CHECK(s.view->List()->GetItemText(2, NoticesView::kUnreadColumn).empty());
    Settle();
    Screenshot(s.frame, "notices-acknowledged-" + lang);

    // One acknowledged by someone else earlier.
    s.view->SelectItem("inc_2");
    Settle();
    CHECK(detail->AcknowledgedBy()->GetLabel().Contains(wxS("suzuki")));
    CHECK_FALSE(detail->AcknowledgeButton()->IsEnabled());
    s.view->SelectItem("ntc_2");
    Settle();
    CHECK(detail->AllText().Contains(NoticeKindText(model::NoticeKind::Vulnerability)));
    Screenshot(s.frame, "notices-notice-" + lang);
}

TEST_CASE("a viewer sees incidents and contacts read-only, and nothing to acknowledge",
          "[gui][notices]") {
    UseTestLanguage("en");
    Screen s(MeWith({"monitoring.read", "notices.read"}));
    CHECK(s.badge == _("Notices"));
    s.view->SelectItem("inc_1");
    Settle();
    CHECK_FALSE(s.view->Detail()->AcknowledgeButton()->IsShown());
    REQUIRE(s.view->ContactsButton());
    CHECK(s.view->PublishButton(PublishMode::NewIncident) == nullptr);
    DialogScript script;
    script.Then({{}, [&](wxDialog* d) {
                     auto* dialog = dynamic_cast<ContactsDialog*>(d);
                     REQUIRE(dialog);
                     REQUIRE(WaitUntil([&] { return dialog->Presenter().Loaded(); }));
                     CHECK_FALSE(dialog->SaveButton()->IsShown());
                     CHECK_FALSE(dialog->Field(0)->IsEditable());
                     dialog->EndModal(wxID_CANCEL);
                 }});
    s.view->OpenContacts();
    CHECK(script.Done());
}

TEST_CASE("designated contacts: each error under its row, nothing typed lost, unsaved changes "
          "asked about",
          "[gui][notices][contacts]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s(Manager());
    DialogScript script;
    script.Then({{}, [&](wxDialog* d) {
                     auto* dialog = dynamic_cast<ContactsDialog*>(d);
                     REQUIRE(dialog);
                     REQUIRE(WaitUntil([&] { return dialog->Presenter().Loaded(); }));
                     CHECK(dialog->Field(0)->GetValue() == wxS("ops@example.jp"));
                     Click(dialog->AddButton());
                     REQUIRE(WaitUntil([&] { return dialog->Field(1) != nullptr; }));
                     TypeInto(dialog->Field(1), "front desk@example");
                     Click(dialog->AddButton());
                     REQUIRE(WaitUntil([&] { return dialog->Field(2) != nullptr; }));
                     TypeInto(dialog->Field(2), "OPS@example.jp");
                     Click(dialog->SaveButton());
                     REQUIRE(WaitUntil([&] { return !dialog->RowError(1).empty(); }));
                     CHECK(Unwrapped(dialog->RowError(1)) ==
                           Unwrapped(NoticeFieldErrorText({"emails[1]", "invalid_email", ""})));
                     CHECK(Unwrapped(dialog->RowError(2)) ==
                           Unwrapped(NoticeFieldErrorText({"emails[2]", "duplicate", ""})));
                     CHECK(dialog->RowError(0).empty());
                     CHECK(dialog->Field(1)->GetValue() == wxS("front desk@example"));
                     Settle();
                     Screenshot(dialog, "notices-contacts-errors-" + lang);

                     // The server finds what the console could not know.
                     TypeInto(dialog->Field(1), "front@example.jp");
                     TypeInto(dialog->Field(2), "night@example.jp");
                     CHECK(dialog->RowError(1).empty());
                     s.api->nextError = FieldProblem("emails[2]", "invalid_email");
                     Click(dialog->SaveButton());
                     REQUIRE(WaitUntil([&] { return !dialog->RowError(2).empty(); }));
                     CHECK(dialog->RowError(1).empty());
                     CHECK(dialog->Field(2)->GetValue() == wxS("night@example.jp"));
                     // Closing now asks; Discard closes.
                     Click(dialog->FindWindow(wxID_CANCEL));
                 }});
    script.Then(Answer(wxID_NO)); // Discard
    s.view->OpenContacts();
    REQUIRE(WaitUntil([&] { return script.Done(); }));
    REQUIRE(script.messages.size() == 1);
    CHECK(s.api->contacts.emails == std::vector<std::string>{"ops@example.jp"});
}

TEST_CASE("the operator's notice refused for the 7-day rule keeps its input; as an emergency it "
          "is published and selected",
          "[gui][notices][publish]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    Screen s(MeWith({"incidents.publish", "monitoring.read", "notices.publish", "notices.read"}));
    CHECK(s.view->ContactsButton() == nullptr);
    REQUIRE(s.view->PublishButton(PublishMode::NewNotice));
    const auto soon = JstDateAndTime(model::Now() + std::chrono::hours(48));
    DialogScript script;
    script.Then({{}, [&](wxDialog* d) {
                     auto* dialog = dynamic_cast<PublishDialog*>(d);
                     REQUIRE(dialog);
                     REQUIRE(WaitUntil([&] { return dialog->Presenter().TenantsLoaded(); }));
                     CHECK(dialog->TenantList()->GetCount() == 2);
                     TypeInto(dialog->TitleField(), "New login screen");
                     dialog->MessageField()->SetValue(wxS("The login screen changes."));
                     REQUIRE(TickItem(dialog->TenantList(), NameWithCode("Kyoto Inn", "kyoto")));
                     dialog->DateField()->SetValue(wxString::FromUTF8(soon.first));
                     dialog->TimeField()->SetValue(wxString::FromUTF8(soon.second));
                     CHECK(dialog->LeadTimeHint()->IsShown());
                     s.api->nextError = FieldProblem("effective_at", "lead_time");
                     Click(dialog->PublishButton());
                     REQUIRE(WaitUntil([&] { return !dialog->ErrorShown("when").empty(); }));
                     CHECK(Unwrapped(dialog->ErrorShown("when")) ==
                           Unwrapped(NoticeFieldErrorText({"effective_at", "lead_time", ""})));
                     CHECK(dialog->TitleField()->GetValue() == wxS("New login screen"));
                     CHECK(dialog->DateField()->GetValue() == wxString::FromUTF8(soon.first));
                     Settle();
                     Screenshot(dialog, "notices-publish-lead-time-" + lang);

                     Click(dialog->EmergencyBox());
                     REQUIRE(WaitUntil([&] { return dialog->ReasonField()->IsEnabled(); }));
                     TypeInto(dialog->ReasonField(), "A security fix cannot wait.");
                     Click(dialog->PublishButton());
                 }});
    Click(s.view->PublishButton(PublishMode::NewNotice));
    REQUIRE(WaitUntil([&] { return script.Done(); }));
    REQUIRE(s.api->noticeInputs.size() == 1); // the refused one never reached the fake's list
    CHECK(s.api->noticeInputs[0].emergency);
    CHECK(s.api->noticeInputs[0].tenants == model::TenantSelection{false, {"kyoto"}});
    REQUIRE(s.view->Presenter().SelectedId());
    CHECK(s.view->Presenter().SelectedId()->starts_with("ntc_"));
    CHECK(s.view->Presenter().Selected()->Title() == "New login screen");
    Settle();
    Screenshot(s.frame, "notices-operator-" + lang);
}

namespace {

/// The session's client, offering the notices API as ApiClient does.
class NoticesClient final : public client::IApiClient, public client::INoticesApi {
public:
    explicit NoticesClient(std::shared_ptr<FakeNoticesApi> api)
        : m_api(std::move(api)) {}
    model::Health GetHealth() override { return {"ok", "test", model::Now()}; }
    model::LoginResponse Login(const model::LoginRequest&) override { return {}; }
    model::Me GetMe() override { return {}; }
    void Logout() override {}
    void SetToken(std::string) override {}
    bool HasToken() const override { return true; }
    void Cancel() override {}
    void ResetCancel() override {}

    model::InboxPage<model::Incident> ListIncidents(const client::InboxQuery& q) override {
        return m_api->ListIncidents(q);
    }
    model::Incident GetIncident(const std::string& id) override { return m_api->GetIncident(id); }
    model::Incident AcknowledgeIncident(const std::string& id) override {
        return m_api->AcknowledgeIncident(id);
    }
    model::InboxPage<model::Notice> ListNotices(const client::InboxQuery& q) override {
        return m_api->ListNotices(q);
    }
    model::Notice GetNotice(const std::string& id) override { return m_api->GetNotice(id); }
    model::Notice AcknowledgeNotice(const std::string& id) override {
        return m_api->AcknowledgeNotice(id);
    }
    model::TenantContacts GetContacts() override { return m_api->GetContacts(); }
    model::TenantContacts PutContacts(const model::TenantContacts& c) override {
        return m_api->PutContacts(c);
    }
    std::vector<client::TenantSummary> ListTenants() override { return m_api->ListTenants(); }
    model::Incident CreateIncident(const model::IncidentInput& input) override {
        return m_api->CreateIncident(input);
    }
    model::Incident UpdateIncident(const std::string& id,
                                   const model::IncidentPatch& patch) override {
        return m_api->UpdateIncident(id, patch);
    }
    model::Notice CreateNotice(const model::NoticeInput& input) override {
        return m_api->CreateNotice(input);
    }
    model::Notice UpdateNotice(const std::string& id, const model::NoticePatch& patch) override {
        return m_api->UpdateNotice(id, patch);
    }

private:
    std::shared_ptr<FakeNoticesApi> m_api;
};

class NoticesSession final : public ISession {
public:
    NoticesSession(std::shared_ptr<client::IApiClient> client, model::Me me)
        : m_client(std::move(client))
        , m_me(std::move(me)) {}
    std::shared_ptr<client::IApiClient> Client() const override { return m_client; }
    const std::string& ServerUrl() const override { return m_url; }
    const model::Me& Me() const override { return m_me; }
    void UpdateMe(model::Me me) override { m_me = std::move(me); }
    void Expired(const client::ApiError&) override {}

private:
    std::shared_ptr<client::IApiClient> m_client;
    std::string m_url = "https://resv.example.jp";
    model::Me m_me;
};

} // namespace

TEST_CASE("the navigation entry counts the unread and counts down on acknowledging",
          "[gui][notices]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    auto api = std::make_shared<FakeNoticesApi>();
    api->now = model::Now();
    api->incidents = {test::SampleIncident("inc_1", api->now, 3)};
    api->notices = {test::SampleNotice("ntc_1", api->now, 5)};
    WorkerThread runner;
    console::WxDispatcher ui;
    test::MemorySettings settings;
    auto session =
        std::make_shared<NoticesSession>(std::make_shared<NoticesClient>(api), Manager());
    auto* frame = new console::MainFrame(session, settings, runner, ui, {});
    frame->Show();
    REQUIRE(frame->Notices() != nullptr);
    wxListbook* navigation = frame->Navigation();
    const int page = navigation->FindPage(frame->Notices());
    REQUIRE(page != wxNOT_FOUND);
    const auto label = [&] { return navigation->GetPageText(static_cast<size_t>(page)); };
    REQUIRE(WaitUntil([&] { return label() == NoticesNavigationLabel(2); }));
    if (lang == "ja") {
        CHECK(label() ==
              wxString::FromUTF8("\xe3\x81\x8a\xe7\x9f\xa5\xe3\x82\x89\xe3\x81\x9b (2)"));
    }
    navigation->SetSelection(static_cast<size_t>(page));
    frame->Notices()->SelectItem("inc_1");
    Settle();
    Screenshot(frame, "notices-main-window-" + lang);
    Click(frame->Notices()->Detail()->AcknowledgeButton());
    REQUIRE(WaitUntil([&] { return label() == NoticesNavigationLabel(1); }));
    runner.Stop();
    frame->Dismiss();
    WaitUntil([] { return wxTopLevelWindows.empty(); });
}
