#pragma once
// One page of a list: {"items": [...], "next_cursor": "…" | null}.

#include <optional>
#include <string>
#include <vector>

namespace resv::model {

template <typename T>
struct Page {
    std::vector<T> items;
    std::optional<std::string> nextCursor;

    bool operator==(const Page&) const = default;
};

// Templates on the JSON type, so this header needs only json_fwd where it is included.
template <typename BasicJson, typename T>
void to_json(BasicJson& j, const Page<T>& page) {
    j = BasicJson::object();
    j["items"] = page.items;
    j["next_cursor"] = page.nextCursor ? BasicJson(*page.nextCursor) : BasicJson(nullptr);
}

template <typename BasicJson, typename T>
void from_json(const BasicJson& j, Page<T>& page) {
    Page<T> parsed;
    parsed.items = j.at("items").template get<std::vector<T>>();
    const auto it = j.find("next_cursor");
    if (it != j.end() && !it->is_null()) {
        parsed.nextCursor = it->template get<std::string>();
    }
    page = std::move(parsed);
}

} // namespace resv::model
