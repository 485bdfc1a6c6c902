// The EndpointSlice controller and its reconciler (pkg/controller/endpointslice,
// staging/src/k8s.io/endpointslice/reconciler.go). See the header.
#include "controllers/endpointslice_controller.h"

#include <algorithm>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sts::controllers {

namespace {

constexpr Duration kApiCall = Millis(2);
constexpr const char* kAnnTriggerTime = "endpoints.kubernetes.io/last-change-trigger-time";
constexpr const char* kLabelHeadless = "service.kubernetes.io/headless";
constexpr const char* kLabelZone = "topology.kubernetes.io/zone";

bool IsReservedLabel(const std::string& key) {
    return key == kLabelServiceName || key == kLabelManagedBy || key == kLabelHeadless;
}

StringMap WithoutReserved(const StringMap& labels) {
    StringMap out;
    for (const auto& [k, v] : labels)
        if (!IsReservedLabel(k)) out.Set(k, v);
    return out;
}

// setEndpointSliceLabels: the Service's labels, the headless marker, the two reserved labels.
StringMap DesiredLabels(const k8s::Service& svc) {
    StringMap labels = WithoutReserved(svc.metadata.labels);
    const bool ip_set = svc.spec.cluster_ip != "None" && !svc.spec.cluster_ip.empty();
    if (!ip_set) labels.Set(kLabelHeadless, "");
    labels.Set(kLabelServiceName, svc.metadata.name);
    labels.Set(kLabelManagedBy, kEndpointSliceManagedBy);
    return labels;
}

std::string PortsKey(const std::vector<k8s::SlicePort>& ports) {
    std::vector<std::string> parts;
    for (const auto& p : ports)
        parts.push_back(p.name.value_or("") + "/" + std::to_string(p.port.value_or(0)) + "/" + p.protocol.value_or("") +
                        "/" + p.app_protocol.value_or(""));
    std::sort(parts.begin(), parts.end());
    std::string key;
    for (const auto& p : parts) key += p + ";";
    return key;
}

std::vector<k8s::SlicePort> EndpointPorts(const k8s::Service& svc, const k8s::Pod& pod) {
    std::vector<k8s::SlicePort> out;
    if (svc.spec.ports.empty() && svc.spec.IsHeadless()) return out;
    for (const auto& sp : svc.spec.ports) {
        auto num = endpointutil::FindPort(pod, sp);
        if (!num) continue;
        k8s::SlicePort p;
        p.name = sp.name;
        p.port = *num;
        p.protocol = sp.protocol.empty() ? "TCP" : sp.protocol;
        p.app_protocol = sp.app_protocol;
        out.push_back(p);
    }
    return out;
}

k8s::SliceEndpoint PodToEndpoint(const k8s::Pod& pod, const k8s::Node* node, const k8s::Service& svc) {
    k8s::SliceEndpoint ep;
    for (const auto& ip : pod.status.pod_ips)
        if (ip.ip.find(':') == std::string::npos) ep.addresses.push_back(ip.ip);
    if (ep.addresses.empty() && !pod.status.pod_ip.empty() && pod.status.pod_ip.find(':') == std::string::npos)
        ep.addresses.push_back(pod.status.pod_ip);
    const bool serving = endpointutil::IsPodReady(pod);
    const bool terminating = pod.metadata.deletion_timestamp.has_value();
    ep.conditions.ready = svc.spec.publish_not_ready_addresses || (serving && !terminating);
    ep.conditions.serving = serving;
    ep.conditions.terminating = terminating;
    ep.target_ref = endpointutil::PodReference(pod);
    if (!pod.spec->node_name.empty()) ep.node_name = pod.spec->node_name;
    if (node && !node->metadata.labels.Get(kLabelZone).empty()) ep.zone = node->metadata.labels.Get(kLabelZone);
    if (endpointutil::ShouldSetHostname(pod, svc)) ep.hostname = pod.spec->hostname;
    return ep;
}

bool OwnedBy(const k8s::EndpointSlice& slice, const k8s::Service& svc) {
    for (const auto& ref : slice.metadata.owner_references)
        if (ref.uid == svc.metadata.uid && ref.kind == "Service" && ref.api_version == "v1") return true;
    return false;
}

k8s::EndpointSlice NewSlice(const k8s::Service& svc, const std::vector<k8s::SlicePort>& ports) {
    k8s::EndpointSlice slice;
    slice.metadata.namespace_ = svc.metadata.namespace_;
    // getEndpointSlicePrefix: "<svc>-" unless the dash would make an invalid prefix.
    slice.metadata.generate_name = svc.metadata.name.size() + 1 <= 253 ? svc.metadata.name + "-" : svc.metadata.name;
    k8s::OwnerReference owner;
    owner.api_version = "v1";
    owner.kind = "Service";
    owner.name = svc.metadata.name;
    owner.uid = svc.metadata.uid;
    owner.controller = true;
    owner.block_owner_deletion = true;
    slice.metadata.owner_references.push_back(owner);
    slice.metadata.labels = DesiredLabels(svc);
    slice.address_type = "IPv4";
    slice.ports = ports;
    return slice;
}

// An open-addressing table from non-zero 64-bit keys to values (linear probing, at most half
// full), in one allocation: for lookups a sync makes once per pod, where a node-based map
// would cost an allocation per entry. Key 0 marks an empty slot.
template <class V>
class FlatTable {
public:
    explicit FlatTable(size_t expected = 0) { Resize(expected); }

    V* Find(uint64_t key) {
        for (size_t i = Slot(key);; i = (i + 1) & mask_) {
            if (slots_[i].first == key) return &slots_[i].second;
            if (slots_[i].first == 0) return nullptr;
        }
    }
    // Adds a key that is not there yet. The reference is good until the next Insert.
    V& Insert(uint64_t key, V value) {
        if (2 * (used_ + 1) > slots_.size()) Resize(slots_.size());
        size_t i = Slot(key);
        while (slots_[i].first != 0) i = (i + 1) & mask_;
        slots_[i] = {key, std::move(value)};
        ++used_;
        return slots_[i].second;
    }
    bool empty() const { return used_ == 0; }

private:
    // Multiplicative hashing: consecutive counters and aligned pointers both spread well.
    size_t Slot(uint64_t key) const { return static_cast<size_t>(key * 0x9E3779B97F4A7C15ull >> shift_); }
    // Grows to at least twice `n` slots (a power of two), keeping what is there.
    void Resize(size_t n) {
        size_t size = 16;
        unsigned bits = 4;
        while (size < 2 * n) {
            size *= 2;
            ++bits;
        }
        std::vector<std::pair<uint64_t, V>> old = std::move(slots_);
        slots_.assign(size, {});
        mask_ = size - 1;
        shift_ = 64 - bits;
        used_ = 0;
        for (auto& [key, value] : old)
            if (key != 0) Insert(key, std::move(value));
    }
    std::vector<std::pair<uint64_t, V>> slots_;
    size_t mask_ = 0;
    unsigned shift_ = 60;
    size_t used_ = 0;
};

// The current snapshot of each node snapshot some entry holds, looked up once per sync, as a
// sync asks it once per pod.
class NodeSnapshots {
public:
    using Ptr = apiserver::Ptr<k8s::Node>;
    explicit NodeSnapshots(size_t expected) : table_(expected) {}

    // The current snapshot for the one an entry holds; `lookup` finds it the first time. The
    // reference is good until the next call (which may grow the table).
    template <class Lookup>
    const Ptr& Current(const k8s::Node* held, Lookup&& lookup) {
        const uint64_t key = reinterpret_cast<uintptr_t>(held);
        if (Ptr* found = table_.Find(key)) return *found;
        return table_.Insert(key, lookup());
    }

private:
    FlatTable<Ptr> table_;
};

// The endpoints wanted for one port mapping (they point into the controller's per-pod cache,
// which stays put until the sync returns).
// Kept as parallel arrays, so matching a slice this controller wrote reads ids and versions
// side by side instead of visiting each entry.
template <class Entry>
struct Desired {
    static constexpr size_t kNone = static_cast<size_t>(-1);

    std::vector<k8s::SlicePort> ports;
    std::vector<const Entry*> entries;  // in walk order
    std::vector<uint64_t> ids, versions;
    std::vector<uint8_t> placed;        // put in a slice by this sync
    // Both built only when a lookup needs them: the guess in FindId nearly always hits.
    FlatTable<uint32_t> by_id;  // entry id + 1 -> index
    std::unordered_map<std::string_view, size_t> by_pod;   // pod name -> index

    void Add(const Entry* e) {
        entries.push_back(e);
        ids.push_back(e->id);
        versions.push_back(e->version);
        placed.push_back(0);
    }
    // The index of the entry with this id, trying `guess` first (slices are filled in name
    // order, the order of the walk), or kNone.
    size_t FindId(uint64_t id, size_t guess) {
        if (guess < ids.size() && ids[guess] == id) return guess;
        if (ids.empty()) return kNone;
        if (by_id.empty()) {
            by_id = FlatTable<uint32_t>(ids.size());
            for (size_t i = 0; i < ids.size(); ++i) by_id.Insert(ids[i] + 1, static_cast<uint32_t>(i));
        }
        const uint32_t* found = by_id.Find(id + 1);
        return found ? *found : kNone;
    }
    // The index of this pod name's entry, or kNone.
    size_t FindPod(std::string_view pod_name) {
        if (by_pod.empty())
            for (size_t i = 0; i < entries.size(); ++i) by_pod.emplace(entries[i]->endpoint().target_ref->name, i);
        auto it = by_pod.find(pod_name);
        return it == by_pod.end() ? kNone : it->second;
    }
};

// A slice to write, with the entry each of its endpoints was copied from (or equals).
template <class Entry>
struct PlannedSlice {
    k8s::EndpointSlice slice;
    std::vector<const Entry*> sources;
};

template <class Entry>
struct Plan {
    std::vector<PlannedSlice<Entry>> create, update;
    std::vector<k8s::EndpointSlice> remove;
    // Slices left as they are, with the entries their endpoints equal.
    std::vector<std::pair<apiserver::Ptr<k8s::EndpointSlice>, std::vector<const Entry*>>> unchanged;
};

// hashEndpoint's identity: the same pod with the same addresses and hostname.
bool SameIdentity(const k8s::SliceEndpoint& a, const k8s::SliceEndpoint& b) {
    return a.addresses == b.addresses && a.hostname == b.hostname;
}

template <class Entry>
k8s::EndpointSlice CopyWith(const k8s::EndpointSlice& slice, const std::vector<const Entry*>& entries,
                            const StringMap& labels) {
    k8s::EndpointSlice out;
    out.api_version = slice.api_version;
    out.kind = slice.kind;
    out.metadata = slice.metadata;
    out.metadata.labels = labels;
    out.address_type = slice.address_type;
    out.ports = slice.ports;
    out.endpoints.reserve(entries.size());
    for (const Entry* e : entries) out.endpoints.push_back(e->shared_endpoint());
    return out;
}

// An existing slice no endpoint of which needs reading again; `kept` (the entries of its
// endpoints) is worked out only if the slice is picked to be filled.
template <class Entry>
struct UnchangedSlice {
    apiserver::Ptr<k8s::EndpointSlice> slice;
    std::vector<const Entry*> kept;
    bool kept_known = true;
};

// The reconciler's pass over one existing slice: endpoints still wanted, with the same identity,
// and not placed yet stay in place; the slice is dropped when none stays, copied when one went
// or changed (or its labels did), left as it is otherwise.
// `match(k)` gives the wanted entry for endpoint k (or null) and whether it is known to be equal
// to it; `placed()` says whether that entry has been placed already, `place()` places it.
template <class Entry, class Match, class Placed, class Place>
void MatchSlice(const apiserver::Ptr<k8s::EndpointSlice>& slice, const StringMap& svc_labels,
                const StringMap& labels, Match&& match, Placed&& placed, Place&& place,
                std::vector<PlannedSlice<Entry>>* updated, std::vector<UnchangedSlice<Entry>>* unchanged,
                Plan<Entry>* plan) {
    std::vector<const Entry*> kept;
    kept.reserve(slice->endpoints.size());
    bool endpoint_updated = false;
    for (size_t k = 0; k < slice->endpoints.size(); ++k) {
        const k8s::Cow<k8s::SliceEndpoint>& shared_ep = slice->endpoints[k];
        const auto [e, known_equal] = match(k);
        if (!e || placed()) continue;  // not wanted, or placed
        if (!known_equal) {
            if (!SameIdentity(e->endpoint(), *shared_ep)) continue;
            if (!(e->shared_endpoint() == shared_ep)) endpoint_updated = true;
        }
        kept.push_back(e);
        place();
    }
    const bool labels_changed = WithoutReserved(slice->metadata.labels) != svc_labels;
    if (endpoint_updated || kept.size() != slice->endpoints.size()) {
        if (kept.empty()) plan->remove.push_back(*slice);
        else updated->push_back({CopyWith(*slice, kept, labels), kept});
    } else if (labels_changed) {
        k8s::EndpointSlice copy = *slice;
        copy.metadata.labels = labels;
        updated->push_back({std::move(copy), kept});
    } else {
        unchanged->push_back({slice, std::move(kept), true});
    }
}

// The reconciler's placement of the wanted endpoints no slice holds (`rest`, by pod name): the
// fullest updated slice first, then an unchanged slice that fits, then new slices.
// `kept_of(slice)` works out the entries of an unchanged slice picked to be filled.
template <class Entry, class KeptOf>
void PlaceRest(const k8s::Service& svc, const std::vector<k8s::SlicePort>& ports,
               std::vector<std::pair<std::string_view, const Entry*>>& rest, std::vector<PlannedSlice<Entry>>& updated,
               std::vector<UnchangedSlice<Entry>>& unchanged, size_t max_per_slice, KeptOf&& kept_of,
               Plan<Entry>* plan) {
    std::sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    size_t next = 0;
    auto remaining = [&] { return rest.size() - next; };
    auto fill = [&](PlannedSlice<Entry>& planned) {
        while (remaining() > 0 && planned.slice.endpoints.size() < max_per_slice) {
            const Entry* e = rest[next++].second;
            planned.slice.endpoints.push_back(e->shared_endpoint());
            planned.sources.push_back(e);
        }
    };
    if (remaining() > 0 && !updated.empty()) {
        std::vector<size_t> order(updated.size());
        for (size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
            return updated[a].slice.endpoints.size() > updated[b].slice.endpoints.size();
        });
        for (size_t i : order) fill(updated[i]);
    }
    while (remaining() > 0) {
        std::optional<size_t> pick;
        if (remaining() < max_per_slice && !unchanged.empty()) {
            // getSliceToFill: the unchanged slice that ends up closest to full.
            size_t closest = max_per_slice;
            for (size_t i = 0; i < unchanged.size(); ++i) {
                const size_t after = remaining() + unchanged[i].slice->endpoints.size();
                if (after <= max_per_slice && max_per_slice - after < closest) {
                    closest = max_per_slice - after;
                    pick = i;
                }
            }
        }
        if (pick) {
            UnchangedSlice<Entry>& picked = unchanged[*pick];
            if (!picked.kept_known) picked.kept = kept_of(*picked.slice);
            PlannedSlice<Entry> planned{*picked.slice, std::move(picked.kept)};
            unchanged.erase(unchanged.begin() + static_cast<std::ptrdiff_t>(*pick));
            fill(planned);
            updated.push_back(std::move(planned));
        } else {
            PlannedSlice<Entry> planned{NewSlice(svc, ports), {}};
            fill(planned);
            plan->create.push_back(std::move(planned));
        }
    }
    for (auto& u : updated) plan->update.push_back(std::move(u));
    for (auto& u : unchanged) plan->unchanged.emplace_back(std::move(u.slice), std::move(u.kept));
}

// reconcileByPortMapping: keep endpoints in place, drop the ones no longer wanted, then place
// the new ones. Only slices that change are copied. `records` says where the endpoints of the
// slices this controller wrote came from; an endpoint whose entry has not been recomputed since
// is known to be equal without reading it.
template <class Entry, class Record>
void ReconcilePortMapping(const k8s::Service& svc, const std::vector<apiserver::Ptr<k8s::EndpointSlice>>& existing,
                          const std::map<std::string, Record>& records, Desired<Entry>& desired,
                          size_t max_per_slice, Plan<Entry>* plan) {
    const StringMap svc_labels = WithoutReserved(svc.metadata.labels);
    const StringMap labels = DesiredLabels(svc);
    std::vector<PlannedSlice<Entry>> updated;
    std::vector<UnchangedSlice<Entry>> unchanged;
    for (const auto& slice : existing) {
        const auto record_it = records.find(slice->metadata.namespace_ + "/" + slice->metadata.name);
        const auto* record = record_it != records.end() && record_it->second.snapshot == slice &&
                                     record_it->second.sources.size() == slice->endpoints.size()
                                 ? &record_it->second
                                 : nullptr;
        size_t guess = Desired<Entry>::kNone;
        size_t wanted = Desired<Entry>::kNone;  // the index of the entry match() found
        auto match = [&](size_t k) -> std::pair<const Entry*, bool> {
            const k8s::SliceEndpoint& ep = *slice->endpoints[k];
            wanted = Desired<Entry>::kNone;
            bool known_equal = false;
            if (record) {
                const auto [id, version] = record->sources[k];
                wanted = desired.FindId(id, guess + 1);
                known_equal = wanted != Desired<Entry>::kNone && version != 0 && desired.versions[wanted] == version;
            }
            // The entry the record names is that pod's (entries keep their pod); without a
            // record, the entry is looked up by the endpoint's pod name.
            if (!known_equal && !ep.target_ref) return {nullptr, false};
            if (wanted == Desired<Entry>::kNone) wanted = desired.FindPod(ep.target_ref->name);
            if (wanted == Desired<Entry>::kNone) return {nullptr, false};
            return {desired.entries[wanted], known_equal};
        };
        auto placed = [&] { return desired.placed[wanted] != 0; };
        auto place = [&] {
            desired.placed[wanted] = 1;
            guess = wanted;
        };
        MatchSlice<Entry>(slice, svc_labels, labels, match, placed, place, &updated, &unchanged, plan);
    }

    // What is left to place, in a stable order (upstream pops them from a hash set).
    std::vector<std::pair<std::string_view, const Entry*>> rest;
    for (size_t i = 0; i < desired.entries.size(); ++i) {
        const Entry* e = desired.entries[i];
        if (!desired.placed[i]) rest.emplace_back(e->endpoint().target_ref->name, e);
    }
    PlaceRest<Entry>(svc, desired.ports, rest, updated, unchanged, max_per_slice,
                     [](const k8s::EndpointSlice&) { return std::vector<const Entry*>{}; }, plan);
}

// The sync after pod events only: the pods that had them are recomputed, and only the slices
// that hold one of them are matched again. It applies when this controller wrote every slice
// of the Service as it stands (so each endpoint's entry is known), all of one port mapping, and
// the last sync placed every wanted endpoint: then a slice holding none of the changed pods
// keeps all its endpoints, and what is left to place is among the changed pods. The plan is
// the one ReconcilePortMapping makes after a walk over every pod (the tests run both on one
// history). Returns false, with nothing planned, where it does not apply; entries it brought
// up to date stay so (the walk then finds them current).
// `refresh(pod, entry)` brings a selected pod's entry up to date from a new snapshot.
template <class Entry, class Record, class Refresh>
bool PlanChangedPods(const apiserver::ApiServer& api, const k8s::Service& svc,
                     const std::vector<apiserver::Ptr<k8s::EndpointSlice>>& existing,
                     const std::map<std::string, Record>& records, PodEntries<Entry>& entries,
                     const std::vector<std::string>& changed, Refresh&& refresh, size_t max_per_slice,
                     Plan<Entry>* plan) {
    if (existing.empty()) return false;
    const std::string& ns = svc.metadata.namespace_;
    std::vector<const Record*> slice_records;
    slice_records.reserve(existing.size());
    const std::string* ports_key = nullptr;
    for (const auto& slice : existing) {
        const auto it = records.find(ns + "/" + slice->metadata.name);
        if (it == records.end()) return false;
        const Record& record = it->second;
        if (record.snapshot != slice || !record.exact || slice->endpoints.empty() ||
            record.sources.size() != slice->endpoints.size() || !record.ports_key)
            return false;
        if (!ports_key) ports_key = record.ports_key;
        if (record.ports_key != ports_key) return false;
        slice_records.push_back(&record);
    }

    // The changed pods' entries, brought up to date; the ids they had find them in the slices.
    FlatTable<uint8_t> old_ids(changed.size());
    for (const std::string& name : changed) {
        if (const Entry* e = entries.Find(name); e && e->id != 0 && !old_ids.Find(e->id)) old_ids.Insert(e->id, 1);
        auto pod = api.pods().Get(ns, name);
        if (!pod) {
            entries.Forget(name);
            continue;
        }
        auto [entry, fresh] = entries.Touch(pod);
        if (fresh) {
            endpointutil::Reselect(svc, *pod, entry);
            entry.pod.reset();  // recompute
        }
        if (!entry.selected || entry.pod == pod) continue;
        refresh(pod, entry);
        // Slices of two port mappings are reconciled apart: the walk does that.
        if (entry.include && entry.ports_key != ports_key) return false;
    }
    // From here on the entries stay where they are.
    auto wanted = [&](const k8s::SliceEndpoint& ep) -> const Entry* {
        const Entry* e = entries.Find(ep.target_ref->name);
        return e && e->selected && e->include ? e : nullptr;
    };

    const StringMap svc_labels = WithoutReserved(svc.metadata.labels);
    const StringMap labels = DesiredLabels(svc);
    Plan<Entry> out;
    std::vector<PlannedSlice<Entry>> updated;
    std::vector<UnchangedSlice<Entry>> unchanged;
    std::unordered_set<const Entry*> placed;
    for (size_t i = 0; i < existing.size(); ++i) {
        const apiserver::Ptr<k8s::EndpointSlice>& slice = existing[i];
        const Record& record = *slice_records[i];
        bool touched = false;
        if (!old_ids.empty())
            for (const auto& source : record.sources) {
                if (old_ids.Find(source.first)) {
                    touched = true;
                    break;
                }
            }
        if (!touched) {
            unchanged.push_back({slice, {}, false});
            continue;
        }
        bool foreign = false;  // an endpoint without a pod reference: not one this controller wrote
        const Entry* current = nullptr;
        auto match = [&](size_t k) -> std::pair<const Entry*, bool> {
            const k8s::SliceEndpoint& ep = *slice->endpoints[k];
            if (!ep.target_ref) {
                foreign = true;
                return {nullptr, false};
            }
            current = wanted(ep);
            if (!current) return {nullptr, false};
            const auto [id, version] = record.sources[k];
            return {current, current->id == id && version != 0 && current->version == version};
        };
        MatchSlice<Entry>(slice, svc_labels, labels, match, [&] { return placed.count(current) != 0; },
                          [&] { placed.insert(current); }, &updated, &unchanged, &out);
        if (foreign) return false;
    }

    std::vector<std::pair<std::string_view, const Entry*>> rest;
    for (const std::string& name : changed) {
        const Entry* e = entries.Find(name);
        if (e && e->selected && e->include && !placed.count(e)) rest.emplace_back(e->endpoint().target_ref->name, e);
    }
    // Every endpoint of a slice no changed pod is in is its unchanged entry's.
    auto kept_of = [&](const k8s::EndpointSlice& slice) {
        std::vector<const Entry*> kept;
        kept.reserve(slice.endpoints.size());
        for (const auto& ep : slice.endpoints)
            if (const Entry* e = wanted(*ep)) kept.push_back(e);
        return kept;
    };
    PlaceRest<Entry>(svc, existing.front()->ports, rest, updated, unchanged, max_per_slice, kept_of, &out);
    *plan = std::move(out);
    return true;
}

}  // namespace

EndpointSliceController::EndpointSliceController(engine::Context& ctx, int max_endpoints_per_slice)
    : QueueController(ctx.scheduler, "endpointslice-controller"), ctx_(ctx), max_per_slice_(max_endpoints_per_slice) {
    auto& api = ctx_.api;
    api.services().AddHandler([this](apiserver::WatchType, const apiserver::Ptr<k8s::Service>& old_obj,
                                     const apiserver::Ptr<k8s::Service>& new_obj) {
        const auto& svc = new_obj ? *new_obj : *old_obj;
        Enqueue(svc.metadata.namespace_ + "/" + svc.metadata.name);
    });
    api.pods().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Pod>& old_obj,
                                 const apiserver::Ptr<k8s::Pod>& new_obj) {
        // Every event makes the pod's entry stale for the Services of its namespace, whether or
        // not it calls for a sync now: the next sync, whatever asks for it, recomputes it.
        const k8s::Pod& pod = new_obj ? *new_obj : *old_obj;
        const std::string prefix = pod.metadata.namespace_ + "/";
        for (auto it = cache_.lower_bound(prefix); it != cache_.end() && it->first.starts_with(prefix); ++it) {
            ServiceCache& cache = it->second;
            if (cache.synced) cache.changed.Add(pod.metadata.name, cache.last_selected);
        }
        for (const auto& [key, _] : endpointutil::ServicesForPodEvent(ctx_.api, type, old_obj, new_obj)) Enqueue(key);
    });
    // An endpoint reads its node's zone, and a pod on a node that does not exist has none:
    // a node that comes, goes or changes zone has every Service's next sync walk all pods.
    api.nodes().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::Node>& old_obj,
                                  const apiserver::Ptr<k8s::Node>& new_obj) {
        if (type != apiserver::WatchType::kModified ||
            old_obj->metadata.labels.Get(kLabelZone) != new_obj->metadata.labels.Get(kLabelZone))
            ResyncAll();
    });
    api.endpointslices().AddHandler([this](apiserver::WatchType type, const apiserver::Ptr<k8s::EndpointSlice>& old_obj,
                                           const apiserver::Ptr<k8s::EndpointSlice>& new_obj) {
        auto service_key = [](const k8s::EndpointSlice& s) -> std::string {
            if (s.metadata.labels.Get(kLabelManagedBy) != kEndpointSliceManagedBy) return "";
            const std::string svc = s.metadata.labels.Get(kLabelServiceName);
            return svc.empty() ? "" : s.metadata.namespace_ + "/" + svc;
        };
        const std::string old_key = old_obj ? service_key(*old_obj) : "";
        if (!old_key.empty()) {
            auto it = slices_by_service_.find(old_key);
            if (it != slices_by_service_.end()) {
                it->second.erase(old_obj->metadata.name);
                if (it->second.empty()) slices_by_service_.erase(it);
            }
        }
        // A slice someone else wrote, took away or deleted: the next sync of its Service
        // matches every pod again.
        auto resync = [this](const std::string& stale) {
            if (auto it = cache_.find(stale); it != cache_.end()) it->second.synced = false;
        };
        if (type == apiserver::WatchType::kDeleted) {
            const std::string slice_key = old_obj->metadata.namespace_ + "/" + old_obj->metadata.name;
            written_generation_.erase(slice_key);
            slice_records_.erase(slice_key);
            // A slice deleted by someone else is recreated.
            if (expected_deletions_.erase(slice_key) == 0 && !old_key.empty()) {
                resync(old_key);
                Enqueue(old_key);
            }
            return;
        }
        const std::string slice_key = new_obj->metadata.namespace_ + "/" + new_obj->metadata.name;
        const std::string key = service_key(*new_obj);
        if (!key.empty()) slices_by_service_[key].insert(new_obj->metadata.name);
        if (writing_) return;  // our own write; the sync that made it knows the outcome
        // Someone else changed one of our slices (or took it away from us): sync its service.
        auto written = written_generation_.find(slice_key);
        const bool ours = written != written_generation_.end() && written->second == new_obj->metadata.generation;
        if (!key.empty() && !ours) {
            resync(key);
            Enqueue(key);
        }
        if (!old_key.empty() && old_key != key) {
            resync(old_key);
            Enqueue(old_key);
        }
    });
    for (const auto& slice : api.endpointslices().List()) {
        if (slice->metadata.labels.Get(kLabelManagedBy) != kEndpointSliceManagedBy) continue;
        slices_by_service_[slice->metadata.namespace_ + "/" + slice->metadata.labels.Get(kLabelServiceName)].insert(
            slice->metadata.name);
    }
    for (const auto& svc : api.services().List()) Enqueue(svc->metadata.namespace_ + "/" + svc->metadata.name);
}

std::set<std::string> EndpointSliceController::SlicesFor(const std::string& service_key) const {
    auto it = slices_by_service_.find(service_key);
    return it == slices_by_service_.end() ? std::set<std::string>{} : it->second;
}

void EndpointSliceController::ResyncAll() {
    for (auto& [key, cache] : cache_) {
        cache.synced = false;
        cache.changed.Clear();
    }
}

bool EndpointSliceController::TakeSnapshot(const apiserver::Ptr<k8s::Pod>& pod, CachedEndpoint& entry, Time* trigger) {
    // endpointsLastChangeTriggerTime: a pod whose Ready transition is newer than the one the
    // last sync saw.
    if (const Time ready_at = pod->Summary().ready_transition; ready_at != kNoTime) {
        if (ready_at > entry.trigger && (*trigger == 0 || ready_at < *trigger)) *trigger = ready_at;
        entry.trigger = ready_at;
    }
    // The check is made once per snapshot: a pod waiting for its IP is not read again at every
    // sync until it has one.
    entry.excluded = !endpointutil::ShouldPodBeInEndpoints(*pod, true);
    if (entry.excluded) {
        entry.pod = pod;
        entry.node.reset();
        entry.include = false;
    }
    return !entry.excluded;
}

void EndpointSliceController::Recompute(const k8s::Service& svc, const apiserver::Ptr<k8s::Pod>& pod,
                                        const apiserver::Ptr<k8s::Node>& node, CachedEndpoint& entry) {
    entry.pod = pod;
    entry.node = node;
    if (!entry.data) entry.data = std::make_unique<CachedEndpoint::Data>();
    entry.data->ports = EndpointPorts(svc, *pod);
    entry.ports_key = &*ports_keys_.insert(PortsKey(entry.data->ports)).first;
    entry.data->endpoint = k8s::Cow<k8s::SliceEndpoint>(PodToEndpoint(*pod, node.get(), svc));
    // A pod on a vanished node is left out, unless the Service publishes everything.
    entry.include = !entry.endpoint().addresses.empty() && (node || svc.spec.publish_not_ready_addresses);
    if (entry.id == 0) entry.id = ++next_id_;
    entry.version = ++next_version_;
}

void EndpointSliceController::TrackWrite(const apiserver::Ptr<k8s::EndpointSlice>& slice) {
    if (slice) written_generation_[slice->metadata.namespace_ + "/" + slice->metadata.name] = slice->metadata.generation;
}

bool EndpointSliceController::Sync(const std::string& key, Duration* cost) {
    *cost = Millis(1);
    auto& api = ctx_.api;
    const size_t slash = key.find('/');
    const std::string ns = key.substr(0, slash);
    const std::string name = key.substr(slash + 1);
    auto svc = api.services().Get(ns, name);
    if (!svc) {
        cache_.erase(key);  // the garbage collector removes the slices it owned
        return true;
    }
    if (svc->spec.type == "ExternalName" || svc->spec.selector.empty()) return true;


    std::vector<apiserver::Ptr<k8s::EndpointSlice>> existing;
    for (const auto& slice_name : SlicesFor(key))
        if (auto s = api.endpointslices().Get(ns, slice_name)) existing.push_back(s);
    Plan<CachedEndpoint> plan;

    ServiceCache& cache = cache_[key];
    if (cache.service != svc) {
        // The Service changed: every endpoint is recomputed (trigger times are kept, as the
        // trigger-time tracker keeps them across Service updates).
        cache.pods.Invalidate();
        cache.service = svc;
        cache.synced = false;
    }
    Time trigger = 0;
    if (svc->metadata.creation_timestamp.ms > cache.service_time) trigger = svc->metadata.creation_timestamp.ms;
    cache.service_time = svc->metadata.creation_timestamp.ms;
    // The pods listed: the namespace's, as upstream's sync lists them (the cost model counts
    // them all, whichever the cache had to recompute).
    *cost += static_cast<Duration>(api.pods().Count(ns)) / endpointutil::kPodsPerMs;

    // After pod events only, the pods that had them; otherwise every pod of the namespace.
    auto refresh = [&](const apiserver::Ptr<k8s::Pod>& pod, CachedEndpoint& entry) {
        if (!TakeSnapshot(pod, entry, &trigger)) return;
        const std::string& node_name = pod->spec->node_name;
        Recompute(*svc, pod, node_name.empty() ? nullptr : api.nodes().Get("", node_name), entry);
    };
    const bool overflowed = cache.changed.overflowed();
    const std::vector<std::string> changed_pods = cache.changed.Take();
    const bool changed_only = recompute_changed_only_ && cache.synced && !overflowed &&
                              !svc->metadata.deletion_timestamp &&
                              PlanChangedPods(api, *svc, existing, slice_records_, cache.pods, changed_pods, refresh,
                                              static_cast<size_t>(max_per_slice_), &plan);
    if (changed_only) ++changed_only_syncs_;
    // The entries stay put until the sync returns: the plan points into them.
    std::optional<PodEntries<CachedEndpoint>::EndOnExit> end_walk;
    if (!changed_only) {
        // Existing slices: ours grouped by port mapping; anything else (another address type, a
        // slice of an old Service with the same name) is deleted.
        std::map<std::string, std::vector<apiserver::Ptr<k8s::EndpointSlice>>> existing_by_ports;
        for (const auto& s : existing) {
            if (s->address_type == "IPv4" && OwnedBy(*s, *svc)) existing_by_ports[PortsKey(s->ports)].push_back(s);
            else plan.remove.push_back(*s);
        }
        // Desired endpoints by port mapping. A pod (and its node) unchanged since the last sync
        // reuses the endpoint computed then, so a sync over many pods stays cheap.
        cache.pods.Begin(api.pods().Size());
        end_walk.emplace(cache.pods);
        std::map<std::string, apiserver::Ptr<k8s::Node>> nodes;
        NodeSnapshots nodes_by_cached(api.nodes().Size());
        std::map<std::string, Desired<CachedEndpoint>> desired;
        std::pair<const std::string, Desired<CachedEndpoint>>* last_desired = nullptr;
        const std::string* last_key = nullptr;  // the interned key of last_desired
        // Each selected pod's entry, brought up to date and added to the wanted endpoints of its
        // port mapping while the walk is on it. `changed_pod` is null when the entry was computed
        // from this very snapshot: the pod is not read again.
        const size_t expected = cache.last_selected;
        auto process = [&](const apiserver::Ptr<k8s::Pod>* changed_pod, CachedEndpoint& entry) {
            const bool same_pod = !changed_pod;
            const apiserver::Ptr<k8s::Pod>& pod = same_pod ? entry.pod : *changed_pod;
            if (!same_pod) {
                if (!TakeSnapshot(pod, entry, &trigger)) return;
            } else if (entry.excluded) {
                return;
            }
            // Points at a snapshot held by one of the maps (no reference count touched per pod).
            static const apiserver::Ptr<k8s::Node> kNoNode;
            const apiserver::Ptr<k8s::Node>* node_slot = &kNoNode;
            if (same_pod && entry.node) {
                // The node's current snapshot, found once per sync for every entry that held the same one.
                node_slot = &nodes_by_cached.Current(entry.node.get(),
                                                     [&] { return api.nodes().Get("", entry.node->metadata.name); });
            } else if (!pod->spec->node_name.empty()) {
                auto it = nodes.find(pod->spec->node_name);
                if (it == nodes.end())
                    it = nodes.emplace(pod->spec->node_name, api.nodes().Get("", pod->spec->node_name)).first;
                node_slot = &it->second;
            }
            const apiserver::Ptr<k8s::Node>& node = *node_slot;
            // The endpoint reads the node only for its zone: a node status update leaves the
            // endpoints of its pods as they are.
            auto zone = [](const apiserver::Ptr<k8s::Node>& n) { return n->metadata.labels.Get(kLabelZone); };
            if (entry.pod == pod && entry.node != node && entry.node && node && zone(entry.node) == zone(node))
                entry.node = node;
            if (entry.pod != pod || entry.node != node) Recompute(*svc, pod, node, entry);
            // Pods of one Service nearly always share one port mapping: try the last one first.
            if (!last_desired || last_key != entry.ports_key) {
                last_key = entry.ports_key;
                auto [slot, inserted] = desired.try_emplace(*entry.ports_key);
                if (inserted) {
                    slot->second.ports = entry.data->ports;
                    slot->second.entries.reserve(expected);
                    slot->second.ids.reserve(expected);
                    slot->second.versions.reserve(expected);
                    slot->second.placed.reserve(expected);
                }
                last_desired = &*slot;
            }
            if (entry.include) last_desired->second.Add(&entry);
        };
        size_t selected = 0;
        endpointutil::ForEachSelectedPod(
            api, ns, *svc, cache.pods, [&](const apiserver::Ptr<k8s::Pod>& pod, CachedEndpoint& entry, bool changed) {
                ++selected;
                if (changed) entry.pod.reset();  // recompute: the pod or the Service changed
                process(entry.pod == pod ? nullptr : &pod, entry);
            });
        cache.last_selected = selected;
        for (auto& [pk, d] : desired)
            ReconcilePortMapping(*svc, existing_by_ports[pk], slice_records_, d, static_cast<size_t>(max_per_slice_),
                                 &plan);
        for (const auto& [pk, slices] : existing_by_ports)
            if (!desired.count(pk))
                for (const auto& s : slices) plan.remove.push_back(*s);
    }

    // A Service with no endpoints keeps exactly one empty placeholder slice.
    if (existing.size() == plan.remove.size() && plan.create.empty()) {
        PlannedSlice<CachedEndpoint> placeholder{NewSlice(*svc, {}), {}};
        const k8s::EndpointSlice& empty = placeholder.slice;
        const bool same = plan.remove.size() == 1 && plan.remove[0].endpoints.empty() && plan.remove[0].ports.empty() &&
                          plan.remove[0].metadata.labels == empty.metadata.labels &&
                          plan.remove[0].address_type == empty.address_type &&
                          plan.remove[0].metadata.owner_references == empty.metadata.owner_references;
        if (same) plan.remove.clear();
        else plan.create.push_back(std::move(placeholder));
    }

    // finalize: creates become updates of slices that would otherwise be deleted.
    for (size_t i = 0; i < plan.remove.size() && !plan.create.empty();) {
        const k8s::EndpointSlice& doomed = plan.remove[i];
        if (doomed.address_type == plan.create.back().slice.address_type && OwnedBy(doomed, *svc)) {
            PlannedSlice<CachedEndpoint> reuse = std::move(plan.create.back());
            plan.create.pop_back();
            reuse.slice.metadata.name = doomed.metadata.name;
            plan.update.push_back(std::move(reuse));
            plan.remove.erase(plan.remove.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }

    auto annotate = [&](k8s::EndpointSlice& s) {
        if (trigger != 0) s.metadata.annotations.Set(kAnnTriggerTime, endpointutil::TriggerTimeString(trigger));
        else s.metadata.annotations.Erase(kAnnTriggerTime);
    };
    // Remembers where the endpoints of a slice as stored came from (checked: an endpoint the
    // API server stored differently is marked unknown).
    auto remember = [&](const apiserver::Ptr<k8s::EndpointSlice>& stored, const std::vector<const CachedEndpoint*>& sources) {
        SliceRecord& record = slice_records_[stored->metadata.namespace_ + "/" + stored->metadata.name];
        record.snapshot = stored;
        record.sources.clear();
        record.exact = sources.size() == stored->endpoints.size();
        for (size_t k = 0; k < sources.size() && k < stored->endpoints.size(); ++k) {
            const bool same = sources[k]->shared_endpoint() == stored->endpoints[k];
            record.sources.emplace_back(sources[k]->id, same ? sources[k]->version : 0);
            record.exact = record.exact && same;
        }
        record.ports_key = &*ports_keys_.insert(PortsKey(stored->ports)).first;
    };
    for (const auto& [slice, sources] : plan.unchanged) {
        auto it = slice_records_.find(ns + "/" + slice->metadata.name);
        if (it == slice_records_.end() || it->second.snapshot != slice) {
            SliceRecord& record = slice_records_[ns + "/" + slice->metadata.name];
            record.snapshot = slice;
            record.sources.clear();
            // Every endpoint of an unchanged slice equals its entry's (that is what unchanged means).
            for (const CachedEndpoint* e : sources) record.sources.emplace_back(e->id, e->version);
            record.exact = sources.size() == slice->endpoints.size();
            record.ports_key = &*ports_keys_.insert(PortsKey(slice->ports)).first;
        }
    }
    // Whether every wanted endpoint now sits in a slice (a create refused leaves some out).
    bool placed_all = !svc->metadata.deletion_timestamp;
    bool ok = true;
    size_t written_endpoints = 0;
    writing_ = true;
    if (!svc->metadata.deletion_timestamp) {
        for (auto& planned : plan.create) {
            k8s::EndpointSlice& s = planned.slice;
            annotate(s);
            written_endpoints += s.endpoints.size();
            *cost += kApiCall;
            auto r = api.endpointslices().Create(std::move(s));
            if (r.ok()) {
                TrackWrite(r.value);
                remember(r.value, planned.sources);
            } else {
                placed_all = false;
                if (r.error.code != 403) ok = false;  // a terminating namespace refuses new content for good
            }
        }
    }
    for (auto& planned : plan.update) {
        k8s::EndpointSlice& s = planned.slice;
        annotate(s);
        written_endpoints += s.endpoints.size();
        *cost += kApiCall;
        s.metadata.resource_version.clear();  // replace what is there (the reconciler's Update)
        auto r = api.endpointslices().Update(std::move(s));
        if (r.ok()) {
            TrackWrite(r.value);
            remember(r.value, planned.sources);
        } else {
            ok = false;
        }
    }
    for (const auto& s : plan.remove) {
        *cost += kApiCall;
        const std::string slice_key = ns + "/" + s.metadata.name;
        expected_deletions_.insert(slice_key);
        if (!api.endpointslices().Delete(ns, s.metadata.name).ok()) {
            expected_deletions_.erase(slice_key);
            ok = false;
        }
    }
    writing_ = false;
    cache.synced = ok && placed_all;
    *cost += static_cast<Duration>(written_endpoints) / (endpointutil::kPodsPerMs * 4);
    return ok;
}

}  // namespace sts::controllers
