# Reference §8.7 (ISSUE #113880): OnDelete still brings live pods' identity in line.
# A learner should see: with updateStrategy OnDelete a template change never touches running
# pods, yet the controller still repairs a pod's identity in place. Removing the pod-name label
# from web-0 (the label the per-pod Services of some operators select on) lasts only until the
# next sync: the controller puts it back without deleting or restarting the pod, while the
# changed image waits for someone to delete the pod.

kubectl apply -f nginx-statefulset.yaml
kubectl rollout status sts/web
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
#expect statefulset.apps/web patched
kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.27
#expect statefulset.apps/web image updated
sleep 10s
kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}{"\n"}'
#expect ^nginx:latest$

kubectl label pod web-0 statefulset.kubernetes.io/pod-name-
#expect pod/web-0 unlabeled
sleep 2s
kubectl get pod web-0 -o jsonpath='{.metadata.labels.statefulset\.kubernetes\.io/pod-name}{"\n"}'
#expect ^web-0$
kubectl get pod web-0
#expect ^web-0 1/1 Running 0
kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}{"\n"}'
#expect ^nginx:latest$

kubectl delete pod web-0
#expect pod "web-0" deleted
kubectl wait --for=condition=Ready pod/web-0 --timeout=120s
kubectl get pod web-0 -o jsonpath='{.spec.containers[0].image}{"\n"}'
#expect ^registry.k8s.io/nginx-slim:0.27$
