// Copy-on-write holder for large sub-objects (a Pod's spec) that stay the same across most
// writes: every status update copies the Pod, and sharing the unchanged spec keeps that cheap.
#pragma once

#include <memory>

namespace sts::k8s {

template <class T>
class Cow {
public:
    Cow() = default;
    Cow(T value) : p_(std::make_shared<T>(std::move(value))) {}

    const T& operator*() const { return p_ ? *p_ : Default(); }
    const T* operator->() const { return &**this; }
    const T& get() const { return **this; }
    // Returns a private, writable copy (cloning only when the value is shared).
    T& Mut() {
        if (!p_) {
            p_ = std::make_shared<T>();
        } else if (p_.use_count() > 1) {
            p_ = std::make_shared<T>(*p_);
        }
        // The object was created non-const by make_shared<T>, so writing through it is defined.
        return const_cast<T&>(*p_);
    }
    bool operator==(const Cow& other) const { return p_ == other.p_ || **this == *other; }
    bool SharesWith(const Cow& other) const { return p_ && p_ == other.p_; }

private:
    static const T& Default() {
        static const T kDefault{};
        return kDefault;
    }
    std::shared_ptr<const T> p_;
};

}  // namespace sts::k8s
