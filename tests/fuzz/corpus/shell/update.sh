kubectl apply -f nginx-statefulset.yaml
kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}}}'
kubectl set image sts/web nginx=nginx:1.21
kubectl rollout status sts/web
kubectl rollout history sts/web
kubectl rollout undo sts/web
kubectl get controllerrevisions
kubectl patch sts web --type=merge -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
kubectl delete sts web --cascade=orphan
kubectl get pods --show-labels
