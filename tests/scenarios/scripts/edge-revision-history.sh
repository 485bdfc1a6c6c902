# Reference §8.16, §2.6 truncateHistory, §6.5 rollout history / undo.
# A learner should see: only pod-template changes create ControllerRevisions. revisionHistoryLimit
# counts the revisions no one uses: live revisions (current, update, and any revision a pod still
# runs) are never deleted, so the total can exceed the limit. After four image changes with a
# limit of 2, three revisions remain and the oldest can no longer be rolled back to. With a limit
# of 0 and a partition, the revision that old pods still run survives while the unused one goes.

kubectl apply -f - <<'EOF'
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 3
  revisionHistoryLimit: 2
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
        image: registry.k8s.io/nginx-slim:0.8
EOF
kubectl rollout status sts/web
kubectl get controllerrevisions
#expect-count 1 statefulset.apps/web

# Scaling and partition changes create no revision.
kubectl scale sts web --replicas=2
kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}}}}'
kubectl patch sts web -p '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'
kubectl rollout status sts/web
kubectl get controllerrevisions
#expect-count 1 statefulset.apps/web

# Four template changes: revisions 2..5 are created, the oldest beyond the limit are deleted.
for tag in 0.21 0.24 0.26 0.27; do kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:$tag; kubectl rollout status sts/web >/dev/null; done
# (The sync that sees currentRevision move to revision 5 trims the history; give it a moment.)
sleep 1
kubectl get controllerrevisions
#expect-count 3 statefulset.apps/web
kubectl rollout history sts/web
#expect ^3 <none>$
#expect ^4 <none>$
#expect ^5 <none>$
#expect-not ^1 <none>$
kubectl rollout undo sts/web --to-revision=1
#expect error: unable to find specified revision 1 in history
kubectl rollout undo sts/web --to-revision=3
#expect statefulset.apps/web rolled back
kubectl rollout status sts/web
sleep 1
kubectl rollout history sts/web
#expect ^4 <none>$
#expect ^5 <none>$
#expect ^6 <none>$
#expect-not ^3 <none>$

# revisionHistoryLimit 0 with a partition: web-0 and web-1 stay on revision 6 (nginx-slim:0.24,
# the current revision), web-2 goes to 0.8 (a new revision 7: revision 1 is gone) and then to
# 0.26 (revision 4 again, renumbered 8). Revision 7 is no longer used and is deleted at once.
kubectl patch sts web -p '{"spec":{"revisionHistoryLimit":0,"replicas":3,"updateStrategy":{"rollingUpdate":{"partition":2}}}}'
kubectl rollout status sts/web
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.8
kubectl rollout status sts/web
kubectl set image sts/web nginx=registry.k8s.io/nginx-slim:0.26
kubectl rollout status sts/web
sleep 1
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^web-0 registry.k8s.io/nginx-slim:0.24$
#expect ^web-1 registry.k8s.io/nginx-slim:0.24$
#expect ^web-2 registry.k8s.io/nginx-slim:0.26$
kubectl get controllerrevisions
#expect-count 2 statefulset.apps/web
kubectl get controllerrevisions -o custom-columns=NAME:.metadata.name,REVISION:.revision,IMAGE:.data.spec.template.spec.containers[0].image
#expect ^web- * 6 registry.k8s.io/nginx-slim:0.24$
#expect ^web- * 8 registry.k8s.io/nginx-slim:0.26$
#expect-not nginx-slim:0.8
