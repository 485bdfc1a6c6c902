# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should adopt matching orphans and
# release non-matching pods" (reference §7.4, §2.2 step 4).
# A learner should see: the controller claims pods by ControllerRef. Removing ss-0's owner
# reference makes it an orphan that still matches the selector and the name, so the controller
# adopts it again; removing its labels makes it stop matching, so the controller releases it (no
# owner reference) and cannot create a new ss-0 while the name is taken; putting the labels back
# makes it adopt the pod again.

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
spec:
  clusterIP: None
  selector:
    foo: bar
    baz: blah
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
  replicas: 1
  selector:
    matchLabels:
      foo: bar
      baz: blah
  template:
    metadata:
      labels:
        foo: bar
        baz: blah
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/nginx:1.14-4
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
EOF
kubectl rollout status sts/ss
#expect partitioned roll out complete: 1 new pods have been updated...
kubectl get pod ss-0 -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name,CONTROLLER:.metadata.ownerReferences[0].controller
#expect ^ss-0 StatefulSet ss true$

# Orphan the pod: the controller adopts it back (same pod, same UID).
uid=$(kubectl get pod ss-0 -o jsonpath='{.metadata.uid}')
kubectl patch pod ss-0 --type=json -p '[{"op":"remove","path":"/metadata/ownerReferences"}]'
#expect pod/ss-0 patched
sleep 2
kubectl get pod ss-0 -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name,CONTROLLER:.metadata.ownerReferences[0].controller
#expect ^ss-0 StatefulSet ss true$
[ "$(kubectl get pod ss-0 -o jsonpath='{.metadata.uid}')" = "$uid" ] && echo "same pod, readopted"
#expect same pod, readopted
sim why sts/ss
#expect adopted ss-0

# Remove the labels the selector uses: the controller releases the pod.
kubectl label pod ss-0 foo- baz-
#expect pod/ss-0 unlabeled
sleep 2
kubectl get pod ss-0 -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name,CONTROLLER:.metadata.ownerReferences[0].controller
#expect ^ss-0 <none> <none> <none>$
kubectl get pods -l foo=bar
#expect No resources found in default namespace.
# The set wants an ss-0 again, but the released pod still holds the name. The controller sinks
# AlreadyExists without an event (stateful_pod_control.go); only its retries show it.
kubectl get events --field-selector reason=FailedCreate
#expect No resources found in default namespace.
sim why sts/ss
#expect ss-0 not created: pods "ss-0" already exists

# Put the labels back: the controller adopts the pod again.
kubectl label pod ss-0 foo=bar baz=blah
#expect pod/ss-0 labeled
sleep 10
kubectl get pod ss-0 -o custom-columns=NAME:.metadata.name,OWNER-KIND:.metadata.ownerReferences[0].kind,OWNER:.metadata.ownerReferences[0].name,CONTROLLER:.metadata.ownerReferences[0].controller
#expect ^ss-0 StatefulSet ss true$
[ "$(kubectl get pod ss-0 -o jsonpath='{.metadata.uid}')" = "$uid" ] && echo "same pod, readopted"
#expect same pod, readopted
kubectl get sts ss
#expect ^ss 1/1
