// The syntax tree of the small POSIX-sh subset: words made of quoted and unquoted parts,
// simple commands with redirections and heredocs, pipelines, && / || lists, and the compound
// commands for / while / until / if / { } / ( ). Built by parser.cpp, walked by interpreter.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace sts::shell {

struct Program;

// One piece of a word. Literal text keeps whether it was quoted (quoted text is not
// field-split); parameter and command substitutions remember whether they sat in "..".
struct WordPart {
    enum class Kind {
        kLiteral,   // text
        kParam,     // $name ${name} ${name:-word} ${#name}; name may be ?, #, @, *, 0-9
        kCommand,   // $( program ) or `program`
        kArith,     // $(( expression ))
    };
    Kind kind = Kind::kLiteral;
    bool quoted = false;
    std::string text;  // literal text, parameter name, or arithmetic expression
    // ${name<op>word}: op is "", "-", ":-", "=", ":=", "+", ":+", "?", ":?", "#len".
    std::string op;
    std::vector<WordPart> alt;  // the word after op, already parsed
    std::shared_ptr<Program> program;  // kCommand
};

struct Word {
    std::vector<WordPart> parts;
    std::string raw;  // source text, for messages
    // True when the word has no expansions and no quoting: a plain literal (reserved words,
    // assignment names and heredoc delimiters are recognised only in this form).
    bool IsPlain() const;
    std::string PlainText() const;  // concatenated literal parts (quotes removed)
    bool HasQuotes() const;
};

// A heredoc body; shared so the parser can fill it in when it reaches the body lines.
struct Heredoc {
    std::string body;      // raw text, each line ending in '\n'
    bool expand = true;    // false when the delimiter was quoted
    std::vector<WordPart> parts;  // the body parsed for expansion (when expand)
};

struct Redirect {
    enum class Kind { kOut, kAppend, kIn, kDupOut, kHeredoc };
    Kind kind = Kind::kOut;
    int fd = 1;          // the descriptor being redirected (1 for >, 0 for <)
    Word target;         // file name (kOut/kAppend/kIn)
    int dup_fd = -1;     // kDupOut: 2>&1 → fd 2, dup_fd 1; -2 closes (discards)
    std::shared_ptr<Heredoc> heredoc;  // kHeredoc
};

struct Assignment {
    std::string name;
    Word value;
};

struct Command;

struct SimpleCommand {
    std::vector<Assignment> assignments;
    std::vector<Word> words;
    int line = 1;  // source line, for messages
};

struct Pipeline {
    bool negate = false;
    std::vector<std::shared_ptr<Command>> commands;
};

// pipeline ( (&& | ||) pipeline )*
struct AndOr {
    std::vector<Pipeline> pipelines;
    std::vector<bool> and_ops;  // and_ops[i]: operator between pipelines i and i+1 is &&
};

struct List {
    std::vector<AndOr> items;
};

struct ForClause {
    std::string var;
    bool has_in = false;   // "for x; do" iterates "$@"
    std::vector<Word> words;
    List body;
};

struct IfClause {
    std::vector<List> conditions;  // if + elifs
    std::vector<List> branches;    // then-parts, same size as conditions
    bool has_else = false;
    List else_branch;
};

struct LoopClause {  // while / until
    bool until = false;
    List condition;
    List body;
};

struct Command {
    enum class Kind { kSimple, kFor, kIf, kLoop, kBrace, kSubshell };
    Kind kind = Kind::kSimple;
    SimpleCommand simple;
    ForClause for_clause;
    IfClause if_clause;
    LoopClause loop;
    List group;  // kBrace / kSubshell
    std::vector<Redirect> redirects;
};

struct Program {
    List list;
};

}  // namespace sts::shell
