# Upstream: test/e2e/apps/statefulset.go, "MinReadySeconds should be honored when enabled" and
# "AvailableReplicas should get updated accordingly when MinReadySeconds is enabled" (reference
# §7.4, §1.1 minReadySeconds, §2.7 availableReplicas).
# A learner should see: a pod counts as available only after it has been Ready for
# minReadySeconds. With minReadySeconds 30 the set reports 0 available replicas for a while, and
# OrderedReady waits for test-ss-0 to be available before creating test-ss-1. Raising it to 3600
# makes both pods unavailable again (no pod changes); setting it to 0 makes them available at
# once, and `kubectl get -o yaml` shows availableReplicas: 2.

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    name: sample-pod
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: test-ss
spec:
  serviceName: test
  replicas: 2
  minReadySeconds: 30
  selector:
    matchLabels:
      name: sample-pod
      pod: httpd
  template:
    metadata:
      labels:
        name: sample-pod
        pod: httpd
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/nginx:1.14-4
EOF
kubectl wait --for=create pod/test-ss-0
kubectl wait --for=condition=Ready pod/test-ss-0
sleep 5
kubectl get sts test-ss -o jsonpath='ready={.status.readyReplicas} available={.status.availableReplicas}{"\n"}'
#expect ready=1 available=
kubectl get pods
#expect-count 1 ^test-ss-
sim why sts/test-ss
#expect test-ss-1 not created: test-ss-0 is Ready but not yet Available (minReadySeconds 30)

# Both pods become available, one after the other.
kubectl wait --for=jsonpath='{.status.availableReplicas}'=2 sts/test-ss --timeout=3m
#expect statefulset.apps/test-ss condition met
kubectl get sts test-ss -o jsonpath='ready={.status.readyReplicas} available={.status.availableReplicas}{"\n"}'
#expect ready=2 available=2

# minReadySeconds 3600: no pod is available any more.
kubectl patch sts test-ss -p '{"spec":{"minReadySeconds":3600}}'
kubectl wait --for=jsonpath='{.status.availableReplicas}'=0 sts/test-ss
#expect statefulset.apps/test-ss condition met
kubectl get sts test-ss
#expect ^test-ss 2/2

# minReadySeconds 0: both available at once.
kubectl patch sts test-ss -p '{"spec":{"minReadySeconds":0}}'
kubectl wait --for=jsonpath='{.status.availableReplicas}'=2 sts/test-ss
#expect statefulset.apps/test-ss condition met
kubectl get statefulset test-ss -o=yaml | grep Replicas
#expect ^ availableReplicas: 2$
