// What every answer looks like: problem details for every error, HSTS and no-store on every
// response, the right status for each kind of bad request, and nothing at all for plain HTTP.

#include "support/RawTls.h"
#include "support/TestServer.h"

#include "resv/model/Json.h"

#include <catch2/catch.hpp>

using namespace resv;
using namespace resv::test;

namespace {

constexpr std::size_t kMaxBody = 1024 * 1024;

void RequireSecurityHeaders(const HttpAnswer& answer) {
    INFO("status " << answer.status);
    CHECK(answer.headers.count("strict-transport-security") == 1);
    if (answer.headers.count("strict-transport-security")) {
        CHECK(answer.headers.at("strict-transport-security") == "max-age=31536000");
    }
    CHECK(answer.headers.count("cache-control") == 1);
    if (answer.headers.count("cache-control")) {
        CHECK(answer.headers.at("cache-control") == "no-store");
    }
}

/// Status, content type and the problem's code of an error answer.
void RequireProblem(const HttpAnswer& answer, int status, const std::string& code) {
    INFO(answer.body);
    REQUIRE(answer.status == status);
    CHECK(answer.headers.at("content-type") == "application/problem+json");
    const auto problem = model::Json::parse(answer.body).get<model::Problem>();
    CHECK(problem.status == status);
    CHECK(problem.code == code);
    CHECK_FALSE(problem.title.empty());
}

std::string LoginBody(const DemoLogin& login) {
    return model::Json(RequestFor(login)).dump();
}

constexpr const char* kJsonType = "Content-Type: application/json\r\n";

} // namespace

TEST_CASE("Health answers without a session, with the version and the server's clock") {
    TestServer server;
    auto client = server.Client();
    const model::Health health = client->GetHealth();
    CHECK(health.status == "ok");
    CHECK(health.version == RESV_VERSION);
    CHECK(health.serverTime == TestEpoch()); // the injected clock, not the machine's
}

TEST_CASE("Every response carries HSTS and no-store, errors included") {
    TestServer server;
    const auto port = server.Port();
    const auto ca = server.CaFile();
    const auto login =
        HttpsRequest(port, ca, "POST", "/api/v1/sessions", LoginBody(kManager), kJsonType);
    REQUIRE(login.status == 201);
    const std::string bearer = "Authorization: Bearer " +
                               model::Json::parse(login.body).at("token").get<std::string>() +
                               "\r\n";
    const std::vector<HttpAnswer> answers{
        login,
        HttpsRequest(port, ca, "GET", "/api/v1/health"),
        HttpsRequest(port, ca, "GET", "/api/v1/me", "", bearer),
        HttpsRequest(port, ca, "GET", "/api/v1/me"),
        HttpsRequest(port, ca, "GET", "/no/such/path"),
        HttpsRequest(port, ca, "PUT", "/api/v1/health", "{}", kJsonType),
        HttpsRequest(port, ca, "POST", "/api/v1/sessions", "{", kJsonType),
        HttpsRequest(port, ca, "POST", "/api/v1/sessions", "{}", "Content-Type: text/plain\r\n"),
        HttpsRequest(port, ca, "POST", "/api/v1/sessions", std::string(kMaxBody + 1, 'x'),
                     kJsonType),
        HttpsRequest(port, ca, "BREW", "/api/v1/health"),
        HttpsRequest(port, ca, "DELETE", "/api/v1/sessions/current", "", bearer),
    };
    const std::vector<int> expected{201, 200, 200, 401, 404, 405, 400, 415, 413, 400, 204};
    REQUIRE(answers.size() == expected.size());
    for (std::size_t i = 0; i < answers.size(); ++i) {
        CHECK(answers[i].status == expected[i]);
        RequireSecurityHeaders(answers[i]);
    }
}

TEST_CASE("Unknown paths are 404 and known paths with another method 405 with Allow") {
    TestServer server;
    const auto notFound = HttpsRequest(server.Port(), server.CaFile(), "GET", "/api/v1/nothing");
    RequireProblem(notFound, 404, "not_found");

    const auto wrongMethod =
        HttpsRequest(server.Port(), server.CaFile(), "POST", "/api/v1/me", "{}", kJsonType);
    RequireProblem(wrongMethod, 405, "method_not_allowed");
    CHECK(wrongMethod.headers.at("allow") == "GET");

    const auto trace = HttpsRequest(server.Port(), server.CaFile(), "TRACE", "/api/v1/health");
    RequireProblem(trace, 405, "method_not_allowed");
    CHECK(trace.headers.at("allow") == "GET");
}

TEST_CASE("Malformed JSON is 400 invalid_json") {
    TestServer server;
    auto client = server.Client();
    for (const char* body : {"{", "", "{\"tenant\": demo}", "\xff\xfe{}", "[1,2"}) {
        INFO(body);
        const auto result = client->SendRaw("POST", "/api/v1/sessions", body, "application/json");
        CHECK(result.status == 400);
        CHECK(result.contentType == "application/problem+json");
        CHECK(model::Json::parse(result.body).at("code") == "invalid_json");
    }
}

TEST_CASE("A missing, empty or ill-typed field is 400 invalid_field naming it") {
    TestServer server;
    auto client = server.Client();
    const std::vector<std::pair<std::string, std::string>> cases{
        {R"({"login_id":"manager","password":"x"})", "tenant"},
        {R"({"tenant":"demo","password":"x"})", "login_id"},
        {R"({"tenant":"demo","login_id":"manager","password":""})", "password"},
        {R"({"tenant":"demo","login_id":5,"password":"x"})", "login_id"},
        {R"({"tenant":"demo","login_id":"m","password":"x","act_as_tenant":7})", "act_as_tenant"},
    };
    for (const auto& [body, field] : cases) {
        INFO(body);
        const auto result = client->SendRaw("POST", "/api/v1/sessions", body, "application/json");
        REQUIRE(result.status == 400);
        const auto problem = model::Json::parse(result.body).get<model::Problem>();
        CHECK(problem.code == "invalid_field");
        REQUIRE(problem.errors.size() == 1);
        CHECK(problem.errors[0].field == field);
        CHECK_FALSE(problem.errors[0].code.empty());
        CHECK_FALSE(problem.errors[0].message.empty());
    }
    // JSON that is not an object at all is still the client's mistake, never a 5xx.
    for (const char* body : {"[]", "null", "\"text\"", "42"}) {
        INFO(body);
        const auto result = client->SendRaw("POST", "/api/v1/sessions", body, "application/json");
        CHECK(result.status == 400);
    }
}

TEST_CASE("A body that is not application/json is 415, whatever it holds") {
    TestServer server;
    auto client = server.Client();
    const std::string valid = LoginBody(kManager);
    for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                             "application/xml"}) {
        INFO(type);
        const auto result = client->SendRaw("POST", "/api/v1/sessions", valid, type);
        CHECK(result.status == 415);
        CHECK(model::Json::parse(result.body).at("code") == "unsupported_media_type");
    }
    // Parameters and case do not matter for the media type itself.
    const auto withCharset =
        client->SendRaw("POST", "/api/v1/sessions", valid, "Application/JSON; charset=utf-8");
    CHECK(withCharset.status == 201);
}

TEST_CASE("A body over 1 MiB is 413 payload_too_large, sized or chunked") {
    TestServer server;
    auto client = server.Client();
    const std::string tooBig = "{\"tenant\":\"" + std::string(kMaxBody, 'a') + "\"}";
    const auto result = client->SendRaw("POST", "/api/v1/sessions", tooBig, "application/json");
    CHECK(result.status == 413);
    CHECK(result.contentType == "application/problem+json");
    CHECK(model::Json::parse(result.body).at("code") == "payload_too_large");

    // Chunked bodies escape the HTTP library's own limit; the server counts them itself, and
    // reads such a body to its end, so nothing of it is taken for the next request.
    std::string chunked = "POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\n"
                          "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    const std::string chunk(64 * 1024, 'a');
    for (int i = 0; i < 20; ++i) {
        chunked += "10000\r\n" + chunk + "\r\n";
    }
    chunked += "0\r\n\r\n";
    TlsClientSettings settings;
    settings.caFile = server.CaFile().string();
    TlsConnection connection(server.Port(), settings);
    REQUIRE(connection.Handshake().connected);
    connection.Send(chunked);
    const auto answer = ParseHttpAnswer(connection.ReadAnswer());
    RequireProblem(answer, 413, "payload_too_large");
    RequireSecurityHeaders(answer);
    connection.Send("GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const auto next = ParseHttpAnswers(connection.ReadUntilClosed());
    REQUIRE(next.size() == 1);
    CHECK(next[0].status == 200);

    // Exactly 1 MiB is allowed (and then judged on its content).
    const std::string atLimit = "\"" + std::string(kMaxBody - 2, 'a') + "\"";
    REQUIRE(atLimit.size() == kMaxBody);
    CHECK(client->SendRaw("POST", "/api/v1/sessions", atLimit, "application/json").status == 400);
}

TEST_CASE("Deeply nested JSON is refused as a client error, not a crash") {
    TestServer server;
    auto client = server.Client();
    const std::string deep = std::string(500000, '[') + std::string(500000, ']');
    const auto result = client->SendRaw("POST", "/api/v1/sessions", deep, "application/json");
    CHECK(result.status == 400);
    CHECK(client->GetHealth().status == "ok");
}

TEST_CASE("Plain HTTP on the TLS port gets no HTTP answer") {
    TestServer server;
    const std::string received = PlainTcpExchange(
        server.Port(),
        "GET /api/v1/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    CHECK(received.find("HTTP/") == std::string::npos);
    CHECK(received.find("status") == std::string::npos);
    // And the server is still there for TLS clients.
    CHECK(server.Client()->GetHealth().status == "ok");
}

TEST_CASE("A port that is already taken stops Start with a reason") {
    TestServer first;
    TempDir dir;
    server::ServerConfig config;
    config.dataDir = dir.Path() / "data";
    config.port = first.Port();
    server::Server second(config);
    CHECK_THROWS_WITH(second.Start(), Catch::Contains("cannot listen"));
}
