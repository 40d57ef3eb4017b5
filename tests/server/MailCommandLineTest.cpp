// resv-server's mail options: where mail goes, from whom, how strictly TLS is required, and a
// password that is only ever read from the environment.

#include "cli/CommandLine.h"
#include "support/TestServer.h"

#include <sys/wait.h>

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

using namespace resv;
using server::cli::Action;
using server::cli::ParseCommandLine;
using server::cli::UsageError;

namespace {

/// The UsageError's message for `args`, or "" when they parse.
std::string UsageErrorOf(std::vector<std::string> args) {
    args.insert(args.begin(), {"--data-dir", "/d"});
    try {
        ParseCommandLine(args);
    } catch (const UsageError& error) {
        return error.what();
    }
    return {};
}

} // namespace

TEST_CASE("The mail options are parsed into the server's settings") {
    test::TempDir dir;
    const auto ca = dir.Path() / "mail-ca.crt";
    std::ofstream(ca) << "-----BEGIN CERTIFICATE-----\n";
    const auto line =
        ParseCommandLine({"--data-dir", "/d", "--smtp-url", "smtp://mail.example.jp:587",
                          "--mail-from", "resv-notice@example.jp", "--smtp-require-tls",
                          "--smtp-ca-file=" + ca.string(), "--smtp-user", "resv"});
    CHECK(line.action == Action::Serve);
    CHECK(line.smtpUrl == "smtp://mail.example.jp:587");
    CHECK(line.mailFrom == "resv-notice@example.jp");
    CHECK(line.smtpRequireTls);
    CHECK(line.smtpCaFile == ca);
    CHECK(line.smtpUser == "resv");

    const auto plain = ParseCommandLine({"--data-dir", "/d"});
    CHECK(plain.smtpUrl.empty());
    CHECK_FALSE(plain.smtpRequireTls);
    CHECK(ParseCommandLine({"--data-dir", "/d", "--smtp-url", "SMTPS://mail.example.jp",
                            "--mail-from", "a@example.jp"})
              .smtpUrl == "SMTPS://mail.example.jp");
}

TEST_CASE("Mail option mistakes are usage errors that say what to do") {
    const std::string url = "smtp://mail.example.jp:587";
    CHECK(UsageErrorOf({"--smtp-url", url}).find("--mail-from") != std::string::npos);
    CHECK(UsageErrorOf({"--smtp-url", "http://mail.example.jp", "--mail-from", "a@example.jp"})
              .find("smtp://") != std::string::npos);
    CHECK(UsageErrorOf({"--smtp-url", "smtp://", "--mail-from", "a@example.jp"}) != "");
    CHECK(UsageErrorOf(
              {"--smtp-url", "smtp://mail.example.jp\r\nX", "--mail-from", "a@example.jp"}) != "");
    CHECK(UsageErrorOf(
              {"--smtp-url", "smtp://resv:secret@mail.example.jp", "--mail-from", "a@example.jp"})
              .find("RESV_SMTP_PASSWORD") != std::string::npos);
    CHECK(UsageErrorOf({"--smtp-url", url, "--mail-from", "RESV <a@example.jp>"})
              .find("--mail-from wants a plain e-mail address") != std::string::npos);
    CHECK(UsageErrorOf({"--smtp-url", url, "--mail-from", "a@example.jp", "--smtp-ca-file",
                        "/nonexistent/ca.crt"})
              .find("--smtp-ca-file") != std::string::npos);
    for (const std::vector<std::string>& alone :
         {std::vector<std::string>{"--mail-from", "a@example.jp"},
          {"--smtp-require-tls"},
          {"--smtp-user", "resv"},
          {"--smtp-ca-file", "/etc/hostname"}}) {
        CHECK(UsageErrorOf(alone).find("go with --smtp-url") != std::string::npos);
    }
    // The password is never taken where `ps` shows it.
    CHECK(UsageErrorOf(
              {"--smtp-url", url, "--mail-from", "a@example.jp", "--smtp-password", "secret"})
              .find("RESV_SMTP_PASSWORD") != std::string::npos);
    CHECK(UsageErrorOf({"--smtp-url", url, "--mail-from", "a@example.jp", "--smtp-require-tls=1"})
              .find("takes no value") != std::string::npos);
    // Mail options are for serving.
    CHECK(UsageErrorOf(
              {"--smtp-url", url, "--mail-from", "a@example.jp", "create-tenant", "acme", "Acme"})
              .find("for serving") != std::string::npos);
}

TEST_CASE("The SMTP password comes from RESV_SMTP_PASSWORD, and only with --smtp-user") {
    const auto withUser =
        ParseCommandLine({"--data-dir", "/d", "--smtp-url", "smtp://mail.example.jp", "--mail-from",
                          "a@example.jp", "--smtp-user", "resv"});
    CHECK(server::cli::SmtpPassword(withUser, "s3cret") == "s3cret");
    CHECK_THROWS_AS(server::cli::SmtpPassword(withUser, nullptr), UsageError);
    CHECK_THROWS_AS(server::cli::SmtpPassword(withUser, ""), UsageError);
    const auto withoutUser = ParseCommandLine({"--data-dir", "/d"});
    CHECK(server::cli::SmtpPassword(withoutUser, "s3cret").empty());
    const std::string help = server::cli::HelpText();
    for (const char* option : {"--smtp-url", "--mail-from", "--smtp-require-tls", "--smtp-ca-file",
                               "--smtp-user", "RESV_SMTP_PASSWORD"}) {
        CHECK(help.find(option) != std::string::npos);
    }
}

TEST_CASE("resv-server --smtp-user without RESV_SMTP_PASSWORD exits 2 before serving") {
    test::TempDir dir;
    const std::string command =
        std::string("env -u RESV_SMTP_PASSWORD ") + RESV_SERVER_EXECUTABLE + " --data-dir '" +
        (dir.Path() / "data").string() +
        "' --listen 127.0.0.1:0 --smtp-url smtp://127.0.0.1:1 --mail-from a@example.jp "
        "--smtp-user resv 2>'" +
        (dir.Path() / "stderr").string() + "'";
    const int status = std::system(command.c_str());
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    std::ifstream err(dir.Path() / "stderr");
    const std::string text((std::istreambuf_iterator<char>(err)), std::istreambuf_iterator<char>());
    CHECK(text.find("RESV_SMTP_PASSWORD") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.Path() / "data")); // nothing was started
}
