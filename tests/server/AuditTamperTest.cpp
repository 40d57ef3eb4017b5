// Issue 5: the usage history is provably untouched. Anyone can recompute an event's hash from its
// JSON as DESIGN.md "The audit chain" defines it; /verify and the offline `resv-server
// verify-audit` catch an altered row and a deleted one by the chain, and a chain recomputed by
// someone who can write the database by the Ed25519-signed checkpoint (the key is outside it).
// The tests change resv.db directly, as such an attacker would, after dropping the append-only
// triggers.

#include "support/Accounts.h"
#include "support/AuditHistory.h"
#include "support/SqliteFile.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include <algorithm>

using namespace resv;
using namespace resv::test;
using nlohmann::json;

namespace {

const std::string kGenesis(64, '0');

/// The event as DESIGN.md hashes it: without `hash`, keys sorted, compact, UTF-8.
std::string Canonical(json event) {
    event.erase("hash");
    return event.dump(); // nlohmann's object keeps its keys sorted
}

std::string ChainHash(const std::string& prevHash, const json& event) {
    return Sha256HexOpenSsl(prevHash + "\n" + Canonical(event));
}

/// Every event of the caller's tenant in sequence order, as the API returns them.
std::vector<json> Chain(client::ApiClient& client) {
    auto events = AllEvents(client, "order=asc");
    std::sort(events.begin(), events.end(), [](const json& a, const json& b) {
        return a.at("sequence").get<std::int64_t>() < b.at("sequence").get<std::int64_t>();
    });
    return events;
}

/// The first sequence at which `events` (in sequence order) do not form DESIGN.md's chain, or 0.
std::int64_t FirstBrokenLink(const std::vector<json>& events) {
    std::string previous = kGenesis;
    std::int64_t expected = 1;
    for (const auto& event : events) {
        const std::int64_t sequence = event.at("sequence").get<std::int64_t>();
        if (sequence != expected || event.at("prev_hash") != previous ||
            event.at("hash") != ChainHash(previous, event)) {
            return expected;
        }
        previous = event.at("hash").get<std::string>();
        ++expected;
    }
    return 0;
}

std::vector<unsigned char> FromHex(const std::string& hex) {
    std::vector<unsigned char> bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes.push_back(static_cast<unsigned char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    }
    return bytes;
}

/// Checks an Ed25519 signature with OpenSSL, independently of the server's libsodium.
bool Ed25519Verifies(const std::string& publicKeyHex, const std::string& signatureHex,
                     const std::string& message) {
    const auto key = FromHex(publicKeyHex);
    const auto signature = FromHex(signatureHex);
    EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, key.data(), key.size());
    if (pkey == nullptr) {
        return false;
    }
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    const bool ok = EVP_DigestVerifyInit(context, nullptr, nullptr, nullptr, pkey) == 1 &&
                    EVP_DigestVerify(context, signature.data(), signature.size(),
                                     reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size()) == 1;
    EVP_MD_CTX_free(context);
    EVP_PKEY_free(pkey);
    return ok;
}

/// The demo tenant with a few events of its own, checkpointed by `run-retention`.
struct Checkpointed {
    TestServer server;
    std::unique_ptr<client::ApiClient> manager = ManagerClient(server);
    std::string tenantId = TenantIdOf(server, "demo");

    Checkpointed() {
        for (const char* loginId : {"tamper.one", "tamper.two", "tamper.three"}) {
            manager->CreateAccount(NewAccountInput(loginId));
        }
        const CliRun run =
            RunCli(server.DataDir(),
                   {"run-retention", "--as-of", model::FormatRfc3339Utc(server.Clock().Now())});
        INFO(run.out << run.err);
        REQUIRE(run.exitCode == 0);
    }

    std::filesystem::path Database() const { return server.DataDir() / "resv.db"; }

    /// The sequence of the account.create event of `loginId`.
    std::int64_t SequenceOfCreate(const std::string& loginId) {
        for (const auto& event : EventsAbout(*manager, "account.create")) {
            if (event.at("target").at("label") == loginId ||
                event.at("details").dump().find(loginId) != std::string::npos) {
                return event.at("sequence").get<std::int64_t>();
            }
        }
        FAIL("no account.create event for " << loginId);
        return 0;
    }

    void SetColumn(std::int64_t sequence, const std::string& column, const std::string& value) {
        Execute(Database(),
                "UPDATE audit_events SET " + column +
                    " = ?1 WHERE tenant_id = ?2 AND sequence = ?3",
                {value, tenantId, std::to_string(sequence)});
    }

    int VerifyAuditExit(std::string* output = nullptr) const {
        const CliRun run = RunCli(server.DataDir(), {"verify-audit", "demo"});
        INFO(run.out << run.err);
        CHECK_FALSE(run.out.empty());
        if (output != nullptr) {
            *output = run.out + run.err;
        }
        return run.exitCode;
    }
};

} // namespace

TEST_CASE("An outside recomputation of every event's hash from the API's JSON equals the "
          "server's, and the first prev_hash is 64 zeros") {
    TestServer server;
    auto manager = ManagerClient(server);
    model::AccountInput input = NewAccountInput("hash.check");
    input.displayName = "ハッシュ 確認";
    manager->CreateAccount(input);

    const auto events = Chain(*manager);
    REQUIRE(events.size() >= 3);
    CHECK(events.front().at("sequence") == 1);
    CHECK(events.front().at("prev_hash") == kGenesis);
    CHECK(FirstBrokenLink(events) == 0);

    // One event spelled out: a login by 山田 花子 (non-ASCII, hashed as UTF-8).
    const auto logins = EventsAbout(*manager, "session.login");
    REQUIRE_FALSE(logins.empty());
    const json& login = logins.back();
    CHECK(login.at("actor").at("display_name") == "山田 花子");
    const std::string canonical = Canonical(login);
    CHECK(canonical.find("山田 花子") != std::string::npos);
    CHECK(canonical.rfind("{\"action\":\"session.login\",\"actor\":{", 0) == 0);
    CHECK(login.at("hash") ==
          Sha256HexOpenSsl(login.at("prev_hash").get<std::string>() + "\n" + canonical));
    // The times in it are RFC 3339 with milliseconds and Z.
    CHECK(login.at("at").get<std::string>().size() ==
          std::string("2026-11-25T08:00:00.000Z").size());
    CHECK(login.at("at").get<std::string>().back() == 'Z');

    // The client's model hashes the same text (the console's verify and this test agree).
    const auto parsed = login.get<model::AuditEvent>();
    CHECK(model::WithoutHash(parsed).dump() == canonical);
}

TEST_CASE("An intact chain verifies, with the signed checkpoint, online and offline") {
    Checkpointed demo;
    const auto verification = Verify(*demo.manager);
    INFO(verification.dump());
    const auto count = demo.manager->Send("GET", std::string(kAuditEvents) + "/count");
    CHECK(verification.at("ok") == true);
    CHECK(verification.at("checked") == count.at("latest_sequence"));
    CHECK(verification.at("first_bad_sequence").is_null());
    CHECK(verification.at("first_bad_reason").is_null());
    REQUIRE(verification.at("checkpoint").is_object());
    CHECK(verification.at("checkpoint").at("valid") == true);
    CHECK(verification.at("checkpoint").at("sequence").get<std::int64_t>() >= 4);
    CHECK(verification.at("checkpoint").at("sequence") <= count.at("latest_sequence"));
    CHECK(verification.get<model::AuditVerification>().ok);
    CHECK(demo.VerifyAuditExit() == 0);
}

TEST_CASE("The checkpoint is an Ed25519 signature anyone can check with the public key, whose "
          "private half is outside the database") {
    Checkpointed demo;
    const auto keys = demo.server.DataDir() / "keys";
    const auto privateKey = keys / "audit-signing.key";
    REQUIRE(std::filesystem::exists(privateKey));
    struct stat info {};
    REQUIRE(::stat(privateKey.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    std::string publicKey = FileBytes(keys / "audit-signing.pub");
    while (!publicKey.empty() && std::isspace(static_cast<unsigned char>(publicKey.back()))) {
        publicKey.pop_back();
    }
    CHECK(publicKey.size() == 64);

    const auto checkpoints =
        QueryRows(demo.Database(),
                  "SELECT sequence, hash, at, public_key, signature FROM audit_checkpoints "
                  "WHERE tenant_id = ?1 ORDER BY sequence",
                  {demo.tenantId});
    REQUIRE_FALSE(checkpoints.empty());
    const json& latest = checkpoints.back();
    CHECK(latest.at("public_key") == publicKey);
    const json signedText{{"at", model::FormatRfc3339Utc(model::TimePoint{
                                     std::chrono::milliseconds{latest.at("at").get<long long>()}})},
                          {"hash", latest.at("hash")},
                          {"sequence", latest.at("sequence")},
                          {"tenant", "demo"}};
    INFO(signedText.dump());
    CHECK(Ed25519Verifies(publicKey, latest.at("signature").get<std::string>(), signedText.dump()));
    // The signed hash is the chain's at that sequence.
    const auto chain = Chain(*demo.manager);
    const auto sequence = latest.at("sequence").get<std::int64_t>();
    REQUIRE(sequence >= 1);
    REQUIRE(static_cast<std::size_t>(sequence) <= chain.size());
    CHECK(chain[static_cast<std::size_t>(sequence - 1)].at("hash") == latest.at("hash"));
    // Nothing of the private key in the database.
    const std::string secret = FileBytes(privateKey);
    REQUIRE_FALSE(secret.empty());
    CHECK(FileBytes(demo.Database()).find(secret) == std::string::npos);
}

TEST_CASE("An altered event breaks the chain at that event: /verify and verify-audit say so") {
    Checkpointed demo;
    const std::int64_t altered = demo.SequenceOfCreate("tamper.two");
    DropAppendOnlyTriggers(demo.server);

    SECTION("its details changed") {
        demo.SetColumn(altered, "details_json", R"({"after":{"login_id":"mallory"}})");
    }
    SECTION("its actor changed") {
        demo.SetColumn(altered, "actor_login_id", "viewer");
    }
    SECTION("its result changed") {
        demo.SetColumn(altered, "result", "failed");
    }

    const auto verification = Verify(*demo.manager);
    INFO(verification.dump());
    CHECK(verification.at("ok") == false);
    CHECK(verification.at("first_bad_sequence") == altered);
    CHECK(verification.at("first_bad_reason") == "altered");
    std::string output;
    CHECK(demo.VerifyAuditExit(&output) == 1);
    CHECK(output.find(std::to_string(altered)) != std::string::npos);
}

TEST_CASE("A deleted event in the middle shows as missing at its sequence") {
    Checkpointed demo;
    const std::int64_t deleted = demo.SequenceOfCreate("tamper.two");
    DropAppendOnlyTriggers(demo.server);
    Execute(demo.Database(), "DELETE FROM audit_events WHERE tenant_id = ?1 AND sequence = ?2",
            {demo.tenantId, std::to_string(deleted)});

    const auto verification = Verify(*demo.manager);
    INFO(verification.dump());
    CHECK(verification.at("ok") == false);
    CHECK(verification.at("first_bad_sequence") == deleted);
    CHECK(verification.at("first_bad_reason") == "missing");
    std::string output;
    CHECK(demo.VerifyAuditExit(&output) == 1);
    CHECK(output.find(std::to_string(deleted)) != std::string::npos);
}

TEST_CASE("A chain recomputed after an alteration is consistent in itself and caught only by the "
          "signed checkpoint") {
    Checkpointed demo;
    const std::int64_t altered = demo.SequenceOfCreate("tamper.two");
    const auto before = Verify(*demo.manager);
    REQUIRE(before.at("checkpoint").is_object());
    const auto checkpointSequence = before.at("checkpoint").at("sequence").get<std::int64_t>();
    REQUIRE(altered <= checkpointSequence);
    DropAppendOnlyTriggers(demo.server);

    // Rewrite the event, then every later hash and prev_hash, exactly as DESIGN.md defines them.
    auto chain = Chain(*demo.manager);
    REQUIRE(FirstBrokenLink(chain) == 0);
    std::string previous = kGenesis;
    for (auto& event : chain) {
        const std::int64_t sequence = event.at("sequence").get<std::int64_t>();
        if (sequence == altered) {
            event["details"] = json{{"after", {{"login_id", "mallory"}}}};
            demo.SetColumn(sequence, "details_json", event.at("details").dump());
        }
        if (sequence >= altered) {
            event["prev_hash"] = previous;
            event["hash"] = ChainHash(previous, event);
            demo.SetColumn(sequence, "prev_hash", previous);
            demo.SetColumn(sequence, "hash", event.at("hash").get<std::string>());
        }
        previous = event.at("hash").get<std::string>();
    }

    // The server serves the forged chain, and it holds together link by link ...
    const auto forged = Chain(*demo.manager);
    CHECK(FirstBrokenLink(forged) == 0);
    REQUIRE(forged.size() == chain.size());
    const auto index = static_cast<std::size_t>(altered - 1);
    CHECK(forged[index].at("details") == chain[index].at("details"));
    CHECK(forged.back().at("hash") == chain.back().at("hash"));

    // ... but not with what was signed.
    const auto verification = Verify(*demo.manager);
    INFO(verification.dump());
    CHECK(verification.at("ok") == false);
    CHECK(verification.at("first_bad_reason") == "checkpoint");
    REQUIRE(verification.at("first_bad_sequence").is_number_integer());
    CHECK(verification.at("first_bad_sequence").get<std::int64_t>() >= altered);
    CHECK(verification.at("first_bad_sequence").get<std::int64_t>() <= checkpointSequence);
    REQUIRE(verification.at("checkpoint").is_object());
    CHECK(verification.at("checkpoint").at("valid") == false);
    CHECK(verification.at("checkpoint").at("sequence") == checkpointSequence);
    CHECK(demo.VerifyAuditExit() == 1);
}

TEST_CASE("Events cut off the end of the chain before the checkpoint show as missing") {
    Checkpointed demo;
    const auto before = Verify(*demo.manager);
    REQUIRE(before.at("checkpoint").is_object());
    const auto last = before.at("checkpoint").at("sequence").get<std::int64_t>();
    REQUIRE(last == before.at("checked"));
    DropAppendOnlyTriggers(demo.server);
    Execute(demo.Database(), "DELETE FROM audit_events WHERE tenant_id = ?1 AND sequence >= ?2",
            {demo.tenantId, std::to_string(last - 1)});

    const auto verification = Verify(*demo.manager);
    INFO(verification.dump());
    CHECK(verification.at("ok") == false);
    CHECK(verification.at("first_bad_sequence") == last - 1);
    CHECK(verification.at("first_bad_reason") == "missing");
    CHECK(demo.VerifyAuditExit() == 1);
}
