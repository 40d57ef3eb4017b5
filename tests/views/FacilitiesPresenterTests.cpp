// The Facilities & Terminals presenter, the tree builder and the remote configuration presenter,
// with a fake API and a runner the test drives.
#include "FakeFacilitiesApi.h"
#include "Fakes.h"

#include "views/facilities/FacilitiesPresenter.h"
#include "views/facilities/TerminalConfigPresenter.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::views;
using test::FakeFacilitiesApi;

namespace {

struct Fixture {
    std::shared_ptr<FakeFacilitiesApi> api = std::make_shared<FakeFacilitiesApi>();
    test::ManualRunner runner;
    test::ManualDispatcher ui;
    std::vector<client::ApiError> failures;
    std::vector<ShownToken> tokens;

    Fixture() { test::FillSample(*api); }

    void Run() {
        while (runner.Pending() > 0 || ui.Pending() > 0) {
            runner.RunAll();
            ui.RunAll();
        }
    }

    std::unique_ptr<FacilitiesPresenter> Presenter(FacilityPermissions permissions = {true, true,
                                                                                       true, true}) {
        auto presenter = std::make_unique<FacilitiesPresenter>(api, permissions, runner, ui);
        presenter->SetCallbacks({{}, {}, [this](const client::ApiError& e) { failures.push_back(e); },
                                 [this](const ShownToken& t) { tokens.push_back(t); }});
        presenter->Refresh();
        Run();
        return presenter;
    }
};

model::Me MeWith(std::vector<std::string> roles, bool acting = false) {
    model::Me me = test::SampleMe();
    me.roles = std::move(roles);
    if (acting) {
        me.actingAs = model::TenantRef{"demo", "Demo", "jp"};
    }
    return me;
}

} // namespace

TEST_CASE("permissions follow the roles, an operator only while acting in a tenant",
          "[facilities]") {
    const auto manager = PermissionsFor(MeWith({"customermanager"}));
    CHECK((manager.read && manager.writeFacilities && manager.writeTerminals && manager.configure));
    const auto viewer = PermissionsFor(MeWith({"customermanager_viewer"}));
    CHECK((viewer.read && !viewer.writeFacilities && !viewer.writeTerminals && !viewer.configure));
    const auto employee = PermissionsFor(MeWith({"customeremployee"}));
    CHECK((employee.read && !employee.writeTerminals && !employee.configure));
    CHECK_FALSE(PermissionsFor(MeWith({"operator"})).read);
    const auto acting = PermissionsFor(MeWith({"operator"}, true));
    CHECK((acting.read && acting.configure && !acting.writeFacilities));
}

TEST_CASE("the tree is sorted, counts its own children and filters by name, IP or serial",
          "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter();
    const FacilityTree& tree = presenter->Tree();
    REQUIRE(tree.Roots().size() == 2);
    CHECK(tree.Data().jurisdictions[tree.Roots()[0].index].name == "Osaka");
    CHECK(tree.Roots()[1].terminalCount == 3); // Tokyo: Shinjuku 2 + Ueno 1
    CHECK(tree.FacilityCountOf("jur_tokyo") == 2);
    CHECK(tree.TerminalCountOfFacility("fac_namba") == 2);

    presenter->SetFilter(" 192.0.2.2 ");
    REQUIRE(presenter->Tree().Roots().size() == 1);
    const auto& tokyo = presenter->Tree().Roots()[0];
    REQUIRE(tokyo.facilities.size() == 1);
    CHECK(tokyo.facilities[0].terminals.size() == 1);
    CHECK(presenter->Tree().Roots()[0].terminalCount == 3); // counts stay the unfiltered ones

    presenter->SetFilter("sn-TRM_4");
    REQUIRE(presenter->Tree().Roots().size() == 1);
    CHECK(presenter->Tree().Roots()[0].facilities[0].terminals.size() == 1);

    presenter->SetFilter("namba"); // a matching facility keeps all its terminals
    CHECK(presenter->Tree().Roots()[0].facilities[0].terminals.size() == 2);
    presenter->SetFilter("nothing matches this");
    CHECK(presenter->Tree().Roots().empty());
}

TEST_CASE("terminal status: configuration trouble outranks being online", "[facilities]") {
    model::Terminal t;
    t.online = true;
    CHECK(StatusOf(t) == TerminalStatus::Online);
    t.online = false;
    CHECK(StatusOf(t) == TerminalStatus::Offline);
    t.configState = model::ConfigState::Pending;
    CHECK(StatusOf(t) == TerminalStatus::ConfigPending);
    t.online = true;
    t.configState = model::ConfigState::Failed;
    CHECK(StatusOf(t) == TerminalStatus::ConfigFailed);
}

TEST_CASE("a facility's edit is validated by the model before anything is sent", "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->Select(NodeRef{NodeKind::Facility, "fac_shinjuku"}));
    presenter->SetValue("phone", "call me");
    presenter->SetValue("name", "   ");
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.contains("name"));
    presenter->SetValue("name", "Hotel Shinjuku East");
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.contains("phone"));
    CHECK(std::count_if(f.api->calls.begin(), f.api->calls.end(),
                        [](const std::string& c) { return c.starts_with("Update"); }) == 0);

    presenter->SetValue("phone", "03-9999-0000");
    presenter->SetValue("name", "Hotel Shinjuku East");
    presenter->SetValue("jurisdiction_id", "jur_osaka"); // a move
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.empty());
    CHECK_FALSE(presenter->Draft()->Dirty());
    CHECK(f.api->facilities[0].jurisdictionId == "jur_osaka");
    CHECK(presenter->Tree().FacilityCountOf("jur_osaka") == 2);
}

TEST_CASE("the server's invalid_field and conflict answers land next to the field",
          "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter();
    presenter->Select(NodeRef{NodeKind::Terminal, "trm_1"});
    presenter->SetValue("name", "KIOSK-02");
    f.api->nextError = FakeFacilitiesApi::Http(409, "conflict", "name taken");
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.at("name").code == "conflict");
    CHECK(presenter->Draft()->Value("name") == "KIOSK-02"); // the edit stays

    f.api->nextError = FakeFacilitiesApi::Http(400, "invalid_field", "",
                                               {{"ip_address", "invalid_value", "bad"}});
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.contains("ip_address"));
    CHECK(f.failures.empty());
}

TEST_CASE("a refresh keeps the selection and an edit in progress, and takes fresh values "
          "otherwise",
          "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter();
    presenter->Select(NodeRef{NodeKind::Facility, "fac_ueno"});
    presenter->SetValue("notes", "half typed");
    f.api->facilities[1].address = "changed elsewhere";
    f.api->terminals[0].online = false;
    presenter->Refresh();
    f.Run();
    REQUIRE(presenter->Selected());
    CHECK(presenter->Selected()->id == "fac_ueno");
    CHECK(presenter->Draft()->Value("notes") == "half typed");
    CHECK(StatusOf(*presenter->Tree().FindTerminal("trm_1")) == TerminalStatus::Offline);
    // Leaving an edited node is refused until the view asked the user.
    CHECK_FALSE(presenter->Select(NodeRef{NodeKind::Terminal, "trm_1"}));
    presenter->DiscardDraft();
    CHECK(presenter->Draft()->Value("address") == "changed elsewhere");
    CHECK(presenter->Select(NodeRef{NodeKind::Terminal, "trm_1"}));
}

TEST_CASE("creating a terminal shows its token once, delete refused with the server's reason",
          "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter();
    REQUIRE(presenter->BeginAdd(NodeKind::Terminal, "fac_ueno"));
    presenter->SetValue("name", "KIOSK-02");
    presenter->SetValue("ip_address", "not an ip");
    presenter->Save();
    f.Run();
    CHECK(presenter->Draft()->errors.contains("ip_address"));
    presenter->SetValue("ip_address", "192.0.2.22");
    presenter->Save();
    f.Run();
    REQUIRE(f.tokens.size() == 1);
    CHECK(f.tokens[0].created);
    CHECK(f.tokens[0].token.starts_with("dev_token_"));
    CHECK(presenter->Tree().TerminalCountOfFacility("fac_ueno") == 2);
    CHECK(presenter->Selected()->id == f.tokens[0].terminalId);

    f.api->nextError = FakeFacilitiesApi::Http(409, "not_empty", "2 facilities remain");
    presenter->Delete(NodeRef{NodeKind::Jurisdiction, "jur_tokyo"});
    f.Run();
    REQUIRE(f.failures.size() == 1);
    CHECK(f.failures[0].Problem().detail == "2 facilities remain");
    CHECK(presenter->Tree().FindJurisdiction("jur_tokyo") != nullptr);

    presenter->Delete(NodeRef{NodeKind::Terminal, "trm_2"});
    f.Run();
    CHECK(presenter->Tree().FindTerminal("trm_2") == nullptr);
}

TEST_CASE("read-only roles cannot save, add or delete", "[facilities]") {
    Fixture f;
    auto presenter = f.Presenter({true, false, false, false});
    presenter->Select(NodeRef{NodeKind::Facility, "fac_ueno"});
    CHECK_FALSE(presenter->CanEdit(NodeKind::Facility));
    CHECK_FALSE(presenter->BeginAdd(NodeKind::Jurisdiction, ""));
    presenter->SetValue("name", "x");
    presenter->Save();
    presenter->Delete(NodeRef{NodeKind::Facility, "fac_ueno"});
    f.Run();
    CHECK(f.api->calls.size() == 3); // the three lists only
}

TEST_CASE("remote configuration: validated, diffed, applied with If-Match, pending then applied",
          "[facilities][config]") {
    Fixture f;
    TerminalConfigPresenter presenter(f.api, {{NodeKind::Terminal, "trm_1"}, "KIOSK-01", {"trm_1"}},
                                      f.runner, f.ui);
    presenter.Load();
    f.Run();
    REQUIRE(presenter.Loaded());
    CHECK(presenter.BaseVersion() == 1);

    model::TerminalSettings edit = presenter.Edited();
    edit.volume = 101;
    edit.businessHours.open = "18:00";
    edit.businessHours.close = "09:00";
    presenter.SetEdited(edit);
    CHECK_FALSE(presenter.Validate(model::Now()));
    CHECK(presenter.Errors().contains("volume"));

    edit.volume = 80;
    edit.businessHours = {};
    edit.idleMessage = "Welcome";
    presenter.SetEdited(edit);
    CHECK(presenter.Validate(model::Now()));
    CHECK(presenter.Changes() == std::vector<std::string>{"volume", "idle_message"});
    CHECK(presenter.PatchJson() == nlohmann::json{{"volume", 80}, {"idle_message", "Welcome"}});

    presenter.Apply(model::Now());
    f.Run();
    CHECK(f.api->ifMatches.back() == 1);
    CHECK(presenter.BaseVersion() == 2);
    CHECK(presenter.History().front().version == 2);
    REQUIRE(presenter.Polling());
    presenter.Poll();
    f.Run();
    CHECK(presenter.Progress()->pending == 1);
    f.api->Acknowledge("trm_1");
    presenter.Poll();
    f.Run();
    CHECK(presenter.Progress()->applied == 1);
    CHECK_FALSE(presenter.Polling());
}

TEST_CASE("remote configuration: a stale version is explained, the edit kept, and reload "
          "rebases it",
          "[facilities][config]") {
    Fixture f;
    TerminalConfigPresenter presenter(f.api, {{NodeKind::Terminal, "trm_1"}, "KIOSK-01", {"trm_1"}},
                                      f.runner, f.ui);
    presenter.Load();
    f.Run();
    model::TerminalSettings edit = presenter.Edited();
    edit.volume = 10;
    presenter.SetEdited(edit);
    // Someone else changes the language meanwhile.
    f.api->PutTerminalConfig("trm_1", {{"display_language", "en"}}, std::nullopt);
    presenter.Apply(model::Now());
    f.Run();
    CHECK(presenter.Stale());
    CHECK(presenter.Edited().volume == 10);
    CHECK(f.api->configs["trm_1"].settings.volume == 50); // nothing overwritten

    presenter.Load();
    f.Run();
    CHECK_FALSE(presenter.Stale());
    CHECK(presenter.BaseVersion() == 2);
    CHECK(presenter.Edited().volume == 10);
    CHECK(presenter.Current().displayLanguage == "en");
    presenter.Apply(model::Now());
    f.Run();
    CHECK(f.api->configs["trm_1"].settings.volume == 10);
    CHECK(f.api->configs["trm_1"].settings.displayLanguage == "en");
}

TEST_CASE("remote configuration: a facility-wide apply sends only the change and tracks every "
          "terminal; rollback makes a new version",
          "[facilities][config]") {
    Fixture f;
    TerminalConfigPresenter group(f.api, {{NodeKind::Facility, "fac_shinjuku"}, "Hotel Shinjuku",
                                          {"trm_1", "trm_2"}},
                                  f.runner, f.ui);
    group.Load();
    f.Run();
    model::TerminalSettings edit = group.Edited();
    edit.displayLanguage = "ko";
    group.SetEdited(edit);
    group.Apply(model::Now());
    f.Run();
    CHECK(f.api->patches.back() == nlohmann::json{{"display_language", "ko"}});
    REQUIRE(group.Progress());
    CHECK(group.Progress()->pending == 2);
    f.api->Acknowledge("trm_1");
    group.Poll();
    f.Run();
    CHECK(group.Progress()->applied == 1);
    CHECK(group.Progress()->pending == 1);

    TerminalConfigPresenter single(f.api, {{NodeKind::Terminal, "trm_1"}, "KIOSK-01", {"trm_1"}},
                                   f.runner, f.ui);
    single.Load();
    f.Run();
    REQUIRE(single.History().size() == 1);
    f.api->histories["trm_1"].push_back({1, model::TerminalSettings{}, {}, model::Now(), "", "",
                                         "initial", std::nullopt});
    single.Load();
    f.Run();
    single.Rollback(1);
    f.Run();
    CHECK(f.api->configs["trm_1"].settings.displayLanguage == "ja");
    CHECK(single.BaseVersion() == 3);
    CHECK(single.Polling());
}
