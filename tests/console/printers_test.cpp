// Printers: kubectl's tabwriter settings, the per-kind table cells of printers.go (the pod
// STATUS algorithm above all), header and decoration rules, JSONPath and Go templates, and Go's
// value formatting.
#include <gtest/gtest.h>

#include "kubectl/printers/gofmt.h"
#include "kubectl/printers/gotemplate.h"
#include "kubectl/printers/jsonpath.h"
#include "kubectl/printers/table.h"
#include "kubectl/printers/tabwriter.h"
#include "manifest/manifest.h"

namespace sts::kubectl {
namespace {

Value J(const std::string& json) {
    manifest::Parsed p = manifest::ParseJson(json);
    EXPECT_TRUE(p.ok()) << p.error << " in " << json;
    return p.value;
}

const Time kNow = kSimulationEpoch + Minutes(10);

std::string Tab(const std::string& text, TabWriter* w = nullptr) {
    TabWriter local;
    TabWriter* t = w ? w : &local;
    t->Write(text);
    t->Flush();
    return t->Take();
}

// [SECTION] tabwriter

TEST(TabWriter, KubectlPaddingAndMinWidth) {
    EXPECT_EQ(Tab("NAME\tREADY\tAGE\nweb\t2/2\t37s\n"), "NAME   READY   AGE\nweb    2/2     37s\n");
    // A cell shorter than min width 6 still takes 6 columns; the last column is never padded.
    EXPECT_EQ(Tab("A\tB\nx\ty\n"), "A     B\nx     y\n");
}

TEST(TabWriter, RememberedWidthsOnlyGrow) {
    TabWriter w;
    EXPECT_EQ(Tab("NAME\tREADY\tSTATUS\tRESTARTS\tAGE\nweb-0\t0/1\tPending\t0\t0s\n", &w),
              "NAME    READY   STATUS    RESTARTS   AGE\nweb-0   0/1     Pending   0          0s\n");
    // A wider cell widens its column for this and later rows, not for earlier ones.
    EXPECT_EQ(Tab("web-0\t0/1\tContainerCreating\t0\t0s\n", &w), "web-0   0/1     ContainerCreating   0          0s\n");
    EXPECT_EQ(Tab("web-0\t1/1\tRunning\t0\t2s\n", &w), "web-0   1/1     Running             0          2s\n");
}

TEST(TabWriter, LineWithoutTabsEndsTheBlock) {
    EXPECT_EQ(Tab("a\tb\n\nlonger\tc\n"), "a     b\n\nlonger   c\n");
}

TEST(TabWriter, HistoryLayout) {
    TabWriter::Options o;
    o.min_width = 0;
    o.tab_width = 8;
    o.padding = 2;
    o.remember_widths = false;
    TabWriter w(o);
    EXPECT_EQ(Tab("REVISION\tCHANGE-CAUSE\n1\t<none>\n2\t<none>\n", &w),
              "REVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n");
}

// [SECTION] pod STATUS, READY, RESTARTS

std::vector<std::string> PodRow(const std::string& json) { return BuildTable("Pod", {J(json)}, kNow).rows[0].cells; }

TEST(PodTable, PendingWithoutStatuses) {
    auto c = PodRow(R"({"metadata":{"name":"web-0","creationTimestamp":"2026-01-01T00:09:55Z"},
        "spec":{"containers":[{"name":"nginx"}]},"status":{"phase":"Pending"}})");
    EXPECT_EQ(c[0], "web-0");
    EXPECT_EQ(c[1], "0/1");
    EXPECT_EQ(c[2], "Pending");
    EXPECT_EQ(c[3], "0");
    EXPECT_EQ(c[4], "5s");
    EXPECT_EQ(c[5], "<none>");  // IP (wide)
    EXPECT_EQ(c[6], "<none>");  // NODE
}

TEST(PodTable, WaitingReasonWins) {
    auto c = PodRow(R"({"metadata":{"name":"p","creationTimestamp":"2026-01-01T00:00:00Z"},
        "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending",
        "containerStatuses":[{"name":"a","ready":false,"restartCount":0,"state":{"waiting":{"reason":"ContainerCreating"}}}]}})");
    EXPECT_EQ(c[2], "ContainerCreating");
    EXPECT_EQ(c[4], "10m");
}

TEST(PodTable, RunningReadyCountsAndRestartsAgo) {
    auto c = PodRow(R"({"metadata":{"name":"p","creationTimestamp":"2026-01-01T00:00:00Z"},
        "spec":{"containers":[{"name":"a"},{"name":"b"}]},
        "status":{"phase":"Running","podIPs":[{"ip":"10.244.1.2"}],
        "containerStatuses":[
          {"name":"a","ready":true,"restartCount":2,"state":{"running":{}},
           "lastState":{"terminated":{"exitCode":1,"finishedAt":"2026-01-01T00:09:30Z"}}},
          {"name":"b","ready":false,"restartCount":0,"state":{"running":{}}}]}})");
    EXPECT_EQ(c[1], "1/2");
    EXPECT_EQ(c[2], "Running");
    EXPECT_EQ(c[3], "2 (30s ago)");
    EXPECT_EQ(c[5], "10.244.1.2");
}

TEST(PodTable, TerminatingOverridesContainerStates) {
    auto c = PodRow(R"({"metadata":{"name":"p","creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-01-01T00:10:30Z"},
        "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Running",
        "containerStatuses":[{"name":"a","ready":true,"state":{"running":{}}}]}})");
    EXPECT_EQ(c[1], "1/1");
    EXPECT_EQ(c[2], "Terminating");
}

TEST(PodTable, TerminalPhasesAreNotTerminating) {
    auto c = PodRow(R"({"metadata":{"name":"p","creationTimestamp":"2026-01-01T00:00:00Z","deletionTimestamp":"2026-01-01T00:10:30Z"},
        "spec":{"containers":[{"name":"a"}]},"status":{"phase":"Succeeded",
        "containerStatuses":[{"name":"a","ready":false,"state":{"terminated":{"exitCode":0,"reason":"Completed"}}}]}})");
    EXPECT_EQ(c[2], "Completed");
}

TEST(PodTable, InitContainersAndSignals) {
    auto c = PodRow(R"({"metadata":{"name":"p"},"spec":{"initContainers":[{"name":"i"}],"containers":[{"name":"a"}]},
        "status":{"phase":"Pending","initContainerStatuses":[{"name":"i","state":{"running":{}}}]}})");
    EXPECT_EQ(c[2], "Init:0/1");
    EXPECT_EQ(c[4], "<unknown>");
    c = PodRow(R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},
        "status":{"phase":"Running","containerStatuses":[{"name":"a","state":{"terminated":{"exitCode":137,"signal":9}}}]}})");
    EXPECT_EQ(c[2], "Signal:9");
    c = PodRow(R"({"metadata":{"name":"p"},"spec":{"containers":[{"name":"a"}]},
        "status":{"phase":"Running","containerStatuses":[{"name":"a","restartCount":5,"state":{"waiting":{"reason":"CrashLoopBackOff"}}}]}})");
    EXPECT_EQ(c[2], "CrashLoopBackOff");
    EXPECT_EQ(c[3], "5");
}

TEST(PodTable, NodeLostIsUnknown) {
    auto c = PodRow(R"({"metadata":{"name":"p","deletionTimestamp":"2026-01-01T00:00:00Z"},"spec":{"containers":[{"name":"a"}]},
        "status":{"phase":"Running","reason":"NodeLost"}})");
    EXPECT_EQ(c[2], "Unknown");
}

// [SECTION] other kinds

TEST(Tables, StatefulSetServiceEndpoints) {
    auto sts = BuildTable("StatefulSet", {J(R"({"metadata":{"name":"web","creationTimestamp":"2026-01-01T00:08:00Z"},
        "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1"},{"name":"s","image":"busybox"}]}}},
        "status":{"readyReplicas":2}})")}, kNow);
    EXPECT_EQ(sts.rows[0].cells, (std::vector<std::string>{"web", "2/3", "2m", "nginx,s", "nginx:1,busybox"}));
    auto svc = BuildTable("Service", {J(R"({"metadata":{"name":"nginx","creationTimestamp":"2026-01-01T00:09:00Z"},
        "spec":{"type":"ClusterIP","clusterIP":"None","clusterIPs":["None"],"ports":[{"port":80,"protocol":"TCP"}],
        "selector":{"app":"nginx"}}})")}, kNow);
    EXPECT_EQ(svc.rows[0].cells, (std::vector<std::string>{"nginx", "ClusterIP", "None", "<none>", "80/TCP", "60s", "app=nginx"}));
    auto np = BuildTable("Service", {J(R"({"metadata":{"name":"np"},"spec":{"type":"NodePort","clusterIPs":["10.96.0.5"],
        "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"},{"port":53,"protocol":"UDP"}]}})")}, kNow);
    EXPECT_EQ(np.rows[0].cells[4], "80:30080/TCP,53/UDP");
    EXPECT_EQ(np.rows[0].cells[6], "<none>");
    auto ep = BuildTable("Endpoints", {J(R"({"metadata":{"name":"nginx"},"subsets":[{"addresses":[{"ip":"10.0.0.1"},
        {"ip":"10.0.0.2"},{"ip":"10.0.0.3"},{"ip":"10.0.0.4"}],"ports":[{"port":80}]}]})")}, kNow);
    EXPECT_EQ(ep.rows[0].cells[1], "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
    auto empty = BuildTable("Endpoints", {J(R"({"metadata":{"name":"x"}})")}, kNow);
    EXPECT_EQ(empty.rows[0].cells[1], "<none>");
    auto es = BuildTable("EndpointSlice", {J(R"({"metadata":{"name":"nginx-abc"},"addressType":"IPv4",
        "ports":[{"name":"web","port":80,"protocol":"TCP"}],"endpoints":[{"addresses":["10.0.0.1"]}]})")}, kNow);
    EXPECT_EQ(es.rows[0].cells[1], "IPv4");
    EXPECT_EQ(es.rows[0].cells[2], "80");
    EXPECT_EQ(es.rows[0].cells[3], "10.0.0.1");
    auto es0 = BuildTable("EndpointSlice", {J(R"({"metadata":{"name":"e"},"addressType":"IPv4"})")}, kNow);
    EXPECT_EQ(es0.rows[0].cells[2], "<unset>");
    EXPECT_EQ(es0.rows[0].cells[3], "<unset>");
}

TEST(Tables, StorageKinds) {
    auto pending = BuildTable("PersistentVolumeClaim", {J(R"({"metadata":{"name":"www-web-0"},
        "spec":{"storageClassName":"standard","resources":{"requests":{"storage":"1Gi"}}},"status":{"phase":"Pending"}})")}, kNow);
    EXPECT_EQ(pending.rows[0].cells,
              (std::vector<std::string>{"www-web-0", "Pending", "", "", "", "standard", "<unset>", "<unknown>", "<unset>"}));
    auto bound = BuildTable("PersistentVolumeClaim", {J(R"({"metadata":{"name":"www-web-0"},
        "spec":{"storageClassName":"standard","volumeName":"pvc-1","volumeMode":"Filesystem"},
        "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"1Gi"}}})")}, kNow);
    EXPECT_EQ(bound.rows[0].cells[2], "pvc-1");
    EXPECT_EQ(bound.rows[0].cells[3], "1Gi");
    EXPECT_EQ(bound.rows[0].cells[4], "RWO");
    EXPECT_EQ(bound.rows[0].cells[8], "Filesystem");
    auto pv = BuildTable("PersistentVolume", {J(R"({"metadata":{"name":"pvc-1"},"spec":{"capacity":{"storage":"1Gi"},
        "accessModes":["ReadWriteMany","ReadWriteOnce"],"persistentVolumeReclaimPolicy":"Delete","storageClassName":"standard",
        "claimRef":{"namespace":"default","name":"www-web-0"}},"status":{"phase":"Bound"}})")}, kNow);
    EXPECT_EQ(pv.rows[0].cells, (std::vector<std::string>{"pvc-1", "1Gi", "RWO,RWX", "Delete", "Bound", "default/www-web-0",
                                                          "standard", "<unset>", "", "<unknown>", "<unset>"}));
    auto sc = BuildTable("StorageClass", {J(R"({"metadata":{"name":"standard","annotations":{
        "storageclass.kubernetes.io/is-default-class":"true"}},"provisioner":"rancher.io/local-path",
        "volumeBindingMode":"WaitForFirstConsumer"})")}, kNow);
    EXPECT_EQ(sc.rows[0].cells, (std::vector<std::string>{"standard (default)", "rancher.io/local-path", "Delete",
                                                          "WaitForFirstConsumer", "false", "<unknown>"}));
}

TEST(Tables, EventsNodesNamespacesRevisions) {
    auto ev = BuildTable("Event", {J(R"({"metadata":{"name":"web.1"},"type":"Normal","reason":"SuccessfulCreate",
        "message":" create Pod web-0 in StatefulSet web successful ","involvedObject":{"kind":"StatefulSet","name":"web"},
        "source":{"component":"statefulset-controller"},"firstTimestamp":"2026-01-01T00:09:00Z",
        "lastTimestamp":"2026-01-01T00:09:30Z","count":2})")}, kNow);
    EXPECT_EQ(ev.rows[0].cells, (std::vector<std::string>{"30s", "Normal", "SuccessfulCreate", "statefulset/web", "",
                                                          "statefulset-controller",
                                                          "create Pod web-0 in StatefulSet web successful", "60s", "2",
                                                          "web.1"}));
    auto node = BuildTable("Node", {J(R"({"metadata":{"name":"kind-worker","labels":{
        "node-role.kubernetes.io/control-plane":""}},"spec":{"unschedulable":true},
        "status":{"conditions":[{"type":"Ready","status":"True"}],"nodeInfo":{"kubeletVersion":"v1.33.1"},
        "addresses":[{"type":"InternalIP","address":"172.18.0.2"}]}})")}, kNow);
    EXPECT_EQ(node.rows[0].cells, (std::vector<std::string>{"kind-worker", "Ready,SchedulingDisabled", "control-plane",
                                                            "<unknown>", "v1.33.1", "172.18.0.2", "<none>", "<unknown>",
                                                            "<unknown>", "<unknown>"}));
    auto ns = BuildTable("Namespace", {J(R"({"metadata":{"name":"default"},"status":{"phase":"Active"}})")}, kNow);
    EXPECT_EQ(ns.rows[0].cells[1], "Active");
    auto cr = BuildTable("ControllerRevision", {J(R"({"metadata":{"name":"web-6d5c8f4b7c","ownerReferences":[
        {"apiVersion":"apps/v1","kind":"StatefulSet","name":"web","uid":"u","controller":true}]},"revision":2})")}, kNow);
    EXPECT_EQ(cr.rows[0].cells[1], "statefulset.apps/web");
    EXPECT_EQ(cr.rows[0].cells[2], "2");
}

// [SECTION] the human printer

TEST(HumanPrinter, HeaderOncePerColumnSetAndDecorations) {
    Table t = BuildTable("Pod", {J(R"({"metadata":{"name":"web-0","namespace":"default","labels":{"app":"nginx"},
        "creationTimestamp":"2026-01-01T00:09:00Z"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}})")}, kNow);
    HumanOptions o;
    o.with_namespace = true;
    o.show_labels = true;
    HumanPrinter p(o);
    TabWriter w;
    p.Print(t, "", &w);
    p.Print(t, "", &w);
    w.Flush();
    EXPECT_EQ(w.Take(),
              "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS\n"
              "default     web-0   0/1     Pending   0          60s   app=nginx\n"
              "default     web-0   0/1     Pending   0          60s   app=nginx\n");
    HumanOptions e;
    e.kind_prefix = "pod";
    HumanPrinter pe(e);
    TabWriter w2;
    pe.Print(t, "MODIFIED", &w2);
    w2.Flush();
    EXPECT_EQ(w2.Take(), "EVENT      NAME        READY   STATUS    RESTARTS   AGE\nMODIFIED   pod/web-0   0/1     Pending   0          60s\n");
}

TEST(HumanPrinter, EmptyTablePrintsNothingAndKeepsHeaderPending) {
    HumanPrinter p(HumanOptions{});
    TabWriter w;
    Table empty;
    empty.columns = ColumnsFor("Pod");
    p.Print(empty, "", &w);
    w.Flush();
    EXPECT_EQ(w.Take(), "");
    Table one = BuildTable("Pod", {J(R"({"metadata":{"name":"a"},"spec":{"containers":[{"name":"a"}]},"status":{"phase":"Pending"}})")}, kNow);
    p.Print(one, "", &w);
    w.Flush();
    EXPECT_EQ(w.Take(), "NAME   READY   STATUS    RESTARTS   AGE\na      0/1     Pending   0          <unknown>\n");
}

// [SECTION] JSONPath

std::string JP(const std::string& tmpl, const Value& data) {
    JsonPath jp;
    std::string err, out;
    if (!jp.Parse(tmpl, &err)) return "PARSE: " + err;
    if (!jp.Execute(data, &out, &err)) return "EXEC: " + err;
    return out;
}

TEST(JsonPath, KubectlDialect) {
    Value list = J(R"({"kind":"List","items":[
        {"metadata":{"name":"web-0","labels":{"app":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:1"}]},"status":{"ready":true,"n":1.5}},
        {"metadata":{"name":"web-1"},"spec":{"containers":[{"name":"nginx","image":"nginx:2"},{"name":"side","image":"busybox"}]}}]})");
    EXPECT_EQ(JP("{.items[*].metadata.name}", list), "web-0 web-1");
    EXPECT_EQ(JP("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", list), "web-0\nweb-1\n");
    EXPECT_EQ(JP("{.items[?(@.metadata.name==\"web-1\")].spec.containers[*].image}", list), "nginx:2 busybox");
    EXPECT_EQ(JP("{.items[0].metadata.labels}", list), "{\"app\":\"nginx\"}");
    EXPECT_EQ(JP("{.items[0].status.ready} {.items[0].status.n}", list), "true 1.5");
    EXPECT_EQ(JP("{.items[-1].metadata.name}", list), "web-1");
    EXPECT_EQ(JP("{.items[0,1].metadata.name}", list), "web-0 web-1");
    EXPECT_EQ(JP("{.items[*].metadata.missing}", list), "");
    EXPECT_EQ(JP("kind={.kind}", list), "kind=List");
    EXPECT_EQ(JP("{.items[7]}", list), "EXEC: array index out of bounds: index 7, length 2");
    EXPECT_EQ(JP("{.items[0", list), "PARSE: unterminated array");
    EXPECT_EQ(JP("{.kind", list), "PARSE: unclosed action");
    EXPECT_EQ(JP("{end}", list), "EXEC: not in range, nothing to end");
    EXPECT_EQ(JP("{.kind[0]}", list), "EXEC: string is not array or slice");
}

TEST(JsonPath, RelaxedExpressions) {
    std::string out, err;
    ASSERT_TRUE(RelaxedJsonPath(".metadata.name", &out, &err));
    EXPECT_EQ(out, "{.metadata.name}");
    ASSERT_TRUE(RelaxedJsonPath("{metadata.name}", &out, &err));
    EXPECT_EQ(out, "{.metadata.name}");
    EXPECT_FALSE(RelaxedJsonPath("{a}{b}", &out, &err));
}

// [SECTION] Go templates

std::string GT(const std::string& tmpl, const Value& data) {
    GoTemplate t;
    std::string err, out;
    if (!t.Parse(tmpl, &err)) return "PARSE: " + err;
    if (!t.Execute(data, &out, &err)) return out + "EXEC: " + err;
    return out;
}

TEST(GoTemplate, TutorialAndCommonForms) {
    Value pod = J(R"({"kind":"Pod","metadata":{"name":"web-0","labels":{"app":"nginx"}},
        "spec":{"containers":[{"name":"nginx","image":"registry.k8s.io/nginx:1.20"},{"name":"b","image":"busybox"}]},
        "status":{"phase":"Running","n":3}})");
    EXPECT_EQ(GT("{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}", pod), "registry.k8s.io/nginx:1.20busybox");
    EXPECT_EQ(GT("{{range .spec.containers}}{{.name}} {{end}}", pod), "nginx b ");
    EXPECT_EQ(GT("{{.metadata.labels}}", pod), "map[app:nginx]");
    EXPECT_EQ(GT("{{index .metadata.labels \"app\"}}", pod), "nginx");
    EXPECT_EQ(GT("{{len .spec.containers}}", pod), "2");
    EXPECT_EQ(GT("{{if eq .status.phase \"Running\"}}up{{else}}down{{end}}", pod), "up");
    EXPECT_EQ(GT("{{if ne .status.phase \"Running\"}}x{{else if .status.n}}n{{end}}", pod), "n");
    EXPECT_EQ(GT("{{printf \"%s-%d|%5s|%-4d|\" .metadata.name .status.n \"ab\" 7}}", pod), "web-0-3|   ab|7   |");
    EXPECT_EQ(GT("{{.missing.deeper}}", pod), "<no value>");
    EXPECT_EQ(GT("a {{- \" b \" -}} c", pod), "a b c");
    EXPECT_EQ(GT("{{/* comment */}}x", pod), "x");
    EXPECT_EQ(GT("{{with .metadata}}{{.name}}{{end}}", pod), "web-0");
    EXPECT_EQ(GT("{{range .nothing}}x{{else}}empty{{end}}", pod), "empty");
    EXPECT_EQ(GT("{{.metadata.name | printf \"%q\"}}", pod), "\"web-0\"");
}

TEST(GoTemplate, ErrorsWordedLikeTextTemplate) {
    Value pod = J(R"({"metadata":{"name":"web-0"},"spec":{"containers":[{"name":"a"}]}})");
    EXPECT_EQ(GT("{{foo}}", pod), "PARSE: template: output:1: function \"foo\" not defined");
    EXPECT_EQ(GT("{{.metadata.name", pod), "PARSE: template: output:1: unclosed action");
    EXPECT_EQ(GT("{{range .x}}", pod), "PARSE: template: output:1: unexpected EOF");
    EXPECT_EQ(GT("{{.metadata.name.x}}", pod),
              "EXEC: template: output:1:11: executing \"output\" at <.metadata.name.x>: can't evaluate field x in type "
              "interface {}");
    EXPECT_EQ(GT("ab{{index .spec.containers 5}}", pod),
              "abEXEC: template: output:1:4: executing \"output\" at <index .spec.containers 5>: error calling index: "
              "index out of range: 5");
    EXPECT_EQ(GT("{{$x}}", pod), "PARSE: template: output:1: undefined variable \"$x\"");
}

// [SECTION] Go value formatting

TEST(GoFmt, FloatsMapsAndQuoting) {
    EXPECT_EQ(GoFormatFloatG(1.5), "1.5");
    EXPECT_EQ(GoFormatFloatG(1e6), "1e+06");
    EXPECT_EQ(GoFormatFloatG(123456), "123456");
    EXPECT_EQ(GoFormatFloatG(0.0001), "0.0001");
    EXPECT_EQ(GoFormatFloatG(0.00001), "1e-05");
    EXPECT_EQ(GoSprint(J(R"({"b":[1,"x"],"a":null})")), "map[a:<nil> b:[1 x]]");
    EXPECT_EQ(GoSharpV(J(R"({"a":[1,"x\"y"],"b":{}})")),
              "map[string]interface {}{\"a\":[]interface {}{1, \"x\\\"y\"}, \"b\":map[string]interface {}{}}");
    EXPECT_EQ(GoQuote("a\nb\t\"c\""), "\"a\\nb\\t\\\"c\\\"\"");
}

}  // namespace
}  // namespace sts::kubectl
