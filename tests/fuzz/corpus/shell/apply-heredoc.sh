cat > web.yaml <<EOF2
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 1
  podManagementPolicy: Parallel
  selector:
    matchLabels: {app: nginx}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: nginx:latest}]
EOF2
kubectl apply -f web.yaml
kubectl get sts web -o yaml
kubectl apply -f web.yaml --dry-run=server
kubectl delete -f web.yaml
