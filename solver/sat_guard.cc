// CaDiCaL's calls that allocate, with its C++ exceptions (out of memory) turned into
// return codes: no exception may cross the library's C code, which would abort.
#include <ccadical.h>

extern "C" {

CCaDiCaL *sch__cadical_init(void);
int sch__cadical_add(CCaDiCaL *cc, int lit);
int sch__cadical_solve(CCaDiCaL *cc);
int sch__cadical_assume(CCaDiCaL *cc, int lit);

CCaDiCaL *sch__cadical_init(void)
{
	try {
		return ccadical_init();
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
