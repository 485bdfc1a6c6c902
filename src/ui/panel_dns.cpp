// The DNS inspector: type a name and watch a pod's resolver work it out, step by step: the
// search-path expansion under ndots:5, each query to kube-dns, the answer from the headless
// Service's ready endpoints, or NXDOMAIN and why. Below, the zone's A, SRV and PTR records.
//
// Lookups go through the engine's cluster DNS (CoreDNS's view) with the answer shuffle turned
// off for the duration, so looking does not move the simulation's random stream; cluster.local
// answers are never cached by CoreDNS (kind's Corefile), so nothing else changes either.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "cluster/cluster_dns.h"
#include "engine/simulation.h"
#include "ui/app.h"
#include "ui/panels.h"
#include "ui/theme.h"

namespace sts::ui {

namespace {

struct RecordsCache {
    const App* app = nullptr;
    int generation = -1;
    uint64_t rv = ~0ull;
    std::vector<cluster::DnsRecord> records;
};

RecordsCache& ZoneRecords() {
    static RecordsCache cache;
    return cache;
}

int Dots(const std::string& s) {
    std::string t = s;
    if (!t.empty() && t.back() == '.') t.pop_back();
    return static_cast<int>(std::count(t.begin(), t.end(), '.'));
}

void Resolve(App& app, DnsState& st) {
    cluster::ClusterDns* dns = app.sim().dns();
    if (dns == nullptr) return;
    const std::string name = st.query;
    k8s::Pod probe;  // a pod of namespace default with the default dnsPolicy
    probe.metadata.namespace_ = "default";
    probe.metadata.name = "dns-inspector";
    const k8s::Pod* from = &probe;
    apiserver::Ptr<k8s::Pod> chosen;
    if (!st.from_pod.empty()) {
        chosen = app.sim().api().pods().Get("default", st.from_pod);
        if (chosen) from = chosen.get();
    }
    const cluster::ResolverConfig conf = dns->ResolverConfigFor(*from);
    dns->SetShuffle(false);
    st.result = dns->Resolve(conf, name);
    dns->SetShuffle(true);
    st.search = conf.search;
    st.ndots = conf.ndots;
    st.has_result = true;
    st.shown_at = app.visual_time();
    st.resolved_at = app.Now();
}

// Why a name under the cluster zone had no answer.
std::string WhyNx(const ClusterModel& m, const std::string& query) {
    std::string q = query;
    if (!q.empty() && q.back() == '.') q.pop_back();
    const size_t dot = q.find('.');
    const std::string first = q.substr(0, dot);
    const std::string second = dot == std::string::npos ? "" : q.substr(dot + 1, q.find('.', dot + 1) - dot - 1);
    if (dot == std::string::npos) {
        for (const auto& s : m.services)
            if (s.name == first && s.endpoints.empty()) return "Service " + first + " has no ready endpoints yet.";
        return "There is no Service named " + first + " in namespace default.";
    }
    for (const auto& s : m.services) {
        if (s.name != second) continue;
        if (const PodInfo* p = m.FindPod(first)) {
            if (!p->ready) return p->name + " exists but is not Ready: a headless Service publishes ready endpoints only.";
            return p->name + " is ready; check that its subdomain is " + second + ".";
        }
        return "No pod named " + first + " backs Service " + second + " (is the set scaled that far?).";
    }
    if (q.find("cluster.local") == std::string::npos && Dots(q) >= 1)
        return "Names outside cluster.local go to the upstream resolver, which this simulated cluster has none of.";
    return "No Service named " + second + " in namespace default.";
}

void Step(bool visible, ImU32 dot, const std::string& text, const std::string& detail = {}) {
    if (!visible) return;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    dl->AddCircleFilled(ImVec2(p.x + 6, p.y + ImGui::GetTextLineHeight() * 0.5f + 1), 4, dot);
    ImGui::SetCursorScreenPos(ImVec2(p.x + 18, p.y));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(text.c_str());
    if (!detail.empty()) ImGui::TextDisabled("%s", detail.c_str());
    ImGui::PopTextWrapPos();
}

void RecordTable(const char* id, const std::vector<const cluster::DnsRecord*>& rows, bool srv) {
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable(id, srv ? 4 : 3, flags, ImVec2(0, 0))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("name", ImGuiTableColumnFlags_WidthStretch, 4.2f);
    if (srv) ImGui::TableSetupColumn("port", ImGuiTableColumnFlags_WidthFixed, 32);
    ImGui::TableSetupColumn("data", ImGuiTableColumnFlags_WidthStretch, srv ? 3.6f : 1.6f);
    ImGui::TableSetupColumn("from", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const cluster::DnsRecord& r = *rows[static_cast<size_t>(i)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.name.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s -> %s", r.name.c_str(), r.data.c_str());
            if (srv) {
                ImGui::TableNextColumn();
                ImGui::Text("%u", r.port);
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r.data.c_str());
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", r.source.c_str());
        }
    }
    ImGui::EndTable();
}

}  // namespace

void DrawDnsPanel(App& app, PanelContext& ctx) {
    DnsState& st = app.ui().dns;
    const ClusterModel& m = ctx.model;
    if (app.sim().dns() == nullptr) {
        ImGui::TextDisabled("This engine has no cluster DNS yet.");
        return;
    }
    ImGui::TextDisabled("Resolve a name as a pod in namespace default would (busybox nslookup does the same).");
    bool go = false;
    ImGui::PushFont(FontOr(GetFonts().mono));
    ImGui::SetNextItemWidth(std::max(160.0f, ctx.area.w - 250));
    if (ImGui::InputText("##dnsq", st.query, sizeof st.query, ImGuiInputTextFlags_EnterReturnsTrue)) go = true;
    ImGui::PopFont();
    ImGui::SameLine();
    if (ImGui::Button("Resolve")) go = true;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    if (ImGui::BeginCombo("##from", st.from_pod.empty() ? "any pod" : st.from_pod.c_str())) {
        if (ImGui::Selectable("any pod", st.from_pod.empty())) st.from_pod.clear();
        for (const auto& p : m.pods)
            if (ImGui::Selectable(p.name.c_str(), st.from_pod == p.name)) st.from_pod = p.name;
        ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("The pod whose /etc/resolv.conf is used");
    const char* examples[] = {"web-0.nginx", "nginx", "web-0.nginx.default.svc.cluster.local", "web-7.nginx",
                              "kubernetes.default", "example.com"};
    for (const char* e : examples) {
        if (Chip(e, IM_COL32(30, 41, 59, 255), IM_COL32(186, 230, 253, 255), true)) {
            std::snprintf(st.query, sizeof st.query, "%s", e);
            go = true;
        }
        ImGui::SameLine(0, 6);
        if (ImGui::GetContentRegionAvail().x < 120) ImGui::NewLine();
    }
    ImGui::NewLine();
    if (!st.has_result) go = true;  // the first visit shows the default query resolving
    if (go && st.query[0] != '\0') Resolve(app, st);

    // The resolution, one step every 0.45 s.
    const float results_h = ImGui::GetContentRegionAvail().y * 0.55f;
    ImGui::BeginChild("##resolution", ImVec2(0, results_h), true);
    if (!st.has_result) {
        ImGui::TextDisabled("Pick a name above.");
    } else {
        const cluster::Resolution& r = st.result;
        const int shown = 1 + static_cast<int>((app.visual_time() - st.shown_at) / 0.45);
        int step = 0;
        std::string search;
        for (const auto& s : st.search) search += (search.empty() ? "" : " ") + s;
        const std::string name = r.name;
        const bool absolute = !name.empty() && name.back() == '.';
        const int dots = Dots(name);
        Step(step++ < shown, color::kTextMuted, "resolv.conf: nameserver 10.96.0.10, search " + search + ", ndots:" + std::to_string(st.ndots));
        if (absolute) {
            Step(step++ < shown, color::kTextMuted, name + " ends with a dot: it is absolute, no search list.");
        } else if (dots < st.ndots) {
            Step(step++ < shown, color::kTextMuted,
                 name + " has " + std::to_string(dots) + " dot" + (dots == 1 ? "" : "s") + ", fewer than ndots:" +
                     std::to_string(st.ndots) + ": each search domain is tried first, the name as typed last.");
        } else {
            Step(step++ < shown, color::kTextMuted,
                 name + " has " + std::to_string(dots) + " dots (at least ndots): it is tried as typed first.");
        }
        for (const auto& a : r.attempts) {
            if (step >= shown) break;
            ++step;
            const bool ok = a.rcode == cluster::Rcode::kNoError && !a.answers.empty();
            std::string answer;
            if (ok) {
                for (const auto& rec : a.answers) answer += std::string(cluster::RrTypeName(rec.type)) + " " + rec.data + "   ";
                if (!a.answers.front().source.empty()) answer += "(" + a.answers.front().source + ")";
            } else if (a.forwarded) {
                answer = "outside cluster.local: forwarded upstream, NXDOMAIN";
            } else {
                answer = a.rcode == cluster::Rcode::kNoError ? "NOERROR, no records" : "NXDOMAIN";
            }
            Step(true, ok ? color::kReady : color::kTerminating,
                 "? " + a.qname + " " + std::string(cluster::RrTypeName(a.qtype)) + "  -> kube-dns", answer);
        }
        if (step < shown) {
            ImGui::Spacing();
            if (r.found) {
                std::string addrs;
                for (const auto& ad : r.Addresses()) addrs += ad + " ";
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kOk), "Resolved %s to %s", r.answered_by.c_str(),
                                   addrs.c_str());
                if (r.answers.size() > 1)
                    ImGui::TextDisabled("A headless Service name returns one A record per ready pod.");
            } else {
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(color::kError), "NXDOMAIN");
                ImGui::PushTextWrapPos(0);
                ImGui::TextDisabled("%s", WhyNx(m, name).c_str());
                ImGui::PopTextWrapPos();
            }
            ImGui::TextDisabled("(resolved at %s)", ClockText(app, st.resolved_at).c_str());
        }
    }
    ImGui::EndChild();

    // Records of the zone.
    RecordsCache& rc = ZoneRecords();
    const uint64_t rv = app.sim().api().CurrentResourceVersion();
    if (rc.app != &app || rc.generation != app.generation() || rc.rv != rv) {
        rc.app = &app;
        rc.generation = app.generation();
        rc.rv = rv;
        rc.records = app.sim().dns()->Records();
    }
    // Namespace default's records (the tutorial's) unless asked for all: kube-system's come first
    // otherwise and bury them.
    static bool all_namespaces = false;
    std::vector<const cluster::DnsRecord*> a, srv, ptr;
    for (const auto& r : rc.records) {
        if (!all_namespaces && r.name.find(".default.") == std::string::npos &&
            r.source.find("default/") == std::string::npos)
            continue;
        if (r.type == cluster::RrType::kA) a.push_back(&r);
        else if (r.type == cluster::RrType::kSRV) srv.push_back(&r);
        else if (r.type == cluster::RrType::kPTR) ptr.push_back(&r);
    }
    ImGui::PushFont(FontOr(GetFonts().small));
    if (ImGui::BeginTabBar("##records")) {
        if (ImGui::TabItemButton(all_namespaces ? "all namespaces" : "namespace default", ImGuiTabItemFlags_Trailing)) {
            all_namespaces = !all_namespaces;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to show %s", all_namespaces ? "namespace default only" : "every namespace's records");
        if (ImGui::BeginTabItem(("A (" + std::to_string(a.size()) + ")").c_str())) {
            RecordTable("##a", a, false);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(("SRV (" + std::to_string(srv.size()) + ")").c_str())) {
            RecordTable("##srv", srv, true);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(("PTR (" + std::to_string(ptr.size()) + ")").c_str())) {
            RecordTable("##ptr", ptr, false);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::PopFont();
}

}  // namespace sts::ui
