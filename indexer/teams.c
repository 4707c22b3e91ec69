/* teams.c: the lines of a story that are sports results, where a name stands for a team. */
#include <config.h>
#include <string.h>
#include "words.h"

/* A score, a count or a ranking: digits, with points, commas or dashes ("2", "2-1", ".513"). */
static int number(const word_t *w)
{
    int digits = 0;
    for (size_t k = 0; k < w->n; k++) {
        char c = w->p[k];
        if (c >= '0' && c <= '9')
            digits++;
        else if (c != '.' && c != ',' && c != '-')
            return 0;
    }
    return digits > 0;
}

static int lower(const word_t *w)
{
    return w->n && w->p[0] >= 'a' && w->p[0] <= 'z';
}

/* Whether words [s, e) are a line of results: nearly no words in lower case (two at most
 * besides "v", "vs" and "at"), and names that stand before scores ("Aston Villa 2 Derby 0"),
 * a name before a row of three figures or more ("Stoke 4 3 1 0 7 4 10"), or two names either
 * side of "v", "vs" or "at" ("Leeds v Wimbledon"). A name before one number ("Boeing 747
 * crashes near Paris") and a date ("April 15, 1993") are no results. */
static int result_line(const words_t *ws, size_t s, size_t e)
{
    static const char *const versus[] = {"v", "vs", "at", NULL};
    static const char *const months[] = {"january", "february", "march", "april", "may", "june",
                                         "july", "august", "september", "october", "november",
                                         "december", "jan", "feb", "mar", "apr", "jun", "jul",
                                         "aug", "sep", "sept", "oct", "nov", "dec", NULL};
    int lowers = 0, scored = 0, row = 0, against = 0;
    if (e - s < 2 || !ws->w[s].upper)
        return 0;
    for (size_t i = s; i < e; i++) {
        const word_t *w = &ws->w[i];
        if (lower(w) && !dl_word_is(w, versus))
            lowers++;
        if (i + 1 < e && w->upper && !w->stop && !w->paren && number(&ws->w[i + 1]) &&
            !dl_word_is(w, months)) {
            scored++;
            row = row || (i + 3 < e && number(&ws->w[i + 2]) && number(&ws->w[i + 3]));
        }
        if (i > s && i + 1 < e && dl_word_is(w, versus) && ws->w[i - 1].upper &&
            ws->w[i + 1].upper)
            against = 1;
    }
    return lowers <= 2 && (scored >= 2 || row || against);
}

/* Whether a newline parts words i - 1 and i. */
static int newline_before(const words_t *ws, size_t i)
{
    const word_t *prev = &ws->w[i - 1];
    return memchr(prev->p + prev->n, '\n', (size_t)(ws->w[i].p - (prev->p + prev->n))) != NULL;
}

int dl_words_in_results(const words_t *ws, size_t from, size_t to, size_t i)
{
    static const char *const versus[] = {"v", "vs", "at", NULL};
    /* only a name beside a score or a "v" can be a team: most are let go here, unread */
    const word_t *next = i + 1 < to ? &ws->w[i + 1] : NULL, *prev = i > from ? &ws->w[i - 1] : NULL;
    if (!(next && (number(next) || dl_word_is(next, versus))) &&
        !(prev && (number(prev) || dl_word_is(prev, versus))))
        return 0;
    size_t s = i, e = i + 1;
    while (s > from && !newline_before(ws, s))
        s--;
    while (e < to && !newline_before(ws, e))
        e++;
    return result_line(ws, s, e);
}

int dl_words_sports(const words_t *ws)
{
    static const char *const sports[] = {
        "inning", "innings", "goal", "goals", "scored", "striker", "midfielder", "pitcher",
        "homer", "homers", "league", "match", "matches", "championship", "tournament", "coach",
        "season", "draw", "penalty", "wickets", "batting", "bowler", "quarterback", "touchdown",
        "playoffs", "semifinal", "final", "seeded", "game", "games", "cup", NULL};
    int hits = 0;
    for (size_t i = 0; i < ws->nw && hits < 3; i++)
        hits += !ws->w[i].upper && dl_word_is(&ws->w[i], sports);
    return hits >= 3;
}

int dl_words_team_name(const words_t *ws, size_t first, size_t last)
{
    static const char *const plays[] = {
        "beat", "beats", "drew", "defeated", "routed", "blanked", "thrashed", "edged",
        "upstaged", "hammered", "crushed", "downed", "host", "hosts", "hosted", "lost", "won",
        "held", "trailed", "led", "play", "plays", "played", "against", "over", NULL};
    const word_t *next = last + 1 < ws->nw ? &ws->w[last + 1] : NULL;
    const word_t *prev = first > 0 ? &ws->w[first - 1] : NULL;
    /* "the Toronto Blue Jays", "Chicago White Sox": a club's name after the town */
    if (next && !ws->w[last].stop && next->upper && !next->sentence)
        return 1;
    /* "Liverpool beat Coventry", "beat Groningen 4-1", "2-1 over Oakland" */
    if (next && !ws->w[last].stop && !next->upper && dl_word_is(next, plays))
        return 1;
    return prev && !prev->stop && !prev->upper && dl_word_is(prev, plays);
}

const char *const dl_words_locative[] = {"in", "at", "from", "near", "to", "outside", "across",
                                         "into", "towards", "toward", "around", "of", "inside",
                                         "via", "through", "north", "south", "east", "west",
                                         NULL};

int dl_words_at_ground(const words_t *ws, size_t i)
{
    static const char *const at[] = {"at", NULL};
    const word_t *prev = i > 0 ? &ws->w[i - 1] : NULL;
    return prev && !prev->stop && dl_word_is(prev, dl_words_locative) &&
           !(dl_word_is(prev, at) && !prev->upper && !prev->paren);
}
