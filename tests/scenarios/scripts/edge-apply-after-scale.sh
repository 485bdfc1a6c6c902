# Reference §8.15 (docs' "Replicas": kubectl apply after kubectl scale).
# A learner should see: kubectl scale changes spec.replicas directly; applying the unchanged
# manifest again sets it back to the manifest's value, because apply's patch includes every field
# the manifest sets that differs from the live object. The extra pod is removed again.

kubectl apply -f nginx-statefulset.yaml
#expect statefulset.apps/web created
kubectl rollout status sts/web
kubectl scale sts web --replicas=3
#expect statefulset.apps/web scaled
kubectl rollout status sts/web
kubectl get sts web
#expect ^web 3/3

kubectl apply -f nginx-statefulset.yaml
#expect service/nginx unchanged
#expect statefulset.apps/web configured
kubectl get sts web -o jsonpath='{.spec.replicas}{"\n"}'
#expect ^2$
kubectl get pods -l app=nginx --watch
#expect ^web-2 1/1 Terminating
kubectl get sts web
#expect ^web 2/2
kubectl apply -f nginx-statefulset.yaml
#expect statefulset.apps/web unchanged
