# Reference §8.8 and §1.2: immutable StatefulSet fields, and the orphan-and-recreate recipe.
# A learner should see: changing serviceName (or the selector, podManagementPolicy, the claim
# templates) is refused with the API server's "Forbidden: updates to statefulset spec for fields
# other than ..." message and nothing changes. The way through is to delete the set with
# --cascade=orphan (its pods keep running), create it again with the new spec, and watch the
# new set adopt the running pods instead of recreating them.

kubectl apply -f nginx-statefulset.yaml
kubectl rollout status sts/web
kubectl patch statefulset web -p '{"spec":{"podManagementPolicy":"Parallel"}}'
#expect The StatefulSet "web" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden
kubectl get sts web -o jsonpath='{.spec.podManagementPolicy}{"\n"}'
#expect ^OrderedReady$

kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid}{"\n"}{end}'
kubectl delete statefulset web --cascade=orphan
#expect statefulset.apps "web" deleted
kubectl get pods -l app=nginx
#expect ^web-0 1/1 Running 0
#expect ^web-1 1/1 Running 0
kubectl get pod web-0 -o jsonpath='{.metadata.ownerReferences}{"\n"}'
#expect ^$

kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
  podManagementPolicy: Parallel
  replicas: 2
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
        image: nginx:latest
        imagePullPolicy: IfNotPresent
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
      volumes:
      - name: www
        hostPath:
          path: /mnt
EOF
#expect statefulset.apps/web created
sleep 5s
kubectl get sts web -o jsonpath='{.spec.podManagementPolicy}{"\n"}'
#expect ^Parallel$
kubectl get pods -l app=nginx -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid}{"\n"}{end}'
kubectl get pod web-0 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}{"\n"}'
#expect ^StatefulSet/web$
kubectl get pods -l app=nginx
#expect ^web-0 1/1 Running 0
