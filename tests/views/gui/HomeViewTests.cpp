// The home screen for sessions the demo does not have: an operator acting in a customer tenant
// whose password must be changed.
#include "GuiSupport.h"

#include "../Fakes.h"
#include "views/common/Words.h"
#include "views/home/HomeView.h"

#include <catch2/catch.hpp>

#include <wx/frame.h>
#include <wx/sizer.h>

using namespace resv;
using namespace resv::views;
using namespace resv::views::gui_test;
using Row = HomeView::Row;

TEST_CASE("the home screen shows acting-as and a must-change-password notice", "[gui][home]") {
    const std::string lang = GENERATE(as<std::string>{}, "ja", "en");
    UseTestLanguage(lang);
    model::Me me = test::SampleMe();
    me.displayName = "保守 太郎"; // std::string holds UTF-8; wx gets it through FromUTF8
    me.loginId = "support";
    me.roles = {"operator"};
    me.tier = model::Tier::Provider;
    me.tenant = {"provider", "RESV Provider", "jp"};
    me.actingAs = model::TenantRef{"demo", "デモホテルグループ", "jp"};
    me.mustChangePassword = true;
    test::FakeSession session(std::make_shared<test::FakeApiClient>(), me);

    auto* frame = new wxFrame(nullptr, wxID_ANY, wxS("home"));
    auto* home = new HomeView(frame, session);
    auto* sizer = new wxBoxSizer(wxVERTICAL);
    sizer->Add(home, wxSizerFlags(1).Expand());
    frame->SetSizer(sizer);
    frame->SetClientSize(frame->FromDIP(wxSize(760, 560)));
    frame->Show();
    REQUIRE(WaitUntil([&] { return frame->IsShown(); }));

    CHECK(home->Shown(Row::DisplayName) == wxString::FromUTF8(me.displayName));
    CHECK(home->Shown(Row::Roles) == RoleName("operator"));
    CHECK(home->Shown(Row::ActingAs) == NameWithCode(me.actingAs->name, "demo"));
    CHECK(home->Shown(Row::SessionEnds) == wxS("2026-11-26 05:10 JST"));
    CHECK(home->Shown(Row::IdleEnds) == wxS("2026-11-25 17:40 JST"));
    CHECK(home->PasswordNoticeShown());
    Screenshot(frame, "home-operator-notice-" + lang);

    me.mustChangePassword = false;
    me.actingAs.reset();
    session.UpdateMe(me);
    home->ShowSession();
    CHECK_FALSE(home->PasswordNoticeShown());
    CHECK(home->Shown(Row::ActingAs).empty());

    frame->Destroy();
    REQUIRE(WaitUntil([&] { return wxTopLevelWindows.empty(); }));
}
