// Manifest reading (src/manifest): YAML/JSON documents as kubectl reads `-f` files.
//
// Expected values and error texts were produced with the real client on this machine,
// kubectl 1.33.1, without a server:
//   KUBECONFIG=/dev/null kubectl.1.33 patch --local -f t.yaml --type=merge -p '{}' -o json
// (a local no-op patch makes kubectl read the file exactly as `apply -f` does; its error texts are
// kubectl's, printed after "error: ").
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>

#include "core/yaml_emit.h"
#include "manifest/manifest.h"

namespace sts::manifest {
namespace {

struct ErrorCase {
    const char* name;
    const char* source;
    const char* text;
    const char* error;
};

// clang-format off
const ErrorCase kParseErrors[] = {
    {"nullkey", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  ~: d\n",
     "error parsing t.yaml: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: \"d\""},
    {"inf", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: .inf\n",
     "error parsing t.yaml: error converting YAML to JSON: json: unsupported value: +Inf"},
    {"nan", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: .nan\n",
     "error parsing t.yaml: error converting YAML to JSON: json: unsupported value: NaN"},
    {"badkey1", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n c: d\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key"},
    {"badmapval", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n    c: d\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 7: mapping values are not allowed in this context"},
    {"unflowseq", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: did not find expected ',' or ']'"},
    {"unflowmap", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {x: 1\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: did not find expected ',' or '}'"},
    {"undq", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"unterminated\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 7: found unexpected end of stream"},
    {"unsq", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 'unterminated\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 7: found unexpected end of stream"},
    {"tab", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n\ta: b\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token"},
    {"noanchor", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: *nope\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"},
    {"seqmap", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  - a\n  b: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: did not find expected '-' indicator"},
    {"mapseq", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b\n- c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: did not find expected key"},
    {"at", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: @x\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token"},
    {"backtick", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: `x\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: found character that cannot start any token"},
    {"abc", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context"},
    {"seconddoc", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 6: mapping values are not allowed in this context"},
    {"seconddoc2", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n\n\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context"},
    {"blockindent", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: |\n  b\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 8: could not find expected ':'"},
    {"flowend", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: ]\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 4: did not find expected node content"},
    {"flowend2", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: }\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 4: did not find expected node content"},
    {"percent", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: %x\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 5: found character that cannot start any token"},
    {"badint", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: !!int x\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: cannot decode !!str `x` as a !!int"},
    {"badsep", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n--- foo\na: b\n",
     "error parsing t.yaml: invalid Yaml document separator: foo"},
    {"dashes4", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n----\n",
     "error parsing t.yaml: invalid Yaml document separator: -"},
    {"first_abc", "t.yaml", "a: b: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: mapping values are not allowed in this context"},
    {"first_flow", "t.yaml", "a: [1\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'"},
    {"first_blockentry", "t.yaml", "a: - b\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: block sequence entries are not allowed in this context"},
    {"first_seqmap", "t.yaml", "- a\nb: c\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 1: did not find expected '-' indicator"},
    {"line2key", "t.yaml", "a:\n  b: 1\n c: 2\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key"},
    {"escape", "t.yaml", "a: \"x\\qy\"\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: found unknown escape character"},
    {"emptyint", "t.yaml", "a: !!int\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: cannot decode !!null `` as a !!int"},
    {"selfanchor", "t.yaml", "a: &x [*x]\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: anchor 'x' value contains itself"},
    {"blockless", "t.yaml", "a: |\n  x\n b\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 2: did not find expected key"},
    {"seqkey", "t.yaml", "? [a]\n: 1\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\"}"},
    {"hex4", "t.yaml", "a: \"\\x4\"\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: did not find expected hexdecimal number"},
    {"star", "t.yaml", "a: *\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: did not find expected alphabetic or numeric character"},
    {"amp", "t.yaml", "a: &\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: did not find expected alphabetic or numeric character"},
    {"verbatim", "t.yaml", "a: !<x y\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: did not find the expected '>'"},
    {"mlkey", "t.yaml", "\"a\nb\": 1\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"},
    {"tabblank", "t.yaml", "k: v\n\t\n",
     "error parsing t.yaml: error converting YAML to JSON: yaml: line 2: found a tab character that violates indentation"},
    {"jsoneof", "t.json", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\n\"metadata\":{\"name\":\"x\"}\n",
     "error parsing t.json: unexpected EOF"},
    {"jsoncomma", "t.json", "{\"a\":1,,}",
     "error parsing t.json: json: offset 8: invalid character ',' looking for beginning of object key string"},
    {"jsonkey", "t.json", "{\"a\" 1}",
     "error parsing t.json: json: offset 6: invalid character '1' after object key"},
    {"json3bad", "t.json", "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}\n{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"b\"}}\n{\"kind\":\"ConfigMap\",,}",
     "error parsing t.json: invalid character ',' looking for beginning of object key string"},
    {"jsonarr", "t.json", "\n\n{\"kind\":\"x\",\n \"a\": [1,2,,]}",
     "error parsing t.json: json: offset 27: invalid character ',' looking for beginning of value"},
};

const ErrorCase kDecodeErrors[] = {
    {"nokind", "t.yaml", "apiVersion: v1\nmetadata:\n  name: x\n",
     "unable to decode \"t.yaml\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}'"},
    {"scalar", "t.yaml", "hello\n",
     "unable to decode \"t.yaml\": json: cannot unmarshal string into Go value of type unstructured.detector"},
    {"seq", "t.yaml", "- a\n- b\n",
     "unable to decode \"t.yaml\": json: cannot unmarshal array into Go value of type unstructured.detector"},
    {"listbad", "t.yaml", "apiVersion: v1\nkind: List\nitems:\n- 5\n",
     "unable to decode \"t.yaml\": json: cannot unmarshal number into Go value of type map[string]interface {}"},
    {"itemsnum", "t.yaml", "apiVersion: v1\nkind: ConfigMap\nitems: 5\n",
     "unable to decode \"t.yaml\": json: cannot unmarshal number into Go struct field decodeList.items of type []json.RawMessage"},
    {"kind5", "t.yaml", "apiVersion: v1\nkind: 5\nmetadata: {name: q}\n",
     "unable to decode \"t.yaml\": Object 'Kind' is missing in '{\"apiVersion\":\"v1\",\"kind\":5,\"metadata\":{\"name\":\"q\"}}'"},
    {"apiv1", "t.yaml", "apiVersion: 1\nkind: ConfigMap\nmetadata: {name: q}\n",
     "unable to decode \"t.yaml\": json: cannot unmarshal number into Go struct field metadataOnlyObject.apiVersion of type string"},
    {"jsonlit", "t.json", "{\"a\":tru}",
     "unable to decode \"t.json\": Object 'Kind' is missing in '{\"a\":\"tru\"}'"},
};
// clang-format on

TEST(ManifestErrorsTest, ParseErrorsAreWordedAsKubectl) {
    for (const ErrorCase& c : kParseErrors) {
        Documents d = ParseYamlDocuments(c.text, c.source);
        EXPECT_EQ(d.error, c.error) << c.name;
    }
}

TEST(ManifestErrorsTest, DecodeErrorsAreWordedAsKubectl) {
    for (const ErrorCase& c : kDecodeErrors) {
        Documents d = ParseYamlDocuments(c.text, c.source);
        ASSERT_TRUE(d.ok()) << c.name << ": " << d.error;
        Documents e = ExpandLists(d.docs, c.source);
        EXPECT_EQ(e.error, c.error) << c.name;
    }
}

TEST(ManifestErrorsTest, DocumentsBeforeAnErrorAreKept) {
    const char* text =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n---\n\n\n"
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: b: c\n";
    Documents d = ParseYamlDocuments(text, "t.yaml");
    // Line numbers count from the failing document's first line, as kubectl's do.
    EXPECT_EQ(d.error,
              "error parsing t.yaml: error converting YAML to JSON: yaml: line 8: mapping values are not allowed in "
              "this context");
    ASSERT_EQ(d.docs.size(), 1u);
    EXPECT_EQ(d.docs[0].ToJson(), R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}})");

    // An invalid separator loses the document it ends, as kubectl's YAMLReader does.
    d = ParseYamlDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n--- foo\na: b\n", "t.yaml");
    EXPECT_EQ(d.error, "error parsing t.yaml: invalid Yaml document separator: foo");
    EXPECT_TRUE(d.docs.empty());
}

std::string ReadFile(const std::string& path) {
    std::ifstream f(path);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

TEST(ManifestTest, TutorialManifestParsesIntoServiceAndStatefulSet) {
#ifdef __EMSCRIPTEN__
    GTEST_SKIP() << "the wasm test runner has no access to the repository's files";
#endif
    std::string text = ReadFile("assets/manifests/nginx-statefulset.yaml");
    ASSERT_FALSE(text.empty()) << "run from the repository root";
    Documents d = ParseYamlDocuments(text, "nginx-statefulset.yaml");
    ASSERT_TRUE(d.ok()) << d.error;
    ASSERT_EQ(d.docs.size(), 2u);
    const Value& svc = d.docs[0];
    EXPECT_EQ(svc.ToJson(),
              R"({"apiVersion":"v1","kind":"Service","metadata":{"labels":{"app":"nginx"},"name":"nginx"},)"
              R"("spec":{"clusterIP":"None","ports":[{"name":"web","port":80}],"selector":{"app":"nginx"}}})");
    const Value& sts = d.docs[1];
    EXPECT_EQ(sts.GetString("kind"), "StatefulSet");
    EXPECT_EQ(sts.GetString("apiVersion"), "apps/v1");
    EXPECT_EQ(sts.Path("spec.serviceName"), Value("nginx"));
    EXPECT_TRUE(sts.Path("spec.replicas").IsInt());
    EXPECT_EQ(sts.Path("spec.replicas"), Value(2));
    EXPECT_EQ(sts.Path("spec.selector.matchLabels").ToJson(), R"({"app":"nginx"})");
    EXPECT_EQ(sts.Path("spec.template.spec").ToJson(),
              R"({"containers":[{"image":"nginx:latest","imagePullPolicy":"IfNotPresent","name":"nginx",)"
              R"("volumeMounts":[{"mountPath":"/usr/share/nginx/html","name":"www"}]}],)"
              R"("volumes":[{"hostPath":{"path":"/mnt"},"name":"www"}]})");
    Documents e = ExpandLists(d.docs, "nginx-statefulset.yaml");
    ASSERT_TRUE(e.ok()) << e.error;
    EXPECT_EQ(e.docs.size(), 2u);
}

Value Doc(const char* text) {
    Documents d = ParseYamlDocuments(text, "t.yaml");
    EXPECT_TRUE(d.ok()) << d.error;
    EXPECT_EQ(d.docs.size(), 1u);
    return d.docs.empty() ? Value() : d.docs[0];
}

TEST(ManifestTest, ScalarsAreTypedAsGoYamlV2AndTheJsonRoundTrip) {
    Value v = Doc(
        "data:\n  a: 1.0\n  b: 1e3\n  c: 1.5\n  d: 0x1F\n  e: 0755\n  f: 08\n  g: 1_000\n  h: 0o17\n  i: 0b101\n"
        "  j: +12\n  k: -0\n  l: 1e21\n  m: 1e20\n  n2: 9223372036854775808\n  p: .5\n  q: 5.\n  r: -.5e-7\n"
        "  s: 1e400\n");
    const Value& d = v.Get("data");
    // kubectl 1.33: {"a":1,"b":1000,"c":1.5,"d":31,"e":493,"f":8,"g":1000,"h":15,"i":5,"j":12,"k":0,
    //  "l":1e+21,"m":100000000000000000000,"n2":9223372036854776000,"p":0.5,"q":5,"r":-5e-08,"s":"1e400"}
    struct IntCase {
        const char* key;
        int64_t value;
    };
    for (IntCase c : {IntCase{"a", 1}, {"b", 1000}, {"d", 31}, {"e", 493}, {"f", 8}, {"g", 1000}, {"h", 15},
                      {"i", 5}, {"j", 12}, {"k", 0}, {"q", 5}}) {
        EXPECT_TRUE(d.Get(c.key).IsInt()) << c.key;
        EXPECT_EQ(d.Get(c.key).AsInt(), c.value) << c.key;
    }
    struct FloatCase {
        const char* key;
        double value;
    };
    for (FloatCase c : {FloatCase{"c", 1.5}, {"l", 1e21}, {"m", 1e20}, {"n2", 9223372036854775808.0}, {"p", 0.5},
                        {"r", -5e-08}}) {
        EXPECT_TRUE(d.Get(c.key).IsFloat()) << c.key;
        EXPECT_EQ(d.Get(c.key).AsFloat(), c.value) << c.key;
    }
    EXPECT_EQ(d.Get("s"), Value("1e400"));

    v = Doc("data:\n  a: 2022-02-18T18:52:05Z\n  b: 2022-02-18\n  c: !!str 12\n  d: !!int '12'\n  e: !!float 1\n"
            "  f: !!binary aGVsbG8=\n  g: Yes\n  h: NO\n  i: Off\n  j: y\n  k: n\n  l: ~\n  m: Null\n  nn: NULL\n"
            "  o: nULL\n  p: TRUE\n  q: tRUE\n  r: \"yes\"\n  s: 'on'\n  t: |\n    on\n  u: on # comment\n"
            "  v: 2022-02-30\n  w: 2022-1-5 3:4:5\n");
    EXPECT_EQ(v.Get("data").ToJson(),
              R"({"a":"2022-02-18T18:52:05Z","b":"2022-02-18","c":"12","d":12,"e":1,"f":"hello","g":true,)"
              R"("h":false,"i":false,"j":true,"k":false,"l":null,"m":null,"nn":null,"o":"nULL","p":true,)"
              R"("q":"tRUE","r":"yes","s":"on","t":"on\n","u":true,"v":"2022-02-30","w":"2022-1-5 3:4:5"})");

    // !!binary bytes that are not UTF-8 become U+FFFD in the JSON round trip, as values and as
    // keys (kubectl 1.33: {"8\ufffd\u001e":"k","a":"8\ufffd\u001e"}). Found by fuzz_manifest: the raw
    // bytes used to stay, so the document no longer read back as itself.
    v = Doc("data:\n  a: !!binary ONce\n  !!binary ONce: k\n");
    EXPECT_EQ(v.Get("data").Get("a"), Value("8\xEF\xBF\xBD\x1E"));
    EXPECT_EQ(v.Get("data").Get("8\xEF\xBF\xBD\x1E"), Value("k"));

    // Keys become strings; y/n keys are booleans first.
    v = Doc("data:\n  1: a\n  2.5: b\n  true: c\n  1e3: d\n  0x10: e\n  -1: f\n  y: g\n  n: h\n  2022-02-18: i\n"
            "  .inf: j\n  1.1: k\n");
    EXPECT_EQ(v.Get("data").ToJson(),
              R"({"-1":"f",".inf":"j","1":"a","1.1":"k","1000":"d","16":"e","2.5":"b","2022-02-18":"i",)"
              R"("false":"h","true":"g"})");
}

TEST(ManifestTest, AnchorsAliasesAndMergeKeys) {
    Value v = Doc("a: &x 1\nb: *x\nc: {<<: {d: 1}, e: 2}\nf: {e: 3, <<: [{e: 9, g: 1}, {g: 2, h: 3}]}\nkind: K\n"
                  "base: &b {p: 1, q: 2}\nderived:\n  <<: *b\n  q: 3\n");
    // go-yaml v2: a merge overwrites keys set before it; earlier maps in a merge list win.
    EXPECT_EQ(v.ToJson(),
              R"({"a":1,"b":1,"base":{"p":1,"q":2},"c":{"d":1,"e":2},"derived":{"p":1,"q":3},)"
              R"("f":{"e":9,"g":1,"h":3},"kind":"K"})");
    v = Doc("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 1\n  a: 2\n");
    EXPECT_EQ(v.Path("data.a"), Value(2));
}

TEST(ManifestTest, DocumentStreams) {
    Documents d = ParseYamlDocuments("# only\n---\n---\n", "t.yaml");
    EXPECT_TRUE(d.ok());
    EXPECT_TRUE(d.docs.empty());
    d = ParseYamlDocuments("~\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\n", "t.yaml");
    ASSERT_TRUE(d.ok());
    ASSERT_EQ(d.docs.size(), 1u);
    d = ParseYamlDocuments("---   # c\napiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: x\r\n...\n", "t.yaml");
    ASSERT_TRUE(d.ok()) << d.error;
    ASSERT_EQ(d.docs.size(), 1u);
    EXPECT_EQ(d.docs[0].Path("metadata.name"), Value("x"));

    // JSON: a stream of objects; the first may fall back to YAML (trailing commas are YAML).
    d = ParseYamlDocuments(
        R"(  {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":1.0,"b":1e3}})"
        "\n"
        R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"}})",
        "t.json");
    ASSERT_TRUE(d.ok()) << d.error;
    ASSERT_EQ(d.docs.size(), 2u);
    EXPECT_TRUE(d.docs[0].Path("data.a").IsFloat());
    EXPECT_TRUE(d.docs[0].Path("data.b").IsFloat());
    d = ParseYamlDocuments(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},})", "t.json");
    ASSERT_TRUE(d.ok()) << d.error;
    EXPECT_EQ(d.docs[0].Path("metadata.name"), Value("x"));
    d = ParseYamlDocuments(
        "{\"kind\":\"ConfigMap\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"a\"}}\n"
        "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: b\n",
        "t.json");
    ASSERT_TRUE(d.ok()) << d.error;
    ASSERT_EQ(d.docs.size(), 2u);
    EXPECT_EQ(d.docs[1].Path("metadata.name"), Value("b"));
}

TEST(ManifestTest, ListsAreExpanded) {
    Documents d = ParseYamlDocuments(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n"
        "- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n---\n"
        "apiVersion: v1\nkind: List\nitems: []\n",
        "t.yaml");
    ASSERT_TRUE(d.ok());
    Documents e = ExpandLists(d.docs, "t.yaml");
    ASSERT_TRUE(e.ok()) << e.error;
    ASSERT_EQ(e.docs.size(), 2u);
    EXPECT_EQ(e.docs[0].Path("metadata.name"), Value("a"));
    EXPECT_EQ(e.docs[1].Path("metadata.name"), Value("b"));
}

TEST(ManifestTest, UnicodeAndBlockScalars) {
    Value v = Doc("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  greeting: 你好，世界\n"
                  "  quoted: \"\\u4f60\\t\\x41\"\n  folded: >\n    a\n    b\n\n    c\n  lit: |-\n    x\n      y\n"
                  "  plain: multi\n    line\n    plain\n");
    EXPECT_EQ(v.Get("data").ToJson(),
              R"({"folded":"a b\nc\n","greeting":"你好，世界","lit":"x\n  y","plain":"multi line plain",)"
              R"("quoted":"你\tA"})");
    // And back out as kubectl prints it.
    EXPECT_EQ(EmitYaml(v.Get("data")),
              "folded: |\n  a b\n  c\ngreeting: 你好，世界\nlit: |-\n  x\n    y\nplain: multi line plain\n"
              "quoted: \"你\\tA\"\n");
}

TEST(ManifestTest, InputCharacters) {
    const char* head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
    // kubectl 1.33: bytes that are not UTF-8 read as U+FFFD; control characters are refused.
    Value v = Doc((std::string(head) + "data:\n  a: b\377c\n").c_str());
    EXPECT_EQ(v.Path("data.a"), Value("b\xEF\xBF\xBD" "c"));
    for (const char* bad : {"b\001c", "\"b\001c\"", "b\302\200c", "b\177c"}) {
        Documents d = ParseYamlDocuments(std::string(head) + "data:\n  a: " + bad + "\n", "t.yaml");
        EXPECT_EQ(d.error, "error parsing t.yaml: error converting YAML to JSON: yaml: control characters are not allowed")
            << bad;
    }
    Documents d = ParseYamlDocuments(std::string(head) + "data:\n  a: b" + '\0' + "c\n", "t.yaml");
    EXPECT_EQ(d.error, "error parsing t.yaml: error converting YAML to JSON: yaml: control characters are not allowed");
    // "\r\n" and a lone "\r" are line breaks.
    v = Doc((std::string(head) + "data:\n  a: b\r\nc: d\re: f\n").c_str());
    EXPECT_EQ(v.ToJson(),
              R"({"apiVersion":"v1","c":"d","data":{"a":"b"},"e":"f","kind":"ConfigMap","metadata":{"name":"x"}})");
    // A byte order mark is skipped.
    v = Doc((std::string("\xEF\xBB\xBF") + head).c_str());
    EXPECT_EQ(v.Path("metadata.name"), Value("x"));
}

TEST(ManifestTest, SingleDocumentsForPatches) {
    Parsed p = ParseYaml("spec:\n  replicas: 3\n");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value.ToJson(), R"({"spec":{"replicas":3}})");
    p = ParseYaml(R"({"spec":{"replicas":3}})");
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p.value.ToJson(), R"({"spec":{"replicas":3}})");
    p = ParseYaml("a: [1\n");
    EXPECT_EQ(p.error, "yaml: line 1: did not find expected ',' or ']'");
    p = ParseYaml(R"({"a" 1})");
    EXPECT_EQ(p.error, "invalid character '1' after object key");
    p = ParseYaml("a: 1\n---\nb: 2\n");
    ASSERT_TRUE(p.ok()) << p.error;
    EXPECT_EQ(p.value.ToJson(), R"({"a":1})");
}

TEST(ManifestTest, JsonAsGoReadsIt) {
    Parsed p = ParseJson(R"({"a": [1, -0, 1.0, 1e2, 18446744073709551615, "x\u00e9\n", true, null], "b": {}})");
    ASSERT_TRUE(p.ok()) << p.error;
    const Value& a = p.value.Get("a");
    EXPECT_TRUE(a[0].IsInt());
    EXPECT_TRUE(a[1].IsInt());
    EXPECT_TRUE(a[2].IsFloat());
    EXPECT_TRUE(a[3].IsFloat());
    EXPECT_TRUE(a[4].IsFloat());
    EXPECT_EQ(a[5], Value("xé\n"));
    struct Bad {
        const char* text;
        const char* error;
    };
    for (Bad b : {Bad{"", "unexpected end of JSON input"},
                  {"{", "unexpected end of JSON input"},
                  {"{,}", "invalid character ',' looking for beginning of object key string"},
                  {"[1,]", "invalid character ']' looking for beginning of value"},
                  {"[1 2]", "invalid character '2' after array element"},
                  {"{\"a\":1 \"b\"}", "invalid character '\"' after object key:value pair"},
                  {"tru", "unexpected end of JSON input"},
                  {"trux", "invalid character 'x' in literal true (expecting 'e')"},
                  {"-", "unexpected end of JSON input"},
                  {"-x", "invalid character 'x' in numeric literal"},
                  {"1.x", "invalid character 'x' after decimal point in numeric literal"},
                  {"1ex", "invalid character 'x' in exponent of numeric literal"},
                  {"\"\\q\"", "invalid character 'q' in string escape code"},
                  {"\"\\u12x4\"", "invalid character 'x' in \\u hexadecimal character escape"},
                  {"\"a\nb\"", "invalid character '\\n' in string literal"},
                  {"{} x", "invalid character 'x' after top-level value"}}) {
        EXPECT_EQ(ParseJson(b.text).error, b.error) << b.text;
    }
}

// ---------------------------------------------------------------------------------------------
// Absurd input: refused with an error, quickly, never a crash.

std::string Repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

double Seconds(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

TEST(ManifestLimitsTest, DeepNesting) {
    auto start = std::chrono::steady_clock::now();
    for (const std::string& text :
         {std::string(100000, '['), "a: " + std::string(5000, '{'), Repeat("- ", 3000) + "x\n"}) {
        Documents d = ParseYamlDocuments(text, "deep.yaml");
        EXPECT_EQ(d.error, "error parsing deep.yaml: error converting YAML to JSON: yaml: exceeded max depth of 200")
            << text.substr(0, 10);
    }
    std::string block;
    for (int i = 0; i < 1000; ++i) block += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    Documents d = ParseYamlDocuments(block, "deep.yaml");
    EXPECT_NE(d.error.find("exceeded max depth of 200"), std::string::npos) << d.error;
    std::string dashes;
    for (int i = 0; i < 400; ++i) dashes += std::string(static_cast<size_t>(2 * i), ' ') + "- \n";
    d = ParseYamlDocuments(dashes, "deep.yaml");
    EXPECT_NE(d.error.find("exceeded max depth of 200"), std::string::npos) << d.error;
    std::string json;
    for (int i = 0; i < 50000; ++i) json += "{\"a\":";
    d = ParseYamlDocuments(json, "deep.json");
    EXPECT_FALSE(d.ok());
    EXPECT_NE(ParseJson(json).error.find("exceeded max depth"), std::string::npos);
    // A legitimately nested document well inside the limit still parses.
    std::string ok;
    for (int i = 0; i < 50; ++i) ok += std::string(static_cast<size_t>(2 * i), ' ') + "k" + std::to_string(i) + ":\n";
    ok += std::string(100, ' ') + "v: 1\n";
    EXPECT_TRUE(ParseYamlDocuments(ok, "ok.yaml").ok());
    EXPECT_LT(Seconds(start), 10.0);
}

TEST(ManifestLimitsTest, HugeInput) {
    std::string big(kMaxInputBytes + 1, 'a');
    Documents d = ParseYamlDocuments(big, "big.yaml");
    EXPECT_EQ(d.error, "error parsing big.yaml: input too large: 8388609 bytes (the limit is 8388608)");
    EXPECT_NE(ParseYaml(big).error.find("too large"), std::string::npos);
    EXPECT_NE(ParseJson(big).error.find("too large"), std::string::npos);
}

TEST(ManifestLimitsTest, BillionLaughs) {
    auto start = std::chrono::steady_clock::now();
    std::string text = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
    const char* names = "abcdefghi";
    for (int i = 1; i < 9; ++i) {
        text += std::string(1, names[i]) + ": &" + names[i] + " [";
        for (int k = 0; k < 9; ++k) text += std::string(k ? "," : "") + "*" + names[i - 1];
        text += "]\n";
    }
    Documents d = ParseYamlDocuments(text, "lol.yaml");
    EXPECT_EQ(d.error, "error parsing lol.yaml: error converting YAML to JSON: yaml: document contains excessive aliasing");
    // Moderate alias use is fine.
    d = ParseYamlDocuments("apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: x}\ndata: {a: *m, b: *m}\n", "ok.yaml");
    EXPECT_TRUE(d.ok()) << d.error;
    EXPECT_LT(Seconds(start), 5.0);
}

TEST(ManifestLimitsTest, TooManyValues) {
    auto start = std::chrono::steady_clock::now();
    std::string text;
    text.reserve(2 * (kMaxNodes + 10));
    text += "[";
    for (size_t i = 0; i < kMaxNodes + 10; ++i) text += "1,";
    text += "1]\n";
    Documents d = ParseYamlDocuments(text, "many.yaml");
    EXPECT_EQ(d.error,
              "error parsing many.yaml: error converting YAML to JSON: yaml: document too large: more than 300000 "
              "values");
    std::string json = "{\"a\":" + text + "}";
    EXPECT_EQ(ParseJson(json).error, "document too large: more than 300000 values");
    EXPECT_EQ(ParseYamlDocuments(json, "many.json").error,
              "error parsing many.json: document too large: more than 300000 values");
    EXPECT_LT(Seconds(start), 30.0);
}

}  // namespace
}  // namespace sts::manifest
