/* words.h: a story's text cut into words, marked for what name-finding needs to know. */
#ifndef DL_WORDS_H
#define DL_WORDS_H

#include <stddef.h>

typedef struct {
    const char *p;    /* the word, without surrounding punctuation */
    size_t n;
    int upper;        /* starts with a capital */
    int caps;         /* all its letters are capitals */
    int stop;         /* punctuation follows it: no name runs past it */
    int sentence;     /* it starts a sentence */
    int weight;       /* where it stands: headline, lead or body (the caller's scale) */
    int paren;        /* it was written in brackets: "(SDF)" */
} word_t;

typedef struct {
    word_t *w;
    size_t nw, cap;
    int failed;
} words_t;

/* Appends the words of text s, each with the given weight; the last can end no name. */
void dl_words_split(words_t *ws, const char *s, int weight);
/* Makes room for cap words in all (cap > ws->cap); 0, with ws->failed, when memory ran out. */
int dl_words_grow(words_t *ws, size_t cap);
/* Whether the n bytes at p have capitals and no letter in lower case: "NATO", "U.S.". */
int dl_word_caps(const char *p, size_t n);
/* The folded keys of the phrases starting at word i, one to `most` words long, none running
 * past punctuation: writes the longest into key (cap bytes) and in klen[k] the length of the
 * key of the first k+1 words. Returns how many phrases (words) there are. */
size_t dl_words_keys(const words_t *ws, size_t i, size_t most, char *key, size_t cap,
                     size_t *klen);
/* Whether a naming of the gazetteer or the groups can stand for the n words from word i: it
 * has as many words (a hyphen may part two: "Al Hasakah" is "Al-Hasakah"), and its first and
 * last words are capitalised. "I can" is no "Ican", "A man" no "Aman". */
int dl_words_fit(const words_t *ws, size_t i, size_t n, unsigned tokens, unsigned parts);
/* Words `from` to `to` (not included) as written, one space between them, into out (cap
 * bytes, cut between whole characters, always terminated). */
void dl_words_text(const words_t *ws, size_t from, size_t to, char *out, size_t cap);
/* Whether the n words from word a are those from word b: as written, or whatever their case
 * (any_case). */
int dl_words_same(const words_t *ws, size_t a, size_t b, size_t n, int any_case);
/* Whether word w alone is a name of the gazetteer (its small towns aside): "Sydney" of
 * "Sydney's Daily Telegraph", "Armenia" of "Greece (Armenia)". */
int dl_word_a_place(const word_t *w);
/* Whether word i, of the part of the story from word `from` to `to` (not included) as split,
 * stands beside a score or a "v" in a line of sports results ("Aston Villa 2 Derby 0", "Stoke 4
 * 3 1 0 7 4 10", "Leeds v Wimbledon"), where a name is a team's (indexer/teams.c). */
int dl_words_in_results(const words_t *ws, size_t from, size_t to, size_t i);
/* Whether the story's words are a sports story's: three words of sport in lower case
 * ("inning", "goals", "league") (indexer/teams.c). */
int dl_words_sports(const words_t *ws);
/* Whether the name of words first to last stands as a team's in a sports story: before a
 * club's name ("Toronto Blue Jays") or beside a verb of play ("Liverpool beat", "beat
 * Groningen", "2-1 over Oakland") (indexer/teams.c). */
int dl_words_team_name(const words_t *ws, size_t first, size_t last);
/* Whether word i follows a word of place ("in Leeds", "at Leicester", "(at Oxford)"), which
 * makes a name the ground rather than a team; "at" in lower case outside brackets does not:
 * "Milwaukee at Minnesota" is two teams (indexer/teams.c). */
int dl_words_at_ground(const words_t *ws, size_t i);
/* Prepositions of place: "in Birmingham" puts something in a town (indexer/teams.c). */
extern const char *const dl_words_locative[];
/* Whether the word was written with a possessive, which the split left out: "Magna's". */
int dl_word_possessive(const word_t *w);
/* Whether the word is a compound modifier, a hyphen and lower-case letters to its end
 * ("Minneapolis-based", "Mo.-based", "U.S.-owned", "state-owned"): it qualifies the name
 * after it. */
int dl_word_compound(const word_t *w);
/* Whether the word is one of the NULL-terminated lower-case list, in any case. */
int dl_word_is(const word_t *w, const char *const *list);

#endif
