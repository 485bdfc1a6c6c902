# Reference §8.13, §4.2, §4.3.
# A learner should see: a pod's DNS name exists only while the pod is Ready, and a lookup that
# failed can keep failing for a while if the DNS server caches the denial. kind 1.33's CoreDNS
# Corefile (kubeadm 1.32+) no longer caches cluster.local answers, so web-2.nginx resolves the
# moment web-2 is Ready; with the older `cache 30` Corefile the NXDOMAIN for web-3.nginx is
# served from the cache for up to 30 s after web-3 is Ready. A not-ready pod drops out of DNS.
# Short names only work inside the namespace (the search path adds default.svc.cluster.local):
# from namespace `other`, web-0.nginx fails and web-0.nginx.default works.

kubectl apply -f nginx-statefulset.yaml
kubectl rollout status sts/web
# A pod to look names up from (busybox 1.28's nslookup, as in the tutorial).
kubectl run dns-test --image=busybox:1.28 --restart=Never -- sleep 3600
kubectl wait --for=condition=Ready pod/dns-test
#expect pod/dns-test condition met

# The current Corefile: no caching of cluster.local answers.
kubectl exec dns-test -- nslookup web-2.nginx
#expect nslookup: can't resolve 'web-2.nginx'
kubectl scale sts web --replicas=3
kubectl rollout status sts/web
kubectl exec dns-test -- nslookup web-2.nginx
#expect Name: web-2.nginx
#expect Address 1: 10.244. * web-2.nginx.default.svc.cluster.local

# The older Corefile caches the denial for 30 s: look web-3 up before it exists...
sim dns corefile legacy
#expect cache 30
kubectl exec dns-test -- nslookup web-3.nginx
#expect nslookup: can't resolve 'web-3.nginx'
sim time
kubectl scale sts web --replicas=4
kubectl wait --for=create pod/web-3
kubectl wait --for=condition=Ready pod/web-3
#expect pod/web-3 condition met
# ...web-3 is Ready, but the cached NXDOMAIN is still served...
sim time
kubectl exec dns-test -- nslookup web-3.nginx
#expect nslookup: can't resolve 'web-3.nginx'
# ...until it expires, 30 s after the first lookup.
sleep 30
kubectl exec dns-test -- nslookup web-3.nginx
#expect Name: web-3.nginx
#expect Address 1: 10.244. * web-3.nginx.default.svc.cluster.local
sim dns corefile kubeadm

# A not-ready pod vanishes from DNS, and from the Service's name.
sim readiness pod/web-1 fail
kubectl wait --for=jsonpath='{.status.readyReplicas}'=3 sts/web
kubectl exec dns-test -- nslookup web-1.nginx
#expect nslookup: can't resolve 'web-1.nginx'
kubectl exec dns-test -- nslookup nginx
#expect-count 3 .nginx.default.svc.cluster.local
#expect-not web-1.nginx
sim readiness pod/web-1 pass
kubectl delete pod dns-test --now

# Another namespace needs the namespace in the name.
kubectl create namespace other
#expect namespace/other created
kubectl run -n other -i --tty --image busybox:1.28 dns-test --restart=Never --rm
cat /etc/resolv.conf
#expect search other.svc.cluster.local svc.cluster.local cluster.local
nslookup web-0.nginx
#expect nslookup: can't resolve 'web-0.nginx'
nslookup web-0.nginx.default
#expect Name: web-0.nginx.default
#expect web-0.nginx.default.svc.cluster.local
exit
