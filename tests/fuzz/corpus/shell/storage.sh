kubectl apply -f web-volumeclaimtemplates.yaml
kubectl rollout status sts/web --timeout=2m
kubectl get pvc,pv -o wide
kubectl exec web-0 -- sh -c 'echo hello > /usr/share/nginx/html/index.html; cat /usr/share/nginx/html/index.html'
kubectl delete pod web-0
kubectl get pod web-0 -w
kubectl patch sts web -p '{"spec":{"persistentVolumeClaimRetentionPolicy":{"whenScaled":"Delete"}}}'
kubectl scale sts web --replicas=0
kubectl get pvc
