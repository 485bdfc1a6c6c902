# Upstream: client-go's EventCorrelator (tools/record/events_cache.go), which every controller
# and kubelet records its events through. Events are not a log, and at scale it shows.
# A learner should see, scaling the tutorial's set to 30: the first nine "create Pod" events one
# by one; the tenth distinct message of the same reason within 10 minutes starts one Event
# "(combined from similar events): ..." whose count and message follow the later ones; and after
# 25 events about the StatefulSet the spam filter drops the rest (one more gets through every
# 5 minutes), while all 30 pods are created.
kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=30
kubectl rollout status sts/web
#expect partitioned roll out complete: 30 new pods have been updated...
kubectl get pods -l app=nginx --no-headers | wc -l
#expect ^30$
kubectl get events --field-selector involvedObject.name=web -o custom-columns=REASON:.reason,COUNT:.count,MESSAGE:.message
#expect-count 9 ^SuccessfulCreate 1 create Pod
#expect ^SuccessfulCreate 16 (combined from similar events): create Pod web-24 in StatefulSet web successful$
#expect-not web-25
#expect-not web-29

# Ten minutes without a similar event end the aggregation, and the bucket has refilled one
# token per 5 minutes: of the three pods recreated in ordinal order, web-27 and web-28 are
# reported one by one, and web-29's event is dropped.
sleep 10m
kubectl delete pod web-29 web-28 web-27
#expect pod "web-27" deleted
sleep 1m
kubectl get pods -l app=nginx --no-headers | grep -c Running
#expect ^30$
kubectl get events --field-selector involvedObject.name=web -o custom-columns=REASON:.reason,COUNT:.count,MESSAGE:.message
#expect ^SuccessfulCreate 1 create Pod web-27 in StatefulSet web successful$
#expect ^SuccessfulCreate 1 create Pod web-28 in StatefulSet web successful$
#expect ^SuccessfulCreate 16 (combined from similar events): create Pod web-24 in StatefulSet web successful$
#expect-not web-29
