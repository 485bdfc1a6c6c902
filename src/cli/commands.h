// Subcommands of sts-playground. Each one is a small main(): argv[0] is the subcommand's name,
// argv[1..argc-1] its arguments; it returns the process exit code.
#pragma once

int RunServeCommand(int argc, char** argv);   // serve.cpp
int RunScriptCommand(int argc, char** argv);  // script.cpp
int RunBenchCommand(int argc, char** argv);   // bench.cpp
