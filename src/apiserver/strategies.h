// Per-kind REST strategies, mirroring pkg/registry/<group>/<kind>/strategy.go plus the apps/v1
// and core/v1 defaulting functions and pkg/apis/*/validation: what the API server does to an
// object before it is stored.
//
// For every served kind T there are overloads of:
//   SetDefaults(T&)                          defaulting (SetDefaults_* of the versioned API)
//   PrepareForCreate(T&)                     wipe status, set generation 1, ...
//   PrepareForUpdate(T& obj, const T& old)   keep status, bump generation when the spec changed
//   PrepareForStatusUpdate(T& obj, const T& old)  keep everything but status
//   ValidateCreate(const T&), ValidateUpdate(const T&, const T& old),
//   ValidateStatusUpdate(const T&, const T& old)  -> field errors worded as the API server's
//   WarningsOnCreate(const T&), WarningsOnUpdate(const T&, const T& old) -> "Warning: ..." texts
#pragma once

#include <string>
#include <vector>

#include "apiserver/field_errors.h"
#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/storage_v1.h"

namespace sts::apiserver {

using Warnings = std::vector<std::string>;

#define STS_DECLARE_STRATEGY(T)                                        \
    void SetDefaults(T& obj);                                          \
    void PrepareForCreate(T& obj);                                     \
    void PrepareForUpdate(T& obj, const T& old);                       \
    void PrepareForStatusUpdate(T& obj, const T& old);                 \
    FieldErrors ValidateCreate(const T& obj);                          \
    FieldErrors ValidateUpdate(const T& obj, const T& old);            \
    FieldErrors ValidateStatusUpdate(const T& obj, const T& old);      \
    Warnings WarningsOnCreate(const T& obj);                           \
    Warnings WarningsOnUpdate(const T& obj, const T& old);

STS_DECLARE_STRATEGY(k8s::Pod)
STS_DECLARE_STRATEGY(k8s::Service)
STS_DECLARE_STRATEGY(k8s::Endpoints)
STS_DECLARE_STRATEGY(k8s::Namespace)
STS_DECLARE_STRATEGY(k8s::Node)
STS_DECLARE_STRATEGY(k8s::PersistentVolumeClaim)
STS_DECLARE_STRATEGY(k8s::PersistentVolume)
STS_DECLARE_STRATEGY(k8s::Event)
STS_DECLARE_STRATEGY(k8s::StatefulSet)
STS_DECLARE_STRATEGY(k8s::ControllerRevision)
STS_DECLARE_STRATEGY(k8s::StorageClass)
STS_DECLARE_STRATEGY(k8s::EndpointSlice)

#undef STS_DECLARE_STRATEGY

// Shared by several kinds: object metadata rules (names, labels, annotations, owner refs).
// `dns_label` selects RFC 1123 label names (StatefulSet, Service, Namespace) over subdomains.
FieldErrors ValidateObjectMeta(const k8s::ObjectMeta& meta, bool namespaced, bool dns_label);
FieldErrors ValidateObjectMetaUpdate(const k8s::ObjectMeta& meta, const k8s::ObjectMeta& old);

// Defaulting shared by Pod and the pod templates inside StatefulSets.
void SetPodSpecDefaults(k8s::PodSpec& spec);
FieldErrors ValidatePodSpec(const k8s::PodSpec& spec, const std::string& path);

}  // namespace sts::apiserver
