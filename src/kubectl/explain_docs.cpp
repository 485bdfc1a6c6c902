// Documentation tables behind `kubectl explain`: what each served kind, struct and field means,
// which fields the API requires, the enum values its schema lists, and the API type of fields
// our structs carry as raw JSON. The descriptions are the playground's own wording (data, not
// code); the required sets, enums and type names follow the Kubernetes 1.33 API.
#include <map>
#include <set>
#include <string>

#include "kubectl/explain_schema.h"

namespace sts::kubectl {

namespace {

// [SECTION] descriptions

const std::map<std::string_view, const char*>& Docs() {
    static const std::map<std::string_view, const char*> docs = {
        // Shared fields of every kind (looked up as "*.<field>").
        {"*.apiVersion",
         "The versioned schema this object is written in, as \"<group>/<version>\" (or just the version for the "
         "core group). The API server converts objects to the version a client asks for."},
        {"*.kind",
         "The name of the type this object is, in CamelCase (for example Pod or StatefulSet). It follows from the "
         "endpoint the request was sent to and cannot be changed."},
        {"*.metadata",
         "Standard object metadata: the name and namespace that identify the object, its labels and annotations, "
         "and the bookkeeping the API server maintains (uid, resourceVersion, timestamps, owners)."},

        // [SECTION] metav1
        {"Time",
         "A timestamp in RFC 3339 form (\"2006-01-02T15:04:05Z\"), kept to the second and always in UTC when the "
         "API server writes it."},
        {"MicroTime", "A timestamp in RFC 3339 form with microsecond precision."},
        {"IntOrString",
         "A value that is either a whole number or a string. Fields of this type usually accept a count (5) or a "
         "percentage (\"25%\"), or a port number or a port name."},
        {"Quantity",
         "An amount written as a number with an optional suffix: binary (Ki, Mi, Gi, Ti), decimal (k, M, G, T) or "
         "milli (m, as in 500m CPU). The API server keeps the canonical form, so \"1024Mi\" is stored as "
         "\"1Gi\"."},
        {"ObjectMeta",
         "Metadata every persisted object carries: how it is identified (name, namespace, uid), how it is "
         "organised (labels, annotations), who owns it, and the version and lifecycle stamps the API server "
         "maintains."},
        {"ObjectMeta.name",
         "The object's name, unique among objects of its kind in its namespace. Required when creating unless "
         "generateName is set. It cannot be changed afterwards."},
        {"ObjectMeta.generateName",
         "A prefix the API server uses to make up a unique name when name is empty: it appends a short random "
         "suffix. Controllers use it for objects whose names do not matter."},
        {"ObjectMeta.namespace",
         "The namespace the object lives in. Empty for cluster-scoped kinds; for namespaced kinds an empty value "
         "means the \"default\" namespace. It cannot be changed after creation."},
        {"ObjectMeta.uid",
         "A unique identifier the API server assigns when the object is created. Two objects that existed at "
         "different times under the same name have different uids. Read-only."},
        {"ObjectMeta.resourceVersion",
         "An opaque version string that changes on every write. Clients send it back to detect concurrent "
         "changes (optimistic concurrency) and to resume watches; it must not be parsed or compared. Read-only."},
        {"ObjectMeta.generation",
         "A counter of changes to the desired state (spec). Controllers report the generation they last acted on "
         "in status.observedGeneration. Read-only."},
        {"ObjectMeta.creationTimestamp",
         "When the API server stored the object for the first time. Read-only; clients cannot set it."},
        {"ObjectMeta.deletionTimestamp",
         "Set by the API server when deletion was requested but the object is still around, because finalizers "
         "have to run or a grace period has to pass. Once set, it is never cleared. Read-only."},
        {"ObjectMeta.deletionGracePeriodSeconds",
         "How many seconds the object was given to terminate gracefully when its deletion was requested. Only "
         "present together with deletionTimestamp. Read-only."},
        {"ObjectMeta.labels",
         "Key/value pairs used to organise and select objects. Selectors of Services, StatefulSets and kubectl's "
         "-l flag match against them."},
        {"ObjectMeta.annotations",
         "Key/value pairs for information that is not used to select objects: tool state (such as kubectl's "
         "last-applied-configuration), notes and configuration read by controllers."},
        {"ObjectMeta.ownerReferences",
         "The objects this object belongs to. When every owner is gone the garbage collector deletes the object; "
         "at most one owner may be marked as the managing controller."},
        {"ObjectMeta.finalizers",
         "Names of pending clean-up tasks. An object with finalizers is only marked for deletion; it is removed "
         "once the controllers responsible have dropped every entry."},
        {"ObjectMeta.managedFields",
         "Which fields each client (field manager) has set, with the operation and time. Used by server-side "
         "apply; kubectl hides it unless --show-managed-fields is given."},
        {"OwnerReference",
         "Points at an owner of an object, in the same namespace (or cluster-scoped). The garbage collector "
         "follows these references."},
        {"OwnerReference.apiVersion", "The API version of the owner."},
        {"OwnerReference.kind", "The kind of the owner, for example StatefulSet."},
        {"OwnerReference.name", "The name of the owner."},
        {"OwnerReference.uid",
         "The uid of the owner. The reference only counts while an object with this exact uid exists."},
        {"OwnerReference.controller",
         "True when the owner is the controller that manages this object. At most one reference may have it set."},
        {"OwnerReference.blockOwnerDeletion",
         "With foreground deletion of the owner, true makes the owner wait until this object has been deleted."},
        {"LabelSelector",
         "A query over labels. matchLabels and matchExpressions are combined with AND. An empty selector selects "
         "every object; a missing one selects none."},
        {"LabelSelector.matchLabels",
         "Labels an object must carry with exactly these values. Each pair is the same as a matchExpressions "
         "entry with the In operator and a single value."},
        {"LabelSelector.matchExpressions", "Requirements on labels, all of which must hold."},
        {"LabelSelectorRequirement",
         "One requirement of a label selector: a key, an operator and, depending on the operator, a set of "
         "values."},
        {"LabelSelectorRequirement.key", "The label key the requirement is about."},
        {"LabelSelectorRequirement.operator",
         "How the key relates to the values: In, NotIn, Exists or DoesNotExist."},
        {"LabelSelectorRequirement.values",
         "The values for In and NotIn (at least one); must be empty for Exists and DoesNotExist."},

        // [SECTION] apps/v1 StatefulSet
        {"StatefulSet",
         "Runs a set of pods that each keep a stable identity: pod N is always named <set>-<N>, gets a stable DNS "
         "name through the governing headless Service, and is bound to its own PersistentVolumeClaims, which "
         "survive rescheduling and replacement. Pods are created, updated and removed in ordinal order unless "
         "the set asks for parallel management."},
        {"StatefulSet.spec",
         "The desired state: how many pods, what they look like, which claims each gets and how changes roll "
         "out."},
        {"StatefulSet.status",
         "What the StatefulSet controller last observed about the pods. Written by the controller and possibly "
         "a little behind the cluster."},
        {"StatefulSetSpec", "The desired state of a StatefulSet."},
        {"StatefulSetSpec.replicas",
         "How many pods the set should run, with ordinals from ordinals.start upwards. Defaults to 1. kubectl "
         "scale changes it through the scale subresource."},
        {"StatefulSetSpec.selector",
         "The label query that finds the set's pods. It must match the labels of the pod template and cannot be "
         "changed after creation."},
        {"StatefulSetSpec.template",
         "The pod every replica is created from. The controller adds the pod's name, hostname and subdomain and "
         "the volumes for its claims. Changing the template creates a new revision that the update strategy "
         "rolls out. Its restartPolicy must be Always."},
        {"StatefulSetSpec.volumeClaimTemplates",
         "Claims each pod gets for itself. For pod <set>-<N> and template <t> the controller creates the claim "
         "<t>-<set>-<N> if it does not exist yet and mounts it as the volume named <t>. Claims stay when pods are "
         "deleted unless persistentVolumeClaimRetentionPolicy says otherwise. Cannot be changed after creation."},
        {"StatefulSetSpec.serviceName",
         "The name of the headless Service that governs the set. Each pod gets it as its subdomain, which gives "
         "it the DNS name <pod>.<service>.<namespace>.svc.cluster.local. The Service is not created by the "
         "controller; it has to exist for the names to resolve."},
        {"StatefulSetSpec.podManagementPolicy",
         "How pods are created and removed when scaling. OrderedReady (the default) creates one pod at a time in "
         "increasing ordinal order, waiting for each to be Running and Ready, and removes them in reverse order. "
         "Parallel creates and deletes all needed pods at once. Rolling updates are not affected. Cannot be "
         "changed after creation."},
        {"StatefulSetSpec.updateStrategy",
         "How pods are replaced after the pod template changes. Defaults to RollingUpdate with partition 0."},
        {"StatefulSetSpec.revisionHistoryLimit",
         "How many old ControllerRevisions to keep for rollbacks, besides the current and the update revision. "
         "Defaults to 10."},
        {"StatefulSetSpec.minReadySeconds",
         "How long a new pod has to be Ready, without any container crashing, before it counts as available. "
         "Defaults to 0 (available as soon as it is Ready)."},
        {"StatefulSetSpec.persistentVolumeClaimRetentionPolicy",
         "Whether the claims created from volumeClaimTemplates are deleted when the set is deleted or scaled "
         "down. By default they are retained in both cases."},
        {"StatefulSetSpec.ordinals",
         "Where the ordinals of the set's pods start. By default they are numbered from 0."},
        {"StatefulSetUpdateStrategy",
         "The strategy the StatefulSet controller uses to bring existing pods to a new revision of the "
         "template."},
        {"StatefulSetUpdateStrategy.type",
         "RollingUpdate (the default) replaces pods one at a time from the highest ordinal down, waiting for each "
         "replacement to be Ready. OnDelete leaves running pods alone; a pod gets the new revision only when it "
         "is deleted and recreated."},
        {"StatefulSetUpdateStrategy.rollingUpdate",
         "Parameters of the RollingUpdate strategy. Only valid when type is RollingUpdate."},
        {"RollingUpdateStatefulSetStrategy", "Parameters of a StatefulSet's rolling update."},
        {"RollingUpdateStatefulSetStrategy.partition",
         "Only pods with an ordinal greater than or equal to the partition are updated; pods below it keep the "
         "current revision, even when they are recreated. Used for staged (canary) roll-outs. Defaults to 0."},
        {"RollingUpdateStatefulSetStrategy.maxUnavailable",
         "How many pods may be unavailable at the same time during the update, as a number or a percentage of "
         "replicas (rounded down, at least 1). Only honoured when the MaxUnavailableStatefulSet feature gate is "
         "enabled; otherwise pods are updated one at a time."},
        {"StatefulSetPersistentVolumeClaimRetentionPolicy",
         "What happens to the claims created from a StatefulSet's volumeClaimTemplates when they are no longer "
         "used by a replica."},
        {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenDeleted",
         "When the StatefulSet itself is deleted: Retain (the default) keeps the claims, Delete lets the garbage "
         "collector remove them after their pods are gone."},
        {"StatefulSetPersistentVolumeClaimRetentionPolicy.whenScaled",
         "When the set is scaled down: Retain (the default) keeps the claims of the removed pods so a later "
         "scale-up reuses them, Delete removes them together with the pods."},
        {"StatefulSetOrdinals", "How the pods of a StatefulSet are numbered."},
        {"StatefulSetOrdinals.start",
         "The ordinal of the first pod. With replicas N the pods are numbered start to start+N-1. Defaults to 0."},
        {"PersistentVolumeClaim",
         "A request for storage by a user: a size, access modes and optionally a storage class. The claim is "
         "bound to one PersistentVolume, provisioned dynamically or picked among existing ones, and pods use the "
         "storage by naming the claim."},
        {"PersistentVolumeClaim.spec", "The storage the claim asks for."},
        {"PersistentVolumeClaim.status",
         "The current state of the claim: whether it is bound, and the capacity and access modes it got."},
        {"StatefulSetStatus", "The most recently observed state of a StatefulSet."},
        {"StatefulSetStatus.observedGeneration",
         "The metadata.generation the controller last processed. When it is lower than the generation, the "
         "status does not reflect the latest spec yet."},
        {"StatefulSetStatus.replicas", "How many pods the controller has created for the set."},
        {"StatefulSetStatus.readyReplicas", "How many of the set's pods have a Ready condition."},
        {"StatefulSetStatus.currentReplicas",
         "How many pods were created from the revision named in currentRevision."},
        {"StatefulSetStatus.updatedReplicas",
         "How many pods were created from the revision named in updateRevision."},
        {"StatefulSetStatus.availableReplicas",
         "How many pods have been Ready for at least minReadySeconds."},
        {"StatefulSetStatus.currentRevision",
         "The ControllerRevision that pods below the update's progress still run. When a rolling update "
         "finishes it becomes equal to updateRevision."},
        {"StatefulSetStatus.updateRevision",
         "The ControllerRevision built from the current pod template, which new and updated pods get."},
        {"StatefulSetStatus.collisionCount",
         "How many times the name computed for a new ControllerRevision was already taken. The controller mixes "
         "it into the name to avoid the collision."},
        {"StatefulSetStatus.conditions",
         "Observations about the set's state. The StatefulSet controller does not set any itself."},
        {"StatefulSetCondition", "One observation about a StatefulSet's state."},
        {"StatefulSetCondition.type", "The kind of condition."},
        {"StatefulSetCondition.status", "True, False or Unknown."},
        {"StatefulSetCondition.lastTransitionTime", "When status last changed."},
        {"StatefulSetCondition.reason", "A one-word, CamelCase reason for the last transition."},
        {"StatefulSetCondition.message", "A human-readable explanation of the last transition."},

        // [SECTION] apps/v1 ControllerRevision
        {"ControllerRevision",
         "An immutable snapshot of state a controller wants to be able to go back to. The StatefulSet "
         "controller stores one per pod template revision; pods carry the name of theirs in the "
         "controller-revision-hash label, and kubectl rollout undo copies an old one back into the set."},
        {"ControllerRevision.data",
         "The saved state. For a StatefulSet it is a patch holding the pod template of that revision."},
        {"ControllerRevision.revision",
         "The revision number, increasing with every new revision of the owner. kubectl rollout history lists "
         "it."},

        // [SECTION] core/v1 Pod
        {"Pod",
         "A group of containers scheduled together onto one node, sharing a network identity (one IP address "
         "and hostname) and volumes. The smallest unit Kubernetes runs; controllers such as StatefulSets create "
         "and replace pods from a template."},
        {"Pod.spec", "The desired behaviour of the pod: its containers, volumes and scheduling constraints."},
        {"Pod.status",
         "The most recently observed state of the pod, reported by the kubelet and the scheduler. It may lag "
         "behind reality."},
        {"PodTemplateSpec",
         "The description of the pods a controller creates: their metadata (labels, annotations) and spec."},
        {"PodTemplateSpec.metadata",
         "Metadata copied to every pod created from the template, typically the labels the controller's "
         "selector matches."},
        {"PodTemplateSpec.spec", "The spec every pod created from the template gets."},
        {"PodSpec", "The desired behaviour of a pod."},
        {"PodSpec.volumes",
         "Volumes the containers of the pod can mount: persistent claims, host paths, empty directories, "
         "config maps, secrets and more."},
        {"PodSpec.initContainers",
         "Containers that run to completion, one after another and in order, before the regular containers "
         "start. If one fails, it is restarted according to the pod's restartPolicy. Init containers with "
         "restartPolicy Always keep running next to the regular containers (sidecars)."},
        {"PodSpec.containers",
         "The containers of the pod. There must be at least one, and their names must be unique within the "
         "pod. Most of a container's settings cannot be changed once the pod exists (the image can)."},
        {"PodSpec.ephemeralContainers",
         "Temporary containers added to a running pod for troubleshooting (kubectl debug). They cannot be set "
         "at creation."},
        {"PodSpec.restartPolicy",
         "What the kubelet does when a container exits: Always restart it (the default, and the only value "
         "allowed in a StatefulSet's template), restart it OnFailure, or Never."},
        {"PodSpec.terminationGracePeriodSeconds",
         "How long the containers get to shut down after the pod is asked to stop: they receive SIGTERM, and "
         "whatever still runs when the period ends is killed. Defaults to 30 seconds; 0 means kill at once."},
        {"PodSpec.activeDeadlineSeconds",
         "How long the pod may run, counted from its start, before the kubelet fails it. Not allowed in a "
         "StatefulSet's template."},
        {"PodSpec.dnsPolicy",
         "How the pod's DNS resolver is configured. ClusterFirst (the default) sends queries to the cluster DNS "
         "with search domains for the pod's namespace; Default uses the node's resolver; None takes everything "
         "from dnsConfig."},
        {"PodSpec.nodeSelector",
         "Labels a node must have for the pod to be scheduled onto it."},
        {"PodSpec.serviceAccountName", "The service account the pod's processes run as."},
        {"PodSpec.serviceAccount", "Deprecated alias of serviceAccountName."},
        {"PodSpec.automountServiceAccountToken",
         "Whether an API token for the service account is mounted into the containers."},
        {"PodSpec.nodeName",
         "The node the pod runs on. The scheduler sets it when it binds the pod; setting it yourself bypasses "
         "the scheduler."},
        {"PodSpec.hostNetwork",
         "Use the node's network namespace: the pod gets the node's IP address and its ports are the node's "
         "ports."},
        {"PodSpec.hostPID", "Share the node's process ID namespace."},
        {"PodSpec.hostIPC", "Share the node's IPC namespace."},
        {"PodSpec.shareProcessNamespace",
         "Put all containers of the pod into one process namespace, so they see each other's processes."},
        {"PodSpec.securityContext",
         "Security settings for the whole pod (user and group IDs, fsGroup, sysctls, seccomp). Container "
         "settings override them."},
        {"PodSpec.imagePullSecrets",
         "Secrets in the pod's namespace holding registry credentials for pulling the images."},
        {"PodSpec.hostname",
         "The pod's hostname. Defaults to the pod's name. The StatefulSet controller sets it to the pod's name."},
        {"PodSpec.subdomain",
         "Together with hostname, gives the pod the DNS name <hostname>.<subdomain>.<namespace>.svc.<cluster "
         "domain> when a headless Service named like the subdomain selects it. The StatefulSet controller sets "
         "it to the set's serviceName."},
        {"PodSpec.affinity",
         "Scheduling preferences and requirements relative to node labels and to other pods (affinity and "
         "anti-affinity)."},
        {"PodSpec.schedulerName",
         "The scheduler responsible for the pod. Defaults to \"default-scheduler\"."},
        {"PodSpec.tolerations",
         "Taints of nodes the pod accepts. A pod is only scheduled onto (and left running on) a tainted node "
         "when it tolerates the taint."},
        {"PodSpec.hostAliases", "Extra entries for the /etc/hosts file of the containers."},
        {"PodSpec.priorityClassName",
         "The PriorityClass whose value becomes the pod's priority, for scheduling order and preemption."},
        {"PodSpec.priority",
         "The pod's priority, filled in by admission from priorityClassName. Higher values are scheduled first."},
        {"PodSpec.dnsConfig",
         "Nameservers, search domains and resolver options added to the ones the dnsPolicy produces."},
        {"PodSpec.readinessGates",
         "Additional conditions that must be True for the pod to be Ready."},
        {"PodSpec.runtimeClassName", "The RuntimeClass (container runtime configuration) to run the pod with."},
        {"PodSpec.enableServiceLinks",
         "Whether environment variables describing the Services of the namespace are injected. Defaults to true."},
        {"PodSpec.preemptionPolicy",
         "Whether the pod may preempt pods of lower priority to get scheduled."},
        {"PodSpec.overhead",
         "Resources the runtime needs for the pod on top of its containers, set by admission from the "
         "RuntimeClass."},
        {"PodSpec.topologySpreadConstraints",
         "How the pods matching a selector should be spread across zones, nodes or other topology domains."},
        {"PodSpec.setHostnameAsFQDN",
         "Make the kernel hostname the pod's fully qualified domain name instead of the short hostname."},
        {"PodSpec.os", "The operating system the containers need; the scheduler and validation check it."},
        {"PodSpec.hostUsers",
         "Whether the pod uses the node's user namespace. false gives the pod a user namespace of its own."},
        {"PodSpec.schedulingGates",
         "While any gate is listed the scheduler leaves the pod alone (its status shows SchedulingGated)."},
        {"PodSpec.resourceClaims", "Dynamic resource allocation claims the containers can use."},
        {"Container", "One container of a pod: an image, how to start it, and what it needs."},
        {"Container.name",
         "The container's name, unique within the pod (a DNS label). kubectl logs, exec and set image address "
         "containers by it. Cannot be changed."},
        {"Container.image",
         "The image to run, as registry/repository:tag or with a @sha256 digest. Without a registry, Docker Hub "
         "is assumed; without a tag, latest. This is the one container field that can be changed in a running "
         "pod."},
        {"Container.command",
         "The executable and its arguments, replacing the image's ENTRYPOINT. $(VAR) references to the "
         "container's environment are expanded; no shell is involved."},
        {"Container.args",
         "Arguments for the command, replacing the image's CMD. $(VAR) references are expanded."},
        {"Container.workingDir",
         "The working directory of the command. Defaults to the one the image sets."},
        {"Container.ports",
         "Ports the container listens on. Listing them is informational (a container can listen on any port); "
         "named ports can be referenced by Services and probes."},
        {"Container.envFrom",
         "Sources whose keys all become environment variables (ConfigMaps, Secrets). Variables in env take "
         "precedence."},
        {"Container.env",
         "Environment variables for the container. Later entries can reference earlier ones with $(NAME)."},
        {"Container.resources",
         "CPU and memory the container asks for (requests, used for scheduling) and may use at most (limits)."},
        {"Container.resizePolicy", "Whether changing a resource in place needs a container restart."},
        {"Container.restartPolicy",
         "Only for init containers: Always turns the init container into a sidecar that starts before the "
         "regular containers and keeps running next to them."},
        {"Container.volumeMounts", "Where the pod's volumes appear in the container's filesystem."},
        {"Container.volumeDevices", "Block volumes exposed to the container as raw devices."},
        {"Container.livenessProbe",
         "A periodic check that the container still works. When it fails failureThreshold times in a row the "
         "kubelet kills the container, which is then restarted according to the restart policy."},
        {"Container.readinessProbe",
         "A periodic check that the container can serve. While it fails, the pod is not Ready: Services and "
         "EndpointSlices leave it out and an OrderedReady StatefulSet waits."},
        {"Container.startupProbe",
         "A check that the container has finished starting. Liveness and readiness probes only begin once it "
         "succeeds; if it fails failureThreshold times the container is restarted."},
        {"Container.lifecycle",
         "Actions the kubelet runs right after the container starts (postStart) and before it is stopped "
         "(preStop)."},
        {"Container.terminationMessagePath",
         "A file in the container whose contents become the termination message when the container exits. "
         "Defaults to /dev/termination-log."},
        {"Container.terminationMessagePolicy",
         "File (the default) reads the termination message from terminationMessagePath only; "
         "FallbackToLogsOnError uses the end of the log when that file is empty and the container failed."},
        {"Container.imagePullPolicy",
         "When the kubelet pulls the image: Always, IfNotPresent (only when the node lacks it) or Never. "
         "Defaults to Always for the latest tag or no tag, IfNotPresent otherwise."},
        {"Container.securityContext",
         "Security settings of the container (user, capabilities, privileged mode, read-only root filesystem). "
         "They override the pod's."},
        {"Container.stdin", "Keep a stdin stream open for the container (kubectl attach, run -i)."},
        {"Container.stdinOnce",
         "Close stdin after the first client that attached to it disconnects."},
        {"Container.tty", "Allocate a terminal for the container; usually set together with stdin."},
        {"ContainerPort", "A network port of a container."},
        {"ContainerPort.name",
         "A name for the port (an IANA service name), unique in the pod. Services and probes can refer to it."},
        {"ContainerPort.hostPort",
         "Expose the port on the node's IP address under this number. Rarely needed, and it limits where the "
         "pod can be scheduled."},
        {"ContainerPort.containerPort", "The port number on the pod's IP address (1-65535)."},
        {"ContainerPort.protocol", "TCP (the default), UDP or SCTP."},
        {"ContainerPort.hostIP", "The node address to bind the host port to."},
        {"EnvVar", "One environment variable of a container."},
        {"EnvVar.name", "The variable's name."},
        {"EnvVar.value",
         "The value. $(VAR) references to variables defined earlier are expanded; $$ escapes a dollar sign. "
         "Defaults to the empty string."},
        {"EnvVar.valueFrom",
         "Take the value from elsewhere instead: a field of the pod (such as metadata.name), a container's "
         "resources, a ConfigMap key or a Secret key."},
        {"VolumeMount", "Mounts one of the pod's volumes into a container."},
        {"VolumeMount.name", "The name of the pod volume to mount."},
        {"VolumeMount.readOnly", "Mount the volume read-only. Defaults to false."},
        {"VolumeMount.recursiveReadOnly",
         "Whether read-only mounts are also read-only in every submount (Enabled, IfPossible or Disabled)."},
        {"VolumeMount.mountPath", "Where in the container the volume appears. Must not contain ':'."},
        {"VolumeMount.subPath",
         "Mount only this path inside the volume instead of its root."},
        {"VolumeMount.mountPropagation",
         "Whether mounts made inside the volume propagate between host and container."},
        {"VolumeMount.subPathExpr",
         "Like subPath, but with $(VAR) references to the container's environment expanded."},
        {"ResourceRequirements", "The compute resources of a container."},
        {"ResourceRequirements.limits",
         "The most the container may use. Exceeding the memory limit gets the container killed (OOMKilled)."},
        {"ResourceRequirements.requests",
         "What the container needs; the scheduler only places the pod on a node with enough unrequested "
         "capacity. Defaults to the limits when only those are given."},
        {"ResourceRequirements.claims", "Which of the pod's resource claims the container uses."},
        {"Probe",
         "A check the kubelet runs against a container: a command, an HTTP GET, a TCP connection or a gRPC "
         "health check, with timing and thresholds."},
        {"Probe.exec",
         "Run a command in the container; exit status 0 counts as success."},
        {"Probe.httpGet",
         "Send an HTTP GET to the pod; a status code from 200 to 399 counts as success."},
        {"Probe.tcpSocket", "Open a TCP connection to a port of the pod; connecting counts as success."},
        {"Probe.grpc", "Call the gRPC health checking service on a port of the pod."},
        {"Probe.initialDelaySeconds",
         "How long after the container starts the first check runs. Defaults to 0."},
        {"Probe.timeoutSeconds", "How long one check may take. Defaults to 1 second."},
        {"Probe.periodSeconds", "How often the check runs. Defaults to 10 seconds."},
        {"Probe.successThreshold",
         "How many successes in a row count as success after a failure. Defaults to 1 (and must be 1 for "
         "liveness and startup probes)."},
        {"Probe.failureThreshold",
         "How many failures in a row count as failure. Defaults to 3."},
        {"Probe.terminationGracePeriodSeconds",
         "A grace period used instead of the pod's when this probe's failure kills the container."},
        {"Toleration",
         "Lets a pod be scheduled onto, or stay on, nodes with a matching taint."},
        {"Toleration.key",
         "The taint key the toleration matches. Empty with operator Exists matches every taint."},
        {"Toleration.operator",
         "Equal (the default) requires the taint's value to equal value; Exists matches any value."},
        {"Toleration.value", "The taint value to match when the operator is Equal."},
        {"Toleration.effect",
         "The taint effect to match (NoSchedule, PreferNoSchedule or NoExecute); empty matches all effects."},
        {"Toleration.tolerationSeconds",
         "For NoExecute taints: how long the pod may stay on the node once the taint appears before it is "
         "evicted. Unset means forever."},
        {"Volume", "A named volume the pod's containers can mount. Exactly one source must be given."},
        {"Volume.name", "The volume's name, unique in the pod; volumeMounts refer to it."},
        {"Volume.hostPath",
         "A file or directory of the node. Data stays on that node and is shared with anything else using the "
         "path."},
        {"Volume.emptyDir",
         "A directory that starts empty when the pod is placed on a node and is deleted with the pod."},
        {"Volume.secret", "Files holding the keys of a Secret."},
        {"Volume.nfs", "An NFS share."},
        {"Volume.persistentVolumeClaim",
         "The storage of a PersistentVolumeClaim in the pod's namespace. StatefulSets add one of these per "
         "volume claim template."},
        {"Volume.downwardAPI", "Files holding information about the pod itself (labels, annotations, resources)."},
        {"Volume.configMap", "Files holding the keys of a ConfigMap."},
        {"Volume.projected", "Several sources (secrets, config maps, downward API, tokens) in one directory."},
        {"Volume.csi", "A volume provided by a CSI driver for the pod's lifetime."},
        {"Volume.ephemeral",
         "A PersistentVolumeClaim created for the pod and deleted with it."},
        {"Volume.image", "The contents of an OCI image, read-only."},
        {"PersistentVolumeClaimVolumeSource", "Refers to a PersistentVolumeClaim in the pod's namespace."},
        {"PersistentVolumeClaimVolumeSource.claimName", "The name of the claim."},
        {"PersistentVolumeClaimVolumeSource.readOnly", "Mount the claim's volume read-only."},
        {"HostPathVolumeSource", "A path on the node's filesystem."},
        {"HostPathVolumeSource.path", "The path on the node."},
        {"HostPathVolumeSource.type",
         "What must exist at the path: Directory, File, Socket, CharDevice, BlockDevice, or DirectoryOrCreate / "
         "FileOrCreate to create it. Empty skips the check."},
        {"PodStatus", "The observed state of a pod."},
        {"PodStatus.observedGeneration", "The pod generation the kubelet last reported on."},
        {"PodStatus.phase",
         "A summary of where the pod is in its life: Pending (accepted but not all containers running, for "
         "example while scheduling, pulling images or binding volumes), Running, Succeeded, Failed or Unknown. "
         "kubectl's STATUS column shows more detail than the phase."},
        {"PodStatus.conditions",
         "Milestones of the pod: PodScheduled, Initialized, ContainersReady, Ready and more."},
        {"PodStatus.message", "Why the pod is in its state, for humans."},
        {"PodStatus.reason", "Why the pod is in its state, as one CamelCase word (for example Evicted)."},
        {"PodStatus.nominatedNodeName",
         "A node the scheduler made room on by preempting pods, where this pod is expected to go."},
        {"PodStatus.hostIP", "The IP address of the node the pod runs on."},
        {"PodStatus.hostIPs", "The IP addresses of the node the pod runs on."},
        {"PodStatus.podIP",
         "The pod's IP address, allocated from the node's pod CIDR. Empty until the pod's network is set up."},
        {"PodStatus.podIPs", "The pod's IP addresses (one per IP family)."},
        {"PodStatus.startTime", "When the kubelet accepted the pod, before any image was pulled."},
        {"PodStatus.initContainerStatuses", "The state of each init container."},
        {"PodStatus.containerStatuses", "The state of each container."},
        {"PodStatus.qosClass",
         "The quality of service class from the containers' requests and limits: Guaranteed, Burstable or "
         "BestEffort."},
        {"PodCondition", "One milestone in a pod's life."},
        {"PodCondition.type",
         "Which milestone: PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady or Ready."},
        {"PodCondition.observedGeneration", "The pod generation the condition was set for."},
        {"PodCondition.status", "True, False or Unknown."},
        {"PodCondition.lastProbeTime", "When the condition was last checked."},
        {"PodCondition.lastTransitionTime", "When status last changed."},
        {"PodCondition.reason", "A one-word, CamelCase reason for the last transition."},
        {"PodCondition.message", "A human-readable explanation of the last transition."},
        {"ContainerStatus", "What the kubelet observed about one container."},
        {"ContainerStatus.name", "The container's name, as in the pod spec."},
        {"ContainerStatus.state", "What the container is doing now."},
        {"ContainerStatus.lastState",
         "How the previous instance of the container ended, after a restart. kubectl logs --previous reads its "
         "log."},
        {"ContainerStatus.ready", "Whether the container passes its readiness probe (true if it has none)."},
        {"ContainerStatus.restartCount",
         "How many times the container was restarted. kubectl shows it in the RESTARTS column."},
        {"ContainerStatus.image", "The image the container runs."},
        {"ContainerStatus.imageID", "The image's ID, with the digest that was pulled."},
        {"ContainerStatus.containerID",
         "The container's ID as <runtime>://<id>, for example containerd://..."},
        {"ContainerStatus.started",
         "Whether the container has passed its startup probe (true once started when it has none)."},
        {"ContainerStatus.volumeMounts", "The volume mounts of the running container."},
        {"ContainerState", "One of waiting, running or terminated; exactly one is set."},
        {"ContainerState.waiting", "The container is not running yet."},
        {"ContainerState.running", "The container is running."},
        {"ContainerState.terminated", "The container has exited."},
        {"ContainerStateWaiting", "A container that is not running yet."},
        {"ContainerStateWaiting.reason",
         "Why it is waiting: ContainerCreating, ImagePullBackOff, ErrImagePull, CrashLoopBackOff, "
         "CreateContainerConfigError and so on."},
        {"ContainerStateWaiting.message", "More detail about the wait."},
        {"ContainerStateRunning", "A running container."},
        {"ContainerStateRunning.startedAt", "When the container was started."},
        {"ContainerStateTerminated", "A container that has exited."},
        {"ContainerStateTerminated.exitCode", "The exit status of the container's main process."},
        {"ContainerStateTerminated.signal", "The signal that ended the process, if any."},
        {"ContainerStateTerminated.reason",
         "Why it ended: Completed, Error, OOMKilled and so on."},
        {"ContainerStateTerminated.message", "More detail, such as the termination message."},
        {"ContainerStateTerminated.startedAt", "When the container was started."},
        {"ContainerStateTerminated.finishedAt", "When the container exited."},
        {"ContainerStateTerminated.containerID", "The ID of the container that exited."},
        {"PodIP", "One IP address of a pod or node."},
        {"PodIP.ip", "The address."},

        // [SECTION] core/v1 Service, Endpoints
        {"Service",
         "A stable network name and address for a set of pods chosen by a label selector. Traffic to the "
         "Service's cluster IP is spread over the ready pods; a headless Service (clusterIP None) has no IP and "
         "instead gives each ready pod a DNS record, which is how StatefulSet pods get stable DNS names."},
        {"Service.spec", "What the Service selects and exposes."},
        {"Service.status", "The observed state of the Service, such as a load balancer's address."},
        {"ServiceSpec", "The desired behaviour of a Service."},
        {"ServiceSpec.ports", "The ports the Service exposes and where each forwards to on the pods."},
        {"ServiceSpec.selector",
         "Pods with all of these labels back the Service; its EndpointSlices list them. Without a selector, "
         "endpoints have to be managed by hand."},
        {"ServiceSpec.clusterIP",
         "The virtual IP address of the Service, allocated by the API server unless given. \"None\" makes the "
         "Service headless. Cannot be changed except to and from ExternalName."},
        {"ServiceSpec.clusterIPs", "The Service's cluster IP addresses, one per IP family."},
        {"ServiceSpec.type",
         "How the Service is reachable: ClusterIP (the default, inside the cluster), NodePort (also on a port of "
         "every node), LoadBalancer (through an external load balancer) or ExternalName (a DNS alias)."},
        {"ServiceSpec.externalIPs", "Extra IP addresses nodes accept traffic for the Service on."},
        {"ServiceSpec.sessionAffinity",
         "ClientIP sends every connection from one client address to the same pod; None (the default) does "
         "not."},
        {"ServiceSpec.loadBalancerIP", "Deprecated: the address to ask the load balancer for."},
        {"ServiceSpec.loadBalancerSourceRanges", "Client address ranges the load balancer accepts."},
        {"ServiceSpec.externalName",
         "For type ExternalName: the DNS name the Service's name is an alias (CNAME) for."},
        {"ServiceSpec.externalTrafficPolicy",
         "Whether traffic from outside the cluster may go to pods on other nodes (Cluster) or only to pods on "
         "the node that received it (Local, which keeps the client's address)."},
        {"ServiceSpec.healthCheckNodePort",
         "The node port load balancers check when externalTrafficPolicy is Local."},
        {"ServiceSpec.publishNotReadyAddresses",
         "List pods in DNS and endpoints even when they are not ready. Useful for a StatefulSet whose pods "
         "must find each other before they are ready."},
        {"ServiceSpec.sessionAffinityConfig", "Settings of the session affinity, such as its timeout."},
        {"ServiceSpec.ipFamilies", "The IP families (IPv4, IPv6) the Service uses, in order."},
        {"ServiceSpec.ipFamilyPolicy",
         "Whether the Service is single-stack or dual-stack: SingleStack, PreferDualStack or RequireDualStack."},
        {"ServiceSpec.allocateLoadBalancerNodePorts",
         "Whether a LoadBalancer Service also gets node ports. Defaults to true."},
        {"ServiceSpec.loadBalancerClass", "Which load balancer implementation handles the Service."},
        {"ServiceSpec.internalTrafficPolicy",
         "Whether traffic from inside the cluster may go to any ready pod (Cluster) or only to pods on the "
         "sending node (Local)."},
        {"ServiceSpec.trafficDistribution",
         "A preference for how traffic is spread, such as PreferClose to keep it within a zone."},
        {"ServicePort", "One port a Service exposes."},
        {"ServicePort.name",
         "The port's name, required when the Service has several ports. EndpointSlice ports carry the same "
         "name."},
        {"ServicePort.protocol", "TCP (the default), UDP or SCTP."},
        {"ServicePort.appProtocol", "The application protocol, as a hint for implementations."},
        {"ServicePort.port", "The port the Service listens on."},
        {"ServicePort.targetPort",
         "The port on the pods traffic goes to: a number or the name of a container port. Defaults to port."},
        {"ServicePort.nodePort",
         "For NodePort and LoadBalancer Services: the port on every node, allocated from 30000-32767 unless "
         "given."},
        {"ServiceStatus", "The observed state of a Service."},
        {"ServiceStatus.loadBalancer", "The load balancer's ingress points, for type LoadBalancer."},
        {"ServiceStatus.conditions", "Observations about the Service."},
        {"Endpoints",
         "The addresses and ports behind a Service, one object per Service with the same name. Superseded by "
         "EndpointSlice, which the cluster's DNS and proxies use; the API server warns about its deprecation "
         "since 1.33."},
        {"Endpoints.subsets",
         "Groups of addresses that share the same ports."},
        {"EndpointSubset", "Addresses that all expose the same ports."},
        {"EndpointSubset.addresses", "Addresses of ready pods."},
        {"EndpointSubset.notReadyAddresses",
         "Addresses of pods that are not ready yet (or are terminating)."},
        {"EndpointSubset.ports", "The ports available on every address."},
        {"EndpointAddress", "One address behind a Service."},
        {"EndpointAddress.ip", "The IP address."},
        {"EndpointAddress.hostname", "The hostname of the pod, when it has one."},
        {"EndpointAddress.nodeName", "The node the address is on."},
        {"EndpointAddress.targetRef", "The object (usually a pod) behind the address."},
        {"EndpointPort", "One port of an Endpoints subset."},
        {"EndpointPort.name", "The name of the Service port it belongs to."},
        {"EndpointPort.port", "The port number."},
        {"EndpointPort.protocol", "TCP (the default), UDP or SCTP."},
        {"EndpointPort.appProtocol", "The application protocol."},
        {"ObjectReference", "A reference to another object, with enough detail to find it."},
        {"ObjectReference.kind", "The kind of the referenced object."},
        {"ObjectReference.namespace", "The namespace of the referenced object."},
        {"ObjectReference.name", "The name of the referenced object."},
        {"ObjectReference.uid", "The uid of the referenced object."},
        {"ObjectReference.apiVersion", "The API version of the referenced object."},
        {"ObjectReference.resourceVersion", "The resourceVersion the reference was made for."},
        {"ObjectReference.fieldPath",
         "A part of the object the reference is about, such as spec.containers{nginx}."},

        // [SECTION] discovery.k8s.io/v1 EndpointSlice
        {"EndpointSlice",
         "A slice of the endpoints behind a Service: addresses with their readiness, and the ports. The "
         "EndpointSlice controller keeps one or more slices per Service, labelled "
         "kubernetes.io/service-name; cluster DNS and kube-proxy read them."},
        {"EndpointSlice.addressType", "The type of the addresses in the slice: IPv4, IPv6 or FQDN."},
        {"EndpointSlice.endpoints", "The endpoints in the slice (at most 1000)."},
        {"EndpointSlice.ports",
         "The ports every endpoint of the slice exposes. Empty means no ports, which with a headless Service "
         "still gives the pods DNS records."},
        {"Endpoint", "One endpoint of an EndpointSlice, usually a pod."},
        {"Endpoint.addresses", "The endpoint's addresses; consumers use the first one."},
        {"Endpoint.conditions", "Whether the endpoint is ready, serving or terminating."},
        {"Endpoint.hostname",
         "The endpoint's hostname, used for its DNS record (the pod's hostname for StatefulSet pods)."},
        {"Endpoint.targetRef", "The object behind the endpoint, usually a pod."},
        {"Endpoint.nodeName", "The node the endpoint is on."},
        {"Endpoint.zone", "The zone the endpoint is in."},
        {"Endpoint.hints", "Hints for topology-aware routing."},
        {"EndpointConditions", "The state of an endpoint."},
        {"EndpointConditions.ready",
         "Whether traffic should go to the endpoint: its pod is ready and not terminating (or the Service "
         "publishes not-ready addresses)."},
        {"EndpointConditions.serving",
         "Like ready, but ignoring whether the endpoint is terminating."},
        {"EndpointConditions.terminating", "Whether the endpoint is shutting down."},
        {"discovery.EndpointPort", "One port of an EndpointSlice."},
        {"discovery.EndpointPort.name", "The name of the Service port it belongs to."},
        {"discovery.EndpointPort.protocol", "TCP (the default), UDP or SCTP."},
        {"discovery.EndpointPort.port", "The port number; unset means all ports."},
        {"discovery.EndpointPort.appProtocol", "The application protocol."},

        // [SECTION] core/v1 Node, Namespace
        {"Node",
         "A machine (virtual or physical) that runs pods. Its kubelet registers it and keeps its status and "
         "heartbeats up to date."},
        {"Node.spec", "How the node is configured for scheduling."},
        {"Node.status", "The observed state of the node, reported by its kubelet."},
        {"NodeSpec", "The scheduling configuration of a node."},
        {"NodeSpec.podCIDR", "The IP range pod addresses on this node come from."},
        {"NodeSpec.podCIDRs", "The IP ranges pod addresses on this node come from, one per IP family."},
        {"NodeSpec.providerID", "The node's ID at its infrastructure provider."},
        {"NodeSpec.unschedulable",
         "true keeps new pods off the node; pods already there keep running. kubectl cordon sets it, kubectl "
         "uncordon clears it."},
        {"NodeSpec.taints",
         "Taints that repel pods which do not tolerate them. kubectl taint edits them."},
        {"Taint", "A mark on a node that repels pods without a matching toleration."},
        {"Taint.key", "The taint's key."},
        {"Taint.value", "The taint's value."},
        {"Taint.effect",
         "NoSchedule keeps new pods off, PreferNoSchedule tries to, and NoExecute also evicts running pods "
         "that do not tolerate the taint."},
        {"Taint.timeAdded", "When a NoExecute taint was added."},
        {"NodeStatus", "The observed state of a node."},
        {"NodeStatus.capacity", "The node's total resources."},
        {"NodeStatus.allocatable", "The part of the capacity available to pods."},
        {"NodeStatus.phase", "Deprecated and unused."},
        {"NodeStatus.conditions",
         "Observations about the node: Ready, MemoryPressure, DiskPressure, PIDPressure and so on."},
        {"NodeStatus.addresses", "The node's addresses (InternalIP, Hostname, ...)."},
        {"NodeStatus.daemonEndpoints", "The ports the node's daemons, such as the kubelet, listen on."},
        {"NodeStatus.nodeInfo", "Versions and identifiers of the node's software."},
        {"NodeStatus.images", "Images present on the node."},
        {"NodeCondition", "One observation about a node."},
        {"NodeCondition.type", "Which condition: Ready, MemoryPressure, DiskPressure, PIDPressure, ..."},
        {"NodeCondition.status", "True, False or Unknown (when the kubelet stopped reporting)."},
        {"NodeCondition.lastHeartbeatTime", "When the kubelet last confirmed the condition."},
        {"NodeCondition.lastTransitionTime", "When status last changed."},
        {"NodeCondition.reason", "A one-word, CamelCase reason for the last transition."},
        {"NodeCondition.message", "A human-readable explanation of the last transition."},
        {"NodeAddress", "One address of a node."},
        {"NodeAddress.type", "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS."},
        {"NodeAddress.address", "The address."},
        {"ContainerImage", "An image present on a node."},
        {"ContainerImage.names", "The names the image is known by."},
        {"ContainerImage.sizeBytes", "The image's size in bytes."},
        {"NodeSystemInfo", "Identifiers and versions reported by a node."},
        {"NodeSystemInfo.machineID", "The machine ID of the node."},
        {"NodeSystemInfo.systemUUID", "The system UUID of the node."},
        {"NodeSystemInfo.bootID", "An ID that changes on every boot."},
        {"NodeSystemInfo.kernelVersion", "The kernel version."},
        {"NodeSystemInfo.osImage", "The operating system image."},
        {"NodeSystemInfo.containerRuntimeVersion", "The container runtime and its version."},
        {"NodeSystemInfo.kubeletVersion", "The kubelet's version."},
        {"NodeSystemInfo.kubeProxyVersion", "Deprecated; not reliable."},
        {"NodeSystemInfo.operatingSystem", "The operating system (linux)."},
        {"NodeSystemInfo.architecture", "The CPU architecture (amd64, arm64, ...)."},
        {"Namespace",
         "A scope for names: objects of a namespaced kind must have unique names within their namespace. "
         "Deleting a namespace deletes everything in it."},
        {"Namespace.spec", "The namespace's finalizers."},
        {"Namespace.status", "Whether the namespace is active or being deleted."},
        {"NamespaceSpec", "The desired state of a namespace."},
        {"NamespaceSpec.finalizers",
         "Clean-up steps that must finish before the namespace is removed; \"kubernetes\" stands for deleting "
         "its contents."},
        {"NamespaceStatus", "The observed state of a namespace."},
        {"NamespaceStatus.phase",
         "Active, or Terminating while its contents are being deleted; no new objects can be created in a "
         "terminating namespace."},
        {"NamespaceStatus.conditions", "Observations about the deletion of the namespace's contents."},

        // [SECTION] core/v1 PersistentVolumeClaim, PersistentVolume
        {"PersistentVolumeClaimSpec", "The storage a claim asks for."},
        {"PersistentVolumeClaimSpec.accessModes",
         "How the volume may be mounted: ReadWriteOnce (read-write by one node), ReadOnlyMany, ReadWriteMany or "
         "ReadWriteOncePod (one pod)."},
        {"PersistentVolumeClaimSpec.selector", "Labels an existing volume must have to be bound to the claim."},
        {"PersistentVolumeClaimSpec.resources",
         "How much storage the claim needs (requests.storage). Only increases are allowed later, and only when "
         "the storage class allows expansion."},
        {"PersistentVolumeClaimSpec.volumeName",
         "The PersistentVolume bound to the claim. Set by the binder, or by the user to ask for a particular "
         "volume."},
        {"PersistentVolumeClaimSpec.storageClassName",
         "The StorageClass to provision the volume with. Unset means the cluster's default class; \"\" means "
         "no class (only pre-created volumes without a class)."},
        {"PersistentVolumeClaimSpec.volumeMode",
         "Filesystem (the default) or Block (a raw device)."},
        {"PersistentVolumeClaimSpec.dataSource",
         "An existing object (a snapshot or another claim) to fill the new volume from."},
        {"PersistentVolumeClaimSpec.dataSourceRef",
         "Like dataSource, but may also refer to custom populators and other namespaces."},
        {"PersistentVolumeClaimSpec.volumeAttributesClassName",
         "The VolumeAttributesClass for mutable attributes of the volume."},
        {"VolumeResourceRequirements", "The storage resources of a claim."},
        {"VolumeResourceRequirements.limits", "The most storage the claim may use."},
        {"VolumeResourceRequirements.requests", "The storage the claim needs, as in requests.storage: 1Gi."},
        {"PersistentVolumeClaimStatus", "The observed state of a claim."},
        {"PersistentVolumeClaimStatus.phase",
         "Pending (not bound yet, for example waiting for the first consumer), Bound or Lost (its volume is "
         "gone)."},
        {"PersistentVolumeClaimStatus.accessModes", "The access modes of the bound volume."},
        {"PersistentVolumeClaimStatus.capacity", "The capacity of the bound volume."},
        {"PersistentVolumeClaimStatus.conditions", "Observations about the claim, such as a resize in progress."},
        {"PersistentVolume",
         "A piece of storage in the cluster, provisioned by an administrator or dynamically for a claim through "
         "a StorageClass. A volume is bound to at most one claim; what happens to it after the claim is deleted "
         "depends on its reclaim policy."},
        {"PersistentVolume.spec", "The volume's capacity, source and binding."},
        {"PersistentVolume.status", "Where the volume is in its life."},
        {"PersistentVolumeSpec", "The description of a persistent volume."},
        {"PersistentVolumeSpec.capacity", "The size of the volume (storage)."},
        {"PersistentVolumeSpec.hostPath", "A directory on a node; only for single-node clusters and testing."},
        {"PersistentVolumeSpec.local",
         "A disk or directory of a particular node; pods using it are scheduled onto that node."},
        {"PersistentVolumeSpec.nfs", "An NFS share."},
        {"PersistentVolumeSpec.csi", "A volume managed by a CSI driver."},
        {"PersistentVolumeSpec.accessModes", "How the volume can be mounted."},
        {"PersistentVolumeSpec.claimRef",
         "The claim the volume is bound to (or reserved for)."},
        {"PersistentVolumeSpec.persistentVolumeReclaimPolicy",
         "What happens when the bound claim is deleted: Delete removes the volume and its storage (the default "
         "for dynamically provisioned volumes), Retain keeps it as Released for manual clean-up."},
        {"PersistentVolumeSpec.storageClassName",
         "The StorageClass the volume belongs to; only claims of that class bind to it."},
        {"PersistentVolumeSpec.mountOptions", "Options for mounting the volume."},
        {"PersistentVolumeSpec.volumeMode", "Filesystem (the default) or Block."},
        {"PersistentVolumeSpec.nodeAffinity",
         "Which nodes can access the volume; pods using it are only scheduled there."},
        {"PersistentVolumeSpec.volumeAttributesClassName", "The VolumeAttributesClass of the volume."},
        {"PersistentVolumeStatus", "The observed state of a persistent volume."},
        {"PersistentVolumeStatus.phase",
         "Available (free), Bound, Released (its claim was deleted), Failed, or Pending."},
        {"PersistentVolumeStatus.message", "Why the volume is in its phase, for humans."},
        {"PersistentVolumeStatus.reason", "Why the volume is in its phase, as one CamelCase word."},
        {"PersistentVolumeStatus.lastPhaseTransitionTime", "When the phase last changed."},

        // [SECTION] storage.k8s.io/v1 StorageClass
        {"StorageClass",
         "A class of dynamically provisioned storage: which provisioner creates volumes, with which parameters, "
         "and when. A claim naming the class (or any claim, for the default class) gets a volume from it."},
        {"StorageClass.provisioner",
         "The provisioner that creates volumes of this class, such as rancher.io/local-path in kind."},
        {"StorageClass.parameters", "Settings passed to the provisioner."},
        {"StorageClass.reclaimPolicy",
         "The reclaim policy of volumes created for this class: Delete (the default) or Retain."},
        {"StorageClass.mountOptions", "Mount options of the volumes created for this class."},
        {"StorageClass.allowVolumeExpansion", "Whether claims of this class may grow later."},
        {"StorageClass.volumeBindingMode",
         "When claims get a volume: Immediate (as soon as the claim exists) or WaitForFirstConsumer (once a pod "
         "using the claim is scheduled, so the volume is created where the pod runs)."},
        {"StorageClass.allowedTopologies", "Where volumes of this class may be provisioned."},

        // [SECTION] core/v1 Event
        {"Event",
         "A report of something that happened to an object: a controller created a pod, the scheduler placed "
         "it, the kubelet pulled an image. Repeats of the same event update its count. Events expire after an "
         "hour."},
        {"Event.involvedObject", "The object the event is about."},
        {"Event.reason", "Why the event happened, as one CamelCase word (Scheduled, Pulled, SuccessfulCreate...)."},
        {"Event.message", "What happened, for humans."},
        {"Event.source", "The component that reported the event."},
        {"Event.firstTimestamp", "When the event first happened."},
        {"Event.lastTimestamp", "When the event last happened."},
        {"Event.count", "How many times the event happened."},
        {"Event.type", "Normal or Warning."},
        {"Event.eventTime", "When the event first happened, with microseconds."},
        {"Event.series", "Data about a series of repeated events."},
        {"Event.action", "What the reporting component did or failed to do."},
        {"Event.related", "A second object the event is about."},
        {"Event.reportingComponent", "The controller that emitted the event, such as kubelet."},
        {"Event.reportingInstance", "The instance of that controller, such as the node name."},
        {"EventSource", "The component that reported an event."},
        {"EventSource.component", "The component's name."},
        {"EventSource.host", "The node the component runs on."},
    };
    return docs;
}

// [SECTION] required fields

const std::set<std::string_view>& Required() {
    static const std::set<std::string_view> required = {
        "OwnerReference.apiVersion", "OwnerReference.kind", "OwnerReference.name", "OwnerReference.uid",
        "LabelSelectorRequirement.key", "LabelSelectorRequirement.operator",
        "StatefulSetSpec.selector", "StatefulSetSpec.template",
        "StatefulSetCondition.type", "StatefulSetCondition.status", "StatefulSetStatus.replicas",
        "ControllerRevision.revision",
        "Container.name", "ContainerPort.containerPort", "EnvVar.name", "VolumeMount.name",
        "VolumeMount.mountPath", "Volume.name", "PersistentVolumeClaimVolumeSource.claimName",
        "HostPathVolumeSource.path", "PodSpec.containers", "PodCondition.type", "PodCondition.status",
        "ContainerStatus.name", "ContainerStatus.ready", "ContainerStatus.restartCount", "ContainerStatus.image",
        "ContainerStatus.imageID", "ContainerStateTerminated.exitCode", "PodIP.ip",
        "ServicePort.port", "EndpointAddress.ip", "EndpointPort.port",
        "Taint.key", "Taint.effect", "NodeCondition.type", "NodeCondition.status", "NodeAddress.type",
        "NodeAddress.address", "NodeSystemInfo.machineID", "NodeSystemInfo.systemUUID", "NodeSystemInfo.bootID",
        "NodeSystemInfo.kernelVersion", "NodeSystemInfo.osImage", "NodeSystemInfo.containerRuntimeVersion",
        "NodeSystemInfo.kubeletVersion", "NodeSystemInfo.kubeProxyVersion", "NodeSystemInfo.operatingSystem",
        "NodeSystemInfo.architecture",
        "Event.metadata", "Event.involvedObject", "StorageClass.provisioner",
        "EndpointSlice.addressType", "EndpointSlice.endpoints", "Endpoint.addresses",
    };
    return required;
}

// [SECTION] enums

const std::map<std::string_view, std::vector<std::string>>& Enums() {
    static const std::vector<std::string> kProtocols = {"SCTP", "TCP", "UDP"};
    static const std::vector<std::string> kEffects = {"NoExecute", "NoSchedule", "PreferNoSchedule"};
    static const std::vector<std::string> kReclaim = {"Delete", "Recycle", "Retain"};
    static const std::vector<std::string> kVolumeModes = {"Block", "Filesystem"};
    static const std::vector<std::string> kTrafficPolicies = {"Cluster", "Local"};
    static const std::map<std::string_view, std::vector<std::string>> enums = {
        {"StatefulSetSpec.podManagementPolicy", {"OrderedReady", "Parallel"}},
        {"StatefulSetUpdateStrategy.type", {"OnDelete", "RollingUpdate"}},
        {"PodSpec.restartPolicy", {"Always", "Never", "OnFailure"}},
        {"PodSpec.dnsPolicy", {"ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"}},
        {"PodSpec.preemptionPolicy", {"Never", "PreemptLowerPriority"}},
        {"Container.imagePullPolicy", {"Always", "IfNotPresent", "Never"}},
        {"Container.terminationMessagePolicy", {"FallbackToLogsOnError", "File"}},
        {"Container.restartPolicy", {"Always"}},
        {"ContainerPort.protocol", kProtocols},
        {"ServicePort.protocol", kProtocols},
        {"EndpointPort.protocol", kProtocols},
        {"discovery.EndpointPort.protocol", kProtocols},
        {"Toleration.operator", {"Equal", "Exists"}},
        {"Toleration.effect", kEffects},
        {"Taint.effect", kEffects},
        {"HostPathVolumeSource.type",
         {"", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"}},
        {"VolumeMount.mountPropagation", {"Bidirectional", "HostToContainer", "None"}},
        {"PodStatus.phase", {"Failed", "Pending", "Running", "Succeeded", "Unknown"}},
        {"PodStatus.qosClass", {"BestEffort", "Burstable", "Guaranteed"}},
        {"ServiceSpec.type", {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}},
        {"ServiceSpec.sessionAffinity", {"ClientIP", "None"}},
        {"ServiceSpec.externalTrafficPolicy", kTrafficPolicies},
        {"ServiceSpec.internalTrafficPolicy", kTrafficPolicies},
        {"ServiceSpec.ipFamilyPolicy", {"PreferDualStack", "RequireDualStack", "SingleStack"}},
        {"PersistentVolumeClaimSpec.volumeMode", kVolumeModes},
        {"PersistentVolumeClaimStatus.phase", {"Bound", "Lost", "Pending"}},
        {"PersistentVolumeSpec.persistentVolumeReclaimPolicy", kReclaim},
        {"PersistentVolumeSpec.volumeMode", kVolumeModes},
        {"PersistentVolumeStatus.phase", {"Available", "Bound", "Failed", "Pending", "Released"}},
        {"NodeStatus.phase", {"Pending", "Running", "Terminated"}},
        {"NamespaceStatus.phase", {"Active", "Terminating"}},
        {"EndpointSlice.addressType", {"FQDN", "IPv4", "IPv6"}},
        {"StorageClass.reclaimPolicy", kReclaim},
        {"StorageClass.volumeBindingMode", {"Immediate", "WaitForFirstConsumer"}},
    };
    return enums;
}

// [SECTION] API types of fields kept as raw JSON or plain string maps

const std::map<std::string_view, const char*>& TypeOverrides() {
    static const std::map<std::string_view, const char*> types = {
        {"ObjectMeta.managedFields", "[]ManagedFieldsEntry"},
        {"EnvVar.valueFrom", "EnvVarSource"},
        {"ResourceRequirements.limits", "map[string]Quantity"},
        {"ResourceRequirements.requests", "map[string]Quantity"},
        {"ResourceRequirements.claims", "[]ResourceClaim"},
        {"Probe.exec", "ExecAction"},
        {"Probe.httpGet", "HTTPGetAction"},
        {"Probe.tcpSocket", "TCPSocketAction"},
        {"Probe.grpc", "GRPCAction"},
        {"Container.envFrom", "[]EnvFromSource"},
        {"Container.resizePolicy", "[]ContainerResizePolicy"},
        {"Container.volumeDevices", "[]VolumeDevice"},
        {"Container.lifecycle", "Lifecycle"},
        {"Container.securityContext", "SecurityContext"},
        {"Volume.emptyDir", "EmptyDirVolumeSource"},
        {"Volume.secret", "SecretVolumeSource"},
        {"Volume.nfs", "NFSVolumeSource"},
        {"Volume.downwardAPI", "DownwardAPIVolumeSource"},
        {"Volume.configMap", "ConfigMapVolumeSource"},
        {"Volume.projected", "ProjectedVolumeSource"},
        {"Volume.csi", "CSIVolumeSource"},
        {"Volume.ephemeral", "EphemeralVolumeSource"},
        {"Volume.image", "ImageVolumeSource"},
        {"PodSpec.ephemeralContainers", "[]EphemeralContainer"},
        {"PodSpec.securityContext", "PodSecurityContext"},
        {"PodSpec.imagePullSecrets", "[]LocalObjectReference"},
        {"PodSpec.affinity", "Affinity"},
        {"PodSpec.hostAliases", "[]HostAlias"},
        {"PodSpec.dnsConfig", "PodDNSConfig"},
        {"PodSpec.readinessGates", "[]PodReadinessGate"},
        {"PodSpec.overhead", "map[string]Quantity"},
        {"PodSpec.topologySpreadConstraints", "[]TopologySpreadConstraint"},
        {"PodSpec.os", "PodOS"},
        {"PodSpec.schedulingGates", "[]PodSchedulingGate"},
        {"PodSpec.resourceClaims", "[]PodResourceClaim"},
        {"ContainerStatus.volumeMounts", "[]VolumeMountStatus"},
        {"ServiceSpec.sessionAffinityConfig", "SessionAffinityConfig"},
        {"ServiceStatus.loadBalancer", "LoadBalancerStatus"},
        {"ServiceStatus.conditions", "[]Condition"},
        {"NodeStatus.capacity", "map[string]Quantity"},
        {"NodeStatus.allocatable", "map[string]Quantity"},
        {"NodeStatus.daemonEndpoints", "NodeDaemonEndpoints"},
        {"NamespaceStatus.conditions", "[]NamespaceCondition"},
        {"VolumeResourceRequirements.limits", "map[string]Quantity"},
        {"VolumeResourceRequirements.requests", "map[string]Quantity"},
        {"PersistentVolumeClaimSpec.dataSource", "TypedLocalObjectReference"},
        {"PersistentVolumeClaimSpec.dataSourceRef", "TypedObjectReference"},
        {"PersistentVolumeClaimStatus.capacity", "map[string]Quantity"},
        {"PersistentVolumeClaimStatus.conditions", "[]PersistentVolumeClaimCondition"},
        {"PersistentVolumeSpec.capacity", "map[string]Quantity"},
        {"PersistentVolumeSpec.local", "LocalVolumeSource"},
        {"PersistentVolumeSpec.nfs", "NFSVolumeSource"},
        {"PersistentVolumeSpec.csi", "CSIPersistentVolumeSource"},
        {"PersistentVolumeSpec.nodeAffinity", "VolumeNodeAffinity"},
        {"Event.series", "EventSeries"},
        {"Event.related", "ObjectReference"},
        {"StorageClass.allowedTopologies", "[]TopologySelectorTerm"},
        {"Endpoint.hints", "EndpointHints"},
        {"ControllerRevision.data", "RawExtension"},
    };
    return types;
}

}  // namespace

const char* ExplainDoc(std::string_view key) {
    const auto& docs = Docs();
    auto it = docs.find(key);
    if (it != docs.end()) return it->second;
    size_t dot = key.rfind('.');
    if (dot == std::string_view::npos) return nullptr;
    std::string wildcard = "*" + std::string(key.substr(dot));
    auto w = docs.find(wildcard);
    return w == docs.end() ? nullptr : w->second;
}

bool ExplainRequired(std::string_view field_key) { return Required().count(field_key) > 0; }

const std::vector<std::string>* ExplainEnum(std::string_view field_key) {
    auto it = Enums().find(field_key);
    return it == Enums().end() ? nullptr : &it->second;
}

const char* ExplainTypeOverride(std::string_view field_key) {
    auto it = TypeOverrides().find(field_key);
    return it == TypeOverrides().end() ? nullptr : it->second;
}

}  // namespace sts::kubectl
