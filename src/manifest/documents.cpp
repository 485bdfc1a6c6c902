// Document streams as kubectl reads them (apimachinery util/yaml YAMLOrJSONDecoder and
// YAMLReader, cli-runtime's StreamVisitor and FlattenListVisitor), and the single-document
// readers used for patches.
#include <string>
#include <vector>

#include "manifest/json_internal.h"
#include "manifest/manifest.h"
#include "manifest/yaml_internal.h"

namespace sts::manifest {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

size_t SkipSpace(std::string_view s, size_t i) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    return i;
}

std::string TooLarge(size_t size) {
    return "input too large: " + std::to_string(size) + " bytes (the limit is " + std::to_string(kMaxInputBytes) +
           ")";
}

// YAMLReader: documents end at lines starting with "---" (only a comment may follow it on that
// line). Lines lose their "\r\n" or "\n" and get "\n" back.
struct Chunk {
    std::string text;
    std::string error;  // "invalid Yaml document separator: ..."
};

std::vector<Chunk> SplitDocuments(std::string_view text) {
    std::vector<Chunk> out;
    std::string buffer;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() : nl + 1;
        if (!line.empty() && line.back() == '\r' && nl != std::string_view::npos) line.remove_suffix(1);
        if (line.rfind("---", 0) == 0) {
            std::string_view rest = line.substr(3);
            size_t b = 0, e = rest.size();
            while (b < e && IsSpace(rest[b])) ++b;
            while (e > b && IsSpace(rest[e - 1])) --e;
            rest = rest.substr(b, e - b);
            if (!rest.empty() && rest[0] != '#') {
                // The document being read is dropped with it, as YAMLReader does.
                out.push_back({"", "invalid Yaml document separator: " + std::string(rest)});
                return out;
            }
            if (!buffer.empty()) {
                out.push_back({std::move(buffer), ""});
                buffer.clear();
            }
            continue;
        }
        buffer.append(line);
        buffer += '\n';
    }
    if (!buffer.empty()) out.push_back({std::move(buffer), ""});
    return out;
}

// Decodes YAML documents from `text` into `out`; returns false with out->error set on failure.
// `json_fallback_error`, when set, replaces the error of the first document (kubectl reports
// the JSON error when a stream that looked like JSON is not YAML either).
bool DecodeYamlStream(std::string_view text, std::string_view source, DecodeBudget* budget, Documents* out,
                      const std::string& json_fallback_error) {
    std::vector<Chunk> chunks = SplitDocuments(text);
    bool first = true;
    for (const Chunk& chunk : chunks) {
        std::string error;
        if (!chunk.error.empty()) {
            error = chunk.error;
        } else {
            YamlDocResult doc = DecodeYamlDocument(chunk.text, budget);
            if (!doc.ok()) {
                error = "error converting YAML to JSON: " + doc.error;
            } else if (!doc.value.IsNull()) {
                out->docs.push_back(std::move(doc.value));
            }
        }
        if (!error.empty()) {
            if (first && !json_fallback_error.empty()) error = json_fallback_error;
            out->error = "error parsing " + std::string(source) + ": " + error;
            return false;
        }
        first = false;
    }
    return true;
}

std::string JsonTypeOf(const Value& v) {
    switch (v.type()) {
        case Value::Type::kNull: return "null";
        case Value::Type::kBool: return "bool";
        case Value::Type::kInt:
        case Value::Type::kFloat: return "number";
        case Value::Type::kString: return "string";
        case Value::Type::kArray: return "array";
        case Value::Type::kObject: return "object";
    }
    return "value";
}

bool Flatten(const Value& doc, std::string_view source, Documents* out) {
    std::string prefix = "unable to decode \"" + std::string(source) + "\": ";
    if (!doc.IsObject()) {
        out->error = prefix + "json: cannot unmarshal " + JsonTypeOf(doc) +
                     " into Go value of type unstructured.detector";
        return false;
    }
    if (const Value* items = doc.Find("items")) {
        if (!items->IsArray() && !items->IsNull()) {
            out->error = prefix + "json: cannot unmarshal " + JsonTypeOf(*items) +
                         " into Go struct field decodeList.items of type []json.RawMessage";
            return false;
        }
        for (const Value& item : items->items()) {
            if (!item.IsObject()) {
                out->error = prefix + "json: cannot unmarshal " + JsonTypeOf(item) +
                             " into Go value of type map[string]interface {}";
                return false;
            }
        }
        for (const Value& item : items->items())
            if (!Flatten(item, source, out)) return false;
        return true;
    }
    const Value& api_version = doc.Get("apiVersion");
    if (!api_version.IsNull() && !api_version.IsString()) {
        out->error = prefix + "json: cannot unmarshal " + JsonTypeOf(api_version) +
                     " into Go struct field metadataOnlyObject.apiVersion of type string";
        return false;
    }
    const Value& kind = doc.Get("kind");
    if (!kind.IsString() || kind.AsString().empty()) {
        out->error = prefix + "Object 'Kind' is missing in '" + doc.ToJson() + "'";
        return false;
    }
    out->docs.push_back(doc);
    return true;
}

}  // namespace

Documents ParseYamlDocuments(std::string_view text, std::string_view source_name) {
    Documents out;
    try {
        if (text.size() > kMaxInputBytes) {
            out.error = "error parsing " + std::string(source_name) + ": " + TooLarge(text.size());
            return out;
        }
        DecodeBudget budget;
        size_t start = SkipSpace(text, 0);
        if (start >= text.size() || text[start] != '{') {
            DecodeYamlStream(text, source_name, &budget, &out, "");
            return out;
        }
        // A JSON stream: objects one after another. If one of the first two fails to decode,
        // the rest is retried as YAML; from the third on a JSON error is final.
        size_t pos = 0, prev_end = 0;
        int count = 0;
        while (true) {
            size_t value_start = SkipSpace(text, pos);
            if (value_start >= text.size()) return out;
            JsonScan scan = ScanJsonValue(text, pos);
            if (scan.ok) {
                Parsed v = BuildJsonValue(text.substr(pos, scan.end - pos));
                if (!v.ok()) {
                    out.error = "error parsing " + std::string(source_name) + ": " + v.error;
                    return out;
                }
                if (!v.value.IsNull()) out.docs.push_back(std::move(v.value));
                ++count;
                prev_end = scan.end;
                pos = scan.end;
                continue;
            }
            std::string json_error;
            if (scan.eof) {
                json_error = "unexpected EOF";
            } else if (count > 1) {
                json_error = scan.message;
            } else {
                size_t base = count == 0 ? 0 : value_start;
                json_error = "json: offset " + std::to_string(prev_end + (scan.error_index - base) + 1) + ": " +
                             scan.message;
            }
            if (count > 1) {
                out.error = "error parsing " + std::string(source_name) + ": " + json_error;
                return out;
            }
            // Back to the start of the failed object; whitespace up to the first newline goes.
            size_t resume = pos;
            while (resume < text.size() && IsSpace(text[resume]) && text[resume] != '\n') ++resume;
            if (resume < text.size() && text[resume] == '\n') ++resume;
            DecodeYamlStream(text.substr(resume), source_name, &budget, &out, json_error);
            return out;
        }
    } catch (const std::exception& e) {
        out.error = "error parsing " + std::string(source_name) + ": " + e.what();
    } catch (...) {
        out.error = "error parsing " + std::string(source_name) + ": unknown error";
    }
    return out;
}

Parsed ParseYaml(std::string_view text) {
    Parsed out;
    try {
        if (text.size() > kMaxInputBytes) {
            out.error = TooLarge(text.size());
            return out;
        }
        size_t start = SkipSpace(text, 0);
        if (start < text.size() && text[start] == '{') return ParseJson(text);
        DecodeBudget budget;
        YamlDocResult doc = DecodeYamlDocument(text, &budget);
        if (!doc.ok()) {
            out.error = doc.error;
            return out;
        }
        out.value = std::move(doc.value);
    } catch (const std::exception& e) {
        out.error = e.what();
    } catch (...) {
        out.error = "unknown error";
    }
    return out;
}

Documents ExpandLists(const std::vector<Value>& docs, std::string_view source_name) {
    Documents out;
    for (const Value& doc : docs)
        if (!Flatten(doc, source_name, &out)) break;
    return out;
}

}  // namespace sts::manifest
