// kubectl commands through the console against the fake cluster: exact output bytes for apply,
// create, get (tables, groups, namespaces, labels, watch), delete, scale, patch, label,
// rollout, wait, exec, run, logs and version, and kubectl's error texts.
#include <gtest/gtest.h>

#include "fake_cluster.h"
#include "kubectl/console.h"
#include "kubectl/apply_patch.h"
#include "kubectl/internal.h"
#include "manifest/manifest.h"
#include "shell/shell.h"

namespace sts::kubectl {
namespace {

const char* kManifest = R"(apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None
  selector:
    app: nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        imagePullPolicy: IfNotPresent
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
      volumes:
      - name: www
        hostPath:
          path: /mnt
)";

class KubectlTest : public ::testing::Test {
protected:
    void SetUp() override {
        console_ = std::make_unique<Console>(&cluster_, &fs_);
        fs_.Put("web.yaml", kManifest);
    }

    // Runs a line; while the command blocks, simulated time advances one second at a time.
    std::string Run(const std::string& line, int max_seconds = 900) {
        console_->Input(line);
        for (int i = 0; i < max_seconds && console_->Busy(); ++i) Step();
        return console_->TakeOutput();
    }
    void Step() {
        cluster_.Advance(Seconds(1));
        cluster_.Tick();
        console_->Poll();
    }
    void Settle(int seconds) {
        for (int i = 0; i < seconds; ++i) Step();
        console_->TakeOutput();
    }
    void Deploy() {
        ASSERT_EQ(Run("kubectl apply -f web.yaml"), "service/nginx created\nstatefulset.apps/web created\n");
        Settle(10);
    }
    const client::ResourceInfo& R(const std::string& r) { return cluster_.Res(r); }

    testing::FakeCluster cluster_;
    shell::MemoryFileSystem fs_;
    std::unique_ptr<Console> console_;
};

// [SECTION] apply / create / replace / delete

TEST_F(KubectlTest, ApplyCreatesThenIsUnchangedThenConfigured) {
    EXPECT_EQ(Run("kubectl apply -f web.yaml"), "service/nginx created\nstatefulset.apps/web created\n");
    const Value* sts = cluster_.Find("statefulsets", "default", "web");
    ASSERT_NE(sts, nullptr);
    std::string last = sts->Path("metadata.annotations").GetString("kubectl.kubernetes.io/last-applied-configuration");
    EXPECT_EQ(last.rfind("{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSet\",\"metadata\":{\"annotations\":{},"
                         "\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"replicas\":2,",
                         0),
              0u)
        << last;
    EXPECT_EQ(last.back(), '\n');
    Settle(5);
    EXPECT_EQ(Run("kubectl apply -f web.yaml"), "service/nginx unchanged\nstatefulset.apps/web unchanged\n");
    std::string edited = kManifest;
    edited.replace(edited.find("replicas: 2"), 11, "replicas: 3");
    fs_.Put("web.yaml", edited);
    EXPECT_EQ(Run("kubectl apply -f web.yaml"), "service/nginx unchanged\nstatefulset.apps/web configured\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")->Path("spec").GetInt("replicas"), 3);
}

TEST_F(KubectlTest, ApplyFromHeredocAndStdin) {
    std::string out = Run("cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\nEOF");
    EXPECT_EQ(out, "configmap/cfg created\n");
}

TEST_F(KubectlTest, CreateTwiceReportsAlreadyExistsWithSource) {
    EXPECT_EQ(Run("kubectl create -f web.yaml"), "service/nginx created\nstatefulset.apps/web created\n");
    EXPECT_EQ(Run("kubectl create -f web.yaml"),
              "Error from server (AlreadyExists): error when creating \"web.yaml\": services \"nginx\" already exists\n"
              "Error from server (AlreadyExists): error when creating \"web.yaml\": statefulsets.apps \"web\" already exists\n");
    EXPECT_EQ(console_->last_status(), 1);
    EXPECT_EQ(Run("kubectl apply -f missing.yaml"), "error: the path \"missing.yaml\" does not exist\n");
}

TEST_F(KubectlTest, DeleteMessagesAndWaitForGracefulDeletion) {
    Deploy();
    EXPECT_EQ(Run("kubectl delete -f web.yaml"), "service \"nginx\" deleted\nstatefulset.apps \"web\" deleted\n");
    EXPECT_EQ(Run("kubectl delete -f web.yaml"),
              "Error from server (NotFound): error when deleting \"web.yaml\": services \"nginx\" not found\n"
              "Error from server (NotFound): error when deleting \"web.yaml\": statefulsets.apps \"web\" not found\n");
    EXPECT_EQ(Run("kubectl delete pod"), "error: resource(s) were provided, but no name was specified\n");
    EXPECT_EQ(Run("kubectl delete pods -l app=nope"), "No resources found\n");
    // A pod with a grace period: the command waits until it is gone.
    cluster_.graceful_pod_delete = true;
    cluster_.Put("pods", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "solo"}})},
                                            {"spec", Value::MakeObject()}}));
    console_->Input("kubectl delete pod solo");
    EXPECT_EQ(console_->TakeOutput(), "pod \"solo\" deleted\n");
    EXPECT_TRUE(console_->Busy());
    for (int i = 0; i < 5 && console_->Busy(); ++i) Step();
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(cluster_.Find("pods", "default", "solo"), nullptr);
}

// [SECTION] get

TEST_F(KubectlTest, GetTablesAfterRollout) {
    Deploy();
    EXPECT_EQ(Run("kubectl get pod -l app=nginx"),
              "NAME    READY   STATUS    RESTARTS   AGE\n"
              "web-0   1/1     Running   0          9s\n"
              "web-1   1/1     Running   0          6s\n");
    EXPECT_EQ(Run("kubectl get statefulset web"), "NAME   READY   AGE\nweb    2/2     10s\n");
    EXPECT_EQ(Run("kubectl get service nginx"),
              "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
              "nginx   ClusterIP   None         <none>        80/TCP    10s\n");
    EXPECT_EQ(Run("kubectl get all"),
              "NAME        READY   STATUS    RESTARTS   AGE\n"
              "pod/web-0   1/1     Running   0          9s\n"
              "pod/web-1   1/1     Running   0          6s\n"
              "\n"
              "NAME            TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
              "service/nginx   ClusterIP   None         <none>        80/TCP    10s\n"
              "\n"
              "NAME                   READY   AGE\n"
              "statefulset.apps/web   2/2     10s\n");
    EXPECT_EQ(Run("kubectl get sts -o wide"),
              "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    2/2     10s   nginx        nginx:latest\n");
    EXPECT_EQ(Run("kubectl get po -A --show-labels"),
              "NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS\n"
              "default     web-0   1/1     Running   0          9s    "
              "app=nginx,controller-revision-hash=" +
                  cluster_.Find("pods", "default", "web-0")->Path("metadata.labels").GetString("controller-revision-hash") +
                  ",statefulset.kubernetes.io/pod-name=web-0\n"
                  "default     web-1   1/1     Running   0          6s    app=nginx,controller-revision-hash=" +
                  cluster_.Find("pods", "default", "web-1")->Path("metadata.labels").GetString("controller-revision-hash") +
                  ",statefulset.kubernetes.io/pod-name=web-1\n");
    EXPECT_EQ(Run("kubectl get pods,svc -o name"), "pod/web-0\npod/web-1\nservice/nginx\n");
    EXPECT_EQ(Run("kubectl get pod web-0 web-9 -o name"),
              "pod/web-0\nError from server (NotFound): pods \"web-9\" not found\n");
}

TEST_F(KubectlTest, NoResourcesMessages) {
    EXPECT_EQ(Run("kubectl get pods"), "No resources found in default namespace.\n");
    EXPECT_EQ(console_->last_status(), 0);
    EXPECT_EQ(Run("kubectl get pods -n other"), "No resources found in other namespace.\n");
    EXPECT_EQ(Run("kubectl get pods -A"), "No resources found\n");
    EXPECT_EQ(Run("kubectl get pv"), "No resources found\n");
    EXPECT_EQ(Run("kubectl get pods -o yaml"), "apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: \"\"\n");
    EXPECT_EQ(Run("kubectl get pvc www-web-0"),
              "Error from server (NotFound): persistentvolumeclaims \"www-web-0\" not found\n");
    EXPECT_EQ(Run("kubectl get foo"), "error: the server doesn't have a resource type \"foo\"\n");
    EXPECT_EQ(Run("kubectl get sts web --ignore-not-found"), "");
}

TEST_F(KubectlTest, SortBy) {
    for (const char* n : {"b", "a", "c"}) {
        cluster_.Put("configmaps", Value::MakeObject({{"metadata", Value::MakeObject({{"name", n}})},
                                                      {"data", Value::MakeObject({{"k", std::string(n) == "a" ? "3" : "1"}})}}));
    }
    EXPECT_EQ(Run("kubectl get cm --sort-by=.metadata.name -o name"), "configmap/a\nconfigmap/b\nconfigmap/c\n");
    EXPECT_EQ(Run("kubectl get cm --sort-by='{.data.k}' -o name"), "configmap/b\nconfigmap/c\nconfigmap/a\n");
    EXPECT_EQ(Run("kubectl get cm --sort-by=.metadata.nope -o name"),
              "error: couldn't find any field with path \"{.metadata.nope}\" in the list of objects\n");
    EXPECT_EQ(Run("kubectl get cm -o name --sort-by='{.a}{.b}'"),
              "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or "
              "'{.name1.name2}'\n");
}

TEST_F(KubectlTest, WatchPrintsRowsWithRememberedWidthsAndEndsWhenIdle) {
    Deploy();
    Run("kubectl scale sts web --replicas=3");
    console_->Input("kubectl get pod -l app=nginx --watch");
    std::string out = console_->TakeOutput();
    EXPECT_EQ(out,
              "NAME    READY   STATUS    RESTARTS   AGE\n"
              "web-0   1/1     Running   0          9s\n"
              "web-1   1/1     Running   0          6s\n");
    EXPECT_TRUE(console_->Busy());
    ASSERT_TRUE(console_->WakeTime().has_value());
    EXPECT_EQ(*console_->WakeTime(), cluster_.Now() + Seconds(60));
    for (int i = 0; i < 5; ++i) Step();
    out = console_->TakeOutput();
    EXPECT_EQ(out,
              "web-2   0/1     Pending   0          0s\n"
              "web-2   0/1     ContainerCreating   0          1s\n"
              "web-2   1/1     Running             0          2s\n");
    for (int i = 0; i < 70 && console_->Busy(); ++i) Step();
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(console_->last_status(), 0);
}

TEST_F(KubectlTest, WatchWithEventsAndInterrupt) {
    Deploy();
    console_->Input("kubectl get sts web -w --output-watch-events");
    EXPECT_EQ(console_->TakeOutput(), "EVENT      NAME   READY   AGE\nADDED      web    2/2     10s\n");
    Value sts = *cluster_.Find("statefulsets", "default", "web");
    sts["spec"].Set("replicas", Value(static_cast<int64_t>(1)));
    cluster_.Put("statefulsets", sts);
    console_->Poll();
    std::string out = console_->TakeOutput();
    EXPECT_NE(out.find("MODIFIED   web    2/1"), std::string::npos) << out;
    console_->Interrupt();
    EXPECT_EQ(console_->TakeOutput(), "^C\n");
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(console_->last_status(), 130);
    EXPECT_EQ(cluster_.watch_count(), 0);
}

// [SECTION] scale / patch / label

TEST_F(KubectlTest, ScaleAndPatchMessages) {
    Deploy();
    EXPECT_EQ(Run("kubectl scale statefulset web --replicas=5"), "statefulset.apps/web scaled\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")->Path("spec").GetInt("replicas"), 5);
    EXPECT_EQ(Run("kubectl scale sts web"), "error: required flag(s) \"replicas\" not set\n");
    EXPECT_EQ(Run("kubectl scale sts nope --replicas=1"),
              "error: no objects passed to scale statefulsets.apps \"nope\" not found\n");
    EXPECT_EQ(Run("kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'"), "statefulset.apps/web patched\n");
    EXPECT_EQ(Run("kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'"), "statefulset.apps/web patched (no change)\n");
    EXPECT_EQ(Run("kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
                  "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx:1.20\"}]'"),
              "statefulset.apps/web patched\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")->Path("spec.template.spec.containers").items()[0].GetString("image"),
              "registry.k8s.io/nginx:1.20");
    EXPECT_EQ(Run("kubectl patch sts web --type=foo -p '{}'"),
              "error: --type must be one of [json merge strategic], not \"foo\"\n");
    EXPECT_EQ(Run("kubectl patch sts nope -p '{}'"), "Error from server (NotFound): statefulsets.apps \"nope\" not found\n");
    EXPECT_EQ(Run("kubectl label sts web tier=web"), "statefulset.apps/web labeled\n");
    EXPECT_EQ(Run("kubectl label sts web tier=db"),
              "error: 'tier' already has a value (web), and --overwrite is false\n");
    EXPECT_EQ(Run("kubectl label sts web tier-"), "statefulset.apps/web unlabeled\n");
    EXPECT_EQ(Run("kubectl annotate sts web note=x"), "statefulset.apps/web annotated\n");
}

// [SECTION] rollout / wait

// Every writing command reads --dry-run the same way (cmdutil.GetDryRunStrategy): a client dry
// run sends nothing, a bare --dry-run is the deprecated form, an unknown value is refused.
TEST_F(KubectlTest, DryRunIsReadAlikeByEveryWritingCommand) {
    Deploy();
    const std::string before = cluster_.Find("statefulsets", "default", "web")->Get("metadata").GetString("resourceVersion");
    EXPECT_EQ(Run("kubectl rollout restart sts web --dry-run=client"), "statefulset.apps/web restarted (dry run)\n");
    EXPECT_EQ(Run("kubectl scale sts web --replicas=5 --dry-run=client"), "statefulset.apps/web scaled (dry run)\n");
    EXPECT_EQ(Run("kubectl label sts web tier=x --dry-run=client"), "statefulset.apps/web labeled (dry run)\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")->Get("metadata").GetString("resourceVersion"), before);
    for (const char* line : {"kubectl rollout restart sts web --dry-run=maybe", "kubectl set image sts/web nginx=nginx:2 --dry-run=maybe",
                             "kubectl cordon kind-worker --dry-run=maybe"}) {
        EXPECT_EQ(Run(line), "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n") << line;
    }
}

TEST_F(KubectlTest, RolloutStatusPrintsEveryEvaluation) {
    Deploy();
    Run("kubectl patch sts web --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\","
        "\"value\":\"nginx:1.27\"}]'");
    std::string out = Run("kubectl rollout status statefulset web");
    EXPECT_EQ(out.substr(0, out.find('\n') + 1), "Waiting for statefulset spec update to be observed...\n");
    EXPECT_EQ(out.substr(out.rfind('\n', out.size() - 2) + 1), "partitioned roll out complete: 2 new pods have been updated...\n");
    EXPECT_NE(out.find("Waiting for 1 pods to be ready...\n"), std::string::npos) << out;
    EXPECT_NE(out.find("Waiting for partitioned roll out to finish: 1 out of 2 new pods have been updated...\n"),
              std::string::npos) << out;
    EXPECT_EQ(console_->last_status(), 0);
    EXPECT_EQ(Run("kubectl rollout status sts/web"), "partitioned roll out complete: 2 new pods have been updated...\n");
    EXPECT_EQ(Run("kubectl rollout status pod/web-0"), "error: no status viewer has been implemented for Pod\n");
    EXPECT_EQ(Run("kubectl rollout status sts nope"), "Error from server (NotFound): statefulsets.apps \"nope\" not found\n");
    Run("kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"type\":\"OnDelete\",\"rollingUpdate\":null}}}'");
    EXPECT_EQ(Run("kubectl rollout status sts web"), "error: rollout status is only available for RollingUpdate strategy type\n");
}

TEST_F(KubectlTest, RolloutStatusTimesOut) {
    Deploy();
    Run("kubectl scale sts web --replicas=3");
    cluster_.pending = Minutes(60);  // the new pod never starts
    std::string out = Run("kubectl rollout status sts web --timeout=30s", 120);
    EXPECT_EQ(out.substr(out.rfind('\n', out.size() - 2) + 1), "error: timed out waiting for the condition\n");
    EXPECT_EQ(console_->last_status(), 1);
}

TEST_F(KubectlTest, RolloutHistoryUndoRestart) {
    Deploy();
    const Value* sts = cluster_.Find("statefulsets", "default", "web");
    std::string uid = sts->Path("metadata.uid").AsString();
    Value tmpl1 = sts->Path("spec.template");
    Value tmpl2 = tmpl1;
    tmpl2["spec"]["containers"][0].Set("image", "nginx:2");
    for (int rev = 1; rev <= 2; ++rev) {
        Value t = rev == 1 ? tmpl1 : tmpl2;
        t.Set("$patch", "replace");
        Value cr = Value::MakeObject(
            {{"metadata", Value::MakeObject({{"name", "web-rev" + std::to_string(rev)},
                                             {"labels", Value::MakeObject({{"app", "nginx"}})},
                                             {"ownerReferences", Value::MakeArray({Value::MakeObject(
                                                                     {{"apiVersion", "apps/v1"}, {"kind", "StatefulSet"},
                                                                      {"name", "web"}, {"uid", uid}, {"controller", true}})})}})},
             {"revision", Value(static_cast<int64_t>(rev))},
             {"data", Value::MakeObject({{"spec", Value::MakeObject({{"template", t}})}})}});
        cluster_.Put("controllerrevisions", cr);
    }
    EXPECT_EQ(Run("kubectl rollout history sts web"),
              "statefulset.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    std::string rev1 = Run("kubectl rollout history sts/web --revision=1");
    EXPECT_EQ(rev1.substr(0, rev1.find("  Containers")),
              "statefulset.apps/web with revision #1\nPod Template:\n  Labels:\tapp=nginx\n");
    EXPECT_NE(rev1.find("   nginx:\n    Image:\tnginx:latest\n"), std::string::npos) << rev1;
    EXPECT_NE(rev1.find("    Mounts:\n      /usr/share/nginx/html from www (rw)\n"), std::string::npos) << rev1;
    EXPECT_EQ(Run("kubectl rollout history sts web --revision=9"), "error: unable to find the specified revision\n");
    EXPECT_EQ(Run("kubectl rollout undo sts web --to-revision=1"),
              "statefulset.apps/web skipped rollback (current template already matches revision 1)\n");
    EXPECT_EQ(Run("kubectl rollout undo sts web --to-revision=2"), "statefulset.apps/web rolled back\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")->Path("spec.template.spec.containers").items()[0].GetString("image"),
              "nginx:2");
    EXPECT_EQ(Run("kubectl rollout undo sts web --to-revision=7"), "error: unable to find specified revision 7 in history\n");
    EXPECT_EQ(Run("kubectl rollout restart sts web"), "statefulset.apps/web restarted\n");
    EXPECT_EQ(cluster_.Find("statefulsets", "default", "web")
                  ->Path("spec.template.metadata.annotations")
                  .GetString("kubectl.kubernetes.io/restartedAt"),
              FormatRfc3339(cluster_.Now()));
    EXPECT_EQ(Run("kubectl rollout pause sts web"), "error: statefulsets.apps \"web\" pausing is not supported\n");
    EXPECT_EQ(Run("kubectl rollout foo sts web"),
              "error: unknown command \"foo sts web\"\nSee 'kubectl rollout -h' for help and examples\n");
}

TEST_F(KubectlTest, GetSubresourceScaleShowsTheScaleObject) {
    // e2e "should have a working scale subresource": GET statefulsets/web/scale.
    Deploy();
    const Value* sts = cluster_.Find("statefulsets", "default", "web");
    ASSERT_NE(sts, nullptr);
    const std::string ready = std::to_string(sts->Path("status").GetInt("replicas"));
    EXPECT_EQ(Run("kubectl get sts web --subresource=scale"),
              "NAME   DESIRED   AVAILABLE\nweb    2         " + ready + "\n");
    EXPECT_EQ(Run("kubectl get sts web --subresource=scale -o jsonpath='{.kind} {.apiVersion} {.spec.replicas} "
                  "{.status.selector}'"),
              "Scale autoscaling/v1 2 app=nginx");
    EXPECT_EQ(Run("kubectl get sts web --subresource=status -o jsonpath='{.kind}'"), "StatefulSet");
    EXPECT_EQ(Run("kubectl get svc nginx --subresource=scale"),
              "Error from server (NotFound): the server could not find the requested resource\n");
    EXPECT_EQ(Run("kubectl get sts web --subresource=foo"),
              "error: invalid subresource value: \"foo\". Must be one of [status scale]\n");
}

TEST_F(KubectlTest, WaitForConditionAndTimeout) {
    Deploy();
    EXPECT_EQ(Run("kubectl wait --for=condition=Ready pod/web-0"), "pod/web-0 condition met\n");
    EXPECT_EQ(Run("kubectl wait --for=condition=Ready pod -l app=nginx"), "pod/web-0 condition met\npod/web-1 condition met\n");
    EXPECT_EQ(Run("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web-1"), "pod/web-1 condition met\n");
    cluster_.Put("pods", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "stuck"}})}, {"spec", Value::MakeObject()},
                                            {"status", Value::MakeObject({{"phase", "Pending"}})}}));
    Time start = cluster_.Now();
    EXPECT_EQ(Run("kubectl wait --for=condition=Ready pod/stuck --timeout=20s"),
              "error: timed out waiting for the condition on pods/stuck\n");
    EXPECT_EQ(cluster_.Now() - start, Seconds(20));
    EXPECT_EQ(Run("kubectl wait --for=condition=Ready pod -l app=nope"), "error: no matching resources found\n");
    EXPECT_EQ(Run("kubectl wait --for=foo pod/web-0"), "error: unrecognized condition: \"foo\"\n");
    console_->Input("kubectl wait --for=delete pod/web-1 --timeout=60s");
    EXPECT_TRUE(console_->Busy());
    cluster_.Remove("pods", "default", "web-1");
    console_->Poll();
    EXPECT_EQ(console_->TakeOutput(), "pod/web-1 condition met\n");
}

TEST_F(KubectlTest, WaitForCreateWaitsForTheNamedObjectToExist) {
    Deploy();
    EXPECT_EQ(Run("kubectl wait --for=create pod/web-0"), "pod/web-0 condition met\n");
    console_->Input("kubectl wait --for=create pod/web-7 --timeout=60s");
    EXPECT_TRUE(console_->Busy());
    cluster_.Put("pods", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "web-7"}})}, {"spec", Value::MakeObject()},
                                            {"status", Value::MakeObject({{"phase", "Pending"}})}}));
    console_->Poll();
    EXPECT_EQ(console_->TakeOutput(), "pod/web-7 condition met\n");
    EXPECT_EQ(Run("kubectl wait --for=create pod/web-8 --timeout=5s"), "error: timed out waiting for the condition\n");
}

// [SECTION] exec / run / logs / version

TEST_F(KubectlTest, ExecRunsInTheContainerAndReportsExitCodes) {
    Deploy();
    cluster_.exec_handler = [](const std::string&, const std::string& pod, const std::string&,
                               const std::vector<std::string>& argv) {
        client::ExecResult r;
        if (argv.size() == 3 && argv[2] == "hostname") r.out = pod + "\n";
        else if (argv.size() == 3 && argv[2] == "false") r.exit_code = 1;
        return r;
    };
    EXPECT_EQ(Run("for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done"), "web-0\nweb-1\n");
    EXPECT_EQ(Run("kubectl exec web-0 -- sh -c false"), "command terminated with exit code 1\n");
    EXPECT_EQ(console_->last_status(), 1);
    EXPECT_EQ(Run("kubectl exec web-9 -- ls"), "Error from server (NotFound): pods \"web-9\" not found\n");
    EXPECT_EQ(Run("kubectl exex web-0 -- ls"),
              "error: unknown command \"exex\" for \"kubectl\"\n\nDid you mean this?\n\texec\n");
}

TEST_F(KubectlTest, RunCreatesAPodUnlessAttached) {
    EXPECT_EQ(Run("kubectl run nginx --image=nginx --restart=Never"), "pod/nginx created\n");
    const Value* pod = cluster_.Find("pods", "default", "nginx");
    ASSERT_NE(pod, nullptr);
    EXPECT_EQ(pod->Path("metadata.labels").GetString("run"), "nginx");
    EXPECT_EQ(pod->Path("spec").GetString("restartPolicy"), "Never");
    EXPECT_EQ(Run("kubectl run nginx --image=nginx"), "Error from server (AlreadyExists): pods \"nginx\" already exists\n");
    EXPECT_EQ(Run("kubectl run x --image='Bad Image'"),
              "error: Invalid image name \"Bad Image\": invalid reference format\nSee 'kubectl run -h' for help and examples\n");
}

TEST_F(KubectlTest, LogsAndVersion) {
    Deploy();
    cluster_.logs["default/web-0/nginx"] = "line 1\nline 2\nline 3\n";
    EXPECT_EQ(Run("kubectl logs web-0"), "line 1\nline 2\nline 3\n");
    EXPECT_EQ(Run("kubectl logs web-0 --tail=1"), "line 3\n");
    EXPECT_EQ(Run("kubectl version"), "Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.1\n");
}

// [SECTION] apply's patch

TEST(ApplyPatch, ThreeWayStrategicMerge) {
    manifest::Parsed a1 = manifest::ParseYaml(R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pt, labels: {a: "1", b: "2"}}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: c1
        image: nginx:1
        ports: [{containerPort: 80, name: web}, {containerPort: 81, name: x}]
        env: [{name: A, value: "1"}]
      - name: c2
        image: busybox
)");
    manifest::Parsed a2 = manifest::ParseYaml(R"(apiVersion: apps/v1
kind: StatefulSet
metadata: {name: pt, labels: {a: "1"}}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: c1
        image: nginx:2
        ports: [{containerPort: 80, name: web}]
        env: [{name: A, value: "1"}, {name: B, value: "2"}]
)");
    ASSERT_TRUE(a1.ok() && a2.ok());
    Value current = a1.value;
    current["spec"]["template"]["spec"]["containers"][0].Set("terminationMessagePath", "/dev/termination-log");
    current["metadata"].Set("uid", "u1");
    // kubectl 1.33 sends the same patch plus $setElementOrder directives.
    EXPECT_EQ(ThreeWayMergePatch(a1.value, a2.value, current).ToJson(),
              "{\"metadata\":{\"labels\":{\"b\":null}},\"spec\":{\"template\":{\"spec\":{\"containers\":["
              "{\"env\":[{\"name\":\"B\",\"value\":\"2\"}],\"image\":\"nginx:2\",\"name\":\"c1\","
              "\"ports\":[{\"$patch\":\"delete\",\"containerPort\":81}]},{\"$patch\":\"delete\",\"name\":\"c2\"}]}}}}");
    EXPECT_EQ(ThreeWayMergePatch(a2.value, a2.value, a2.value).ToJson(), "{}");
}

// [SECTION] API errors

TEST(ApiErrors, InvalidIsRewordedLikeKubectl) {
    client::ApiError e{422, "Invalid",
                       "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields "
                       "other than 'replicas', 'ordinals', 'template', 'updateStrategy', "
                       "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"};
    EXPECT_EQ(ApiErrorText(e),
              "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than "
              "'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and "
              "'minReadySeconds' are forbidden");
    client::ApiError many{422, "Invalid",
                          "StatefulSet.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or "
                          "equal to 0, spec.selector: Required value]"};
    EXPECT_EQ(ApiErrorText(many),
              "The StatefulSet \"web\" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to "
              "0\n* spec.selector: Required value");
    client::ApiError nf{404, "NotFound", "pods \"x\" not found"};
    EXPECT_EQ(ApiErrorWithSource(nf, "deleting", "web.yaml"),
              "Error from server (NotFound): error when deleting \"web.yaml\": pods \"x\" not found");
}

}  // namespace
}  // namespace sts::kubectl
