# Reference §8.14, §2.9 (the tutorial's "Non-cascading delete" and "Cascading delete").
# A learner should see: `kubectl delete sts web --cascade=orphan` deletes only the set; its pods
# keep running without an owner. A new set with the same selector adopts them: with replicas 2
# it first recreates the missing web-0, waits until it is Running and Ready, then deletes the
# condemned web-2. A plain (cascading) delete removes the set at once and the garbage collector
# deletes all its pods together: they terminate concurrently, in no ordinal order, contrary to
# the tutorial's prose. Claims (here: none) and the Service are never touched.

kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=3
kubectl rollout status sts/web

# Non-cascading delete: the pods stay, orphaned.
kubectl delete statefulset web --cascade=orphan
#expect statefulset.apps "web" deleted
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,OWNER:.metadata.ownerReferences[0].name
#expect-count 3 Running <none>$
kubectl delete pod web-0
#expect pod "web-0" deleted
kubectl get pods -l app=nginx
#expect-count 2 1/1 Running

# Recreate the set (replicas 2): it adopts web-1 and web-2, creates web-0, then removes web-2.
kubectl apply -f nginx-statefulset.yaml
#expect statefulset.apps/web created
kubectl get pods -l app=nginx --watch
#expect-first-order ^web-0 0/1 Pending | ^web-0 1/1 Running | ^web-2 1/1 Terminating
kubectl get pods -l app=nginx -o custom-columns=NAME:.metadata.name,OWNER:.metadata.ownerReferences[0].name
#expect ^web-0 web$
#expect ^web-1 web$
#expect-not web-2
kubectl describe sts web | grep -e SuccessfulCreate -e SuccessfulDelete
#expect create Pod web-0 in StatefulSet web successful
#expect delete Pod web-2 in StatefulSet web successful
#expect-not create Pod web-1

# Cascading delete: all pods are deleted together, not highest ordinal first.
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
kubectl delete statefulset web --wait=false
#expect statefulset.apps "web" deleted
kubectl get pods -l app=nginx --watch
#expect-first-order ^web-0 1/1 Terminating | ^web-2 0/1 Completed
#expect-first-order ^web-1 1/1 Terminating | ^web-2 0/1 Completed
kubectl get pods -l app=nginx
#expect No resources found in default namespace.
kubectl get service nginx
#expect ^nginx ClusterIP None
