# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should have a working scale
# subresource" [Conformance] (reference §7.4, §1.1 replicas, §6.4).
# A learner should see: the StatefulSet's /scale subresource reads spec.replicas and
# status.replicas as an autoscaling/v1 Scale; updating or patching it changes spec.replicas
# (kubectl scale uses it), and the controller follows.

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

# Getting the scale subresource.
kubectl get sts ss --subresource=scale -o yaml
#expect ^apiVersion: autoscaling/v1$
#expect ^kind: Scale$
#expect ^ replicas: 1$
#expect ^ selector: foo=bar$
kubectl get sts ss --subresource=scale
#expect ^ss 1 1

# Updating the scale subresource (kubectl scale).
kubectl scale sts ss --replicas=2
#expect statefulset.apps/ss scaled
kubectl get sts ss -o jsonpath='{.spec.replicas}{"\n"}'
#expect ^2$

# Patching the scale subresource.
kubectl patch sts ss --subresource=scale -p '{"spec":{"replicas":4}}'
#expect statefulset.apps/ss patched
kubectl get sts ss -o jsonpath='{.spec.replicas}{"\n"}'
#expect ^4$
kubectl rollout status sts/ss
#expect partitioned roll out complete: 4 new pods have been updated...
kubectl get sts ss --subresource=scale
#expect ^ss 4 4
