# Reference §8.12, §10.5 (the docs' "Force Delete StatefulSet Pods").
# A learner should see: when the node running web-1 stops responding, the node controller marks
# it NotReady and, after the 300 s not-ready toleration, evicts its pods: web-1 is marked for
# deletion but its kubelet never confirms, so it stays Terminating (Unknown) forever. The
# StatefulSet controller will not create a second web-1 while the old one exists (at most one
# pod per identity). Force-deleting the pod object (unsafe if the node might still run it) lets
# the controller recreate web-1 on a healthy node.

kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
node=$(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')
echo "web-1 runs on $node"

sim node $node down
#expect kubelet stopped
sleep 1m
kubectl get nodes
#expect NotReady
sleep 6m
kubectl get pods -o wide
#expect ^web-1 1/1 Terminating
sim why sts/web
#expect waiting for web-1 to terminate (OrderedReady recreates it only once it is gone)

# Force deletion removes the object without waiting for the kubelet.
kubectl delete pod web-1 --force --grace-period=0
#expect Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.
#expect pod "web-1" force deleted
kubectl rollout status sts/web
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get pods -o wide
#expect-count 3 1/1 Running
[ "$(kubectl get pod web-1 -o jsonpath='{.spec.nodeName}')" != "$node" ] && echo "web-1 now runs on another node"
#expect web-1 now runs on another node
