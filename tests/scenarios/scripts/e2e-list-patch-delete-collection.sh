# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should list, patch and delete a
# collection of StatefulSets" [Conformance] (reference §7.4, §6.4).
# A learner should see: a strategic-merge patch can relabel the set, change replicas and change
# the pod template in one request; a containers entry with a new name is merged in as a second
# container (the merge key is the name). Label selectors find the set across namespaces, and a
# delete by selector removes it and, by cascading, its pods.

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
  replicas: 1
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
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
EOF
kubectl rollout status sts/test-ss
#expect partitioned roll out complete: 1 new pods have been updated...

# Patching the StatefulSet: a label, 2 replicas, and a container named like the set.
kubectl patch sts test-ss -p '{"metadata":{"labels":{"test-ss":"patched"}},"spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"test-ss","image":"registry.k8s.io/pause:3.10"}]}}}}'
#expect statefulset.apps/test-ss patched
kubectl get sts test-ss -o jsonpath='{range .spec.template.spec.containers[*]}{.name}={.image}{"\n"}{end}'
#expect ^webserver=registry.k8s.io/e2e-test-images/nginx:1.14-4$
#expect ^test-ss=registry.k8s.io/pause:3.10$
kubectl rollout status sts/test-ss
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods
#expect-count 2 2/2 Running

# Listing all StatefulSets with the label.
kubectl get sts -A -l test-ss=patched
#expect ^default test-ss 2/2

# Deleting them by the label: the set and then its pods go.
kubectl delete sts -l test-ss=patched
#expect statefulset.apps "test-ss" deleted
kubectl get sts -A -l test-ss=patched
#expect No resources found
kubectl get pods --watch
#expect Terminating
kubectl get pods
#expect No resources found in default namespace.
