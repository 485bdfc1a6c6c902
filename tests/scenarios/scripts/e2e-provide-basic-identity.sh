# Upstream: test/e2e/apps/statefulset.go, [StatefulSetBasic] "should provide basic identity"
# (reference §7.4, §3.1, §3.2).
# A learner should see: three pods ss-0, ss-1, ss-2, each with its own claim datadir-ss-N;
# each pod writes its hostname into its volume; after the set is restarted (scaled to 0, which
# removes ss-2, ss-1, ss-0 in that order but keeps the claims, then back to 3) the new pods have
# new UIDs but the same names, mount the same claims, find the data they wrote before, and each
# hostname is still its pod name.
# Not reproduced: upstream also symlinks /data/hostname and reads it back through the link;
# the simulated containers have no `ln`.

kubectl apply -f - <<'EOF'
apiVersion: v1
kind: Service
metadata:
  name: test
  labels:
    foo: bar
    baz: blah
spec:
  clusterIP: None
  selector:
    foo: bar
    baz: blah
  ports:
  - port: 80
    name: http
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ss
spec:
  serviceName: test
  replicas: 3
  selector:
    matchLabels:
      foo: bar
      baz: blah
  template:
    metadata:
      labels:
        foo: bar
        baz: blah
    spec:
      containers:
      - name: webserver
        image: registry.k8s.io/e2e-test-images/nginx:1.14-4
        readinessProbe:
          httpGet:
            path: /index.html
            port: 80
          periodSeconds: 1
        volumeMounts:
        - name: datadir
          mountPath: /data/
        - name: home
          mountPath: /home
      volumes:
      - name: home
        hostPath:
          path: /tmp/home
  volumeClaimTemplates:
  - metadata:
      name: datadir
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
EOF
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...
kubectl get pods -l foo=bar -o custom-columns=NAME:.metadata.name,HOSTNAME:.spec.hostname,SUBDOMAIN:.spec.subdomain,CLAIM:.spec.volumes[0].persistentVolumeClaim.claimName
#expect ^ss-0 ss-0 test datadir-ss-0$
#expect ^ss-1 ss-1 test datadir-ss-1$
#expect ^ss-2 ss-2 test datadir-ss-2$
kubectl get pvc
#expect-count 3 Bound

# Each pod writes its hostname into its own volume (upstream pipes it through dd).
for i in 0 1 2; do kubectl exec "ss-$i" -- sh -c 'echo $(hostname) > /data/hostname'; done
for i in 0 1 2; do kubectl exec "ss-$i" -- cat /data/hostname; done
#expect-order ss-0 | ss-1 | ss-2
before=$(kubectl get pods -l foo=bar -o jsonpath='{range .items[*]}{.metadata.uid} {end}')

# "Restarting statefulset" (e2estatefulset.Restart): scale to 0, wait until the controller
# reports 0 replicas, scale back to 3. Pods go highest ordinal first, one at a time.
kubectl scale sts ss --replicas=0
kubectl get pods -l foo=bar --watch
#expect-order ^ss-2 1/1 Terminating | ^ss-1 1/1 Terminating | ^ss-0 1/1 Terminating
kubectl wait --for=jsonpath='{.status.replicas}'=0 sts/ss
#expect statefulset.apps/ss condition met
kubectl get pods -l foo=bar
#expect No resources found in default namespace.
kubectl get pvc
#expect-count 3 Bound
kubectl scale sts ss --replicas=3
kubectl rollout status sts/ss
#expect partitioned roll out complete: 3 new pods have been updated...

# Same names, new UIDs, same claims, same data.
after=$(kubectl get pods -l foo=bar -o jsonpath='{range .items[*]}{.metadata.uid} {end}')
for u in $after; do if echo "$before" | grep -q "$u"; then echo "reused uid $u"; else echo "new uid"; fi; done
#expect-count 3 new uid
for i in 0 1 2; do kubectl exec "ss-$i" -- sh -c 'if [ "$(cat /data/hostname)" = "$(hostname)" ]; then echo "ss-'$i': data matches hostname $(hostname)"; else echo "ss-'$i': MISMATCH"; fi'; done
#expect ss-0: data matches hostname ss-0
#expect ss-1: data matches hostname ss-1
#expect ss-2: data matches hostname ss-2
kubectl get pvc
#expect-count 3 Bound
