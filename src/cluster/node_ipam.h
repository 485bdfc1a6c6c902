// Pod IP allocation on one node, as the host-local CNI IPAM plugin does it: addresses of the
// node's /24 pod CIDR from .2 upward (.1 is the bridge gateway), continuing after the last one
// handed out and wrapping around, so a recreated pod usually gets a new IP.
#pragma once

#include <set>
#include <string>

namespace sts::cluster {

class NodeIpam {
public:
    // cidr: "10.244.1.0/24".
    explicit NodeIpam(const std::string& cidr);

    // The next free address, or "" when the range is exhausted.
    std::string Allocate();
    void Release(const std::string& ip);
    size_t InUse() const { return in_use_.size(); }
    const std::string& prefix() const { return prefix_; }

private:
    std::string prefix_;  // "10.244.1."
    int last_ = 1;        // last host number handed out
    std::set<int> in_use_;
};

}  // namespace sts::cluster
