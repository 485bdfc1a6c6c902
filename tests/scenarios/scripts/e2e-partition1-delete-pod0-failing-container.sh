# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should perform canary updates and
# phased rolling updates of template modifications for partiton1 and delete pod-0 with failing
# container" (reference §7.4, §8.5: ISSUE #119685, fixed by PR #120731).
# A learner should see: the same as the variant without a failing container, but a second
# container exits 1 on SIGTERM, so the deleted ss3-0 ends in phase Failed ("Error") while its
# finalizer holds it. The controller waits for the failed pod to go away and then recreates
# ss3-0 at the OLD revision, below the partition.
# Difference from upstream: its sidecar exits 1 only in ss3-0 (a shell test on $POD_NAME); the
# simulated shell reads the trap's exit code once, so here every pod's sidecar exits 1.

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
  name: ss3
spec:
  serviceName: test
  replicas: 3
  updateStrategy:
    type: RollingUpdate
    rollingUpdate:
      partition: 1
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
      - name: sleep-exit-with-1
        image: registry.k8s.io/e2e-test-images/busybox:1.36.1-1
        command: ["sh", "-c"]
        args:
        - |
          _term() { echo "Received SIGTERM signal"; exit 1; }
          trap _term SIGTERM
          while true; do sleep 1; done
EOF
kubectl rollout status sts/ss3
#expect partitioned roll out complete: 3 new pods have been updated...
old=$(kubectl get sts ss3 -o jsonpath='{.status.currentRevision}')
kubectl patch pod ss3-0 --type=merge -p '{"metadata":{"finalizers":["testing.k8s.io/hold"]}}'
#expect pod/ss3-0 patched
kubectl set image sts/ss3 webserver=registry.k8s.io/e2e-test-images/nginx:1.15-4
kubectl rollout status sts/ss3
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss3-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss3-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$

# Deleting pod-0: its sidecar exits 1, the pod fails, the finalizer keeps the object.
kubectl delete pod ss3-0 --wait=false
sleep 40
kubectl get pods
#expect ^ss3-0 0/2 Error
kubectl get pod ss3-0 -o jsonpath='{.status.phase}{"\n"}'
#expect ^Failed$
kubectl get sts ss3 -o jsonpath='ready={.status.readyReplicas} updated={.status.updatedReplicas}{"\n"}'
#expect ready=2 updated=2
[ "$(kubectl get sts ss3 -o jsonpath='{.status.currentRevision}')" = "$old" ] && echo "rollout not marked complete"
#expect rollout not marked complete
sim why sts/ss3
#expect ss3-0 not recreated yet: the old pod finished (Failed) and is still terminating

# Removing the finalizer: ss3-0 comes back at the old revision.
kubectl patch pod ss3-0 --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
kubectl rollout status sts/ss3
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss3-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss3-1 registry.k8s.io/e2e-test-images/nginx:1.15-4$
#expect ^ss3-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$
[ "$(kubectl get pod ss3-0 -o jsonpath='{.metadata.labels.controller-revision-hash}')" = "$old" ] && echo "ss3-0 back at the old revision"
#expect ss3-0 back at the old revision
