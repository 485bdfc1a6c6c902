// Smoke test of the third-party libraries as built by cmake/ThirdParty.cmake, in every build tree
// (native, asan, wasm under node).
#include <gtest/gtest.h>
#include <imgui.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>

namespace {

TEST(ThirdPartySmoke, ImGuiRendersAFrameWithoutABackend) {
    IMGUI_CHECKVERSION();
    ImGuiContext* ctx = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // never touch the file system
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // built-in ProggyClean font
    ASSERT_NE(pixels, nullptr);
    EXPECT_GT(w, 0);
    EXPECT_GT(h, 0);

    for (int frame = 0; frame < 2; ++frame) {
        ImGui::NewFrame();
        ImGui::Begin("StatefulSet Playground");
        ImGui::TextUnformatted("web-0 Running");
        ImGui::End();
        ImGui::Render();
    }
    const ImDrawData* draw = ImGui::GetDrawData();
    ASSERT_NE(draw, nullptr);
    EXPECT_GT(draw->TotalVtxCount, 0);
    ImGui::DestroyContext(ctx);
}

TEST(ThirdPartySmoke, YamlCppParsesAndThrowsOnBadInput) {
    YAML::Node node = YAML::Load("kind: StatefulSet\nspec:\n  replicas: 3\n");
    EXPECT_EQ(node["kind"].as<std::string>(), "StatefulSet");
    EXPECT_EQ(node["spec"]["replicas"].as<int>(), 3);
    EXPECT_THROW(YAML::Load("a: [1, 2"), YAML::ParserException);
}

TEST(ThirdPartySmoke, NlohmannParsesAndThrowsOnBadInput) {
    auto j = nlohmann::json::parse(R"({"metadata": {"name": "web"}})");
    EXPECT_EQ(j["metadata"]["name"], "web");
    EXPECT_THROW(
        {
            auto bad = nlohmann::json::parse("{\"a\": ");
            (void)bad;
        },
        nlohmann::json::parse_error);
}

}  // namespace
