// ControllerRevisions of a StatefulSet: data, hash, naming, ordering, the history client.
// Mirrors kubernetes pkg/controller/history/controller_history.go and stateful_set_utils.go.
#include "controllers/statefulset/revisions.h"

#include <algorithm>

#include "core/hash.h"
#include "core/strings.h"
#include "k8s/reflect.h"

namespace sts::controllers::statefulset {

Value GetPatch(const k8s::StatefulSet& set) {
    Value tmpl = k8s::Encode(set.spec.template_);
    tmpl.Set("$patch", "replace");
    Value spec = Value::MakeObject();
    spec.Set("template", std::move(tmpl));
    Value patch = Value::MakeObject();
    patch.Set("spec", std::move(spec));
    return patch;
}

std::string SafeEncodeString(std::string_view s) {
    static constexpr char kAlphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out(s.size(), ' ');
    for (size_t i = 0; i < s.size(); ++i) out[i] = kAlphabet[static_cast<unsigned char>(s[i]) % 27];
    return out;
}

std::string HashControllerRevision(const Value& data, std::optional<int32_t> probe) {
    std::string bytes = data.IsNull() ? std::string() : data.ToJson();
    if (probe) bytes += std::to_string(*probe);
    return SafeEncodeString(std::to_string(Fnv1_32(bytes)));
}

std::string ControllerRevisionName(std::string prefix, const std::string& hash) {
    if (prefix.size() > 223) prefix.resize(223);
    return prefix + "-" + hash;
}

k8s::ControllerRevision NewRevision(const k8s::StatefulSet& set, int64_t revision, int32_t collision_count) {
    Value data = GetPatch(set);
    const std::string hash = HashControllerRevision(data, collision_count);
    return NewRevision(set, revision, std::move(data), hash);
}

k8s::ControllerRevision NewRevision(const k8s::StatefulSet& set, int64_t revision, Value data, const std::string& hash) {
    k8s::ControllerRevision cr;
    cr.metadata.namespace_ = set.metadata.namespace_;
    cr.metadata.labels = set.spec.template_.metadata.labels;
    cr.metadata.owner_references.push_back(NewControllerRef(set));
    cr.data = std::move(data);
    cr.revision = revision;
    cr.metadata.name = ControllerRevisionName(set.metadata.name, hash);
    cr.metadata.labels.Set(kControllerRevisionHashLabel, hash);
    cr.metadata.annotations = set.metadata.annotations;
    return cr;
}

bool DecodeRevisionTemplate(const k8s::ControllerRevision& revision, k8s::PodTemplateSpec* out, Error* err) {
    const Value* tmpl = revision.data.Get("spec").Find("template");
    if (!tmpl || !tmpl->IsObject()) {
        *err = Error::Message("ControllerRevision " + revision.metadata.name + " has no spec.template");
        return false;
    }
    Value copy = *tmpl;
    copy.Erase("$patch");
    k8s::DecodeErrors errors;
    *out = k8s::Decode<k8s::PodTemplateSpec>(copy, errors);
    if (!errors.type_error.empty()) {
        *err = Error::Message(errors.type_error);
        return false;
    }
    return true;
}

bool ApplyRevision(const k8s::StatefulSet& set, const k8s::ControllerRevision& revision, k8s::StatefulSet* out,
                   Error* err) {
    k8s::PodTemplateSpec decoded;
    if (!DecodeRevisionTemplate(revision, &decoded, err)) return false;
    *out = set;
    out->spec.template_ = std::move(decoded);
    return true;
}

int64_t NextRevision(const std::vector<RevisionPtr>& sorted) {
    return sorted.empty() ? 1 : sorted.back()->revision + 1;
}

void SortControllerRevisions(std::vector<RevisionPtr>& revisions) {
    std::stable_sort(revisions.begin(), revisions.end(), [](const RevisionPtr& a, const RevisionPtr& b) {
        if (a->revision != b->revision) return a->revision < b->revision;
        const Time ta = a->metadata.creation_timestamp.ms, tb = b->metadata.creation_timestamp.ms;
        if (ta != tb) return ta < tb;
        return a->metadata.name < b->metadata.name;
    });
}

namespace {

// strconv.ParseInt(s, 10, 32) as EqualRevision uses it on the hash label.
std::optional<uint32_t> ParseHashLabel(const k8s::ControllerRevision& r) {
    const std::string* s = r.metadata.labels.Find(kControllerRevisionHashLabel);
    if (!s) return std::nullopt;
    int64_t v = 0;
    if (!ParseInt64(*s, &v) || v < -2147483648LL || v > 2147483647LL) return std::nullopt;
    return static_cast<uint32_t>(v);
}

}  // namespace

bool EqualRevision(const k8s::ControllerRevision* lhs, const k8s::ControllerRevision* rhs) {
    if (!lhs || !rhs) return lhs == rhs;
    const auto lh = ParseHashLabel(*lhs), rh = ParseHashLabel(*rhs);
    if (lh && rh && *lh != *rh) return false;
    return lhs->data == rhs->data;
}

std::vector<RevisionPtr> FindEqualRevisions(const std::vector<RevisionPtr>& revisions,
                                            const k8s::ControllerRevision& needle) {
    std::vector<RevisionPtr> out;
    for (const auto& r : revisions)
        if (EqualRevision(r.get(), &needle)) out.push_back(r);
    return out;
}

// ---------------------------------------------------------------------------------------------
// [SECTION] History client

std::vector<RevisionPtr> History::ListControllerRevisions(const k8s::StatefulSet& set,
                                                          const k8s::Selector& selector) {
    std::vector<RevisionPtr> owned;
    for (auto& r : om_->ListRevisions(set.metadata.namespace_)) {
        if (!selector.Matches(r->metadata.labels)) continue;
        const auto* ref = r->metadata.ControllerRef();
        if (!ref || ref->uid == set.metadata.uid) owned.push_back(std::move(r));
    }
    return owned;
}

Fetched<k8s::ControllerRevision> History::CreateControllerRevision(const k8s::StatefulSet& set,
                                                                   const k8s::ControllerRevision& revision,
                                                                   int32_t* collision_count) {
    k8s::ControllerRevision clone = revision;
    clone.metadata.namespace_ = set.metadata.namespace_;
    // The hash label keeps the value NewRevision gave it; only the name follows the count.
    for (;;) {
        clone.metadata.name =
            ControllerRevisionName(set.metadata.name, HashControllerRevision(revision.data, *collision_count));
        auto created = om_->CreateRevision(clone);
        if (!created.err.IsAlreadyExists()) return created;
        auto exists = om_->GetRevisionUncached(clone.metadata.namespace_, clone.metadata.name);
        if (exists.err) return exists;
        if (exists.obj->data == clone.data) return exists;
        ++*collision_count;
    }
}

Fetched<k8s::ControllerRevision> History::UpdateControllerRevision(const k8s::ControllerRevision& revision,
                                                                   int64_t new_revision) {
    k8s::ControllerRevision clone = revision;
    Fetched<k8s::ControllerRevision> out;
    // retry.RetryOnConflict with DefaultBackoff: four attempts.
    for (int attempt = 0; attempt < 4; ++attempt) {
        if (clone.revision == new_revision) {
            out.obj = std::make_shared<const k8s::ControllerRevision>(clone);
            out.err = Error();
            return out;
        }
        clone.revision = new_revision;
        out = om_->UpdateRevision(clone);
        if (!out.err) return out;
        if (!out.err.IsConflict()) return out;
        auto fresh = om_->GetRevisionUncached(clone.metadata.namespace_, clone.metadata.name);
        if (fresh.obj) clone = *fresh.obj;
    }
    return out;
}

Error History::DeleteControllerRevision(const k8s::ControllerRevision& revision) {
    return om_->DeleteRevision(revision);
}

Fetched<k8s::ControllerRevision> History::AdoptControllerRevision(const k8s::StatefulSet& set,
                                                                  const k8s::ControllerRevision& revision) {
    if (const auto* owner = revision.metadata.ControllerRef()) {
        Fetched<k8s::ControllerRevision> out;
        out.err = Error::Message("attempt to adopt revision owned by " + owner->kind + " " + owner->name);
        return out;
    }
    return om_->AdoptRevision(revision, NewControllerRef(set));
}

}  // namespace sts::controllers::statefulset
