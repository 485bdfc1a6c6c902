# Upstream: test/e2e/apps/statefulset.go, "PVC should be recreated when pod is pending due to
# missing PVC [Disruptive][Serial]" (reference §7.4, §2.4 processReplica step 3).
# A learner should see: test-ss-0 is pinned to one node. With that node cordoned, the deleted pod
# is recreated but stays Pending (unschedulable), so its claim is not in use and can be deleted.
# Once the node is uncordoned, the controller notices that the Pending pod is missing its claim
# and creates it again; the pod is scheduled to the same node, the new claim binds and the pod is
# Ready.

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    name: sample-pod
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: test-ss
spec:
  serviceName: test
  replicas: 1
  selector:
    matchLabels:
      name: sample-pod
      pod: httpd
  template:
    metadata:
      labels:
        name: sample-pod
        pod: httpd
    spec:
      nodeSelector:
        kubernetes.io/hostname: kind-worker2
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/nginx:1.14-4
        volumeMounts:
        - name: datadir
          mountPath: /data/
  volumeClaimTemplates:
  - metadata:
      name: datadir
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
EOF
kubectl rollout status sts/test-ss
#expect partitioned roll out complete: 1 new pods have been updated...
kubectl get pods -o wide
#expect ^test-ss-0 1/1 Running 0 * kind-worker2
olduid=$(kubectl get pvc datadir-test-ss-0 -o jsonpath='{.metadata.uid}')

# Cordoning the node, deleting the pod: its replacement stays Pending.
kubectl cordon kind-worker2
#expect node/kind-worker2 cordoned
kubectl delete pod test-ss-0
#expect pod "test-ss-0" deleted
sleep 5
kubectl get pods
#expect ^test-ss-0 0/1 Pending
kubectl describe pod test-ss-0 | grep FailedScheduling
#expect FailedScheduling
#expect node(s) were unschedulable

# Deleting the claim: no scheduled pod uses it, so it goes at once. The controller does not
# watch claims, so nothing recreates it yet.
kubectl delete pvc datadir-test-ss-0
#expect persistentvolumeclaim "datadir-test-ss-0" deleted
sleep 5
kubectl get pvc
#expect No resources found in default namespace.

# Uncordoning: the scheduler retries the pod and fails on the missing claim; that status change
# wakes the controller, which sees a Pending pod without its claim and creates the claim again.
# The pod is then scheduled to the same node and becomes Ready.
kubectl uncordon kind-worker2
#expect node/kind-worker2 uncordoned
kubectl wait --for=jsonpath='{.status.readyReplicas}'=1 sts/test-ss --timeout=2m
#expect statefulset.apps/test-ss condition met
kubectl get pods -o wide
#expect ^test-ss-0 1/1 Running 0 * kind-worker2
kubectl get pvc
#expect ^datadir-test-ss-0 Bound
[ "$(kubectl get pvc datadir-test-ss-0 -o jsonpath='{.metadata.uid}')" != "$olduid" ] && echo "a new claim"
#expect a new claim
kubectl get events --field-selector involvedObject.name=test-ss
#expect create Claim datadir-test-ss-0 Pod test-ss-0 in StatefulSet test-ss success
kubectl describe pod test-ss-0 | grep -e FailedScheduling -e Scheduled
#expect persistentvolumeclaim "datadir-test-ss-0" not found
#expect Successfully assigned default/test-ss-0 to kind-worker2
