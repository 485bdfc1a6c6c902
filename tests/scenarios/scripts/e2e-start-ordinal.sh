# Upstream: test/e2e/apps/statefulset.go, "Scaling StatefulSetStartOrdinal": "Setting
# .start.ordinal", "Increasing .start.ordinal", "Decreasing .start.ordinal" and "Removing
# .start.ordinal" (reference §7.4, §1.1 ordinals.start, §2.4).
# A learner should see: spec.ordinals.start moves the window of ordinals the set owns. Pods
# whose ordinal falls outside [start, start+replicas-1] are condemned and deleted; missing ones
# in the window are created. Four fresh sets, as upstream: ss-0,ss-1 -> replicas 3, start 2 ->
# ss-2,ss-3,ss-4; start 2 -> 4 turns ss-2,ss-3 into ss-4,ss-5; start 3 -> 2 turns ss-3,ss-4 into
# ss-2,ss-3; removing start turns ss-3,ss-4 into ss-0,ss-1.

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
EOF
cat > ss.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 2
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
EOF
cat > ss-start2.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 2
  podManagementPolicy: Parallel
  ordinals:
    start: 2
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
EOF
cat > ss-start3.yaml <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 2
  podManagementPolicy: Parallel
  ordinals:
    start: 3
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
EOF

# Setting .start.ordinal: replicas 3, start 2.
kubectl apply -f ss.yaml
kubectl rollout status sts/ss
kubectl get pods -o name
#expect ^pod/ss-0$
#expect ^pod/ss-1$
kubectl patch sts ss -p '{"spec":{"replicas":3,"ordinals":{"start":2}}}'
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl wait --for=delete pod/ss-0 pod/ss-1
kubectl get pods -o name
#expect-count 3 ^pod/ss-
#expect ^pod/ss-2$
#expect ^pod/ss-3$
#expect ^pod/ss-4$
kubectl delete sts ss
kubectl wait --for=delete pod/ss-2 pod/ss-3 pod/ss-4

# Increasing .start.ordinal: start 2 -> 4.
kubectl apply -f ss-start2.yaml
kubectl rollout status sts/ss
kubectl get pods -o name
#expect ^pod/ss-2$
#expect ^pod/ss-3$
kubectl patch sts ss -p '{"spec":{"ordinals":{"start":4}}}'
kubectl rollout status sts/ss
kubectl wait --for=delete pod/ss-2 pod/ss-3
kubectl get pods -o name
#expect-count 2 ^pod/ss-
#expect ^pod/ss-4$
#expect ^pod/ss-5$
kubectl delete sts ss
kubectl wait --for=delete pod/ss-4 pod/ss-5

# Decreasing .start.ordinal: start 3 -> 2.
kubectl apply -f ss-start3.yaml
kubectl rollout status sts/ss
kubectl get pods -o name
#expect ^pod/ss-3$
#expect ^pod/ss-4$
kubectl patch sts ss -p '{"spec":{"ordinals":{"start":2}}}'
kubectl rollout status sts/ss
kubectl wait --for=delete pod/ss-4
kubectl get pods -o name
#expect-count 2 ^pod/ss-
#expect ^pod/ss-2$
#expect ^pod/ss-3$
kubectl delete sts ss
kubectl wait --for=delete pod/ss-2 pod/ss-3

# Removing .start.ordinal: start 3 -> none.
kubectl apply -f ss-start3.yaml
kubectl rollout status sts/ss
kubectl patch sts ss --type=json -p '[{"op":"remove","path":"/spec/ordinals"}]'
kubectl rollout status sts/ss
kubectl wait --for=delete pod/ss-3 pod/ss-4
kubectl get pods -o name
#expect-count 2 ^pod/ss-
#expect ^pod/ss-0$
#expect ^pod/ss-1$
