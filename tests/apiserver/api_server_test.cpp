// The API server's generic registry: identity, defaulting, validation messages, graceful
// deletion and finalizers, strict decoding, the scale subresource.
#include <gtest/gtest.h>

#include "apiserver/api_server.h"
#include "apiserver/resources.h"

namespace sts::apiserver {
namespace {

class FixedClock : public Clock {
public:
    Time now = kSimulationEpoch;
    Time Now() const override { return now; }
};

class ApiServerTest : public ::testing::Test {
protected:
    ApiServerTest() : server(clock, 1) {
        for (const char* ns : {"default", "kube-system"}) {
            k8s::Namespace obj;
            obj.metadata.name = ns;
            server.namespaces().Create(obj);
        }
    }

    // The tutorial's StatefulSet as a user would write it.
    static Value TutorialStatefulSet() {
        Value sts = Value::MakeObject();
        sts["apiVersion"] = "apps/v1";
        sts["kind"] = "StatefulSet";
        sts["metadata"]["name"] = "web";
        sts["spec"]["serviceName"] = "nginx";
        sts["spec"]["replicas"] = 2;
        sts["spec"]["selector"]["matchLabels"]["app"] = "nginx";
        sts["spec"]["template"]["metadata"]["labels"]["app"] = "nginx";
        Value container = Value::MakeObject({{"name", "nginx"}, {"image", "nginx:latest"}});
        sts["spec"]["template"]["spec"]["containers"].Push(container);
        return sts;
    }

    const client::ResourceInfo& Sts() { return *ResourceForKind("StatefulSet"); }

    // A pod in default with one nginx container, as a user would create it.
    static k8s::Pod OneContainerPod(const std::string& name) {
        k8s::Pod pod;
        pod.metadata.namespace_ = "default";
        pod.metadata.name = name;
        k8s::Container c;
        c.name = "c";
        c.image = "nginx:1.27";
        pod.spec.Mut().containers.push_back(c);
        return pod;
    }

    FixedClock clock;
    ApiServer server;
};

TEST_F(ApiServerTest, CreateAssignsIdentityAndAppsV1Defaults) {
    auto r = server.Create(Sts(), "default", TutorialStatefulSet(), {});
    ASSERT_TRUE(r.ok()) << r.error.message;
    const Value& obj = r.value;
    EXPECT_EQ(obj.Path("metadata.generation").AsInt(), 1);
    EXPECT_EQ(obj.Path("metadata.uid").AsString().size(), 36u);
    EXPECT_EQ(obj.Path("metadata.creationTimestamp").AsString(), "2026-01-01T00:00:00Z");
    EXPECT_EQ(obj.Path("spec.podManagementPolicy").AsString(), "OrderedReady");
    EXPECT_EQ(obj.Path("spec.revisionHistoryLimit").AsInt(), 10);
    EXPECT_EQ(obj.Path("spec.updateStrategy.type").AsString(), "RollingUpdate");
    EXPECT_EQ(obj.Path("spec.updateStrategy.rollingUpdate.partition").AsInt(), 0);
    EXPECT_EQ(obj.Path("spec.persistentVolumeClaimRetentionPolicy.whenScaled").AsString(), "Retain");
    const Value& c = obj.Path("spec.template.spec.containers")[0];
    EXPECT_EQ(c.GetString("imagePullPolicy"), "Always");  // :latest
    EXPECT_EQ(c.GetString("terminationMessagePath"), "/dev/termination-log");
    EXPECT_TRUE(c.Get("resources").IsObject());
    EXPECT_EQ(obj.Path("spec.template.spec.terminationGracePeriodSeconds").AsInt(), 30);
    EXPECT_TRUE(obj.Path("spec.template.metadata").Has("creationTimestamp"));
    EXPECT_TRUE(obj.Path("spec.template.metadata.creationTimestamp").IsNull());
    EXPECT_EQ(obj.Path("status.replicas").AsInt(), 0);
    EXPECT_TRUE(obj.Path("status").Has("availableReplicas"));
}

TEST_F(ApiServerTest, TypeRollingUpdateWithoutRollingUpdateStaysNil) {
    Value sts = TutorialStatefulSet();
    sts["spec"]["updateStrategy"]["type"] = "RollingUpdate";
    auto r = server.Create(Sts(), "default", sts, {});
    ASSERT_TRUE(r.ok()) << r.error.message;
    EXPECT_FALSE(r.value.Path("spec.updateStrategy").Has("rollingUpdate"));
}

TEST_F(ApiServerTest, InvalidNameIsRejectedWithTheApiServersWords) {
    Value sts = TutorialStatefulSet();
    sts["metadata"]["name"] = "Web";
    auto r = server.Create(Sts(), "default", sts, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.reason, "Invalid");
    EXPECT_EQ(r.error.message,
              "StatefulSet.apps \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 "
              "label must consist of lower case alphanumeric characters or '-', and must start and end with an "
              "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
              "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
    EXPECT_EQ(server.statefulsets().Size(), 0u);
}

TEST_F(ApiServerTest, SelectorMustMatchTemplateLabels) {
    Value sts = TutorialStatefulSet();
    sts["spec"]["template"]["metadata"]["labels"]["app"] = "nginx2";
    auto r = server.Create(Sts(), "default", sts, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.message,
              "StatefulSet.apps \"web\" is invalid: spec.template.metadata.labels: Invalid value: "
              "map[string]string{\"app\":\"nginx2\"}: `selector` does not match template `labels`");
}

TEST_F(ApiServerTest, SeveralErrorsAreBracketed) {
    Value sts = TutorialStatefulSet();
    sts["spec"]["replicas"] = -1;
    sts["spec"]["podManagementPolicy"] = "Sometimes";
    auto r = server.Create(Sts(), "default", sts, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.message,
              "StatefulSet.apps \"web\" is invalid: [spec.podManagementPolicy: Invalid value: \"Sometimes\": must "
              "be 'OrderedReady' or 'Parallel', spec.replicas: Invalid value: -1: must be greater than or equal "
              "to 0]");
}

TEST_F(ApiServerTest, StrictDecodingRejectsUnknownFieldsAndWrongTypes) {
    Value sts = TutorialStatefulSet();
    sts["spec"]["replicaz"] = 3;
    auto r = server.Create(Sts(), "default", sts, {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.reason, "BadRequest");
    EXPECT_EQ(r.error.message,
              "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: strict decoding error: unknown "
              "field \"spec.replicaz\"");
    sts = TutorialStatefulSet();
    sts["spec"]["replicas"] = "3";
    r = server.Create(Sts(), "default", sts, {});
    EXPECT_EQ(r.error.message,
              "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal string "
              "into Go struct field StatefulSetSpec.spec.replicas of type int32");
    sts = TutorialStatefulSet();
    sts["spec"]["template"]["spec"]["containers"][0]["image"] = 7;
    r = server.Create(Sts(), "default", sts, {});
    EXPECT_EQ(r.error.message,
              "StatefulSet in version \"v1\" cannot be handled as a StatefulSet: json: cannot unmarshal number "
              "into Go struct field Container.spec.template.spec.containers.image of type string");
}

TEST_F(ApiServerTest, ImmutableFieldsGiveTheForbiddenMessage) {
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    auto current = server.Get(Sts(), "default", "web");
    Value changed = current.value;
    changed["spec"]["serviceName"] = "other";
    auto r = server.Update(Sts(), "default", changed, "", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.message,
              "StatefulSet.apps \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other "
              "than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
              "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
    EXPECT_EQ(server.statefulsets().Get("default", "web")->spec.service_name, "nginx");
}

TEST_F(ApiServerTest, SpecChangesBumpGenerationButNoOpWritesDoNot) {
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    auto before = server.statefulsets().Get("default", "web");
    auto same = server.Update(Sts(), "default", server.Get(Sts(), "default", "web").value, "", {});
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(server.statefulsets().Get("default", "web"), before);  // no new version stored
    Value scaled = server.Get(Sts(), "default", "web").value;
    scaled["spec"]["replicas"] = 5;
    ASSERT_TRUE(server.Update(Sts(), "default", scaled, "", {}).ok());
    auto after = server.statefulsets().Get("default", "web");
    EXPECT_EQ(after->metadata.generation, 2);
    EXPECT_NE(after->metadata.resource_version, before->metadata.resource_version);
}

TEST_F(ApiServerTest, StaleResourceVersionConflicts) {
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    Value stale = server.Get(Sts(), "default", "web").value;
    Value fresh = stale;
    fresh["spec"]["replicas"] = 3;
    ASSERT_TRUE(server.Update(Sts(), "default", fresh, "", {}).ok());
    stale["spec"]["replicas"] = 4;
    auto r = server.Update(Sts(), "default", stale, "", {});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error.reason, "Conflict");
    EXPECT_EQ(r.error.message,
              "Operation cannot be fulfilled on statefulsets.apps \"web\": the object has been modified; please "
              "apply your changes to the latest version and try again");
}

TEST_F(ApiServerTest, ScaleSubresourceReadsAndWritesReplicas) {
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    auto scale = server.Get(Sts(), "default", "web", "scale");
    ASSERT_TRUE(scale.ok());
    EXPECT_EQ(scale.value.GetString("kind"), "Scale");
    EXPECT_EQ(scale.value.Path("spec.replicas").AsInt(), 2);
    EXPECT_EQ(scale.value.Path("status.selector").AsString(), "app=nginx");
    Value patch = Value::MakeObject();
    patch["spec"]["replicas"] = 5;
    auto r = server.Patch(Sts(), "default", "web", client::PatchType::kMerge, patch, "scale", {});
    ASSERT_TRUE(r.ok()) << r.error.message;
    EXPECT_EQ(server.statefulsets().Get("default", "web")->spec.replicas.value_or(0), 5);
    EXPECT_EQ(server.statefulsets().Get("default", "web")->metadata.generation, 2);
}

TEST_F(ApiServerTest, NotFoundAndAlreadyExistMessages) {
    auto r = server.Get(Sts(), "default", "nope");
    EXPECT_EQ(r.error.message, "statefulsets.apps \"nope\" not found");
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    r = server.Create(Sts(), "default", TutorialStatefulSet(), {});
    EXPECT_EQ(r.error.reason, "AlreadyExists");
    EXPECT_EQ(r.error.message, "statefulsets.apps \"web\" already exists");
    r = server.Create(Sts(), "nowhere", TutorialStatefulSet(), {});
    EXPECT_EQ(r.error.message, "namespaces \"nowhere\" not found");
}

// The store finds "ns/name" without building the key: namespaces that are prefixes of one
// another and names on both sides of '/' must each find their own object and list in key order.
TEST_F(ApiServerTest, ObjectsAreFoundByNamespaceAndNameAcrossPrefixNamespaces) {
    for (const char* ns : {"a", "a-b", "a0", "ab"}) {
        k8s::Namespace obj;
        obj.metadata.name = ns;
        ASSERT_TRUE(server.namespaces().Create(obj).ok());
    }
    const std::vector<std::pair<std::string, std::string>> keys = {
        {"a", "b"}, {"a", "b.c"}, {"a", "b-c"}, {"a-b", "c"}, {"a0", "x"}, {"ab", "c"}, {"a", "0"}};
    for (const auto& [ns, name] : keys) {
        k8s::Endpoints ep;
        ep.metadata.namespace_ = ns;
        ep.metadata.name = name;
        ASSERT_TRUE(server.endpoints().Create(ep).ok()) << ns << "/" << name;
    }
    for (const auto& [ns, name] : keys) {
        auto got = server.endpoints().Get(ns, name);
        ASSERT_TRUE(got) << ns << "/" << name;
        EXPECT_EQ(got->metadata.namespace_, ns);
        EXPECT_EQ(got->metadata.name, name);
    }
    EXPECT_FALSE(server.endpoints().Get("a", "b/c"));
    EXPECT_FALSE(server.endpoints().Get("a-b", "b"));
    EXPECT_FALSE(server.endpoints().Get("", "b"));
    std::vector<std::string> in_a;
    for (const auto& ep : server.endpoints().List("a")) in_a.push_back(ep->metadata.name);
    EXPECT_EQ(in_a, (std::vector<std::string>{"0", "b", "b-c", "b.c"}));
    ASSERT_TRUE(server.endpoints().Delete("a", "b-c").ok());
    EXPECT_FALSE(server.endpoints().Get("a", "b-c"));
    EXPECT_TRUE(server.endpoints().Get("a", "b.c"));
}

TEST_F(ApiServerTest, ScheduledPodsDeleteGracefullyAndFinalizersHoldObjects) {
    k8s::Pod pod;
    pod.metadata.namespace_ = "default";
    pod.metadata.name = "p";
    k8s::Container c;
    c.name = "c";
    c.image = "busybox:1.28";
    pod.spec.Mut().containers.push_back(c);
    k8s::Node node;
    node.metadata.name = "n1";
    server.nodes().Create(node);
    ASSERT_TRUE(server.pods().Create(pod).ok());
    ASSERT_TRUE(server.BindPod("default", "p", "n1").ok());
    auto r = server.pods().Delete("default", "p");
    ASSERT_TRUE(r.ok());
    auto held = server.pods().Get("default", "p");
    ASSERT_TRUE(held);
    ASSERT_TRUE(held->metadata.deletion_timestamp);
    EXPECT_EQ(held->metadata.deletion_timestamp->ms, kSimulationEpoch + Seconds(30));
    // The kubelet's final delete removes it.
    client::DeleteOptions now;
    now.grace_period_seconds = 0;
    server.pods().Delete("default", "p", now);
    EXPECT_FALSE(server.pods().Get("default", "p"));

    // An object with a finalizer waits for it to be removed.
    k8s::Pod fin = pod;
    fin.metadata.name = "f";
    fin.metadata.finalizers = {"example.com/hold"};
    ASSERT_TRUE(server.pods().Create(fin).ok());
    server.pods().Delete("default", "f");
    ASSERT_TRUE(server.pods().Get("default", "f"));
    server.pods().RemoveFinalizer("default", "f", "example.com/hold");
    EXPECT_FALSE(server.pods().Get("default", "f"));
}

TEST_F(ApiServerTest, PodAdmissionAddsServiceAccountVolumeAndTolerations) {
    auto r = server.pods().Create(OneContainerPod("p"));
    ASSERT_TRUE(r.ok());
    const auto& spec = *r.value->spec;
    ASSERT_EQ(spec.volumes.size(), 1u);
    EXPECT_EQ(spec.volumes[0].name.rfind("kube-api-access-", 0), 0u);
    EXPECT_EQ(spec.containers[0].volume_mounts[0].mount_path, "/var/run/secrets/kubernetes.io/serviceaccount");
    EXPECT_EQ(spec.containers[0].image_pull_policy, "IfNotPresent");
    EXPECT_EQ(spec.tolerations->size(), 2u);
    EXPECT_EQ(spec.service_account_name, "default");
    EXPECT_EQ(r.value->status.phase, "Pending");
    EXPECT_EQ(r.value->status.qos_class, "BestEffort");
}

// DefaultTolerationSeconds: not-ready and unreachable for 300 s, unless the pod already
// tolerates them; pods without tolerations of their own share one list.
TEST_F(ApiServerTest, PodAdmissionAddsTheDefaultTolerationsOnlyWhereMissing) {
    auto a = server.pods().Create(OneContainerPod("a"));
    auto b = server.pods().Create(OneContainerPod("b"));
    ASSERT_TRUE(a.ok() && b.ok());
    const auto& defaults = *a.value->spec->tolerations;
    ASSERT_EQ(defaults.size(), 2u);
    EXPECT_EQ(defaults[0].key, "node.kubernetes.io/not-ready");
    EXPECT_EQ(defaults[1].key, "node.kubernetes.io/unreachable");
    for (const auto& t : defaults) {
        EXPECT_EQ(t.operator_, "Exists");
        EXPECT_EQ(t.effect, "NoExecute");
        EXPECT_EQ(t.toleration_seconds, 300);
    }
    EXPECT_TRUE(a.value->spec->tolerations.SharesWith(b.value->spec->tolerations));

    // A pod's own toleration of not-ready stays as it is; only unreachable is added, to its own list.
    k8s::Pod own = OneContainerPod("own");
    k8s::Toleration t;
    t.key = "node.kubernetes.io/not-ready";
    t.operator_ = "Exists";
    t.effect = "NoExecute";
    t.toleration_seconds = 60;
    own.spec.Mut().tolerations.Mut().push_back(t);
    auto c = server.pods().Create(own);
    ASSERT_TRUE(c.ok());
    const auto& mine = *c.value->spec->tolerations;
    ASSERT_EQ(mine.size(), 2u);
    EXPECT_EQ(mine[0].toleration_seconds, 60);
    EXPECT_EQ(mine[1].key, "node.kubernetes.io/unreachable");
    EXPECT_FALSE(c.value->spec->tolerations.SharesWith(a.value->spec->tolerations));
    EXPECT_EQ(defaults.size(), 2u);  // the shared list is untouched
    EXPECT_EQ(defaults[0].toleration_seconds, 300);

    // An empty list is left out of the JSON, as omitempty does.
    k8s::PodSpec bare;
    EXPECT_FALSE(k8s::Encode(bare).Has("tolerations"));
    EXPECT_TRUE(k8s::Encode(*a.value->spec).Get("tolerations").IsArray());
}

TEST_F(ApiServerTest, StatusWritesKeepEverythingButTheStatus) {
    k8s::Pod pod = OneContainerPod("p");
    pod.metadata.labels.Set("app", "web");
    auto created = server.pods().Create(pod);
    ASSERT_TRUE(created.ok());
    EXPECT_EQ(created.value->Summary().phase, k8s::PodPhase::kPending);

    // The status subresource takes the status alone: other changes sent with it are dropped.
    k8s::Pod sent = *created.value;
    sent.metadata.labels.Set("app", "changed");
    sent.spec.Mut().containers[0].image = "nginx:1.28";
    sent.status.phase = "Running";
    sent.status.pod_ip = "10.244.1.7";
    auto written = server.pods().UpdateStatus(sent);
    ASSERT_TRUE(written.ok()) << written.error.message;
    const k8s::Pod& stored = *server.pods().Get("default", "p");
    EXPECT_EQ(stored.api_version, "v1");
    EXPECT_EQ(stored.kind, "Pod");
    EXPECT_EQ(stored.metadata.labels.Get("app"), "web");
    EXPECT_EQ(stored.spec->containers[0].image, "nginx:1.27");
    EXPECT_EQ(stored.metadata.uid, created.value->metadata.uid);
    EXPECT_NE(stored.metadata.resource_version, created.value->metadata.resource_version);
    EXPECT_EQ(stored.status.phase, "Running");
    EXPECT_EQ(stored.status.pod_ip, "10.244.1.7");
    // What the store remembers of the pod follows the new status, not the old one's.
    EXPECT_EQ(stored.Summary().phase, k8s::PodPhase::kRunning);
}

TEST_F(ApiServerTest, LabelSelectorsFilterLists) {
    ASSERT_TRUE(server.Create(Sts(), "default", TutorialStatefulSet(), {}).ok());
    client::ListOptions opts;
    opts.label_selector = "app=nginx";
    EXPECT_EQ(server.List(Sts(), "default", opts).value.Get("items").size(), 0u);  // sts has no labels
    opts.label_selector = "app in (";
    auto bad = server.List(Sts(), "default", opts);
    EXPECT_EQ(bad.error.reason, "BadRequest");
}

}  // namespace
}  // namespace sts::apiserver
