// `make bench`, front-end part: CPU time per frame of the playground's page natively (engine
// step = App::Tick, UI build = ImGui NewFrame + every panel + Render, null renderer) with 100,
// 1,000 and 10,000 pods in the cluster view, at 1x speed and 60 frames per second. Writes JSON
// that `sts-playground bench --ui FILE` folds into build/bench/results.json.
//
// usage: sts_ui_bench [--out build/bench/ui-native.json] [--frames 240]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/ui_test_support.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string Manifest(int replicas) {
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  ports:\n  - port: 80\n"
           "    name: web\n  selector:\n    app: nginx\n---\n"
           "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\nspec:\n  replicas: " +
           std::to_string(replicas) +
           "\n  podManagementPolicy: Parallel\n  serviceName: nginx\n  selector:\n    matchLabels:\n      app: nginx\n"
           "  template:\n    metadata:\n      labels:\n        app: nginx\n    spec:\n      containers:\n"
           "      - name: nginx\n        image: registry.k8s.io/nginx-slim:0.24\n";
}

struct Sample {
    int pods = 0;
    int frames = 0;
    double engine_avg = 0, ui_avg = 0, total_avg = 0, total_p95 = 0, total_max = 0;
    size_t instances = 0;
    bool dense = false;
    double setup_s = 0;
};

Sample Measure(int pods, int frames) {
    Sample s;
    s.pods = pods;
    s.frames = frames;
    const auto setup0 = Clock::now();
    sts::ui::testing::HeadlessImGui gui;
    sts::ui::App app(sts::ui::AppOptions{1, false, 1.0});
    sts::ui::NullRenderer renderer;
    app.ApplyManifest("bench.yaml", Manifest(pods));
    app.AdvanceBy(sts::Seconds(90));  // pods scheduled, pulled and started (3 nodes: 330 fit)
    for (int i = 0; i < 30; ++i) gui.Frame(app, renderer);
    s.setup_s = std::chrono::duration<double>(Clock::now() - setup0).count();

    std::vector<double> totals;
    double engine = 0, ui = 0;
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < frames; ++i) {
        const auto t0 = Clock::now();
        app.Tick(1000.0 / 60.0);
        const auto t1 = Clock::now();
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        sts::ui::DrawUi(app, renderer);
        ImGui::Render();
        const auto t2 = Clock::now();
        engine += Ms(t1 - t0);
        ui += Ms(t2 - t1);
        totals.push_back(Ms(t2 - t0));
    }
    std::sort(totals.begin(), totals.end());
    s.engine_avg = engine / frames;
    s.ui_avg = ui / frames;
    double sum = 0;
    for (double t : totals) sum += t;
    s.total_avg = sum / frames;
    s.total_p95 = totals[static_cast<size_t>(static_cast<double>(totals.size() - 1) * 0.95)];
    s.total_max = totals.back();
    s.instances = renderer.last_instances;
    s.dense = renderer.last_cards >= static_cast<size_t>(pods);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    std::string out = "build/bench/ui-native.json";
    int frames = 240;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--out") == 0 && i + 1 < argc) out = argv[++i];
        else if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) frames = std::max(10, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: sts_ui_bench [--out FILE] [--frames N]\n");
            return 2;
        }
    }
    std::string json = "{\n  \"platform\": \"native\",\n  \"what\": \"CPU ms per frame: engine step (App::Tick, 1x, 60 fps) + "
                       "UI build (ImGui NewFrame, every panel, Render; null renderer)\",\n  \"frames\": [\n";
    std::printf("%8s %12s %12s %12s %12s %12s %10s\n", "pods", "engine ms", "ui ms", "total ms", "p95 ms", "max ms",
                "instances");
    const int sizes[] = {100, 1000, 10000};
    for (size_t k = 0; k < 3; ++k) {
        const Sample s = Measure(sizes[k], frames);
        std::printf("%8d %12.3f %12.3f %12.3f %12.3f %12.3f %10zu\n", s.pods, s.engine_avg, s.ui_avg, s.total_avg,
                    s.total_p95, s.total_max, s.instances);
        char buf[512];
        std::snprintf(buf, sizeof buf,
                      "    {\"pods\": %d, \"frames\": %d, \"engine_ms\": %.4f, \"ui_ms\": %.4f, \"total_ms\": %.4f, "
                      "\"total_p95_ms\": %.4f, \"total_max_ms\": %.4f, \"scene_instances\": %zu, \"setup_s\": %.2f}%s\n",
                      s.pods, s.frames, s.engine_avg, s.ui_avg, s.total_avg, s.total_p95, s.total_max, s.instances,
                      s.setup_s, k + 1 < 3 ? "," : "");
        json += buf;
    }
    json += "  ]\n}\n";
    const size_t slash = out.rfind('/');
    if (slash != std::string::npos) std::system(("mkdir -p '" + out.substr(0, slash) + "'").c_str());
    std::ofstream(out) << json;
    std::printf("wrote %s\n", out.c_str());
    return 0;
}
