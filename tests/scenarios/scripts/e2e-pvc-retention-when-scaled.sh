# Upstream: test/e2e/apps/statefulset.go, "Non-retain StatefulSetPersistentVolumeClaimPolicy":
# "should delete PVCs with a OnScaledown policy" and "should delete PVCs after adopting pod
# (WhenScaled)" (reference §7.4, §3.4).
# A learner should see: with whenScaled: Delete the claims of pods in range have no owner
# reference; just before a pod is removed by a scale-down its claim gets an owner reference to
# that pod, so the garbage collector deletes the claim once the pod is gone. Scaling 3 -> 1
# leaves only datadir-ss-0. An orphaned pod that the controller adopts back gets the same
# treatment.

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
  persistentVolumeClaimRetentionPolicy:
    whenScaled: Delete
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
kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,OWNER-KIND:.metadata.ownerReferences[*].kind,OWNER:.metadata.ownerReferences[*].name
#expect-count 3 Bound <none> <none>$

# Orphaning the 3rd pod: the controller adopts it back.
kubectl patch pod ss-2 --type=json -p '[{"op":"remove","path":"/metadata/ownerReferences"}]'
sleep 2
kubectl get pod ss-2 -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name
#expect ^ss-2 ss$

# Scaling to one replica: the claims of ss-2 and ss-1 go with their pods.
kubectl scale sts ss --replicas=1
kubectl get pvc --watch
#expect-order ^datadir-ss-2 Terminating | ^datadir-ss-1 Terminating
kubectl wait --for=delete pvc/datadir-ss-1 pvc/datadir-ss-2 --timeout=2m
kubectl get pvc
#expect ^datadir-ss-0 Bound
#expect-count 1 Bound
kubectl get pods
#expect-count 1 ^ss-
