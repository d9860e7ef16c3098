/* Placeholder engine until the engine issue lands: proposes nothing. */
#include "model/extract/extract.h"

void extract_init(void)
{
}

AnnotationSet *extract_article(Article *article)
{
	return annotation_set_new(article);
}
