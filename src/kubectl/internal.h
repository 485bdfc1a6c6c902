// Shared plumbing of the kubectl subcommands (not part of the console's public API).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "client/cluster.h"
#include "kubectl/flags.h"
#include "kubectl/kubectl.h"
#include "kubectl/resources.h"
#include "shell/shell.h"

namespace sts::kubectl {

// One kubectl invocation.
struct Ctx {
    client::Cluster* cluster = nullptr;
    shell::FileSystem* fs = nullptr;
    const ConsoleSettings* settings = nullptr;
    shell::Invocation* inv = nullptr;
    std::unique_ptr<Mapper> mapper;
    std::string command;  // "get", "rollout status"
    FlagSet flags;
    std::string ns;            // effective namespace
    bool explicit_ns = false;  // -n given

    void Out(const std::string& s) const { inv->out->Write(s); }
    void Err(const std::string& s) const { inv->err->Write(s); }
    // "error: msg\n"; returns status 1.
    shell::Outcome Fail(const std::string& msg) const;
    // "error: msg\nSee 'kubectl <cmd> -h' for help and examples\n".
    shell::Outcome Usage(const std::string& msg) const;
    // Parses the command's flags (global flags included); false after printing pflag's error.
    bool ParseFlags(const std::vector<std::string>& args, shell::Outcome* fail);
    Time Now() const { return cluster->Now(); }
    // Prints API warnings as client-go's warning handler does ("Warning: ..."), each text once.
    void Warn(const std::vector<std::string>& warnings);
    std::vector<std::string> warned;
    std::string NoResourcesMessage(bool all_namespaces, bool any_cluster_scoped) const;
};

shell::Outcome Status(int code);

// How kubectl's error handler prints an API error (without the trailing newline):
// "Error from server (NotFound): pods \"x\" not found", "The StatefulSet \"web\" is invalid: ...".
std::string ApiErrorText(const client::ApiError& e);
// The same error with kubectl's source wrapping: "error when creating \"web.yaml\": ...".
std::string ApiErrorWithSource(const client::ApiError& e, const std::string& verb, const std::string& source);

// Output printers for -o (see printers/output.cpp).
class ResourcePrinter;

// [SECTION] commands
shell::Outcome RunGet(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunApply(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunCreate(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunReplace(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunDelete(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunScale(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunPatch(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunLabel(Ctx& c, const std::vector<std::string>& args, bool annotate);
shell::Outcome RunRollout(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunWait(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunExec(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunRun(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunLogs(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunDescribe(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunExplain(Ctx& c, const std::vector<std::string>& args);
shell::Outcome RunSet(Ctx& c, const std::vector<std::string>& args);
// cordon, uncordon, drain, taint (by c.command).
shell::Outcome RunNodeCommand(Ctx& c, const std::vector<std::string>& args);
// cluster-info, config, top, edit (by c.command).
shell::Outcome RunClusterCommand(Ctx& c, const std::vector<std::string>& args);

// --dry-run as cmdutil.GetDryRunStrategy reads it: "none", "client" or "server"; "" after
// printing kubectl's error into *fail. Shared by every command that writes.
std::string DryRunStrategy(Ctx& c, shell::Outcome* fail);
// Declares --dry-run as kubectl does (a bare --dry-run means the deprecated "unchanged").
void AddDryRunFlag(FlagSet& f);
// " (dry run)", " (server dry run)" or "" after a success message.
std::string DryRunSuffix(const std::string& dry_run);

// A command group's subcommand: the index of the first argument that is neither a flag nor a
// global flag's value (args.size() when there is none), and the arguments without it.
size_t SubcommandIndex(const std::vector<std::string>& args);
std::vector<std::string> Without(const std::vector<std::string>& args, size_t index);
// cmdutil.DefaultSubCommandRun: a group run without a subcommand prints its help on stderr and
// exits 1 (on stdout and 0 with -h).
shell::Outcome GroupHelp(Ctx& c, const std::vector<std::string>& args, const std::string& group);

// `kubectl <command> --help` texts, keyed by command path ("get", "rollout status").
const std::map<std::string, std::string>& HelpTexts();
// The texts of the commands added with explain/set/node/config (help_text_more.cpp).
const std::map<std::string, std::string>& MoreHelpTexts();

// Reads `-f` sources (files, "-" for stdin); false after printing kubectl's error.
struct ManifestObject {
    Value object;
    std::string source;  // the file name as given ("web.yaml", "STDIN")
};
bool ReadManifests(Ctx& c, const std::vector<std::string>& files, std::vector<ManifestObject>* out,
                   std::string* error);

// Waits in simulated time: the building block of watch-like jobs.
std::string DescribePodTemplate(const Value& template_spec);

}  // namespace sts::kubectl
