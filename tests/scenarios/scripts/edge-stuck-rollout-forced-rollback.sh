# Reference §8.1 (stuck rollout / forced rollback; ISSUE #67250, #60164, #88896; the docs'
# "Forced rollback"), §10.4.
# A learner should see: an OrderedReady rolling update to an image that does not exist replaces
# web-2, whose new pod never becomes Ready (ImagePullBackOff), and the rollout stops there for
# good. Reverting the template (rollout undo) is not enough: the controller still waits for the
# broken web-2 before it does anything else. The recipe is to revert and then delete the broken
# pod; its replacement is created from the reverted template. A Parallel set in the same trap
# heals by itself once the template is reverted.

kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
#expect partitioned roll out complete: 3 new pods have been updated...
good=$(kubectl get sts web -o jsonpath='{.status.currentRevision}')

# A rolling update to an image that is not in the registry.
kubectl set image sts/web nginx=nginx:1.99-no-such-tag
#expect statefulset.apps/web image updated
kubectl rollout status sts/web --timeout=3m
#expect Waiting for 1 pods to be ready...
#expect error: timed out waiting for the condition
kubectl get pods
#expect ^web-0 1/1 Running
#expect ^web-1 1/1 Running
#expect ^web-2 0/1 ImagePullBackOff
sim why sts/web
#expect web-1 not updated: web-2 is Pending (ImagePullBackOff)

# Reverting the template alone does not unstick it.
kubectl rollout undo sts/web
#expect statefulset.apps/web rolled back
sleep 2m
kubectl get pods
#expect ^web-2 0/1 ImagePullBackOff
[ "$(kubectl get sts web -o jsonpath='{.status.updateRevision}')" = "$good" ] && echo "update revision is the good one again"
#expect update revision is the good one again
sim why sts/web
#expect web-2 not replaced: it is Pending (ImagePullBackOff) at revision
#expect delete web-2

# The forced rollback: delete the broken pod.
kubectl delete pod web-2
#expect pod "web-2" deleted
kubectl rollout status sts/web
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get pods -o custom-columns=NAME:.metadata.name,READY:.status.containerStatuses[0].ready,IMAGE:.spec.containers[0].image
#expect-count 3 true nginx:latest
sim why sts/web
#expect in sync

# The same trap with podManagementPolicy: Parallel heals once the template is reverted.
kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: par
spec:
  serviceName: nginx
  replicas: 2
  podManagementPolicy: Parallel
  selector:
    matchLabels:
      app: par
  template:
    metadata:
      labels:
        app: par
    spec:
      containers:
      - name: nginx
        image: nginx:latest
EOF
kubectl rollout status sts/par
kubectl set image sts/par nginx=nginx:1.99-no-such-tag
kubectl rollout status sts/par --timeout=2m
#expect error: timed out waiting for the condition
kubectl get pods -l app=par
#expect ^par-1 0/1 ImagePullBackOff
kubectl rollout undo sts/par
kubectl rollout status sts/par --timeout=2m
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get pods -l app=par
#expect-count 2 1/1 Running
