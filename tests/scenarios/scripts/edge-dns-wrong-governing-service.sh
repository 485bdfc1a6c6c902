# Reference §8.13 (the last item) and §4: per-pod DNS names need the right governing Service.
# A learner should see: the pods run and are Ready either way, but a pod gets its own DNS name
# only from a headless Service whose name equals the set's serviceName (the pod's subdomain) and
# which selects the pod. A headless Service of another name gives the Service's name but no
# per-pod names; a Service named right but with a cluster IP answers only with that IP; the
# per-pod names appear once the Service is headless and named as serviceName says.

# serviceName says "nginx", but the only headless Service is called "web-svc".
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web-svc
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
EOF
#expect service/web-svc created
kubectl apply -f - <<EOF
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: "nginx"
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
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
EOF
#expect statefulset.apps/web created
kubectl rollout status sts/web
#expect partitioned roll out complete: 2 new pods have been updated...
kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep 3600
kubectl wait --for=condition=Ready pod/dns-test
kubectl get pod web-0 -o jsonpath='{.spec.hostname}.{.spec.subdomain}{"\n"}'
#expect ^web-0.nginx$
kubectl exec dns-test -- nslookup web-svc
#expect Name: web-svc
kubectl exec dns-test -- nslookup web-0.web-svc
#expect nslookup: can't resolve 'web-0.web-svc'
kubectl exec dns-test -- nslookup web-0.nginx
#expect nslookup: can't resolve 'web-0.nginx'

# A Service with the right name but a cluster IP: the name resolves to the cluster IP only.
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
EOF
#expect service/nginx created
kubectl exec dns-test -- nslookup nginx
#expect Address 1: 10.96. * nginx.default.svc.cluster.local
kubectl exec dns-test -- nslookup web-0.nginx
#expect nslookup: can't resolve 'web-0.nginx'

# spec.clusterIP is immutable: replace the Service with a headless one of the same name.
kubectl delete service nginx
#expect service "nginx" deleted
kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: nginx
spec:
  clusterIP: None
  selector:
    app: nginx
  ports:
  - port: 80
    name: web
EOF
#expect service/nginx created
# With two headless Services selecting the pods, the reverse (PTR) answer could name either
# one; remove the misnamed one so the answer is the pod's own name. CoreDNS still caches
# in-addr.arpa answers for 30 s (only cluster.local is exempt), and nslookup's reverse lookup of
# web-0's IP above is in that cache: wait it out.
kubectl delete service web-svc
#expect service "web-svc" deleted
sleep 30s
kubectl exec dns-test -- nslookup web-0.nginx
#expect Name: web-0.nginx
#expect Address 1: 10.244. * web-0.nginx.default.svc.cluster.local
