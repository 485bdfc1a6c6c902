// The console itself: prompts and continuation lines, the transcript echo, blocking commands in
// simulated time (sleep, WakeTime, Poll), Ctrl-C, typeahead, completion, `sim`, the end of a
// script, and bad input (huge lines, deep nesting, unknown commands) that must not hurt.
#include <gtest/gtest.h>

#include "fake_cluster.h"
#include "kubectl/console.h"
#include "shell/shell.h"

namespace sts::kubectl {
namespace {

class FakeSim : public SimControl {
public:
    Result Run(const std::vector<std::string>& argv) override {
        calls.push_back(argv);
        Result r;
        if (argv.size() > 1 && argv[1] == "speed") r.out = "speed " + argv[2] + "x\n";
        else {
            r.err = "sim: unknown command\n";
            r.exit_code = 1;
        }
        return r;
    }
    std::vector<std::vector<std::string>> calls;
};

class ConsoleTest : public ::testing::Test {
protected:
    void SetUp() override { console_ = std::make_unique<Console>(&cluster_, &fs_, &sim_); }
    std::string Run(const std::string& line) {
        console_->Input(line);
        for (int i = 0; i < 600 && console_->Busy(); ++i) {
            cluster_.Advance(Seconds(1));
            cluster_.Tick();
            console_->Poll();
        }
        return console_->TakeOutput();
    }
    testing::FakeCluster cluster_;
    shell::MemoryFileSystem fs_;
    FakeSim sim_;
    std::unique_ptr<Console> console_;
};

TEST_F(ConsoleTest, PromptsAndContinuationLines) {
    EXPECT_EQ(console_->Prompt(), "$ ");
    console_->Input("for i in 1 2; do");
    EXPECT_EQ(console_->Prompt(), "> ");
    console_->Input("  echo $i");
    EXPECT_EQ(console_->TakeOutput(), "");
    console_->Input("done");
    EXPECT_EQ(console_->TakeOutput(), "1\n2\n");
    EXPECT_EQ(console_->Prompt(), "$ ");
    console_->Input("echo 'a");
    console_->Input("b'");
    EXPECT_EQ(console_->TakeOutput(), "a\nb\n");
}

TEST_F(ConsoleTest, TranscriptEchoesCommandsWithTheirPrompts) {
    console_->set_transcript(true);
    console_->Input("cat > f.txt <<EOF");
    console_->Input("hello");
    console_->Input("EOF");
    console_->Input("cat f.txt");
    EXPECT_EQ(console_->TakeOutput(), "$ cat > f.txt <<EOF\n> hello\n> EOF\n$ cat f.txt\nhello\n");
}

TEST_F(ConsoleTest, SleepBlocksInSimulatedTime) {
    console_->Input("sleep 30s; echo woke");
    EXPECT_TRUE(console_->Busy());
    ASSERT_TRUE(console_->WakeTime().has_value());
    EXPECT_EQ(*console_->WakeTime(), cluster_.Now() + Seconds(30));
    cluster_.Advance(Seconds(29));
    console_->Poll();
    EXPECT_TRUE(console_->Busy());
    cluster_.Advance(Seconds(1));
    console_->Poll();
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(console_->TakeOutput(), "woke\n");
    EXPECT_EQ(Run("sleep 2m"), "");
    EXPECT_EQ(Run("sleep x"), "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
    EXPECT_EQ(Run("sleep"), "sleep: missing operand\nTry 'sleep --help' for more information.\n");
}

TEST_F(ConsoleTest, InterruptStopsTheWholeCommandLine) {
    console_->Input("for i in 1 2 3; do sleep 10; echo $i; done");
    cluster_.Advance(Seconds(10));
    console_->Poll();
    EXPECT_EQ(console_->TakeOutput(), "1\n");
    console_->Interrupt();
    EXPECT_EQ(console_->TakeOutput(), "^C\n");
    EXPECT_FALSE(console_->Busy());
    EXPECT_EQ(console_->last_status(), 130);
    // A half-typed multi-line command is dropped by Ctrl-C.
    console_->Input("if true; then");
    console_->Interrupt();
    EXPECT_EQ(console_->Prompt(), "$ ");
    EXPECT_EQ(console_->TakeOutput(), "^C\n");
}

TEST_F(ConsoleTest, LinesTypedWhileBusyRunAfterwards) {
    console_->Input("sleep 5");
    console_->Input("echo typed ahead");
    EXPECT_EQ(console_->TakeOutput(), "");
    cluster_.Advance(Seconds(5));
    console_->Poll();
    EXPECT_EQ(console_->TakeOutput(), "typed ahead\n");
}

TEST_F(ConsoleTest, UnknownCommandsAndSyntaxErrors) {
    EXPECT_EQ(Run("foo"), "bash: foo: command not found\n");
    EXPECT_EQ(console_->last_status(), 127);
    EXPECT_EQ(Run("done"), "bash: syntax error near unexpected token `done'\n");
    EXPECT_EQ(Run("kubectl sacale statefulset web --replicas=5"),
              "error: unknown command \"sacale\" for \"kubectl\"\n\nDid you mean this?\n\tscale\n");
    EXPECT_EQ(Run("kubectl pathch sts web -p '{}'"),
              "error: unknown command \"pathch\" for \"kubectl\"\n\nDid you mean this?\n\tpatch\n");
}

TEST_F(ConsoleTest, AbsurdInputGivesAnErrorAndChangesNothing) {
    std::string huge(10u << 20, 'a');
    EXPECT_EQ(Run(huge), "bash: input too long (more than 1048576 bytes); ignored\n");
    std::string deep = "echo ";
    for (int i = 0; i < 100000; ++i) deep += "\"$(";
    EXPECT_EQ(Run(deep), "bash: syntax error: nesting too deep\n");
    std::string quotes = "echo ";
    for (int i = 0; i < 50000; ++i) quotes += "'a'\"b\"";
    std::string out = Run(quotes);
    EXPECT_EQ(out.size(), 100001u);
    EXPECT_EQ(Run("while true; do :; done"),
              "bash: too many commands without a pause (limit 200000); stopped\n");
    EXPECT_EQ(Run("kubectl get pods"), "No resources found in default namespace.\n");
}

TEST_F(ConsoleTest, FinishReportsAnUnfinishedCommand) {
    console_->Input("for i in 1 2; do");
    console_->Finish();
    EXPECT_EQ(console_->TakeOutput(), "bash: syntax error: unexpected end of file\n");
    console_->Input("echo 'open");
    console_->Finish();
    EXPECT_EQ(console_->TakeOutput(),
              "bash: unexpected EOF while looking for matching `''\nbash: syntax error: unexpected end of file\n");
}

TEST_F(ConsoleTest, SimCommandsGoToTheHost) {
    EXPECT_EQ(Run("sim speed 10"), "speed 10x\n");
    ASSERT_EQ(sim_.calls.size(), 1u);
    EXPECT_EQ(sim_.calls[0], (std::vector<std::string>{"sim", "speed", "10"}));
    Console real(&cluster_, &fs_, nullptr);
    real.Input("sim speed 10");
    EXPECT_EQ(real.TakeOutput(), "sim: not available: this console talks to a real cluster\n");
}

TEST_F(ConsoleTest, Completion) {
    cluster_.Put("pods", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "web-0"}})}, {"spec", Value::MakeObject()}}));
    cluster_.Put("pods", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "web-1"}})}, {"spec", Value::MakeObject()}}));
    cluster_.Put("statefulsets", Value::MakeObject({{"metadata", Value::MakeObject({{"name", "web"}})}, {"spec", Value::MakeObject()}}));
    auto c = [&](const std::string& line) { return console_->Complete(line, line.size()); };
    EXPECT_EQ(c("kub"), (std::vector<std::string>{"kubectl"}));
    EXPECT_EQ(c("kubectl sc"), (std::vector<std::string>{"scale"}));
    EXPECT_EQ(c("kubectl get sta"), (std::vector<std::string>{"statefulsets"}));
    EXPECT_EQ(c("kubectl get pods we"), (std::vector<std::string>{"web-0", "web-1"}));
    EXPECT_EQ(c("kubectl get sts/"), (std::vector<std::string>{"sts/web"}));
    EXPECT_EQ(c("kubectl exec w"), (std::vector<std::string>{"web-0", "web-1"}));
    EXPECT_EQ(c("kubectl rollout st"), (std::vector<std::string>{"status"}));
    EXPECT_EQ(c("kubectl rollout status statefulsets w"), (std::vector<std::string>{"web"}));
    auto flags = c("kubectl get --wat");
    EXPECT_EQ(flags, (std::vector<std::string>{"--watch", "--watch-only"}));
}

TEST_F(ConsoleTest, ExitDoesNotKillTheConsole) {
    EXPECT_EQ(Run("echo a; exit 3; echo b"), "a\n");
    EXPECT_EQ(Run("echo still here"), "still here\n");
}

}  // namespace
}  // namespace sts::kubectl
