# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should not deadlock when a pod's
# predecessor fails" (reference §7.4, §2.4 processReplica).
# A learner should see: ss-1 is Running but not Ready (upstream pauses it with a readiness probe
# on a file it has not touched yet; here `sim readiness` fails its probe). Deleting the healthy
# ss-0 does not leave the set stuck and does not touch ss-1: the controller recreates ss-0 first
# (the lowest missing ordinal), and once ss-1's probe passes both pods are Running and Ready.

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
  replicas: 2
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
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
EOF
kubectl wait --for=create pod/ss-0
kubectl wait --for=condition=Ready pod/ss-0
#expect pod/ss-0 condition met
# ss-1 is created next; its readiness probe is made to fail before it first passes.
kubectl wait --for=create pod/ss-1
kubectl wait --for=jsonpath='{.status.containerStatuses[0].state.waiting.reason}'=ContainerCreating pod/ss-1
sim readiness pod/ss-1 fail
#expect pod/ss-1: readiness probe failing
sleep 20
kubectl get pods
#expect ^ss-0 1/1 Running
#expect ^ss-1 0/1 Running
sim why sts/ss
#expect waiting for ss-1 to be Running and Ready: it is Running but not Ready

# Delete the healthy predecessor (kubectl delete waits until it is gone): it is recreated at
# once, and ss-1 is left alone.
ss1=$(kubectl get pod ss-1 -o jsonpath='{.metadata.uid}')
kubectl delete pod ss-0
#expect pod "ss-0" deleted
kubectl get pods --watch
#expect-order ^ss-0 0/1 Pending | ^ss-0 0/1 ContainerCreating | ^ss-0 1/1 Running
#expect-not Terminating
[ "$(kubectl get pod ss-1 -o jsonpath='{.metadata.uid}')" = "$ss1" ] && echo "ss-1 untouched"
#expect ss-1 untouched
kubectl get pods
#expect ^ss-0 1/1 Running
#expect ^ss-1 0/1 Running

# Resume ss-1: both pods are Running and Ready.
sim readiness pod/ss-1 pass
#expect pod/ss-1: readiness probe passing
kubectl rollout status sts/ss
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods
#expect ^ss-0 1/1 Running
#expect ^ss-1 1/1 Running
