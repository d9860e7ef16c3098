/* Allocation helpers: the model treats out-of-memory as fatal, so callers need no NULL checks. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/annotation.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "saywho: out of memory (allocating %zu bytes)\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory(count * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory(size);
	return p;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	if (!s)
		return NULL;
	const char *nul = memchr(s, '\0', n);
	if (nul)
		n = (size_t)(nul - s);
	char *copy = xmalloc(n + 1);
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

char *xvasprintf(const char *format, va_list args)
{
	/* Most messages fit a line: format once into the stack, and again only when longer. */
	if (!format) /* never by contract; the check also tells gcc, which warns under UBSan */
		format = "";
	char line[256];
	va_list copy;
	va_copy(copy, args);
	int length = vsnprintf(line, sizeof line, format, copy);
	va_end(copy);
	size_t size = (size_t)(length > 0 ? length : 0) + 1;
	char *text = xmalloc(size);
	if (size <= sizeof line)
		memcpy(text, line, size);
	else
		vsnprintf(text, size, format, args);
	return text;
}

char *xasprintf(const char *format, ...)
{
	va_list args;
	va_start(args, format);
	char *text = xvasprintf(format, args);
	va_end(args);
	return text;
}
