kubectl apply -f nginx-statefulset.yaml
kubectl get pod -l app=nginx --watch
kubectl get pod -l app=nginx
kubectl get statefulset web
kubectl get service nginx
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done
kubectl get pod -l app=nginx -o wide
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
exit
kubectl scale statefulset web --replicas=5
kubectl get pod -l app=nginx --watch
kubectl patch sts web -p '{"spec":{"replicas":3}}'
kubectl get pod -l app=nginx --watch
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx:1.20"}]'
kubectl rollout status statefulset web
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
