/* The built-in extraction engine: reads an article, proposes who said what.
 *
 * extract_article() returns a new annotation set for the article with every proposal as a
 * `candidate` with a confidence, the speakers it resolved, the default labels and
 * `engine: {name: saywho-rules, version: ...}`. It never fails on text: an article with no
 * attributions gives an empty set. Thread-safe after extract_init() (lexicons are compiled
 * into tables at build time; extract_init only builds indexes of them). */
#ifndef SAYWHO_EXTRACT_H
#define SAYWHO_EXTRACT_H

#include "model/annotation.h"

#define EXTRACT_ENGINE_NAME "saywho-rules"

void extract_init(void);
/* Takes ownership of `article`. */
AnnotationSet *extract_article(Article *article);

#endif
