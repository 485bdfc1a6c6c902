// The `sim` command family of the console: simulator controls and explanations that have no
// kubectl equivalent (`sim why`, `sim time`, `sim readiness pod/web-1 fail`, ...). The browser's
// buttons send these same lines.
#pragma once

#include <string>
#include <vector>

#include "engine/simulation.h"
#include "kubectl/console.h"

namespace sts::host {

class SimCommands final : public kubectl::SimControl {
public:
    explicit SimCommands(engine::Simulation& sim) : sim_(sim) {}
    Result Run(const std::vector<std::string>& argv) override;

    // The namespace commands default to (the console's current one).
    void set_namespace(std::string ns) { namespace_ = std::move(ns); }

private:
    Result Why(const std::vector<std::string>& args);
    Result Time();
    Result Usage(const std::string& error);
    Result PodControl(const std::string& cmd, const std::vector<std::string>& args);
    Result Node(const std::vector<std::string>& args);
    Result Image(const std::vector<std::string>& args);
    Result Provisioner(const std::vector<std::string>& args);
    Result Dns(const std::vector<std::string>& args);

    engine::Simulation& sim_;
    std::string namespace_ = "default";
};

}  // namespace sts::host
