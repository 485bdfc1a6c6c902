// Fuzz target: the manifest reader (src/manifest) and the typed decoding behind it, as
// `kubectl apply -f` and the API server see a file: YAML/JSON documents -> Values -> kubectl's
// list expansion -> strict decoding into the API structs -> create in a fresh API server.
//
// Properties checked on every input, besides "no crash, no sanitizer report":
//   - every failure is a non-empty message (`-f` errors start with "error parsing <file>: ");
//   - a decoded document prints as JSON that reads back as the same Value, and as YAML
//     (`-o yaml`) that reads back as the same Value (except for the line breaks go-yaml folds);
//   - strict decoding either fails with a message or gives an object whose encoding decodes
//     strictly again to the same encoding (encode/decode are each other's inverse);
//   - a create the API server refuses leaves its state hash unchanged; an accepted one can be
//     read back, and what is stored re-decodes strictly.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "apiserver/api_server.h"
#include "apiserver/resources.h"
#include "core/yaml_emit.h"
#include "fuzz_check.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/reflect.h"
#include "k8s/storage_v1.h"
#include "manifest/manifest.h"

namespace sts::fuzz {
namespace {

class FixedClock final : public apiserver::Clock {
public:
    Time Now() const override { return kSimulationEpoch; }
};

// go-yaml reads NEL, LS and PS as line breaks, so `-o yaml` folds them inside scalars: a value
// holding one does not come back byte for byte (kubectl behaves the same).
bool HasYamlLineBreakChars(const Value& v) {
    switch (v.type()) {
    case Value::Type::kString: {
        const std::string& s = v.AsString();
        return s.find("\xC2\x85") != std::string::npos || s.find("\xE2\x80\xA8") != std::string::npos ||
               s.find("\xE2\x80\xA9") != std::string::npos;
    }
    case Value::Type::kArray:
        for (const Value& item : v.items())
            if (HasYamlLineBreakChars(item)) return true;
        return false;
    case Value::Type::kObject:
        for (const auto& [k, item] : v.members())
            if (HasYamlLineBreakChars(Value(k)) || HasYamlLineBreakChars(item)) return true;
        return false;
    default:
        return false;
    }
}

void CheckValueRoundTrips(const Value& v) {
    const std::string json = v.ToJson();
    manifest::Parsed back = manifest::ParseJson(json);
    FUZZ_CHECK(back.ok(), "ToJson output does not parse: " + back.error + "\n" + json);
    FUZZ_CHECK(back.value == v, "JSON round trip changed the value:\n" + json + "\n" + back.value.ToJson());
    if (HasYamlLineBreakChars(v)) return;
    const std::string yaml = EmitYaml(v);
    manifest::Parsed again = manifest::ParseYaml(yaml);
    FUZZ_CHECK(again.ok(), "EmitYaml output does not parse: " + again.error + "\n" + yaml);
    FUZZ_CHECK(again.value == v, "YAML round trip changed the value:\n" + json + "\n" + yaml + "\n" +
                                     again.value.ToJson());
}

template <class T>
void CheckTypedRoundTrip(const Value& v) {
    k8s::DecodeErrors errors;
    T obj = k8s::Decode<T>(v, errors);
    if (!errors.ok()) {
        FUZZ_CHECK(!(errors.type_error.empty() && errors.StrictMessage().empty()), v.ToJson());
        return;
    }
    const Value encoded = k8s::Encode(obj);
    k8s::DecodeErrors again_errors;
    T again = k8s::Decode<T>(encoded, again_errors);
    FUZZ_CHECK(again_errors.ok(), "the encoding of a decoded " + std::string(T::kKind) +
                                      " does not decode: " + again_errors.type_error +
                                      again_errors.StrictMessage() + "\n" + encoded.ToJson());
    const Value reencoded = k8s::Encode(again);
    FUZZ_CHECK(reencoded == encoded, "decode/encode is not stable for " + std::string(T::kKind) + ":\n" +
                                         encoded.ToJson() + "\n" + reencoded.ToJson());
}

void CheckDecodeAs(std::string_view kind, const Value& v) {
    if (kind == "Pod") CheckTypedRoundTrip<k8s::Pod>(v);
    else if (kind == "Service") CheckTypedRoundTrip<k8s::Service>(v);
    else if (kind == "Endpoints") CheckTypedRoundTrip<k8s::Endpoints>(v);
    else if (kind == "Node") CheckTypedRoundTrip<k8s::Node>(v);
    else if (kind == "Namespace") CheckTypedRoundTrip<k8s::Namespace>(v);
    else if (kind == "PersistentVolumeClaim") CheckTypedRoundTrip<k8s::PersistentVolumeClaim>(v);
    else if (kind == "PersistentVolume") CheckTypedRoundTrip<k8s::PersistentVolume>(v);
    else if (kind == "Event") CheckTypedRoundTrip<k8s::Event>(v);
    else if (kind == "StorageClass") CheckTypedRoundTrip<k8s::StorageClass>(v);
    else if (kind == "EndpointSlice") CheckTypedRoundTrip<k8s::EndpointSlice>(v);
    else if (kind == "ControllerRevision") CheckTypedRoundTrip<k8s::ControllerRevision>(v);
    // Anything else is read as the richest kind, so mutated documents still reach the decoder.
    else CheckTypedRoundTrip<k8s::StatefulSet>(v);
}

// What the API server does with `kubectl create -f`: decode strictly, default, validate, store.
void CheckCreate(const Value& obj) {
    const client::ResourceInfo* res = apiserver::ResourceForKind(obj.GetString("kind"));
    if (!res) return;
    FixedClock clock;
    apiserver::ApiServer api(clock, 1);
    k8s::Namespace ns;
    ns.metadata.name = "default";
    FUZZ_CHECK(api.namespaces().Create(ns).error.ok(), "");
    const uint64_t before = api.StateHash();
    client::ApiResult<Value> created = api.Create(*res, "default", obj, {});
    if (!created.ok()) {
        FUZZ_CHECK(!created.error.message.empty(), "create failed without a message: " + obj.ToJson());
        FUZZ_CHECK(created.error.code >= 400, created.error.message);
        FUZZ_CHECK(api.StateHash() == before, "a refused create changed the state: " + created.error.message);
        return;
    }
    const std::string name = created.value.Path("metadata.name").AsString();
    FUZZ_CHECK(!name.empty(), "created an object without a name: " + created.value.ToJson());
    client::ApiResult<Value> got = api.Get(*res, "default", name);
    FUZZ_CHECK(got.ok(), "created " + name + " but cannot read it back: " + got.error.message);
    FUZZ_CHECK(got.value == created.value, "the stored object differs from the create response:\n" +
                                               created.value.ToJson() + "\n" + got.value.ToJson());
    CheckDecodeAs(res->kind, got.value);
    CheckValueRoundTrips(got.value);
}

}  // namespace
}  // namespace sts::fuzz

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace sts;
    if (size > fuzz::kMaxInputBytes) return -1;
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    // `kubectl apply -f web.yaml`.
    manifest::Documents docs = manifest::ParseYamlDocuments(text, "web.yaml");
    if (!docs.ok()) {
        FUZZ_CHECK(docs.error.rfind("error parsing web.yaml: ", 0) == 0 &&
                       docs.error.size() > std::string_view("error parsing web.yaml: ").size(),
                   docs.error);
    }
    for (const Value& doc : docs.docs) {
        FUZZ_CHECK(!doc.IsNull(), "a null document was kept");
        fuzz::CheckValueRoundTrips(doc);
    }
    manifest::Documents objects = manifest::ExpandLists(docs.docs, "web.yaml");
    if (!objects.ok()) FUZZ_CHECK(objects.error.rfind("unable to decode \"web.yaml\": ", 0) == 0, objects.error);
    for (const Value& obj : objects.docs) {
        FUZZ_CHECK(obj.IsObject() && !obj.GetString("kind").empty(), obj.ToJson());
        fuzz::CheckDecodeAs(obj.GetString("kind"), obj);
        fuzz::CheckCreate(obj);
    }

    // `kubectl patch -p` and `--overrides` strings, and strict JSON bodies.
    manifest::Parsed yaml = manifest::ParseYaml(text);
    if (yaml.ok()) fuzz::CheckValueRoundTrips(yaml.value);
    else FUZZ_CHECK(!yaml.error.empty(), "");
    manifest::Parsed json = manifest::ParseJson(text);
    if (json.ok()) fuzz::CheckValueRoundTrips(json.value);
    else FUZZ_CHECK(!json.error.empty(), "");
    return 0;
}
