// The front end without a browser: every panel drawn with ImGui's null backend through the
// tutorial, the console driven by key presses, rewind by replay, the dense view, and the
// editor's error lines.
#include <gtest/gtest.h>

#include <string>

#include "ui/app.h"
#include "ui/cluster_model.h"
#include "ui/panels.h"
#include "ui/yaml_locate.h"
#include "ui/ui_test_support.h"

namespace sts::ui {
namespace {

using testing::HeadlessImGui;

// Runs frames until the condition holds (at most `frames`).
template <class Fn>
bool FramesUntil(HeadlessImGui& gui, App& app, NullRenderer& r, int frames, Fn&& done) {
    for (int i = 0; i < frames; ++i) {
        if (done()) return true;
        gui.Frame(app, r);
    }
    return done();
}

int ReadyPods(App& app) {
    int n = 0;
    for (const auto& p : CurrentModel(app).pods) n += p.ready ? 1 : 0;
    return n;
}

TEST(UiSmoke, FirstLoadAppliesTheTutorialAndStartsPodsInOrder) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    gui.Frame(app, r);
    EXPECT_NE(app.log().Text().find("statefulset.apps/web created"), std::string::npos) << app.log().Text();
    // web-0 first; web-1 only once web-0 is ready.
    ASSERT_TRUE(FramesUntil(gui, app, r, 2000, [&] { return CurrentModel(app).FindPod("web-0") != nullptr; }));
    EXPECT_EQ(CurrentModel(app).FindPod("web-1"), nullptr);
    ASSERT_TRUE(FramesUntil(gui, app, r, 4000, [&] { return ReadyPods(app) == 2; }));
    gui.Frame(app, r);
    EXPECT_GE(r.last_cards, 2u);
    EXPECT_EQ(app.ui().layout.pods.size(), 2u);
    EXPECT_EQ(app.ui().layout.nodes.size(), 4u);  // control plane + 3 workers
    const auto ann = app.TakeAnnouncements();
    bool ready = false;
    for (const auto& a : ann) ready = ready || a == "web-1 is Running and Ready";
    EXPECT_TRUE(ready);
}

TEST(UiSmoke, EveryPanelDrawsThroughTheTutorial) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    app.SetSpeed(64);
    const char* steps[] = {
        "kubectl get pod -l app=nginx",
        "kubectl scale statefulset web --replicas=5",
        "kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'",
        "kubectl patch statefulset web --type='json' -p='[{\"op\": \"replace\", \"path\": "
        "\"/spec/template/spec/containers/0/image\", \"value\":\"registry.k8s.io/nginx:1.20\"}]'",
        "kubectl rollout status statefulset web",
    };
    for (const char* s : steps) {
        app.SubmitLine(s);
        for (const Panel& p : SidePanels()) {
            app.ui().side_tab = p.tab;
            app.ui().side_tab_request = true;
            for (int i = 0; i < 20; ++i) gui.Frame(app, r);
        }
        app.ui().selection = Selection{Selection::Kind::kPod, "default", "web-0"};
        for (int i = 0; i < 20; ++i) gui.Frame(app, r);
    }
    ASSERT_TRUE(FramesUntil(gui, app, r, 20000, [&] { return !app.ConsoleBusy(); }));
    EXPECT_NE(app.log().Text().find("partitioned roll out complete: 3 new pods have been updated..."), std::string::npos)
        << app.log().Text();
    EXPECT_GT(r.frames, 100);
}

TEST(UiSmoke, ConsoleRunsWhatIsTypedAndCompletesWithTab) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    app.Settle();
    for (int i = 0; i < 3; ++i) gui.Frame(app, r);
    gui.Type(app, r, "kubectl get statefulset web");
    gui.Press(app, r, testing::kGlfwEnter);
    EXPECT_NE(app.log().Text().find("web    2/2"), std::string::npos) << app.log().Text();
    // History: Up brings the line back.
    gui.Press(app, r, testing::kGlfwUp);
    EXPECT_STREQ(app.ui().console.input, "kubectl get statefulset web");
    // Completion of a command name.
    SetConsoleInput(app.ui().console, "");
    gui.Frame(app, r);
    gui.Type(app, r, "kubec");
    gui.Press(app, r, testing::kGlfwTab);
    EXPECT_STREQ(app.ui().console.input, "kubectl ");
}

TEST(UiSmoke, CtrlCStopsAWatch) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    app.Settle();
    app.SubmitLine("kubectl get pod -l app=nginx --watch");
    for (int i = 0; i < 30; ++i) gui.Frame(app, r);
    EXPECT_TRUE(app.ConsoleBusy());
    gui.Press(app, r, 'C', /*ctrl=*/true);
    EXPECT_FALSE(app.ConsoleBusy());
    EXPECT_NE(app.log().Text().find("^C"), std::string::npos);
}

TEST(UiSmoke, ExecResolvesWhenTheCommandEnds) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    app.Settle();
    const int id = app.Exec("kubectl scale statefulset web --replicas=3");
    auto done = app.TakeCompleted();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].id, id);
    EXPECT_EQ(done[0].output, "statefulset.apps/web scaled\n");
    const int rollout = app.Exec("kubectl rollout status statefulset web");
    EXPECT_TRUE(app.TakeCompleted().empty());
    app.AdvanceBy(Minutes(2));
    done = app.TakeCompleted();
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].id, rollout);
    EXPECT_NE(done[0].output.find("partitioned roll out complete"), std::string::npos) << done[0].output;
}

TEST(UiSmoke, RewindReplaysToTheSameStateHash) {
    HeadlessImGui gui;
    App app;
    NullRenderer r;
    app.SetSpeed(16);
    for (int i = 0; i < 300; ++i) gui.Frame(app, r);
    app.SubmitLine("kubectl get pod -l app=nginx --watch");
    for (int i = 0; i < 120; ++i) gui.Frame(app, r);
    app.Interrupt();
    app.SubmitLine("kubectl scale statefulset web --replicas=4");
    for (int i = 0; i < 400; ++i) gui.Frame(app, r);
    const Time t1 = app.Now();
    const uint64_t h1 = app.StateHash();
    const std::string log1 = app.log().Text();
    app.SeekTo(app.Start() + Seconds(20));
    EXPECT_EQ(app.Now(), app.Start() + Seconds(20));
    EXPECT_NE(app.StateHash(), h1);
    gui.Frame(app, r);
    app.SeekTo(t1);
    EXPECT_EQ(app.Now(), t1);
    EXPECT_EQ(app.StateHash(), h1);
    // The replayed console printed the same (plus the rewind notice).
    std::string log2 = app.log().Text();
    const size_t notice = log2.find("Rewound to ");
    ASSERT_NE(notice, std::string::npos);
    log2.erase(notice, log2.find('\n', notice) + 1 - notice);
    EXPECT_EQ(log2, log1);
}

// What a learner sees first, in a 1280x720 window: pods as readable cards in their ordinal's
// column (not the dense tiles), also with five replicas and a claim per pod.
TEST(UiSmoke, TheTutorialFitsAsCardsAt1280x720) {
    HeadlessImGui gui(1280, 720);
    App app;
    NullRenderer r;
    app.Settle();
    for (int i = 0; i < 40; ++i) gui.Frame(app, r);
    auto card_widths_ok = [&](size_t pods) {
        const auto& l = app.ui().layout;
        EXPECT_EQ(l.pods.size(), pods);
        for (const auto& p : l.pods) {
            EXPECT_GE(p.rect.w, 95.0f) << p.name;
            EXPECT_GE(p.rect.h, 44.0f) << p.name;
        }
        // Ordinals left to right.
        for (size_t i = 1; i < l.pods.size(); ++i) EXPECT_GT(l.pods[i].rect.x, l.pods[i - 1].rect.x);
    };
    card_widths_ok(2);
    app.SubmitLine("kubectl delete statefulset web");
    app.SubmitLine("kubectl apply -f web-volumeclaimtemplates.yaml");
    app.SubmitLine("kubectl scale statefulset web --replicas=5");
    app.Settle();
    for (int i = 0; i < 40; ++i) gui.Frame(app, r);
    card_widths_ok(5);
    EXPECT_EQ(app.ui().layout.pvcs.size(), 5u);
}

TEST(UiSmoke, ManyPodsUseTheDenseView) {
    HeadlessImGui gui;
    App app(AppOptions{1, false, 4});
    NullRenderer r;
    std::string yaml = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: big\nspec:\n  replicas: 1000\n"
                       "  podManagementPolicy: Parallel\n  serviceName: big\n  selector:\n    matchLabels:\n      app: big\n"
                       "  template:\n    metadata:\n      labels:\n        app: big\n    spec:\n      containers:\n"
                       "      - name: c\n        image: registry.k8s.io/nginx-slim:0.24\n";
    app.ApplyManifest("big.yaml", yaml);
    app.AdvanceBy(Seconds(60));
    gui.Frame(app, r);
    EXPECT_GE(r.last_cards, 1000u);
    EXPECT_EQ(app.ui().layout.pods.size(), 1000u);
}

TEST(YamlLocate, FieldPathsFindTheirLines) {
    const std::string text =
        "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\n---\napiVersion: apps/v1\nkind: StatefulSet\n"
        "metadata:\n  name: web\nspec:\n  replicas: -2\n  template:\n    metadata:\n      labels:\n        app: x\n"
        "    spec:\n      containers:\n      - name: a\n        image: one\n      - name: b\n        image: \"\"\n";
    const auto lines = TextLines(text);
    const auto docs = SplitDocuments(lines);
    ASSERT_EQ(docs.size(), 2u);
    EXPECT_EQ(docs[1].kind, "StatefulSet");
    EXPECT_EQ(docs[1].name, "web");
    EXPECT_EQ(LocateYamlPath(lines, docs[1], "spec.replicas"), 10);
    EXPECT_EQ(LocateYamlPath(lines, docs[1], "spec.template.metadata.labels"), 13);
    EXPECT_EQ(LocateYamlPath(lines, docs[1], "spec.template.spec.containers[1].image"), 20);
    const auto problems = ProblemsFromApplyOutput(
        text, "The StatefulSet \"web\" is invalid: \n* spec.replicas: Invalid value: -2: must be greater than or equal to 0\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].line, 11);
    const auto syntax = SyntaxProblems("a: 1\n---\nkind: X\nspec:\n  ports:\n  - port: 80\n   name: web\n");
    ASSERT_EQ(syntax.size(), 1u);
    EXPECT_GE(syntax[0].line, 6);
}

TEST(ClusterModel, ParsesTheControllersGate) {
    auto g = ParseGate("web-2 not created: web-1 is Pending (OrderedReady waits for every pod up to it to be Running and Ready)");
    ASSERT_TRUE(g.has_value());
    EXPECT_EQ(g->waiting, "web-2");
    EXPECT_EQ(g->ordinal, 2);
    EXPECT_EQ(g->verb, "created");
    EXPECT_EQ(g->blocker, "web-1");
    EXPECT_EQ(g->state, "Pending");
    EXPECT_FALSE(ParseGate("web-0 not updated: partition is 2").has_value());
}

}  // namespace
}  // namespace sts::ui
