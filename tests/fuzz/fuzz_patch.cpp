// Fuzz target: the API server's patch engines (src/apiserver/patch*): strategic merge patch,
// JSON merge patch (RFC 7386) and JSON patch (RFC 6902), alone and through ApiServer::Patch.
//
// Input (hand-writable; see tests/fuzz/corpus/patch):
//     <type> <kind>            first line: json | merge | strategic, then a kind
//     <object, YAML or JSON>
//     %%                       a line of its own
//     <patch, YAML or JSON>    as `kubectl patch -p` reads it
// Without the "%%" line the whole rest is the patch, applied to the kind's default object (the
// tutorial's StatefulSet and friends). An unreadable header still picks a type and a kind, so
// mutated inputs keep reaching the engines.
//
// Properties checked, besides "no crash, no sanitizer report":
//   - a failed patch is a Status with a 4xx/5xx code and a non-empty message;
//   - patching is a function: the same object and patch give the same answer twice;
//   - a patched document prints as JSON that reads back as the same Value;
//   - merge patches, and strategic merge patches without "$" directives or nulls in lists, are
//     idempotent: applying the patch to its own result changes nothing (or fails, as upstream
//     may);
//   - through the API server, a refused patch leaves the state hash unchanged, and an accepted
//     one is what a following GET returns.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "apiserver/api_server.h"
#include "apiserver/patch/patch.h"
#include "apiserver/resources.h"
#include "fuzz_check.h"
#include "k8s/core_v1.h"
#include "manifest/manifest.h"

namespace sts::fuzz {
namespace {

class FixedClock final : public apiserver::Clock {
public:
    Time Now() const override { return kSimulationEpoch; }
};

struct KindDefault {
    const char* kind;
    const char* doc;
};

// The tutorial's objects (assets/manifests/nginx-statefulset.yaml) and a few more kinds.
const KindDefault kKinds[] = {
    {"StatefulSet", R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
      "spec":{"serviceName":"nginx","replicas":2,"selector":{"matchLabels":{"app":"nginx"}},
      "template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx",
      "image":"nginx:latest","imagePullPolicy":"IfNotPresent","ports":[{"containerPort":80,"name":"web"}],
      "volumeMounts":[{"name":"www","mountPath":"/usr/share/nginx/html"}]}],
      "volumes":[{"name":"www","hostPath":{"path":"/mnt"}}]}}}})"},
    {"Pod", R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","labels":{"app":"nginx"},
      "finalizers":["a/b"]},"spec":{"containers":[{"name":"nginx","image":"nginx:latest",
      "env":[{"name":"A","value":"1"}],"ports":[{"containerPort":80,"protocol":"TCP"}]}],
      "tolerations":[{"key":"k","operator":"Exists"}]}})"},
    {"Service", R"({"apiVersion":"v1","kind":"Service","metadata":{"name":"nginx","labels":{"app":"nginx"}},
      "spec":{"ports":[{"port":80,"name":"web"}],"clusterIP":"None","selector":{"app":"nginx"}}})"},
    {"PersistentVolumeClaim", R"({"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"www-web-0"},
      "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}})"},
    {"Scale", R"({"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},"spec":{"replicas":2}})"},
    {"ConfigMap", R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"},"data":{"a":"1"},
      "list":[1,2,{"x":null}]})"},
};
constexpr size_t kKindCount = sizeof(kKinds) / sizeof(kKinds[0]);

struct Input {
    client::PatchType type = client::PatchType::kStrategicMerge;
    const KindDefault* kind = &kKinds[0];
    std::string_view doc;  // empty: the kind's default
    std::string_view patch;
};

Input Split(std::string_view text) {
    Input in;
    const size_t eol = text.find('\n');
    const std::string_view header = text.substr(0, eol);
    const std::string_view body = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    const char t = header.empty() ? 's' : header[0];
    if (t == 'j') in.type = client::PatchType::kJson;
    else if (t == 'm') in.type = client::PatchType::kMerge;
    else if (t == 's') in.type = client::PatchType::kStrategicMerge;
    else in.type = static_cast<client::PatchType>(header.size() % 3);
    const size_t space = header.find(' ');
    const std::string_view kind = space == std::string_view::npos ? std::string_view() : header.substr(space + 1);
    in.kind = &kKinds[header.size() % kKindCount];
    for (const KindDefault& k : kKinds)
        if (kind == k.kind) in.kind = &k;
    const size_t sep = body.find("\n%%\n");
    if (body.rfind("%%\n", 0) == 0) {
        in.patch = body.substr(3);
    } else if (sep != std::string_view::npos) {
        in.doc = body.substr(0, sep);
        in.patch = body.substr(sep + 4);
    } else {
        in.patch = body;
    }
    return in;
}

bool SameResult(const apiserver::PatchResult& a, const apiserver::PatchResult& b) {
    return a.code == b.code && a.reason == b.reason && a.message == b.message && a.detail == b.detail &&
           a.doc == b.doc;
}

apiserver::PatchResult Apply(client::PatchType type, const Value& doc, const Value& patch, std::string_view kind) {
    switch (type) {
    case client::PatchType::kJson: return apiserver::JsonPatch(doc, patch);
    case client::PatchType::kMerge: return apiserver::JsonMergePatch(doc, patch);
    case client::PatchType::kStrategicMerge: break;
    }
    return apiserver::StrategicMergePatch(doc, patch, kind);
}

bool HasDirectiveKeys(const Value& v) {
    for (const auto& [k, child] : v.members())
        if ((!k.empty() && k[0] == '$') || HasDirectiveKeys(child)) return true;
    for (const Value& child : v.items())
        if (HasDirectiveKeys(child)) return true;
    return false;
}

bool HasNullInList(const Value& v, bool in_list) {
    if (v.IsNull()) return in_list;
    for (const auto& [k, child] : v.members())
        if (HasNullInList(child, in_list)) return true;
    for (const Value& child : v.items())
        if (HasNullInList(child, true)) return true;
    return false;
}

std::string Describe(const Value& doc, const Value& patch) {
    return "object: " + doc.ToJson() + "\npatch: " + patch.ToJson();
}

void CheckEngines(client::PatchType type, const Value& doc, const Value& patch, std::string_view kind) {
    const apiserver::PatchResult r = Apply(type, doc, patch, kind);
    const apiserver::PatchResult again = Apply(type, doc, patch, kind);
    FUZZ_CHECK(SameResult(r, again), "the same patch gave two answers\n" + Describe(doc, patch));
    if (!r.ok()) {
        FUZZ_CHECK(!r.message.empty(), "a failed patch has no message\n" + Describe(doc, patch));
        FUZZ_CHECK(r.code == 400 || r.code == 413 || r.code == 422 || r.code == 500,
                   "status " + std::to_string(r.code) + ": " + r.message);
        return;
    }
    const std::string json = r.doc.ToJson();
    manifest::Parsed back = manifest::ParseJson(json);
    FUZZ_CHECK(back.ok() && back.value == r.doc, "the patched object does not read back\n" + json);
    if (type == client::PatchType::kJson) return;
    // Upstream appends list items the object lacks as they are, directives and nulls included
    // ({"name": "new", "volumeMounts": [{"$patch": "delete", ...}, {"x": null}]} is stored so and
    // acts only the next time), so such strategic patches are not idempotent there either.
    if (type == client::PatchType::kStrategicMerge && (HasDirectiveKeys(patch) || HasNullInList(patch, false)))
        return;
    const apiserver::PatchResult twice = Apply(type, r.doc, patch, kind);
    // A second application may fail where the first did not, upstream too: what the first one
    // added as is (a map under a field the schema lacks, a list item without its merge key) is
    // merged into the second time ("unable to find api field in struct X for the json field",
    // "does not contain declared merge key"), exactly as kubectl 1.33 does.
    if (type == client::PatchType::kMerge)
        FUZZ_CHECK(twice.ok(), "re-applying a merge patch to its result failed: " + twice.message + "\n" +
                                   Describe(r.doc, patch));
    if (!twice.ok()) return;
    FUZZ_CHECK(twice.doc == r.doc, "the patch is not idempotent\n" + Describe(doc, patch) + "\nonce:  " + json +
                                       "\ntwice: " + twice.doc.ToJson());
}

// `kubectl patch` against a server holding `doc` (or, for Scale, the StatefulSet behind it).
void CheckServer(client::PatchType type, const Value& doc, const Value& patch, std::string_view kind) {
    const bool scale = kind == "Scale";
    const client::ResourceInfo* res = apiserver::ResourceForKind(scale ? "StatefulSet" : kind);
    if (!res) return;
    FixedClock clock;
    apiserver::ApiServer api(clock, 1);
    k8s::Namespace ns;
    ns.metadata.name = "default";
    FUZZ_CHECK(api.namespaces().Create(ns).error.ok(), "");
    static const Value kStatefulSet = manifest::ParseJson(kKinds[0].doc).value;
    client::ApiResult<Value> created = api.Create(*res, "default", scale ? kStatefulSet : doc, {});
    if (!created.ok()) return;
    const std::string name = created.value.Path("metadata.name").AsString();
    const std::string subresource = scale ? "scale" : "";
    const uint64_t before = api.StateHash();
    client::ApiResult<Value> patched = api.Patch(*res, "default", name, type, patch, subresource, {});
    if (!patched.ok()) {
        FUZZ_CHECK(!patched.error.message.empty() && patched.error.code >= 400,
                   "a refused patch has no message\n" + Describe(doc, patch));
        FUZZ_CHECK(api.StateHash() == before, "a refused patch changed the state: " + patched.error.message +
                                                  "\n" + Describe(doc, patch));
        return;
    }
    client::ApiResult<Value> got = api.Get(*res, "default", name, subresource);
    FUZZ_CHECK(got.ok(), "patched " + name + " but cannot read it back: " + got.error.message);
    FUZZ_CHECK(got.value == patched.value, "GET differs from the patch response\n" + patched.value.ToJson() +
                                               "\n" + got.value.ToJson());
}

}  // namespace
}  // namespace sts::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace sts;
    if (size > fuzz::kMaxInputBytes) return -1;
    const fuzz::Input in = fuzz::Split(std::string_view(reinterpret_cast<const char*>(data), size));
    manifest::Parsed doc = manifest::ParseYaml(in.doc.empty() ? std::string_view(in.kind->doc) : in.doc);
    manifest::Parsed patch = manifest::ParseYaml(in.patch);
    if (!doc.ok() || !patch.ok()) {
        FUZZ_CHECK(!doc.error.empty() || !patch.error.empty(), "");
        return 0;
    }
    fuzz::CheckEngines(in.type, doc.value, patch.value, in.kind->kind);
    fuzz::CheckServer(in.type, doc.value, patch.value, in.kind->kind);
    return 0;
}
