// Schema trees for `kubectl explain`, built by walking each kind's Reflect(): a field's type is
// named the way kubectl's explain template names the OpenAPI v3 schema the API server would
// publish for it (typeGuess in staging/src/k8s.io/kubectl/pkg/explain/v2/templates).
#include "kubectl/explain_schema.h"

#include <algorithm>
#include <map>
#include <memory>
#include <type_traits>

#include "k8s/apps_v1.h"
#include "k8s/core_v1.h"
#include "k8s/meta.h"
#include "k8s/reflect.h"
#include "k8s/storage_v1.h"

namespace sts::kubectl {

namespace {

template <class T>
struct CowInner {
    using type = T;
};
template <class T>
struct CowInner<k8s::Cow<T>> {
    using type = T;
};

// The name the API's schema gives a struct. Two of our structs share a Go name with a struct of
// another group (discovery.k8s.io's EndpointPort) and need their own documentation key.
template <class T>
std::string DocName() {
    if constexpr (std::is_same_v<T, k8s::SlicePort>) return "discovery.EndpointPort";
    else return std::string(k8s::BareGoName(T::kGoType));
}

std::string Text(const char* s) { return s ? s : ""; }

class Registry {
public:
    template <class T>
    const SchemaType* Get() {
        const std::string key = DocName<T>();
        auto it = types_.find(key);
        if (it != types_.end()) return it->second.get();
        auto owned = std::make_unique<SchemaType>();
        SchemaType* t = owned.get();
        types_[key] = std::move(owned);
        t->name = std::string(k8s::BareGoName(T::kGoType));
        t->description = Text(ExplainDoc(key));
        Builder b{this, key, t};
        T sample{};
        sample.Reflect(b);
        std::sort(t->fields.begin(), t->fields.end(),
                  [](const SchemaField& x, const SchemaField& y) { return x.name < y.name; });
        return t;
    }

private:
    struct Builder {
        Registry* reg;
        std::string owner;
        SchemaType* type;
        template <class F>
        void operator()(std::string_view name, F&, unsigned = k8s::kNoOptions) {
            SchemaField f;
            f.name = std::string(name);
            const std::string key = owner + "." + f.name;
            reg->FillType<F>(&f);
            if (const char* o = ExplainTypeOverride(key)) {
                f.type = o;
                f.child = nullptr;
                f.type_description.clear();
                if (f.type == "map[string]Quantity") f.type_description = Text(ExplainDoc("Quantity"));
            }
            f.description = Text(ExplainDoc(key));
            f.required = ExplainRequired(key);
            if (const auto* e = ExplainEnum(key)) f.enums = *e;
            type->fields.push_back(std::move(f));
        }
    };

    template <class F>
    void FillType(SchemaField* f) {
        if constexpr (k8s::IsOptional<F>::value) {
            FillType<typename F::value_type>(f);
        } else if constexpr (k8s::IsCow<F>::value) {
            FillType<typename CowInner<F>::type>(f);
        } else if constexpr (k8s::IsVector<F>::value) {
            FillType<typename F::value_type>(f);
            f->type = "[]" + f->type;
        } else if constexpr (std::is_same_v<F, std::string>) {
            f->type = "string";
        } else if constexpr (std::is_same_v<F, bool>) {
            f->type = "boolean";
        } else if constexpr (std::is_integral_v<F>) {
            f->type = "integer";
        } else if constexpr (std::is_same_v<F, StringMap>) {
            f->type = "map[string]string";
        } else if constexpr (std::is_same_v<F, k8s::Timestamp>) {
            // metav1.Time is published as a string with format date-time.
            f->type = "string";
            f->type_description = Text(ExplainDoc("Time"));
        } else if constexpr (std::is_same_v<F, k8s::MicroTimestamp>) {
            f->type = "string";
            f->type_description = Text(ExplainDoc("MicroTime"));
        } else if constexpr (std::is_same_v<F, k8s::IntOrString>) {
            // Published with oneOf [integer, string] and no type, so explain shows its name.
            f->type = "IntOrString";
            f->type_description = Text(ExplainDoc("IntOrString"));
        } else if constexpr (std::is_same_v<F, k8s::Quantity>) {
            f->type = "Quantity";
            f->type_description = Text(ExplainDoc("Quantity"));
        } else if constexpr (std::is_same_v<F, k8s::Raw>) {
            f->type = "Object";
        } else {
            const SchemaType* t = Get<F>();
            f->type = t->name;
            f->type_description = t->description;
            f->child = t;
        }
    }

    std::map<std::string, std::unique_ptr<SchemaType>> types_;
};

Registry& Reg() {
    static Registry* r = new Registry();
    return *r;
}

struct KindEntry {
    const char* group;
    const char* kind;
    const SchemaType* (*get)();
};

const std::vector<KindEntry>& Kinds() {
    static const std::vector<KindEntry> kinds = {
        {"", "Pod", [] { return Reg().Get<k8s::Pod>(); }},
        {"", "Service", [] { return Reg().Get<k8s::Service>(); }},
        {"", "Endpoints", [] { return Reg().Get<k8s::Endpoints>(); }},
        {"", "Namespace", [] { return Reg().Get<k8s::Namespace>(); }},
        {"", "Node", [] { return Reg().Get<k8s::Node>(); }},
        {"", "PersistentVolumeClaim", [] { return Reg().Get<k8s::PersistentVolumeClaim>(); }},
        {"", "PersistentVolume", [] { return Reg().Get<k8s::PersistentVolume>(); }},
        {"", "Event", [] { return Reg().Get<k8s::Event>(); }},
        {"apps", "StatefulSet", [] { return Reg().Get<k8s::StatefulSet>(); }},
        {"apps", "ControllerRevision", [] { return Reg().Get<k8s::ControllerRevision>(); }},
        {"storage.k8s.io", "StorageClass", [] { return Reg().Get<k8s::StorageClass>(); }},
        {"discovery.k8s.io", "EndpointSlice", [] { return Reg().Get<k8s::EndpointSlice>(); }},
    };
    return kinds;
}

}  // namespace

const SchemaField* SchemaType::Field(std::string_view field_name) const {
    for (const auto& f : fields)
        if (f.name == field_name) return &f;
    return nullptr;
}

const SchemaType* KindSchema(std::string_view group, std::string_view kind) {
    for (const auto& k : Kinds())
        if (group == k.group && kind == k.kind) return k.get();
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> SchemaKinds() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& k : Kinds()) out.emplace_back(k.group, k.kind);
    return out;
}

}  // namespace sts::kubectl
