// A small sorted map of strings (labels, annotations, selectors, parameters).
//
// A flat sorted vector instead of std::map: maps here hold a handful of entries, are iterated
// in key order (kubectl prints them sorted) and are copied often, so contiguity wins.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sts {

class StringMap {
public:
    using Entry = std::pair<std::string, std::string>;
    using const_iterator = std::vector<Entry>::const_iterator;

    StringMap() = default;
    StringMap(std::initializer_list<Entry> entries) {
        for (const auto& e : entries) Set(e.first, e.second);
    }

    const_iterator begin() const { return entries_.begin(); }
    const_iterator end() const { return entries_.end(); }
    size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    void clear() { entries_.clear(); }

    // Returns the value or nullptr when absent.
    const std::string* Find(std::string_view key) const {
        if (entries_.size() <= kLinearScan) {
            // Lengths sit in the vector itself; only an entry of the right length has its
            // characters (often on the heap) compared. Controllers ask this of every pod.
            for (const auto& e : entries_)
                if (e.first.size() == key.size() && e.first == key) return &e.second;
            return nullptr;
        }
        auto it = Lower(key);
        return it != entries_.end() && it->first == key ? &it->second : nullptr;
    }
    bool Has(std::string_view key) const { return Find(key) != nullptr; }
    std::string Get(std::string_view key, std::string_view def = {}) const {
        const std::string* v = Find(key);
        return v ? *v : std::string(def);
    }
    void Set(std::string_view key, std::string_view value) {
        auto it = LowerMut(key);
        if (it != entries_.end() && it->first == key) {
            it->second = std::string(value);
        } else {
            entries_.insert(it, Entry(std::string(key), std::string(value)));
        }
    }
    bool Erase(std::string_view key) {
        auto it = LowerMut(key);
        if (it == entries_.end() || it->first != key) return false;
        entries_.erase(it);
        return true;
    }
    bool operator==(const StringMap& other) const { return entries_ == other.entries_; }
    bool operator!=(const StringMap& other) const { return entries_ != other.entries_; }

private:
    static constexpr size_t kLinearScan = 8;
    const_iterator Lower(std::string_view key) const {
        return std::lower_bound(entries_.begin(), entries_.end(), key,
                                [](const Entry& e, std::string_view k) { return e.first < k; });
    }
    std::vector<Entry>::iterator LowerMut(std::string_view key) {
        return std::lower_bound(entries_.begin(), entries_.end(), key,
                                [](const Entry& e, std::string_view k) { return e.first < k; });
    }
    std::vector<Entry> entries_;
};

}  // namespace sts
