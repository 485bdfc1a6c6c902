// A headless ImGui for the UI tests and the UI bench: a context with the built-in font and the
// null backend (no window, no GPU), frames driven by hand, keys mapped as GLFW numbers them
// (the browser build uses ImGui's GLFW backend).
#pragma once

#include <imgui.h>

#include <string>

#include "ui/app.h"
#include "ui/panels.h"
#include "ui/scene.h"
#include "ui/theme.h"

namespace sts::ui::testing {

// GLFW key codes the console uses.
inline constexpr int kGlfwEnter = 257;
inline constexpr int kGlfwTab = 258;
inline constexpr int kGlfwBackspace = 259;
inline constexpr int kGlfwUp = 265;
inline constexpr int kGlfwDown = 264;
inline constexpr int kGlfwLeftCtrl = 341;

class HeadlessImGui {
public:
    explicit HeadlessImGui(float width = 1280, float height = 720) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.Fonts->AddFontDefault();
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
        io.KeyMap[ImGuiKey_Tab] = kGlfwTab;
        io.KeyMap[ImGuiKey_LeftArrow] = 263;
        io.KeyMap[ImGuiKey_RightArrow] = 262;
        io.KeyMap[ImGuiKey_UpArrow] = kGlfwUp;
        io.KeyMap[ImGuiKey_DownArrow] = kGlfwDown;
        io.KeyMap[ImGuiKey_PageUp] = 266;
        io.KeyMap[ImGuiKey_PageDown] = 267;
        io.KeyMap[ImGuiKey_Home] = 268;
        io.KeyMap[ImGuiKey_End] = 269;
        io.KeyMap[ImGuiKey_Insert] = 260;
        io.KeyMap[ImGuiKey_Delete] = 261;
        io.KeyMap[ImGuiKey_Backspace] = kGlfwBackspace;
        io.KeyMap[ImGuiKey_Space] = 32;
        io.KeyMap[ImGuiKey_Enter] = kGlfwEnter;
        io.KeyMap[ImGuiKey_Escape] = 256;
        io.KeyMap[ImGuiKey_KeyPadEnter] = 335;
        io.KeyMap[ImGuiKey_A] = 'A';
        io.KeyMap[ImGuiKey_C] = 'C';
        io.KeyMap[ImGuiKey_V] = 'V';
        io.KeyMap[ImGuiKey_X] = 'X';
        io.KeyMap[ImGuiKey_Y] = 'Y';
        io.KeyMap[ImGuiKey_Z] = 'Z';
        io.SetClipboardTextFn = [](void* ud, const char* text) { *static_cast<std::string*>(ud) = text; };
        io.GetClipboardTextFn = [](void* ud) { return static_cast<std::string*>(ud)->c_str(); };
        io.ClipboardUserData = &clipboard;
        ui::ApplyStyle();
    }
    ~HeadlessImGui() { ImGui::DestroyContext(); }
    HeadlessImGui(const HeadlessImGui&) = delete;
    HeadlessImGui& operator=(const HeadlessImGui&) = delete;

    // One frame: the app's clock, then the page.
    void Frame(App& app, SceneRenderer& renderer, float dt = 1.0f / 60.0f) {
        ImGuiIO& io = ImGui::GetIO();
        io.DeltaTime = dt;
        app.Tick(dt * 1000.0);
        ImGui::NewFrame();
        DrawUi(app, renderer);
        ImGui::Render();
    }
    // Types text, then presses and releases a key over two frames.
    void Type(App& app, SceneRenderer& r, const std::string& text) {
        ImGui::GetIO().AddInputCharactersUTF8(text.c_str());
        Frame(app, r);
    }
    void Press(App& app, SceneRenderer& r, int key, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[key] = true;
        Frame(app, r);
        io.KeysDown[key] = false;
        io.KeyCtrl = false;
        Frame(app, r);
    }
    void Click(App& app, SceneRenderer& r, float x, float y, int button = 0) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, y);
        Frame(app, r);
        io.MouseDown[button] = true;
        Frame(app, r);
        io.MouseDown[button] = false;
        Frame(app, r);
    }

    std::string clipboard;
};

}  // namespace sts::ui::testing
