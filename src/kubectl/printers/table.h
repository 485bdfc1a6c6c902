// Human-readable tables: the per-kind columns and cells of pkg/printers/internalversion/
// printers.go (what the API server returns as a Table), and the client-side decoration and
// header logic of cli-runtime's HumanReadablePrinter (NAMESPACE / LABELS / EVENT columns,
// kind/name prefixes, headers printed once per column set).
#pragma once

#include <string>
#include <vector>

#include "core/time.h"
#include "core/value.h"
#include "kubectl/printers/tabwriter.h"

namespace sts::kubectl {

struct TableColumn {
    std::string name;      // "Name", "Ready", "Nominated Node"
    int priority = 0;      // 1: only with -o wide
    bool is_name = false;  // format "name": gets the kind/ prefix
    bool operator==(const TableColumn& o) const {
        return name == o.name && priority == o.priority && is_name == o.is_name;
    }
};

struct TableRow {
    std::vector<std::string> cells;
    std::string ns;
    Value labels;  // metadata.labels (object or null)
};

struct Table {
    std::vector<TableColumn> columns;
    std::vector<TableRow> rows;
};

// The table printers.go builds for `kind` (the apiserver's TableConvertor), rows in order.
Table BuildTable(const std::string& kind, const std::vector<Value>& objects, Time now);
std::vector<TableColumn> ColumnsFor(const std::string& kind);

// Helpers shared with other printers.
std::string FormatAge(const Value& object, Time now);  // translateTimestampSince(creationTimestamp)
std::string FormatLabels(const Value& labels);         // "a=b,c=d" or "<none>"
std::string FormatLabelSelector(const Value& selector);  // metav1.FormatLabelSelector
// "pod", "statefulset.apps": lower(GroupKind.String()), as name prefixes and -o name use it.
std::string KindPrefix(const std::string& kind, const std::string& group);

struct HumanOptions {
    bool no_headers = false;
    bool wide = false;
    bool with_namespace = false;
    bool show_labels = false;
    std::vector<std::string> label_columns;  // -L
    std::string kind_prefix;                 // non-empty: NAME cells become "<prefix>/<name>"
};

class HumanPrinter {
public:
    explicit HumanPrinter(HumanOptions options) : options_(std::move(options)) {}
    // Prints rows (and the header when due) into the tab writer; event_type is "" or
    // "ADDED" / "MODIFIED" / "DELETED" for --output-watch-events.
    void Print(const Table& table, const std::string& event_type, TabWriter* w);
    const HumanOptions& options() const { return options_; }

private:
    HumanOptions options_;
    std::vector<TableColumn> last_columns_;
    bool printed_headers_ = false;
};

}  // namespace sts::kubectl
