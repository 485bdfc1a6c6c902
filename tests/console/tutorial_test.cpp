// The source tutorial's walkthrough (shared/seed/README.md), command by command as a reader
// types it, against the fake cluster with its toy StatefulSet controller, and the container
// shell answering exec and the busybox pod's nslookup. Asserts the shapes real Kubernetes prints.
#include <gtest/gtest.h>

#include "cluster/container_shell.h"
#include "fake_cluster.h"
#include "kubectl/console.h"
#include "shell/shell.h"

namespace sts::kubectl {
namespace {

const char* kTutorialManifest = R"(apiVersion: v1
kind: Service
metadata:
  name: nginx
  labels:
    app: nginx
spec:
  ports:
  - port: 80
    name: web
  clusterIP: None        # "None" makes this a headless Service
  selector:
    app: nginx           # the Service selects Pods labelled app=nginx
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"   # the governing headless Service
  replicas: 2
  selector:
    matchLabels:
      app: nginx         # the StatefulSet manages Pods labelled app=nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:latest
        imagePullPolicy: IfNotPresent
        # a demonstration mount only; production would use volumeClaimTemplates
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
      volumes:
      - name: www
        hostPath:
          path: /mnt     # a directory on each node, mounted into the container
)";

// A pod's view of the fake cluster for the container shell.
class PodEnv : public cluster::ContainerEnvironment {
public:
    PodEnv(testing::FakeCluster* c, std::string pod, std::string image) : c_(c), pod_(std::move(pod)), image_(std::move(image)) {}
    std::string Image() const override { return image_; }
    std::string Hostname() const override { return pod_; }
    std::string Fqdn() const override { return pod_ + ".nginx.default.svc.cluster.local"; }
    std::string PodIp() const override {
        const Value* p = c_->Find("pods", "default", pod_);
        return p ? p->Path("status.podIP").AsString() : "";
    }
    std::map<std::string, std::string> Environment() const override { return {{"HOSTNAME", pod_}}; }
    bool ReadFile(const std::string& path, std::string* content) const override { return files_.ReadFile(path, content); }
    std::string WriteFile(const std::string& path, std::string_view content, bool append) override {
        return files_.WriteFile(path, content, append);
    }
    bool ListDir(const std::string& path, std::vector<std::string>* names) const override {
        return files_.ListDir(path, names);
    }
    Time Now() const override { return c_->Now(); }
    cluster::DnsServer Nameserver() const override { return {"10.96.0.10", "kube-dns.kube-system.svc.cluster.local"}; }
    cluster::DnsAnswer Lookup(const std::string& name) const override {
        cluster::DnsAnswer a;
        // "<pod>.nginx" from the default namespace, ready pods only.
        size_t dot = name.find('.');
        if (dot == std::string::npos || name.substr(dot + 1) != "nginx") return a;
        const Value* p = c_->Find("pods", "default", name.substr(0, dot));
        if (!p || p->Path("status.phase").AsString() != "Running") return a;
        a.found = true;
        a.addresses = {p->Path("status.podIP").AsString()};
        a.ptr_names = {name + ".default.svc.cluster.local"};
        return a;
    }
    cluster::HttpResult HttpGet(const std::string&, int, const std::string&) override {
        cluster::HttpResult r;
        r.body = cluster::NginxWelcomePage();
        return r;
    }

private:
    testing::FakeCluster* c_;
    std::string pod_;
    std::string image_;
    shell::MemoryFileSystem files_;
};

class TutorialTest : public ::testing::Test {
protected:
    void SetUp() override {
        fs_.Put("nginx-statefulset.yaml", kTutorialManifest);
        cluster_.exec_handler = [this](const std::string&, const std::string& pod, const std::string&,
                                       const std::vector<std::string>& argv) {
            const Value* p = cluster_.Find("pods", "default", pod);
            std::string image = p->Path("spec.containers").items()[0].GetString("image");
            PodEnv env(&cluster_, pod, image);
            cluster::ContainerShell sh(&env);
            cluster::ContainerExecResult r = sh.Exec(argv);
            client::ExecResult out;
            out.out = r.out;
            out.err = r.err;
            out.exit_code = r.exit_code;
            return out;
        };
        console_ = std::make_unique<Console>(&cluster_, &fs_);
    }

    // One simulated second: the toy controller, a toy kubelet for pods it does not own.
    void Step() {
        cluster_.Advance(Seconds(1));
        cluster_.Tick();
        const Value* dns = cluster_.Find("pods", "default", "dns-test");
        if (dns && dns->Path("status.phase").AsString() == "Pending") {
            Value p = *dns;
            p["status"].Set("phase", "Running");
            p["status"].Set("podIP", "10.244.2.9");
            p["status"].Set("conditions", Value::MakeArray({Value::MakeObject({{"type", "Ready"}, {"status", "True"}})}));
            cluster_.Put("pods", p);
        }
        console_->Poll();
    }
    std::string Run(const std::string& line) {
        console_->Input(line);
        for (int i = 0; i < 900 && console_->Busy(); ++i) Step();
        return console_->TakeOutput();
    }
    void Settle(int seconds) {
        for (int i = 0; i < seconds; ++i) Step();
    }

    testing::FakeCluster cluster_;
    shell::MemoryFileSystem fs_;
    std::unique_ptr<Console> console_;
};

TEST_F(TutorialTest, Walkthrough) {
    // 1. apply
    EXPECT_EQ(Run("kubectl apply -f nginx-statefulset.yaml"), "service/nginx created\nstatefulset.apps/web created\n");
    Settle(170);
    // 2-4. the objects
    std::string pods = Run("kubectl get pod -l app=nginx");
    EXPECT_EQ(pods,
              "NAME    READY   STATUS    RESTARTS   AGE\n"
              "web-0   1/1     Running   0          2m49s\n"
              "web-1   1/1     Running   0          2m46s\n");
    EXPECT_EQ(Run("kubectl get statefulset web"), "NAME   READY   AGE\nweb    2/2     2m50s\n");
    EXPECT_EQ(Run("kubectl get service nginx"),
              "NAME    TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n"
              "nginx   ClusterIP   None         <none>        80/TCP    2m50s\n");
    // 5. stable hostnames
    EXPECT_EQ(Run("for i in 0 1; do kubectl exec \"web-$i\" -- sh -c 'hostname'; done"), "web-0\nweb-1\n");
    // 6. a busybox pod and nslookup at its prompt
    console_->Input("kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm");
    EXPECT_TRUE(console_->Busy());
    for (int i = 0; i < 10 && console_->Busy(); ++i) Step();
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(console_->Prompt(), "/ # ");
    EXPECT_EQ(console_->TakeOutput(), "If you don't see a command prompt, try pressing enter.\n");
    std::string ip = cluster_.Find("pods", "default", "web-0")->Path("status.podIP").AsString();
    console_->Input("nslookup web-0.nginx");
    EXPECT_EQ(console_->TakeOutput(),
              "Server:    10.96.0.10\n"
              "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
              "\n"
              "Name:      web-0.nginx\n"
              "Address 1: " + ip + " web-0.nginx.default.svc.cluster.local\n");
    console_->Input("nslookup web-3.nginx");
    EXPECT_EQ(console_->TakeOutput(),
              "Server:    10.96.0.10\n"
              "Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n"
              "\n"
              "nslookup: can't resolve 'web-3.nginx'\n");
    console_->Input("exit");
    EXPECT_EQ(console_->TakeOutput(), "pod \"dns-test\" deleted\n");
    EXPECT_EQ(console_->Prompt(), "$ ");
    EXPECT_EQ(cluster_.Find("pods", "default", "dns-test"), nullptr);
    // 7. scale up, watched: web-2, web-3, web-4 one after another, lowest first.
    EXPECT_EQ(Run("kubectl scale statefulset web --replicas=5"), "statefulset.apps/web scaled\n");
    std::string watch = Run("kubectl get pod -l app=nginx --watch");
    size_t w2 = watch.find("web-2   0/1     Pending");
    size_t w3 = watch.find("web-3   0/1     Pending");
    size_t w4 = watch.find("web-4   0/1     Pending");
    ASSERT_NE(w2, std::string::npos) << watch;
    ASSERT_NE(w3, std::string::npos) << watch;
    ASSERT_NE(w4, std::string::npos) << watch;
    EXPECT_LT(w2, w3);
    EXPECT_LT(w3, w4);
    EXPECT_LT(watch.find("web-2   1/1     Running"), w3) << watch;
    EXPECT_EQ(watch.substr(0, watch.find('\n') + 1), "NAME    READY   STATUS    RESTARTS   AGE\n");
    // 8. scale down by patch: web-4 terminates before web-3.
    EXPECT_EQ(Run("kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'"), "statefulset.apps/web patched\n");
    watch = Run("kubectl get pod -l app=nginx --watch");
    size_t t4 = watch.find("web-4   1/1     Terminating");
    size_t t3 = watch.find("web-3   1/1     Terminating");
    ASSERT_NE(t4, std::string::npos) << watch;
    ASSERT_NE(t3, std::string::npos) << watch;
    EXPECT_LT(t4, t3);
    // 9. rolling update
    EXPECT_EQ(Run("kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
                  "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx:1.20\"}]'"),
              "statefulset.apps/web patched\n");
    std::string status = Run("kubectl rollout status statefulset web");
    EXPECT_EQ(status.substr(status.rfind('\n', status.size() - 2) + 1),
              "partitioned roll out complete: 3 new pods have been updated...\n");
    // 10. every pod runs the new image
    EXPECT_EQ(Run("for p in 0 1 2; do kubectl get pod \"web-$p\" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done"),
              "registry.k8s.io/nginx:1.20\nregistry.k8s.io/nginx:1.20\nregistry.k8s.io/nginx:1.20\n");
    // The tutorial's typos are rejected with kubectl's suggestion.
    EXPECT_EQ(Run("kubectl sacale statefulset web --replicas=5"),
              "error: unknown command \"sacale\" for \"kubectl\"\n\nDid you mean this?\n\tscale\n");
    EXPECT_EQ(Run("kubectl exex web-0 -- hostname"),
              "error: unknown command \"exex\" for \"kubectl\"\n\nDid you mean this?\n\texec\n");
}

TEST_F(TutorialTest, TranscriptOfAPodShellSession) {
    Run("kubectl apply -f nginx-statefulset.yaml");
    Settle(20);
    console_->set_transcript(true);
    console_->Input("kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm");
    for (int i = 0; i < 10 && console_->Busy(); ++i) Step();
    console_->Input("hostname");
    console_->Input("exit");
    EXPECT_EQ(console_->TakeOutput(),
              "$ kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm\n"
              "If you don't see a command prompt, try pressing enter.\n"
              "/ # hostname\n"
              "dns-test\n"
              "/ # exit\n"
              "pod \"dns-test\" deleted\n");
}

}  // namespace
}  // namespace sts::kubectl
