// kubectl explain (pkg/cmd/explain/explain.go with the OpenAPI v3 "plaintext" template of
// pkg/explain/v2/templates/plaintext.tmpl): GROUP/KIND/VERSION, FIELD with its type and enum,
// DESCRIPTION wrapped at 76 columns, FIELDS with types, -required- and enums, --recursive.
// The schemas come from explain_schema.cpp instead of the server's /openapi/v3 document.
#include <set>

#include "core/strings.h"
#include "kubectl/explain_schema.h"
#include "kubectl/internal.h"

namespace sts::kubectl {

namespace {

// github.com/mitchellh/go-wordwrap's WrapString: breaks at spaces so no line exceeds `lim`
// (a longer word stays whole), keeps existing line breaks.
std::string WordWrap(const std::string& s, size_t lim) {
    std::string out, word, space;
    size_t current = 0;
    for (char ch : s) {
        if (ch == '\n') {
            if (word.empty()) {
                if (current + space.size() > lim) {
                    current = 0;
                } else {
                    current += space.size();
                    out += space;
                }
                space.clear();
            } else {
                current += space.size() + word.size();
                out += space;
                out += word;
                space.clear();
                word.clear();
            }
            out += ch;
            current = 0;
        } else if (ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f' || ch == '\r') {
            if (space.empty() || !word.empty()) {
                current += space.size() + word.size();
                out += space;
                out += word;
                space.clear();
                word.clear();
            }
            space += ch;
        } else {
            word += ch;
            if (current + space.size() + word.size() > lim && word.size() < lim) {
                out += '\n';
                current = 0;
                space.clear();
            }
        }
    }
    if (word.empty()) {
        if (current + space.size() <= lim) out += space;
    } else {
        out += space;
        out += word;
    }
    return out;
}

// The template's indent: a prefix on the first line and after every line break.
std::string IndentText(const std::string& s, size_t n) {
    std::string pad(n, ' ');
    std::string out = pad;
    for (char ch : s) {
        out += ch;
        if (ch == '\n') out += pad;
    }
    return out;
}

std::string EnumValue(const std::string& v) { return v.empty() ? "\"\"" : v; }

// One field in FIELDS: "  name\t<type> -required-", the short enum line, then (unless short)
// its description.
void FieldDetail(const SchemaField& f, int level, bool short_form, std::string* out) {
    size_t indent = static_cast<size_t>(level) * 2;
    *out += std::string(indent, ' ') + f.name + "\t<" + f.type + ">";
    if (f.required) *out += " -required-";
    if (!f.enums.empty()) {
        *out += "\n" + std::string(indent, ' ') + "enum: ";
        for (size_t i = 0; i < f.enums.size(); ++i) {
            if (i >= 4) {
                *out += ", ....";
                break;
            }
            if (i > 0) *out += ", ";
            *out += EnumValue(f.enums[i]);
        }
    }
    *out += "\n";
    if (short_form) return;
    const std::string& d = f.description.empty() ? std::string("<no description>") : f.description;
    *out += IndentText(WordWrap(d, 78 - indent), indent + 2) + "\n\n";
}

// Field lists follow references; a type already on the path is not entered again (cycles).
void FieldList(const SchemaType& t, int level, bool recursive, std::set<std::string> history, std::string* out) {
    if (history.count(t.name)) return;
    history.insert(t.name);
    for (const auto& f : t.fields) {
        FieldDetail(f, level, recursive, out);
        if (recursive && f.child) FieldList(*f.child, level + 1, recursive, history, out);
    }
}

}  // namespace

shell::Outcome RunExplain(Ctx& c, const std::vector<std::string>& args) {
    FlagSet& f = c.flags;
    f.String("api-version");
    f.String("output", 0, "plaintext");
    f.Bool("recursive");
    shell::Outcome fail;
    if (!c.ParseFlags(args, &fail)) return fail;
    const auto& a = f.args();
    if (a.empty()) {
        return c.Fail("You must specify the type of resource to explain. Use \"kubectl api-resources\" for a "
                      "complete list of supported resources.\n");
    }
    if (a.size() > 1) return c.Fail("We accept only this format: explain RESOURCE\n");

    // The resource is the first dot-separated part, or "<resource>.<group>" when the argument
    // starts with a served resource's group-qualified name (SplitAndParseResourceRequest...).
    std::string in = a[0];
    if (!in.empty() && in.back() == '.') in.pop_back();
    std::vector<std::string> parts = Split(in, '.');
    for (const auto& p : parts) {
        if (p.empty()) return c.Fail("invalid jsonpath syntax, first node must be field node");
    }
    const client::ResourceInfo* res = c.mapper->Find(parts[0]);
    if (!res) {
        c.Err("the server doesn't have a resource type \"" + parts[0] + "\"\n");
        return Status(1);
    }
    std::vector<std::string> path(parts.begin() + 1, parts.end());
    const std::string api_version = f.GetString("api-version");
    if (api_version.empty()) {
        for (const auto& r : c.mapper->resources()) {
            if (r.resource.find('/') != std::string::npos || r.group.empty()) continue;
            if (ToLower(r.resource) != ToLower(parts[0])) continue;
            std::string gr = r.resource + "." + r.group;
            if (in.compare(0, gr.size(), gr) != 0) continue;
            res = &r;
            std::vector<std::string> rest = Split(in.substr(gr.size()), '.');
            path.assign(rest.begin() + 1, rest.end());
            break;
        }
    } else {
        std::string group, version = api_version;
        size_t slash = api_version.find('/');
        if (slash != std::string::npos) {
            group = api_version.substr(0, slash);
            version = api_version.substr(slash + 1);
        }
        if (group != res->group || version != res->version) {
            return c.Fail("couldn't find resource for \"" + group + "/" + version + ", Resource=" + res->resource + "\"");
        }
    }
    const std::string output = f.GetString("output");
    if (output == "plaintext-openapiv2") {
        return c.Fail("--output=plaintext-openapiv2 is not available in this playground; use --output=plaintext");
    }
    if (output != "plaintext") return c.Fail("unrecognized format: " + output);
    const SchemaType* kind = KindSchema(res->group, res->kind);
    if (!kind) {
        return c.Fail("couldn't find resource for \"" + res->ApiVersion() + ", Resource=" + res->resource + "\"");
    }

    std::string out;
    if (!res->group.empty()) out += "GROUP:      " + res->group + "\n";
    out += "KIND:       " + res->kind + "\n";
    out += "VERSION:    " + res->version + "\n\n";

    const SchemaType* cur = kind;
    const SchemaField* field = nullptr;
    for (const auto& seg : path) {
        const SchemaField* next = cur ? cur->Field(seg) : nullptr;
        if (!next) {
            c.Out(out);
            return c.Fail("field \"" + path.back() + "\" does not exist");
        }
        field = next;
        cur = next->child;
    }
    std::string description;
    if (field) {
        out += "FIELD: " + field->name + " <" + field->type + ">\n";
        if (!field->enums.empty()) {
            out += "ENUM:";
            for (const auto& e : field->enums) out += "\n    " + EnumValue(e);
        }
        out += "\n\n";
        if (!field->description.empty()) description += field->description + "\n";
        if (!field->type_description.empty()) description += field->type_description + "\n";
    } else if (!kind->description.empty()) {
        description = kind->description + "\n";
    }
    if (description.empty()) description = "<empty>";
    out += "DESCRIPTION:\n" + IndentText(WordWrap(description, 76), 4) + "\n";
    if (cur && !cur->fields.empty()) {
        out += "FIELDS:\n";
        FieldList(*cur, 1, f.GetBool("recursive"), {}, &out);
    }
    c.Out(out + "\n");
    return Status(0);
}

}  // namespace sts::kubectl
