// An optional member held through a shared, immutable pointer: 16 bytes in place of the value's
// own room, for members that are big and usually absent or unchanged between writes (a
// container's probes, a container status's states). Every status write copies the Pod; copies
// share these, and the first write through a non-const accessor gives the holder its own copy
// (copy-on-write, as Cow does for a Pod's spec). The interface is std::optional's, so the
// reflection code and the callers treat both alike.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace sts::k8s {

template <class T>
class SharedOptional {
public:
    using value_type = T;

    SharedOptional() = default;
    SharedOptional(std::nullopt_t) {}
    SharedOptional(const T& value) : p_(std::make_shared<T>(value)) {}
    SharedOptional(T&& value) : p_(std::make_shared<T>(std::move(value))) {}
    SharedOptional& operator=(std::nullopt_t) {
        p_.reset();
        return *this;
    }

    bool has_value() const { return p_ != nullptr; }
    explicit operator bool() const { return has_value(); }
    const T& operator*() const { return *p_; }
    const T* operator->() const { return p_.get(); }
    // Writable access (the value must be present): clones the value first when it is shared.
    T& operator*() { return Mut(); }
    T* operator->() { return &Mut(); }

    template <class... Args>
    T& emplace(Args&&... args) {
        auto fresh = std::make_shared<T>(std::forward<Args>(args)...);
        T& out = *fresh;
        p_ = std::move(fresh);
        return out;
    }
    void reset() { p_.reset(); }

    bool operator==(const SharedOptional& other) const {
        if (p_ == other.p_) return true;
        return p_ && other.p_ && *p_ == *other.p_;
    }

private:
    T& Mut() {
        if (p_.use_count() > 1) p_ = std::make_shared<T>(*p_);
        // The value was created non-const by make_shared<T>, so writing through it is defined.
        return const_cast<T&>(*p_);
    }

    std::shared_ptr<const T> p_;
};

}  // namespace sts::k8s
