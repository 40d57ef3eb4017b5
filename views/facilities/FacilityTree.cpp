#include "views/facilities/FacilityTree.h"

#include <algorithm>

namespace resv::views {
namespace {

std::string Trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) {
        return {};
    }
    const auto last = text.find_last_not_of(" \t\r\n");
    return std::string(text.substr(first, last - first + 1));
}

bool Matches(const std::string& folded, std::string_view needle) {
    return folded.find(needle) != std::string::npos;
}

template <typename Item>
void SortByName(std::vector<std::size_t>& indexes, const std::vector<Item>& items) {
    std::sort(indexes.begin(), indexes.end(), [&](std::size_t a, std::size_t b) {
        if (items[a].name != items[b].name) {
            return items[a].name < items[b].name;
        }
        return items[a].id < items[b].id;
    });
}

} // namespace

TerminalStatus StatusOf(const model::Terminal& terminal) {
    if (terminal.configState == model::ConfigState::Failed) {
        return TerminalStatus::ConfigFailed;
    }
    if (terminal.configState == model::ConfigState::Pending) {
        return TerminalStatus::ConfigPending;
    }
    return terminal.online ? TerminalStatus::Online : TerminalStatus::Offline;
}

std::string FoldForSearch(std::string_view text) {
    std::string folded(text);
    for (char& c : folded) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return folded;
}

FacilityTree::FacilityTree(FacilityData data, std::string_view filter)
    : m_data(std::move(data)) {
    const std::string needle = FoldForSearch(Trimmed(filter));
    m_filtered = !needle.empty();

    for (std::size_t i = 0; i < m_data.jurisdictions.size(); ++i) {
        m_jurisdictionIndex.emplace(m_data.jurisdictions[i].id, i);
    }
    for (std::size_t i = 0; i < m_data.facilities.size(); ++i) {
        m_facilityIndex.emplace(m_data.facilities[i].id, i);
        m_facilitiesOfJurisdiction[m_data.facilities[i].jurisdictionId].push_back(i);
    }
    for (std::size_t i = 0; i < m_data.terminals.size(); ++i) {
        m_terminalIndex.emplace(m_data.terminals[i].id, i);
        m_terminalsOfFacility[m_data.terminals[i].facilityId].push_back(i);
    }

    std::vector<std::size_t> jurisdictionOrder(m_data.jurisdictions.size());
    for (std::size_t i = 0; i < jurisdictionOrder.size(); ++i) {
        jurisdictionOrder[i] = i;
    }
    SortByName(jurisdictionOrder, m_data.jurisdictions);

    m_roots.reserve(jurisdictionOrder.size());
    for (std::size_t j : jurisdictionOrder) {
        const model::Jurisdiction& jurisdiction = m_data.jurisdictions[j];
        const bool jurisdictionMatches =
            !m_filtered || Matches(FoldForSearch(jurisdiction.name), needle);
        JurisdictionNode jNode{j, 0, {}};
        auto facilities = m_facilitiesOfJurisdiction[jurisdiction.id];
        SortByName(facilities, m_data.facilities);
        for (std::size_t f : facilities) {
            const model::Facility& facility = m_data.facilities[f];
            auto terminals = m_terminalsOfFacility[facility.id];
            jNode.terminalCount += static_cast<int>(terminals.size());
            const bool facilityMatches =
                jurisdictionMatches || Matches(FoldForSearch(facility.name), needle);
            SortByName(terminals, m_data.terminals);
            FacilityNode fNode{f, {}};
            fNode.terminals.reserve(terminals.size());
            for (std::size_t t : terminals) {
                const model::Terminal& terminal = m_data.terminals[t];
                if (facilityMatches || Matches(FoldForSearch(terminal.name), needle) ||
                    Matches(FoldForSearch(terminal.ipAddress), needle) ||
                    Matches(FoldForSearch(terminal.reportedIp.value_or("")), needle) ||
                    Matches(FoldForSearch(terminal.serial), needle)) {
                    fNode.terminals.push_back({t});
                }
            }
            if (facilityMatches || !fNode.terminals.empty()) {
                jNode.facilities.push_back(std::move(fNode));
            }
        }
        if (jurisdictionMatches || !jNode.facilities.empty()) {
            m_roots.push_back(std::move(jNode));
        }
    }
}

const model::Jurisdiction* FacilityTree::FindJurisdiction(const std::string& id) const {
    const auto it = m_jurisdictionIndex.find(id);
    return it == m_jurisdictionIndex.end() ? nullptr : &m_data.jurisdictions[it->second];
}

const model::Facility* FacilityTree::FindFacility(const std::string& id) const {
    const auto it = m_facilityIndex.find(id);
    return it == m_facilityIndex.end() ? nullptr : &m_data.facilities[it->second];
}

const model::Terminal* FacilityTree::FindTerminal(const std::string& id) const {
    const auto it = m_terminalIndex.find(id);
    return it == m_terminalIndex.end() ? nullptr : &m_data.terminals[it->second];
}

bool FacilityTree::Contains(const NodeRef& ref) const {
    switch (ref.kind) {
    case NodeKind::Jurisdiction:
        return FindJurisdiction(ref.id) != nullptr;
    case NodeKind::Facility:
        return FindFacility(ref.id) != nullptr;
    case NodeKind::Terminal:
        return FindTerminal(ref.id) != nullptr;
    }
    return false;
}

std::vector<std::string> FacilityTree::TerminalIdsUnder(const NodeRef& ref) const {
    std::vector<std::string> ids;
    auto addFacility = [&](const std::string& facilityId) {
        const auto it = m_terminalsOfFacility.find(facilityId);
        if (it != m_terminalsOfFacility.end()) {
            for (std::size_t t : it->second) {
                ids.push_back(m_data.terminals[t].id);
            }
        }
    };
    switch (ref.kind) {
    case NodeKind::Terminal:
        if (FindTerminal(ref.id)) {
            ids.push_back(ref.id);
        }
        break;
    case NodeKind::Facility:
        addFacility(ref.id);
        break;
    case NodeKind::Jurisdiction: {
        const auto it = m_facilitiesOfJurisdiction.find(ref.id);
        if (it != m_facilitiesOfJurisdiction.end()) {
            for (std::size_t f : it->second) {
                addFacility(m_data.facilities[f].id);
            }
        }
        break;
    }
    }
    return ids;
}

int FacilityTree::FacilityCountOf(const std::string& jurisdictionId) const {
    const auto it = m_facilitiesOfJurisdiction.find(jurisdictionId);
    return it == m_facilitiesOfJurisdiction.end() ? 0 : static_cast<int>(it->second.size());
}

int FacilityTree::TerminalCountOfFacility(const std::string& facilityId) const {
    const auto it = m_terminalsOfFacility.find(facilityId);
    return it == m_terminalsOfFacility.end() ? 0 : static_cast<int>(it->second.size());
}

int FacilityTree::TerminalCountOfJurisdiction(const std::string& jurisdictionId) const {
    return static_cast<int>(TerminalIdsUnder({NodeKind::Jurisdiction, jurisdictionId}).size());
}

} // namespace resv::views
