// EmitYaml (src/core/yaml_emit.cpp) against `kubectl -o yaml`, byte for byte.
//
// Each case is a JSON object and the YAML that kubectl 1.33.1 printed for it, captured on this
// machine with
//   KUBECONFIG=/dev/null kubectl.1.33 patch --local -f case.json --type=merge -p '{}' -o yaml
// (a local no-op patch runs the object through kubectl's YAML printer without a server).
// The JSON is read with manifest::ParseJson, so this suite lives with the console tests.
#include <gtest/gtest.h>

#include <string>

#include "core/yaml_emit.h"
#include "manifest/manifest.h"

namespace sts {
namespace {

struct EmitCase {
    const char* name;
    const char* json;
    const char* yaml;
};

// clang-format off
const EmitCase kCases[] = {
    {"scalars",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": "true", "b": "1", "c": "", "d": "yes", "e": "on", "f": "y", "g": "null", "h": "~", "i": "1.5", "j": "0x1", "k": "NO", "l": "a: b", "m": "2022-02-18", "n": "2024-01-01T00:00:00Z", "o": "1:20", "p": "1e3", "q": ".5", "r": "+1", "s": "0o17", "t": "1_000", "u": "08", "v": "-", "w": "plain text", "x": "中文字符", "y": "😀", "z": "<<"}})JSON",
     R"YAML(apiVersion: v1
data:
  a: "true"
  b: "1"
  c: ""
  d: "yes"
  e: "on"
  f: "y"
  g: "null"
  h: "~"
  i: "1.5"
  j: "0x1"
  k: "NO"
  l: 'a: b'
  m: "2022-02-18"
  "n": "2024-01-01T00:00:00Z"
  o: "1:20"
  p: "1e3"
  q: ".5"
  r: "+1"
  s: "0o17"
  t: "1_000"
  u: "08"
  v: '-'
  w: plain text
  x: 中文字符
  "y": "\U0001F600"
  z: <<
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"quoting",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"a": " x", "b": "x ", "c": "   ", "d": "a\tb", "e": "a\r\nb", "f": "x\u0000y", "g": " x", "i": "a b", "j": "é", "k": "﻿x", "l": "\u001b", "m": "a  b", "n": "a\\b", "o": "it's", "p": "say \"hi\"", "q": "a\nb ", "r": "a \nb", "s": " \n", "t": "#x", "u": "x #y", "v": "- a\n- b\n", "w": "@x", "x": "`x", "y": "%x", "z": "!x", "aa": "&x", "ab": "*x", "ac": "|x", "ad": ">x", "ae": "?x", "af": "? x", "ag": "[x", "ah": "x]", "ai": "{x}", "aj": "x,y", "ak": "x:y", "al": "x: y", "am": "x:", "an": "---", "ao": "...", "ap": "--- x", "aq": "-x", "ar": "- x", "as": "'q'", "at": "\"q\""}})JSON",
     R"YAML(apiVersion: v1
data:
  a: ' x'
  aa: '&x'
  ab: '*x'
  ac: '|x'
  ad: '>x'
  ae: ?x
  af: '? x'
  ag: '[x'
  ah: x]
  ai: '{x}'
  aj: x,y
  ak: x:y
  al: 'x: y'
  am: 'x:'
  an: '---'
  ao: '...'
  ap: '--- x'
  aq: -x
  ar: '- x'
  as: '''q'''
  at: '"q"'
  b: 'x '
  c: '   '
  d: "a\tb"
  e: "a\r\nb"
  f: "x\0y"
  g:  x
  i: 'a     b'
  j: é
  k: "\uFEFF\x78"
  l: "\e"
  m: a  b
  "n": a\b
  o: it's
  p: say "hi"
  q: "a\nb "
  r: "a \nb"
  s: " \n"
  t: '#x'
  u: 'x #y'
  v: |
    - a
    - b
  w: '@x'
  x: '`x'
  "y": '%x'
  z: '!x'
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"literals",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"lit": "line1\nline2\n", "lit2": "a\nb", "lit3": "a\n\n", "lit4": " lead\nx", "lit5": "trail \nx", "lit6": "tab\tx\ny", "lit7": "\n", "lit8": "\n\nx", "lit9": "a\n\nb\n", "script": "#!/bin/sh\nset -e\necho \"hello: world\"\n  indented\n"}})JSON",
     R"YAML(apiVersion: v1
data:
  lit: |
    line1
    line2
  lit2: |-
    a
    b
  lit3: |+
    a

  lit4: |2-
     lead
    x
  lit5: "trail \nx"
  lit6: "tab\tx\ny"
  lit7: |2+

  lit8: |2-


    x
  lit9: |
    a

    b
  script: |
    #!/bin/sh
    set -e
    echo "hello: world"
      indented
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"numbers",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": [0, -1, 1.5, -2.25, 1e+21, 1e-07, 1e-05, 0.0001, 123456789.5, 1000000, 1000000.0, 1234567.0, 9007199254740993, -9223372036854775808, 1.2345678901234567e+20, 3.14159, 0.1, 2.5e-05, 100.0, 1e+20, 1.7976931348623157e+308, 5e-324]}})JSON",
     R"YAML(apiVersion: v1
data:
  k:
  - 0
  - -1
  - 1.5
  - -2.25
  - 1e+21
  - 1e-07
  - 1e-05
  - 0.0001
  - 1.234567895e+08
  - 1000000
  - 1000000
  - 1234567
  - 9007199254740993
  - -9223372036854775808
  - 1.2345678901234567e+20
  - 3.14159
  - 0.1
  - 2.5e-05
  - 100
  - 1e+20
  - 1.7976931348623157e+308
  - 5e-324
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"structure",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"k": [{"a": 1, "b": [1, 2, {"c": []}]}, [], {}, [[1, 2], [3]], null, true, false, [{"x": {"y": [{"z": 1}]}}], {"m": {}}]}, "spec": {"containers": [{"name": "nginx", "image": "nginx", "ports": [{"containerPort": 80, "name": "web"}], "volumeMounts": [{"name": "www", "mountPath": "/usr/share/nginx/html"}]}]}})JSON",
     R"YAML(apiVersion: v1
data:
  k:
  - a: 1
    b:
    - 1
    - 2
    - c: []
  - []
  - {}
  - - - 1
      - 2
    - - 3
  - null
  - true
  - false
  - - x:
        "y":
        - z: 1
  - m: {}
kind: ConfigMap
metadata:
  name: x
spec:
  containers:
  - image: nginx
    name: nginx
    ports:
    - containerPort: 80
      name: web
    volumeMounts:
    - mountPath: /usr/share/nginx/html
      name: www
)YAML"},
    {"folding",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"long": "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz", "nested": {"m": {"long": "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz"}}, "quoted": "{\"a\": \"aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz\"}", "dq": "true aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ss\tss tttt uuuu vvvv wwww xxxx yyyy zzzz", "lst": [["aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz"]], "twospace": "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq  qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz", "dqspace": "\taaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp  pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz", "nospace": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "dqlong": "\tyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"}})JSON",
     R"YAML(apiVersion: v1
data:
  dq: "true aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn
    oooo pppp qqqq rrrr ss\tss tttt uuuu vvvv wwww xxxx yyyy zzzz"
  dqlong: "\tyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy"
  dqspace: "\taaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn
    oooo pppp  pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz"
  long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo
    pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz
  lst:
  - - aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp
      qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz
  nested:
    m:
      long: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn
        oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz
  nospace: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
  quoted: '{"a": "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm
    nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz"}'
  twospace: aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn
    oooo pppp qqqq  qqqq rrrr ssss tttt uuuu vvvv wwww xxxx yyyy zzzz
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"keys",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"true": 1, "1": 2, "": 3, "a b": 4, "null": 5, "~": 6, "-x": 7, "- x": 8, "x:y": 9, "x: y": 10, "#a": 11, "a #b": 12, "a#b": 13, "*a": 14, "a10": 15, "a9": 16, "a_b": 17, "aB": 18, "a-b": 19, "aa": 20, "x01": 21, "x1": 22, "x001": 23, "x2": 24, "10": 25, "9": 26, "Z": 27, "中文": 28, "web-10": 29, "web-9": 30, "web-1": 31, "é": 32, "0b1": 33, "2022-02-18": 34}})JSON",
     R"YAML(apiVersion: v1
data:
  "": 3
  '#a': 11
  '*a': 14
  '- x': 8
  -x: 7
  "~": 6
  "0b1": 33
  "1": 2
  "9": 26
  "10": 25
  "2022-02-18": 34
  Z: 27
  'a #b': 12
  a b: 4
  a#b: 13
  a-b: 19
  a_b: 17
  a9: 16
  a10: 15
  aB: 18
  aa: 20
  "null": 5
  "true": 1
  web-1: 31
  web-9: 30
  web-10: 29
  'x: y': 10
  x:y: 9
  x1: 22
  x01: 21
  x001: 23
  x2: 24
  é: 32
  中文: 28
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"longkeys",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "data": {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa": 1, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb": 2, "line\nkey": [1], "cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc ": "v", "k\tey": 1}})JSON",
     R"YAML(apiVersion: v1
data:
  ? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
  : 1
  bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 2
  ? 'cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc
    cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc '
  : v
  "k\tey": 1
  ? |-
    line
    key
  : - 1
kind: ConfigMap
metadata:
  name: x
)YAML"},
    {"annotation",
     R"JSON({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web", "namespace": "default", "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"annotations\":{},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,\"selector\":{\"matchLabels\":{\"app\":\"nginx\"}},\"serviceName\":\"nginx\",\"template\":{\"metadata\":{\"labels\":{\"app\":\"nginx\"}},\"spec\":{\"containers\":[{\"command\":[\"sh\",\"-c\",\"sleep 3600 && echo done\"],\"image\":\"nginx:latest\",\"name\":\"nginx\"}]}}}}\n"}, "creationTimestamp": "2026-01-01T00:00:00Z", "generation": 1, "resourceVersion": "123", "uid": "6f1a2b3c-0000-4000-8000-000000000001", "labels": {"app": "nginx"}}, "spec": {"replicas": 2, "revisionHistoryLimit": 10, "persistentVolumeClaimRetentionPolicy": {"whenDeleted": "Retain", "whenScaled": "Retain"}, "podManagementPolicy": "OrderedReady", "selector": {"matchLabels": {"app": "nginx"}}, "serviceName": "nginx", "template": {"metadata": {"creationTimestamp": null, "labels": {"app": "nginx"}}, "spec": {"containers": [{"image": "nginx:latest", "imagePullPolicy": "IfNotPresent", "name": "nginx", "ports": [{"containerPort": 80, "name": "web", "protocol": "TCP"}], "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "volumeMounts": [{"mountPath": "/usr/share/nginx/html", "name": "www"}]}], "dnsPolicy": "ClusterFirst", "restartPolicy": "Always", "schedulerName": "default-scheduler", "securityContext": {}, "terminationGracePeriodSeconds": 30}}, "updateStrategy": {"rollingUpdate": {"partition": 0}, "type": "RollingUpdate"}, "volumeClaimTemplates": [{"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": {"creationTimestamp": null, "name": "www"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"}, "status": {"phase": "Pending"}}]}, "status": {"availableReplicas": 2, "collisionCount": 0, "currentReplicas": 2, "currentRevision": "web-6f8d9c7b5d", "observedGeneration": 1, "readyReplicas": 2, "replicas": 2, "updateRevision": "web-6f8d9c7b5d", "updatedReplicas": 2}})JSON",
     R"YAML(apiVersion: apps/v1
kind: StatefulSet
metadata:
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"annotations":{},"name":"web","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},"serviceName":"nginx","template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"command":["sh","-c","sleep 3600 && echo done"],"image":"nginx:latest","name":"nginx"}]}}}}
  creationTimestamp: "2026-01-01T00:00:00Z"
  generation: 1
  labels:
    app: nginx
  name: web
  namespace: default
  resourceVersion: "123"
  uid: 6f1a2b3c-0000-4000-8000-000000000001
spec:
  persistentVolumeClaimRetentionPolicy:
    whenDeleted: Retain
    whenScaled: Retain
  podManagementPolicy: OrderedReady
  replicas: 2
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: nginx
  serviceName: nginx
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx:latest
        imagePullPolicy: IfNotPresent
        name: nginx
        ports:
        - containerPort: 80
          name: web
          protocol: TCP
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
        volumeMounts:
        - mountPath: /usr/share/nginx/html
          name: www
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
  updateStrategy:
    rollingUpdate:
      partition: 0
    type: RollingUpdate
  volumeClaimTemplates:
  - apiVersion: v1
    kind: PersistentVolumeClaim
    metadata:
      creationTimestamp: null
      name: www
    spec:
      accessModes:
      - ReadWriteOnce
      resources:
        requests:
          storage: 1Gi
      volumeMode: Filesystem
    status:
      phase: Pending
status:
  availableReplicas: 2
  collisionCount: 0
  currentReplicas: 2
  currentRevision: web-6f8d9c7b5d
  observedGeneration: 1
  readyReplicas: 2
  replicas: 2
  updateRevision: web-6f8d9c7b5d
  updatedReplicas: 2
)YAML"},
    {"list",
     R"JSON({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}, "zitems": [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-0"}}, {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web-1"}}], "zmeta": {"resourceVersion": ""}})JSON",
     R"YAML(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
zitems:
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-0
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-1
zmeta:
  resourceVersion: ""
)YAML"},
};
// clang-format on

TEST(YamlEmitTest, MatchesKubectlOutput) {
    for (const EmitCase& c : kCases) {
        manifest::Parsed in = manifest::ParseJson(c.json);
        ASSERT_TRUE(in.ok()) << c.name << ": " << in.error;
        EXPECT_EQ(EmitYaml(in.value), c.yaml) << c.name;
    }
}

TEST(YamlEmitTest, ValuesBuiltInCode) {
    EXPECT_EQ(EmitYaml(Value::MakeObject()), "{}\n");
    EXPECT_EQ(EmitYaml(Value::MakeArray()), "[]\n");
    Value v = Value::MakeObject({{"replicas", Value(3)},
                                 {"ratio", Value(1.0)},
                                 {"big", Value(1e6)},
                                 {"small", Value(2.5e-7)},
                                 {"none", Value()},
                                 {"flag", Value(false)},
                                 {"empty", Value("")},
                                 {"list", Value::MakeArray({Value::MakeObject({{"name", Value("a")}}), Value("b")})}});
    // Integral floats print as integers, as kubectl's JSON round trip makes them.
    EXPECT_EQ(EmitYaml(v),
              "big: 1000000\nempty: \"\"\nflag: false\nlist:\n- name: a\n- b\nnone: null\nratio: 1\nreplicas: 3\n"
              "small: 2.5e-07\n");
    // A List as `kubectl get -o yaml` prints several objects.
    Value list = Value::MakeObject(
        {{"apiVersion", Value("v1")},
         {"kind", Value("List")},
         {"metadata", Value::MakeObject({{"resourceVersion", Value("")}})},
         {"items", Value::MakeArray({Value::MakeObject({{"kind", Value("Pod")},
                                                        {"metadata", Value::MakeObject({{"name", Value("web-0")}})}}),
                                     Value::MakeObject({{"kind", Value("Pod")},
                                                        {"metadata", Value::MakeObject({{"name", Value("web-1")}})}})})}});
    EXPECT_EQ(EmitYaml(list),
              "apiVersion: v1\nitems:\n- kind: Pod\n  metadata:\n    name: web-0\n- kind: Pod\n  metadata:\n"
              "    name: web-1\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
}

TEST(YamlEmitTest, TheJsonRoundTripFoldsNel) {
    // kubectl 1.33 on {"z":"\u0085\u0085","zz":"x \u0085  y","zzz":"a\u0085b"}: encoding/json leaves
    // U+0085 raw and go-yaml reads it back as a line break inside a double-quoted scalar.
    Value v = Value::MakeObject({{"z", Value("\xC2\x85\xC2\x85")},
                                 {"zz", Value("x \xC2\x85  y")},
                                 {"zzz", Value("a\xC2\x85" "b")}});
    EXPECT_EQ(EmitYaml(v), "z: |2+\n\nzz: x y\nzzz: a b\n");
    // Bytes that are not UTF-8 print as U+FFFD, as encoding/json writes them.
    EXPECT_EQ(EmitYaml(Value::MakeObject({{"a", Value("x\xFFy")}})), "a: x\xEF\xBF\xBDy\n");
}

TEST(YamlEmitTest, KeyOrderIsGoYamlNatural) {
    EXPECT_TRUE(YamlKeyLess("a9", "a10"));
    EXPECT_TRUE(YamlKeyLess("web-9", "web-10"));
    EXPECT_TRUE(YamlKeyLess("a_b", "aB"));  // non-letters before letters
    EXPECT_TRUE(YamlKeyLess("Z", "a"));
    EXPECT_TRUE(YamlKeyLess("x1", "x01"));
    EXPECT_TRUE(YamlKeyLess("x01", "x001"));
    EXPECT_TRUE(YamlKeyLess("~", "0b1"));
    EXPECT_FALSE(YamlKeyLess("a10", "a9"));
    EXPECT_FALSE(YamlKeyLess("a", "a"));
}

}  // namespace
}  // namespace sts
