# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should validate Statefulset Status
# endpoints" [Conformance] (reference §7.4, §1.1 status).
# A learner should see: the /status subresource can be read, updated and patched; the controller
# never sets conditions itself, so conditions written by someone else stay (the controller only
# rewrites the status when the numbers it computes change).

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
  labels:
    e2e: testing
spec:
  serviceName: test
  replicas: 1
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

# Patch the StatefulSet to include a label.
kubectl patch sts ss -p '{"metadata":{"labels":{"e2e":"testing"}}}'
#expect statefulset.apps/ss patched (no change)

# Getting /status.
kubectl get sts ss --subresource=status -o jsonpath='replicas={.status.replicas} ready={.status.readyReplicas} conditions={.status.conditions}{"\n"}'
#expect ^replicas=1 ready=1 conditions=$

# Updating the status: add a condition.
kubectl patch sts ss --subresource=status --type=json -p '[{"op":"add","path":"/status/conditions","value":[{"type":"StatusUpdate","status":"True","reason":"E2E","message":"Set from e2e test"}]}]'
#expect statefulset.apps/ss patched
sleep 5
kubectl get sts ss -o jsonpath='{range .status.conditions[*]}{.type}={.status} {.reason}: {.message}{"\n"}{end}'
#expect ^StatusUpdate=True E2E: Set from e2e test$

# Patching the status with a merge patch replaces the conditions list.
kubectl patch sts ss --subresource=status --type=merge -p '{"status":{"conditions":[{"type":"StatusPatched","status":"True"}]}}'
#expect statefulset.apps/ss patched
sleep 5
kubectl get sts ss -o jsonpath='{range .status.conditions[*]}{.type}={.status}{"\n"}{end}'
#expect ^StatusPatched=True$
#expect-not StatusUpdate
kubectl get sts ss
#expect ^ss 1/1
