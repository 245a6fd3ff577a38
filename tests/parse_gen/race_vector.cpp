// Two threads append to one std::vector without a lock: the racing frames
// are libstdc++ templates, whose demangled names begin with a return type
// ("int& std::vector<int>::emplace_back<int>(int&&)").
#include <thread>
#include <vector>

static std::vector<int> v;

static void add(int i)
{
    v.emplace_back(i);
}

int main()
{
    v.reserve(16);
    std::thread a(add, 1);
    std::thread b(add, 2);
    a.join();
    b.join();
    return static_cast<int>(v.size()) - 2;
}
