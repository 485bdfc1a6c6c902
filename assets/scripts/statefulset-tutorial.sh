# The source tutorial ("StatefulSet 控制器详解", sections 2-5) as a session script:
#   build/native/sts-playground script assets/scripts/statefulset-tutorial.sh
# Blocking commands (watches, rollout status) run in simulated time: a watch ends once the
# pods have been unchanged for 60 simulated seconds.

# 2.1 Create the headless Service and the StatefulSet from the tutorial's manifest.
kubectl apply -f nginx-statefulset.yaml

# 2.2 Pods are created one ordinal at a time: web-1 only after web-0 is Running and Ready.
kubectl get pod -l app=nginx --watch
kubectl get pod -l app=nginx
kubectl get statefulset web
kubectl get service nginx

# 3.1 Stable network identity: each pod's hostname is its name.
for i in 0 1; do kubectl exec "web-$i" -- sh -c 'hostname'; done

# 3.2 Each pod gets a DNS name under the headless Service: resolve web-0.nginx from another pod.
kubectl get pod -l app=nginx -o wide
kubectl run -i --tty --image busybox:1.28 dns-test --restart=Never --rm
nslookup web-0.nginx
exit

# 4.1 Scale up: web-2, web-3 and web-4 start one after another, lowest ordinal first.
kubectl scale statefulset web --replicas=5
kubectl get pod -l app=nginx --watch

# 4.2 Scale down with a patch: the highest ordinal goes first, and web-3 only after web-4 is gone.
kubectl patch sts web -p '{"spec":{"replicas":3}}'
kubectl get pod -l app=nginx --watch

# 5.1 Rolling update: change the image; pods are replaced in reverse ordinal order.
kubectl patch statefulset web --type='json' -p='[{"op": "replace", "path": "/spec/template/spec/containers/0/image", "value":"registry.k8s.io/nginx:1.20"}]'
kubectl rollout status statefulset web
for p in 0 1 2; do kubectl get pod "web-$p" --template '{{range $i, $c := .spec.containers}}{{$c.image}}{{end}}'; echo; done
