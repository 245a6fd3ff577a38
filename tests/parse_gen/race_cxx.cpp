// C++ races: a lambda in std::thread and a class method in an anonymous
// namespace both write the same member without a lock.
#include <cstdio>
#include <thread>

namespace {
template <typename T> class Tally {
public:
    void operator()(T n) { total += n; }
    void add(T n) { total += n; }
    T total = 0;
};
}

int main()
{
    Tally<int> t;
    std::thread a([&t] { t.add(1); });
    std::thread b([&t] { t(2); });
    a.join();
    b.join();
    std::printf("total=%d\n", t.total);
    return 0;
}
