# Upstream: kube-apiserver's --event-ttl (default 1h). The event registry writes every Event with
# an etcd lease (pkg/registry/core/event/storage/storage.go, TTLFunc), leases are shared by the
# writes of about a minute (k8s.io/apiserver storage/etcd3/lease_manager.go), and etcd deletes an
# Event when the lease of its last write runs out.
# A learner should see the Events of a rollout still listed 59 minutes later, and gone a few
# minutes past the hour, leaving only what happened since: Events are recent history, not a log.
kubectl apply -f nginx-statefulset.yaml
kubectl rollout status sts/web
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl get events --field-selector involvedObject.name=web-0
#expect Successfully assigned default/web-0 to
sleep 59m

# Still there a minute short of the hour...
kubectl get events --field-selector involvedObject.name=web-1
#expect Started container nginx
kubectl delete pod web-0
#expect pod "web-0" deleted
kubectl wait --for=condition=Ready pod/web-0
#expect pod/web-0 condition met
sleep 2m

# ... and past it, only the Events of the last few minutes remain: web-0's stop and its new start.
kubectl get events --field-selector involvedObject.name=web-0
#expect Stopping container nginx
#expect-count 1 Scheduled
#expect-not Pulling
kubectl get events --field-selector involvedObject.name=web-1
#expect No resources found in default namespace.
kubectl get events --field-selector involvedObject.name=web
#expect SuccessfulCreate statefulset/web create Pod web-0 in StatefulSet web successful
#expect-not web-1
