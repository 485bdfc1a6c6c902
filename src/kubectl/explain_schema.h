// The schemas `kubectl explain` walks: one tree per served kind, built from the typed API
// structs' Reflect() (src/k8s) so the field names and types are exactly what the API server
// accepts, with the descriptions, required markers and enum values the OpenAPI v3 document
// of a real API server carries (explain_docs.cpp; our own wording).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sts::kubectl {

struct SchemaType;

struct SchemaField {
    std::string name;
    // The type as kubectl's explain template guesses it from OpenAPI v3: "string", "integer",
    // "boolean", "Object", "[]Container", "map[string]string", "map[string]Quantity",
    // "IntOrString", or a struct's name ("StatefulSetSpec").
    std::string type;
    bool required = false;
    std::vector<std::string> enums;
    std::string description;       // the field's own text
    std::string type_description;  // the referenced named type's text ("" for plain scalars)
    const SchemaType* child = nullptr;  // the struct behind the field (through [] and map values)
};

struct SchemaType {
    std::string name;  // "StatefulSetSpec"
    std::string description;
    std::vector<SchemaField> fields;  // sorted by name, as explain lists them
    const SchemaField* Field(std::string_view name) const;
};

// The schema of a kind the playground serves (group "" for core), or null.
const SchemaType* KindSchema(std::string_view group, std::string_view kind);
// Every kind with a schema, as {group, kind}.
std::vector<std::pair<std::string, std::string>> SchemaKinds();

// [SECTION] documentation tables (explain_docs.cpp)

// Description of a type ("StatefulSetSpec") or a field ("StatefulSetSpec.replicas"); null if none.
const char* ExplainDoc(std::string_view key);
// True when the field ("PodSpec.containers") is required in the API's schema.
bool ExplainRequired(std::string_view field_key);
// The enum values the API's schema lists for a field ("StatefulSetUpdateStrategy.type"); may be null.
const std::vector<std::string>* ExplainEnum(std::string_view field_key);
// The API type of a field our structs carry as raw JSON or as a plain string map
// ("PodSpec.affinity" -> "Affinity", "ResourceRequirements.limits" -> "map[string]Quantity").
const char* ExplainTypeOverride(std::string_view field_key);

}  // namespace sts::kubectl
