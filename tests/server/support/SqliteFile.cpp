#include "support/SqliteFile.h"

#include <openssl/evp.h>
#include <sqlite3.h>

#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

namespace resv::test {
namespace {

struct Database {
    explicit Database(const std::filesystem::path& file, int flags) {
        REQUIRE(sqlite3_open_v2(file.c_str(), &db, flags, nullptr) == SQLITE_OK);
        sqlite3_busy_timeout(db, 5000);
    }
    ~Database() { sqlite3_close_v2(db); }
    sqlite3* db = nullptr;
};

struct Statement {
    Statement(sqlite3* db, const std::string& sql, const std::vector<std::string>& parameters) {
        INFO(sql);
        REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) == SQLITE_OK);
        for (std::size_t i = 0; i < parameters.size(); ++i) {
            sqlite3_bind_text(statement, static_cast<int>(i + 1), parameters[i].c_str(), -1,
                              SQLITE_TRANSIENT);
        }
    }
    ~Statement() { sqlite3_finalize(statement); }
    sqlite3_stmt* statement = nullptr;
};

nlohmann::json Column(sqlite3_stmt* statement, int column) {
    switch (sqlite3_column_type(statement, column)) {
    case SQLITE_INTEGER:
        return sqlite3_column_int64(statement, column);
    case SQLITE_NULL:
        return nullptr;
    default:
        return std::string(reinterpret_cast<const char*>(sqlite3_column_text(statement, column)),
                           static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
    }
}

} // namespace

std::vector<nlohmann::json> QueryRows(const std::filesystem::path& database, const std::string& sql,
                                      const std::vector<std::string>& parameters) {
    Database db(database, SQLITE_OPEN_READONLY);
    Statement query(db.db, sql, parameters);
    std::vector<nlohmann::json> rows;
    while (sqlite3_step(query.statement) == SQLITE_ROW) {
        nlohmann::json row = nlohmann::json::object();
        for (int i = 0; i < sqlite3_column_count(query.statement); ++i) {
            row[sqlite3_column_name(query.statement, i)] = Column(query.statement, i);
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

void Execute(const std::filesystem::path& database, const std::string& sql,
             const std::vector<std::string>& parameters) {
    Database db(database, SQLITE_OPEN_READWRITE);
    Statement statement(db.db, sql, parameters);
    REQUIRE(sqlite3_step(statement.statement) == SQLITE_DONE);
}

std::string FileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string Sha256HexOpenSsl(const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    REQUIRE(EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) == 1);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned int i = 0; i < length; ++i) {
        hex += kHex[digest[i] >> 4];
        hex += kHex[digest[i] & 0xf];
    }
    return hex;
}

} // namespace resv::test
