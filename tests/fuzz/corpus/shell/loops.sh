for i in 0 1 2; do kubectl get pod web-$i -o name 2>&1; done
i=0; while [ $i -lt 3 ]; do i=$((i+1)); echo $i; done
kubectl get pods --no-headers | wc -l && echo ok || echo no
x=$(kubectl get sts web -o jsonpath='{.spec.replicas}'); echo "replicas=${x:-none}"
if kubectl get svc nginx >/dev/null 2>&1; then echo yes; else echo no; fi
seq 1 5 | sort -r | head -n 2 | tr '\n' ' '
echo 'unterminated
