# Reference §8.11 (ISSUE #57865 for the historical variant), §2.4 processCondemned.
# A learner should see: under OrderedReady a condemned pod that is not Running and Ready may only
# be removed if it is the first unhealthy pod (the lowest ordinal one). Scaling 5 -> 4 with an
# unready web-4 removes it at once (it is the first unhealthy pod). Scaling 4 -> 2 with web-2 and
# web-3 both unready stalls: web-3 goes first, but it is not the first unhealthy pod (web-2 is).
# Once web-3 is Ready again the scale-down finishes, removing the unready web-2 last. An unready
# pod that stays in range (web-1) blocks every scale-down.

kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=5
kubectl rollout status sts/web --timeout=5m
#expect partitioned roll out complete: 5 new pods have been updated...

# The only unhealthy condemned pod is the first unhealthy pod: it is removed.
sim readiness pod/web-4 fail
kubectl wait --for=jsonpath='{.status.readyReplicas}'=4 sts/web
kubectl scale sts web --replicas=4
kubectl wait --for=delete pod/web-4 --timeout=1m
#expect pod/web-4 condition met

# Two unhealthy condemned pods: the higher one may not go first, so nothing happens.
sim readiness pod/web-2 fail
sim readiness pod/web-3 fail
kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 sts/web
kubectl scale sts web --replicas=2
sleep 2m
kubectl get pods
#expect-count 4 ^web-
#expect-not Terminating
sim why sts/web
#expect web-3 not deleted: it is Running but not Ready and only the first unhealthy pod (web-2) may be removed

# web-3 healthy again: it is removed, then web-2 (unready, but now the first unhealthy pod).
sim readiness pod/web-3 pass
kubectl get pods --watch
#expect-order ^web-3 1/1 Terminating | ^web-2 0/1 Terminating
kubectl get pods
#expect-count 2 1/1 Running

# An unready pod in range blocks scale-down entirely.
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
sim readiness pod/web-1 fail
kubectl wait --for=jsonpath='{.status.readyReplicas}'=2 sts/web
kubectl scale sts web --replicas=2
sleep 1m
kubectl get pods
#expect ^web-2 1/1 Running
sim why sts/web
#expect web-2 not deleted: web-1 is Running but not Ready
