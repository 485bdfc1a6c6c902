# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "Burst scaling should run to
# completion even with unhealthy pods" [Slow] [Conformance] (reference §7.4, §2.4, §1.1
# podManagementPolicy).
# A learner should see: with podManagementPolicy Parallel, an unready ss-0 does not hold anything
# back: scaling 1 -> 3 creates ss-1 and ss-2 at once, without waiting for one another, and scaling
# 3 -> 0 with every pod unready deletes all three at once.

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
  podManagementPolicy: Parallel
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
kubectl rollout status sts/ss
#expect partitioned roll out complete: 1 new pods have been updated...

# Scale up does not halt with an unhealthy pod.
sim readiness pod/ss-0 fail
kubectl wait --for=condition=Ready=false pod/ss-0
#expect pod/ss-0 condition met
kubectl scale sts ss --replicas=3
kubectl get pods --watch
#expect-first-order ^ss-1 0/1 Pending | ^ss-2 0/1 Pending | ^ss-1 0/1 ContainerCreating
kubectl get pods
#expect ^ss-0 0/1 Running
#expect ^ss-1 1/1 Running
#expect ^ss-2 1/1 Running
sim readiness pod/ss-0 pass
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...

# Scale down does not halt with unhealthy pods either: all three go at once.
for i in 0 1 2; do sim readiness pod/ss-$i fail; done
kubectl wait --for=condition=Ready=false pod/ss-0 pod/ss-1 pod/ss-2
#expect-count 3 condition met
kubectl scale sts ss --replicas=0
kubectl get pods --watch
#expect-first-order ^ss-2 0/1 Terminating | ^ss-1 0/1 Terminating | ^ss-0 0/1 Terminating | ^ss-2 0/1 Completed
kubectl get pods
#expect No resources found in default namespace.
kubectl get sts ss
#expect ^ss 0/0
