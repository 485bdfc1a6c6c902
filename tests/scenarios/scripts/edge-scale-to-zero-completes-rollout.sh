# Reference §8.4 (ISSUE #121534), §2.7 completeRollingUpdate.
# A learner should see: replicas 4 with partition 2 and a new image gives 2 old and 2 new pods,
# and currentRevision stays the old revision. Scaling to 0 makes updated = ready = replicas = 0,
# which "completes" the rolling update: currentRevision becomes the update revision. Scaling
# back to 2 creates web-0 and web-1 at the NEW revision, although they are below the partition.

kubectl apply -f nginx-statefulset.yaml
kubectl patch sts web -p '{"spec":{"replicas":4,"updateStrategy":{"rollingUpdate":{"partition":2}}}}'
kubectl rollout status sts/web
#expect partitioned roll out complete: 4 new pods have been updated...
old=$(kubectl get sts web -o jsonpath='{.status.currentRevision}')
kubectl set image sts/web nginx=nginx:1.29
kubectl rollout status sts/web
#expect partitioned roll out complete: 2 new pods have been updated...
new=$(kubectl get sts web -o jsonpath='{.status.updateRevision}')
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^web-0 nginx:latest$
#expect ^web-1 nginx:latest$
#expect ^web-2 nginx:1.29$
#expect ^web-3 nginx:1.29$
[ "$(kubectl get sts web -o jsonpath='{.status.currentRevision}')" = "$old" ] && echo "current revision is still the old one"
#expect current revision is still the old one

# Scale to 0: the rollout counts as complete.
kubectl scale sts web --replicas=0
kubectl wait --for=jsonpath='{.status.replicas}'=0 sts/web --timeout=2m
kubectl get sts web -o jsonpath='replicas={.status.replicas} current={.status.currentReplicas} updated={.status.updatedReplicas}{"\n"}'
#expect ^replicas=0 current= updated=$
[ "$(kubectl get sts web -o jsonpath='{.status.currentRevision}')" = "$new" ] && echo "current revision is now the update revision"
#expect current revision is now the update revision

# Scale to 2: both pods come back at the new revision, partition or not.
kubectl scale sts web --replicas=2
kubectl rollout status sts/web
kubectl get pods -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image
#expect ^web-0 nginx:1.29$
#expect ^web-1 nginx:1.29$
