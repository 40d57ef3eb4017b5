#pragma once
// Reads the server's database the way an outsider would: straight from the file, read-only.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace resv::test {

/// The rows of `sql` (bound to `parameters` as ?1, ?2...) as JSON objects keyed by column name;
/// integers stay integers, NULL is null.
std::vector<nlohmann::json> QueryRows(const std::filesystem::path& database, const std::string& sql,
                                      const std::vector<std::string>& parameters = {});

/// Runs a statement that changes the database (to set up a case the API cannot yet make).
void Execute(const std::filesystem::path& database, const std::string& sql,
             const std::vector<std::string>& parameters = {});

/// The bytes of a file, or empty if it does not exist.
std::string FileBytes(const std::filesystem::path& file);

/// Lower-case hex SHA-256, computed with OpenSSL (independently of the server's libsodium).
std::string Sha256HexOpenSsl(const std::string& data);

} // namespace resv::test
