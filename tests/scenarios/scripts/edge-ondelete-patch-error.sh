# Reference §8.6 and §1.2 "Strategic-merge gotcha" (kubernetes/website#47038, #44713; kubectl
# ISSUE #64500 for rollout status).
# A learner should see: on a set whose updateStrategy was defaulted to
# {type: RollingUpdate, rollingUpdate: {partition: 0}}, the patch the tutorial shows,
# {"spec":{"updateStrategy":{"type":"OnDelete"}}}, is rejected: updateStrategy has no retainKeys
# patch strategy, so rollingUpdate is kept and validation refuses it for OnDelete. Setting
# rollingUpdate to null in the same patch works. `kubectl rollout status` then refuses the set.

kubectl apply -f nginx-statefulset.yaml
kubectl rollout status sts/web
kubectl get sts web -o jsonpath='{.spec.updateStrategy}{"\n"}'
#expect ^{"rollingUpdate":{"partition":0},"type":"RollingUpdate"}$

kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'
#expect The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'
kubectl get sts web -o jsonpath='{.spec.updateStrategy.type}{"\n"}'
#expect ^RollingUpdate$

kubectl patch statefulset web -p '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}'
#expect statefulset.apps/web patched
kubectl get sts web -o jsonpath='{.spec.updateStrategy}{"\n"}'
#expect ^{"type":"OnDelete"}$
kubectl rollout status sts/web
#expect error: rollout status is only available for RollingUpdate strategy type

# A merge patch (RFC 7386) has the same effect only with the explicit null.
kubectl patch statefulset web --type=merge -p '{"spec":{"updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":1}}}}'
#expect statefulset.apps/web patched
kubectl patch statefulset web --type=merge -p '{"spec":{"updateStrategy":{"type":"OnDelete"}}}'
#expect only allowed for updateStrategy 'RollingUpdate'
