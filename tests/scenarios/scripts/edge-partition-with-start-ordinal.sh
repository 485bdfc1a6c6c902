# Reference §8.3 (ISSUE #128529), §1.1 ordinals.start and partition.
# A learner should see: the partition counts from the start ordinal, not from 0 (contrary to the
# API comment). With replicas 9, ordinals.start 2 and partition 5, pods web-2..web-6 (indexes
# 0-4) keep the old image and web-7..web-10 (indexes 5-8) get the new one.

kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 9
  ordinals:
    start: 2
  updateStrategy:
    rollingUpdate:
      partition: 5
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
EOF
kubectl rollout status sts/web --timeout=5m
#expect partitioned roll out complete: 9 new pods have been updated...
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.26
kubectl rollout status sts/web --timeout=5m
#expect partitioned roll out complete: 4 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect-count 5 nginx-slim:0.24
#expect-count 4 nginx-slim:0.26
#expect ^web-6 registry.k8s.io/nginx-slim:0.24$
#expect ^web-7 registry.k8s.io/nginx-slim:0.26$
#expect-not web-0
sim why sts/web
#expect web-6 not updated: partition is 5
#expect-not web-7 not updated
