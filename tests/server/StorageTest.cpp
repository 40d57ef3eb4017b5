// What lies on disk: Argon2id hashes and SHA-256 token hashes only, never a password or token in
// plain text; owner-only permissions; migrations recorded; the dev CA reused across starts.

#include "support/SqliteFile.h"
#include "support/TestServer.h"

#include <sys/stat.h>

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;

namespace {

mode_t ModeOf(const std::filesystem::path& path) {
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    return info.st_mode & 07777;
}

/// The database with its write-ahead log: together they are everything SQLite wrote.
std::string DatabaseBytes(const TestServer& server) {
    const auto db = server.DataDir() / "resv.db";
    return FileBytes(db) + FileBytes(db.string() + "-wal");
}

} // namespace

TEST_CASE("The database holds Argon2id hashes and no plaintext password") {
    TestServer server;
    server.Client()->Login(RequestFor(kManager));
    const std::string bytes = DatabaseBytes(server);
    REQUIRE(bytes.size() > 4096);
    for (const auto& login : {kManager, kViewer, kStaff, kOtherManager, kSupport}) {
        INFO(login.password);
        CHECK(bytes.find(login.password) == std::string::npos);
    }
    const auto accounts =
        QueryRows(server.DataDir() / "resv.db", "SELECT login_id, password_hash FROM accounts");
    CHECK(accounts.size() == 5);
    for (const auto& row : accounts) {
        const std::string hash = row.at("password_hash");
        INFO(row.dump());
        CHECK(hash.rfind("$argon2id$v=19$m=65536,t=2,p=1$", 0) == 0);
    }
}

TEST_CASE("Session tokens are stored only as their SHA-256") {
    TestServer server;
    auto client = server.Client();
    const std::string token = client->Login(RequestFor(kViewer)).token;
    client->GetMe();
    CHECK(DatabaseBytes(server).find(token) == std::string::npos);
    const auto sessions =
        QueryRows(server.DataDir() / "resv.db", "SELECT token_hash FROM sessions");
    REQUIRE(sessions.size() == 1);
    CHECK(sessions[0].at("token_hash") == Sha256HexOpenSsl(token));
}

TEST_CASE("The data dir is 0700 and keys and the database 0600") {
    TestServer server;
    const auto dir = server.DataDir();
    CHECK(ModeOf(dir) == 0700);
    CHECK(ModeOf(dir / "tls") == 0700);
    CHECK(ModeOf(dir / "tls" / "ca.key") == 0600);
    CHECK(ModeOf(dir / "tls" / "server.key") == 0600);
    CHECK(ModeOf(dir / "resv.db") == 0600);
    CHECK(ModeOf(dir.string() + "/resv.db-wal") == 0600);
    CHECK(server.CaFile() == dir / "tls" / "ca.crt");
}

TEST_CASE("A data dir others can read is restricted to its owner at start") {
    TempDir temp;
    const auto dir = temp.Path() / "data";
    std::filesystem::create_directory(dir);
    ::chmod(dir.c_str(), 0755);
    server::ServerConfig config;
    config.dataDir = dir;
    config.port = 0;
    server::Server server(config);
    server.Start();
    CHECK(ModeOf(dir) == 0700);
}

TEST_CASE("Migrations are recorded, and a restart reuses the database and the dev CA") {
    TempDir temp;
    server::ServerConfig config;
    config.dataDir = temp.Path() / "data";
    config.port = 0;
    std::string caBefore;
    {
        server::Server server(config);
        server.Start();
        server.SeedDemo();
        caBefore = FileBytes(server.CaFile());
    }
    server::Server again(config);
    again.Start();
    again.SeedDemo(); // idempotent: nothing is added twice
    CHECK(FileBytes(again.CaFile()) == caBefore);

    const auto db = config.dataDir / "resv.db";
    const auto migrations = QueryRows(db, "SELECT version FROM schema_migrations");
    REQUIRE(migrations.size() == 7);
    CHECK(migrations[0].at("version") == 1);
    CHECK(migrations[1].at("version") == 2);
    CHECK(migrations[2].at("version") == 3);
    CHECK(migrations[3].at("version") == 4);
    CHECK(migrations[4].at("version") == 5);
    CHECK(migrations[5].at("version") == 6);
    CHECK(migrations[6].at("version") == 7);
    CHECK(QueryRows(db, "SELECT id FROM accounts").size() == 5);
    CHECK(QueryRows(db, "SELECT id FROM tenants").size() == 3);
    CHECK(QueryRows(db, "PRAGMA journal_mode")[0].at("journal_mode") == "wal");
}
