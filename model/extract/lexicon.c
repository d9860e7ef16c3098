/* Lookup in the generated lexicon table (see lexicon.h). */
#include <string.h>

#include "model/extract/lexicon.h"

const LexEntry *lexicon_lookup(const char *form, size_t length)
{
	uint32_t mask = lexicon_slot_count - 1;
	for (uint32_t slot = lexicon_hash(form, length) & mask;; slot = (slot + 1) & mask) {
		uint32_t index = lexicon_slots[slot];
		if (!index)
			return NULL;
		const LexEntry *entry = &lexicon_entries[index - 1];
		const char *word = lexicon_strings + entry->word;
		if (strncmp(word, form, length) == 0 && word[length] == '\0')
			return entry;
	}
}
