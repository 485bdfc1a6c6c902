// Helpers for scenario tests: run a script file through a fresh session and pick transcripts
// apart (the block of output that follows one command).
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/strings.h"
#include "host/session.h"

namespace sts::testing {

inline std::string ReadFileOrEmpty(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The transcript of a script run on a fresh cluster; *state_hash, when given, receives the
// cluster's state hash at the end.
inline std::string RunScriptFile(const std::string& path, uint64_t seed = 1, uint64_t* state_hash = nullptr) {
    host::SessionOptions options;
    options.seed = seed;
    options.transcript = true;
    host::Session session(options);
    std::string transcript = session.RunScript(ReadFileOrEmpty(path));
    if (state_hash) *state_hash = session.sim().StateHash();
    return transcript;
}

// The output lines printed after the transcript line "$ <command>" (up to the next "$ ").
inline std::vector<std::string> OutputOf(const std::string& transcript, const std::string& command,
                                         int occurrence = 0) {
    std::vector<std::string> lines = SplitLines(transcript);
    std::vector<std::string> out;
    int seen = 0;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (lines[i] != "$ " + command) continue;
        if (seen++ != occurrence) continue;
        for (size_t j = i + 1; j < lines.size() && lines[j].rfind("$ ", 0) != 0; ++j) out.push_back(lines[j]);
        // The script's own blank lines and comments before the next command are not output.
        while (!out.empty() && (out.back().empty() || out.back()[0] == '#')) out.pop_back();
        break;
    }
    return out;
}

// Splits a table row on runs of spaces.
inline std::vector<std::string> Columns(const std::string& row) {
    std::vector<std::string> cols;
    std::istringstream in(row);
    std::string c;
    while (in >> c) cols.push_back(c);
    return cols;
}

}  // namespace sts::testing
