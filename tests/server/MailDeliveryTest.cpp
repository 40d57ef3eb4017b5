// Mail really delivered to a loopback SMTP server (Debian's aiosmtpd) and read back; kept in the
// outbox, with its error and a growing wait, while that server is down; never sent in plain text
// when TLS is required; over STARTTLS and SMTPS with a private CA.

#include "mail/MailDispatcher.h"
#include "mail/MailOutbox.h"
#include "resv/server/Server.h"
#include "storage/Database.h"
#include "support/SmtpServer.h"
#include "support/TestServer.h"
#include "tls/DevCertificates.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <thread>

using namespace resv;
using namespace resv::server;
using namespace std::chrono_literals;
using resv::test::SmtpServer;
using resv::test::TempDir;

namespace {

const std::string kSender = "resv-notice@example.jp";
const std::string kSubject = "【障害】予約システムに接続できません";
const std::string kBody = "お客様各位\n\n"
                          "2026年11月25日 17:00 JST より、予約システムに接続できない障害が発生"
                          "しております。\n原因を調査中です。復旧しだい改めてご連絡いたします。\n";

struct OutboxRow {
    int attempts = 0;
    std::optional<std::string> lastError;
    model::TimePoint nextAttemptAt;
    std::optional<model::TimePoint> sentAt;
};

/// A database with the outbox, the dispatcher's parts and a clock the test moves.
struct Outbox {
    TempDir dir;
    std::shared_ptr<ManualClock> clock = std::make_shared<ManualClock>(test::TestEpoch());
    storage::Database database{dir.Path() / "resv.db", 2};
    mail::MailOutbox outbox{clock, true};

    std::string Enqueue(const std::string& subject = kSubject, const std::string& body = kBody) {
        auto connection = database.Acquire();
        storage::Transaction transaction(*connection);
        const std::string id = outbox.Enqueue(
            *connection, {.tenantId = std::nullopt,
                          .about = mail::MailSubject{"incident", "inc_test"},
                          .recipients = {"kanri@hotel.example.jp", "joho@hotel.example.jp"},
                          .subject = subject,
                          .body = body});
        transaction.Commit();
        return id;
    }

    mail::MailDispatcher Dispatcher(mail::SmtpSettings settings) {
        return mail::MailDispatcher(
            database, clock, std::make_shared<mail::SmtpSender>(std::move(settings)), kSender);
    }

    OutboxRow Row(const std::string& id) {
        auto connection = database.Acquire();
        auto query = connection->Prepare(
            "SELECT attempts, last_error, next_attempt_at, sent_at FROM mail_outbox WHERE id = ?1");
        query.BindAll(id);
        REQUIRE(query.Step());
        return {static_cast<int>(query.Int(0)), query.OptionalText(1), query.Time(2),
                query.OptionalTime(3)};
    }

    mail::OutboxHealth Health() {
        auto connection = database.Acquire();
        return outbox.Health(*connection);
    }
};

/// The first reply line's code after sending `command` (or the greeting for an empty one).
std::string Reply(int fd, const std::string& command) {
    if (!command.empty()) {
        REQUIRE(::send(fd, command.data(), command.size(), 0) ==
                static_cast<ssize_t>(command.size()));
    }
    std::string text;
    char c = 0;
    // A reply ends with a line whose code is followed by a space ("250 OK\r\n").
    for (std::size_t lineStart = 0; ::recv(fd, &c, 1, 0) == 1;) {
        text += c;
        if (c == '\n') {
            if (text.size() - lineStart > 3 && text[lineStart + 3] == ' ') {
                return text.substr(lineStart, 3);
            }
            lineStart = text.size();
        }
    }
    FAIL("the SMTP server closed the connection: " << text);
    return {};
}

/// What the server answers a MAIL command sent in plain text after EHLO.
std::string PlainMailReply(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    CHECK(Reply(fd, "") == "220");
    CHECK(Reply(fd, "EHLO test.example.jp\r\n") == "250");
    const std::string code = Reply(fd, "MAIL FROM:<" + kSender + ">\r\n");
    ::close(fd);
    return code;
}

} // namespace

TEST_CASE("An incident mail in Japanese reaches the SMTP server and reads back exactly") {
    Outbox box;
    SmtpServer smtp(box.dir.Path() / "smtp");
    smtp.Start();
    const std::string id = box.Enqueue();
    auto dispatcher = box.Dispatcher({.url = smtp.Url()});

    const auto report = dispatcher.DeliverDue();
    CHECK(report.sent == 1);
    CHECK(report.failed == 0);
    const auto messages = smtp.Messages();
    REQUIRE(messages.size() == 1);
    const auto mail = test::ParseMail(messages.front());
    CHECK(mail.subject == kSubject);
    CHECK(mail.decodedSubject == kSubject);
    CHECK(mail.body == kBody);
    CHECK(mail.from == kSender);
    CHECK(mail.to == "kanri@hotel.example.jp, joho@hotel.example.jp");
    CHECK(mail.messageId == "<" + id + "@example.jp>");
    // The envelope went to both recipients (aiosmtpd's Mailbox notes it).
    CHECK(mail.raw.find("X-RcptTo: kanri@hotel.example.jp, joho@hotel.example.jp") !=
          std::string::npos);

    const OutboxRow row = box.Row(id);
    CHECK(row.sentAt == box.clock->Now());
    CHECK(row.attempts == 1);
    CHECK(box.Health().pending == 0);
    auto connection = box.database.Acquire();
    CHECK(box.outbox.FirstSentAt(*connection, {"incident", "inc_test"}, "ten_none") ==
          std::nullopt); // another tenant's mail is not this one's
    // Sent once: a second pass finds nothing due.
    CHECK(dispatcher.DeliverDue().sent == 0);
    CHECK(smtp.Messages().size() == 1);
}

TEST_CASE("While the SMTP server is down the mail is kept, retried later, and sent once when it "
          "is back") {
    Outbox box;
    SmtpServer smtp(box.dir.Path() / "smtp"); // its port is chosen; nothing listens yet
    const std::string id = box.Enqueue();
    auto dispatcher = box.Dispatcher({.url = smtp.Url(), .connectTimeout = 5s});

    auto report = dispatcher.DeliverDue();
    CHECK(report.sent == 0);
    CHECK(report.failed == 1);
    OutboxRow row = box.Row(id);
    CHECK(row.attempts == 1);
    CHECK_FALSE(row.sentAt);
    REQUIRE(row.lastError);
    CHECK(row.lastError->find("onnect") != std::string::npos); // curl: "Couldn't connect ..."
    CHECK(row.nextAttemptAt == box.clock->Now() + 30s);
    auto health = box.Health();
    CHECK(health.pending == 1);
    CHECK(health.failing == 1);
    CHECK(health.lastError == row.lastError);

    // Not due yet: nothing is tried.
    box.clock->Advance(29s);
    CHECK(dispatcher.DeliverDue().failed == 0);
    CHECK(box.Row(id).attempts == 1);
    // Due again and still down: the wait doubles.
    box.clock->Advance(1s);
    CHECK(dispatcher.DeliverDue().failed == 1);
    row = box.Row(id);
    CHECK(row.attempts == 2);
    CHECK(row.nextAttemptAt == box.clock->Now() + 60s);

    smtp.Start();
    CHECK(dispatcher.DeliverDue().sent == 0); // the backoff holds even though it is up
    CHECK(smtp.Messages().empty());
    box.clock->Advance(60s);
    CHECK(dispatcher.DeliverDue().sent == 1);
    row = box.Row(id);
    CHECK(row.sentAt == box.clock->Now());
    CHECK(row.attempts == 3);
    CHECK(box.Health().pending == 0);
    CHECK(box.Health().failing == 0);
    box.clock->Advance(1h);
    CHECK(dispatcher.DeliverDue().sent == 0);
    REQUIRE(smtp.Messages().size() == 1);
    CHECK(test::ParseMail(smtp.Messages().front()).subject == kSubject);
}

TEST_CASE("With --smtp-require-tls a server without STARTTLS gets nothing and the mail waits") {
    Outbox box;
    SmtpServer smtp(box.dir.Path() / "smtp");
    smtp.Start();
    const std::string id = box.Enqueue();
    auto dispatcher = box.Dispatcher({.url = smtp.Url(), .requireTls = true});

    CHECK(dispatcher.DeliverDue().failed == 1);
    CHECK(smtp.Messages().empty());
    const OutboxRow row = box.Row(id);
    CHECK_FALSE(row.sentAt);
    CHECK(row.attempts == 1);
    CHECK(row.lastError);
    CHECK(box.Health().failing == 1);
}

TEST_CASE("Over STARTTLS with a private CA the mail is delivered, and only over TLS") {
    Outbox box;
    const auto tlsFiles = tls::EnsureDevCertificates(box.dir.Path() / "tls");
    // aiosmtpd with --tlscert requires STARTTLS before MAIL (require_starttls).
    SmtpServer smtp(box.dir.Path() / "smtp",
                    SmtpServer::Tls{tlsFiles.serverCertificate, tlsFiles.serverKey, false});
    smtp.Start();
    CHECK(PlainMailReply(smtp.Port()) == "530"); // "Must issue a STARTTLS command first"

    const std::string id = box.Enqueue();
    SECTION("without the CA the certificate is refused and nothing is sent") {
        auto dispatcher = box.Dispatcher({.url = smtp.Url("localhost")});
        CHECK(dispatcher.DeliverDue().failed == 1);
        CHECK(smtp.Messages().empty());
        REQUIRE(box.Row(id).lastError);
        CHECK(box.Row(id).lastError->find("certificate") != std::string::npos);
    }
    SECTION("with --smtp-ca-file it goes through, by STARTTLS when offered") {
        auto dispatcher =
            box.Dispatcher({.url = smtp.Url("localhost"), .caFile = tlsFiles.caCertificate});
        CHECK(dispatcher.DeliverDue().sent == 1);
        REQUIRE(smtp.Messages().size() == 1);
        const auto mail = test::ParseMail(smtp.Messages().front());
        CHECK(mail.subject == kSubject);
        CHECK(mail.body == kBody);
        CHECK(box.Row(id).sentAt);
    }
    SECTION("with --smtp-require-tls too") {
        auto dispatcher = box.Dispatcher(
            {.url = smtp.Url(), .requireTls = true, .caFile = tlsFiles.caCertificate});
        CHECK(dispatcher.DeliverDue().sent == 1);
        CHECK(smtp.Messages().size() == 1);
    }
}

TEST_CASE("Over smtps:// the mail is delivered with TLS from the start") {
    Outbox box;
    const auto tlsFiles = tls::EnsureDevCertificates(box.dir.Path() / "tls");
    SmtpServer smtp(box.dir.Path() / "smtp",
                    SmtpServer::Tls{tlsFiles.serverCertificate, tlsFiles.serverKey, true});
    smtp.Start();
    box.Enqueue();
    auto dispatcher = box.Dispatcher({.url = smtp.Url(), .caFile = tlsFiles.caCertificate});
    CHECK(smtp.Url().rfind("smtps://", 0) == 0);
    CHECK(dispatcher.DeliverDue().sent == 1);
    REQUIRE(smtp.Messages().size() == 1);
    CHECK(test::ParseMail(smtp.Messages().front()).subject == kSubject);
}

TEST_CASE("Without a mail server nothing is sent and the mail waits untouched") {
    Outbox box;
    const std::string id = box.Enqueue();
    mail::MailDispatcher dispatcher(box.database, box.clock, nullptr, kSender);
    dispatcher.Start(); // no thread without a transport
    CHECK(dispatcher.DeliverDue().sent == 0);
    dispatcher.Stop();
    const OutboxRow row = box.Row(id);
    CHECK(row.attempts == 0);
    CHECK_FALSE(row.lastError);
    CHECK(box.Health().pending == 1);
    CHECK(box.Health().failing == 0);
}

TEST_CASE("A mail with a stored recipient that is not an address fails, is kept and says why") {
    Outbox box;
    SmtpServer smtp(box.dir.Path() / "smtp");
    smtp.Start();
    std::string id;
    {
        auto connection = box.database.Acquire();
        storage::Transaction transaction(*connection);
        id = box.outbox.Enqueue(*connection,
                                {.recipients = {"kanri@hotel.example.jp\r\nBcc: x@example.com"},
                                 .subject = kSubject,
                                 .body = kBody});
        transaction.Commit();
    }
    auto dispatcher = box.Dispatcher({.url = smtp.Url()});
    CHECK(dispatcher.DeliverDue().failed == 1);
    CHECK(smtp.Messages().empty());
    const OutboxRow row = box.Row(id);
    CHECK_FALSE(row.sentAt);
    REQUIRE(row.lastError);
    CHECK(row.lastError->find("not a plain e-mail address") != std::string::npos);
}

TEST_CASE("The server's mail thread sends soon after an enqueue and stops with the server") {
    TempDir dir;
    SmtpServer smtp(dir.Path() / "smtp");
    smtp.Start();
    auto clock = std::make_shared<ManualClock>(test::TestEpoch());
    Server server({.dataDir = dir.Path() / "data",
                   .port = 0,
                   .clock = clock,
                   .smtpUrl = smtp.Url(),
                   .mailFrom = kSender});
    server.Start();
    {
        // Another connection to the same database file, as a service's transaction would be.
        storage::Database database(dir.Path() / "data" / "resv.db", 1);
        auto connection = database.Acquire();
        storage::Transaction transaction(*connection);
        mail::MailOutbox(clock, true)
            .Enqueue(
                *connection,
                {.recipients = {"kanri@hotel.example.jp"}, .subject = kSubject, .body = kBody});
        transaction.Commit();
    }
    // That outbox is not the server's, so nothing notified the thread; DeliverMail sends it
    // unless the thread's own pass took it first (DeliverMail then waits for that pass).
    server.DeliverMail();
    REQUIRE(smtp.Messages().size() == 1);
    CHECK(server.DeliverMail() == 0);
    CHECK(smtp.Messages().size() == 1);
    server.Stop(); // joins the mail thread promptly (it waits on a condition, not a sleep)
}

TEST_CASE("The dispatcher's thread wakes when notified and delivers without waiting its tick") {
    Outbox box;
    SmtpServer smtp(box.dir.Path() / "smtp");
    smtp.Start();
    auto dispatcher = box.Dispatcher({.url = smtp.Url()});
    box.outbox.SetOnEnqueued([&dispatcher] { dispatcher.Notify(); });
    dispatcher.Start(1h); // the tick alone would not come during this test
    const std::string id = box.Enqueue();
    // Observe the outcome: poll the maildir, bounded (the notify, not the tick, makes it come).
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (smtp.Messages().empty() && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(10ms);
    }
    dispatcher.Stop();
    REQUIRE(smtp.Messages().size() == 1);
    CHECK(box.Row(id).sentAt);
}

TEST_CASE("Stopping cancels a send that hangs and leaves the mail untouched for the next start") {
    Outbox box;
    // A mail server that accepts the connection and then says nothing.
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    REQUIRE(::listen(listener, 4) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    const std::string url = "smtp://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

    const std::string id = box.Enqueue();
    auto dispatcher = box.Dispatcher({.url = url});
    dispatcher.Start(1h); // its first pass starts sending at once
    pollfd ready{listener, POLLIN, 0};
    REQUIRE(::poll(&ready, 1, 20000) == 1); // the dispatcher is connecting: it is inside Send
    const int connection = ::accept(listener, nullptr, nullptr);
    REQUIRE(connection >= 0);
    dispatcher.Stop(); // returns once curl's progress check sees the stop, not after a timeout
    ::close(connection);
    ::close(listener);
    const OutboxRow row = box.Row(id);
    CHECK(row.attempts == 0); // not the mail server's failure: nothing is counted
    CHECK_FALSE(row.lastError);
    CHECK_FALSE(row.sentAt);
    CHECK(row.nextAttemptAt <= box.clock->Now());
}
