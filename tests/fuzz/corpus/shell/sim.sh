kubectl apply -f nginx-statefulset.yaml
sleep 30s
sim why sts/web
sim readiness pod/web-1 fail
sim crash pod/web-0
kubectl get pods -w
sim node kind-worker down
sleep 1m
sim node kind-worker up
sim provisioner fail
sim time
kubectl describe sts web
kubectl get events --sort-by=.lastTimestamp
