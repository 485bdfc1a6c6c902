// Patch engines (src/apiserver/patch): JSON patch, JSON merge patch, strategic merge patch.
//
// Expected documents and error texts were produced with the real client on this machine,
// kubectl 1.33.1 (which vendors the same libraries as kube-apiserver 1.33: evanphx/json-patch v4.12
// and apimachinery strategicpatch), e.g.
//   KUBECONFIG=/dev/null kubectl.1.33 patch --local -f sts.yaml -o json -p '<patch>'
//   KUBECONFIG=/dev/null kubectl.1.33 patch --local -f cm.yaml -o json --type=json -p '<ops>'
// For JSON patches `kubectl patch --local` prints the library's text (our `detail`); a real API
// server answers 422 "the server rejected our request due to an error in our request" instead.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "apiserver/patch/patch.h"
#include "apiserver/patch/patch_schema.h"
#include "core/value.h"

namespace sts::apiserver {
namespace {

// A minimal JSON reader for test literals (the engine suite cannot use src/manifest).
class Json {
public:
    static Value Parse(std::string_view s) {
        Json j(s);
        Value v = j.ParseValue();
        j.Space();
        EXPECT_EQ(j.i_, s.size()) << "trailing text in test literal";
        return v;
    }

private:
    explicit Json(std::string_view s) : s_(s) {}
    void Space() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t' || s_[i_] == '\r')) ++i_;
    }
    Value ParseValue() {
        Space();
        char c = s_[i_];
        if (c == '{') {
            ++i_;
            Value o = Value::MakeObject();
            Space();
            if (s_[i_] == '}') {
                ++i_;
                return o;
            }
            while (true) {
                Space();
                std::string k = ParseString();
                Space();
                ++i_;  // ':'
                o.Set(k, ParseValue());
                Space();
                if (s_[i_++] == '}') return o;
            }
        }
        if (c == '[') {
            ++i_;
            Value a = Value::MakeArray();
            Space();
            if (s_[i_] == ']') {
                ++i_;
                return a;
            }
            while (true) {
                a.Push(ParseValue());
                Space();
                if (s_[i_++] == ']') return a;
            }
        }
        if (c == '"') return Value(ParseString());
        if (s_.substr(i_, 4) == "true") {
            i_ += 4;
            return Value(true);
        }
        if (s_.substr(i_, 5) == "false") {
            i_ += 5;
            return Value(false);
        }
        if (s_.substr(i_, 4) == "null") {
            i_ += 4;
            return Value();
        }
        size_t start = i_;
        bool is_float = false;
        while (i_ < s_.size() && std::string_view("+-0123456789.eE").find(s_[i_]) != std::string_view::npos) {
            if (s_[i_] == '.' || s_[i_] == 'e' || s_[i_] == 'E') is_float = true;
            ++i_;
        }
        std::string num(s_.substr(start, i_ - start));
        if (is_float) return Value(std::strtod(num.c_str(), nullptr));
        return Value(static_cast<int64_t>(std::strtoll(num.c_str(), nullptr, 10)));
    }
    std::string ParseString() {
        std::string out;
        ++i_;
        while (s_[i_] != '"') {
            if (s_[i_] == '\\') {
                ++i_;
                char e = s_[i_];
                out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
            } else {
                out += s_[i_];
            }
            ++i_;
        }
        ++i_;
        return out;
    }
    std::string_view s_;
    size_t i_ = 0;
};

Value J(std::string_view s) { return Json::Parse(s); }

// ---------------------------------------------------------------------------------------------
// JSON patch

const char* kConfigMap = R"({
  "apiVersion": "v1", "kind": "ConfigMap",
  "metadata": {"name": "x", "labels": {"a": "b", "x/y": "z", "m~n": "o"}},
  "data": {"a": "1"},
  "list": [1, 2, 3]
})";

struct JsonPatchCase {
    const char* ops;
    const char* detail;  // "" = success
};

TEST(JsonPatchTest, ErrorsWordedAsEvanphxV4) {
    const JsonPatchCase cases[] = {
        {R"([{"op":"remove","path":"/data/zz"}])",
         "error in remove for path: '/data/zz': Unable to remove nonexistent key: zz: missing value"},
        {R"([{"op":"replace","path":"/list/5","value":1}])",
         "replace operation does not apply: doc is missing key: /list/5: missing value"},
        {R"([{"op":"replace","path":"/list/x","value":9}])",
         "replace operation does not apply: doc is missing key: /list/x: missing value"},
        {R"([{"op":"replace","path":"/nope/x","value":9}])",
         "replace operation does not apply: doc is missing path: /nope/x: missing value"},
        {R"([{"op":"remove","path":"/nope/x"}])",
         "remove operation does not apply: doc is missing path: \"/nope/x\": missing value"},
        {R"([{"op":"remove","path":"/list/3"}])",
         "error in remove for path: '/list/3': Unable to access invalid index: 3: invalid index referenced"},
        {R"([{"op":"add","path":"/list/4","value":4}])",
         "error in add for path: '/list/4': Unable to access invalid index: 4: invalid index referenced"},
        {R"([{"op":"add","path":"/list/-5","value":4}])",
         "error in add for path: '/list/-5': Unable to access invalid index: -5: invalid index referenced"},
        {R"([{"op":"add","path":"/list/x","value":4}])",
         "error in add for path: '/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": "
         "invalid syntax"},
        {R"([{"op":"remove","path":"/list/x"}])",
         "error in remove for path: '/list/x': strconv.Atoi: parsing \"x\": invalid syntax"},
        {R"([{"op":"remove","path":"/list/-4"}])",
         "error in remove for path: '/list/-4': Unable to access invalid index: -4: invalid index referenced"},
        {R"([{"op":"add","path":"/nope/x","value":4}])",
         "add operation does not apply: doc is missing path: \"/nope/x\": missing value"},
        {R"([{"op":"add","path":"/list/7/a","value":4}])",
         "add operation does not apply: doc is missing path: \"/list/7/a\": missing value"},
        {R"([{"op":"add","path":"/data/a/b","value":1}])",
         "add operation does not apply: doc is missing path: \"/data/a/b\": missing value"},
        {R"([{"op":"add","path":"","value":{}}])", "add operation does not apply: doc is missing path: \"\": missing value"},
        {R"([{"op":"test","path":"/data/a","value":"2"}])", "testing value /data/a failed: test failed"},
        {R"([{"op":"test","path":"/data/a","value":1}])", "testing value /data/a failed: test failed"},
        {R"([{"op":"test","path":"/list","value":[1,2]}])", "testing value /list failed: test failed"},
        {R"([{"op":"test","path":"/metadata","value":{"name":"x"}}])", "testing value /metadata failed: test failed"},
        {R"([{"op":"frob","path":"/data/a"}])", "Unexpected kind: frob"},
        {R"([{"path":"/data/a"}])", "Unexpected kind: unknown"},
        {R"([{"op":1,"path":"/x","value":4}])", "Unexpected kind: unknown"},
        {R"([null])", "Unexpected kind: unknown"},
        {R"([{"op":"add","value":1}])", "add operation failed to decode path: missing value"},
        {R"([{"op":"add","path":1,"value":4}])", "add operation failed to decode path: missing value"},
        {R"([{"op":"remove"}])", "remove operation failed to decode path: missing value"},
        {R"([{"op":"replace","value":1}])",
         "replace operation failed to decode path: operation missing path field: missing value"},
        {R"([{"op":"move","path":"/data/b"}])",
         "move operation failed to decode from: operation, missing from field: missing value"},
        {R"([{"op":"move","from":"/data/zz","path":"/data/b"}])",
         "error in move for path: 'zz': Unable to remove nonexistent key: zz: missing value"},
        {R"([{"op":"move","from":"/metadata","path":"/metadata/x"}])",
         "move operation does not apply: doc is missing destination path: /metadata/x: missing value"},
        {R"([{"op":"copy","from":"/list/9","path":"/data/c"}])",
         "error in copy for from: '/list/9': Unable to access invalid index: 9: invalid index referenced"},
        {R"([{"op":"remove","path":"/"}])", "error in remove for path: '/': Unable to remove nonexistent key: : missing value"},
    };
    Value doc = J(kConfigMap);
    for (const auto& c : cases) {
        PatchResult r = JsonPatch(doc, J(c.ops));
        EXPECT_EQ(r.code, 422) << c.ops;
        EXPECT_EQ(r.reason, "Invalid") << c.ops;
        EXPECT_EQ(r.message, "the server rejected our request due to an error in our request") << c.ops;
        EXPECT_EQ(r.detail, c.detail) << c.ops;
    }
}

struct JsonPatchSuccess {
    const char* ops;
    const char* path;      // dotted path to inspect in the result
    const char* expected;  // its JSON
};

TEST(JsonPatchTest, OperationsAndV4Quirks) {
    const JsonPatchSuccess cases[] = {
        // v4.12 "replace" on a missing object key adds it (kubectl 1.33 shows data.zz: "1").
        {R"([{"op":"replace","path":"/data/zz","value":"1"}])", "data", R"({"a":"1","zz":"1"})"},
        {R"([{"op":"replace","path":"/list/-1","value":9}])", "list", "[1,2,9]"},
        {R"([{"op":"remove","path":"/list/-1"}])", "list", "[1,2]"},
        {R"([{"op":"add","path":"/list/-","value":4}])", "list", "[1,2,3,4]"},
        {R"([{"op":"add","path":"/list/3","value":4}])", "list", "[1,2,3,4]"},
        {R"([{"op":"add","path":"/list/-4","value":4}])", "list", "[4,1,2,3]"},
        {R"([{"op":"add","path":"/list/+1","value":4}])", "list", "[1,4,2,3]"},
        {R"([{"op":"add","path":"/list/01","value":4}])", "list", "[1,4,2,3]"},
        {R"([{"op":"add","path":"/list/-","value":4},{"op":"add","path":"/list/-","value":5}])", "list",
         "[1,2,3,4,5]"},
        // ~1 is "/", ~0 is "~".
        {R"([{"op":"add","path":"/metadata/labels/x~1y","value":"Q"}])", "metadata.labels",
         R"({"a":"b","m~n":"o","x/y":"Q"})"},
        {R"([{"op":"remove","path":"/metadata/labels/m~0n"}])", "metadata.labels", R"({"a":"b","x/y":"z"})"},
        {R"([{"op":"test","path":"/data/a","value":"1"}])", "data", R"({"a":"1"})"},
        {R"([{"op":"test","path":"/list/0","value":1.0}])", "list", "[1,2,3]"},
        {R"([{"op":"test","path":"/data/q","value":null}])", "data", R"({"a":"1"})"},
        {R"([{"op":"move","from":"/data/a","path":"/data/b"}])", "data", R"({"b":"1"})"},
        {R"([{"op":"move","from":"/list/0","path":"/list/-"}])", "list", "[2,3,1]"},
        {R"([{"op":"copy","from":"/data/a","path":"/data/c"}])", "data", R"({"a":"1","c":"1"})"},
        // Copying a missing object key copies null.
        {R"([{"op":"copy","from":"/data/zz","path":"/data/c"}])", "data", R"({"a":"1","c":null})"},
        {R"([{"op":"copy","from":"/list","path":"/list/0"}])", "list", "[[1,2,3],1,2,3]"},
        {R"([{"op":"add","path":"/data","value":{"k":"v"}}])", "data", R"({"k":"v"})"},
        {"[]", "list", "[1,2,3]"},
    };
    Value doc = J(kConfigMap);
    for (const auto& c : cases) {
        PatchResult r = JsonPatch(doc, J(c.ops));
        ASSERT_TRUE(r.ok()) << c.ops << ": " << r.detail;
        EXPECT_EQ(r.doc.Path(c.path).ToJson(), J(c.expected).ToJson()) << c.ops;
    }
    // A path without the leading slash addresses the root ("data/q" adds "q").
    PatchResult r = JsonPatch(doc, J(R"([{"op":"add","path":"data/q","value":4}])"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get("q"), Value(4));
    // "/" addresses the key "" of the root.
    r = JsonPatch(doc, J(R"([{"op":"add","path":"/","value":1}])"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get(""), Value(1));
}

TEST(JsonPatchTest, TutorialImagePatch) {
    Value sts = J(R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"web"},
        "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:latest"}]}}}})");
    PatchResult r = JsonPatch(
        sts, J(R"([{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx:1.20"}])"));
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].GetString("image"), "registry.k8s.io/nginx:1.20");
    EXPECT_EQ(r.doc.Path("spec.replicas"), Value(2));
}

TEST(JsonPatchTest, UndecodablePatchesAreBadRequests) {
    Value doc = J(kConfigMap);
    PatchResult r = JsonPatch(doc, J(R"({"op":"copy"})"));
    EXPECT_EQ(r.code, 400);
    EXPECT_EQ(r.reason, "BadRequest");
    EXPECT_EQ(r.message, "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    r = JsonPatch(doc, J("[1]"));
    EXPECT_EQ(r.code, 400);
    EXPECT_EQ(r.message, "json: cannot unmarshal number into Go value of type jsonpatch.Operation");
}

TEST(JsonPatchTest, TestWithoutValueOnMissingPathPanicsTheServer) {
    // kubectl 1.33 --local dies with a nil pointer dereference in evanphx test(); the API server
    // recovers the panic and answers 500.
    PatchResult r = JsonPatch(J(kConfigMap), J(R"([{"op":"test","path":"/data/q"}])"));
    EXPECT_EQ(r.code, 500);
    EXPECT_EQ(r.reason, "InternalError");
}

TEST(JsonPatchTest, TooManyOperationsAndCopyBombsAreRefused) {
    Value ops = Value::MakeArray();
    for (int i = 0; i < 10001; ++i) ops.Push(J(R"({"op":"test","path":"/data/a","value":"1"})"));
    PatchResult r = JsonPatch(J(kConfigMap), ops);
    EXPECT_EQ(r.code, 413);
    EXPECT_EQ(r.message,
              "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");

    // Each copy doubles the document; the accumulated copy size is capped.
    Value bomb = Value::MakeArray();
    for (int i = 0; i < 64; ++i) bomb.Push(J(R"({"op":"copy","from":"/list","path":"/list/-"})"));
    r = JsonPatch(J(kConfigMap), bomb);
    EXPECT_EQ(r.code, 422);
    EXPECT_NE(r.detail.find("Unable to complete the copy, the accumulated size increase of copy is"), std::string::npos)
        << r.detail;
}

// ---------------------------------------------------------------------------------------------
// JSON merge patch

TEST(JsonMergePatchTest, Rfc7386AsEvanphx) {
    Value doc = J(kConfigMap);
    PatchResult r = JsonMergePatch(doc, J(R"({"list":[{"a":null,"b":1},null]})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get("list").ToJson(), R"([{"b":1},null])");

    r = JsonMergePatch(doc, J(R"({"data":{"a":null,"n":{"x":null,"y":{"z":null}}}})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get("data").ToJson(), R"({"n":{"y":{}}})");

    r = JsonMergePatch(doc, J(R"({"metadata":{"labels":null}})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get("metadata").ToJson(), R"({"name":"x"})");

    r = JsonMergePatch(doc, J(R"({"data":"str"})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Get("data"), Value("str"));

    r = JsonMergePatch(doc, J(R"({"spec":{"replicas":3}})"));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.replicas"), Value(3));

    for (const char* bad : {"null", "5"}) {
        r = JsonMergePatch(doc, J(bad));
        EXPECT_EQ(r.code, 400) << bad;
        EXPECT_EQ(r.message, "Invalid JSON Patch") << bad;
    }
}

// ---------------------------------------------------------------------------------------------
// Strategic merge patch

const char* kStatefulSet = R"({
  "apiVersion": "apps/v1", "kind": "StatefulSet",
  "metadata": {"name": "web", "finalizers": ["a", "b"],
    "ownerReferences": [{"apiVersion": "v1", "kind": "X", "name": "o1", "uid": "u1"},
                        {"apiVersion": "v1", "kind": "X", "name": "o2", "uid": "u2"}]},
  "spec": {
    "replicas": 2, "serviceName": "nginx",
    "selector": {"matchLabels": {"app": "nginx"}},
    "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
    "template": {
      "metadata": {"labels": {"app": "nginx"}},
      "spec": {
        "tolerations": [{"key": "k1", "operator": "Exists"}],
        "containers": [
          {"name": "nginx", "image": "nginx:1", "args": ["a", "b"],
           "ports": [{"containerPort": 80, "name": "web"}],
           "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
           "volumeMounts": [{"name": "www", "mountPath": "/www"}]},
          {"name": "side", "image": "busybox"}],
        "volumes": [{"name": "www", "hostPath": {"path": "/mnt"}},
                    {"name": "cfg", "configMap": {"name": "c"}}]}}}})";

const char* kNginx = R"({"args":["a","b"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],)"
                     R"("image":"nginx:1","name":"nginx","ports":[{"containerPort":80,"name":"web"}],)"
                     R"("volumeMounts":[{"mountPath":"/www","name":"www"}]})";

PatchResult Smp(const char* patch) { return StrategicMergePatch(J(kStatefulSet), J(patch), "StatefulSet"); }

std::string Containers(const PatchResult& r) { return r.doc.Path("spec.template.spec").Get("containers").ToJson(); }

TEST(StrategicMergePatchTest, OnDeletePitfallKeepsRollingUpdate) {
    // updateStrategy has no retainKeys strategy: the defaulted rollingUpdate survives and the
    // update is then rejected by validation (reference §1.2).
    PatchResult r = Smp(R"({"spec":{"updateStrategy":{"type":"OnDelete"}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec.updateStrategy").ToJson(), R"({"rollingUpdate":{"partition":0},"type":"OnDelete"})");
    // The working patch deletes rollingUpdate explicitly.
    r = Smp(R"({"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.updateStrategy").ToJson(), R"({"type":"OnDelete"})");
}

TEST(StrategicMergePatchTest, ScalarsAndMaps) {
    PatchResult r = Smp(R"({"spec":{"replicas":3}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.replicas"), Value(3));
    EXPECT_EQ(Containers(r), std::string("[") + kNginx + R"(,{"image":"busybox","name":"side"}])");
    // $patch: replace on a map, $patch: delete on a map.
    r = Smp(R"({"spec":{"selector":{"$patch":"replace","matchLabels":{"x":"y"}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.selector").ToJson(), R"({"matchLabels":{"x":"y"}})");
    r = Smp(R"({"spec":{"updateStrategy":{"$patch":"delete"}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.updateStrategy").ToJson(), "{}");
    // Unknown fields are kept (the typed decode drops them later), a map replacing a list too.
    r = Smp(R"({"spec":{"foo":{"bar":1}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.foo").ToJson(), R"({"bar":1})");
    r = Smp(R"({"spec":{"template":{"spec":{"containers":{"name":"x"}}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), R"({"name":"x"})");
}

TEST(StrategicMergePatchTest, ContainersMergeByName) {
    PatchResult r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:2"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].GetString("image"), "nginx:2");
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers").size(), 2u);

    // New items go first.
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"new","image":"x"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), std::string(R"([{"image":"x","name":"new"},)") + kNginx +
                                 R"(,{"image":"busybox","name":"side"}])");

    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"side","$patch":"delete"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), std::string("[") + kNginx + "]");

    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","$patch":"delete","image":"x"},{"name":"zz","image":"q"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), R"([{"image":"q","name":"zz"},{"image":"busybox","name":"side"}])");

    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"only","image":"x"},{"$patch":"replace"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), R"([{"image":"x","name":"only"}])");

    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"$patch":"replace"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), "[]");

    // An empty list merges nothing.
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(Containers(r), std::string("[") + kNginx + R"(,{"image":"busybox","name":"side"}])");

    // Patch order wins for items in the patch.
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"side","image":"s2"},{"name":"nginx","image":"x"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].GetString("name"), "side");

    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"x"},{"name":"side","$patch":"delete"},{"name":"zz"}]}}}})");
    ASSERT_TRUE(r.ok());
    Value c = r.doc.Path("spec.template.spec").Get("containers");
    ASSERT_EQ(c.size(), 2u);
    EXPECT_EQ(c[0].GetString("image"), "x");
    EXPECT_EQ(c[1].ToJson(), R"({"name":"zz"})");

    // null deletes fields of a merged item.
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":null,"ports":null}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].ToJson(),
              R"({"args":["a","b"],"env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"name":"nginx",)"
              R"("volumeMounts":[{"mountPath":"/www","name":"www"}]})");
}

TEST(StrategicMergePatchTest, NestedMergeKeysAndAtomicLists) {
    PatchResult r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","args":["c"],)"
                        R"("env":[{"name":"C","value":"3"},{"name":"A","$patch":"delete"}],"ports":[{"containerPort":443}]}]}}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    Value nginx = r.doc.Path("spec.template.spec").Get("containers")[0];
    EXPECT_EQ(nginx.Get("args").ToJson(), R"(["c"])");  // no strategy: replaced
    EXPECT_EQ(nginx.Get("env").ToJson(), R"([{"name":"C","value":"3"},{"name":"B","value":"2"}])");
    EXPECT_EQ(nginx.Get("ports").ToJson(), R"([{"containerPort":443},{"containerPort":80,"name":"web"}])");

    // New list items keep their nulls.
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","env":[{"name":"B","value":"9"},{"name":"Z","value":null}]}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].Get("env").ToJson(),
              R"([{"name":"A","value":"1"},{"name":"B","value":"9"},{"name":"Z","value":null}])");

    // Tolerations have no patch strategy: replaced whole.
    r = Smp(R"({"spec":{"template":{"spec":{"tolerations":[{"key":"k2","operator":"Exists"}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("tolerations").ToJson(), R"([{"key":"k2","operator":"Exists"}])");

    // Volumes merge by name; without $retainKeys the old source stays next to the new one.
    r = Smp(R"({"spec":{"template":{"spec":{"volumes":[{"name":"www","emptyDir":{}}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("volumes")[0].ToJson(),
              R"({"emptyDir":{},"hostPath":{"path":"/mnt"},"name":"www"})");
    r = Smp(R"({"spec":{"template":{"spec":{"volumes":[{"name":"www","emptyDir":{},"$retainKeys":["name","emptyDir"]}]}}}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("volumes").ToJson(),
              R"([{"emptyDir":{},"name":"www"},{"configMap":{"name":"c"},"name":"cfg"}])");

    // ownerReferences merge by uid.
    r = Smp(R"({"metadata":{"ownerReferences":[{"uid":"u3","name":"o3","kind":"X","apiVersion":"v1"}]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("ownerReferences").size(), 3u);
    EXPECT_EQ(r.doc.Path("metadata").Get("ownerReferences")[0].GetString("uid"), "u3");
}

TEST(StrategicMergePatchTest, PrimitiveListsAndDirectives) {
    PatchResult r = Smp(R"({"metadata":{"finalizers":["c","a"]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["c","a","b"])");
    r = Smp(R"({"metadata":{"finalizers":["b","q"]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["a","b","q"])");
    r = Smp(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["b"])");
    r = Smp(R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["zz"],"finalizers":["b","q"]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["a","b","q"])");
    r = Smp(R"({"metadata":{"$setElementOrder/finalizers":["b","q","a"],"finalizers":["q"]}})");
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["b","q","a"])");
    r = Smp(R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"side"},{"name":"nginx"}],)"
            R"("containers":[{"name":"nginx","image":"n3"}]}}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    Value c = r.doc.Path("spec.template.spec").Get("containers");
    EXPECT_EQ(c[0].GetString("name"), "side");
    EXPECT_EQ(c[1].GetString("image"), "n3");
    r = Smp(R"({"spec":{"template":{"spec":{"containers":[{"name":"nginx","$setElementOrder/env":[{"name":"B"},{"name":"A"}]}]}}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("containers")[0].Get("env").ToJson(),
              R"([{"name":"B","value":"2"},{"name":"A","value":"1"}])");
}

TEST(StrategicMergePatchTest, NewValuesLoseTheirPatchDirectives) {
    // A value the object lacks (or holds with another JSON type) is taken from the patch without
    // the maps in it that carry "$patch": a deleted list item, a replaced or deleted map, even
    // the whole value. Other "$" keys stay. Found by fuzzing (idempotence: the raw directives used
    // to be stored, and a second application then failed); expectations from kubectl 1.33 patch --local.
    PatchResult r = Smp(R"({"spec":{"x":[{"name":"a","$patch":"delete"},{"name":"b"}]}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec").Get("x").ToJson(), R"([{"name":"b"}])");
    r = Smp(R"({"spec":{"x":{"a":null,"b":{"c":null},"$patch":"replace"}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_FALSE(r.doc.Path("spec").Has("x"));
    r = Smp(R"({"spec":{"replicas":{"$patch":"delete"}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_FALSE(r.doc.Path("spec").Has("replicas"));
    r = Smp(R"({"spec":{"x":{"$retainKeys":["a"],"a":1,"l":[{"$patch":"x"},{"b":{"$patch":1,"c":2}},{"d":null}]}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec").Get("x").ToJson(), R"({"$retainKeys":["a"],"a":1,"l":[{},{}]})");
    // Applying such a patch again now changes nothing (an unknown field under a typed struct
    // still cannot be merged into, as upstream).
    r = Smp(R"({"spec":{"template":{"spec":{"volumes":[{"name":"www","$patch":"delete"}],"extra":[{"$patch":"delete"}]}}}})");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec.template.spec").Get("extra").ToJson(), "[]");
    PatchResult again = StrategicMergePatch(r.doc, J(R"({"spec":{"template":{"spec":{"extra":[{"$patch":"delete"}]}}}})"),
                                            "StatefulSet");
    EXPECT_FALSE(again.ok());
}

TEST(StrategicMergePatchTest, ScaleHasUpstreamsSchema) {
    // The scale subresource's body is autoscaling/v1 Scale: a map or list under a field it lacks
    // cannot be merged into (kubectl 1.33 patch --local). Found by fuzz_patch: Scale had no schema,
    // so such fields merged, and a patch applied twice gave two different objects.
    const Value scale = J(R"({"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"name":"web"},)"
                          R"("spec":{"replicas":2,"containers":[{"name":"a"}]}})");
    PatchResult r = StrategicMergePatch(scale, J(R"({"spec":{"containers":[{"name":"b","x":null}]}})"), "Scale");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.detail, "unable to find api field in struct ScaleSpec for the json field \"containers\"");
    r = StrategicMergePatch(scale, J(R"({"metadata":{"finalizers":["x"]},"spec":{"replicas":3},"status":{"x":{"a":1}}})"),
                            "Scale");
    ASSERT_TRUE(r.ok()) << r.detail;
    EXPECT_EQ(r.doc.Path("spec.replicas"), Value(3));
    EXPECT_EQ(r.doc.Path("metadata").Get("finalizers").ToJson(), R"(["x"])");
    EXPECT_EQ(r.doc.Path("status.x").ToJson(), R"({"a":1})");
}

TEST(StrategicMergePatchTest, ErrorsWordedAsStrategicpatch) {
    struct Case {
        const char* patch;
        int code;
        const char* detail;
    };
    const Case cases[] = {
        {R"({"spec":{"template":{"spec":{"containers":[{"image":"x","ports":[{"containerPort":1}]}]}}}})", 500,
         "map: map[image:x ports:[map[containerPort:1]]] does not contain declared merge key: name"},
        {R"({"spec":{"template":{"spec":{"containers":["x"]}}}})", 500,
         "list element types are not identical: [[map[args:[a b] env:[map[name:A value:1] map[name:B value:2]] "
         "image:nginx:1 name:nginx ports:[map[containerPort:80 name:web]] volumeMounts:[map[mountPath:/www "
         "name:www]]] map[image:busybox name:side]] [x]]"},
        {R"({"spec":{"template":{"spec":{"containers":[{"name":"a","$patch":"merge"}]}}}})", 500,
         "merging lists cannot yet be specified in the patch"},
        {R"({"spec":{"template":{"spec":{"containers":[{"name":"a","$patch":"bogus"}]}}}})", 500,
         "unknown patch type: bogus in map: map[$patch:bogus name:a]"},
        {R"({"spec":{"updateStrategy":{"$patch":"merge"}}})", 500, "unknown patch type: merge in map: map[$patch:merge]"},
        {R"({"spec":{"template":{"spec":{"containers":[{"$patch":"delete"}]}}}})", 500,
         "map: map[$patch:delete] does not contain declared merge key: name"},
        {R"({"metadata":{"finalizers":[1]}})", 500, "list element types are not identical: [[a b] [1]]"},
        {R"({"metadata":{"finalizers":[{"$patch":"replace"}]}})", 500,
         "list element types are not identical: [[a b] [map[$patch:replace]]]"},
        {R"({"metadata":{"finalizers":[["x"]]}})", 500, "list element types are not identical: [[a b] [[x]]]"},
        {R"({"spec":{"template":{"spec":{"volumes":[{"name":"www","emptyDir":{},"$retainKeys":["name"]}]}}}})", 400,
         "invalid patch format of retainKeys"},
        {R"({"spec":{"template":{"spec":{"volumes":[{"name":"www","emptyDir":{},"$retainKeys":"name"}]}}}})", 400,
         "invalid patch format of retainKeys"},
        {R"({"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"}],"containers":[{"name":"side","image":"n3"}]}}}})",
         500,
         "The order in patch list:\n[map[image:n3 name:side]]\n doesn't match $setElementOrder list:\n[map[name:nginx]]\n"},
    };
    for (const auto& c : cases) {
        PatchResult r = Smp(c.patch);
        EXPECT_EQ(r.code, c.code) << c.patch;
        EXPECT_EQ(r.detail, c.detail) << c.patch;
        if (c.code == 500) {
            EXPECT_EQ(r.message, c.detail);
        }
    }
    PatchResult r = Smp(R"([1])");
    EXPECT_EQ(r.code, 400);
    EXPECT_EQ(r.message, "json: cannot unmarshal array into Go value of type map[string]interface {}");
}

TEST(StrategicMergePatchTest, SchemaCoversEveryKind) {
    struct Case {
        const char* kind;
        const char* doc;
        const char* patch;
        const char* path;
        const char* expected;
    };
    const Case cases[] = {
        {"Pod", R"({"spec":{"hostAliases":[{"ip":"1.1.1.1"}]}})", R"({"spec":{"hostAliases":[{"ip":"2.2.2.2"}]}})",
         "spec.hostAliases", R"([{"ip":"2.2.2.2"},{"ip":"1.1.1.1"}])"},
        {"Pod", R"({"spec":{"imagePullSecrets":[{"name":"a"}]}})", R"({"spec":{"imagePullSecrets":[{"name":"b"}]}})",
         "spec.imagePullSecrets", R"([{"name":"b"},{"name":"a"}])"},
        {"Pod", R"({"spec":{"topologySpreadConstraints":[{"topologyKey":"a","maxSkew":1}]}})",
         R"({"spec":{"topologySpreadConstraints":[{"topologyKey":"b","maxSkew":1}]}})", "spec.topologySpreadConstraints",
         R"([{"maxSkew":1,"topologyKey":"b"},{"maxSkew":1,"topologyKey":"a"}])"},
        {"Pod", R"({"spec":{"schedulingGates":[{"name":"a"}]}})", R"({"spec":{"schedulingGates":[{"name":"b"}]}})",
         "spec.schedulingGates", R"([{"name":"b"},{"name":"a"}])"},
        {"Pod", R"({"spec":{"readinessGates":[{"conditionType":"a"}]}})",
         R"({"spec":{"readinessGates":[{"conditionType":"b"}]}})", "spec.readinessGates", R"([{"conditionType":"b"}])"},
        {"Pod", R"({"spec":{"ephemeralContainers":[{"name":"a","image":"x","env":[{"name":"E","value":"1"}]}]}})",
         R"({"spec":{"ephemeralContainers":[{"name":"a","env":[{"name":"F","value":"2"}]}]}})", "spec.ephemeralContainers",
         R"([{"env":[{"name":"F","value":"2"},{"name":"E","value":"1"}],"image":"x","name":"a"}])"},
        {"Pod", R"({"spec":{"containers":[{"name":"c","volumeDevices":[{"name":"a","devicePath":"/a"}]}]}})",
         R"({"spec":{"containers":[{"name":"c","volumeDevices":[{"name":"b","devicePath":"/b"}]}]}})",
         "spec.containers", R"([{"name":"c","volumeDevices":[{"devicePath":"/b","name":"b"},{"devicePath":"/a","name":"a"}]}])"},
        {"Pod", R"({"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"TCP"}]}]}})",
         R"({"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":"UDP"}]}]}})", "spec.containers",
         R"([{"name":"c","ports":[{"containerPort":80,"protocol":"UDP"}]}])"},
        {"Pod", R"({"status":{"conditions":[{"type":"A"}],"podIPs":[{"ip":"1"}],"containerStatuses":[{"name":"a"}]}})",
         R"({"status":{"conditions":[{"type":"B"}],"podIPs":[{"ip":"2"}],"containerStatuses":[{"name":"b"}]}})", "status",
         R"({"conditions":[{"type":"B"},{"type":"A"}],"containerStatuses":[{"name":"b"}],"podIPs":[{"ip":"2"},{"ip":"1"}]})"},
        {"Service", R"({"spec":{"ports":[{"port":80}],"clusterIPs":["a"]}})", R"({"spec":{"ports":[{"port":81}],"clusterIPs":["b"]}})",
         "spec", R"({"clusterIPs":["b"],"ports":[{"port":81},{"port":80}]})"},
        {"Node", R"({"spec":{"podCIDRs":["a"],"taints":[{"key":"a","effect":"NoSchedule"}]},"status":{"addresses":[{"type":"A","address":"1"}]}})",
         R"({"spec":{"podCIDRs":["b"],"taints":[{"key":"b","effect":"NoSchedule"}]},"status":{"addresses":[{"type":"B","address":"2"}]}})",
         "", R"({"spec":{"podCIDRs":["b","a"],"taints":[{"effect":"NoSchedule","key":"b"}]},"status":{"addresses":[{"address":"2","type":"B"},{"address":"1","type":"A"}]}})"},
        {"Namespace", R"({"spec":{"finalizers":["a"]},"status":{"conditions":[{"type":"A"}]}})",
         R"({"spec":{"finalizers":["b"]},"status":{"conditions":[{"type":"B"}]}})", "",
         R"({"spec":{"finalizers":["b"]},"status":{"conditions":[{"type":"B"},{"type":"A"}]}})"},
        {"PersistentVolumeClaim", R"({"spec":{"accessModes":["A"]},"status":{"conditions":[{"type":"A"}]}})",
         R"({"spec":{"accessModes":["B"]},"status":{"conditions":[{"type":"B"}]}})", "",
         R"({"spec":{"accessModes":["B"]},"status":{"conditions":[{"type":"B"},{"type":"A"}]}})"},
        {"Endpoints", R"({"subsets":[{"addresses":[{"ip":"1"}]}]})", R"({"subsets":[{"addresses":[{"ip":"2"}]}]})", "",
         R"({"subsets":[{"addresses":[{"ip":"2"}]}]})"},
        {"EndpointSlice", R"({"endpoints":[{"addresses":["1"]}],"ports":[{"port":1}]})",
         R"({"endpoints":[{"addresses":["2"]}],"ports":[{"port":2}]})", "",
         R"({"endpoints":[{"addresses":["2"]}],"ports":[{"port":2}]})"},
        {"StorageClass", R"({"mountOptions":["a"]})", R"({"mountOptions":["b"]})", "", R"({"mountOptions":["b"]})"},
        {"PersistentVolume", R"({"spec":{"mountOptions":["a"]}})", R"({"spec":{"mountOptions":["b"]}})", "",
         R"({"spec":{"mountOptions":["b"]}})"},
        {"StatefulSet", R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"a"}}]},"status":{"conditions":[{"type":"A"}]}})",
         R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"b"}}]},"status":{"conditions":[{"type":"B"}]}})", "",
         R"({"spec":{"volumeClaimTemplates":[{"metadata":{"name":"b"}}]},"status":{"conditions":[{"type":"B"},{"type":"A"}]}})"},
        {"Event", R"({"series":{"count":1}})", R"({"series":{"count":2}})", "", R"({"series":{"count":2}})"},
    };
    for (const auto& c : cases) {
        PatchResult r = StrategicMergePatch(J(c.doc), J(c.patch), c.kind);
        ASSERT_TRUE(r.ok()) << c.kind << " " << c.patch << ": " << r.detail;
        const Value& got = *c.path ? r.doc.Path(c.path) : r.doc;
        EXPECT_EQ(got.ToJson(), J(c.expected).ToJson()) << c.kind << " " << c.patch;
    }
    // ControllerRevision.data is a RawExtension: nested maps cannot be merged.
    PatchResult r = StrategicMergePatch(J(R"({"data":{"spec":{"a":1}}})"), J(R"({"data":{"spec":{"b":2}}})"),
                                        "ControllerRevision");
    EXPECT_EQ(r.code, 500);
    EXPECT_EQ(r.detail, "unable to find api field in struct RawExtension for the json field \"spec\"");
    EXPECT_NE(PatchTypeForKind("Pod"), nullptr);
    EXPECT_NE(PatchTypeForKind("Scale"), nullptr);
    EXPECT_EQ(PatchTypeForKind("ConfigMap"), nullptr);
}

}  // namespace
}  // namespace sts::apiserver
