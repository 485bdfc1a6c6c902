# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should perform rolling updates and
# roll backs of template modifications with PVCs" [Conformance] (reference §7.4, §2.4 phase E,
# §2.6). The variant without PVCs runs the same rollbackTest.
# A learner should see: with ss-1 not Ready, an image change creates a new update revision but
# replaces nothing (OrderedReady stops at ss-1). Once ss-1 is Ready again the pods are replaced in
# reverse ordinal order (ss-2, ss-1, ss-0) and currentRevision becomes the new revision. Reverting
# the image reuses the earlier ControllerRevision (same name, bumped revision number) and rolls
# back in the same reverse order. Every pod keeps its claim throughout.

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
  replicas: 3
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
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get sts ss -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
first=$(kubectl get sts ss -o jsonpath='{.status.currentRevision}')
kubectl get pods -L controller-revision-hash
#expect-count 3 1/1 Running

# Break ss-1's readiness (upstream moves index.html away), then change the image.
sim readiness pod/ss-1 fail
sleep 5
kubectl get pods
#expect ^ss-1 0/1 Running
kubectl set image sts/ss webserver=registry.k8s.io/e2e-test-images/nginx:1.15-4
#expect statefulset.apps/ss image updated
sleep 5
kubectl get sts ss -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
second=$(kubectl get sts ss -o jsonpath='{.status.updateRevision}')
[ "$first" != "$second" ] && echo "new update revision, current revision unchanged"
#expect new update revision, current revision unchanged
kubectl get pods -L controller-revision-hash
#expect-not Terminating
sim why sts/ss
#expect ss-2 not updated: ss-1 is Running but not Ready

# Restore ss-1: the update proceeds in reverse ordinal order.
sim readiness pod/ss-1 pass
kubectl get pods --watch
#expect-order ^ss-2 1/1 Terminating | ^ss-2 0/1 Pending | ^ss-2 1/1 Running | ^ss-1 1/1 Terminating | ^ss-1 1/1 Running | ^ss-0 1/1 Terminating | ^ss-0 1/1 Running
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get sts ss -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
[ "$(kubectl get sts ss -o jsonpath='{.status.currentRevision}')" = "$second" ] && echo "current revision is the new one"
#expect current revision is the new one
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName
#expect-count 3 registry.k8s.io/e2e-test-images/nginx:1.15-4

# Roll back: break ss-1 again, revert the image. The update revision is the first one again.
sim readiness pod/ss-1 fail
sleep 5
kubectl set image sts/ss webserver=registry.k8s.io/e2e-test-images/nginx:1.14-4
sleep 5
kubectl get sts ss -o jsonpath='{.status.currentRevision} {.status.updateRevision}{"\n"}'
[ "$(kubectl get sts ss -o jsonpath='{.status.updateRevision}')" = "$first" ] && echo "rollback reuses the prior revision"
#expect rollback reuses the prior revision
kubectl get controllerrevisions
#expect-count 2 statefulset.apps/ss
kubectl get controllerrevision "$first" -o jsonpath='{.revision}{"\n"}'
#expect ^3$
sim readiness pod/ss-1 pass
kubectl get pods --watch
#expect-order ^ss-2 1/1 Terminating | ^ss-2 1/1 Running | ^ss-1 1/1 Terminating | ^ss-1 1/1 Running | ^ss-0 1/1 Terminating | ^ss-0 1/1 Running
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...
[ "$(kubectl get sts ss -o jsonpath='{.status.currentRevision}')" = "$first" ] && echo "current revision is the prior one"
#expect current revision is the prior one
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,REVISION:.metadata.labels.controller-revision-hash,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName
#expect-count 3 registry.k8s.io/e2e-test-images/nginx:1.14-4
kubectl get pvc
#expect-count 3 Bound
