#include "cluster/node_ipam.h"

namespace sts::cluster {

NodeIpam::NodeIpam(const std::string& cidr) {
    const size_t slash = cidr.find('/');
    std::string base = cidr.substr(0, slash);
    const size_t dot = base.rfind('.');
    prefix_ = base.substr(0, dot + 1);
}

std::string NodeIpam::Allocate() {
    for (int step = 1; step <= 253; ++step) {
        int host = (last_ - 2 + step) % 253 + 2;  // cycles through 2..254
        if (in_use_.count(host)) continue;
        in_use_.insert(host);
        last_ = host;
        return prefix_ + std::to_string(host);
    }
    return "";
}

void NodeIpam::Release(const std::string& ip) {
    if (ip.compare(0, prefix_.size(), prefix_) != 0) return;
    in_use_.erase(std::stoi(ip.substr(prefix_.size())));
}

}  // namespace sts::cluster
