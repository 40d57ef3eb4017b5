// The provider's administration (create-tenant, create-account, assign-operator) and the
// resv-server command line, in-process and as the real executable.

#include "cli/CommandLine.h"
#include "resv/server/Admin.h"
#include "support/TestServer.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <regex>
#include <thread>

using namespace resv;
using namespace resv::test;
using server::cli::Action;
using server::cli::ParseCommandLine;
using server::cli::UsageError;

extern char** environ;

namespace {

/// resv-server started with `args`; its stdout and stderr go to files in `dir`.
class Process {
public:
    Process(const std::vector<std::string>& args, const std::filesystem::path& dir)
        : m_out(dir / "stdout")
        , m_err(dir / "stderr") {
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_addopen(&actions, 1, m_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        posix_spawn_file_actions_addopen(&actions, 2, m_err.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0600);
        std::vector<std::string> all{RESV_SERVER_EXECUTABLE};
        all.insert(all.end(), args.begin(), args.end());
        std::vector<char*> argv;
        for (auto& arg : all) {
            argv.push_back(arg.data());
        }
        argv.push_back(nullptr);
        REQUIRE(posix_spawn(&m_pid, argv[0], &actions, nullptr, argv.data(), environ) == 0);
        posix_spawn_file_actions_destroy(&actions);
    }
    ~Process() {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            Wait();
        }
    }
    void Signal(int signal) const { ::kill(m_pid, signal); }
    int Wait() {
        int status = 0;
        REQUIRE(::waitpid(m_pid, &status, 0) == m_pid);
        m_pid = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::string Out() const { return FileText(m_out); }
    std::string Err() const { return FileText(m_err); }

private:
    static std::string FileText(const std::filesystem::path& file) {
        std::ifstream in(file);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }

    pid_t m_pid = -1;
    std::filesystem::path m_out;
    std::filesystem::path m_err;
};

struct Run {
    int exitCode;
    std::string out;
    std::string err;
};

Run RunServer(const std::vector<std::string>& args, const TempDir& dir) {
    Process process(args, dir.Path());
    const int code = process.Wait();
    return Run{code, process.Out(), process.Err()};
}

} // namespace

TEST_CASE("The command line is parsed, and mistakes are usage errors") {
    const auto serve = ParseCommandLine(
        {"--data-dir", "/d", "--listen", "[::1]:9443", "--demo", "--tls-cert=c", "--tls-key", "k"});
    CHECK(serve.action == Action::Serve);
    CHECK(serve.dataDir == "/d");
    CHECK(serve.host == "::1");
    CHECK(serve.port == 9443);
    CHECK(serve.demo);
    CHECK(serve.tlsCert == std::filesystem::path("c"));
    CHECK(server::cli::ServerUrl(serve.host, serve.port) == "https://[::1]:9443");

    const auto account = ParseCommandLine(
        {"--data-dir", "/d", "create-account", "demo", "alice", "customermanager"});
    CHECK(account.action == Action::CreateAccount);
    CHECK(account.arguments == std::vector<std::string>{"demo", "alice", "customermanager"});
    CHECK(ParseCommandLine({"--help"}).action == Action::Help);

    const std::vector<std::vector<std::string>> wrong{
        {},
        {"--listen", "127.0.0.1:8443"},
        {"--data-dir"},
        {"--data-dir", "/d", "--verbose"},
        {"--data-dir", "/d", "--listen", "127.0.0.1"},
        {"--data-dir", "/d", "--listen", "127.0.0.1:99999"},
        {"--data-dir", "/d", "--listen", "127.0.0.1:80x"},
        {"--data-dir", "/d", "--tls-cert", "c"},
        {"--data-dir", "/d", "create-tenant", "acme"},
        {"--data-dir", "/d", "create-tenant", "acme", "Acme", "extra"},
        {"--data-dir", "/d", "drop-tenant", "acme"},
        {"--data-dir", "/d", "--demo", "create-tenant", "acme", "Acme"},
        {"--data-dir", "/d", "--demo=yes"},
    };
    for (const auto& args : wrong) {
        INFO(Catch::Detail::stringify(args));
        CHECK_THROWS_AS(ParseCommandLine(args), UsageError);
    }
}

TEST_CASE("An account made by the provider logs in once with its one-time password") {
    TestServer server;
    server::Admin admin(server.DataDir(), server.SharedClock());
    admin.CreateTenant("acme", "株式会社アクメ");
    const std::string password = admin.CreateAccount("acme", "alice", "customermanager");
    CHECK(std::regex_match(password, std::regex("([A-Za-z2-9]{5}-){3}[A-Za-z2-9]{5}")));

    auto client = server.Client();
    const auto login = client->Login(model::LoginRequest{"acme", "alice", password, std::nullopt});
    CHECK(login.account.mustChangePassword);
    CHECK(login.account.displayName == "alice");
    CHECK(client->GetMe().tenant == model::TenantRef{"acme", "株式会社アクメ", "jp"});

    // After 7 days the one-time password no longer works (the same answer as a wrong one).
    server.Clock().Advance(std::chrono::hours(7 * 24));
    const auto error = ApiErrorOf([&] {
        server.Client()->Login(model::LoginRequest{"acme", "alice", password, std::nullopt});
    });
    CHECK(error.Code() == "invalid_credentials");
}

TEST_CASE("Administrative mistakes are refused and change nothing") {
    TestServer server;
    server::Admin admin(server.DataDir(), server.SharedClock());
    CHECK_THROWS_AS(admin.CreateTenant("demo", "again"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateTenant("Bad Code", "x"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateTenant("ok", ""), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("demo", "manager", "customermanager"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("nosuch", "bob", "customermanager"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("demo", "bob", "superuser"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("demo", "bob", "operator"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("provider", "bob", "customermanager"), server::AdminError);
    CHECK_THROWS_AS(admin.CreateAccount("demo", "bad login", "customeremployee"),
                    server::AdminError);
    CHECK_THROWS_AS(admin.AssignOperator("manager", "other"), server::AdminError);
    CHECK_THROWS_AS(admin.AssignOperator("support", "nosuch"), server::AdminError);
    CHECK_THROWS_AS(admin.AssignOperator("support", "provider"), server::AdminError);
}

TEST_CASE("assign-operator lets an operator act in one more tenant") {
    TestServer server;
    model::LoginRequest actInOther = RequestFor(kSupport);
    actInOther.actAsTenant = "other";
    CHECK(ApiErrorOf([&] { server.Client()->Login(actInOther); }).Code() == "forbidden");

    server::Admin admin(server.DataDir(), server.SharedClock());
    admin.AssignOperator("support", "other");
    admin.AssignOperator("support", "other"); // idempotent
    auto client = server.Client();
    client->Login(actInOther);
    CHECK(client->GetMe().actingAs->code == "other");
}

TEST_CASE("resv-server: bad arguments exit 2, --help 0, subcommands 0 or 1 with a reason") {
    TempDir dir;
    const std::string data = (dir.Path() / "data").string();

    const Run bogus = RunServer({"--data-dir", data, "--bogus"}, dir);
    CHECK(bogus.exitCode == 2);
    CHECK(bogus.err.find("unknown option --bogus") != std::string::npos);

    const Run help = RunServer({"--help"}, dir);
    CHECK(help.exitCode == 0);
    CHECK(help.out.find("create-account TENANT LOGIN ROLE") != std::string::npos);

    const Run created = RunServer({"--data-dir", data, "create-tenant", "acme", "Acme"}, dir);
    CHECK(created.exitCode == 0);
    const Run again = RunServer({"--data-dir", data, "create-tenant", "acme", "Acme"}, dir);
    CHECK(again.exitCode == 1);
    CHECK(again.err.find("exists already") != std::string::npos);

    const Run account =
        RunServer({"--data-dir", data, "create-account", "acme", "alice", "customeremployee"}, dir);
    CHECK(account.exitCode == 0);
    CHECK(std::regex_search(account.out, std::regex("one-time password: [A-Za-z2-9-]{23}\n")));
}

TEST_CASE("resv-server --demo serves, lists the logins and stops cleanly on SIGTERM") {
    TempDir dir;
    const std::string data = (dir.Path() / "data").string();
    Process server({"--data-dir", data, "--listen", "127.0.0.1:0", "--demo"}, dir.Path());
    std::smatch match;
    const std::regex listening("listening on https://127\\.0\\.0\\.1:([0-9]+)\n");
    std::string out;
    for (int i = 0; i < 300 && !std::regex_search(out, match, listening); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // waits for a process
        out = server.Out();
    }
    INFO(out << server.Err());
    REQUIRE(std::regex_search(out, match, listening));
    for (const auto& login : {kManager, kViewer, kStaff, kOtherManager, kSupport}) {
        CHECK(out.find(login.password) != std::string::npos);
    }
    {
        client::ClientOptions options;
        options.baseUrl = "https://127.0.0.1:" + match[1].str();
        options.caFile = (dir.Path() / "data" / "tls" / "ca.crt").string();
        client::ApiClient client(options);
        CHECK(client.Login(RequestFor(kManager)).account.loginId == "manager");
    }
    server.Signal(SIGTERM);
    CHECK(server.Wait() == 0);
    // Nothing secret in the log.
    CHECK(server.Err().find(kManager.password) == std::string::npos);
}
