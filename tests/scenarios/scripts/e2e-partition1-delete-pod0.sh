# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should perform canary updates and
# phased rolling updates of template modifications for partiton1 and delete pod-0 without
# failing container" (reference §7.4, §8.5: ISSUE #119685, fixed by PR #120731).
# A learner should see: with partition 1 an image change updates ss2-2 and ss2-1 but not ss2-0.
# A finalizer holds the deleted ss2-0 in Terminating, so the set is one pod short for a while;
# that must not mark the rollout complete. When the finalizer is removed, ss2-0 is recreated at
# the OLD revision (it is below the partition), not the new one.

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
EOF
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 3 new pods have been updated...
old=$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')

# Adding a finalizer to pod-0.
kubectl patch pod ss2-0 --type=merge -p '{"metadata":{"finalizers":["testing.k8s.io/hold"]}}'
#expect pod/ss2-0 patched

# Updating the image: every pod but ss2-0 is updated.
kubectl set image sts/ss2 webserver=registry.k8s.io/e2e-test-images/nginx:1.15-4
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 2 new pods have been updated...
new=$(kubectl get sts ss2 -o jsonpath='{.status.updateRevision}')
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss2-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-1 registry.k8s.io/e2e-test-images/nginx:1.15-4$
#expect ^ss2-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$

# Deleting pod-0: the finalizer keeps the object; its container stopped (nginx exits 0, so the
# pod is Succeeded and kubectl shows Completed); two pods are ready.
kubectl delete pod ss2-0 --wait=false
#expect pod "ss2-0" deleted
sleep 10
kubectl get pods
#expect ^ss2-0 0/1 Completed
kubectl get sts ss2 -o jsonpath='ready={.status.readyReplicas} updated={.status.updatedReplicas} current={.status.currentRevision}{"\n"}'
#expect ready=2 updated=2
[ "$(kubectl get sts ss2 -o jsonpath='{.status.currentRevision}')" = "$old" ] && echo "rollout not marked complete"
#expect rollout not marked complete
sim why sts/ss2
#expect ss2-0 not recreated yet: the old pod finished (Succeeded) and is still terminating

# Removing the finalizer: ss2-0 is recreated at the old revision. (The API server deletes the pod
# within that update and answers with the object as it was stored, so kubectl reports no change.)
kubectl patch pod ss2-0 --type=json -p '[{"op":"remove","path":"/metadata/finalizers"}]'
#expect pod/ss2-0 patched
kubectl rollout status sts/ss2
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^ss2-0 registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^ss2-1 registry.k8s.io/e2e-test-images/nginx:1.15-4$
#expect ^ss2-2 registry.k8s.io/e2e-test-images/nginx:1.15-4$
[ "$(kubectl get pod ss2-0 -o jsonpath='{.metadata.labels.controller-revision-hash}')" = "$old" ] && echo "ss2-0 back at the old revision"
#expect ss2-0 back at the old revision
