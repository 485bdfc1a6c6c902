# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "Should recreate evicted
# statefulset" [Conformance] (reference §7.4, §2.4 processReplica step 1).
# A learner should see: when ss-0 ends in a terminal phase, the controller deletes it and, once
# it is gone, creates a new ss-0 (same name, new UID) that runs. (nginx exits 0 when the kubelet
# stops it, so since 1.27 the evicted pod ends Succeeded and kubectl shows it as Completed.)
# Difference from upstream: there a host-port conflict makes the kubelet reject ss-0 (phase
# Failed) over and over until the conflicting pod is deleted; the simulated kubelet does not
# check host ports, so `sim evict` fails the pod instead (reason Evicted, as memory pressure
# would).

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    foo: bar
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 1
  selector:
    matchLabels:
      foo: bar
  template:
    metadata:
      labels:
        foo: bar
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/nginx:1.14-4
        ports:
        - containerPort: 21017
          hostPort: 21017
EOF
kubectl rollout status sts/ss
#expect partitioned roll out complete: 1 new pods have been updated...
uid=$(kubectl get pod ss-0 -o jsonpath='{.metadata.uid}')

sim evict pod/ss-0
#expect pod/ss-0: evicted
kubectl get pods --watch
#expect-order ^ss-0 0/1 Completed | ^ss-0 0/1 Pending | ^ss-0 1/1 Running
kubectl get pods
#expect ^ss-0 1/1 Running
[ "$(kubectl get pod ss-0 -o jsonpath='{.metadata.uid}')" != "$uid" ] && echo "ss-0 recreated with a new UID"
#expect ss-0 recreated with a new UID
kubectl get events --field-selector involvedObject.name=ss -o custom-columns=REASON:.reason,COUNT:.count,MESSAGE:.message
#expect ^SuccessfulCreate 2 create Pod ss-0 in StatefulSet ss successful$
#expect ^SuccessfulDelete 1 delete Pod ss-0 in StatefulSet ss successful$
