// probe.cpp - the smallest threaded C++ program: if a build flavour's C++
// compiler can compile and link this, it can build the C++ cases.
#include <mutex>
#include <thread>

int main()
{
    std::mutex m;
    int n = 0;
    std::thread t([&] { std::lock_guard<std::mutex> g(m); n++; });
    t.join();
    return n != 1;
}
