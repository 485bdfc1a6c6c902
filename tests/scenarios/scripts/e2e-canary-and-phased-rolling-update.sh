# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should perform canary updates and
# phased rolling updates of template modifications" [Conformance] (reference §7.4, §2.4 phase E,
# §2.6 "which revision a newly created pod gets").
# A learner should see: with partition 3 (more than the highest index) an image change creates a
# new revision and updates no pod. Partition 2 is a canary: only ss2-2 is updated. Deleted pods
# come back on their side of the partition (ss2-0 at the old revision, ss2-2 at the new one).
# Lowering the partition to 1 and then 0 updates ss2-1 and then ss2-0, one pod per step, and at
# partition 0 currentRevision becomes the update revision.

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
    type: RollingUpdate
    rollingUpdate:
      partition: 3
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
#expect partitioned roll out complete: 3 new pods have been updated...
old=$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')

# Partition 3 > highest index 2: a new revision, no pod changes.
kubectl set image sts/ss2 webserver=registry.k8s.io/e2e-test-images/nginx:1.15-4
sleep 5
kubectl get sts ss2 -o jsonpath='{.status.currentRevision} {.status.updateRevision} updated={.status.updatedReplicas}{"\n"}'
#expect updated=$
new=$(kubectl get sts ss2 -o jsonpath='{.status.updateRevision}')
[ "$old" != "$new" ] && echo "new revision created"
#expect new revision created
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect-count 3 nginx:1.14-4
sim why sts/ss2
#expect ss2-2 not updated: partition is 3
#expect ss2-0 not updated: partition is 3
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 0 new pods have been updated...

# Canary: partition 2 updates only ss2-2.
kubectl patch sts ss2 -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'
#expect statefulset.apps/ss2 patched
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 1 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss2-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-1 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$
sim why sts/ss2
#expect ss2-1 not updated: partition is 2
#expect ss2-0 not updated: partition is 2

# Deleted pods are restored to the revision of their side of the partition.
kubectl delete pod ss2-0 ss2-2
#expect pod "ss2-0" deleted
kubectl rollout status sts/ss2
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss2-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-1 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$

# Phased rolling update: partition 1, then 0.
kubectl patch sts ss2 -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}'
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss2-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-1 registry.k8s.io/e2e-test-images/nginx:1.15-4$
kubectl get sts ss2 -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
[ "$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')" = "$old" ] && echo "current revision still the old one"
#expect current revision still the old one
kubectl patch sts ss2 -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect-count 3 nginx:1.15-4
kubectl get sts ss2 -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
[ "$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')" = "$new" ] && echo "current revision is the update revision"
#expect current revision is the update revision
