# Reference §8.17, §2.7, §6.5.
# A learner should see: with minReadySeconds 20, `kubectl get sts` READY counts Ready pods, not
# available ones, and `kubectl rollout status` checks only readyReplicas and updatedReplicas: it
# reports the rollout complete while status.availableReplicas is still lower than replicas.
# OrderedReady does wait for availability before creating the next pod (web-1 appears about
# 20 s after web-0 is Ready).

kubectl apply -f nginx-statefulset.yaml
kubectl patch sts web -p '{"spec":{"minReadySeconds":20}}'
kubectl rollout status sts/web
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get sts web -o jsonpath='ready={.status.readyReplicas} available={.status.availableReplicas}{"\n"}'
#expect ready=2 available=1
kubectl get sts web
#expect ^web 2/2
kubectl describe sts web | grep Pods
#expect Pods Status: 2 Running / 0 Waiting / 0 Succeeded / 0 Failed
sleep 25
kubectl get sts web -o jsonpath='ready={.status.readyReplicas} available={.status.availableReplicas}{"\n"}'
#expect ready=2 available=2

# web-1 was created only after web-0 had been Ready for minReadySeconds.
kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.creationTimestamp} {.status.conditions[?(@.type=="Ready")].lastTransitionTime}{"\n"}{end}'
sim why sts/web
#expect in sync
