// `sim why` against the cluster it explains: the tutorial (ordered creation, scale-up,
// scale-down, a partitioned rolling update) and the stuck-rollout trap, run one simulated event at
// a time. After every sync of the StatefulSet controller, each line of its explanation is parsed
// and checked against the pods as they were at that moment: the pod it blames exists and is in
// the state it says, the pod it holds back is the next one the rule would act on, "in sync" only
// when every pod is Ready. An explanation line no rule here recognises fails the test, so vague
// or new wording has to be checked too.
// libstdc++ 12's <regex> trips GCC's -Wmaybe-uninitialized when optimised (a known false
// positive inside std::function); the warning's location is in headers gtest includes first, so it
// is silenced for the whole file.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "apiserver/api_server.h"
#include "controllers/statefulset/statefulset_controller.h"
#include "controllers/statefulset/utils.h"
#include "transcript_util.h"

namespace sts::testing {
namespace {

using controllers::statefulset::SyncExplanation;

// What a pod looked like after one API write.
struct PodState {
    Time at = 0;
    bool exists = false;
    bool ready = false;  // Running and Ready, not terminating
    bool terminating = false;
    std::string phase;
    std::string revision;
};

class WhyStepper {
public:
    WhyStepper() : session_(Options()) {
        session_.sim().api().pods().AddHandler(
            [this](apiserver::WatchType type, const auto&, const std::shared_ptr<const k8s::Pod>& pod) {
                PodState s;
                s.at = session_.sim().Now();
                s.exists = type != apiserver::WatchType::kDeleted;
                s.terminating = pod->metadata.IsTerminating();
                s.phase = pod->status.phase;
                s.ready = s.exists && !s.terminating && controllers::statefulset::IsRunningAndReady(*pod);
                s.revision = controllers::statefulset::GetPodRevision(*pod);
                history_[pod->metadata.name].push_back(s);
            });
    }

    // Runs a console line to completion (it must not block: no watches here).
    void Run(const std::string& line) {
        session_.Input(line);
        output_ += session_.TakeOutput();
    }

    // Steps the simulation event by event for `d`, checking each new explanation.
    void StepFor(Duration d, const std::string& phase) {
        const Time end = session_.sim().Now() + d;
        while (true) {
            auto next = session_.sim().NextEventTime();
            if (!next || *next > end) break;
            session_.sim().RunUntil(*next);
            CheckLatest(phase);
        }
        session_.sim().RunUntil(end);
    }

    const SyncExplanation* Why() const {
        return session_.sim().statefulset_controller()->Explain("default/web");
    }
    // Every distinct explanation line seen, in order of first appearance.
    const std::vector<std::string>& seen() const { return seen_; }
    int checked() const { return checked_; }

private:
    static host::SessionOptions Options() {
        host::SessionOptions o;
        o.seed = 1;
        return o;
    }

    // The states `pod` had at time t: its last state before t and every state written at t.
    std::vector<PodState> StatesAt(const std::string& pod, Time t) const {
        std::vector<PodState> out;
        PodState before;  // not created yet
        auto it = history_.find(pod);
        if (it != history_.end()) {
            for (const auto& s : it->second) {
                if (s.at < t) before = s;
                else if (s.at == t) out.push_back(s);
            }
        }
        out.insert(out.begin(), before);
        return out;
    }
    template <class Pred>
    bool AnyStateAt(const std::string& pod, Time t, Pred pred) const {
        for (const auto& s : StatesAt(pod, t))
            if (pred(s)) return true;
        return false;
    }
    int ReplicaCount() const { return *session_.sim().api().statefulsets().Get("default", "web")->spec.replicas; }

    void CheckLatest(const std::string& phase) {
        const SyncExplanation* why = Why();
        if (!why || why->at != session_.sim().Now() || why->at == last_checked_) return;
        last_checked_ = why->at;
        ++checked_;
        const Time t = why->at;
        for (const std::string& reason : why->reasons) {
            if (std::find(seen_.begin(), seen_.end(), reason) == seen_.end()) seen_.push_back(reason);
            SCOPED_TRACE(phase + " at " + FormatRfc3339(t) + ": \"" + reason + "\"");
            std::smatch m;
            static const std::regex not_created(
                R"(^(web-\d+) not created: (web-\d+) is (.+) \(OrderedReady waits for every lower ordinal to be Running and Ready\)$)");
            static const std::regex waiting_ready(R"(^waiting for (web-\d+) to be Running and Ready: it is (.+)$)");
            static const std::regex not_deleted_terminating(
                R"(^(web-\d+) not deleted: (web-\d+) is still terminating \(OrderedReady scale-down removes one pod at a time, highest ordinal first, each once the one above is gone\)$)");
            static const std::regex waiting_terminate(R"(^waiting for (web-\d+) to terminate \(scale-down\)$)");
            static const std::regex not_updated(
                R"(^(web-\d+) not updated: (web-\d+) is (.+) \(the rolling update replaces one pod at a time, highest ordinal first, and waits for each to be Running and Ready\)$)");
            static const std::regex not_updated_phase_a(
                R"(^(web-\d+) not updated: (web-\d+) is (.+) \(the rolling update waits for every pod to be Running and Ready\)$)");
            static const std::regex not_replaced(
                R"(^(web-\d+) not replaced: it is (.+) at revision (web-\w+), and OrderedReady updates nothing until every pod is Running and Ready \(delete (web-\d+) to recreate it at (web-\w+)\)$)");
            static const std::regex last_updated(
                R"(^waiting for (web-\d+), the last pod updated, to be Running and Ready: it is (.+)$)");
            static const std::regex partition(R"(^(web-\d+) not updated: partition is (\d+)$)");
            static const std::regex replica_terminating(
                R"(^waiting for (web-\d+) to terminate \(OrderedReady recreates it only once it is gone\)$)");
            static const std::regex finished(
                R"(^(web-\d+) not recreated yet: the old pod finished \((Succeeded|Failed)\) and is still terminating; a new (web-\d+) is created once it is gone$)");
            static const std::regex in_sync(R"(^in sync: (\d+) of (\d+) pods Ready, (\d+) at update revision (web-\w+)$)");
            static const std::regex one_per_sync(
                R"(^(OrderedReady creates one pod per sync and waits for it to be Running and Ready|OrderedReady removes one pod per sync, highest ordinal first|the rolling update replaces one pod at a time, highest ordinal first)$)");
            auto not_ready = [](const PodState& s) { return s.exists && !s.ready; };
            auto ord = [](const std::string& name) { return std::stoi(name.substr(name.rfind('-') + 1)); };
            if (std::regex_match(reason, m, not_created)) {
                // The blocker is the highest pod so far and not Ready; the held-back pod is next.
                EXPECT_EQ(ord(m[1]), ord(m[2]) + 1);
                EXPECT_TRUE(AnyStateAt(m[2], t, not_ready)) << m[2] << " was Ready";
                EXPECT_TRUE(AnyStateAt(m[1], t, [](const PodState& s) { return !s.exists; })) << m[1] << " existed";
            } else if (std::regex_match(reason, m, waiting_ready)) {
                EXPECT_TRUE(AnyStateAt(m[1], t, not_ready)) << m[1] << " was Ready";
            } else if (std::regex_match(reason, m, not_deleted_terminating)) {
                EXPECT_EQ(ord(m[1]), ord(m[2]) - 1) << "scale-down goes one ordinal at a time, downwards";
                EXPECT_GE(ord(m[1]), ReplicaCount()) << m[1] << " is not condemned";
                EXPECT_TRUE(AnyStateAt(m[2], t, [](const PodState& s) { return s.exists && s.terminating; }));
            } else if (std::regex_match(reason, m, waiting_terminate)) {
                EXPECT_TRUE(AnyStateAt(m[1], t, [](const PodState& s) { return s.exists && s.terminating; }));
            } else if (std::regex_match(reason, m, not_updated) || std::regex_match(reason, m, not_updated_phase_a)) {
                const std::string update = why->update_revision;
                EXPECT_LT(ord(m[1]), ord(m[2])) << "updates go from the highest ordinal down";
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) { return s.exists && s.revision != update; }))
                    << m[1] << " was already updated";
                EXPECT_TRUE(AnyStateAt(m[2], t, not_ready)) << m[2] << " was Ready";
            } else if (std::regex_match(reason, m, not_replaced)) {
                EXPECT_EQ(m[1].str(), m[4].str());
                EXPECT_EQ(m[5].str(), why->update_revision);
                EXPECT_NE(m[3].str(), why->update_revision);
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) { return not_ready(s) && s.revision == m[3]; }));
            } else if (std::regex_match(reason, m, last_updated)) {
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) {
                    return not_ready(s) && s.revision == why->update_revision;
                }));
            } else if (std::regex_match(reason, m, partition)) {
                const auto set = session_.sim().api().statefulsets().Get("default", "web");
                ASSERT_TRUE(set->spec.update_strategy.rolling_update);
                EXPECT_EQ(std::stoi(m[2]), set->spec.update_strategy.rolling_update->partition.value_or(0));
                EXPECT_LT(ord(m[1]), std::stoi(m[2]));
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) {
                    return s.exists && s.revision != why->update_revision;
                }));
            } else if (std::regex_match(reason, m, replica_terminating)) {
                EXPECT_LT(ord(m[1]), ReplicaCount()) << m[1] << " is condemned, not a replica";
                EXPECT_TRUE(AnyStateAt(m[1], t, [](const PodState& s) { return s.exists && s.terminating; }));
            } else if (std::regex_match(reason, m, finished)) {
                EXPECT_EQ(m[1].str(), m[3].str());
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) {
                    return s.exists && s.terminating && s.phase == m[2].str();
                }));
            } else if (std::regex_match(reason, m, in_sync)) {
                EXPECT_EQ(m[1].str(), m[2].str());
                EXPECT_EQ(std::stoi(m[2]), ReplicaCount());
                for (int i = 0; i < ReplicaCount(); ++i)
                    EXPECT_TRUE(AnyStateAt("web-" + std::to_string(i), t, [](const PodState& s) { return s.ready; }))
                        << "web-" << i << " was not Ready";
            } else if (!std::regex_match(reason, one_per_sync)) {
                ADD_FAILURE() << "an explanation no rule here checks";
            }
        }
        for (const std::string& action : why->actions) {
            static const std::regex created(R"(^created (web-\d+) at revision (web-\w+)$)");
            static const std::regex deleted(R"(^deleted (web-\d+) \((scale down|phase \w+; recreated once it is gone)\)$)");
            static const std::regex updated(R"(^deleted (web-\d+) to update it to (web-\w+)$)");
            std::smatch m;
            SCOPED_TRACE(phase + " at " + FormatRfc3339(t) + ": did \"" + action + "\"");
            if (std::regex_match(action, m, created)) {
                EXPECT_TRUE(AnyStateAt(m[1], t, [&](const PodState& s) { return s.exists && s.revision == m[2]; }));
            } else if (std::regex_match(action, m, deleted) || std::regex_match(action, m, updated)) {
                EXPECT_TRUE(AnyStateAt(m[1], t, [](const PodState& s) { return !s.exists || s.terminating; }));
            } else {
                ADD_FAILURE() << "an action no rule here checks";
            }
        }
    }

    mutable host::Session session_;  // read-only queries go through its non-const accessors
    std::string output_;
    std::map<std::string, std::vector<PodState>> history_;
    std::vector<std::string> seen_;
    Time last_checked_ = -1;
    int checked_ = 0;
};

bool SawReason(const WhyStepper& s, const std::string& prefix) {
    for (const auto& r : s.seen())
        if (r.rfind(prefix, 0) == 0) return true;
    return false;
}

TEST(SimWhy, NamesTheRightPodAndRuleAtEveryStepOfTheTutorial) {
    WhyStepper s;
    s.Run("kubectl apply -f nginx-statefulset.yaml");
    s.StepFor(Minutes(2), "creation");
    EXPECT_TRUE(SawReason(s, "web-1 not created: web-0 is Pending (ContainerCreating)"));
    s.Run("kubectl scale statefulset web --replicas=5");
    s.StepFor(Minutes(3), "scale-up");
    EXPECT_TRUE(SawReason(s, "web-4 not created: web-3 is"));
    EXPECT_TRUE(SawReason(s, "waiting for web-4 to be Running and Ready"));
    s.Run("kubectl patch sts web -p '{\"spec\":{\"replicas\":3}}'");
    s.StepFor(Minutes(1), "scale-down");
    EXPECT_TRUE(SawReason(s, "web-3 not deleted: web-4 is still terminating"));
    s.Run("kubectl patch sts web -p '{\"spec\":{\"updateStrategy\":{\"rollingUpdate\":{\"partition\":1}}}}'");
    s.Run("kubectl set image sts/web nginx=registry.k8s.io/nginx:1.20");
    s.StepFor(Minutes(3), "rolling update with partition 1");
    EXPECT_TRUE(SawReason(s, "web-1 not updated: web-2 is"));
    EXPECT_TRUE(SawReason(s, "web-0 not updated: partition is 1"));
    ASSERT_NE(s.Why(), nullptr);
    EXPECT_EQ(s.Why()->reasons, std::vector<std::string>{"web-0 not updated: partition is 1"});
    EXPECT_GT(s.checked(), 20);
}

TEST(SimWhy, FollowsTheStuckRolloutAndTheForcedRollback) {
    // Reference §8.1: a rolling update to an image the registry does not have.
    WhyStepper s;
    s.Run("kubectl apply -f nginx-statefulset.yaml");
    s.Run("kubectl scale sts web --replicas=3");
    s.StepFor(Minutes(2), "creation");
    const std::string good = s.Why()->update_revision;
    s.Run("kubectl set image sts/web nginx=nginx:1.99-no-such-tag");
    s.StepFor(Minutes(3), "stuck");
    const std::string bad = s.Why()->update_revision;
    ASSERT_NE(bad, good);
    EXPECT_EQ(s.Why()->reasons,
              std::vector<std::string>{"web-1 not updated: web-2 is Pending (ImagePullBackOff) (the rolling update "
                                       "waits for every pod to be Running and Ready)"});
    s.Run("kubectl rollout undo sts/web");
    s.StepFor(Minutes(3), "reverted");
    EXPECT_EQ(s.Why()->update_revision, good);
    // The kubelet alternates between ErrImagePull and ImagePullBackOff while it retries.
    const std::regex stuck("web-2 not replaced: it is Pending \\((ErrImagePull|ImagePullBackOff)\\) at revision " +
                           bad + ", and OrderedReady updates nothing until every pod is Running and Ready \\(delete "
                           "web-2 to recreate it at " + good + "\\)");
    ASSERT_EQ(s.Why()->reasons.size(), 1u);
    EXPECT_TRUE(std::regex_match(s.Why()->reasons[0], stuck)) << s.Why()->reasons[0];
    s.Run("kubectl delete pod web-2 --wait=false");
    s.StepFor(Minutes(2), "forced rollback");
    ASSERT_FALSE(s.Why()->reasons.empty());
    EXPECT_EQ(s.Why()->reasons[0], "in sync: 3 of 3 pods Ready, 3 at update revision " + good);
    EXPECT_GT(s.checked(), 10);
}

}  // namespace
}  // namespace sts::testing
