#include "support/SmtpServer.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <thread>

extern char** environ;

namespace resv::test {
namespace {

constexpr const char* kPython = "/usr/bin/python3"; // Debian's, with python3-aiosmtpd
constexpr std::chrono::seconds kStartLimit{20};

sockaddr_in Loopback(int port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return address;
}

bool Accepts(int port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return false;
    }
    const sockaddr_in address = Loopback(port);
    const bool connected =
        ::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
    ::close(fd);
    return connected;
}

std::string FileText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Prints the message as a mail reader sees it, as JSON in ASCII (no locale in the way).
constexpr const char* kParseScript = R"py(
import email, json, sys
from email import policy
from email.header import decode_header, make_header
raw = open(sys.argv[1], "rb").read()
modern = email.message_from_bytes(raw, policy=policy.default)
legacy = email.message_from_bytes(raw)
print(json.dumps({
    "subject": str(modern["Subject"]),
    "decoded_subject": str(make_header(decode_header(legacy["Subject"]))),
    "body": modern.get_content(),
    "from": str(modern["From"]),
    "to": str(modern["To"]),
    "message_id": str(modern["Message-ID"]),
    "content_type": modern.get_content_type() + "; charset=" + str(modern.get_content_charset()),
    "transfer_encoding": str(modern["Content-Transfer-Encoding"]),
    "header_names": [name for name, _ in legacy.items()],
}))
)py";

} // namespace

int FreeLoopbackPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in address = Loopback(0);
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(fd);
    return ntohs(address.sin_port);
}

SmtpServer::SmtpServer(std::filesystem::path dir, std::optional<Tls> tls)
    : m_dir(std::move(dir))
    , m_tls(std::move(tls))
    , m_port(FreeLoopbackPort()) {
    std::filesystem::create_directories(m_dir);
}

SmtpServer::~SmtpServer() {
    Stop();
}

std::string SmtpServer::Url(const std::string& host) const {
    const bool implicitTls = m_tls && m_tls->implicit;
    return (implicitTls ? "smtps://" : "smtp://") + host + ":" + std::to_string(m_port);
}

void SmtpServer::Start() {
    REQUIRE(m_pid < 0);
    REQUIRE(std::filesystem::exists(kPython));
    std::vector<std::string> args{kPython, "-m", "aiosmtpd",
                                  "-n",    "-l", "127.0.0.1:" + std::to_string(m_port)};
    if (m_tls) {
        args.push_back(m_tls->implicit ? "--smtpscert" : "--tlscert");
        args.push_back(m_tls->certificate.string());
        args.push_back(m_tls->implicit ? "--smtpskey" : "--tlskey");
        args.push_back(m_tls->key.string());
    }
    args.insert(args.end(), {"-c", "aiosmtpd.handlers.Mailbox", (m_dir / "maildir").string()});
    std::vector<char*> argv;
    for (auto& arg : args) {
        argv.push_back(arg.data());
    }
    argv.push_back(nullptr);
    const std::string log = (m_dir / "aiosmtpd.log").string();
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
    const int spawned = posix_spawn(&m_pid, kPython, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    REQUIRE(spawned == 0);
    // Readiness, not time, ends the wait: poll a connect until it is accepted.
    const auto deadline = std::chrono::steady_clock::now() + kStartLimit;
    while (!Accepts(m_port)) {
        int status = 0;
        if (::waitpid(m_pid, &status, WNOHANG) == m_pid) {
            m_pid = -1;
            FAIL("aiosmtpd exited at start:\n" << FileText(log));
        }
        if (std::chrono::steady_clock::now() > deadline) {
            Stop();
            FAIL("aiosmtpd did not accept connections within 20 s:\n" << FileText(log));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

void SmtpServer::Stop() {
    if (m_pid > 0) {
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
}

std::vector<std::filesystem::path> SmtpServer::Messages() const {
    std::vector<std::filesystem::path> files;
    for (const char* sub : {"new", "cur"}) {
        const auto folder = m_dir / "maildir" / sub;
        if (!std::filesystem::is_directory(folder)) {
            continue;
        }
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
            files.push_back(entry.path());
        }
    }
    return files;
}

ParsedMail ParseMail(const std::filesystem::path& file) {
    REQUIRE(file.string().find('\'') == std::string::npos);
    const std::string command =
        std::string(kPython) + " -c '" + kParseScript + "' '" + file.string() + "'";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), &::pclose);
    REQUIRE(pipe);
    std::string output;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0;) {
        output.append(buffer, n);
    }
    INFO("python printed: " << output);
    const auto json = nlohmann::json::parse(output);
    ParsedMail mail;
    mail.subject = json.at("subject").get<std::string>();
    mail.decodedSubject = json.at("decoded_subject").get<std::string>();
    mail.body = json.at("body").get<std::string>();
    for (std::size_t at; (at = mail.body.find("\r\n")) != std::string::npos;) {
        mail.body.replace(at, 2, "\n");
    }
    mail.from = json.at("from").get<std::string>();
    mail.to = json.at("to").get<std::string>();
    mail.messageId = json.at("message_id").get<std::string>();
    mail.contentType = json.at("content_type").get<std::string>();
    mail.transferEncoding = json.at("transfer_encoding").get<std::string>();
    mail.headerNames = json.at("header_names").get<std::vector<std::string>>();
    mail.raw = FileText(file);
    return mail;
}

} // namespace resv::test
