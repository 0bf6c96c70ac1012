/* A map from a name to an index: open addressing with linear probing, FNV-1a hashes. */
#include "namemap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return (size_t)h;
}

int sch_namemap_find(const sch_namemap *m, const char *key)
{
	if (!m->cap || !key)
		return -1;
	for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return -1;
		if (strcmp(m->keys[i], key) == 0)
			return m->vals[i];
	}
}

/* Doubles the table (kept at most half full, so probes stay short). */
static int grow(sch_namemap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	const char **keys = calloc(cap, sizeof *keys);
	int *vals = calloc(cap, sizeof *vals);
	if (!keys || !vals) {
		free(keys);
		free(vals);
		return -1;
	}
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->keys[j])
			continue;
		size_t i = hash_str(m->keys[j]) & (cap - 1);
		while (keys[i])
			i = (i + 1) & (cap - 1);
		keys[i] = m->keys[j];
		vals[i] = m->vals[j];
	}
	free(m->keys);
	free(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int sch_namemap_add(sch_namemap *m, const char *key, int val)
{
	if ((m->n + 1) * 2 > m->cap && grow(m))
		return -1;
	size_t i = hash_str(key) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return 1;
	m->keys[i] = key;
	m->vals[i] = val;
	m->n++;
	return 0;
}

void sch_namemap_free(sch_namemap *m)
{
	free(m->keys);
	free(m->vals);
	memset(m, 0, sizeof *m);
}
