// CaDiCaL's calls that allocate, with its C++ exceptions (out of memory) turned into
// return codes: no exception may cross the library's C code, which would abort.
#include <ccadical.h>
#include <mutex>

extern "C" {

CCaDiCaL *sch__cadical_init(const char *const *names, const int *values, int n);
int sch__cadical_add(CCaDiCaL *cc, int lit);
int sch__cadical_solve(CCaDiCaL *cc);
int sch__cadical_assume(CCaDiCaL *cc, int lit);

// A solver's constructor writes CaDiCaL's static option table, which setting an
// option reads: both under one lock (two searches start in two threads; helgrind
// showed the race).
static std::mutex init_lock;

CCaDiCaL *sch__cadical_init(const char *const *names, const int *values, int n)
{
	try {
		std::lock_guard<std::mutex> hold(init_lock);
		CCaDiCaL *cc = ccadical_init();
		for (int i = 0; i < n; i++)
			ccadical_set_option(cc, names[i], values[i]);
		return cc;
	} catch (...) {
		return nullptr;
	}
}

int sch__cadical_add(CCaDiCaL *cc, int lit)
{
	try {
		ccadical_add(cc, lit);
		return 0;
	} catch (...) {
		return -1;
	}
}

// 10 satisfiable, 20 unsatisfiable, 0 stopped, -1 out of memory
int sch__cadical_solve(CCaDiCaL *cc)
{
	try {
		return ccadical_solve(cc);
	} catch (...) {
		return -1;
	}
}

int sch__cadical_assume(CCaDiCaL *cc, int lit)
{
	try {
		ccadical_assume(cc, lit);
		return 0;
	} catch (...) {
		return -1;
	}
}
}
