# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "Scaling should happen in predictable
# order and halt if any stateful pod is unhealthy" [Slow] [Conformance] (reference §7.4, §2.4,
# §10.1-2).
# A learner should see: pods are created ss-0, ss-1, ss-2 in that order, each only after the one
# before is Running and Ready. While ss-0 is unready, a scale-up to 3 creates nothing more and a
# scale-down from 3 to 0 deletes nothing while all three are unready (only the lowest-ordinal
# unhealthy pod, ss-0, could go, and it is not the highest). Scale-down removes ss-2, then ss-1,
# then ss-0, each only once the one above is gone.
# (Upstream breaks readiness by moving index.html away; here `sim readiness` fails the probe.)

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    foo: bar
    baz: blah
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
      baz: blah
  template:
    metadata:
      labels:
        foo: bar
        baz: blah
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

# Confirming that stateful set scale up will halt with unhealthy stateful pod.
sim readiness pod/ss-0 fail
sleep 5
kubectl get pods
#expect ^ss-0 0/1 Running
kubectl scale sts ss --replicas=3
sleep 10
kubectl get pods
#expect-count 1 ^ss-
sim why sts/ss
#expect ss-1 not created: ss-0 is Running but not Ready

# Scaling up stateful set ss to 3 replicas and waiting until all of them are Running and Ready,
# in order.
sim readiness pod/ss-0 pass
kubectl get pods --output-watch-events --watch
#expect-order ADDED ss-1 | ADDED ss-2
#expect-first-order ^MODIFIED ss-1 1/1 Running | ^ADDED ss-2
kubectl get pods
#expect-count 3 1/1 Running

# Scale down will halt with unhealthy stateful pods (upstream breaks every pod's probe).
for i in 0 1 2; do sim readiness pod/ss-$i fail; done
sleep 5
kubectl get pods
#expect-count 3 0/1 Running
kubectl scale sts ss --replicas=0
sleep 10
kubectl get pods
#expect-count 3 Running
#expect-not Terminating
sim why sts/ss
#expect ss-2 not deleted: it is Running but not Ready and only the first unhealthy pod (ss-0) may be removed

# Scaling down stateful set ss to 0 replicas and waiting until none of the pods are running,
# in reverse order.
for i in 0 1 2; do sim readiness pod/ss-$i pass; done
kubectl get pods --output-watch-events --watch
#expect-first-order ^DELETED ss-2 | ^MODIFIED ss-1 1/1 Terminating | ^DELETED ss-1 | ^MODIFIED ss-0 1/1 Terminating | ^DELETED ss-0
kubectl get pods
#expect No resources found in default namespace.
