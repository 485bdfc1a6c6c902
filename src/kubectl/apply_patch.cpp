// Three-way strategic merge patch: additions and changes come from diffing the live object
// against the new configuration (fields the server defaulted are left alone), deletions from
// diffing the last applied configuration against the new one. Lists with a merge key are
// diffed item by item; other lists are replaced whole when they differ.
#include "kubectl/apply_patch.h"

namespace sts::kubectl {

namespace {

// The patchMergeKey of list fields in the core and apps APIs.
std::string MergeKey(const std::string& field, const Value& sample) {
    if (field == "containers" || field == "initContainers" || field == "ephemeralContainers" || field == "volumes" ||
        field == "imagePullSecrets" || field == "env" || field == "resourceClaims") {
        return "name";
    }
    if (field == "volumeMounts") return "mountPath";
    if (field == "volumeDevices") return "devicePath";
    if (field == "hostAliases") return "ip";
    if (field == "conditions") return "type";
    if (field == "ownerReferences") return "uid";
    if (field == "topologySpreadConstraints") return "topologyKey";
    if (field == "ports") {
        for (const auto& item : sample.items()) {
            if (item.Has("containerPort")) return "containerPort";
        }
        return "port";
    }
    return "";
}

bool AllHaveKey(const Value& list, const std::string& key) {
    for (const auto& item : list.items()) {
        if (!item.IsObject() || !item.Has(key)) return false;
    }
    return true;
}

const Value* FindByKey(const Value& list, const std::string& key, const Value& want) {
    for (const auto& item : list.items()) {
        const Value* k = item.Find(key);
        if (k && *k == want) return &item;
    }
    return nullptr;
}

Value DiffMaps(const Value& from, const Value& to, bool deletions_only);

// Changes and additions that turn list `from` into list `to`.
bool DiffList(const std::string& field, const Value& from, const Value& to, Value* out) {
    std::string key = MergeKey(field, to.size() ? to : from);
    if (key.empty() || !AllHaveKey(to, key) || !AllHaveKey(from, key)) {
        if (from == to) return false;
        *out = to;
        return true;
    }
    Value patch = Value::MakeArray();
    for (const auto& item : to.items()) {
        const Value* cur = FindByKey(from, key, item.Get(key));
        if (!cur) {
            patch.Push(item);
            continue;
        }
        Value d = DiffMaps(*cur, item, false);
        if (d.size() > 0) {
            d.Set(key, item.Get(key));
            patch.Push(d);
        }
    }
    if (patch.size() == 0) return false;
    *out = patch;
    return true;
}

// Items of `from` (by merge key) that `to` dropped, as $patch: delete directives.
bool DeletedItems(const std::string& field, const Value& from, const Value& to, Value* out) {
    std::string key = MergeKey(field, from);
    if (key.empty() || !AllHaveKey(from, key) || !AllHaveKey(to, key)) return false;
    Value patch = Value::MakeArray();
    for (const auto& item : from.items()) {
        const Value* still = FindByKey(to, key, item.Get(key));
        if (!still) {
            Value d = Value::MakeObject();
            d.Set("$patch", "delete");
            d.Set(key, item.Get(key));
            patch.Push(d);
        } else {
            Value inner = DiffMaps(item, *still, true);
            if (inner.size() > 0) {
                inner.Set(key, item.Get(key));
                patch.Push(inner);
            }
        }
    }
    if (patch.size() == 0) return false;
    *out = patch;
    return true;
}

// deletions_only: keys of `from` missing in `to` become null (recursively); else additions
// and changes of `to` relative to `from`.
Value DiffMaps(const Value& from, const Value& to, bool deletions_only) {
    Value patch = Value::MakeObject();
    if (deletions_only) {
        for (const auto& [k, fv] : from.members()) {
            const Value* tv = to.Find(k);
            if (!tv) {
                patch.Set(k, Value());
                continue;
            }
            if (fv.IsObject() && tv->IsObject()) {
                Value d = DiffMaps(fv, *tv, true);
                if (d.size() > 0) patch.Set(k, d);
            } else if (fv.IsArray() && tv->IsArray()) {
                Value d;
                if (DeletedItems(k, fv, *tv, &d)) patch.Set(k, d);
            }
        }
        return patch;
    }
    for (const auto& [k, tv] : to.members()) {
        const Value* fv = from.Find(k);
        if (!fv) {
            patch.Set(k, tv);
            continue;
        }
        if (fv->IsObject() && tv.IsObject()) {
            Value d = DiffMaps(*fv, tv, false);
            if (d.size() > 0) patch.Set(k, d);
        } else if (fv->IsArray() && tv.IsArray()) {
            Value d;
            if (DiffList(k, *fv, tv, &d)) patch.Set(k, d);
        } else if (!(*fv == tv)) {
            patch.Set(k, tv);
        }
    }
    return patch;
}

// Deep-merges patch b into patch a; list items with the same merge key become one item.
void MergeInto(Value* a, const Value& b) {
    for (const auto& [k, bv] : b.members()) {
        Value* av = a->Find(k);
        if (!av) {
            a->Set(k, bv);
        } else if (av->IsObject() && bv.IsObject()) {
            MergeInto(av, bv);
        } else if (av->IsArray() && bv.IsArray()) {
            std::string key = MergeKey(k, bv.size() ? bv : *av);
            for (const auto& item : bv.items()) {
                Value* same = nullptr;
                if (!key.empty() && item.IsObject() && item.Has(key) && !item.Has("$patch")) {
                    for (auto& existing : av->MutableItems()) {
                        if (existing.IsObject() && !existing.Has("$patch") && existing.Get(key) == item.Get(key)) {
                            same = &existing;
                            break;
                        }
                    }
                }
                if (same) MergeInto(same, item);
                else av->Push(item);
            }
        } else {
            *av = bv;
        }
    }
}

}  // namespace

std::string LastAppliedJson(const Value& config) {
    Value copy = config;
    Value& meta = copy["metadata"];
    Value annotations = meta.Get("annotations");
    if (!annotations.IsObject()) annotations = Value::MakeObject();
    annotations.Erase(kLastAppliedAnnotation);
    meta.Set("annotations", annotations);
    return copy.ToJson() + "\n";
}

Value WithLastApplied(const Value& config) {
    std::string json = LastAppliedJson(config);
    Value copy = config;
    Value& meta = copy["metadata"];
    Value annotations = meta.Get("annotations");
    if (!annotations.IsObject()) annotations = Value::MakeObject();
    annotations.Set(kLastAppliedAnnotation, json);
    meta.Set("annotations", annotations);
    return copy;
}

Value ThreeWayMergePatch(const Value& original, const Value& modified, const Value& current) {
    Value delta = DiffMaps(current, modified, false);
    Value deletions = original.IsObject() ? DiffMaps(original, modified, true) : Value::MakeObject();
    Value patch = deletions;
    MergeInto(&patch, delta);
    // The identity fields never need patching.
    patch.Erase("apiVersion");
    patch.Erase("kind");
    if (Value* meta = patch.Find("metadata")) {
        meta->Erase("name");
        meta->Erase("namespace");
        if (meta->size() == 0) patch.Erase("metadata");
    }
    return patch;
}

}  // namespace sts::kubectl
