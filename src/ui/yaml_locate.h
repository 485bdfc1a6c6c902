// Puts the manifest editor's errors at their line: YAML syntax errors (go-yaml's "line N",
// counted from the start of the failing document, as kubectl counts them) and the API server's
// field errors ("The StatefulSet "web" is invalid: spec.replicas: Invalid value: ..."), located
// by walking the field path through the document's block-style YAML.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ui/ui_state.h"

namespace sts::ui {

struct DocSpan {
    int begin = 0;  // first line (0-based), after the "---"
    int end = 0;    // one past the last line
    std::string kind;
    std::string name;
};

std::vector<std::string> TextLines(std::string_view text);
std::vector<DocSpan> SplitDocuments(const std::vector<std::string>& lines);

// The 0-based line of a field path ("spec.template.spec.containers[0].image") in a document:
// the deepest part of the path that exists, or -1.
int LocateYamlPath(const std::vector<std::string>& lines, const DocSpan& doc, std::string_view path);

// YAML syntax errors of the text, parsed as `kubectl apply -f` would (1-based lines).
std::vector<EditorProblem> SyntaxProblems(std::string_view text);

// Problems from what `kubectl apply -f` printed for this text; errors that name no line are
// reported at line 0 (the whole file).
std::vector<EditorProblem> ProblemsFromApplyOutput(std::string_view text, std::string_view output);

}  // namespace sts::ui
