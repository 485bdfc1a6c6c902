# Reference §8.10 and §1.2 "Practical limit" (ISSUE #64023).
# A learner should see: a StatefulSet name must be a DNS label (at most 63 characters), but a
# name longer than 52 characters cannot work: every pod carries the label
# controller-revision-hash=<name>-<hash>, whose value may not exceed 63 characters. The set is
# created, yet each pod creation fails with the label error (FailedCreate events) and no pod
# ever exists. A 52-character name still works.

kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels:
      app: long
  template:
    metadata:
      labels:
        app: long
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
EOF
#expect statefulset.apps/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa created
sleep 30
kubectl get pods -l app=long
#expect No resources found in default namespace.
kubectl get sts
#expect ^aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa 0/1
kubectl get events --field-selector reason=FailedCreate -o custom-columns=TYPE:.type,REASON:.reason,MESSAGE:.message
#expect Warning FailedCreate create Pod aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0 in StatefulSet aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa failed error: Pod "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0" is invalid: metadata.labels: Invalid value: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-
#expect must be no more than 63 characters
sim why sts/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
#expect aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0 not created: Pod "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-0" is invalid

# 52 characters: the label is exactly 63 characters long and the pod is created.
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
spec:
  serviceName: nginx
  replicas: 1
  selector:
    matchLabels:
      app: fits
  template:
    metadata:
      labels:
        app: fits
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
EOF
kubectl rollout status sts/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
#expect partitioned roll out complete: 1 new pods have been updated...
kubectl get pods -l app=fits -o jsonpath='{.items[0].metadata.labels.controller-revision-hash}' | wc -c
#expect ^63$

# A name that is not a DNS label at all is rejected outright.
kubectl create -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb
spec:
  serviceName: nginx
  selector:
    matchLabels:
      app: too-long
  template:
    metadata:
      labels:
        app: too-long
    spec:
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
EOF
#expect must be no more than 63 characters
