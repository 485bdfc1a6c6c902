kubectl apply -f nginx-statefulset.yaml
kubectl scale sts web --replicas=-1
kubectl patch sts web -p '{"spec":{"selector":{"matchLabels":{"app":"other"}}}}'
kubectl patch sts web --type=json -p '[{"op":"replace","path":"/spec/nope","value":1}]'
kubectl patch sts web --type=merge -p '{"spec":{"replicas":"two"}}'
kubectl label pod web-0 app=other
kubectl annotate sts web a=b
kubectl create -f nginx-statefulset.yaml
kubectl delete pod nope
kubectl get pods -o jsonpath='{.items[0].metadata.name'
kubectl rollout undo sts/web --to-revision=9
kubectl set image sts/web nope=x
