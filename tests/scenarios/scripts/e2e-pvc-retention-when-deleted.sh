# Upstream: test/e2e/apps/statefulset.go, "Non-retain StatefulSetPersistentVolumeClaimPolicy":
# "should delete PVCs with a WhenDeleted policy" and "should delete PVCs after adopting pod
# (WhenDeleted)" (reference §7.4, §3.4).
# A learner should see: with whenDeleted: Delete every claim gets an owner reference to the
# StatefulSet (no pod reference), so deleting the set lets the garbage collector delete the pods
# and then the claims. An orphaned pod that the controller adopts back gets the same treatment.

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
    whenDeleted: Delete
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
kubectl get sts ss -o jsonpath='{.spec.persistentVolumeClaimRetentionPolicy}{"\n"}'
#expect {"whenDeleted":"Delete","whenScaled":"Retain"}

# Confirming all 3 PVCs exist with their owner refs (the set, not the pods).
kubectl get pvc -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,OWNER-KIND:.metadata.ownerReferences[*].kind,OWNER:.metadata.ownerReferences[*].name
#expect ^datadir-ss-0 Bound StatefulSet ss$
#expect ^datadir-ss-1 Bound StatefulSet ss$
#expect ^datadir-ss-2 Bound StatefulSet ss$

# Orphaning the 3rd pod: the controller adopts it back.
kubectl patch pod ss-2 --type=json -p '[{"op":"remove","path":"/metadata/ownerReferences"}]'
sleep 2
kubectl get pod ss-2 -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name
#expect ^ss-2 ss$

# Deleting the set: pods, then claims, are garbage collected.
kubectl delete sts ss
#expect statefulset.apps "ss" deleted
kubectl get pods --watch
#expect Terminating
kubectl wait --for=delete pvc/datadir-ss-0 pvc/datadir-ss-1 pvc/datadir-ss-2 --timeout=2m
kubectl get pvc
#expect No resources found in default namespace.
kubectl get pv
#expect No resources found
