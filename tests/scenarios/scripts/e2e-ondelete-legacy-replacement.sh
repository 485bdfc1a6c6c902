# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should implement legacy replacement
# when the update strategy is OnDelete" (reference §7.4, §2.4 phase D, §2.7, §6.5).
# A learner should see: under OnDelete a template change creates a new revision but replaces no
# pod; deleting a pod brings it back at the update revision. Deleting the pods before the change
# brings them back unchanged. `kubectl rollout status` refuses OnDelete sets, and
# status.currentRevision stays the first revision even after every pod runs the new one
# (completeRollingUpdate only runs for RollingUpdate).

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
  name: ss2
spec:
  serviceName: test
  replicas: 3
  updateStrategy:
    type: OnDelete
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
kubectl rollout status sts/ss2
#expect error: rollout status is only available for RollingUpdate strategy type
kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/ss2 --timeout=2m
#expect statefulset.apps/ss2 condition met
old=$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')

# Restoring pods to the current revision: deleted pods come back unchanged.
kubectl delete pod ss2-0 ss2-1 ss2-2
kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/ss2 --timeout=2m
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
#expect-count 3 registry.k8s.io/e2e-test-images/nginx:1.14-4

# A template change: a new revision, no pod replaced.
kubectl set image sts/ss2 webserver=registry.k8s.io/e2e-test-images/nginx:1.15-4
sleep 30
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
#expect-count 3 registry.k8s.io/e2e-test-images/nginx:1.14-4
new=$(kubectl get sts ss2 -o jsonpath='{.status.updateRevision}')
[ "$old" != "$new" ] && echo "new update revision"
#expect new update revision
sim why sts/ss2
#expect ss2-2 not updated: updateStrategy is OnDelete (delete the pod to update it)

# Recreating pods at the new revision.
kubectl delete pod ss2-0 ss2-1 ss2-2
kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/ss2 --timeout=2m
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash
#expect-count 3 registry.k8s.io/e2e-test-images/nginx:1.15-4
kubectl get sts ss2 -o jsonpath='updated={.status.updatedReplicas} current={.status.currentReplicas}{"\n"}'
#expect ^updated=3 current=$
[ "$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')" = "$old" ] && echo "currentRevision is still the first revision"
#expect currentRevision is still the first revision
