/* Lookup in the generated lexicon table (see lexicon.h). */
#include <string.h>

#include "model/extract/lexicon.h"

const LexEntry *lexicon_lookup(const char *form, size_t length)
{
	return lexicon_lookup_hashed(form, length, lexicon_hash(form, length));
}

const LexEntry *lexicon_lookup_hashed(const char *form, size_t length, uint32_t hash)
{
	uint32_t mask = lexicon_slot_count - 1;
	for (uint32_t slot = hash & mask;; slot = (slot + 1) & mask) {
		uint32_t value = lexicon_slots[slot], index = value & 0xFFFFu;
		if (!index)
			return NULL;
		if ((value ^ hash) & 0xFFFF0000u)
			continue;
		const LexEntry *entry = &lexicon_entries[index - 1];
		const char *word = lexicon_strings + entry->word;
		if (strncmp(word, form, length) == 0 && word[length] == '\0')
			return entry;
	}
}
