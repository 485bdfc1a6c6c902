// kube-scheduler (see kube_scheduler.h). Upstream: pkg/scheduler/schedule_one.go (cycle,
// FitError, selectHost), internal/queue/scheduling_queue.go (backoff 1 s doubling to 10 s, the
// 5-minute unschedulable flush), framework/plugins/* (filters, scores, reason strings),
// volumebinding/binder.go (selected-node annotation, 1 s PreBind poll, 600 s bind timeout).
//
// Index of this file
// [SECTION] Quantities and small helpers
// [SECTION] Node and pod views
// [SECTION] Filters
// [SECTION] Scores
// [SECTION] Queue
// [SECTION] Scheduling cycle
// [SECTION] Binding cycle
#include "cluster/kube_scheduler.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <unordered_map>

#include "cluster/image_registry.h"
#include "core/hash.h"
#include "core/strings.h"
#include "k8s/labels.h"
#include "k8s/reflect.h"

namespace sts::cluster {

namespace {

// kube-scheduler records through events.k8s.io/v1, which neither aggregates nor filters.
const engine::EventSource& SchedulerEventSource() {
    static const engine::EventSource kSource{"default-scheduler", "", /*events_v1=*/true};
    return kSource;
}

using apiserver::Ptr;
using apiserver::WatchType;

constexpr const char* kSelectedNodeAnnotation = "volume.kubernetes.io/selected-node";
constexpr Duration kInitialBackoff = Seconds(1);
constexpr Duration kMaxBackoff = Seconds(10);
constexpr Duration kMaxInUnschedulable = Minutes(5);
constexpr Duration kFlushPeriod = Seconds(30);
constexpr Duration kBindTimeout = Seconds(600);
constexpr int64_t kMaxNodeScore = 100;
// Requests the scorer assumes for containers that set none (schedutil.DefaultMilliCPURequest,
// DefaultMemoryRequest).
constexpr int64_t kDefaultMilliCpu = 100;
constexpr int64_t kDefaultMemory = 200LL * 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// [SECTION] Quantities and small helpers

// Multiplication that saturates instead of overflowing.
int64_t SatMul(int64_t a, int64_t b) {
    if (a == 0 || b == 0) return 0;
    if (a > INT64_MAX / b) return INT64_MAX;
    return a * b;
}

// resource.Quantity text to milli-units ("100m" -> 100, "2" -> 2000, "1Gi" -> 1073741824000).
int64_t ParseMilli(std::string_view q) {
    q = TrimView(q);
    if (q.empty()) return 0;
    size_t i = 0;
    bool neg = false;
    if (q[i] == '+' || q[i] == '-') neg = q[i++] == '-';
    int64_t mantissa = 0;
    int frac_digits = 0, dropped = 0;
    bool dot = false;
    for (; i < q.size(); ++i) {
        const char c = q[i];
        if (c == '.') {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') break;
        if (mantissa < 100'000'000'000'000'000LL) {
            mantissa = mantissa * 10 + (c - '0');
            if (dot) ++frac_digits;
        } else if (!dot) {
            ++dropped;  // digits beyond 18 only scale the value
        }
    }
    std::string_view suffix = q.substr(i);
    int64_t binary = 1;
    int exp10 = 3 + dropped;  // to milli-units
    if (suffix == "Ki") binary = 1LL << 10;
    else if (suffix == "Mi") binary = 1LL << 20;
    else if (suffix == "Gi") binary = 1LL << 30;
    else if (suffix == "Ti") binary = 1LL << 40;
    else if (suffix == "Pi") binary = 1LL << 50;
    else if (suffix == "Ei") binary = 1LL << 60;
    else if (suffix == "n") exp10 -= 9;
    else if (suffix == "u") exp10 -= 6;
    else if (suffix == "m") exp10 -= 3;
    else if (suffix == "k") exp10 += 3;
    else if (suffix == "M") exp10 += 6;
    else if (suffix == "G") exp10 += 9;
    else if (suffix == "T") exp10 += 12;
    else if (suffix == "P") exp10 += 15;
    else if (suffix == "E") exp10 += 18;
    else if (!suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) {
        int64_t e = 0;
        if (ParseInt64(suffix.substr(1), &e)) exp10 += static_cast<int>(std::clamp<int64_t>(e, -40, 40));
    }
    exp10 -= frac_digits;
    int64_t v = SatMul(mantissa, binary);
    for (; exp10 > 0; --exp10) v = SatMul(v, 10);
    for (; exp10 < 0; ++exp10) v = v / 10 + (v % 10 != 0 ? 1 : 0);  // Quantities round up
    return neg ? -v : v;
}

struct Resources {
    int64_t milli_cpu = 0;
    int64_t memory = 0;  // bytes
    int64_t pods = 0;
    bool operator==(const Resources&) const = default;
};

// Effective requests: the sum of containers, or the largest init container if bigger
// (resourcehelper.PodRequests). With `non_zero`, containers without a request count the
// scorer's defaults.
Resources PodRequests(const k8s::Pod& pod, bool non_zero) {
    Resources sum;
    for (const auto& c : pod.spec->containers) {
        const std::string* cpu = c.resources.requests.Find("cpu");
        const std::string* mem = c.resources.requests.Find("memory");
        sum.milli_cpu += cpu ? ParseMilli(*cpu) : (non_zero ? kDefaultMilliCpu : 0);
        sum.memory += mem ? ParseMilli(*mem) / 1000 : (non_zero ? kDefaultMemory : 0);
    }
    for (const auto& c : pod.spec->init_containers) {
        const std::string* cpu = c.resources.requests.Find("cpu");
        const std::string* mem = c.resources.requests.Find("memory");
        if (cpu) sum.milli_cpu = std::max(sum.milli_cpu, ParseMilli(*cpu));
        if (mem) sum.memory = std::max(sum.memory, ParseMilli(*mem) / 1000);
    }
    sum.pods = 1;
    return sum;
}

bool IsTerminal(const k8s::Pod& pod) { return pod.status.phase == "Succeeded" || pod.status.phase == "Failed"; }

// The node a pod's requests count on: its spec.nodeName, else the node the scheduler assumed it
// on; "" for a terminal or deleted pod.
const std::string& NodeCountedOn(const k8s::Pod* pod, const std::string& assumed_node) {
    static const std::string none;
    if (!pod || IsTerminal(*pod)) return none;
    return pod->spec->node_name.empty() ? assumed_node : pod->spec->node_name;
}

// Adds (sign +1) or removes (-1) one pod's requests `r` and `nz` (PodRequests(pod, false / true)).
void AddRequests(const Resources& r, const Resources& nz, int sign, Resources* requested, Resources* non_zero) {
    requested->milli_cpu += sign * r.milli_cpu;
    requested->memory += sign * r.memory;
    requested->pods += sign;
    non_zero->milli_cpu += sign * nz.milli_cpu;
    non_zero->memory += sign * nz.memory;
}

// Adds (sign +1) or removes (-1) a pod's requests, actual and with the scorer's defaults.
void AddPodRequests(const k8s::Pod& pod, int sign, Resources* requested, Resources* non_zero) {
    AddRequests(PodRequests(pod, false), PodRequests(pod, true), sign, requested, non_zero);
}

std::string PodKey(const k8s::Pod& pod) { return pod.metadata.namespace_ + "/" + pod.metadata.name; }

// v1helper.TolerationsTolerateTaint.
bool Tolerates(const k8s::Toleration& t, const k8s::Taint& taint) {
    if (!t.effect.empty() && t.effect != taint.effect) return false;
    if (t.operator_ == "Exists") return t.key.empty() || t.key == taint.key;
    if (t.key != taint.key) return false;
    return t.value == taint.value;  // "Equal" (the default)
}

bool TaintTolerated(const std::vector<k8s::Toleration>& tolerations, const k8s::Taint& taint) {
    for (const auto& t : tolerations)
        if (Tolerates(t, taint)) return true;
    return false;
}

// A NodeSelectorRequirement over labels ("In", "NotIn", "Exists", "DoesNotExist", "Gt", "Lt").
bool RequirementMatches(const Value& req, const StringMap& labels) {
    const std::string key = req.GetString("key");
    const std::string op = req.GetString("operator");
    const std::string* v = labels.Find(key);
    std::vector<std::string> values;
    for (const auto& x : req.Get("values").items()) values.push_back(x.AsString());
    if (op == "In") return v && std::find(values.begin(), values.end(), *v) != values.end();
    if (op == "NotIn") return !v || std::find(values.begin(), values.end(), *v) == values.end();
    if (op == "Exists") return v != nullptr;
    if (op == "DoesNotExist") return v == nullptr;
    if (op == "Gt" || op == "Lt") {
        int64_t have = 0, want = 0;
        if (!v || values.size() != 1 || !ParseInt64(*v, &have) || !ParseInt64(values[0], &want)) return false;
        return op == "Gt" ? have > want : have < want;
    }
    return false;
}

// A NodeSelector ({nodeSelectorTerms: [...]}): terms are ORed, expressions within a term ANDed.
bool NodeSelectorMatches(const Value& selector, const k8s::Node& node) {
    const Value& terms = selector.Get("nodeSelectorTerms");
    if (!terms.IsArray() || terms.items().empty()) return false;
    StringMap fields;
    fields.Set("metadata.name", node.metadata.name);
    for (const auto& term : terms.items()) {
        const Value& exprs = term.Get("matchExpressions");
        const Value& field_exprs = term.Get("matchFields");
        if (exprs.items().empty() && field_exprs.items().empty()) continue;
        bool ok = true;
        for (const auto& e : exprs.items()) ok = ok && RequirementMatches(e, node.metadata.labels);
        for (const auto& e : field_exprs.items()) ok = ok && RequirementMatches(e, fields);
        if (ok) return true;
    }
    return false;
}

bool DecodeSelector(const Value& v, k8s::Selector* out) {
    k8s::DecodeErrors errors;
    const k8s::LabelSelector ls = k8s::Decode<k8s::LabelSelector>(v, errors);
    std::string error;
    return errors.ok() && k8s::SelectorFromLabelSelector(ls, out, &error);
}

// ln(n + 2), the topology weight of PodTopologySpread's score, in thousandths (a table keeps
// it identical natively and in wasm).
int64_t TopologyWeightMilli(size_t domains) {
    static const int64_t kTable[] = {693,  1099, 1386, 1609, 1792, 1946, 2079, 2197, 2303, 2398,
                                     2485, 2565, 2639, 2708, 2773, 2833, 2890, 2944, 2996, 3045};
    return domains < 20 ? kTable[domains] : 3045 + static_cast<int64_t>(domains - 19) * 20;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Node and pod views

struct NodeView {
    Ptr<k8s::Node> node;
    std::vector<Ptr<k8s::Pod>> pods;  // assigned (or assumed) and not terminal, in no particular order
    Resources requested;              // actual requests
    Resources non_zero;               // requests with the scorer's defaults
    Resources allocatable;
    // Image name -> size, from the node's status.images (a later entry wins, as ImageLocality's
    // loop leaves it), so scoring a node costs one lookup per image of the pod.
    std::unordered_map<std::string, int64_t> image_sizes;
    // What every cycle asks of every node, so a pod without taints to weigh, node affinity or
    // volumes to place is filtered and scored without reading the Node object itself.
    bool unschedulable = false;       // spec.unschedulable
    bool scheduling_taints = false;   // a NoSchedule or NoExecute taint
    bool hostname_label = false;      // the kubernetes.io/hostname label (default spreading's key)

    void SetFacts() {
        unschedulable = node->spec.unschedulable;
        scheduling_taints = false;
        for (const auto& t : node->spec.taints)
            scheduling_taints = scheduling_taints || t.effect == "NoSchedule" || t.effect == "NoExecute";
        hostname_label = node->metadata.labels.Has("kubernetes.io/hostname");
    }
};

std::unordered_map<std::string, int64_t> ImageSizes(const k8s::Node& node) {
    std::unordered_map<std::string, int64_t> sizes;
    for (const auto& img : node.status.images)
        for (const auto& name : img.names) sizes[name] = img.size_bytes;
    return sizes;
}

}  // namespace

size_t NumFeasibleNodesToFind(size_t all_nodes) {
    constexpr size_t kMinFeasibleNodesToFind = 100;
    constexpr int64_t kMinFeasibleNodesPercentageToFind = 5;
    if (all_nodes < kMinFeasibleNodesToFind) return all_nodes;
    const int64_t n = static_cast<int64_t>(all_nodes);
    const int64_t percentage = std::max<int64_t>(50 - n / 125, kMinFeasibleNodesPercentageToFind);
    return std::max<size_t>(static_cast<size_t>(n * percentage / 100), kMinFeasibleNodesToFind);
}

namespace {

bool CountsFor(const k8s::Pod& p, const k8s::Selector& sel, const std::string& ns) {
    return !p.metadata.IsTerminating() && p.metadata.namespace_ == ns && sel.Matches(p.metadata.labels);
}

int CountMatching(const std::vector<Ptr<k8s::Pod>>& pods, const k8s::Selector& sel, const std::string& ns) {
    int n = 0;
    for (const auto& p : pods)
        if (CountsFor(*p, sel, ns)) ++n;
    return n;
}

}  // namespace

// The scheduler's cache (pkg/scheduler/backend/cache): every node with the pods assigned or
// assumed to it and their summed requests, kept current from watch events so a scheduling cycle
// reads it instead of listing every pod in the cluster (which made a burst of n pods cost n²).
class SchedulerCache {
public:
    const std::vector<NodeView>& nodes() const { return nodes_; }

    void SetNode(const Ptr<k8s::Node>& node) {
        auto it = index_.find(node->metadata.name);
        if (it != index_.end()) {
            NodeView& nv = nodes_[it->second];
            if (nv.node->status.images != node->status.images) {
                image_nodes_.clear();
                image_sizes_by_node_.clear();
                nv.image_sizes = ImageSizes(*node);
            }
            nv.node = node;
            nv.allocatable = Allocatable(*node);
            nv.SetFacts();
            return;
        }
        NodeView nv;
        nv.node = node;
        nv.allocatable = Allocatable(*node);
        nv.SetFacts();
        nv.image_sizes = ImageSizes(*node);
        auto pos = std::lower_bound(nodes_.begin(), nodes_.end(), node->metadata.name,
                                    [](const NodeView& a, const std::string& name) { return a.node->metadata.name < name; });
        nodes_.insert(pos, std::move(nv));
        Reindex();
    }

    void RemoveNode(const std::string& name) {
        auto it = index_.find(name);
        if (it == index_.end()) return;
        nodes_.erase(nodes_.begin() + static_cast<std::ptrdiff_t>(it->second));
        Reindex();
    }

    // The pod's current object (nullptr once deleted) and the node the scheduler assumed it on
    // ("" when none): a pod counts on its spec.nodeName, else its assumed node, unless terminal.
    void SetPod(const std::string& key, const Ptr<k8s::Pod>& pod, const std::string& assumed_node) {
        const std::string& node = NodeCountedOn(pod.get(), assumed_node);
        auto it = entries_.find(key);
        if (it != entries_.end()) {
            if (!node.empty() && it->second.node == node && it->second.pod == pod) return;
            // A status update on the same node (most pod events: the kubelet's) changes nothing
            // the cache counts: requests and affinity come from the spec, spreading from the
            // labels and the deletion mark. The new snapshot takes the old one's place.
            if (!node.empty() && it->second.node == node && SameCountedFacts(*it->second.pod, *pod)) {
                if (NodeView* nv = Find(node)) {
                    auto at = std::find(nv->pods.begin(), nv->pods.end(), it->second.pod);
                    if (at != nv->pods.end()) *at = pod;
                }
                it->second.pod = pod;
                return;
            }
            Detach(it->second);
            if (node.empty()) {
                entries_.erase(it);
                with_affinity_.erase(key);
                return;
            }
            // A status update shares the spec, and with it the requests.
            const bool same_spec = it->second.pod->spec.SharesWith(pod->spec);
            it->second.pod = pod;
            it->second.node = node;
            if (!same_spec) {
                it->second.requested = PodRequests(*pod, false);
                it->second.non_zero = PodRequests(*pod, true);
            }
        } else {
            if (node.empty()) return;
            it = entries_.emplace(key, Entry{pod, node, PodRequests(*pod, false), PodRequests(*pod, true)}).first;
        }
        Attach(it->second);
        if (pod->spec->affinity.IsNull()) {
            with_affinity_.erase(key);
        } else {
            with_affinity_.insert(key);
        }
    }

    // Pods that carry affinity terms (whose required anti-affinity can keep others away), with
    // the node they are on.
    template <class F>
    void ForEachPodWithAffinity(F&& fn) const {
        for (const auto& key : with_affinity_) {
            const Entry& e = entries_.at(key);
            auto it = index_.find(e.node);
            if (it != index_.end()) fn(nodes_[it->second], *e.pod);
        }
    }

    // How many nodes hold the image (ImageLocality's imageStates.NumNodes), remembered until a
    // node's image list changes or nodes come or go.
    int64_t NodesWithImage(const std::string& image) {
        auto [it, inserted] = image_nodes_.try_emplace(image, 0);
        if (inserted) {
            for (const auto& nv : nodes_) it->second += nv.image_sizes.count(image);
        }
        return it->second;
    }

    // Each node's size of the image (0 where it is absent), by node index, remembered like
    // NodesWithImage: scoring reads it for every candidate node of every pod.
    const std::vector<int64_t>& ImageSizeByNode(const std::string& image) {
        auto [it, inserted] = image_sizes_by_node_.try_emplace(image);
        if (inserted) {
            it->second.reserve(nodes_.size());
            for (const auto& nv : nodes_) {
                auto found = nv.image_sizes.find(image);
                it->second.push_back(found == nv.image_sizes.end() ? 0 : found->second);
            }
        }
        return it->second;
    }

    // How many pods on each node (by node index) match `sel` in `ns`: topology spreading asks
    // this of every node for every pod it places, so a cycle looks the memo up once. Counted
    // when first asked, then kept exact as pods are attached and detached.
    const std::vector<int>& CountsPerNode(const k8s::Selector& sel, const std::string& ns, const std::string& memo_key) {
        auto [it, inserted] = spread_counts_.try_emplace(memo_key);
        SpreadCounts& memo = it->second;
        if (inserted) {
            memo.selector = sel;
            memo.ns = ns;
            memo.per_node.resize(nodes_.size());
            for (size_t j = 0; j < nodes_.size(); ++j)
                memo.per_node[j] = sts::cluster::CountMatching(nodes_[j].pods, sel, ns);
        }
        return memo.per_node;
    }

    // "" when every remembered spreading count equals a fresh count of the node's pods, else
    // the first that does not (the tests compare the cache with the API after every event).
    std::string CheckSpreadCounts() const {
        for (const auto& [key, memo] : spread_counts_)
            for (size_t j = 0; j < nodes_.size() && j < memo.per_node.size(); ++j)
                if (memo.per_node[j] != sts::cluster::CountMatching(nodes_[j].pods, memo.selector, memo.ns))
                    return "node " + nodes_[j].node->metadata.name + ": spreading count for " + memo.selector.String() +
                           " is " + std::to_string(memo.per_node[j]) + ", a fresh count " +
                           std::to_string(sts::cluster::CountMatching(nodes_[j].pods, memo.selector, memo.ns));
        return "";
    }
    size_t SpreadMemos() const { return spread_counts_.size(); }

private:
    struct Entry {
        Ptr<k8s::Pod> pod;
        std::string node;
        Resources requested, non_zero;  // PodRequests(pod, false / true)
    };

    static Resources Allocatable(const k8s::Node& n) {
        Resources r;
        r.milli_cpu = ParseMilli(n.status.allocatable.Get("cpu", "0"));
        r.memory = ParseMilli(n.status.allocatable.Get("memory", "0")) / 1000;
        r.pods = ParseMilli(n.status.allocatable.Get("pods", "0")) / 1000;
        return r;
    }

    // Whether two snapshots of a pod count alike for requests, affinity and topology spreading.
    static bool SameCountedFacts(const k8s::Pod& a, const k8s::Pod& b) {
        return a.spec.SharesWith(b.spec) && a.metadata.IsTerminating() == b.metadata.IsTerminating() &&
               a.metadata.namespace_ == b.metadata.namespace_ && a.metadata.labels == b.metadata.labels;
    }

    NodeView* Find(const std::string& node) {
        auto it = index_.find(node);
        return it == index_.end() ? nullptr : &nodes_[it->second];
    }

    void Attach(const Entry& e) {
        NodeView* nv = Find(e.node);
        if (!nv) return;  // bound to a node that does not exist (yet): counted once it does
        nv->pods.push_back(e.pod);
        AddRequests(e.requested, e.non_zero, +1, &nv->requested, &nv->non_zero);
        AddToSpreadCounts(*e.pod, static_cast<size_t>(nv - nodes_.data()), +1);
    }

    void AddToSpreadCounts(const k8s::Pod& pod, size_t node_index, int delta) {
        for (auto& [key, memo] : spread_counts_)
            if (CountsFor(pod, memo.selector, memo.ns)) memo.per_node[node_index] += delta;
    }

    void Detach(const Entry& e) {
        NodeView* nv = Find(e.node);
        if (!nv) return;
        auto it = std::find(nv->pods.begin(), nv->pods.end(), e.pod);
        if (it == nv->pods.end()) return;
        *it = std::move(nv->pods.back());
        nv->pods.pop_back();
        AddRequests(e.requested, e.non_zero, -1, &nv->requested, &nv->non_zero);
        AddToSpreadCounts(*e.pod, static_cast<size_t>(nv - nodes_.data()), -1);
    }

    // Node positions changed: rebuild every node's pods from the entries.
    void Reindex() {
        spread_counts_.clear();
        index_.clear();
        for (size_t i = 0; i < nodes_.size(); ++i) {
            NodeView& nv = nodes_[i];
            index_[nv.node->metadata.name] = i;
            nv.pods.clear();
            nv.requested = nv.non_zero = Resources{};
        }
        // In key order, so each node's pod list is the same on every platform.
        std::vector<const std::pair<const std::string, Entry>*> ordered;
        ordered.reserve(entries_.size());
        for (const auto& kv : entries_) ordered.push_back(&kv);
        std::sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) { return a->first < b->first; });
        for (const auto* kv : ordered) Attach(kv->second);
        image_nodes_.clear();
        image_sizes_by_node_.clear();
    }

    std::vector<NodeView> nodes_;  // in name order
    std::map<std::string, size_t> index_;
    // Pod key -> where it counts. Looked up at every pod event; walked only by Reindex, which
    // sorts the keys first.
    std::unordered_map<std::string, Entry, StringViewHash, std::equal_to<>> entries_;
    std::set<std::string> with_affinity_;
    // Matching pods per node for one (namespace, selector) that topology spreading asked about.
    struct SpreadCounts {
        k8s::Selector selector;
        std::string ns;
        std::vector<int> per_node;  // by node index
    };
    std::map<std::string, SpreadCounts> spread_counts_;  // "namespace\nselector"
    std::map<std::string, int64_t> image_nodes_;
    std::map<std::string, std::vector<int64_t>> image_sizes_by_node_;
};

namespace {

// The selector default topology spreading counts with: the owning StatefulSet's selector and
// the selectors of Services that select the pod (helper.DefaultSelector).
k8s::Selector DefaultSpreadSelector(apiserver::ApiServer& api, const k8s::Pod& pod) {
    k8s::Selector sel;
    for (const auto& svc : api.services().List(pod.metadata.namespace_)) {
        if (svc->spec.selector.empty() || !k8s::MapSelectorMatches(svc->spec.selector, pod.metadata.labels)) continue;
        for (const auto& [k, v] : svc->spec.selector) sel.requirements.push_back({k, k8s::Requirement::Op::kEquals, {v}});
    }
    if (const auto* owner = pod.metadata.ControllerRef(); owner && owner->kind == "StatefulSet") {
        if (auto sts = api.statefulsets().Get(pod.metadata.namespace_, owner->name)) {
            k8s::Selector owner_sel;
            std::string error;
            if (sts->spec.selector && k8s::SelectorFromLabelSelector(*sts->spec.selector, &owner_sel, &error))
                for (auto& r : owner_sel.requirements) sel.requirements.push_back(r);
        }
    }
    return sel;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Filters

enum class Code { kSuccess, kUnschedulable, kUnresolvable };

struct FilterResult {
    Code code = Code::kSuccess;
    std::string reason;
    uint32_t plugin = 0;
};

struct PodClaims {
    // PreFilter outcome.
    std::string prefilter_error;
    uint32_t prefilter_plugin = 0;
    // Claims bound to a PV (their node affinity must hold) and WFFC claims still to bind.
    std::vector<Ptr<k8s::PersistentVolume>> bound_pvs;
    std::vector<Ptr<k8s::PersistentVolumeClaim>> unbound_wffc;
};

PodClaims ResolveClaims(apiserver::ApiServer& api, const k8s::Pod& pod) {
    PodClaims out;
    for (const auto& vol : pod.spec->volumes) {
        if (!vol.persistent_volume_claim) continue;
        const std::string& name = vol.persistent_volume_claim->claim_name;
        auto pvc = api.pvcs().Get(pod.metadata.namespace_, name);
        if (!pvc) {
            out.prefilter_error = "persistentvolumeclaim \"" + name + "\" not found";
            out.prefilter_plugin = KubeScheduler::kVolumeBinding;
            return out;
        }
        if (pvc->metadata.IsTerminating()) {
            out.prefilter_error = "persistentvolumeclaim \"" + name + "\" is being deleted";
            out.prefilter_plugin = KubeScheduler::kVolumeBinding;
            return out;
        }
        if (!pvc->spec.volume_name.empty()) {
            if (auto pv = api.pvs().Get("", pvc->spec.volume_name)) out.bound_pvs.push_back(pv);
            continue;
        }
        const std::string class_name = pvc->spec.storage_class_name.value_or("");
        auto sc = class_name.empty() ? nullptr : api.storageclasses().Get("", class_name);
        const bool wffc = sc && sc->volume_binding_mode.value_or("Immediate") == "WaitForFirstConsumer";
        if (!wffc) {
            out.prefilter_error = "pod has unbound immediate PersistentVolumeClaims";
            out.prefilter_plugin = KubeScheduler::kVolumeBinding;
            return out;
        }
        out.unbound_wffc.push_back(pvc);
    }
    return out;
}

// An Available PV that could satisfy `pvc` on `node` (the binder's static matching).
// The smallest Available PV of the claim's class, size and access modes whose node affinity
// admits the node, among `pvs` (every PV, listed once per scheduling cycle).
Ptr<k8s::PersistentVolume> FindStaticPv(const std::vector<Ptr<k8s::PersistentVolume>>& pvs,
                                        const k8s::PersistentVolumeClaim& pvc, const k8s::Node& node,
                                        const std::set<std::string>& taken) {
    const std::string class_name = pvc.spec.storage_class_name.value_or("");
    const int64_t want = ParseMilli(pvc.spec.resources.requests.Get("storage", "0"));
    Ptr<k8s::PersistentVolume> best;
    int64_t best_size = 0;
    for (const auto& pv : pvs) {
        if (pv->spec.claim_ref || pv->status.phase != "Available" || taken.count(pv->metadata.name)) continue;
        if (pv->spec.storage_class_name != class_name) continue;
        const int64_t size = ParseMilli(pv->spec.capacity.Get("storage", "0"));
        if (size < want) continue;
        bool modes = true;
        for (const auto& m : pvc.spec.access_modes)
            modes = modes && std::find(pv->spec.access_modes.begin(), pv->spec.access_modes.end(), m) !=
                                 pv->spec.access_modes.end();
        if (!modes) continue;
        const Value& required = pv->spec.node_affinity.Get("required");
        if (!required.IsNull() && !NodeSelectorMatches(required, node)) continue;
        if (!best || size < best_size) {
            best = pv;
            best_size = size;
        }
    }
    return best;
}

struct AffinityTerm {
    k8s::Selector selector;
    std::string topology_key;
    std::vector<std::string> namespaces;
};

std::vector<AffinityTerm> RequiredTerms(const k8s::Pod& pod, std::string_view kind) {
    std::vector<AffinityTerm> out;
    const Value& terms = pod.spec->affinity.Get(kind).Get("requiredDuringSchedulingIgnoredDuringExecution");
    for (const auto& t : terms.items()) {
        AffinityTerm term;
        if (!DecodeSelector(t.Get("labelSelector"), &term.selector)) continue;
        term.topology_key = t.GetString("topologyKey");
        for (const auto& ns : t.Get("namespaces").items()) term.namespaces.push_back(ns.AsString());
        if (term.namespaces.empty()) term.namespaces.push_back(pod.metadata.namespace_);
        out.push_back(std::move(term));
    }
    return out;
}

bool TermMatchesPod(const AffinityTerm& term, const k8s::Pod& other) {
    if (other.metadata.IsTerminating()) return false;
    if (std::find(term.namespaces.begin(), term.namespaces.end(), other.metadata.namespace_) == term.namespaces.end())
        return false;
    return term.selector.Matches(other.metadata.labels);
}

// Does some pod matching `term` run in the same `topology_key` domain as `node`?
bool DomainHasMatch(const SchedulerCache& cache, const k8s::Node& node, const AffinityTerm& term) {
    const std::string* value = node.metadata.labels.Find(term.topology_key);
    if (!value) return false;
    for (const auto& nv : cache.nodes()) {
        const std::string* v = nv.node->metadata.labels.Find(term.topology_key);
        if (!v || *v != *value) continue;
        for (const auto& p : nv.pods)
            if (TermMatchesPod(term, *p)) return true;
    }
    return false;
}

bool AnyMatch(const SchedulerCache& cache, const AffinityTerm& term) {
    for (const auto& nv : cache.nodes())
        for (const auto& p : nv.pods)
            if (TermMatchesPod(term, *p)) return true;
    return false;
}

struct Spread {
    int32_t max_skew = 1;
    std::string topology_key;
    bool hard = false;
    k8s::Selector selector;
};

std::vector<Spread> SpreadConstraints(const k8s::Pod& pod) {
    std::vector<Spread> out;
    for (const auto& c : pod.spec->topology_spread_constraints.items()) {
        Spread s;
        s.max_skew = static_cast<int32_t>(c.GetInt("maxSkew", 1));
        s.topology_key = c.GetString("topologyKey");
        s.hard = c.GetString("whenUnsatisfiable", "DoNotSchedule") == "DoNotSchedule";
        if (!DecodeSelector(c.Get("labelSelector"), &s.selector)) continue;
        out.push_back(std::move(s));
    }
    return out;
}

bool NodeAffinityMatches(const k8s::Pod& pod, const k8s::Node& node) {
    for (const auto& [k, v] : pod.spec->node_selector)
        if (node.metadata.labels.Get(k, "\x01") != v) return false;
    const Value& required =
        pod.spec->affinity.Get("nodeAffinity").Get("requiredDuringSchedulingIgnoredDuringExecution");
    return required.IsNull() || NodeSelectorMatches(required, node);
}

// What the filters read of the pod being scheduled, worked out once per scheduling cycle
// (upstream's PreFilter state) rather than once per node.
struct FilterInput {
    Resources want;
    bool host_ports = false;
    std::vector<Spread> hard_spread;
    std::vector<std::string> hard_spread_keys;  // the spread counts' memo key per constraint
    bool has_affinity = false;
    std::vector<AffinityTerm> affinity, anti_affinity;
    bool node_affinity = false;  // a nodeSelector or required node affinity to check
    // For claims still to bind (WaitForFirstConsumer): every PV, and each claim's class.
    std::vector<Ptr<k8s::PersistentVolume>> pvs;
    std::vector<Ptr<k8s::StorageClass>> wffc_classes;
};

FilterInput MakeFilterInput(apiserver::ApiServer& api, const k8s::Pod& pod, const PodClaims& claims) {
    FilterInput in;
    if (!claims.unbound_wffc.empty()) {
        in.pvs = api.pvs().List();
        for (const auto& pvc : claims.unbound_wffc)
            in.wffc_classes.push_back(api.storageclasses().Get("", pvc->spec.storage_class_name.value_or("")));
    }
    in.want = PodRequests(pod, false);
    for (const auto& c : pod.spec->containers)
        for (const auto& port : c.ports) in.host_ports = in.host_ports || port.host_port != 0;
    for (auto& sp : SpreadConstraints(pod)) {
        if (!sp.hard) continue;
        in.hard_spread_keys.push_back(pod.metadata.namespace_ + "\n" + sp.selector.String());
        in.hard_spread.push_back(std::move(sp));
    }
    in.has_affinity = !pod.spec->affinity.IsNull();
    in.node_affinity = !pod.spec->node_selector.empty() ||
                       !pod.spec->affinity.Get("nodeAffinity").Get("requiredDuringSchedulingIgnoredDuringExecution").IsNull();
    if (in.has_affinity) {
        in.affinity = RequiredTerms(pod, "podAffinity");
        in.anti_affinity = RequiredTerms(pod, "podAntiAffinity");
    }
    return in;
}

FilterResult RunFilters(SchedulerCache& cache, const NodeView& nv, const k8s::Pod& pod,
                        const PodClaims& claims, const FilterInput& in) {
    const k8s::Node& node = *nv.node;
    const auto& tolerations = *pod.spec->tolerations;
    // NodeUnschedulable
    if (nv.unschedulable) {
        k8s::Taint t;
        t.key = "node.kubernetes.io/unschedulable";
        t.effect = "NoSchedule";
        if (!TaintTolerated(tolerations, t))
            return {Code::kUnresolvable, "node(s) were unschedulable", KubeScheduler::kNodeUnschedulable};
    }
    // TaintToleration: the first NoSchedule/NoExecute taint not tolerated.
    for (const auto& taint : node.spec.taints) {
        if (!nv.scheduling_taints) break;
        if (taint.effect != "NoSchedule" && taint.effect != "NoExecute") continue;
        if (!TaintTolerated(tolerations, taint))
            return {Code::kUnresolvable, "node(s) had untolerated taint {" + taint.key + ": " + taint.value + "}",
                    KubeScheduler::kTaintToleration};
    }
    // NodeAffinity (nodeSelector and required node affinity)
    if (in.node_affinity && !NodeAffinityMatches(pod, node))
        return {Code::kUnresolvable, "node(s) didn't match Pod's node affinity/selector", KubeScheduler::kNodeAffinity};
    // NodePorts
    for (const auto& c : pod.spec->containers) {
        if (!in.host_ports) break;
        for (const auto& port : c.ports) {
            if (port.host_port == 0) continue;
            for (const auto& other : nv.pods)
                for (const auto& oc : other->spec->containers)
                    for (const auto& op : oc.ports)
                        if (op.host_port == port.host_port && op.protocol == port.protocol)
                            return {Code::kUnschedulable, "node(s) didn't have free ports for the requested pod ports",
                                    KubeScheduler::kNodePorts};
        }
    }
    // NodeResourcesFit
    const Resources& want = in.want;
    if (nv.requested.pods + 1 > nv.allocatable.pods)
        return {Code::kUnschedulable, "Too many pods", KubeScheduler::kNodeResourcesFit};
    if (want.milli_cpu > 0 && nv.requested.milli_cpu + want.milli_cpu > nv.allocatable.milli_cpu)
        return {Code::kUnschedulable, "Insufficient cpu", KubeScheduler::kNodeResourcesFit};
    if (want.memory > 0 && nv.requested.memory + want.memory > nv.allocatable.memory)
        return {Code::kUnschedulable, "Insufficient memory", KubeScheduler::kNodeResourcesFit};
    // VolumeBinding
    for (const auto& pv : claims.bound_pvs) {
        const Value& required = pv->spec.node_affinity.Get("required");
        if (!required.IsNull() && !NodeSelectorMatches(required, node))
            return {Code::kUnresolvable, "node(s) had volume node affinity conflict", KubeScheduler::kVolumeBinding};
    }
    std::set<std::string> taken;
    for (size_t k = 0; k < claims.unbound_wffc.size(); ++k) {
        const auto& pvc = claims.unbound_wffc[k];
        const auto& sc = in.wffc_classes[k];
        if (auto pv = FindStaticPv(in.pvs, *pvc, node, taken)) {
            taken.insert(pv->metadata.name);
            continue;
        }
        if (!sc || sc->provisioner == "kubernetes.io/no-provisioner")
            return {Code::kUnresolvable, "node(s) didn't find available persistent volumes to bind",
                    KubeScheduler::kVolumeBinding};
    }
    // PodTopologySpread (hard constraints only; ScheduleAnyway ones only score)
    for (size_t k = 0; k < in.hard_spread.size(); ++k) {
        const Spread& s = in.hard_spread[k];
        const std::string* domain = node.metadata.labels.Find(s.topology_key);
        if (!domain)
            return {Code::kUnresolvable, "node(s) didn't match pod topology spread constraints (missing required label)",
                    KubeScheduler::kPodTopologySpread};
        std::map<std::string, int> counts;
        const std::vector<int>& matching = cache.CountsPerNode(s.selector, pod.metadata.namespace_, in.hard_spread_keys[k]);
        for (size_t i = 0; i < cache.nodes().size(); ++i) {
            const NodeView& other = cache.nodes()[i];
            const std::string* d = other.node->metadata.labels.Find(s.topology_key);
            if (!d || !NodeAffinityMatches(pod, *other.node)) continue;
            counts[*d] += matching[i];
        }
        int min_count = INT32_MAX;
        for (const auto& [d, n] : counts) min_count = std::min(min_count, n);
        if (counts.empty()) min_count = 0;
        const int self = s.selector.Matches(pod.metadata.labels) ? 1 : 0;
        if (counts[*domain] + self - min_count > s.max_skew)
            return {Code::kUnschedulable, "node(s) didn't match pod topology spread constraints",
                    KubeScheduler::kPodTopologySpread};
    }
    // InterPodAffinity: the pod's own affinity, its anti-affinity, then existing pods' anti-affinity.
    if (in.has_affinity) {
        for (const auto& term : in.affinity) {
            if (DomainHasMatch(cache, node, term)) continue;
            // The first pod of a group that matches its own affinity may go anywhere.
            if (!AnyMatch(cache, term) && TermMatchesPod(term, pod) && node.metadata.labels.Has(term.topology_key))
                continue;
            return {Code::kUnresolvable, "node(s) didn't match pod affinity rules", KubeScheduler::kInterPodAffinity};
        }
        for (const auto& term : in.anti_affinity) {
            if (DomainHasMatch(cache, node, term))
                return {Code::kUnschedulable, "node(s) didn't match pod anti-affinity rules",
                        KubeScheduler::kInterPodAffinity};
        }
    }
    bool anti_affinity_conflict = false;
    cache.ForEachPodWithAffinity([&](const NodeView& other_nv, const k8s::Pod& other) {
        if (anti_affinity_conflict) return;
        for (const auto& term : RequiredTerms(other, "podAntiAffinity")) {
            if (!TermMatchesPod(term, pod)) continue;
            const std::string* a = node.metadata.labels.Find(term.topology_key);
            const std::string* b = other_nv.node->metadata.labels.Find(term.topology_key);
            if (a && b && *a == *b) anti_affinity_conflict = true;
        }
    });
    if (anti_affinity_conflict)
        return {Code::kUnschedulable, "node(s) didn't satisfy existing pods anti-affinity rules",
                KubeScheduler::kInterPodAffinity};
    return {};
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scores

struct Candidate {
    const NodeView* nv;
    int64_t score = 0;
};

int64_t LeastAllocated(const NodeView& nv, const Resources& pod_nz) {
    auto one = [](int64_t requested, int64_t capacity) -> int64_t {
        if (capacity <= 0 || requested > capacity) return 0;
        return (capacity - requested) * kMaxNodeScore / capacity;
    };
    return (one(nv.non_zero.milli_cpu + pod_nz.milli_cpu, nv.allocatable.milli_cpu) +
            one(nv.non_zero.memory + pod_nz.memory, nv.allocatable.memory)) /
           2;
}

int64_t BalancedAllocation(const NodeView& nv, const Resources& pod_req) {
    if (nv.allocatable.milli_cpu <= 0 || nv.allocatable.memory <= 0) return 0;
    // Fractions in millionths; std of two values is half their difference.
    auto frac = [](int64_t requested, int64_t capacity) {
        return std::min<int64_t>(1'000'000, requested * 1'000'000 / capacity);
    };
    const int64_t fc = frac(nv.requested.milli_cpu + pod_req.milli_cpu, nv.allocatable.milli_cpu);
    const int64_t fm = frac(nv.requested.memory + pod_req.memory, nv.allocatable.memory);
    const int64_t std_dev = (fc > fm ? fc - fm : fm - fc) / 2;
    return (1'000'000 - std_dev) * kMaxNodeScore / 1'000'000;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// [SECTION] Queue

bool KubeScheduler::ActiveOrder::operator()(const QueuedPod* a, const QueuedPod* b) const {
    if (a->priority != b->priority) return a->priority > b->priority;
    if (a->timestamp != b->timestamp) return a->timestamp < b->timestamp;
    return a->key < b->key;
}

KubeScheduler::KubeScheduler(engine::Context& ctx)
    : ctx_(ctx),
      id_(ctx.scheduler.Register(this)),
      rng_(ctx.RngFor("kube-scheduler")),
      cache_(std::make_unique<SchedulerCache>()) {
    for (const auto& node : ctx_.api.nodes().List()) cache_->SetNode(node);
    for (const auto& pod : ctx_.api.pods().List()) cache_->SetPod(PodKey(*pod), pod, "");
    ctx_.api.pods().AddHandler([this](WatchType type, const Ptr<k8s::Pod>& old_pod, const Ptr<k8s::Pod>& new_pod) {
        const std::string key = PodKey(*(new_pod ? new_pod : old_pod));
        OnPod(key, type, old_pod, new_pod);
        cache_->SetPod(key, type == WatchType::kDeleted ? nullptr : new_pod, AssumedNode(key));
    });
    ctx_.api.nodes().AddHandler([this](WatchType type, const Ptr<k8s::Node>& old_node, const Ptr<k8s::Node>& new_node) {
        if (type == WatchType::kDeleted) {
            cache_->RemoveNode((new_node ? new_node : old_node)->metadata.name);
            return;
        }
        cache_->SetNode(new_node);
        if (type == WatchType::kAdded) return OnNodeChange(~0u);
        uint32_t plugins = 0;
        if (old_node->spec.taints != new_node->spec.taints) plugins |= kTaintToleration;
        if (old_node->spec.unschedulable != new_node->spec.unschedulable) plugins |= kNodeUnschedulable;
        if (old_node->metadata.labels != new_node->metadata.labels)
            plugins |= kNodeAffinity | kPodTopologySpread | kInterPodAffinity | kVolumeBinding;
        if (old_node->status.allocatable != new_node->status.allocatable) plugins |= kNodeResourcesFit;
        if (plugins) OnNodeChange(plugins);
    });
    ctx_.api.pvcs().AddHandler([this](WatchType, const Ptr<k8s::PersistentVolumeClaim>&,
                                      const Ptr<k8s::PersistentVolumeClaim>&) { OnClaimsChange(); });
    ctx_.api.pvs().AddHandler(
        [this](WatchType, const Ptr<k8s::PersistentVolume>&, const Ptr<k8s::PersistentVolume>&) { OnClaimsChange(); });
    ctx_.api.storageclasses().AddHandler(
        [this](WatchType, const Ptr<k8s::StorageClass>&, const Ptr<k8s::StorageClass>&) { OnClaimsChange(); });
}

KubeScheduler::~KubeScheduler() = default;

const std::string& KubeScheduler::AssumedNode(const std::string& key) const {
    static const std::string none;
    auto it = assumed_.find(key);
    return it == assumed_.end() ? none : it->second;
}

void KubeScheduler::Assume(const std::string& key, const std::string& node) {
    assumed_[key] = node;
    RefreshCached(key);
}

void KubeScheduler::Unassume(const std::string& key) {
    if (assumed_.erase(key)) RefreshCached(key);
}

void KubeScheduler::RefreshCached(const std::string& key) {
    const size_t slash = key.find('/');
    cache_->SetPod(key, ctx_.api.pods().Get(key.substr(0, slash), key.substr(slash + 1)), AssumedNode(key));
}

std::string KubeScheduler::CompareCache() const {
    const auto nodes = ctx_.api.nodes().List();
    const auto& cached = cache_->nodes();
    if (nodes.size() != cached.size())
        return "cache has " + std::to_string(cached.size()) + " nodes, the API " + std::to_string(nodes.size());
    const auto pods = ctx_.api.pods().List();
    for (size_t i = 0; i < nodes.size(); ++i) {
        const NodeView& nv = cached[i];
        const std::string& name = nodes[i]->metadata.name;
        if (nv.node != nodes[i]) return "node " + name + ": cached object is stale";
        std::set<const k8s::Pod*> want, have;
        Resources requested, non_zero;
        for (const auto& p : pods) {
            if (NodeCountedOn(p.get(), AssumedNode(PodKey(*p))) != name) continue;
            want.insert(p.get());
            AddPodRequests(*p, +1, &requested, &non_zero);
        }
        for (const auto& p : nv.pods) have.insert(p.get());
        if (want != have)
            return "node " + name + ": cache holds " + std::to_string(have.size()) + " pods, the API " +
                   std::to_string(want.size()) + " (or other versions of them)";
        if (requested != nv.requested || non_zero != nv.non_zero)
            return "node " + name + ": requested resources differ";
    }
    // The node pod lists agree with the API, so a fresh count over them is the API's count.
    return cache_->CheckSpreadCounts();
}

size_t KubeScheduler::SpreadMemosForTest() const { return cache_->SpreadMemos(); }

std::string_view KubeScheduler::OpName(uint16_t op) const {
    switch (op) {
        case kScheduleOne: return "schedule-one";
        case kBind: return "bind";
        case kBackoffDone: return "backoff-done";
        case kFlush: return "flush-unschedulable";
        case kCheckVolumes: return "check-volumes";
        case kVolumeTimeout: return "volume-binding-timeout";
        case kPreBind: return "prebind";
        default: return "event";
    }
}

std::string KubeScheduler::LastFailure(const std::string& ns, const std::string& name) const {
    auto it = pods_.find(ns + "/" + name);
    return it == pods_.end() ? "" : it->second.last_message;
}

void KubeScheduler::OnPod(const std::string& key, WatchType type, const Ptr<k8s::Pod>& old_pod,
                          const Ptr<k8s::Pod>& pod) {
    if (type == WatchType::kDeleted) {
        Remove(key);
        assumed_.erase(key);
        if (!pod->spec->node_name.empty()) MoveForEvent(kNodeResourcesFit | kNodePorts | kInterPodAffinity | kPodTopologySpread);
        return;
    }
    if (!pod->spec->node_name.empty()) {
        // Bound (by us or anyone): no longer ours to schedule.
        if (pods_.count(key) && pods_.at(key).where != Where::kInFlight) Remove(key);
        assumed_.erase(key);
        if (type == WatchType::kModified && old_pod && !IsTerminal(*old_pod) && IsTerminal(*pod))
            MoveForEvent(kNodeResourcesFit | kNodePorts | kInterPodAffinity | kPodTopologySpread);
        if (type == WatchType::kModified && old_pod && old_pod->metadata.labels != pod->metadata.labels)
            MoveForEvent(kInterPodAffinity | kPodTopologySpread);
        if (type == WatchType::kAdded) MoveForEvent(kInterPodAffinity);
        return;
    }
    if (pod->spec->scheduler_name != "default-scheduler" || pod->metadata.IsTerminating() || IsTerminal(*pod)) {
        Remove(key);
        return;
    }
    if (pods_.count(key)) return;
    QueuedPod& qp = pods_[key];
    qp.key = key;
    qp.priority = pod->spec->priority.value_or(0);
    AddToActive(qp);
}

void KubeScheduler::OnNodeChange(uint32_t plugins) { MoveForEvent(plugins); }

void KubeScheduler::OnClaimsChange() {
    MoveForEvent(kVolumeBinding);
    // PreBind polls each second; a claim that just bound is seen at the next poll.
    for (auto& [key, qp] : pods_) {
        if (qp.where != Where::kInFlight || qp.volume_wait_start == 0) continue;
        const Duration since = ctx_.Now() - qp.volume_wait_start;
        const Time next_poll = qp.volume_wait_start + (since / Seconds(1) + 1) * Seconds(1);
        ctx_.scheduler.At(next_poll, id_, kCheckVolumes, key, qp.token);
    }
}

void KubeScheduler::AddToActive(QueuedPod& qp) {
    active_.erase(&qp);
    qp.where = Where::kActive;
    qp.timestamp = ctx_.Now();
    qp.token = next_token_++;
    active_.insert(&qp);
    Kick();
}

void KubeScheduler::MoveForEvent(uint32_t plugins) {
    for (auto& [key, qp] : pods_) {
        if (qp.where == Where::kInFlight) {
            qp.hint_while_in_flight = true;
            continue;
        }
        if (qp.where != Where::kUnschedulable) continue;
        if (!(qp.failed_plugins & plugins)) continue;
        const Time backoff_end = qp.last_failure + BackoffFor(qp.attempts);
        if (backoff_end > ctx_.Now()) {
            qp.where = Where::kBackoff;
            qp.token = next_token_++;
            ctx_.scheduler.At(backoff_end, id_, kBackoffDone, key, qp.token);
        } else {
            AddToActive(qp);
        }
    }
}

Duration KubeScheduler::BackoffFor(int attempts) const {
    Duration d = kInitialBackoff;
    for (int i = 1; i < attempts && d < kMaxBackoff; ++i) d *= 2;
    return std::min(d, kMaxBackoff);
}

void KubeScheduler::Kick() {
    if (cycle_scheduled_ || active_.empty()) return;
    cycle_scheduled_ = true;
    // The informer hands new pods over a few milliseconds after the write.
    ctx_.scheduler.At(std::max(ctx_.Now() + Millis(rng_.Range(2, 6)), busy_until_), id_, kScheduleOne);
}

void KubeScheduler::Remove(const std::string& key) {
    auto it = pods_.find(key);
    if (it == pods_.end()) return;
    active_.erase(&it->second);
    pods_.erase(it);
}

void KubeScheduler::OnEvent(const engine::SimEvent& event) {
    if (event.op == kScheduleOne) {
        cycle_scheduled_ = false;
        ScheduleOne();
        Kick();
        return;
    }
    auto it = pods_.find(event.key);
    if (it == pods_.end() || it->second.token != event.arg) return;
    QueuedPod& qp = it->second;
    switch (event.op) {
        case kBackoffDone:
        case kFlush:
            if (qp.where == Where::kBackoff || qp.where == Where::kUnschedulable) AddToActive(qp);
            break;
        case kPreBind: PreBind(qp); break;
        case kCheckVolumes: CheckVolumes(qp); break;
        case kVolumeTimeout:
            HandleFailure(qp, "running PreBind plugin \"VolumeBinding\": binding volumes: context deadline exceeded",
                          kVolumeBinding, true);
            break;
        case kBind: Bind(qp); break;
        default: break;
    }
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Scheduling cycle

void KubeScheduler::ScheduleOne() {
    if (active_.empty()) return;
    QueuedPod& qp = *const_cast<QueuedPod*>(*active_.begin());
    active_.erase(active_.begin());
    const std::string key = qp.key;
    const size_t slash = key.find('/');
    auto pod = ctx_.api.pods().Get(key.substr(0, slash), key.substr(slash + 1));
    if (!pod || !pod->spec->node_name.empty() || pod->metadata.IsTerminating()) {
        pods_.erase(key);
        return;
    }
    ++qp.attempts;
    qp.hint_while_in_flight = false;
    // A cycle over a handful of nodes takes a few milliseconds.
    busy_until_ = ctx_.Now() + Millis(rng_.Range(1, 4));

    SchedulerCache& cache = *cache_;
    const std::vector<NodeView>& nodes = cache.nodes();
    const size_t total = nodes.size();
    const PodClaims claims = ResolveClaims(ctx_.api, *pod);
    const std::string prefix = "0/" + std::to_string(total) + " nodes are available: ";
    const std::string no_help = std::to_string(total) + " Preemption is not helpful for scheduling.";
    if (!claims.prefilter_error.empty()) {
        HandleFailure(qp, prefix + claims.prefilter_error + ". preemption: 0/" + std::to_string(total) +
                              " nodes are available: " + no_help,
                      claims.prefilter_plugin, true);
        return;
    }

    std::vector<Candidate> feasible;
    std::map<std::string, int> reasons;
    int unresolvable = 0, resolvable = 0;
    uint32_t failed_plugins = 0;
    // findNodesThatPassFilters: from where the last cycle stopped, until numFeasibleNodesToFind
    // nodes pass; the next cycle starts after the last node looked at.
    const size_t to_find = NumFeasibleNodesToFind(total);
    const FilterInput filter_input = MakeFilterInput(ctx_.api, *pod, claims);
    size_t processed = 0;
    for (; processed < total && feasible.size() < to_find; ++processed) {
        const NodeView& nv = nodes[(next_start_node_index_ + processed) % total];
        const FilterResult r = RunFilters(cache, nv, *pod, claims, filter_input);
        if (r.code == Code::kSuccess) {
            feasible.push_back({&nv, 0});
            continue;
        }
        ++reasons[r.reason];
        failed_plugins |= r.plugin;
        (r.code == Code::kUnresolvable ? unresolvable : resolvable) += 1;
    }
    if (total > 0) next_start_node_index_ = (next_start_node_index_ + processed) % total;
    if (feasible.empty()) {
        // FitError.Error(): the reason histogram sorted as strings, then PostFilter's verdict.
        std::vector<std::string> parts;
        for (const auto& [reason, n] : reasons) parts.push_back(std::to_string(n) + " " + reason);
        std::sort(parts.begin(), parts.end());
        std::vector<std::string> pre;
        if (unresolvable) pre.push_back(std::to_string(unresolvable) + " Preemption is not helpful for scheduling");
        if (resolvable) pre.push_back(std::to_string(resolvable) + " No preemption victims found for incoming pod");
        std::sort(pre.begin(), pre.end());
        std::string message = total == 0 ? "no nodes available to schedule pods"
                                         : prefix + Join(parts, ", ") + ". preemption: 0/" + std::to_string(total) +
                                               " nodes are available: " + Join(pre, ", ") + ".";
        if (pod->spec->preemption_policy.value_or("") == "Never" && total > 0)
            message = prefix + Join(parts, ", ") + ". preemption: not eligible due to preemptionPolicy=Never.";
        HandleFailure(qp, message, failed_plugins, true);
        return;
    }

    // Scores (weights of the default profile). Plugins that score every node alike are left out.
    const Resources pod_nz = PodRequests(*pod, true);
    const Resources pod_req = PodRequests(*pod, false);
    // PodTopologySpread with the system defaults (hostname maxSkew 3) or the pod's soft constraints.
    std::vector<Spread> soft;
    for (auto& s : SpreadConstraints(*pod))
        if (!s.hard) soft.push_back(std::move(s));
    if (pod->spec->topology_spread_constraints.IsNull()) {
        Spread s;
        s.max_skew = 3;
        s.topology_key = "kubernetes.io/hostname";
        s.selector = DefaultSpreadSelector(ctx_.api, *pod);
        if (!s.selector.Empty()) soft.push_back(std::move(s));
    }
    std::vector<int64_t> spread_raw(feasible.size(), 0);
    for (const auto& s : soft) {
        const int64_t weight = TopologyWeightMilli(feasible.size());
        // Matching pods per topology domain, counted once for all candidates.
        const std::string memo_key = pod->metadata.namespace_ + "\n" + s.selector.String();
        const std::vector<int>& matching = cache.CountsPerNode(s.selector, pod->metadata.namespace_, memo_key);
        if (s.topology_key == "kubernetes.io/hostname") {
            // Upstream counts hostname domains at Score, on the scored node only.
            for (size_t i = 0; i < feasible.size(); ++i) {
                if (!feasible[i].nv->hostname_label) continue;
                const size_t n = static_cast<size_t>(feasible[i].nv - nodes.data());
                spread_raw[i] += matching[n] * weight + (s.max_skew - 1) * 1000;
            }
            continue;
        }
        std::map<std::string, int> per_domain;
        for (size_t n = 0; n < nodes.size(); ++n) {
            const std::string* d = nodes[n].node->metadata.labels.Find(s.topology_key);
            if (d) per_domain[*d] += matching[n];
        }
        for (size_t i = 0; i < feasible.size(); ++i) {
            const std::string* domain = feasible[i].nv->node->metadata.labels.Find(s.topology_key);
            if (!domain) continue;
            spread_raw[i] += per_domain[*domain] * weight + (s.max_skew - 1) * 1000;
        }
    }
    int64_t min_spread = INT64_MAX, max_spread = 0;
    for (auto& raw : spread_raw) {
        raw = (raw + 500) / 1000;
        min_spread = std::min(min_spread, raw);
        max_spread = std::max(max_spread, raw);
    }
    // ImageLocality: sizes of the pod's images already on a node, scaled by how widespread.
    std::vector<std::string> image_names;
    for (const auto& c : pod->spec->containers) {
        ImageReference ref;
        std::string error;
        if (image_refs_.Parse(c.image, &ref, &error)) image_names.push_back(ref.Normalized());
    }
    const int64_t mb = 1024 * 1024;
    const int64_t min_threshold = 23 * mb, max_threshold = 1000 * mb * static_cast<int64_t>(pod->spec->containers.size());
    // How many nodes hold each of the pod's images, counted once for all candidates.
    std::vector<int64_t> image_spread(image_names.size(), 0);
    std::vector<const std::vector<int64_t>*> image_sizes(image_names.size());
    for (size_t k = 0; k < image_names.size(); ++k) {
        image_spread[k] = cache.NodesWithImage(image_names[k]);
        image_sizes[k] = &cache.ImageSizeByNode(image_names[k]);
    }
    for (size_t i = 0; i < feasible.size(); ++i) {
        const NodeView& nv = *feasible[i].nv;
        int64_t score = 0;
        score += LeastAllocated(nv, pod_nz);
        score += BalancedAllocation(nv, pod_req);
        score += 2 * (max_spread == 0 ? kMaxNodeScore : kMaxNodeScore * (max_spread + min_spread - spread_raw[i]) / max_spread);
        int64_t image_sum = 0;
        const size_t node_index = static_cast<size_t>(&nv - nodes.data());
        for (size_t k = 0; k < image_names.size(); ++k) {
            const int64_t size = (*image_sizes[k])[node_index];
            if (size) image_sum += size * image_spread[k] / std::max<int64_t>(1, static_cast<int64_t>(total));
        }
        image_sum = std::clamp(image_sum, min_threshold, max_threshold);
        score += kMaxNodeScore * (image_sum - min_threshold) / (max_threshold - min_threshold);
        feasible[i].score = score;
    }
    // selectHost: the best score, ties broken uniformly at random (reservoir sampling).
    const Candidate* chosen = nullptr;
    int ties = 0;
    for (const auto& c : feasible) {
        if (!chosen || c.score > chosen->score) {
            chosen = &c;
            ties = 1;
        } else if (c.score == chosen->score) {
            ++ties;
            if (rng_.Below(static_cast<uint64_t>(ties)) == 0) chosen = &c;
        }
    }
    qp.node = chosen->nv->node->metadata.name;
    qp.where = Where::kInFlight;
    qp.token = next_token_++;
    Assume(key, qp.node);
    // The binding cycle runs in its own goroutine; PreBind (volumes) comes first.
    ctx_.scheduler.At(busy_until_, id_, kPreBind, key, qp.token);
}

void KubeScheduler::HandleFailure(QueuedPod& qp, const std::string& message, uint32_t plugins, bool record) {
    const std::string key = qp.key;
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    Unassume(key);
    qp.last_failure = ctx_.Now();
    qp.failed_plugins = plugins ? plugins : ~0u;
    qp.last_message = message;
    qp.node.clear();
    qp.volume_wait_start = 0;
    qp.token = next_token_++;
    auto pod = ctx_.api.pods().Get(ns, name);
    if (!pod || !pod->spec->node_name.empty()) {
        pods_.erase(key);
        return;
    }
    if (record) {
        ctx_.recorder.Record(engine::EventRecorder::RefTo(*pod), "Warning", "FailedScheduling", message,
                             SchedulerEventSource());
        k8s::Pod updated = *pod;
        updated.metadata.resource_version.clear();
        bool found = false;
        for (auto& c : updated.status.conditions) {
            if (c.type != "PodScheduled") continue;
            found = true;
            if (c.status != "False") c.last_transition_time = k8s::Timestamp(ctx_.Now());
            c.status = "False";
            c.reason = "Unschedulable";
            c.message = message;
        }
        if (!found) {
            k8s::PodCondition c;
            c.type = "PodScheduled";
            c.status = "False";
            c.reason = "Unschedulable";
            c.message = message;
            c.last_transition_time = k8s::Timestamp(ctx_.Now());
            updated.status.conditions.push_back(c);
        }
        ctx_.api.pods().UpdateStatus(std::move(updated));
    }
    // A relevant event during the attempt sends the pod straight to backoff.
    if (qp.hint_while_in_flight) {
        qp.hint_while_in_flight = false;
        qp.where = Where::kBackoff;
        ctx_.scheduler.At(qp.last_failure + BackoffFor(qp.attempts), id_, kBackoffDone, key, qp.token);
        return;
    }
    qp.where = Where::kUnschedulable;
    // flushUnschedulablePodsLeftover runs every 30 s and retries pods parked for 5 minutes.
    const Time due = qp.last_failure + kMaxInUnschedulable;
    const Time flush = (due / kFlushPeriod + 1) * kFlushPeriod;
    ctx_.scheduler.At(flush, id_, kFlush, key, qp.token);
}

// ---------------------------------------------------------------------------------------------
// [SECTION] Binding cycle

void KubeScheduler::PreBind(QueuedPod& qp) {
    const size_t slash = qp.key.find('/');
    auto pod = ctx_.api.pods().Get(qp.key.substr(0, slash), qp.key.substr(slash + 1));
    if (!pod || !pod->spec->node_name.empty() || pod->metadata.IsTerminating()) {
        Unassume(qp.key);
        pods_.erase(qp.key);
        return;
    }
    const PodClaims claims = ResolveClaims(ctx_.api, *pod);
    auto node = ctx_.api.nodes().Get("", qp.node);
    if (!node) {
        HandleFailure(qp, "running PreBind plugin \"VolumeBinding\": node \"" + qp.node + "\" not found", ~0u, true);
        return;
    }
    if (claims.unbound_wffc.empty()) {
        ctx_.scheduler.After(Millis(rng_.Range(2, 8)), id_, kBind, qp.key, qp.token);
        return;
    }
    // BindPodVolumes: bind matching static PVs, otherwise hand the claim to the provisioner by
    // naming the node.
    std::set<std::string> taken;
    for (const auto& pvc : claims.unbound_wffc) {
        if (auto pv = FindStaticPv(ctx_.api.pvs().List(), *pvc, *node, taken)) {
            taken.insert(pv->metadata.name);
            k8s::PersistentVolume bound = *pv;
            bound.metadata.resource_version.clear();
            k8s::ObjectReference ref;
            ref.kind = "PersistentVolumeClaim";
            ref.namespace_ = pvc->metadata.namespace_;
            ref.name = pvc->metadata.name;
            ref.uid = pvc->metadata.uid;
            ref.api_version = "v1";
            ref.resource_version = pvc->metadata.resource_version;
            bound.spec.claim_ref = ref;
            bound.metadata.annotations.Set("pv.kubernetes.io/bound-by-controller", "yes");
            ctx_.api.pvs().Update(std::move(bound));
            continue;
        }
        if (pvc->metadata.annotations.Get(kSelectedNodeAnnotation) == qp.node) continue;
        k8s::PersistentVolumeClaim annotated = *pvc;
        annotated.metadata.resource_version.clear();
        annotated.metadata.annotations.Set(kSelectedNodeAnnotation, qp.node);
        ctx_.api.pvcs().Update(std::move(annotated));
    }
    qp.volume_wait_start = ctx_.Now();
    ctx_.scheduler.At(qp.volume_wait_start + Seconds(1), id_, kCheckVolumes, qp.key, qp.token);
    ctx_.scheduler.At(qp.volume_wait_start + kBindTimeout, id_, kVolumeTimeout, qp.key, qp.token);
}

void KubeScheduler::CheckVolumes(QueuedPod& qp) {
    if (qp.volume_wait_start == 0) return;
    const size_t slash = qp.key.find('/');
    auto pod = ctx_.api.pods().Get(qp.key.substr(0, slash), qp.key.substr(slash + 1));
    if (!pod || !pod->spec->node_name.empty() || pod->metadata.IsTerminating()) {
        Unassume(qp.key);
        pods_.erase(qp.key);
        return;
    }
    for (const auto& vol : pod->spec->volumes) {
        if (!vol.persistent_volume_claim) continue;
        auto pvc = ctx_.api.pvcs().Get(pod->metadata.namespace_, vol.persistent_volume_claim->claim_name);
        if (!pvc) {
            HandleFailure(qp,
                          "running PreBind plugin \"VolumeBinding\": binding volumes: persistentvolumeclaim \"" +
                              vol.persistent_volume_claim->claim_name + "\" not found",
                          kVolumeBinding, true);
            return;
        }
        if (pvc->status.phase != "Bound" || pvc->spec.volume_name.empty()) return;  // poll again
    }
    qp.volume_wait_start = 0;
    ctx_.scheduler.After(Millis(rng_.Range(2, 8)), id_, kBind, qp.key, qp.token);
}

void KubeScheduler::Bind(QueuedPod& qp) {
    const std::string key = qp.key;
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash), name = key.substr(slash + 1);
    const std::string node = qp.node;
    const client::ApiError err = ctx_.api.BindPod(ns, name, node);
    if (err.code != 0) {
        auto pod = ctx_.api.pods().Get(ns, name);
        if (!pod || !pod->spec->node_name.empty() || pod->metadata.IsTerminating()) {
            Unassume(key);
            pods_.erase(key);
            return;
        }
        HandleFailure(qp, "binding rejected: " + err.message, ~0u, true);
        return;
    }
    Unassume(key);
    pods_.erase(key);
    if (auto pod = ctx_.api.pods().Get(ns, name))
        ctx_.recorder.Record(engine::EventRecorder::RefTo(*pod), "Normal", "Scheduled",
                             "Successfully assigned " + ns + "/" + name + " to " + node, SchedulerEventSource());
}

}  // namespace sts::cluster
