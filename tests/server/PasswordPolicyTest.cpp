// The password policy of issue 4, checked directly: each reason has its own code, Unicode counts
// by characters, and the dictionary is cracklib's through libpwquality.

#include "auth/PasswordPolicy.h"
#include "http/Problem.h"

#include <catch2/catch.hpp>

using resv::server::auth::PasswordPolicy;
namespace reason = resv::server::auth::password_reason;

namespace {

std::string ReasonOf(const PasswordPolicy& policy, const std::string& password,
                     const std::string& loginId = "tanaka") {
    const auto verdict = policy.Check(password, loginId);
    return verdict ? verdict->reason : "accepted";
}

} // namespace

TEST_CASE("A password of 12 to 128 characters that is no word passes, in any script") {
    const PasswordPolicy policy;
    CHECK(ReasonOf(policy, "xK9#mQ2$vL7!") == "accepted");
    CHECK(ReasonOf(policy, "Tr0ub4dor&3xq") == "accepted");
    // Twelve Japanese characters are 36 bytes but twelve characters.
    CHECK(ReasonOf(policy, "さくらが咲く春の日の午後") == "accepted");
    CHECK(ReasonOf(policy, "correct horse battery") == "accepted");
}

TEST_CASE("Length is counted in characters, not bytes") {
    const PasswordPolicy policy;
    CHECK(ReasonOf(policy, "xK9#mQ2$vL7") == reason::kTooShort);             // 11
    CHECK(ReasonOf(policy, "さくらが咲く春の日の午") == reason::kTooShort); // 11 characters, 33 bytes
    CHECK(ReasonOf(policy, "") == reason::kTooShort);
    std::string longest;
    for (int i = 0; i < 16; ++i) {
        longest += "xK9#mQ2$"; // 128 characters
    }
    CHECK(ReasonOf(policy, longest) != reason::kTooLong);
    CHECK(ReasonOf(policy, longest + "z") == reason::kTooLong);
}

TEST_CASE("A password containing the login ID is refused whatever its case") {
    const PasswordPolicy policy;
    CHECK(ReasonOf(policy, "xK9#TanakaQ2$v", "tanaka") == reason::kContainsLoginId);
    CHECK(ReasonOf(policy, "xK9#tanakaQ2$v", "tanaka") == reason::kContainsLoginId);
    CHECK(ReasonOf(policy, "xK9#tanakaQ2$v", "suzuki") == "accepted");
}

TEST_CASE("Dictionary words are refused by cracklib's dictionary") {
    const PasswordPolicy policy;
    CHECK(ReasonOf(policy, "internationally") == reason::kDictionaryWord);
    CHECK(ReasonOf(policy, "Helicopters1") == reason::kDictionaryWord);
    // cracklib also refuses what is systematic; that has its own reason.
    CHECK(ReasonOf(policy, "abcdefghijkm") == reason::kTooSimple);
    CHECK(ReasonOf(policy, "aaaaaaaaaaaaaa") == reason::kTooSimple);
}

TEST_CASE("Common passwords that pass pwquality are refused by the shipped list") {
    const PasswordPolicy policy;
    CHECK(PasswordPolicy::IsCommon("password1234"));
    CHECK(PasswordPolicy::IsCommon("PassWord1234"));
    CHECK(ReasonOf(policy, "Password1234") == reason::kCommonPassword);
    CHECK(ReasonOf(policy, "iloveyou1234") == reason::kCommonPassword);
    CHECK(ReasonOf(policy, "1q2w3e4r5t6y") == reason::kCommonPassword);
    CHECK_FALSE(PasswordPolicy::IsCommon("xK9#mQ2$vL7!"));
}

TEST_CASE("Control characters are refused") {
    const PasswordPolicy policy;
    CHECK(ReasonOf(policy, std::string("xK9#mQ2$\0vL7!x", 14)) == reason::kInvalidCharacters);
    CHECK(ReasonOf(policy, "xK9#mQ2$\nvL7!x") == reason::kInvalidCharacters);
}

TEST_CASE("Require answers 400 weak_password naming the field with the reason as its code") {
    const PasswordPolicy policy;
    try {
        policy.Require("short", "tanaka");
        FAIL("a short password was accepted");
    } catch (const resv::server::http::HttpError& error) {
        CHECK(error.Status() == 400);
        CHECK(error.Code() == "weak_password");
        REQUIRE(error.Errors().size() == 1);
        CHECK(error.Errors()[0].field == "new_password");
        CHECK(error.Errors()[0].code == "too_short");
    }
    CHECK_NOTHROW(policy.Require("xK9#mQ2$vL7!", "tanaka"));
}
