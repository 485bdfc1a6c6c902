kubectl version
kubectl api-resources
kubectl explain sts.spec.updateStrategy
kubectl get nodes -o wide
kubectl cordon kind-worker2
kubectl create namespace team
kubectl -n team run p --image=busybox --restart=Never -- sleep 10
kubectl get all -A
kubectl delete ns team
kubectl get pod -l 'app in (nginx),tier!=db' --field-selector=status.phase=Running -o custom-columns=NAME:.metadata.name
kubectl get sts -o go-template='{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'
kubectl help
